"""Problem listings, for `check` and `collect`: text (Rich), json and GitHub workflow annotations.

Each renderer returns what it shows: a Rich renderable for the terminal, or text."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from rich.console import Group, RenderableType
from rich.text import Text

from ..problem import Problem
from .jsontext import json_text
from .safe import shown, visible
from .wrap import Prose


def _summary(problems: list[Problem]) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.is_error)
    return errors, len(problems) - errors


def render_text(problems: list[Problem], *, summary: bool = True) -> RenderableType:
    """Problems grouped by file, each with its hint below; then the count of each severity."""
    lines: list[RenderableType] = []
    for file, group in groupby(problems, key=lambda p: p.file):
        lines.append(Prose(file, style="bold underline", record=True))
        for p in group:
            line = shown("  ")
            line.append(visible(p.place), style="dim")
            line.append("  ")
            line.append(p.severity.label, style="bold red" if p.is_error else "yellow")
            line.append(f"  [{p.code}] ", style="cyan")
            line.append(visible(p.message))
            lines.append(Prose(line, indent=4, record=True))
            if p.hint:
                lines.append(Prose(f"      提示：{p.hint}", indent=12, style="dim", record=True))
        lines.append(Text())
    if summary:
        lines.append(_verdict(problems))
    return Group(*lines)


def _verdict(problems: list[Problem]) -> Text:
    errors, warnings = _summary(problems)
    if errors:
        return shown(f"✗ {errors} 个错误，{warnings} 个警告", style="bold red")
    if warnings:
        return shown(f"✓ 没有错误（{warnings} 个警告）", style="bold yellow")
    return shown("✓ 检查通过，没有发现问题", style="bold green")


def render_json(problems: list[Problem]) -> str:
    errors, _ = _summary(problems)
    doc = {"ok": errors == 0, "problems": [p.as_dict() for p in problems]}
    return json_text(doc)


def _escape(value: str, *, prop: bool = False) -> str:
    value = visible(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def render_github(problems: list[Problem]) -> str:
    lines = []
    for file, group in groupby(problems, key=lambda p: p.file):
        lines.append(f"::group::{file}")
        for p in group:
            level = "error" if p.is_error else "warning"
            where = (
                f"file={_escape(p.file, prop=True)},line={max(p.line, 1)},col={max(p.column, 1)}"
            )
            at = f"{p.cell or f'{p.line}:{p.column}'} " if p.line else ""
            text = f"{at}[{p.code}] {p.message}" + (f"（{p.hint}）" if p.hint else "")
            lines.append(f"::{level} {where}::{_escape(text)}")
        lines.append("::endgroup::")
    errors, warnings = _summary(problems)
    lines.append(f"{errors} 个错误，{warnings} 个警告")
    return "\n".join(lines)


RENDERERS: dict[str, Callable[[list[Problem]], RenderableType | str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
