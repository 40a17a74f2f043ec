"""Department forms for the collect tests: made by `jixiao forms`, filled as a liaison would
(openpyxl, like Excel, saves the whole workbook), or altered inside the zip where a test
needs what no spreadsheet program writes."""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

# The figures of tests/data/mini/results/2024.yaml, typed into the forms' cells.
FILLED = {
    "2024-Q3-协调科.xlsx": {"F4": 100, "F5": 99.5},
    "2024-Q3-危化科.xlsx": {"F4": 90, "G4": "少一次督导检查"},
    "2024-Q3-指挥中心.xlsx": {"F4": 99.5},
    "2024-Q3-办公室.xlsx": {"F4": 100},
}
FORM_SHEET_XML = "xl/worksheets/sheet1.xml"  # the 填报 sheet, first in every form
META_SHEET_XML = "xl/worksheets/sheet2.xml"  # the hidden jixiao sheet


def make_forms(run, mini: Path, folder: Path, quarter: int = 3) -> Path:  # type: ignore[no-untyped-def]
    result = run("forms", "--data", mini, "--quarter", quarter, "--out", folder)
    assert result.exit_code == 0, result.output
    return folder


def fill(path: Path, cells: dict[str, object], sheet: str = "填报") -> None:
    """What a liaison does in Excel: type into cells and save."""
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(path)


def filled(run, mini: Path, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    folder = make_forms(run, mini, tmp_path / "forms")
    for name, cells in FILLED.items():
        fill(folder / name, cells)
    return folder


def rewrite(path: Path, member: str, edit: Callable[[str], str]) -> None:
    """Replace one zip member's XML by `edit(xml)`, keeping every other member as it was."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info, data in members:
            if info.filename == member:
                data = edit(data.decode("utf-8")).encode("utf-8")
            archive.writestr(info.filename, data)


def set_value(path: Path, ref: str, raw: str) -> None:
    """Write `raw` as the text of the <v> of cell `ref` of the form sheet, as it is."""

    def edit(xml: str) -> str:
        cell = re.compile(rf'(<c r="{ref}"[^>]*>)<v>[^<]*</v>')
        assert len(cell.findall(xml)) == 1, f"{ref} holds no single value"
        return cell.sub(lambda m: f"{m[1]}<v>{raw}</v>", xml)

    rewrite(path, FORM_SHEET_XML, edit)


def local_header(path: Path, member: str) -> int:
    with zipfile.ZipFile(path) as archive:
        return archive.getinfo(member).header_offset


def set_compression(path: Path, member: str, method: int) -> None:
    """Mark `member` as compressed with `method`, in its local header and in the directory."""
    data = bytearray(path.read_bytes())
    header = local_header(path, member)
    data[header + 8 : header + 10] = struct.pack("<H", method)
    path.write_bytes(bytes(data))
    set_in_directory(path, member, 10, method)


def set_in_directory(path: Path, member: str, offset: int, value: int) -> None:
    """Set the two bytes at `offset` of `member`'s entry in the zip's central directory (8: the
    general purpose flags, 10: the compression method)."""
    data = bytearray(path.read_bytes())
    entry = data.find(b"PK\x01\x02")
    while entry >= 0:
        (length,) = struct.unpack_from("<H", data, entry + 28)
        if data[entry + 46 : entry + 46 + length] == member.encode():
            data[entry + offset : entry + offset + 2] = struct.pack("<H", value)
        entry = data.find(b"PK\x01\x02", entry + 4)
    path.write_bytes(bytes(data))
