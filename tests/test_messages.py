"""Messages that lead to the fix (issue 13): a completion problem names its leaf, every problem
has a hint, a missing figure says where to write it, a weight mismatch lists the children
and says which way it is off, and a title in a hint is cut with …"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import MINI, SHIPPED, Run
from .test_examples import EXAMPLES, _data_with
from .test_hostile import TRAPS
from .test_mutations import MUTATION, mutate

RESULTS = "results/2024.yaml"


def _edit(data: Path, file: str, old: str, new: str) -> None:
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(run, data: Path) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    result = run("check", "--data", data, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["problems"]  # type: ignore[no-any-return]


def _one(run, data: Path, code: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    found = [p for p in _problems(run, data) if p["code"] == code]
    assert len(found) == 1, found
    return found[0]


# --- a value problem names its leaf ------------------------------------------------------


def test_a_completion_over_100_names_the_leaf_and_its_title(mini: Path, run) -> None:
    _edit(mini, RESULTS, '"1-1-1": 100', '"1-1-1": 105')
    problem = _one(run, mini, "range")
    assert (problem["line"], problem["column"]) == (4, 12)
    assert problem["message"] == "1-1-1（隐患排查）完成率 105 超过 100"
    assert (
        problem["hint"]
        == "完成率是 0 到 100 的百分数（不带 %）；超额完成的填 100，可在 note 中说明"
    )
    text = run("check", "--data", mini).output
    assert "[range] 1-1-1（隐患排查）完成率 105 超过 100\n" in text


def test_a_long_title_in_a_message_is_cut_with_an_ellipsis(tmp_path: Path, run) -> None:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data)
    _edit(data, RESULTS, '"1-1-1": 100', '"1-1-1": abc')
    problem = _one(run, data, "number")
    assert (
        problem["message"] == "1-1-1（认真落实安全生产十五条硬措施及省委66…）完成率：“abc”不是数字"
    )
    assert problem["hint"] == "写阿拉伯数字，如 95 或 99.5：不带 %、单位或千位分隔符"


def test_a_note_problem_says_it_is_the_note(mini: Path, run) -> None:
    _edit(mini, RESULTS, "note: 少一次督导检查", 'note: ""')
    problem = _one(run, mini, "empty")
    assert problem["message"] == "1-1-2（危化品整治）说明：不能为空"
    assert problem["hint"] == "填写内容，或删除这一行"


def test_without_a_readable_scheme_the_id_alone_is_named(mini: Path, run) -> None:
    (mini / "indicators.yaml").write_text("unit: [\n", encoding="utf-8")
    _edit(mini, RESULTS, '"1-1-1": 100', '"1-1-1": 105')
    problem = _one(run, mini, "range")
    assert problem["message"] == "1-1-1 完成率 105 超过 100"


# --- every problem has a hint ------------------------------------------------------------


@pytest.mark.parametrize(
    "example", sorted((EXAMPLES / "invalid").glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_problem_of_an_invalid_example_has_a_hint(example: Path, tmp_path: Path, run) -> None:
    problems = _problems(run, _data_with(example, tmp_path))
    assert problems
    assert [p for p in problems if not p["hint"].strip()] == []


@pytest.mark.parametrize(("file", "damage", "exit_code", "code", "line", "says", "column"), TRAPS)
def test_every_problem_of_a_hostile_file_has_a_hint(
    file: str,
    damage,
    exit_code: int,
    code: str | None,
    line: int | None,
    says: str,
    column: int | None,
    mini: Path,
    run,
) -> None:  # type: ignore[no-untyped-def]
    damage(mini)
    assert [p for p in _problems(run, mini) if not p["hint"].strip()] == []
    score = run("score", "--data", mini, "--format", "json")
    if score.exit_code == 1:  # the problems on stderr: each with its 提示
        listed = [ln for ln in score.stderr.splitlines() if "  错误  " in ln or "  警告  " in ln]
        hints = [ln for ln in score.stderr.splitlines() if ln.strip().startswith("提示：")]
        assert len(listed) == len(hints), score.stderr


@given(target=st.sampled_from(["indicators.yaml", "staff.yaml", RESULTS]), mutation=MUTATION)
def test_every_problem_of_a_damaged_file_has_a_hint(target: str, mutation: tuple) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(MINI, data)
        damaged = data / target
        damaged.write_bytes(mutate(damaged.read_bytes(), mutation))
        problems = _problems(Run(), data)
        assert [p for p in problems if not p["hint"].strip()] == []


# --- a missing figure says where to write it ---------------------------------------------


def test_a_leaf_missing_from_the_file_says_after_which_line(mini: Path, run) -> None:
    _edit(mini, RESULTS, '  "1-1-2": {completion: 90, note: 少一次督导检查}\n', "")
    problem = _one(run, mini, "missing-figure")
    assert problem["message"] == "1-1-2 尚未填写完成率（危化科）"
    assert problem["hint"] == '危化品整治。在第 4 行（1-1-1）之后加一行 "1-1-2": 完成率'
    score = run("score", "--data", mini)
    assert score.exit_code == 1
    assert (
        '提示：危化品整治。在第 4 行（1-1-1）之后加一行 "1-1-2": 完成率，'
        "再计分；或加 --allow-missing 按 0 计，结果标为“暂定”\n"
    ) in score.stderr


def test_an_empty_figure_says_which_line_to_fill(mini: Path, run) -> None:
    _edit(mini, RESULTS, '"2-1": 99.5', '"2-1":')
    problem = _one(run, mini, "missing-figure")
    assert (problem["line"], problem["hint"]) == (6, "应急值守。在第 6 行的“2-1”后面填上完成率")


def test_the_first_leaf_missing_goes_before_the_first_id(mini: Path, run) -> None:
    _edit(mini, RESULTS, '  "1-1-1": 100\n', "")
    problem = _one(run, mini, "missing-figure")
    assert problem["hint"] == '隐患排查。在第 4 行（1-1-2）之前加一行 "1-1-1": 完成率'


def test_before_the_first_id_of_the_scheme_not_the_first_line_of_the_file(mini: Path, run) -> None:
    _edit(mini, RESULTS, '  "1-1-1": 100\n  "1-1-2"', '  "2-1": 99.5\n  "1-1-2"')
    _edit(mini, RESULTS, '少一次督导检查}\n  "2-1": 99.5\n', "少一次督导检查}\n")
    problem = _one(run, mini, "missing-figure")
    assert problem["hint"] == '隐患排查。在第 5 行（1-1-2）之前加一行 "1-1-1": 完成率'


def test_an_empty_completion_says_to_write_under_it(mini: Path, run) -> None:
    path = mini / RESULTS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith('  "')), "utf-8")
    hints = {p["hint"] for p in _problems(run, mini) if p["code"] == "missing-figure"}
    assert '信息报送。在 completion: 下加一行 "4-1": 完成率（前面空两格）' in hints


def test_a_long_title_in_a_missing_figure_hint_is_cut_with_an_ellipsis(tmp_path: Path, run) -> None:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data)
    _edit(data, RESULTS, '"1-1-2": 100', '"1-1-2":')
    problem = _one(run, data, "missing-figure")
    title = "开展危化品安全治本攻坚，落实全市危险化学品领域生产经营单位高危细分、油气储存，…"
    assert len(title) == 40
    assert problem["hint"] == f"{title}。在第 19 行的“1-1-2”后面填上完成率"


# --- a weight mismatch lists the children and says which way it is off -------------------


def test_an_indicator_whose_items_fall_short(mini: Path, run) -> None:
    _edit(mini, "indicators.yaml", "weight: 15", "weight: 14")
    problem = _one(run, mini, "weight-sum")
    assert problem["line"] == 25
    assert problem["message"] == "指标 1-1 的权重 40 不等于其二级指标之和 39"
    assert (
        problem["hint"]
        == "1-1-1（25 分）、1-1-2（14 分）；子项合计 39 分，比一级指标的 40 分少 1 分"
    )


def test_an_indicator_whose_items_exceed_it(mini: Path, run) -> None:
    _edit(mini, "indicators.yaml", "weight: 15", "weight: 15.5")
    problem = _one(run, mini, "weight-sum")
    assert problem["hint"] == (
        "1-1-1（25 分）、1-1-2（15.5 分）；子项合计 40.5 分，比一级指标的 40 分多 0.5 分"
    )


def test_sections_that_do_not_make_full_marks(mini: Path, run) -> None:
    _edit(mini, "indicators.yaml", "    weight: 60", "    weight: 61")
    total = _one(run, mini, "total-weight")
    assert total["hint"] == (
        "职能工作目标（61 分）、行政能力目标（40 分）；子项合计 101 分，比满分 100 分多 1 分"
    )
    section = _one(run, mini, "weight-sum")
    assert section["hint"] == (
        "1-1（40 分）、2-1（20 分）；子项合计 60 分，比项目“职能工作目标”的 61 分少 1 分"
    )
