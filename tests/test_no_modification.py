"""No command modifies an input file (SPEC §6): the data directory is the same before and after.

Every command on the app runs with each of its formats and flags, on clean data and on
data with errors; commands that write get `--out` outside the data directory.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from .commands import COMMAND_NAMES, base_args, variants
from .edit import replace_in


def snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every file and folder under `folder`: its content hash, mode and modification time."""
    out: dict[str, tuple[str, int, int]] = {}
    for path in sorted(folder.rglob("*")):
        info = path.stat()
        digest = "" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        out[path.relative_to(folder).as_posix()] = (digest, info.st_mode, info.st_mtime_ns)
    return out


def _old(data: Path) -> None:
    """Push every mtime back a minute, so a rewrite with the same bytes still shows."""
    for path in data.rglob("*"):
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - 60 * 10**9))


def _invocations(data: Path, out_dir: Path) -> list[list[str]]:
    runs = [
        base_args(name, data, out_dir) + extra for name in COMMAND_NAMES for extra in variants(name)
    ]
    # `score` prints to the terminal unless --out is given: run it that way too (not as a
    # workbook, which never goes to a terminal: that is a usage error, exit 2).
    runs += [
        ["score", "--data", str(data), *extra] for extra in variants("score") if "xlsx" not in extra
    ]
    return runs


@pytest.mark.parametrize("state", ["clean", "with errors"])
def test_no_command_touches_the_data_directory(mini: Path, tmp_path: Path, run, state: str) -> None:
    if state == "with errors":
        # an error in the file every command reads (template does not read results)
        replace_in(mini / "indicators.yaml", "weight: 25", "weight: 25.005")
    _old(mini)
    before = snapshot(mini)
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    for args in _invocations(mini, out_dir):
        result = run(*args)
        assert result.exit_code in ((0,) if state == "clean" else (1,)), (args, result.output)
        assert snapshot(mini) == before, args


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_out_never_replaces_an_input_file(mini: Path, run, force: list[str]) -> None:
    _old(mini)
    before = snapshot(mini)
    for target in ("indicators.yaml", "staff.yaml", "results/2024.yaml"):
        result = run("score", "--data", mini, "--out", mini / target, *force)
        assert result.exit_code == 2, result.output
        assert "不能用输出覆盖它" in result.output
    assert snapshot(mini) == before
