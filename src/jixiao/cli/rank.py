"""`jixiao rank`: the city's view, every unit it evaluates scored and ranked."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .cli import app, console, write_or_print


class RankFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    xlsx = "xlsx"


def cpu_count() -> int:
    """The CPUs this process may use (a container or `taskset` may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Windows or macOS
        return os.cpu_count() or 1


@app.command()
def rank(
    units: Annotated[
        Path,
        typer.Argument(
            help="参评单位文件夹：每个子文件夹是一个单位的数据目录，可含 rank.yaml（等次名额）"
        ),
    ],
    fmt: Annotated[RankFormat, typer.Option("--format", "-f", help="输出格式")] = RankFormat.table,
    allow_missing: Annotated[
        bool, typer.Option("--allow-missing", help="未填的完成率和评价按 0 计，该单位标为“暂定”")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="同时计分的进程数（默认：CPU 个数）"),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="写入文件而不是屏幕")] = None,
    force: Annotated[bool, typer.Option("--force", help="允许覆盖 --out 指定的已有文件")] = False,
) -> None:
    """为每个参评单位计分（与 jixiao score 相同），按考评得分排名，统计各等次并按名额处理。"""
    from .rank import rank_units, unit_inputs

    if fmt is RankFormat.xlsx:
        from .cli_excel import require_xlsx_out

        require_xlsx_out(out)
    ranking = rank_units(units, allow_missing=allow_missing, jobs=jobs or cpu_count())
    inputs = unit_inputs(units) if out is not None else []
    if fmt is RankFormat.xlsx:
        from .files import write_new
        from .report.rank import rank_workbook

        assert out is not None
        write_new(out, rank_workbook(ranking), force=force, inputs=inputs)
        console(stderr=True, soft_wrap=True).print(f"已写入 {out}", markup=False)
    else:
        from .report.rank import RENDERERS

        render = RENDERERS[fmt.value]
        write_or_print(lambda c: render(ranking, c), out, force=force, inputs=inputs)
    if ranking.failures:
        raise typer.Exit(1)
