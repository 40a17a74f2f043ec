"""`jixiao diff` output: table (Rich), json, markdown. Pure functions of a Diff.

The table and the markdown show the same sections, built once as rows of text; only rows
that changed are in them, except the bureau's score, which is always shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from rich.console import Group, RenderableType
from rich.table import Table

from ..diff import Change, Diff, Eligibility, EntryChanges, ScoreChange, Side
from ..model import Bonus, Deduction, short_title
from ..scoring import Score
from .jsontext import json_text
from .markdown import md_table
from .numbers import number, percent, two
from .safe import shown, visible
from .score import grade_style
from .tables import add_row, compact_table
from .views import PROVISIONAL, reasons

NONE = "—"
MISSING = "未填"
FIELD_LABELS = {
    "unit": "单位",
    "year": "年度",
    "source": "方案文号",
    "full_marks": "满分",
    "formula.target_factor": "目标考评得分折算比例",
    "formula.leadership_max": "领导评价满分",
    "formula.public_max": "公众评议满分",
    "formula.bonus_max": "正向激励上限",
    "grades": "等次",
    "progress.tolerance": "滞后容差",
    "section": "考评项目权重",
    "leaf": "计分项",
    "title": "内容",
    "weight": "权重",
    "deadline": "完成时限",
    "leaders": "分管领导",
    "departments": "责任科室",
    "persons": "科室责任人",
}
EVALUATION_LABELS = {"leadership": "领导评价", "public": "公众评议"}
KIND_LABELS = {"department": "科室", "person": "个人"}
UNCHANGED = "两份结果相同：完成率、评价、正向激励、察访核验扣分和考评方案都没有变化。"


@dataclass(frozen=True)
class Section:
    """One part of the report: a heading and a table of text cells."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    right: frozenset[str] = frozenset()
    fold: frozenset[str] = field(default=frozenset())


def side_line(kind: str, side: Side) -> str:
    mark = f"（{PROVISIONAL}：未填的完成率和评价按 0 计）" if side.card.provisional else ""
    return f"{kind}：{side.label}{mark}"


def _final(score: Score | None) -> str:
    return NONE if score is None else two(score.final)


def _grade(score: Score | None) -> str:
    return NONE if score is None else score.grade


def _delta(change: ScoreChange) -> str:
    if change.old is None or change.new is None:
        return NONE
    difference = Decimal(two(change.new.final)) - Decimal(two(change.old.final))
    return f"{difference:+.2f}" if difference else "0.00"


def bureau_line(diff: Diff) -> str:
    b = diff.bureau
    old, new = f"{_final(b.old)} {_grade(b.old)}", f"{_final(b.new)} {_grade(b.new)}"
    if old == new:
        return f"全局考评得分不变：{new}"
    return f"全局考评得分：{old} → {new}（{_delta(b)}）"


def _scores(diff: Diff) -> Section:
    rows = [["全局", "全局", *_score_cells(diff.bureau)]]
    rows += [["科室", c.name, *_score_cells(c)] for c in diff.departments]
    rows += [["分管领导", c.name, *_score_cells(c)] for c in diff.leaders]
    headers = ["类别", "名称", "原得分", "原等次", "现得分", "现等次", "增减"]
    return Section("考评得分与等次", headers, rows, right=frozenset({"原得分", "现得分", "增减"}))


def _score_cells(change: ScoreChange) -> list[str]:
    o, n = change.old, change.new
    return [_final(o), _grade(o), _final(n), _grade(n), _delta(change)]


def _figure(value: Decimal | None) -> str:
    return MISSING if value is None else percent(value)


def _title(title: str, short: bool) -> str:
    return short_title(title) if short else title


def _leaves(diff: Diff, short: bool) -> Section:
    rows = [[c.id, _title(c.title, short), _figure(c.old), _figure(c.new)] for c in diff.leaves]
    return Section(
        "完成率的变动",
        ["序号", "内容", "原完成率", "现完成率"],
        rows,
        right=frozenset({"原完成率", "现完成率"}),
        fold=frozenset({"内容"}),
    )


