"""`jixiao score --format xlsx`: the workbook the clerk prints and hands up.

`score_workbook(card, view)` is a pure function of a Scorecard, like the other score
renderers, and shows the same figures as `score --format json`: every number is the
reported two-decimal figure (`report.numbers.number`), written as a number with the
format 0.00. Sheets: 汇总 (the formula with its figures), 科室, 分管领导, 明细 (every leaf
under its section, group and indicator, merged as in the printed 考评表), 评先评优资格, and
得分图 (a column chart of the department scores with a line at each grade's minimum).

`progress_workbook(report)` does the same for `jixiao progress --format xlsx`, with the
figures of `progress --format json`: sheets 汇总 (per department), 通报 and 未填报.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

from ..decimals import plain
from ..model import Grade
from ..progress import STATUSES, ProgressReport
from ..scoring import LeafScore, Score, Scorecard
from .charts import score_chart
from .numbers import number, two
from .sheets import Col, Grid, formats, leaf_columns, write_grid
from .views import (
    PROVISIONAL,
    SUMMARY_NOTE,
    View,
    factor_percent,
    formula_lines,
    ineligible_in_view,
    leaf_cells,
    missing_heading,
    missing_note,
    notice_heading,
    reasons,
    rule_text,
    selected,
)
from .views import title_text as progress_title

SCORE_COLUMNS = [
    ("满分", "max_points"),
    ("目标考评得分", "target"),
    ("折算得分", "weighted"),
    ("领导评价", "leadership"),
    ("公众评议", "public"),
    ("正向激励", "bonus"),
    ("察访核验扣分", "deduction"),
    ("考评得分", "final"),
]
DETAIL_COLUMNS = [
    Col("考评项目", "block", cap=12),
    Col("类别", "block", cap=10),
    Col("一级指标", "block_left", cap=24),
    Col("序号", "center", cap=10),
    Col("计分项", cap=36),
    Col("权重", "number"),
    Col("完成率（%）", "number"),
    Col("得分", "number"),
    Col("分管领导", "center", cap=10),
    Col("责任科室", "center", cap=14),
    Col("科室责任人", "center", cap=12),
    Col("说明", cap=24),
]
NOT_FILLED = "未填"


def score_workbook(card: Scorecard, view: View) -> bytes:
    """The whole workbook as the bytes of an .xlsx file."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties(
        {"title": title_text(card, view), "subject": "绩效考评得分", "author": "jixiao"}
    )
    fmt = formats(workbook)
    for grid in (
        summary_grid(card, view),
        ranking_grid(card, view, "科室", selected(card, view)[0]),
        ranking_grid(card, view, "分管领导", selected(card, view)[1]),
        detail_grid(card, view),
        eligibility_grid(card, view),
    ):
        write_grid(workbook, grid, fmt)
    departments = selected(card, view)[0]
    lines = [g for g in card.scheme.grades if g.min > 0]  # a line at 0 would mark nothing
    grid = score_chart_grid(card, view, departments, lines)
    sheet = write_grid(workbook, grid, fmt)
    if departments:
        score_chart(workbook, sheet, grid, len(departments), len(lines))
    workbook.close()
    return buffer.getvalue()


def score_chart_grid(card: Scorecard, view: View, scores: list[Score], lines: list[Grade]) -> Grid:
    """The figures of the 得分图 chart: each department's final score and grade, and each
    grade's minimum repeated on every row (a chart draws a line through a column of cells)."""
    columns = [Col("科室", "center", cap=16), Col("考评得分", "strong"), Col("等次", "center")]
    columns += [Col(f"{g.name}线（{plain(g.min)}）", "number") for g in lines]
    grid = Grid("得分图", title_text(card, view), _subtitle(card, "科室考评得分与等次线"), columns)
    for s in scores:
        grid.add([s.name, number(s.final), s.grade, *(number(g.min) for g in lines)])
    if not scores:
        grid.line("（无）")
    return grid


def title_text(card: Scorecard, view: View) -> str:
    title = f"{card.scheme.unit} {card.scheme.year} 年度绩效考评"
    if view.subject is not None:
        title += f"（{view.subject}）"
    if card.provisional:
        title += f"（{PROVISIONAL}）"
    return title


def _subtitle(card: Scorecard, what: str) -> str:
    parts = [what]
    if card.results.as_of is not None:
        parts.append(f"统计截止：{card.results.as_of.isoformat()}")
    if card.scheme.source:
        parts.append(f"依据：{card.scheme.source}")
    return "　　".join(parts)


