"""The help screens, in Chinese and laid out for Chinese text.

Typer's help writes English headings and notes ("Usage:", "Options", "[default: …]",
"Show this message and exit."), names each value by its Python type (`<path>`,
`<list[Path]>`) and wraps by characters, so a Chinese line runs twice as wide as it counts.
Neither Typer's bundled Click nor Typer offers a translation catalogue for these, so the app's
group and command classes (`ChineseGroup`, `ChineseCommand`, both through Typer's documented
`cls=`) draw the whole screen here: 用法, 选项, 参数, 命令, [默认值：…], [必填], each value named
by the `metavar` its option declares (目录, 文件, 季度 …), every line wrapped by display width
without beginning with a closing mark (避头尾). Nothing here imports Rich: `jixiao --help`
stays as fast as a bare Typer app.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.models import CommandFunctionType

if TYPE_CHECKING:  # the types Typer's own methods are declared with
    from typer._click import Context, HelpFormatter

HELP_OPTION = "显示帮助并退出"
TERM_MAX = 30  # a longer option name puts its help on the next line
_CLOSING = frozenset("，。、；：？！）》」』】〉”’…%,.;:?!)]}")  # never begins a line (避头尾)
_OPENING = frozenset("（《「『【〈“‘([{")  # never ends one


def width(text: str) -> int:
    """Terminal columns: two for a Chinese character or mark (and for an ambiguous one such
    as “, so that a terminal that draws it wide still fits)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _chinese_character(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _may_break(before: str, after: str) -> bool:
    """A line may break between two touching characters: between Chinese characters, or
    between one and a Latin letter or digit, but never before a closing mark or after an
    opening one; a Latin word, path, option or range (`results/<年度>.yaml`, `1–4`) stays
    whole."""
    if after in _CLOSING or before in _OPENING:
        return False
    if _chinese_character(before):
        return _chinese_character(after) or after.isalnum()
    return before.isalnum() and _chinese_character(after)


# A path with Chinese in it (`数据目录/results/<年度>.yaml`) is one piece, up to its punctuation.
_PATH = re.compile(r"[^\s，。、；：？！（）《》“”]*[/<>][^\s，。、；：？！（）《》“”]*")


def _units(text: str) -> list[tuple[bool, str]]:
    """The pieces a line never breaks inside, each with whether a space comes before it."""
    inside = {i for m in _PATH.finditer(text) for i in range(m.start() + 1, m.end())}
    units: list[tuple[bool, str]] = []
    unit, spaced = "", False
    for i, ch in enumerate(text):
        if ch == " ":
            if unit:
                units.append((spaced, unit))
                unit = ""
            spaced = True
        elif not unit and ch in _CLOSING and units:  # a closing mark after a space stays
            before, last = units.pop()
            unit, spaced = f"{last} {ch}", before
        elif unit and i not in inside and _may_break(unit[-1], ch):
            units.append((spaced, unit))
            unit, spaced = ch, False
        else:
            unit += ch
    if unit:
        units.append((spaced, unit))
    return units


def _split(unit: str, columns: int) -> list[str]:
    """A piece too wide for any line: after each `/`, and where that is not enough, by
    characters (a closing mark is not put first while there is a character to carry over)."""
    parts: list[str] = []
    for part in re.findall(r"[^/]*/|[^/]+", unit):
        while width(part) > columns:
            cut = 1
            while width(part[: cut + 1]) <= columns:
                cut += 1
            fitting = cut
            while cut > 1 and part[cut] in _CLOSING:  # carry a character over with the mark
                cut -= 1
            if part[cut] in _CLOSING:  # only closing marks: the width wins
                cut = fitting
            parts.append(part[:cut])
            part = part[cut:]
        if parts and width(parts[-1] + part) <= columns:
            parts[-1] += part
        else:
            parts.append(part)
    return [p for p in parts if p]


def wrap(text: str, columns: int, notes: tuple[str, ...] = ()) -> list[str]:
    """`text` in lines of at most `columns` display columns, its own line breaks kept, then
    `notes`, each never broken."""
    lines: list[str] = []
    paragraphs = text.splitlines() or [""]
    for number, paragraph in enumerate(paragraphs, 1):
        line, used = "", 0
        pieces = _units(paragraph)
        if number == len(paragraphs):
            pieces += [(True, note) for note in notes]
        for spaced, unit in pieces:
            parts = _split(unit, columns) if width(unit) > columns else [unit]
            for k, part in enumerate(parts):
                gap = 1 if spaced and k == 0 and line else 0
                if line and used + gap + width(part) > columns:
                    lines.append(line)
                    line, used = part, width(part)
                else:
                    line += " " * gap + part
                    used += gap + width(part)
        lines.append(line)
    return lines


Row = tuple[str, str, tuple[str, ...]]  # a name, its help, the notes after it


def _rows(rows: list[Row], columns: int) -> list[str]:
    """Two columns, as Click lays out options, measured in display columns."""
    first = min(max(width(term) for term, _, _ in rows), TERM_MAX)
    text_columns = max(columns - first - 4, 20)
    out: list[str] = []
    for term, text, notes in rows:
        lines = wrap(text, text_columns, notes) if text or notes else []
        if width(term) > first:
            out.append(f"  {term}")
        elif lines:
            out.append(f"  {term}{' ' * (first - width(term))}  {lines.pop(0)}")
        else:
            out.append(f"  {term}")
        out.extend(f"{' ' * (first + 4)}{line}" for line in lines)
    return out


def _default(param: TyperArgument | TyperOption) -> str | None:
    if isinstance(param.show_default, str):
        return param.show_default
    value = param.default
    if not param.show_default or value is None or isinstance(value, bool) or callable(value):
        return None
    return str(value.value if isinstance(value, Enum) else value)


def _row(param: TyperArgument | TyperOption, ctx: Context) -> Row:
    notes = []
    default = _default(param)
    if default:
        notes.append(f"[默认值：{default}]")
    if param.required:
        notes.append("[必填]")
    return _term(param, ctx), param.help or "", tuple(notes)


def _term(param: TyperArgument | TyperOption, ctx: Context) -> str:
    if isinstance(param, TyperArgument):
        return param.metavar or param.name or ""
    record = param.get_help_record(ctx)  # the option names, and the metavar when it has one
    return record[0] if record else ""


def screen(command: TyperCommand | TyperGroup, ctx: Context, columns: int) -> str:
    """The whole help screen of a command or of the app."""
    params = [
        p
        for p in command.get_params(ctx)
        if isinstance(p, (TyperArgument, TyperOption)) and not p.hidden
    ]
    arguments = [p for p in params if isinstance(p, TyperArgument)]
    usage = [ctx.command_path, "[选项]"]
    usage += [_term(a, ctx) if a.required else f"[{_term(a, ctx)}]" for a in arguments]
    if isinstance(command, TyperGroup):
        usage.append("命令 [命令的选项]")
    out = [f"用法：{' '.join(usage)}", ""]
    if command.help:
        out += [f"  {line}" for line in wrap(command.help.strip(), columns - 2)] + [""]
    sections = [
        ("参数", [_row(a, ctx) for a in arguments]),
        ("选项", [_row(p, ctx) for p in params if isinstance(p, TyperOption)]),
    ]
    if isinstance(command, TyperGroup):
        sections.append(("命令", list(_commands(command, ctx))))
    for heading, rows in sections:
        if rows:
            out += [f"{heading}：", *_rows(rows, columns), ""]
    return "\n".join(out)


def _commands(group: TyperGroup, ctx: Context) -> Iterator[Row]:
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None and not command.hidden:
            text = command.short_help or (command.help or "").strip().split("\n\n")[0]
            yield name, " ".join(text.split()), ()


def _chinese(option: TyperOption | None) -> TyperOption | None:
    if option is not None:
        option.help = HELP_OPTION
    return option


class ChineseCommand(TyperCommand):
    """A jixiao command: its help screen from `screen`."""

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        return _chinese(super().get_help_option(ctx))

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write(screen(self, ctx, formatter.width))


class ChineseGroup(TyperGroup):
    """The jixiao app: its help screen from `screen`."""

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        return _chinese(super().get_help_option(ctx))

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write(screen(self, ctx, formatter.width))


class ChineseTyper(typer.Typer):
    """`typer.Typer` whose commands are `ChineseCommand`s unless told otherwise."""

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        return super().command(name, cls=cls or ChineseCommand, **kwargs)
