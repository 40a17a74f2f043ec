"""`jixiao trend`: the year's checks side by side, a thin wrapper over trend.py."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

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
