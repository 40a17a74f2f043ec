"""The one record every check returns, and the errors that carry them to the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

Pos = tuple[int, int]  # 1-based line and column; (0, 0) is "the whole file"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "警告"


@dataclass(frozen=True)
class Problem:
    """A problem at a place in a file. Line and column are 1-based; 0 means "the whole file".

    In a workbook, `cell` names the cell (`F7`) and line/column are its row and column.
    """

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str = ""
    cell: str = ""

    @property
    def place(self) -> str:
        """`file:line:col`, `book.xlsx!F7`, or just the file for a problem with the whole file."""
        if self.cell:
            return f"{self.file}!{self.cell}"
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "cell": self.cell or None,
        }


def error(file: str, pos: Pos, code: str, message: str, hint: str = "") -> Problem:
    return Problem(file, pos[0], pos[1], Severity.ERROR, code, message, hint)


def warning(file: str, pos: Pos, code: str, message: str, hint: str = "") -> Problem:
    return Problem(file, pos[0], pos[1], Severity.WARNING, code, message, hint)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)


class JixiaoError(Exception):
    """An expected failure: the CLI turns it into messages and an exit code."""

    exit_code = 1


class DataError(JixiaoError):
    """The data cannot be used; the problems say why (exit 1)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class Refused(JixiaoError):
    """A file refused as a whole (unreadable, not a form, too large): one problem says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class ProblemsShown(JixiaoError):
    """The problems were already shown (`check`, `collect`): only the exit status is left (1)."""


class UsageError(JixiaoError):
    """The command line asks for something impossible (exit 2)."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
