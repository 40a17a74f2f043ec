"""`jixiao score` output: table (Rich), json, csv, markdown. Pure functions of a Scorecard."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..scoring import Ineligible, LeafScore, Score, Scorecard
from .numbers import number, percent, two
from .tables import add_columns, add_row, compact_table

GRADE_STYLES = {"优秀": "bold green", "良好": "cyan", "合格": "yellow", "差": "bold red"}
PROVISIONAL = "暂定"


@dataclass(frozen=True)
class View:
    """What to show: everything, or one department; with or without every leaf."""

    detail: bool = False
    department: str | None = None


def selected(card: Scorecard, view: View) -> tuple[list[Score], list[Score], list[LeafScore]]:
    if view.department is None:
        return card.departments, card.leaders, card.leaves
    departments = [d for d in card.departments if d.name == view.department]
    leaves = list(departments[0].leaves) if departments else []
    return departments, [], leaves


def ineligible_in_view(card: Scorecard, view: View) -> tuple[list[Ineligible], list[Ineligible]]:
    if view.department is None:
        return card.ineligible_departments, card.ineligible_persons
    departments = [i for i in card.ineligible_departments if i.name == view.department]
    # people on the department's leaves, and people named with it on a deduction
    persons_here = {p for s in selected(card, view)[2] for p in s.leaf.persons}
    persons = [
        i
        for i in card.ineligible_persons
        if i.name in persons_here or view.department in i.departments
    ]
    return departments, persons


# --- table ----------------------------------------------------------------------------


def _grade(grade: str) -> Text:
    return Text(grade, style=GRADE_STYLES.get(grade, ""))


def formula_lines(score: Score, factor_percent: str) -> tuple[str, str]:
    """The work plan's formula with the figures filled in, as two lines a calculator can follow."""
    return (
        f"折算得分 = 目标考评得分 {two(score.target)} × {factor_percent} = {two(score.weighted)}",
        f"考评得分 = 折算得分 {two(score.weighted)} + 领导评价 {two(score.leadership)}"
        f" + 公众评议 {two(score.public)} + 正向激励 {two(score.bonus)}"
        f" − 察访核验扣分 {two(score.deduction)} = {two(score.final)}",
    )


def factor_percent(card: Scorecard) -> str:
    return percent(card.scheme.formula.target_factor * 100)


def missing_note(card: Scorecard) -> str:
    if not card.missing:
        return "领导评价或公众评议未填，按 0 计"
    return f"{len(card.missing)} 项未填完成率，按 0 计：{'、'.join(card.missing)}"


def _bureau_panel(card: Scorecard) -> Panel:
    b = card.bureau
    title = f"{card.scheme.unit} {card.scheme.year} 年度绩效考评"
    if card.provisional:
        title += f"（{PROVISIONAL}）"
    body = Text()
    for line in formula_lines(b, factor_percent(card)):
        body.append(line + "\n")
    body.append("等次：")
    body.append_text(_grade(b.grade))
    as_of = card.results.as_of
    if as_of is not None:
        body.append(f"    统计截止：{as_of.isoformat()}", style="dim")
    if card.provisional:
        body.append(
            f"\n{PROVISIONAL}：{missing_note(card)}",
            style="bold yellow",
        )
    return Panel(body, title=Text(title), title_align="left", border_style="blue")


SCORE_COLUMNS = ("满分", "目标分", "折算分", "领导", "公众", "激励", "扣分", "考评得分")


def _figures(s: Score) -> list[str]:
    """满分 … 考评得分, in the order of every score table."""
    figures = (s.max_points, s.target, s.weighted, s.leadership, s.public, s.bonus, s.deduction)
    return [two(value) for value in (*figures, s.final)]


def _score_table(title: str, first: str, scores: list[Score]) -> Table:
    table = compact_table(title)
    add_columns(table, [first, *SCORE_COLUMNS, "等次"], right=set(SCORE_COLUMNS))
    for s in scores:
        *figures, final = _figures(s)
        add_row(table, s.name, *figures, Text(final, style="bold"), _grade(s.grade))
    return table


