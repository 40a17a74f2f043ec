"""Reading an .xlsx workbook safely: size limits before parsing, openpyxl streamed read-only,
and every failure of a malformed file turned into one located problem.

openpyxl is imported only here, and reads in read-only mode, row by row, so a huge or
hostile workbook costs bounded memory.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .problem import Pos, Problem, Refused, Severity, error

MAX_FILE_BYTES = 10 * 1024 * 1024  # a filled form is some 10 KB
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
WHOLE = (0, 0)
T = TypeVar("T")


def cell_ref(row: int, column: int) -> str:
    """`(7, 6)` -> `F7`."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


def cell_problem(
    severity: Severity, file: str, pos: Pos, code: str, message: str, hint: str = ""
) -> Problem:
    """A problem with one cell of a workbook: `pos` is (row, column), both 1-based."""
    return Problem(file, pos[0], pos[1], severity, code, message, hint, cell=cell_ref(*pos))


def cell_error(file: str, pos: Pos, code: str, message: str, hint: str = "") -> Problem:
    return cell_problem(Severity.ERROR, file, pos, code, message, hint)


@dataclass(frozen=True)
class Cell:
    """What openpyxl read from one cell: enough to tell a number from text, a formula or 95%."""

    value: object
    number_format: str
    data_type: str


EMPTY = Cell(None, "General", "n")


BIG = "填报表只有几十 KB：请确认选对了文件，或用 jixiao forms 重新生成"


def check_container(path: Path, name: str) -> None:
    """Refuse what is not a workbook of sane size before openpyxl parses anything."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise Refused(error(name, WHOLE, "file-too-large", f"{name} 过大，不像是填报表", BIG))
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise Refused(
            error(
                name,
                WHOLE,
                "not-xlsx",
                f"{name} 不是 .xlsx 格式的工作簿",
                "若是 .xls 或 WPS 的 .et 文件，请在 Excel/WPS 中“另存为” .xlsx",
            )
        ) from None
    if unzipped > MAX_UNZIPPED_BYTES:
        raise Refused(error(name, WHOLE, "file-too-large", f"{name} 解压后过大，不像是填报表", BIG))


@contextmanager
def open_workbook(path: Path, name: str) -> Iterator[Any]:
    """openpyxl's read-only workbook (streamed row by row), closed afterwards."""
    import openpyxl

    book = guarded(name, lambda: openpyxl.load_workbook(path, read_only=True, data_only=False))
    try:
        yield book
    finally:
        book.close()


def guarded(name: str, read: Callable[[], T]) -> T:
    """Run an openpyxl read; whatever a malformed file makes it raise becomes one problem."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it skips
            return read()
    except Refused:
        raise
    except Exception as exc:
        raise Refused(
            error(
                name,
                WHOLE,
                "bad-xlsx",
                f"{name} 无法读取（{type(exc).__name__}），文件可能已损坏",
                "请在 Excel/WPS 中打开后重新保存，或重新用 jixiao forms 生成",
            )
        ) from None


def read_cell(row: tuple[Any, ...], col: int) -> Cell:
    """The cell at 0-based `col` of a row openpyxl streamed (missing cells read as empty)."""
    if col >= len(row):
        return EMPTY
    cell = row[col]
    return Cell(cell.value, cell.number_format or "General", cell.data_type or "n")
