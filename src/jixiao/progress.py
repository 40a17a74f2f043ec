"""The quarterly progress check (SPEC §4): which leaves are done, late, behind or on pace.

At a date D, a leaf is
- 已完成 when its completion figure is 100;
- 未填报 when it has no figure;
- 逾期 when D is after its deadline (on the deadline day itself it is not late yet);
- 滞后 when its figure is more than `progress.tolerance` points below the linear pace;
- 正常 otherwise.

The linear pace at D is the share of the days from 1 January of the scheme year to the
deadline that have passed, in percent, capped at 100 and rounded to two decimals half up;
the comparison uses the rounded pace, so a clerk checking the printout with a calculator
(完成率 < 应达进度 − 容差) reaches the same verdict.

Department summaries count each status and give the completion weighted by points: the
points of the leaves that have a figure (weight × figure ÷ 100, each rounded as `score`
rounds it) as a share of their weights, out of 100 — `scoring.share`, so with every figure
present it is the department's 目标考评得分, to the cent. A leaf without a figure is left
out (it is counted as 未填报 instead, so a department that reported nothing shows no
average rather than a misleading 0). A leaf shared by two departments counts fully for both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from .decimals import HUNDRED, round2
from .directory import Directory
from .model import Leaf, Results, Scheme
from .scoring import leaf_points, share


class Status(str, Enum):
    DONE = "done"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    OVERDUE = "overdue"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Status.DONE: "已完成",
    Status.ON_TRACK: "正常",
    Status.BEHIND: "滞后",
    Status.OVERDUE: "逾期",
    Status.MISSING: "未填报",
}

# The order of the columns and of the 通报 list: the worst first there.
STATUSES: tuple[Status, ...] = tuple(Status)
NOTICE: tuple[Status, ...] = (Status.OVERDUE, Status.BEHIND)


def expected_pace(deadline: date, as_of: date, year_start: date) -> Decimal:
    """Percent of the way from the year's start to the deadline at `as_of`, in [0, 100]."""
    total = (deadline - year_start).days
    if total <= 0:  # a deadline on 1 January: all of it is due that day
        return HUNDRED if as_of >= deadline else Decimal(0)
    elapsed = min(max((as_of - year_start).days, 0), total)
    return round2(Decimal(elapsed) * HUNDRED / Decimal(total))


def _deadline(leaf: Leaf, year_start: date) -> date:
    # `check` refuses a leaf without a deadline; a library caller without it gets year's end.
    return leaf.deadline or date(year_start.year, 12, 31)


def classify(
    leaf: Leaf, figure: Decimal | None, as_of: date, tolerance: Decimal, year_start: date
) -> Status:
    """The status of one leaf at `as_of`."""
    if figure is not None and figure >= HUNDRED:
        return Status.DONE
    if figure is None:
        return Status.MISSING
    deadline = _deadline(leaf, year_start)
    if as_of > deadline:
        return Status.OVERDUE
    if figure < expected_pace(deadline, as_of, year_start) - tolerance:
        return Status.BEHIND
    return Status.ON_TRACK


@dataclass(frozen=True)
class Row:
    """One leaf at the check date."""

    leaf: Leaf
    departments: tuple[str, ...]  # canonical names (aliases resolved), each once
    figure: Decimal | None
    note: str | None
    pace: Decimal
    status: Status

    @property
    def deadline(self) -> date | None:
        return self.leaf.deadline


@dataclass(frozen=True)
class Summary:
    """Counts and weighted completion over a set of leaves (a department, or all of them)."""

    name: str
    counts: dict[Status, int]
    leaves: int
    weight: Decimal  # Σ weight of all its leaves (分值)
    completion: Decimal | None  # share(Σ points, Σ weight) over the leaves with a figure

    @classmethod
    def of(cls, name: str, rows: Iterable[Row]) -> Summary:
        rows = list(rows)
        counts = dict.fromkeys(STATUSES, 0)
        for row in rows:
            counts[row.status] += 1
        reported = [(row.leaf.weight, row.figure) for row in rows if row.figure is not None]
        reported_weight = sum((weight for weight, _ in reported), Decimal(0))
        points = sum((leaf_points(weight, figure) for weight, figure in reported), Decimal(0))
        completion = share(points, reported_weight) if reported_weight else None
        return cls(
            name=name,
            counts=counts,
            leaves=len(rows),
            weight=sum((row.leaf.weight for row in rows), Decimal(0)),
            completion=completion,
        )


@dataclass(frozen=True)
class ProgressReport:
    unit: str
    year: int
    as_of: date
    tolerance: Decimal
    rows: list[Row]
    departments: list[Summary]
    total: Summary

    @property
    def notice(self) -> list[Row]:
        """The 通报 list: 逾期 first, then 滞后, each in the order of the scheme."""
        return [row for status in NOTICE for row in self.rows if row.status is status]

    @property
    def missing(self) -> list[Row]:
        return [row for row in self.rows if row.status is Status.MISSING]


def progress_report(
    scheme: Scheme, results: Results, as_of: date, directory: Directory
) -> ProgressReport:
    """Classify every leaf of the scheme at `as_of` and summarise by department."""
    year_start = date(scheme.year, 1, 1)
    tolerance = scheme.progress.tolerance
    rows: list[Row] = []
    for leaf in scheme.leaves():
        entry = results.completion.get(leaf.id)
        figure = entry.completion if entry is not None else None
        rows.append(
            Row(
                leaf=leaf,
                departments=directory.canonical(leaf.departments),
                figure=figure,
                note=entry.note if entry is not None else None,
                pace=expected_pace(_deadline(leaf, year_start), as_of, year_start),
                status=classify(leaf, figure, as_of, tolerance, year_start),
            )
        )
    return ProgressReport(
        unit=scheme.unit,
        year=scheme.year,
        as_of=as_of,
        tolerance=tolerance,
        rows=rows,
        departments=[
            Summary.of(name, (row for row in rows if name in row.departments))
            for name in _department_order(rows, directory)
        ],
        total=Summary.of("合计", rows),
    )


def _department_order(rows: list[Row], directory: Directory) -> list[str]:
    """Departments with at least one leaf: in staff.yaml's order, then any others as met."""
    named = {name: None for row in rows for name in row.departments}
    known = [name for name in directory.canonical_departments if name in named]
    return known + [name for name in named if name not in known]
