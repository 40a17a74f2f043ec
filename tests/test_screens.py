"""Screens that fit (issue 13): at 80 and 100 columns no line is wider than the terminal, no
line begins with a closing Chinese mark (避头尾), the formula breaks between its terms, the
内容 column gets the width, and every point figure has two decimals."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.report.wrap import CLOSING, OPENING, Prose, break_line, terms

from .conftest import MINI, SHIPPED

# the marks the issue names; CLOSING holds these and more
NO_LINE_START = "，。、；：）」』】》？！"
COMMANDS = [["check"], ["score"], ["score", "--detail"], ["progress"]]


def screen(width: int, *args: str | Path, terminal: bool = False) -> str:
    """What the command shows in a terminal `width` columns wide (colour off)."""
    env = {"COLUMNS": str(width), "NO_COLOR": "1", "TERM": "dumb", "GITHUB_ACTIONS": ""}
    if terminal:  # Rich then treats the output as a terminal (TERM=dumb: still no escapes)
        env["TTY_COMPATIBLE"] = "1"
    result = CliRunner().invoke(app, [str(a) for a in args], env=env)
    assert "Traceback" not in result.output
    return result.output


def broken_rules(text: str, width: int) -> list[str]:
    wrong = []
    for n, line in enumerate(text.splitlines(), 1):
        if cell_len(line) > width:
            wrong.append(f"line {n} is {cell_len(line)} columns: {line!r}")
        if line.strip()[:1] in CLOSING:
            wrong.append(f"line {n} begins with {line.strip()[0]}: {line!r}")
        if line.rstrip()[-1:] in OPENING:
            wrong.append(f"line {n} ends with {line.rstrip()[-1]}: {line!r}")
    return wrong


def test_the_closing_marks_include_those_the_issue_names() -> None:
    assert set(NO_LINE_START) <= CLOSING


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("data", [SHIPPED, MINI], ids=["shipped", "mini"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_line_fits_and_no_line_starts_with_a_closing_mark(
    command: list[str], data: Path, width: int
) -> None:
    for terminal in (False, True):
        text = screen(width, *command, "--data", data, terminal=terminal)
        assert len(text.splitlines()) > 1 or command == ["check"], text
        assert broken_rules(text, width) == []


def test_the_rules_would_catch_what_main_printed() -> None:
    """Rich alone folded the date's closing bracket onto a line of its own."""
    assert broken_rules("矿山科    察访核验发现矿山执法检查台账不全（2024-09-12\n           ）", 80)
    assert broken_rules("x" * 81, 80)


