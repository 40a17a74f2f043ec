"""`jixiao forms` and `jixiao collect`: department forms out to Excel/WPS, and back in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .cli import DEFAULT_DATA, DataOption, app, console

if TYPE_CHECKING:
    from rich.console import Console

    from .dataset import Dataset
    from .problem import Problem

ForceOption = Annotated[bool, typer.Option("--force", help="允许覆盖已有的文件")]


def _valid_dataset(data: Path) -> Dataset:
    """The scheme and staff, without errors (a results file is not needed here)."""
    from .dataset import check_dataset, load_dataset
    from .problem import DataError

    dataset = load_dataset(data, results=[])
    errors = [p for p in check_dataset(dataset) if p.is_error]
    if errors:
        raise DataError(errors)
    return dataset


def require_xlsx_out(out: Path | None) -> None:
    """`--format xlsx` of score and progress: a workbook goes to a file, never to the terminal."""
    from .problem import UsageError

    if out is None:
        raise UsageError("--format xlsx 需要用 --out 指定要写入的 .xlsx 文件")


@app.command()
def forms(
    quarter: Annotated[int, typer.Option("--quarter", "-q", help="季度（1–4）")],
    out: Annotated[Path, typer.Option("--out", "-o", help="把各科室的填报表写入这个文件夹")],
    data: DataOption = DEFAULT_DATA,
    force: ForceOption = False,
) -> None:
    """为每个科室生成本季度的 Excel 填报表：只列该科室的计分项，只能在完成率和说明两栏填写。"""
    from .files import write_new
    from .forms import department_forms, department_leaves
    from .problem import DataError, UsageError, error

    if not 1 <= quarter <= 4:
        raise UsageError(f"--quarter 应为 1、2、3 或 4，而不是 {quarter}")
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} 不是文件夹（--out 应指定存放填报表的文件夹）")
    dataset = _valid_dataset(data)
    assert dataset.scheme is not None and dataset.directory is not None
    made = department_forms(dataset.scheme, dataset.directory, quarter)
    existing = [out / name for name in made if (out / name).exists()]
    if existing and not force:  # all or nothing: never half a set of forms
        raise DataError(
            [
                error(
                    str(path),
                    (0, 0),
                    "file-exists",
                    f"{path} 已存在，未写入任何填报表",
                    "要覆盖请加 --force，或用 --out 换一个文件夹",
                )
                for path in existing
            ]
        )
    for name, content in made.items():
        write_new(out / name, content, force=force, inputs=dataset.inputs)
        console(stderr=True, soft_wrap=True).print(f"已写入 {out / name}", markup=False)
    busy = department_leaves(dataset.scheme, dataset.directory)
    idle = [d for d in dataset.directory.canonical_departments if d not in busy]
    if idle:
        console(stderr=True, soft_wrap=True).print(
            f"没有计分项、未生成填报表的科室：{'、'.join(idle)}", markup=False
        )


@app.command()
def collect(
    folder: Annotated[Path, typer.Argument(help="存放各科室交回的填报表（.xlsx）的文件夹")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="写入的结果文件，如 data/results/2024-Q3.yaml")
    ],
    data: DataOption = DEFAULT_DATA,
    force: ForceOption = False,
) -> None:
    """汇总各科室交回的填报表，逐格检查后写成结果文件（有错误时不写入）。"""
    from .collect import collect as gather
    from .files import write_new
    from .problem import UsageError, has_errors

    if not folder.is_dir():
        raise UsageError(f"{folder} 不是文件夹（应指定存放填报表的文件夹）")
    paths = [
        p
        for p in folder.glob("*.xlsx")
        if p.is_file() and not p.name.startswith(("~$", ".~", "."))  # Excel/WPS lock files
    ]
    if not paths:
        raise UsageError(f"文件夹 {folder} 中没有 .xlsx 填报表")
    dataset = _valid_dataset(data)
    assert dataset.scheme is not None and dataset.directory is not None
    text, problems = gather(paths, dataset.scheme, dataset.directory)
    render_problems(problems, console(stderr=True, soft_wrap=True))
    if text is None or has_errors(problems):
        console(stderr=True, soft_wrap=True).print(f"有错误，未写入 {out}", markup=False)
        raise typer.Exit(1)
    write_new(out, text, force=force, inputs=[*dataset.inputs, *paths])
    console(stderr=True, soft_wrap=True).print(
        f"已写入 {out}，可用 jixiao check --results {out} 检查", markup=False
    )


def render_problems(problems: list[Problem], console: Console) -> None:
    """`错误  2024-Q3-协调科.xlsx!F7: 完成率 120 超过 100`, with the hint below."""
    from rich.text import Text

    from .collect import place

    for p in problems:
        line = Text(p.severity.label, style="bold red" if p.is_error else "yellow")
        line.append(f"  {place(p)}: {p.message}")
        console.print(line)
        if p.hint:
            console.print(Text(f"      提示：{p.hint}", style="dim"))
    errors = sum(1 for p in problems if p.is_error)
    if problems:
        console.print(Text(f"{errors} 个错误，{len(problems) - errors} 个警告", style="bold"))
