"""Click's command-line errors, said in Chinese (the clerk reads the terminal)."""

from __future__ import annotations

import errno
import re
from collections.abc import Sequence

_CHOICES = re.compile(r"'([^']*)' is not one of (.+?)\.?$")


def _value_detail(detail: str) -> str:
    choices = _CHOICES.search(detail)
    if choices:
        allowed = "、".join(re.findall(r"'([^']*)'", choices[2]))
        return f"“{choices[1]}”不是可选值，可选：{allowed}"
    if "integer" in detail:
        return "应为整数"
    if "does not exist" in detail:
        return "路径不存在"
    return detail


_MESSAGES: tuple[tuple[re.Pattern[str], object], ...] = (
    (
        re.compile(r"No such option: (\S+?)(?:\s+\(Possible options: (.+)\))?\.?$"),
        lambda m: f"没有选项 {m[1]}" + (f"（是不是 {m[2]}？）" if m[2] else ""),
    ),
    (
        re.compile(r"No such command '(.+?)'\.(?:\s+Did you mean '(.+?)'\?)?"),
        lambda m: f"没有命令 {m[1]}" + (f"（是不是 {m[2]}？）" if m[2] else ""),
    ),
    (re.compile(r"Missing option '([^']+)'"), lambda m: f"缺少选项 {m[1]}"),
    (re.compile(r"Missing argument '([^']+)'"), lambda m: f"缺少参数 {m[1]}"),
    (re.compile(r"Option '([^']+)' requires an argument"), lambda m: f"选项 {m[1]} 后面要写一个值"),
    (
        re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)"),
        lambda m: f"多余的参数：{m[1]}",
    ),
    (
        re.compile(r"Invalid value for '([^']+)'[^:]*: (.*)", re.S),
        lambda m: f"{m[1]} 的值无效：{_value_detail(m[2].strip())}",
    ),
)


def no_such_option(name: str, possibilities: Sequence[str]) -> str:
    """`没有选项 --formt（是不是 --format、--force？）`, the likeliest first."""
    if not possibilities:
        return f"没有选项 {name}"
    return f"没有选项 {name}（是不是 {'、'.join(possibilities)}？）"


def chinese(message: str) -> str:
    """The Chinese for a Click usage message; the original where it is not one we know."""
    for pattern, render in _MESSAGES:
        match = pattern.search(message)
        if match:
            return render(match)  # type: ignore[operator,no-any-return]
    return message


_ERRNO = {
    errno.ENAMETOOLONG: "文件名过长",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.ENOENT: "路径不存在",
    errno.EROFS: "磁盘是只读的",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
}


def os_error(err: OSError) -> str:
    """`无法读写 PATH：文件名过长` for an error the operating system raised."""
    where = f" {err.filename}" if err.filename else ""
    reason = _ERRNO.get(err.errno or 0) or err.strerror or type(err).__name__
    return f"无法读写{where}：{reason}"
