"""The models of the data files (model.py): what they read, and where each value was, the
line and column every later problem (a name not in the staff, a figure missing) is said at."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.dataset import load_bytes
from jixiao.model import Results, Scheme, short_title

RESULTS = """\
year: 2024
as_of: 2024-06-30
completion:
  "1-1-1": 100
  "1-1-2": {completion: 50, note: 好}
bonuses:
  - points: 1
    reason: 好
    persons: [甲, 乙]
  - {points: 2, reason: 佳, persons: 丙}
"""


def _results(text: str) -> Results:
    results, problems = load_bytes(Results, text.encode("utf-8"), "2024.yaml")
    assert problems == []
    assert isinstance(results, Results)
    return results


def test_each_value_of_a_results_file_is_found_at_its_line_and_column() -> None:
    results = _results(RESULTS)
    assert results.pos == (1, 1)
    assert results.where("year") == (1, 7)
    assert results.where("as_of") == (2, 8)
    assert results.where("completion") == (4, 3)
    assert results.where("completion", "1-1-2") == (5, 12)
    assert results.key_where("completion", "1-1-2") == (5, 3)
    first, second = results.bonuses
    assert first.pos == (7, 5)
    assert first.where("persons") == (9, 14)
    assert first.where("persons", 1) == (9, 18)
    assert second.where("persons") == (10, 37)
    assert results.completion["1-1-2"].where("note") == (5, 35)


def test_where_a_value_is_not_falls_back_to_what_holds_it() -> None:
    results = _results(RESULTS)
    # an id not in `completion:`: the mapping itself, for its value and for its key
    assert results.where("completion", "9-9") == (4, 3)
    assert results.key_where("completion", "9-9") == (4, 3)
    # a key the file does not have: the file's mapping
    assert results.where("deductions") == (1, 1)
    assert results.key_where("deductions", "9-9") == (1, 1)
    first, second = results.bonuses
    assert first.where("persons", 2) == (9, 14)  # past the end of the list: the list
    assert second.where("persons", 0) == (10, 37)  # a lone name read as a list: that name
    assert first.where("reason", "x") == (8, 13)  # not a mapping: the value


def test_an_empty_or_absent_completion_is_placed_at_the_file_or_its_key() -> None:
    absent = _results("year: 2024\n")
    assert absent.where("completion", "1-1-1") == (1, 1)
    assert absent.key_where("completion", "1-1-1") == (1, 1)
    empty = _results("year: 2024\ncompletion:\nbonuses:\n")
    assert empty.completion == {}
    assert empty.bonuses == []  # `bonuses:` left with nothing after it: none, not a refusal
    assert empty.where("completion", "1-1-1") == (2, 12)


def test_a_model_built_in_code_is_nowhere() -> None:
    results = Results.model_validate({"year": "2024", "completion": {"1-1-1": "100"}})
    assert results.pos == (0, 0)
    assert results.where("year") == (0, 0)
    assert results.where("completion", "1-1-1") == (0, 0)
    assert results.key_where("completion", "1-1-1") == (0, 0)
    assert results.figure("1-1-1") == Decimal(100)
    assert results.figure("1-1-2") is None


SCHEME = """\
unit: 测试局
year: 2024
formula: {target_factor: 0.8, leadership_max: 10, public_max: 10}
grades:
  - {name: 优秀, min: 90}
  - {name: 良好, min: 80}
  - {name: 合格, min: 60}
sections:
  - name: 职能
    weight: 60
    groups:
      - name: 重点
        indicators:
          - id: "1-1"
            title: 安全
            weight: 60
            items:
              - {id: "1-1-1", title: 排查, weight: 40}
              - {id: "1-1-2", title: 整治, weight: 20}
  - name: 能力
    weight: 40
    indicators:
      - {id: "2-1", title: 信息, weight: 40}
"""


def _scheme() -> Scheme:
    scheme, problems = load_bytes(Scheme, SCHEME.encode("utf-8"), "indicators.yaml")
    assert problems == []
    assert isinstance(scheme, Scheme)
    return scheme


def test_the_leaves_in_order_with_what_they_sit_under() -> None:
    leaves = [
        (leaf.id, leaf.section.name, leaf.group.name if leaf.group else None, leaf.indicator.id)
        for leaf in _scheme().leaves()
    ]
    assert leaves == [
        ("1-1-1", "职能", "重点", "1-1"),
        ("1-1-2", "职能", "重点", "1-1"),
        ("2-1", "能力", None, "2-1"),
    ]


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        pytest.param("90", "优秀", id="at the lowest score of the top grade"),
        pytest.param("89.99", "良好", id="just under it"),
        pytest.param("60", "合格", id="at the lowest score of the last grade"),
        pytest.param("50", "合格", id="under every grade: the last"),
    ],
)
def test_the_grade_of_a_score(score: str, grade: str) -> None:
    assert _scheme().grade_for(Decimal(score)) == grade


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        pytest.param("一" * 40, "一" * 40, id="forty characters whole"),
        pytest.param("一" * 41, "一" * 39 + "…", id="forty-one cut to forty with the ellipsis"),
    ],
)
def test_a_long_title_is_cut_to_forty_characters(title: str, shown: str) -> None:
    assert short_title(title) == shown
