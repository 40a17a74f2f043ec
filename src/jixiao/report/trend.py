"""`jixiao trend` output: table (Rich), json, markdown and the xlsx workbook with its charts.

Each shows the same three parts: every department's weighted completion in every period
(with the bureau's below), their counts of 逾期 and 滞后, and the 连续滞后 list.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.measure import Measurement
from rich.text import Text

from ..progress import Status
from ..trend import Line, Persistent, Trend
from .jsontext import json_text
from .markdown import md_table
from .numbers import number, two
from .safe import shown, visible
from .sheets import Col, Grid, leaf_columns
from .tables import add_columns, add_row, compact_table
from .views import SUMMARY_NOTE, leaf_cells

BAR_CELLS = 10  # a bar of 100% is 10 characters: one per 10%, an eighth of one per 1.25%
EIGHTHS = "▏▎▍▌▋▊▉█"  # 1/8 … 8/8 of a character cell
ASCII_BAR = "#"
NO_FIGURE = "—"
# progress's own note: how it computes the figure is its business, and the trend shows its figure
COMPLETION_NOTE = (
    f"各期的加权完成率即 jixiao progress 所示。{SUMMARY_NOTE}“—”表示该期没有已填报的项目。"
)
PERSISTENT_RULE = "连续两次检查都滞后或逾期的项目"
_STATUS_STYLES = {Status.BEHIND: "yellow", Status.OVERDUE: "bold red"}
# one character per period keeps the 连续滞后 list within 80 columns with all five periods
_STATUS_MARKS = {
    Status.DONE: "完",
    Status.ON_TRACK: "正",
    Status.BEHIND: "滞",
    Status.OVERDUE: "逾",
    Status.MISSING: "—",
}


def title_text(trend: Trend, iso: bool = True) -> str:
    """The title; `iso=False` writes the date 2024年9月30日, for a printed sheet, where a narrow
    table's title may wrap and a wrap at a hyphen reads badly."""
    if not trend.periods:
        return f"{trend.unit} {trend.year} 年度进度走势"
    day = trend.periods[-1].as_of
    shown = day.isoformat() if iso else f"{day.year}年{day.month}月{day.day}日"
    return f"{trend.unit} {trend.year} 年度进度走势（截至 {shown}）"


def periods_text(trend: Trend) -> str:
    """Which file each column comes from, and at what date it was read (no spaces inside a
    period, so a terminal folds the line only between periods)."""
    parts = []
    for p in trend.periods:
        how = "，文件未写as_of，按期末计" if p.as_of_assumed else ""
        parts.append(f"{p.label}（{p.path.name}，截至{p.as_of.isoformat()}{how}）")
    return "检查：" + "； ".join(parts)


def persistent_heading(trend: Trend) -> str:
    return f"连续滞后：{len(trend.persistent)} 项（{PERSISTENT_RULE}）"


def _pct(value: Decimal | None) -> str:
    return NO_FIGURE if value is None else f"{two(value)}%"


def _counts(line: Line, i: int) -> str:
    return f"{line.overdue[i]}/{line.behind[i]}"


def _persistent_cells(item: Persistent) -> list[str]:
    return leaf_cells(item.leaf, item.departments)


# --- table (Rich) ---------------------------------------------------------------------


def bar(value: Decimal | None, blocks: bool = True) -> str:
    """A completion as a bar of up to BAR_CELLS characters, in eighths of a character
    (`blocks`) or in whole `#` where the terminal cannot show block characters."""
    if value is None:
        return ""
    cells = min(max(value, Decimal(0)), Decimal(100)) * BAR_CELLS / 100
    if not blocks:
        return ASCII_BAR * int(cells + Decimal("0.5"))
    full, rest = divmod(int(cells * 8 + Decimal("0.5")), 8)
    return EIGHTHS[-1] * full + (EIGHTHS[rest - 1] if rest else "")


