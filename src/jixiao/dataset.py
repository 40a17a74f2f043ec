"""A data directory: the scheme, the staff and the results files, loaded and checked.

`load_dataset` reads whatever is there (a file with errors leaves its field None) for `check`;
`load_valid` and `load_for_results` give a `ValidDataset` whose every field is present, or
raise DataError with every error found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import checks
from .directory import Directory
from .loader import Map, Seq, display_name, load_yaml, load_yaml_bytes
from .model import Leaf, Results, Scheme, Staff
from .problem import DataError, Problem, UsageError, error
from .validate import to_model

SCHEME_FILE = "indicators.yaml"
STAFF_FILE = "staff.yaml"
RESULTS_DIR = "results"


@dataclass
class Dataset:
    """Every file of a data directory as loaded; a file that could not be read is None."""

    root: Path
    scheme: Scheme | None = None
    staff: Staff | None = None
    directory: Directory | None = None  # built once from staff, aliases resolved
    results: dict[Path, Results] = field(default_factory=dict)  # path as given -> results
    problems: list[Problem] = field(default_factory=list)
    scheme_file: str = ""
    staff_file: str = ""
    inputs: list[Path] = field(default_factory=list)  # every file read: never to be written
    # results read from elsewhere than their path (a git revision): the name problems carry
    labels: dict[Path, str] = field(default_factory=dict)
    _leaves: list[Leaf] | None = None

    @property
    def leaves(self) -> list[Leaf]:
        if self._leaves is None:
            self._leaves = self.scheme.leaves() if self.scheme else []
        return self._leaves

    @property
    def titles(self) -> dict[str, str]:
        """Each leaf's title by id, so that a problem in a results file can name the leaf."""
        if self.scheme is None:  # not yet loaded, or unreadable: leave `leaves` uncached
            return {}
        return {leaf.id: leaf.title for leaf in self.leaves}

    def valid(self) -> ValidDataset:
        """The same data with every field present; DataError with every error otherwise."""
        problems = check_dataset(self)
        errors = [p for p in problems if p.is_error]
        if errors:
            raise DataError(errors)
        assert self.scheme is not None and self.staff is not None and self.directory is not None
        return ValidDataset(
            root=self.root,
            scheme=self.scheme,
            staff=self.staff,
            directory=self.directory,
            leaves=self.leaves,
            results=self.results,
            inputs=self.inputs,
            warnings=problems,
        )


@dataclass(frozen=True)
class ValidDataset:
    """A data directory that passed `check`: what every command but `check` works from."""

    root: Path
    scheme: Scheme
    staff: Staff
    directory: Directory
    leaves: list[Leaf]
    results: dict[Path, Results]
    inputs: list[Path]
    warnings: list[Problem]


@dataclass(frozen=True)
class ResultsFile:
    """One results file: where it is, the name its problems carry, and what it says."""

    path: Path
    name: str
    results: Results
    chosen: bool = False  # picked by jixiao (no --results given): the CLI says which


def _load(
    model: type, path: Path, titles: Mapping[str, str] | None = None
) -> tuple[object, str, list[Problem]]:
    name = display_name(path)
    obj, problems = _parsed(model, *load_yaml(path, name), name, titles)
    return obj, name, problems


def load_bytes(
    model: type, data: bytes, name: str, titles: Mapping[str, str] | None = None
) -> tuple[object, list[Problem]]:
    """A data file read elsewhere (a git revision), parsed and located as if read from disk."""
    return _parsed(model, *load_yaml_bytes(data, name), name, titles)


def _parsed(
    model: type,
    tree: object,
    problems: list[Problem],
    name: str,
    titles: Mapping[str, str] | None = None,
) -> tuple[object, list[Problem]]:
    if tree is None:
        return None, problems
    pos = tree.pos if isinstance(tree, (Map, Seq)) else (1, 1)
    obj, more = to_model(model, tree, pos, name, titles)
    return obj, problems + more


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
    if data.staff is not None:
        data.directory = Directory.of(data.staff)
    if results is None:
        folder = root / RESULTS_DIR
        results = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    for path in results:
        _add_results(data, path)
    return data


def _add_results(data: Dataset, path: Path) -> None:
    data.inputs.append(path)
    parsed, _, problems = _load(Results, path, data.titles)
    data.problems += problems
    if parsed is not None:
        data.results[path] = parsed  # type: ignore[assignment]


