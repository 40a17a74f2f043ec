"""`jixiao score --format xlsx`: the workbook shows what `--format json` says, and prints well."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from jixiao.report.sheets import text_width

from .conftest import SHIPPED
from .edit import replace_in

SHEETS = ["汇总", "科室", "分管领导", "明细", "评先评优资格", "得分图"]
SCORE_KEYS = [
    "max_points", "target", "weighted", "leadership", "public", "bonus", "deduction", "final",
]  # fmt: skip


def _json(run, mini: Path, *args: str) -> dict:
    result = run("score", "--data", mini, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _workbook(run, mini: Path, tmp_path: Path, *args: str) -> openpyxl.Workbook:
    target = tmp_path / "score.xlsx"
    result = run("score", "--data", mini, "--format", "xlsx", "--out", target, *args)
    assert result.exit_code == 0, result.output
    assert f"已写入 {target}" in result.output
    return openpyxl.load_workbook(target)


def _rows(sheet, first: int = 4) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(min_row=first, values_only=True)]


def test_sheets_and_title_rows(mini: Path, run, tmp_path: Path) -> None:
    book = _workbook(run, mini, tmp_path)
    assert book.sheetnames == SHEETS
    for name in SHEETS:
        sheet = book[name]
        assert sheet["A1"].value == "测试局 2024 年度绩效考评"
        assert "统计截止：2024-12-31" in sheet["A2"].value
        assert "依据：测试〔2024〕1号" in sheet["A2"].value


def test_summary_is_the_formula_with_the_json_figures(mini: Path, run, tmp_path: Path) -> None:
    bureau = _json(run, mini)["bureau"]
    sheet = _workbook(run, mini, tmp_path)["汇总"]
    assert [c.value for c in sheet[3]] == ["项目", "计算", "得分"]
    rows = _rows(sheet)[:8]
    assert [(r[0], r[2]) for r in rows] == [
        ("目标考评得分", bureau["target"]),
        ("折算得分", bureau["weighted"]),
        ("领导评价", bureau["leadership"]),
        ("公众评议", bureau["public"]),
        ("正向激励", bureau["bonus"]),
        ("察访核验扣分", bureau["deduction"]),
        ("考评得分", bureau["final"]),
        ("等次", bureau["grade"]),
    ]
    assert rows[1][1] == "目标考评得分 98.40 × 80%"
    assert rows[6][1] == "78.72 + 9.20 + 8.80 + 1.00 − 0.50"
    assert rows[7][1] == "优秀 ≥ 90，良好 ≥ 80，合格 ≥ 70"
    assert sheet["A13"].value == "折算得分 = 目标考评得分 98.40 × 80% = 78.72"
    assert sheet["A14"].value.endswith("− 察访核验扣分 0.50 = 97.22")
    assert _rows(sheet, 15) == [
        ["正向激励", "承办省级综合应急演练：指挥中心", 1.0],
        ["察访核验扣分", "暗访发现值班脱岗（2024-05-10）：指挥中心、游劲汉", 0.5],
    ]
    assert all(sheet.cell(row, 3).number_format == "0.00" for row in range(4, 11))


@pytest.mark.parametrize(("sheet_name", "key"), [("科室", "departments"), ("分管领导", "leaders")])
def test_ranking_sheets_equal_json(mini: Path, run, tmp_path: Path, sheet_name, key) -> None:
    doc = _json(run, mini)
    sheet = _workbook(run, mini, tmp_path)[sheet_name]
    assert [c.value for c in sheet[3]] == [
        "名次", sheet_name, "满分", "目标考评得分", "折算得分", "领导评价", "公众评议",
        "正向激励", "察访核验扣分", "考评得分", "等次",
    ]  # fmt: skip
    expected = [
        [rank, s["name"], *(s[k] for k in SCORE_KEYS), s["grade"]]
        for rank, s in enumerate(doc[key], start=1)
    ]
    assert _rows(sheet) == expected
    for row in sheet.iter_rows(min_row=4, min_col=3, max_col=10):
        assert {cell.number_format for cell in row} == {"0.00"}
        assert all(type(cell.value) in (int, float) for cell in row)  # numbers, not text


def test_equal_finals_share_a_rank_in_the_ranking_sheets(mini: Path, run, tmp_path: Path) -> None:
    replace_in(mini / "results" / "2024.yaml", '"2-1": 99.5', '"2-1": 100')
    book = _workbook(run, mini, tmp_path)
    ranks = {
        name: [(row[0], row[1], row[9]) for row in _rows(book[name])]
        for name in ("科室", "分管领导")
    }
    assert ranks["科室"] == [
        (1, "指挥中心", 98.5),
        (2, "办公室", 98.0),
        (2, "协调科", 98.0),
        (4, "危化科", 90.5),
    ]
    assert ranks["分管领导"] == [(1, "王夏阳", 98.0), (1, "黄西洋", 98.0), (3, "刘海明", 95.82)]


def test_detail_rows_equal_json_leaves(mini: Path, run, tmp_path: Path) -> None:
    leaves = _json(run, mini, "--detail")["leaves"]
    sheet = _workbook(run, mini, tmp_path)["明细"]
    assert [c.value for c in sheet[3]] == [
        "考评项目", "类别", "一级指标", "序号", "计分项", "权重", "完成率（%）", "得分",
        "分管领导", "责任科室", "科室责任人", "说明",
    ]  # fmt: skip
    rows = _rows(sheet)
    assert [r[3:] for r in rows[:-1]] == [
        [
            leaf["id"],
            leaf["title"],
            leaf["weight"],
            leaf["completion"],
            leaf["points"],
            "、".join(leaf["leaders"]),
            "、".join(leaf["departments"]),
            "、".join(leaf["persons"]),
            leaf["note"],
        ]
        for leaf in leaves
    ]
    # the section, group and indicator stand at the top of their merged blocks
    assert [r[:3] for r in rows[:-1]] == [
        ["职能工作目标\n（60 分）", "重点工作目标", "1-1 安全生产（40 分）"],
        [None, None, None],
        [None, "常规工作目标", "2-1 应急值守（20 分）"],
        ["行政能力目标\n（40 分）", None, "4-1 信息报送（40 分）"],
    ]
    assert rows[-1] == ["合计", None, None, None, None, 100.0, None, 98.4, None, None, None, None]
    for row in sheet.iter_rows(min_row=4, max_row=8, min_col=6, max_col=8):
        assert {cell.number_format for cell in row} == {"0.00"}


def test_detail_merges_cells_like_the_printed_table(mini: Path, run, tmp_path: Path) -> None:
    sheet = _workbook(run, mini, tmp_path)["明细"]
    assert sorted(str(r) for r in sheet.merged_cells.ranges) == sorted(
        ["A1:L1", "A2:L2", "A4:A6", "B4:B5", "C4:C5", "A8:E8"]
    )


def test_eligibility_sheet_equals_json(mini: Path, run, tmp_path: Path) -> None:
    ineligible = _json(run, mini)["ineligible"]
    sheet = _workbook(run, mini, tmp_path)["评先评优资格"]
    assert [c.value for c in sheet[3]] == ["类别", "名称", "限期整改", "原因"]
    assert _rows(sheet) == [
        ["科室", name, None, "\n".join(ineligible["reasons"][name])]
        for name in ineligible["departments"]
    ] + [
        ["个人", name, None, "\n".join(ineligible["reasons"][name])]
        for name in ineligible["persons"]
    ]


def test_print_setup_on_every_sheet(mini: Path, run, tmp_path: Path) -> None:
    book = _workbook(run, mini, tmp_path)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert setup.paperSize == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert setup.fitToWidth is None  # absent means Excel's default: one page wide
        assert setup.fitToHeight == 0  # as many pages tall as needed
        assert sheet.print_title_rows == "$1:$3"  # title, subtitle and header on every page
        assert sheet.freeze_panes == "A4"
        assert sheet.print_options.horizontalCentered is True
        assert sheet.oddFooter.center.text == "&A　第 &P 页，共 &N 页"


def test_columns_are_wide_enough_for_cjk_text(mini: Path, run, tmp_path: Path) -> None:
    book = _workbook(run, mini, tmp_path)
    for name in ("科室", "分管领导", "评先评优资格"):
        sheet = book[name]
        for row in sheet.iter_rows(min_row=4):
            for cell in row:
                if cell.value is not None:
                    shown = (
                        f"{cell.value:.2f}" if isinstance(cell.value, float) else str(cell.value)
                    )
                    width = sheet.column_dimensions[cell.column_letter].width
                    assert width >= text_width(shown) + 2, (name, cell.coordinate, width)
    detail = book["明细"]
    for column in "DFGHI":  # ids, figures and leaders fit on one line; longer text wraps
        width = detail.column_dimensions[column].width
        for cell in detail[column][3:]:
            if cell.value is not None:
                shown = f"{cell.value:.2f}" if isinstance(cell.value, (int, float)) else cell.value
                assert width >= text_width(str(shown)) + 2, (cell.coordinate, width)


def test_long_text_wraps_into_taller_rows(mini: Path, run, tmp_path: Path) -> None:
    _long_title(mini)
    sheet = _workbook(run, mini, tmp_path)["明细"]
    assert sheet["E4"].alignment.wrap_text is True
    width = sheet.column_dimensions["E"].width
    assert width < text_width(LONG_TITLE) / 5  # so the title takes at least six lines
    assert sheet.row_dimensions[4].height >= 6 * 16


def test_department_view_keeps_only_its_rows(mini: Path, run, tmp_path: Path) -> None:
    book = _workbook(run, mini, tmp_path, "--department", "协调科")
    assert book["汇总"]["A1"].value == "测试局 2024 年度绩效考评（协调科）"
    assert [r[1] for r in _rows(book["科室"])] == ["协调科"]
    assert _rows(book["分管领导"]) == [["（按科室查看时不列）", *[None] * 10]]
    assert [r[3] for r in _rows(book["明细"])] == ["1-1-1", "2-1", None]
    assert _rows(book["明细"])[-1][5:8] == [45.0, None, 44.9]


def test_provisional_workbook_says_so_and_marks_unfilled(mini: Path, run, tmp_path: Path) -> None:
    replace_in(mini / "results" / "2024.yaml", '"2-1": 99.5', '"2-1":')
    book = _workbook(run, mini, tmp_path, "--allow-missing")
    assert book["汇总"]["A1"].value == "测试局 2024 年度绩效考评（暂定）"
    assert "暂定：1 项未填完成率，按 0 计：2-1" in [r[0] for r in _rows(book["汇总"])]
    detail = {r[3]: r for r in _rows(book["明细"])}
    assert detail["2-1"][6:8] == ["未填", 0.0]


def _refs(series) -> tuple[str, str, str]:
    """A chart series' name, categories and values, as the cell ranges they refer to."""
    return series.tx.strRef.f, series.cat.strRef.f, series.val.numRef.f


