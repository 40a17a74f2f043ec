"""The slips of a Chinese input method: full-width punctuation where YAML needs ASCII.

A clerk typing in Chinese mode writes `：` for `:`, `，` for `,`, `“…”` for `"…"`, a full-width
space U+3000 for indentation. In a title or a reason these are ordinary Chinese text, so
nothing here looks at prose. A slip is named only where the file already fails:

- when YAML cannot parse it, `diagnose` tries each full-width character near the error in
  turn, replaced by its ASCII twin, and names the first whose replacement lets the parse get
  further (so a `：` in a title next to the real error is never blamed);
- when a value fails validation: an id or a name holding a slip (`in_id`, `in_name`), an
  unknown key holding `：` or starting with U+3000 (`in_key`).

Each slip is named at its own line and column, with the character to type instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from .characters import ODD_SPACES, Lines, describe
from .problem import Pos, Problem, error

# full-width character -> (its Chinese name, the ASCII character to type, that one's name)
_TWINS: dict[str, tuple[str, str, str]] = {
    "：": ("中文冒号", ":", "英文冒号"),
    "，": ("中文逗号", ",", "英文逗号"),
    "、": ("顿号", ",", "英文逗号"),
    "［": ("全角方括号", "[", "英文方括号"),
    "］": ("全角方括号", "]", "英文方括号"),
    "｛": ("全角花括号", "{", "英文花括号"),
    "｝": ("全角花括号", "}", "英文花括号"),
    "＂": ("全角双引号", '"', "英文双引号"),
    "“": ("中文双引号", '"', "英文双引号"),
    "”": ("中文双引号", '"', "英文双引号"),
    "‘": ("中文单引号", "'", "英文单引号"),
    "’": ("中文单引号", "'", "英文单引号"),
    "－": ("全角减号", "-", "英文连字符"),
    "—": ("破折号", "-", "英文连字符"),
    "–": ("短破折号", "-", "英文连字符"),
    "\u3000": ("全角空格（U+3000）", " ", "半角空格"),
}
_HINT = "YAML 的冒号、逗号、括号和引号要在英文输入状态下输入（中文输入法一般按 Shift 切换）"
_HINTS = {
    "：": "YAML 的“键: 值”要用英文冒号，冒号后面再加一个空格",
    "，": "列表和花括号里的各项用英文逗号分隔，如 [矿山科, 指挥中心]",
    "\u3000": "全角空格看起来和两个半角空格一样宽，YAML 却不把它当作空格",
    "“": "只有英文引号才是 YAML 的引号，中文引号会成为文字的一部分",
}
_HINTS.update({c: _HINTS["“"] for c in "”‘’＂"})


def twin(char: str) -> tuple[str, str, str]:
    """(name, ASCII replacement, its name) for a full-width character."""
    if char in _TWINS:
        return _TWINS[char]
    plain = unicodedata.normalize("NFKC", char)
    if char.isdigit():
        return "全角数字", plain, "半角数字"
    return "全角字符", plain, "半角字符"


def fullwidth_message(char: str, pos: Pos, where: str = "") -> tuple[str, str]:
    """The message and hint for a full-width `char` at `pos`; `where` is "indent" for a
    U+3000 that indents a line, "after-colon" for one that follows a colon."""
    name, plain, plain_name = twin(char)
    at = f"第 {pos[0]} 行第 {pos[1]} 列"
    hint = _HINTS.get(char, _HINT)
    if where == "indent":
        return f"{at}用了全角空格（U+3000）缩进，请改用半角空格", hint
    if where == "after-colon":
        return f"{at}是全角空格（U+3000），冒号后面请改用半角空格", hint
    shown = name if char == "\u3000" else f"{name}{_quoted(char)}"
    wanted = plain_name if plain == " " else f"{plain_name}{_quoted(plain)}"
    after = "（后面加一个空格）" if char == "：" else ""
    return f"{at}是{shown}，请改成{wanted}{after}", hint


def _quoted(char: str) -> str:
    """“：”, but a quotation mark in brackets: （“） reads better than “““."""
    return f"（{char}）" if char in "“”‘’＂\"'" else f"“{char}”"


def odd_space_message(char: str, pos: Pos) -> tuple[str, str]:
    return (
        f"第 {pos[0]} 行第 {pos[1]} 列有一个特殊空格 {describe(char)}：序号和名称里不能有它，"
        "它让两个看起来相同的序号或名称成为不同的值",
        "删掉这个空格；序号和名称中间不需要空格",
    )


def message(code: str, char: str, pos: Pos, where: str = "") -> tuple[str, str]:
    """Message and hint for a slip found in a value (code fullwidth or invisible-char)."""
    if code == "invisible-char":
        return odd_space_message(char, pos)
    return fullwidth_message(char, pos, where)


# --- slips in a value ---------------------------------------------------------------------


class Slip:
    """A slip in a value. (Plain classes here: a dataclass costs a millisecond to import.)"""

    __slots__ = ("char", "code", "index", "where")

    def __init__(self, code: str, index: int, char: str, where: str = "") -> None:
        self.code = code  # "fullwidth" or "invisible-char"
        self.index = index  # in the value as typed
        self.char = char
        self.where = where  # "indent": a U+3000 leading a key; "after-colon"

    @property
    def context(self) -> dict[str, object]:
        """For a validator's error: validate.py places `char` at its line and column."""
        name = describe(self.char) if self.code == "invisible-char" else twin(self.char)[0]
        return {"what": name, "char": self.char, "where": self.where}