@pytest.mark.parametrize("width", [80, 100])
def test_problems_fit_the_terminal_too(
    mini: Path, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A listing of problems breaks by the same rules on a terminal (the place kept whole)."""
    monkeypatch.chdir(mini.parent)
    path = mini / "indicators.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("weight: 15", "weight: 14"), encoding="utf-8"
    )
    text = screen(width, "check", "--data", "data", terminal=True)
    assert broken_rules(text, width) == []
    assert "  data/indicators.yaml:25:21  错误  [weight-sum] 指标 1-1 的权重 40 不等于" in text
    # in a pipe or a file a problem stays on one line, for grep and CI logs
    piped = screen(width, "check", "--data", "data")
    assert "[weight-sum] 指标 1-1 的权重 40 不等于其二级指标之和 39\n" in piped


def test_a_path_longer_than_the_line_is_cut_by_width() -> None:
    console = Console(width=20, color_system=None, record=True, force_terminal=True)
    console.print(Prose("  data/results/2024-Q1.yaml:3:5  错误", indent=4, record=True))
    assert console.export_text().splitlines() == [
        "  data/results/2024-",
        "    Q1.yaml:3:5  错",  # between two Chinese characters a line may break
        "    误",
    ]


def test_the_bureau_formula_breaks_between_terms() -> None:
    lines = screen(80, "score", "--data", SHIPPED).splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("╭"))
    assert lines[top : top + 6] == [
        "╭─ 泉州市应急管理局（地震局） 2024 年度绩效考评 ───────────────────────────────╮",
        "│ 折算得分 = 目标考评得分 97.84 × 80% = 78.27                                  │",
        "│ 考评得分 = 折算得分 78.27 + 领导评价 9.20 + 公众评议 8.80 + 正向激励 1.50    │",
        "│            − 察访核验扣分 1.00 = 96.77                                       │",
        "│ 等次：优秀    统计截止：2024-12-31                                           │",
        "╰──────────────────────────────────────────────────────────────────────────────╯",
    ]


@pytest.mark.parametrize("width", [40, 50, 60, 80, 100, 120])
def test_no_term_of_the_formula_is_ever_split(width: int) -> None:
    parts = [
        "考评得分 =",
        "折算得分 78.27",
        "+ 领导评价 9.20",
        "+ 公众评议 8.80",
        "+ 正向激励 1.50",
        "− 察访核验扣分 1.00",
        "= 96.77",
    ]
    console = Console(width=width, color_system=None, record=True)
    console.print(terms(parts))
    lines = [line.strip() for line in console.export_text().splitlines()]
    assert lines[0].startswith("考评得分 = 折算得分 78.27")
    assert " ".join(lines) == " ".join(parts)
    for line in lines:  # every line is whole terms
        assert any(line.startswith(part) for part in parts), line


def test_the_content_column_gets_the_width() -> None:
    """At 80 columns the name lists narrow (headings on two lines) so that 内容 is wide."""
    text = screen(80, "score", "--detail", "--data", SHIPPED)
    assert (
        " 1-1-1   认真落实安全生产十五条  2.00    100%  2.00  协调科        陈祥平       \n"
        "         硬措施及省委66条措施、                                                 \n"
        "         我市75项具体措施，全面                                                 \n"
        "         深入开展…                                                              \n"
    ) in text
    notice = screen(80, "progress", "--data", SHIPPED)
    assert (
        "                                责任    分管                                    \n"
        " 状态  序号    内容             科室    领导    责任人  时限   完成率  应达进度 \n"
    ) in notice
    assert (
        " 滞后  1-8-2   整合优化社会应   矿山科  李隽    潘文祥  12-31     60%   100.00% \n"
        in notice
    )


def test_name_lists_keep_their_width_when_the_table_fits(mini: Path) -> None:
    text = screen(120, "score", "--detail", "--data", mini)
    assert (
        " 2-1    应急值守              20.00   99.5%  19.90  指挥中心、协调科  游劲汉、陈祥平 "
        in text
    )


def test_every_point_figure_has_two_decimals() -> None:
    text = screen(80, "progress", "--data", SHIPPED)
    rows = [line.split() for line in text.splitlines()]
    assert ["办公室", "16", "15", "0", "1", "0", "0", "22.00", "98.18%"] in rows
    assert ["指挥中心", "4", "4", "0", "0", "0", "0", "7.50", "100.00%"] in rows
    assert ["合计", "56", "49", "4", "3", "0", "0", "100.00", "97.84%"] in rows


# --- the line breaking itself ----------------------------------------------------------


def _lines(text: str, width: int) -> list[str]:
    starts = [0, *break_line(text, width), len(text)]
    return [text[a:b].strip() for a, b in pairwise(starts)]


def test_a_closing_mark_takes_the_character_before_it_down() -> None:
    # "十五条，" is 8 columns: at 6 the comma may not start a line, so "条" goes down with it
    assert _lines("十五条，硬措施", 6) == ["十五", "条，硬", "措施"]


def test_an_opening_mark_goes_down_with_what_it_opens() -> None:
    assert _lines("台账不全（2024-09-12）", 14) == ["台账不全", "（2024-09-12）"]


def test_numbers_dates_and_ids_are_not_broken() -> None:
    assert _lines("完成 1-13-1 的 2024-09-12 检查", 13) == ["完成 1-13-1", "的 2024-09-12", "检查"]


def test_a_word_longer_than_the_line_is_cut_by_width() -> None:
    assert _lines("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_prose_keeps_its_styles_and_indents_its_continuation_lines() -> None:
    console = Console(width=20, color_system=None, record=True)
    console.print(Prose("  某某某某某某某某某某某某某某", indent=4))
    assert console.export_text().splitlines() == ["  某某某某某某某某某", "    某某某某某"]
