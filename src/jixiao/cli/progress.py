"""`jixiao progress` and `jixiao template`: the quarterly check, and the results file to fill."""

from __future__ import annotations

from datetime import date
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
    ResultsOption,
    console,
    emit,
    format_option,
    output_format,
    said_which,
    say,
)


class ProgressFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"


def _as_of(text: str | None) -> date | None:
    from pydantic_core import PydanticCustomError

    from ..problem import UsageError
    from ..values import parse_date

    if text is None:
        return None
    try:
        return parse_date(text)
    except PydanticCustomError as exc:
        raise UsageError(f"--as-of {exc.message()}") from None


@app.command()
def progress(
    data: DataOption = DEFAULT_DATA,
    results: ResultsOption = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="日期",
            help="按这一天检查进度，如 2024-06-30（默认取结果文件的 as_of）",
        ),
    ] = None,
    fmt: Annotated[ProgressFormat | None, format_option(ProgressFormat)] = None,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    """季度进度检查：各科室进度汇总，逾期、滞后项目的通报名单，以及未填报的项目。"""
    from ..dataset import load_for_results
    from ..problem import DataError, UsageError, error
    from ..progress import progress_report
    from ..report.progress import RENDERERS

    chosen_format = output_format(fmt, out, ProgressFormat)
    day = _as_of(as_of)
    data_set, chosen = load_for_results(data, results)
    said_which(chosen)
    figures, name = chosen.results, chosen.name
    if day is not None and day.year != figures.year:
        raise UsageError(f"--as-of {day} 不在 {name} 的考评年度 {figures.year} 内")
    if day is not None and figures.as_of is not None and day != figures.as_of:
        say(f"按 --as-of {day} 检查进度（{name} 的统计截止日期是 {figures.as_of}）")
    if day is None:
        day = figures.as_of
    if day is None:
        raise DataError(
            [
                error(
                    name,
                    figures.pos,
                    "as-of-missing",
                    f"{name} 没有写统计截止日期 as_of",
                    "在文件中加一行 as_of: 2024-06-30，或用 --as-of 指定检查日期",
                )
            ]
        )
    report = progress_report(data_set.scheme, figures, day, data_set.directory)
    emit(RENDERERS[chosen_format](report), out, force=force, inputs=data_set.inputs)


@app.command()
def template(
    data: DataOption = DEFAULT_DATA,
    quarter: Annotated[
        int | None,
        typer.Option("--quarter", "-q", metavar="季度", help="季度检查用：第几季度（1–4）"),
    ] = None,
    year: Annotated[bool, typer.Option("--year", help="年终考评用：全年的结果表")] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="文件",
            help="写到这个文件（默认 数据目录/results/<年度>-Q<季度>.yaml 或 <年度>.yaml）",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖它")] = False,
) -> None:
    """生成结果表：列出每个计分项及其责任科室、责任人，供各科室填写完成率。"""
    from ..dataset import RESULTS_DIR, load_valid
    from ..files import write_new
    from ..loader import display_name
    from ..problem import UsageError
    from ..resultsfile import render_template, results_name

    if quarter is not None and year:
        raise UsageError("--quarter 和 --year 只能选一个")
    if quarter is None and not year:
        raise UsageError("请用 --quarter N（1–4）生成季度结果表，或用 --year 生成年度结果表")
    if quarter is not None and not 1 <= quarter <= 4:
        raise UsageError(f"--quarter 应为 1 到 4，而不是 {quarter}")
    data_set = load_valid(data)
    scheme = data_set.scheme
    path = out if out is not None else data / RESULTS_DIR / results_name(scheme.year, quarter)
    text = render_template(scheme, data_set.directory, quarter)
    write_new(path, text, force=force, inputs=data_set.inputs)
    name = display_name(path)
    term = f"第 {quarter} 季度" if quarter else "全年"
    console().print(
        f"已生成 {name}：{scheme.year} 年{term}结果表，共 {len(data_set.leaves)} 个计分项。\n"
        "下一步：\n"
        "  1. 在每个序号后填写完成率（0–100），暂时没有的留空；\n"
        f"  2. jixiao check --data {display_name(data)} --results {name}     检查填写是否有误；\n"
        f"  3. jixiao progress --data {display_name(data)} --results {name}  查看进度与通报名单。",
        markup=False,
        soft_wrap=True,  # a path folded across lines cannot be copied
    )