def test_score_chart_draws_department_finals_and_each_grades_line(
    mini: Path, run, tmp_path: Path
) -> None:
    replace_in(
        mini / "indicators.yaml",
        "  - {name: 合格, min: 70}",
        "  - {name: 合格, min: 70}\n  - {name: 基本合格, min: 60.5}",
    )
    departments = _json(run, mini)["departments"]
    book = _workbook(run, mini, tmp_path)
    sheet = book["得分图"]
    assert [c.value for c in sheet[3]] == [
        "科室", "考评得分", "等次",
        "优秀线（90）", "良好线（80）", "合格线（70）", "基本合格线（60.5）",
    ]  # fmt: skip
    assert _rows(sheet) == [
        [d["name"], d["final"], d["grade"], 90.0, 80.0, 70.0, 60.5] for d in departments
    ]
    last = 3 + len(departments)
    [chart] = sheet._charts
    assert type(chart).__name__ == "BarChart" and chart.type == "col"
    assert [_refs(s) for s in chart.series] == [
        ("得分图!$B$3", f"得分图!$A$4:$A${last}", f"得分图!$B$4:$B${last}")
    ]
    [bars, lines] = chart._charts  # the columns, and the grade lines drawn over them
    assert type(lines).__name__ == "LineChart"
    assert [_refs(s) for s in lines.series] == [
        (f"得分图!${col}$3", f"得分图!$A$4:$A${last}", f"得分图!${col}$4:${col}${last}")
        for col in "DEFG"
    ]
    assert [_refs(s) for s in bars.series] == [_refs(s) for s in chart.series]


