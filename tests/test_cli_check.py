"""`jixiao check`: formats and exit codes, as a clerk or CI sees them."""

from __future__ import annotations

import json
from pathlib import Path

from .edit import replace_in, replaced


def _misspell_person(data: Path) -> int:
    path = data / "indicators.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if "游劲汉" in line)
    lines[number - 1] = replaced(lines[number - 1], "游劲汉", "游动汉")
    path.write_text("".join(lines), encoding="utf-8")
    return number


def test_clean_data_exits_0(mini: Path, run) -> None:
    result = run("check", "--data", mini)
    assert result.exit_code == 0, result.output
    assert "检查通过" in result.output


def test_unknown_person_json_names_the_line_and_the_known_spelling(mini: Path, run) -> None:
    line = _misspell_person(mini)
    result = run("check", "--data", mini, "--format", "json")
    assert result.exit_code == 1, result.output
    doc = json.loads(result.output)
    assert doc["ok"] is False
    [problem] = doc["problems"]
    assert problem["file"].endswith("indicators.yaml")
    assert (problem["line"], problem["column"]) == (line, 23)
    assert (problem["severity"], problem["code"]) == ("error", "unknown-person")
    assert "游动汉" in problem["message"]
    assert "游劲汉" in problem["hint"]


def test_text_format_lists_file_line_column_severity_code(mini: Path, run) -> None:
    line = _misspell_person(mini)
    result = run("check", "--data", mini, "--format", "text")
    assert result.exit_code == 1
    assert f"indicators.yaml:{line}:23  错误  [unknown-person] 未知的人员“游动汉”" in result.output
    assert "提示：是不是 游劲汉？" in result.output
    assert "1 个错误，0 个警告" in result.output


def test_github_format_writes_annotations(mini: Path, run) -> None:
    line = _misspell_person(mini)
    result = run("check", "--data", mini, "--format", "github")
    assert result.exit_code == 1
    out = result.output.splitlines()
    assert out[0].startswith("::group::") and out[0].endswith("indicators.yaml")
    assert out[1].startswith("::error file=")
    assert f",line={line},col=23::{line}:23 [unknown-person] 未知的人员“游动汉”" in out[1]
    assert out[2] == "::endgroup::"


def test_github_annotation_escapes_the_file_property(mini: Path, run, tmp_path: Path) -> None:
    # `:` and `,` end a property of a workflow command, `%` starts an escape: a folder named
    # with them must still be the annotation's file. The message keeps its `:` as typed.
    data = tmp_path / "2024:考评,终稿%"
    mini.rename(data)
    line = _misspell_person(data)
    result = run("check", "--data", data, "--format", "github")
    assert result.exit_code == 1
    folder = str(tmp_path).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    assert result.output.splitlines()[1] == (
        f"::error file={folder}/2024%3A考评%2C终稿%25/indicators.yaml,line={line},col=23"
        f"::{line}:23 [unknown-person] 未知的人员“游动汉”（是不是 游劲汉？）"
    )


def test_auto_format_is_github_under_github_actions(mini: Path, run) -> None:
    _misspell_person(mini)
    result = run.runner.invoke(
        __import__("jixiao.cli").cli.app,
        ["check", "--data", str(mini)],
        env={"GITHUB_ACTIONS": "true"},
    )
    assert result.exit_code == 1
    assert result.output.startswith("::group::")


def test_missing_data_directory_is_a_usage_error(tmp_path: Path, run) -> None:
    result = run("check", "--data", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "数据目录" in result.output
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error(mini: Path, run) -> None:
    assert run("check", "--data", mini, "--format", "xml").exit_code == 2


def test_missing_indicators_file_exits_1(mini: Path, run) -> None:
    (mini / "indicators.yaml").unlink()
    result = run("check", "--data", mini, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.output)["problems"][0]["code"] == "file-missing"


def test_library_works_without_the_cli(mini: Path) -> None:
    from jixiao import check_dataset, load_dataset

    data = load_dataset(mini)
    assert data.scheme is not None and len(data.leaves) == 4
    assert check_dataset(data) == []


def test_usage_error_text_is_not_read_as_markup(tmp_path: Path, run) -> None:
    result = run("check", "--data", tmp_path / "nowhere[/x]")
    assert result.exit_code == 2
    assert "nowhere[/x]" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_github_annotation_for_a_whole_file_has_no_0_0(mini: Path, run) -> None:
    (mini / "staff.yaml").unlink()
    result = run("check", "--data", mini, "--format", "github")
    assert result.exit_code == 1
    [annotation] = [line for line in result.output.splitlines() if line.startswith("::error")]
    assert annotation.endswith(
        f"::[file-missing] 找不到文件 {mini / 'staff.yaml'}"
        "（检查文件名和 --data 是否正确：数据目录中应有 indicators.yaml 和 staff.yaml）"
    )


def test_entries_that_do_less_than_they_seem_are_warned(mini: Path, run) -> None:
    path = mini / "results" / "2024.yaml"
    text = replace_in(
        path,
        "departments: [指挥中心]}\ndeductions:",
        "departments: [指挥中心]}\n"
        "  - {points: 1, reason: 获奖, persons: [陈祥平, 王夏阳]}\n"
        "deductions:",
    )
    path.write_text(text + "  - {points: 0.5, reason: 全局通报}\n", encoding="utf-8")
    result = run("check", "--data", mini, "--format", "json")
    assert result.exit_code == 0, result.output  # warnings: the file is still usable
    found = [
        (p["line"], p["column"], p["code"], p["message"])
        for p in json.loads(result.stdout)["problems"]
    ]
    assert found == [
        (
            13,
            39,  # `  - {points: 1, reason: 获奖, persons: [` is 38 characters
            "no-effect",
            "正向激励中的“陈祥平”不是分管领导，个人没有考评得分：这项加分只计入全局得分，不会给陈祥平加分",
        ),
        (
            16,
            5,
            "deduction-no-target",
            "扣分“全局通报”没有写科室或人员：只扣全局分，不取消任何科室或个人的评先评优资格",
        ),
    ]  # 王夏阳 is a 分管领导 (of 1-1-1): the bonus raises his score, no warning


def test_dates_outside_the_scheme_year_are_warned_where_they_are(mini: Path, run) -> None:
    replace_in(mini / "results" / "2024.yaml", "as_of: 2024-12-31", "as_of: 2025-01-15")
    replace_in(mini / "results" / "2024.yaml", "date: 2024-05-10", "date: 2023-05-10")
    result = run("check", "--data", mini, "--format", "json")
    assert result.exit_code == 0, result.output  # warnings: the figures are still usable
    found = [
        (p["line"], p["column"], p["severity"], p["code"], p["message"])
        for p in json.loads(result.stdout)["problems"]
    ]
    assert found == [
        (2, 8, "warning", "as-of-year", "统计截止日期 2025-01-15 不在 2024 年度内"),
        (
            14,
            25,
            "warning",
            "date-year",
            "扣分日期 2023-05-10 不在 2024 年度内",
        ),  # `  - {points: 0.5, date: ` is 24
    ]