def _evaluations(diff: Diff) -> Section:
    rows = [
        [
            c.department or "全局",
            EVALUATION_LABELS[c.field],
            two(c.old) if c.old is not None else MISSING,
            two(c.new) if c.new is not None else MISSING,
        ]
        for c in diff.evaluations
    ]
    headers = ["范围", "项目", "原", "现"]
    return Section("领导评价和公众评议的变动", headers, rows, right=frozenset({"原", "现"}))


def _who(entry: Bonus) -> str:
    return "、".join([*entry.departments, *entry.persons])


def _reason(entry: Bonus) -> str:
    day = getattr(entry, "date", None)
    return entry.reason + (f"（{day.isoformat()}）" if day is not None else "")


def _both(old: str, new: str) -> str:
    return new if old == new else f"{old} → {new}"


def _entries(title: str, changes: EntryChanges[Bonus] | EntryChanges[Deduction]) -> Section:
    rows = [["新增", two(e.points), _reason(e), _who(e)] for e in changes.added]
    rows += [["删除", two(e.points), _reason(e), _who(e)] for e in changes.removed]
    rows += [
        ["修改", _both(two(o.points), two(n.points)), _reason(n), _both(_who(o), _who(n))]
        for o, n in changes.changed
    ]
    headers = ["变动", "分值", "原因", "科室和人员"]
    return Section(title, headers, rows, fold=frozenset({"原因", "科室和人员"}))


def _eligibility(diff: Diff) -> Section:
    rows = [["取消", KIND_LABELS[e.kind], e.name, "；".join(reasons(e.entry))] for e in diff.lost]
    rows += [
        ["恢复", KIND_LABELS[e.kind], e.name, "；".join(reasons(e.entry))] for e in diff.regained
    ]
    headers = ["资格", "类别", "名称", "原因"]
    return Section("评先评优资格的变动", headers, rows, fold=frozenset({"原因"}))


def _scheme(diff: Diff) -> Section:
    rows = [
        [c.item or "", FIELD_LABELS.get(c.field, c.field), c.old or NONE, c.new or NONE]
        for c in diff.scheme
    ]
    headers = ["序号或项目", "变动项", "原", "现"]
    return Section("考评方案的变动", headers, rows, fold=frozenset({"原", "现"}))


def sections(diff: Diff, *, short: bool = False) -> list[Section]:
    """The parts that have rows, in the order the clerk reads them: causes, then effects.
    `short`: long leaf titles cut at 40 characters (the terminal), as `score --detail` does."""
    parts = [
        _scheme(diff),
        _leaves(diff, short),
        _evaluations(diff),
        _entries("正向激励的变动", diff.bonuses),
        _entries("察访核验扣分的变动", diff.deductions),
        _scores(diff),
        _eligibility(diff),
    ]
    return [p for p in parts if p.rows]


# --- table ----------------------------------------------------------------------------


def _table(section: Section, grades: list[str]) -> Table:
    table = compact_table(section.title)
    for name in section.headers:
        fold = name in section.fold
        table.add_column(
            name,
            justify="right" if name in section.right else "left",
            no_wrap=not fold,
            overflow="fold",
            min_width=8 if fold else None,
        )
    columns = {i for i, name in enumerate(section.headers) if name.endswith("等次")}
    for row in section.rows:
        cells = [
            shown(cell, style=grade_style(grades, cell)) if i in columns else cell
            for i, cell in enumerate(row)
        ]
        add_row(table, *cells)
    return table


