"""Issue 13: the slips of a Chinese input method, each at its character with the fix named.

Each case edits one file of a copy of tests/data/mini the way Chinese mode types it and
asserts, through `jixiao check --format json`, exit 1 and the first error's code, line and
column and the character to type instead. Full-width punctuation in prose stays valid.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .test_characters import IND, RES, STAFF, at, edit, errors_of, refused_at

COLON_FIX = "请改成英文冒号“:”（后面加一个空格）"


def case(
    name: str, file: str, old: str, new: str, code: str, line: int, column: int, says: str
) -> Any:
    return pytest.param(file, old, new, code, line, column, says, id=name)


BONUS = "  - {points: 1, reason: 承办省级综合应急演练, departments: [指挥中心]}"
CASES = [
    # where YAML needs a colon
    case("：after a completion id", RES, '"1-1-1": 100', '"1-1-1"：100',
         "fullwidth", 4, 10, f"第 4 行第 10 列是中文冒号“：”，{COLON_FIX}"),
    case("：after a key in a block", IND, "weight: 25", "weight：25",
         "fullwidth", at(IND, "weight: 25"), 23, f"中文冒号“：”，{COLON_FIX}"),
    case("：after a top-level key", RES, "year: 2024", "year：2024",
         "fullwidth", 1, 5, COLON_FIX),
    case("：and a space", RES, '"4-1": 100', '"4-1"： 100',
         "fullwidth", at(RES, '"4-1"'), 8, COLON_FIX),
    case("：after a key in braces", RES, "{leadership: 9.5", "{leadership：9.5",
         "fullwidth", at(RES, "{leadership: 9.5"), 19, COLON_FIX),
    # commas, brackets, quotes
    case("，in a list of departments", IND, "departments: [指挥中心, 协调科]",
         "departments: [指挥中心，协调科]", "fullwidth", at(IND, "[指挥中心, 协调科]"), 31,
         "中文逗号“，”，请改成英文逗号“,”"),
    case("，between two entries in braces", RES, "{points: 1, reason", "{points: 1，reason",
         "fullwidth", at(RES, "承办"), 15, "中文逗号“，”，请改成英文逗号“,”"),
    case("，in a staff name", STAFF, "{name: 邱朝阳}", "{name: 邱朝阳，刘海明}",
         "fullwidth", at(STAFF, "{name: 邱朝阳}"), 15, "请改成英文逗号“,”"),
    case("［］around a list", IND, "departments: [协调科]", "departments: ［协调科］",
         "fullwidth", at(IND, "departments: [协调科]"), 30, "全角方括号“［”，请改成英文方括号“[”"),
    case("］closing an ASCII [", IND, "leaders: [王夏阳]", "leaders: [王夏阳］",
         "fullwidth", at(IND, "leaders: [王夏阳]"), 30, "全角方括号“］”，请改成英文方括号“]”"),
    case("｛｝around a bonus", RES, BONUS, BONUS.replace("{", "｛", 1)[:-1] + "｝",
         "fullwidth", at(RES, "承办"), 5, "全角花括号“｛”，请改成英文花括号“{”"),
    case("“” around a leader", IND, "leaders: [王夏阳]", "leaders: [“王夏阳”]",
         "fullwidth", at(IND, "leaders: [王夏阳]"), 27, "中文双引号（“），请改成英文双引号（\"）"),
    case("‘’ around a person", IND, "persons: [陈庆超]", "persons: [‘陈庆超’]",
         "fullwidth", at(IND, "persons: [陈庆超]"), 27, "中文单引号（‘），请改成英文单引号（'）"),
    case("＂＂ around an id", RES, '"1-1-1": 100', "＂1-1-1＂: 100",
         "fullwidth", 4, 3, "全角双引号（＂），请改成英文双引号（\"）"),
    case("“” around an id", RES, '"1-1-1": 100', "“1-1-1”: 100",
         "fullwidth", 4, 3, "中文双引号（“），请改成英文双引号（\"）"),
    # dashes in an id
    case("－ in a scheme id", IND, 'id: "1-1-2"', 'id: "1－1－2"',
         "fullwidth", at(IND, 'id: "1-1-2"'), 23, "全角减号“－”，请改成英文连字符“-”"),
    case("— in a scheme id", IND, 'id: "2-1"', 'id: "2—1"',
         "fullwidth", at(IND, 'id: "2-1"'), 19, "破折号“—”，请改成英文连字符“-”"),
    case("－ in a completion id", RES, '"2-1": 99.5', '"2－1": 99.5',
         "fullwidth", at(RES, '"2-1"'), 5, "全角减号“－”"),
    # the full-width space
    case("U+3000 indenting a line", IND, "                title: 隐患排查",
         "\u3000" * 8 + "title: 隐患排查", "fullwidth", at(IND, "title: 隐患排查"), 1,
         "用了全角空格（U+3000）缩进，请改用半角空格"),
    case("U+3000 before a top-level key", STAFF, "office_head: 万小翠",
         "\u3000office_head: 万小翠", "fullwidth", at(STAFF, "office_head"), 1,
         "用了全角空格（U+3000）缩进"),
    case("U+3000 after a colon", IND, "title: 隐患排查", "title:\u3000隐患排查",
         "fullwidth", at(IND, "title: 隐患排查"), 23, "全角空格（U+3000），冒号后面请改用半角空格"),
    case("U+3000 after a comma", IND, "departments: [指挥中心, 协调科]",
         "departments: [指挥中心,\u3000协调科]", "fullwidth", at(IND, "[指挥中心, 协调科]"), 32,
         "全角空格（U+3000），请改成半角空格"),
    # full-width digits
    case("９５ as a completion", RES, '"4-1": 100', '"4-1": ９５',
         "number", at(RES, '"4-1"'), 10, "“９５”中有全角字符“９”"),
    case("one full-width digit", RES, '"4-1": 100', '"4-1": 9５.5',
         "number", at(RES, '"4-1"'), 11, "“9５.5”中有全角字符“５”"),
    # ASCII `: ` and ` #` in unquoted text inside braces
    case("`: ` inside a reason in braces", RES, "reason: 承办省级综合应急演练",
         "reason: 备注: 已完成", "syntax", at(RES, "承办"), 27,
         "英文冒号“:”在花括号 { } 里一段没有加引号的文字中"),
    case("` #` inside a reason in braces", RES, "reason: 承办省级综合应急演练",
         "reason: 见 #3号文", "syntax", at(RES, "承办"), 27, "会被当作注释的开始"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "code", "line", "column", "says"), CASES)
def test_slip_is_named_at_its_character(
    mini: Path, run, file: str, old: str, new: str, code: str, line: int, column: int, says: str
) -> None:
    refused_at(run, mini, (file, old, new), (code, line, column), says)


def test_digits_hint_names_the_half_width_number(mini: Path, run) -> None:
    edit(mini, RES, '"4-1": 100', '"4-1": ９５')
    _, errors = errors_of(run, mini)
    assert errors[0]["hint"] == "请用半角数字，写成 95"


def test_quoting_hint_for_text_with_a_colon(mini: Path, run) -> None:
    edit(mini, RES, "reason: 承办省级综合应急演练", "reason: 备注: 已完成")
    _, errors = errors_of(run, mini)
    assert "用英文双引号括起来" in errors[0]["hint"]
    assert "花括号 { } 没有正确闭合" not in errors[0]["message"]


def test_one_slip_one_error(mini: Path, run) -> None:
    """`{leadership：9.5, …}` is one slip: no second error for the "missing" leadership."""
    edit(mini, RES, "{leadership: 9.5", "{leadership：9.5")
    _, errors = errors_of(run, mini)
    assert [(e["code"], e["line"]) for e in errors] == [("fullwidth", at(RES, "危化科"))]


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (IND, "title: 隐患排查", "title: 隐患排查：重点，难点"),
        (IND, "title: 隐患排查", "title: “两违”整治（见［2024］1号）——重点"),
        (IND, "title: 隐患排查", "title: 隐患排查\n                  第二行：续写，说明"),
        (IND, "title: 隐患排查", "title: 　　隐患排查"),  # a paragraph indent in prose
        (RES, "reason: 承办省级综合应急演练", "reason: 承办省级演练：获“优秀”，表彰"),
        (RES, "note: 少一次督导检查", "note: '备注: 少一次 #3'"),
        (RES, "note: 少一次督导检查", "note: 备注:少一次"),
        (STAFF, "{name: 陈秋茹, department: 指挥中心}",
         "{name: 陈秋茹, department: 指挥中心}\n  - {name: “两违”办}"),
    ],
    ids=["：and，in a title", "quotes, brackets and dashes in a title", "a continued title",
         "U+3000 leading prose", "a reason", "a quoted note", "a colon without a space",
         "quotes inside a name"],
)  # fmt: skip
def test_full_width_punctuation_in_prose_passes(
    mini: Path, run, file: str, old: str, new: str
) -> None:
    edit(mini, file, old, new)
    exit_code, errors = errors_of(run, mini)
    assert (exit_code, errors) == (0, [])
