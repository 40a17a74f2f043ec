"""What a clerk expects besides (issues 12 and 13): which results file was read, one leader's
score, the departments' notes, CSV that Excel opens safely, markdown that aligns figures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from jixiao.report.csvtext import csv_text, neutral

RESULTS = "results/2024.yaml"


def _edit(data: Path, old: str, new: str) -> None:
    path = data / RESULTS
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _blocks(text: str) -> list[list[list[str]]]:
    assert text.startswith("\ufeff")
    return [list(csv.reader(io.StringIO(block))) for block in text[1:].split("\n\n")]


# --- which results file was read ---------------------------------------------------------


@pytest.mark.parametrize("command", ["score", "progress"])
def test_the_file_picked_is_named_on_stderr(mini: Path, run, command: str) -> None:
    picked = run(command, "--data", mini, "--format", "json")
    assert picked.exit_code == 0, picked.output
    assert picked.stderr == f"读取结果文件 {mini / RESULTS}（未指定 --results）\n"
    json.loads(picked.stdout)  # stdout is the JSON alone
    given = run(command, "--data", mini, "--results", mini / RESULTS, "--format", "json")
    assert given.exit_code == 0 and given.stderr == ""


def test_the_newest_quarter_is_named_when_there_is_no_year_file(mini: Path, run) -> None:
    year = mini / RESULTS
    text = year.read_text(encoding="utf-8")
    year.rename(mini / "results" / "2024-Q3.yaml")
    (mini / "results" / "2024-Q1.yaml").write_text(text, encoding="utf-8")
    result = run("score", "--data", mini)
    assert result.exit_code == 0, result.output
    assert (
        result.stderr == f"读取结果文件 {mini / 'results' / '2024-Q3.yaml'}（未指定 --results）\n"
    )


# --- score --leader ----------------------------------------------------------------------


def test_leader_shows_one_leaders_score_and_leaves(mini: Path, run) -> None:
    result = run("score", "--data", mini, "--leader", "刘海明")
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stdout.splitlines()]
    assert [
        "刘海明",
        "55.00",
        "97.27",
        "77.82",
        "9.20",
        "8.80",
        "0.00",
        "0.00",
        "95.82",
        "优秀",
    ] in rows
    assert [row[0] for row in rows if row[:1] and row[0][:1].isdigit()] == ["1-1-2", "4-1"]
    assert "科室考评得分" not in result.stdout
    doc = json.loads(run("score", "-d", mini, "--leader", "刘海明", "-f", "json").stdout)
    assert doc["departments"] == []
    assert [(s["name"], s["final"]) for s in doc["leaders"]] == [("刘海明", 95.82)]
    assert [leaf["id"] for leaf in doc["leaves"]] == ["1-1-2", "4-1"]
    assert doc["ineligible"]["persons"] == []  # 游劲汉 is on none of his leaves


def test_leader_sees_the_lost_eligibility_of_his_leaves(mini: Path, run) -> None:
    doc = json.loads(run("score", "-d", mini, "--leader", "黄西洋", "-f", "json").stdout)
    assert doc["ineligible"]["departments"] == ["指挥中心"]
    assert doc["ineligible"]["persons"] == ["游劲汉"]


def test_a_member_who_oversees_no_leaf_gets_no_grade(mini: Path, run) -> None:
    result = run("score", "--data", mini, "--leader", "邱朝阳")
    assert result.exit_code == 0, result.output
    assert "“邱朝阳”在考评表中没有分管的计分项，不评等次。" in result.stdout


@pytest.mark.parametrize(
    ("option", "name", "says"),
    [
        ("--department", "刘海明", "用法错误：“刘海明”是分管领导，不是科室：请用 --leader 刘海明"),
        ("--leader", "协调科", "用法错误：“协调科”是科室，不是分管领导：请用 --department 协调科"),
        ("--leader", "应急指挥中心", "“应急指挥中心”是科室，不是分管领导：请用 --department"),
        ("--leader", "刘海", "用法错误：领导小组中没有“刘海”，是不是 刘海明？"),
    ],
)
def test_a_name_given_to_the_wrong_option_says_which(
    mini: Path, run, option: str, name: str, says: str
) -> None:
    result = run("score", "--data", mini, option, name)
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert "读取结果文件" not in result.stderr


def test_department_and_leader_together_is_a_usage_error(mini: Path, run) -> None:
    result = run("score", "--data", mini, "--department", "协调科", "--leader", "王夏阳")
    assert result.exit_code == 2
    assert "--department 和 --leader 只能选一个" in result.stderr


def test_leader_workbook_is_titled_for_the_leader(mini: Path, run, tmp_path: Path) -> None:
    import openpyxl

    target = tmp_path / "刘海明.xlsx"
    result = run("score", "--data", mini, "--leader", "刘海明", "--out", target)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    assert book["汇总"]["A1"].value == "测试局 2024 年度绩效考评（刘海明）"
    assert book["科室"]["A4"].value == "（按分管领导查看时不列）"


# --- the departments' notes --------------------------------------------------------------


def test_notes_appear_under_the_title_in_detail_and_department(mini: Path, run) -> None:
    for args in (["--detail"], ["--department", "危化科"], ["--leader", "刘海明"]):
        result = run("score", "--data", mini, *args)
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        row = next(i for i, line in enumerate(lines) if line.startswith(" 1-1-2 "))
        assert lines[row + 1].strip() == "说明：少一次督导检查", args


def test_notes_appear_in_the_notice_list(mini: Path, run) -> None:
    _edit(mini, "as_of: 2024-12-31", "as_of: 2024-05-26")
    _edit(mini, "note: 少一次督导检查", "note: 危化品整治延至下半年")
    _edit(mini, "completion: 90,", "completion: 50,")
    table = run("progress", "--data", mini)
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith(" 滞后  1-1-2"))
    assert lines[row + 1].strip() == "说明：危化品整治延至下半年"
    markdown = run("progress", "--data", mini, "--format", "markdown").stdout
    assert (
        "| 说明 |"
        in markdown.splitlines()[markdown.splitlines().index("## 通报：逾期 0 项，滞后 1 项") + 2]
    )
    assert (
        "| 滞后 | 1-1-2 | 危化品整治 | 危化科 | 刘海明 | 陈庆超 | 2024-06-30 | 50% | 80.66% "
        "| 危化品整治延至下半年 |"
    ) in markdown


# --- CSV: BOM, blocks, no formulas -------------------------------------------------------


def test_csv_with_detail_keeps_the_scores_and_the_leaves(mini: Path, run) -> None:
    summary, leaves = _blocks(run("score", "--data", mini, "--detail", "-f", "csv").stdout)
    assert summary[0][:3] == ["类别", "名称", "满分"]
    assert [row[1] for row in summary[1:]] == [
        "测试局", "指挥中心", "办公室", "协调科", "危化科", "王夏阳", "黄西洋", "刘海明",
    ]  # fmt: skip
    assert leaves[0] == [
        "序号",
        "内容",
        "权重",
        "完成率",
        "得分",
        "分管领导",
        "责任科室",
        "科室责任人",
        "说明",
    ]
    assert [row[0] for row in leaves[1:]] == ["1-1-1", "1-1-2", "2-1", "4-1"]


def test_csv_for_one_department_keeps_its_score_and_its_leaves(mini: Path, run) -> None:
    text = run("score", "--data", mini, "--department", "指挥中心", "-f", "csv").stdout
    summary, leaves = _blocks(text)
    assert [row[:2] for row in summary[1:]] == [["全局", "测试局"], ["科室", "指挥中心"]]
    assert [row[0] for row in leaves[1:]] == ["2-1"]
    plain = run("score", "--data", mini, "-f", "csv").stdout
    assert len(_blocks(plain)) == 1  # without --detail, --department or --leader: the scores


def test_a_note_that_excel_would_run_is_written_as_text(mini: Path, run) -> None:
    _edit(mini, "note: 少一次督导检查", 'note: "=HYPERLINK(\\"http://x.example\\",\\"详情\\")"')
    _edit(mini, '"4-1": 100', '"4-1": {completion: 100, note: "-已完成"}')
    _, leaves = _blocks(run("score", "--data", mini, "--detail", "-f", "csv").stdout)
    notes = {row[0]: row[-1] for row in leaves[1:]}
    assert notes["1-1-2"] == '\'=HYPERLINK("http://x.example","详情")'
    assert notes["4-1"] == "'-已完成"
    assert notes["1-1-1"] == ""


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+86 595", "'+86 595"),
        ("-已完成", "'-已完成"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("-0.50", "-0.50"),  # a number stays a number
        ("+1", "+1"),
        ("97.22", "97.22"),
        ("优秀", "优秀"),
        ("", ""),
    ],
)
def test_neutral(cell: str, written: str) -> None:
    assert neutral(cell) == written


def test_csv_text_is_blocks_after_a_bom() -> None:
    text = csv_text((["a", "b"], [["1", "=x"]]), (["c"], [["2"]]))
    assert text == "\ufeffa,b\n1,'=x\n\nc\n2"


# --- markdown -----------------------------------------------------------------------------


def test_markdown_right_aligns_the_figures(mini: Path, run) -> None:
    lines = run("score", "--data", mini, "--detail", "-f", "markdown").stdout.splitlines()
    assert "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |" in lines
    assert "| --- | --- | ---: | ---: | ---: | --- | --- | --- | --- |" in lines