def render_table(diff: Diff) -> RenderableType:
    head = shown(side_line("旧", diff.old) + "\n" + side_line("新", diff.new), style="dim")
    parts: list[RenderableType] = [head, shown(bureau_line(diff), style="bold")]
    if diff.unchanged:
        parts.append(shown(UNCHANGED, style="green"))
    grades = [g.name for g in diff.new.card.scheme.grades]
    parts += [_table(section, grades) for section in sections(diff, short=True)]
    return Group(*parts)


# --- markdown -------------------------------------------------------------------------


def render_markdown(diff: Diff) -> str:
    lines = [
        f"# {diff.new.card.scheme.unit} 考评结果的变动",
        "",
        f"- {side_line('旧', diff.old)}",
        f"- {side_line('新', diff.new)}",
        f"- **{bureau_line(diff)}**",
    ]
    if diff.unchanged:
        lines += ["", UNCHANGED]
    for section in sections(diff):
        lines += ["", f"## {section.title}", ""]
        right = [i for i, name in enumerate(section.headers) if name in section.right]
        lines.append(md_table(section.headers, section.rows, right))
    return visible("\n".join(lines))


# --- json -----------------------------------------------------------------------------


def _score_json(score: Score | None) -> dict[str, object] | None:
    return None if score is None else {"final": number(score.final), "grade": score.grade}


def _named(change: ScoreChange) -> dict[str, object]:
    return {"name": change.name, "old": _score_json(change.old), "new": _score_json(change.new)}


def _decimal(value: Decimal | None) -> float | None:
    return None if value is None else number(value)


def _entry_json(entry: Bonus) -> dict[str, object]:
    out: dict[str, object] = {
        "points": number(entry.points),
        "reason": entry.reason,
        "departments": list(entry.departments),
        "persons": list(entry.persons),
    }
    if isinstance(entry, Deduction):
        out["date"] = entry.date.isoformat() if entry.date else None
    return out


def _entries_json(changes: EntryChanges[Bonus] | EntryChanges[Deduction]) -> dict[str, object]:
    return {
        "added": [_entry_json(e) for e in changes.added],
        "removed": [_entry_json(e) for e in changes.removed],
        "changed": [{"old": _entry_json(o), "new": _entry_json(n)} for o, n in changes.changed],
    }


def _eligibility_json(entry: Eligibility) -> dict[str, object]:
    return {"kind": entry.kind, "name": entry.name, "reasons": reasons(entry.entry)}


def _sides(diff: Diff, value: Callable[[Side], object]) -> dict[str, object]:
    return {"old": value(diff.old), "new": value(diff.new)}


def _change(change: Change[str]) -> dict[str, object]:
    return {"old": change.old, "new": change.new}


def to_json(diff: Diff) -> dict[str, object]:
    return {
        "files": _sides(diff, lambda s: s.label),
        "provisional": _sides(diff, lambda s: s.card.provisional),
        "bureau": {"old": _score_json(diff.bureau.old), "new": _score_json(diff.bureau.new)},
        "departments": [_named(c) for c in diff.departments],
        "leaders": [_named(c) for c in diff.leaders],
        "leaves": [
            {"id": c.id, "title": c.title, "old": _decimal(c.old), "new": _decimal(c.new)}
            for c in diff.leaves
        ],
        "evaluations": [
            {
                "department": c.department,
                "field": c.field,
                "old": _decimal(c.old),
                "new": _decimal(c.new),
            }
            for c in diff.evaluations
        ],
        "bonuses": _entries_json(diff.bonuses),
        "deductions": _entries_json(diff.deductions),
        "eligibility": {
            "lost": [_eligibility_json(e) for e in diff.lost],
            "regained": [_eligibility_json(e) for e in diff.regained],
        },
        "scheme": [{"item": c.item, "field": c.field, **_change(c)} for c in diff.scheme],
    }


def render_json(diff: Diff) -> str:
    return json_text(to_json(diff))


RENDERERS: dict[str, Callable[[Diff], RenderableType]] = {
    "table": render_table,
    "json": render_json,
    "markdown": render_markdown,
}