def can_show_blocks(console: Console) -> bool:
    """Whether the terminal's encoding has the block characters (UTF-8 and GBK do)."""
    try:
        EIGHTHS.encode(console.encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


@dataclass(frozen=True)
class Bar:
    """A completion as a bar, drawn in block characters where the terminal can show them."""

    value: Decimal | None

    def text(self, console: Console) -> Text:
        return shown(bar(self.value, can_show_blocks(console)), style="cyan")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        yield self.text(console)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = cell_len(self.text(console).plain)
        return Measurement(width, width)


def render_table(trend: Trend) -> RenderableType:
    labels = [p.label for p in trend.periods]
    last = len(trend.periods) - 1
    parts: list[RenderableType] = [
        shown(title_text(trend), style="bold"),
        shown(periods_text(trend), style="dim"),
        Text(),
    ]

    table = compact_table("各科室加权完成率")
    add_columns(table, ["科室", *labels, "进度条"], right=set(labels))
    for line in (*trend.departments, trend.bureau):
        if line is trend.bureau:
            table.add_section()
        cells = [_pct(value) for value in line.completion]
        style = "bold" if line is trend.bureau else None
        table.add_row(shown(line.name), *map(shown, cells), Bar(line.completion[last]), style=style)
    note = f"{COMPLETION_NOTE}进度条为{labels[last]}的加权完成率，每格为10%。"
    parts += [table, shown(note, style="dim"), Text()]

    table = compact_table("逾期/滞后项数")
    add_columns(table, ["科室", *labels], right=set(labels))
    for line in (*trend.departments, trend.bureau):
        if line is trend.bureau:
            table.add_section()
        cells = [_counts(line, i) for i in range(len(labels))]
        add_row(table, line.name, *cells, style="bold" if line is trend.bureau else None)
    parts += [table, Text()]

    if not trend.persistent:
        parts.append(shown(f"连续滞后：没有{PERSISTENT_RULE}。", style="bold green"))
        return Group(*parts)
    table = compact_table(persistent_heading(trend))
    add_columns(table, ["序号", "内容", "责任科室", "分管领导", "责任人", "各期状态"])
    for item in trend.persistent:
        marks = shown(" ").join(
            shown(_STATUS_MARKS[s], style=_STATUS_STYLES.get(s, "")) for s in item.statuses
        )
        add_row(table, *_persistent_cells(item), marks)
    legend = "，".join(f"{mark}＝{status.label}" for status, mark in _STATUS_MARKS.items())
    parts += [table, shown(f"各期状态依次为{'、'.join(labels)}：{legend}。", style="dim")]
    return Group(*parts)


# --- json -----------------------------------------------------------------------------


def _numbers(values: list[Decimal | None]) -> list[float | None]:
    return [None if v is None else number(v) for v in values]


def to_json(trend: Trend) -> dict[str, object]:
    return {
        "unit": trend.unit,
        "year": trend.year,
        "periods": [p.key for p in trend.periods],
        "labels": [p.label for p in trend.periods],
        "files": [
            {
                "period": p.key,
                "file": p.path.name,
                "as_of": p.as_of.isoformat(),
                "as_of_assumed": p.as_of_assumed,
            }
            for p in trend.periods
        ],
        "bureau": _numbers(trend.bureau.completion),
        "bureau_counts": {"overdue": trend.bureau.overdue, "behind": trend.bureau.behind},
        "departments": [
            {
                "name": line.name,
                "completion": _numbers(line.completion),
                "overdue": line.overdue,
                "behind": line.behind,
            }
            for line in trend.departments
        ],
        "persistent": [
            {
                "id": item.leaf.id,
                "title": item.leaf.title,
                "periods": [p.key for p in item.flagged(trend.periods)],
                "statuses": [s.value for s in item.statuses],
                "departments": list(item.departments),
                "leaders": item.leaf.leaders,
                "persons": item.leaf.persons,
            }
            for item in trend.persistent
        ],
    }


def render_json(trend: Trend) -> str:
    return json_text(to_json(trend))


# --- markdown -------------------------------------------------------------------------


def to_markdown(trend: Trend) -> str:
    labels = [p.label for p in trend.periods]
    right = set(range(1, len(labels) + 1))
    lines = [f"# {title_text(trend)}", "", periods_text(trend), "", "## 各科室加权完成率", ""]
    rows = [[line.name, *map(_pct, line.completion)] for line in trend.departments]
    rows.append(
        [f"**{cell}**" for cell in [trend.bureau.name, *map(_pct, trend.bureau.completion)]]
    )
    lines.append(md_table(["科室", *labels], rows, right))
    lines += ["", COMPLETION_NOTE, "", "## 逾期/滞后项数", ""]
    rows = [
        [line.name, *(_counts(line, i) for i in range(len(labels)))]
        for line in (*trend.departments, trend.bureau)
    ]
    rows[-1] = [f"**{cell}**" for cell in rows[-1]]
    lines.append(md_table(["科室", *labels], rows, right))
    lines += ["", f"## {persistent_heading(trend)}", ""]
    if trend.persistent:
        headers = ["序号", "内容", "责任科室", "分管领导", "科室责任人", *labels]
        rows = [
            [*_persistent_cells(item), *(s.label for s in item.statuses)]
            for item in trend.persistent
        ]
        lines.append(md_table(headers, rows))
    else:
        lines.append(f"没有{PERSISTENT_RULE}。")
    return "\n".join(lines) + "\n"


def render_markdown(trend: Trend) -> str:
    return visible(to_markdown(trend)).removesuffix("\n")


# --- xlsx -----------------------------------------------------------------------------

COMPLETION_SHEET = "完成率"
CHART_SHEET = "走势图"


def render_xlsx(trend: Trend) -> bytes:
    """The trend as a workbook: 完成率 (with the bureau's row last), 逾期滞后, 连续滞后, 检查
    (which file each period is, read at what date), and 走势图 with a line chart of the
    departments and a column chart of the bureau, both drawn from the cells of 完成率."""
    import xlsxwriter

    from .charts import trend_charts
    from .sheets import formats, write_grid

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"title": title_text(trend, iso=False), "author": "jixiao"})
    fmt = formats(workbook)
    completion = completion_grid(trend)
    for grid in (completion, counts_grid(trend), persistent_grid(trend), periods_grid(trend)):
        write_grid(workbook, grid, fmt)
    trend_charts(workbook, fmt, completion, len(trend.departments))
    workbook.close()
    return buffer.getvalue()


