"""Chinese text broken into lines for the terminal: by display width (a Chinese character takes
two columns), never a closing mark at the start of a line nor an opening one at its end (避头尾),
never inside a number, a date or a Latin word.

Rich folds Chinese text at any character, so `，` or `）` can start a line; `Prose` is the
renderable every report uses instead for text that may take more than one line.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from itertools import pairwise

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from .safe import shown

# May not begin a line (避头): closing brackets and quotes, pause and stop marks, the ellipsis.
CLOSING = frozenset("，。、；：？！）」』】》〉〕］｝”’…％‰,.;:?!)]}%")
# May not end a line (避尾): opening brackets and quotes.
OPENING = frozenset("（「『【《〈〔［｛“‘([{")


def _joins(left: str, right: str) -> bool:
    """Two characters that belong to one unbreakable run: a number, a date, a Latin word, an id."""
    return left.isascii() and right.isascii() and not left.isspace() and not right.isspace()


def break_points(text: str) -> list[int]:
    """The offsets in one line of `text` where a new line may start."""
    points = []
    indent = len(text) - len(text.lstrip(" "))
    for i in range(indent + 1, len(text)):  # never right after the indentation
        left, right = text[i - 1], text[i]
        if right.isspace() or right in CLOSING or left in OPENING or _joins(left, right):
            continue
        points.append(i)
    return points


def break_line(text: str, width: int, points: Collection[int] | None = None) -> list[int]:
    """Where to start each line after the first, so that no line is wider than `width` columns.

    Greedy: each line takes as much as fits and ends at a break point. A run with no break
    point that fits is cut by width, pushing a closing mark down with the character before it.
    """
    allowed = sorted(break_points(text) if points is None else points)
    starts: list[int] = []
    start, n = 0, len(text)
    while cell_len(text[start:].rstrip()) > width:
        end = _last_fitting(text, start, allowed, width)
        if end is None:
            end = _cut(text, start, width)
        starts.append(end)
        start = end
        while start < n and text[start] == " ":  # the next line begins at its first word
            start += 1
        if start != end:
            starts[-1] = start
    return starts


def _last_fitting(text: str, start: int, allowed: list[int], width: int) -> int | None:
    best = None
    for point in allowed:
        if point <= start:
            continue
        if cell_len(text[start:point].rstrip()) > width:
            break
        best = point
    return best


def _cut(text: str, start: int, width: int) -> int:
    """The longest piece from `start` that fits, moved back so the next line does not begin
    with a closing mark (at least one character per line, whatever the width)."""
    end, used = start, 0
    while end < len(text) and used + cell_len(text[end]) <= width:
        used += cell_len(text[end])
        end += 1
    end = max(end, start + 1)
    while end - 1 > start and end < len(text) and text[end] in CLOSING:
        end -= 1
    return end


def narrowest(text: str, points: Collection[int] | None = None) -> int:
    """The width of the widest piece that no break point divides: narrower than this, a
    line must be cut inside a word."""
    allowed = [0, *sorted(break_points(text) if points is None else points), len(text)]
    return max((cell_len(text[a:b].rstrip()) for a, b in pairwise(allowed)), default=0)


class Prose:
    """Text that breaks into lines by the rules above, at the width it is given (a table cell,
    a panel, the terminal). Continuation lines are indented by `indent` columns.

    `points`: where a line may start, instead of the rules (the offsets of one-line text),
    so a formula breaks only between its terms. `record`: a line that is broken only on a
    terminal, and kept whole in a pipe or a file (one problem, one line, for grep and logs)."""

    def __init__(
        self,
        text: Text | str,
        *,
        indent: int = 0,
        points: Collection[int] | None = None,
        style: str = "",
        record: bool = False,
    ) -> None:
        self.text = shown(text, style=style) if isinstance(text, str) else text
        self.indent = indent
        self.points = points
        self.record = record

    def _lines(self) -> list[Text]:
        return list(self.text.split("\n", allow_blank=True))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = [line.plain for line in self._lines()]
        widest = max((cell_len(line) for line in lines), default=0)
        smallest = max((narrowest(line, self.points) for line in lines), default=0)
        smallest = min(smallest + self.indent, widest)
        return Measurement(smallest, widest).with_maximum(options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width if console.is_terminal or not self.record else 10**6
        for line in self._lines():
            yield from self._broken(line, width)

    def _broken(self, line: Text, width: int) -> Iterator[Text]:
        plain = line.plain
        first, rest = width, max(width - self.indent, 1)
        # a character is at most two cells wide: most lines are measured without cell_len
        fits = len(plain) * 2 <= first or cell_len(plain) <= first
        starts = [] if fits else break_line(plain, first, self.points)
        if starts and self.indent:  # the continuation lines are narrower: break them again
            head, tail = line[: starts[0]], line[starts[0] :]
            points = None if self.points is None else [p - starts[0] for p in self.points]
            tail_starts = break_line(tail.plain, rest, points)
            pieces = [head, *tail.divide(tail_starts)]
        else:
            pieces = list(line.divide(starts))
        for i, piece in enumerate(pieces):
            piece.rstrip()
            if i and self.indent:
                piece = Text(" " * self.indent) + piece
            piece.end = "\n"
            piece.no_wrap = True
            piece.overflow = "ignore"
            yield piece


def terms(parts: list[str], *, style: str = "") -> Prose:
    """`head = term + term …` as one line, breaking only before a term (never inside one, nor
    after the head), continuation lines aligned under the first term."""
    points, offset = [], 0
    for i, part in enumerate(parts):
        if i >= 2:
            points.append(offset)
        offset += len(part) + 1
    return Prose(" ".join(parts), points=points, indent=cell_len(parts[0]) + 1, style=style)
