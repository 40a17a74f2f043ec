"""`jixiao collect` as a library, each problem exact: file, row, column, severity, code, message,
hint and cell, as the clerk reads them. The pieces are called directly (the hidden sheet's
record, one row's cells, the merge of the departments' figures) and `collect()` on forms made
once by `department_forms` (a workbook refused whole, a form changed in Excel), so these
tests take milliseconds, a real workbook a fraction of a second; test_forms_collect.py and
test_collect_shown.py go through the CLI.

The scheme is tests/data/mini: leaves 1-1-1 (协调科), 1-1-2 (危化科), 2-1 (指挥中心 and 协调科,
shared) and 4-1 (办公室); 指挥中心 is also called 应急指挥中心.
"""

from __future__ import annotations

import copy
import functools
import re
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from jixiao import workbook
from jixiao.collect import _entry, collect
from jixiao.dataset import load_dataset
from jixiao.directory import Directory
from jixiao.forms import department_forms
from jixiao.formsheet import FormMeta, check_sheets, form_name, meta_rows, read_meta
from jixiao.merge import Entry, Form, common_quarter, merge, missing, note_text
from jixiao.model import Scheme
from jixiao.problem import Problem, Refused, Severity
from jixiao.sheetxml import RawCell
from jixiao.workbook import EMPTY, Cell, cell_ref, check_container, open_workbook, read_cell

from .conftest import MINI
from .edit import replaced
from .formfiles import (
    FILLED,
    FORM_SHEET_XML,
    META_SHEET_XML,
    fill,
    rewrite,
    set_compression,
    set_in_directory,
    set_value,
)
from .test_forms_collect import COLLECTED

FILE = "2024-Q3-协调科.xlsx"
NOT_A_FORM_HINT = "请在 jixiao forms 生成的表格中填写，不要另建表格或复制到新工作簿"


@dataclass(frozen=True)
class Mini:
    scheme: Scheme
    directory: Directory


@functools.cache
def _mini() -> Mini:
    data = load_dataset(MINI, results=[])
    assert data.scheme is not None and data.directory is not None
    return Mini(data.scheme, data.directory)


def _whole(code: str, message: str, hint: str, file: str = FILE) -> Problem:
    """An error with the whole file (no cell)."""
    return Problem(file, 0, 0, Severity.ERROR, code, message, hint)


def _refusal(call) -> Problem:  # type: ignore[no-untyped-def]
    with pytest.raises(Refused) as refused:
        call()
    return refused.value.problem


# --- the hidden sheet: what the form was made for -------------------------------------

HONEST = [
    ("form", "jixiao-form"),
    ("version", "1"),
    ("department", "协调科"),
    ("year", "2024"),
    ("quarter", "3"),
    ("first_row", "4"),
    ("leaf", "1-1-1"),
    ("leaf", "2-1"),
]


def _record(**values: object) -> list[tuple[object, ...]]:
    """The honest record of 协调科's form with some values changed."""
    rows = [(key, values.pop(key, value)) for key, value in HONEST[:6]]
    assert not values, f"no such key: {values}"
    return [*rows, *HONEST[6:]]


def _altered(why: str) -> Problem:
    return _whole("not-a-form", f"{FILE} 不是有效的填报表（{why}）", NOT_A_FORM_HINT)


NOT_RIGHT = _altered("隐藏的登记信息不对")
UNKNOWN_HINT = "科室改了名的，在 staff.yaml 中把旧名写进 aliases；否则用 jixiao forms 重新生成"

REFUSED_RECORDS = [
    pytest.param(
        [],
        _whole(
            "not-a-form",
            f"{FILE} 不是 jixiao forms 生成的填报表（缺少“填报”或隐藏的“jixiao”工作表）",
            NOT_A_FORM_HINT,
        ),
        id="no hidden sheet",
    ),
    pytest.param(
        [r for r in HONEST if r[0] != "quarter"],
        _altered("隐藏的登记信息不完整"),
        id="a key left out",
    ),
    pytest.param(HONEST[:5], _altered("隐藏的登记信息不完整"), id="the record cut short"),
    pytest.param(
        [HONEST[1], HONEST[0], *HONEST[2:]], _altered("隐藏的登记信息不完整"), id="keys swapped"
    ),
    pytest.param(_record(form="jixiao-form2"), NOT_RIGHT, id="another mark"),
    pytest.param(
        _record(version="2"),
        _whole(
            "form-version",
            f"{FILE} 是第 2 版填报表，本程序读第 1 版",
            "请用本程序的 jixiao forms 重新生成填报表",
        ),
        id="a later version",
    ),
    pytest.param(
        _record(department="卫生科"),
        _whole(
            "unknown-department",
            f"{FILE} 是“卫生科”的填报表，staff.yaml 中没有这个科室",
            UNKNOWN_HINT,
        ),
        id="a department staff.yaml lacks",
    ),
    pytest.param(
        _record(department=None),
        _whole(
            "unknown-department", f"{FILE} 是“”的填报表，staff.yaml 中没有这个科室", UNKNOWN_HINT
        ),
        id="the department erased",
    ),
    pytest.param(
        _record(year="2023"),
        _whole(
            "year-mismatch",
            f"{FILE} 是 2023 年度的填报表，而考评方案是 2024 年度",
            "请收取 2024 年度的填报表（jixiao forms 生成）",
        ),
        id="another year",
    ),
    pytest.param(_record(quarter="5"), NOT_RIGHT, id="quarter 5"),
    pytest.param(_record(quarter="0"), NOT_RIGHT, id="quarter 0"),
    pytest.param(_record(quarter=None), NOT_RIGHT, id="quarter erased"),
    pytest.param(_record(first_row="0"), NOT_RIGHT, id="first row 0"),
    pytest.param(_record(first_row="1001"), NOT_RIGHT, id="first row 1001"),
    pytest.param(_record(first_row="04"), NOT_RIGHT, id="first row with a leading zero"),
    pytest.param(_record(first_row="4²"), NOT_RIGHT, id="first row with a superscript"),
    pytest.param(
        [*HONEST, ("leaf", "1-1-2"), ("leaf", "4-1"), ("leaf", "1-1-1")],
        NOT_RIGHT,
        id="more leaves than the scheme has",
    ),
]


@pytest.mark.parametrize(("rows", "problem"), REFUSED_RECORDS)
def test_a_form_whose_hidden_record_is_not_honest_is_refused_whole(
    rows: list[tuple[object, ...]], problem: Problem
) -> None:
    mini = _mini()
    assert _refusal(lambda: read_meta(rows, FILE, mini.scheme, mini.directory)) == problem


READ_RECORDS = [
    pytest.param(HONEST, FormMeta("协调科", 2024, 3, 4, ("1-1-1", "2-1")), id="as forms wrote it"),
    pytest.param(
        _record(department="应急指挥中心"),
        FormMeta("指挥中心", 2024, 3, 4, ("1-1-1", "2-1")),
        id="a department's alias",
    ),
    *(
        pytest.param(
            _record(quarter=str(q)),
            FormMeta("协调科", 2024, q, 4, ("1-1-1", "2-1")),
            id=f"quarter {q}",
        )
        for q in (1, 2, 4)
    ),
    pytest.param(
        _record(first_row="1000"),
        FormMeta("协调科", 2024, 3, 1000, ("1-1-1", "2-1")),
        id="first row 1000",
    ),
    pytest.param(
        [*HONEST[:7], (None, None), ("备注", "x"), HONEST[7]],
        FormMeta("协调科", 2024, 3, 4, ("1-1-1", "2-1")),
        id="rows other than leaves skipped",
    ),
    pytest.param(
        [*HONEST, ("leaf", "1-1-2"), ("leaf", "4-1")],
        FormMeta("协调科", 2024, 3, 4, ("1-1-1", "2-1", "1-1-2", "4-1")),
        id="as many leaves as the scheme",
    ),
    pytest.param(HONEST[:6], FormMeta("协调科", 2024, 3, 4, ()), id="no leaf"),
]


