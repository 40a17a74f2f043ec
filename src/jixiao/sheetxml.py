"""The form sheet as Excel shows it, read from its XML: what openpyxl does not say.

openpyxl reads a number cell's text with Python's int() or float(), so `<v>1_00</v>`,
`<v>１００</v>`, `<v> 50</v>` and `<v>&#49;00</v>` all read as 100; in read-only mode it knows
nothing of hidden rows and columns; and it reports a number format it has no name for (the
Chinese date formats 27-36 and 50-58 among them) as General. So `collect` reads the form
sheet's XML once more itself, with expat, after `xlsxbounds` has bounded its size: for each
cell of the table, the raw text of its value and its style; which of the table's rows and
columns are hidden; merged cells and conditional formatting over the table; whether zeros
are shown; and the number formats of the cell styles.

Rows and cells must come in order, each at most once, with plain references (as every
spreadsheet program writes them), so that the cell read here is the cell openpyxl read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO
from xml.etree import ElementTree
from xml.parsers import expat

from .problem import Pos
from .xlsxbounds import CHUNK, BadWorkbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384
MIN_ROW_HEIGHT = 5.0  # points: a row lower than this shows nothing (11-point text needs 14)
MIN_COLUMN_WIDTH = 1.0  # characters: a column narrower than one digit shows nothing
DEFAULT_ROW_HEIGHT = 15.0
DEFAULT_COLUMN_WIDTH = 8.43
TRUE = ("1", "true")
FIRST_CUSTOM = 164  # numFmtId: below are Excel's built-in formats, from here the workbook's own

_INDEX = re.compile(r"[1-9][0-9]{0,6}")
_CELL_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
_AREA_CORNER = re.compile(r"\$?([A-Z]{0,3})\$?([0-9]{0,7})")


@dataclass(frozen=True)
class RawCell:
    """One cell's XML: its type, its style and the text of its value."""

    kind: str  # the `t` attribute; "n" (a number) when absent
    style: int  # the `s` attribute: an index into the workbook's cell styles
    text: str | None  # the text of `<v>`, None when there is none
    literal: bool  # that text is written out as is: no entity, CDATA, comment or second <v>


@dataclass(frozen=True)
class Table:
    """The part of the form sheet that is read and must be seen: rows first..last, A..columns."""

    first_row: int
    last_row: int
    columns: int

    def overlap(self, area: tuple[int, int, int, int]) -> Pos | None:
        """The first cell of the table inside `area` (rows r1..r2, columns c1..c2), if any."""
        r1, c1, r2, c2 = area
        row, column = max(r1, self.first_row), max(c1, 1)
        if row <= min(r2, self.last_row) and column <= min(c2, self.columns):
            return row, column
        return None


@dataclass
class SheetXml:
    cells: dict[Pos, RawCell] = field(default_factory=dict)  # the table's cells, by (row, column)
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)
    merged: list[tuple[str, Pos]] = field(default_factory=list)  # range, first cell in the table
    conditional: list[tuple[str, Pos]] = field(default_factory=list)
    show_zeros: bool = True


def column_number(letters: str) -> int:
    """`F` -> 6."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def area(ref: str) -> tuple[int, int, int, int] | None:
    """`F4:G5` -> (4, 6, 5, 7); whole columns `F:F` and rows `4:4` too; None if unreadable."""
    corners = []
    parts = ref.strip().upper().split(":")
    if len(parts) > 2:
        return None
    for part in parts:
        match = _AREA_CORNER.fullmatch(part)
        if match is None or not (match[1] or match[2]):
            return None
        corners.append(
            (int(match[2]) if match[2] else None, column_number(match[1]) if match[1] else None)
        )
    (r1, c1), (r2, c2) = corners[0], corners[-1]
    return r1 or 1, c1 or 1, r2 or MAX_ROW, c2 or MAX_COLUMN


def read_sheet(stream: IO[bytes], table: Table) -> SheetXml:
    """What the sheet's XML says about `table`; BadWorkbook when it is not as Excel writes it."""
    reader = _SheetReader(table)
    first = True
    try:
        while chunk := stream.read(CHUNK):
            if first and (chunk[:2] in (b"\xfe\xff", b"\xff\xfe") or b"\x00" in chunk[:4]):
                raise BadWorkbook("工作表不是 UTF-8 编码")
            first = False
            reader.parser.Parse(chunk, False)
        reader.parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise BadWorkbook(f"工作表的 XML 有误（{expat.ErrorString(exc.code)}）") from None
    return reader.finish()


