"""Start next year's data directory from this year's (`jixiao new-year`).

indicators.yaml is edited as text, at the places the loader found its values, so every
comment, blank line, quote and flow mapping the clerk wrote stays as it was: only `year`,
each `deadline` and `source` change. The result is read back and compared with the old
scheme before anything is put in place.
"""

from __future__ import annotations

import calendar
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from .dataset import RESULTS_DIR, SCHEME_FILE, STAFF_FILE, data_dir, load_valid
from .loader import display_name
from .model import Scheme
from .problem import DataError, Pos, UsageError, error
from .yamltext import quote

PENDING = "待更新"
_BOM = b"\xef\xbb\xbf"
_LAST_YEAR = 2999  # the latest a `year:` may be (values.parse_year)


@dataclass
class NewYear:
    """What `new_year` wrote, for the message that tells the clerk what to edit next."""

    old_year: int
    year: int
    source: str
    deadlines: int = 0
    leap_days: list[str] = field(default_factory=list)  # ids whose 29 February became the 28th


def new_year(data: Path, year: int, out: Path, *, force: bool = False) -> NewYear:
    """Write the data directory for `year` to `out`, built beside it and renamed into place."""
    source = data_dir(data)
    _refuse_overlap(source, out, year)
    if out.exists() and not force:
        raise DataError(
            [
                error(
                    display_name(out),
                    (0, 0),
                    "file-exists",
                    f"{display_name(out)} 已存在，未做任何改动",
                    "要替换它请加 --force，或用 --out 指定另一个文件夹",
                )
            ]
        )
    if out.exists() and not out.is_dir():
        raise UsageError(f"{display_name(out)} 是一个文件，--out 应指定一个文件夹")
    dataset = load_valid(source)  # DataError with every error found
    scheme = dataset.scheme
    if not scheme.year < year <= _LAST_YEAR:
        raise UsageError(
            f"新年度应晚于数据的年度 {scheme.year}（且不晚于 {_LAST_YEAR}），而不是 {year}"
        )
    raw = (source / SCHEME_FILE).read_bytes()
    bom = _BOM if raw.startswith(_BOM) else b""
    name = display_name(source / SCHEME_FILE)
    text, summary = moved(raw[len(bom) :].decode("utf-8"), scheme, year, name)

    def build(folder: Path) -> None:
        (folder / SCHEME_FILE).write_bytes(bom + text.encode("utf-8"))
        shutil.copyfile(source / STAFF_FILE, folder / STAFF_FILE)
        (folder / RESULTS_DIR).mkdir()
        verify(scheme, folder, summary)

    _place(out, force, build)
    return summary


def _refuse_overlap(source: Path, out: Path, year: int) -> None:
    """The new folder is neither the data directory, nor inside it, nor around it (--force
    would remove it)."""
    here, there = source.resolve(), out.resolve()
    if there == here or here in there.parents or there in here.parents:
        raise UsageError(
            f"--out {display_name(out)} 与数据目录 {display_name(source)} 重叠；"
            f"新年度的数据请放在数据目录之外的另一个文件夹，如 data-{year}"
        )


def moved(text: str, scheme: Scheme, year: int, name: str) -> tuple[str, NewYear]:
    """indicators.yaml's text with `year` and every deadline in `year`, `source` marked 待更新."""
    spans = _scalar_spans(text)
    old_source = scheme.source
    if old_source is None or old_source.startswith(PENDING):
        new_source = old_source or PENDING
    else:
        new_source = f"{PENDING}（原：{old_source}）"
    summary = NewYear(scheme.year, year, new_source)
    edits = [_within(text, spans, scheme.where("year"), str(scheme.year), str(year))]
    for _, _, indicator in scheme.indicators():
        for node in (indicator, *(indicator.items or ())):
            if node.deadline is None:
                continue
            day = _moved_day(node.deadline, year)
            if day.day != node.deadline.day:
                summary.leap_days.append(node.id)
            where = node.where("deadline")
            edits.append(_within(text, spans, where, node.deadline.isoformat(), day.isoformat()))
            summary.deadlines += 1
    if "source" in scheme.model_fields_set:  # written, perhaps empty (`source:`)
        start, end = spans[scheme.where("source")]
        space = " " if start == end and text[start - 1] == ":" else ""
        edits.append((start, end, space + quote(new_source)))
    else:
        edits.append(_new_line(text, spans, scheme, name, f"source: {quote(new_source)}"))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, summary


