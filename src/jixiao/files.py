"""Writing output files: atomically, and never over an existing file unless told to."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .problem import DataError, Problem, UsageError, error

REPLACE = "要覆盖它请加 --force，或用 --out 指定另一个文件名"


def write_new(
    path: Path, content: str | bytes, *, force: bool = False, inputs: Iterable[Path] = ()
) -> None:
    """Write `content` to a temporary file beside `path`, then move it into place.

    An existing file is left byte-for-byte intact (DataError, exit 1) unless `force`; a file
    the command read (`inputs`) is never replaced, even with `force` (UsageError, exit 2).
    """
    if any(_same(path, source) for source in inputs):
        raise UsageError(
            f"{path} 是本次读取的数据文件，不能用输出覆盖它；请用 --out 指定另一个文件名"
        )
    if path.is_dir():
        raise UsageError(f"{path} 是一个文件夹，请指定要写入的文件名")
    if os.path.lexists(path) and not force:  # a symlink, even a dangling one, is a file there
        raise DataError(
            [
                error(
                    str(path),
                    (0, 0),
                    "file-exists",
                    f"{path} 已存在，未做任何改动",
                    REPLACE,
                )
            ]
        )
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(f"无法在 {folder} 中写入文件：{exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(temp, _mode_for(path))
        if not force and os.path.lexists(path):  # appeared while we were writing
            raise DataError(
                [error(str(path), (0, 0), "file-exists", f"{path} 已存在，未做任何改动", REPLACE)]
            )
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a plain new file gets (mkstemp makes 0600)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_all(
    folder: Path,
    contents: dict[str, bytes],
    *,
    force: bool = False,
    inputs: Iterable[Path] = (),
    noun: str = "文件",
) -> list[Path]:
    """Write every file into `folder`, or none: each is written into a temporary folder inside
    it first, and moved into place only when all of them were written. Returns the paths."""
    targets = [folder / name for name in contents]
    existing = [path for path in targets if os.path.lexists(path)]
    if existing and not force:
        raise DataError([_exists(path, f"未写入任何{noun}") for path in existing])
    for path in targets:
        if any(_same(path, source) for source in inputs):
            raise UsageError(f"{path} 是本次读取的数据文件，不能用输出覆盖它")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".jixiao-", dir=folder))
    except OSError as exc:
        raise UsageError(f"无法在 {folder} 中写入文件：{exc.strerror or exc}") from None
    try:
        for name, content in contents.items():
            (staging / name).write_bytes(content)
            os.chmod(staging / name, _mode_for(folder / name))
        for name in contents:
            os.replace(staging / name, folder / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return targets


def _exists(path: Path, what: str) -> Problem:
    return error(
        str(path),
        (0, 0),
        "file-exists",
        f"{path} 已存在，{what}",
        "要覆盖请加 --force，或用 --out 换一个位置",
    )
