"""The one markdown table of every report."""

from __future__ import annotations

from collections.abc import Collection

from .safe import visible


def _cell(value: str) -> str:
    """One line, with `|` escaped so it cannot end the cell."""
    return visible(" ".join(value.split())).replace("|", "\\|")


def md_table(headers: list[str], rows: list[list[str]], right: Collection[int] = ()) -> str:
    """A GitHub-flavoured table; the columns numbered in `right` (figures) are right-aligned."""
    rule = ["---:" if i in right else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
