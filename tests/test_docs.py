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
