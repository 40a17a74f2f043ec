"""`jixiao check`: every data file checked, the problems listed."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .options import DEFAULT_DATA, DataOption, emit, format_option


class CheckFormat(str, Enum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"


FormatOption = Annotated[CheckFormat, format_option(CheckFormat, by_extension=False)]


def listing_format(fmt: CheckFormat) -> str:
    """`auto`: GitHub annotations inside a GitHub workflow, else text."""
    if fmt is CheckFormat.auto:
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return str(fmt.value)


@app.command()
def check(
    data: DataOption = DEFAULT_DATA,
    results: Annotated[
        list[Path] | None,
        typer.Option(
            "--results",
            "-r",
            metavar="文件",
            help="检查这个结果文件，而不是 results/*.yaml（可以写多次）",
        ),
    ] = None,
    fmt: FormatOption = CheckFormat.auto,
) -> None:
    """检查所有数据文件：格式、权重合计、序号、人员与科室名称。"""
    from ..dataset import check_dataset, load_dataset
    from ..problem import ProblemsShown, has_errors
    from ..report.check import RENDERERS

    problems = check_dataset(load_dataset(data, results))
    emit(RENDERERS[listing_format(fmt)](problems), None, soft_wrap=True)
    if has_errors(problems):
        raise ProblemsShown()
