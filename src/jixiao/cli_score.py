"""`jixiao score`: the bureau, department and leader scores the clerk hands up."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .cli import DEFAULT_DATA, DataOption, ResultsOption, app, console, write_or_print


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
    fmt: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="输出格式")
    ] = ScoreFormat.table,
    detail: Annotated[bool, typer.Option("--detail", help="列出每个计分项的得分")] = False,
    department: Annotated[
        str | None, typer.Option("--department", help="只看一个科室（可用别名）")
    ] = None,
    allow_missing: Annotated[
        bool, typer.Option("--allow-missing", help="未填的完成率和评价按 0 计，结果标为“暂定”")
    ] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="写入文件而不是屏幕")] = None,
    force: Annotated[bool, typer.Option("--force", help="允许覆盖 --out 指定的已有文件")] = False,
) -> None:
    """计算全局、各科室和各分管领导的考评得分与等次，列出取消评先评优资格的科室和个人。"""
    from .dataset import load_for_results
    from .problem import UsageError

    if fmt is ScoreFormat.xlsx:
        from .cli_excel import require_xlsx_out

        require_xlsx_out(out)
    from .report.score import RENDERERS, View
    from .scoring import score as compute
    from .suggest import did_you_mean

    dataset, name, parsed = load_for_results(data, results)
    assert dataset.scheme is not None
    directory = dataset.directory
    card = compute(
        dataset.scheme, parsed, directory, allow_missing=allow_missing, results_file=name
    )
    if department is not None:
        assert directory is not None
        canonical = directory.department(department)
        if canonical is None:
            suggestion = did_you_mean(department, directory.departments)
            hint = f"，是不是 {suggestion}？" if suggestion else ""
            raise UsageError(f"没有名为“{department}”的科室{hint}")
        department = canonical
    view = View(detail=detail, department=department)
    if fmt is ScoreFormat.xlsx:
        from .files import write_new
        from .report.xlsx import score_workbook

        assert out is not None
        write_new(out, score_workbook(card, view), force=force, inputs=dataset.inputs)
        console(stderr=True, soft_wrap=True).print(f"已写入 {out}", markup=False)
        return
    render = RENDERERS[fmt.value]
    write_or_print(lambda c: render(card, view, c), out, force=force, inputs=dataset.inputs)
