"""How reported figures are written: two decimals, half up, in text and in JSON."""

from __future__ import annotations

from decimal import Decimal

from ..decimals import plain, round2


def two(value: Decimal) -> str:
    """`97.2` -> `"97.20"`: every reported figure shows two decimals."""
    return f"{round2(value):f}"


def number(value: Decimal) -> float:
    """A JSON number with two decimals. Exact: a two-decimal value survives the float round trip."""
    return float(round2(value))


def percent(value: Decimal) -> str:
    """A completion rate as the clerk typed it: `100`, `99.5`."""
    return plain(value) + "%"
