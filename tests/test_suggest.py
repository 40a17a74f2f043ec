from __future__ import annotations

from jixiao.suggest import did_you_mean


def test_misspelt_name_suggests_the_known_one() -> None:
    assert did_you_mean("游动汉", ["游劲汉", "万小翠"]) == "游劲汉"


def test_full_width_id_suggests_the_half_width_one() -> None:
    assert did_you_mean("１－１－２", ["1-1-1", "1-1-2", "1-2-1"]) == "1-1-2"


def test_spaced_name_from_the_pdf_suggests_the_name() -> None:
    assert did_you_mean("林 岚", ["林岚", "林永源"]) == "林岚"


def test_nothing_close_suggests_nothing() -> None:
    assert did_you_mean("完全不同", ["游劲汉", "万小翠"]) is None