def test_score_chart_of_one_department(mini: Path, run, tmp_path: Path) -> None:
    sheet = _workbook(run, mini, tmp_path, "--department", "危化科")["得分图"]
    # 1-1-2 at 90: target 90.00, × 80% = 72.00, + its own evaluation 9.5 + 9.0 = 90.50
    assert [r[:3] for r in _rows(sheet)] == [["危化科", 90.5, "优秀"]]
    [chart] = sheet._charts
    assert _refs(chart.series[0])[1:] == ("得分图!$A$4", "得分图!$B$4")


def test_xlsx_needs_out(mini: Path, run, tmp_path: Path) -> None:
    result = run("score", "--data", mini, "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx 需要用 --out 指定要写入的 .xlsx 文件" in result.output
    assert list(tmp_path.iterdir()) == [mini]


def test_xlsx_never_overwrites_without_force(mini: Path, run, tmp_path: Path) -> None:
    target = tmp_path / "score.xlsx"
    target.write_bytes(b"the clerk's own file")
    result = run("score", "--data", mini, "--format", "xlsx", "--out", target)
    assert result.exit_code == 1
    assert "已存在" in result.output
    assert target.read_bytes() == b"the clerk's own file"
    result = run("score", "--data", mini, "--format", "xlsx", "--out", target, "--force")
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(target).sheetnames == SHEETS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "score.xlsx"]  # no temp left


