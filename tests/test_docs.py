"""Documentation that cannot drift: every command has help and is in the README; the
developers' document runs its example and maps every module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from jixiao.cli import app

from .commands import has_data_option

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DEVELOPMENT = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands.items())  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_has_help_and_a_readme_section(name: str, command, run) -> None:
    assert command.help, f"jixiao {name} has no help text"
    assert f"### `jixiao {name}`" in README
    result = run(name, "--help")
    assert result.exit_code == 0
    # every option is in the help: --data, or for `rank` (a folder of data directories) --format
    assert ("--data" if has_data_option(name) else "--format") in result.output


def test_readme_opens_with_the_two_commands_ci_runs() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block is not None
    lines = block[1].strip().splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("jixiao score")
    assert "pytest" in lines[1]


def test_package_exports_resolve() -> None:
    import jixiao

    for name in jixiao.__all__:
        assert getattr(jixiao, name) is not None


def test_the_library_example_runs_from_any_working_directory(tmp_path: Path) -> None:
    """The library example, run as written in a folder that holds a copy of data/."""
    import os
    import shutil
    import subprocess
    import sys

    code = re.search(r"## Using it as a library\n\n```python\n(.*?)```", DEVELOPMENT, re.S)
    assert code is not None
    shutil.copytree(Path(__file__).parent.parent / "data", tmp_path / "data")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    ran = subprocess.run(
        [sys.executable, "-c", code[1]], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[-1] == "96.77 优秀 ['指挥中心', '矿山科']"


def test_the_architecture_map_names_every_module_and_only_those() -> None:
    section = DEVELOPMENT.split("### Architecture", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    named = set(re.findall(r"`((?:\w+/)?\w+\.py)`", section)) - {"tests/test_imports.py"}
    src = Path(__file__).parent.parent / "src" / "jixiao"
    modules = {
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    }
    assert sorted(modules - named) == [], "modules the map does not name"
    assert sorted(named - modules) == [], "the map names modules that are gone"


def _prose(markdown: str) -> list[str]:
    """The paragraphs and list items outside code blocks and headings, inline code and link
    addresses taken out."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    text = re.sub(r"^#.*$", "", text, flags=re.M)
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # a link's address
    return [p for p in re.split(r"\n\s*\n|\n(?=- )", text) if p.strip()]


def test_the_readme_is_written_in_chinese() -> None:
    """For a clerk who reads no English: in every paragraph Chinese outweighs Latin letters."""
    for paragraph in _prose(README):
        chinese = len(re.findall(r"[\u4e00-\u9fff]", paragraph))
        latin = len(re.findall(r"[A-Za-z]", paragraph))
        assert chinese > latin or latin == 0, paragraph


def test_prose_check_catches_english() -> None:
    assert _prose("# Title\n中文 `code`\n\n```sh\nx\n```\n\nEnglish here\n- 列表") == [
        "\n中文 ",
        "English here",
        "- 列表",
    ]


def test_every_option_the_readme_shows_exists() -> None:
    import shlex

    shown = [
        shlex.split(line, comments=True)
        for block in re.findall(r"```sh\n(.*?)```", README, re.S)
        for line in block.splitlines()
        if line.startswith("jixiao ")
    ]
    assert len(shown) > 15
    commands = dict(COMMANDS)
    for words in shown:
        command = commands[words[1]]
        known = {name for param in command.params for name in param.opts}
        assert {w for w in words if w.startswith("-")} <= known, " ".join(words)


def test_the_bug_message_points_at_a_readme_section_that_exists() -> None:
    assert "\n## 问题反馈\n" in README
    assert "jixiao --version" in README.split("## 问题反馈", 1)[1]


def test_the_mutation_scores_cover_every_mutated_module() -> None:
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[tool.mutmut]")[1]
    mutated = re.findall(r'"src/jixiao/(\w+)\.py"', config.split("\n[", 1)[0])
    section = DEVELOPMENT.split("\n## Mutation testing\n", 1)[1].split("\n## ", 1)[0]
    scored = re.findall(r"^\| `(\w+)\.py` \|", section, flags=re.M)
    assert mutated and sorted(scored) == sorted(mutated)
    assert ".ci/mutation.py" in section
