"""Values as the clerk types them (values.py): what is read, exactly, and what is refused,
with the line, column, code and message that `check` shows for it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from jixiao.dataset import load_bytes
from jixiao.model import Indicator, Results, Staff
from jixiao.values import COMPLETION_HINT

Found = list[tuple[int, int, str, str]]


def _read(text: str) -> tuple[Results | None, Found]:
    results, problems = load_bytes(Results, text.encode("utf-8"), "2024.yaml")
    assert results is None or isinstance(results, Results)
    return results, [(p.line, p.column, p.code, p.message) for p in problems]


def _completion(typed: str) -> tuple[Decimal | None, Found]:
    results, found = _read(f'year: 2024\ncompletion:\n  "1-1": {typed}\n')
    return (results.figure("1-1") if results else None), found


@pytest.mark.parametrize(
    ("typed", "figure"),
    [
        ("100", "100"),
        ("0", "0"),
        ("99.99", "99.99"),
        ("0.5", "0.5"),
        ("+50", "50"),
        ("100.00", "100.00"),
        ("'  80 '", "80"),  # spaces inside the quotes are the clerk's, not a number's
    ],
)
def test_a_completion_is_read_exactly(typed: str, figure: str) -> None:
    read, found = _completion(typed)
    assert found == []
    assert read == Decimal(figure) and str(read) == str(Decimal(figure))


@pytest.mark.parametrize(
    ("typed", "code", "message"),
    [
        ("100.01", "range", "1-1 完成率 100.01 超过 100"),
        ("-0.01", "range", "1-1 完成率 -0.01 不能小于 0"),
        ("123456789", "range", "1-1 完成率 123456789 超过 100"),  # nine digits are a number
        ("1234567890", "range", "1-1 完成率：“1234567890”数值过大"),  # ten are not
        ("99.555", "decimals", "1-1 完成率：“99.555”超过两位小数"),
        ("010", "number", "1-1 完成率：“010”以 0 开头，含义不明确（请去掉前导 0）"),
        ("+010", "number", "1-1 完成率：“+010”以 0 开头，含义不明确（请去掉前导 0）"),
        ("00.5", "number", "1-1 完成率：“00.5”以 0 开头，含义不明确（请去掉前导 0）"),
        ("abc", "number", "1-1 完成率：“abc”不是数字"),
        ("1e2", "number", "1-1 完成率：“1e2”不是数字"),
        (".5", "number", "1-1 完成率：“.5”不是数字"),
        ("5.", "number", "1-1 完成率：“5.”不是数字"),
        ("[1]", "number", "1-1 完成率：应为数字，而不是列表或映射"),
    ],
)
def test_a_completion_that_is_not_a_rate_is_refused_at_its_place(
    typed: str, code: str, message: str
) -> None:
    assert _completion(typed) == (None, [(3, 10, code, message)])


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("as_of: 2024-06-30", []),
        ("as_of: ' 2024-06-30 '", []),
        (
            "as_of: 2024-13-45",
            [(2, 8, "date", "as_of（统计截止日期）：“2024-13-45”不是有效的日期")],
        ),
        (
            "as_of: 2024/06/30",
            [
                (
                    2,
                    8,
                    "date",
                    "as_of（统计截止日期）：“2024/06/30”不是日期，请写成 2024-12-31 的形式",
                )
            ],
        ),
        (
            "as_of: 2024-6-30",
            [
                (
                    2,
                    8,
                    "date",
                    "as_of（统计截止日期）：“2024-6-30”不是日期，请写成 2024-12-31 的形式",
                )
            ],
        ),
    ],
)
def test_dates(line: str, found: Found) -> None:
    results, problems = _read(f"year: 2024\n{line}\n")
    assert problems == found
    if results is not None:
        assert str(results.as_of) == "2024-06-30"


@pytest.mark.parametrize("typed", ["1999", "2024", "'2024 '"])
def test_a_year_is_four_digits(typed: str) -> None:
    results, found = _read(f"year: {typed}\n")
    assert found == [] and results is not None
    assert results.year == int(typed.strip("' "))


@pytest.mark.parametrize("typed", ["24", "0999", "3024", "20245"])
def test_anything_else_is_not_a_year(typed: str) -> None:
    assert _read(f"year: {typed}\n")[1] == [
        (1, 7, "year", f"year（年度）：“{typed}”不是年份，请写四位数字，如 2024")
    ]


@pytest.mark.parametrize(
    ("entry", "found"),
    [
        ("{points: , reason: 表彰}", [(3, 14, "number", "points（分值）：缺少数值")]),
        ('{points: 1, reason: ""}', [(3, 25, "empty", "reason（理由）：不能为空")]),
        ("{points: 1, reason: }", [(3, 25, "empty", "reason（理由）：不能为空")]),
        (
            "{points: 1, reason: [a]}",
            [(3, 25, "type", "reason（理由）：应为文字，而不是列表或映射")],
        ),
        (
            "{points: 1, reason: 表彰, departments: [办公室, 协调科, 办公室]}",
            [(3, 42, "duplicate-name", "departments（责任科室）：“办公室”在列表中出现了两次")],
        ),
    ],
)
def test_entries_refused(entry: str, found: Found) -> None:
    assert _read(f"year: 2024\nbonuses:\n  - {entry}\n")[1] == found


def test_text_is_trimmed_and_a_lone_name_is_a_list_of_one() -> None:
    results, found = _read(
        'year: 2024\nbonuses:\n  - {points: 1, reason: "  表彰  ", departments: 办公室}\n'
    )
    assert found == [] and results is not None
    [bonus] = results.bonuses
    assert (bonus.points, bonus.reason, bonus.departments) == (Decimal(1), "表彰", ["办公室"])


@pytest.mark.parametrize(
    ("value", "figure"),
    [(99.5, "99.5"), (0.1, "0.1"), (100, "100"), (Decimal("99.50"), "99.50")],
)
def test_a_library_caller_s_python_numbers_are_read_as_written(value: object, figure: str) -> None:
    # a float is read as it prints (0.1), not as its binary value (0.1000000000000000055…)
    results = Results.model_validate({"year": "2024", "completion": {"1": value}})
    read = results.figure("1")
    assert read == Decimal(figure) and str(read) == figure


def test_a_library_caller_s_true_is_not_the_number_1() -> None:
    with pytest.raises(ValidationError) as caught:
        Results.model_validate({"year": "2024", "completion": {"1": True}})
    assert [(e["loc"], e["type"], e["msg"]) for e in caught.value.errors()] == [
        (("completion", "1", "completion"), "number", "应为数字")
    ]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("year: 2024\nas_of: [2024-06-30]\n", (2, 8, "date")),
        ("year: [2024]\n", (1, 7, "year")),
    ],
)
def test_a_list_where_a_date_or_year_belongs_is_refused_at_its_place(
    text: str, place: tuple[int, int, str]
) -> None:
    assert [found[:3] for found in _read(text)[1]] == [place]


def test_a_library_caller_s_year_may_be_a_number() -> None:
    assert Results.model_validate({"year": 2024}).year == 2024


def test_full_width_digits_are_named_and_full_width_letters_are_not_a_number() -> None:
    assert _completion("９５") == (None, [(3, 10, "number", "1-1 完成率：“９５”中有全角字符“９”")])
    assert _completion("ａｂ") == (None, [(3, 10, "number", "1-1 完成率：“ａｂ”不是数字")])


def test_a_slip_in_a_department_key_is_found_in_the_key_not_in_a_comment_above() -> None:
    text = (
        "year: 2024\ncompletion: {}\ndepartment_evaluation:\n"
        "  危化科: {leadership: 9}  # 已核，无误\n  协调科，: {leadership: 9}\n"
    )
    said = "department_evaluation（科室评价）：第 5 行第 6 列是中文逗号“，”，请改成英文逗号“,”"
    assert _read(text)[1] == [(5, 6, "fullwidth", said)]


def test_an_empty_department_evaluation_is_none_given() -> None:
    results, found = _read("year: 2024\ncompletion: {}\ndepartment_evaluation:\n")
    assert found == []
    assert results is not None and results.department_evaluation == {}


def test_a_library_caller_keying_by_numbers_gets_a_validation_error() -> None:
    """YAML keys reach the models as text; a caller's dict keyed by numbers is refused by
    Pydantic like any other wrong type, not by a TypeError from the slip check."""
    with pytest.raises(ValidationError) as refused:
        Results.model_validate({"year": 2024, "completion": {1: 90}})
    assert [e["type"] for e in refused.value.errors()] == ["string_type"]


def _hint(text: str) -> tuple[int, int, str, str, str]:
    _, problems = load_bytes(Results, text.encode("utf-8"), "2024.yaml")
    assert len(problems) == 1, problems
    p = problems[0]
    return (p.line, p.column, p.code, p.message, p.hint)


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        pytest.param(
            "-5",
            ("range", "1-1 完成率 -5 不能小于 0", COMPLETION_HINT),
            id="below 0: what a completion rate is",
        ),
        pytest.param(
            "-0",
            ("number", "1-1 完成率：“-0”是负零，请写 0", "0 前面不要加负号"),
            id="minus zero: write 0",
        ),
        pytest.param(
            "1" + "0" * 40,
            ("range", f"1-1 完成率：“1{'0' * 40}”数值过大", "检查是否多打了数字"),
            id="a number too large for any figure",
        ),
        pytest.param(
            "0100",
            ("number", "1-1 完成率：“0100”以 0 开头，含义不明确（请去掉前导 0）", "写成 100"),
            id="a leading 0: the number meant",
        ),
    ],
)
def test_a_refused_completion_says_what_to_write(typed: str, found: tuple[str, str, str]) -> None:
    assert _hint(f'year: 2024\ncompletion:\n  "1-1": {typed}\n') == (3, 10, *found)


def test_a_lone_name_where_a_list_belongs_is_a_list_of_one() -> None:
    bonus = "  - {points: 1, reason: 演练, departments: 指挥中心}\n"
    results, found = _read(f"year: 2024\ncompletion: {{}}\nbonuses:\n{bonus}")
    assert found == [] and results is not None
    assert results.bonuses[0].departments == ["指挥中心"]


def test_a_slip_in_a_list_is_found_in_its_item_not_in_a_comment_above() -> None:
    text = (
        "year: 2024\ncompletion: {}\nbonuses:\n  - points: 1\n    reason: 演练\n"
        "    departments:\n      - 指挥中心  # 主办，协办\n      - 协调科，\n"
    )
    said = "departments（责任科室）：第 8 行第 12 列是中文逗号“，”，请改成英文逗号“,”"
    assert _read(text)[1] == [(8, 12, "fullwidth", said)]


def test_a_library_callers_numbers_where_names_and_ids_belong_are_validation_errors() -> None:
    """Files give text (the loader reads every scalar as typed); a caller's numbers are refused
    by Pydantic as not text, not by a TypeError from the slip checks."""
    bonus = {"points": 1, "reason": "演练", "departments": [7]}
    cases = [
        (
            Results,
            {"year": 2024, "completion": {}, "bonuses": [bonus]},
            ("bonuses", 0, "departments", 0),
        ),
        (Staff, {"departments": [{"name": 7}]}, ("departments", 0, "name")),
        (Indicator, {"id": 7, "title": "测试", "weight": 1}, ("id",)),
    ]
    for model, data, loc in cases:
        with pytest.raises(ValidationError) as refused:
            model.model_validate(data)
        assert ("text", loc) in [(e["type"], e["loc"]) for e in refused.value.errors()]
