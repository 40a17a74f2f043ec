"""Writing YAML text by hand (template, collect): scalars and comments that read back as written."""

from __future__ import annotations

import re

from .characters import HIDDEN

_COMMENT_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_BREAKS = re.compile(r"[ \t]*(?:\n[ \t]*)+")  # a run of line breaks, and the blanks around it


def quote(text: str) -> str:
    """A YAML double-quoted scalar that reads back as `text` and shows it as it is.

    Only `"` and `\\` are escaped: the loader refuses every other escape, since `\\x31` does
    not read as what it shows. A line break is written the way YAML folds one, as a blank
    line, the text going on four spaces in (deeper than any block that holds it); spaces
    and tabs next to a break are not kept. A character no data file may hold (see
    `characters.HIDDEN`) is a ValueError: refuse it where it came from.
    """
    hidden = HIDDEN.search(text)
    if hidden is not None:
        raise ValueError(f"U+{ord(hidden.group()):04X} cannot be written in a data file")
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    # n line breaks in the value are n + 1 in the source: a line break alone reads as a space
    folded = _BREAKS.sub(lambda m: "\n" * (m.group().count("\n") + 1) + "    ", _lf(escaped))
    return f'"{folded}"'


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def comment(text: str) -> str:
    """Text safe inside a `# ...` comment: one line, no characters YAML treats as breaks."""
    return " ".join(_COMMENT_UNSAFE.sub(" ", text).split())