@pytest.mark.parametrize(("rows", "meta"), READ_RECORDS)
def test_the_hidden_record_says_what_the_form_was_made_for(
    rows: list[tuple[object, ...]], meta: FormMeta
) -> None:
    mini = _mini()
    assert read_meta(rows, FILE, mini.scheme, mini.directory) == meta


@contextmanager
def _book(*sheets: tuple[str, str], record: list[tuple[object, ...]] = HONEST) -> Iterator[Any]:
    """A workbook with these (title, state) sheets, the one titled "jixiao" holding `record`,
    opened as collect opens a form: read-only, streamed. (openpyxl, like Excel, saves no
    workbook with every sheet hidden: the states are written into workbook.xml after.)"""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, _ in sheets:
        sheet = book.create_sheet(title)
        if title == "jixiao":
            for row in record:
                sheet.append(list(row))
    with tempfile.TemporaryDirectory() as folder:
        book.save(Path(folder) / FILE)

        def states(xml: str) -> str:
            for title, state in sheets:
                xml = replaced(
                    xml, f'name="{title}" sheetId', f'state="{state}" name="{title}" sheetId'
                )
            return replaced(xml, 'state="visible" r:id', "r:id")

        rewrite(Path(folder) / FILE, "xl/workbook.xml", states)
        with open_workbook(Path(folder) / FILE, FILE) as opened:
            yield opened


FORM_PAIR = (("填报", "visible"), ("jixiao", "veryHidden"))


def test_the_hidden_record_is_read_from_its_first_two_columns() -> None:
    record = [(*row, "第三列") for row in HONEST]
    with _book(*FORM_PAIR, record=record) as book:
        assert meta_rows(book) == HONEST


def test_the_hidden_record_is_read_only_as_far_as_a_form_can_reach() -> None:
    """Six rows of record and at most 10,000 leaves: whatever lies below is not read."""
    record = [*HONEST, *[(None, None)] * (10_006 - len(HONEST)), ("leaf", "4-1")]
    with _book(*FORM_PAIR, record=record) as book:
        assert book["jixiao"].max_row == 10_007
        rows = meta_rows(book)
    assert rows == record[:10_006]
    mini = _mini()
    assert read_meta(rows, FILE, mini.scheme, mini.directory).ids == ("1-1-1", "2-1")


@pytest.mark.parametrize(
    "sheets",
    [
        pytest.param((("填报", "visible"),), id="no hidden sheet"),
        pytest.param((("jixiao", "veryHidden"),), id="no form sheet"),
        pytest.param((("Sheet1", "visible"),), id="neither"),
    ],
)
def test_a_workbook_without_both_sheets_has_no_record(sheets: tuple[tuple[str, str], ...]) -> None:
    with _book(*sheets) as book:
        assert meta_rows(book) == []


HIDDEN_HINT = "请在原来的“填报”表中填写：取消隐藏，把要填的内容填进去，删除其他工作表后再交回"
ADDED_HINT = "请把要填的内容填到“填报”表中（补充的情况写在说明栏），删除多出的工作表后再交回"

SHEETS_REFUSED = [
    pytest.param(
        (("填报", "hidden"), ("jixiao", "veryHidden")),
        _whole("form-sheets", f"{FILE} 中的“填报”表被隐藏了：汇总读的是隐藏的表", HIDDEN_HINT),
        id="the form sheet hidden",
    ),
    pytest.param(
        (
            ("填报", "veryHidden"),
            ("jixiao", "veryHidden"),
            ("副本", "visible"),
            ("草稿", "visible"),
        ),
        _whole(
            "form-sheets",
            f"{FILE} 中的“填报”表被隐藏了，打开文件看到的是“副本”：汇总读的是隐藏的表",
            HIDDEN_HINT,
        ),
        id="the form sheet hidden behind copies",
    ),
    pytest.param(
        (("填报", "visible"), ("jixiao", "veryHidden"), ("补充", "visible"), ("附表", "visible")),
        _whole(
            "form-sheets",
            f"{FILE} 中多了工作表“补充”：填报表只应有“填报”一张表，汇总只读这一张",
            ADDED_HINT,
        ),
        id="sheets added",
    ),
]


@pytest.mark.parametrize(("sheets", "problem"), SHEETS_REFUSED)
def test_the_form_sheet_read_must_be_the_one_seen(
    sheets: tuple[tuple[str, str], ...], problem: Problem
) -> None:
    with _book(*sheets) as book:
        assert _refusal(lambda: check_sheets(book, FILE)) == problem


def test_a_form_with_its_two_sheets_is_read() -> None:
    with _book(*FORM_PAIR) as book:
        check_sheets(book, FILE)  # no Refused


def test_a_form_is_named_for_its_quarter_and_department_as_windows_allows() -> None:
    assert form_name(2024, 3, "协调科") == "2024-Q3-协调科.xlsx"
    assert (
        form_name(2025, 1, 'a\\b/c:d*e?f"g<h>i|j\x01k\x7f') == "2025-Q1-a_b_c_d_e_f_g_h_i_j_k_.xlsx"
    )


# --- one row of a form: the id, completion and note cells -----------------------------

REDO = "请删除这个单元格的内容，重新输入后保存；文件可能被其他程序改写过"
NUMBER = "请填 0 到 100 的数字，如 100、95 或 99.5"
GENERAL = "请把单元格格式改回“常规”，再重新输入；从别处粘贴时请用“选择性粘贴 → 数值”"


def _at(ref: str, code: str, message: str, hint: str) -> Problem:
    """An error with one cell (`F4`) of 协调科's form."""
    column = " ABCDEFG".index(ref[0])
    return Problem(FILE, int(ref[1:]), column, Severity.ERROR, code, message, hint, cell=ref)


def _completion_error(message: str, hint: str = NUMBER) -> list[Problem]:
    return [_at("F4", "bad-completion", message, hint)]


FIRST_ID = Cell("1-1-1", "s")  # as forms writes it: text


def _row(
    completion: Cell = EMPTY,
    note: Cell = EMPTY,
    id_cell: Cell = FIRST_ID,
    expected: str = "1-1-1",
    department: str = "协调科",
    show_zeros: bool = True,
) -> Entry | list[Problem]:
    """Row 4 of a form of `department` listing `expected` there."""
    mini = _mini()
    meta = FormMeta(department, 2024, 3, 4, (expected,))
    leaves = {leaf.id: leaf for leaf in mini.scheme.leaves()}
    cells = [id_cell, completion, note]
    return _entry(FILE, meta, 4, expected, cells, leaves, mini.directory, show_zeros)


def _read(completion: Decimal | None, note: str | None = None, leaf: str = "1-1-1") -> Entry:
    mini = _mini()
    [found] = [x for x in mini.scheme.leaves() if x.id == leaf]
    return Entry(FILE, 4, "协调科", found, completion, note)


