"""Every command registered on the app, found at test time, with arguments that are safe to run.

Tests that must cover every command (the mutation property, the no-modification test) use
this, so a command added later (`progress`, `template`) is covered without editing them.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from itertools import count
from pathlib import Path
from typing import Any

import typer

from jixiao.cli import app

_COMMANDS: dict[str, Any] = typer.main.get_command(app).commands  # type: ignore[attr-defined]
COMMAND_NAMES = sorted(_COMMANDS)

# Options a generic caller must not flip: --force would let a command replace a file.
_NEVER = frozenset({"--force", "--help", "-h"})
_FILLED = frozenset({"--data", "--out"})
# Commands that need one of several options (no single one is `required`), and a safe pick.
_PICK = {"template": ["--year"], "forms": ["--quarter", "3"]}
_serial = count()


def _units(data: Path, out_dir: Path) -> list[str]:
    """A units folder for `rank` whose one unit is the data directory itself (a link to it,
    so the data's state, clean or with errors, is what `rank` sees)."""
    units = out_dir / f"units-{next(_serial)}"
    units.mkdir(parents=True)
    (units / "单位").symlink_to(data.absolute(), target_is_directory=True)
    return [str(units)]


# Commands with a positional argument, and a safe value for it, given the data directory and
# a folder for output: the filled forms of tests/data/mini (test_forms_collect.py checks that
# they are current); the results file compared with itself; the year after the data's (2024);
# a units folder holding the data directory.
_ARGUMENTS: dict[str, Callable[[Path, Path], list[str]]] = {
    "collect": lambda _, __: [str(Path(__file__).parent / "data" / "mini-forms")],
    "diff": lambda data, _: [str(data / "results" / "2024.yaml")] * 2,
    "new-year": lambda _, __: ["2025"],
    "rank": _units,
}


def _choices(param: Any) -> list[str]:
    """The values of a choice option (`--format`), for click and for typer's bundled click."""
    choices = getattr(getattr(param, "type", None), "choices", None)
    if choices is None:
        annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            choices = list(annotation)
    return [str(getattr(choice, "value", choice)) for choice in choices or ()]


def _long(param: Any) -> str:
    return max(param.opts, key=len)


def has_data_option(name: str) -> bool:
    return any("--data" in p.opts for p in _COMMANDS[name].params)


def writes(name: str) -> bool:
    return any("--out" in p.opts for p in _COMMANDS[name].params)


def base_args(name: str, data: Path, out_dir: Path) -> list[str]:
    """`NAME [ARGUMENT] --data DATA`, plus `--out` into `out_dir` (a new file each time) if it
    has one (`rank` takes a units folder instead of --data).

    A required option this does not know how to fill fails here, so whoever adds such a
    command says here what a safe value is.
    """
    command = _COMMANDS[name]
    picked = _PICK.get(name, [])
    args = [name, *(_ARGUMENTS[name](data, out_dir) if name in _ARGUMENTS else [])]
    if has_data_option(name):  # `rank` reads a folder of data directories instead
        args += ["--data", str(data)]
    args += picked
    if writes(name):
        args += ["--out", str(out_dir / f"{name}-{next(_serial)}.out")]
    given = _FILLED | set(picked)
    unknown = [
        _long(p)
        for p in command.params
        if p.required
        and not set(p.opts) & given
        and not (p.param_type_name == "argument" and name in _ARGUMENTS)
    ]
    assert not unknown, f"tests/commands.py: give `jixiao {name}` a safe value for {unknown}"
    return args


def variants(name: str) -> list[list[str]]:
    """Option sets worth running: none, each choice of each choice option, each flag, all flags."""
    command = _COMMANDS[name]
    out: list[list[str]] = [[]]
    flags: list[str] = []
    for param in command.params:
        if set(param.opts) & (_NEVER | _FILLED):
            continue
        if getattr(param, "is_flag", False):
            flags.append(_long(param))
            out.append([_long(param)])
        for choice in _choices(param):
            out.append([_long(param), choice])
    if len(flags) > 1:
        out.append(flags)
    return out