# --- jixiao progress --format xlsx ---------------------------------------------------

# 2024-07-15 is day 196 of 365 to a year-end deadline: pace 53.70%. 1-1-1 is done, 1-1-2
# (due 2024-06-30) is late, 2-1 at 20 is more than 10 points behind, 4-1 has no figure.
JULY = """year: 2024
as_of: 2024-07-15
completion:
  "1-1-1": 100
  "1-1-2": {completion: 50, note: 整治方案待批}
  "2-1": 20
  "4-1":
"""


def _progress(run, mini: Path, tmp_path: Path) -> tuple[dict, openpyxl.Workbook]:
    (mini / "results" / "2024.yaml").write_text(JULY, encoding="utf-8")
    result = run("progress", "--data", mini, "--format", "json")
    assert result.exit_code == 0, result.output
    target = tmp_path / "progress.xlsx"
    written = run("progress", "--data", mini, "--format", "xlsx", "--out", target)
    assert written.exit_code == 0, written.output
    return json.loads(result.stdout), openpyxl.load_workbook(target)


def test_progress_workbook_equals_json(mini: Path, run, tmp_path: Path) -> None:
    doc, book = _progress(run, mini, tmp_path)
    assert book.sheetnames == ["汇总", "通报", "未填报"]
    for sheet in book.worksheets:
        assert sheet["A1"].value == "测试局 2024 年度工作进度（截至 2024-07-15）"
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        assert sheet.print_title_rows == "$1:$3" and sheet.freeze_panes == "A4"
        assert sheet.page_setup.fitToHeight == 0
    summary = book["汇总"]
    assert [c.value for c in summary[3]] == [
        "科室", "计分项", "已完成", "正常", "滞后", "逾期", "未填报", "分值", "加权完成率（%）",
    ]  # fmt: skip
    statuses = ["done", "on_track", "behind", "overdue", "missing"]
    expected = [
        [d["name"], d["leaves"], *(d["counts"][s] for s in statuses), d["weight"], d["completion"]]
        for d in [*doc["departments"], {"name": "合计", **doc["total"]}]
    ]
    rows = _rows(summary)
    assert [[None if v == "—" else v for v in row] for row in rows[:-1]] == expected
    assert rows[-1][0].startswith("加权完成率 = Σ各项得分 ÷ Σ分值 × 100")
    assert expected[-1] == ["合计", 4, 1, 0, 1, 1, 1, 100.0, 60.83]  # (2500 + 750 + 400) / 60
    for row in summary.iter_rows(min_row=4, max_row=3 + len(expected), min_col=8, max_col=9):
        assert [c.number_format for c in row] == ["0.00", "0.00"]

    leaves = {leaf["id"]: leaf for leaf in doc["leaves"]}
    notice = _rows(book["通报"])
    assert [r[1] for r in notice] == doc["notice"] == ["1-1-2", "2-1"]
    assert notice == [
        [
            leaves[i]["status_label"],
            i,
            leaves[i]["title"],
            "、".join(leaves[i]["departments"]),
            "、".join(leaves[i]["leaders"]),
            "、".join(leaves[i]["persons"]),
            leaves[i]["deadline"],
            leaves[i]["completion"],
            leaves[i]["pace"],
            leaves[i]["note"],
        ]
        for i in doc["notice"]
    ]
    assert [r[0] for r in notice] == ["逾期", "滞后"]
    assert notice[1][8] == 53.7
    assert _rows(book["未填报"]) == [["4-1", "信息报送", "办公室", "万小翠", "2024-12-31"]]


