"""A data directory: the scheme, the staff and the results files, loaded and checked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import checks
from .loader import Map, Seq, display_name, load_yaml
from .model import Leaf, Results, Scheme, Staff
from .problem import DataError, Problem, UsageError, error
from .validate import to_model

SCHEME_FILE = "indicators.yaml"
STAFF_FILE = "staff.yaml"
RESULTS_DIR = "results"


@dataclass
class Dataset:
    root: Path
    scheme: Scheme | None = None
    staff: Staff | None = None
    results: dict[str, Results] = field(default_factory=dict)  # file name -> results
    problems: list[Problem] = field(default_factory=list)
    scheme_file: str = ""
    staff_file: str = ""
    inputs: list[Path] = field(default_factory=list)  # every file read: never to be written
    _leaves: list[Leaf] | None = None

    @property
    def leaves(self) -> list[Leaf]:
        if self._leaves is None:
            self._leaves = self.scheme.leaves() if self.scheme else []
        return self._leaves

    @property
    def directory(self) -> checks.Directory | None:
        return checks.Directory.of(self.staff) if self.staff else None


def _load(model: type, path: Path) -> tuple[object, str, list[Problem]]:
    name = display_name(path)
    tree, problems = load_yaml(path, name)
    if tree is None:
        return None, name, problems
    pos = tree.pos if isinstance(tree, (Map, Seq)) else (1, 1)
    obj, more = to_model(model, tree, pos, name)
    return obj, name, problems + more


def data_dir(path: Path) -> Path:
    """The data directory, or a usage error (exit 2) when there is none to read."""
    if not path.exists():
        raise UsageError(f"数据目录 {path} 不存在（用 --data 指定数据目录）")
    if not path.is_dir():
        raise UsageError(f"{path} 不是目录（--data 应指向含 indicators.yaml 的目录）")
    return path


def load_dataset(root: Path, results: Iterable[Path] | None = None) -> Dataset:
    """Load every file of a data directory. `results`: these files instead of results/*.yaml."""
    data = Dataset(root=data_dir(root))
    data.inputs += [root / SCHEME_FILE, root / STAFF_FILE]
    data.scheme, data.scheme_file, problems = _load(Scheme, root / SCHEME_FILE)  # type: ignore[assignment]
    data.problems += problems
    data.staff, data.staff_file, problems = _load(Staff, root / STAFF_FILE)  # type: ignore[assignment]
    data.problems += problems
    if results is None:
        folder = root / RESULTS_DIR
        results = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    for path in results:
        data.inputs.append(path)
        parsed, name, problems = _load(Results, path)
        data.problems += problems
        if parsed is not None:
            data.results[name] = parsed  # type: ignore[assignment]
    return data


def load_for_results(root: Path, results: Path | None) -> tuple[Dataset, str, Results]:
    """The scheme, the staff and one results file (default results/<year>.yaml), all valid.

    Raises DataError with every error found in those files; warnings are left to the caller.
    """
    data = load_dataset(root, results=[])
    if results is None and data.scheme is not None:
        results = root / RESULTS_DIR / f"{data.scheme.year}.yaml"
    if results is not None and not results.exists() and not data.problems:
        raise _missing_results(results, root / RESULTS_DIR)
    if results is not None:
        data.inputs.append(results)
        parsed, name, problems = _load(Results, results)
        data.problems += problems
        if parsed is not None:
            data.results[name] = parsed  # type: ignore[assignment]
    errors = [p for p in check_dataset(data) if p.is_error]
    if errors:
        raise DataError(errors)
    [(name, found)] = data.results.items()
    return data, name, found


def _missing_results(path: Path, folder: Path) -> DataError:
    found = folder.glob("*.yaml") if folder.is_dir() else ()
    others = sorted(display_name(p) for p in found if p.is_file())
    hint = (
        "用 --results 指定要读的结果文件，现有：" + "、".join(others)
        if others
        else "先用 jixiao template --quarter N（或 --year）生成结果表并填写完成率"
    )
    name = display_name(path)
    return DataError([error(name, (0, 0), "file-missing", f"找不到结果文件 {name}", hint)])


def check_dataset(data: Dataset) -> list[Problem]:
    """All problems: those found while loading, then the checks across files."""
    problems = list(data.problems)
    directory = data.directory
    if data.staff is not None:
        problems += checks.check_staff(data.staff, data.staff_file)
    if data.scheme is not None:
        for check in checks.SCHEME_CHECKS:
            problems += check(data.scheme, data.scheme_file)
        if directory is not None:
            problems += checks.check_scheme_names(data.scheme, data.scheme_file, directory)
        for name, results in data.results.items():
            problems += checks.check_results(results, name, data.scheme, data.leaves, directory)
    return sorted(problems, key=lambda p: p.sort_key())
