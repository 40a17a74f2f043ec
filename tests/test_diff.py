"""`jixiao diff`: what changed between two results files and what it did to the scores.

The figures are worked by hand from tests/data/mini (leaves 1-1-1 w25 协调科 王夏阳,
1-1-2 w15 危化科 刘海明, 2-1 w20 指挥中心+协调科 黄西洋, 4-1 w40 办公室 刘海明;
evaluation 9.2 + 8.8, 危化科 its own 9.5 + 9.0; bonus 1 for 指挥中心 (bonus_max 2);
deduction 0.5 on 指挥中心 and 游劲汉).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal as D
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.diff import compare, load_sides
from jixiao.loader import display_name

from .edit import replace_in

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def _edit(path: Path, old: str, new: str) -> None:
    replace_in(path, old, new)


def _resubmitted(mini: Path, tmp_path: Path) -> Path:
    """The year-end file as re-submitted: 1-1-1 down from 100 to 60, and a new deduction of
    0.5 on 危化科 and 陈庆超."""
    new = tmp_path / "2024-resubmitted.yaml"
    shutil.copyfile(mini / "results" / "2024.yaml", new)
    _edit(new, '"1-1-1": 100', '"1-1-1": 60')
    with new.open("a", encoding="utf-8") as fh:
        fh.write(
            "  - {points: 0.5, date: 2024-09-01, reason: 台账不全,"
            " departments: [危化科], persons: [陈庆超]}\n"
        )
    return new


def test_two_files_hand_computed(mini: Path, tmp_path: Path, run) -> None:
    new = _resubmitted(mini, tmp_path)
    result = run("diff", mini / "results" / "2024.yaml", new, "--data", mini, "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    # Bureau, old: target 25 + 13.50 + 19.90 + 40 = 98.40, × 0.8 = 78.72,
    #   + 9.2 + 8.8 + 1 − 0.5 = 97.22 优秀.
    # New: 1-1-1 earns 25 × 60% = 15.00, target 88.40, × 0.8 = 70.72,
    #   + 18 + 1 − 0.5 − 0.5 = 88.72 良好.
    assert doc["bureau"] == {
        "old": {"final": 97.22, "grade": "优秀"},
        "new": {"final": 88.72, "grade": "良好"},
    }
    # 协调科 (1-1-1 and 2-1), old: (25 + 19.90) / 45 = 99.78, × 0.8 = 79.82, + 18 = 97.82 优秀;
    #   new: (15 + 19.90) / 45 = 77.56, × 0.8 = 62.05, + 18 = 80.05 良好: the grade changed.
    # 危化科 (1-1-2): 13.50 / 15 = 90.00, × 0.8 = 72.00, + 9.5 + 9.0 = 90.50; new − 0.5 = 90.00,
    #   still 优秀 (90 is 优秀). Listed in the new ranking: 危化科 90.00 before 协调科 80.05.
    # 指挥中心 and 办公室 did not change and are left out.
    assert doc["departments"] == [
        {
            "name": "危化科",
            "old": {"final": 90.5, "grade": "优秀"},
            "new": {"final": 90.0, "grade": "优秀"},
        },
        {
            "name": "协调科",
            "old": {"final": 97.82, "grade": "优秀"},
            "new": {"final": 80.05, "grade": "良好"},
        },
    ]
    # 王夏阳 (1-1-1 only): 100 → 80 + 18 = 98.00 优秀; 60 → 48.00 + 18 = 66.00 差.
    assert doc["leaders"] == [
        {
            "name": "王夏阳",
            "old": {"final": 98.0, "grade": "优秀"},
            "new": {"final": 66.0, "grade": "差"},
        }
    ]
    assert doc["leaves"] == [{"id": "1-1-1", "title": "隐患排查", "old": 100.0, "new": 60.0}]
    added = {
        "points": 0.5,
        "reason": "台账不全",
        "departments": ["危化科"],
        "persons": ["陈庆超"],
        "date": "2024-09-01",
    }
    assert doc["deductions"] == {"added": [added], "removed": [], "changed": []}
    assert doc["bonuses"] == {"added": [], "removed": [], "changed": []}
    reason = "察访核验扣0.5分：台账不全（2024-09-01）"
    assert doc["eligibility"] == {
        "lost": [
            {"kind": "department", "name": "危化科", "reasons": [reason]},
            {"kind": "person", "name": "陈庆超", "reasons": [reason]},
        ],
        "regained": [],
    }
    assert doc["evaluations"] == [] and doc["scheme"] == []
    assert doc["provisional"] == {"old": False, "new": False}


def test_the_same_diff_as_a_table_and_in_markdown(mini: Path, tmp_path: Path, run) -> None:
    new = _resubmitted(mini, tmp_path)
    old = mini / "results" / "2024.yaml"
    table = run("diff", old, new, "--data", mini)
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert "全局考评得分：97.22 优秀 → 88.72 良好（-8.50）" in lines
    assert _row(lines, "1-1-1") == ["1-1-1", "隐患排查", "100%", "60%"]
    assert _row(lines, "协调科") == ["科室", "协调科", "97.82", "优秀", "80.05", "良好", "-17.77"]
    assert _row(lines, "王夏阳") == ["分管领导", "王夏阳", "98.00", "优秀", "66.00", "差", "-32.00"]
    assert _row(lines, "陈庆超")[:3] == ["取消", "个人", "陈庆超"]
    assert "指挥中心" not in table.output and "刘海明" not in table.output  # unchanged rows
    narrow = CliRunner().invoke(
        app, ["diff", str(old), str(new), "--data", str(mini)], env={"COLUMNS": "80"}
    )
    assert narrow.exit_code == 0, narrow.output
    assert max(cell_len(line) for line in narrow.output.splitlines()) <= 80
    assert "台账不全" in narrow.output

    markdown = run("diff", old, new, "--data", mini, "--format", "markdown")
    assert "| 科室 | 协调科 | 97.82 | 优秀 | 80.05 | 良好 | -17.77 |" in markdown.output
    assert "| 新增 | 0.50 | 台账不全（2024-09-01） | 危化科、陈庆超 |" in markdown.output


def _row(lines: list[str], key: str) -> list[str]:
    return next(line.split() for line in lines if key in line.split())


def test_identical_files_say_so(mini: Path, run) -> None:
    same = mini / "results" / "2024.yaml"
    result = run("diff", same, same, "--data", mini)
    assert result.exit_code == 0, result.output
    assert "全局考评得分不变：97.22 优秀" in result.output
    assert "两份结果相同" in result.output
    doc = json.loads(run("diff", same, same, "--data", mini, "-f", "json").output)
    assert doc["departments"] == doc["leaders"] == doc["leaves"] == []
    assert doc["bureau"]["old"] == doc["bureau"]["new"] == {"final": 97.22, "grade": "优秀"}


def test_a_changed_bonus_and_evaluation(mini: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    shutil.copyfile(mini / "results" / "2024.yaml", new)
    _edit(new, "{points: 1, reason: 承办", "{points: 1.5, reason: 承办")
    _edit(new, "危化科: {leadership: 9.5, public: 9.0}", "危化科: {leadership: 9.5, public: 8.5}")
    old_side, new_side = load_sides(mini, str(mini / "results" / "2024.yaml"), str(new))
    changes = compare(old_side, new_side)
    assert [(o.points, n.points) for o, n in changes.bonuses.changed] == [(D("1"), D("1.5"))]
    assert not changes.bonuses.added and not changes.bonuses.removed
    assert [(c.department, c.field, c.old, c.new) for c in changes.evaluations] == [
        ("危化科", "public", D("9.0"), D("8.5"))
    ]
    # 危化科: 72.00 + 9.5 + 8.5 = 90.00; 指挥中心: 79.60 + 18 + 1.5 − 0.5 = 98.60 (was 98.10)
    finals = {
        c.name: (c.old.final, c.new.final)  # type: ignore[union-attr]
        for c in changes.departments
    }
    assert finals == {"指挥中心": (D("98.10"), D("98.60")), "危化科": (D("90.50"), D("90.00"))}


def test_bad_data_on_either_side_is_located(mini: Path, tmp_path: Path, run) -> None:
    new = tmp_path / "new.yaml"
    shutil.copyfile(mini / "results" / "2024.yaml", new)
    _edit(new, '"4-1": 100', '"4-1": 150')
    result = run("diff", mini / "results" / "2024.yaml", new, "--data", mini)
    assert result.exit_code == 1
    assert "new.yaml:7:10" in result.output and "[range]" in result.output


def test_bad_data_on_both_sides_is_shown_in_one_run(mini: Path, tmp_path: Path, run) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    shutil.copyfile(mini / "results" / "2024.yaml", old)
    shutil.copyfile(mini / "results" / "2024.yaml", new)
    _edit(old, '"2-1": 99.5', '"2-1": 99.555')
    _edit(new, '"4-1": 100', '"4-1": 150')
    result = run("diff", old, new, "--data", mini)
    assert result.exit_code == 1
    assert "old.yaml:6:10" in result.output and "[decimals]" in result.output
    assert "new.yaml:7:10" in result.output and "[range]" in result.output


def test_missing_figures_are_refused_unless_allowed(mini: Path, tmp_path: Path, run) -> None:
    quarter = tmp_path / "2024-Q3.yaml"
    shutil.copyfile(mini / "results" / "2024.yaml", quarter)
    _edit(quarter, '"4-1": 100', '"4-1": ')
    old = mini / "results" / "2024.yaml"
    refused = run("diff", old, quarter, "--data", mini)
    assert refused.exit_code == 1
    assert "[missing-figure]" in refused.output and "4-1 尚未填写完成率" in refused.output
    allowed = run("diff", old, quarter, "--data", mini, "--allow-missing", "-f", "json")
    assert allowed.exit_code == 0, allowed.output
    doc = json.loads(allowed.output)
    assert doc["provisional"] == {"old": False, "new": True}
    assert doc["leaves"] == [{"id": "4-1", "title": "信息报送", "old": 100.0, "new": None}]
    # 4-1 counts 0: target 58.40, × 0.8 = 46.72, + 18 + 1 − 0.5 = 65.22 差
    assert doc["bureau"]["new"] == {"final": 65.22, "grade": "差"}
    table = run("diff", old, quarter, "--data", mini, "--allow-missing")
    # after the new file's path, which may be long enough to wrap the line
    assert "（暂定：未填的完成率和评价按0计）" in "".join(table.output.split())
    assert _row(table.output.splitlines(), "4-1")[-2:] == ["100%", "未填"]


def test_new_left_out_is_the_file_score_reads(mini: Path, tmp_path: Path, run) -> None:
    saved = tmp_path / "saved.yaml"
    shutil.copyfile(mini / "results" / "2024.yaml", saved)
    _edit(mini / "results" / "2024.yaml", '"4-1": 100', '"4-1": 90')
    doc = json.loads(run("diff", saved, "--data", mini, "-f", "json").output)
    assert doc["files"]["new"].endswith("results/2024.yaml")
    assert doc["leaves"] == [{"id": "4-1", "title": "信息报送", "old": 100.0, "new": 90.0}]


def test_results_option_with_two_files_is_a_usage_error(mini: Path, run) -> None:
    same = mini / "results" / "2024.yaml"
    result = run("diff", same, same, "--results", same, "--data", mini)
    assert result.exit_code == 2
    assert "--results 只用于 git:REV" in result.output


def test_an_unknown_file_is_a_located_error(mini: Path, run) -> None:
    result = run("diff", mini / "results" / "2023.yaml", "--data", mini)
    assert result.exit_code == 1
    assert "[file-missing]" in result.output


# --- git revisions --------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=测试", "-c", "user.email=t@example.com"]
    subprocess.run(
        [GIT or "git", "-C", str(repo), *identity, "-c", "commit.gpgsign=false", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tests/data/mini committed as `data/` of a new repository; returns the data directory."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    root.mkdir()
    data = root / "data"
    shutil.move(mini, data)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "2024 年终")
    return data


@needs_git
def test_git_head_against_the_working_copy(repo: Path, run) -> None:
    # The working copy: 4-1 down to 80, and the scheme caps the bonus at 0.5 (was 2).
    _edit(repo / "results" / "2024.yaml", '"4-1": 100', '"4-1": 80')
    _edit(repo / "indicators.yaml", "bonus_max: 2", "bonus_max: 0.5")
    result = run("diff", "git:HEAD", "--data", repo, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["files"]["old"] == "git:HEAD:data/results/2024.yaml"
    # The old side is scored with the committed scheme (bonus_max 2), the new with the edited:
    # new 4-1 earns 32, target 90.40, × 0.8 = 72.32, + 18 + min(1, 0.5) − 0.5 = 90.32 优秀.
    assert doc["bureau"] == {
        "old": {"final": 97.22, "grade": "优秀"},
        "new": {"final": 90.32, "grade": "优秀"},
    }
    # 办公室 (4-1): 100 → 98.00 优秀; 80 → 64.00 + 18 = 82.00 良好.
    # 指挥中心: 98.10 → 98.10 − 0.5 (its bonus capped at 0.5) = 97.60.
    assert {d["name"]: (d["old"]["final"], d["new"]["final"]) for d in doc["departments"]} == {
        "办公室": (98.0, 82.0),
        "指挥中心": (98.1, 97.6),
    }
    # 刘海明 (1-1-2, 4-1): (13.50 + 32) / 55 = 82.73, × 0.8 = 66.18, + 18 = 84.18 良好.
    assert doc["leaders"] == [
        {
            "name": "刘海明",
            "old": {"final": 95.82, "grade": "优秀"},
            "new": {"final": 84.18, "grade": "良好"},
        }
    ]
    assert doc["scheme"] == [{"item": None, "field": "formula.bonus_max", "old": "2", "new": "0.5"}]
    table = run("diff", "git:HEAD", "--data", repo)
    assert _row(table.output.splitlines(), "正向激励上限") == ["正向激励上限", "2", "0.5"]


@needs_git
def test_two_revisions(repo: Path, run) -> None:
    _edit(
        repo / "results" / "2024.yaml", "evaluation: {leadership: 9.2", "evaluation: {leadership: 9"
    )
    _git(repo, "commit", "-q", "-am", "领导评价更正")
    _edit(repo / "results" / "2024.yaml", '"4-1": 100', '"4-1": 80')  # not committed: not seen
    result = run("diff", "git:HEAD~1", "git:HEAD", "--data", repo, "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["leaves"] == []
    assert doc["evaluations"] == [
        {"department": None, "field": "leadership", "old": 9.2, "new": 9.0}
    ]
    # every score that uses the bureau's evaluation drops by 0.20; 危化科 has its own
    assert doc["bureau"]["new"] == {"final": 97.02, "grade": "优秀"}
    assert "危化科" not in [d["name"] for d in doc["departments"]]
    assert len(doc["departments"]) == 3


@needs_git
def test_bad_data_at_a_revision_is_located_there(repo: Path, run) -> None:
    _edit(repo / "results" / "2024.yaml", '"4-1": 100', '"4-1": 100.001')
    _git(repo, "commit", "-q", "-am", "多写了一位小数")
    _edit(repo / "results" / "2024.yaml", '"4-1": 100.001', '"4-1": 100')
    result = run("diff", "git:HEAD", "--data", repo)
    assert result.exit_code == 1
    assert "git:HEAD:data/results/2024.yaml:7:10" in result.output
    assert "[decimals]" in result.output


@needs_git
def test_a_revision_reads_the_newest_quarter_as_score_does(repo: Path, run) -> None:
    results = repo / "results"
    (results / "2024.yaml").rename(results / "2024-Q3.yaml")
    shutil.copyfile(results / "2024-Q3.yaml", results / "2024-Q2.yaml")
    _edit(results / "2024-Q2.yaml", '"4-1": 100', '"4-1": 50')
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "二、三季度")
    _edit(results / "2024-Q3.yaml", '"1-1-2": {completion: 90', '"1-1-2": {completion: 100')
    doc = json.loads(run("diff", "git:HEAD", "--data", repo, "-f", "json").output)
    assert doc["files"] == {
        "old": "git:HEAD:data/results/2024-Q3.yaml",
        "new": f"{display_name(results / '2024-Q3.yaml')}",
    }
    assert [(leaf["id"], leaf["old"], leaf["new"]) for leaf in doc["leaves"]] == [
        ("1-1-2", 90.0, 100.0)
    ]
    # the quarter chosen at the revision itself, for both sides
    both = json.loads(run("diff", "git:HEAD", "git:HEAD", "--data", repo, "-f", "json").output)
    assert both["files"]["old"] == both["files"]["new"] == "git:HEAD:data/results/2024-Q3.yaml"
    assert both["leaves"] == []


@needs_git
def test_a_bad_revision_is_a_usage_error(repo: Path, run) -> None:
    for spec in ("git:no-such-branch", "git:", "git:--output=x"):
        result = run("diff", spec, "--data", repo)
        assert result.exit_code == 2, (spec, result.output)
        assert "用法错误" in result.output


@needs_git
def test_a_file_missing_at_the_revision(repo: Path, run) -> None:
    added = repo / "results" / "2024-Q4.yaml"
    shutil.copyfile(repo / "results" / "2024.yaml", added)
    result = run("diff", "git:HEAD", added, "--data", repo)
    assert result.exit_code == 1
    assert "[file-missing]" in result.output and "版本 HEAD 中没有文件" in result.output


@needs_git
def test_git_outside_a_repository_is_a_usage_error(
    mini: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = run("diff", "git:HEAD", "--data", mini)
    assert result.exit_code == 2
    assert "不在 git 仓库中，不能用 git:HEAD" in result.output
