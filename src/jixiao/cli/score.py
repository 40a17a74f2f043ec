"""`jixiao score`: the bureau, department and leader scores the clerk hands up."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app

if TYPE_CHECKING:
    from ..directory import Directory
from .options import (
    DEFAULT_DATA,
    DataOption,
    ForceOption,
    OutOption,
    ResultsOption,
    emit,
    format_option,
    output_format,
    said_which,
)


class ScoreFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"


@app.command()
def score(
    data: DataOption = DEFAULT_DATA,
    results: ResultsOption = None,
    fmt: Annotated[ScoreFormat | None, format_option(ScoreFormat)] = None,
    detail: Annotated[bool, typer.Option("--detail", help="列出每个计分项的得分")] = False,
    department: Annotated[
        str | None, typer.Option("--department", metavar="科室", help="只看一个科室（可用别名）")
    ] = None,
    leader: Annotated[
        str | None,
        typer.Option("--leader", metavar="姓名", help="只看一位分管领导分管的计分项与得分"),
    ] = None,
    allow_missing: Annotated[
        bool, typer.Option("--allow-missing", help="未填的完成率和评价按 0 计，结果标为“暂定”")
    ] = False,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    """计算全局、各科室和各分管领导的考评得分与等次，列出取消评先评优资格的科室和个人。"""
    from ..dataset import load_for_results
    from ..problem import UsageError
    from ..report.score import RENDERERS
    from ..report.views import View
    from ..scoring import score_results

    if department is not None and leader is not None:
        raise UsageError("--department 和 --leader 只能选一个")
    chosen_format = output_format(fmt, out, ScoreFormat)
    dataset, chosen = load_for_results(data, results)
    directory = dataset.directory
    if department is not None:
        department = _department(department, directory)
    if leader is not None:
        _leader(leader, directory)
    said_which(chosen)
    card = score_results(dataset, chosen, allow_missing=allow_missing)
    view = View(detail=detail, department=department, leader=leader)
    emit(RENDERERS[chosen_format](card, view), out, force=force, inputs=dataset.inputs)


def _department(name: str, directory: Directory) -> str:
    """The canonical name of the department asked for; a leader's name says to use --leader."""
    from ..problem import UsageError
    from ..suggest import did_you_mean

    canonical = directory.department(name)
    if canonical is not None:
        return canonical
    if name in directory.leaders:
        raise UsageError(f"“{name}”是分管领导，不是科室：请用 --leader {name}")
    suggestion = did_you_mean(name, directory.departments)
    hint = f"，是不是 {suggestion}？" if suggestion else ""
    raise UsageError(f"没有名为“{name}”的科室{hint}")


def _leader(name: str, directory: Directory) -> None:
    """A member of the leadership group; a department's name says to use --department."""
    from ..problem import UsageError
    from ..suggest import did_you_mean

    if name in directory.leaders:
        return
    if directory.department(name) is not None:
        raise UsageError(f"“{name}”是科室，不是分管领导：请用 --department {name}")
    suggestion = did_you_mean(name, sorted(directory.leaders))
    hint = f"，是不是 {suggestion}？" if suggestion else ""
    raise UsageError(f"领导小组中没有“{name}”{hint}")
