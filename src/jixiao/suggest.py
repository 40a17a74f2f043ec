"""“Did you mean”: the closest known name, id or key to an unknown one."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

# difflib compares the word with every known one: fine for a few slips, quadratic for a file
# whose every id is wrong. Past this many searches a Suggester answers from its index only.
MAX_SEARCHES = 20

_SEPARATORS = re.compile(r"[\W_]+")


def normal(word: str) -> str:
    """The form two spellings of one id or name share: full-width folded (NFKC), no spaces,
    every run of separators a single "-" (`1.1.1`, `1_1_1`, `１－１－１` → `1-1-1`)."""
    folded = "".join(unicodedata.normalize("NFKC", word).casefold().split())
    return _SEPARATORS.sub("-", folded).strip("-") or folded


class Suggester:
    """Suggestions against one set of known words, built once for any number of unknown ones.

    An unknown word is first looked up by its normal form (constant time); only the first
    `searches` words not found that way get a difflib search. Words in `prefer` (for an id:
    the leaves still without a figure, the ones a mistyped id most likely meant) win over
    the others.
    """

    def __init__(
        self, known: Iterable[str], prefer: Iterable[str] = (), searches: int = MAX_SEARCHES
    ) -> None:
        self.known = sorted(set(known))
        wanted = set(prefer)
        self.prefer = [word for word in self.known if word in wanted]
        self.index: dict[str, str] = {}
        for word in (*self.prefer, *self.known):  # a preferred word takes its form first
            self.index.setdefault(normal(word), word)
        self.searches = searches

    def __call__(self, word: str) -> str | None:
        found = self.index.get(normal(word))
        if found is not None and found != word:
            return found
        if self.searches <= 0:
            return None
        self.searches -= 1
        for pool in (self.prefer, self.known):
            matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.5)
            if matches:
                return matches[0]
        return None


def did_you_mean(word: str, known: Iterable[str]) -> str | None:
    """Best near match, or None. Only called on the error path, never per valid value."""
    return Suggester(known)(word)
