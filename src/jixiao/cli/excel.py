"""`jixiao forms` and `jixiao collect`: department forms out to Excel/WPS, and back in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .check import CheckFormat, FormatOption, listing_format
from .options import DEFAULT_DATA, DataOption, emit, say

ForceOption = Annotated[bool, typer.Option("--force", help="允许覆盖已有的文件")]


@app.command()
def forms(
    quarter: Annotated[int, typer.Option("--quarter", "-q", metavar="季度", help="季度（1–4）")],
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="文件夹", help="把各科室的填报表写入这个文件夹")
    ],
    data: DataOption = DEFAULT_DATA,
    force: ForceOption = False,
) -> None:
    """为每个科室生成本季度的 Excel 填报表：只列该科室的计分项，只能在完成率和说明两栏填写。"""
    from ..dataset import load_valid
    from ..files import write_all
    from ..forms import department_forms, department_leaves
    from ..problem import UsageError

    if not 1 <= quarter <= 4:
        raise UsageError(f"--quarter 应为 1、2、3 或 4，而不是 {quarter}")
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} 不是文件夹（--out 应指定存放填报表的文件夹）")
    dataset = load_valid(data)
    made = department_forms(dataset.scheme, dataset.directory, quarter)
    for path in write_all(out, made, force=force, inputs=dataset.inputs, noun="填报表"):
        say(f"已写入 {path}")
    busy = department_leaves(dataset.scheme, dataset.directory)
    idle = [d for d in dataset.directory.canonical_departments if d not in busy]
    if idle:
        say(f"没有计分项、未生成填报表的科室：{'、'.join(idle)}")


@app.command()
def collect(
    folder: Annotated[
        Path, typer.Argument(metavar="文件夹", help="存放各科室交回的填报表（.xlsx）的文件夹")
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", metavar="文件", help="写入的结果文件，如 data/results/2024-Q3.yaml"
        ),
    ],
    data: DataOption = DEFAULT_DATA,
    force: ForceOption = False,
    fmt: FormatOption = CheckFormat.auto,
) -> None:
    """汇总各科室交回的填报表，逐格检查后写成结果文件（有错误时不写入）。"""
    from ..collect import collect as gather
    from ..dataset import load_valid
    from ..files import write_new
    from ..problem import ProblemsShown, UsageError, has_errors
    from ..report.check import RENDERERS

    if not folder.is_dir():
        raise UsageError(f"{folder} 不是文件夹（应指定存放填报表的文件夹）")
    paths = [
        p
        for p in folder.glob("*.xlsx")
        if p.is_file() and not p.name.startswith(("~$", ".~", "."))  # Excel/WPS lock files
    ]
    if not paths:
        raise UsageError(f"文件夹 {folder} 中没有 .xlsx 填报表")
    dataset = load_valid(data)
    text, problems = gather(paths, dataset.scheme, dataset.directory)
    if problems:
        emit(RENDERERS[listing_format(fmt)](problems), None, soft_wrap=True)
    if text is None or has_errors(problems):
        say(f"有错误，未写入 {out}")
        raise ProblemsShown()
    write_new(out, text, force=force, inputs=[*dataset.inputs, *paths])
    say(f"已写入 {out}，可用 jixiao check --results {out} 检查")
