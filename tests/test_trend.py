"""`jixiao trend`: the year's checks side by side, with the figures `jixiao progress` gives."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.report.trend import bar

from .conftest import SHIPPED
from .edit import replaced

# Three checks of the mini data (weights 1-1-1: 25 协调科, 1-1-2: 15 危化科 due 06-30,
# 2-1: 20 指挥中心 and 协调科, 4-1: 40 办公室; the rest due 12-31). Linear pace to 12-31:
# 24.66 at 03-31, 49.59 at 06-30, 74.79 at 09-30; to 06-30: 49.72 at 03-31, then 100.
# 滞后 = more than 10 points below the pace; 逾期 = past the deadline and not done.
Q1 = """year: 2024
as_of: 2024-03-31
completion:
  "1-1-1": 10
  "1-1-2": 50
  "2-1": 10
  "4-1": 25
"""
# no as_of: read at the quarter's end, 2024-06-30; 4-1 not reported
Q2 = """year: 2024
completion:
  "1-1-1": 20
  "1-1-2": 80
  "2-1": 45
  "4-1":
"""
Q3 = """year: 2024
as_of: 2024-09-30
completion:
  "1-1-1": 70
  "1-1-2": 90
  "2-1": 60
  "4-1": 75
"""
QUARTERS = {"2024-Q1.yaml": Q1, "2024-Q2.yaml": Q2, "2024-Q3.yaml": Q3}

# By hand. 协调科 Q2: (25×20 + 20×45) ÷ 45 = 31.11; Q3: (25×70 + 20×60) ÷ 45 = 65.56.
# Bureau Q1: (250 + 750 + 200 + 1000) ÷ 100 = 22; Q2 (4-1 unreported): 2600 ÷ 60 = 43.33;
# Q3: (1750 + 1350 + 1200 + 3000) ÷ 100 = 73.
# 1-1-1: 10 < 14.66 滞后, 20 < 39.59 滞后, 70 正常 -> persistent (Q1, Q2).
# 1-1-2: 50 正常, 80 < 90 滞后, 90 after 06-30 逾期 -> persistent (Q2, Q3).
# 2-1: 10 滞后, 45 正常, 60 < 64.79 滞后 -> twice, never in a row: not persistent.
EXPECTED = {
    "unit": "测试局",
    "year": 2024,
    "periods": ["2024-Q1", "2024-Q2", "2024-Q3"],
    "labels": ["一季度", "二季度", "三季度"],
    "files": [
        {"period": f"2024-Q{q}", "file": f"2024-Q{q}.yaml", "as_of": day, "as_of_assumed": q == 2}
        for q, day in ((1, "2024-03-31"), (2, "2024-06-30"), (3, "2024-09-30"))
    ],
    "bureau": [22.0, 43.33, 73.0],
    "bureau_counts": {"overdue": [0, 0, 1], "behind": [2, 2, 1]},
    "departments": [
        {"name": name, "completion": completion, "overdue": overdue, "behind": behind}
        for name, completion, overdue, behind in (
            ("办公室", [25.0, None, 75.0], [0, 0, 0], [0, 0, 0]),
            ("协调科", [10.0, 31.11, 65.56], [0, 0, 0], [2, 1, 1]),
            ("危化科", [50.0, 80.0, 90.0], [0, 0, 1], [0, 1, 0]),
            ("指挥中心", [10.0, 45.0, 60.0], [0, 0, 0], [1, 0, 1]),
        )
    ],
    "persistent": [
        {
            "id": "1-1-1",
            "title": "隐患排查",
            "periods": ["2024-Q1", "2024-Q2"],
            "statuses": ["behind", "behind", "on_track"],
            "departments": ["协调科"],
            "leaders": ["王夏阳"],
            "persons": ["陈祥平"],
        },
        {
            "id": "1-1-2",
            "title": "危化品整治",
            "periods": ["2024-Q2", "2024-Q3"],
            "statuses": ["on_track", "behind", "overdue"],
            "departments": ["危化科"],
            "leaders": ["刘海明"],
            "persons": ["陈庆超"],
        },
    ],
}  # fmt: skip


@pytest.fixture
def year(mini: Path) -> Path:
    """The mini data with three quarterly checks and no year-end file yet."""
    (mini / "results" / "2024.yaml").unlink()
    for name, text in QUARTERS.items():
        (mini / "results" / name).write_text(text, encoding="utf-8")
    return mini


def _json(run, *args: str | Path) -> dict:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_json_is_exact(year: Path, run) -> None:
    assert _json(run, "trend", "--data", year) == EXPECTED


def test_every_figure_is_what_progress_says_for_that_file(year: Path, run) -> None:
    trend = _json(run, "trend", "--data", year)
    for i, name in enumerate(QUARTERS):
        # the Q2 file has no as_of: progress needs the date trend used, the quarter's end
        as_of = ["--as-of", "2024-06-30"] if name == "2024-Q2.yaml" else []
        progress = _json(
            run, "progress", "--data", year, "--results", year / "results" / name, *as_of
        )
        assert trend["files"][i]["as_of"] == progress["as_of"]
        assert trend["bureau"][i] == progress["total"]["completion"]
        assert trend["bureau_counts"]["overdue"][i] == progress["total"]["counts"]["overdue"]
        assert trend["bureau_counts"]["behind"][i] == progress["total"]["counts"]["behind"]
        assert [d["name"] for d in trend["departments"]] == [
            d["name"] for d in progress["departments"]
        ]
        for line, summary in zip(trend["departments"], progress["departments"], strict=True):
            assert line["completion"][i] == summary["completion"], (name, line["name"])
            assert line["overdue"][i] == summary["counts"]["overdue"]
            assert line["behind"][i] == summary["counts"]["behind"]
        flagged = {p["id"] for p in trend["persistent"] if trend["periods"][i] in p["periods"]}
        assert flagged <= set(progress["notice"])


def test_flagged_twice_but_not_in_a_row_is_not_persistent(year: Path, run) -> None:
    trend = _json(run, "trend", "--data", year)
    notices = [
        set(_json(run, "progress", "--data", year, "--results", year / "results" / name,
                  "--as-of", as_of)["notice"])
        for name, as_of in zip(QUARTERS, ["2024-03-31", "2024-06-30", "2024-09-30"], strict=True)
    ]  # fmt: skip
    assert "2-1" in notices[0] and "2-1" not in notices[1] and "2-1" in notices[2]
    assert [p["id"] for p in trend["persistent"]] == ["1-1-1", "1-1-2"]


def test_the_year_file_comes_last_and_other_files_are_left_out(year: Path, run) -> None:
    shutil.copy(year / "results" / "2024-Q3.yaml", year / "results" / "2024-Q3-草稿.yaml")
    (year / "results" / "2023-Q4.yaml").write_text("year: 2023\n", encoding="utf-8")
    (year / "results" / "2024.yaml").write_text(
        replaced(Q3, "2024-09-30", "2024-12-31"), encoding="utf-8"
    )
    trend = _json(run, "trend", "--data", year)
    assert trend["periods"] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024"]
    assert trend["labels"][-1] == "全年"
    # at 12-31, 2-1 at 60 is 40 below the pace of 100: 滞后 in Q3 and in the year's file
    assert trend["bureau"][-1] == 73.0
    assert [(p["id"], p["periods"]) for p in trend["persistent"]] == [
        ("1-1-1", ["2024-Q1", "2024-Q2", "2024"]),
        ("1-1-2", ["2024-Q2", "2024-Q3", "2024"]),
        ("2-1", ["2024-Q1", "2024-Q3", "2024"]),
    ]


def test_no_results_file_of_the_year(mini: Path, run) -> None:
    (mini / "results" / "2024.yaml").unlink()
    (mini / "results" / "2023-Q1.yaml").write_text("year: 2023\n", encoding="utf-8")
    result = run("trend", "--data", mini)
    assert result.exit_code == 1
    assert "[file-missing]" in result.output
    assert "中没有 2024 年度的结果文件" in result.output
    assert "jixiao template --quarter N" in result.output


def test_an_error_in_any_file_is_refused_with_its_place(year: Path, run) -> None:
    path = year / "results" / "2024-Q2.yaml"
    path.write_text(replaced(Q2, '"1-1-2": 80', '"1-1-2": 120'), encoding="utf-8")
    (year / "results" / "2024-Q3.yaml").write_text(replaced(Q3, '"2-1"', '"2-9"'), encoding="utf-8")
    result = run("trend", "--data", year, "--format", "json")
    assert result.exit_code == 1
    assert "2024-Q2.yaml:4:12" in result.output  # the figure 120
    assert "2024-Q3.yaml:6:3" in result.output and "[unknown-id]" in result.output
    assert "{" not in result.output  # no half a report


def test_table_shows_figures_bars_counts_and_the_persistent_list(year: Path, run) -> None:
    result = run("trend", "--data", year)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "测试局 2024 年度进度走势（截至 2024-09-30）" in lines[0]
    assert "二季度（2024-Q2.yaml，截至2024-06-30，文件未写as_of，按期末计）" in result.output
    row = next(line for line in lines if line.startswith(" 协调科") and "%" in line)
    assert row.split() == ["协调科", "10.00%", "31.11%", "65.56%", "██████▌"]  # 65.56: 6⅝ cells
    row = next(line for line in lines if line.startswith(" 办公室") and "%" in line)
    assert row.split() == ["办公室", "25.00%", "—", "75.00%", "███████▌"]
    row = next(line for line in lines if line.startswith(" 全局") and "/" in line)
    assert row.split() == ["全局", "0/2", "0/2", "1/1"]
    assert "连续滞后：2 项" in result.output
    row = next(line for line in lines if line.startswith(" 1-1-2"))
    assert row.split() == ["1-1-2", "危化品整治", "危化科", "刘海明", "陈庆超", "正", "滞", "逾"]
    assert not any(line.startswith(" 2-1 ") for line in lines)


def test_markdown(year: Path, run) -> None:
    result = run("trend", "--data", year, "--format", "markdown")
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("# 测试局 2024 年度进度走势（截至 2024-09-30）\n")
    assert "| 协调科 | 10.00% | 31.11% | 65.56% |" in text
    assert "| **全局** | **22.00%** | **43.33%** | **73.00%** |" in text
    assert "| 危化科 | 0/0 | 0/1 | 1/0 |" in text
    assert "| 1-1-2 | 危化品整治 | 危化科 | 刘海明 | 陈庆超 | 正常 | 滞后 | 逾期 |" in text


def shipped_year(tmp_path: Path) -> Path:
    """The shipped data with its year-end figures copied into four quarterly files."""
    data = tmp_path / "shipped"
    shutil.copytree(SHIPPED, data)
    text = (data / "results" / "2024.yaml").read_text(encoding="utf-8")
    for quarter, end in enumerate(["03-31", "06-30", "09-30", "12-31"], start=1):
        (data / "results" / f"2024-Q{quarter}.yaml").write_text(
            replaced(text, "as_of: 2024-12-31", f"as_of: 2024-{end}"), encoding="utf-8"
        )
    return data


def test_five_periods_of_the_shipped_data_fit_80_columns(tmp_path: Path) -> None:
    data = shipped_year(tmp_path)
    env = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
    result = CliRunner().invoke(app, ["trend", "--data", str(data)], env=env)
    assert result.exit_code == 0, result.output
    assert max(cell_len(line) for line in result.output.splitlines()) <= 80
    header = next(line for line in result.output.splitlines() if "进度条" in line)
    assert header.split() == ["科室", "一季度", "二季度", "三季度", "四季度", "全年", "进度条"]
    persistent = [line for line in result.output.splitlines() if line.startswith(" 1-8-2")]
    # 1-8-2 at 60 all year, due 12-31: on pace (24.66, 49.59), then below 74.79 − 10 and 100 − 10
    assert persistent and persistent[0].split()[-5:] == ["正", "正", "滞", "滞", "滞"]


@pytest.mark.parametrize(
    ("value", "blocks", "shown"),
    [
        ("100", True, "█" * 10),
        ("97.84", True, "█" * 9 + "▊"),  # 78.27 eighths -> 78: 9 cells and 6/8
        ("0.62", True, ""),  # less than half an eighth
        ("0.63", True, "▏"),
        ("0", True, ""),
        ("97.84", False, "#" * 10),  # whole cells only, to the nearest 10%
        ("44.99", False, "####"),
    ],
)
def test_bar(value: str, blocks: bool, shown: str) -> None:
    assert bar(Decimal(value), blocks) == shown


def test_bar_of_no_figure_is_empty() -> None:
    assert bar(None) == ""


def test_xlsx_sheets_equal_json_and_charts_draw_from_them(year: Path, run, tmp_path: Path) -> None:
    target = tmp_path / "trend.xlsx"
    result = run("trend", "--data", year, "--format", "xlsx", "--out", target)
    assert result.exit_code == 0, result.output
    assert f"已写入 {target}" in result.output
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["完成率", "逾期滞后", "连续滞后", "检查", "走势图"]
    for sheet in book.worksheets:
        assert sheet["A1"].value == "测试局 2024 年度进度走势（截至 2024年9月30日）"
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9

    completion = book["完成率"]
    assert [c.value for c in completion[3]] == ["科室", "一季度", "二季度", "三季度"]
    rows = [list(r) for r in completion.iter_rows(min_row=4, max_row=8, values_only=True)]
    assert rows == [[d["name"], *d["completion"]] for d in EXPECTED["departments"]] + [
        ["全局", *EXPECTED["bureau"]]
    ]
    counts = [list(r) for r in book["逾期滞后"].iter_rows(min_row=4, values_only=True)]
    assert counts[1] == ["协调科", 0, 2, 0, 1, 0, 1]
    assert counts[-1] == ["全局", 0, 2, 0, 2, 1, 1]
    persistent = [list(r) for r in book["连续滞后"].iter_rows(min_row=4, values_only=True)]
    assert persistent == [
        ["1-1-1", "隐患排查", "协调科", "王夏阳", "陈祥平", "滞后", "滞后", "正常"],
        ["1-1-2", "危化品整治", "危化科", "刘海明", "陈庆超", "正常", "滞后", "逾期"],
    ]

    assert [list(r) for r in book["检查"].iter_rows(min_row=4, values_only=True)] == [
        ["一季度", "2024-Q1.yaml", "2024-03-31", None],
        ["二季度", "2024-Q2.yaml", "2024-06-30", "文件未写 as_of，按期末计"],
        ["三季度", "2024-Q3.yaml", "2024-09-30", None],
    ]

    lines, bureau = book["走势图"]._charts
    assert type(lines).__name__ == "LineChart" and type(bureau).__name__ == "BarChart"
    assert bureau.type == "col"  # columns, not horizontal bars
    assert [(s.tx.strRef.f, s.cat.strRef.f, s.val.numRef.f) for s in lines.series] == [
        (f"完成率!$A${row}", "完成率!$B$3:$D$3", f"完成率!$B${row}:$D${row}") for row in range(4, 8)
    ]
    [series] = bureau.series
    assert (series.tx.strRef.f, series.val.numRef.f) == ("完成率!$A$8", "完成率!$B$8:$D$8")
    assert completion["A8"].value == "全局"
    assert completion["C4"].value is None  # 办公室 reported nothing in Q2: a gap, not a 0


def test_xlsx_needs_out(year: Path, run) -> None:
    result = run("trend", "--data", year, "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx 需要用 --out" in result.output
