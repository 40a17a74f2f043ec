"""yamltext.quote: what jixiao writes, its own loader reads back as written, and accepts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.characters import HIDDEN
from jixiao.loader import Map, load_yaml_bytes
from jixiao.yamltext import quote

_VISIBLE = st.text(
    st.characters(blacklist_categories=["Cs"]).filter(lambda c: not HIDDEN.match(c)),
    max_size=40,
)


def _read_back(scalar: str) -> object:
    """The scalar as collect writes a note: in braces, in a block two spaces deep."""
    source = f'year: 2024\ncompletion:\n  "1-1": {{completion: 90, note: {scalar}}}\n'
    tree, problems = load_yaml_bytes(source.encode("utf-8"), "f.yaml")
    assert problems == [], problems
    assert isinstance(tree, Map)
    return tree["completion"]["1-1"]["note"]  # type: ignore[index]


@given(_VISIBLE)
def test_quoted_text_reads_back_as_written(text: str) -> None:
    # the one thing not kept: blanks next to a line break, which YAML folds away
    expected = re.sub(r"[ \t]*\n[ \t]*", "\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    assert _read_back(quote(text)) == expected


@given(_VISIBLE)
def test_quoted_text_has_no_escape_but_quote_and_backslash(text: str) -> None:
    assert set(re.findall(r"\\(.)", quote(text)[1:-1], re.S)) <= {'"', "\\"}


@pytest.mark.parametrize("hidden", ["\u2028", "\x1b", "\u200b", "\x00"])
def test_a_hidden_character_cannot_be_written(hidden: str) -> None:
    with pytest.raises(ValueError, match=f"U\\+{ord(hidden):04X}"):
        quote(f"说明{hidden}")
