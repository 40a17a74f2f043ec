"""Scores (SPEC §3): exact decimals, each reported figure rounded half up before the next step.

A clerk re-adding the printout with a calculator gets the same total, because every
figure is computed from the rounded figures shown before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from .decimals import HUNDRED, ZERO, round2
from .directory import Directory
from .missing import EVALUATIONS, missing_evaluations, missing_figures
from .model import Bonus, Deduction, Evaluation, Leaf, Results, Scheme
from .problem import DataError, Severity

if TYPE_CHECKING:
    from .dataset import ResultsFile, ValidDataset


@dataclass(frozen=True)
class LeafScore:
    leaf: Leaf
    completion: Decimal  # 0 when missing and allowed
    points: Decimal
    missing: bool = False
    note: str | None = None
    departments: tuple[str, ...] = ()  # canonical names (aliases resolved)


@dataclass(frozen=True)
class Score:
    """One line of the scorecard: the bureau, a department or a leader."""

    name: str
    max_points: Decimal
    target: Decimal
    weighted: Decimal
    leadership: Decimal
    public: Decimal
    bonus: Decimal
    deduction: Decimal
    final: Decimal
    grade: str
    rank: int = 1  # among the departments (or leaders): 1 + how many scored higher
    leaves: tuple[LeafScore, ...] = field(default=(), repr=False)
    bonuses: tuple[Bonus, ...] = field(default=(), repr=False)
    deductions: tuple[Deduction, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Ineligible:
    """Who loses 评先评优 eligibility: the deductions naming them, and for a department graded
    in the lowest grade, that grade (限期整改)."""

    name: str
    deductions: tuple[Deduction, ...]
    rectify_grade: str | None = None  # 差等科室：限期整改
    departments: tuple[str, ...] = ()  # for a person: the departments named with them

    @property
    def rectify(self) -> bool:
        return self.rectify_grade is not None


@dataclass
class Scorecard:
    scheme: Scheme
    results: Results
    bureau: Score
    departments: list[Score]
    leaders: list[Score]
    ineligible_departments: list[Ineligible]
    ineligible_persons: list[Ineligible]
    leaves: list[LeafScore]
    provisional: bool = False
    missing: list[str] = field(default_factory=list)  # leaf ids without a completion figure
    missing_evaluations: list[str] = field(default_factory=list)  # "leadership", "public"


def score(
    scheme: Scheme,
    results: Results,
    directory: Directory,
    *,
    allow_missing: bool = False,
    results_file: str = "",
) -> Scorecard:
    """Score the bureau, every department and every leader. Raises DataError on missing figures."""
    leaves = scheme.leaves()
    missing = missing_figures(results, leaves, results_file, directory, Severity.ERROR)
    missing += missing_evaluations(results, results_file, Severity.ERROR)
    if missing and not allow_missing:
        raise DataError(missing)
    leaf_scores = [_leaf_score(leaf, results, directory) for leaf in leaves]
    evaluation = _evaluation(results.evaluation)
    bureau = _score(
        scheme.unit,
        scheme,
        leaf_scores,
        evaluation,
        results.bonuses,
        results.deductions,
        relative=False,
    )
    departments = _by_department(scheme, results, leaf_scores, directory, evaluation)
    leaders = _by_leader(scheme, results, leaf_scores, evaluation)
    ineligible_departments, ineligible_persons = _ineligible(
        scheme, results, departments, directory
    )
    missing_ids = [s.leaf.id for s in leaf_scores if s.missing]
    empty = [key for key, _ in EVALUATIONS if getattr(results.evaluation, key, None) is None]
    return Scorecard(
        scheme, results, bureau, departments, leaders, ineligible_departments, ineligible_persons,
        leaf_scores, provisional=bool(missing), missing=missing_ids, missing_evaluations=empty,
    )  # fmt: skip


def score_results(dataset: ValidDataset, chosen: ResultsFile, *, allow_missing: bool) -> Scorecard:
    """`score` of a loaded data directory and the results file chosen for it."""
    return score(
        dataset.scheme,
        chosen.results,
        dataset.directory,
        allow_missing=allow_missing,
        results_file=chosen.name,
    )


def leaf_points(weight: Decimal, completion: Decimal) -> Decimal:
    """A leaf's points: its weight times its completion rate, rounded as reported."""
    return round2(weight * completion / HUNDRED)


def share(points: Decimal, max_points: Decimal) -> Decimal:
    """Points earned as a share of the points possible, out of 100 (a department's 目标考评得分,
    and the weighted completion `progress` reports): the same figure for both."""
    return round2(points / max_points * HUNDRED) if max_points else ZERO


def _leaf_score(leaf: Leaf, results: Results, directory: Directory) -> LeafScore:
    entry = results.completion.get(leaf.id)
    figure = entry.completion if entry is not None else None
    note = entry.note if entry is not None else None
    departments = directory.canonical(leaf.departments)
    if figure is None:
        return LeafScore(leaf, ZERO, ZERO, missing=True, note=note, departments=departments)
    points = leaf_points(leaf.weight, figure)
    return LeafScore(leaf, figure, points, note=note, departments=departments)


def _evaluation(evaluation: Evaluation | None) -> tuple[Decimal, Decimal]:
    """The bureau's 领导评价 and 公众评议; a missing figure (allowed only when provisional) is 0."""
    if evaluation is None:
        return ZERO, ZERO
    return evaluation.leadership or ZERO, evaluation.public or ZERO