# Patterns are compiled on first use (re caches them), except NAME_SLIP, used on every
# name: compiling them all costs more than the start-up of a check on the shipped data.
_ODD_SPACE = f"[{ODD_SPACES}]"
_QUOTES = {"“": "”", "＂": "＂", "‘": "’"}
# in a name: list separators typed in Chinese, full-width brackets, or an odd space
NAME_SLIP = re.compile(f"[，［］｛｝“＂‘{ODD_SPACES}]")
# in an id ("1-1-2"): anything full-width, any dash but "-", any odd space
_ID_SLIP = f"[\uff01-\uff5e—–“”‘’{ODD_SPACES}]"


def _space_slip(value: str, index: int) -> Slip:
    """U+3000 typed where a space would go (leading the value) is a full-width slip; any
    other odd space in an id or name is an invisible character."""
    char = value[index]
    leading = not value[:index].strip(" ")
    code = "fullwidth" if char == "\u3000" and leading else "invisible-char"
    return Slip(code, index, char)


def in_name(value: str) -> Slip | None:
    """A person's or a department's name: `，` between two names, `“王夏阳”` in Chinese
    quotes, `［协调科］` in full-width brackets, or a hidden space."""
    for match in NAME_SLIP.finditer(value):
        char, index = match.group(), match.start()
        if re.match(_ODD_SPACE, char):
            return _space_slip(value, index)
        if char in _QUOTES:
            if value.rstrip().endswith(_QUOTES[char]) and not value[:index].strip():
                return Slip("fullwidth", index, char)
            continue  # quotes inside a name (“两违”整治办) are part of it
        return Slip("fullwidth", index, char)
    return None


def in_id(value: str) -> Slip | None:
    """An id such as 1-1-2 is ASCII: a full-width digit, dash, quote or space is a slip."""
    match = re.search(_ID_SLIP, value)
    if match is None:
        return None
    if re.match(_ODD_SPACE, match.group()):
        return _space_slip(value, match.start())
    return Slip("fullwidth", match.start(), match.group())


_KEY_SLIP = f"[：，“”＂‘’［］｛｝{ODD_SPACES}]"


def in_key(key: str) -> Slip | None:
    """An unknown key that is a known one with a slip: `title：安全` read as one key, or
    `　title` indented with a full-width space."""
    match = re.search(_KEY_SLIP, key)
    if match is None:
        return None
    if match.group() != "\u3000" and re.match(_ODD_SPACE, match.group()):
        return _space_slip(key, match.start())
    leading = match.group() == "\u3000" and match.start() == 0
    return Slip("fullwidth", match.start(), match.group(), "indent" if leading else "")


def in_text(value: str, expected: str) -> Slip | None:
    """A text where a mapping or a list belongs, because a slip kept YAML from seeing one:
    `tolerance： 10` (a key with a full-width colon), `［a, b］`, `｛a: 1｝`."""
    if expected == "mapping":
        match = re.match(_TEXT_KEY, value)
        if match is not None and match.group("c"):
            return Slip("fullwidth", match.start("c"), "：")
        if match is not None:  # `name:　执法监督科`: a full-width space after the colon
            return Slip("fullwidth", match.start("s"), "\u3000", "after-colon")
    opening = value.lstrip(" \u3000")[:1]
    if opening in ("［", "｛"):
        return Slip("fullwidth", value.index(opening), opening)
    if expected == "list" and "，" in value:
        return Slip("fullwidth", value.index("，"), "，")
    return None


def intended_key(key: str) -> str:
    """The key meant by one with a slip: `name` for `name：优秀`, `title` for `　title`."""
    return key.split("：")[0].strip(" \u3000“”＂‘’［］｛｝")


# --- slips that break the YAML ------------------------------------------------------------

