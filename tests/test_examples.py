"""Example-driven tests: each invalid file names the code, line and column it must produce."""

from __future__ import annotations

import json
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


EXPECT = re.compile(r"# expect: (\S+) line (\d+) column (\d+)")


def expectation(example: Path) -> tuple[str, int, int]:
    """The code, line and column an invalid example's first line says it must produce."""
    header = example.read_text(encoding="utf-8").splitlines()[0]
    match = EXPECT.fullmatch(header)
    assert match, f"{example.name} must start with '# expect: CODE line N column M'"
    return match[1], int(match[2]), int(match[3])


@pytest.mark.parametrize(
    "example", sorted((EXAMPLES / "invalid").glob("*.yaml")), ids=lambda p: p.stem
)
def test_invalid_example_reports_its_code_line_and_column(
    example: Path, tmp_path: Path, run
) -> None:
    code, line, column = expectation(example)
    data = _data_with(example, tmp_path)

    errors = [(p.code, p.line, p.column) for p in check_dataset(load_dataset(data)) if p.is_error]
    assert (code, line, column) in errors

    result = run("check", "--data", data, "--format", "json")
    assert result.exit_code == 1, result.output
    found = [(p["code"], p["line"], p["column"]) for p in json.loads(result.output)["problems"]]
    assert (code, line, column) in found
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