def test_progress_xlsx_needs_out_and_keeps_other_formats(mini: Path, run, tmp_path: Path) -> None:
    result = run("progress", "--data", mini, "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx 需要用 --out" in result.output
    target = tmp_path / "progress.md"
    assert run("progress", "--data", mini, "--format", "markdown", "--out", target).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# 测试局 2024 年度工作进度")
    again = run("progress", "--data", mini, "--format", "xlsx", "--out", tmp_path / "p.xlsx")
    assert again.exit_code == 0
    refused = run("progress", "--data", mini, "--format", "xlsx", "--out", tmp_path / "p.xlsx")
    assert refused.exit_code == 1 and "已存在" in refused.output


# --- printed by LibreOffice -----------------------------------------------------------

LONG_TITLE = (
    "认真落实安全生产十五条硬措施，督促各地各部门严格落实安全生产责任制，"
    "深入开展安全生产治本攻坚三年行动，全面排查整治重大事故隐患，"
    "推动企业主要负责人履行第一责任人职责，确保全市安全生产形势持续稳定向好"
)
LONG_NOTE = "第三季度组织督导检查两次，发现问题隐患二十三处，已整改二十处，其余三处限期整改中"


def _long_title(mini: Path) -> None:
    replace_in(mini / "indicators.yaml", "title: 隐患排查", f"title: {LONG_TITLE}")
    replace_in(mini / "results" / "2024.yaml", "少一次督导检查", LONG_NOTE)


def _printing_tools() -> str | None:
    """Why the PDF check cannot run here, or None when it can."""
    if not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")):
        return (
            "需要 LibreOffice 和 poppler（apt-get install --no-install-recommends "
            "libreoffice-calc-nogui poppler-utils fonts-wqy-microhei）"
        )
    fonts = shutil.which("fc-list") and subprocess.run(
        ["fc-list", ":lang=zh"], capture_output=True, text=True, check=False
    )
    if not fonts or not fonts.stdout.strip():
        return "没有中文字体，打印结果不能代表实际（apt-get install fonts-wqy-microhei）"
    return None


def _to_pdf(workbook: Path, folder: Path) -> Path:
    profile = folder / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(folder)},
    )
    return folder / (workbook.stem + ".pdf")


