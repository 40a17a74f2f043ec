"""The clerk's year: `jixiao trend` (the year's checks side by side) and `jixiao diff` (what changed
between two results files, and what it did to the scores); thin wrappers over trend.py and
diff.py."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .options import (
    DEFAULT_DATA,
    DataOption,
    ForceOption,
    OutOption,
    emit,
    format_option,
    output_format,
)


class TrendFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"


@app.command()
def trend(
    data: DataOption = DEFAULT_DATA,
    fmt: Annotated[TrendFormat | None, format_option(TrendFormat)] = None,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    """全年进度走势：各季度（及年度）结果文件中各科室的加权完成率、逾期与滞后项数，以及连续滞后的项目。"""
    from ..report.trend import RENDERERS
    from ..trend import load_trend

    chosen_format = output_format(fmt, out, TrendFormat)
    found, inputs = load_trend(data)
    emit(RENDERERS[chosen_format](found), out, force=force, inputs=inputs)


class DiffFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


@app.command()
def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="原结果",
            help="原来的结果文件，或 git:版本（如 git:HEAD：数据目录的 git 仓库中该版本的文件）",
            show_default=False,
        ),
    ],
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="新结果",
            help="现在的结果文件或 git:版本（省略：工作目录中 score 读取的那个文件）",
        ),
    ] = None,
    data: DataOption = DEFAULT_DATA,
    results: Annotated[
        Path | None,
        typer.Option(
            "--results",
            "-r",
            metavar="文件",
            help="git:版本 一方读取的结果文件（默认与另一方相同，或 score 默认读取的文件）",
        ),
    ] = None,
    fmt: Annotated[DiffFormat | None, format_option(DiffFormat)] = None,
    allow_missing: Annotated[
        bool,
        typer.Option("--allow-missing", help="未填的完成率和评价按 0 计，该方的得分标为“暂定”"),
    ] = False,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    """比较两份结果：哪些完成率、评价、正向激励和扣分变了，各科室、分管领导和全局的得分与等次如何变化。"""
    from ..diff import compare, load_sides
    from ..report.diff import RENDERERS

    chosen_format = output_format(fmt, out, DiffFormat)
    old_side, new_side = load_sides(data, old, new, results, allow_missing=allow_missing)
    changes = compare(old_side, new_side)
    inputs = old_side.inputs + new_side.inputs
    emit(RENDERERS[chosen_format](changes), out, force=force, inputs=inputs)
