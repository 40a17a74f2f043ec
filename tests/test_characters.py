"""Issue 12: what the clerk cannot see is refused, at the character, by `jixiao check`.

Each case edits one file of a copy of tests/data/mini and asserts the first error's code,
line and column, the character named visibly in the message, and exit 1; each also has
`jixiao score` refuse the data, so nothing hidden is ever scored.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from jixiao.characters import HIDDEN, describe, scan

from .conftest import MINI

IND, STAFF, RES = "indicators.yaml", "staff.yaml", "results/2024.yaml"


def at(file: str, needle: str) -> int:
    """The line of tests/data/mini/<file> holding `needle`."""
    lines = (MINI / file).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def edit(data: Path, file: str, old: str, new: str) -> None:
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")


def refused_at(  # type: ignore[no-untyped-def]
    run, data: Path, change: tuple[str, str, str], where: tuple[str, int, int], says: str
) -> None:
    """Make the edit; check then refuses it first at (code, line, column), saying `says`."""
    edit(data, *change)
    exit_code, errors = errors_of(run, data)
    assert exit_code == 1, errors
    first = errors[0]
    assert (first["code"], first["line"], first["column"]) == where, first
    assert first["file"].endswith(change[0])
    assert says in first["message"], first["message"]
    assert first["hint"], first


def errors_of(run, data: Path) -> tuple[int, list[dict[str, Any]]]:  # type: ignore[no-untyped-def]
    result = run("check", "--data", data, "--format", "json")
    assert "Traceback" not in result.output
    problems = json.loads(result.stdout)["problems"]
    return result.exit_code, [p for p in problems if p["severity"] == "error"]


def case(
    name: str, file: str, old: str, new: str, code: str, line: int, column: int, says: str
) -> Any:
    return pytest.param(file, old, new, code, line, column, says, id=name)


BONUS = "  - {points: 1, reason: 承办省级综合应急演练"
CASES = [
    # YAML line breaks that an editor shows as one line
    case("U+2028 in a comment makes a live +5 bonus", RES, "bonuses:\n",
         "bonuses:\n  # 已作废： - {points: 5, reason: 重复计分}\u2028"
         "  - {points: 5, reason: 重复计分}\n",
         "invisible-char", at(RES, "bonuses:") + 1, 37, "U+2028 行分隔符"),
    case("U+2029 in a title", IND, "title: 隐患排查", "title: 隐患\u2029排查",
         "invisible-char", at(IND, "title: 隐患排查"), 26, "U+2029 段分隔符"),
    case("U+0085 in a reason", RES, "reason: 承办省级", "reason: 承办\u0085省级",
         "invisible-char", at(RES, "承办省级"), 27, "U+0085 下一行符（NEL）"),
    # zero-width and joiners
    case("U+200B inside a completion id", RES, '"1-1-1": 100', '"1-1-1\u200b": 100',
         "invisible-char", at(RES, '"1-1-1"'), 9, "U+200B 零宽空格"),
    case("U+200C in a name", STAFF, "{name: 邱朝阳}", "{name: 邱\u200c朝阳}",
         "invisible-char", at(STAFF, "{name: 邱朝阳}"), 13, "U+200C 零宽不连字"),
    case("U+200D in a department", IND, "departments: [协调科]", "departments: [协\u200d调科]",
         "invisible-char", at(IND, "departments: [协调科]"), 32, "U+200D 零宽连字"),
    case("U+2060 in an id", IND, 'id: "2-1"', 'id: "2-\u20601"',
         "invisible-char", at(IND, 'id: "2-1"'), 20, "U+2060 零宽不换行符"),
    case("U+FEFF after the start", STAFF, "office_head: 万小翠", "office_head: 万小\ufeff翠",
         "invisible-char", at(STAFF, "office_head:"), 16, "U+FEFF 零宽不换行空格（BOM）"),
    # bidirectional controls
    case("U+202E right-to-left override in a reason", RES, "reason: 暗访", "reason: \u202e暗访",
         "invisible-char", at(RES, "暗访"), 45, "U+202E 从右到左强制符"),
    case("U+202A in a comment", IND, "# A small scheme", "# A small \u202ascheme",
         "invisible-char", 1, 11, "U+202A 从左到右嵌入符"),
    case("U+2066 in a title", IND, "title: 安全生产", "title: 安全\u2066生产\u2069",
         "invisible-char", at(IND, "title: 安全生产"), 22, "U+2066 从左到右隔离符"),
    case("a tag character past U+FFFF", IND, "title: 信息报送", "title: 信息\U000e0041报送",
         "invisible-char", at(IND, "title: 信息报送"), 18, "U+E0041 不可见的格式字符"),
    case("U+2069 alone", IND, "title: 应急值守", "title: 应急值守\u2069",
         "invisible-char", at(IND, "title: 应急值守"), 24, "U+2069 方向隔离结束符"),
    # control characters
    case("ESC in a reason", RES, "reason: 暗访发现值班脱岗", "reason: \x1b[2K暗访发现值班脱岗",
         "invisible-char", at(RES, "暗访"), 45, "U+001B 控制字符 ESC"),
    case("BEL in a name", STAFF, "{name: 邱朝阳}", "{name: 邱朝\x07阳}",
         "invisible-char", at(STAFF, "{name: 邱朝阳}"), 14, "U+0007 控制字符 BEL"),
    case("NUL in a comment", IND, "# A small", "# A\x00 small",
         "invisible-char", 1, 4, "U+0000 控制字符 NUL"),
    case("DEL", RES, "as_of: 2024-12-31", "as_of: 2024-12-31\x7f",
         "invisible-char", at(RES, "as_of"), 18, "U+007F 控制字符 DEL"),
    case("C1 CSI", RES, "reason: 承办", "reason: \x9b承办",
         "invisible-char", at(RES, "承办"), 25, "U+009B 控制字符 CSI"),
    case("form feed between lines", IND, "sections:\n", "sections:\n\x0c\n",
         "invisible-char", at(IND, "sections:") + 1, 1, "U+000C 控制字符 FF"),
    # odd spaces inside an id or a name
    case("no-break space inside a completion id", RES, '"1-1-1": 100', '"1-1-1\u00a0": 100',
         "invisible-char", at(RES, '"1-1-1"'), 9, "U+00A0 不换行空格"),
    case("full-width space inside a person", IND, "persons: [陈祥平]", "persons: [陈\u3000祥平]",
         "invisible-char", at(IND, "persons: [陈祥平]"), 28, "U+3000 全角空格"),
    case("thin space in a leader", IND, "leaders: [王夏阳]", "leaders: [王夏\u2009阳]",
         "invisible-char", at(IND, "leaders: [王夏阳]"), 29, "U+2009 特殊宽度空格"),
    case("narrow no-break space in a staff name", STAFF, "{name: 陈秋茹, department",
         "{name: 陈秋茹\u202f, department", "invisible-char",
         at(STAFF, "{name: 陈秋茹, department"), 15, "U+202F 窄不换行空格"),
    case("medium math space in an alias", STAFF, "aliases: [应急指挥中心]",
         "aliases: [应急\u205f指挥中心]", "invisible-char", at(STAFF, "aliases:"), 17,
         "U+205F 数学中等空格"),
    case("no-break space in a department key", RES, "  危化科: {", "  危化\u00a0科: {",
         "invisible-char", at(RES, "危化科: {"), 5, "U+00A0 不换行空格"),
    case("no-break space in an id", IND, 'id: "4-1"', 'id: "4-1\u00a0"',
         "invisible-char", at(IND, 'id: "4-1"'), 17, "U+00A0 不换行空格"),
    # escapes in double quotes: read exactly as typed
    case("hex escapes make 100", RES, '"4-1": 100', '"4-1": "\\x31\\x30\\x30"',
         "escape", at(RES, '"4-1"'), 11, "“\\x31”"),
    case("newline escape in a reason", RES, "reason: 暗访发现值班脱岗", 'reason: "暗访\\n发现"',
         "escape", at(RES, "暗访"), 48, "“\\n”"),
    case("unicode escape in a name", IND, "leaders: [刘海明]", 'leaders: ["刘海\\u660e"]',
         "escape", at(IND, "leaders: [刘海明]"), 30, "“\\u660e”"),
    case("ESC written as an escape", RES, "reason: 暗访发现值班脱岗", 'reason: "\\e[2K暗访"',
         "escape", at(RES, "暗访"), 46, "“\\e”"),
    case("unknown escape", IND, "title: 信息报送", 'title: "信息\\q报送"',
         "escape", at(IND, "title: 信息报送"), 19, "“\\q”"),
    case("a line-continuation backslash", IND, "title: 信息报送", 'title: "信息\\\n  报送"',
         "escape", at(IND, "title: 信息报送"), 19, "行尾的反斜杠"),
    # numbers
    case("-0 completion", RES, '"4-1": 100', '"4-1": -0',
         "number", at(RES, '"4-1"'), 10, "“-0”是负零"),
    case("-0.0 completion", RES, '"4-1": 100', '"4-1": -0.0',
         "number", at(RES, '"4-1"'), 10, "“-0.0”是负零"),
    case("-0.00 leadership", RES, "{leadership: 9.2", "{leadership: -0.00",
         "number", at(RES, "evaluation:"), 26, "“-0.00”是负零"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "code", "line", "column", "says"), CASES)
def test_refused_at_the_character(
    mini: Path, run, file: str, old: str, new: str, code: str, line: int, column: int, says: str
) -> None:
    refused_at(run, mini, (file, old, new), (code, line, column), says)
    score = run("score", "--data", mini)
    assert score.exit_code == 1, score.output
    assert f"{line}:{column}" in score.output and f"[{code}]" in score.output


def test_no_hidden_character_reaches_the_terminal(mini: Path, run) -> None:
    edit(mini, RES, "reason: 暗访发现值班脱岗", "reason: 暗访\u202e发现\u200b\u2028脱岗")
    for fmt in ("text", "json", "github"):
        result = run("check", "--data", mini, "--format", fmt)
        assert result.exit_code == 1
        assert not HIDDEN.search(result.output), repr(result.output)


def test_every_hidden_character_is_listed_up_to_twenty(mini: Path, run) -> None:
    edit(mini, IND, "# A small scheme", "# A" + "\u200b" * 25 + " small scheme")
    exit_code, errors = errors_of(run, mini)
    assert exit_code == 1
    assert [(e["line"], e["column"]) for e in errors] == [(1, c) for c in range(4, 25)]
    assert "从这里起还有 5 个看不见的字符" in errors[-1]["message"]


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (IND, "title: 隐患排查", "title: 隐患排查\u3000重点"),  # a full-width space in prose
        (IND, "title: 隐患排查", "title: 隐患排查\u00a0重点"),
        (RES, "note: 少一次督导检查", "note: 少一次\u2003督导检查"),
        (IND, "title: 隐患排查", "title: 隐患排查\t重点"),  # a tab inside text
        (RES, "year: 2024\n", "year: 2024\r\n"),  # CR LF, as Notepad writes
        (RES, "reason: 暗访发现值班脱岗", 'reason: "他说\\"到岗\\"，路径 C:\\\\值班"'),
        (RES, "reason: 暗访发现值班脱岗", "reason: 路径 C:\\值班\\x31"),  # plain text: as typed
        (RES, '"4-1": 100', '"4-1": +0'),  # a zero with its sign reads as 0
    ],
    ids=["U+3000 in a title", "NBSP in a title", "em space in a note", "tab in a title",
         "CRLF", "the two escapes allowed", "backslash outside quotes", "+0"],
)  # fmt: skip
def test_what_is_visible_as_typed_passes(mini: Path, run, file: str, old: str, new: str) -> None:
    edit(mini, file, old, new)
    exit_code, errors = errors_of(run, mini)
    assert (exit_code, errors) == (0, [])


def test_allowed_escapes_and_plus_zero_are_scored_as_typed(mini: Path, run) -> None:
    edit(mini, RES, '"4-1": 100', '"4-1": +0')
    edit(mini, RES, "reason: 承办省级综合应急演练", 'reason: "承办\\"省级\\"演练"')
    result = run("score", "--data", mini, "--detail", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [leaf["completion"] for leaf in doc["leaves"] if leaf["id"] == "4-1"] == [0]


def test_hidden_character_pattern_covers_every_format_character() -> None:
    """Every Unicode format character (Cf) this Python knows is refused, and each is named."""
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp") and char not in "\t\n\r":
            assert HIDDEN.fullmatch(char), f"U+{code:04X}"
            assert describe(char).startswith(f"U+{code:04X} ")


def test_the_scan_finds_every_hidden_character_in_a_long_text() -> None:
    """A long text goes through the fast printable test first; none may slip through it."""
    hidden = [chr(c) for c in range(0x110000) if HIDDEN.fullmatch(chr(c))]
    assert len(hidden) > 150
    for char in hidden:
        problems = scan("中文，字符" * 40 + char + "\n后面\t还有", "f.yaml")
        assert [(p.code, p.line, p.column) for p in problems] == [("invisible-char", 1, 201)]
