"""`jixiao rank UNITS`: every unit scored as `jixiao score` scores it, ranked, with quotas.

The units folder is four copies of tests/data/mini, each changed a little. Figures checked by
hand (SPEC §3; every unit has bonus 1 and deduction 0.5, 公众评议 8.8):
- 甲局, mini as it is: 25 + 13.50 + 19.90 + 40 = 98.40; × 0.8 = 78.72;
  + 9.2 + 8.8 + 1 − 0.5 = 97.22, 优秀.
- 乙局, 1-1-2 done in full but 领导评价 8.0: 25 + 15 + 19.90 + 40 = 99.90; × 0.8 = 79.92;
  + 8.0 + 8.8 + 1 − 0.5 = 97.22 — the same final as 甲局, so both rank 1.
- 丙局, no figure for 4-1: an error; with --allow-missing 25 + 13.50 + 19.90 + 0 = 58.40;
  × 0.8 = 46.72; + 9.2 + 8.8 + 1 − 0.5 = 65.22, 差, 暂定, rank 3.
- 丁局, a weight with three decimals: an error, never ranked.
"""

from __future__ import annotations

import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.problem import Problem, Severity
from jixiao.rank import RankedUnit, Ranking, UnitFailure, UnitScore, score_all, unit_folders
from jixiao.report.rank import render_markdown, render_table

from .conftest import MINI
from .test_xlsx import _assert_prints_well, needs_printing

GRADES = ["优秀", "良好", "合格", "差"]


def edit(path: Path, old: str, new: str) -> None:
    """Replace text that must be there (a fixture edit that silently did nothing would make
    the test pass for the wrong reason)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_unit(units: Path, folder: str, name: str) -> Path:
    target = units / folder
    shutil.copytree(MINI, target)
    edit(target / "indicators.yaml", "unit: 测试局", f"unit: {name}")
    return target


@pytest.fixture
def units(tmp_path: Path) -> Path:
    root = tmp_path / "units"
    add_unit(root, "甲", "甲局")
    yi = add_unit(root, "乙", "乙局")
    done = '"1-1-2": 100'
    edit(yi / "results/2024.yaml", '"1-1-2": {completion: 90, note: 少一次督导检查}', done)
    edit(yi / "results/2024.yaml", "leadership: 9.2,", "leadership: 8.0,")
    bing = add_unit(root, "丙", "丙局")
    edit(bing / "results/2024.yaml", '  "4-1": 100\n', "")
    ding = add_unit(root, "丁", "丁局")
    edit(ding / "indicators.yaml", "weight: 25\n", "weight: 25.005\n")
    return root


def rank_json(run, units: Path, *args: str) -> dict:
    result = run("rank", units, "--format", "json", *args)
    assert result.exit_code == 1, result.output  # 丁 has errors: listed apart, exit 1
    return json.loads(result.stdout)


def figures(doc: dict) -> list[tuple]:
    return [(u["rank"], u["name"], u["target"], u["final"], u["grade"]) for u in doc["units"]]


def position(path: Path, text: str) -> tuple[int, int]:
    """Line and column (1-based) of `text` in a file, as a problem names them."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(text)


# --- the ranking ----------------------------------------------------------------------


def test_units_ranked_by_final_with_ties_and_errors_apart(units: Path, run) -> None:
    doc = rank_json(run, units)
    # equal finals share rank 1, then by name (乙 U+4E59 before 甲 U+7532)
    assert figures(doc) == [(1, "乙局", 99.9, 97.22, "优秀"), (1, "甲局", 98.4, 97.22, "优秀")]
    assert [u["provisional"] for u in doc["units"]] == [False, False]
    assert doc["grades"] == {"优秀": 2, "良好": 0, "合格": 0, "差": 0}
    assert [e["unit"] for e in doc["errors"]] == ["丁", "丙"]  # folder order
    ding, bing = (e["problems"] for e in doc["errors"])
    line, column = position(units / "丁/indicators.yaml", "25.005")
    assert [(p["file"], p["line"], p["column"], p["code"]) for p in ding] == [
        ("丁/indicators.yaml", line, column, "decimals")
    ]
    assert [(p["file"], p["code"]) for p in bing] == [("丙/results/2024.yaml", "missing-figure")]
    assert "4-1" in bing[0]["message"]


