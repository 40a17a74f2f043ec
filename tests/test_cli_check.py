"""`jixiao check`: formats and exit codes, as a clerk or CI sees them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
        (p["line"], p["column"], p["code"], p["message"], p["hint"])
        for p in json.loads(result.stdout)["problems"]
    ]
    assert found == [
        (
            13,
            39,  # `  - {points: 1, reason: 获奖, persons: [` is 38 characters
            "no-effect",
            "正向激励中的“陈祥平”不是分管领导，个人没有考评得分：这项加分只计入全局得分，不会给陈祥平加分",
            "个人只有分管领导有得分；不是笔误的话，可不理会此提示",
        ),
        (
            16,
            5,
            "deduction-no-target",
            "扣分“全局通报”没有写科室或人员：只扣全局分，不取消任何科室或个人的评先评优资格",
            "写明责任科室 departments 和责任人 persons；确属只扣全局分的，可不理会此提示",
        ),
    ]  # 王夏阳 is a 分管领导 (of 1-1-1): the bonus raises his score, no warning


def test_dates_outside_the_scheme_year_are_warned_where_they_are(mini: Path, run) -> None:
    replace_in(mini / "results" / "2024.yaml", "as_of: 2024-12-31", "as_of: 2025-01-15")
    replace_in(mini / "results" / "2024.yaml", "date: 2024-05-10", "date: 2023-05-10")
    result = run("check", "--data", mini, "--format", "json")
    assert result.exit_code == 0, result.output  # warnings: the figures are still usable
    assert _found(result, mini) == [
        (
            "results/2024.yaml", 2, 8, "as-of-year", "统计截止日期 2025-01-15 不在 2024 年度内",
            "检查年份是否写错",
        ),
        (
            "results/2024.yaml", 14, 25, "date-year", "扣分日期 2023-05-10 不在 2024 年度内",
            "检查年份是否写错",
        ),
    ]  # fmt: skip
    # `  - {points: 0.5, date: ` is 24 characters
    assert "✓" in run("check", "--data", mini).output  # warnings: nothing to refuse


def _found(result, data: Path) -> list[tuple]:  # type: ignore[no-untyped-def,type-arg]
    """Each problem of a JSON report: file (within the data directory), line, column, code,
    message and hint."""
    return [
        (
            Path(p["file"]).relative_to(data).as_posix(),
            p["line"], p["column"], p["code"], p["message"], p["hint"],
        )
        for p in json.loads(result.stdout)["problems"]
    ]  # fmt: skip


def test_each_refusal_says_what_is_wrong_and_what_to_do(mini: Path, run) -> None:
    replace_in(mini / "indicators.yaml", "weight: 15\n", "weight: 16\n")  # 1-1-2: 1-1 adds to 41
    replace_in(mini / "indicators.yaml", "persons: [陈祥平]", "persons: [李四]")  # nobody like him
    results = mini / "results" / "2024.yaml"
    replace_in(results, '"4-1": 100', '"9-9-9": 100')  # no id like it
    replace_in(results, "{leadership: 9.2,", "{leadership: 12,")
    result = run("check", "--data", mini, "--format", "json")
    assert result.exit_code == 1
    assert [found for found in _found(result, mini) if found[3] != "missing-figure"] == [
        (
            "indicators.yaml", 25, 21, "weight-sum", "指标 1-1 的权重 40 不等于其二级指标之和 41",
            "1-1-1（25 分）、1-1-2（16 分）；子项合计 41 分，比一级指标的 40 分多 1 分",
        ),
        (
            "indicators.yaml", 34, 27, "unknown-person", "未知的人员“李四”",
            "请先在 staff.yaml 中登记",
        ),
        (
            "results/2024.yaml", 7, 3, "unknown-id", "考评表中没有序号为 9-9-9 的计分项",
            "请对照 indicators.yaml 中的计分项序号",
        ),
        (
            "results/2024.yaml", 8, 26, "evaluation-range", "领导评价 12 超过满分 10",
            "满分由 indicators.yaml 的 formula.leadership_max 规定；核对这个分数",
        ),
    ]  # fmt: skip


def test_a_leaf_left_out_is_warned_at_completion_with_its_departments_and_title(
    mini: Path, run
) -> None:
    long_title = "督促各地各部门严格落实安全生产责任制，" * 3
    replace_in(mini / "indicators.yaml", "title: 信息报送", f"title: {long_title}")
    replace_in(mini / "indicators.yaml", "[指挥中心, 协调科]", "[应急指挥中心, 协调科]")
    replace_in(mini / "results" / "2024.yaml", '  "2-1": 99.5\n  "4-1": 100\n', "")
    result = run("check", "--data", mini, "--format", "json")
    assert result.exit_code == 0, result.output
    assert _found(result, mini) == [
        (
            "results/2024.yaml", 4, 3, "missing-figure", "2-1 尚未填写完成率（协调科、指挥中心）",
            '应急值守。在第 5 行（1-1-2）之后加一行 "2-1": 完成率',
        ),
        (
            "results/2024.yaml", 4, 3, "missing-figure", "4-1 尚未填写完成率（办公室）",
            long_title[:39] + '…。在第 5 行（1-1-2）之后加一行 "4-1": 完成率',  # the title cut
        ),
    ]  # fmt: skip
    assert len(long_title) > 40


def test_a_broken_staff_file_leaves_the_other_checks_running(mini: Path, run) -> None:
    (mini / "staff.yaml").write_text("leadership: [\n", encoding="utf-8")
    replace_in(mini / "results" / "2024.yaml", '  "2-1": 99.5\n', "")
    result = run("check", "--data", mini, "--format", "json")
    assert result.exit_code == 1
    assert [found[:4] for found in _found(result, mini)] == [
        ("results/2024.yaml", 4, 3, "missing-figure"),
        ("staff.yaml", 2, 1, "syntax"),
    ]


def test_entries_that_name_a_department_or_a_person_are_not_warned(mini: Path, run) -> None:
    replace_in(
        mini / "results" / "2024.yaml",
        "deductions:\n",
        "deductions:\n"
        "  - {points: 0.5, reason: 值班脱岗, departments: [指挥中心]}\n"
        "  - {points: 0.5, reason: 迟报, persons: [游劲汉]}\n",
    )
    replace_in(
        mini / "results" / "2024.yaml",
        "bonuses:\n",
        "bonuses:\n"
        "  - {points: 1, reason: 获奖, departments: [协调科, 危化科], persons: [陈祥平]}\n",
    )
    result = run("check", "--data", mini, "--format", "json")
    assert result.exit_code == 0, result.output
    assert _found(result, mini) == [
        (
            "results/2024.yaml", 12, 64, "no-effect",
            "正向激励中的“陈祥平”不是分管领导，个人没有考评得分："
            "这项加分只计入全局和协调科、危化科的得分，不会给陈祥平加分",
            "个人只有分管领导有得分；不是笔误的话，可不理会此提示",
        )
    ]  # fmt: skip


def test_sections_names_and_evaluations_are_refused_saying_which(mini: Path, run) -> None:
    scheme = mini / "indicators.yaml"
    replace_in(
        scheme, "  - name: 职能工作目标\n    weight: 60", "  - name: 职能工作目标\n    weight: 55"
    )
    replace_in(
        scheme, "  - name: 行政能力目标\n    weight: 40", "  - name: 行政能力目标\n    weight: 45"
    )
    replace_in(scheme, "leaders: [黄西洋]", "leaders: [黄东洋]")
    replace_in(scheme, "departments: [办公室]", "departments: [法规科]")
    replace_in(
        mini / "results" / "2024.yaml",
        "  危化科: {leadership: 9.5, public: 9.0}\n",
        "  危化科: {leadership: 9.5, public: 9.0}\n"
        "  安监科: {leadership: 9}\n  指挥中心: {public: 9}\n  应急指挥中心: {public: 8}\n",
    )
    result = run("check", "--data", mini, "--format", "json")
    assert result.exit_code == 1
    assert _found(result, mini) == [
        (
            "indicators.yaml", 19, 13, "weight-sum",
            "项目“职能工作目标” 的权重 55 不等于其下各指标之和 60",
            "1-1（40 分）、2-1（20 分）；子项合计 60 分，比项目“职能工作目标”的 55 分多 5 分",
        ),
        ("indicators.yaml", 48, 23, "unknown-leader", "未知的分管领导“黄东洋”", "是不是 黄西洋？"),
        (
            "indicators.yaml", 52, 13, "weight-sum",
            "项目“行政能力目标” 的权重 45 不等于其下各指标之和 40",
            "4-1（40 分）；子项合计 40 分，比项目“行政能力目标”的 45 分少 5 分",
        ),
        (
            "indicators.yaml", 59, 23, "unknown-department", "未知的科室“法规科”",
            "请先在 staff.yaml 中登记",
        ),
        (
            "results/2024.yaml", 11, 3, "unknown-department", "未知的科室“安监科”",
            "请先在 staff.yaml 中登记",
        ),
        (
            "results/2024.yaml", 13, 3, "duplicate-name",
            "“应急指挥中心”与“指挥中心”是同一个科室（指挥中心），评价只能写一次", "删去其中一个",
        ),
    ]  # fmt: skip


ONE_LEAF = (
    '{id: "5-1", title: 测试, weight: 1, deadline: 2024-12-31, leaders: [刘海明],'
    " departments: [办公室], persons: [万小翠]}"
)
SECTION_2 = "  - name: 行政能力目标\n    weight: 40\n"
LEAF_1_1_1 = "                deadline: 2024-12-31\n                leaders: [王夏阳]\n"
CHECKS = [
    # (what, file, old, new, the problem of that code: file, line, column, code, message, hint)
    ("a section with groups and indicators", "indicators.yaml", SECTION_2,
     f"{SECTION_2}    groups:\n      - name: 组\n        indicators:\n          - {ONE_LEAF}\n",
     ("indicators.yaml", 51, 5, "section-shape",
      "项目“行政能力目标”不能同时有 groups 和 indicators",
      "有分组的项目把指标写在各分组（groups）下；没有分组的项目直接写 indicators")),
    ("a section with neither", "indicators.yaml", SECTION_2,
     f"  - name: 空项目\n    weight: 10\n{SECTION_2}",
     ("indicators.yaml", 51, 5, "section-shape", "项目“空项目”缺少 groups 或 indicators",
      "在项目下加 groups:（分组，各有 indicators）或直接加 indicators:（指标）")),
    ("a leaf field on an indicator with items", "indicators.yaml",
     "            basis: 测试依据\n",
     "            basis: 测试依据\n            deadline: 2024-12-31\n",
     ("indicators.yaml", 27, 23, "nonleaf-field",
      "指标 1-1 有二级指标，deadline 应写在各二级指标上",
      "把这一行移到各二级指标（items）下，每个二级指标写自己的 deadline")),
    ("a leaf without two of its fields", "indicators.yaml",
     LEAF_1_1_1 + "                departments: [协调科]\n                persons: [陈祥平]\n",
     "                leaders: [王夏阳]\n                departments: [协调科]\n",
     ("indicators.yaml", 28, 17, "leaf-field-missing", "1-1-1 缺少 deadline、persons",
      "每个计分项都要写明完成时限、分管领导、责任科室和科室责任人")),
    ("a deadline in another year", "indicators.yaml",
     "deadline: 2024-06-30", "deadline: 2025-06-30",
     ("indicators.yaml", 38, 27, "deadline-year",
      "1-1-2 的完成时限 2025-06-30 不在考评年度 2024 内", "完成时限应在 2024 年内，如 2024-12-31")),
    ("two grades from the same score", "indicators.yaml", "{name: 合格, min: 70}",
     "{name: 合格, min: 80}",
     ("indicators.yaml", 13, 21, "grade-bands",
      "等次须从高到低排列：“合格”的最低分 80 应低于“良好”的 80",
      "等次按最低分从高到低排列，如 优秀 90、良好 80、合格 70、差 0")),
    ("a last grade from above 0", "indicators.yaml", "{name: 差, min: 0}", "{name: 差, min: 60}",
     ("indicators.yaml", 14, 20, "grade-bands", "最后一个等次的最低分应为 0",
      "改为 {name: 差, min: 0}，使任何得分都有等次")),
    ("an id used twice", "indicators.yaml", 'id: "1-1-2"', 'id: "1-1-1"',
     ("indicators.yaml", 35, 21, "duplicate-id", "序号 1-1-1 重复：第 28 行已经用过",
      "对照工作方案改正其中一个序号")),
    ("sections that do not add up to the full marks", "indicators.yaml", SECTION_2,
     replaced(SECTION_2, "40", "30"),
     ("indicators.yaml", 18, 3, "total-weight", "各考评项目权重合计为 90，应为满分 100",
      "职能工作目标（60 分）、行政能力目标（30 分）；子项合计 90 分，比满分 100 分少 10 分")),
    ("a department registered twice", "staff.yaml", "  - {name: 危化科, liaison: 陈玉珍}",
     "  - {name: 危化科, liaison: 陈玉珍}\n  - {name: 办公室}",
     ("staff.yaml", 12, 12, "duplicate-name", "科室名称“办公室”重复（已属于 办公室）",
      "每个科室名称和别名只能出现一次：删去重复的一个")),
    ("an alias that is another department", "staff.yaml", "aliases: [应急指挥中心]",
     "aliases: [应急指挥中心, 协调科]",
     ("staff.yaml", 13, 23, "duplicate-name", "科室名称“协调科”重复（已属于 协调科）",
      "每个科室名称和别名只能出现一次：删去重复的一个")),
    ("an alias that is the department itself", "staff.yaml", "aliases: [应急指挥中心]",
     "aliases: [应急指挥中心, 指挥中心]",
     ("staff.yaml", 12, 11, "duplicate-name", "科室名称“指挥中心”重复（已属于 指挥中心）",
      "每个科室名称和别名只能出现一次：删去重复的一个")),
    ("a person registered twice", "staff.yaml", "  - {name: 游劲汉, department: 指挥中心}",
     "  - {name: 游劲汉, department: 指挥中心}\n  - {name: 游劲汉}",
     ("staff.yaml", 28, 12, "duplicate-name", "人员“游劲汉”登记了两次",
      "删去重复的一条；同名的两个人请在名字后加以区分，如 张伟（办公室）")),
    ("a person of an unknown department", "staff.yaml", "{name: 游劲汉, department: 指挥中心}",
     "{name: 游劲汉, department: 法规科}",
     ("staff.yaml", 27, 29, "unknown-department", "未知的科室“法规科”",
      "请先在 staff.yaml 中登记")),
    ("a liaison not registered", "staff.yaml", "liaison: 陈玉珍", "liaison: 陈玉真",
     ("staff.yaml", 11, 26, "unknown-person", "未知的人员“陈玉真”", "是不是 陈玉珍？")),
    ("a leadership member not registered", "staff.yaml", "  - {name: 黄西洋, role: 副组长}",
     "  - {name: 黄西洋, role: 副组长}\n  - {name: 赵六, role: 成员}",
     ("staff.yaml", 6, 12, "unknown-person", "未知的人员“赵六”", "请先在 staff.yaml 中登记")),
    ("an office head not registered", "staff.yaml", "office_head: 万小翠", "office_head: 万小翠翠",
     ("staff.yaml", 7, 14, "unknown-person", "未知的人员“万小翠翠”", "是不是 万小翠？")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"), [pytest.param(*c[1:], id=c[0]) for c in CHECKS]
)
def test_a_check_says_what_is_wrong_and_where(
    mini: Path, run, file: str, old: str, new: str, expected: tuple[object, ...]
) -> None:
    replace_in(mini / file, old, new, 1)
    result = run("check", "--data", mini, "--format", "json")
    assert result.exit_code == 1
    assert [found for found in _found(result, mini) if found[3] == expected[3]] == [expected]


def test_an_id_used_twice_names_the_line_of_the_first_id(mini: Path, run) -> None:
    # the first 1-1-1 opens its mapping with its title: the line named is the id's
    scheme = mini / "indicators.yaml"
    replace_in(
        scheme,
        '              - id: "1-1-1"\n                title: 隐患排查\n',
        '              - title: 隐患排查\n                id: "1-1-1"\n',
    )
    replace_in(scheme, 'id: "1-1-2"', 'id: "1-1-1"')
    result = run("check", "--data", mini, "--format", "json")
    assert [found for found in _found(result, mini) if found[3] == "duplicate-id"] == [
        (
            "indicators.yaml",
            35,
            21,
            "duplicate-id",
            "序号 1-1-1 重复：第 29 行已经用过",
            "对照工作方案改正其中一个序号",
        )
    ]
