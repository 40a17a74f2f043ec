"""`jixiao forms`: one workbook per department for its liaison to fill in Excel or WPS.

Each form lists only the department's leaves (a leaf shared by two departments is in
both forms). The liaison types a completion rate and a note; every other cell is locked
by sheet protection (no password: it guards against slips, and `jixiao collect` checks
everything again). Excel's own data validation accepts only a number from 0 to 100 in
the completion cells.

A very hidden sheet (`formsheet.py`) records what the form was made for, so that `collect`
can tell a changed id or the wrong department's file from an honest one.
"""

from __future__ import annotations

import io

from .directory import Directory
from .formsheet import COMPLETION_COL, FORM_SHEET, FormMeta, form_name, write_meta_sheet
from .model import Leaf, Scheme
from .report.numbers import number
from .report.sheets import FIRST_ROW, Col, Grid, formats, write_grid
from .resultsfile import QUARTER_NAMES, period_end

# The form's columns; formsheet.ID_COL, COMPLETION_COL and NOTE_COL say which `collect` reads.
FORM_COLUMNS = [
    Col("序号", "center", cap=10),
    Col("计分项", cap=50),
    Col("权重", "number"),
    Col("完成时限", "center", least=12),
    Col("科室责任人", "center", cap=14),
    Col("完成率（%）", "input", least=12),
    Col("说明（完成情况或未完成原因）", "input_text", least=30, cap=30),
]


def department_leaves(scheme: Scheme, directory: Directory) -> dict[str, list[Leaf]]:
    """Each department (canonical name, in staff.yaml order) with the leaves it is named on."""
    found: dict[str, list[Leaf]] = {name: [] for name in directory.canonical_departments}
    for leaf in scheme.leaves():
        for name in directory.canonical(leaf.departments):
            found.setdefault(name, []).append(leaf)
    return {name: leaves for name, leaves in found.items() if leaves}


def department_forms(scheme: Scheme, directory: Directory, quarter: int) -> dict[str, bytes]:
    """File name -> the .xlsx bytes of each department's form for `quarter` of the scheme's year."""
    if quarter not in QUARTER_NAMES:
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    forms: dict[str, bytes] = {}
    for department, leaves in department_leaves(scheme, directory).items():
        name = form_name(scheme.year, quarter, department)
        if name in forms:  # two names that differ only in forbidden characters
            name = name.removesuffix(".xlsx") + f"-{len(forms) + 1}.xlsx"
        forms[name] = form_workbook(scheme, directory, quarter, department, leaves)
    return forms


def form_workbook(
    scheme: Scheme, directory: Directory, quarter: int, department: str, leaves: list[Leaf]
) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    title = f"{scheme.unit} {scheme.year} 年{QUARTER_NAMES[quarter]}绩效考评完成情况填报表"
    workbook.set_properties({"title": title, "subject": department, "author": "jixiao"})
    fmt = formats(workbook)
    grid = Grid(
        FORM_SHEET,
        title,
        f"填报科室：{department}　　统计截止：{period_end(scheme.year, quarter).isoformat()}"
        "　　只填黄色单元格：完成率填 0–100 的数字（最多两位小数，不带 % 号），说明可不填",
        FORM_COLUMNS,
    )
    for leaf in leaves:
        grid.add(
            [
                leaf.id,
                " ".join(leaf.title.split()),
                number(leaf.weight),
                leaf.deadline.isoformat() if leaf.deadline else None,
                "、".join(leaf.persons),
                None,
                None,
            ]
        )
    last = grid.next_row - 1
    grid.add([None] * len(FORM_COLUMNS), ["plain"] * len(FORM_COLUMNS))
    grid.line("填报人：　　　　　　　科室负责人（签字）：　　　　　　　日期：")
    sheet = write_grid(workbook, grid, fmt)
    if leaves:
        sheet.data_validation(
            FIRST_ROW,
            COMPLETION_COL,
            last,
            COMPLETION_COL,
            {
                "validate": "decimal",
                "criteria": "between",
                "minimum": 0,
                "maximum": 100,
                "input_title": "完成率（%）",
                "input_message": "填 0 到 100 的数字，最多两位小数，不带 % 号。",
                "error_title": "完成率填写有误",
                "error_message": "完成率应为 0 到 100 之间的数字，如 100、95 或 99.5。",
            },
        )
        sheet.activate()
        sheet.set_selection(FIRST_ROW, COMPLETION_COL, FIRST_ROW, COMPLETION_COL)
    sheet.protect("", {"format_columns": True, "format_rows": True})
    ids = tuple(leaf.id for leaf in leaves)
    write_meta_sheet(workbook, FormMeta(department, scheme.year, quarter, FIRST_ROW + 1, ids))
    workbook.close()
    return buffer.getvalue()
