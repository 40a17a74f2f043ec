"""`jixiao rank` output: table (Rich), json, markdown, csv, xlsx. Pure functions of a Ranking,
each returning what it shows: a Rich renderable, text, or the bytes of a workbook.

Every format says the same things: the ranking (名次, 单位, 目标考评得分, 考评得分, 等次, 备注),
the count per grade, what each quota did (and which units it moved down), the units marked
暂定, and the units whose data has errors, with their first problems.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from datetime import datetime, timezone

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..problem import Problem
from ..rank import QuotaOutcome, RankedUnit, Ranking, UnitFailure
from .csvtext import Block, csv_text
from .jsontext import json_text
from .markdown import md_table
from .numbers import number, two
from .safe import shown, visible
from .score import grade_style
from .sheets import Col, Grid, formats, write_grid
from .tables import add_columns, add_row, compact_table
from .views import PROVISIONAL

HEADERS = ["名次", "单位", "目标考评得分", "考评得分", "等次", "备注"]
DATA_ERROR = "数据有误"
MAX_SHEET_NAME = 31  # Excel's limit

# --- the sentences every format shares --------------------------------------------------


def title_text(ranking: Ranking) -> str:
    year = f"{ranking.year} 年度" if ranking.year is not None else ""
    return f"{year}参评单位绩效考评排名"


def summary_text(ranking: Ranking) -> str:
    text = f"参加排名{len(ranking.units)}个单位"
    if ranking.failures:
        text += f"；{len(ranking.failures)}个单位数据有误，未参加排名"
    return text


def grades_text(ranking: Ranking) -> str:
    return "等次：" + "，".join(f"{grade}{count}个" for grade, count in ranking.grades)


def quota_text(q: QuotaOutcome, over_quota: str | None) -> str:
    share = f"（{q.base}个单位的{q.quota}，向下取整）" if q.quota.percent is not None else ""
    text = f"{q.grade}名额{q.quota}{share}：至多{q.limit}个，实有{q.held}个"
    if not q.beyond:
        return text + "，未超出"
    if over_quota == "downgrade":
        moved = "、".join(f"{name}（降为{to}）" for name, to in q.beyond)
        return text + f"；超出名额，降为下一等次：{moved}"
    return text + "；超出名额：" + "、".join(name for name, _ in q.beyond)


def notes(ranking: Ranking) -> list[str]:
    """The lines below the ranking: the grade counts, the quotas, 暂定."""
    lines = [grades_text(ranking)]
    lines += [quota_text(q, ranking.over_quota) for q in ranking.quotas]
    if any(len(q.beyond) > q.held - q.limit for q in ranking.quotas):  # more than the excess
        lines.append("得分相同的单位处在名额边缘时都算超出名额（名额不能在同分单位之间取舍）")
    if ranking.provisional:
        lines.append(f"{PROVISIONAL}：这些单位有未填的完成率或评价，按 0 计（--allow-missing）")
    return lines


def remark(r: RankedUnit, over_quota: str | None) -> str:
    parts = [PROVISIONAL] if r.unit.provisional else []
    scored_from = os.path.basename(r.unit.results_file)
    if scored_from != f"{r.unit.year}.yaml":  # no year-end file yet: a quarter's figures
        parts.append(f"依据 {scored_from}")
    if r.over_quota and r.grade != r.unit.grade:
        parts.append(f"由{r.unit.grade}降为{r.grade}（超出名额）")
    elif r.over_quota:
        parts.append(f"超出{r.grade}名额")
    return "；".join(parts)


def problem_text(p: Problem) -> str:
    return f"{p.place} [{p.code}] {p.message}"


def more_text(failure: UnitFailure) -> str:
    hidden = failure.count - len(failure.problems)
    return f"……另有{hidden}个错误（用 jixiao check --data 查看全部）" if hidden else ""


def ranking_rows(ranking: Ranking) -> list[list[str]]:
    return [
        [
            str(r.rank),
            r.unit.name,
            two(r.unit.target),
            two(r.unit.final),
            r.grade,
            remark(r, ranking.over_quota),
        ]
        for r in ranking.units
    ]


# --- table ----------------------------------------------------------------------------


def _fold(table: Table, header: str, min_width: int) -> None:
    """Let a column of long names fold over lines, so the table fits 80 columns."""
    column = next(c for c in table.columns if c.header == header)
    column.no_wrap = False
    column.min_width = min_width


def render_table(ranking: Ranking) -> RenderableType:
    table = compact_table(title_text(ranking))
    add_columns(table, HEADERS, right={"名次", "目标考评得分", "考评得分"})
    _fold(table, "单位", 12)
    _fold(table, "备注", 8)
    order = [grade for grade, _ in ranking.grades]
    for rank, name, target, final, grade, note in ranking_rows(ranking):
        add_row(
            table,
            rank,
            name,
            target,
            shown(final, style="bold"),
            shown(grade, style=grade_style(order, grade)),
            shown(note, style="yellow"),
        )
    parts: list[object] = [table] if ranking.units else [shown(title_text(ranking), "bold")]
    parts += [shown(line) for line in [summary_text(ranking), *notes(ranking)]]
    if ranking.failures:
        parts += [Text(), _failures_table(ranking)]
    return Group(*parts)  # type: ignore[arg-type]


def _failures_table(ranking: Ranking) -> Table:
    table = compact_table(f"{DATA_ERROR}，未参加排名")
    add_columns(table, ["子文件夹", "问题"])
    _fold(table, "问题", 20)
    for failure in ranking.failures:
        lines = [problem_text(p) for p in failure.problems]
        if more := more_text(failure):
            lines.append(more)
        add_row(table, failure.folder, shown("\n".join(lines), style="red"))
    return table


# --- json -----------------------------------------------------------------------------


def to_json_dict(ranking: Ranking) -> dict[str, object]:
    return {
        "year": ranking.year,
        "units": [
            {
                "name": r.unit.name,
                "target": number(r.unit.target),
                "final": number(r.unit.final),
                "grade": r.grade,
                "rank": r.rank,
                "provisional": r.unit.provisional,
                "folder": r.unit.folder,
                "results": r.unit.results_file,
                "score_grade": r.unit.grade,
                "over_quota": r.over_quota,
            }
            for r in ranking.units
        ],
        "errors": [
            {
                "unit": f.folder,
                "problems": [p.as_dict() for p in f.problems],
                "problem_count": f.count,
            }
            for f in ranking.failures
        ],
        "grades": dict(ranking.grades),
        "quotas": [
            {
                "grade": q.grade,
                "quota": str(q.quota),
                "limit": q.limit,
                "held": q.held,
                "beyond": [{"name": name, "moved_to": to} for name, to in q.beyond],
            }
            for q in ranking.quotas
        ],
        "over_quota": ranking.over_quota,
    }


def render_json(ranking: Ranking) -> str:
    return json_text(to_json_dict(ranking))


# --- markdown and csv -----------------------------------------------------------------


def render_markdown(ranking: Ranking) -> str:
    parts = [f"# {title_text(ranking)}", "", summary_text(ranking) + "。", ""]
    if ranking.units:
        parts += [md_table(HEADERS, ranking_rows(ranking), right={0, 2, 3}), ""]
    parts += [f"- {line}" for line in notes(ranking)]
    if ranking.failures:
        parts += ["", f"## {DATA_ERROR}，未参加排名", ""]
        for failure in ranking.failures:
            parts.append(f"- {failure.folder}")
            parts += [f"  - `{p.place}` [{p.code}] {p.message}" for p in failure.problems]
            if more := more_text(failure):
                parts.append(f"  - {more}")
    return visible("\n".join(parts))


FAILURE_HEADERS = ["子文件夹", "位置", "代码", "问题"]


def failure_rows(ranking: Ranking) -> list[list[str]]:
    """A row per problem of each unit with errors, and one saying how many more there are."""
    rows = []
    for failure in ranking.failures:
        rows += [[failure.folder, p.place, p.code, p.message] for p in failure.problems]
        if more := more_text(failure):
            rows.append([failure.folder, "", "", more])
    return rows


def render_csv(ranking: Ranking) -> str:
    """The ranking; then the units with errors, a row per problem; then the notes."""
    blocks: list[Block] = [(HEADERS, ranking_rows(ranking))]
    if ranking.failures:
        blocks.append((FAILURE_HEADERS, failure_rows(ranking)))
    blocks.append((["说明"], [[line] for line in [summary_text(ranking), *notes(ranking)]]))
    return csv_text(*blocks)


# --- xlsx -----------------------------------------------------------------------------

RANK_COLUMNS = [
    Col("名次", "center", least=6),
    Col("单位", cap=36),
    Col("目标考评得分", "number"),
    Col("考评得分", "strong"),
    Col("等次", "center", least=6),
    Col("备注", cap=30),
]


def sheet_name(name: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts (no []:*?/\\, at most 31 characters), not yet taken."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'")[:MAX_SHEET_NAME]
    candidate, n = base or "等次", 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f"({n})"
        candidate, n = base[: MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate


def _ranking_grid(ranking: Ranking, name: str, title: str, units: list[RankedUnit]) -> Grid:
    grid = Grid(name, title, summary_text(ranking) + "　　" + grades_text(ranking), RANK_COLUMNS)
    for r in units:
        grid.add(
            [
                r.rank,
                r.unit.name,
                number(r.unit.target),
                number(r.unit.final),
                r.grade,
                remark(r, ranking.over_quota),
            ]
        )
    if not units:
        grid.line("（无）")
    for line in notes(ranking)[1:]:
        grid.line(line, "note")
    return grid


def _failures_grid(ranking: Ranking, name: str) -> Grid:
    grid = Grid(
        name,
        f"{title_text(ranking)}：{DATA_ERROR}的单位",
        "这些单位未参加排名；改正后重新运行 jixiao rank",
        [Col("子文件夹", cap=24), Col("位置", cap=36), Col("问题", cap=60)],
    )
    for failure in ranking.failures:
        first = grid.next_row
        for p in failure.problems:
            grid.add([failure.folder, p.place, f"[{p.code}] {p.message}"])
        if more := more_text(failure):
            grid.add([failure.folder, "", more])
        grid.merge(first, 0, grid.next_row - 1, 0)
    return grid


def _created() -> datetime:
    """The workbook's creation time; SOURCE_DATE_EPOCH fixes it, for byte-identical files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else int(time.time())
    return datetime.fromtimestamp(seconds, timezone.utc)


def render_xlsx(ranking: Ranking) -> bytes:
    """排名 (every ranked unit), a sheet per grade, and 数据有误 when any unit has errors."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties(
        {
            "title": title_text(ranking),
            "subject": "绩效考评排名",
            "author": "jixiao",
            "created": _created(),
        }
    )
    fmt = formats(workbook)
    taken: set[str] = set()
    title = title_text(ranking)
    grids = [_ranking_grid(ranking, sheet_name("排名", taken), title, list(ranking.units))]
    for grade, _ in ranking.grades:
        units = [r for r in ranking.units if r.grade == grade]
        grids.append(_ranking_grid(ranking, sheet_name(grade, taken), f"{title}：{grade}", units))
    if ranking.failures:
        grids.append(_failures_grid(ranking, sheet_name(DATA_ERROR, taken)))
    for grid in grids:
        write_grid(workbook, grid, fmt)
    workbook.close()
    return buffer.getvalue()


RENDERERS: dict[str, Callable[[Ranking], RenderableType | bytes]] = {
    "table": render_table,
    "json": render_json,
    "markdown": render_markdown,
    "csv": render_csv,
    "xlsx": render_xlsx,
}