def test_allow_missing_ranks_the_unit_as_provisional(units: Path, run) -> None:
    doc = rank_json(run, units, "--allow-missing")
    assert figures(doc) == [
        (1, "乙局", 99.9, 97.22, "优秀"),
        (1, "甲局", 98.4, 97.22, "优秀"),
        (3, "丙局", 58.4, 65.22, "差"),
    ]
    assert [u["provisional"] for u in doc["units"]] == [False, False, True]
    assert doc["grades"] == {"优秀": 2, "良好": 0, "合格": 0, "差": 1}
    assert [e["unit"] for e in doc["errors"]] == ["丁"]


@pytest.mark.parametrize("allow", [[], ["--allow-missing"]], ids=["strict", "allow-missing"])
def test_each_unit_is_scored_as_score_scores_it(units: Path, run, allow: list[str]) -> None:
    doc = rank_json(run, units, *allow)
    for unit in doc["units"]:
        result = run("score", "--format", "json", "--data", units / unit["folder"], *allow)
        assert result.exit_code == 0, result.output
        bureau = json.loads(result.stdout)["bureau"]
        assert (unit["target"], unit["final"], unit["grade"], unit["provisional"]) == (
            bureau["target"],
            bureau["final"],
            bureau["grade"],
            bureau["provisional"],
        )
    for failure in doc["errors"]:
        result = run("score", "--format", "json", "--data", units / failure["unit"], *allow)
        assert result.exit_code == 1
        for problem in failure["problems"]:
            where = f"{problem['file'].split('/', 1)[1]}:{problem['line']}:{problem['column']}"
            assert where in result.output and f"[{problem['code']}]" in result.output


def test_a_unit_without_its_year_end_file_is_scored_from_the_newest_quarter(
    units: Path, run
) -> None:
    results = units / "甲/results"
    (results / "2024.yaml").rename(results / "2024-Q3.yaml")
    shutil.copy(results / "2024-Q3.yaml", results / "2024-Q2.yaml")
    edit(results / "2024-Q2.yaml", '"1-1-1": 100', '"1-1-1": 50')  # older: not the one read
    doc = rank_json(run, units)
    jia = next(u for u in doc["units"] if u["name"] == "甲局")
    assert (jia["final"], jia["results"]) == (97.22, "甲/results/2024-Q3.yaml")
    assert "\n1,甲局,98.40,97.22,优秀,依据 2024-Q3.yaml\n" in run("rank", units, "-f", "csv").stdout
    score = json.loads(run("score", "--format", "json", "--data", units / "甲").stdout)
    assert score["bureau"]["final"] == jia["final"]


def test_a_unit_with_many_errors_shows_the_first_five(units: Path, run) -> None:
    path = units / "丁/indicators.yaml"
    edit(path, "weight: 40\n", "weight: 40.001\n")  # three lines say 40
    edit(path, "weight: 60\n", "weight: 60.001\n")
    edit(path, "weight: 15\n", "weight: 15.001\n")
    edit(path, "weight: 20\n", "weight: 20.001\n")
    [failure] = rank_json(run, units, "--allow-missing")["errors"]
    assert failure["problem_count"] == 7
    assert len(failure["problems"]) == 5
    table = run("rank", units, "--allow-missing")
    assert "另有2个错误" in table.stdout


def test_when_no_unit_can_be_ranked_the_errors_are_still_listed(units: Path, run) -> None:
    for folder in ("甲", "乙"):
        edit(units / folder / "staff.yaml", "office_head: 万小翠", "office_head: [万小翠]")
    result = run("rank", units)
    assert result.exit_code == 1
    assert "参加排名0个单位；4个单位数据有误" in result.stdout
    assert "甲/staff.yaml:" in result.stdout and "乙/staff.yaml:" in result.stdout


def test_table_fits_80_columns(units: Path) -> None:
    env = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
    result = CliRunner().invoke(app, ["rank", str(units), "--allow-missing"], env=env)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    rows = [line.split() for line in lines]
    assert ["1", "乙局", "99.90", "97.22", "优秀"] in rows
    assert ["1", "甲局", "98.40", "97.22", "优秀"] in rows
    assert ["3", "丙局", "58.40", "65.22", "差", "暂定"] in rows
    assert "等次：优秀2个，良好0个，合格0个，差1个" in result.stdout
    assert "数据有误" in result.stdout and "丁/indicators.yaml:" in result.stdout


