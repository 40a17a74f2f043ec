"""CSV as Excel and WPS open it: every CSV jixiao writes goes through `csv_text`.

- It starts with a UTF-8 BOM: without one, Excel on Windows reads the file as the ANSI code
  page and the Chinese turns to garbage.
- A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return and is not a number
  is written with a leading `'`: Excel would run it as a formula (a note
  `=HYPERLINK("http://…")` becomes a live link, `=cmd|…` worse). A number (`-0.50`) stays
  a number.
- Several tables (the scores, then the leaves) are blocks, each with its own header row,
  separated by one blank line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?%?")

Block = tuple[Sequence[str], Sequence[Sequence[str]]]  # a header row and its rows


def neutral(cell: str) -> str:
    """The cell as text Excel shows and never runs."""
    if cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def csv_text(*blocks: Block) -> str:
    """The blocks as one CSV text: a BOM, then each header and its rows, a blank line between."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for i, (header, rows) in enumerate(blocks):
        if i:
            writer.writerow([])
        writer.writerow([neutral(cell) for cell in header])
        writer.writerows([neutral(cell) for cell in row] for row in rows)
    return BOM + out.getvalue().rstrip("\n")