def load_valid(root: Path) -> ValidDataset:
    """The scheme and staff, without errors (no results file is read)."""
    return load_dataset(root, results=[]).valid()


def load_for_results(root: Path, results: Path | None) -> tuple[ValidDataset, ResultsFile]:
    """The scheme, the staff and one results file, all valid.

    Without `results`: results/<year>.yaml if it exists, else the newest results/<year>-Q<n>.yaml.
    Raises DataError with every error found in those files; warnings are left to the caller.
    """
    data = load_dataset(root, results=[])
    chosen = results is None and data.scheme is not None
    if results is None and data.scheme is not None:
        results = default_results(root, data.scheme.year)
    if results is not None and not results.exists() and not data.problems:
        raise _missing_results(results, root / RESULTS_DIR)
    if results is not None:
        _add_results(data, results)
    valid = data.valid()
    [(path, found)] = valid.results.items()
    return valid, ResultsFile(path, display_name(path), found, chosen=chosen)


def default_results(root: Path, year: int) -> Path:
    """results/<year>.yaml if it exists, else the latest quarter's, else results/<year>.yaml."""
    folder = root / RESULTS_DIR
    names = [path.name for path in folder.iterdir()] if folder.is_dir() else []
    return folder / (results_name(year, names) or f"{year}.yaml")


def results_name(year: int, names: Iterable[str]) -> str | None:
    """Of the file names in a results folder, the one read when none is named: <year>.yaml,
    else the latest quarter's (`jixiao diff` asks this of a folder at a git revision)."""
    names = list(names)
    if f"{year}.yaml" in names:
        return f"{year}.yaml"
    return max(quarters(year, names), default=(0, None))[1]


def quarters(year: int, names: Iterable[str]) -> list[tuple[int, str]]:
    """The quarterly results file names of a year among `names`, as (quarter, name), in order."""
    pattern = re.compile(rf"{year}-Q([1-4])\.yaml")
    return sorted((int(m[1]), name) for name in names if (m := pattern.fullmatch(name)))


def period_files(root: Path, year: int) -> list[tuple[int, Path]]:
    """The quarterly results files of a year that exist, as (quarter, path), in quarter order."""
    folder = root / RESULTS_DIR
    names = [path.name for path in folder.iterdir()] if folder.is_dir() else []
    return [(quarter, folder / name) for quarter, name in quarters(year, names)]


def year_files(root: Path, year: int) -> list[tuple[int | None, Path]]:
    """Every results file of a year that exists, in the year's order: the quarters' as
    (quarter, path), then results/<year>.yaml as (None, path)."""
    whole = root / RESULTS_DIR / f"{year}.yaml"
    found: list[tuple[int | None, Path]] = [*period_files(root, year)]
    return [*found, (None, whole)] if whole.is_file() else found


def load_year(root: Path) -> tuple[ValidDataset, list[tuple[int | None, Path]]]:
    """The scheme, the staff and every results file of the scheme's year (`year_files`), all
    valid. Raises DataError with every error found in them, or when there is no such file."""
    data = load_dataset(root, results=[])
    found = year_files(root, data.scheme.year) if data.scheme is not None else []
    for _, path in found:
        _add_results(data, path)
    valid = data.valid()
    if not found:
        folder = display_name(root / RESULTS_DIR)
        year = valid.scheme.year
        names = f"{year}-Q1.yaml … {year}-Q4.yaml 或 {year}.yaml"
        message = f"{folder} 中没有 {year} 年度的结果文件（{names}）"
        hint = "先用 jixiao template --quarter N（或 --year）生成结果表并填写完成率"
        raise DataError([error(folder, (0, 0), "file-missing", message, hint)])
    return valid, found


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
    if data.staff is not None and directory is not None:
        problems += checks.check_staff(data.staff, data.staff_file, directory)
    if data.scheme is not None:
        for check in checks.SCHEME_CHECKS:
            problems += check(data.scheme, data.scheme_file)
        if directory is not None:
            problems += checks.check_scheme_names(data.scheme, data.scheme_file, directory)
        for path, results in data.results.items():
            name = data.labels.get(path) or display_name(path)
            problems += checks.check_results(results, name, data.scheme, data.leaves, directory)
    return sorted(problems, key=lambda p: p.sort_key())
