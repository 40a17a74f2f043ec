"""`jixiao check` output: text (Rich), json and GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby

from rich.console import Console
from rich.text import Text

from ..problem import Problem


def _place(p: Problem) -> str:
    return f"{p.file}:{p.line}:{p.column}" if p.line else p.file


def _summary(problems: list[Problem]) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.is_error)
    return errors, len(problems) - errors


def render_text(problems: list[Problem], console: Console) -> None:
    for file, group in groupby(problems, key=lambda p: p.file):
        console.print(Text(file, style="bold underline"))
        for p in group:
            line = Text("  ")
            line.append(_place(p), style="dim")
            line.append("  ")
            line.append(p.severity.label, style="bold red" if p.is_error else "yellow")
            line.append(f"  [{p.code}] ", style="cyan")
            line.append(p.message)
            console.print(line)
            if p.hint:
                console.print(Text(f"      提示：{p.hint}", style="dim"))
        console.print()
    errors, warnings = _summary(problems)
    if errors:
        console.print(Text(f"✗ {errors} 个错误，{warnings} 个警告", style="bold red"))
    elif warnings:
        console.print(Text(f"✓ 没有错误（{warnings} 个警告）", style="bold yellow"))
    else:
        console.print(Text("✓ 检查通过，没有发现问题", style="bold green"))


def render_json(problems: list[Problem], console: Console) -> None:
    errors, _ = _summary(problems)
    doc = {"ok": errors == 0, "problems": [p.as_dict() for p in problems]}
    console.out(json.dumps(doc, ensure_ascii=False, indent=2), highlight=False)


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def render_github(problems: list[Problem], console: Console) -> None:
    for file, group in groupby(problems, key=lambda p: p.file):
        console.out(f"::group::{file}", highlight=False)
        for p in group:
            level = "error" if p.is_error else "warning"
            where = (
                f"file={_escape(p.file, prop=True)},line={max(p.line, 1)},col={max(p.column, 1)}"
            )
            at = f"{p.line}:{p.column} " if p.line else ""
            text = f"{at}[{p.code}] {p.message}" + (f"（{p.hint}）" if p.hint else "")
            console.out(f"::{level} {where}::{_escape(text)}", highlight=False)
        console.out("::endgroup::", highlight=False)
    errors, warnings = _summary(problems)
    console.out(f"{errors} 个错误，{warnings} 个警告", highlight=False)


RENDERERS: dict[str, Callable[[list[Problem], Console], None]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
