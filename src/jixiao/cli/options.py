"""What the commands share: the options every command takes, the consoles, and how output
reaches the terminal or a file."""

from __future__ import annotations

import io
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from ..dataset import ResultsFile

DataOption = Annotated[
    Path,
    typer.Option(
        "--data", "-d", metavar="目录", help="数据目录（含 indicators.yaml、staff.yaml、results/）"
    ),
]
DEFAULT_DATA = Path("data")
ResultsOption = Annotated[
    Path | None,
    typer.Option(
        "--results",
        "-r",
        metavar="文件",
        help="结果文件（默认 数据目录/results/<年度>.yaml，没有时取最新的季度结果文件）",
    ),
]
OutOption = Annotated[
    Path | None, typer.Option("--out", "-o", metavar="文件", help="写入文件而不是屏幕")
]
ForceOption = Annotated[bool, typer.Option("--force", help="允许覆盖 --out 指定的已有文件")]


FILE_WIDTH = 120  # a table written to a file is laid out for this many columns


def console(*, stderr: bool = False, soft_wrap: bool = False) -> Console:
    from rich.console import Console

    # No :name: emoji: a path or name is shown as typed (and rich._emoji_codes is not loaded).
    return Console(stderr=stderr, soft_wrap=soft_wrap, highlight=False, emoji=False)


def say(message: str) -> None:
    """A line for the clerk on stderr (what was written, which file was read)."""
    console(stderr=True, soft_wrap=True).print(message, markup=False)


def said_which(chosen: ResultsFile) -> None:
    """When jixiao picked the results file itself (no --results), which one it read."""
    if chosen.chosen:
        say(f"读取结果文件 {chosen.name}（未指定 --results）")


def emit(
    output: RenderableType | bytes,
    out: Path | None,
    *,
    force: bool = False,
    inputs: Iterable[Path] = (),
    soft_wrap: bool = False,
) -> None:
    """Show a renderer's output on the terminal, or write it atomically to `out` (an existing
    file only when forced, an input file never). Bytes (a workbook) go only to a file."""
    from .. import files
    from ..problem import UsageError

    if out is None:
        if isinstance(output, bytes):  # require_out() says so before the work is done
            raise UsageError("这种格式要写入文件：请用 --out 指定文件名")
        if isinstance(output, str):
            screen = console()
            if screen.is_terminal:  # a BOM is for a file (CSV for Excel), not the screen
                output = output.removeprefix("\ufeff")
            # as is: Rich would first style every line of it (12 MB for a 250 KB JSON ranking)
            screen.file.write(output + "\n")
        else:
            console(soft_wrap=soft_wrap).print(output)
        return
    files.write_new(out, _content(output), force=force, inputs=inputs)
    say(f"已写入 {out}")


def _content(output: RenderableType | bytes) -> str | bytes:
    if isinstance(output, (str, bytes)):
        return output if isinstance(output, bytes) else output + "\n"
    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=FILE_WIDTH, color_system=None, emoji=False).print(output)
    return buffer.getvalue()


BINARY_FORMATS = frozenset({"xlsx"})
EXTENSIONS = {".xlsx": "xlsx", ".json": "json", ".csv": "csv", ".md": "markdown"}


def format_option(formats: type[Enum], *, by_extension: bool = True) -> Any:
    """`--format`/`-f`: the formats listed in the help, in any case (`JSON` is `json`); with
    `by_extension`, its default is `output_format`'s (the first, or --out's extension)."""
    names = [str(f.value) for f in formats]
    note = f"（默认 {names[0]}；用 --out 时按文件扩展名）" if by_extension else ""
    return typer.Option(
        "--format",
        "-f",
        metavar="格式",
        case_sensitive=False,
        help=f"输出格式：{'、'.join(names)}{note}",
    )


def output_format(given: Enum | None, out: Path | None, formats: type[Enum]) -> str:
    """The format asked for; without --format, the one --out's extension names (`.xlsx`, `.json`,
    `.csv`, `.md`), else the first of `formats`. A format the extension contradicts is a usage
    error, and a workbook never goes to the terminal: both are said before any work is done."""
    from ..problem import UsageError

    choices = [str(f.value) for f in formats]
    default = choices[0]
    asked = str(given.value) if given is not None else None
    suffix = out.suffix.lower() if out is not None else ""
    implied = EXTENSIONS.get(suffix)
    if asked is None and implied is not None and implied not in choices:
        raise UsageError(f"这个命令不能输出 {suffix} 文件；可用的格式：{'、'.join(choices)}")
    if asked is not None and implied is not None and asked != implied:
        raise UsageError(
            f"--format {asked} 与 --out 的扩展名 {suffix} 不符（{suffix} 是 {implied} 格式），"
            "未写入任何文件；请去掉 --format，或改正文件的扩展名"
        )
    fmt = asked or implied or default
    if fmt in BINARY_FORMATS and out is None:
        raise UsageError(f"--format {fmt} 需要用 --out 指定要写入的 .{fmt} 文件")
    return fmt
