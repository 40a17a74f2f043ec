"""Text from a data file or a form, shown so that it cannot act on the reader's screen.

The loader refuses hidden characters in data files; this is the defence behind it for every
report: a control character (ESC can rewrite lines in a terminal), a bidirectional control
(it can reverse what is read) or a zero-width or line-separator character is shown as
`<U+001B>` instead of acting."""

from __future__ import annotations

import re

from rich.text import Text

_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb]"
)


def visible(text: str) -> str:
    """`text` with every character that would act rather than show written as `<U+XXXX>`."""
    return _HIDDEN.sub(lambda m: f"<U+{ord(m[0]):04X}>", text)


def shown(text: str, style: str = "") -> Text:
    """A Rich Text of `text` as typed (no markup) and visible."""
    return Text(visible(text), style=style)
