"""`jixiao new-year`: next year's data directory, with every comment and line kept."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from jixiao.dataset import load_dataset

from .conftest import SHIPPED
from .edit import replace_in, replaced
from .test_no_modification import snapshot

_DEADLINE = re.compile(r"^(\s*(?:- )?deadline: )2024(-\d\d-\d\d.*)$")


def test_round_trip_on_the_shipped_data(tmp_path: Path, run) -> None:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data)
    out = tmp_path / "data-2025"
    result = run("new-year", "2025", "--data", data, "--out", out)
    assert result.exit_code == 0, result.output
    assert (out / "staff.yaml").read_bytes() == (data / "staff.yaml").read_bytes()
    assert list((out / "results").iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["indicators.yaml", "results", "staff.yaml"]

    old = (data / "indicators.yaml").read_text(encoding="utf-8").split("\n")
    new = (out / "indicators.yaml").read_text(encoding="utf-8").split("\n")
    assert len(new) == len(old)
    moved = 0
    for before, after in zip(old, new, strict=True):
        if before == "year: 2024":
            assert after == "year: 2025"
        elif before == "source: 泉应急〔2024〕75号":
            assert after == 'source: "待更新（原：泉应急〔2024〕75号）"'
        elif match := _DEADLINE.match(before):
            assert after == f"{match[1]}2025{match[2]}"
            moved += 1
        else:
            assert after == before  # every comment, blank line and value kept
    scheme = load_dataset(out, results=[]).scheme
    assert scheme is not None and scheme.year == 2025
    assert moved == len(scheme.leaves()) == 56
    assert {leaf.deadline.year for leaf in scheme.leaves() if leaf.deadline} == {2025}
    assert scheme.source == "待更新（原：泉应急〔2024〕75号）"

    check = run("check", "--data", out)
    assert check.exit_code == 0, check.output
    assert "下一步" in result.output
    assert "把 source 改为新方案的文号" in result.output
    assert "staff.yaml：领导小组、科室与绩效工作人员、人员名单" in result.output


def _odd_layout(mini: Path) -> Path:
    """The small data with deadlines written every way YAML allows, and comments beside them."""
    path = mini / "indicators.yaml"
    replace_in(
        path,
        "                deadline: 2024-06-30\n",
        '                deadline: "2024-02-29"   # 2月底前（闰年）\n',
    )
    replace_in(
        path,
        "            deadline: 2024-12-31\n            leaders: [黄西洋]\n",
        "            deadline: '2024-12-31'\n            leaders: [黄西洋]\n",
    )
    replace_in(
        path,
        '      - id: "4-1"\n        title: 信息报送\n        weight: 40\n'
        "        deadline: 2024-12-31\n        leaders: [刘海明]\n"
        "        departments: [办公室]\n        persons: [万小翠]\n",
        '      - {id: "4-1", title: 信息报送, weight: 40, deadline: 2024-12-31,'
        " leaders: [刘海明], departments: [办公室], persons: [万小翠]}  # 一行写完\n",
    )
    return path


def test_deadlines_move_in_every_layout_and_29_february_becomes_28(
    mini: Path, tmp_path: Path, run
) -> None:
    source = _odd_layout(mini)
    out = tmp_path / "2025"
    result = run("new-year", "2025", "--data", mini, "--out", out)
    assert result.exit_code == 0, result.output
    assert "1-1-2 的 2 月 29 日改为 2 月 28 日" in result.output
    old = source.read_text(encoding="utf-8")
    expected = old
    for before, after in [
        ("year: 2024", "year: 2025"),
        ("source: 测试〔2024〕1号", 'source: "待更新（原：测试〔2024〕1号）"'),
        ("deadline: 2024-12-31", "deadline: 2025-12-31"),
        ("deadline: '2024-12-31'", "deadline: '2025-12-31'"),
        (
            'deadline: "2024-02-29"   # 2月底前（闰年）',
            'deadline: "2025-02-28"   # 2月底前（闰年）',
        ),
    ]:
        expected = replaced(expected, before, after)
    assert (out / "indicators.yaml").read_text(encoding="utf-8") == expected
    assert "# A small scheme used by the tests" in expected
    assert run("check", "--data", out).exit_code == 0


def test_a_leap_year_keeps_29_february(mini: Path, tmp_path: Path, run) -> None:
    _odd_layout(mini)
    out = tmp_path / "2028"
    assert run("new-year", "2028", "--data", mini, "--out", out).exit_code == 0
    text = (out / "indicators.yaml").read_text(encoding="utf-8")
    assert 'deadline: "2028-02-29"' in text and "deadline: 2028-12-31" in text


def test_bom_and_windows_line_ends_are_kept(mini: Path, tmp_path: Path, run) -> None:
    path = mini / "indicators.yaml"
    raw = replaced(path.read_bytes(), b"\n", b"\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + raw)
    out = tmp_path / "2025"
    assert run("new-year", "2025", "--data", mini, "--out", out).exit_code == 0
    written = (out / "indicators.yaml").read_bytes()
    expected = replaced(raw, b"year: 2024", b"year: 2025")
    expected = replaced(expected, b"deadline: 2024-", b"deadline: 2025-")
    expected = replaced(
        expected,
        "source: 测试〔2024〕1号".encode(),
        'source: "待更新（原：测试〔2024〕1号）"'.encode(),
    )
    assert written == b"\xef\xbb\xbf" + expected
    assert run("check", "--data", out).exit_code == 0


def test_a_missing_source_is_added_above_the_year(mini: Path, tmp_path: Path, run) -> None:
    replace_in(mini / "indicators.yaml", "source: 测试〔2024〕1号\n", "")
    out = tmp_path / "2025"
    assert run("new-year", "2025", "--data", mini, "--out", out).exit_code == 0
    text = (out / "indicators.yaml").read_text(encoding="utf-8")
    assert 'source: "待更新"\nyear: 2025\n' in text
    assert run("check", "--data", out).exit_code == 0


def test_an_empty_source_is_filled_in(mini: Path, tmp_path: Path, run) -> None:
    replace_in(mini / "indicators.yaml", "source: 测试〔2024〕1号", "source:   # 待定")
    out = tmp_path / "2025"
    assert run("new-year", "2025", "--data", mini, "--out", out).exit_code == 0
    assert 'source: "待更新"   # 待定\n' in (out / "indicators.yaml").read_text(encoding="utf-8")


def test_a_second_new_year_does_not_nest_the_mark(mini: Path, tmp_path: Path, run) -> None:
    first, second = tmp_path / "2025", tmp_path / "2026"
    assert run("new-year", "2025", "--data", mini, "--out", first).exit_code == 0
    assert run("new-year", "2026", "--data", first, "--out", second).exit_code == 0
    text = (second / "indicators.yaml").read_text(encoding="utf-8")
    assert 'source: "待更新（原：测试〔2024〕1号）"\n' in text and "year: 2026\n" in text


def test_an_existing_folder_is_refused_unless_forced(mini: Path, tmp_path: Path, run) -> None:
    out = tmp_path / "2025"
    out.mkdir()
    (out / "笔记.txt").write_text("别删我", encoding="utf-8")
    before = snapshot(out)
    result = run("new-year", "2025", "--data", mini, "--out", out)
    assert result.exit_code == 1
    assert "[file-exists]" in result.output and "--force" in result.output
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

    forced = run("new-year", "2025", "--data", mini, "--out", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert sorted(p.name for p in out.iterdir()) == ["indicators.yaml", "results", "staff.yaml"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_file_in_the_way_is_not_replaced(mini: Path, tmp_path: Path, run) -> None:
    out = tmp_path / "2025"
    out.write_text("x", encoding="utf-8")
    assert run("new-year", "2025", "--data", mini, "--out", out, "--force").exit_code == 2
    assert out.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("where", ["inside", "itself", "around"])
def test_never_writes_in_the_data_directory(mini: Path, run, where: str) -> None:
    out = {"inside": mini / "2025", "itself": mini, "around": mini.parent}[where]
    before = snapshot(mini)
    result = run("new-year", "2025", "--data", mini, "--out", out, "--force")
    assert result.exit_code == 2
    assert "与数据目录" in result.output and "重叠" in result.output
    assert snapshot(mini) == before


@pytest.mark.parametrize("year", ["2024", "2023", "3000"])
def test_the_year_must_be_later(mini: Path, tmp_path: Path, run, year: str) -> None:
    out = tmp_path / "next"
    result = run("new-year", year, "--data", mini, "--out", out)
    assert result.exit_code == 2
    assert "新年度应晚于数据的年度 2024" in result.output
    assert not out.exists()


def test_data_with_errors_is_refused_and_nothing_written(mini: Path, tmp_path: Path, run) -> None:
    path = mini / "indicators.yaml"
    replace_in(path, "weight: 25", "weight: 26")
    out = tmp_path / "2025"
    result = run("new-year", "2025", "--data", mini, "--out", out)
    assert result.exit_code == 1
    assert "[weight-sum]" in result.output
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
