"""Exact decimal helpers shared by scoring and progress: every reported figure is rounded here."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)


def round2(value: Decimal) -> Decimal:
    """Two decimals, half up (四舍五入), as every reported figure is."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    """A number as the clerk types it, trailing zeros dropped: `45`, `99.5`, `0.5`."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
