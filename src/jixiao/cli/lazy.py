"""Commands built when they are run.

Typer turns every registered command into a Click command (reading each signature and its
annotations) each time the app is called, whichever command was asked for: 30–50 ms of every
start-up for ten commands. Here `@app.command()` keeps what Typer would register, and the
group builds a command the first time it is looked up (once per process: tests that call the
app many times build each command once). `jixiao --help` builds them all, to list them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Any

from typer.main import get_command_from_info, get_command_name
from typer.models import CommandFunctionType, CommandInfo

from .helpscreen import ChineseGroup, ChineseTyper

if TYPE_CHECKING:
    from typer._click import Command


class LazyTyper(ChineseTyper):
    """A Typer app whose commands wait in `commands` until they are looked up."""

    def __init__(self, *, cls: type[LazyGroup], **kwargs: Any) -> None:
        super().__init__(cls=cls, **kwargs)
        self.commands = Commands(self)
        cls.source = self

    def command(
        self, name: str | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        register = super().command(name, **kwargs)

        def keep(function: CommandFunctionType) -> CommandFunctionType:
            register(function)
            info = self.registered_commands.pop()  # Typer would build it on every call
            self.commands.waiting[info.name or get_command_name(function.__name__)] = info
            return function

        return keep


class Commands(MutableMapping[str, "Command"]):
    """Name → Click command, each built from its Typer registration when first looked up; the
    names alone (for suggestions after a typo) build nothing."""

    def __init__(self, app: LazyTyper) -> None:
        self.app = app
        self.waiting: dict[str, CommandInfo] = {}
        self.built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self.built:
            self.built[name] = get_command_from_info(
                self.waiting[name],
                pretty_exceptions_short=self.app.pretty_exceptions_short,
                rich_markup_mode=self.app.rich_markup_mode,
            )
        return self.built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        self.built.pop(name, None)
        del self.waiting[name]

    def __iter__(self) -> Iterator[str]:
        return iter({**self.waiting, **self.built})

    def __len__(self) -> int:
        return len({**self.waiting, **self.built})


class LazyGroup(ChineseGroup):
    """The app's group: its commands are the app's `Commands`."""

    source: LazyTyper

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = self.source.commands
