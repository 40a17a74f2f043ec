"""files.write_new: atomic, never over an existing file unless forced, ordinary permissions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jixiao.files import write_new
from jixiao.problem import DataError

from .edit import replace_in


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


def test_a_dangling_symlink_at_out_counts_as_an_existing_file(
    mini: Path, run, tmp_path: Path
) -> None:
    link = tmp_path / "score.md"
    link.symlink_to(tmp_path / "nowhere.md")
    result = run("score", "--data", mini, "--out", link)
    assert result.exit_code == 1
    assert "已存在，未做任何改动" in result.output
    assert link.is_symlink() and not (tmp_path / "nowhere.md").exists()


def test_forms_are_written_all_or_none(mini: Path, run, tmp_path: Path) -> None:
    # 指挥中心 is the last department: its form used to fail after the others were written
    long_name = "科" * 100  # 300 bytes in UTF-8: no file system takes it as a file name
    for name in ("staff.yaml", "indicators.yaml", "results/2024.yaml"):
        replace_in(mini / name, "指挥中心", long_name)
    assert run("check", "--data", mini).exit_code == 0
    out = tmp_path / "forms"
    result = run("forms", "--data", mini, "--quarter", "3", "--out", out)
    assert result.exit_code == 2, result.output
    assert "文件名过长" in result.output
    assert list(out.iterdir()) == []  # not three forms of four, and no staging folder left


def test_a_file_that_appears_during_the_write_is_left_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    chmod = os.chmod

    def someone_else_writes(path: str, mode: int) -> None:  # after our temporary file is written
        target.write_bytes(b"theirs")
        chmod(path, mode)

    monkeypatch.setattr("jixiao.files.os.chmod", someone_else_writes)
    with pytest.raises(DataError) as caught:
        write_new(target, "ours")
    assert [(p.code, p.message) for p in caught.value.problems] == [
        ("file-exists", f"{target} 已存在，未做任何改动")
    ]
    assert target.read_bytes() == b"theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # our temporary file removed


def test_force_writes_over_a_file_that_appears_during_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    chmod = os.chmod

    def someone_else_writes(path: str, mode: int) -> None:
        target.write_bytes(b"theirs")
        chmod(path, mode)

    monkeypatch.setattr("jixiao.files.os.chmod", someone_else_writes)
    write_new(target, "ours", force=True)
    assert target.read_text(encoding="utf-8") == "ours"
