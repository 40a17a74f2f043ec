"""Read a hand-edited YAML file into plain containers that remember where each value was.

Every scalar stays a string (or None for an empty value): YAML 1.1 implicit typing never
gets to turn ``1.10`` into 1.1 or ``no`` into False; the Pydantic models parse values.
Anchors, aliases, merge keys, tags and duplicate keys are refused, so what the clerk sees
in Notepad is exactly what gets scored.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import yaml

from . import characters, slips
from .problem import Pos, Problem, Refused, error

MAX_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOM = b"\xef\xbb\xbf"

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class Map(dict[str, object]):
    """A YAML mapping: keys are strings; remembers its own, its keys' and its values' places.

    The root mapping also holds the file's text (`source`), so that a problem found while
    validating can be placed at the exact character.
    """

    __slots__ = ("key_pos", "pos", "source", "value_pos")
    source: str

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.value_pos: dict[str, Pos] = {}


class Seq(list[object]):
    """A YAML sequence that remembers its own and its items' places."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


def load_yaml(path: Path, name: str | None = None) -> tuple[object, list[Problem]]:
    """Load one file. Returns (tree, problems); the tree is None when nothing usable was read."""
    name = name if name is not None else str(path)
    try:
        text = _read_text(path, name)
        return _build(text, name)
    except Refused as exc:
        return None, [exc.problem]


def load_yaml_bytes(data: bytes, name: str) -> tuple[object, list[Problem]]:
    """Load the bytes of a file read elsewhere (a git revision); `name` locates its problems."""
    try:
        if len(data) > MAX_BYTES:
            limit = f"文件过大，超过上限 {MAX_BYTES // 1048576} MB"
            raise Refused(error(name, (0, 0), "file-too-large", limit, _SMALL))
        return _build(_decode(data, name), name)
    except Refused as exc:
        return None, [exc.problem]


def _read_text(path: Path, name: str) -> str:
    whole = (0, 0)
    try:
        if path.is_dir():
            raise Refused(
                error(
                    name,
                    whole,
                    "not-a-file",
                    f"{name} 是一个文件夹，这里需要一个 YAML 文件",
                    "检查 --data 和 --results 的路径",
                )
            )
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise Refused(
                error(
                    name,
                    whole,
                    "not-a-file",
                    f"{name} 不是普通文件（是管道、设备或套接字），这里需要一个 YAML 文件",
                    "请指定数据文件本身",
                )
            )
        size = info.st_size
        if size > MAX_BYTES:
            raise Refused(
                error(
                    name,
                    whole,
                    "file-too-large",
                    f"文件过大（{size / 1048576:.1f} MB），超过上限 {MAX_BYTES // 1048576} MB",
                    _SMALL,
                )
            )
        with path.open("rb") as fh:
            # read(n) reserves n bytes up front: ask for what stat() promised, and read on
            # (up to the limit) only for a file that grew or a pipe whose size stat() can't tell.
            data = fh.read(size + 1)
            if len(data) > size:
                data += fh.read(MAX_BYTES + 1 - len(data))
    except FileNotFoundError:
        hint = "检查文件名和 --data 是否正确：数据目录中应有 indicators.yaml 和 staff.yaml"
        raise Refused(error(name, whole, "file-missing", f"找不到文件 {name}", hint)) from None
    except PermissionError:
        hint = "在文件属性中给自己读取权限，或把文件复制到自己的文件夹再运行"
        raise Refused(error(name, whole, "unreadable", f"没有权限读取文件 {name}", hint)) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        hint = "文件可能正被其他程序占用或已损坏：关闭其他程序后重试"
        message = f"无法读取文件 {name}：{reason}"
        raise Refused(error(name, whole, "unreadable", message, hint)) from None
    if len(data) > MAX_BYTES:
        limit = f"文件过大，超过上限 {MAX_BYTES // 1048576} MB"
        raise Refused(error(name, whole, "file-too-large", limit, _SMALL))
    return _decode(data, name)


