"""Bounding the work a workbook can cause before anything parses it (`jixiao collect`).

A filled form is some 10 KB of zip holding a few thousand XML elements. A hostile one of
130 KB can hold millions (2.6 million shared strings, 700,000 cell styles, 2 million cells
in one row), which openpyxl parses for tens of seconds into gigabytes. So before openpyxl
sees a file:

- the zip's central directory, read from its end record, must be small (zipfile builds an
  object for every entry it lists);
- every member is decompressed as a stream, only as far as the directory says (the total is
  bounded by the caller), stored or deflated as Excel writes them, each name once;
- every member goes through expat, which builds nothing: no DTD (entity expansion), no run of
  text or markup over 1 MB, and the elements are counted against a limit for the kind of
  part (by its root element) and for the whole workbook, stopping at the limit.

The limits let through a form of 10,000 leaves and stop a hostile one within a fraction of
a second. A member expat cannot parse is left alone: it is an image or a printer setting, or
openpyxl fails on it at the same place.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import IO
from xml.parsers import expat

MAX_DIRECTORY_BYTES = 64 * 1024  # a form's central directory is some 1 KB
# By root element. A form of 10,000 leaves (formsheet.MAX_LEAVES) saved by openpyxl, which
# writes every text inline, has 200,000 elements in its sheet and 270,000 in all; each
# limit costs openpyxl at most a second or two.
ELEMENTS = {"worksheet": 300_000, "sst": 100_000, "styleSheet": 20_000}
OTHER_ELEMENTS = 20_000
MAX_ELEMENTS = 600_000  # in the whole workbook
MAX_ROW_CELLS = 16_384  # Excel's last column, XFD
MAX_RUN = 1024 * 1024  # bytes of text or of one tag: an Excel cell holds at most 32,767 characters
# Excel finds these through the workbook's relationships and openpyxl by fixed names or
# content types: with two of one kind, the two could read different ones.
SINGLE = {"workbook": "工作簿", "sst": "共享字符串表", "styleSheet": "样式表"}
KINDS = {"worksheet": "工作表", **SINGLE}
STYLES_PART = "xl/styles.xml"  # where openpyxl reads the styles, whatever the workbook says
CHUNK = 64 * 1024
EXCEL_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class BadWorkbook(Exception):
    """The file is not a workbook collect will read; `reason` says why, in Chinese."""

    def __init__(self, reason: str, too_large: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.too_large = too_large


def check_directory(path: Path) -> None:
    """Refuse a zip whose central directory is too large to list (read from its end record).

    zipfile reads the directory's size from the end record, or from a zip64 record when a
    zip64 locator comes before the end record: the one right before the locator (Python
    3.11) or the one the locator points to (later versions). Every one of them must be small.
    A file without an end record is left to zipfile, which refuses it.
    """
    with path.open("rb") as fh:
        size = fh.seek(0, 2)
        start = max(0, size - (22 + 65_535 + 20 + 56))
        fh.seek(start)
        tail = fh.read()
        end = tail.rfind(b"PK\x05\x06")
        if end < 0 or len(tail) - end < 22:
            return
        sizes = [struct.unpack_from("<L", tail, end + 12)[0]]
        locator = end - 20
        if locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
            (pointed,) = struct.unpack_from("<Q", tail, locator + 8)
            records = [tail[max(0, locator - 56) : locator]]
            if pointed < size:
                fh.seek(pointed)
                records.append(fh.read(56))
            sizes += [
                struct.unpack_from("<Q", record, 40)[0]
                for record in records
                if len(record) == 56 and record[:4] == b"PK\x06\x06"
            ]
    if max(sizes) > MAX_DIRECTORY_BYTES:
        raise BadWorkbook(
            f"压缩包的目录有 {max(sizes):,} 字节，一份填报表只有约 1 KB", too_large=True
        )


def check_members(archive: zipfile.ZipFile) -> None:
    """Refuse odd members, then count the elements of every one (see the module's docstring)."""
    seen: set[str] = set()
    for info in archive.infolist():
        key = info.filename.casefold()  # Excel reads part names without regard to case
        if key in seen:
            raise BadWorkbook(f"压缩包中有两个“{info.filename}”")
        seen.add(key)
        if info.compress_type not in EXCEL_COMPRESSION:
            raise BadWorkbook(f"“{info.filename}”用了 Excel 不支持的压缩方式")
        if info.flag_bits & 0x1:
            raise BadWorkbook(f"“{info.filename}”被加密了")
    counter = _Counter()
    for info in archive.infolist():
        try:
            with archive.open(info) as stream:
                counter.count(info.filename, stream)
        except (zipfile.BadZipFile, zlib.error, EOFError):
            raise BadWorkbook(f"压缩包中的“{info.filename}”已损坏") from None
    for kind, parts in counter.single.items():
        if len(parts) > 1:
            raise BadWorkbook(f"有两份{SINGLE[kind]}：{'、'.join(parts)}")
    if counter.single["styleSheet"] not in ([], [STYLES_PART]):
        raise BadWorkbook(f"样式表在“{counter.single['styleSheet'][0]}”，而不在 {STYLES_PART}")


class _Counter:
    """Counts elements across the workbook's members, one expat pass per member."""

    def __init__(self) -> None:
        self.total = 0
        self.single: dict[str, list[str]] = {kind: [] for kind in SINGLE}

    def count(self, name: str, stream: IO[bytes]) -> None:
        part = _Part(self, name)
        fed = 0
        try:
            while chunk := stream.read(CHUNK):
                part.parser.Parse(chunk, False)
                fed += len(chunk)
                if fed - part.last > MAX_RUN:
                    raise BadWorkbook(
                        f"“{name}”中有一段超过 1 MB 的文字或标记，一份填报表不会有", too_large=True
                    )
            part.parser.Parse(b"", True)
        except expat.ExpatError:
            return  # not XML (an image, a printer setting): openpyxl does not parse it either


class _Part:
    """The expat handlers for one member: its kind (root element) and its counts."""

    def __init__(self, counter: _Counter, name: str) -> None:
        self.counter = counter
        self.name = name
        self.kind = ""
        self.limit = OTHER_ELEMENTS
        self.elements = 0
        self.cells = 0  # in the current row
        self.last = 0  # byte offset of the last tag
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.StartDoctypeDeclHandler = self.doctype

    def start(self, tag: str, _attrs: object) -> None:
        local = tag.rpartition(" ")[2]
        if not self.kind:
            self.kind = local
            self.limit = ELEMENTS.get(local, OTHER_ELEMENTS)
            if local in self.counter.single:
                self.counter.single[local].append(self.name)
        self.elements += 1
        self.counter.total += 1
        if self.elements > self.limit:
            raise BadWorkbook(
                f"{KINDS.get(self.kind, '')}“{self.name}”有超过 {self.limit:,} 个 XML 元素，"
                "一份填报表远没有这么多",
                too_large=True,
            )
        if self.counter.total > MAX_ELEMENTS:
            raise BadWorkbook(
                f"整个文件有超过 {MAX_ELEMENTS:,} 个 XML 元素，一份填报表远没有这么多",
                too_large=True,
            )
        if local == "row":
            self.cells = 0
        elif local == "c":
            self.cells += 1
            if self.cells > MAX_ROW_CELLS:
                raise BadWorkbook(
                    f"“{self.name}”的一行中有超过 {MAX_ROW_CELLS:,} 个单元格，超出了 Excel 的上限",
                    too_large=True,
                )
        self.last = self.parser.CurrentByteIndex

    def end(self, _tag: str) -> None:
        self.last = self.parser.CurrentByteIndex

    def doctype(self, *_args: object) -> None:
        raise BadWorkbook(f"“{self.name}”含有 DTD 声明，Excel 写的文件从不含这种声明")
