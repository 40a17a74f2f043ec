"""The one table style of the terminal reports: compact enough for 80 columns and A4."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from .safe import shown, visible
from .wrap import Prose

# Columns of running text: they take the width the figures and names leave.
FOLDING = frozenset({"内容", "原因", "说明"})
# Columns of names joined by 、: when the table is too wide for the terminal they are narrowed
# to their names (at most NAME_WIDTH, wrapping after a 、) and their headings take two lines,
# so that the width goes to the text.
NAME_LISTS = frozenset({"责任科室", "科室责任人", "分管领导", "责任人"})
NAME_WIDTH = 12  # 防汛抗旱科、 — six characters


class CompactTable(Table):
    """A table that, when it is wider than the terminal, narrows its name lists first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.name_lists: set[int] = set()  # indexes of the name-list columns

    def _fit(self, console: Console, options: ConsoleOptions) -> None:
        if not self.name_lists:  # nothing to narrow: spare measuring every cell once more
            return
        lists = [self.columns[i] for i in sorted(self.name_lists)]
        for column in lists:
            column.width = None
        wide = options.update_width(10**6)
        if super().__rich_measure__(console, wide).maximum <= options.max_width:
            return
        for column in lists:
            cells = [
                Measurement.get(console, wide, cell) for cell in [column.header, *column.cells]
            ]
            names = max((m.maximum for m in cells[1:]), default=0)
            column.width = max(min(names, NAME_WIDTH), *(m.minimum for m in cells))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        self._fit(console, options)
        return super().__rich_measure__(console, options)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self._fit(console, options)
        yield from super().__rich_console__(console, options)


def compact_table(title: str) -> Table:
    return CompactTable(
        title=shown(title),
        title_justify="left",
        title_style="bold",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        collapse_padding=True,
        pad_edge=False,
    )


def add_columns(table: Table, names: list[str], right: Collection[str] = ()) -> None:
    """Add columns by header; `right` ones are right-aligned (figures). Text and name lists
    may take several lines; every other column keeps its cells whole."""
    for name in names:
        wraps = name in FOLDING or name in NAME_LISTS
        header: str | Prose = name
        if name in NAME_LISTS and isinstance(table, CompactTable):
            table.name_lists.add(len(table.columns))
            header = Prose(name, points=[2])  # 责任/科室, 分管/领导 when the column is narrow
        table.add_column(
            header,
            justify="right" if name in right else "left",
            no_wrap=not wraps,
            overflow="fold",
            min_width=12 if name in FOLDING else None,
        )


def add_row(table: Table, *cells: str | Text | Prose, style: str | None = None) -> None:
    """Add a row whose strings are shown as typed: a name like “[b]月报[/b]” is not Rich markup.
    In a column that wraps, text breaks by the rules of Chinese typesetting (`Prose`)."""
    row = []
    for i, cell in enumerate(cells):
        if isinstance(cell, str):
            cell = shown(cell)
        if isinstance(cell, Text) and i < len(table.columns) and not table.columns[i].no_wrap:
            cell = Prose(cell)
        row.append(cell)
    table.add_row(*row, style=style)


def with_note(title: str, note: str | None) -> Text:
    """A leaf's title, and below it the department's 说明 when there is one."""
    text = shown(title)
    if note:
        text.append(f"\n说明：{visible(note)}", style="dim")
    return text