def test_markdown_and_csv(units: Path, run) -> None:
    markdown = run("rank", units, "--allow-missing", "--format", "markdown").stdout
    assert "| 3 | 丙局 | 58.40 | 65.22 | 差 | 暂定 |" in markdown
    assert "## 数据有误，未参加排名" in markdown and "`丁/indicators.yaml:" in markdown
    csv = run("rank", units, "--allow-missing", "--format", "csv").stdout
    assert csv.startswith("\ufeff")  # so that Excel reads it as UTF-8
    ranking, errors, said = csv.removeprefix("\ufeff").split("\n\n")
    assert ranking.splitlines() == [
        "名次,单位,目标考评得分,考评得分,等次,备注",
        "1,乙局,99.90,97.22,优秀,",
        "1,甲局,98.40,97.22,优秀,",
        "3,丙局,58.40,65.22,差,暂定",
    ]
    line, column = position(units / "丁/indicators.yaml", "25.005")
    assert errors.splitlines()[:2] == [
        "子文件夹,位置,代码,问题",
        f"丁,丁/indicators.yaml:{line}:{column},decimals,weight（权重分值）：“25.005”超过两位小数",
    ]
    assert said.splitlines()[:3] == [
        "说明",
        "参加排名3个单位；1个单位数据有误，未参加排名",
        "等次：优秀2个，良好0个，合格0个，差1个",
    ]


# --- quotas ---------------------------------------------------------------------------


@pytest.fixture
def apart(units: Path) -> Path:
    """乙局 0.1 ahead of 甲局 (领导评价 8.1): 乙 97.32, 甲 97.22, 丙 65.22."""
    edit(units / "乙/results/2024.yaml", "leadership: 8.0,", "leadership: 8.1,")
    return units


def quotas(units: Path, text: str) -> None:
    (units / "rank.yaml").write_text(text, encoding="utf-8")


def test_flag_marks_the_units_beyond_the_quota(apart: Path, run) -> None:
    # 50% of the 3 ranked units (丁 is not ranked) is 1.5, rounded down: 1
    quotas(apart, "quotas:\n  优秀: 50%\n")
    doc = rank_json(run, apart, "--allow-missing")
    assert [(u["name"], u["grade"], u["over_quota"]) for u in doc["units"]] == [
        ("乙局", "优秀", False),
        ("甲局", "优秀", True),
        ("丙局", "差", False),
    ]
    assert doc["grades"] == {"优秀": 2, "良好": 0, "合格": 0, "差": 1}
    assert doc["over_quota"] == "flag"
    assert doc["quotas"] == [
        {
            "grade": "优秀",
            "quota": "50%",
            "limit": 1,
            "held": 2,
            "beyond": [{"name": "甲局", "moved_to": None}],
        }
    ]
    table = run("rank", apart, "--allow-missing").stdout
    assert "超出优秀名额" in table and "超出名额：甲局" in table
    assert "名额边缘" not in table  # no tie at the edge here


def test_downgrade_moves_the_lowest_ranked_and_says_so_everywhere(
    apart: Path, run, tmp_path: Path
) -> None:
    quotas(apart, "quotas: {优秀: 1}\nover_quota: downgrade\n")
    doc = rank_json(run, apart, "--allow-missing")
    rows = [(u["rank"], u["name"], u["final"], u["grade"], u["score_grade"]) for u in doc["units"]]
    assert rows == [
        (1, "乙局", 97.32, "优秀", "优秀"),
        (2, "甲局", 97.22, "良好", "优秀"),  # keeps its rank, loses its grade
        (3, "丙局", 65.22, "差", "差"),
    ]
    assert doc["grades"] == {"优秀": 1, "良好": 1, "合格": 0, "差": 1}
    assert doc["quotas"][0]["beyond"] == [{"name": "甲局", "moved_to": "良好"}]
    said = "由优秀降为良好（超出名额）"
    for fmt in ("table", "markdown", "csv"):
        output = run("rank", apart, "--allow-missing", "--format", fmt).stdout
        assert said in output and "甲局（降为良好）" in output, fmt
    workbook = tmp_path / "rank.xlsx"
    run("rank", apart, "--allow-missing", "--format", "xlsx", "--out", workbook)
    book = openpyxl.load_workbook(workbook)
    assert said in [c.value for c in book["排名"]["F"]]
    assert [r[1] for r in book["良好"].iter_rows(min_row=4, max_row=4, values_only=True)] == [
        "甲局"
    ]


def test_downgrades_cascade_down_the_grades(apart: Path, run) -> None:
    quotas(apart, "quotas:\n  优秀: 0\n  良好: 1\nover_quota: downgrade\n")
    doc = rank_json(run, apart, "--allow-missing")
    assert [(u["name"], u["grade"]) for u in doc["units"]] == [
        ("乙局", "良好"),
        ("甲局", "合格"),  # out of 优秀, then beyond 良好's one place
        ("丙局", "差"),
    ]


