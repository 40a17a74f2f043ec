"""`jixiao forms` and `jixiao collect`: department forms out to Excel and back, cell by cell."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from jixiao.dataset import check_dataset, load_dataset
from jixiao.directory import Directory
from jixiao.forms import department_forms

from .edit import replace_in
from .formfiles import fill, filled, make_forms

FORMS = [
    "2024-Q3-办公室.xlsx",
    "2024-Q3-协调科.xlsx",
    "2024-Q3-危化科.xlsx",
    "2024-Q3-指挥中心.xlsx",
]
COLLECTED = """\
# 测试局 2024 年第三季度绩效考评完成情况
# 由 jixiao collect 从 4 份科室填报表汇总生成：
#   2024-Q3-办公室.xlsx（办公室）
#   2024-Q3-协调科.xlsx（协调科）
#   2024-Q3-危化科.xlsx（危化科）
#   2024-Q3-指挥中心.xlsx（指挥中心）

year: 2024
as_of: 2024-09-30

completion:               # 完成率（%），按序号
  "1-1-1": 100
  "1-1-2": {completion: 90, note: "少一次督导检查"}
  "2-1": 99.5
  "4-1": 100

evaluation:               # 年终评价；季度检查时留空即可
  leadership:
  public:

bonuses: []
deductions: []
"""


def _said(output: str) -> str:
    """The problem listing as `错误  place: message` lines, the form these tests check."""
    listing = re.compile(r"  (.+?)  (错误|警告)  \[[^\]]+\] (.*)")
    lines = [listing.sub(r"\2  \1: \3", line) for line in output.splitlines()]
    return "\n".join(lines) + "\n"


def _rows(sheet, first: int = 4, last: int | None = None) -> list[list[object]]:
    return [list(r) for r in sheet.iter_rows(min_row=first, max_row=last, values_only=True)]


# --- forms ----------------------------------------------------------------------------


def test_one_form_per_department_with_only_its_leaves(mini: Path, run, tmp_path: Path) -> None:
    folder = make_forms(run, mini, tmp_path / "forms")
    assert sorted(p.name for p in folder.iterdir()) == sorted(FORMS)
    book = openpyxl.load_workbook(folder / "2024-Q3-协调科.xlsx")
    assert book.sheetnames == ["填报", "jixiao"]
    sheet = book["填报"]
    assert sheet["A1"].value == "测试局 2024 年第三季度绩效考评完成情况填报表"
    assert sheet["A2"].value.startswith("填报科室：协调科　　统计截止：2024-09-30")
    assert _rows(sheet, 3, 5) == [
        [
            "序号",
            "计分项",
            "权重",
            "完成时限",
            "科室责任人",
            "完成率（%）",
            "说明（完成情况或未完成原因）",
        ],
        ["1-1-1", "隐患排查", 25, "2024-12-31", "陈祥平", None, None],
        ["2-1", "应急值守", 20, "2024-12-31", "游劲汉、陈祥平", None, None],  # shared
    ]
    assert _rows(book["填报"], 7, 7)[0][0].startswith("填报人：")
    other = openpyxl.load_workbook(folder / "2024-Q3-指挥中心.xlsx")["填报"]
    assert _rows(other, 4, 4) == [
        ["2-1", "应急值守", 20, "2024-12-31", "游劲汉、陈祥平", None, None]
    ]


def test_form_cells_are_locked_except_the_validated_inputs(mini: Path, run, tmp_path: Path) -> None:
    folder = make_forms(run, mini, tmp_path / "forms")
    sheet = openpyxl.load_workbook(folder / "2024-Q3-协调科.xlsx")["填报"]
    assert sheet.protection.sheet is True
    assert sheet.protection.password is None  # guards against slips; collect checks anyway
    for row in (4, 5):
        assert [sheet.cell(row, col).protection.locked for col in range(1, 8)] == [
            True, True, True, True, True, False, False,
        ]  # fmt: skip
    [validation] = sheet.data_validations.dataValidation
    assert str(validation.sqref) == "F4:F5"
    assert (validation.type, validation.operator, validation.formula1, validation.formula2) == (
        "decimal",
        None,  # Excel's default: between
        "0",
        "100",
    )
    assert validation.showErrorMessage is True
    assert validation.errorTitle == "完成率填写有误"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$1:$3"
    assert sheet.freeze_panes == "A4"


def test_form_records_what_it_was_made_for_in_a_very_hidden_sheet(
    mini: Path, run, tmp_path: Path
) -> None:
    folder = make_forms(run, mini, tmp_path / "forms")
    meta = openpyxl.load_workbook(folder / "2024-Q3-协调科.xlsx")["jixiao"]
    assert meta.sheet_state == "veryHidden"
    assert meta.protection.sheet is True
    assert _rows(meta, 1) == [
        ["form", "jixiao-form"],
        ["version", "1"],
        ["department", "协调科"],
        ["year", "2024"],
        ["quarter", "3"],
        ["first_row", "4"],
        ["leaf", "1-1-1"],
        ["leaf", "2-1"],
    ]


def test_department_forms_library_call(mini: Path) -> None:
    data = load_dataset(mini, results=[])
    assert data.scheme is not None and data.staff is not None
    forms = department_forms(data.scheme, Directory.of(data.staff), 1)
    assert list(forms) == [name.replace("Q3", "Q1") for name in FORMS]
    assert all(content.startswith(b"PK") for content in forms.values())


def test_forms_bad_quarter_is_a_usage_error(mini: Path, run, tmp_path: Path) -> None:
    result = run("forms", "--data", mini, "--quarter", "5", "--out", tmp_path / "forms")
    assert result.exit_code == 2
    assert "--quarter 应为 1、2、3 或 4" in result.output
    assert not (tmp_path / "forms").exists()


def test_forms_write_all_or_nothing_and_force(mini: Path, run, tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "2024-Q3-危化科.xlsx").write_bytes(b"filled by hand")
    result = run("forms", "--data", mini, "--quarter", "3", "--out", folder)
    assert result.exit_code == 1
    assert "2024-Q3-危化科.xlsx 已存在，未写入任何填报表" in result.output
    assert [p.name for p in folder.iterdir()] == ["2024-Q3-危化科.xlsx"]
    assert (folder / "2024-Q3-危化科.xlsx").read_bytes() == b"filled by hand"
    result = run("forms", "--data", mini, "--quarter", "3", "--out", folder, "--force")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == sorted(FORMS)


# --- collect: the round trip ----------------------------------------------------------


def test_round_trip_forms_fill_collect_check_score(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    out = tmp_path / "2024-Q3.yaml"
    result = run("collect", folder, "--data", mini, "--out", out)
    assert result.exit_code == 0, result.output
    assert f"已写入 {out}" in result.output
    assert out.read_text(encoding="utf-8") == COLLECTED

    # it passes jixiao's own loader and checks, without a single problem
    assert check_dataset(load_dataset(mini, results=[out])) == []
    assert run("check", "--data", mini, "--results", out).exit_code == 0

    # with the year-end figures added, it scores exactly as the hand-written results file
    original = mini / "results" / "2024.yaml"
    year_end = original.read_text(encoding="utf-8").split("evaluation:", 1)[1]
    collected = out.read_text(encoding="utf-8").split("evaluation:", 1)[0]
    out.write_text(collected + "evaluation:" + year_end, encoding="utf-8", newline="\n")
    scored = run("score", "--data", mini, "--results", out, "--format", "json", "--detail")
    assert scored.exit_code == 0, scored.output
    expected = run("score", "--data", mini, "--format", "json", "--detail")
    doc, want = json.loads(scored.stdout), json.loads(expected.stdout)
    assert doc["as_of"] == "2024-09-30"
    del doc["as_of"], want["as_of"]
    assert doc == want
    assert doc["bureau"]["final"] == 97.22


def test_notes_survive_any_visible_characters(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    tricky = (
        "- \"引号\" '单引号' #井号: 冒号 {括号} [方括号] & * ! |\n第二行\n\n第四行\t制表 \\ 反斜杠"
    )
    fill(folder / "2024-Q3-办公室.xlsx", {"G4": tricky})
    out = tmp_path / "2024-Q3.yaml"
    assert run("collect", folder, "--data", mini, "--out", out).exit_code == 0
    data = load_dataset(mini, results=[out])
    assert [p for p in check_dataset(data) if p.is_error] == []
    [results] = data.results.values()
    assert results.completion["4-1"].note == tricky
    assert results.completion["4-1"].completion == 100
    assert "\\n" not in out.read_text(encoding="utf-8")  # line breaks as line breaks


@pytest.mark.parametrize("hidden", ["\u2028", "\x85", "\x9b", "\x7f", "\u200b", "\u202e"])
def test_a_note_with_a_hidden_character_is_refused_at_its_cell(
    mini: Path, run, tmp_path: Path, hidden: str
) -> None:
    folder = filled(run, mini, tmp_path)
    fill(folder / "2024-Q3-办公室.xlsx", {"G4": f"已完成{hidden}全部任务"})
    out = tmp_path / "2024-Q3.yaml"
    result = run("collect", folder, "--data", mini, "--out", out, "--format", "json")
    assert result.exit_code == 1, result.output
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["code"], problem["cell"]) == ("invisible-char", "G4")
    assert f"U+{ord(hidden[0]):04X}" in problem["message"]
    assert not out.exists()


def test_shared_leaf_same_figure_from_both_keeps_both_notes(
    mini: Path, run, tmp_path: Path
) -> None:
    folder = filled(run, mini, tmp_path)
    fill(folder / "2024-Q3-协调科.xlsx", {"G5": "协助值守"})
    fill(folder / "2024-Q3-指挥中心.xlsx", {"F4": 99.50, "G4": "主责值守"})
    out = tmp_path / "2024-Q3.yaml"
    assert run("collect", folder, "--data", mini, "--out", out).exit_code == 0
    assert '  "2-1": {completion: 99.5, note: "协调科：协助值守；指挥中心：主责值守"}\n' in (
        out.read_text(encoding="utf-8")
    )


def test_missing_form_and_blank_cells_are_warnings(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    (folder / "2024-Q3-办公室.xlsx").unlink()
    fill(folder / "2024-Q3-危化科.xlsx", {"F4": None, "G4": None})
    out = tmp_path / "2024-Q3.yaml"
    result = run("collect", folder, "--data", mini, "--out", out)
    assert result.exit_code == 0, result.output
    assert "警告  2024-Q3-办公室.xlsx: 没有收到办公室的填报表（4-1）" in _said(result.output)
    assert "警告  2024-Q3-危化科.xlsx!F4: 1-1-2 尚未填写完成率" in _said(result.output)
    assert "✓ 没有错误（2 个警告）" in result.output
    text = out.read_text(encoding="utf-8")
    assert '  "1-1-2":                     # 未填报\n' in text
    assert '  "4-1":                     # 未填报\n' in text
    check = run("check", "--data", mini, "--results", out)
    assert check.exit_code == 0
    assert "[missing-figure] 1-1-2 尚未填写完成率" in check.output
    listed = run("collect", folder, "--data", mini, "--out", tmp_path / "again.yaml", "-f", "json")
    blank = [p for p in json.loads(listed.stdout)["problems"] if p["cell"] == "F4"]
    assert blank == [
        {
            "file": "2024-Q3-危化科.xlsx",
            "line": 4,
            "column": 6,
            "severity": "warning",
            "code": "missing-figure",
            "message": "1-1-2 尚未填写完成率（危化科）",
            "hint": "危化品整治",  # the title: in a form, the cell itself is where it goes
            "cell": "F4",
        }
    ]


# --- collect: what it refuses ---------------------------------------------------------

TAMPERED = [
    ("A4", "1-1-9", "2024-Q3-协调科.xlsx!A4: 序号被改动：这一行原是 1-1-1，现在是“1-1-9”"),
    ("F4", 120, "2024-Q3-协调科.xlsx!F4: 完成率 120 超过 100"),
    ("F5", -5, "2024-Q3-协调科.xlsx!F5: 完成率 -5 不能小于 0"),
    ("F4", 99.555, "2024-Q3-协调科.xlsx!F4: 完成率 99.555 超过两位小数"),
    ("F4", "九十", "2024-Q3-协调科.xlsx!F4: 完成率应填数字，这里是文字“九十”"),
    ("F4", "95%", "2024-Q3-协调科.xlsx!F4: 完成率应填数字，这里是文字“95%”"),
    ("F4", True, "2024-Q3-协调科.xlsx!F4: 完成率应填数字，这里是逻辑值 TRUE"),
    ("F4", "=90+5", "2024-Q3-协调科.xlsx!F4: 完成率请直接填数字，不要用公式（=90+5）"),
]


# pytest.param ids: a list of non-ASCII ids is escaped again on a second collection in the
# same process (as mutmut collects), and the ids it then asks for are not found.
@pytest.mark.parametrize(
    ("ref", "value", "message"), [pytest.param(*t, id=t[2][-14:]) for t in TAMPERED]
)
def test_a_bad_cell_is_refused_by_name_and_nothing_written(
    mini: Path, run, tmp_path: Path, ref: str, value: object, message: str
) -> None:
    folder = filled(run, mini, tmp_path)
    fill(folder / "2024-Q3-协调科.xlsx", {ref: value})
    out = tmp_path / "2024-Q3.yaml"
    result = run("collect", folder, "--data", mini, "--out", out)
    assert result.exit_code == 1
    assert f"错误  {message}\n" in _said(result.output)
    assert "1 个错误，0 个警告" in _said(result.output)
    assert f"有错误，未写入 {out}" in result.output
    assert not out.exists()


def test_percent_formatted_cell_is_refused(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    book = openpyxl.load_workbook(folder / "2024-Q3-协调科.xlsx")
    book["填报"]["F4"].value = 0.95  # what Excel stores when 95% is typed
    book["填报"]["F4"].number_format = "0%"
    book.save(folder / "2024-Q3-协调科.xlsx")
    result = run("collect", folder, "--data", mini, "--out", tmp_path / "q3.yaml")
    assert result.exit_code == 1
    assert (
        "2024-Q3-协调科.xlsx!F4: 完成率单元格被设成了百分比格式：显示的 95% 实际是 0.95"
        in _said(result.output)
    )


def test_a_duplicated_form_claims_every_leaf_twice(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    shutil.copy(folder / "2024-Q3-协调科.xlsx", folder / "2024-Q3-协调科（改）.xlsx")
    out = tmp_path / "2024-Q3.yaml"
    result = run("collect", folder, "--data", mini, "--out", out)
    assert result.exit_code == 1
    for row, leaf in ((4, "1-1-1"), (5, "2-1")):
        assert (
            f"2024-Q3-协调科（改）.xlsx!A{row}: {leaf} 重复填报："
            f"2024-Q3-协调科.xlsx!A{row} 已经有协调科的这一项"
        ) in _said(result.output)
    assert not out.exists()


def test_different_figures_for_a_shared_leaf_name_both_cells(
    mini: Path, run, tmp_path: Path
) -> None:
    folder = filled(run, mini, tmp_path)
    fill(folder / "2024-Q3-指挥中心.xlsx", {"F4": 98})
    result = run("collect", folder, "--data", mini, "--out", tmp_path / "q3.yaml")
    assert result.exit_code == 1
    assert (
        "2024-Q3-指挥中心.xlsx!F4: 2-1 由协调科和指挥中心共同负责，完成率不一致："
        "这里是 98，2024-Q3-协调科.xlsx!F5 是 99.5"
    ) in _said(result.output)


def test_another_departments_form_under_this_name_is_refused(
    mini: Path, run, tmp_path: Path
) -> None:
    folder = filled(run, mini, tmp_path)
    fill(folder / "2024-Q3-危化科.xlsx", {"B3": "协调科"}, sheet="jixiao")
    result = run("collect", folder, "--data", mini, "--out", tmp_path / "q3.yaml")
    assert result.exit_code == 1
    assert "2024-Q3-危化科.xlsx: 文件名是“危化科”的，表里却是“协调科”的填报表" in _said(
        result.output
    )
    assert "2024-Q3-危化科.xlsx!A4: 1-1-2 不是协调科的计分项（责任科室：危化科）" in _said(
        result.output
    )


def test_forms_of_another_quarter_or_year_are_refused(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    make_forms(run, mini, tmp_path / "q2", quarter=2)
    shutil.copy(tmp_path / "q2" / "2024-Q2-办公室.xlsx", folder / "2024-Q2-办公室.xlsx")
    fill(folder / "2024-Q3-危化科.xlsx", {"B4": "2023"}, sheet="jixiao")
    result = run("collect", folder, "--data", mini, "--out", tmp_path / "q3.yaml")
    assert result.exit_code == 1
    assert "2024-Q2-办公室.xlsx: 这是第二季度的填报表，其余是第三季度的" in _said(result.output)
    assert (
        "2024-Q3-危化科.xlsx: 2024-Q3-危化科.xlsx 是 2023 年度的填报表，而考评方案是 2024 年度"
        in _said(result.output)
    )


def test_a_workbook_that_is_not_a_form_is_refused(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    book = openpyxl.Workbook()
    book.active["A1"] = "1-1-1"
    book.save(folder / "自己做的表.xlsx")
    (folder / "坏文件.xlsx").write_bytes(b"not a zip at all")
    (folder / "~$2024-Q3-协调科.xlsx").write_bytes(b"Excel's lock file is skipped")
    result = run("collect", folder, "--data", mini, "--out", tmp_path / "q3.yaml")
    assert result.exit_code == 1
    assert "自己做的表.xlsx: 自己做的表.xlsx 不是 jixiao forms 生成的填报表" in _said(result.output)
    assert "坏文件.xlsx: 坏文件.xlsx 不是 .xlsx 格式的工作簿" in _said(result.output)
    assert "~$" not in result.output
    assert "2 个错误，0 个警告" in _said(result.output)


def test_collect_usage_errors(mini: Path, run, tmp_path: Path) -> None:
    result = run("collect", tmp_path / "nowhere", "--data", mini, "--out", tmp_path / "q.yaml")
    assert result.exit_code == 2
    assert "不是文件夹" in result.output
    (tmp_path / "empty").mkdir()
    result = run("collect", tmp_path / "empty", "--data", mini, "--out", tmp_path / "q.yaml")
    assert result.exit_code == 2
    assert "中没有 .xlsx 填报表" in result.output


def test_the_filled_forms_in_tests_data_are_current(mini: Path, run, tmp_path: Path) -> None:
    """tests/data/mini-forms (used by tests/commands.py) are FILLED into today's forms.

    If this fails, remake them: run `jixiao forms --data tests/data/mini --quarter 3` and
    type FILLED into the forms, as `_filled` does."""
    folder = Path(__file__).parent / "data" / "mini-forms"
    out = tmp_path / "2024-Q3.yaml"
    result = run("collect", folder, "--data", mini, "--out", out)
    assert result.exit_code == 0, result.output
    assert "0 个错误" not in result.output  # not even a warning
    assert out.read_text(encoding="utf-8") == COLLECTED
    fresh = filled(run, mini, tmp_path)
    for name in FORMS:
        assert _rows(openpyxl.load_workbook(folder / name)["填报"], 1) == _rows(
            openpyxl.load_workbook(fresh / name)["填报"], 1
        ), name


def test_collect_never_overwrites_without_force(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    out = tmp_path / "2024-Q3.yaml"
    out.write_text("# the clerk's edits\n", encoding="utf-8")
    result = run("collect", folder, "--data", mini, "--out", out)
    assert result.exit_code == 1
    assert "已存在" in result.output
    assert out.read_text(encoding="utf-8") == "# the clerk's edits\n"
    assert run("collect", folder, "--data", mini, "--out", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8") == COLLECTED
    # --force replaces an earlier output, never a file the command read
    form = folder / "2024-Q3-办公室.xlsx"
    before = form.read_bytes()
    for target in (form, mini / "staff.yaml"):
        result = run("collect", folder, "--data", mini, "--out", target, "--force")
        assert result.exit_code == 2
        assert "不能用输出覆盖它" in result.output
    assert form.read_bytes() == before


def test_a_form_older_than_the_scheme_is_a_warning(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    replace_in(mini / "indicators.yaml", "departments: [办公室]", "departments: [办公室, 协调科]")
    out = tmp_path / "2024-Q3.yaml"
    result = run("collect", folder, "--data", mini, "--out", out)
    assert result.exit_code == 0, result.output
    assert "警告  2024-Q3-协调科.xlsx: 协调科的填报表中没有 4-1" in _said(result.output)
    assert '  "4-1": 100\n' in out.read_text(encoding="utf-8")  # 办公室 filled it in


def test_departments_without_leaves_get_no_form(mini: Path, run, tmp_path: Path) -> None:
    replace_in(mini / "staff.yaml", "  - {name: 办公室,", "  - {name: 法规科}\n  - {name: 办公室,")
    result = run("forms", "--data", mini, "--quarter", "1", "--out", tmp_path / "[b]季度")
    assert result.exit_code == 0, result.output
    assert f"已写入 {tmp_path / '[b]季度' / '2024-Q1-办公室.xlsx'}" in result.output
    assert "没有计分项、未生成填报表的科室：法规科" in result.output
    assert len(list((tmp_path / "[b]季度").iterdir())) == 4


def test_hostile_workbooks_are_refused_quickly(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    with zipfile.ZipFile(folder / "炸弹.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", " " * 60_000_000)  # 60 MB in 60 KB
    assert (folder / "炸弹.xlsx").stat().st_size < 100_000
    book = openpyxl.load_workbook(folder / "2024-Q3-办公室.xlsx")
    for row in range(8, 5008):  # 5000 leaves claimed by a form of a four-leaf scheme
        book["jixiao"].cell(row, 1, "leaf")
        book["jixiao"].cell(row, 2, "4-1")
    book.save(folder / "2024-Q3-办公室.xlsx")
    result = run("collect", folder, "--data", mini, "--out", tmp_path / "q3.yaml")
    assert result.exit_code == 1
    assert "炸弹.xlsx: 炸弹.xlsx 解压后过大，不像是填报表" in _said(result.output)
    assert (
        "2024-Q3-办公室.xlsx: 2024-Q3-办公室.xlsx 不是有效的填报表（隐藏的登记信息不对）"
        in _said(result.output)
    )
    assert "2 个错误，1 个警告" in _said(result.output)  # and no form from 办公室


def test_collect_json_gives_check_records_with_the_cell(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    fill(folder / "2024-Q3-协调科.xlsx", {"F5": 120})
    out = tmp_path / "2024-Q3.yaml"
    result = run("collect", folder, "--data", mini, "--out", out, "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc == {
        "ok": False,
        "problems": [
            {
                "file": "2024-Q3-协调科.xlsx",
                "line": 5,
                "column": 6,
                "severity": "error",
                "code": "bad-completion",
                "message": "完成率 120 超过 100",
                "hint": "请填 0 到 100 的数字，如 100、95 或 99.5",
                "cell": "F5",
            }
        ],
    }
    (mini / "results" / "2024.yaml").write_text("year: 2024\nbogus: 1\n", encoding="utf-8")
    check = json.loads(run("check", "--data", mini, "--format", "json").stdout)
    assert set(check["problems"][0]) == set(doc["problems"][0])  # the same record
    assert check["problems"][0]["cell"] is None
    assert not out.exists()


def test_collect_github_annotations_name_the_cell(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    fill(folder / "2024-Q3-协调科.xlsx", {"F5": 120})
    result = run("collect", folder, "--data", mini, "--out", tmp_path / "q.yaml", "-f", "github")
    assert result.exit_code == 1
    assert (
        "::error file=2024-Q3-协调科.xlsx,line=5,col=6::F5 [bad-completion] 完成率 120 超过 100"
        in result.stdout
    )
