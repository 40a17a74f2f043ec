"""The Typer app, and the one place where errors become messages and exit codes.

Commands register themselves on `app` from their own modules (`cli/__init__.py` imports
them); they raise the library's errors and never exit themselves.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .. import __version__
from ..problem import DataError, JixiaoError, ProblemsShown, Refused, UsageError
from .lazy import LazyGroup, LazyTyper
from .options import console

if TYPE_CHECKING:
    from typer._click import Context


# The commands in the order of the clerk's year, for the help screen.
COMMAND_ORDER = (
    "check", "score", "progress", "trend", "template", "forms", "collect", "diff", "new-year",
    "rank",
)  # fmt: skip


class _Group(LazyGroup):
    """The one place where errors become messages and exit codes (0 ok, 1 data, 2 usage, 3 bug)."""

    def list_commands(self, ctx: Context) -> list[str]:
        known = {name: i for i, name in enumerate(COMMAND_ORDER)}
        names = list(self.commands)  # the names only: nothing is built
        return sorted(names, key=lambda name: (known.get(name, len(known)), name))

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _debug_first(args))

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except Exception as err:  # a mistake in the options before the command (jixiao --x)
            if not _is_click_usage(err) or type(err).__name__ == "NoArgsIsHelpError":
                raise
            _usage_error(err)
            raise typer.Exit(2) from None

    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]
        # A short run that builds one large acyclic tree: the cyclic collector would rescan it
        # over and over as it grows (time per leaf doubled at 30,000 leaves) and free nothing.
        gc.disable()
        try:
            return super().invoke(ctx)
        except JixiaoError as err:
            _report(err)
            raise typer.Exit(err.exit_code) from None
        except OSError as err:  # a path the system refuses (too long, not allowed, disk full)
            from ..usage import os_error

            _usage(os_error(err))
            raise typer.Exit(2) from None
        except Exception as err:
            if _is_click_usage(err):
                _usage_error(err)
                raise typer.Exit(2) from None
            if type(err).__module__.split(".")[0] in ("click", "typer") or ctx.params.get("debug"):
                raise
            _apologise(err)
            raise typer.Exit(3) from None
        finally:
            gc.enable()


def _debug_first(args: list[str]) -> list[str]:
    """`--debug` belongs to the app, but a clerk asked to add it types it at the end
    (`jixiao score --debug`): move it before the command (up to a `--`)."""
    end = args.index("--") if "--" in args else len(args)
    if "--debug" not in args[:end]:
        return args
    return ["--debug", *(a for a in args[:end] if a != "--debug"), *args[end:]]


def _show_version(value: bool) -> None:
    if value:
        print(f"jixiao {__version__}")
        raise typer.Exit()


app = LazyTyper(
    cls=_Group,
    name="jixiao",
    help="绩效：根据 YAML 数据文件计算年度绩效评估得分。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: typer.rich_utils costs more than all the rest of --help
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    debug: Annotated[
        bool, typer.Option("--debug", help="出现意外错误时显示完整的出错信息（也可写在命令之后）")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            is_eager=True,
            callback=_show_version,
            help="显示 jixiao 的版本号并退出",
        ),
    ] = False,
) -> None:
    """绩效：根据 YAML 数据文件计算年度绩效评估得分。"""


def _report(err: JixiaoError) -> None:
    """What went wrong, on stderr: the problems, or the usage mistake."""
    from ..report.check import render_text

    if isinstance(err, UsageError):
        _usage(err.message)
    elif isinstance(err, (DataError, Refused)):
        problems = err.problems if isinstance(err, DataError) else [err.problem]
        ordered = sorted(problems, key=lambda p: p.sort_key())
        console(stderr=True, soft_wrap=True).print(render_text(ordered))
    elif not isinstance(err, ProblemsShown):
        _usage(str(err))


def _is_click_usage(err: Exception) -> bool:
    """A Click usage error (bad option, unknown command), from click or Typer's bundled copy."""
    return (
        type(err).__module__.split(".")[0] in ("click", "typer")
        and getattr(err, "exit_code", None) == 2
        and hasattr(err, "format_message")
    )


def _usage_error(err: Exception) -> None:
    """A Click usage error, in Chinese, with the command whose -h explains it."""
    from ..usage import chinese, no_such_option

    path = getattr(getattr(err, "ctx", None), "command_path", None) or "jixiao"
    possibilities = getattr(err, "possibilities", None)
    if possibilities is not None:  # No such option: Click's list in order of similarity
        message = no_such_option(err.option_name, possibilities)  # type: ignore[attr-defined]
    else:
        message = chinese(err.format_message())  # type: ignore[attr-defined]
    _usage(message, f"{path} -h")


def _usage(message: str, help_command: str = "") -> None:
    from rich.text import Text

    text = Text.assemble(("用法错误：", "bold red"), message)
    if help_command:
        text.append(f"\n用 {help_command} 查看用法。", style="dim")
    console(stderr=True, soft_wrap=True).print(text)


def _apologise(err: BaseException) -> None:
    from rich.markup import escape

    console(stderr=True).print(
        f"[bold red]抱歉，jixiao 遇到了意外错误[/]（{escape(type(err).__name__)}）。\n"
        f"这是程序的缺陷，不是您的数据问题。请把所用的命令、版本号（jixiao {__version__}，"
        "即 jixiao --version 显示的）和数据文件发给维护者（见 README“问题反馈”一节）；"
        "在命令后加 --debug 重新运行可看到详细信息。"
    )


def main() -> None:
    # Pydantic looks for plugins in every installed package's metadata the first time it
    # builds a validator (Typer builds one per option): 20–60 ms of a command's start-up, for
    # plugins jixiao never uses. A library user keeps theirs; this is the command only.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    app()
