"""What changed between two results files, and what it did to the scores (`jixiao diff`).

Each side is loaded and checked like the file `jixiao score` reads, and scored by
`scoring.score` itself, so every figure old and new is the one the clerk already trusts.
A side is a results file on disk, or `git:REV`: the same results file with the scheme and
staff as committed at that revision of the data directory's repository.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Generic, TypeVar

from .dataset import ResultsFile, ValidDataset, load_for_results
from .decimals import plain, round2
from .directory import Directory
from .model import Bonus, Deduction, Leaf, Scheme
from .problem import DataError, Problem, UsageError
from .revision import Revision, is_revision, load_at, open_revision
from .scoring import Ineligible, Score, Scorecard, score_results

# --- the two sides --------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """One side of the comparison: where its results were read, and their scorecard."""

    label: str  # data/results/2024.yaml, or git:HEAD:data/results/2024.yaml
    card: Scorecard
    directory: Directory
    inputs: tuple[Path, ...] = ()  # the files read from disk (none for a git revision)


def load_sides(
    data: Path,
    old: str,
    new: str | None = None,
    results: Path | None = None,
    *,
    allow_missing: bool = False,
) -> tuple[Side, Side]:
    """Load and score both sides. `new` None is the working copy.

    The results file of a `git:REV` side is `results` if given, else the file named on the
    other side, else the one `jixiao score` would read on the new side. Raises DataError
    (bad data on either side, or a figure missing without `allow_missing`) and UsageError.
    """
    old_rev = open_revision(data, old) if is_revision(old) else None
    new_rev = open_revision(data, new) if new is not None and is_revision(new) else None
    old_file = Path(old) if old_rev is None else None
    new_file = Path(new) if new is not None and new_rev is None else None
    if results is not None and old_file is not None and new_file is not None:
        raise UsageError("已经给出了两个结果文件，--results 只用于 git:REV 或省略“新”的一方")
    problems: list[Problem] = []  # of both sides, so one run shows every one
    new_results = new_file or results or (old_file if new_rev is not None else None)
    new_loaded = _collect(problems, lambda: _load(data, new_rev, new_results))
    old_results = old_file or results or (new_loaded[1].path if new_loaded else None)
    old_loaded = _collect(problems, lambda: _load(data, old_rev, old_results))
    if old_loaded is None or new_loaded is None:
        raise DataError(list(dict.fromkeys(problems)))  # both sides may share a scheme
    old_side = _collect(problems, lambda: _scored(old_loaded, allow_missing))
    new_side = _collect(problems, lambda: _scored(new_loaded, allow_missing))
    if old_side is None or new_side is None:
        raise DataError(list(dict.fromkeys(problems)))
    return old_side, new_side


R = TypeVar("R")


def _collect(problems: list[Problem], work: Callable[[], R]) -> R | None:
    """The work's result, or None with its DataError's problems added to `problems`."""
    try:
        return work()
    except DataError as err:
        problems += err.problems
        return None


def _load(
    data: Path, revision: Revision | None, results: Path | None
) -> tuple[ValidDataset, ResultsFile]:
    """A side's data: at a revision, or in the working copy (`results` None: the file `score`
    reads)."""
    if revision is not None:
        return load_at(revision, data, results)
    return load_for_results(data, results)


def _scored(loaded: tuple[ValidDataset, ResultsFile], allow_missing: bool) -> Side:
    dataset, chosen = loaded
    card = score_results(dataset, chosen, allow_missing=allow_missing)
    return Side(chosen.name, card, dataset.directory, tuple(dataset.inputs))


# --- the comparison -------------------------------------------------------------------

T = TypeVar("T")


@dataclass(frozen=True)
class Change(Generic[T]):
    """A value on each side; None where a side lacks it."""

    old: T | None
    new: T | None


@dataclass(frozen=True)
class ScoreChange(Change[Score]):
    name: str = ""


@dataclass(frozen=True)
class LeafChange(Change[Decimal]):
    """A completion figure, old → new (None: no figure, or no such leaf on that side)."""

    id: str = ""
    title: str = ""


@dataclass(frozen=True)
class EvaluationChange(Change[Decimal]):
    department: str | None = None  # None: the bureau's evaluation
    field: str = ""  # leadership | public


E = TypeVar("E", Bonus, Deduction)


@dataclass(frozen=True)
class EntryChanges(Generic[E]):
    """Bonuses or deductions: added, removed, and changed (same reason and date, new figures)."""

    added: list[E]
    removed: list[E]
    changed: list[tuple[E, E]]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class Eligibility:
    kind: str  # department | person
    entry: Ineligible  # on the side where it is lost: the deductions, the lowest grade

    @property
    def name(self) -> str:
        return self.entry.name


@dataclass(frozen=True)
class SchemeChange(Change[str]):
    item: str | None = None  # a leaf id or a section name; None for the scheme itself
    field: str = ""


@dataclass
class Diff:
    old: Side
    new: Side
    bureau: ScoreChange
    departments: list[ScoreChange]
    leaders: list[ScoreChange]
    leaves: list[LeafChange]
    evaluations: list[EvaluationChange]
    bonuses: EntryChanges[Bonus]
    deductions: EntryChanges[Deduction]
    lost: list[Eligibility]
    regained: list[Eligibility]
    scheme: list[SchemeChange]

    @property
    def unchanged(self) -> bool:
        return not (
            _differs(self.bureau)
            or self.departments
            or self.leaders
            or self.leaves
            or self.evaluations
            or self.bonuses
            or self.deductions
            or self.lost
            or self.regained
            or self.scheme
        )


def compare(old: Side, new: Side) -> Diff:
    """Every difference between the two sides; rows that did not change are left out."""
    o, n = old.card, new.card
    lost, regained = _eligibility(o, n)
    return Diff(
        old=old,
        new=new,
        bureau=ScoreChange(o.bureau, n.bureau, name=n.bureau.name),
        departments=_scores(o.departments, n.departments),
        leaders=_scores(o.leaders, n.leaders),
        leaves=_leaves(o, n),
        evaluations=_evaluations(old, new),
        bonuses=_entries(o.results.bonuses, n.results.bonuses, old, new),
        deductions=_entries(o.results.deductions, n.results.deductions, old, new),
        lost=lost,
        regained=regained,
        scheme=scheme_changes(o.scheme, n.scheme),
    )


def _differs(change: ScoreChange) -> bool:
    o, n = change.old, change.new
    if o is None or n is None:
        return o is not n
    return round2(o.final) != round2(n.final) or o.grade != n.grade


def _scores(old: list[Score], new: list[Score]) -> list[ScoreChange]:
    """Departments or leaders whose final or grade changed, in the new ranking, then the gone."""
    before = {s.name: s for s in old}
    now = {s.name: s for s in new}
    names = [s.name for s in new] + [s.name for s in old if s.name not in now]
    changes = [ScoreChange(before.get(name), now.get(name), name=name) for name in names]
    return [c for c in changes if _differs(c)]


def _leaves(old: Scorecard, new: Scorecard) -> list[LeafChange]:
    def figures(card: Scorecard) -> dict[str, tuple[Leaf, Decimal | None]]:
        return {s.leaf.id: (s.leaf, None if s.missing else s.completion) for s in card.leaves}

    before, now = figures(old), figures(new)
    ids = list(now) + [i for i in before if i not in now]
    out = []
    for leaf_id in ids:
        leaf, was = before.get(leaf_id, (None, None))
        leaf, figure = now.get(leaf_id, (leaf, None))
        if was != figure:
            assert leaf is not None
            out.append(LeafChange(was, figure, id=leaf_id, title=leaf.title))
    return out


def _evaluations(old: Side, new: Side) -> list[EvaluationChange]:
    def figures(side: Side) -> dict[tuple[str | None, str], Decimal | None]:
        results = side.card.results
        out: dict[tuple[str | None, str], Decimal | None] = {}
        for department, evaluation in [
            (None, results.evaluation),
            *(
                (side.directory.department(k) or k, v)
                for k, v in results.department_evaluation.items()
            ),
        ]:
            for key in ("leadership", "public"):
                out[(department, key)] = getattr(evaluation, key, None)
        return out

    before, now = figures(old), figures(new)
    keys = list(now) + [k for k in before if k not in now]
    return [
        EvaluationChange(before.get(k), now.get(k), department=k[0], field=k[1])
        for k in keys
        if before.get(k) != now.get(k)
    ]


def _entries(old: Iterable[E], new: Iterable[E], o: Side, n: Side) -> EntryChanges[E]:
    """Match identical entries first; of the rest, one with the same reason (and date) on both
    sides has changed; what is left was added or removed."""

    def key(entry: Bonus, side: Side) -> tuple[object, ...]:
        return (*_identity(entry), entry.points, *_names(entry, side.directory))

    removed = list(old)
    added: list[E] = []
    for entry in new:
        match = next((e for e in removed if key(e, o) == key(entry, n)), None)
        if match is None:
            added.append(entry)
        else:
            removed.remove(match)
    changed = []
    for entry in list(added):
        match = next((e for e in removed if _identity(e) == _identity(entry)), None)
        if match is not None:
            removed.remove(match)
            added.remove(entry)
            changed.append((match, entry))
    return EntryChanges(added, removed, changed)


def _identity(entry: Bonus) -> tuple[str, date | None]:
    return entry.reason, getattr(entry, "date", None)


def _names(entry: Bonus, directory: Directory) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(sorted(directory.canonical(entry.departments))), tuple(sorted(entry.persons))


def _eligibility(old: Scorecard, new: Scorecard) -> tuple[list[Eligibility], list[Eligibility]]:
    def ineligible(card: Scorecard) -> dict[tuple[str, str], Eligibility]:
        entries = [("department", i) for i in card.ineligible_departments]
        entries += [("person", i) for i in card.ineligible_persons]
        return {(kind, i.name): Eligibility(kind, i) for kind, i in entries}

    before, now = ineligible(old), ineligible(new)
    lost = [e for k, e in now.items() if k not in before]
    regained = [e for k, e in before.items() if k not in now]
    return lost, regained


# --- the scheme -----------------------------------------------------------------------

LEAF_FIELDS: dict[str, Callable[[Leaf], str | None]] = {
    "title": lambda leaf: leaf.title,
    "weight": lambda leaf: plain(leaf.weight),
    "deadline": lambda leaf: leaf.deadline.isoformat() if leaf.deadline else None,
    "leaders": lambda leaf: "、".join(leaf.leaders),
    "departments": lambda leaf: "、".join(leaf.departments),
    "persons": lambda leaf: "、".join(leaf.persons),
}


def _number(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


SCHEME_FIELDS: dict[str, Callable[[Scheme], str | None]] = {
    "unit": lambda s: s.unit,
    "year": lambda s: str(s.year),
    "source": lambda s: s.source,
    "full_marks": lambda s: plain(s.full_marks),
    "formula.target_factor": lambda s: plain(s.formula.target_factor),
    "formula.leadership_max": lambda s: plain(s.formula.leadership_max),
    "formula.public_max": lambda s: plain(s.formula.public_max),
    "formula.bonus_max": lambda s: _number(s.formula.bonus_max),
    "grades": lambda s: "、".join(f"{g.name} ≥ {plain(g.min)}" for g in s.grades),
    "progress.tolerance": lambda s: plain(s.progress.tolerance),
}


def scheme_changes(old: Scheme, new: Scheme) -> list[SchemeChange]:
    """The scheme's own parameters, its sections' weights, and its leaves: added, removed or
    with a field changed."""
    out = [
        SchemeChange(get(old), get(new), field=name)
        for name, get in SCHEME_FIELDS.items()
        if get(old) != get(new)
    ]
    before = {s.name: plain(s.weight) for s in old.sections}
    now = {s.name: plain(s.weight) for s in new.sections}
    for name in list(now) + [n for n in before if n not in now]:
        if before.get(name) != now.get(name):
            out.append(SchemeChange(before.get(name), now.get(name), item=name, field="section"))
    old_leaves = {leaf.id: leaf for leaf in old.leaves()}
    new_leaves = {leaf.id: leaf for leaf in new.leaves()}
    for leaf_id in list(new_leaves) + [i for i in old_leaves if i not in new_leaves]:
        was, leaf = old_leaves.get(leaf_id), new_leaves.get(leaf_id)
        if was is None or leaf is None:
            old_title = was.title if was else None
            out.append(
                SchemeChange(old_title, leaf.title if leaf else None, item=leaf_id, field="leaf")
            )
            continue
        for name, get in LEAF_FIELDS.items():
            if get(was) != get(leaf):
                out.append(SchemeChange(get(was), get(leaf), item=leaf_id, field=name))
    return out
