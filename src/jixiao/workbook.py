"""Reading an .xlsx workbook safely: limits before parsing (`xlsxbounds`), openpyxl streamed
read-only, the form sheet's own XML (`sheetxml`), and every failure of a malformed file turned
into one problem: "不是有效的填报表", never a crash.

openpyxl is imported only here (and for its table of built-in number formats in `sheetxml`),
and reads in read-only mode, row by row, so a huge or hostile workbook costs bounded memory.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .problem import Pos, Problem, Refused, Severity, error
from .sheetxml import RawCell, SheetXml, Styles, Table, read_sheet, read_styles
from .xlsxbounds import STYLES_PART, BadWorkbook, check_directory, check_members

MAX_FILE_BYTES = 10 * 1024 * 1024  # a filled form is some 10 KB
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
WHOLE = (0, 0)
T = TypeVar("T")
# Excel writes a character XML cannot hold (a control character) as _xHHHH_, and shows the
# character; openpyxl reads the seven characters. Text is read here as Excel shows it.
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


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
    """One cell: what openpyxl read (enough to tell a number from text, a formula or a date),
    and what its XML says (sheetxml): the number formats it is shown with, its raw value."""

    value: object
    data_type: str
    formats: tuple[str, ...] = ("General",)
    raw: RawCell | None = None


EMPTY = Cell(None, "n")


def invalid(name: str, reason: str, too_large: bool = False) -> Refused:
    """The file is corrupt or hostile: "不是有效的填报表", never a crash."""
    if too_large:
        hint = "一份填报表只有十几 KB；请用 jixiao forms 重新生成，再把完成率和说明填进去"
    else:
        hint = "请在 Excel/WPS 中打开后另存为 .xlsx，或用 jixiao forms 重新生成后再填"
    code = "file-too-large" if too_large else "bad-xlsx"
    return Refused(error(name, WHOLE, code, f"{name} 不是有效的填报表（{reason}）", hint))


BIG = "填报表只有几十 KB：请确认选对了文件，或用 jixiao forms 重新生成"


def check_container(path: Path, name: str) -> None:
    """Refuse what is not a workbook of sane size before openpyxl parses anything."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise Refused(error(name, WHOLE, "file-too-large", f"{name} 过大，不像是填报表", BIG))
        check_directory(path)
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise Refused(
                    error(name, WHOLE, "file-too-large", f"{name} 解压后过大，不像是填报表", BIG)
                )
            check_members(archive)
    except BadWorkbook as bad:
        raise invalid(name, bad.reason, bad.too_large) from None
    except (zipfile.BadZipFile, OSError):
        if _starts_as_zip(path):
            raise invalid(name, "压缩包已损坏，可能没有保存或传送完整") from None
        raise Refused(
            error(
                name,
                WHOLE,
                "not-xlsx",
                f"{name} 不是 .xlsx 格式的工作簿",
                "若是 .xls 或 WPS 的 .et 文件，请在 Excel/WPS 中“另存为” .xlsx",
            )
        ) from None
    except UnicodeDecodeError:
        raise invalid(name, "压缩包中有不是 UTF-8 编码的文件名") from None
    except Refused:
        raise
    except Exception as exc:  # whatever else a malformed zip makes zipfile raise
        raise invalid(name, f"压缩包已损坏（{type(exc).__name__}）") from None


def _starts_as_zip(path: Path) -> bool:
    """The file begins as a zip does (a damaged workbook, not an .xls or another file)."""
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


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
    except BadWorkbook as bad:
        raise invalid(name, bad.reason, bad.too_large) from None
    except Exception as exc:
        raise invalid(name, f"文件已损坏或不完整，无法读取：{type(exc).__name__}") from None


def read_cell(row: tuple[Any, ...], col: int) -> Cell:
    """The cell at 0-based `col` of a row openpyxl streamed (missing cells read as empty)."""
    if col >= len(row):
        return EMPTY
    cell = row[col]
    value = cell.value
    if isinstance(value, str) and "_x" in value:
        value = _ESCAPED.sub(lambda m: chr(int(m[1], 16)), value)
    return Cell(value, cell.data_type or "n")


def read_sheet_xml(path: Path, book: Any, title: str, table: Table) -> tuple[SheetXml, Styles]:
    """The sheet's own XML (the zip member openpyxl read it from) and the cell styles."""
    part = str(book[title]._worksheet_path)  # openpyxl's: so both read the same member
    with zipfile.ZipFile(path) as archive:
        with archive.open(part) as stream:
            sheet = read_sheet(stream, table)
        names = archive.namelist()
        styles = read_styles(archive.read(STYLES_PART) if STYLES_PART in names else None)
    return sheet, styles