def _number(value: object, *formats: str, raw: RawCell | None = None) -> Cell:
    return Cell(value, "n", formats or ("General",), raw)


def _text_cell(value: str, *formats: str, raw: RawCell | None = None) -> Cell:
    return Cell(value, "s", formats or ("General",), raw)


ROWS = [
    pytest.param({"completion": _number(100)}, _read(Decimal(100)), id="a whole number"),
    pytest.param({"completion": _number(99.5)}, _read(Decimal("99.5")), id="a half"),
    pytest.param({"completion": _number(99.55)}, _read(Decimal("99.55")), id="two decimals"),
    pytest.param({"completion": _number(0.1)}, _read(Decimal("0.1")), id="a tenth"),
    pytest.param({}, _read(None), id="blank"),
    pytest.param({"completion": _text_cell(" \t")}, _read(None), id="only spaces"),
    pytest.param(
        {"completion": _number(0), "show_zeros": True}, _read(Decimal(0)), id="zero shown"
    ),
    pytest.param(
        {"completion": _number(1), "show_zeros": False},
        _read(Decimal(1)),
        id="one where zeros are not shown",
    ),
    pytest.param({"show_zeros": False}, _read(None), id="blank where zeros are not shown"),
    pytest.param(
        {"completion": _number(95, raw=RawCell("n", 0, "95", True))},
        _read(Decimal(95)),
        id="a plain number in the XML",
    ),
    pytest.param(
        {"id_cell": Cell("  1-1-1 ", "s"), "completion": _number(90)},
        _read(Decimal(90)),
        id="the id with spaces around",
    ),
    pytest.param(
        {"id_cell": Cell("2-1", "s"), "expected": "2-1", "note": _text_cell("  已完成 ")},
        _read(None, "已完成", leaf="2-1"),
        id="a shared leaf with a note",
    ),
    pytest.param(
        {"note": _text_cell("见附件", "@")}, _read(None, "见附件"), id="a note formatted as text"
    ),
    pytest.param({"note": _text_cell("   ")}, _read(None), id="a note of spaces"),
    pytest.param({"note": _number(12.5)}, _read(None, "12.5"), id="a number as the note"),
    pytest.param({"note": _number(7)}, _read(None, "7"), id="a whole number as the note"),
    pytest.param({"note": _number(1e16)}, _read(None, "10000000000000000"), id="a big number"),
    pytest.param(
        {"note": Cell(datetime(2024, 9, 30, 8, 30), "d")},
        _read(None, "2024-09-30T08:30:00"),
        id="a date as the note",
    ),
    pytest.param(
        {"note": Cell(time(8, 30), "d")}, _read(None, "08:30:00"), id="a time as the note"
    ),
]


@pytest.mark.parametrize(("cells", "entry"), ROWS)
def test_a_row_filled_as_forms_allows_is_read(cells: dict[str, Any], entry: Entry) -> None:
    assert _row(**cells) == entry


LONG = "完成率" * 12  # 36 characters

REFUSED_ROWS = [
    pytest.param(
        {"id_cell": Cell("1-1-1", "s", raw=RawCell("s", 0, "01", True))},
        [
            _at(
                "A4",
                "raw-value",
                "序号单元格在文件中存的是“01”，不是普通的数字写法，Excel 显示的可能与读到的不同",
                REDO,
            )
        ],
        id="the id cell's XML odd",
    ),
    pytest.param(
        {"id_cell": Cell("1-1-9", "s"), "completion": _number(120)},
        [
            _at(
                "A4",
                "changed-id",
                "序号被改动：这一行原是 1-1-1，现在是“1-1-9”",
                "序号列不能改；请把它改回原样，或重新用 jixiao forms 生成填报表",
            )
        ],
        id="the id changed",
    ),
    pytest.param(
        {"id_cell": Cell(LONG, "s")},
        [
            _at(
                "A4",
                "changed-id",
                f"序号被改动：这一行原是 1-1-1，现在是“{LONG[:30]}”",
                "序号列不能改；请把它改回原样，或重新用 jixiao forms 生成填报表",
            )
        ],
        id="the id overwritten with a long text",
    ),
    pytest.param(
        {"id_cell": EMPTY},
        [
            _at(
                "A4",
                "changed-id",
                "序号被改动：这一行原是 1-1-1，现在是“”",
                "序号列不能改；请把它改回原样，或重新用 jixiao forms 生成填报表",
            )
        ],
        id="the id erased",
    ),
    pytest.param(
        {"id_cell": Cell(4.0, "n"), "expected": "4"},
        [
            _at(
                "A4",
                "stale-form",
                "考评表中已没有序号为 4 的计分项",
                "填报表是按旧的 indicators.yaml 生成的，请重新生成后再填",
            )
        ],
        id="a leaf the scheme no longer has, its id a number",
    ),
    pytest.param(
        {"department": "危化科"},
        [
            _at(
                "A4",
                "wrong-department",
                "1-1-1 不是危化科的计分项（责任科室：协调科）",
                "填报表可能被改动过，或是按旧的 indicators.yaml 生成的；请重新生成",
            )
        ],
        id="another department's leaf",
    ),
    pytest.param(
        {"id_cell": Cell("2-1", "s"), "expected": "2-1", "department": "办公室"},
        [
            _at(
                "A4",
                "wrong-department",
                "2-1 不是办公室的计分项（责任科室：协调科、指挥中心）",
                "填报表可能被改动过，或是按旧的 indicators.yaml 生成的；请重新生成",
            )
        ],
        id="a shared leaf of other departments",
    ),
    pytest.param(
        {"completion": _number(100, raw=RawCell("n", 0, "1E2", True))},
        [
            _at(
                "F4",
                "raw-value",
                "完成率单元格在文件中存的是“1E2”，不是普通的数字写法，Excel 显示的可能与读到的不同",
                REDO,
            )
        ],
        id="a completion's XML odd",
    ),
    pytest.param(
        {"completion": Cell(95, "f")},
        _completion_error("完成率请直接填数字，不要用公式（95）"),
        id="a formula's value",
    ),
    pytest.param(
        {"completion": _text_cell("=SUM(F5:F9)+" + "1" * 30)},
        _completion_error(f"完成率请直接填数字，不要用公式（=SUM(F5:F9)+{'1' * 18}）"),
        id="a formula typed as text",
    ),
    pytest.param(
        {"completion": Cell(True, "b")},
        _completion_error("完成率应填数字，这里是逻辑值 TRUE"),
        id="TRUE",
    ),
    pytest.param(
        {"completion": Cell(False, "b")},
        _completion_error("完成率应填数字，这里是逻辑值 FALSE"),
        id="FALSE",
    ),
    *(
        pytest.param(
            {"completion": Cell(value, "d")},
            _completion_error(
                "完成率应填数字，这里是日期或时间", "请把单元格格式改回“常规”后重新填写"
            ),
            id=type(value).__name__,
        )
        for value in (datetime(2024, 9, 30), date(2024, 9, 30), time(9, 30))
    ),
    pytest.param(
        {"completion": _text_cell("九十")},
        _completion_error("完成率应填数字，这里是文字“九十”", "请填 0 到 100 的数字"),
        id="text",
    ),
    pytest.param(
        {"completion": _text_cell("95%")},
        _completion_error("完成率应填数字，这里是文字“95%”", "不要带 % 号，直接填 95 这样的数字"),
        id="a percent typed as text",
    ),
    pytest.param(
        {"completion": _text_cell(" 约\n九十\t五 " + "成" * 40)},
        _completion_error(
            f"完成率应填数字，这里是文字“约 九十 五 {'成' * 23}”", "请填 0 到 100 的数字"
        ),
        id="a long text cut to 30 characters",
    ),
    *(
        pytest.param(
            {"completion": _number(value)},
            _completion_error(f"完成率应填数字，这里是“{value}”"),
            id=str(value),
        )
        for value in (float("inf"), float("nan"), Decimal(95))
    ),
    pytest.param(
        {"completion": _number(0.95, "0%")},
        _completion_error(
            "完成率单元格被设成了百分比格式：显示的 95% 实际是 0.95",
            "请把单元格格式改回“常规”，再填 95 这样的数字（不带 % 号）",
        ),
        id="a percent format",
    ),
    pytest.param(
        {"completion": _number(95, "0.0")},
        [
            _at(
                "F4",
                "number-format",
                "完成率单元格的数字格式是“0.0”：显示的可能不是单元格里存的内容，只能用“常规”格式",
                GENERAL,
            )
        ],
        id="another number format",
    ),
    pytest.param(
        {"completion": _number(120)}, _completion_error("完成率 120 超过 100"), id="above 100"
    ),
    pytest.param(
        {"completion": _number(-5)}, _completion_error("完成率 -5 不能小于 0"), id="below 0"
    ),
    pytest.param(
        {"completion": _number(99.555)},
        _completion_error("完成率 99.555 超过两位小数", "完成率最多保留两位小数，如 99.55"),
        id="three decimals",
    ),
    pytest.param(
        {"completion": _number(0), "show_zeros": False},
        [
            _at(
                "F4",
                "number-format",
                "工作表设置了不显示零值：这里的完成率 0 显示为空白",
                "在“文件 → 选项 → 高级”中勾选“在具有零值的单元格中显示零”，核对后再交回",
            )
        ],
        id="zero where zeros are not shown",
    ),
    pytest.param(
        {"note": _text_cell("见附件", raw=RawCell("s", 0, "x", True))},
        [
            _at(
                "G4",
                "raw-value",
                "说明单元格在文件中存的是“x”，不是普通的数字写法，Excel 显示的可能与读到的不同",
                REDO,
            )
        ],
        id="a note's XML odd",
    ),
    pytest.param(
        {"note": _text_cell("见附件", ";;;", raw=RawCell("s", 0, "x", True))},
        [
            _at(
                "G4",
                "raw-value",
                "说明单元格在文件中存的是“x”，不是普通的数字写法，Excel 显示的可能与读到的不同",
                REDO,
            )
        ],
        id="a note's XML and format both odd",
    ),
    pytest.param(
        {"note": _text_cell("见附件", ";;;")},
        [
            _at(
                "G4",
                "number-format",
                "说明单元格的数字格式是“;;;”：显示的可能不是单元格里存的内容，只能用“常规”或“文本”格式",
                GENERAL,
            )
        ],
        id="a note hidden by its format",
    ),
    pytest.param(
        {"note": Cell("已完成", "f")},
        [_at("G4", "bad-note", "说明请直接写文字，不要用公式", "以 = 开头的内容会被当作公式")],
        id="a note by formula",
    ),
    pytest.param(
        {"note": _text_cell("完成\x85了")},
        [
            _at(
                "G4",
                "invisible-char",
                "说明的第 3 个字符是看不见的字符 U+0085 下一行符（NEL）",
                "请删除这个字符后再交回；它常来自从网页、PDF 或其他软件复制的文字",
            )
        ],
        id="a hidden character in the note",
    ),
    pytest.param(
        {"completion": _text_cell("九十"), "note": Cell("x", "f")},
        [
            *_completion_error("完成率应填数字，这里是文字“九十”", "请填 0 到 100 的数字"),
            _at("G4", "bad-note", "说明请直接写文字，不要用公式", "以 = 开头的内容会被当作公式"),
        ],
        id="both cells wrong",
    ),
]


