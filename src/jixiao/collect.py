"""`jixiao collect`: read the filled department forms back into a results file.

Every value is checked where it was typed, and each problem names its cell: Problem.file
is the workbook's file name, line the row and column the column, shown as
`2024-Q3-协调科.xlsx!F7: 完成率 120 超过 100` (`cell_ref`). Nothing is returned to write
when any problem is an error.

What "no leaf claimed twice" means here:
- the same leaf twice in one form, or in two forms of the same department (a second,
  corrected copy of a form left beside the first), is an error naming both cells;
- a leaf in the form of a department the scheme does not make responsible for it is an
  error (the form was made for an older scheme, or altered);
- a leaf shared by two departments is in both their forms: the same figure from both is
  fine, different figures are an error naming both cells; each department's note is
  kept, prefixed with its name.

openpyxl is imported only here, and reads in read-only mode, row by row, so a huge or
hostile workbook costs bounded memory; files are size-checked before they are opened.
"""

from __future__ import annotations

import math
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from .checks import Directory
from .decimals import plain
from .forms import (
    COMPLETION_COL,
    FORM_MARK,
    FORM_SHEET,
    FORM_VERSION,
    ID_COL,
    META_KEYS,
    META_LEAVES_ROW,
    META_SHEET,
    NOTE_COL,
    FormMeta,
    department_leaves,
    form_name,
    quarter_end,
)
from .model import Leaf, Scheme
from .problem import Problem, error, has_errors, warning
from .template import QUARTER_NAMES
from .yamltext import comment, quote

MAX_FILE_BYTES = 10 * 1024 * 1024  # a filled form is some 10 KB
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_LEAVES = 10_000
WHOLE = (0, 0)


def cell_ref(row: int, column: int) -> str:
    """`(7, 6)` -> `F7`."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


def place(problem: Problem) -> str:
    """`2024-Q3-协调科.xlsx!F7`, or just the file name for a problem with the whole file."""
    if problem.line and problem.column:
        return f"{problem.file}!{cell_ref(problem.line, problem.column)}"
    return problem.file


@dataclass(frozen=True)
class Cell:
    """What openpyxl read from one cell: enough to tell a number from text, a formula or 95%."""

    value: object
    number_format: str
    data_type: str


@dataclass(frozen=True)
class Entry:
    """One leaf's row in one form."""

    file: str
    row: int
    department: str
    leaf: Leaf
    completion: Decimal | None
    note: str | None

    @property
    def id_cell(self) -> str:
        return f"{self.file}!{cell_ref(self.row, ID_COL + 1)}"

    @property
    def completion_cell(self) -> str:
        return f"{self.file}!{cell_ref(self.row, COMPLETION_COL + 1)}"


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(frozen=True)
class _Form:
    file: str
    meta: FormMeta
    entries: list[Entry]


def collect(
    paths: Sequence[Path], scheme: Scheme, directory: Directory
) -> tuple[str | None, list[Problem]]:
    """The results YAML for the filled forms at `paths`, or None when any problem is an error."""
    leaves = {leaf.id: leaf for leaf in scheme.leaves()}
    problems: list[Problem] = []
    forms: list[_Form] = []
    for path in sorted(paths, key=lambda p: p.name):
        try:
            forms.append(_read_form(path, scheme, directory, leaves, problems))
        except _Refused as refused:
            problems.append(refused.problem)
    if not forms:
        if not problems:
            problems.append(error("", WHOLE, "no-forms", "没有可读的填报表"))
        return None, sorted(problems, key=Problem.sort_key)
    quarter = _common_quarter(forms, problems)
    figures, notes = _merge(forms, directory, problems)
    _missing(forms, scheme, directory, quarter, figures, problems)
    problems.sort(key=Problem.sort_key)
    if has_errors(problems):
        return None, problems
    return render_results(scheme, directory, quarter, forms, figures, notes), problems


# --- reading one form -----------------------------------------------------------------


def _read_form(
    path: Path,
    scheme: Scheme,
    directory: Directory,
    leaves: dict[str, Leaf],
    problems: list[Problem],
) -> _Form:
    """Check one filled form; problems with single cells go to `problems`, a bad file raises."""
    name = path.name
    _check_container(path, name)
    with _workbook(path, name) as book:
        meta = _meta(_read(name, lambda: _meta_rows(book)), name, scheme, directory)
        rows = _read(name, lambda: _form_rows(book, meta))
    _check_file_name(name, meta.department, directory, problems)
    entries = []
    for offset, (expected, cells) in enumerate(zip(meta.ids, rows, strict=True)):
        entry = _entry(name, meta, meta.first_row + offset, expected, cells, leaves, directory)
        if isinstance(entry, Entry):
            entries.append(entry)
        else:
            problems.extend(entry)
    return _Form(name, meta, entries)