def _subtitle(trend: Trend, what: str) -> str:
    """What the sheet shows and which checks; the files and dates are on the sheet 检查 (in
    table cells, which a printer never breaks at a file name's or a date's hyphen)."""
    labels = "、".join(p.label for p in trend.periods)
    return f"{what}　　{len(trend.periods)} 次检查：{labels}"


def completion_grid(trend: Trend) -> Grid:
    """Departments by period, the bureau's row last; a period without a figure is blank (the
    charts leave a gap there rather than drawing a 0)."""
    columns = [Col("科室", "center", cap=16)]
    columns += [Col(p.label, "number") for p in trend.periods]
    grid = Grid(
        COMPLETION_SHEET,
        title_text(trend, iso=False),
        _subtitle(trend, "各科室加权完成率（%）"),
        columns,
    )
    for line in (*trend.departments, trend.bureau):
        styles = None if line is not trend.bureau else ["label"] + ["strong"] * len(trend.periods)
        values: list[str | float | int | None] = [line.name, *_numbers(line.completion)]
        grid.add(values, styles)
    grid.line(COMPLETION_NOTE.replace("“—”表示", "空白表示"))
    return grid


def counts_grid(trend: Trend) -> Grid:
    columns = [Col("科室", "center", cap=16)]
    for p in trend.periods:
        columns += [Col(f"{p.label}逾期", "center"), Col(f"{p.label}滞后", "center")]
    grid = Grid(
        "逾期滞后", title_text(trend, iso=False), _subtitle(trend, "逾期、滞后项数"), columns
    )
    for line in (*trend.departments, trend.bureau):
        counts: list[str | float | int | None] = [line.name]
        for i in range(len(trend.periods)):
            counts += [line.overdue[i], line.behind[i]]
        grid.add(counts, None if line is not trend.bureau else ["label"] * len(columns))
    return grid


def persistent_grid(trend: Trend) -> Grid:
    columns = [
        *leaf_columns(),
        *(Col(p.label, "center") for p in trend.periods),
    ]
    grid = Grid(
        "连续滞后",
        title_text(trend, iso=False),
        _subtitle(trend, persistent_heading(trend)),
        columns,
    )
    for item in trend.persistent:
        grid.add([*_persistent_cells(item), *(s.label for s in item.statuses)])
    if not trend.persistent:
        grid.line(f"没有{PERSISTENT_RULE}。")
    return grid


def periods_grid(trend: Trend) -> Grid:
    columns = [
        Col("期次", "center"),
        Col("结果文件", "center", cap=30),
        Col("统计截止", "center"),
        Col("说明", cap=40),
    ]
    grid = Grid("检查", title_text(trend, iso=False), _subtitle(trend, "各期结果文件"), columns)
    for p in trend.periods:
        note = "文件未写 as_of，按期末计" if p.as_of_assumed else None
        grid.add([p.label, p.path.name, p.as_of.isoformat(), note])
    return grid


RENDERERS: dict[str, Callable[[Trend], RenderableType | bytes]] = {
    "table": render_table,
    "json": render_json,
    "markdown": render_markdown,
    "xlsx": render_xlsx,
}