def _moved_day(day: date, year: int) -> date:
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


Edit = tuple[int, int, str]  # replace text[start:end]


def _scalar_spans(text: str) -> dict[Pos, tuple[int, int]]:
    """Where each scalar starts and ends in `text`, by its line and column (as the loader
    reports them); libyaml's marks count characters, as str indexes do."""
    spans: dict[Pos, tuple[int, int]] = {}
    loader = yaml.CSafeLoader(text) if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader(text)
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.ScalarEvent):
                start, end = event.start_mark, event.end_mark
                assert start is not None and end is not None  # a parser's events have marks
                spans[(start.line + 1, start.column + 1)] = (start.index, end.index)
    finally:
        loader.dispose()
    return spans


def _within(text: str, spans: dict[Pos, tuple[int, int]], pos: Pos, old: str, new: str) -> Edit:
    """Replace `old` inside the scalar at `pos` (keeping its quotes) by `new`."""
    start, end = spans[pos]
    offset = text.index(old, start, end)  # the loader read `old` here; ValueError is a bug
    return offset, offset + len(old), new


def _new_line(
    text: str, spans: dict[Pos, tuple[int, int]], scheme: Scheme, name: str, line: str
) -> Edit:
    """A line of its own above `year:`, indented as it is."""
    start, _ = spans[scheme.where("year")]
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start]
    indent = head[: len(head) - len(head.lstrip(" "))]
    if not head.lstrip(" ").startswith("year"):
        raise DataError(
            [
                error(
                    name,
                    scheme.where("year"),
                    "layout",
                    "year 没有单独写在一行，无法自动加入 source",
                    "把 year: 单独写成一行后再运行，或先手工加上 source",
                )
            ]
        )
    newline = "\r\n" if "\r\n" in text else "\n"
    return line_start, line_start, indent + line + newline


def verify(old: Scheme, folder: Path, summary: NewYear) -> None:
    """The new directory passes `check`, and its scheme is the old one with only the year, the
    source and the deadlines changed. Anything else is a bug in `moved`, not in the data."""
    try:
        written = load_valid(folder).scheme
    except DataError as err:
        raise RuntimeError(f"new-year wrote data with errors: {err.problems[:3]}") from None
    expected = _expected(old.model_dump(), summary)
    assert isinstance(expected, dict)
    expected.update(year=summary.year, source=summary.source)
    if written.model_dump() != expected:
        raise RuntimeError("new-year changed more of indicators.yaml than year, source, deadlines")


def _expected(value: object, summary: NewYear) -> object:
    if isinstance(value, dict):
        out = {k: _expected(v, summary) for k, v in value.items()}
        deadline = out.get("deadline")
        if isinstance(deadline, date):
            out["deadline"] = _moved_day(deadline, summary.year)
        return out
    if isinstance(value, list):
        return [_expected(v, summary) for v in value]
    return value


def _place(out: Path, force: bool, build: Callable[[Path], None]) -> None:
    """Build in a new folder beside `out`, then rename it into place (replacing `out` only
    when forced, and only once the new one is complete)."""
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent))
    try:
        build(temp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o777 & ~umask)  # mkdtemp makes it private to its owner
        if not out.exists():
            os.rename(temp, out)
            return
        if not force:
            raise DataError(
                [
                    error(
                        display_name(out),
                        (0, 0),
                        "file-exists",
                        f"{out} 已存在，未做任何改动",
                        "加 --force 替换它，或用 --out 另选一个文件夹",
                    )
                ]
            )
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=parent))
        os.rename(out, old / out.name)
        try:
            os.rename(temp, out)
        except BaseException:
            os.rename(old / out.name, out)  # put the clerk's folder back as it was
            old.rmdir()
            raise
        shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
