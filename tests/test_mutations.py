"""Careless edits to the data files: whatever a clerk's Notepad does, no command crashes.

Each example copies the seed data, damages one file the way hand editing does (a line
lost or doubled, two characters swapped, an indentation changed, stray bytes, a file cut
short, a value retyped) and runs every command on the app. The exit code is 0, 1 or 2;
never 3 (our bug) and never a traceback. `HYPOTHESIS_PROFILE=long` runs 1000 examples.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from jixiao.loader import Map, Seq, load_yaml

from .commands import COMMAND_NAMES, base_args, variants
from .conftest import MINI, SHIPPED, Run

FILES = ("indicators.yaml", "staff.yaml", "results/2024.yaml")
# The shipped data once it is all there, else the small test data.
SEED = SHIPPED if all((SHIPPED / name).is_file() for name in FILES) else MINI

_POSITION = st.integers(min_value=0, max_value=10**6)
_STRAY = st.one_of(
    st.sampled_from(
        [
            b"\x00", b"\t", b"\r", b"\n", b":", b": ", b"- ", b"[", b"]", b"{", b"}", b",",
            b"'", b'"', b"#", b"&a ", b"*a", b"<<: ", b"!!str ", b"? ", b"|", b">", b"%",
            b"\xff", b"\xe6\xb5", b"\xef\xbb\xbf", "：".encode(), "\u3000".encode(),
        ]
    ),
    st.binary(min_size=1, max_size=8),
)  # fmt: skip
_RETYPED = st.sampled_from(
    ["", "~", "no", "on", "1.10", "010", "1:30", "89.9999999999999999", "2024-13-45", ".nan",
     "-.inf", "-1", "150", "0", "1e3", "[]", "{}", "[a, b]", "'", "测试", "9" * 40]
)  # fmt: skip
MUTATION = st.one_of(
    st.tuples(st.just("delete line"), _POSITION),
    st.tuples(st.just("duplicate line"), _POSITION),
    st.tuples(st.just("swap characters"), _POSITION),
    st.tuples(st.just("indent"), _POSITION, st.integers(min_value=-4, max_value=4)),
    st.tuples(st.just("insert bytes"), _POSITION, _STRAY),
    st.tuples(st.just("truncate"), _POSITION),
    st.tuples(st.just("retype value"), _POSITION, _RETYPED),
)


def mutate(data: bytes, mutation: tuple) -> bytes:  # type: ignore[type-arg]
    kind, at, *rest = mutation
    lines = data.splitlines(keepends=True) or [b""]
    i = at % len(lines)
    if kind == "delete line":
        return b"".join(lines[:i] + lines[i + 1 :])
    if kind == "duplicate line":
        return b"".join(lines[: i + 1] + lines[i:])
    if kind == "swap characters":
        text = data.decode("utf-8", "surrogateescape")
        j = at % max(len(text) - 1, 1)
        text = text[:j] + text[j + 1 : j + 2] + text[j : j + 1] + text[j + 2 :]
        return text.encode("utf-8", "surrogateescape")
    if kind == "indent":
        line = lines[i]
        stripped = line.lstrip(b" ")
        lines[i] = b" " * max(len(line) - len(stripped) + rest[0], 0) + stripped
        return b"".join(lines)
    if kind == "insert bytes":
        j = at % (len(data) + 1)
        return data[:j] + rest[0] + data[j:]
    if kind == "truncate":
        return data[: at % (len(data) + 1)]
    if kind == "retype value":
        candidates = [n for n, line in enumerate(lines) if b": " in line]
        if not candidates:
            return data
        n = candidates[at % len(candidates)]
        key, _, _ = lines[n].partition(b": ")
        lines[n] = key + b": " + rest[0].encode("utf-8") + b"\n"
        return b"".join(lines)
    raise AssertionError(kind)


@given(
    target=st.sampled_from(FILES),
    mutations=st.lists(MUTATION, min_size=1, max_size=3),
    picks=st.data(),
)
def test_a_damaged_file_never_crashes_any_command(
    target: str,
    mutations: list[tuple],  # type: ignore[type-arg]
    picks: st.DataObject,
) -> None:
    run = Run()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(SEED, data)
        damaged = data / target
        content = damaged.read_bytes()
        for mutation in mutations:
            content = mutate(content, mutation)
        damaged.write_bytes(content)
        for name in COMMAND_NAMES:
            options = picks.draw(st.sampled_from(variants(name)), label=name)
            result = run(*base_args(name, data, Path(tmp)), *options)
            assert result.exit_code in (0, 1, 2), result.output
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                result.exception
            )
            assert "Traceback" not in result.output
            assert "意外错误" not in result.output
        assert damaged.read_bytes() == content


# --- what the clerk cannot see, and the slips of a Chinese keyboard (issues 12, 13) -----

# Every character refused anywhere in a file, comments included: YAML's extra line breaks,
# zero-width and format characters, bidirectional controls, control characters.
_HIDDEN = st.one_of(
    st.sampled_from(
        list("\u2028\u2029\u0085\u200b\u200c\u200d\u2060\ufeff\u00ad")
        + [chr(c) for c in range(0x202A, 0x202F)]
        + [chr(c) for c in range(0x2066, 0x206A)]
        + [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]]
    ),
    st.characters(categories=["Cf"]),
)
_ODD_SPACES = st.sampled_from(list("\u00a0\u3000\u2002\u2003\u2009\u200a\u202f\u205f\u1680"))
_ESCAPES = st.sampled_from(["\\x31", "\\n", "\\t", "\\u0041", "\\e", "\\0", "\\/", "\\ ", "\\N"])


def _check(data: Path, tmp: str) -> tuple[int, list[dict[str, object]]]:
    result = Run()(*base_args("check", data, Path(tmp)), "--format", "json")
    assert "Traceback" not in result.output and "意外错误" not in result.output
    return result.exit_code, json.loads(result.stdout)["problems"]


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _found_at(problems: list[dict[str, object]], codes: set[str], where: tuple[int, int]) -> bool:
    return any(
        p["severity"] == "error" and p["code"] in codes and (p["line"], p["column"]) == where
        for p in problems
    )


@given(target=st.sampled_from(FILES), at=_POSITION, char=_HIDDEN)
def test_a_hidden_character_anywhere_is_refused_where_it_is(
    target: str, at: int, char: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(SEED, data)
        text = (data / target).read_text(encoding="utf-8")
        offset = at % (len(text) + 1)
        assume(not (offset == 0 and char == "\ufeff"))  # a byte order mark: allowed first
        (data / target).write_text(text[:offset] + char + text[offset:], encoding="utf-8")

        exit_code, problems = _check(data, tmp)

        assert exit_code == 1, problems
        assert _found_at(problems, {"invisible-char"}, _position(text, offset)), problems


def _names_and_ids(tree: object, target: str) -> Iterator[tuple[tuple[int, int], str]]:
    """(position, text) of every id and name in a loaded file."""
    staff = target == "staff.yaml"
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Seq):
            stack += node
        if not isinstance(node, Map):
            continue
        for key, value in node.items():
            if key in ("completion", "department_evaluation") and isinstance(value, Map):
                yield from ((value.key_pos[k], k) for k in value)
            elif key in ("leaders", "departments", "persons", "aliases") and isinstance(value, Seq):
                yield from (
                    (pos, item)
                    for pos, item in zip(value.item_pos, value, strict=True)
                    if isinstance(item, str)
                )
            elif isinstance(value, str) and (
                key in ("id", "liaison", "office_head", "department") or (staff and key == "name")
            ):
                yield node.value_pos[key], value
            stack.append(value)


@given(target=st.sampled_from(FILES), pick=_POSITION, inside=_POSITION, space=_ODD_SPACES)
def test_an_odd_space_inside_an_id_or_a_name_is_refused(
    target: str, pick: int, inside: int, space: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(SEED, data)
        text = (data / target).read_text(encoding="utf-8")
        tree, _ = load_yaml(data / target)
        spots = [(pos, value) for pos, value in _names_and_ids(tree, target) if len(value) > 1]
        (line, column), value = spots[pick % len(spots)]
        start = len("".join(text.splitlines(keepends=True)[: line - 1])) + column - 1
        start += text[start] in "\"'"  # inside the quotes
        offset = start + 1 + inside % (len(value) - 1)  # between two of its characters
        (data / target).write_text(text[:offset] + space + text[offset:], encoding="utf-8")

        exit_code, problems = _check(data, tmp)

        assert exit_code == 1, problems
        assert _found_at(problems, {"invisible-char"}, _position(text, offset)), problems


def _double_quoted(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every double-quoted scalar, quotes included."""
    spans = []
    for token in yaml.scan(text, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else None):
        if isinstance(token, yaml.ScalarToken) and token.style == '"':
            spans.append((token.start_mark.index, token.end_mark.index))
    return spans