def _decode(data: bytes, name: str) -> str:
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    save_as = "请用记事本“另存为”，编码选择 UTF-8"
    # UTF-16 puts a NUL beside every ASCII character; a stray NUL in UTF-8 text is left
    # to the YAML reader, which names its line ("re-save as UTF-8" would not remove it).
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data.count(b"\x00") * 8 >= len(data) > 0:
        line = data[: max(data.find(b"\x00"), 0)].count(b"\n") + 1
        raise Refused(
            error(
                name, (line, 1), "encoding", f"{name} 看起来是 UTF-16 编码，请另存为 UTF-8", save_as
            )
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = len(
            data[data.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")
        )
        raise Refused(
            error(
                name,
                (line, column + 1),
                "encoding",
                f"{name} 不是 UTF-8 编码（可能是 GBK/ANSI），请另存为 UTF-8",
                save_as,
            )
        ) from None


def _build(text: str, name: str) -> tuple[object, list[Problem]]:
    hidden = characters.scan(text, name)  # before parsing: YAML reads some as line breaks
    if hidden:
        return None, hidden
    problems: list[Problem] = []
    stack: list[list[object]] = []  # frames: [container, pending key or None, key position]
    root: object = None
    documents = 0
    escapes = "\\" in text  # only then look for backslash escapes in double quotes
    try:
        loader = _Loader(text)  # pure-Python PyYAML checks every character here
    except yaml.YAMLError as exc:
        return None, [_syntax_problem(exc, text, name)]
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            kind = type(event)
            if (
                kind is yaml.ScalarEvent
                or kind is yaml.MappingStartEvent
                or kind is yaml.SequenceStartEvent
            ):
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                if event.anchor is not None:
                    raise Refused(_refused(name, pos, "anchor", f"不支持锚点 &{event.anchor}"))
                if event.tag is not None:
                    raise Refused(
                        error(name, pos, "tag", f"不支持类型标签 {event.tag}", "去掉标签，直接写值")
                    )
                if kind is yaml.ScalarEvent:
                    if escapes and event.style == '"':
                        bad = characters.bad_escape(text, mark.index, event.end_mark.index, name)
                        if bad is not None:
                            raise Refused(bad)
                    value: object = event.value
                    if event.implicit[0] and not event.style and value in _NULLS:
                        value = None
                elif kind is yaml.MappingStartEvent:
                    value = Map(pos)
                else:
                    value = Seq(pos)
                if stack:
                    _attach(stack[-1], value, pos, name, problems)
                else:
                    root = value
                if kind is not yaml.ScalarEvent:
                    if len(stack) >= MAX_DEPTH:
                        raise Refused(
                            error(
                                name,
                                pos,
                                "too-deep",
                                f"嵌套超过 {MAX_DEPTH} 层，考评数据不会有这么深的结构",
                                _SHAPE,
                            )
                        )
                    stack.append([value, None, None])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                raise Refused(_refused(name, pos, "alias", f"不支持别名 *{event.anchor}"))
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    raise Refused(
                        error(
                            name,
                            (mark.line + 1, mark.column + 1),
                            "multiple-documents",
                            "一个文件只能有一个 YAML 文档（出现了第二个 ---）",
                            "删去这一行 ---；两份数据请分别存成两个文件",
                        )
                    )
    except yaml.YAMLError as exc:
        return None, [_syntax_problem(exc, text, name)]
    except Refused as exc:
        return None, [exc.problem]
    finally:
        loader.dispose()
    if root is None:
        hint = "文件可能没有保存好：参照同类文件补上内容，或用 jixiao template 重新生成结果表"
        return None, [error(name, (1, 1), "empty-file", f"{name} 是空的，没有任何数据", hint)]
    if type(root) is Map:
        root.source = text
    return root, problems


def _parse_error(text: str) -> Pos | None:
    """Where the YAML parser first fails on `text`, or None when it parses."""
    try:
        loader = _Loader(text)
    except yaml.YAMLError as exc:
        return _mark(exc)
    try:
        while loader.get_event() is not None:
            pass
    except yaml.YAMLError as exc:
        return _mark(exc)
    finally:
        loader.dispose()
    return None


def _mark(exc: yaml.YAMLError) -> Pos:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


_SMALL = "请确认选对了文件；考评数据文件通常只有几十 KB"
_SHAPE = "请确认选对了文件；考评数据最多几层缩进，参照 data/ 中的同名文件"


def _attach(
    frame: list[object], value: object, pos: Pos, name: str, problems: list[Problem]
) -> None:
    container = frame[0]
    if type(container) is Seq:
        container.append(value)
        container.item_pos.append(pos)
        return
    assert type(container) is Map
    key = frame[1]
    if key is None:  # this value is a key
        if type(value) is not str:
            if value is None:
                problems.append(error(name, pos, "bad-key", "键不能为空", "在冒号前写上键名"))
                frame[1] = _SKIP
                return
            raise Refused(
                error(
                    name,
                    pos,
                    "bad-key",
                    "键必须是简单的文字，不能是列表或映射",
                    '序号等键用引号写成文字，如 "1-1-1": 100',
                )
            )
        if value == "<<":
            raise Refused(_refused(name, pos, "merge-key", "不支持合并键 <<"))
        if value in container:
            first = container.key_pos[value]
            problems.append(
                error(
                    name,
                    pos,
                    "duplicate-key",
                    f"键“{value}”重复：第 {first[0]} 行已经出现过",
                    f"删除多余的一个（另一处在第 {first[0]} 行）",
                )
            )
            frame[1] = _SKIP
            return
        frame[1] = value
        frame[2] = pos
        return
    frame[1] = None
    if key is _SKIP:
        return
    assert isinstance(key, str)
    container[key] = value
    container.key_pos[key] = frame[2]  # type: ignore[assignment]
    container.value_pos[key] = pos


class _Skip(str):
    pass


_SKIP = _Skip("\x00skip")


def _refused(name: str, pos: Pos, code: str, what: str) -> Problem:
    return error(
        name,
        pos,
        code,
        f"{what}：考评数据须逐项写明，不能引用别处的内容",
        "把引用处展开成完整的值；若 * 或 & 只是文字的一部分，请给整段文字加引号",
    )


_SYNTAX_HINTS = (
    ("mapping values are not allowed", "此处不能出现“键: 值”", "检查缩进；文字中含冒号时请加引号"),
    ("could not find expected ':'", "缺少冒号“:”", "每个键后面要有英文冒号和一个空格"),
    ("did not find expected key", "缩进不对齐或缺少键", "同一层的行要用相同数量的空格缩进"),
    ("did not find expected '-'", "列表项缩进不对齐", "同一列表的“- ”要对齐"),
    ("did not find expected node content", "缺少值", "检查是否多写了逗号或“- ”"),
    (
        "did not find expected ',' or ']'",
        "方括号 [ ] 没有正确闭合",
        "检查 [ ] 是否成对、逗号是否为英文逗号",
    ),
    (
        "did not find expected ',' or '}'",
        "花括号 { } 没有正确闭合",
        "检查 { } 是否成对、逗号是否为英文逗号",
    ),
    ("expected ',' or ']'", "方括号 [ ] 没有正确闭合", "检查 [ ] 是否成对、逗号是否为英文逗号"),
    ("expected ',' or '}'", "花括号 { } 没有正确闭合", "检查 { } 是否成对、逗号是否为英文逗号"),
    ("found unexpected end of stream", "文件意外结束", "检查引号或括号是否成对"),
    ("found unknown escape character", "双引号中有无效的转义字符“\\”", "改用单引号，或写成 \\\\"),
    ("expected <block end>", "缩进不一致", "同一层的行要用相同数量的空格缩进"),
    ("found unexpected ':'", "出现了多余的冒号", "文字中含冒号时请加引号"),
    ("found character", "此处出现了不能作为开头的字符", "以 @ 或 ` 开头的文字请加引号"),
    ("while scanning a simple key", "一行文字缺少冒号", "每个键后面要有英文冒号和一个空格"),
    ("scanning an alias", "以“*”开头的文字会被当作别名", "以 * 开头的文字请加引号"),
    ("scanning an anchor", "以“&”开头的文字会被当作锚点", "以 & 开头的文字请加引号"),
    ("a tag", "以“!”开头的文字会被当作类型标签", "以 ! 开头的文字请加引号"),
    ("scanning a block scalar", "以“|”或“>”开头的文字无法识别", "以 | 或 > 开头的文字请加引号"),
    ("<document start>", "顶层的键缩进不一致", "顶层的键要顶格书写，前面不留空格"),
    ("block sequence entries are not allowed", "此处不能出现列表项“- ”", "检查缩进"),
    ("mapping keys are not allowed", "此处不能出现“键: 值”", "检查缩进；文字中含冒号时请加引号"),
)


def _syntax_problem(exc: yaml.YAMLError, text: str, name: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    else:  # a ReaderError: the first character the reader refused
        # Its `position` counts characters in PyYAML but UTF-8 bytes in libyaml, so look
        # the refused character up instead; the first occurrence is the one refused.
        character = getattr(exc, "character", None)
        found = text.find(chr(character)) if isinstance(character, int) else -1
        offset = found if found >= 0 else int(getattr(exc, "position", 0))
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    if isinstance(exc, yaml.reader.ReaderError):  # its message says "unaccepTABle"
        return error(
            name,
            (line, column),
            "syntax",
            f"YAML 格式错误：文件中有不可见的控制字符（U+{exc.character:04X}）",
            "删除该处的特殊字符；它常来自从网页、PDF 或其他软件复制的文字",
        )
    detail = " ".join(
        str(getattr(exc, a, None) or "") for a in ("context", "problem")
    ).strip() or str(exc)
    if "unknown escape" in detail:
        return characters.escape_at(text, (line, column), name)
    context = getattr(exc, "context_mark", None)
    slip = slips.diagnose(
        text, (line, column), context.line + 1 if context else None, _parse_error, name
    )
    if slip is not None:
        return slip
    if "nesting depth" in detail:
        message = "括号嵌套过深，考评数据不会有这么深的结构"
        return error(name, (line, column), "too-deep", message, _SHAPE)
    lines = text.split("\n")  # not splitlines(): a final newline still starts a line
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if (
        "\\t" in detail
        or "tab" in detail
        or "\t" in source_line[: len(source_line) - len(source_line.lstrip())]
    ):
        return error(
            name,
            (line, column),
            "tab",
            "不能用 Tab 键缩进",
            "YAML 只接受空格缩进；请把 Tab 换成空格",
        )
    for needle, message, hint in _SYNTAX_HINTS:
        if needle in detail:
            return error(name, (line, column), "syntax", f"YAML 格式错误：{message}", hint)
    return error(name, (line, column), "syntax", "YAML 格式错误", f"解析器提示：{detail}")


def display_name(path: Path) -> str:
    """The path as the clerk typed it, relative to the working folder where possible."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
