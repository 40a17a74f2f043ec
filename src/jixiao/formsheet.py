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


def not_a_form(name: str, why: str) -> Refused:
    return Refused(
        error(
            name,
            WHOLE,
            "not-a-form",
            f"{name} 不是 jixiao forms 生成的填报表（{why}）",
            "请在 jixiao forms 生成的表格中填写，不要另建表格或复制到新工作簿",
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
        raise not_a_form(name, "隐藏的登记信息不完整")
    if values["form"] != FORM_MARK:
        raise not_a_form(name, "隐藏的登记信息不对")
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
        or not (first_row.isdigit() and 1 <= int(first_row) <= 1000)
        or len(ids) > len(scheme.leaves())  # no honest form lists more leaves than the scheme
    ):
        raise not_a_form(name, "隐藏的登记信息不对")
    return FormMeta(department, scheme.year, int(values["quarter"]), int(first_row), ids)
