"""The YAML loader: scalars stay as typed, every value keeps its line and column."""

from __future__ import annotations

import errno
import io
import os
import tracemalloc
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from jixiao import loader
from jixiao.loader import Map, load_yaml
from jixiao.problem import error


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


def test_a_mapping_and_a_list_know_where_they_start(tmp_path: Path) -> None:
    # where a problem with the whole of one is placed (a missing key, a list where a
    # mapping belongs)
    tree, _ = _load(tmp_path, "# 注释\ntop:\n  names: [甲, 乙]\n  more:\n    - 1\n")
    assert isinstance(tree, Map)
    assert (tree.pos, tree["top"].pos) == ((2, 1), (3, 3))
    assert (tree["top"]["names"].pos, tree["top"]["more"].pos) == ((3, 10), (5, 5))


def test_lists_keep_their_items_as_typed(tmp_path: Path) -> None:
    tree, problems = _load(tmp_path, "a: [1, ~]\nb:\n  - x\n  - [y]\n")
    assert (tree, problems) == ({"a": ["1", None], "b": ["x", ["y"]]}, [])


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


def _problems(text: str, name: str = "f.yaml") -> list[tuple[object, ...]]:
    """Every field of each problem a text gives, as the clerk reads them."""
    tree, problems = loader.load_yaml_bytes(text.encode("utf-8"), name)
    assert tree is None
    return [
        (p.file, p.line, p.column, p.severity.value, p.code, p.message, p.hint) for p in problems
    ]


LIBYAML_ONLY = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")


@LIBYAML_ONLY
@pytest.mark.parametrize(
    ("text", "where", "told"),
    [
        pytest.param(
            "%FOO bar\n---\na: 1\n",
            (1, 5),
            "while scanning a directive found unknown directive name",
            id="unknown directive: context and problem",
        ),
        pytest.param(
            "%YAML 2.0\n---\na: 1\n",
            (1, 1),
            "found incompatible YAML document",
            id="YAML 2.0: a problem without a context",
        ),
    ],
)
def test_a_syntax_error_without_a_chinese_hint_shows_the_parser_s_words(
    text: str, where: tuple[int, int], told: str
) -> None:
    assert _problems(text) == [
        ("f.yaml", *where, "error", "syntax", "YAML 格式错误", f"解析器提示：{told}")
    ]


BRACKET_FIX = (
    "第 {line} 行第 {column} 列是全角方括号“］”，请改成英文方括号“]”",
    "YAML 的冒号、逗号、括号和引号要在英文输入状态下输入（中文输入法一般按 Shift 切换）",
)
NOTES = "# 注释\n# 注释\n# 注释\n# 注释\n"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param(f"a: [1, 2］\n{NOTES}x: 1\n", (1, 9), id="on the line of the ["),
        pytest.param(
            f"a: [1,\n  2,\n  3,\n  4］\n{NOTES}x: 1\n", (4, 4), id="three lines below the ["
        ),
    ],
)
def test_a_full_width_bracket_far_above_the_error_is_found_from_the_opening_bracket(
    text: str, where: tuple[int, int]
) -> None:
    # the list runs on through the comments to `x: 1`, where YAML gives up: five lines below
    message, hint = BRACKET_FIX
    message = message.format(line=where[0], column=where[1])
    assert _problems(text) == [("f.yaml", *where, "error", "fullwidth", message, hint)]


TAB = ("不能用 Tab 键缩进", "YAML 只接受空格缩进；请把 Tab 换成空格")


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param("\ta: 1\n", (1, 1), id="first line"),
        pytest.param("a:\n\t- 1", (2, 1), id="last line without a line break"),
        pytest.param("a: 1\r\tb: 2\r", (2, 1), id="old Mac line breaks"),
        pytest.param("a:\n  b: 1\n\tc: 2\n", (3, 1), id="below a mapping"),
    ],
)
def test_a_tab_that_indents_a_line_is_named(
    monkeypatch: pytest.MonkeyPatch, parser: type, text: str, where: tuple[int, int]
) -> None:
    monkeypatch.setattr(loader, "_Loader", parser)
    assert _problems(text) == [("f.yaml", *where, "error", "tab", *TAB)]


