"""`jixiao progress`: every status at fixed dates, department summaries, the three formats.

The mini scheme has 1-1-1 (25 分, 协调科, due 2024-12-31), 1-1-2 (15 分, 危化科, due
2024-06-30), 2-1 (20 分, shared by 指挥中心 and 协调科, due 2024-12-31) and 4-1 (40 分,
办公室, due 2024-12-31); the tolerance is 10 points. 2024 is a leap year, so 2024-12-31
is 365 days after 1 January and 2024-06-30 is 181 days after it. 2024-05-26 is day 146:
the pace of a year-end leaf is then exactly 146 / 365 = 40%, that of 1-1-2 is
146 / 181 = 80.66298…% → 80.66%.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao import load_dataset
from jixiao.directory import Directory
from jixiao.model import Results, Scheme
from jixiao.progress import Status, classify, expected_pace, progress_report

from . import builders
from .edit import replace_in

JAN_1 = date(2024, 1, 1)


def _write_results(
    data: Path, figures: dict[str, str | None], as_of: str | None = "2024-05-26"
) -> Path:
    lines = ["year: 2024"]
    if as_of is not None:
        lines.append(f"as_of: {as_of}")
    lines.append("completion:")
    for leaf_id, figure in figures.items():
        lines.append(f'  "{leaf_id}":' + (f" {figure}" if figure is not None else ""))
    path = data / "results" / "2024.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# 1-1-1 at 30 (exactly 10 below the 40% pace), 1-1-2 at 50 (far below 80.66), 2-1 at 50,
# 4-1 not reported.
MAY = {"1-1-1": "30", "1-1-2": "50", "2-1": "50", "4-1": None}


def _load(data: Path) -> tuple[Scheme, Results]:
    dataset = load_dataset(data)
    assert dataset.scheme is not None
    return dataset.scheme, dataset.results[next(iter(dataset.results))]


# --- the rules, leaf by leaf ------------------------------------------------------------


@pytest.mark.parametrize(
    ("leaf_id", "figure", "as_of", "expected"),
    [
        ("1-1-1", "100", "2024-03-01", Status.DONE),
        ("1-1-2", "100", "2024-08-01", Status.DONE),  # done, even after the deadline
        ("1-1-1", None, "2024-05-26", Status.MISSING),
        ("1-1-2", None, "2024-07-01", Status.MISSING),  # not reported beats late
        ("1-1-2", "90", "2024-06-30", Status.ON_TRACK),  # the deadline day is not late yet
        ("1-1-2", "89.99", "2024-06-30", Status.BEHIND),  # ... but the pace is 100 that day
        ("1-1-2", "99.99", "2024-07-01", Status.OVERDUE),  # the day after the deadline
        ("1-1-1", "30", "2024-05-26", Status.ON_TRACK),  # exactly the tolerance below 40
        ("1-1-1", "29.99", "2024-05-26", Status.BEHIND),  # just beyond it
        ("1-1-2", "70.66", "2024-05-26", Status.ON_TRACK),  # pace 80.66 as printed
        ("1-1-2", "70.65", "2024-05-26", Status.BEHIND),
        ("1-1-1", "0", "2024-01-01", Status.ON_TRACK),  # pace 0 on the first day
        ("1-1-1", "0", "2024-02-06", Status.ON_TRACK),  # day 36: pace 9.86, within 10
        ("1-1-1", "0", "2024-02-07", Status.BEHIND),  # day 37: pace 10.14
        ("1-1-1", "99.99", "2024-12-31", Status.ON_TRACK),
        ("1-1-1", "50", "2025-01-02", Status.OVERDUE),  # checked after the year
    ],
)
def test_classify(
    mini: Path, leaf_id: str, figure: str | None, as_of: str, expected: Status
) -> None:
    scheme, _ = _load(mini)
    leaf = next(leaf for leaf in scheme.leaves() if leaf.id == leaf_id)
    value = Decimal(figure) if figure is not None else None
    status = classify(leaf, value, date.fromisoformat(as_of), Decimal(10), JAN_1)
    assert status is expected


@pytest.mark.parametrize(
    ("deadline", "as_of", "pace"),
    [
        ("2024-12-31", "2024-05-26", "40.00"),
        ("2024-06-30", "2024-05-26", "80.66"),
        ("2024-06-30", "2024-06-30", "100.00"),
        ("2024-06-30", "2024-09-30", "100"),  # capped
        ("2024-12-31", "2023-12-01", "0"),  # before the year
        ("2024-01-01", "2024-01-01", "100"),  # due on the first day
        ("2024-01-01", "2023-12-31", "0"),  # ... and checked the day before: nothing due yet
        ("2024-03-31", "2024-01-02", "1.11"),  # 1 of 90 days = 1.111…
        ("2024-02-02", "2024-01-02", "3.13"),  # 1 of 32 days = 3.125, half up
    ],
)
def test_expected_pace(deadline: str, as_of: str, pace: str) -> None:
    got = expected_pace(date.fromisoformat(deadline), date.fromisoformat(as_of), JAN_1)
    assert got == Decimal(pace)


def test_tolerance_comes_from_the_scheme(mini: Path) -> None:
    replace_in(mini / "indicators.yaml", "tolerance: 10", "tolerance: 5")
    _write_results(mini, {"1-1-1": "35", "1-1-2": "34.99", "2-1": "100", "4-1": "100"})
    scheme, results = _load(mini)
    report = progress_report(scheme, results, date(2024, 5, 26), Directory())
    statuses = {row.leaf.id: row.status for row in report.rows}
    assert statuses == {
        "1-1-1": Status.ON_TRACK,  # 40 − 5 = 35
        "1-1-2": Status.BEHIND,
        "2-1": Status.DONE,
        "4-1": Status.DONE,
    }


def test_a_leaf_without_a_deadline_is_paced_to_the_years_end() -> None:
    # `check` refuses it; a library caller gets 31 December: day 182 of 365 on 1 July
    data = builders.scheme(builders.leaf("1", "100", ["协调科"], deadline=None))
    report = progress_report(data, builders.results({"1": "39.85"}), date(2024, 7, 1), Directory())
    [row] = report.rows
    assert (row.deadline, row.pace, row.status) == (None, Decimal("49.86"), Status.BEHIND)
    report = progress_report(data, builders.results({"1": "50"}), date(2025, 1, 1), Directory())
    assert report.rows[0].status is Status.OVERDUE


def test_a_leaf_left_out_of_the_results_file_is_missing() -> None:
    data = builders.scheme(
        builders.leaf("1", "50", ["协调科"]), builders.leaf("2", "50", ["危化科"])
    )
    report = progress_report(data, builders.results({"1": "40"}), date(2024, 5, 26), Directory())
    assert [(row.leaf.id, row.figure, row.note, row.status) for row in report.rows] == [
        ("1", Decimal(40), None, Status.ON_TRACK),
        ("2", None, None, Status.MISSING),
    ]


# --- department summaries ---------------------------------------------------------------


def test_department_summary_weighted_by_points(mini: Path) -> None:
    _write_results(mini, MAY)
    scheme, results = _load(mini)
    dataset = load_dataset(mini)
    report = progress_report(scheme, results, date(2024, 5, 26), dataset.directory)

    by_name = {s.name: s for s in report.departments}
    assert list(by_name) == ["办公室", "协调科", "危化科", "指挥中心"]  # staff.yaml's order
    # 协调科 has 1-1-1 (25 分 at 30%) and the shared 2-1 (20 分 at 50%): 1750 / 45 = 38.888…
    assert by_name["协调科"].completion == Decimal("38.89")
    assert by_name["协调科"].leaves == 2
    assert by_name["协调科"].weight == Decimal(45)
    assert by_name["协调科"].counts[Status.ON_TRACK] == 2
    assert by_name["危化科"].counts[Status.BEHIND] == 1
    assert by_name["指挥中心"].completion == Decimal(50)  # the shared leaf counts fully
    # 办公室 reported nothing: no average, one 未填报
    assert by_name["办公室"].completion is None
    assert by_name["办公室"].counts[Status.MISSING] == 1
    # the bureau: each leaf once, 4-1 left out: (750 + 750 + 1000) / 60 = 41.666…
    assert report.total.completion == Decimal("41.67")
    assert report.total.weight == Decimal(100)
    assert [row.leaf.id for row in report.notice] == ["1-1-2"]
    assert [row.leaf.id for row in report.missing] == ["4-1"]


def test_department_aliases_count_under_the_canonical_name(mini: Path) -> None:
    replace_in(mini / "indicators.yaml", "[指挥中心, 协调科]", "[应急指挥中心, 协调科]")
    _write_results(mini, MAY)
    dataset = load_dataset(mini)
    scheme, results = _load(mini)
    report = progress_report(scheme, results, date(2024, 5, 26), dataset.directory)
    assert [s.name for s in report.departments] == ["办公室", "协调科", "危化科", "指挥中心"]
    assert report.rows[2].departments == ("指挥中心", "协调科")


def test_notice_lists_overdue_before_behind(mini: Path) -> None:
    # at 2024-07-01: 1-1-2 is overdue; 1-1-1 at 0 is far behind the 49.86% pace
    _write_results(mini, {"1-1-1": "0", "1-1-2": "60", "2-1": "100", "4-1": "100"})
    scheme, results = _load(mini)
    report = progress_report(scheme, results, date(2024, 7, 1), Directory())
    assert [(row.leaf.id, row.status) for row in report.notice] == [
        ("1-1-2", Status.OVERDUE),
        ("1-1-1", Status.BEHIND),
    ]


# --- the command ------------------------------------------------------------------------


def test_table_shows_summary_notice_and_missing(mini: Path, run) -> None:
    _write_results(mini, MAY)
    result = run("progress", "--data", mini)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "测试局 2024 年度工作进度（截至 2024-05-26）" in out
    [xietiao] = [line.split() for line in out.splitlines() if line.split()[:1] == ["协调科"]]
    assert xietiao == ["协调科", "2", "0", "2", "0", "0", "0", "45.00", "38.89%"]
    assert "通报：逾期 0 项，滞后 1 项" in out
    [cells] = [line.split() for line in out.splitlines() if line.split()[:1] == ["滞后"]]
    assert cells == [
        "滞后",
        "1-1-2",
        "危化品整治",
        "危化科",
        "刘海明",
        "陈庆超",
        "06-30",
        "50%",
        "80.66%",
    ]
    assert "未填报：1 项" in out
    [missing] = [line.split() for line in out.splitlines() if line.split()[:1] == ["4-1"]]
    assert missing == [
        "4-1",
        "信息报送",
        "办公室",
        "万小翠",
        "2024-12-31",
    ]


def test_json_output(mini: Path, run) -> None:
    _write_results(mini, MAY)
    result = run("progress", "--data", mini, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert list(doc) == [
        "unit",
        "year",
        "as_of",
        "tolerance",
        "total",
        "departments",
        "leaves",
        "notice",
        "missing",
    ]
    assert (doc["unit"], doc["year"], doc["as_of"], doc["tolerance"]) == (
        "测试局",
        2024,
        "2024-05-26",
        10,
    )
    assert doc["total"] == {
        "leaves": 4,
        "weight": 100,
        "completion": 41.67,
        "counts": {"done": 0, "on_track": 2, "behind": 1, "overdue": 0, "missing": 1},
    }
    assert doc["departments"][1] == {
        "name": "协调科",
        "leaves": 2,
        "weight": 45,
        "completion": 38.89,
        "counts": {"done": 0, "on_track": 2, "behind": 0, "overdue": 0, "missing": 0},
    }
    assert doc["departments"][0]["completion"] is None
    assert doc["leaves"][1] == {
        "id": "1-1-2",
        "title": "危化品整治",
        "weight": 15,
        "deadline": "2024-06-30",
        "departments": ["危化科"],
        "leaders": ["刘海明"],
        "persons": ["陈庆超"],
        "completion": 50,
        "note": None,
        "pace": 80.66,
        "status": "behind",
        "status_label": "滞后",
    }
    assert doc["leaves"][3]["completion"] is None
    assert doc["leaves"][3]["status"] == "missing"
    assert (doc["notice"], doc["missing"]) == (["1-1-2"], ["4-1"])
    assert '"completion": 38.89' in result.output  # a number, rounded, not a string
    assert '"tolerance": 10.0' in result.output  # numbers are written as in score's JSON


def test_json_keeps_notes_and_two_decimals(mini: Path, run) -> None:
    path = _write_results(mini, {"1-1-1": "33.33", "1-1-2": "100", "2-1": "66.67"}, "2024-07-01")
    with path.open("a", encoding="utf-8") as fh:
        fh.write('  "4-1": {completion: 12.5, note: 报送延迟}\n')
    result = run("progress", "--data", mini, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    rows = {row["id"]: row for row in doc["leaves"]}
    assert rows["4-1"]["note"] == "报送延迟"
    assert rows["1-1-1"]["completion"] == 33.33
    assert rows["1-1-1"]["pace"] == 49.86  # day 182 of 365 = 49.863…
    # 协调科: points as score counts them, 25 × 33.33% = 8.3325 → 8.33 and
    # 20 × 66.67% = 13.334 → 13.33; (8.33 + 13.33) / 45 × 100 = 48.133… → 48.13
    assert doc["departments"][1]["completion"] == 48.13


def test_markdown_output(mini: Path, run) -> None:
    _write_results(mini, MAY)
    result = run("progress", "--data", mini, "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "# 测试局 2024 年度工作进度（截至 2024-05-26）"
    assert "| 协调科 | 2 | 0 | 2 | 0 | 0 | 0 | 45.00 | 38.89% |" in lines
    assert "| 办公室 | 1 | 0 | 0 | 0 | 0 | 1 | 40.00 | — |" in lines
    # computed figures and points show two decimals, as score does; typed rates stay as typed
    assert "| 危化科 | 1 | 0 | 0 | 1 | 0 | 0 | 15.00 | 50.00% |" in lines
    assert (
        "| **合计** | **4** | **0** | **2** | **1** | **0** | **1** | **100.00** | **41.67%** |"
        in lines
    )
    assert "## 通报：逾期 0 项，滞后 1 项" in lines
    assert (
        "| 滞后 | 1-1-2 | 危化品整治 | 危化科 | 刘海明 | 陈庆超 | 2024-06-30 | 50% | 80.66% |  |"
        in lines
    )
    assert "## 未填报：1 项" in lines
    assert "| 4-1 | 信息报送 | 办公室 | 万小翠 | 2024-12-31 |" in lines


def test_as_of_option_overrides_the_file(mini: Path, run) -> None:
    _write_results(mini, MAY)
    result = run("progress", "--data", mini, "--as-of", "2024-07-01", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2024-07-01"
    assert doc["leaves"][1]["status"] == "overdue"
    name = mini / "results" / "2024.yaml"
    picked = f"读取结果文件 {name}（未指定 --results）"
    said = f"按 --as-of 2024-07-01 检查进度（{name} 的统计截止日期是 2024-05-26）"
    assert " ".join(result.stderr.split()) == f"{picked} {said}"


def test_as_of_outside_the_year_is_a_usage_error(mini: Path, run) -> None:
    _write_results(mini, MAY)
    result = run("progress", "--data", mini, "--as-of", "2025-03-31")
    assert result.exit_code == 2
    name = mini / "results" / "2024.yaml"
    assert f"--as-of 2025-03-31 不在 {name} 的考评年度 2024 内" in " ".join(result.output.split())
    assert "通报" not in result.output


@pytest.mark.parametrize(
    ("typed", "message"),
    [("2024-13-45", "不是有效的日期"), ("2024/06/30", "不是日期"), ("明天", "不是日期")],
)
def test_bad_as_of_is_a_usage_error(mini: Path, run, typed: str, message: str) -> None:
    result = run("progress", "--data", mini, "--as-of", typed)
    assert result.exit_code == 2, result.output
    assert "--as-of" in result.output and message in result.output
    assert "Traceback" not in result.output


def test_results_option_reads_a_quarter_file(mini: Path, run) -> None:
    path = _write_results(mini, MAY)
    quarter = path.rename(mini / "results" / "2024-Q2.yaml")
    result = run("progress", "--data", mini, "--results", quarter, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["notice"] == ["1-1-2"]


def test_missing_results_file_names_the_others(mini: Path, run) -> None:
    (mini / "results" / "2024.yaml").rename(mini / "results" / "2024-draft.yaml")
    result = run("progress", "--data", mini)
    assert result.exit_code == 1, result.output
    assert "找不到结果文件" in result.output and "2024.yaml" in result.output
    assert "2024-draft.yaml" in result.output  # the hint names the file that is there


def test_without_a_year_file_the_latest_quarter_is_read(mini: Path, run) -> None:
    path = _write_results(mini, MAY)
    path.rename(mini / "results" / "2024-Q2.yaml")
    early = {**MAY, "1-1-2": "100"}  # Q1 would have no notice: it must not be the one read
    _write_results(mini, early).rename(mini / "results" / "2024-Q1.yaml")
    result = run("progress", "--data", mini, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["notice"] == ["1-1-2"]


def test_refuses_data_with_errors_and_shows_them(mini: Path, run) -> None:
    path = _write_results(mini, {**MAY, "9-9": "50"})
    result = run("progress", "--data", mini)
    assert result.exit_code == 1, result.output
    assert "[unknown-id] 考评表中没有序号为 9-9 的计分项" in result.output
    assert "通报" not in result.output
    assert path.name in result.output


def test_refuses_a_results_file_for_another_year(mini: Path, run) -> None:
    replace_in(_write_results(mini, MAY), "year: 2024", "year: 2023")
    result = run("progress", "--data", mini)
    assert result.exit_code == 1
    assert "year-mismatch" in result.output


def test_refuses_a_broken_scheme(mini: Path, run) -> None:
    _write_results(mini, MAY)
    replace_in(mini / "indicators.yaml", "weight: 25", "weight: 24")
    result = run("progress", "--data", mini)
    assert result.exit_code == 1
    assert "weight-sum" in result.output


def test_without_as_of_anywhere_says_where_to_put_it(mini: Path, run) -> None:
    _write_results(mini, MAY, as_of=None)
    result = run("progress", "--data", mini)
    assert result.exit_code == 1, result.output
    assert "as-of-missing" in result.output and "--as-of" in result.output
    assert run("progress", "--data", mini, "--as-of", "2024-05-26").exit_code == 0


def test_shipped_example_results_have_no_notice(mini: Path, run) -> None:
    result = run("progress", "--data", mini, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    # as_of 2024-12-31: 1-1-2 (90%, due 06-30) is overdue; 2-1 at 99.5% is within the pace
    assert doc["notice"] == ["1-1-2"]
    assert [row["status"] for row in doc["leaves"]] == ["done", "overdue", "on_track", "done"]


def test_titles_are_shown_as_typed_not_as_rich_markup(mini: Path, run) -> None:
    replace_in(mini / "indicators.yaml", "title: 信息报送", "title: 信息[b]报送[/b]")
    _write_results(mini, MAY)
    result = run("progress", "--data", mini)
    assert result.exit_code == 0, result.output
    [row] = [line.split() for line in result.stdout.splitlines() if line.split()[:1] == ["4-1"]]
    assert row[1] == "信息[b]报送[/b]"