@pytest.mark.parametrize(("cells", "problems"), REFUSED_ROWS)
def test_a_cell_filled_wrong_is_an_error_at_that_cell(
    cells: dict[str, Any], problems: list[Problem]
) -> None:
    assert _row(**cells) == problems


# --- the departments' forms merged ----------------------------------------------------


def _leaf(leaf_id: str) -> Any:
    [found] = [leaf for leaf in _mini().scheme.leaves() if leaf.id == leaf_id]
    return found


def _form(
    department: str,
    *rows: tuple[str, Decimal | int | None, str | None],
    quarter: int = 3,
    file: str = "",
    listed: tuple[str, ...] | None = None,
) -> Form:
    """A form read: rows (leaf id, completion, note) from row 4 down."""
    file = file or form_name(2024, quarter, department)
    entries = [
        Entry(file, 4 + n, department, _leaf(i), None if c is None else Decimal(c), note)
        for n, (i, c, note) in enumerate(rows)
    ]
    ids = tuple(i for i, _, _ in rows) if listed is None else listed
    return Form(file, FormMeta(department, 2024, quarter, 4, ids), entries)


def _cell_error(file: str, ref: str, code: str, message: str, hint: str) -> Problem:
    column = " ABCDEFG".index(ref[0])
    return Problem(file, int(ref[1:]), column, Severity.ERROR, code, message, hint, cell=ref)


XT = "2024-Q3-协调科.xlsx"
ZH = "2024-Q3-指挥中心.xlsx"
AGREE = "请两个科室商定一个完成率后再汇总"
TWICE = "同一科室的一个计分项只能填一次；多余的表请移出文件夹"

MERGES = [
    pytest.param(
        [
            _form("协调科", ("1-1-1", 100, "按期"), ("2-1", 99.5, None)),
            _form("指挥中心", ("2-1", 99.5, "值守")),
        ],
        {"1-1-1": Decimal(100), "2-1": Decimal("99.5")},
        {"1-1-1": [("协调科", "按期")], "2-1": [("指挥中心", "值守")]},
        [],
        id="a shared leaf, one figure from both",
    ),
    pytest.param(
        [_form("协调科", ("2-1", None, "未完")), _form("指挥中心", ("2-1", 98, "值守"))],
        {"2-1": Decimal(98)},
        {"2-1": [("协调科", "未完"), ("指挥中心", "值守")]},
        [],
        id="a shared leaf left blank by one",
    ),
    pytest.param(
        [_form("协调科", ("2-1", 99.5, None)), _form("指挥中心", ("2-1", 98, None))],
        {"2-1": Decimal("99.5")},
        {},
        [
            _cell_error(
                ZH,
                "F4",
                "conflicting-figure",
                f"2-1 由协调科和指挥中心共同负责，完成率不一致：这里是 98，{XT}!F4 是 99.5",
                AGREE,
            )
        ],
        id="a shared leaf, two figures",
    ),
    pytest.param(
        [
            _form("协调科", ("1-1-1", 100, None), ("2-1", 90, "a")),
            _form("协调科", ("2-1", 95, "b"), file="2024-Q3-协调科（改）.xlsx"),
            _form("指挥中心", ("2-1", 80, "c")),
        ],
        {"1-1-1": Decimal(100), "2-1": Decimal(90)},
        {"2-1": [("协调科", "a"), ("指挥中心", "c")]},
        [
            _cell_error(
                "2024-Q3-协调科（改）.xlsx",
                "A4",
                "duplicate-leaf",
                f"2-1 重复填报：{XT}!A5 已经有协调科的这一项",
                TWICE,
            ),
            _cell_error(
                ZH,
                "F4",
                "conflicting-figure",
                f"2-1 由协调科和指挥中心共同负责，完成率不一致：这里是 80，{XT}!F5 是 90",
                AGREE,
            ),
        ],
        id="a second copy of a form, then another department",
    ),
    pytest.param(
        [_form("协调科", ("1-1-1", 100, None), ("1-1-1", 100, None))],
        {"1-1-1": Decimal(100)},
        {},
        [
            _cell_error(
                XT, "A5", "duplicate-leaf", f"1-1-1 重复填报：{XT}!A4 已经有协调科的这一项", TWICE
            )
        ],
        id="one leaf twice in a form",
    ),
]


