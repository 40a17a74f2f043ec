"""Scoring by hand-computed examples (SPEC §3)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.directory import Directory
from jixiao.problem import DataError, Severity
from jixiao.report.score import reasons
from jixiao.scoring import score

from .builders import leaf, results, scheme

D = Decimal


def test_leaf_of_weight_1_at_99_5_percent_scores_1_00_not_float_0_99() -> None:
    assert round(1 * 99.5 / 100, 2) == 0.99  # the float trap this guards against
    card = score(
        scheme(leaf("1", "1", ["办公室"]), leaf("2", "99", ["办公室"])),
        results({"1": "99.5", "2": "100"}),
        Directory(),
    )
    assert card.leaves[0].points == D("1.00")
    assert card.bureau.target == D("100.00")


def test_exact_90_grades_excellent_where_float_gives_89_99() -> None:
    assert 100 * 91 / 100 * 0.8 + 9.1 + 8.1 < 90  # a float computation falls to 良好
    card = score(
        scheme(leaf("1", "100", ["办公室"])), results({"1": "91"}, "9.1", "8.1"), Directory()
    )
    b = card.bureau
    assert (b.target, b.weighted, b.final) == (D("91.00"), D("72.80"), D("90.00"))
    assert b.grade == "优秀"


def test_grade_bands_are_half_open() -> None:
    def grade(completion: str, leadership: str) -> str:
        card = score(
            scheme(leaf("1", "100", ["办公室"])),
            results({"1": completion}, leadership, "0"),
            Directory(),
        )
        return card.bureau.grade

    # weighted = completion × 0.8; final = weighted + leadership
    assert grade("100", "9.99") == "良好"  # 89.99
    assert grade("100", "10") == "优秀"  # 90.00
    assert grade("75", "10") == "合格"  # 70.00
    assert grade("75", "9.99") == "差"  # 69.99


def test_each_figure_is_computed_from_the_rounded_one_before_it() -> None:
    # points 0.335 -> 0.34 and 0.665 -> 0.67 (half up); target 1.01; weighted 0.808 -> 0.81
    card = score(
        scheme(leaf("1", "0.67", ["办公室"]), leaf("2", "1.33", ["办公室"])),
        results({"1": "50", "2": "50"}, "0", "0"),
        Directory(),
    )
    assert [s.points for s in card.leaves] == [D("0.34"), D("0.67")]
    assert (card.bureau.target, card.bureau.weighted) == (D("1.01"), D("0.81"))


def test_shared_leaf_counts_fully_for_both_departments() -> None:
    card = score(
        scheme(
            leaf("1", "60", ["协调科"]),
            leaf("2", "40", ["协调科", "危化科"]),
        ),
        results({"1": "100", "2": "50"}),
        Directory(),
    )
    shared = {d.name: d for d in card.departments}
    # 协调科: (60 + 20) / 100 = 80.00; 危化科: 20 / 40 = 50.00
    assert (shared["协调科"].max_points, shared["协调科"].target) == (D("100"), D("80.00"))
    assert (shared["危化科"].max_points, shared["危化科"].target) == (D("40"), D("50.00"))
    assert shared["危化科"].final == D("40.00") + 9 + 9
    assert shared["危化科"].grade == "差"


def test_department_evaluation_overrides_the_bureau_for_that_department_only() -> None:
    card = score(
        scheme(leaf("1", "50", ["协调科"]), leaf("2", "50", ["危化科"])),
        results(
            {"1": "100", "2": "100"},
            "9",
            "9",
            department_evaluation={"危化科": {"leadership": "7.5"}},
        ),
        Directory(),
    )
    by_name = {d.name: d for d in card.departments}
    assert (by_name["危化科"].leadership, by_name["危化科"].public) == (D("7.5"), D("9"))
    assert by_name["危化科"].final == D("96.50")
    assert (by_name["协调科"].leadership, by_name["协调科"].final) == (D("9"), D("98.00"))


def test_bonus_is_capped_and_only_counts_for_the_departments_it_names() -> None:
    card = score(
        scheme(leaf("1", "50", ["协调科"]), leaf("2", "50", ["危化科"]), bonus_max="2"),
        results(
            {"1": "100", "2": "100"},
            "5",
            "5",
            bonuses=[
                {"points": "1.5", "reason": "省级表彰", "departments": ["协调科"]},
                {"points": "1", "reason": "承办演练", "departments": ["协调科"]},
            ],
        ),
        Directory(),
    )
    assert card.bureau.bonus == D("2")  # 2.5 capped at 2
    assert card.bureau.final == D("92.00")
    by_name = {d.name: d for d in card.departments}
    assert by_name["协调科"].bonus == D("2")
    assert by_name["危化科"].bonus == D("0")


def test_deduction_removes_eligibility_of_person_and_department() -> None:
    card = score(
        scheme(leaf("1", "50", ["指挥中心"]), leaf("2", "50", ["办公室"])),
        results(
            {"1": "100", "2": "100"},
            deductions=[
                {
                    "points": "0.5",
                    "date": "2024-05-10",
                    "reason": "暗访发现值班脱岗",
                    "departments": ["指挥中心"],
                    "persons": ["游劲汉"],
                }
            ],
        ),
        Directory(),
    )
    assert card.bureau.deduction == D("0.5")
    assert card.bureau.final == D("97.50")
    assert [i.name for i in card.ineligible_departments] == ["指挥中心"]
    assert [i.name for i in card.ineligible_persons] == ["游劲汉"]
    assert reasons(card.ineligible_persons[0]) == [
        "察访核验扣0.5分：暗访发现值班脱岗（2024-05-10）"
    ]
    by_name = {d.name: d for d in card.departments}
    assert (by_name["指挥中心"].deduction, by_name["办公室"].deduction) == (D("0.5"), D("0"))


def test_department_graded_poor_loses_eligibility_and_must_rectify() -> None:
    card = score(
        scheme(leaf("1", "50", ["协调科"]), leaf("2", "50", ["危化科"])),
        results({"1": "100", "2": "60"}, "5", "5"),
        Directory(),
    )
    # 危化科: 60 × 0.8 + 10 = 58.00 -> 差
    assert [(i.name, i.rectify) for i in card.ineligible_departments] == [("危化科", True)]
    assert "限期整改" in reasons(card.ineligible_departments[0])[0]


def test_missing_figures_are_refused_with_ids_and_departments() -> None:
    data = scheme(leaf("1", "50", ["协调科"]), leaf("2", "50", ["危化科"]))
    with pytest.raises(DataError) as caught:
        score(data, results({"1": "100", "2": None}), Directory())
    assert [(p.code, p.message) for p in caught.value.problems] == [
        ("missing-figure", "2 尚未填写完成率（危化科）")
    ]


def test_allow_missing_counts_zero_and_marks_provisional() -> None:
    data = scheme(leaf("1", "50", ["协调科"]), leaf("2", "50", ["危化科"]))
    card = score(data, results({"1": "100"}), Directory(), allow_missing=True)
    assert card.provisional and card.missing == ["2"]
    assert card.bureau.target == D("50.00")


def test_leader_view_groups_leaves_by_leader() -> None:
    card = score(
        scheme(
            leaf("1", "60", ["协调科"], leaders=["王夏阳"]),
            leaf("2", "40", ["危化科"], leaders=["王夏阳", "刘海明"]),
        ),
        results({"1": "100", "2": "50"}),
        Directory(),
    )
    by_name = {s.name: s for s in card.leaders}
    assert (by_name["王夏阳"].max_points, by_name["王夏阳"].target) == (D("100"), D("80.00"))
    assert (by_name["刘海明"].max_points, by_name["刘海明"].target) == (D("40"), D("50.00"))
    assert [s.name for s in card.leaders] == ["王夏阳", "刘海明"]  # sorted by final score


def test_missing_figure_from_a_library_call_names_no_file() -> None:
    data = scheme(leaf("1", "50", ["协调科"]))
    with pytest.raises(DataError) as caught:
        score(data, results({}, public=None), Directory())  # type: ignore[arg-type]
    assert [(p.file, p.line, p.column, p.code, p.severity) for p in caught.value.problems] == [
        ("", 0, 0, "missing-figure", Severity.ERROR),
        ("", 0, 0, "missing-evaluation", Severity.ERROR),
    ]


def test_equal_finals_share_a_rank_and_the_next_rank_skips() -> None:
    card = score(
        scheme(
            leaf("1", "25", ["协调科"]),
            leaf("2", "25", ["办公室"]),
            leaf("3", "25", ["危化科"]),
            leaf("4", "25", ["指挥中心"]),
        ),
        results({"1": "90", "2": "90", "3": "100", "4": "80"}),
        Directory(),
    )
    # 危化科 98.00; 办公室 and 协调科 90.00 each (ties in name order); 指挥中心 82.00
    assert [(d.rank, d.name, d.final) for d in card.departments] == [
        (1, "危化科", D("98.00")),
        (2, "办公室", D("90.00")),
        (2, "协调科", D("90.00")),
        (4, "指挥中心", D("82.00")),
    ]


def test_with_one_grade_nobody_must_rectify() -> None:
    one_grade = [{"name": "合格", "min": "0"}]
    card = score(
        scheme(leaf("1", "100", ["协调科"]), grades=one_grade), results({"1": "10"}), Directory()
    )
    assert card.departments[0].grade == "合格"
    assert card.ineligible_departments == []


def test_with_two_grades_the_lower_one_must_rectify() -> None:
    two_grades = [{"name": "达标", "min": "60"}, {"name": "不达标", "min": "0"}]
    card = score(
        scheme(leaf("1", "50", ["协调科"]), leaf("2", "50", ["危化科"]), grades=two_grades),
        results({"1": "100", "2": "40"}, "5", "5"),
        Directory(),
    )
    # 协调科 80 + 10 = 90.00 达标; 危化科 32 + 10 = 42.00 不达标
    assert [(d.name, d.grade) for d in card.departments] == [
        ("协调科", "达标"),
        ("危化科", "不达标"),
    ]
    assert [(i.name, i.rectify_grade) for i in card.ineligible_departments] == [
        ("危化科", "不达标")
    ]


def test_department_evaluation_of_public_only_keeps_the_bureaus_leadership() -> None:
    card = score(
        scheme(leaf("1", "100", ["危化科"])),
        results({"1": "100"}, "9", "8", department_evaluation={"危化科": {"public": "7"}}),
        Directory(),
    )
    department = card.departments[0]
    assert (department.leadership, department.public, department.final) == (
        D("9"),
        D("7"),
        D("96.00"),
    )


def test_department_evaluation_under_an_alias_counts_for_the_department() -> None:
    directory = Directory(departments={"指挥中心": "指挥中心", "应急指挥中心": "指挥中心"})
    card = score(
        scheme(leaf("1", "100", ["指挥中心"])),
        results(
            {"1": "100"}, "9", "9", department_evaluation={"应急指挥中心": {"leadership": "5"}}
        ),
        directory,
    )
    assert (card.departments[0].leadership, card.departments[0].final) == (D("5"), D("94.00"))