@pytest.mark.parametrize(
    ("parser", "problem"),
    [
        pytest.param(
            *PARSERS[0].values,
            (
                1,
                7,
                "syntax",
                "YAML 格式错误：此处不能出现“键: 值”",
                "检查缩进；文字中含冒号时请加引号",
            ),
            marks=PARSERS[0].marks,
            id="libyaml: the colon after it",
        ),
        pytest.param(yaml.SafeLoader, (1, 5, "tab", *TAB), id="pure-python: the tab itself"),
    ],
)
def test_a_tab_inside_a_line_is_not_taken_for_indentation(
    monkeypatch: pytest.MonkeyPatch, parser: type, problem: tuple[object, ...]
) -> None:
    monkeypatch.setattr(loader, "_Loader", parser)
    assert _problems("a: x\tb: c\n") == [("f.yaml", *problem[:2], "error", *problem[2:])]


EXPAND = "把引用处展开成完整的值；若 * 或 & 只是文字的一部分，请给整段文字加引号"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param("a: &a 1\n", (1, 4, "anchor", "不支持锚点 &a"), id="anchor"),
        pytest.param("a: 1\nb: *a\n", (2, 4, "alias", "不支持别名 *a"), id="alias"),
        pytest.param("<<: {a: 1}\n", (1, 1, "merge-key", "不支持合并键 <<"), id="merge key"),
    ],
)
def test_a_reference_to_another_value_is_refused_with_the_way_out(
    text: str, problem: tuple[int, int, str, str]
) -> None:
    line, column, code, what = problem
    message = f"{what}：考评数据须逐项写明，不能引用别处的内容"
    assert _problems(text) == [("f.yaml", line, column, "error", code, message, EXPAND)]


SHAPE = "请确认选对了文件；考评数据最多几层缩进，参照 data/ 中的同名文件"


@pytest.mark.parametrize(
    ("parser", "problem"),
    [
        pytest.param(
            *PARSERS[0].values,
            (1100, 1001, "括号嵌套过深，考评数据不会有这么深的结构"),
            marks=PARSERS[0].marks,
            id="libyaml stops at 1000 brackets",
        ),
        pytest.param(
            yaml.SafeLoader,
            (100, 65, "嵌套超过 64 层，考评数据不会有这么深的结构"),
            id="pure-python stops at 64 levels",
        ),
    ],
)
def test_brackets_nested_too_deep_are_refused_where_the_parser_stops(
    monkeypatch: pytest.MonkeyPatch, parser: type, problem: tuple[int, int, str]
) -> None:
    monkeypatch.setattr(loader, "_Loader", parser)
    depth, column, message = problem
    assert _problems("[" * depth + "]" * depth) == [
        ("f.yaml", 1, column, "error", "too-deep", message, SHAPE)
    ]


SMALL = "请确认选对了文件；考评数据文件通常只有几十 KB"


def test_bytes_from_git_bigger_than_the_limit_are_refused_undecoded() -> None:
    data = b"\xff" * (32 * 1048576 + 1)  # not UTF-8 either: the size is named first
    tree, problems = loader.load_yaml_bytes(data, "HEAD:data/staff.yaml")
    assert tree is None
    assert [(p.file, p.line, p.column, p.code, p.message, p.hint) for p in problems] == [
        ("HEAD:data/staff.yaml", 0, 0, "file-too-large", "文件过大，超过上限 32 MB", SMALL)
    ]