@pytest.mark.parametrize(("forms", "figures", "notes", "problems"), MERGES)
def test_the_departments_figures_are_merged_each_leaf_claimed_once(
    forms: list[Form],
    figures: dict[str, Decimal],
    notes: dict[str, list[tuple[str, str]]],
    problems: list[Problem],
) -> None:
    found: list[Problem] = []
    assert merge(forms, found) == (figures, notes)
    assert found == problems


QUARTER_HINT = "一次只汇总同一季度的填报表；请把它移出文件夹"


def test_forms_of_another_quarter_than_most_are_errors() -> None:
    forms = [
        _form("办公室", ("4-1", 100, None), quarter=2),
        _form("协调科", ("1-1-1", 100, None)),
        _form("指挥中心", ("2-1", 100, None)),
    ]
    problems: list[Problem] = []
    assert common_quarter(forms, problems) == 3
    assert problems == [
        _whole(
            "quarter-mismatch",
            "这是第二季度的填报表，其余是第三季度的",
            QUARTER_HINT,
            "2024-Q2-办公室.xlsx",
        )
    ]


def test_forms_of_one_quarter_agree() -> None:
    problems: list[Problem] = []
    assert common_quarter([_form("协调科", quarter=4), _form("办公室", quarter=4)], problems) == 4
    assert problems == []


def test_a_tie_between_quarters_keeps_the_first_forms_quarter() -> None:
    problems: list[Problem] = []
    forms = [_form("协调科", quarter=1), _form("办公室", quarter=2)]
    assert common_quarter(forms, problems) == 1
    assert problems == [
        _whole(
            "quarter-mismatch",
            "这是第二季度的填报表，其余是第一季度的",
            QUARTER_HINT,
            "2024-Q2-办公室.xlsx",
        )
    ]


@pytest.mark.parametrize(
    ("notes", "shared", "text"),
    [
        pytest.param([], True, None, id="no note"),
        pytest.param([("协调科", "按期")], False, "按期", id="one department's"),
        pytest.param(
            [("协调科", "按期"), ("指挥中心", "值守")],
            True,
            "协调科：按期；指挥中心：值守",
            id="shared",
        ),
    ],
)
def test_a_note_of_a_shared_leaf_names_each_department(
    notes: list[tuple[str, str]], shared: bool, text: str | None
) -> None:
    assert note_text(notes, shared) == text


MISSING_HINT = "催收后放进这个文件夹重新运行 collect；这些项在结果文件中留空"
INCOMPLETE_HINT = "填报表生成后 indicators.yaml 有变动；请重新生成后补填，或直接在结果文件中填写"


def _warning(file: str, code: str, message: str, hint: str, cell: str = "") -> Problem:
    line, column = (int(cell[1:]), " ABCDEFG".index(cell[0])) if cell else (0, 0)
    return Problem(file, line, column, Severity.WARNING, code, message, hint, cell=cell)


MISSING = [
    pytest.param(
        [
            _form("协调科", ("1-1-1", 100, None), quarter=2, listed=("1-1-1",)),
            _form("指挥中心", ("2-1", None, None), quarter=2),
        ],
        [
            _warning(
                "2024-Q2-办公室.xlsx", "form-missing", "没有收到办公室的填报表（4-1）", MISSING_HINT
            ),
            _warning(
                "2024-Q2-协调科.xlsx",
                "form-incomplete",
                "协调科的填报表中没有 2-1",
                INCOMPLETE_HINT,
            ),
            _warning(
                "2024-Q2-危化科.xlsx",
                "form-missing",
                "没有收到危化科的填报表（1-1-2）",
                MISSING_HINT,
            ),
            _warning(
                "2024-Q2-指挥中心.xlsx",
                "missing-figure",
                "2-1 尚未填写完成率（协调科、指挥中心）",
                "应急值守",
                cell="F4",
            ),
        ],
        id="forms missing, incomplete, a blank",
    ),
    pytest.param(
        [
            _form("办公室", ("4-1", 100, None), quarter=2),
            _form("协调科", ("1-1-1", None, None), quarter=2, file="2024-Q2-协调科-1.xlsx"),
            _form("协调科", ("2-1", None, None), quarter=2, file="2024-Q2-协调科-2.xlsx"),
            _form("危化科", ("1-1-2", 90, None), quarter=2),
            _form("指挥中心", ("2-1", None, None), quarter=2),
        ],
        [
            _warning(
                "2024-Q2-协调科-1.xlsx",
                "missing-figure",
                "1-1-1 尚未填写完成率（协调科）",
                "隐患排查",
                cell="F4",
            ),
            _warning(
                "2024-Q2-协调科-2.xlsx",
                "missing-figure",
                "2-1 尚未填写完成率（协调科、指挥中心）",
                "应急值守",
                cell="F4",
            ),
        ],
        id="a department's leaves in two forms, a shared leaf blank in both",
    ),
    pytest.param(
        [
            _form("办公室", ("4-1", 100, None), quarter=2),
            _form("协调科", quarter=2),  # made before the scheme gave it any leaf
            _form("危化科", ("1-1-2", 90, None), quarter=2),
        ],
        [
            _warning(
                "2024-Q2-协调科.xlsx",
                "form-incomplete",
                "协调科的填报表中没有 1-1-1、2-1",
                INCOMPLETE_HINT,
            ),
            _warning(
                "2024-Q2-指挥中心.xlsx",
                "form-missing",
                "没有收到指挥中心的填报表（2-1）",
                MISSING_HINT,
            ),
        ],
        id="a form without two of its department's leaves",
    ),
    pytest.param(
        [
            _form("办公室", ("4-1", 100, None), quarter=2),
            _form("危化科", ("1-1-2", 90, None), quarter=2),
            _form("指挥中心", ("2-1", 90, None), quarter=2),
        ],
        [
            _warning(
                "2024-Q2-协调科.xlsx",
                "form-missing",
                "没有收到协调科的填报表（1-1-1、2-1）",
                MISSING_HINT,
            ),
        ],
        id="the form of a department with two leaves missing",
    ),
]


@pytest.mark.parametrize(("forms", "problems"), MISSING)
def test_a_form_or_figure_not_returned_is_a_warning(
    forms: list[Form], problems: list[Problem]
) -> None:
    mini = _mini()
    figures, _ = merge(forms, [])
    found: list[Problem] = []
    missing(forms, mini.scheme, mini.directory, 2, figures, found)
    assert found == problems


# --- collect: the forms in, the results file or the problems out ----------------------