def _check_container(path: Path, name: str) -> None:
    """Refuse what is not a workbook of sane size before openpyxl parses anything."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _Refused(error(name, WHOLE, "file-too-large", f"{name} 过大，不像是填报表"))
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise _Refused(
            error(
                name,
                WHOLE,
                "not-xlsx",
                f"{name} 不是 .xlsx 格式的工作簿",
                "若是 .xls 或 WPS 的 .et 文件，请在 Excel/WPS 中“另存为” .xlsx",
            )
        ) from None
    if unzipped > MAX_UNZIPPED_BYTES:
        raise _Refused(error(name, WHOLE, "file-too-large", f"{name} 解压后过大，不像是填报表"))


@contextmanager
def _workbook(path: Path, name: str) -> Iterator[Any]:
    """openpyxl's read-only workbook (streamed row by row), closed afterwards."""
    import openpyxl

    book = _read(name, lambda: openpyxl.load_workbook(path, read_only=True, data_only=False))
    try:
        yield book
    finally:
        book.close()


def _read(name: str, read: Any) -> Any:
    """Run an openpyxl read; whatever a malformed file makes it raise becomes one problem."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it skips
            return read()
    except _Refused:
        raise
    except Exception as exc:
        raise _Refused(
            error(
                name,
                WHOLE,
                "bad-xlsx",
                f"{name} 无法读取（{type(exc).__name__}），文件可能已损坏",
                "请在 Excel/WPS 中打开后重新保存，或重新用 jixiao forms 生成",
            )
        ) from None


def _not_a_form(name: str, why: str) -> _Refused:
    return _Refused(
        error(
            name,
            WHOLE,
            "not-a-form",
            f"{name} 不是 jixiao forms 生成的填报表（{why}）",
            "请在 jixiao forms 生成的表格中填写，不要另建表格或复制到新工作簿",
        )
    )


def _meta_rows(book: Any) -> list[tuple[object, ...]]:
    if META_SHEET not in book.sheetnames or FORM_SHEET not in book.sheetnames:
        return []
    sheet = book[META_SHEET]
    rows = sheet.iter_rows(max_row=META_LEAVES_ROW + MAX_LEAVES, max_col=2, values_only=True)
    return [(*row, None, None)[:2] for row in rows]


def _meta(
    rows: list[tuple[object, ...]], name: str, scheme: Scheme, directory: Directory
) -> FormMeta:
    if not rows:
        raise _not_a_form(name, f"缺少“{FORM_SHEET}”或隐藏的“{META_SHEET}”工作表")
    values = {str(row[0]): "" if row[1] is None else str(row[1]) for row in rows[:META_LEAVES_ROW]}
    if [str(row[0]) for row in rows[:META_LEAVES_ROW]] != list(META_KEYS):
        raise _not_a_form(name, "隐藏的登记信息不完整")
    if values["form"] != FORM_MARK:
        raise _not_a_form(name, "隐藏的登记信息不对")
    if values["version"] != FORM_VERSION:
        raise _Refused(
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
        raise _Refused(
            error(
                name,
                WHOLE,
                "unknown-department",
                f"{name} 是“{values['department']}”的填报表，staff.yaml 中没有这个科室",
            )
        )
    if values["year"] != str(scheme.year):
        raise _Refused(
            error(
                name,
                WHOLE,
                "year-mismatch",
                f"{name} 是 {values['year']} 年度的填报表，而考评方案是 {scheme.year} 年度",
            )
        )
    ids = tuple(str(row[1]) for row in rows[META_LEAVES_ROW:] if row[0] == "leaf")
    first_row = values["first_row"]
    if (
        values["quarter"] not in ("1", "2", "3", "4")
        or not (first_row.isdigit() and 1 <= int(first_row) <= 1000)
        or len(ids) > len(scheme.leaves())  # no honest form lists more leaves than the scheme
    ):
        raise _not_a_form(name, "隐藏的登记信息不对")
    return FormMeta(department, scheme.year, int(values["quarter"]), int(first_row), ids)


def _form_rows(book: Any, meta: FormMeta) -> list[list[Cell]]:
    """The id, completion and note cells of each leaf row (missing rows read as empty)."""
    rows: list[list[Cell]] = []
    if meta.ids:
        sheet = book[FORM_SHEET]
        last = meta.first_row + len(meta.ids) - 1
        for row in sheet.iter_rows(min_row=meta.first_row, max_row=last, max_col=NOTE_COL + 1):
            rows.append([_cell(row, col) for col in (ID_COL, COMPLETION_COL, NOTE_COL)])
    empty = Cell(None, "General", "n")
    return rows + [[empty, empty, empty]] * (len(meta.ids) - len(rows))


def _cell(row: tuple[Any, ...], col: int) -> Cell:
    if col >= len(row):
        return Cell(None, "General", "n")
    cell = row[col]
    return Cell(cell.value, cell.number_format or "General", cell.data_type or "n")


def _check_file_name(
    name: str, department: str, directory: Directory, problems: list[Problem]
) -> None:
    """A file named for one department that holds another's form is the wrong file."""
    stem = name.removesuffix(".xlsx")
    own = [alias for alias, canonical in directory.departments.items() if canonical == department]
    if any(alias in stem for alias in own):
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
) -> Entry | list[Problem]:
    id_cell, completion_cell, note_cell = cells
    here = (row, ID_COL + 1)
    shown = _text(id_cell.value)
    if shown != expected:
        return [
            error(
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
            error(
                name,
                here,
                "stale-form",
                f"考评表中已没有序号为 {expected} 的计分项",
                "填报表是按旧的 indicators.yaml 生成的，请重新生成后再填",
            )
        ]
    responsible = set(directory.canonical(leaf.departments))
    if meta.department not in responsible:
        return [
            error(
                name,
                here,
                "wrong-department",
                f"{expected} 不是{meta.department}的计分项"
                f"（责任科室：{'、'.join(sorted(responsible))}）",
                "填报表可能被改动过，或是按旧的 indicators.yaml 生成的；请重新生成",
            )
        ]
    problems: list[Problem] = []
    completion = _completion(completion_cell, name, (row, COMPLETION_COL + 1), problems)
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


def _completion(
    cell: Cell, file: str, pos: tuple[int, int], problems: list[Problem]
) -> Decimal | None:
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None

    def bad(message: str, hint: str = "请填 0 到 100 的数字，如 100、95 或 99.5") -> None:
        problems.append(error(file, pos, "bad-completion", message, hint))

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
    figure = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    shown = plain(figure)
    if "%" in cell.number_format:
        bad(
            f"完成率单元格被设成了百分比格式：显示的 {plain(figure * 100)}% 实际是 {shown}",
            "请把单元格格式改回“常规”，再填 95 这样的数字（不带 % 号）",
        )
        return None
    if figure > 100:
        bad(f"完成率 {shown} 超过 100")
    elif figure < 0:
        bad(f"完成率 {shown} 不能小于 0")
    elif -figure.normalize().as_tuple().exponent > 2:  # type: ignore[operator]
        bad(f"完成率 {shown} 超过两位小数", "完成率最多保留两位小数，如 99.55")
    else:
        return figure
    return None


def _note(cell: Cell, file: str, pos: tuple[int, int], problems: list[Problem]) -> str | None:
    value = cell.value
    if value is None:
        return None
    if cell.data_type == "f":
        problems.append(
            error(
                file, pos, "bad-note", "说明请直接写文字，不要用公式", "以 = 开头的内容会被当作公式"
            )
        )
        return None
    if isinstance(value, float):
        value = plain(Decimal(repr(value)))
    elif isinstance(value, (datetime, date, time)):
        value = value.isoformat()
    text = str(value).strip()
    return text or None


# --- across forms ---------------------------------------------------------------------


def _common_quarter(forms: list[_Form], problems: list[Problem]) -> int:
    """All forms must be for one quarter: the one most of them are for."""
    counts = Counter(form.meta.quarter for form in forms)
    quarter = counts.most_common(1)[0][0]
    for form in forms:
        if form.meta.quarter != quarter:
            problems.append(
                error(
                    form.file,
                    WHOLE,
                    "quarter-mismatch",
                    f"这是{QUARTER_NAMES[form.meta.quarter]}的填报表，其余是{QUARTER_NAMES[quarter]}的",
                    "一次只汇总同一季度的填报表；请把它移出文件夹",
                )
            )
    return quarter


def _merge(
    forms: list[_Form], directory: Directory, problems: list[Problem]
) -> tuple[dict[str, Decimal], dict[str, list[tuple[str, str]]]]:
    """Figures and notes by leaf id; a leaf claimed twice, or two different figures, is an error."""
    by_leaf: dict[str, list[Entry]] = {}
    for form in forms:
        for entry in form.entries:
            by_leaf.setdefault(entry.leaf.id, []).append(entry)
    figures: dict[str, Decimal] = {}
    notes: dict[str, list[tuple[str, str]]] = {}
    for leaf_id, entries in by_leaf.items():
        first_of: dict[str, Entry] = {}
        source: Entry | None = None
        for entry in entries:
            first = first_of.setdefault(entry.department, entry)
            if first is not entry:
                problems.append(
                    error(
                        entry.file,
                        (entry.row, ID_COL + 1),
                        "duplicate-leaf",
                        f"{leaf_id} 重复填报：{first.id_cell} 已经有{entry.department}的这一项",
                        "同一科室的一个计分项只能填一次；多余的表请移出文件夹",
                    )
                )
                continue
            if entry.note is not None:
                notes.setdefault(leaf_id, []).append((entry.department, entry.note))
            if entry.completion is None:
                continue
            if source is None:
                source = entry
                figures[leaf_id] = entry.completion
            elif entry.completion != source.completion:
                problems.append(
                    error(
                        entry.file,
                        (entry.row, COMPLETION_COL + 1),
                        "conflicting-figure",
                        f"{leaf_id} 由{source.department}和{entry.department}共同负责，"
                        "完成率不一致："
                        f"这里是 {plain(entry.completion)}，"
                        f"{source.completion_cell} 是 {plain(figures[leaf_id])}",
                        "请两个科室商定一个完成率后再汇总",
                    )
                )
    return figures, notes


def _missing(
    forms: list[_Form],
    scheme: Scheme,
    directory: Directory,
    quarter: int,
    figures: dict[str, Decimal],
    problems: list[Problem],
) -> None:
    """Warnings: a department whose form did not come back or lacks one of its leaves (the
    scheme changed after the forms were made), a leaf nobody filled in."""
    received: dict[str, list[_Form]] = {}
    for form in forms:
        received.setdefault(form.meta.department, []).append(form)
    for department, leaves in department_leaves(scheme, directory).items():
        own = received.get(department)
        if own is None:
            ids = "、".join(leaf.id for leaf in leaves)
            problems.append(
                warning(
                    form_name(scheme.year, quarter, department),
                    WHOLE,
                    "form-missing",
                    f"没有收到{department}的填报表（{ids}）",
                )
            )
            continue
        listed = {leaf_id for form in own for leaf_id in form.meta.ids}
        absent = [leaf.id for leaf in leaves if leaf.id not in listed]
        if absent:
            problems.append(
                warning(
                    own[0].file,
                    WHOLE,
                    "form-incomplete",
                    f"{department}的填报表中没有 {'、'.join(absent)}",
                    "填报表生成后 indicators.yaml 有变动；请重新生成后补填，或直接在结果文件中填写",
                )
            )
    warned: set[str] = set()
    for form in forms:
        for entry in form.entries:
            leaf_id = entry.leaf.id
            if leaf_id not in figures and leaf_id not in warned:
                warned.add(leaf_id)
                problems.append(
                    warning(
                        entry.file,
                        (entry.row, COMPLETION_COL + 1),
                        "missing-figure",
                        f"{leaf_id} 尚未填写完成率",
                    )
                )


# --- the results file -----------------------------------------------------------------


def render_results(
    scheme: Scheme,
    directory: Directory,
    quarter: int,
    forms: list[_Form],
    figures: dict[str, Decimal],
    notes: dict[str, list[tuple[str, str]]],
) -> str:
    """The results file: every leaf in the scheme's order, filled or left blank."""
    as_of = quarter_end(scheme.year, quarter)
    lines = [
        f"# {comment(scheme.unit)} {scheme.year} 年{QUARTER_NAMES[quarter]}绩效考评完成情况",
        f"# 由 jixiao collect 从 {len(forms)} 份科室填报表汇总生成：",
        *(f"#   {comment(form.file)}（{comment(form.meta.department)}）" for form in forms),
        "",
        f"year: {scheme.year}",
        f"as_of: {as_of.isoformat()}",
        "",
        "completion:               # 完成率（%），按序号",
    ]
    for leaf in scheme.leaves():
        figure = figures.get(leaf.id)
        shared = len(directory.canonical(leaf.departments)) > 1
        text = _note_text(notes.get(leaf.id, []), shared)
        key = f"  {quote(leaf.id)}:"
        if text is not None:
            shown = "" if figure is None else f"completion: {plain(figure)}, "
            lines.append(f"{key} {{{shown}note: {quote(text)}}}")
        elif figure is not None:
            lines.append(f"{key} {plain(figure)}")
        else:
            lines.append(f"{key}                     # 未填报")
    lines += [
        "",
        "evaluation:               # 年终评价；季度检查时留空即可",
        "  leadership:",
        "  public:",
        "",
        "bonuses: []",
        "deductions: []",
    ]
    return "\n".join(lines) + "\n"


def _note_text(notes: list[tuple[str, str]], shared: bool) -> str | None:
    """The note; for a leaf shared by departments, each one's note under its name."""
    if not notes:
        return None
    if shared:
        return "；".join(f"{department}：{text}" for department, text in notes)
    return notes[0][1]
