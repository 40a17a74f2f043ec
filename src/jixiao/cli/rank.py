"""`jixiao rank`: the city's view, every unit it evaluates scored and ranked."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .options import ForceOption, OutOption, emit, format_option, output_format


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
            metavar="参评单位文件夹",
            help="每个子文件夹是一个单位的数据目录；可含 rank.yaml（等次名额）",
            show_default=False,
        ),
    ],
    fmt: Annotated[RankFormat | None, format_option(RankFormat)] = None,
    allow_missing: Annotated[
        bool, typer.Option("--allow-missing", help="未填的完成率和评价按 0 计，该单位标为“暂定”")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="进程数",
            help="同时计分的进程数（默认：本机的处理器核数）",
        ),
    ] = None,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    """为每个参评单位计分（与 jixiao score 相同），按考评得分排名，统计各等次并按名额处理。"""
    from ..problem import ProblemsShown
    from ..rank import rank_units, unit_inputs
    from ..report.rank import RENDERERS

    chosen_format = output_format(fmt, out, RankFormat)
    ranking = rank_units(units, allow_missing=allow_missing, jobs=jobs or cpu_count())
    inputs = unit_inputs(units) if out is not None else []
    emit(RENDERERS[chosen_format](ranking), out, force=force, inputs=inputs)
    if ranking.failures:  # listed with the ranking; the exit status says the data needs fixing
        raise ProblemsShown()
