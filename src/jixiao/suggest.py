"""“Did you mean”: the closest known name, id or key to an unknown one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, known: Iterable[str]) -> str | None:
    """Best near match, or None. Only called on the error path, never per valid value."""
    candidates = list(known)
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.5)
    if matches:
        return matches[0]
    stripped = "".join(word.split())
    return stripped if stripped != word and stripped in candidates else None
