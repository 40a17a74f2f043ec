"""Merging the departments' forms into one set of figures (`jixiao collect`).

What "no leaf claimed twice" means here:
- the same leaf twice in one form, or in two forms of the same department (a second,
  corrected copy of a form left beside the first), is an error naming both cells;
- a leaf shared by two departments is in both their forms: the same figure from both is
  fine, different figures are an error naming both cells; each department's note is
  kept, prefixed with its name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal

from .decimals import plain
from .directory import Directory
from .forms import department_leaves
from .formsheet import COMPLETION_COL, ID_COL, WHOLE, FormMeta, form_name
from .missing import missing_figure
from .model import Leaf, Scheme
from .problem import Problem, Severity, error, warning
from .resultsfile import QUARTER_NAMES
from .workbook import cell_error, cell_ref


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


@dataclass(frozen=True)
class Form:
    file: str
    meta: FormMeta
    entries: list[Entry]


def common_quarter(forms: list[Form], problems: list[Problem]) -> int:
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


def merge(
    forms: list[Form], problems: list[Problem]
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
                    cell_error(
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
                    cell_error(
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


def note_text(notes: list[tuple[str, str]], shared: bool) -> str | None:
    """The note; for a leaf shared by departments, each one's note under its name."""
    if not notes:
        return None
    if shared:
        return "；".join(f"{department}：{text}" for department, text in notes)
    return notes[0][1]


def missing(
    forms: list[Form],
    scheme: Scheme,
    directory: Directory,
    quarter: int,
    figures: dict[str, Decimal],
    problems: list[Problem],
) -> None:
    """Warnings: a department whose form did not come back or lacks one of its leaves (the
    scheme changed after the forms were made), a leaf nobody filled in."""
    received: dict[str, list[Form]] = {}
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
                    "催收后放进这个文件夹重新运行 collect；这些项在结果文件中留空",
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
                pos = (entry.row, COMPLETION_COL + 1)
                found = missing_figure(entry.file, pos, entry.leaf, directory, Severity.WARNING)
                problems.append(replace(found, cell=cell_ref(*pos)))