def test_bytes_from_git_as_big_as_the_limit_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_BYTES", 64)
    text = "a: 1\n# " + "x" * 56 + "\n"
    assert len(text) == 64
    assert loader.load_yaml_bytes(text.encode(), "f.yaml") == ({"a": "1"}, [])
    _, problems = loader.load_yaml_bytes(text.encode() + b"\n", "f.yaml")
    assert [p.code for p in problems] == ["file-too-large"]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(
            "名称: 测试\n".encode("gbk"),
            (1, 1, "encoding", "HEAD:f.yaml 不是 UTF-8 编码（可能是 GBK/ANSI），请另存为 UTF-8"),
            id="GBK",
        ),
        pytest.param(
            b"a: [1\n",
            (2, 1, "syntax", "YAML 格式错误：方括号 [ ] 没有正确闭合"),
            id="syntax error",
        ),
    ],
)
def test_bytes_from_git_name_the_revision_in_every_problem(
    data: bytes, problem: tuple[int, int, str, str]
) -> None:
    tree, problems = loader.load_yaml_bytes(data, "HEAD:f.yaml")
    assert tree is None
    assert [(p.file, p.line, p.column, p.code, p.message) for p in problems] == [
        ("HEAD:f.yaml", *problem)
    ]


def test_every_character_the_yaml_reader_refuses_is_named_before_it_reads() -> None:
    # Both readers (libyaml's and PyYAML's) refuse the same characters: these, and the
    # surrogates. So `_syntax_problem` never gets a ReaderError (tests/mutation-equivalent.md).
    refused = [chr(c) for c in range(0x10000) if yaml.reader.Reader.NON_PRINTABLE.match(chr(c))]
    refused = [c for c in refused if not 0xD800 <= ord(c) <= 0xDFFF]
    assert len(refused) == 63  # C0 but tab, LF, CR; DEL; C1 but NEL; U+FFFE; U+FFFF
    found = {}
    for char in refused:
        tree, problems = loader.load_yaml_bytes(f"名称: 应急管理局{char}\n".encode(), "f.yaml")
        found[f"U+{ord(char):04X}"] = (tree, [(p.code, p.line, p.column) for p in problems])
    assert found == {code: (None, [("invisible-char", 1, 10)]) for code in found}
    # a surrogate (U+D800, as Java's "modified UTF-8" writes it) is no UTF-8 at all
    _, problems = loader.load_yaml_bytes(b"a: x\xed\xa0\x80\n", "f.yaml")
    assert [(p.code, p.line, p.column) for p in problems] == [("encoding", 1, 5)]


SAVE_AS = "请用记事本“另存为”，编码选择 UTF-8"
UTF16 = ("encoding", "f.yaml 看起来是 UTF-16 编码，请另存为 UTF-8", SAVE_AS)
NOT_UTF8 = ("encoding", "f.yaml 不是 UTF-8 编码（可能是 GBK/ANSI），请另存为 UTF-8", SAVE_AS)
NUL = "有一个看不见的字符 U+0000 控制字符 NUL：控制字符看不见，还可能改写终端上显示的内容"
DELETE = (
    "删除这个看不见的字符：把光标移到该位置，用删除键或退格键删掉后检查文字是否完整；"
    "它常来自从网页、PDF、微信或其他软件复制的文字"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            "a: 1\nb: 测试\n".encode("utf-16"), [(1, 1, *UTF16)], id="UTF-16 with its BOM"
        ),
        pytest.param("a: 1\nb: 测试\n".encode("utf-16-le"), [(1, 1, *UTF16)], id="UTF-16 without"),
        pytest.param(b"\x00", [(1, 1, *UTF16)], id="one NUL byte"),
        # one byte in eight a NUL is UTF-16 (at the line of the first); fewer are stray NULs
        pytest.param(b"a: 1\nb: \x00\x00ccccc\n", [(2, 1, *UTF16)], id="2 NULs in 16 bytes"),
        pytest.param(
            b"a: 1\nb: \x00\x00cccccc\n",
            [
                (2, 4, "invisible-char", f"第 2 行第 4 列{NUL}", DELETE),
                (2, 5, "invisible-char", f"第 2 行第 5 列{NUL}", DELETE),
            ],
            id="2 NULs in 17 bytes",
        ),
        pytest.param("a: 1\n名称: 测试\n".encode("gbk"), [(2, 1, *NOT_UTF8)], id="GBK on line 2"),
        pytest.param(
            "a: 1\nb: 测试²".encode() + b"\xb2\xe2\n", [(2, 7, *NOT_UTF8)], id="GBK after UTF-8"
        ),
    ],
)
def test_a_file_in_another_encoding_is_named_where_it_goes_wrong(
    data: bytes, expected: list[tuple[object, ...]]
) -> None:
    tree, problems = loader.load_yaml_bytes(data, "f.yaml")
    assert tree is None
    assert [(p.file, p.line, p.column, p.code, p.message, p.hint) for p in problems] == [
        ("f.yaml", *e) for e in expected
    ]


