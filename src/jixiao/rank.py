"""`jixiao rank`: score every unit a city's office evaluates, and rank them (issue 15).

UNITS is a folder whose subfolders are data directories. Each unit is scored exactly as
`jixiao score --data UNIT` would (the same results file, `allow_missing` passed through).
Units are independent, so with `jobs` > 1 they are scored in a process pool; each worker
sends back a small record per unit, in folder order, so the ranking is the same for any
number of jobs and memory holds one unit's tree per worker plus those records.
"""

from __future__ import annotations

import dataclasses
import gc
import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path

from .dataset import RESULTS_DIR, SCHEME_FILE, STAFF_FILE, load_for_results
from .loader import display_name
from .problem import DataError, Pos, Problem, Refused, UsageError, error
from .rank_config import CONFIG_FILE, Config, OverQuota, Quota, check_grades, load_config
from .scoring import score_results

MAX_PROBLEMS = 5  # a unit with errors is listed with its first few; `jixiao check` gives all


@dataclass(frozen=True, slots=True)
class UnitScore:
    """A unit that scored: its figures as `jixiao score` reports them, and where its name is."""

    folder: str
    name: str
    year: int
    target: Decimal
    final: Decimal
    grade: str
    provisional: bool
    grades: tuple[str, ...]  # its scheme's grades, highest first
    results_file: str  # the one it was scored from, relative to UNITS
    scheme_file: str  # relative to UNITS
    name_pos: Pos
    year_pos: Pos


@dataclass(frozen=True, slots=True)
class UnitFailure:
    """A unit whose data has errors: its first problems (files relative to UNITS), not ranked."""

    folder: str
    problems: tuple[Problem, ...]
    count: int  # all its errors, of which `problems` are the first


Outcome = UnitScore | UnitFailure


@dataclass(frozen=True, slots=True)
class RankedUnit:
    unit: UnitScore
    rank: int  # equal final scores share a rank: 1, 1, 3
    grade: str  # after the quotas (moved down under `downgrade`)
    over_quota: bool  # beyond a grade's quota (flagged, or moved down)


@dataclass(frozen=True, slots=True)
class QuotaOutcome:
    """One grade's quota applied: how many it allows and which units were beyond it."""

    grade: str
    quota: Quota
    base: int  # the units ranked: what a percentage is a share of
    limit: int
    held: int  # units in the grade before the quota applied
    beyond: tuple[tuple[str, str | None], ...]  # (unit, grade moved to under downgrade)


@dataclass(frozen=True, slots=True)
class Ranking:
    year: int | None
    units: tuple[RankedUnit, ...]  # best first
    failures: tuple[UnitFailure, ...]  # in folder order
    grades: tuple[tuple[str, int], ...]  # every grade, highest first, with its count
    quotas: tuple[QuotaOutcome, ...]
    over_quota: OverQuota | None  # None without rank.yaml

    @property
    def provisional(self) -> bool:
        return any(u.unit.provisional for u in self.units)


def rank_units(units: Path, *, allow_missing: bool = False, jobs: int = 1) -> Ranking:
    """Score every unit under `units` and rank them, applying `units/rank.yaml`'s quotas.

    Raises UsageError when `units` holds no unit, DataError when rank.yaml is wrong.
    """
    folders = unit_folders(units)
    config = load_config(units)  # a wrong rank.yaml stops everything before any scoring
    outcomes = _across_units(list(score_all(folders, units, allow_missing, jobs)))
    scored = sorted(
        (o for o in outcomes if isinstance(o, UnitScore)), key=lambda u: (-u.final, u.name)
    )
    failures = tuple(o for o in outcomes if isinstance(o, UnitFailure))
    order = _grade_order(scored)
    if config is not None and scored:
        lowest = {u.grades[-1] for u in scored}
        problems = check_grades(config, order, lowest)
        if problems:
            raise DataError(problems)
    ranks = competition_ranks([u.final for u in scored])
    grades, over, quotas = _apply_quotas(scored, order, config)
    ranked = tuple(
        RankedUnit(u, r, grades[u.folder], u.folder in over)
        for u, r in zip(scored, ranks, strict=True)
    )
    counts = Counter(r.grade for r in ranked)
    return Ranking(
        year=_common_year(scored),
        units=ranked,
        failures=failures,
        grades=tuple((g, counts[g]) for g in order),
        quotas=quotas,
        over_quota=config.over_quota if config is not None else None,
    )


