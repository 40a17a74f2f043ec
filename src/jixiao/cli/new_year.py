"""`jixiao new-year`: next year's data directory, started from this year's."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .options import DEFAULT_DATA, DataOption, console


@app.command("new-year")
def new_year(
    year: Annotated[
        int, typer.Argument(metavar="年份", help="新的考评年度，如 2025", show_default=False)
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            metavar="目录",
            help="新年度数据目录（须是数据目录之外的新文件夹）",
            show_default=False,
        ),
    ],
    data: DataOption = DEFAULT_DATA,
    force: Annotated[
        bool, typer.Option("--force", help="--out 文件夹已存在时，用新生成的替换它")
    ] = False,
) -> None:
    """从本年度数据生成下一年度的数据目录：复制人员名单，完成时限移到新年度，保留注释，留空结果。"""
    from ..dataset import SCHEME_FILE, STAFF_FILE
    from ..loader import display_name
    from ..newyear import new_year as build

    summary = build(data, year, out, force=force)
    where = display_name(out)
    scheme_file, staff_file = display_name(out / SCHEME_FILE), display_name(out / STAFF_FILE)
    leap = ""
    if summary.leap_days:
        leap = f"（其中 {'、'.join(summary.leap_days)} 的 2 月 29 日改为 2 月 28 日）"
    console().print(
        f"已生成 {summary.year} 年度数据目录 {where}（由 {display_name(data)} 的 "
        f"{summary.old_year} 年度数据生成）：\n"
        f"  indicators.yaml  年度改为 {summary.year}，{summary.deadlines} 个完成时限移到 "
        f"{summary.year} 年{leap}，注释和排版不变；\n"
        f"                   source 标为“{summary.source}”\n"
        "  staff.yaml       原样复制\n"
        "  results/         空，留待季度检查\n"
        "下一步：\n"
        f"  1. 按 {summary.year} 年度绩效评估工作方案修改 {scheme_file} 的考评项目："
        "增删计分项，核对权重、完成时限、分管领导、责任科室和科室责任人；\n"
        "  2. 把 source 改为新方案的文号；\n"
        f"  3. 按人员变动修改 {staff_file}：领导小组、科室与绩效工作人员、人员名单；\n"
        f"  4. jixiao check --data {where}     检查修改是否有误；\n"
        f"  5. jixiao template --data {where} --quarter 1     一季度时生成结果表。",
        markup=False,
        soft_wrap=True,
    )