def test_units_tied_at_the_edge_of_a_quota_are_all_beyond_it(units: Path, run) -> None:
    quotas(units, "quotas:\n  优秀: 1\n")
    doc = rank_json(run, units)
    assert [(u["name"], u["over_quota"]) for u in doc["units"]] == [
        ("乙局", True),
        ("甲局", True),
    ]
    assert "得分相同的单位处在名额边缘时都算超出名额" in run("rank", units).stdout


@pytest.mark.parametrize(
    ("text", "at", "code", "says"),
    [
        ("quotas:\n  优秀: 1\n  优良: 20%\n", "优良", "unknown-grade", "是不是 良好"),
        ("quotas:\n  优秀: 20percent\n", "20percent", "number", "不是名额"),
        ("quotas:\n  优秀: 1.5\n", "1.5", "number", "不是整数"),
        ("quotas:\n  优秀: 120%\n", "120%", "range", "超过 100%"),
        ("quotas:\n  差: 1\nover_quota: downgrade\n", "差", "lowest-grade", "最低等次"),
        ("quotas: {优秀: 1}\nover_quota: drop\n", "drop", "invalid", "flag、downgrade"),
        ("quota:\n  优秀: 1\n", "quota", "unknown-key", "是不是 quotas"),
    ],
)
def test_a_bad_rank_yaml_is_located_to_its_line(
    units: Path, run, text: str, at: str, code: str, says: str
) -> None:
    quotas(units, text)
    result = run("rank", units, "--allow-missing")
    assert result.exit_code == 1
    assert result.stdout == ""  # no ranking under a wrong quota
    line, column = position(units / "rank.yaml", at)
    assert f"rank.yaml:{line}:{column}" in result.output
    assert f"[{code}]" in result.output and says in result.output


# --- jobs -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv", "xlsx"])
def test_output_is_byte_identical_for_any_number_of_jobs(
    apart: Path, tmp_path: Path, fmt: str
) -> None:
    for n in range(8):  # more units than workers, finishing in any order
        add_unit(apart, f"戊{n}", f"戊{n}局")
    quotas(apart, "quotas: {优秀: 30%}\nover_quota: downgrade\n")
    env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "SOURCE_DATE_EPOCH": "1735603200"}
    outputs = []
    for jobs in ("1", "2", "3"):
        target = tmp_path / f"{jobs}.out"
        args = ["rank", str(apart), "--allow-missing", "-f", fmt, "-j", jobs, "-o", str(target)]
        result = CliRunner().invoke(app, args, env=env)
        assert result.exit_code == 1, result.output
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(outputs[0]) > 500


def test_a_pool_gives_outcomes_in_folder_order(apart: Path) -> None:
    folders = unit_folders(apart)
    for jobs in (1, 2):
        outcomes = list(score_all(folders, apart, True, jobs))
        assert [o.folder for o in outcomes] == ["丁", "丙", "乙", "甲"]


# --- across units ---------------------------------------------------------------------


def test_two_folders_with_one_unit_name_are_both_refused(units: Path, run) -> None:
    edit(units / "乙/indicators.yaml", "unit: 乙局", "unit: 甲局")
    doc = rank_json(run, units, "--allow-missing")
    assert [u["name"] for u in doc["units"]] == ["丙局"]
    errors = {e["unit"]: e["problems"] for e in doc["errors"]}
    line, column = position(units / "乙/indicators.yaml", "甲局")
    first = errors["乙"][0]
    assert (first["file"], first["line"], first["column"], first["code"]) == (
        "乙/indicators.yaml",
        line,
        column,
        "duplicate-unit",
    )
    assert "甲" in errors["乙"][0]["message"] and "乙" in errors["甲"][0]["message"]


def test_a_unit_of_another_year_is_not_ranked(units: Path, run) -> None:
    other = units / "甲"
    edit(other / "indicators.yaml", "year: 2024", "year: 2023")
    edit(other / "indicators.yaml", "deadline: 2024-", "deadline: 2023-")
    edit(other / "results/2024.yaml", "year: 2024\nas_of: 2024-", "year: 2023\nas_of: 2023-")
    edit(other / "results/2024.yaml", "date: 2024-", "date: 2023-")
    (other / "results/2024.yaml").rename(other / "results/2023.yaml")
    doc = rank_json(run, units, "--allow-missing")
    assert [u["name"] for u in doc["units"]] == ["乙局", "丙局"]
    [problem] = next(e["problems"] for e in doc["errors"] if e["unit"] == "甲")
    assert (problem["code"], problem["line"]) == ("year-mismatch", 3)
    assert "2023" in problem["message"] and "2024" in problem["message"]