@given(target=st.sampled_from(FILES), pick=_POSITION, inside=_POSITION, escape=_ESCAPES)
def test_a_backslash_escape_in_double_quotes_is_refused(
    target: str, pick: int, inside: int, escape: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(SEED, data)
        text = (data / target).read_text(encoding="utf-8")
        spans = _double_quoted(text)
        assume(spans)
        start, end = spans[pick % len(spans)]
        offset = start + 1 + inside % (end - start - 1)  # after the opening quote
        (data / target).write_text(text[:offset] + escape + text[offset:], encoding="utf-8")

        exit_code, problems = _check(data, tmp)

        assert exit_code == 1, problems
        assert _found_at(problems, {"escape"}, _position(text, offset)), problems


def _structure(text: str) -> list[tuple[list[tuple[int, str]], int]]:
    """Places where Chinese mode would type full-width: ([(offset, replacement of the one
    character there)], offset of the character the error must name)."""
    places: list[tuple[list[tuple[int, str]], int]] = []
    opened: list[int] = []
    for token in yaml.scan(text, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else None):
        i = token.start_mark.index
        if isinstance(token, yaml.ValueToken) and text[i] == ":":
            places.append(([(i, "：")], i))
            if text[i + 1 : i + 2] == " ":
                places.append(([(i + 1, "\u3000")], i + 1))  # a full-width space after it
        elif isinstance(token, yaml.FlowEntryToken):
            places.append(([(i, "，")], i))
        elif isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            opened.append(i)
        elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
            start = opened.pop()
            pair = ("［", "］") if text[start] == "[" else ("｛", "｝")
            places.append(([(start, pair[0]), (i, pair[1])], start))
        elif isinstance(token, yaml.ScalarToken) and token.style == '"':
            end = token.end_mark.index - 1
            for pair in (("“", "”"), ("＂", "＂")):
                places.append(([(i, pair[0]), (end, pair[1])], i))
    start = 0
    for line in text.splitlines(keepends=True):  # two spaces of indentation typed as one U+3000
        if line.startswith("  ") and line.strip():
            places.append(([(start, "\u3000"), (start + 1, "")], start))
        start += len(line)
    return places


@given(target=st.sampled_from(FILES), pick=_POSITION)
def test_full_width_structure_is_refused_where_it_was_typed(target: str, pick: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(SEED, data)
        text = (data / target).read_text(encoding="utf-8")
        edits, named = _structure(text)[pick % len(_structure(text))]
        damaged = text
        for offset, char in sorted(edits, reverse=True):  # from the end: offsets stay valid
            damaged = damaged[:offset] + char + damaged[offset + 1 :]
        (data / target).write_text(damaged, encoding="utf-8")

        exit_code, problems = _check(data, tmp)

        assert exit_code == 1, problems
        assert _found_at(problems, {"fullwidth"}, _position(text, named)), problems
