"""Text from the data reaches the screen, markdown and annotations visibly, never as an action.

The loader refuses these characters in data files; these tests feed them to the reports
directly (as a library caller or a future reader could), the defence behind the loader."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from jixiao.directory import Directory
from jixiao.problem import Problem, Severity
from jixiao.report import check as check_report
from jixiao.report import score as score_report
from jixiao.report.views import View
from jixiao.scoring import score

from .builders import leaf, results, scheme
from .conftest import SHIPPED

ESC = "\x1b[2K"  # erases the terminal line it is printed on
RLO = "\u202e"  # shows what follows right to left


def _card():  # type: ignore[no-untyped-def]
    built = scheme(leaf("1", "100", [f"办公室{ESC}"]))
    built = built.model_copy(update={"unit": f"测试局{RLO}"})
    figures = results(
        {"1": "90"}, bonuses=[{"points": "1", "reason": f"获奖{ESC}", "departments": []}]
    )
    return score(built, figures, Directory())


def _screen(renderable: object) -> str:
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(renderable)
    return out.getvalue()


def test_the_score_table_shows_control_characters_visibly() -> None:
    shown = _screen(score_report.render_table(_card(), View(detail=True)))
    assert "\x1b" not in shown and RLO not in shown
    assert "办公室<U+001B>[2K" in shown
    assert "测试局<U+202E>" in shown


def test_markdown_shows_control_characters_visibly() -> None:
    text = score_report.render_markdown(_card(), View(detail=True))
    assert "\x1b" not in text and RLO not in text
    assert "# 测试局<U+202E> 2024 年度绩效考评" in text
    assert "办公室<U+001B>[2K" in text


def test_problem_listings_and_annotations_show_control_characters_visibly() -> None:
    problem = Problem("a.yaml", 3, 5, Severity.ERROR, "unknown-person", f"未知的人员“张{ESC}三”")
    text = _screen(check_report.render_text([problem]))
    assert "未知的人员“张<U+001B>[2K三”" in text and "\x1b" not in text
    github = check_report.render_github([problem])
    assert "张<U+001B>[2K三" in github and "\x1b" not in github


def test_a_file_name_is_said_as_typed_not_as_an_emoji(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """Rich turns `:fire:` in a printed string into 🔥: the clerk was told 已写入 🔥.json
    about a file named :fire:.json."""
    target = tmp_path / ":fire:.json"
    result = run("score", "--data", SHIPPED, "--out", target)
    assert result.exit_code == 0, result.output
    assert target.is_file()
    assert f"已写入 {target}" in result.output
    assert "🔥" not in result.output