def summary_grid(card: Scorecard, view: View) -> Grid:
    """The bureau's figures, each with the sum that gives it, then the formula filled in."""
    b = card.bureau
    formula = card.scheme.formula
    grid = Grid(
        "汇总",
        title_text(card, view),
        _subtitle(card, "全局考评得分"),
        [Col("项目", "label", cap=14), Col("计算", cap=60), Col("得分", "strong", least=10)],
    )
    cap = "无上限" if formula.bonus_max is None else f"上限 {plain(formula.bonus_max)}"
    rows: list[tuple[str, str, float | str]] = [
        ("目标考评得分", f"各计分项得分之和（满分 {two(b.max_points)}）", number(b.target)),
        (
            "折算得分",
            f"目标考评得分 {two(b.target)} × {factor_percent(card)}",
            number(b.weighted),
        ),
        ("领导评价", f"满分 {plain(formula.leadership_max)}", number(b.leadership)),
        ("公众评议", f"满分 {plain(formula.public_max)}", number(b.public)),
        ("正向激励", f"{len(b.bonuses)} 项，{cap}", number(b.bonus)),
        ("察访核验扣分", f"{len(b.deductions)} 项", number(b.deduction)),
        (
            "考评得分",
            f"{two(b.weighted)} + {two(b.leadership)} + {two(b.public)}"
            f" + {two(b.bonus)} − {two(b.deduction)}",
            number(b.final),
        ),
        ("等次", _bands(card), b.grade),
    ]
    for label, how, value in rows:
        grid.add([label, how, value], None if label != "等次" else ["label", "text", "center"])
    grid.add([None, None, None], ["plain"] * 3)
    for line in formula_lines(b, factor_percent(card)):
        grid.line(line)
    if card.provisional:
        grid.line(f"{PROVISIONAL}：{missing_note(card)}", "note")
    for title, entries in (("正向激励", b.bonuses), ("察访核验扣分", b.deductions)):
        for entry in entries:
            who = "、".join([*entry.departments, *entry.persons])
            when = getattr(entry, "date", None)
            what = entry.reason + (f"（{when.isoformat()}）" if when else "")
            grid.add([title, f"{what}：{who}" if who else what, number(entry.points)])
    return grid


def _bands(card: Scorecard) -> str:
    return "，".join(f"{g.name} ≥ {plain(g.min)}" for g in card.scheme.grades[:-1])


def ranking_grid(card: Scorecard, view: View, kind: str, scores: list[Score]) -> Grid:
    """Departments or leaders, ranked by final score (equal scores share a rank)."""
    columns = [Col("名次", "center"), Col(kind, "center", cap=16)]
    columns += [
        Col(header, "strong" if key == "final" else "number") for header, key in SCORE_COLUMNS
    ]
    columns.append(Col("等次", "center"))
    grid = Grid(kind, title_text(card, view), _subtitle(card, f"{kind}考评得分"), columns)
    for s in scores:
        figures: list[str | float | int | None] = [
            number(getattr(s, key)) for _, key in SCORE_COLUMNS
        ]
        grid.add([s.rank, s.name, *figures, s.grade])
    if not scores:
        narrowed = "科室" if view.department is not None else "分管领导"
        grid.line("（无）" if view.subject is None else f"（按{narrowed}查看时不列）")
    return grid


def detail_grid(card: Scorecard, view: View) -> Grid:
    """Every leaf under its section, group and indicator; those cells merged down their rows."""
    leaves = selected(card, view)[2]
    grid = Grid("明细", title_text(card, view), _subtitle(card, "计分明细"), DETAIL_COLUMNS)
    first = grid.next_row
    for s in leaves:
        grid.add(_leaf_row(s))
    for col, key in ((0, _section), (1, _group), (2, _indicator)):
        _merge_runs(grid, first, leaves, col, key)
    if leaves:
        weight = sum((s.leaf.weight for s in leaves), Decimal(0))
        points = sum((s.points for s in leaves), Decimal(0))
        row = grid.add(
            ["合计", None, None, None, None, number(weight), None, number(points)] + [None] * 4,
            ["label"] * 5 + ["strong", "number", "strong"] + ["text"] * 4,
        )
        grid.merge(row, 0, row, 4)
    else:
        grid.line("（无计分项）")
    return grid


def _section(s: LeafScore) -> tuple[object, str]:
    section = s.leaf.section
    return section, f"{section.name}\n（{plain(section.weight)} 分）"


def _group(s: LeafScore) -> tuple[object, str | None]:
    group = s.leaf.group
    return (s.leaf.section, group), group.name if group else None


def _indicator(s: LeafScore) -> tuple[object, str]:
    indicator = s.leaf.indicator
    return indicator, f"{indicator.id} {indicator.title}（{plain(indicator.weight)} 分）"


