"""One figure, one value: with every figure present, `progress`'s weighted completion of the
bureau and of each department is `score`'s 目标考评得分 for them, to the cent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from jixiao.directory import Directory
from jixiao.progress import progress_report
from jixiao.scoring import score

from .builders import leaf, results, scheme

DEPARTMENTS = ["办公室", "协调科", "危化科", "指挥中心"]


@st.composite
def complete_results(draw: st.DrawFn) -> tuple[list[tuple[str, list[str], str]], ...]:
    """Leaves whose weights add up to 100 (as a valid scheme's do), each with a figure."""
    cuts = sorted(draw(st.lists(st.integers(1, 9999), max_size=11, unique=True)))
    bounds = [0, *cuts, 10000]
    specs = []
    for low, high in pairwise(bounds):
        departments = draw(
            st.lists(st.sampled_from(DEPARTMENTS), min_size=1, max_size=2, unique=True)
        )
        figure = draw(st.integers(0, 10000))
        specs.append((str(Decimal(high - low) / 100), departments, str(Decimal(figure) / 100)))
    return (specs,)


@given(complete_results())
def test_progress_completion_equals_score_target(drawn) -> None:  # type: ignore[no-untyped-def]
    (specs,) = drawn
    built = scheme(*(leaf(f"{i}", w, d) for i, (w, d, _) in enumerate(specs, 1)))
    figures = results({f"{i}": c for i, (_, _, c) in enumerate(specs, 1)})
    card = score(built, figures, Directory())
    report = progress_report(built, figures, date(2024, 12, 31), Directory())
    assert report.total.completion == card.bureau.target
    by_name = {s.name: s.completion for s in report.departments}
    assert by_name == {d.name: d.target for d in card.departments}


def test_a_file_where_the_plain_average_disagreed() -> None:
    # Two leaves of 50 at 0.01 %: each scores 50 × 0.01 % = 0.005 → 0.01, so score's target is
    # 0.02; the plain weighted average, (50 × 0.01 + 50 × 0.01) ÷ 100 = 0.01, said otherwise.
    built = scheme(leaf("1", "50", ["办公室"]), leaf("2", "50", ["办公室"]))
    figures = results({"1": "0.01", "2": "0.01"})
    card = score(built, figures, Directory())
    report = progress_report(built, figures, date(2024, 12, 31), Directory())
    assert card.bureau.target == Decimal("0.02")
    assert report.total.completion == Decimal("0.02")
    assert report.departments[0].completion == card.departments[0].target == Decimal("0.02")
