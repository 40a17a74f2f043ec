"""The year so far (`jixiao trend`): every check of the year, side by side.

The periods are the results files of the scheme's year in the data directory's results/,
in the order of the year: `<year>-Q1.yaml` … `<year>-Q4.yaml`, then `<year>.yaml`; any of
them may be absent. Each is read at its `as_of`; a file without one is read at the end of
its period (31 March … 31 December), and the trend says so.

Every figure is the one `jixiao progress` gives for that file: each period is a
`progress_report`, and the trend only lines their summaries up. A leaf is persistent
(连续滞后) when it is 滞后 or 逾期 in two periods in a row, "in a row" meaning two adjacent
checks of those present (a year without a Q2 file has Q1 and Q3 adjacent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

from .dataset import load_year
from .directory import Directory
from .model import Leaf, Results, Scheme
from .progress import NOTICE, ProgressReport, Status, Summary, progress_report
from .resultsfile import period_end

PERIOD_LABELS = {1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度", None: "全年"}


@dataclass(frozen=True)
class Period:
    """One check of the year: its results file read at its date."""

    key: str  # "2024-Q1" … "2024": the file's name without .yaml
    quarter: int | None  # None for the year's file
    path: Path
    as_of: date
    as_of_assumed: bool  # the file has no as_of: the period's end was used
    report: ProgressReport

    @property
    def label(self) -> str:
        return PERIOD_LABELS[self.quarter]


@dataclass(frozen=True)
class Line:
    """The bureau's or one department's figures, one per period."""

    name: str
    completion: list[Decimal | None]  # weighted completion; None: nothing reported
    overdue: list[int]
    behind: list[int]


@dataclass(frozen=True)
class Persistent:
    """A leaf 滞后 or 逾期 in two periods in a row, with its status in every period."""

    leaf: Leaf
    departments: tuple[str, ...]
    statuses: list[Status]

    def flagged(self, periods: Sequence[Period]) -> list[Period]:
        """The periods in which it was 滞后 or 逾期."""
        return [p for p, s in zip(periods, self.statuses, strict=True) if s in NOTICE]


@dataclass(frozen=True)
class Trend:
    unit: str
    year: int
    periods: list[Period]
    bureau: Line
    departments: list[Line]
    persistent: list[Persistent]


def trend_of(
    scheme: Scheme,
    directory: Directory,
    files: Sequence[tuple[int | None, Path, Results]],
) -> Trend:
    """The trend over results files already checked, given as (quarter or None, path, results)."""
    periods = []
    for quarter, path, results in files:
        as_of = results.as_of or period_end(scheme.year, quarter)
        key = f"{scheme.year}-Q{quarter}" if quarter else str(scheme.year)
        report = progress_report(scheme, results, as_of, directory)
        periods.append(Period(key, quarter, path, as_of, results.as_of is None, report))
    names = list(dict.fromkeys(s.name for p in periods for s in p.report.departments))
    return Trend(
        unit=scheme.unit,
        year=scheme.year,
        periods=periods,
        bureau=_line("全局", [p.report.total for p in periods]),
        departments=[_line(name, [_summary(p.report, name) for p in periods]) for name in names],
        persistent=_persistent(periods),
    )


def _summary(report: ProgressReport, name: str) -> Summary | None:
    return next((s for s in report.departments if s.name == name), None)


def _line(name: str, summaries: list[Summary | None]) -> Line:
    return Line(
        name=name,
        completion=[s.completion if s else None for s in summaries],
        overdue=[s.counts[Status.OVERDUE] if s else 0 for s in summaries],
        behind=[s.counts[Status.BEHIND] if s else 0 for s in summaries],
    )


def _persistent(periods: list[Period]) -> list[Persistent]:
    if not periods:
        return []
    found = []
    for i, row in enumerate(periods[0].report.rows):  # every report lists the scheme's leaves
        statuses = [p.report.rows[i].status for p in periods]
        flagged = [s in NOTICE for s in statuses]
        if any(a and b for a, b in pairwise(flagged)):
            found.append(Persistent(row.leaf, row.departments, statuses))
    return found


def load_trend(root: Path) -> tuple[Trend, list[Path]]:
    """Read and check the scheme, the staff and every results file of the year (as `progress`
    checks one: DataError with every error of every file, or when the year has none).
    Returns the trend and every file read."""
    data, found = load_year(root)
    files = [(quarter, path, data.results[path]) for quarter, path in found]
    return trend_of(data.scheme, data.directory, files), data.inputs
