"""`jixiao progress` output: table (Rich), json, markdown and the workbook.

Each renderer shows the same three parts: a summary per department, the 通报 list
(逾期 then 滞后, with 分管领导 and 科室责任人), and the leaves with no figure (未填报).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from rich.console import Group, RenderableType
from rich.text import Text

from ..decimals import plain, round2
from ..progress import STATUSES, ProgressReport, Row, Status, Summary
from .jsontext import json_text
from .markdown import md_table
from .numbers import two
from .safe import shown, visible
from .tables import add_columns, add_row, compact_table, with_note
from .views import (
    SUMMARY_NOTE,
    leaf_cells,
    missing_heading,
    notice_heading,
    rule_text,
    title_text,
)
from .wrap import Prose

_STYLES = {
    Status.DONE: "green",
    Status.ON_TRACK: "",
    Status.BEHIND: "yellow",
    Status.OVERDUE: "bold red",
    Status.MISSING: "dim",
}
_NOTICE_HEADERS = [
    "状态",
    "序号",
    "内容",
    "责任科室",
    "分管领导",
    "科室责任人",
    "完成时限",
    "完成率",
    "应达进度",
    "说明",
]


def _pct(value: Decimal | None) -> str:
    """A completion figure as the clerk typed it: `50%`, `99.5%`."""
    return "—" if value is None else f"{plain(value)}%"


def _pct2(value: Decimal | None) -> str:
    """A computed figure (pace, weighted completion): two decimals, half up, as `score` shows."""
    return "—" if value is None else f"{round2(value):f}%"


# --- table (Rich) ---------------------------------------------------------------------


def _summary_cells(summary: Summary) -> list[str]:
    return [
        summary.name,
        str(summary.leaves),
        *(str(summary.counts[status]) for status in STATUSES),
        two(summary.weight),
        _pct2(summary.completion),
    ]


def render_table(report: ProgressReport) -> RenderableType:
    parts: list[RenderableType] = [
        Prose(title_text(report), style="bold"),
        Prose(rule_text(report), style="dim"),
        Text(),
    ]

    table = compact_table("各科室进度")
    figures = ["计分项", *(status.label for status in STATUSES), "分值", "加权完成率"]
    add_columns(table, ["科室", *figures], right=set(figures))
    for summary in report.departments:
        add_row(table, *_summary_cells(summary))
    table.add_section()
    add_row(table, *_summary_cells(report.total), style="bold")
    parts += [table, Prose(SUMMARY_NOTE, style="dim"), Text()]

    notice = report.notice
    if notice:
        table = compact_table(notice_heading(report))
        # shorter headers and the deadline without its year (always the scheme's) keep the
        # list within 80 columns; markdown and json keep the full forms
        headers = [*_NOTICE_HEADERS[:5], "责任人", "时限", *_NOTICE_HEADERS[7:9]]
        add_columns(table, headers, right=set(headers[7:]))
        for row in notice:
            status = shown(row.status.label, style=_STYLES[row.status])
            cells: list[str | Text] = [*_notice_cells(row)[:9]]
            cells[2] = with_note(row.leaf.title, row.note)
            cells[6] = cells[6][5:] if row.deadline else cells[6]
            add_row(table, status, *cells[1:])
        parts.append(table)
    else:
        parts.append(shown("通报：没有逾期或滞后的项目。", style="bold green"))
    parts.append(Text())

    missing = report.missing
    if missing:
        table = compact_table(missing_heading(report))
        add_columns(table, ["序号", "内容", "责任科室", "科室责任人", "完成时限"])
        for row in missing:
            add_row(table, *_missing_cells(row))
        parts.append(table)
    else:
        parts.append(shown("未填报：无，所有项目都已填报完成率。", style="green"))
    return Group(*parts)


def _date(row: Row) -> str:
    return row.deadline.isoformat() if row.deadline else "—"


def _notice_cells(row: Row) -> list[str]:
    return [
        row.status.label,
        *leaf_cells(row.leaf, row.departments),
        _date(row),
        _pct(row.figure),
        _pct2(row.pace),
        row.note or "",
    ]


def _missing_cells(row: Row) -> list[str]:
    return [*leaf_cells(row.leaf, row.departments, leaders=False), _date(row)]


# --- json -----------------------------------------------------------------------------


def _json_number(value: Decimal | None) -> float | None:
    """A JSON number rounded to two decimals half up, as in `score --format json`.

    The arithmetic is all Decimal; only here, at the edge, does the rounded value become a
    float, and a float with at most two decimals prints back exactly (33.33).
    """
    return None if value is None else float(round2(value))


def _summary_json(summary: Summary) -> dict[str, object]:
    return {
        "leaves": summary.leaves,
        "weight": _json_number(summary.weight),
        "completion": _json_number(summary.completion),
        "counts": {status.value: summary.counts[status] for status in STATUSES},
    }


def _row_json(row: Row) -> dict[str, object]:
    return {
        "id": row.leaf.id,
        "title": row.leaf.title,
        "weight": _json_number(row.leaf.weight),
        "deadline": row.deadline.isoformat() if row.deadline else None,
        "departments": list(row.departments),
        "leaders": row.leaf.leaders,
        "persons": row.leaf.persons,
        "completion": _json_number(row.figure),
        "note": row.note,
        "pace": _json_number(row.pace),
        "status": row.status.value,
        "status_label": row.status.label,
    }


def to_json(report: ProgressReport) -> dict[str, object]:
    return {
        "unit": report.unit,
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "tolerance": _json_number(report.tolerance),
        "total": _summary_json(report.total),
        "departments": [
            {"name": summary.name, **_summary_json(summary)} for summary in report.departments
        ],
        "leaves": [_row_json(row) for row in report.rows],
        "notice": [row.leaf.id for row in report.notice],
        "missing": [row.leaf.id for row in report.missing],
    }


def render_json(report: ProgressReport) -> str:
    return json_text(to_json(report))


# --- markdown -------------------------------------------------------------------------


def to_markdown(report: ProgressReport) -> str:
    lines = [f"# {title_text(report)}", "", rule_text(report), "", "## 各科室进度", ""]
    headers = ["科室", "计分项", *(s.label for s in STATUSES), "分值", "加权完成率"]
    summaries = [_summary_cells(s) for s in report.departments]
    total = _summary_cells(report.total)
    summaries.append([f"**{cell}**" for cell in total])
    lines.append(md_table(headers, summaries, right=range(1, len(headers))))
    lines += ["", SUMMARY_NOTE, "", f"## {notice_heading(report)}", ""]
    if report.notice:
        lines.append(md_table(_NOTICE_HEADERS, [_notice_cells(r) for r in report.notice], {7, 8}))
    else:
        lines.append("没有逾期或滞后的项目。")
    lines += ["", f"## {missing_heading(report)}", ""]
    if report.missing:
        headers = ["序号", "内容", "责任科室", "科室责任人", "完成时限"]
        lines.append(md_table(headers, [_missing_cells(row) for row in report.missing]))
    else:
        lines.append("所有项目都已填报完成率。")
    return "\n".join(lines) + "\n"


def render_markdown(report: ProgressReport) -> str:
    return visible(to_markdown(report)).removesuffix("\n")


def render_xlsx(report: ProgressReport) -> bytes:
    from .xlsx import progress_workbook

    return progress_workbook(report)


RENDERERS: dict[str, Callable[[ProgressReport], RenderableType | bytes]] = {
    "table": render_table,
    "json": render_json,
    "markdown": render_markdown,
    "xlsx": render_xlsx,
}