@functools.cache
def _blank_forms() -> dict[str, bytes]:
    mini = _mini()
    return department_forms(mini.scheme, mini.directory, 3)


def _filled(folder: Path, *left_out: str) -> list[Path]:
    """The four forms filled with the figures of tests/data/mini (FILLED), in reverse order."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in _blank_forms().items():
        if name not in left_out:
            (folder / name).write_bytes(content)
            fill(folder / name, FILLED[name])
    return sorted(folder.iterdir(), reverse=True)


def _collect(paths: list[Path]) -> tuple[str | None, list[Problem]]:
    mini = _mini()
    return collect(paths, mini.scheme, mini.directory)


def test_the_filled_forms_become_the_results_file(tmp_path: Path) -> None:
    assert _collect(_filled(tmp_path)) == (COLLECTED, [])


def test_each_department_s_note_on_a_shared_leaf_is_kept_under_its_name(tmp_path: Path) -> None:
    paths = _filled(tmp_path)
    fill(tmp_path / XT, {"G5": "协调已完成"})
    fill(tmp_path / ZH, {"G4": "值守正常"})
    text, problems = _collect(paths)
    assert problems == []
    assert text == replaced(
        COLLECTED,
        '  "2-1": 99.5\n',
        '  "2-1": {completion: 99.5, note: "协调科：协调已完成；指挥中心：值守正常"}\n',
    )


def test_forms_are_read_in_the_order_of_their_names_wherever_they_are(tmp_path: Path) -> None:
    """The first form by name gives a shared leaf its figure, the other one is the conflict."""
    _filled(tmp_path / "a")
    _filled(tmp_path / "b")
    fill(tmp_path / "a" / ZH, {"F4": 98})
    paths = [tmp_path / "a" / ZH, tmp_path / "b" / XT]
    text, problems = _collect(paths)
    assert text is None
    assert problems == [
        _warning(
            "2024-Q3-办公室.xlsx", "form-missing", "没有收到办公室的填报表（4-1）", MISSING_HINT
        ),
        _warning(
            "2024-Q3-危化科.xlsx", "form-missing", "没有收到危化科的填报表（1-1-2）", MISSING_HINT
        ),
        _cell_error(
            ZH,
            "F4",
            "conflicting-figure",
            f"2-1 由协调科和指挥中心共同负责，完成率不一致：这里是 98，{XT}!F5 是 99.5",
            AGREE,
        ),
    ]


def test_forms_missing_and_blanks_are_warnings_and_the_file_is_written(tmp_path: Path) -> None:
    paths = _filled(tmp_path, "2024-Q3-办公室.xlsx")
    fill(tmp_path / "2024-Q3-危化科.xlsx", {"F4": None, "G4": None})
    fill(tmp_path / XT, {"F4": 0})
    text, problems = _collect(paths)
    assert problems == [
        _warning(
            "2024-Q3-办公室.xlsx", "form-missing", "没有收到办公室的填报表（4-1）", MISSING_HINT
        ),
        _warning(
            "2024-Q3-危化科.xlsx",
            "missing-figure",
            "1-1-2 尚未填写完成率（危化科）",
            "危化品整治",
            cell="F4",
        ),
    ]
    assert text is not None
    assert '  "1-1-1": 0\n' in text
    assert '  "1-1-2":                     # 未填报\n' in text


def test_no_form_at_all_is_an_error() -> None:
    assert _collect([]) == (
        None,
        [
            _whole(
                "no-forms",
                "没有可读的填报表",
                "文件夹中应有 jixiao forms 生成、各科室填好的 .xlsx 填报表",
                file="",
            )
        ],
    )


NOT_XLSX_HINT = "若是 .xls 或 WPS 的 .et 文件，请在 Excel/WPS 中“另存为” .xlsx"
BAD_HINT = "请在 Excel/WPS 中打开后另存为 .xlsx，或用 jixiao forms 重新生成后再填"
BIG = "填报表只有几十 KB：请确认选对了文件，或用 jixiao forms 重新生成"


def test_files_refused_whole_are_listed_by_name_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "b.xlsx").write_bytes(b"an old .xls, renamed")
    (tmp_path / "a.xlsx").write_bytes(_blank_forms()[XT][:3000])  # a download cut short
    assert _collect([tmp_path / "b.xlsx", tmp_path / "a.xlsx"]) == (
        None,
        [
            _whole(
                "bad-xlsx",
                "a.xlsx 不是有效的填报表（压缩包已损坏，可能没有保存或传送完整）",
                BAD_HINT,
                file="a.xlsx",
            ),
            _whole("not-xlsx", "b.xlsx 不是 .xlsx 格式的工作簿", NOT_XLSX_HINT, file="b.xlsx"),
        ],
    )


def test_a_file_gone_before_it_is_read_is_not_a_workbook(tmp_path: Path) -> None:
    """Moved away (or synced off) between listing the folder and reading it."""
    assert _collect([tmp_path / "gone.xlsx"]) == (
        None,
        [_whole("not-xlsx", "gone.xlsx 不是 .xlsx 格式的工作簿", NOT_XLSX_HINT, file="gone.xlsx")],
    )


def _one_form(tmp_path: Path, name: str = XT, form: str = XT) -> Path:
    """`form` filled with its figures, saved as `name`."""
    path = tmp_path / name
    path.write_bytes(_blank_forms()[form])
    fill(path, FILLED[form])
    return path


def _refused(path: Path) -> Problem:
    return _refusal(lambda: check_container(path, path.name))


def test_a_file_larger_than_any_form_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    with path.open("wb") as fh:
        fh.truncate(10 * 1024 * 1024 + 1)
    assert _refused(path) == _whole(
        "file-too-large", "big.xlsx 过大，不像是填报表", BIG, file="big.xlsx"
    )
    with path.open("r+b") as fh:
        fh.truncate(10 * 1024 * 1024)  # the most a form may be: read, and found not a workbook
    assert _refused(path) == _whole(
        "not-xlsx", "big.xlsx 不是 .xlsx 格式的工作簿", NOT_XLSX_HINT, file="big.xlsx"
    )


def test_a_workbook_too_large_unzipped_is_refused_unread(tmp_path: Path) -> None:
    path = _one_form(tmp_path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        used = sum(info.file_size for info in archive.infolist())
        archive.writestr("xl/media/image1.png", bytes(50 * 1024 * 1024 - used + 1))
    assert path.stat().st_size < 10 * 1024 * 1024
    too_big = _whole("file-too-large", f"{XT} 解压后过大，不像是填报表", BIG, file=XT)
    assert _collect([path]) == (None, [too_big])


def test_a_workbook_as_large_unzipped_as_allowed_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit itself is allowed (shown with a limit of this form's own size)."""
    path = _one_form(tmp_path)
    with zipfile.ZipFile(path) as archive:
        monkeypatch.setattr(
            workbook, "MAX_UNZIPPED_BYTES", sum(i.file_size for i in archive.infolist())
        )
    text, problems = _collect([path])
    assert text is not None and [p.code for p in problems] == ["form-missing"] * 3


@dataclass(frozen=True)
class _Read:
    """A cell as openpyxl streams it."""

    value: object
    data_type: str | None


# --- a workbook refused whole ---------------------------------------------------------

TOO_LARGE_HINT = "一份填报表只有十几 KB；请用 jixiao forms 重新生成，再把完成率和说明填进去"