# --- the workbook ---------------------------------------------------------------------


def test_workbook_has_a_ranking_sheet_and_one_per_grade(units: Path, run, tmp_path: Path) -> None:
    doc = rank_json(run, units, "--allow-missing")
    workbook = tmp_path / "rank.xlsx"
    result = run("rank", units, "--allow-missing", "--format", "xlsx", "--out", workbook)
    assert result.exit_code == 1 and f"已写入 {workbook}" in result.output
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["排名", *GRADES, "数据有误"]
    ranking = book["排名"]
    assert ranking["A1"].value == "2024 年度参评单位绩效考评排名"
    headers = ["名次", "单位", "目标考评得分", "考评得分", "等次", "备注"]
    assert [c.value for c in ranking[3]] == headers
    rows = [r for r in ranking.iter_rows(min_row=4, values_only=True) if r[1]]
    assert [tuple(r[:5]) for r in rows] == [
        (u["rank"], u["name"], u["target"], u["final"], u["grade"]) for u in doc["units"]
    ]
    assert [r[1] for r in book["优秀"].iter_rows(min_row=4, values_only=True) if r[1]] == [
        "乙局",
        "甲局",
    ]
    assert [r[1] for r in book["差"].iter_rows(min_row=4, values_only=True) if r[1]] == ["丙局"]
    assert book["数据有误"]["A4"].value == "丁"
    assert book["数据有误"]["B4"].value.startswith("丁/indicators.yaml:")
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        assert sheet.print_title_rows == "$1:$3"


@needs_printing
def test_printed_ranking_fits_the_page(units: Path, run, tmp_path: Path) -> None:
    workbook = tmp_path / "rank.xlsx"
    run("rank", units, "--allow-missing", "--format", "xlsx", "--out", workbook)
    assert _assert_prints_well(workbook, tmp_path) == ["排名", *GRADES, "数据有误"]


# --- text from the data, shown visibly ---------------------------------------------------


def test_names_and_problems_with_control_characters_are_shown_visibly() -> None:
    """The loader refuses these characters in data files; the reports are the defence behind
    it (a library caller can build a ranking from anywhere)."""
    esc = "\x1b[2K"  # erases the terminal line it is printed on
    unit = UnitScore(
        folder="甲", name=f"甲局{esc}", year=2024, target=Decimal("98.40"),
        final=Decimal("97.22"), grade="优秀", provisional=False, grades=tuple(GRADES),
        results_file="甲/results/2024.yaml", scheme_file="甲/indicators.yaml",
        name_pos=(2, 7), year_pos=(3, 7),
    )  # fmt: skip
    problem = Problem("乙/staff.yaml", 3, 5, Severity.ERROR, "unknown-person", f"张{esc}三")
    ranking = Ranking(
        year=2024,
        units=(RankedUnit(unit, 1, "优秀", False),),
        failures=(UnitFailure("乙", (problem,), 1),),
        grades=(("优秀", 1), ("良好", 0), ("合格", 0), ("差", 0)),
        quotas=(),
        over_quota=None,
    )
    out = io.StringIO()
    Console(file=out, width=100, color_system=None).print(render_table(ranking))
    for text in (out.getvalue(), render_markdown(ranking)):
        assert "\x1b" not in text
        assert "甲局<U+001B>[2K" in text and "张<U+001B>[2K三" in text


# --- usage ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["missing", "a file", "empty", "jobs 0", "xlsx to screen"])
def test_usage_errors(tmp_path: Path, units: Path, run, case: str) -> None:
    args: list[str | Path] = {
        "missing": [tmp_path / "nowhere"],
        "a file": [units / "甲/indicators.yaml"],
        "empty": [units / "甲/results"],
        "jobs 0": [units, "--jobs", "0"],
        "xlsx to screen": [units, "--format", "xlsx"],
    }[case]
    result = run("rank", *args)
    assert result.exit_code == 2, result.output
    assert "用法错误" in result.output


def test_out_never_replaces_a_unit_file(units: Path, run) -> None:
    target = units / "甲/results/2024.yaml"
    before = target.read_bytes()
    result = run("rank", units, "--allow-missing", "--out", target, "--force")
    assert result.exit_code == 2 and "不能用输出覆盖它" in result.output
    assert target.read_bytes() == before
