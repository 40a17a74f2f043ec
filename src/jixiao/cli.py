"""The command line: thin wrappers over the library. Errors become exit codes in `main()` only."""

from __future__ import annotations

import gc
import io
import os
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from .problem import DataError, UsageError

if TYPE_CHECKING:
    from rich.console import Console


class _Group(TyperGroup):
    """The one place where errors become messages and exit codes (0 ok, 1 data, 2 usage, 3 bug)."""

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
        except DataError as err:
            _report_problems(err)
            raise typer.Exit(err.exit_code) from None
        except UsageError as err:
            _usage(err.message)
            raise typer.Exit(err.exit_code) from None
        except OSError as err:  # a path the system refuses (too long, not allowed, disk full)
            from .usage import os_error

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


app = typer.Typer(
    cls=_Group,
    name="jixiao",
    help="绩效：根据 YAML 数据文件计算年度绩效评估得分。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: typer.rich_utils costs more than all the rest of --help
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataOption = Annotated[
    Path, typer.Option("--data", "-d", help="数据目录（含 indicators.yaml、staff.yaml、results/）")
]
DEFAULT_DATA = Path("data")
ResultsOption = Annotated[
    Path | None,
    typer.Option("--results", "-r", help="结果文件（默认 数据目录/results/<年度>.yaml）"),
]


def write_or_print(
    render: Callable[[Console], None],
    out: Path | None,
    *,
    force: bool,
    inputs: Iterable[Path] = (),
) -> None:
    """Render to the terminal, or atomically to `out` (an existing file only when forced,
    an input file never)."""
    if out is None:
        render(console())
        return
    from rich.console import Console

    from .files import write_new

    buffer = Console(file=io.StringIO(), width=120, color_system=None)
    render(buffer)
    write_new(out, buffer.file.getvalue(), force=force, inputs=inputs)  # type: ignore[attr-defined]
    console(stderr=True).out(f"已写入 {out}", highlight=False)


@app.callback()
def root(
    debug: Annotated[
        bool, typer.Option("--debug", help="出现意外错误时显示完整的出错信息")
    ] = False,
) -> None:
    """绩效：根据 YAML 数据文件计算年度绩效评估得分。"""


class CheckFormat(str, Enum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"


def console(*, stderr: bool = False, soft_wrap: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, soft_wrap=soft_wrap, highlight=False)


@app.command()
def check(
    data: DataOption = DEFAULT_DATA,
    results: Annotated[
        list[Path] | None,
        typer.Option("--results", "-r", help="检查这些结果文件，而不是 results/*.yaml"),
    ] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="输出格式")] = CheckFormat.auto,
) -> None:
    """检查所有数据文件：格式、权重合计、序号、人员与科室名称。"""
    from .dataset import check_dataset, load_dataset
    from .problem import has_errors
    from .report.check import RENDERERS

    problems = check_dataset(load_dataset(data, results))
    name = fmt.value
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    RENDERERS[name](problems, console(soft_wrap=True))
    if has_errors(problems):
        raise typer.Exit(1)


def _report_problems(err: DataError) -> None:
    from .report.check import render_text

    render_text(
        sorted(err.problems, key=lambda p: p.sort_key()), console(stderr=True, soft_wrap=True)
    )


def _is_click_usage(err: Exception) -> bool:
    """A Click usage error (bad option, unknown command), from click or Typer's bundled copy."""
    return (
        type(err).__module__.split(".")[0] in ("click", "typer")
        and getattr(err, "exit_code", None) == 2
        and hasattr(err, "format_message")
    )


def _usage_error(err: Exception) -> None:
    """A Click usage error, in Chinese, with the command whose -h explains it."""
    from .usage import chinese

    path = getattr(getattr(err, "ctx", None), "command_path", None) or "jixiao"
    _usage(chinese(err.format_message()), f"{path} -h")  # type: ignore[attr-defined]


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
        "这是程序的缺陷，不是您的数据问题。请把所用的命令和数据文件发给维护者"
        "（见 README“问题反馈”一节）；加 --debug 重新运行可看到详细信息。"
    )


def main() -> None:
    app()


# Commands live in their own modules and register themselves on `app`.
from . import cli_excel, cli_progress, cli_score  # noqa: E402,F401
