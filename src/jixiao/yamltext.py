"""Writing YAML text by hand (template, collect): scalars and comments that read back as written."""

from __future__ import annotations

import json
import re

_NOT_YAML_SAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_COMMENT_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def quote(text: str) -> str:
    """A YAML double-quoted scalar: JSON escapes, plus those YAML reads as breaks or refuses."""
    return _NOT_YAML_SAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))


def comment(text: str) -> str:
    """Text safe inside a `# ...` comment: one line, no characters YAML treats as breaks."""
    return " ".join(_COMMENT_UNSAFE.sub(" ", text).split())
