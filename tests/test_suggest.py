from __future__ import annotations

import json
from pathlib import Path

from jixiao.suggest import Suggester, did_you_mean, normal

from .test_characters import RES, edit, errors_of


def test_misspelt_name_suggests_the_known_one() -> None:
    assert did_you_mean("游动汉", ["游劲汉", "万小翠"]) == "游劲汉"


def test_full_width_id_suggests_the_half_width_one() -> None:
    assert did_you_mean("１－１－２", ["1-1-1", "1-1-2", "1-2-1"]) == "1-1-2"


def test_spaced_name_from_the_pdf_suggests_the_name() -> None:
    assert did_you_mean("林 岚", ["林岚", "林永源"]) == "林岚"


def test_nothing_close_suggests_nothing() -> None:
    assert did_you_mean("完全不同", ["游劲汉", "万小翠"]) is None


def test_normal_form_joins_separators_and_folds_full_width() -> None:
    assert {normal(w) for w in ("1-1-1", "1.1.1", "1_1_1", "１－１－１", " 1 - 1 - 1 ")} == {
        "1-1-1"
    }
    assert normal("1.10") != normal("1.1")


def test_suggester_prefers_a_word_still_missing() -> None:
    suggest = Suggester(["1-1-1", "1-1-2", "1-2-1"], prefer=["1-1-1"])
    assert suggest("1-1-0") == "1-1-1"
    assert Suggester(["1-1-1", "1-1-2", "1-2-1"])("1-1-0") == "1-1-2"


def test_suggester_searches_a_bounded_number_of_times() -> None:
    suggest = Suggester([f"{i}-{j}-1" for i in range(40) for j in range(40)], searches=2)
    assert suggest("1-1-l") == "1-1-1"
    assert suggest("2-2-l") == "2-2-1"
    assert suggest("3-3-l") is None  # the budget is spent: no difflib over 1,600 ids
    assert suggest("3.3.1") == "3-3-1"  # the index still answers


# --- through the CLI -----------------------------------------------------------------


def test_a_mistyped_id_suggests_the_id_still_missing(mini: Path, run) -> None:
    # "1-1-0" is as close to 1-1-1 as to 1-1-2; only 1-1-1 is left without a figure
    edit(mini, RES, '"1-1-1": 100', '"1-1-0": 100')
    _, errors = errors_of(run, mini)
    assert [(e["code"], e["line"], e["column"], e["hint"]) for e in errors] == [
        ("unknown-id", 4, 3, "是不是 1-1-1？")
    ]


def test_ids_typed_with_dots_suggest_the_dashed_ids(mini: Path, run) -> None:
    for leaf_id in ("1-1-1", "1-1-2", "2-1", "4-1"):
        edit(mini, RES, f'"{leaf_id}"', f'"{leaf_id.replace("-", ".")}"')
    _, errors = errors_of(run, mini)
    assert [e["hint"] for e in errors] == [
        "是不是 1-1-1？",
        "是不是 1-1-2？",
        "是不是 2-1？",
        "是不是 4-1？",
    ]


def test_a_leaf_an_unknown_id_was_meant_for_is_not_also_missing(mini: Path, run) -> None:
    edit(mini, RES, '"1-1-1": 100', '"1.1.1": 100')
    edit(mini, RES, '"4-1": 100', '"甲乙": 100')  # nothing like any id: 4-1 is still missing
    result = run("check", "--data", mini, "--format", "json")
    problems = [(p["code"], p["message"][:5]) for p in json.loads(result.stdout)["problems"]]
    assert sorted(problems) == [
        ("missing-figure", "4-1 尚"),
        ("unknown-id", "考评表中没"),
        ("unknown-id", "考评表中没"),
    ]
