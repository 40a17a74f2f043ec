"""“Did you mean”: the closest known name, id or key to an unknown one."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def did_you_mean(word: str, known: Iterable[str]) -> str | None:
    """Best near match, or None. Only called on the error path, never per valid value."""
    candidates = list(known)
    # typed with a Chinese input method: full-width digits, hyphens and spaces (１－１－２)
    plain = "".join(unicodedata.normalize("NFKC", word).split())
    if plain != word and plain in candidates:
        return plain
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.5)
    return matches[0] if matches else None