def _flag_bits(path: Path, member: str, bits: int) -> None:
    """Set the general purpose flags of `member` in the zip's central directory."""
    set_in_directory(path, member, 8, bits)


def _without(path: Path, member: str) -> None:
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in members:
            if info.filename != member:
                archive.writestr(info, data)


def _swell_styles(path: Path) -> None:
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    rewrite(
        path, "xl/styles.xml", lambda xml: replaced(xml, "</cellXfs>", xf * 20_001 + "</cellXfs>")
    )


def _cells_out_of_order(path: Path) -> None:
    rewrite(
        path,
        FORM_SHEET_XML,
        lambda xml: replaced(xml, '<c r="F4"', '<c r="F4" t="n"><v>50</v></c><c r="F4"', 1),
    )


def _name_not_utf8(path: Path) -> None:
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/media/é.png", b"")  # flagged as UTF-8 in the zip
    path.write_bytes(replaced(path.read_bytes(), "é".encode(), b"\xff\xfe"))


DAMAGED = [
    pytest.param(
        lambda path: _flag_bits(path, "xl/workbook.xml", 0x40),
        "bad-xlsx",
        "压缩包已损坏（NotImplementedError）",
        BAD_HINT,
        id="a member strongly encrypted",
    ),
    pytest.param(
        lambda path: set_compression(path, "xl/workbook.xml", 99),
        "bad-xlsx",
        "“xl/workbook.xml”用了 Excel 不支持的压缩方式",
        BAD_HINT,
        id="a compression Excel does not know",
    ),
    pytest.param(
        _name_not_utf8,
        "bad-xlsx",
        "压缩包中有不是 UTF-8 编码的文件名",
        BAD_HINT,
        id="a name not UTF-8",
    ),
    pytest.param(
        _swell_styles,
        "file-too-large",
        "样式表“xl/styles.xml”有超过 20,000 个 XML 元素，一份填报表远没有这么多",
        TOO_LARGE_HINT,
        id="styles swollen",
    ),
    pytest.param(
        lambda path: _without(path, "xl/_rels/workbook.xml.rels"),
        "bad-xlsx",
        "文件已损坏或不完整，无法读取：KeyError",
        BAD_HINT,
        id="a part openpyxl needs left out",
    ),
    pytest.param(
        _cells_out_of_order,
        "bad-xlsx",
        "第 4 行的单元格顺序错乱",
        BAD_HINT,
        id="cells out of order",
    ),
]


@pytest.mark.parametrize(("damage", "code", "why", "hint"), DAMAGED)
def test_a_damaged_workbook_is_refused_whole_saying_why(
    tmp_path: Path, damage: Any, code: str, why: str, hint: str
) -> None:
    path = _one_form(tmp_path)
    damage(path)
    assert _collect([path]) == (None, [_whole(code, f"{XT} 不是有效的填报表（{why}）", hint)])


def test_a_workbook_without_a_style_sheet_is_read_as_general(tmp_path: Path) -> None:
    """Excel's default styles: every cell in the "General" number format."""
    path = _one_form(tmp_path)
    _without(path, "xl/styles.xml")
    rewrite(path, FORM_SHEET_XML, lambda xml: re.sub(r' s="[0-9]+"', "", xml))
    text, problems = _collect([path])
    assert [p.code for p in problems] == ["form-missing"] * 3, problems
    assert text is not None and '  "1-1-1": 100\n' in text and '  "2-1": 99.5\n' in text


def test_a_workbook_without_a_style_sheet_has_no_styles_for_its_cells(tmp_path: Path) -> None:
    path = _one_form(tmp_path)
    _without(path, "xl/styles.xml")
    why = "单元格用了不存在的第 4 号样式"
    assert _collect([path]) == (
        None,
        [_whole("bad-xlsx", f"{XT} 不是有效的填报表（{why}）", BAD_HINT)],
    )


@pytest.mark.parametrize(
    ("row", "column", "ref"),
    [
        pytest.param(7, 6, "F7", id="F7"),
        pytest.param(1, 26, "Z1", id="Z1"),
        pytest.param(1, 27, "AA1", id="AA1"),
        pytest.param(2, 52, "AZ2", id="AZ2"),
        pytest.param(3, 702, "ZZ3", id="ZZ3"),
        pytest.param(4, 703, "AAA4", id="AAA4"),
        pytest.param(1048576, 16384, "XFD1048576", id="the last cell"),
    ],
)
def test_a_cell_is_named_as_excel_names_it(row: int, column: int, ref: str) -> None:
    assert cell_ref(row, column) == ref


@pytest.mark.parametrize(
    ("row", "col", "cell"),
    [
        pytest.param((), 0, EMPTY, id="a row with no cell"),
        pytest.param((_Read("1-1-1", "s"),), 1, EMPTY, id="past the last cell"),
        pytest.param((_Read("1-1-1", "s"),), 0, Cell("1-1-1", "s"), id="text"),
        pytest.param((_Read(None, None),), 0, Cell(None, "n"), id="no type"),
        pytest.param((_Read("第_x0031_次", "s"),), 0, Cell("第1次", "s"), id="a digit escaped"),
        pytest.param(
            (_Read("第_x0031_次_x005F_x0041__X0032_", "s"),),
            0,
            Cell("第1次_x0041__X0032_", "s"),
            id="characters Excel escapes",
        ),
    ],
)
def test_a_cell_is_read_as_excel_shows_it(row: tuple[Any, ...], col: int, cell: Cell) -> None:
    assert read_cell(row, col) == cell


# --- a form changed in Excel: what collect reads and where it says so -----------------


def _edit(path: Path, change: Any) -> None:
    book = openpyxl.load_workbook(path)
    change(book["填报"])
    book.save(path)


def _hide(sheet: Any) -> None:
    for row in (5, 6):  # the last leaf's row, and the blank row under the table
        sheet.row_dimensions[row].hidden = True
    for column in "GH":  # the note column, and the one after the table
        sheet.column_dimensions[column].hidden = True


def _zeros_hidden(sheet: Any) -> None:
    sheet["F4"] = 0
    sheet.sheet_view.showZeros = False


def _formats(sheet: Any) -> None:
    sheet["F5"].number_format = "0.0"
    sheet["G4"] = "已完成"
    sheet["G4"].number_format = "@"


ROW_HIDDEN = "第 5 行被隐藏（或行高几乎为 0）：这一行填的内容看不见，却会被汇总"
COLUMN_HIDDEN = "G 列被隐藏（或列宽几乎为 0）：这一列填的内容看不见，却会被汇总"
F5_FORMAT = "完成率单元格的数字格式是“0.0”：显示的可能不是单元格里存的内容，只能用“常规”格式"

