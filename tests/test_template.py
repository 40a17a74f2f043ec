"""`jixiao template`: the skeleton loads, passes check, round-trips, and never clobbers a file."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path

import pytest

from jixiao import check_dataset, load_dataset
from jixiao.loader import load_yaml
from jixiao.resultsfile import render_template

from .edit import replace_in, replaced

LEAVES = ["1-1-1", "1-1-2", "2-1", "4-1"]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check_json(run, data: Path, results: Path) -> tuple[int, list[dict[str, object]]]:
    result = run("check", "--data", data, "--results", results, "--format", "json")
    return result.exit_code, json.loads(result.output)["problems"]


def _fill(path: Path, figures: dict[str, str]) -> None:
    """Type a figure after each `"id":`, as the clerk would in Notepad."""
    text = path.read_text(encoding="utf-8")
    for leaf_id, figure in figures.items():
        text, count = re.subn(
            rf'^(  "{re.escape(leaf_id)}":)$', rf"\1 {figure}", text, flags=re.MULTILINE
        )
        assert count == 1, leaf_id
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "name", "as_of"),
    [
        (["--quarter", "1"], "2024-Q1.yaml", "2024-03-31"),
        (["--quarter", "2"], "2024-Q2.yaml", "2024-06-30"),
        (["--quarter", "3"], "2024-Q3.yaml", "2024-09-30"),
        (["--quarter", "4"], "2024-Q4.yaml", "2024-12-31"),
        (["--year"], "2024.yaml", "2024-12-31"),
    ],
)
def test_default_file_name_and_as_of(
    mini: Path, run, args: list[str], name: str, as_of: str
) -> None:
    (mini / "results" / "2024.yaml").unlink()
    result = run("template", "--data", mini, *args)
    assert result.exit_code == 0, result.output
    path = mini / "results" / name
    assert f"已生成 {path}：" in result.output
    tree, problems = load_yaml(path)
    assert problems == []
    assert tree["as_of"] == as_of  # type: ignore[index]
    assert list(tree["completion"]) == LEAVES  # type: ignore[index]
    assert all(value is None for value in tree["completion"].values())  # type: ignore[index]


def test_round_trip_generate_check_fill_check_progress(mini: Path, run) -> None:
    result = run("template", "--data", mini, "--quarter", "2")
    assert result.exit_code == 0, result.output
    assert "下一步" in result.output and "jixiao progress" in result.output
    path = mini / "results" / "2024-Q2.yaml"

    # as generated: passes, with one missing-figure warning per leaf and nothing else
    code, problems = _check_json(run, mini, path)
    assert code == 0
    assert {(p["severity"], p["code"]) for p in problems} == {("warning", "missing-figure")}
    assert sorted(str(p["message"]).split()[0] for p in problems) == LEAVES

    # the whole data directory, the template beside the shipped 2024.yaml, is still clean
    assert run("check", "--data", mini).exit_code == 0

    # filled in: no problem at all
    _fill(
        path, {"1-1-1": "60", "1-1-2": "{completion: 95, note: 待验收}", "2-1": "30", "4-1": "100"}
    )
    code, problems = _check_json(run, mini, path)
    assert (code, problems) == (0, [])

    # progress reads it at its as_of, 2024-06-30 (day 181: year-end pace 49.59%)
    result = run("progress", "--data", mini, "--results", path, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["as_of"] == "2024-06-30"
    assert {row["id"]: row["status"] for row in doc["leaves"]} == {
        "1-1-1": "on_track",
        "1-1-2": "on_track",  # 95 on its deadline day: within 10 of 100, not yet overdue
        "2-1": "behind",  # 30 < 49.59 − 10
        "4-1": "done",
    }
    assert doc["leaves"][1]["note"] == "待验收"


def test_running_twice_leaves_the_first_file_intact(mini: Path, run) -> None:
    assert run("template", "--data", mini, "--quarter", "3").exit_code == 0
    path = mini / "results" / "2024-Q3.yaml"
    _fill(path, {"1-1-1": "70"})  # the clerk has started typing
    before = _sha(path)

    result = run("template", "--data", mini, "--quarter", "3")
    assert result.exit_code == 1, result.output
    assert "已存在，未做任何改动" in result.output
    assert "--force" in result.output
    assert _sha(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["2024-Q3.yaml", "2024.yaml"]


def test_the_shipped_results_file_is_not_replaced_by_year(mini: Path, run) -> None:
    path = mini / "results" / "2024.yaml"
    before = _sha(path)
    result = run("template", "--data", mini, "--year")
    assert result.exit_code == 1
    assert _sha(path) == before


def test_force_replaces(mini: Path, run) -> None:
    path = mini / "results" / "2024.yaml"
    result = run("template", "--data", mini, "--year", "--force")
    assert result.exit_code == 0, result.output
    dataset = load_dataset(mini)
    assert dataset.scheme is not None
    expected = render_template(dataset.scheme, dataset.directory, None)
    assert path.read_text(encoding="utf-8") == expected
    assert sorted(p.name for p in path.parent.iterdir()) == ["2024.yaml"]  # no temp file left


def test_out_writes_elsewhere_and_creates_the_folder(mini: Path, tmp_path: Path, run) -> None:
    out = tmp_path / "送各科室" / "二季度.yaml"
    result = run("template", "--data", mini, "--quarter", "2", "--out", out)
    assert result.exit_code == 0, result.output
    assert "二季度.yaml" in result.output
    assert sorted(p.name for p in out.parent.iterdir()) == ["二季度.yaml"]
    code, problems = _check_json(run, mini, out)
    assert code == 0 and len(problems) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "--quarter"),
        (["--quarter", "2", "--year"], "只能选一个"),
        (["--quarter", "5"], "1 到 4"),
        (["--quarter", "0"], "1 到 4"),
    ],
)
def test_usage_errors(mini: Path, run, args: list[str], message: str) -> None:
    result = run("template", "--data", mini, *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert sorted(p.name for p in (mini / "results").iterdir()) == ["2024.yaml"]


def test_refuses_a_broken_scheme_and_writes_nothing(mini: Path, run) -> None:
    replace_in(mini / "indicators.yaml", "陈祥平]", "陈祥平平]")
    result = run("template", "--data", mini, "--quarter", "1")
    assert result.exit_code == 1
    assert "unknown-person" in result.output
    assert not (mini / "results" / "2024-Q1.yaml").exists()


def test_awkward_titles_stay_in_one_comment_line(mini: Path, run) -> None:
    long_title = "强化应急抢险物资储备调度" * 10
    path = mini / "indicators.yaml"
    replace_in(
        path,
        "title: 隐患排查",
        # a line break in a double-quoted title, written as YAML folds one: a blank line
        'title: "隐患排查：第一行\n\n                  第二行 # 不是注释 {a: [b]}"',
    )
    replace_in(path, "title: 信息报送", f"title: {long_title}")
    result = run("template", "--data", mini, "--quarter", "4")
    assert result.exit_code == 0, result.output
    out = mini / "results" / "2024-Q4.yaml"
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "  # 1-1-1 隐患排查：第一行 第二行 # 不是注释 {a: [b]}" in lines
    [long_line] = [line for line in lines if line.startswith("  # 4-1 ")]
    assert long_line.endswith("……") and len(long_line) < 60
    code, problems = _check_json(run, mini, out)
    assert code == 0 and {p["code"] for p in problems} == {"missing-figure"}


def test_comments_name_who_is_responsible(mini: Path) -> None:
    dataset = load_dataset(mini)
    assert dataset.scheme is not None
    text = render_template(dataset.scheme, dataset.directory, 2)
    lines = text.splitlines()
    at = lines.index('  "2-1":')
    assert lines[at - 3 : at] == [
        "  # 2-1 应急值守",
        "  #   权重 20 分｜完成时限 2024-12-31",
        "  #   责任科室 指挥中心、协调科｜科室责任人 游劲汉、陈祥平｜分管领导 黄西洋",
    ]
    assert "as_of: 2024-06-30" in text
    assert "bonuses: []" in lines and "deductions: []" in lines


def test_uncommenting_the_examples_gives_valid_entries(mini: Path, tmp_path: Path) -> None:
    """The commented examples are real YAML at the right indentation."""
    dataset = load_dataset(mini)
    assert dataset.scheme is not None
    text = render_template(dataset.scheme, dataset.directory, None)
    text = replaced(text, "bonuses: []", "bonuses:")
    text = replaced(text, "deductions: []", "deductions:")
    text = re.sub(
        r"^(\s*)# (- \{points|department_evaluation:|  \"协调科\")", r"\1\2", text, flags=re.M
    )
    path = tmp_path / "2024.yaml"
    path.write_text(text, encoding="utf-8")
    filled = load_dataset(mini, results=[path])
    [results] = filled.results.values()
    assert len(results.bonuses) == 1 and len(results.deductions) == 1
    assert results.deductions[0].date == date(2024, 12, 31)
    assert list(results.department_evaluation) == ["协调科"]
    codes = {p.code for p in check_dataset(filled)}
    assert codes == {"missing-figure"}


def test_template_never_replaces_the_scheme_or_staff_it_read(mini: Path, run) -> None:
    before = (mini / "staff.yaml").read_bytes()
    result = run("template", "--data", mini, "--year", "--out", mini / "staff.yaml", "--force")
    assert result.exit_code == 2
    assert "不能用输出覆盖它" in result.output
    assert (mini / "staff.yaml").read_bytes() == before