def _page_texts(pdf: Path, layout: bool = False) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])  # type: ignore[index]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info.stdout, re.M)
    assert size is not None and float(size[1]) > float(size[2])  # landscape
    mode = ["-layout"] if layout else []
    return [
        re.sub(
            r"\s+",
            "",
            subprocess.run(
                ["pdftotext", *mode, "-f", str(n), "-l", str(n), str(pdf), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout,
        )
        for n in range(1, pages + 1)
    ]


def _shown(cell) -> str:
    """A cell's text as printed, without spaces: numbers with the decimals of their format."""
    value = cell.value
    if value is None:
        return ""
    if type(value) in (int, float) and cell.number_format == "0.00":
        value = f"{value:.2f}"
    return re.sub(r"\s+", "", str(value))


def _assert_prints_well(workbook: Path, folder: Path) -> list[str]:
    """Converted to PDF by LibreOffice, every page carries all the column headers of its sheet
    (no column spilled onto a page to the right) and every character of every cell is printed
    (no row too short for its wrapped text; pdftotext interleaves the lines of wrapped cells,
    so the characters are counted). Returns the sheet of each page."""
    pdf = _to_pdf(workbook, folder)
    pages = _page_texts(pdf)
    # the footer read in layout order: a chart's or a narrow table's text can come between
    # its parts in pdftotext's reading order
    footers = _page_texts(pdf, layout=True)
    book = openpyxl.load_workbook(workbook)
    shown = [sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"]
    footer = re.compile("(" + "|".join(map(re.escape, shown)) + r")第(\d+)页，共\d+页")
    sheet_of_page = []
    for text, bottom in zip(pages, footers, strict=True):
        match = footer.search(bottom)
        assert match is not None, text[-80:]
        sheet_of_page.append(match[1])
        headers = [str(c.value) for c in book[match[1]][3] if c.value is not None]
        assert all(h in text for h in headers), (match[1], headers)
    assert sorted(set(sheet_of_page), key=shown.index) == shown
    for name in shown:  # every character of every cell is printed: no row cut short
        printed = Counter(
            "".join(t for t, s in zip(pages, sheet_of_page, strict=True) if s == name)
        )
        written = Counter("".join(_shown(c) for row in book[name].iter_rows() for c in row))
        assert written - printed == Counter(), (name, "".join((written - printed).elements()))
    return sheet_of_page


needs_printing = pytest.mark.skipif(_printing_tools() is not None, reason=str(_printing_tools()))


@needs_printing
def test_printed_score_fits_the_page_and_cuts_nothing(mini: Path, run, tmp_path: Path) -> None:
    _long_title(mini)
    workbook = tmp_path / "score.xlsx"
    assert run("score", "--data", mini, "--format", "xlsx", "--out", workbook).exit_code == 0
    # with the small data each sheet fits on one page: none spilled sideways
    assert _assert_prints_well(workbook, tmp_path) == SHEETS
    text = "".join(_page_texts(tmp_path / "score.pdf"))
    assert LONG_TITLE in text and LONG_NOTE in text


@needs_printing
def test_printed_progress_fits_the_page(mini: Path, run, tmp_path: Path) -> None:
    workbook = tmp_path / "progress.xlsx"
    _progress(run, mini, tmp_path)
    assert _assert_prints_well(workbook, tmp_path) == ["汇总", "通报", "未填报"]


@needs_printing
def test_printed_trend_fits_the_page(mini: Path, run, tmp_path: Path) -> None:
    from .test_trend import QUARTERS

    for name, text in QUARTERS.items():
        (mini / "results" / name).write_text(text, encoding="utf-8")
    workbook = tmp_path / "trend.xlsx"
    assert run("trend", "--data", mini, "--format", "xlsx", "--out", workbook).exit_code == 0
    pages = _assert_prints_well(workbook, tmp_path)
    assert pages == ["完成率", "逾期滞后", "连续滞后", "检查", "走势图"]  # the charts on one page
    charts = _page_texts(tmp_path / "trend.pdf")[-1]
    assert "各科室加权完成率" in charts and "全局加权完成率" in charts  # the charts' titles


@needs_printing
def test_printed_trend_of_the_shipped_data_in_five_periods(run, tmp_path: Path) -> None:
    from .test_trend import shipped_year

    workbook = tmp_path / "trend.xlsx"
    data = shipped_year(tmp_path)
    assert run("trend", "--data", data, "--format", "xlsx", "--out", workbook).exit_code == 0
    assert _assert_prints_well(workbook, tmp_path) == [
        "完成率", "逾期滞后", "连续滞后", "检查", "走势图",
    ]  # fmt: skip


@needs_printing
def test_printed_shipped_data_runs_over_pages_whole(run, tmp_path: Path) -> None:
    """The real 2024 table: 明细 takes several pages, each one page wide with its headers."""
    workbook = tmp_path / "score.xlsx"
    assert run("score", "--data", SHIPPED, "--format", "xlsx", "--out", workbook).exit_code == 0
    pages = _assert_prints_well(workbook, tmp_path)
    assert pages.count("明细") > 1
    forms = tmp_path / "forms"
    assert run("forms", "--data", SHIPPED, "--quarter", "3", "--out", forms).exit_code == 0
    busiest = max(forms.iterdir(), key=lambda p: p.stat().st_size)
    assert set(_assert_prints_well(busiest, tmp_path)) == {"填报"}


def test_a_note_that_looks_like_a_formula_is_written_as_text(
    mini: Path, run, tmp_path: Path
) -> None:
    formula = '=HYPERLINK("http://example.invalid","点我")'
    replace_in(mini / "results" / "2024.yaml", "note: 少一次督导检查", f"note: '{formula}'")
    book = _workbook(run, mini, tmp_path, "--detail")
    cells = [c for row in book["明细"].iter_rows() for c in row if c.value == formula]
    assert len(cells) == 1
    assert cells[0].data_type == "s"  # a string, not a live formula
