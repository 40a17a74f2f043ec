"""The one table style of the terminal reports: compact enough for 80 columns and A4."""

from __future__ import annotations

from collections.abc import Collection

from rich import box
from rich.table import Table
from rich.text import Text

from .safe import shown

# Columns whose text may fold over lines; every other column keeps its cells whole.
FOLDING = frozenset({"内容", "原因"})


def compact_table(title: str) -> Table:
    return Table(
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
    """Add columns by header; `right` ones are right-aligned (figures)."""
    for name in names:
        fold = name in FOLDING
        table.add_column(
            name,
            justify="right" if name in right else "left",
            no_wrap=not fold,
            overflow="fold",
            min_width=12 if fold else None,
        )


def add_row(table: Table, *cells: str | Text, style: str | None = None) -> None:
    """Add a row whose strings are shown as typed: a name like “[b]月报[/b]” is not Rich markup."""
    table.add_row(*(shown(c) if isinstance(c, str) else c for c in cells), style=style)