# What a key looks like before the colon that should follow it.
_KEY = (
    r"""(?:"[^"\n]*"|'[^'\n]*'|“[^”\n]*”|＂[^＂\n]*＂"""  # quoted, or plain:
    r"""|[^\s"'#:：,，\[\]{}［］｛｝“＂][^:：#,，\[\]{}［］｛｝]*?)"""
)
_STARTS = r"(?:^[ \u3000]*(?:-[ \u3000]+)*|[{,，\[［｛][ \u3000]*)"
_COLON = f"{_STARTS}{_KEY}[ \u3000]*(?P<c>：)"
_COMMA = f"(?P<c>，)(?=[ \u3000]*{_KEY}[ \u3000]*[:：](?:[ \u3000]|$))"
_TEXT_KEY = f"[ \u3000]*{_KEY}(?:[ \u3000]*(?P<c>：)|:(?P<s>\u3000))"
_OPEN_QUOTE = r"(?:^[ \u3000]*(?:-[ \u3000]+)*|[:：][ \u3000]+|[{,，\[［｛][ \u3000]*)(?P<c>[“＂‘])"
_INDENT = "^ *(?P<c>\u3000)[ \u3000]*"
_AFTER_COLON = "(?:[:：]|^ *-)(?P<c>\u3000+)"
_BRACKETS = "[［］｛｝]"

Edit = tuple[int, int, str]  # (index on the line, length, replacement)
ParseError = Callable[[str], Pos | None]


class _Candidate:
    """A character that may have broken a line, and the edits that would mend it."""

    __slots__ = ("char", "edits", "index", "kind")

    def __init__(self, index: int, char: str, edits: tuple[Edit, ...], kind: str) -> None:
        self.index = index  # on the line
        self.char = char
        self.edits = edits
        self.kind = kind  # "fullwidth", "indent", "after-colon", "flow-colon", "flow-hash"


def _candidates(line: str, previous: str) -> Iterator[_Candidate]:
    for m in re.finditer(_COLON, line):
        i = m.start("c")
        spaced = line[i + 1 : i + 2] in (" ", "")
        yield _Candidate(i, "：", ((i, 1, ":" if spaced else ": "),), "fullwidth")
    for m in re.finditer(_COMMA, line):
        yield _Candidate(m.start("c"), "，", ((m.start("c"), 1, ", "),), "fullwidth")
    for i, char in enumerate(line):
        if char == "，" and line.rfind("[", 0, i) > line.rfind("]", 0, i):
            yield _Candidate(i, char, ((i, 1, ", "),), "fullwidth")
    brackets = list(re.finditer(_BRACKETS, line))
    if brackets:
        edits = tuple((m.start(), 1, twin(m.group())[1]) for m in brackets)
        yield _Candidate(brackets[0].start(), brackets[0].group(), edits, "fullwidth")
    for m in re.finditer(_OPEN_QUOTE, line):
        i, opening = m.start("c"), m.group("c")
        closing = f"{_QUOTES[opening]}(?=[ \u3000]*(?:[:：,，\\]}}］｝#]|$))"
        close = re.compile(closing).search(line, i + 1)
        if close is not None:
            plain = twin(opening)[1]
            edits = ((i, 1, plain), (close.start(), 1, plain))
            yield _Candidate(i, opening, edits, "fullwidth")
    indent = re.match(_INDENT, line)
    if indent is not None:
        # the intended indentation: as the line above, or each U+3000 as two spaces or one
        run, i = indent.group(), indent.start("c")
        for spaces in (
            " " * _indent(previous),
            run.replace("\u3000", "  "),
            run.replace("\u3000", " "),
        ):
            yield _Candidate(i, "\u3000", ((0, len(run), spaces),), "indent")
    for m in re.finditer(_AFTER_COLON, line):
        i = m.start("c")
        yield _Candidate(i, "\u3000", ((i, len(m.group("c")), " "),), "after-colon")
    yield from _flow_text(line)


def _flow_text(line: str) -> Iterator[_Candidate]:
    """An ASCII `: ` or ` #` inside unquoted text in a flow mapping `{…}`."""
    depth = 0
    colons = 0  # `: ` seen in the current entry of the innermost mapping
    quote = ""
    for i, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'" and (i == 0 or line[i - 1] in " \t[{,:"):
            quote = char
        elif char in "{[":
            depth, colons = depth + 1, 0
        elif char in "}]":
            depth, colons = max(depth - 1, 0), 0
        elif char == "," and depth:
            colons = 0
        elif char == ":" and depth and line[i + 1 : i + 2] in (" ", ""):
            if colons:
                yield _Candidate(i, ":", ((i, 1, "："),), "flow-colon")
            colons += 1
        elif char == "#" and depth and i and line[i - 1] in " \t":
            yield _Candidate(i, "#", ((i, 1, "＃"),), "flow-hash")
            return


_SMALL = 200_000  # characters: a file this small is re-parsed whole, a bigger one in part
_BACK = 200  # lines to look back for the start of the block an error sits in
_AHEAD = 3  # lines after the error the parser may need to see it again
_TRIES = 40  # parses at most, so that a file with a syntax error is answered at once


