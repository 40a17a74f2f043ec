"""Printable worksheets for XlsxWriter: CJK-aware widths, row heights, merges and print setup.

A `Grid` is a sheet's content before it is written: a title row, a subtitle row, one
header row and the table. `write_grid` sizes every column to its content (a CJK
character is two of Excel's width units), gives each row the height its wrapped text
needs (so a printout never cuts text: Excel does not grow rows under merged cells, and
WPS and LibreOffice measure differently), and sets up A4 landscape printing, one page
wide, with the title and header rows repeated on every page.

XlsxWriter is imported by the callers, never at jixiao's start-up.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

Value = str | float | int | None

TITLE_ROW, SUBTITLE_ROW, HEADER_ROW = 0, 1, 2
FIRST_ROW = HEADER_ROW + 1
FONT = "宋体"
FONT_SIZE = 11
TITLE_SIZE = 14
LINE = 16.0  # points per line of 11-point CJK text, with leading
PAD = 4.0  # points above and below the text in a cell
A4 = 9  # Excel's paper size code
TWO_DECIMALS = "0.00"
ONE_LINE_HEADER = 14  # a header up to this wide stays on one line
FOOTER = "&C&A　第 &P 页，共 &N 页"


@dataclass(frozen=True)
class Col:
    """A table column: its header, how its cells look, and how wide it may grow."""

    header: str
    style: str = "text"  # a key of STYLES
    cap: int = 40  # the widest it may get, in Excel width units; longer text wraps
    least: int = 4


def leaf_columns(*, title_cap: int = 40, leaders: bool = True) -> list[Col]:
    """The columns of `views.leaf_cells`: 序号, 内容, 责任科室, 分管领导, 科室责任人."""
    who = [Col("分管领导", "center", cap=10)] if leaders else []
    return [
        Col("序号", "center", cap=10),
        Col("内容", cap=title_cap),
        Col("责任科室", "center", cap=14),
        *who,
        Col("科室责任人", "center", cap=12),
    ]


STYLES: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": TITLE_SIZE, "align": "center"},
    "subtitle": {"font_size": 10, "align": "left"},
    "header": {"bold": True, "border": 1, "align": "center", "bg_color": "#D9D9D9"},
    "text": {"border": 1, "align": "left"},
    "center": {"border": 1, "align": "center"},
    "number": {"border": 1, "align": "right", "num_format": TWO_DECIMALS},
    "strong": {"border": 1, "align": "right", "num_format": TWO_DECIMALS, "bold": True},
    # merged down many rows (which may run over a page break): the text stays at the top
    "block": {"border": 1, "align": "center", "valign": "top"},
    "block_left": {"border": 1, "align": "left", "valign": "top"},
    "label": {"border": 1, "align": "left", "bold": True},
    "note": {"align": "left", "font_color": "#C00000"},
    "plain": {"align": "left"},
    # department forms
    "input": {"border": 1, "align": "right", "locked": False, "bg_color": "#FFF2CC"},
    "input_text": {"border": 1, "align": "left", "locked": False, "bg_color": "#FFF2CC"},
}


def formats(workbook: Any) -> dict[str, Any]:
    """One XlsxWriter format per style; every one wraps text and centres it vertically."""
    return {
        name: workbook.add_format({"font_name": FONT, "valign": "vcenter", "text_wrap": True, **p})
        for name, p in STYLES.items()
    }


def text_width(text: str) -> int:
    """Width in Excel units (the width of "0"): a full-width (CJK) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def line_count(text: str, width: float, size: int = FONT_SIZE) -> int:
    """How many lines `text` takes when wrapped in a column `width` units wide."""
    room = max(width - 1.5, 1.0) * FONT_SIZE / size
    return sum(max(1, math.ceil(text_width(part) / room)) for part in text.split("\n"))