def _detail_table(leaves: list[LeafScore]) -> Table:
    table = compact_table("计分明细")
    figures = {"权重", "完成率", "得分"}
    add_columns(
        table, ["序号", "内容", "权重", "完成率", "得分", "责任科室", "科室责任人"], right=figures
    )
    for s in leaves:
        completion = "未填" if s.missing else percent(s.completion)
        title = s.leaf.title if len(s.leaf.title) <= 40 else s.leaf.title[:39] + "…"
        add_row(
            table,
            s.leaf.id,
            title,
            two(s.leaf.weight),
            Text(completion, style="yellow" if s.missing or s.completion < 100 else ""),
            two(s.points),
            "、".join(s.departments),
            "、".join(s.leaf.persons),
        )
    return table


def _ineligible_table(departments: list[Ineligible], persons: list[Ineligible]) -> Table | Text:
    if not departments and not persons:
        return Text("评先评优资格：无人被取消。", style="green")
    table = compact_table("取消当年度评先评优资格")
    add_columns(table, ["类别", "名称", "原因"])
    for kind, entries in (("科室", departments), ("个人", persons)):
        for entry in entries:
            name = Text(entry.name)
            if entry.rectify:
                name.append("（限期整改）", style="bold red")
            add_row(table, kind, name, "；".join(entry.reasons))
    return table


def render_table(card: Scorecard, view: View, console: Console) -> None:
    departments, leaders, leaves = selected(card, view)
    parts: list[object] = [_bureau_panel(card)]
    suffix = f"（{PROVISIONAL}）" if card.provisional else ""
    if departments:
        parts.append(_score_table(f"科室考评得分{suffix}", "科室", departments))
    else:  # --department for a department with no leaves of its own
        parts.append(Text(f"科室“{view.department}”在考评表中没有计分项，不评等次。"))
    if leaders:
        parts.append(_score_table(f"分管领导考评得分{suffix}", "分管领导", leaders))
    if leaves and (view.detail or view.department):
        parts.append(_detail_table(leaves))
    parts.append(_ineligible_table(*ineligible_in_view(card, view)))
    console.print(Group(*parts))  # type: ignore[arg-type]


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
            "reasons": {
                i.name: list(i.reasons) for i in ineligible_departments + ineligible_persons
            },
            "rectify": [i.name for i in ineligible_departments if i.rectify],
        },
        "missing": card.missing,
    }
    if view.detail or view.department:
        doc["leaves"] = [_leaf_dict(s) for s in leaves]
    return doc


def render_json(card: Scorecard, view: View, console: Console) -> None:
    console.out(json.dumps(to_json_dict(card, view), ensure_ascii=False, indent=2), highlight=False)


# --- csv and markdown -----------------------------------------------------------------

SCORE_HEADERS = [
    "类别", "名称", "满分", "目标考评得分", "折算得分", "领导评价", "公众评议",
    "正向激励", "察访核验扣分", "考评得分", "等次",
]  # fmt: skip
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


def render_csv(card: Scorecard, view: View, console: Console) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if view.detail:
        writer.writerow(LEAF_HEADERS)
        writer.writerows(leaf_rows(card, view))
    else:
        writer.writerow(SCORE_HEADERS)
        writer.writerows(score_rows(card, view))
    console.out(out.getvalue().rstrip("\n"), highlight=False)


def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    def cell(value: str) -> str:
        return value.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def render_markdown(card: Scorecard, view: View, console: Console) -> None:
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
    parts += ["", "## 考评得分", "", _md_table(SCORE_HEADERS, score_rows(card, view))]
    if view.detail or view.department:
        parts += ["", "## 计分明细", "", _md_table(LEAF_HEADERS, leaf_rows(card, view))]
    departments, persons = ineligible_in_view(card, view)
    parts += ["", "## 取消当年度评先评优资格", ""]
    entries = [("科室", i) for i in departments] + [("个人", i) for i in persons]
    if entries:
        rows = [
            [kind, i.name + ("（限期整改）" if i.rectify else ""), "；".join(i.reasons)]
            for kind, i in entries
        ]
        parts.append(_md_table(["类别", "名称", "原因"], rows))
    else:
        parts.append("无。")
    console.out("\n".join(parts), highlight=False)


RENDERERS: dict[str, Callable[[Scorecard, View, Console], None]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}
