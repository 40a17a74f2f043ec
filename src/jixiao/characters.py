"""What characters a data file may hold: nothing the clerk cannot see, nothing read otherwise.

Notepad, WPS and a terminal show a file differently from how YAML reads it when it holds
characters that are invisible (zero-width spaces, format marks), that YAML takes for a line
break where an editor does not (U+2028, U+2029, U+0085), that reorder the text on screen
(bidirectional controls) or that drive the terminal (ESC and the other control characters).
`scan` finds every one of them in a single regular-expression pass over the decoded text,
before any parsing; `bad_escape` refuses a backslash escape in a double-quoted scalar, which
turns `"\\x31\\x30\\x30"` into 100. Positions count characters and lines as the YAML reader
does, so they agree with every other problem's.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right

from .problem import Pos, Problem, error

# C0 controls but tab, LF and CR; DEL; C1 controls (U+0085 among them); the two Unicode
# line and paragraph separators; the two non-characters the YAML reader refuses; and the
# Unicode "format" characters (category Cf, all invisible), as of Unicode 15.
_BMP = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_ASTRAL = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
HIDDEN = re.compile(f"[{_BMP}{_ASTRAL}]")
# The same without the few past U+FFFF: four times faster on a big file (re's slow path).
_HIDDEN_BMP = re.compile(f"[{_BMP}]")
# Spaces that look like a space (or nothing) but are not U+0020. Fine in prose; inside an id
# or a name they make "1-1-1" and "1-1-1<NBSP>" two different things (see slips.py).
ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"

MAX_SHOWN = 20  # per file: past this, one line says how many more there are

# The control characters' standard abbreviations (ESC, NUL …), by code.
# fmt: off
_C0 = [
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF",
    "VT", "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
    "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
]
_C1 = [
    "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS",
    "PLD", "PLU", "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW",
    "SPA", "EPA", "SOS", "SGCI", "SCI", "CSI", "ST", "OSC", "PM", "APC",
]
# fmt: on
_NAMES = {
    0x0085: "下一行符（NEL）",
    0x2028: "行分隔符",
    0x2029: "段分隔符",
    0x00AD: "软连字符",
    0x061C: "阿拉伯字母标记",
    0x180E: "蒙古文元音分隔符",
    0x200B: "零宽空格",
    0x200C: "零宽不连字",
    0x200D: "零宽连字",
    0x200E: "从左到右标记",
    0x200F: "从右到左标记",
    0x202A: "从左到右嵌入符",
    0x202B: "从右到左嵌入符",
    0x202C: "方向格式结束符",
    0x202D: "从左到右强制符",
    0x202E: "从右到左强制符",
    0x2060: "零宽不换行符",
    0x2066: "从左到右隔离符",
    0x2067: "从右到左隔离符",
    0x2068: "方向隔离符",
    0x2069: "方向隔离结束符",
    0xFEFF: "零宽不换行空格（BOM）",
    0xFFFE: "非字符",
    0xFFFF: "非字符",
    0x00A0: "不换行空格",
    0x1680: "欧甘空格",
    0x202F: "窄不换行空格",
    0x205F: "数学中等空格",
    0x3000: "全角空格",
}
_LINE_BREAKS = frozenset("\u0085\u2028\u2029")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WHY = {
    "break": "YAML 把它当作换行，编辑器却显示为同一行，注释里它后面的文字会变成数据",
    "bidi": "它改变文字的显示顺序，屏幕上看到的和实际读到的不一样",
    "control": "控制字符看不见，还可能改写终端上显示的内容",
    "format": "它看不见，却让两段看起来相同的文字（序号、名称）成为不同的值",
}
_HINT = (
    "删除这个看不见的字符：把光标移到该位置，用删除键或退格键删掉后检查文字是否完整；"
    "它常来自从网页、PDF、微信或其他软件复制的文字"
)


def describe(char: str) -> str:
    """`U+2028 行分隔符`, `U+001B 控制字符 ESC`: a character named so that it can be seen."""
    code = ord(char)
    if code < 0x20:
        what = f"控制字符 {_C0[code]}"
    elif code == 0x7F:
        what = "控制字符 DEL"
    elif 0x80 <= code <= 0x9F and code != 0x85:
        what = f"控制字符 {_C1[code - 0x80]}"
    elif 0x2000 <= code <= 0x200A:
        what = "特殊宽度空格"
    else:
        what = _NAMES.get(code, "不可见的格式字符")
    return f"U+{code:04X} {what}"


class Lines:
    """Line and column of an offset in a text, counting line breaks as an editor shows them.

    A line ends at CR LF, LF or CR, as in the YAML reader; the characters YAML alone reads
    as line breaks (U+2028 …) never get this far. Line starts are found on first use only:
    on the error path.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", self.text)]
        return self._starts

    def position(self, offset: int) -> Pos:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def offset(self, pos: Pos) -> int:
        line, column = pos
        starts = self.starts
        if not 0 < line <= len(starts):
            return len(self.text)
        return min(starts[line - 1] + max(column, 1) - 1, len(self.text))

    def line(self, number: int) -> str:
        """The text of a line (1-based), without its line break; "" past the end."""
        starts = self.starts
        if not 0 < number <= len(starts):
            return ""
        end = starts[number] if number < len(starts) else len(self.text)
        return self.text[starts[number - 1] : end].rstrip("\r\n")

    def find(self, char: str, pos: Pos) -> Pos:
        """Where `char` first occurs at or after `pos` on its line; `pos` itself if nowhere."""
        start = self.offset(pos)
        line_end = self.starts[pos[0]] if pos[0] < len(self.starts) else len(self.text)
        found = self.text.find(char, start, line_end)
        return self.position(found) if found >= 0 else pos


