"""`jixiao trend`: the year's checks side by side, a thin wrapper over trend.py."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from .app import app
from .options import DEFAULT_DATA, DataOption, ForceOption, OutOption, emit, output_format


class TrendFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"


@app.command()
def trend(
    data: DataOption = DEFAULT_DATA,
    fmt: Annotated[
        TrendFormat | None,
        typer.Option("--format", "-f", help="输出格式（默认 table；用 --out 时按文件扩展名）"),
    ] = None,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    """全年进度走势：各季度（及年度）结果文件中各科室的加权完成率、逾期与滞后项数，以及连续滞后的项目。"""
    from ..report.trend import RENDERERS
    from ..trend import load_trend

    chosen_format = output_format(
        fmt.value if fmt else None, out, "table", [f.value for f in TrendFormat]
    )
    found, inputs = load_trend(data)
    emit(RENDERERS[chosen_format](found), out, force=force, inputs=inputs)