def diagnose(
    text: str,
    error_pos: Pos,
    context_line: int | None,
    parse_error: ParseError,
    name: str,
) -> Problem | None:
    """The slip that broke the YAML at `error_pos`, if replacing it lets the parse go on."""
    lines = Lines(text)
    err_line = error_pos[0]
    window = set(range(max(1, err_line - 3), err_line + 1))
    if context_line is not None and context_line <= err_line:
        window |= set(range(context_line, min(context_line + 3, err_line) + 1))
    # a line indented with U+3000 starts at column 1 for YAML: the error may come much later
    back = 1 if len(text) <= _SMALL else max(1, err_line - _BACK)
    indented = [n for n in range(back, err_line) if re.match(_INDENT, lines.line(n))]
    window |= set(indented[-10:])  # the nearest: prose may also start with U+3000
    if not any(_may_slip(lines.line(n)) for n in window):
        return None
    fragment = _fragment(lines, min(window), err_line)
    if fragment is None:
        return None
    first, dedent, body = fragment
    original = (err_line - first + 1, error_pos[1] - dedent)
    if parse_error("\n".join(body)) != original:
        return None  # the part does not fail as the whole does: do not guess
    tried: set[tuple[Edit, ...]] = set()
    for number in sorted(window):
        row = number - first
        if not 0 <= row < len(body):
            continue
        previous = next((line for line in reversed(body[:row]) if not _blank(line)), "")
        for candidate in sorted(_candidates(body[row], previous), key=lambda c: c.index):
            at = (number, candidate.index + dedent + 1)
            if number > err_line or candidate.edits in tried:
                continue
            tried.add(candidate.edits)
            if len(tried) > _TRIES:
                return None
            fixed, delta = _apply(body[row], candidate.edits)
            after = parse_error("\n".join([*body[:row], fixed, *body[row + 1 :]]))
            if after is not None and after[0] == row + 1 and after[1] > candidate.index + 1:
                after = (after[0], after[1] - delta)  # the edit moved the same error right
            if after is None or after > original:
                return _slip_problem(name, at, candidate)
    return None


def _may_slip(line: str) -> bool:
    return any(c in line for c in "：，［］｛｝“＂‘\u3000") or (
        "{" in line and (": " in line or "#" in line)
    )


def _apply(line: str, edits: tuple[Edit, ...]) -> tuple[str, int]:
    delta = 0
    for index, length, replacement in sorted(edits, reverse=True):
        line = line[:index] + replacement + line[index + length :]
        delta += len(replacement) - length
    return line, delta


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    stripped = line.strip(" ")
    return not stripped or stripped.startswith("#")


def _fragment(lines: Lines, first: int, last: int) -> tuple[int, int, list[str]] | None:
    """Lines around first..last that parse on their own as they do in the whole file:
    (number of the first line, columns removed from each line, the lines)."""
    end = min(last + _AHEAD, len(lines.starts))
    if lines.offset((end, 1)) <= _SMALL:
        return 1, 0, [lines.line(n) for n in range(1, end + 1)]
    # A big file: from the nearest list entry `- …` that every line down to `last` is
    # indented under, with that indentation removed.
    below = [lines.line(n) for n in range(first, last + 1)]
    lowest = min((_indent(line) for line in below if not _blank(line)), default=0)
    for start in range(first, max(first - _BACK, 0), -1):
        line = lines.line(start)
        if _blank(line):
            continue
        indent = _indent(line)
        lowest = min(lowest, indent)
        if indent <= lowest and line[indent:].startswith("- "):
            break
    else:
        return None
    body: list[str] = []
    for n in range(start, end + 1):
        line = lines.line(n)
        if _indent(line) < indent or (
            n > start and _indent(line) == indent and not line[indent:].startswith("-")
        ):
            if _blank(line):
                body.append("")
                continue
            break
        body.append(line[indent:])
    return start, indent, body


def _slip_problem(name: str, pos: Pos, candidate: _Candidate) -> Problem:
    if candidate.kind == "flow-colon":
        return error(
            name,
            pos,
            "syntax",
            f"第 {pos[0]} 行第 {pos[1]} 列的英文冒号“:”在花括号 {{ }} 里一段没有加引号的文字中，"
            "会被当作“键: 值”的冒号",
            '把这段文字用英文双引号括起来，如 reason: "备注: 已完成"',
        )
    if candidate.kind == "flow-hash":
        return error(
            name,
            pos,
            "syntax",
            f"第 {pos[0]} 行第 {pos[1]} 列的“#”前面是空格，会被当作注释的开始，"
            "这一行它后面的内容（包括右花括号“}”）都被忽略",
            '把含“#”的文字用英文双引号括起来，如 reason: "见 #3 号文"',
        )
    text, hint = fullwidth_message(candidate.char, pos, candidate.kind)
    return error(name, pos, "fullwidth", text, hint)