def test_an_empty_file_is_named_empty_not_utf16() -> None:
    hint = "文件可能没有保存好：参照同类文件补上内容，或用 jixiao template 重新生成结果表"
    assert _problems("") == [
        ("f.yaml", 1, 1, "error", "empty-file", "f.yaml 是空的，没有任何数据", hint)
    ]


EMPTY_KEY = ("bad-key", "键不能为空", "在冒号前写上键名")
NOT_TEXT_KEY = (
    "bad-key",
    "键必须是简单的文字，不能是列表或映射",
    '序号等键用引号写成文字，如 "1-1-1": 100',
)


@pytest.mark.parametrize(
    ("text", "tree", "problems"),
    [
        pytest.param(
            "a: 1\n~: 2\nb: 3\n", {"a": "1", "b": "3"}, [(2, 1, *EMPTY_KEY)], id="~ as a key"
        ),
        pytest.param(
            "a: {null: 1, b: 2}\n", {"a": {"b": "2"}}, [(1, 5, *EMPTY_KEY)], id="null in braces"
        ),
        pytest.param("{a: 1}: 2\n", None, [(1, 1, *NOT_TEXT_KEY)], id="a mapping as a key"),
        pytest.param("- [x]: 1\n", None, [(1, 3, *NOT_TEXT_KEY)], id="a list as a key"),
        pytest.param(
            "x:\n  a: 1\n  b: 2\n  a: 3\n  c: 4\n",
            {"x": {"a": "1", "b": "2", "c": "4"}},
            [
                (
                    4,
                    3,
                    "duplicate-key",
                    "键“a”重复：第 2 行已经出现过",
                    "删除多余的一个（另一处在第 2 行）",
                )
            ],
            id="a key twice",
        ),
    ],
)
def test_a_key_that_is_not_one_is_named_and_its_value_left_out(
    text: str, tree: object, problems: list[tuple[object, ...]]
) -> None:
    found, found_problems = loader.load_yaml_bytes(text.encode(), "f.yaml")
    assert (
        found,
        [(p.file, p.line, p.column, p.code, p.message, p.hint) for p in found_problems],
    ) == (
        tree,
        [("f.yaml", *p) for p in problems],
    )


ESCAPE_HINT = '双引号里只能写 \\" 和 \\\\；反斜杠若是文字的一部分，请改用单引号或去掉引号'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            "a: 1\n---\nb: 2\n",
            (
                2,
                1,
                "multiple-documents",
                "一个文件只能有一个 YAML 文档（出现了第二个 ---）",
                "删去这一行 ---；两份数据请分别存成两个文件",
            ),
            id="a second document",
        ),
        pytest.param(
            "a: !!str 1\n",
            (1, 4, "tag", "不支持类型标签 tag:yaml.org,2002:str", "去掉标签，直接写值"),
            id="a tag",
        ),
        pytest.param(
            'a: "\\x31\\x30\\x30"\n',
            (
                1,
                5,
                "escape",
                "第 1 行第 5 列的“\\x31”是转义写法：双引号里的反斜杠会把后面的字符换成别的字符"
                "（如 \\x31 读作 1），读到的不是看到的",
                ESCAPE_HINT,
            ),
            id="an escape that reads as 100",
        ),
    ],
)
def test_what_would_be_read_otherwise_than_seen_is_refused(
    text: str, problem: tuple[object, ...]
) -> None:
    assert _problems(text) == [("f.yaml", *problem[:2], "error", *problem[2:])]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param('a: "C:\\\\路径"\n', "C:\\路径", id="an escaped backslash"),
        pytest.param('a: "x\\"y"\n', 'x"y', id="an escaped quote"),
        pytest.param("a: 'C:\\x31'\n", "C:\\x31", id="single quotes"),
        pytest.param("a: C:\\x31\n", "C:\\x31", id="no quotes"),
        pytest.param("---\na: C:\\x31\n", "C:\\x31", id="one document opened with ---"),
    ],
)
def test_a_backslash_that_reads_as_seen_is_kept(text: str, value: str) -> None:
    assert loader.load_yaml_bytes(text.encode(), "f.yaml") == ({"a": value}, [])


