"""`jixiao collect`: read the filled department forms back into a results file.

Every value is checked where it was typed, and each problem names its cell
(`2024-Q3-协调科.xlsx!F7`, Problem.cell). Nothing is returned to write when any problem
is an error. The pieces: `workbook` reads a workbook safely, `formsheet` reads what the form
was made for, this module checks each row, `merge` puts the departments' figures together,
and `resultsfile` writes them.

A leaf in the form of a department the scheme does not make responsible for it is an error
(the form was made for an older scheme, or altered).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic_core import PydanticCustomError

from .decimals import plain
from .directory import Directory
from .formsheet import (
    COMPLETION_COL,
    FORM_SHEET,
    ID_COL,
    NOTE_COL,
    WHOLE,
    FormMeta,
    check_sheets,
    meta_rows,
    read_meta,
)
from .merge import Entry, Form, common_quarter, merge, missing, note_text
from .model import Leaf, Scheme
from .problem import Pos, Problem, Refused, error, has_errors
from .resultsfile import render_collected
from .sheetxml import SheetXml, Styles, Table
from .shown import (
    COMPLETION_FORMATS,
    NOTE_FORMATS,
    control_problem,
    format_problem,
    is_percent,
    layout_problems,
    raw_problem,
    zeros_problem,
)
from .values import parse_completion
from .workbook import (
    EMPTY,
    Cell,
    cell_error,
    check_container,
    guarded,
    open_workbook,
    read_cell,
    read_sheet_xml,
)

COLUMNS = (ID_COL, COMPLETION_COL, NOTE_COL)  # the cells read in each row


def collect(
    paths: Sequence[Path], scheme: Scheme, directory: Directory
) -> tuple[str | None, list[Problem]]:
    """The results YAML for the filled forms at `paths`, or None when any problem is an error."""
    leaves = {leaf.id: leaf for leaf in scheme.leaves()}
    problems: list[Problem] = []
    forms: list[Form] = []
    for path in sorted(paths, key=lambda p: p.name):
        try:
            forms.append(_read_form(path, scheme, directory, leaves, problems))
        except Refused as refused:
            problems.append(refused.problem)
    if not forms:
        if not problems:
            hint = "文件夹中应有 jixiao forms 生成、各科室填好的 .xlsx 填报表"
            problems.append(error("", WHOLE, "no-forms", "没有可读的填报表", hint))
        return None, sorted(problems, key=Problem.sort_key)
    quarter = common_quarter(forms, problems)
    figures, notes = merge(forms, problems)
    missing(forms, scheme, directory, quarter, figures, problems)
    problems.sort(key=Problem.sort_key)
    if has_errors(problems):
        return None, problems
    texts = {}
    for leaf in scheme.leaves():
        shared = len(directory.canonical(leaf.departments)) > 1
        text = note_text(notes.get(leaf.id, []), shared)
        if text is not None:
            texts[leaf.id] = text
    sources = [(form.file, form.meta.department) for form in forms]
    return render_collected(scheme, quarter, sources, figures, texts), problems


# --- reading one form -----------------------------------------------------------------


def _read_form(
    path: Path,
    scheme: Scheme,
    directory: Directory,
    leaves: dict[str, Leaf],
    problems: list[Problem],
) -> Form:
    """Check one filled form; problems with single cells go to `problems`, a bad file raises."""
    name = path.name
    check_container(path, name)
    with open_workbook(path, name) as book:
        meta = read_meta(guarded(name, lambda: meta_rows(book)), name, scheme, directory)
        check_sheets(book, name)
        table = Table(meta.first_row, meta.first_row + len(meta.ids) - 1, NOTE_COL + 1)
        read = guarded(name, lambda: _form_rows(book, meta))
        sheet, styles = guarded(name, lambda: read_sheet_xml(path, book, FORM_SHEET, table))
        rows = guarded(name, lambda: _with_xml(read, meta.first_row, sheet, styles))
    _check_file_name(name, meta.department, directory, problems)
    problems.extend(layout_problems(name, sheet, table))
    entries = []
    for offset, (expected, cells) in enumerate(zip(meta.ids, rows, strict=True)):
        row = meta.first_row + offset
        entry = _entry(name, meta, row, expected, cells, leaves, directory, sheet.show_zeros)
        if isinstance(entry, Entry):
            entries.append(entry)
        else:
            problems.extend(entry)
    return Form(name, meta, entries)


def _form_rows(book: Any, meta: FormMeta) -> list[list[Cell]]:
    """The id, completion and note cells of each leaf row (missing rows read as empty)."""
    rows: list[list[Cell]] = []
    if meta.ids:
        sheet = book[FORM_SHEET]
        last = meta.first_row + len(meta.ids) - 1
        for row in sheet.iter_rows(min_row=meta.first_row, max_row=last, max_col=NOTE_COL + 1):
            rows.append([read_cell(row, col) for col in COLUMNS])
    return rows + [[EMPTY, EMPTY, EMPTY]] * (len(meta.ids) - len(rows))


def _with_xml(
    rows: list[list[Cell]], first_row: int, sheet: SheetXml, styles: Styles
) -> list[list[Cell]]:
    """openpyxl's cells with what their XML says: the raw value, the number formats."""
    found: list[list[Cell]] = []
    for row, cells in enumerate(rows, start=first_row):
        found.append([])
        for col, cell in zip(COLUMNS, cells, strict=True):
            raw = sheet.cells.get((row, col + 1))
            formats = tuple(styles.formats(raw.style)) if raw is not None else cell.formats
            found[-1].append(replace(cell, formats=formats, raw=raw))
    return found