def _score(
    name: str,
    scheme: Scheme,
    leaves: list[LeafScore],
    evaluation: tuple[Decimal, Decimal],
    bonuses: Iterable[Bonus],
    deductions: Iterable[Deduction],
    *,
    relative: bool,
) -> Score:
    formula = scheme.formula
    max_points = sum((s.leaf.weight for s in leaves), ZERO)
    earned = sum((s.points for s in leaves), ZERO)
    # a department or leader: its share of its own maximum, out of 100
    target = share(earned, max_points) if relative else earned
    weighted = round2(target * formula.target_factor)
    bonuses, deductions = tuple(bonuses), tuple(deductions)
    bonus = sum((b.points for b in bonuses), ZERO)
    if formula.bonus_max is not None:
        bonus = min(bonus, formula.bonus_max)
    deduction = sum((d.points for d in deductions), ZERO)
    leadership, public = evaluation
    final = weighted + leadership + public + bonus - deduction
    return Score(
        name=name,
        max_points=max_points,
        target=target,
        weighted=weighted,
        leadership=leadership,
        public=public,
        bonus=bonus,
        deduction=deduction,
        final=final,
        grade=scheme.grade_for(final),
        leaves=tuple(leaves),
        bonuses=bonuses,
        deductions=deductions,
    )


def _by_department(
    scheme: Scheme,
    results: Results,
    leaf_scores: list[LeafScore],
    directory: Directory,
    bureau_evaluation: tuple[Decimal, Decimal],
) -> list[Score]:
    overrides = {directory.department(k) or k: v for k, v in results.department_evaluation.items()}

    def evaluation(name: str) -> tuple[Decimal, Decimal]:
        override = overrides.get(name)
        return _merge(override, bureau_evaluation) if override else bureau_evaluation

    return _grouped(
        scheme,
        results,
        leaf_scores,
        lambda leaf: sorted(directory.canonical(leaf.departments)),
        lambda entry: set(directory.canonical(entry.departments)),
        evaluation,
    )


def _merge(override: Evaluation, bureau: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
    """A department's own evaluation, falling back to the bureau's for a figure it leaves out."""
    leadership = override.leadership if override.leadership is not None else bureau[0]
    public = override.public if override.public is not None else bureau[1]
    return leadership, public


def _by_leader(
    scheme: Scheme,
    results: Results,
    leaf_scores: list[LeafScore],
    bureau_evaluation: tuple[Decimal, Decimal],
) -> list[Score]:
    """Per 分管领导: their leaves, the bureau's evaluation, and the entries naming them."""
    return _grouped(
        scheme,
        results,
        leaf_scores,
        lambda leaf: list(dict.fromkeys(leaf.leaders)),
        lambda entry: set(entry.persons),
        lambda _: bureau_evaluation,
    )


def _grouped(
    scheme: Scheme,
    results: Results,
    leaf_scores: list[LeafScore],
    leaf_names: Callable[[Leaf], list[str]],
    entry_names: Callable[[Bonus], set[str]],
    evaluation: Callable[[str], tuple[Decimal, Decimal]],
) -> list[Score]:
    """Score each name over the leaves that name it, with the bonuses and deductions naming it."""
    groups: dict[str, list[LeafScore]] = {}
    for leaf_score in leaf_scores:
        for name in leaf_names(leaf_score.leaf):
            groups.setdefault(name, []).append(leaf_score)
    bonuses = _by_name(results.bonuses, entry_names)
    deductions = _by_name(results.deductions, entry_names)
    scores = [
        _score(
            name,
            scheme,
            leaves,
            evaluation(name),
            bonuses.get(name, []),
            deductions.get(name, []),
            relative=True,
        )
        for name, leaves in groups.items()
    ]
    return _ranked(scores)


E = TypeVar("E", Bonus, Deduction)


def _by_name(entries: Iterable[E], names: Callable[[Bonus], set[str]]) -> dict[str, list[E]]:
    """Bonuses or deductions indexed by each name they carry, in file order (one pass, not N×M)."""
    index: dict[str, list[E]] = {}
    for entry in entries:
        for name in names(entry):
            index.setdefault(name, []).append(entry)
    return index


def _ranked(scores: list[Score]) -> list[Score]:
    """Highest final first (then by name); equal finals share a rank: 1, 1, 3."""
    ordered = sorted(scores, key=lambda s: (-s.final, s.name))
    ranked: list[Score] = []
    for i, s in enumerate(ordered):
        tied = ranked and ranked[-1].final == s.final
        ranked.append(replace(s, rank=ranked[-1].rank if tied else i + 1))
    return ranked


def _ineligible(
    scheme: Scheme, results: Results, departments: list[Score], directory: Directory
) -> tuple[list[Ineligible], list[Ineligible]]:
    dept_deductions: dict[str, list[Deduction]] = {}
    person_deductions: dict[str, list[Deduction]] = {}
    person_departments: dict[str, set[str]] = {}
    ordered = sorted(
        results.deductions,
        key=lambda d: (d.date or date.min, d.reason, d.points, d.departments, d.persons),
    )
    for deduction in ordered:
        named = directory.canonical(deduction.departments)
        for name in named:
            dept_deductions.setdefault(name, []).append(deduction)
        for name in deduction.persons:
            person_deductions.setdefault(name, []).append(deduction)
            person_departments.setdefault(name, set()).update(named)
    lowest = scheme.grades[-1].name
    rectify = {d.name for d in departments if d.grade == lowest and len(scheme.grades) > 1}
    ineligible_departments = [
        Ineligible(
            name,
            tuple(dept_deductions.get(name, ())),
            rectify_grade=lowest if name in rectify else None,
        )
        for name in sorted(rectify | set(dept_deductions))
    ]
    ineligible_persons = [
        Ineligible(name, tuple(found), departments=tuple(sorted(person_departments[name])))
        for name, found in sorted(person_deductions.items())
    ]
    return ineligible_departments, ineligible_persons