def shown(value: Value, style: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and STYLES[style].get("num_format") == TWO_DECIMALS:
        return f"{value:.2f}"
    return str(value)


@dataclass
class Grid:
    """The content of one sheet: rows of cells below a title, a subtitle and a header row."""

    name: str
    title: str
    subtitle: str
    columns: list[Col]
    cells: dict[tuple[int, int], tuple[Value, str]] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    next_row: int = FIRST_ROW

    def add(self, values: list[Value], styles: list[str] | None = None) -> int:
        """Append a row; styles default to the columns'. Returns the row's index."""
        row = self.next_row
        for col, value in enumerate(values):
            self.cells[row, col] = (value, styles[col] if styles else self.columns[col].style)
        self.next_row += 1
        return row

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        """Merge a block; the value of its top-left cell shows, centred over the block."""
        if (first_row, first_col) != (last_row, last_col):
            self.merges.append((first_row, first_col, last_row, last_col))

    def line(self, text: str, style: str = "plain") -> int:
        """A row of free text across the whole table (a note, a formula, a signature line)."""
        row = self.add([text] + [None] * (len(self.columns) - 1), [style] * len(self.columns))
        self.merge(row, 0, row, len(self.columns) - 1)
        return row


def _spans(grid: Grid) -> dict[tuple[int, int], tuple[int, int]]:
    """For each merged block's top-left cell: how many rows and columns it covers."""
    return {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in grid.merges}


def _widths(grid: Grid, spans: dict[tuple[int, int], tuple[int, int]]) -> list[float]:
    natural = [0] * len(grid.columns)
    for (row, col), (value, style) in grid.cells.items():
        if spans.get((row, col), (1, 1))[1] == 1:
            natural[col] = max(natural[col], text_width(shown(value, style)) + 2)
    widths = []
    for col, spec in enumerate(grid.columns):
        header = text_width(spec.header) + 2
        if header > max(natural[col], ONE_LINE_HEADER):  # a long header wraps onto two lines
            header = math.ceil(text_width(spec.header) / 2) + 2
        widths.append(float(min(max(natural[col], header, spec.least), spec.cap)))
    return widths


def _heights(
    grid: Grid, widths: list[float], spans: dict[tuple[int, int], tuple[int, int]]
) -> dict[int, float]:
    total = sum(widths)
    header_lines = max(line_count(c.header, w) for c, w in zip(grid.columns, widths, strict=True))
    title_line = LINE * TITLE_SIZE / FONT_SIZE
    heights = {
        TITLE_ROW: line_count(grid.title, total, TITLE_SIZE) * title_line + PAD,
        SUBTITLE_ROW: line_count(grid.subtitle, total) * LINE + PAD,
        HEADER_ROW: header_lines * LINE + PAD,
    }
    tall: list[tuple[int, int, float]] = []  # merged blocks over several rows: (first, rows, need)
    for (row, col), (value, style) in grid.cells.items():
        rows, cols = spans.get((row, col), (1, 1))
        width = sum(widths[col : col + cols])
        need = line_count(shown(value, style), width) * LINE + PAD
        if rows == 1:
            heights[row] = max(heights.get(row, LINE + PAD), need)
        else:
            tall.append((row, rows, need))
    for row in range(FIRST_ROW, grid.next_row):
        heights.setdefault(row, LINE + PAD)
    for first, rows, need in tall:  # a merged block's rows must together hold its text
        have = sum(heights[r] for r in range(first, first + rows))
        if have < need:
            heights[first + rows - 1] += need - have
    return heights


def write_grid(workbook: Any, grid: Grid, fmt: dict[str, Any]) -> Any:
    """Write `grid` as a new worksheet of `workbook`, ready to print. Returns the worksheet."""
    sheet = workbook.add_worksheet(grid.name)
    last_col = len(grid.columns) - 1
    spans = _spans(grid)
    widths = _widths(grid, spans)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    for row, height in _heights(grid, widths, spans).items():
        sheet.set_row(row, height)

    sheet.merge_range(TITLE_ROW, 0, TITLE_ROW, last_col, grid.title, fmt["title"])
    sheet.merge_range(SUBTITLE_ROW, 0, SUBTITLE_ROW, last_col, grid.subtitle, fmt["subtitle"])
    for col, spec in enumerate(grid.columns):
        sheet.write_string(HEADER_ROW, col, spec.header, fmt["header"])
    merged: set[tuple[int, int]] = set()
    for r1, c1, r2, c2 in grid.merges:
        value, style = grid.cells.get((r1, c1), (None, "text"))
        sheet.merge_range(r1, c1, r2, c2, "", fmt[style])
        _write(sheet, r1, c1, value, fmt[style])
        merged.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
    for (row, col), (value, style) in sorted(grid.cells.items()):
        if (row, col) not in merged:
            _write(sheet, row, col, value, fmt[style])

    sheet.freeze_panes(FIRST_ROW, 0)
    print_setup(sheet)
    sheet.repeat_rows(TITLE_ROW, HEADER_ROW)
    return sheet


def print_setup(sheet: Any, pages_tall: int = 0) -> None:
    """A4 landscape, one page wide and `pages_tall` tall (0: as many as it takes), centred,
    with the sheet's name and the page number in the footer."""
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.center_horizontally()
    sheet.fit_to_pages(1, pages_tall)
    sheet.set_footer(FOOTER)


def _write(sheet: Any, row: int, col: int, value: Value, cell_format: Any) -> None:
    if value is None:
        sheet.write_blank(row, col, None, cell_format)
    elif isinstance(value, str):
        sheet.write_string(row, col, value, cell_format)
    else:
        sheet.write_number(row, col, value, cell_format)