def _check_file_name(
    name: str, department: str, directory: Directory, problems: list[Problem]
) -> None:
    """A file named for one department that holds another's form is the wrong file."""
    stem = name.removesuffix(".xlsx")
    if any(alias in stem for alias in directory.aliases_of(department)):
        return
    others = [a for a, c in directory.departments.items() if c != department and a in stem]
    if others:
        problems.append(
            error(
                name,
                WHOLE,
                "wrong-department",
                f"文件名是“{others[0]}”的，表里却是“{department}”的填报表",
                "请确认交来的是不是本科室的表；核对后把文件改成正确的名字再汇总",
            )
        )


# --- one row --------------------------------------------------------------------------


def _entry(
    name: str,
    meta: FormMeta,
    row: int,
    expected: str,
    cells: list[Cell],
    leaves: dict[str, Leaf],
    directory: Directory,
    show_zeros: bool = True,
) -> Entry | list[Problem]:
    id_cell, completion_cell, note_cell = cells
    here = (row, ID_COL + 1)
    odd = raw_problem(name, here, id_cell.raw, "序号")
    if odd is not None:
        return [odd]
    shown = _text(id_cell.value)
    if shown != expected:
        return [
            cell_error(
                name,
                here,
                "changed-id",
                f"序号被改动：这一行原是 {expected}，现在是“{shown[:30]}”",
                "序号列不能改；请把它改回原样，或重新用 jixiao forms 生成填报表",
            )
        ]
    leaf = leaves.get(expected)
    if leaf is None:
        return [
            cell_error(
                name,
                here,
                "stale-form",
                f"考评表中已没有序号为 {expected} 的计分项",
                "填报表是按旧的 indicators.yaml 生成的，请重新生成后再填",
            )
        ]
    responsible = directory.canonical(leaf.departments)
    if meta.department not in responsible:
        return [
            cell_error(
                name,
                here,
                "wrong-department",
                f"{expected} 不是{meta.department}的计分项"
                f"（责任科室：{'、'.join(sorted(responsible))}）",
                "填报表可能被改动过，或是按旧的 indicators.yaml 生成的；请重新生成",
            )
        ]
    problems: list[Problem] = []
    pos = (row, COMPLETION_COL + 1)
    completion = _completion(completion_cell, name, pos, problems)
    if completion == 0 and not show_zeros:
        problems.append(zeros_problem(name, pos))
    note = _note(note_cell, name, (row, NOTE_COL + 1), problems)
    if problems:
        return problems
    return Entry(name, row, meta.department, leaf, completion, note)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _completion(cell: Cell, file: str, pos: Pos, problems: list[Problem]) -> Decimal | None:
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    odd = raw_problem(file, pos, cell.raw, "完成率")
    if odd is not None:
        problems.append(odd)
        return None

    def bad(message: str, hint: str = "请填 0 到 100 的数字，如 100、95 或 99.5") -> None:
        problems.append(cell_error(file, pos, "bad-completion", message, hint))

    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
        bad(f"完成率请直接填数字，不要用公式（{str(value)[:30]}）")
        return None
    if isinstance(value, bool):
        bad(f"完成率应填数字，这里是逻辑值 {'TRUE' if value else 'FALSE'}")
        return None
    if isinstance(value, (datetime, date, time)):
        bad("完成率应填数字，这里是日期或时间", "请把单元格格式改回“常规”后重新填写")
        return None
    if isinstance(value, str):
        text = " ".join(value.split())[:30]
        hint = "不要带 % 号，直接填 95 这样的数字" if "%" in text else "请填 0 到 100 的数字"
        bad(f"完成率应填数字，这里是文字“{text}”", hint)
        return None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        bad(f"完成率应填数字，这里是“{value}”")
        return None
    typed = plain(Decimal(value) if isinstance(value, int) else Decimal(repr(value)))
    if is_percent(cell.formats):
        bad(
            f"完成率单元格被设成了百分比格式：显示的 {plain(Decimal(typed) * 100)}% 实际是 {typed}",
            "请把单元格格式改回“常规”，再填 95 这样的数字（不带 % 号）",
        )
        return None
    odd = format_problem(file, pos, cell.formats, COMPLETION_FORMATS, "完成率")
    if odd is not None:
        problems.append(odd)
        return None
    try:
        return parse_completion(typed)
    except PydanticCustomError as exc:
        if exc.type == "decimals":
            bad(f"完成率 {typed} 超过两位小数", "完成率最多保留两位小数，如 99.55")
        else:
            bad(exc.message())
        return None


def _note(cell: Cell, file: str, pos: Pos, problems: list[Problem]) -> str | None:
    value = cell.value
    if value is None:
        return None
    odd = raw_problem(file, pos, cell.raw, "说明") or format_problem(
        file, pos, cell.formats, NOTE_FORMATS, "说明"
    )
    if odd is not None:
        problems.append(odd)
        return None
    if cell.data_type == "f":
        problems.append(
            cell_error(
                file, pos, "bad-note", "说明请直接写文字，不要用公式", "以 = 开头的内容会被当作公式"
            )
        )
        return None
    if isinstance(value, float):
        value = plain(Decimal(repr(value)))
    elif isinstance(value, (datetime, date, time)):
        value = value.isoformat()
    text = str(value).strip()
    odd = control_problem(file, pos, text)
    if odd is not None:
        problems.append(odd)
        return None
    return text or None
