from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from jixiao.cli import app

TESTS = Path(__file__).parent
MINI = TESTS / "data" / "mini"
SHIPPED = TESTS.parent / "data"

# Property tests: a quick run by default (CI, every commit); HYPOTHESIS_PROFILE=long for
# a thorough local run. The quick run keeps no example database in the source tree.
settings.register_profile("default", max_examples=30, deadline=None, database=None)
settings.register_profile("long", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small test data directory."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


class Run:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str | Path):  # type: ignore[no-untyped-def]
        env = {"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb", "GITHUB_ACTIONS": ""}
        return self.runner.invoke(app, [str(a) for a in args], env=env)


@pytest.fixture
def run() -> Run:
    """Invoke the CLI in-process with a fixed width and no colour."""
    return Run()