class _SheetReader:
    """expat handlers that keep what `read_sheet` returns."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.sheet = SheetXml()
        self.row = 0
        self.column = 0
        self.rows: dict[int, tuple[bool, float | None]] = {}  # the table's rows: hidden, height
        self.columns: list[tuple[int, int, bool, float | None]] = []  # min, max, hidden, width
        self.default_height = DEFAULT_ROW_HEIGHT
        self.zero_height = False
        self.default_width = DEFAULT_COLUMN_WIDTH
        self.cell: Pos | None = None  # the table cell being read
        self.kind, self.style, self.depth = "n", 0, 0
        self.values = 0
        self.pieces: list[tuple[int, str]] | None = None  # (byte offset, text) inside <v>
        self.text: str | None = None
        self.literal = True
        self.extended = False  # inside an Excel 2010 <x14:conditionalFormatting>
        self.sqref: list[str] | None = None  # the text of its <xm:sqref>
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.XmlDeclHandler = self.declaration
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.characters
        self.parser.CommentHandler = self.other
        self.parser.ProcessingInstructionHandler = self.other
        self.parser.StartCdataSectionHandler = self.other

    def declaration(self, _version: str, encoding: str | None, _standalone: int) -> None:
        if encoding is not None and encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise BadWorkbook(f"工作表是 {encoding} 编码，Excel 写的是 UTF-8")

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        namespace, _, local = tag.rpartition(" ")
        if self.pieces is not None:
            self.literal = False  # an element inside <v>
        if self.cell is not None:
            self.depth += 1
            if self.depth == 1 and tag == f"{MAIN} v":
                self.values += 1
                self.pieces = []
            return
        if namespace != MAIN:
            if local == "conditionalFormatting":
                self.extended = True
            elif local == "sqref" and self.extended:
                self.sqref = []
            return
        if local == "row":
            self.start_row(attrs)
        elif local == "c":
            self.start_cell(attrs)
        elif local == "col":
            first = _index(attrs.get("min", ""), MAX_COLUMN)
            last = _index(attrs.get("max", ""), MAX_COLUMN)
            width = _float(attrs["width"]) if "width" in attrs else None
            self.columns.append((first, last, attrs.get("hidden") in TRUE, width))
        elif local == "sheetFormatPr":
            self.default_height = _float(attrs.get("defaultRowHeight", str(DEFAULT_ROW_HEIGHT)))
            self.zero_height = attrs.get("zeroHeight") in TRUE
            if "defaultColWidth" in attrs:
                self.default_width = _float(attrs["defaultColWidth"])
            elif "baseColWidth" in attrs:
                self.default_width = _float(attrs["baseColWidth"])
        elif local == "sheetView":
            if attrs.get("showZeros") in ("0", "false"):
                self.sheet.show_zeros = False
        elif local == "mergeCell":
            self.overlapping(attrs.get("ref", ""), self.sheet.merged)
        elif local == "conditionalFormatting":
            self.conditional(attrs.get("sqref", ""))

    def start_row(self, attrs: dict[str, str]) -> None:
        row = _index(attrs["r"], MAX_ROW) if "r" in attrs else self.row + 1
        if row <= self.row:
            raise BadWorkbook(f"工作表的第 {row} 行出现在第 {self.row} 行之后")
        self.row, self.column = row, 0
        if self.table.first_row <= row <= self.table.last_row:
            height = _float(attrs["ht"]) if "ht" in attrs else None
            self.rows[row] = (attrs.get("hidden") in TRUE, height)

    def start_cell(self, attrs: dict[str, str]) -> None:
        column = self.column + 1
        if "r" in attrs:
            match = _CELL_REF.fullmatch(attrs["r"])
            if match is None or int(match[2]) != self.row:
                raise BadWorkbook(f"第 {self.row} 行中有位置写法不对的单元格“{attrs['r'][:20]}”")
            column = column_number(match[1])
        if column <= self.column or column > MAX_COLUMN:
            raise BadWorkbook(f"第 {self.row} 行的单元格顺序错乱")
        self.column = column
        if self.table.first_row <= self.row <= self.table.last_row and column <= self.table.columns:
            self.cell = (self.row, column)
            self.kind = attrs.get("t", "n")
            self.style = _index(attrs["s"], 1 << 31) if attrs.get("s", "0") != "0" else 0
            self.depth, self.values, self.text, self.literal = 0, 0, None, True

    def characters(self, data: str) -> None:
        if self.pieces is not None:
            self.pieces.append((self.parser.CurrentByteIndex, data))
        elif self.sqref is not None:
            self.sqref.append(data)

    def other(self, *_args: object) -> None:
        if self.pieces is not None:
            self.literal = False  # a comment, processing instruction or CDATA inside <v>

    def end(self, tag: str) -> None:
        local = tag.rpartition(" ")[2]
        if self.cell is not None:
            if self.depth == 1 and self.pieces is not None and local == "v":
                self.end_value()
            if self.depth == 0:  # </c>
                literal = self.literal and self.values <= 1
                raw = RawCell(self.kind, self.style, self.text, literal)
                self.sheet.cells[self.cell] = raw
                self.cell = None
            self.depth -= 1
        elif local == "sqref" and self.sqref is not None:
            self.conditional("".join(self.sqref))
            self.sqref = None
        elif local == "conditionalFormatting" and not tag.startswith(MAIN + " "):
            self.extended = False

    def end_value(self) -> None:
        """The text of <v>; not literal when its bytes in the file are more than its text."""
        assert self.pieces is not None
        ends = [offset for offset, _ in self.pieces[1:]] + [self.parser.CurrentByteIndex]
        for (offset, text), end in zip(self.pieces, ends[: len(self.pieces)], strict=True):
            if end - offset != len(text.encode("utf-8")):
                self.literal = False  # an entity or character reference, a CR LF
        if self.text is None:
            self.text = "".join(text for _, text in self.pieces)
        self.pieces = None

    def conditional(self, ref: str) -> None:
        self.overlapping(ref, self.sheet.conditional)

    def overlapping(self, refs: str, found: list[tuple[str, Pos]]) -> None:
        for ref in refs.split() or [""]:
            bounds = area(ref)
            if bounds is None:  # unreadable: it might cover anything
                found.append((ref, (self.table.first_row, 1)))
                continue
            first = self.table.overlap(bounds)
            if first is not None:
                found.append((ref, first))

    def finish(self) -> SheetXml:
        sheet = self.sheet
        for row in range(self.table.first_row, self.table.last_row + 1):
            hidden, height = self.rows.get(row, (self.zero_height, None))
            if hidden or (height if height is not None else self.default_height) < MIN_ROW_HEIGHT:
                sheet.hidden_rows.append(row)
        columns = self.table.columns if self.table.last_row >= self.table.first_row else 0
        for column in range(1, columns + 1):
            specs = [(h, w) for first, last, h, w in self.columns if first <= column <= last]
            widths = [self.default_width if w is None else w for _, w in specs]
            if any(h for h, _ in specs) or min(widths or [self.default_width]) < MIN_COLUMN_WIDTH:
                sheet.hidden_columns.append(column)
        return sheet


# --- number formats -------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
    """The number formats of the workbook's cell styles (`xl/styles.xml`)."""

    custom: dict[int, str] = field(default_factory=dict)  # numFmtId -> format code
    cell: tuple[tuple[int, int], ...] = ((0, 0),)  # cellXfs: (numFmtId, xfId)
    named: tuple[int, ...] = (0,)  # cellStyleXfs: numFmtId

    def formats(self, style: int) -> list[str]:
        """Every format a cell of this style may be shown with: its own, and its named style's
        (LibreOffice uses that one when the cell's is not marked as applied)."""
        if style >= len(self.cell):
            raise BadWorkbook(f"单元格用了不存在的第 {style} 号样式")
        own, parent = self.cell[style]
        ids = [own] + ([self.named[parent]] if parent < len(self.named) else [])
        codes = []
        for number in ids:
            if number < FIRST_CUSTOM or number not in self.custom:
                codes.append(builtin_format(number))
            if number in self.custom:  # a custom format may also redefine a built-in number
                codes.append(self.custom[number])
        return codes


