"""The data files at a git revision of the data directory's own repository (`git:REV`).

Only git's plumbing commands are run (`rev-parse`, `ls-tree`, `cat-file`), each with a time
limit, so a pager, a text conversion filter or a slow hook never gets between the clerk
and the bytes that were committed. The bytes go through the same loader and checks as a
file on disk; a problem is located as `git:REV:data/results/2024.yaml:3:5`.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .dataset import (
    RESULTS_DIR,
    SCHEME_FILE,
    STAFF_FILE,
    Dataset,
    ResultsFile,
    ValidDataset,
    data_dir,
    load_bytes,
    results_name,
)
from .directory import Directory
from .loader import MAX_BYTES, display_name
from .model import Results, Scheme, Staff
from .problem import Problem, UsageError, error

PREFIX = "git:"
TIMEOUT = 30  # seconds for one git command: reading a blob is instant, a hung git is not
# Variables that would point git at another repository than the data directory's own (a
# hook of some other repository sets GIT_DIR); git finds the repository from the folder.
_GIT_LOCATION = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX")


@dataclass(frozen=True)
class Revision:
    """A commit of the repository holding a data directory."""

    text: str  # as the clerk typed it: HEAD~1
    commit: str  # the full object name, so every read sees the same commit
    top: Path  # the repository's top folder

    def path(self, path: Path) -> str:
        """`path` as git names it: relative to the repository's top folder."""
        try:
            return path.resolve().relative_to(self.top.resolve()).as_posix()
        except ValueError:
            raise UsageError(
                f"{display_name(path)} 不在 git 仓库 {self.top} 中，无法读取它在 "
                f"{PREFIX}{self.text} 时的内容"
            ) from None

    def label(self, path: Path) -> str:
        """How a file at this revision is named in messages, as `git show` takes it after the
        prefix: `git:HEAD:data/results/2024.yaml`."""
        return f"{PREFIX}{self.text}:{self.path(path)}"


def is_revision(spec: str) -> bool:
    return spec.startswith(PREFIX)


def open_revision(data: Path, spec: str) -> Revision:
    """`git:REV` for the repository holding `data`; a usage error when there is none."""
    text = spec[len(PREFIX) :]
    if not text or text.startswith("-") or any(c in text for c in "\0\n"):
        raise UsageError(f"“{spec}”不是有效的 git 版本，请写成 git:HEAD、git:HEAD~1 或提交号")
    folder = data_dir(data)
    top = _git(folder, "rev-parse", "--show-toplevel", failure=None)
    if top is None:
        raise UsageError(
            f"数据目录 {display_name(folder)} 不在 git 仓库中，不能用 {spec}；"
            "请直接给出两个结果文件，如 jixiao diff 旧.yaml 新.yaml"
        )
    commit = _git(folder, "rev-parse", "--verify", "--quiet", f"{text}^{{commit}}", failure=None)
    if commit is None:
        raise UsageError(
            f"git 仓库中没有版本“{text}”（{spec}）；可用 git log --oneline 查看已有的提交"
        )
    return Revision(text, commit.strip(), Path(top.strip()))


def read_file(revision: Revision, path: Path) -> tuple[bytes | None, Problem | None]:
    """The bytes of `path` as committed at `revision`, or the problem that kept them unread."""
    name = revision.label(path)
    entry = _git(revision.top, "ls-tree", "-z", "-l", revision.commit, "--", revision.path(path))
    if not entry:
        message = f"版本 {revision.text} 中没有文件 {display_name(path)}"
        hint = "检查版本号和 --data 是否正确；git log -- 文件名 可查看这个文件有过哪些版本"
        return None, error(name, (0, 0), "file-missing", message, hint)
    meta, _, _ = entry.partition("\t")
    mode, kind, oid, size = meta.split()
    if kind != "blob" or mode == "120000":
        what = "文件夹" if kind == "tree" else "链接或子模块"
        message = f"版本 {revision.text} 中的 {display_name(path)} 是{what}，这里需要一个 YAML 文件"
        return None, error(name, (0, 0), "not-a-file", message, "检查 --data 和 --results 的路径")
    if int(size) > MAX_BYTES:
        message = f"文件过大（{int(size) / 1048576:.1f} MB），超过上限 {MAX_BYTES // 1048576} MB"
        hint = "请确认选对了文件；考评数据文件通常只有几十 KB"
        return None, error(name, (0, 0), "file-too-large", message, hint)
    return _git_bytes(revision.top, "cat-file", "blob", oid), None


def file_names(revision: Revision, folder: Path) -> list[str]:
    """The names of the files directly inside `folder` at `revision`."""
    listing = _git(
        revision.top,
        "ls-tree",
        "-z",
        "--name-only",
        revision.commit,
        "--",
        revision.path(folder) + "/",
    )
    return [PurePosixPath(p).name for p in (listing or "").split("\0") if p]


def load_at(
    revision: Revision, data: Path, results: Path | None
) -> tuple[ValidDataset, ResultsFile]:
    """The scheme, staff and one results file at `revision`, all valid (as `load_for_results`).

    `results` None: the file `score` would read, chosen among the files committed then.
    Raises DataError with every error found.
    """
    dataset = Dataset(root=data)
    scheme, dataset.scheme_file = _load(revision, Scheme, data / SCHEME_FILE, dataset)
    staff, dataset.staff_file = _load(revision, Staff, data / STAFF_FILE, dataset)
    dataset.scheme, dataset.staff = scheme, staff  # type: ignore[assignment]
    if isinstance(staff, Staff):
        dataset.directory = Directory.of(staff)
    chosen = results is None
    if results is None and isinstance(scheme, Scheme):
        name = results_name(scheme.year, file_names(revision, data / RESULTS_DIR))
        results = data / RESULTS_DIR / (name or f"{scheme.year}.yaml")
    if results is not None:
        parsed, dataset.labels[results] = _load(revision, Results, results, dataset)
        if isinstance(parsed, Results):
            dataset.results[results] = parsed
    valid = dataset.valid()
    [(path, found)] = valid.results.items()
    return valid, ResultsFile(path, dataset.labels[path], found, chosen=chosen)


def _load(revision: Revision, model: type, path: Path, dataset: Dataset) -> tuple[object, str]:
    name = revision.label(path)
    data, problem = read_file(revision, path)
    if data is None:
        assert problem is not None
        dataset.problems.append(problem)
        return None, name
    parsed, problems = load_bytes(model, data, name, dataset.titles)
    dataset.problems += problems
    return parsed, name


_FAILED = object()


def _git(folder: Path, *args: str, failure: object = _FAILED) -> str | None:
    """Run git in `folder`; its output, or `failure` when it exits non-zero (a usage error
    when no `failure` is given)."""
    completed = _run(folder, args)
    if completed.returncode != 0:
        if failure is not _FAILED:
            return failure  # type: ignore[return-value]
        detail = completed.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"git {args[0]} 失败：{detail or completed.returncode}")
    return completed.stdout.decode("utf-8", "surrogateescape")


def _git_bytes(folder: Path, *args: str) -> bytes:
    completed = _run(folder, args)
    if completed.returncode != 0:
        detail = completed.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"git {args[0]} 失败：{detail or completed.returncode}")
    return completed.stdout


def _run(folder: Path, args: tuple[str, ...]) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in _GIT_LOCATION}
    env["GIT_OPTIONAL_LOCKS"] = "0"  # reading must not take the index lock
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=TIMEOUT,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("找不到 git 命令：要用 git:REV，请先安装 git 并确认它在 PATH 中") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} 超过 {TIMEOUT} 秒没有完成，已停止") from None
