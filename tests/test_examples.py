"""Example-driven tests: each invalid file names the code and line it must produce."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from jixiao import check_dataset, load_dataset

from .conftest import MINI

EXAMPLES = Path(__file__).parent / "examples"
TARGETS = {
    "indicators": "indicators.yaml",
    "staff": "staff.yaml",
    "results": "results/2024.yaml",
}


def _data_with(example: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    target = example.stem.split("--")[0]
    shutil.copyfile(example, data / TARGETS[target])
    return data


@pytest.mark.parametrize(
    "example", sorted((EXAMPLES / "invalid").glob("*.yaml")), ids=lambda p: p.stem
)
def test_invalid_example_reports_its_code_and_line(example: Path, tmp_path: Path, run) -> None:
    header = example.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# expect: (\S+) line (\d+)", header)
    assert match, f"{example.name} must start with '# expect: CODE line N'"
    code, line = match[1], int(match[2])
    data = _data_with(example, tmp_path)

    errors = [(p.code, p.line) for p in check_dataset(load_dataset(data)) if p.is_error]
    assert (code, line) in errors

    result = run("check", "--data", data, "--format", "json")
    assert result.exit_code == 1, result.output
    assert f'"code": "{code}"' in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "example", sorted((EXAMPLES / "valid").glob("*.yaml")), ids=lambda p: p.stem
)
def test_valid_example_passes(example: Path, tmp_path: Path, run) -> None:
    data = _data_with(example, tmp_path)
    errors = [p for p in check_dataset(load_dataset(data)) if p.is_error]
    assert errors == []
    result = run("check", "--data", data)
    assert result.exit_code == 0, result.output


def test_missing_figure_is_a_warning_at_its_line(tmp_path: Path) -> None:
    data = _data_with(EXAMPLES / "valid" / "results--missing-figure.yaml", tmp_path)
    warnings = [(p.code, p.line) for p in check_dataset(load_dataset(data)) if not p.is_error]
    assert warnings == [("missing-figure", 8)]