def builtin_format(number: int) -> str:
    """The code of a built-in number format, as Excel in English names it."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    code = BUILTIN_FORMATS.get(number)
    if code is not None:
        return str(code)
    return f"内置格式 {number}" if number < FIRST_CUSTOM else f"未定义的格式 {number}"


def read_styles(data: bytes | None) -> Styles:
    """The number formats of `xl/styles.xml` (bounded by xlsxbounds); defaults when absent."""
    if data is None:
        return Styles()
    root = ElementTree.fromstring(data)
    custom = {}
    for fmt in root.iter(f"{{{MAIN}}}numFmt"):
        custom[_index(fmt.get("numFmtId", ""), 1 << 31, zero=True)] = fmt.get("formatCode", "")

    def xfs(parent: str) -> list[tuple[int, int]]:
        found = root.find(f"{{{MAIN}}}{parent}")
        if found is None:
            return [(0, 0)]
        return [
            (
                _index(xf.get("numFmtId", "0"), 1 << 31, zero=True),
                _index(xf.get("xfId", "0"), 1 << 31, zero=True),
            )
            for xf in found.iter(f"{{{MAIN}}}xf")
        ]

    named = tuple(number for number, _ in xfs("cellStyleXfs"))
    return Styles(custom, tuple(xfs("cellXfs")), named)


def _index(text: str, limit: int, zero: bool = False) -> int:
    """A row, column or style number as Excel writes it: plain ASCII digits."""
    if (zero and text == "0") or (_INDEX.fullmatch(text) and int(text) <= limit):
        return int(text)
    raise BadWorkbook(f"工作表中有写法不对的编号“{text[:20]}”")


def _float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise BadWorkbook(f"工作表中有写法不对的尺寸“{text[:20]}”") from None
    if not value >= 0:  # negative or NaN
        raise BadWorkbook(f"工作表中有写法不对的尺寸“{text[:20]}”")
    return value
