"""files.write_new: atomic, never over an existing file unless forced, ordinary permissions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jixiao.files import write_new
from jixiao.problem import DataError


def test_new_file_gets_the_permissions_of_any_new_file(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_new(tmp_path / "out.md", "内容")
    finally:
        os.umask(umask)
    assert (tmp_path / "out.md").stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temporary file left


def test_forced_replacement_keeps_the_old_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("旧", encoding="utf-8")
    target.chmod(0o640)
    write_new(target, "新", force=True)
    assert target.read_text(encoding="utf-8") == "新"
    assert target.stat().st_mode & 0o777 == 0o640


def test_existing_file_is_refused_and_left_intact(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_bytes(b"old")
    with pytest.raises(DataError) as caught:
        write_new(target, "new")
    assert caught.value.problems[0].code == "file-exists"
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
