"""The help screens and the command line speak Chinese to a clerk who reads no English."""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

import jixiao
import jixiao.scoring
from jixiao.cli import app
from jixiao.cli.helpscreen import wrap

GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]
SCREENS = [[], *([name] for name in COMMANDS)]
FORMATS = {"auto", "text", "json", "github", "table", "csv", "markdown", "xlsx"}
NAMES = {"jixiao", "YAML", "Excel", "WPS", "git", "data"}  # data: the default folder's name
CLOSING = "，。、；：）」』】》？！"


def english_words(text: str) -> list[str]:
    """The English left in `text` once option names, command names, file names and paths,
    YAML keys, format names and the names above are taken out."""
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)  # --data, -d
    text = re.sub(rf"(?<![\w-])(?:{'|'.join(COMMANDS)})(?![\w-])", " ", text)  # new-year
    text = re.sub(r"\S*/\S*", " ", text)  # results/, data/results/2024-Q3.yaml
    text = re.sub(r"[\w*-]*\.(?:yaml|xlsx|csv|json|md)\b", " ", text)  # indicators.yaml, .xlsx
    text = re.sub(r"\b[a-z]+_[a-z_]+\b", " ", text)  # as_of, a key of the results file
    text = re.sub(r"\bgit:\w*", " ", text)  # git:HEAD, a version as typed
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in FORMATS | NAMES]


def test_english_words_finds_what_typer_writes() -> None:
    typer_help = "Usage: jixiao score [OPTIONS]\n  -d, --data <path>  [default: data]\n"
    assert english_words(typer_help) == ["Usage", "OPTIONS", "path", "default"]
    assert english_words("-r, --results <list[Path]>  Show this message and exit.") == [
        *("list", "Path", "Show", "this", "message", "and", "exit")
    ]
    assert english_words("数据目录（含 indicators.yaml、results/）默认取 as_of，json、csv") == []


def _help(args: list[str], columns: int = 80) -> str:
    env = {"COLUMNS": str(columns), "NO_COLOR": "1", "TERM": "dumb"}
    result = CliRunner().invoke(app, [*args, "--help"], env=env)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("args", SCREENS, ids=["jixiao", *COMMANDS])
def test_every_help_screen_is_in_chinese(args: list[str]) -> None:
    screen = _help(args)
    assert english_words(screen) == [], screen
    assert screen.startswith(f"用法：jixiao {' '.join(args)}".rstrip() + " [选项]")
    assert "\n选项：\n" in screen
    assert re.search(r"-h, --help +显示帮助并退出\n", screen)


def _screen(args: list[str], columns: int, monkeypatch: pytest.MonkeyPatch) -> str:
    """The help of `jixiao ARGS` in a terminal `columns` wide (CliRunner fixes 80)."""
    monkeypatch.setenv("COLUMNS", str(columns))
    ctx = GROUP.make_context("jixiao", [], resilient_parsing=True)
    command = GROUP
    for name in args:
        command = GROUP.commands[name]  # type: ignore[attr-defined]
        ctx = command.make_context(name, [], parent=ctx, resilient_parsing=True)
    return command.get_help(ctx)