def unit_folders(units: Path) -> list[Path]:
    """The subfolders of `units` (hidden ones aside), by name; a usage error when there are none."""
    if not units.exists():
        raise UsageError(f"参评单位文件夹 {units} 不存在")
    if not units.is_dir():
        raise UsageError(f"{units} 不是文件夹（应指定存放各参评单位数据目录的文件夹）")
    folders = sorted(
        (p for p in units.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    if not folders:
        raise UsageError(
            f"{units} 中没有子文件夹：每个参评单位一个子文件夹，"
            "内含 indicators.yaml、staff.yaml 和 results/"
        )
    return folders


# --- scoring each unit ----------------------------------------------------------------


def score_unit(folder: Path, units: Path, allow_missing: bool) -> Outcome:
    """One unit, as `jixiao score --data folder` scores it; runs in a worker process."""
    base = os.path.abspath(units)
    try:
        dataset, chosen = load_for_results(folder, None)
        card = score_results(dataset, chosen, allow_missing=allow_missing)
    except (DataError, Refused) as err:
        problems = sorted(
            err.problems if isinstance(err, DataError) else [err.problem],
            key=lambda p: p.sort_key(),
        )
        first = tuple(_relative(p, base) for p in problems[:MAX_PROBLEMS])
        return UnitFailure(folder.name, first, len(problems))
    scheme = card.scheme
    return UnitScore(
        folder=folder.name,
        name=scheme.unit,
        year=scheme.year,
        target=card.bureau.target,
        final=card.bureau.final,
        grade=card.bureau.grade,
        provisional=card.provisional,
        grades=tuple(g.name for g in scheme.grades),
        results_file=_relative_name(chosen.name, base),
        scheme_file=_relative_name(display_name(folder / SCHEME_FILE), base),
        name_pos=scheme.where("unit"),
        year_pos=scheme.where("year"),
    )


def score_all(
    folders: list[Path], units: Path, allow_missing: bool, jobs: int
) -> Iterator[Outcome]:
    """Each folder's outcome, in the order of `folders`, whatever the number of jobs."""
    work = partial(score_unit, units=units, allow_missing=allow_missing)
    if jobs <= 1 or len(folders) == 1:
        with _collecting():
            yield from map(work, folders)
        return
    workers = min(jobs, len(folders))
    chunk = max(1, min(16, len(folders) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers, initializer=gc.enable) as pool:
        yield from pool.map(work, folders, chunksize=chunk)


class _collecting:
    """The cyclic collector on for the length of the loop (the CLI turns it off for one big
    tree; here many small trees come and go, and whatever cycles they hold must not pile up)."""

    def __enter__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.enable()

    def __exit__(self, *exc: object) -> None:
        if not self.was_enabled:
            gc.disable()


def _relative_name(name: str, base: str) -> str:
    """A file name as the loader gave it (relative to the working folder), relative to UNITS."""
    try:
        relative = os.path.relpath(os.path.abspath(name), base)
    except ValueError:  # another drive on Windows
        return name
    return name if relative.startswith("..") else relative


def _relative(problem: Problem, base: str) -> Problem:
    return dataclasses.replace(problem, file=_relative_name(problem.file, base))


# --- across units ---------------------------------------------------------------------


def _across_units(outcomes: list[Outcome]) -> list[Outcome]:
    """Units that cannot be ranked with the others: a name another folder uses too, or a year
    other than the one most units are of. Each becomes a failure located at its line."""
    scored = [o for o in outcomes if isinstance(o, UnitScore)]
    folders_by_name: dict[str, list[str]] = defaultdict(list)
    for unit in scored:
        folders_by_name[unit.name].append(unit.folder)
    year = _common_year(scored)
    out: list[Outcome] = []
    for outcome in outcomes:
        if not isinstance(outcome, UnitScore):
            out.append(outcome)
            continue
        problems = []
        others = [f for f in folders_by_name[outcome.name] if f != outcome.folder]
        if others:
            problems.append(
                error(
                    outcome.scheme_file,
                    outcome.name_pos,
                    "duplicate-unit",
                    f"单位名称“{outcome.name}”与子文件夹 {'、'.join(others)} 中的单位相同",
                    "每个参评单位只应有一个子文件夹；不同单位请用各自的全称",
                )
            )
        if year is not None and outcome.year != year:
            problems.append(
                error(
                    outcome.scheme_file,
                    outcome.year_pos,
                    "year-mismatch",
                    f"年度 {outcome.year} 与其他参评单位（{year} 年度）不同",
                    "参加同一次排名的单位应为同一年度的数据",
                )
            )
        failed = UnitFailure(outcome.folder, tuple(problems), len(problems))
        out.append(failed if problems else outcome)
    return out


def _common_year(scored: list[UnitScore]) -> int | None:
    """The year most units are of (the later one on a tie)."""
    years = Counter(u.year for u in scored)
    return max(years, key=lambda y: (years[y], y)) if years else None


def _grade_order(scored: list[UnitScore]) -> list[str]:
    """Every grade of the ranked units' schemes, highest first (they normally share one list)."""
    order: list[str] = []
    for unit in sorted(scored, key=lambda u: u.folder):
        order += [g for g in unit.grades if g not in order]
    return order


def competition_ranks(finals: list[Decimal]) -> list[int]:
    """Ranks of scores sorted best first; equal scores share a rank and the next is skipped."""
    ranks: list[int] = []
    for i, final in enumerate(finals):
        ranks.append(ranks[-1] if i and final == finals[i - 1] else i + 1)
    return ranks


def _apply_quotas(
    scored: list[UnitScore], order: list[str], config: Config | None
) -> tuple[dict[str, str], set[str], tuple[QuotaOutcome, ...]]:
    """Each unit's grade after the quotas (by folder), the folders beyond a quota, and what each
    quota did. Quotas apply from the highest grade down, so under `downgrade` a unit moved out
    of 优秀 counts against 良好's quota. Units tied at the edge of a quota are all beyond it:
    the quota cannot be kept by choosing between equal scores."""
    grades = {u.folder: u.grade for u in scored}
    over: set[str] = set()
    outcomes: list[QuotaOutcome] = []
    if config is None:
        return grades, over, ()
    for grade in order:
        quota = config.quotas.get(grade)
        if quota is None:
            continue
        limit = quota.limit(len(scored))
        members = [u for u in scored if grades[u.folder] == grade]  # best first
        at_least = {m.final: i + 1 for i, m in enumerate(members)}  # members scoring >= it
        beyond: list[tuple[str, str | None]] = []
        for unit in members:
            if at_least[unit.final] <= limit:
                continue
            over.add(unit.folder)
            moved = None
            if config.over_quota == "downgrade":
                moved = unit.grades[unit.grades.index(grade) + 1]
                grades[unit.folder] = moved
            beyond.append((unit.name, moved))
        outcomes.append(QuotaOutcome(grade, quota, len(scored), limit, len(members), tuple(beyond)))
    return grades, over, tuple(outcomes)


def unit_inputs(units: Path) -> list[Path]:
    """Every file `rank` reads from `units`: output must never replace one of them."""
    paths = [units / CONFIG_FILE]
    for folder in unit_folders(units):
        paths += [folder / SCHEME_FILE, folder / STAFF_FILE]
        paths += sorted((folder / RESULTS_DIR).glob("*.yaml"))
    return paths