def test_the_root_mapping_keeps_the_text_that_validation_points_into() -> None:
    # validate.py finds a bad character inside a value (a full-width dash in an id) by its
    # offset in this text: without it, the problem could not name the column
    text = "ids: [1－1]\n"
    tree, _ = loader.load_yaml_bytes(text.encode(), "f.yaml")
    assert isinstance(tree, Map)
    assert tree.source == text
    # a list or a single value at the top has no place for it, and loads all the same
    assert loader.load_yaml_bytes(b"- 1\n", "f.yaml") == (["1"], [])
    assert loader.load_yaml_bytes(b"1\n", "f.yaml") == ("1", [])


def test_a_folder_where_a_file_belongs_is_named(tmp_path: Path) -> None:
    assert load_yaml(tmp_path, "data") == (
        None,
        [
            error(
                "data",
                (0, 0),
                "not-a-file",
                "data 是一个文件夹，这里需要一个 YAML 文件",
                "检查 --data 和 --results 的路径",
            )
        ],
    )


BUSY = "文件可能正被其他程序占用或已损坏：关闭其他程序后重试"


@pytest.mark.skipif(os.name == "nt", reason="a symbolic link needs privileges on Windows")
def test_a_file_the_system_cannot_read_is_named_with_the_system_s_reason(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to("loop.yaml")
    reason = os.strerror(errno.ELOOP)  # "Too many levels of symbolic links"
    assert load_yaml(loop, "loop.yaml") == (
        None,
        [error("loop.yaml", (0, 0), "unreadable", f"无法读取文件 loop.yaml：{reason}", BUSY)],
    )


def test_a_read_error_without_a_reason_is_named_by_its_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def timed_out(*args: object, **kwargs: object) -> object:
        raise TimeoutError  # a network share that stops answering

    monkeypatch.setattr(Path, "open", timed_out)
    assert load_yaml(path, "f.yaml") == (
        None,
        [error("f.yaml", (0, 0), "unreadable", "无法读取文件 f.yaml：TimeoutError", BUSY)],
    )


@pytest.mark.parametrize(
    ("grown", "result"),
    [
        pytest.param(0, ({"a": "1"}, []), id="to the limit: read"),
        pytest.param(
            1,
            (None, [error("f.yaml", (0, 0), "file-too-large", "文件过大，超过上限 2 MB", SMALL)]),
            id="past it: refused",
        ),
    ],
)
def test_a_file_that_grows_while_it_is_read_stops_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grown: int, result: object
) -> None:
    limit = 2 * 1048576
    monkeypatch.setattr(loader, "MAX_BYTES", limit)
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")  # what stat() sees
    now = b"a: 1\n#" + b"x" * (limit - 7 + grown) + b"\n"  # what is there when it is read
    monkeypatch.setattr(Path, "open", lambda self, mode: io.BytesIO(now))
    assert load_yaml(path, "f.yaml") == result


@pytest.mark.parametrize(
    "encoding", [pytest.param("utf-16-le", id="LE"), pytest.param("utf-16-be", id="BE")]
)
def test_utf16_of_chinese_text_is_known_by_its_bom(tmp_path: Path, encoding: str) -> None:
    # Chinese characters have no NUL byte in UTF-16: only the byte order mark tells
    data = "\ufeff名称：应急管理局考评数据".encode(encoding)
    assert b"\x00" not in data
    problem = error(
        "f.yaml", (1, 1), "encoding", "f.yaml 看起来是 UTF-16 编码，请另存为 UTF-8", SAVE_AS
    )
    assert _load(tmp_path, data) == (None, [problem])