@pytest.mark.parametrize("columns", [50, 60, 80, 100])
@pytest.mark.parametrize("args", SCREENS, ids=["jixiao", *COMMANDS])
def test_every_help_screen_fits_and_no_line_begins_with_a_closing_mark(
    args: list[str], columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = _screen(args, columns, monkeypatch)
    assert screen.startswith("用法：") and "显示帮助并退出" in screen
    for line in screen.splitlines():
        assert cell_len(line) <= columns, line
        assert not line.lstrip().startswith(tuple(CLOSING)), line


def test_the_group_lists_its_commands_and_options_in_chinese() -> None:
    screen = _help([])
    assert screen.startswith("用法：jixiao [选项] 命令 [命令的选项]\n")
    assert "\n命令：\n" in screen
    assert all(re.search(rf"^  {name} +\S", screen, re.M) for name in COMMANDS)
    assert re.search(r"^  -V, --version +显示 jixiao 的版本号并退出$", screen, re.M)


def test_values_are_named_for_what_is_wanted() -> None:
    score = _help(["score"])
    assert re.search(r"^  -d, --data 目录 +数据目录（含 indicators\.yaml", score, re.M)
    assert "\n                      [默认值：data]\n" in score
    assert re.search(r"^  -r, --results 文件 +结果文件", score, re.M)
    assert re.search(
        r"^  -f, --format 格式 +输出格式：table、json、csv、markdown、xlsx", score, re.M
    )
    assert re.search(r"^  --department 科室 +只看一个科室", score, re.M)
    forms = _help(["forms"])
    assert re.search(r"^  -q, --quarter 季度 +季度（1–4） \[必填\]$", forms, re.M)
    assert re.search(r"^  -o, --out 文件夹 +把各科室的填报表写入这个文件夹 \[必填\]$", forms, re.M)
    collect = _help(["collect"])
    assert collect.startswith("用法：jixiao collect [选项] 文件夹\n")
    assert re.search(
        r"^参数：\n  文件夹 +存放各科室交回的填报表（\.xlsx）的文件夹 \[必填\]$", collect, re.M
    )
    assert re.search(r"^  --as-of 日期 ", _help(["progress"]), re.M)


# --- wrapping Chinese text -------------------------------------------------------------


def test_wrap_breaks_between_characters_but_keeps_words_paths_and_notes_whole() -> None:
    assert wrap("一二三四五六七八", 6) == ["一二三", "四五六", "七八"]
    assert wrap("一二，三四", 4) == ["一", "二，", "三四"]  # never a line that starts with ，
    path = "默认 数据目录/results/<年度>.yaml，没有"
    assert wrap(path, 30) == ["默认", "数据目录/results/<年度>.yaml，", "没有"]
    assert wrap(path, 20) == ["默认", "数据目录/results/", "<年度>.yaml，没有"]  # too wide: at /
    assert wrap("季度（1–4）", 8, ("[必填]",)) == ["季度", "（1–4）", "[必填]"]


# Text as written: a closing mark follows a character (a run of marks alone cannot both fit
# and keep the rule).
PIECES = [*"一ab1/. （“", "二三", "一，", "二。", "三、", "入）。", "x”"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@given(TEXT, st.integers(min_value=8, max_value=40))
def test_wrap_keeps_every_character_and_the_rules(text: str, columns: int) -> None:
    lines = wrap(text, columns)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:
        assert not line.startswith(tuple(CLOSING)) or line == lines[0]
        assert cell_len(line) <= columns


# --- the rest of the command line ------------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(run, flag: str) -> None:
    result = run(flag)
    assert result.exit_code == 0
    assert result.output == f"jixiao {version('jixiao')}\n"
    assert jixiao.__version__ == version("jixiao")


def test_a_bug_report_asks_for_the_version_and_debug_works_after_the_command(
    mini: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def explode(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug in jixiao")

    monkeypatch.setattr(jixiao.scoring, "score", explode)
    result = run("score", "--data", mini)
    assert result.exit_code == 3
    message = result.output.replace("\n", "")
    assert f"版本号（jixiao {jixiao.__version__}，即 jixiao --version 显示的）" in message
    assert "在命令后加 --debug 重新运行" in message
    debug = run("score", "--data", mini, "--debug")
    assert isinstance(debug.exception, RuntimeError)


def test_debug_after_the_command_changes_nothing_else(mini: Path, run) -> None:
    plain = run("score", "--data", mini, "--format", "json")
    debug = run("score", "--debug", "--data", mini, "--format", "json")
    assert debug.exit_code == 0, debug.output
    assert json.loads(debug.stdout) == json.loads(plain.stdout)
    after_dashes = run("collect", "--data", mini, "--out", "x.yaml", "--", "--debug")
    assert "文件夹 --debug" in after_dashes.output or "--debug 不是文件夹" in after_dashes.output


@pytest.mark.parametrize(
    ("args", "first"),
    [
        (["score", "--formt", "json"], "--format"),
        (["score", "--detai"], "--detail"),
        (["progress", "--as-off", "2024-06-30"], "--as-of"),
    ],
)
def test_option_suggestions_put_the_closest_first(run, args: list[str], first: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert f"用法错误：没有选项 {args[1]}（是不是 {first}" in result.output


@pytest.mark.parametrize(
    ("command", "typed"),
    [("score", "JSON"), ("check", "Json"), ("progress", "JSON")],
)
def test_format_names_in_any_case(mini: Path, run, command: str, typed: str) -> None:
    result = run(command, "--data", mini, "--format", typed)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


def test_every_choice_on_the_command_line_takes_any_case() -> None:
    choices = [
        (name, param.name)
        for name in COMMANDS
        for param in GROUP.commands[name].params  # type: ignore[attr-defined]
        if param.type_descriptor.is_choice
    ]
    assert len(choices) >= 4
    for name, param in choices:
        option = next(p for p in GROUP.commands[name].params if p.name == param)  # type: ignore[attr-defined]
        assert option.type_descriptor.case_sensitive is False, f"jixiao {name} --{param}"


def test_the_commands_are_listed_in_the_order_of_the_clerks_year(run) -> None:
    screen = run("--help").output
    listed = re.findall(r"^  ([a-z-]+)  ", screen.split("命令：", 1)[1], re.M)
    assert listed[:9] == [
        "check", "score", "progress", "trend", "template", "forms", "collect", "diff", "new-year",
    ]  # fmt: skip