CHANGED = [
    pytest.param(
        lambda path: _edit(path, _hide),
        [
            _at(
                "G4",
                "hidden-cells",
                COLUMN_HIDDEN,
                "选中它左右相邻的两列，右键“取消隐藏”（或把列宽调大），核对后再交回",
            ),
            _at(
                "A5",
                "hidden-cells",
                ROW_HIDDEN,
                "选中它上下相邻的两行，右键“取消隐藏”（或把行高调大），核对后再交回",
            ),
        ],
        id="rows and columns hidden in the table and beside it",
    ),
    pytest.param(
        lambda path: _edit(path, _zeros_hidden),
        [
            _at(
                "F4",
                "number-format",
                "工作表设置了不显示零值：这里的完成率 0 显示为空白",
                "在“文件 → 选项 → 高级”中勾选“在具有零值的单元格中显示零”，核对后再交回",
            )
        ],
        id="zeros not shown",
    ),
    pytest.param(
        lambda path: _edit(path, _formats),
        [_at("F5", "number-format", F5_FORMAT, GENERAL)],
        id="number formats",
    ),
    pytest.param(
        lambda path: set_value(path, "F5", "99.50E0"),
        [
            _at(
                "F5",
                "raw-value",
                "完成率单元格在文件中存的是“99.50E0”，不是普通的数字写法，"
                "Excel 显示的可能与读到的不同",
                REDO,
            )
        ],
        id="a figure written oddly in the XML",
    ),
    pytest.param(
        lambda path: fill(path, {"G4": "=A4"}),
        [_at("G4", "bad-note", "说明请直接写文字，不要用公式", "以 = 开头的内容会被当作公式")],
        id="a note by formula",
    ),
    pytest.param(
        lambda path: fill(path, {"A9": "leaf", "B9": "4-1"}, sheet="jixiao"),
        [
            _at(
                "A6",
                "changed-id",
                "序号被改动：这一行原是 4-1，现在是“”",
                "序号列不能改；请把它改回原样，或重新用 jixiao forms 生成填报表",
            )
        ],
        id="a leaf recorded past the table",
    ),
]


@pytest.mark.parametrize(("change", "problems"), CHANGED)
def test_a_form_changed_in_excel_is_an_error_at_the_cell(
    tmp_path: Path, change: Any, problems: list[Problem]
) -> None:
    path = _one_form(tmp_path)
    change(path)
    text, found = _collect([path])
    assert text is None
    assert [p for p in found if p.code not in ("form-missing", "form-incomplete")] == problems


def _directory_with(*names: str) -> Directory:
    directory = copy.deepcopy(_mini().directory)
    for name in names:
        directory.departments[name] = name
        directory.canonical_departments.append(name)
    return directory


WRONG_FILE = "请确认交来的是不是本科室的表；核对后把文件改成正确的名字再汇总"
MINI_DIRECTORY = _mini().directory

FILE_NAMES = [
    pytest.param(XT, XT, MINI_DIRECTORY, [], id="its own name"),
    pytest.param(ZH, "2024-Q3-应急指挥中心.xlsx", MINI_DIRECTORY, [], id="its department's alias"),
    pytest.param(XT, "第三季度.xlsx", MINI_DIRECTORY, [], id="no department's name"),
    pytest.param(
        XT, "第三季度.xlsx", _directory_with("xls"), [], id="a department named like the suffix"
    ),
    pytest.param(
        XT, "2024-Q3-危化科（协调科）.xlsx", MINI_DIRECTORY, [], id="its own and another's"
    ),
    pytest.param(
        XT,
        "2024-Q3-危化科.xlsx",
        MINI_DIRECTORY,
        [
            _whole(
                "wrong-department",
                "文件名是“危化科”的，表里却是“协调科”的填报表",
                WRONG_FILE,
                file="2024-Q3-危化科.xlsx",
            )
        ],
        id="another department's name",
    ),
    pytest.param(
        XT,
        "2024-Q3-应急指挥中心.xlsx",
        MINI_DIRECTORY,
        [
            _whole(
                "wrong-department",
                "文件名是“指挥中心”的，表里却是“协调科”的填报表",
                WRONG_FILE,
                file="2024-Q3-应急指挥中心.xlsx",
            )
        ],
        id="another department's alias",
    ),
]


@pytest.mark.parametrize(("form", "name", "directory", "problems"), FILE_NAMES)
def test_a_form_under_another_department_s_name_is_the_wrong_file(
    tmp_path: Path, form: str, name: str, directory: Directory, problems: list[Problem]
) -> None:
    path = _one_form(tmp_path, name, form)
    _, found = collect([path], _mini().scheme, directory)
    assert [p for p in found if p.code == "wrong-department"] == problems


def _broken(member: str) -> Any:
    """`member`'s XML broken at its first row: an entity XML does not define."""
    return lambda path: rewrite(
        path, member, lambda xml: replaced(xml, "<sheetData>", "<sheetData>&x;")
    )


UNREADABLE = _whole(
    "bad-xlsx", f"{XT} 不是有效的填报表（文件已损坏或不完整，无法读取：ParseError）", BAD_HINT
)

REFUSED_FORMS = [
    pytest.param(
        lambda path: fill(path, {"B4": "2023"}, sheet="jixiao"),
        _whole(
            "year-mismatch",
            f"{XT} 是 2023 年度的填报表，而考评方案是 2024 年度",
            "请收取 2024 年度的填报表（jixiao forms 生成）",
        ),
        id="a form of another year",
    ),
    pytest.param(
        lambda path: _edit(path, lambda sheet: sheet.parent.create_sheet("补充")),
        _whole(
            "form-sheets",
            f"{XT} 中多了工作表“补充”：填报表只应有“填报”一张表，汇总只读这一张",
            ADDED_HINT,
        ),
        id="a sheet added",
    ),
    pytest.param(
        _broken(META_SHEET_XML),
        _whole(
            "bad-xlsx",
            f"{XT} 不是有效的填报表（文件已损坏或不完整，无法读取：ParseError）",
            BAD_HINT,
        ),
        id="the hidden sheet's XML broken",
    ),
    pytest.param(
        _broken(FORM_SHEET_XML),
        _whole(
            "bad-xlsx",
            f"{XT} 不是有效的填报表（文件已损坏或不完整，无法读取：ParseError）",
            BAD_HINT,
        ),
        id="the form sheet's XML broken",
    ),
]


@pytest.mark.parametrize(("change", "problem"), REFUSED_FORMS)
def test_a_form_refused_whole_is_named_by_its_file(
    tmp_path: Path, change: Any, problem: Problem
) -> None:
    path = _one_form(tmp_path)
    change(path)
    assert _collect([path]) == (None, [problem])


def test_a_form_of_another_quarter_than_most_is_an_error(tmp_path: Path) -> None:
    paths = _filled(tmp_path)
    mini = _mini()
    office = department_forms(mini.scheme, mini.directory, 2)["2024-Q2-办公室.xlsx"]
    (tmp_path / "2024-Q3-办公室.xlsx").unlink()
    (tmp_path / "2024-Q2-办公室.xlsx").write_bytes(office)
    paths = sorted(tmp_path.iterdir())
    assert _collect(paths) == (
        None,
        [
            _whole(
                "quarter-mismatch",
                "这是第二季度的填报表，其余是第三季度的",
                QUARTER_HINT,
                file="2024-Q2-办公室.xlsx",
            ),
            _warning(
                "2024-Q2-办公室.xlsx",
                "missing-figure",
                "4-1 尚未填写完成率（办公室）",
                "信息报送",
                cell="F4",
            ),
        ],
    )


def test_a_blank_cell_the_file_leaves_out_reads_as_blank(tmp_path: Path) -> None:
    """Some programs write no element for an empty cell: the note G4 of 1-1-1 here."""
    path = _one_form(tmp_path)
    rewrite(path, FORM_SHEET_XML, lambda xml: replaced(xml, '<c r="G4" s="8" t="n" />', ""))
    text, problems = _collect([path])
    assert [p.code for p in problems] == ["form-missing"] * 3
    assert text is not None and '  "1-1-1": 100\n' in text