def scan(text: str, name: str) -> list[Problem]:
    """A problem for every hidden character in the text; none (fast) for a clean file."""
    if _all_printable(text):
        return []
    problems: list[Problem] = []
    lines = Lines(text)
    pattern = HIDDEN if _beyond_bmp(text) else _HIDDEN_BMP
    for match in pattern.finditer(text):
        offset = match.start()
        if offset == 0 and text[0] == "\ufeff":  # a byte order mark: only at the start
            continue
        if len(problems) == MAX_SHOWN:
            rest = sum(1 for _ in pattern.finditer(text, offset))
            problems.append(
                error(
                    name,
                    lines.position(offset),
                    "invisible-char",
                    f"从这里起还有 {rest} 个看不见的字符，未逐一列出",
                    _HINT,
                )
            )
            break
        problems.append(hidden_problem(name, lines.position(offset), match.group()))
    return problems


def _all_printable(text: str) -> bool:
    """Whether every character but line breaks and tabs is printable, which rules out every
    hidden one. One C pass at about half the cost of the regular expression, which then runs
    only on a text holding something else: a hidden character, or a U+3000 or a no-break
    space in prose (spaces other than U+0020 are not "printable")."""
    text = text.replace("\n", "")
    if "\r" in text:
        text = text.replace("\r", "")
    if "\t" in text:
        text = text.replace("\t", "")
    return text.isprintable()


def _beyond_bmp(text: str) -> bool:
    """Whether `text` may hold a character past U+FFFF. CPython stores such a text with four
    bytes a character (PEP 393), so its size answers at once; a short text always says yes."""
    return sys.getsizeof(text) >= 4 * len(text)


def hidden_problem(name: str, pos: Pos, char: str) -> Problem:
    if char in _LINE_BREAKS:
        why = _WHY["break"]
    elif char in _BIDI:
        why = _WHY["bidi"]
    elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
        why = _WHY["control"]
    else:
        why = _WHY["format"]
    message = f"第 {pos[0]} 行第 {pos[1]} 列有一个看不见的字符 {describe(char)}：{why}"
    return error(name, pos, "invisible-char", message, _HINT)


# --- backslash escapes in double-quoted scalars -----------------------------------------

_ESCAPE = r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[\s\S]|$)"  # compiled on first use
_ALLOWED_ESCAPES = frozenset(('"', "\\"))


def bad_escape(text: str, start: int, end: int, name: str) -> Problem | None:
    """The first escape other than \\" and \\\\ in the double-quoted scalar text[start:end]."""
    if text.find("\\", start, end) < 0:  # the common case, at C speed
        return None
    for match in re.compile(_ESCAPE).finditer(text, start, end):
        if match.group(1) not in _ALLOWED_ESCAPES:
            return escape_problem(name, Lines(text).position(match.start()), match.group(1))
    return None


def escape_problem(name: str, pos: Pos, after: str) -> Problem:
    """A backslash escape at `pos`; `after` is what follows the backslash."""
    if not after or after in "\r\n":
        shown = "行尾的反斜杠“\\”"
    elif after.isspace():
        shown = "反斜杠“\\”加空白"
    else:
        shown = f"“\\{after}”"
    return error(
        name,
        pos,
        "escape",
        f"第 {pos[0]} 行第 {pos[1]} 列的{shown}是转义写法："
        "双引号里的反斜杠会把后面的字符换成别的字符（如 \\x31 读作 1），读到的不是看到的",
        '双引号里只能写 \\" 和 \\\\；反斜杠若是文字的一部分，请改用单引号或去掉引号',
    )


def escape_at(text: str, pos: Pos, name: str) -> Problem:
    """The escape the YAML reader refused at `pos` (the backslash)."""
    lines = Lines(text)
    match = re.compile(_ESCAPE).match(text, lines.offset(pos))
    return escape_problem(name, pos, match.group(1) if match else "")
