"""Edits to fixtures that cannot silently do nothing.

`str.replace` returns the text unchanged when the old text is not there, and a test that
meant to break a file then passes on the intact one. These fail instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import AnyStr


def replaced(text: AnyStr, old: AnyStr, new: AnyStr, count: int = -1) -> AnyStr:
    """`text.replace(old, new, count)`, failing when `old` is not in `text`."""
    assert old in text, f"{old!r} is not in the text to edit"
    return text.replace(old, new, count)


def replace_in(path: Path, old: str, new: str, count: int = -1) -> str:
    """Replace `old` by `new` in the UTF-8 file at `path` (line ends kept as they are), failing
    when `old` is not there. Returns the new text."""
    text = replaced(path.read_bytes().decode("utf-8"), old, new, count)
    path.write_bytes(text.encode("utf-8"))
    return text
