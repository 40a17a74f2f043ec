"""The form protocol: the very hidden sheet `jixiao` that records what a form was made for.

`forms` writes it and `collect` reads it back, both here, so the two cannot drift apart. It
holds one "key, value" row for each of META_KEYS (the form mark and version, the department,
the year, the quarter, the row of the first leaf), then one row "leaf, id" for each leaf
printed on the form, in order. Excel's menus cannot unhide a very hidden sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .directory import Directory
from .model import Scheme
from .problem import Refused, error

FORM_MARK = "jixiao-form"
FORM_VERSION = "1"
META_SHEET = "jixiao"
FORM_SHEET = "填报"
META_KEYS = ("form", "version", "department", "year", "quarter", "first_row")
META_LEAVES_ROW = len(META_KEYS)
MAX_LEAVES = 10_000
# The form's columns (0-based): `collect` reads the id, completion and note cells by these.
ID_COL, COMPLETION_COL, NOTE_COL = 0, 5, 6
WHOLE = (0, 0)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_FIRST_ROW = re.compile("[1-9][0-9]{0,2}|1000")  # 1 to 1000


@dataclass(frozen=True)
class FormMeta:
    """What a form was made for, as recorded in its hidden sheet."""

    department: str
    year: int
    quarter: int
    first_row: int  # 1-based row of the first leaf
    ids: tuple[str, ...]


def form_name(year: int, quarter: int, department: str) -> str:
    """`2024-Q3-协调科.xlsx`; characters Windows forbids in file names become "_"."""
    return f"{year}-Q{quarter}-{_UNSAFE.sub('_', department)}.xlsx"


# --- writing (jixiao forms) -----------------------------------------------------------


def write_meta_sheet(workbook: Any, meta: FormMeta) -> None:
    sheet = workbook.add_worksheet(META_SHEET)
    values = (
        FORM_MARK,
        FORM_VERSION,
        meta.department,
        str(meta.year),
        str(meta.quarter),
        str(meta.first_row),
    )
    for row, (key, value) in enumerate(zip(META_KEYS, values, strict=True)):
        sheet.write_string(row, 0, key)
        sheet.write_string(row, 1, value)
    for row, leaf_id in enumerate(meta.ids, start=META_LEAVES_ROW):
        sheet.write_string(row, 0, "leaf")
        sheet.write_string(row, 1, leaf_id)
    sheet.protect()
    sheet.very_hidden()


# --- reading (jixiao collect) ---------------------------------------------------------


def meta_rows(book: Any) -> list[tuple[object, ...]]:
    """The hidden sheet's first two columns, or [] when the workbook lacks either sheet."""
    if META_SHEET not in book.sheetnames or FORM_SHEET not in book.sheetnames:
        return []
    sheet = book[META_SHEET]
    rows = sheet.iter_rows(max_row=META_LEAVES_ROW + MAX_LEAVES, max_col=2, values_only=True)
    return [(*row, None, None)[:2] for row in rows]


def not_a_form(name: str, why: str, made: bool = False) -> Refused:
    """Not a form; `made`: made by `forms`, but what it records has been altered."""
    what = "不是有效的填报表" if made else "不是 jixiao forms 生成的填报表"
    return Refused(
        error(
            name,
            WHOLE,
            "not-a-form",
            f"{name} {what}（{why}）",
            "请在 jixiao forms 生成的表格中填写，不要另建表格或复制到新工作簿",
        )
    )


def check_sheets(book: Any, name: str) -> None:
    """The form sheet read must be the one seen: visible, and no other sheet beside the
    hidden one (a hidden original behind a visible copy, an added sheet)."""
    others = [title for title in book.sheetnames if title not in (FORM_SHEET, META_SHEET)]
    if book[FORM_SHEET].sheet_state != "visible":
        seen = f"，打开文件看到的是“{others[0]}”" if others else ""
        raise Refused(
            error(
                name,
                WHOLE,
                "form-sheets",
                f"{name} 中的“{FORM_SHEET}”表被隐藏了{seen}：汇总读的是隐藏的表",
                f"请在原来的“{FORM_SHEET}”表中填写：取消隐藏，把要填的内容填进去，删除其他工作表后再交回",
            )
        )
    if others:
        raise Refused(
            error(
                name,
                WHOLE,
                "form-sheets",
                f"{name} 中多了工作表“{others[0]}”：填报表只应有“{FORM_SHEET}”一张表，"
                "汇总只读这一张",
                f"请把要填的内容填到“{FORM_SHEET}”表中（补充的情况写在说明栏），删除多出的工作表后再交回",
            )
        )


def read_meta(
    rows: list[tuple[object, ...]], name: str, scheme: Scheme, directory: Directory
) -> FormMeta:
    """What the form was made for; Refused when it is not an honest form of this scheme."""
    if not rows:
        raise not_a_form(name, f"缺少“{FORM_SHEET}”或隐藏的“{META_SHEET}”工作表")
    values = {str(row[0]): "" if row[1] is None else str(row[1]) for row in rows[:META_LEAVES_ROW]}
    if [str(row[0]) for row in rows[:META_LEAVES_ROW]] != list(META_KEYS):
        raise not_a_form(name, "隐藏的登记信息不完整", made=True)
    if values["form"] != FORM_MARK:
        raise not_a_form(name, "隐藏的登记信息不对", made=True)
    if values["version"] != FORM_VERSION:
        raise Refused(
            error(
                name,
                WHOLE,
                "form-version",
                f"{name} 是第 {values['version']} 版填报表，本程序读第 {FORM_VERSION} 版",
                "请用本程序的 jixiao forms 重新生成填报表",
            )
        )
    department = directory.department(values["department"])
    if department is None:
        raise Refused(
            error(
                name,
                WHOLE,
                "unknown-department",
                f"{name} 是“{values['department']}”的填报表，staff.yaml 中没有这个科室",
                "科室改了名的，在 staff.yaml 中把旧名写进 aliases；否则用 jixiao forms 重新生成",
            )
        )
    if values["year"] != str(scheme.year):
        raise Refused(
            error(
                name,
                WHOLE,
                "year-mismatch",
                f"{name} 是 {values['year']} 年度的填报表，而考评方案是 {scheme.year} 年度",
                f"请收取 {scheme.year} 年度的填报表（jixiao forms 生成）",
            )
        )
    ids = tuple(str(row[1]) for row in rows[META_LEAVES_ROW:] if row[0] == "leaf")
    first_row = values["first_row"]
    if (
        values["quarter"] not in ("1", "2", "3", "4")
        or not _FIRST_ROW.fullmatch(first_row)  # ASCII digits: "4²".isdigit() is true
        or len(ids) > len(scheme.leaves())  # no honest form lists more leaves than the scheme
    ):
        raise not_a_form(name, "隐藏的登记信息不对", made=True)
    return FormMeta(department, scheme.year, int(values["quarter"]), int(first_row), ids)
