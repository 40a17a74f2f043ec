"""Command-line mistakes are told in Chinese, with exit 2 and where to find the usage."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", "-d", "DATA", "--format", "xml"], "--format 的值无效：“xml”不是可选值"),
        (["scor"], "没有命令 scor（是不是 score？）"),
        (["score", "-d", "DATA", "--bogus"], "没有选项 --bogus"),
        (["template", "-d", "DATA", "--quarter", "x"], "--quarter 的值无效：应为整数"),
        (["score", "-d", "DATA", "extra"], "多余的参数：extra"),
    ],
)
def test_click_errors_are_said_in_chinese(mini: Path, run, args: list[str], message: str) -> None:
    result = run(*(mini if a == "DATA" else a for a in args))
    assert result.exit_code == 2, result.output
    assert f"用法错误：{message}" in result.output
    assert "-h 查看用法" in result.output
    assert "Traceback" not in result.output


def test_a_path_too_long_for_the_system_is_a_usage_error(mini: Path, run, tmp_path: Path) -> None:
    result = run("score", "--data", mini, "--format", "markdown", "--out", tmp_path / ("a" * 300))
    assert result.exit_code == 2, result.output
    assert "文件名过长" in result.output


def test_option_mistake_before_the_command_is_said_in_chinese(run) -> None:
    result = run("--bogus")
    assert result.exit_code == 2
    assert "用法错误：没有选项 --bogus" in result.output


def test_no_arguments_shows_the_command_list(run) -> None:
    result = run()
    assert "score" in result.output and "check" in result.output
    assert "用法错误" not in result.output
