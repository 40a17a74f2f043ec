"""`jixiao score` output: table (Rich), json, csv, markdown. Pure functions of a Scorecard.

Each renderer returns what it shows: a Rich renderable for the terminal, or text; the
workbook (`report.xlsx.score_workbook`) returns bytes."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..scoring import Ineligible, LeafScore, Score, Scorecard
from .csvtext import Block, csv_text
from .jsontext import json_text
from .markdown import md_table
from .numbers import number, percent, two
from .safe import shown, visible
from .tables import add_columns, add_row, compact_table, with_note
from .views import (
    PROVISIONAL,
    View,
    factor_percent,
    formula_lines,
    formula_terms,
    ineligible_in_view,
    missing_note,
    provisional_mark,
    reasons,
    selected,
)
from .wrap import Prose, terms

# Colours by a grade's place in the scheme's own order: the best green, the lowest red.
BEST, MIDDLE, LOWEST = "bold green", ("cyan", "yellow"), "bold red"


# --- table ----------------------------------------------------------------------------


def grade_style(names: list[str], grade: str) -> str:
    if grade not in names:
        return ""
    place = names.index(grade)
    if place == 0:
        return BEST
    if place == len(names) - 1:
        return LOWEST
    return MIDDLE[(place - 1) % len(MIDDLE)]


def _grade(card: Scorecard, grade: str) -> Text:
    return shown(grade, style=grade_style([g.name for g in card.scheme.grades], grade))


def _bureau_panel(card: Scorecard) -> Panel:
    b = card.bureau
    title = f"{card.scheme.unit} {card.scheme.year} 年度绩效考评"
    if card.provisional:
        title += f"（{PROVISIONAL}）"
    lines: list[RenderableType] = [terms(t) for t in formula_terms(b, factor_percent(card))]
    grade = Text("等次：")
    grade.append_text(_grade(card, b.grade))
    as_of = card.results.as_of
    if as_of is not None:
        grade.append(f"    统计截止：{as_of.isoformat()}", style="dim")
    lines.append(Prose(grade))
    if card.provisional:
        lines.append(Prose(f"{PROVISIONAL}：{missing_note(card)}", style="bold yellow"))
    return Panel(Group(*lines), title=shown(title), title_align="left", border_style="blue")


SCORE_COLUMNS = ("满分", "目标分", "折算分", "领导", "公众", "激励", "扣分", "考评得分")


def _figures(s: Score) -> list[str]:
    """满分 … 考评得分, in the order of every score table."""
    figures = (s.max_points, s.target, s.weighted, s.leadership, s.public, s.bonus, s.deduction)
    return [two(value) for value in (*figures, s.final)]


def _score_table(card: Scorecard, title: str, first: str, scores: list[Score]) -> Table:
    table = compact_table(title)
    add_columns(table, [first, *SCORE_COLUMNS, "等次"], right=set(SCORE_COLUMNS))
    for s in scores:
        *figures, final = _figures(s)
        add_row(table, s.name, *figures, shown(final, style="bold"), _grade(card, s.grade))
    return table


def _detail_table(leaves: list[LeafScore], mark: str) -> Table:
    table = compact_table(f"计分明细{mark}")
    figures = {"权重", "完成率", "得分"}
    add_columns(
        table, ["序号", "内容", "权重", "完成率", "得分", "责任科室", "科室责任人"], right=figures
    )
    for s in leaves:
        completion = "未填" if s.missing else percent(s.completion)
        add_row(
            table,
            s.leaf.id,
            with_note(s.leaf.short_title, s.note),
            two(s.leaf.weight),
            shown(completion, style="yellow" if s.missing or s.completion < 100 else ""),
            two(s.points),
            "、".join(s.departments),
            "、".join(s.leaf.persons),
        )
    return table


def _ineligible_table(
    departments: list[Ineligible], persons: list[Ineligible], mark: str
) -> Table | Text:
    if not departments and not persons:
        return shown(f"评先评优资格{mark}：无人被取消。", style="green")
    table = compact_table(f"取消当年度评先评优资格{mark}")
    add_columns(table, ["类别", "名称", "原因"])
    for kind, entries in (("科室", departments), ("个人", persons)):
        for entry in entries:
            name = shown(entry.name)
            if entry.rectify:
                name.append("（限期整改）", style="bold red")
            add_row(table, kind, name, "；".join(reasons(entry)))
    return table


def render_table(card: Scorecard, view: View) -> RenderableType:
    departments, leaders, leaves = selected(card, view)
    parts: list[object] = [_bureau_panel(card)]
    suffix = provisional_mark(card)
    if departments:
        parts.append(_score_table(card, f"科室考评得分{suffix}", "科室", departments))
    elif view.department is not None:  # a department with no leaves of its own
        parts.append(Prose(f"科室“{view.department}”在考评表中没有计分项，不评等次。"))
    if leaders:
        parts.append(_score_table(card, f"分管领导考评得分{suffix}", "分管领导", leaders))
    elif view.leader is not None:  # a member of the leadership group who oversees no leaf
        parts.append(Prose(f"“{view.leader}”在考评表中没有分管的计分项，不评等次。"))
    if leaves and view.leaves:
        parts.append(_detail_table(leaves, suffix))
    parts.append(_ineligible_table(*ineligible_in_view(card, view), suffix))
    return Group(*parts)  # type: ignore[arg-type]


# --- json -----------------------------------------------------------------------------


def _score_dict(s: Score) -> dict[str, object]:
    return {
        "name": s.name,
        "max_points": number(s.max_points),
        "target": number(s.target),
        "weighted": number(s.weighted),
        "leadership": number(s.leadership),
        "public": number(s.public),
        "bonus": number(s.bonus),
        "deduction": number(s.deduction),
        "final": number(s.final),
        "grade": s.grade,
    }


def _leaf_dict(s: LeafScore) -> dict[str, object]:
    return {
        "id": s.leaf.id,
        "title": s.leaf.title,
        "section": s.leaf.section.name,
        "group": s.leaf.group.name if s.leaf.group else None,
        "indicator": s.leaf.indicator.id,
        "weight": number(s.leaf.weight),
        "completion": None if s.missing else number(s.completion),
        "points": number(s.points),
        "leaders": s.leaf.leaders,
        "departments": list(s.departments),
        "persons": s.leaf.persons,
        "note": s.note,
    }


def to_json_dict(card: Scorecard, view: View) -> dict[str, object]:
    departments, leaders, leaves = selected(card, view)
    ineligible_departments, ineligible_persons = ineligible_in_view(card, view)
    bureau = _score_dict(card.bureau)
    del bureau["name"], bureau["max_points"]
    bureau["provisional"] = card.provisional
    doc: dict[str, object] = {
        "unit": card.scheme.unit,
        "year": card.scheme.year,
        "as_of": card.results.as_of.isoformat() if card.results.as_of else None,
        "bureau": bureau,
        "departments": [{**_score_dict(s), "provisional": card.provisional} for s in departments],
        "leaders": [{**_score_dict(s), "provisional": card.provisional} for s in leaders],
        "ineligible": {
            "departments": [i.name for i in ineligible_departments],
            "persons": [i.name for i in ineligible_persons],
            "reasons": {i.name: reasons(i) for i in ineligible_departments + ineligible_persons},
            "rectify": [i.name for i in ineligible_departments if i.rectify],
        },
        "missing": card.missing + [f"evaluation.{key}" for key in card.missing_evaluations],
    }
    if view.leaves:
        doc["leaves"] = [_leaf_dict(s) for s in leaves]
    return doc


def render_json(card: Scorecard, view: View) -> str:
    return json_text(to_json_dict(card, view))


# --- csv and markdown -----------------------------------------------------------------

SCORE_HEADERS = [
    "类别", "名称", "满分", "目标考评得分", "折算得分", "领导评价", "公众评议",
    "正向激励", "察访核验扣分", "考评得分", "等次",
]  # fmt: skip
SCORE_FIGURES = range(2, 10)  # 满分 … 考评得分: right-aligned in markdown
LEAF_HEADERS = [
    "序号",
    "内容",
    "权重",
    "完成率",
    "得分",
    "分管领导",
    "责任科室",
    "科室责任人",
    "说明",
]


LEAF_FIGURES = (2, 3, 4)  # 权重, 完成率, 得分


def score_rows(card: Scorecard, view: View) -> list[list[str]]:
    departments, leaders, _ = selected(card, view)
    mark = f"（{PROVISIONAL}）" if card.provisional else ""
    rows = [_score_row(f"全局{mark}", card.bureau)]
    rows += [_score_row(f"科室{mark}", s) for s in departments]
    rows += [_score_row(f"分管领导{mark}", s) for s in leaders]
    return rows


def _score_row(kind: str, s: Score) -> list[str]:
    return [kind, s.name, *_figures(s), s.grade]


def leaf_rows(card: Scorecard, view: View) -> list[list[str]]:
    return [
        [
            s.leaf.id,
            s.leaf.title,
            two(s.leaf.weight),
            "" if s.missing else f"{s.completion:f}",
            two(s.points),
            "、".join(s.leaf.leaders),
            "、".join(s.departments),
            "、".join(s.leaf.persons),
            s.note or "",
        ]
        for s in selected(card, view)[2]
    ]


def render_csv(card: Scorecard, view: View) -> str:
    """The scores; with --detail, --department or --leader, a blank line and then the leaves."""
    blocks: list[Block] = [(SCORE_HEADERS, score_rows(card, view))]
    if view.leaves:
        blocks.append((LEAF_HEADERS, leaf_rows(card, view)))
    return csv_text(*blocks)


def render_markdown(card: Scorecard, view: View) -> str:
    title = f"# {card.scheme.unit} {card.scheme.year} 年度绩效考评"
    if card.provisional:
        title += f"（{PROVISIONAL}）"
    weighted, final = formula_lines(card.bureau, factor_percent(card))
    parts = [title, "", f"- {weighted}", f"- {final}", f"- 等次：**{card.bureau.grade}**"]
    if card.provisional:
        parts += [
            "",
            f"> {PROVISIONAL}：{missing_note(card)}",
        ]
    mark = provisional_mark(card)
    parts += [
        "",
        f"## 考评得分{mark}",
        "",
        md_table(SCORE_HEADERS, score_rows(card, view), right=SCORE_FIGURES),
    ]
    if view.leaves:
        parts += [
            "",
            f"## 计分明细{mark}",
            "",
            md_table(LEAF_HEADERS, leaf_rows(card, view), right=LEAF_FIGURES),
        ]
    departments, persons = ineligible_in_view(card, view)
    parts += ["", f"## 取消当年度评先评优资格{mark}", ""]
    entries = [("科室", i) for i in departments] + [("个人", i) for i in persons]
    if entries:
        rows = [
            [kind, i.name + ("（限期整改）" if i.rectify else ""), "；".join(reasons(i))]
            for kind, i in entries
        ]
        parts.append(md_table(["类别", "名称", "原因"], rows))
    else:
        parts.append("无。")
    return visible("\n".join(parts))


def render_xlsx(card: Scorecard, view: View) -> bytes:
    from .xlsx import score_workbook

    return score_workbook(card, view)


RENDERERS: dict[str, Callable[[Scorecard, View], RenderableType | bytes]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
    "xlsx": render_xlsx,
}