def test_a_gbk_file_on_disk_is_named_with_its_file(tmp_path: Path) -> None:
    problem = error("f.yaml", (2, 1), *NOT_UTF8)
    assert _load(tmp_path, "a: 1\n名称: 测试\n".encode("gbk")) == (None, [problem])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on Windows")
def test_a_named_pipe_is_refused_unread(tmp_path: Path) -> None:
    pipe = tmp_path / "f.yaml"
    os.mkfifo(pipe)  # reading it would wait for a writer for ever
    message = "f.yaml 不是普通文件（是管道、设备或套接字），这里需要一个 YAML 文件"
    assert load_yaml(pipe, "f.yaml") == (
        None,
        [error("f.yaml", (0, 0), "not-a-file", message, "请指定数据文件本身")],
    )


def test_a_file_bigger_than_the_limit_is_named_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    with path.open("wb") as fh:
        fh.truncate(33_606_861)  # 32.0500002 MB; sparse: nothing written, nothing read
    message = "文件过大（32.1 MB），超过上限 32 MB"
    assert load_yaml(path, "f.yaml") == (
        None,
        [error("f.yaml", (0, 0), "file-too-large", message, SMALL)],
    )


def test_a_file_as_big_as_the_limit_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MAX_BYTES", 64)
    text = "a: 1\n# " + "x" * 56 + "\n"
    assert len(text) == 64
    assert _load(tmp_path, text) == ({"a": "1"}, [])
    assert _load(tmp_path, text + "\n")[1][0].message == "文件过大（0.0 MB），超过上限 0 MB"


def test_a_file_growing_while_it_is_read_is_not_read_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = 2 * 1048576
    monkeypatch.setattr(loader, "MAX_BYTES", limit)
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")  # what stat() sees
    grown = tmp_path / "grown.yaml"  # what is there when it is read: a log written on
    grown.write_bytes(b"a: 1\n" + b"#" * (8 * limit))
    monkeypatch.setattr(Path, "open", lambda self, mode: open(grown, mode))  # noqa: SIM115
    tracemalloc.start()
    try:
        _, problems = load_yaml(path, "f.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [p.code for p in problems] == ["file-too-large"]
    assert peak < 3 * limit, f"{peak / 1048576:.1f} MB held for a limit of 2 MB"


def test_a_missing_file_names_what_the_data_folder_should_hold(tmp_path: Path) -> None:
    hint = "检查文件名和 --data 是否正确：数据目录中应有 indicators.yaml 和 staff.yaml"
    assert load_yaml(tmp_path / "none.yaml", "none.yaml") == (
        None,
        [error("none.yaml", (0, 0), "file-missing", "找不到文件 none.yaml", hint)],
    )


def test_a_file_locked_or_forbidden_asks_for_the_right_to_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def forbidden(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied")  # or open in Excel on Windows

    monkeypatch.setattr(Path, "open", forbidden)
    hint = "在文件属性中给自己读取权限，或把文件复制到自己的文件夹再运行"
    assert load_yaml(path, "f.yaml") == (
        None,
        [error("f.yaml", (0, 0), "unreadable", "没有权限读取文件 f.yaml", hint)],
    )


def test_without_a_name_a_problem_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: [1\n", encoding="utf-8")
    _, problems = load_yaml(path)
    assert [(p.file, p.line, p.code) for p in problems] == [(str(path), 2, "syntax")]


def test_a_path_is_shown_as_typed_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert loader.display_name(tmp_path / "data" / "staff.yaml") == os.path.join(
        "data", "staff.yaml"
    )
    outside = tmp_path.parent / "other" / "staff.yaml"
    assert loader.display_name(outside) == str(outside)

    def another_drive(path: object) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")  # as on Windows

    monkeypatch.setattr(os.path, "relpath", another_drive)
    assert loader.display_name(outside) == str(outside)
