"""SPEC §6 trap by trap: each bad file gets its code, its line and exit 1, never a traceback.

Each row damages one file of a copy of tests/data/mini and runs `jixiao check` (json and
text) and `jixiao score` on it. Traps that already have a file in tests/examples/invalid
reuse that file (`example(...)`), so the matrix adds the score command and the line as the
clerk sees it without a second copy of the same trap.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import tracemalloc
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml

import jixiao.dataset
import jixiao.scoring
from jixiao import check_dataset, load_dataset

from .commands import COMMAND_NAMES, base_args
from .conftest import MINI
from .edit import replace_in

FILES = {
    "indicators": "indicators.yaml",
    "staff": "staff.yaml",
    "results": "results/2024.yaml",
}
EXAMPLES = Path(__file__).parent / "examples" / "invalid"
Damage = Callable[[Path], None]  # applied to a copy of the data directory


# --- ways to damage a data directory ---------------------------------------------------


def at(file: str, needle: str, offset: int = 0) -> int:
    """The line of tests/data/mini/<file> holding `needle` (plus `offset`)."""
    lines = (MINI / FILES[file]).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line) + offset


def replace(file: str, old: str, new: str) -> Damage:
    def damage(data: Path) -> None:
        replace_in(data / FILES[file], old, new, 1)  # fails when the trap would not be set

    return damage


def raw(file: str, change: Callable[[bytes], bytes]) -> Damage:
    def damage(data: Path) -> None:
        path = data / FILES[file]
        path.write_bytes(change(path.read_bytes()))

    return damage


def content(file: str, data: bytes) -> Damage:
    return raw(file, lambda _: data)


def example(stem: str) -> Damage:
    def damage(data: Path) -> None:
        shutil.copyfile(EXAMPLES / f"{stem}.yaml", data / FILES[stem.split("--")[0]])

    return damage


def expected(stem: str) -> tuple[str, int]:
    header = (EXAMPLES / f"{stem}.yaml").read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# expect: (\S+) line (\d+) column \d+", header)
    assert match, stem
    return match[1], int(match[2])


def both(*damages: Damage) -> Damage:
    def damage(data: Path) -> None:
        for one in damages:
            one(data)

    return damage


def directory(file: str) -> Damage:
    def damage(data: Path) -> None:
        (data / FILES[file]).unlink()
        (data / FILES[file]).mkdir()

    return damage


def fifo(file: str) -> Damage:
    """A named pipe where the file belongs: opening it for reading would wait for a writer."""

    def damage(data: Path) -> None:
        (data / FILES[file]).unlink()
        os.mkfifo(data / FILES[file])

    return damage


def sparse(file: str, size: int) -> Damage:
    """A huge file that costs no disk: truncate() extends it with a hole."""

    def damage(data: Path) -> None:
        with (data / FILES[file]).open("r+b") as fh:
            fh.truncate(size)

    return damage


def alias_bomb() -> bytes:
    """Ten anchors, each a list of nine aliases to the one before: 9**10 strings once expanded."""
    names = "abcdefghij"
    text = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{new}: &{new} [{','.join(['*' + old] * 9)}]\n" for old, new in pairwise(names)
    )
    return text.encode()


def notepad(text: bytes) -> bytes:
    """As Windows Notepad used to save: a BOM and CRLF line ends."""
    return b"\xef\xbb\xbf" + text.replace(b"\n", b"\r\n")


GBK_NAME = "伟平"  # its GBK bytes happen to be valid UTF-8: they read as "ΰƽ"
assert GBK_NAME.encode("gbk").decode("utf-8") == "ΰƽ"


def case(
    name: str,
    file: str,
    damage: Damage,
    exit_code: int,
    code: str | None,
    line: int | None,
    says: str = "",
    column: int | None = None,
) -> Any:
    return pytest.param(file, damage, exit_code, code, line, says, column, id=name)


def from_example(name: str, stem: str, says: str = "") -> Any:
    code, line = expected(stem)
    return case(name, stem.split("--")[0], example(stem), 1, code, line, says)


IND, STAFF, RES = "indicators", "staff", "results"
W25 = at(IND, "weight: 25")  # the first item's weight
C41 = at(RES, '"4-1"')  # the completion of 4-1
ID_110 = replace(IND, 'id: "4-1"', "id: 1.10")

TRAPS = [
    # YAML that does not parse
    case("syntax error", IND, replace(IND, "unit: 测试局", "unit: [测试局"),
         1, "syntax", at(IND, "year:"), "方括号"),
    case("unclosed quote on the last line", RES,
         raw(RES, lambda b: b + '  - {points: 1, reason: "未闭合\n'.encode()),
         1, "syntax", at(RES, "deductions:", 3), "文件意外结束"),
    from_example("tab indentation", "indicators--tab", "Tab"),
    case("full-width colon (Chinese IME)", IND, replace(IND, "weight: 25", "weight：25"),
         1, "fullwidth", W25, "请改成英文冒号“:”", 23),
    case("text starting with *", RES, replace(RES, "note: 少一次", "note: *注意 少一次"),
         1, "syntax", at(RES, "note:"), "以 * 开头的文字请加引号"),
    case("control character pasted in", STAFF, replace(STAFF, "邱朝阳", "邱朝\x07阳"),
         1, "invisible-char", at(STAFF, "邱朝阳"), "U+0007 控制字符 BEL", 14),
    case("stray NUL byte", STAFF, replace(STAFF, "邱朝阳", "邱朝\x00阳"),
         1, "invisible-char", at(STAFF, "邱朝阳"), "U+0000 控制字符 NUL", 14),
    case("5,000 nested brackets", RES, content(RES, b"[" * 5000 + b"]" * 5000),
         1, "too-deep", 1),
    case("200 nested mappings", RES,
         content(RES, "".join(f"{' ' * i}k{i}:\n" for i in range(200)).encode()),
         1, "too-deep", 65, "嵌套超过 64 层"),  # the 65th level is refused, at its line
    case("a second document", RES, raw(RES, lambda b: b + b"---\nyear: 2024\n"),
         1, "multiple-documents", at(RES, "deductions:", 2)),
    # what PyYAML would silently accept
    case("duplicate key at the top", IND, replace(IND, "year: 2024\n", "year: 2024\nyear: 2025\n"),
         1, "duplicate-key", at(IND, "year:", 1), f"第 {at(IND, 'year:')} 行"),
    from_example("duplicate key five levels down", "indicators--duplicate-key"),
    from_example("merge key", "indicators--merge-key", "<<"),
    from_example("anchor", "indicators--alias", "&boss"),
    case("alias", IND, replace(IND, "unit: 测试局", "unit: *unit"),
         1, "alias", at(IND, "unit:"), "*unit"),
    case("600-byte alias bomb", RES, content(RES, alias_bomb()), 1, "anchor", 1),
    case("python tag", IND, replace(IND, "测试局", "!!python/object/apply:os.system [ls]"),
         1, "tag", at(IND, "unit:")),
    case("key that is a list", RES, replace(RES, '  "4-1": 100', "  ? [4-1]\n  : 100"),
         1, "bad-key", C41),
    # YAML 1.1 implicit typing
    case("1.10 as an id stays 1.10", RES, both(ID_110, replace(RES, '"4-1": 100', "1.10: 100")),
         0, None, None, "1.10"),
    case("1.1 is not the id 1.10", RES, both(ID_110, replace(RES, '"4-1": 100', "1.1: 100")),
         1, "unknown-id", C41, "是不是 1.10"),
    case("no as a leader's name", IND, replace(IND, "leaders: [黄西洋]", "leaders: [no]"),
         1, "unknown-leader", at(IND, "[黄西洋]"), "“no”"),
    from_example("no as a department name", "results--bool-like-name", "“no”"),
    case("on as the unit's name stays on", IND, replace(IND, "unit: 测试局", "unit: on"),
         0, None, None, "on 2024 年度绩效考评"),
    case("010 as a completion", RES, replace(RES, '"4-1": 100', '"4-1": 010'),
         1, "number", C41, "以 0 开头"),
    from_example("025 as a weight", "indicators--leading-zero", "以 0 开头"),
    case("1:30 as a weight", IND, replace(IND, "weight: 25", "weight: 1:30"),
         1, "number", W25, "“1:30”不是数字"),
    from_example("89.9999999999999999", "results--completion-three-decimals", "超过两位小数"),
    from_example("2024-13-45", "indicators--bad-date", "不是有效的日期"),
    # encodings
    case("GBK", STAFF, raw(STAFF, lambda b: b.decode().encode("gbk")),
         1, "encoding", at(STAFF, "邱朝阳"), "请另存为 UTF-8"),
    case("GBK that decodes as UTF-8 garbage", IND,
         both(replace(STAFF, "people:\n", f"people:\n  - {{name: {GBK_NAME}}}\n"),
              raw(IND, lambda b: b.replace("persons: [陈庆超]".encode(),
                                           f"persons: [{GBK_NAME}]".encode("gbk")))),
         1, "unknown-person", at(IND, "[陈庆超]"), "“ΰƽ”"),
    case("UTF-16", STAFF, raw(STAFF, lambda b: b.decode().encode("utf-16")),
         1, "encoding", 1, "UTF-16"),
    case("BOM and CRLF (Notepad) accepted", IND, raw(IND, notepad), 0, None, None),
    case("BOM and CRLF keep line numbers", IND,
         both(replace(IND, "weight: 25", "weight: 1:30"), raw(IND, notepad)),
         1, "number", W25),
    # the wrong shape
    from_example("empty file", "indicators--empty", "是空的"),
    case("only comments", RES, content(RES, b"# TODO\n\n"), 1, "empty-file", 1),
    from_example("list at top level", "indicators--top-level-list", "文件顶层应为映射"),
    case("a bare value at top level", STAFF, content(STAFF, "邱朝阳\n".encode()), 1, "type", 1),
    # numbers out of range
    case("NaN", RES, replace(RES, '"4-1": 100', '"4-1": .nan'),
         1, "number", C41, "“.nan”不是数字"),
    case(".inf", IND, replace(IND, "weight: 25", "weight: .inf"),
         1, "number", W25, "“.inf”不是数字"),
    case("negative weight", IND, replace(IND, "weight: 25", "weight: -25"),
         1, "range", W25, "应大于 0"),
    from_example("negative bonus", "results--bonus-negative"),
    case("oversized number", RES, replace(RES, '"4-1": 100', '"4-1": 99999999999'),
         1, "range", C41, "数值过大"),
    from_example("completion 150", "results--completion-150", "完成率 150 超过 100"),
    case("three decimals", RES, replace(RES, '"2-1": 99.5', '"2-1": 99.555'),
         1, "decimals", at(RES, '"2-1"'), "超过两位小数"),
    # files that are not there, or not files
    case("50 MB file", IND, sparse(IND, 50 * 1048576),
         1, "file-too-large", None, "文件过大（50.0 MB），超过上限 32 MB"),
    case("missing file", STAFF, lambda data: (data / "staff.yaml").unlink(),
         1, "file-missing", None, "找不到文件"),
    case("directory in place of a file", IND, directory(IND), 1, "not-a-file", None, "文件夹"),
    case("directory in place of the results", RES, directory(RES), 1, "not-a-file", None),
    case("FIFO in place of a file", STAFF, fifo(STAFF), 1, "not-a-file", None, "不是普通文件"),
    case("FIFO in place of the results", RES, fifo(RES), 1, "not-a-file", None, "管道"),
    from_example("results file for 2023", "results--year-2023", "2023 年度"),
    # what the clerk cannot see is not scored (issue 12)
    case("U+2028 in a comment makes a live bonus", RES,
         replace(RES, "bonuses:\n", "bonuses:\n  # 已作废： - {points: 5, reason: 重复}\u2028"
                                    "  - {points: 5, reason: 重复}\n"),
         1, "invisible-char", at(RES, "bonuses:", 1), "U+2028 行分隔符", 35),
    case("zero-width space makes a second leaf id", RES,
         replace(RES, '"1-1-1": 100', '"1-1-1\u200b": 100'),
         1, "invisible-char", at(RES, '"1-1-1"'), "U+200B 零宽空格", 9),
    case("no-break space inside a name", IND, replace(IND, "[陈庆超]", "[陈庆\u00a0超]"),
         1, "invisible-char", at(IND, "[陈庆超]"), "U+00A0 不换行空格", 29),
    case("right-to-left override in a reason", RES,
         replace(RES, "reason: 暗访", "reason: \u202e暗访"),
         1, "invisible-char", at(RES, "暗访"), "U+202E 从右到左强制符", 45),
    case("ESC that would rewrite the terminal", RES,
         replace(RES, "reason: 暗访", "reason: \x1b[2K暗访"),
         1, "invisible-char", at(RES, "暗访"), "U+001B 控制字符 ESC", 45),
    case("hex escapes scored as 100", RES, replace(RES, '"4-1": 100', '"4-1": "\\x31\\x30\\x30"'),
         1, "escape", C41, "\\x31", 11),
    case("-0 shown as -0%", RES, replace(RES, '"4-1": 100', '"4-1": -0'),
         1, "number", C41, "负零", 10),
    # the slips of a Chinese input method (issue 13)
    case("full-width comma between departments", IND,
         replace(IND, "[指挥中心, 协调科]", "[指挥中心，协调科]"),
         1, "fullwidth", at(IND, "[指挥中心, 协调科]"), "请改成英文逗号“,”", 31),
    case("full-width digits", RES, replace(RES, '"4-1": 100', '"4-1": １００'),
         1, "number", C41, "全角字符“１”", 10),
    case("full-width space as indentation", IND,
         replace(IND, "                weight: 25", "\u3000" * 8 + "weight: 25"),
         1, "fullwidth", W25, "全角空格（U+3000）", 1),
]  # fmt: skip


def _clean(result) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


@pytest.mark.parametrize(("file", "damage", "exit_code", "code", "line", "says", "column"), TRAPS)
def test_trap(
    file: str,
    damage: Damage,
    exit_code: int,
    code: str | None,
    line: int | None,
    says: str,
    column: int | None,
    mini: Path,
    run,
) -> None:
    damage(mini)

    result = run("check", "--data", mini, "--format", "json")
    _clean(result)
    errors = [p for p in json.loads(result.output)["problems"] if p["severity"] == "error"]
    score = run("score", "--data", mini, "--detail")
    _clean(score)
    if code is None:
        assert (result.exit_code, errors) == (0, []), result.output
        assert score.exit_code == 0, score.output
        assert says in score.output
        return

    assert result.exit_code == exit_code, result.output
    found = [p for p in errors if p["code"] == code]
    assert found, result.output
    assert found[0]["file"].endswith(FILES[file]), found[0]
    assert found[0]["line"] == (line or 0), found[0]
    place = f"{found[0]['file']}:{line}:" if line else f"{found[0]['file']}  错误"
    if column is not None:
        assert found[0]["column"] == column, found[0]
        place += f"{column} "

    text = run("check", "--data", mini, "--format", "text")
    _clean(text)
    assert text.exit_code == exit_code
    assert place in text.output and f"[{code}]" in text.output, text.output
    assert says in text.output

    assert score.exit_code == exit_code, score.output
    assert place in score.output and f"[{code}]" in score.output, score.output
    assert says in score.output


def test_id_1_10_is_scored_as_1_10(mini: Path, run) -> None:
    replace("indicators", 'id: "4-1"', "id: 1.10")(mini)
    replace("results", '"4-1": 100', "1.10: 80")(mini)
    result = run("score", "--data", mini, "--detail", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "1.10,信息报送,40.00,80,32.00," in result.output


# --- the alias bomb, in memory ---------------------------------------------------------


def _expanded(node: object, memo: dict[int, int]) -> int:
    """How many strings a full expansion holds (the anchors share lists, so memoise)."""
    if not isinstance(node, (list, dict)):
        return 1
    if id(node) not in memo:
        children = node.values() if isinstance(node, dict) else node
        memo[id(node)] = sum(_expanded(child, memo) for child in children)
    return memo[id(node)]


def test_alias_bomb_is_refused_at_load_in_bounded_memory(mini: Path) -> None:
    bomb = alias_bomb()
    assert len(bomb) <= 600
    # nearly four billion strings once expanded: a real bomb
    assert _expanded(yaml.safe_load(bomb), {}) == sum(9**k for k in range(1, 11))
    (mini / FILES["results"]).write_bytes(bomb)

    tracemalloc.start()
    try:
        problems = check_dataset(load_dataset(mini))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert [(p.code, p.line) for p in problems if p.is_error] == [("anchor", 1)]
    assert peak < 5 * 1048576, f"loading took {peak / 1048576:.1f} MB"


# --- files the operating system will not let us read -----------------------------------


def _running_as_root() -> bool:
    return getattr(os, "geteuid", lambda: -1)() == 0


@pytest.mark.skipif(_running_as_root(), reason="root reads files whatever their mode")
@pytest.mark.skipif(os.name == "nt", reason="chmod does not remove read access on Windows")
def test_unreadable_file(mini: Path, run) -> None:
    path = mini / "staff.yaml"
    path.chmod(0)
    try:
        result = run("check", "--data", mini, "--format", "json")
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    _clean(result)
    assert result.exit_code == 1
    [problem] = json.loads(result.output)["problems"]
    assert (problem["code"], problem["line"]) == ("unreadable", 0)


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "没有权限读取文件"),
        (OSError(errno.EIO, "Input/output error"), "无法读取文件"),
    ],
    ids=["permission", "io-error"],
)
@pytest.mark.parametrize("command", ["check", "score"])
def test_unreadable_file_whoever_runs_it(
    mini: Path, run, monkeypatch: pytest.MonkeyPatch, error: OSError, says: str, command: str
) -> None:
    real_open = Path.open

    def refuse(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.name == "staff.yaml":
            raise error
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = run(command, "--data", mini)
    _clean(result)
    assert result.exit_code == 1, result.output
    assert "[unreadable]" in result.output
    assert says in result.output and "staff.yaml" in result.output


# --- the rest of the command line ------------------------------------------------------


def test_missing_results_file_is_fine_for_check_but_not_for_score(mini: Path, run) -> None:
    (mini / FILES["results"]).unlink()
    assert run("check", "--data", mini).exit_code == 0
    result = run("score", "--data", mini)
    _clean(result)
    assert result.exit_code == 1
    assert "[file-missing]" in result.output and "2024.yaml" in result.output


@pytest.mark.parametrize("command", COMMAND_NAMES)
@pytest.mark.parametrize("where", ["missing", "a file"])
def test_data_that_is_not_a_directory_is_a_usage_error(
    tmp_path: Path, run, command: str, where: str
) -> None:
    data = tmp_path / "data"
    if where == "a file":
        data.write_text("year: 2024\n", encoding="utf-8")
    result = run(*base_args(command, data, tmp_path))
    _clean(result)
    assert result.exit_code == 2, result.output
    assert "用法错误" in result.output


# --- our own bugs ----------------------------------------------------------------------


def _explode(*args, **kwargs):  # type: ignore[no-untyped-def]
    raise RuntimeError("a bug in jixiao")


@pytest.mark.parametrize(
    ("command", "module", "function"),
    [("check", jixiao.dataset, "check_dataset"), ("score", jixiao.scoring, "score")],
)
def test_a_bug_gets_an_apology_and_exit_3(
    mini: Path, run, monkeypatch: pytest.MonkeyPatch, command: str, module, function: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(module, function, _explode)

    result = run(command, "--data", mini)
    assert result.exit_code == 3, result.output
    assert "抱歉，jixiao 遇到了意外错误（RuntimeError）" in result.output
    assert "问题反馈" in result.output and "--debug" in result.output
    assert "Traceback" not in result.output
    assert "a bug in jixiao" not in result.output

    debug = run("--debug", command, "--data", mini)
    assert isinstance(debug.exception, RuntimeError)
    assert str(debug.exception) == "a bug in jixiao"
