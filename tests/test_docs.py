"""Documentation that cannot drift: every command has help and is in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from jixiao.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands.items())  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_has_help_and_a_readme_section(name: str, command, run) -> None:
    assert command.help, f"jixiao {name} has no help text"
    assert f"### `jixiao {name}`" in README
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "--data" in result.output


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
    """The README's library example, run as written in a folder that holds a copy of data/."""
    import os
    import shutil
    import subprocess
    import sys

    code = re.search(r"## Using it as a library\n\n```python\n(.*?)```", README, re.S)
    assert code is not None
    shutil.copytree(Path(__file__).parent.parent / "data", tmp_path / "data")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    ran = subprocess.run(
        [sys.executable, "-c", code[1]], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[-1] == "96.77 优秀 ['指挥中心', '矿山科']"


def test_the_architecture_map_names_every_module_and_only_those() -> None:
    section = README.split("### Architecture", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    named = set(re.findall(r"`((?:\w+/)?\w+\.py)`", section)) - {"tests/test_imports.py"}
    src = Path(__file__).parent.parent / "src" / "jixiao"
    modules = {
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    }
    assert sorted(modules - named) == [], "modules the README's map does not name"
    assert sorted(named - modules) == [], "the README's map names modules that are gone"
