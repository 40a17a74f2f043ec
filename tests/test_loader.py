"""The YAML loader: scalars stay as typed, every value keeps its line and column."""

from __future__ import annotations

import tracemalloc
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from jixiao import loader
from jixiao.loader import Map, load_yaml


def _load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "f.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_yaml(path, "f.yaml")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("1.10", "1.10"),
        ("no", "no"),
        ("on", "on"),
        ("010", "010"),
        ("1:30", "1:30"),
        ("89.9999999999999999", "89.9999999999999999"),
        ("2024-13-45", "2024-13-45"),
        (".inf", ".inf"),
        ("NaN", "NaN"),
    ],
)
def test_yaml_11_implicit_typing_never_changes_a_value(
    tmp_path: Path, typed: str, kept: str
) -> None:
    tree, problems = _load(tmp_path, f"id: {typed}\n")
    assert problems == []
    assert tree == {"id": kept}


def test_empty_value_is_none_but_quoted_empty_is_text(tmp_path: Path) -> None:
    tree, _ = _load(tmp_path, 'a:\nb: ""\nc: ~\n')
    assert tree == {"a": None, "b": "", "c": None}


def test_positions_of_keys_values_and_items(tmp_path: Path) -> None:
    tree, _ = _load(tmp_path, "top:\n  names: [甲, 乙]\n  n: 5\n")
    assert isinstance(tree, Map)
    inner = tree["top"]
    assert inner.key_pos["n"] == (3, 3)
    assert inner.value_pos["n"] == (3, 6)
    assert inner["names"].item_pos == [(2, 11), (2, 14)]


def test_bom_is_accepted(tmp_path: Path) -> None:
    tree, problems = _load(tmp_path, b"\xef\xbb\xbfa: 1\n")
    assert (tree, problems) == ({"a": "1"}, [])


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    tree, problems = _load(tmp_path, "a:\n  b: 1\n  b: 2\n")
    assert [(p.code, p.line, p.column) for p in problems] == [("duplicate-key", 3, 3)]
    assert "第 2 行" in problems[0].message
    assert tree == {"a": {"b": "1"}}


def test_alias_bomb_is_refused_at_the_first_anchor(tmp_path: Path) -> None:
    names = "abcdefghij"
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{new}: &{new} [{','.join(['*' + old] * 9)}]\n" for old, new in pairwise(names)
    )
    tree, problems = _load(tmp_path, bomb)
    assert tree is None
    assert [(p.code, p.line) for p in problems] == [("anchor", 1)]


def test_deep_nesting_is_refused_without_recursion_error(tmp_path: Path) -> None:
    tree, problems = _load(tmp_path, "[" * 5000 + "]" * 5000)
    assert tree is None
    assert problems[0].code == "too-deep"


@pytest.mark.parametrize(
    ("data", "line"),
    [
        ("名称: 测试\n".encode("gbk"), 1),
        ("a: 1\nb: 测试\n".encode("utf-16"), 1),
        (b"a: 1\nb: \xb2\xe2\n", 2),
    ],
    ids=["gbk", "utf-16", "gbk on line 2"],
)
def test_other_encodings_ask_to_save_as_utf8(tmp_path: Path, data: bytes, line: int) -> None:
    tree, problems = _load(tmp_path, data)
    assert tree is None
    assert [(p.code, p.line) for p in problems] == [("encoding", line)]
    assert "请另存为 UTF-8" in problems[0].message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert load_yaml(tmp_path / "none.yaml", "none.yaml")[1][0].code == "file-missing"
    assert load_yaml(tmp_path, "dir")[1][0].code == "not-a-file"


def test_second_document_is_refused(tmp_path: Path) -> None:
    tree, problems = _load(tmp_path, "a: 1\n---\nb: 2\n")
    assert tree is None
    assert [(p.code, p.line) for p in problems] == [("multiple-documents", 2)]


PARSERS = [
    pytest.param(
        getattr(yaml, "CSafeLoader", None),
        id="libyaml",
        marks=pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml"),
    ),
    pytest.param(yaml.SafeLoader, id="pure-python"),
]


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(
    ("text", "where", "shown"),
    [
        ("a: 1\nunit: 测试\x07局\n", (2, 9), "U+0007"),  # BEL pasted from another program
        ("a: 1\nb: 测\x00\n", (2, 5), "U+0000"),  # a stray NUL: re-saving won't remove it
        ("a: 1\nb: x\x1b[0m\n", (2, 5), "U+001B"),  # an ESC from a terminal
    ],
    ids=["BEL", "NUL", "ESC"],
)
def test_control_character_is_named_at_its_line_and_column(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    parser: type,
    text: str,
    where: tuple[int, int],
    shown: str,
) -> None:
    monkeypatch.setattr(loader, "_Loader", parser)
    tree, problems = _load(tmp_path, text)
    assert tree is None
    assert [(p.code, p.line, p.column) for p in problems] == [("invisible-char", *where)]
    assert f"{shown} 控制字符" in problems[0].message
    assert "UTF-16" not in problems[0].message


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(
    "text", ["a: [1, 2\n", 'a: "未闭合\n', "a: {b: 1\n"], ids=["bracket", "quote", "brace"]
)
def test_unclosed_bracket_or_quote_on_the_last_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parser: type, text: str
) -> None:
    monkeypatch.setattr(loader, "_Loader", parser)
    tree, problems = _load(tmp_path, text)
    assert tree is None
    assert [(p.code, p.line) for p in problems] == [("syntax", 2)]


def test_reading_a_small_file_does_not_reserve_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("".join(f"k{i}: {i}\n" for i in range(1000)), encoding="utf-8")
    tracemalloc.start()
    try:
        tree, problems = load_yaml(path, "f.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (len(tree), problems) == (1000, [])  # type: ignore[arg-type]
    assert peak < 1048576, f"{peak / 1048576:.1f} MB to read 10 KB"


def test_a_file_bigger_than_the_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MAX_BYTES", 1000)
    _, problems = _load(tmp_path, "a: 1\n" * 201)
    assert [(p.code, p.line) for p in problems] == [("file-too-large", 0)]


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("a: *注意事项\n", 1, "以 * 开头的文字请加引号"),
        ("a: &注意\n", 1, "以 & 开头的文字请加引号"),
        ("a: !重要 事项\n", 1, "以 ! 开头的文字请加引号"),
        ("a: |x\n", 1, "以 | 或 > 开头的文字请加引号"),
        (" a: 1\nb: 2\n", 2, "顶格书写"),
    ],
    ids=["asterisk", "ampersand", "exclamation", "bar", "top-level-indent"],
)
def test_text_yaml_reads_as_syntax_gets_a_chinese_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parser: type, text: str, line: int, says: str
) -> None:
    monkeypatch.setattr(loader, "_Loader", parser)
    _, problems = _load(tmp_path, text)
    assert [(p.code, p.line) for p in problems] == [("syntax", line)]
    assert says in problems[0].hint
    assert "解析器提示" not in problems[0].hint
