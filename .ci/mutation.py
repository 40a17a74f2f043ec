"""Mutation testing: run mutmut over the modules that decide figures and refusals, then score.

    .venv/bin/python .ci/mutation.py                 # every module in [tool.mutmut] only_mutate
    .venv/bin/python .ci/mutation.py scoring values  # some of them
    .venv/bin/python .ci/mutation.py --report        # the table of the last run, nothing run

mutmut copies the tree into mutants/ and remembers each mutant's verdict there. A run tests
the mutants without a verdict (all of them the first time, and those of a function that
changed since) and the survivors again (the tests may have changed); `--all` tests every
mutant of the modules again. `--jobs` (default 1) is mutmut's --max-children: the machine is
shared. The table counts, per module, the mutants the tests killed (a timeout counts as
killed: the mutant hangs a test) and those that survived; every survivor must be named in
tests/mutation-equivalent.md, with the reason it cannot change what a user sees, or the run
fails (exit 1).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "tests" / "mutation-equivalent.md"
KILLED = {1, 3, 24, -24, 36, 152, 255}  # failed tests, pytest internal error, timeouts
SURVIVED = {0}


def configured_modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [Path(p).stem for p in config["tool"]["mutmut"]["only_mutate"]]


def verdicts(module: str) -> dict[str, int | None]:
    meta = ROOT / "mutants" / "src" / "jixiao" / f"{module}.py.meta"
    if not meta.is_file():
        return {}
    codes: dict[str, int | None] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return codes


def listed_equivalent() -> set[str]:
    text = EQUIVALENT.read_text(encoding="utf-8") if EQUIVALENT.is_file() else ""
    return set(re.findall(r"`(jixiao\.[^`]+__mutmut_\d+)`", text))


def report(modules: list[str], *, markdown: bool = False) -> int:
    equivalent = listed_equivalent()
    unexplained: list[str] = []
    total: Counter[str] = Counter()
    rows: list[tuple[str, Counter[str]]] = []
    print(f"{'module':<12} {'mutants':>7} {'killed':>7} {'survived':>8} {'other':>6} {'score':>7}")
    for module in modules:
        codes = verdicts(module)
        counts: Counter[str] = Counter()
        for name, code in codes.items():
            if code in KILLED:
                counts["killed"] += 1
            elif code in SURVIVED:
                counts["survived"] += 1
                if name not in equivalent:
                    unexplained.append(name)
            else:  # no test reaches it (33), not run yet (None), or suspicious
                counts["other"] += 1
        counts["mutants"] = len(codes)
        counts["named"] = sum(1 for n, c in codes.items() if c in SURVIVED and n in equivalent)
        total.update(counts)
        rows.append((module, counts))
        print(_line(module, counts))
    print(_line("all", total))
    if markdown:
        print(_markdown([*rows, ("all", total)]))
    for name in sorted(unexplained):
        print(f"survived, not in {EQUIVALENT.relative_to(ROOT)}: {name}")
    return 1 if unexplained or total["other"] else 0


def _markdown(rows: list[tuple[str, Counter[str]]]) -> str:
    """The table for docs/development.md: the score is of the mutants tested so far."""
    lines = [
        "| module | mutants | tested | killed | survived (named equivalent) | not yet tested "
        "| score |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, c in rows:
        tested = c["killed"] + c["survived"]
        score = f"{100 * c['killed'] / tested:.1f}%" if tested else "—"
        module = f"`{name}.py`" if name != "all" else "**all**"
        lines.append(
            f"| {module} | {c['mutants']} | {tested} | {c['killed']} | "
            f"{c['survived']} ({c['named']}) | {c['other']} | {score} |"
        )
    return "\n".join(lines)


def _line(name: str, counts: Counter[str]) -> str:
    n = counts["mutants"]
    score = f"{100 * counts['killed'] / n:.1f}%" if n else "—"
    return (
        f"{name:<12} {n:>7} {counts['killed']:>7} {counts['survived']:>8} "
        f"{counts['other']:>6} {score:>7}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", help="module names (default: all configured)")
    parser.add_argument("--jobs", type=int, default=1, help="mutmut --max-children")
    parser.add_argument("--all", action="store_true", help="test every mutant again")
    parser.add_argument("--report", action="store_true", help="only print the last results")
    parser.add_argument("--markdown", action="store_true", help="also the table for the docs")
    args = parser.parse_args()
    modules = args.modules or configured_modules()
    if not args.report:
        names = _to_test(modules, again=args.all)
        if names:
            mutmut = Path(sys.executable).parent / "mutmut"
            start = time.monotonic()
            subprocess.run(
                [str(mutmut), "run", "--max-children", str(args.jobs), *names], cwd=ROOT, check=True
            )
            print(f"mutmut ran {time.monotonic() - start:.0f} s")
    return report(modules, markdown=args.markdown)


def _to_test(modules: list[str], *, again: bool) -> list[str]:
    """The mutants to test: by name, or a module's pattern when mutmut has not listed its
    mutants yet (or every one is to be tested again)."""
    names: list[str] = []
    for module in modules:
        codes = verdicts(module)
        if again or not codes:
            names.append(f"jixiao.{module}.*")
        else:
            names += [name for name, code in codes.items() if code is None or code in SURVIVED]
    return names


if __name__ == "__main__":
    sys.exit(main())
