"""What `collect` reads must be what the liaison and the clerk see in Excel or WPS.

A number format can show a completion cell as anything (`"100"` shows 100 whatever is typed,
`0` shows 99.5 as 100, `;;;` shows nothing); a hidden row or column, merged cells or
conditional formatting over the table, and zeros not shown hide figures that would be
scored; a value whose XML is not a plain decimal (`1_00`, `１００`, ` 50`, `&#49;00`, `-0`) is
read as a number by Python where Excel shows something else or refuses the file; control
characters in a note are invisible. Each is an error naming the cell (sheetxml reads what
these rules look at).
"""

from __future__ import annotations

import re

from .characters import HIDDEN, describe
from .problem import Pos, Problem
from .sheetxml import RawCell, SheetXml, Table
from .workbook import cell_error, cell_ref

# `forms` writes the completion and note cells with the "input" and "input_text" styles of
# report/sheets.py, which set no number format: General (numFmtId 0; openpyxl says "General").
COMPLETION_FORMATS = frozenset({"general"})
NOTE_FORMATS = frozenset({"general", "@"})  # "@" (文本) shows text as typed
_PLAIN = {
    "n": re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?"),  # a number, as every spreadsheet writes it
    "s": re.compile(r"0|[1-9][0-9]*"),  # the index of a shared string
    "b": re.compile(r"[01]"),  # a logical value
}
_NEGATIVE_ZERO = re.compile(r"-0(\.0+)?")
_REDO = "请删除这个单元格的内容，重新输入后保存；文件可能被其他程序改写过"


def layout_problems(file: str, sheet: SheetXml, table: Table) -> list[Problem]:
    """Hidden rows and columns, merged cells and conditional formatting over the table."""
    problems = []
    for row in sheet.hidden_rows:
        problems.append(
            cell_error(
                file,
                (row, 1),
                "hidden-cells",
                f"第 {row} 行被隐藏（或行高几乎为 0）：这一行填的内容看不见，却会被汇总",
                "选中它上下相邻的两行，右键“取消隐藏”（或把行高调大），核对后再交回",
            )
        )
    for column in sheet.hidden_columns:
        letter = cell_ref(1, column)[:-1]
        problems.append(
            cell_error(
                file,
                (table.first_row, column),
                "hidden-cells",
                f"{letter} 列被隐藏（或列宽几乎为 0）：这一列填的内容看不见，却会被汇总",
                "选中它左右相邻的两列，右键“取消隐藏”（或把列宽调大），核对后再交回",
            )
        )
    for ref, first in sheet.merged:
        problems.append(
            cell_error(
                file,
                first,
                "hidden-cells",
                f"{ref} 是合并单元格：合并后只显示左上角单元格，其余单元格的内容看不见",
                "选中它，点“合并后居中”取消合并，核对每个单元格后再交回",
            )
        )
    for ref, first in sheet.conditional:
        problems.append(
            cell_error(
                file,
                first,
                "conditional-format",
                f"{ref or '表格'} 设置了条件格式：它能改变数字的显示（甚至把数字藏起来）",
                "在“开始 → 条件格式 → 清除规则 → 清除整个工作表的规则”后再交回",
            )
        )
    return problems


def raw_problem(file: str, pos: Pos, raw: RawCell | None, what: str) -> Problem | None:
    """A value the file does not hold as a plain decimal (or a plain string or logical index)."""
    if raw is None or not raw.text or raw.kind not in _PLAIN:  # openpyxl reads <v/> as empty
        return None
    if not raw.literal:
        message = (
            f"{what}单元格的值在文件中不是直接写出的（用了字符引用、CDATA 或注释），"
            "Excel 显示的可能与读到的不同"
        )
    elif not _PLAIN[raw.kind].fullmatch(raw.text) or _NEGATIVE_ZERO.fullmatch(raw.text):
        message = (
            f"{what}单元格在文件中存的是“{_literal(raw.text)}”，不是普通的数字写法，"
            "Excel 显示的可能与读到的不同"
        )
    else:
        return None
    return cell_error(file, pos, "raw-value", message, _REDO)


def format_problem(
    file: str, pos: Pos, formats: tuple[str, ...], allowed: frozenset[str], what: str
) -> Problem | None:
    """A number format other than those `forms` writes: it may show something else."""
    odd = [code for code in formats if code.lower() not in allowed]
    if not odd:
        return None
    shown = "“常规”" if allowed == COMPLETION_FORMATS else "“常规”或“文本”"
    return cell_error(
        file,
        pos,
        "number-format",
        f"{what}单元格的数字格式是“{_literal(odd[0])}”：显示的可能不是单元格里存的内容，"
        f"只能用{shown}格式",
        "请把单元格格式改回“常规”，再重新输入；从别处粘贴时请用“选择性粘贴 → 数值”",
    )


def is_percent(formats: tuple[str, ...]) -> bool:
    """A percent format: 95% typed is stored as 0.95 (quoted text such as `0"%"` is not one)."""
    return any("%" in re.sub(r'"[^"]*"|\\.', "", code) for code in formats)


def zeros_problem(file: str, pos: Pos) -> Problem:
    return cell_error(
        file,
        pos,
        "number-format",
        "工作表设置了不显示零值：这里的完成率 0 显示为空白",
        "在“文件 → 选项 → 高级”中勾选“在具有零值的单元格中显示零”，核对后再交回",
    )


def control_problem(file: str, pos: Pos, text: str) -> Problem | None:
    """A control, line-separator, zero-width or bidi character in a note (tab and line breaks
    aside): invisible in Excel, and no data file may hold it (characters.HIDDEN)."""
    found = HIDDEN.search(text)
    if found is None:
        return None
    return cell_error(
        file,
        pos,
        "invisible-char",
        f"说明的第 {found.start() + 1} 个字符是看不见的字符 {describe(found.group())}",
        "请删除这个字符后再交回；它常来自从网页、PDF 或其他软件复制的文字",
    )


def _literal(text: str, limit: int = 20) -> str:
    """Text with spaces kept and every unprintable character written as \\uXXXX."""
    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04X}" for c in text[:limit])
    return shown + ("…" if len(text) > limit else "")