def _leaf_row(s: LeafScore) -> list[str | float | int | None]:
    return [
        _section(s)[1],
        _group(s)[1],
        _indicator(s)[1],
        s.leaf.id,
        s.leaf.title,
        number(s.leaf.weight),
        NOT_FILLED if s.missing else number(s.completion),
        number(s.points),
        "、".join(s.leaf.leaders),
        "、".join(s.departments),
        "、".join(s.leaf.persons),
        s.note,
    ]


def _merge_runs(
    grid: Grid,
    first: int,
    leaves: list[LeafScore],
    col: int,
    key: Callable[[LeafScore], tuple[object, object]],
) -> None:
    """Merge each run of consecutive rows with the same section, group or indicator."""
    start = 0
    for i in range(1, len(leaves) + 1):
        if i == len(leaves) or key(leaves[i])[0] != key(leaves[start])[0]:
            grid.merge(first + start, col, first + i - 1, col)
            start = i


def eligibility_grid(card: Scorecard, view: View) -> Grid:
    """Who loses 评先评优 eligibility this year, and why."""
    grid = Grid(
        "评先评优资格",
        title_text(card, view),
        _subtitle(card, "取消当年度评先评优资格"),
        [
            Col("类别", "center"),
            Col("名称", "center", cap=16),
            Col("限期整改", "center"),
            Col("原因", cap=80),
        ],
    )
    departments, persons = ineligible_in_view(card, view)
    for kind, entries in (("科室", departments), ("个人", persons)):
        for entry in entries:
            grid.add([kind, entry.name, "是" if entry.rectify else None, "\n".join(reasons(entry))])
    if not departments and not persons:
        grid.line("无人被取消评先评优资格。")
    return grid


# --- jixiao progress --format xlsx ----------------------------------------------------


def progress_workbook(report: ProgressReport) -> bytes:
    """The quarterly check as a workbook: 汇总 per department, the 通报 list, 未填报."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"title": progress_title(report), "author": "jixiao"})
    fmt = formats(workbook)
    for grid in (
        progress_summary_grid(report),
        notice_grid(report),
        unreported_grid(report),
    ):
        write_grid(workbook, grid, fmt)
    workbook.close()
    return buffer.getvalue()


def _completion(value: Decimal | None) -> float | str:
    return NO_FIGURE if value is None else number(value)


NO_FIGURE = "—"


def progress_summary_grid(report: ProgressReport) -> Grid:
    columns = [Col("科室", "center", cap=16), Col("计分项", "center")]
    columns += [Col(status.label, "center") for status in STATUSES]
    columns += [Col("分值", "number"), Col("加权完成率（%）", "number")]
    grid = Grid("汇总", progress_title(report), f"各科室进度　　{rule_text(report)}", columns)
    for summary in (*report.departments, report.total):
        counts = [summary.counts[status] for status in STATUSES]
        cells: list[str | float | int | None] = [summary.name, summary.leaves, *counts]
        cells += [number(summary.weight), _completion(summary.completion)]
        total = ["label"] * (len(columns) - 2) + ["strong", "strong"]
        grid.add(cells, total if summary is report.total else None)
    grid.line(SUMMARY_NOTE)
    return grid


def notice_grid(report: ProgressReport) -> Grid:
    """The 通报 list: 逾期, then 滞后, with 分管领导 and 科室责任人."""
    columns = [
        Col("状态", "center"),
        *leaf_columns(),
        Col("完成时限", "center"),
        Col("完成率（%）", "number"),
        Col("应达进度（%）", "number"),
        Col("说明", cap=24),
    ]
    grid = Grid(
        "通报", progress_title(report), f"{notice_heading(report)}　　{rule_text(report)}", columns
    )
    for row in report.notice:
        grid.add(
            [
                row.status.label,
                *leaf_cells(row.leaf, row.departments),
                row.deadline.isoformat() if row.deadline else None,
                _completion(row.figure),
                number(row.pace),
                row.note,
            ]
        )
    if not report.notice:
        grid.line("没有逾期或滞后的项目。")
    return grid


def unreported_grid(report: ProgressReport) -> Grid:
    columns = [
        *leaf_columns(title_cap=50, leaders=False),
        Col("完成时限", "center"),
    ]
    grid = Grid("未填报", progress_title(report), missing_heading(report), columns)
    for row in report.missing:
        deadline = row.deadline.isoformat() if row.deadline else None
        grid.add([*leaf_cells(row.leaf, row.departments, leaders=False), deadline])
    if not report.missing:
        grid.line("所有项目都已填报完成率。")
    return grid
