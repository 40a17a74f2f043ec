"""`jixiao score`: the bureau, department and leader scores the clerk hands up."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from .app import app
from .options import (
    DEFAULT_DATA,
    DataOption,
    ForceOption,
    OutOption,
    ResultsOption,
    emit,
    format_option,
    output_format,
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
    from ..scoring import score as compute
    from ..suggest import did_you_mean

    chosen_format = output_format(fmt, out, ScoreFormat)
    dataset, chosen = load_for_results(data, results)
    directory = dataset.directory
    card = compute(
        dataset.scheme,
        chosen.results,
        directory,
        allow_missing=allow_missing,
        results_file=chosen.name,
    )
    if department is not None:
        canonical = directory.department(department)
        if canonical is None:
            suggestion = did_you_mean(department, directory.departments)
            hint = f"，是不是 {suggestion}？" if suggestion else ""
            raise UsageError(f"没有名为“{department}”的科室{hint}")
        department = canonical
    view = View(detail=detail, department=department)
    emit(RENDERERS[chosen_format](card, view), out, force=force, inputs=dataset.inputs)
