"""Property: scores do not depend on order, and equal an exact Fraction computation of SPEC §3."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from math import floor

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.directory import Directory
from jixiao.scoring import Score, score

from .builders import leaf, results, scheme

DEPARTMENTS = ["办公室", "协调科", "危化科", "指挥中心"]
LEADERS = ["刘海明", "王夏阳", "黄西洋"]


def cents(low: int, high: int) -> st.SearchStrategy[str]:
    """A figure as the clerk types it: at most two decimals."""
    return st.integers(low, high).map(lambda c: str(Decimal(c) / 100))


leaf_specs = st.lists(
    st.tuples(
        cents(1, 2000),
        st.lists(st.sampled_from(DEPARTMENTS), min_size=1, max_size=2, unique=True),
        st.lists(st.sampled_from(LEADERS), min_size=1, max_size=2, unique=True),
        cents(0, 10000),
    ),
    min_size=1,
    max_size=12,
)
entries = st.lists(
    st.tuples(cents(1, 300), st.lists(st.sampled_from(DEPARTMENTS), max_size=2, unique=True)),
    max_size=3,
)


def half_up(value: Fraction) -> Fraction:
    return Fraction(floor(value * 100 + Fraction(1, 2)), 100)


def reference(specs, leadership, public, bonuses, deductions, bonus_max, names=None):  # type: ignore[no-untyped-def]
    """SPEC §3 in Fractions, for the whole bureau or for the leaves of one department."""
    chosen = [s for s in specs if names is None or names in s[1]]
    points = [half_up(Fraction(w) * Fraction(c) / 100) for w, _, _, c in chosen]
    if names is None:
        target = sum(points, Fraction(0))
        extras_b, extras_d = bonuses, deductions
    else:
        target = half_up(sum(points, Fraction(0)) / sum(Fraction(s[0]) for s in chosen) * 100)
        extras_b = [b for b in bonuses if names in b[1]]
        extras_d = [d for d in deductions if names in d[1]]
    weighted = half_up(target * Fraction(8, 10))
    bonus = sum((Fraction(p) for p, _ in extras_b), Fraction(0))
    if bonus_max is not None:
        bonus = min(bonus, Fraction(bonus_max))
    deduction = sum((Fraction(p) for p, _ in extras_d), Fraction(0))
    return target, weighted, weighted + Fraction(leadership) + Fraction(public) + bonus - deduction


def _as_fractions(s: Score) -> tuple[Fraction, Fraction, Fraction]:
    return Fraction(s.target), Fraction(s.weighted), Fraction(s.final)


def _build(specs, leadership, public, bonuses, deductions, bonus_max, order):  # type: ignore[no-untyped-def]
    leaves = [
        leaf(f"{i + 1}", weight, departments, leaders)
        for i, (weight, departments, leaders, _) in enumerate(specs)
    ]
    completion = {f"{i + 1}": spec[3] for i, spec in enumerate(specs)}

    def entry(points: str, departments: list[str]) -> dict[str, object]:
        return {"points": points, "reason": "理由", "departments": departments}

    b = [entry(*x) for x in bonuses]
    d = [entry(*x) for x in deductions]
    if order:
        leaves, b, d = leaves[::-1], b[::-1], d[::-1]
        completion = dict(reversed(list(completion.items())))
    return score(
        scheme(*leaves, bonus_max=bonus_max),
        results(completion, leadership, public, bonuses=b, deductions=d),
        Directory(),
    )


@settings(max_examples=100, deadline=None)
@given(
    specs=leaf_specs,
    leadership=cents(0, 1000),
    public=cents(0, 1000),
    bonuses=entries,
    deductions=entries,
    bonus_max=st.none() | cents(0, 300),
)
def test_scores_are_order_independent_and_exact(  # type: ignore[no-untyped-def]
    specs, leadership, public, bonuses, deductions, bonus_max
) -> None:
    card = _build(specs, leadership, public, bonuses, deductions, bonus_max, order=False)
    flipped = _build(specs, leadership, public, bonuses, deductions, bonus_max, order=True)

    assert _as_fractions(card.bureau) == _as_fractions(flipped.bureau)
    assert [(d.name, d.final, d.grade) for d in card.departments] == [
        (d.name, d.final, d.grade) for d in flipped.departments
    ]
    assert [(s.name, s.final) for s in card.leaders] == [(s.name, s.final) for s in flipped.leaders]
    assert card.ineligible_departments == flipped.ineligible_departments

    args = (specs, leadership, public, bonuses, deductions, bonus_max)
    assert _as_fractions(card.bureau) == reference(*args)
    for department in card.departments:
        assert _as_fractions(department) == reference(*args, names=department.name)
