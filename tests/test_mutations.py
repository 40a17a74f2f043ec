"""Careless edits to the data files: whatever a clerk's Notepad does, no command crashes.

Each example copies the seed data, damages one file the way hand editing does (a line
lost or doubled, two characters swapped, an indentation changed, stray bytes, a file cut
short, a value retyped) and runs every command on the app. The exit code is 0, 1 or 2;
never 3 (our bug) and never a traceback. `HYPOTHESIS_PROFILE=long` runs 1000 examples.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

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
