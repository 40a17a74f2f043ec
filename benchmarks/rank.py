"""The `jixiao rank` rows of the benchmark (issue 15): 10, 100 and 1,000 synthetic units.

Each unit is a synthetic data directory of about 60 leaves (synth.write_dataset, its own seed
and name). The 1,000 units are written once; the 10 and 100 are links to the first of them.

- wall time of `jixiao rank UNITS --format json` (default --jobs, the CPU count), fresh process;
- time per unit at 1,000 against 100, from the work alone (rank_units timed inside a fresh
  process after the imports, pool start-up included), default --jobs;
- --jobs 2 against --jobs 1 at 1,000 units (work alone), beside the machine's own speed-up:
  the same pure-Python loop in two processes against one, measured in the same rounds (on a
  shared machine, what the other users take is taken from both); and the CPU time both
  spend, which the other users hardly change: with two free cores, --jobs 2 takes about half
  of its CPU time, so 2 ÷ (its CPU ÷ --jobs 1's) is the speed-up to expect there;
- peak memory (ru_maxrss) at 1,000 units against 100, with --jobs 1 (every unit through one
  process: the strict test of "one unit's tree at a time") and with --jobs 2 (the largest
  of the parent and its workers).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from synth import write_dataset

PY = sys.executable
LEAVES = 60
SIZES = (10, 100, 1000)

# prints the wall time of the work, then the CPU time it took in this process and its workers
IN_PROCESS = """
import gc, resource, sys, time
from pathlib import Path
from jixiao.rank import rank_units
def cpu():
    return sum(
        resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
units, jobs = Path(sys.argv[1]), int(sys.argv[2])
gc.disable()  # as the CLI does for the length of a command
start, used = time.perf_counter(), cpu()
ranking = rank_units(units, jobs=jobs)  # the pool's workers are reaped when it returns
print(time.perf_counter() - start, cpu() - used)
assert not ranking.failures
"""

SPIN = """
import sys, time
from concurrent.futures import ProcessPoolExecutor
def spin(n):
    x = 0
    for i in range(n):
        x += i
    return x
jobs = int(sys.argv[1])
start = time.perf_counter()
with ProcessPoolExecutor(jobs) as pool:
    list(pool.map(spin, [8_000_000] * 2))
print(time.perf_counter() - start)
"""


def write_units(base: Path) -> dict[int, Path]:
    """UNITS folders of 10, 100 and 1,000 units; the smaller ones link to the first units."""
    largest = base / f"units-{SIZES[-1]}"
    for i in range(SIZES[-1]):
        write_dataset(largest / f"{i:05d}", LEAVES, seed=i, unit=f"合成单位{i:05d}")
    folders = {SIZES[-1]: largest}
    for n in SIZES[:-1]:
        folder = base / f"units-{n}"
        folder.mkdir()
        for i in range(n):
            (folder / f"{i:05d}").symlink_to(largest / f"{i:05d}", target_is_directory=True)
        folders[n] = folder
    return folders


def _printed(command: list[str], cwd: Path) -> list[float]:
    out = subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True)
    return [float(word) for word in out.stdout.split()]


def _seconds(command: list[str], repeats: int, cwd: Path) -> float:
    """The median of the first figure the command prints, over `repeats` fresh processes."""
    return statistics.median(_printed(command, cwd)[0] for _ in range(repeats))


def rank_rows(
    measure: Callable[[list[str], int], tuple[float, int]], root: Path, tmp: Path, quick: bool
) -> list[dict[str, object]]:
    """The rows; `measure(command, repeats)` gives median seconds and peak KiB of a command."""
    repeats = 2 if quick else 3
    jixiao = [PY, "-m", "jixiao", "rank"]
    started = time.perf_counter()
    units = write_units(tmp)
    print(f"wrote {SIZES[-1]:,} units in {time.perf_counter() - started:.0f} s", flush=True)
    jobs = os.cpu_count() or 1
    rows: list[dict[str, object]] = []
    wall: dict[int, float] = {}
    peak: dict[tuple[int, int], int] = {}
    for n in SIZES:
        runs = repeats if n == SIZES[-1] else repeats + 2
        wall[n], peak[(n, jobs)] = measure([*jixiao, str(units[n]), "-f", "json"], runs)
        rows.append(
            {
                "measure": f"rank, {n:,} units of {LEAVES} leaves (--jobs {jobs})",
                "seconds": round(wall[n], 3),
                "floor": "—",
                "floor_seconds": None,
                "ratio": None,
                "target": None,
                "met": None,
                "text": f"{wall[n]:.2f} s ({wall[n] / n * 1000:.1f} ms/unit)",
                "floor_text": "—",
            }
        )
        print(f"rank {n:>5} units: {wall[n]:.2f} s", flush=True)
        if n >= 100:
            _, peak[(n, 1)] = measure([*jixiao, str(units[n]), "-f", "json", "-j", "1"], 1)

    def work(n: int, j: int, runs: int) -> float:
        return _seconds([PY, "-c", IN_PROCESS, str(units[n]), str(j)], runs, root)

    per_unit = {n: work(n, jobs, repeats + 2 if n == 100 else repeats) / n for n in (100, 1000)}
    ratio = per_unit[1000] / per_unit[100]
    rows.append(
        {
            "measure": "rank: time per unit, 1,000 units vs 100",
            "seconds": round(per_unit[1000], 5),
            "floor": "per unit at 100 units",
            "floor_seconds": round(per_unit[100], 5),
            "ratio": round(ratio, 2),
            "target": 1.3,
            "met": ratio <= 1.3,
            "text": f"{per_unit[1000] * 1000:.2f} ms/unit",
            "floor_text": f"{per_unit[100] * 1000:.2f} ms/unit at 100 units (work alone)",
        }
    )
    # in rounds, so that what the machine's other users take falls on all of them alike
    rounds: list[tuple[float, ...]] = [
        (
            *_printed([PY, "-c", IN_PROCESS, str(units[1000]), "1"], root),
            *_printed([PY, "-c", IN_PROCESS, str(units[1000]), "2"], root),
            _seconds([PY, "-c", SPIN, "1"], 1, root),
            _seconds([PY, "-c", SPIN, "2"], 1, root),
        )
        for _ in range(repeats)
    ]
    one, cpu_one, two, cpu_two, spin_one, spin_two = (
        statistics.median(c) for c in zip(*rounds, strict=True)
    )
    machine = spin_one / spin_two
    rows.append(
        {
            "measure": "rank, 1,000 units: --jobs 2 speed-up over --jobs 1",
            "seconds": round(two, 3),
            "floor": "--jobs 1",
            "floor_seconds": round(one, 3),
            "ratio": round(one / two, 2),
            "target": 1.6,
            "at_least": True,
            "met": one / two >= 1.6,
            "text": f"{two:.2f} s",
            "floor_text": f"--jobs 1 {one:.2f} s (work alone)",
        }
    )
    rows.append(
        {
            "measure": "machine: the same CPU loop in 2 processes vs 1",
            "seconds": round(spin_two, 3),
            "floor": "1 process",
            "floor_seconds": round(spin_one, 3),
            "ratio": round(machine, 2),
            "target": None,
            "at_least": True,
            "met": None,
            "text": f"{spin_two:.2f} s",
            "floor_text": f"1 process {spin_one:.2f} s (the best --jobs 2 can do here)",
        }
    )
    # What two free cores would give: the work divides into two workers, so the wall time is
    # about half the CPU time --jobs 2 spends (its own overhead included).
    overhead = cpu_two / cpu_one
    rows.append(
        {
            "measure": "rank, 1,000 units: CPU time of --jobs 2 (parent and workers) vs --jobs 1",
            "seconds": round(cpu_two, 3),
            "floor": "--jobs 1",
            "floor_seconds": round(cpu_one, 3),
            "ratio": round(overhead, 2),
            "target": None,
            "met": None,
            "text": f"{cpu_two:.2f} s CPU",
            "floor_text": f"--jobs 1 {cpu_one:.2f} s CPU; on two free cores ≈ {2 / overhead:.2f}×",
        }
    )
    print(
        f"rank jobs 2 vs 1: {one / two:.2f}x (machine {machine:.2f}x; "
        f"CPU {overhead:.2f}x, so about {2 / overhead:.2f}x on two free cores)",
        flush=True,
    )
    for j in sorted({1, jobs}):
        small, large = peak[(100, j)], peak[(1000, j)]
        rows.append(
            {
                "measure": f"rank: peak memory, 1,000 units vs 100 (--jobs {j})",
                "seconds": None,
                "floor": "100 units",
                "peak_kib": large,
                "floor_peak_kib": small,
                "ratio": round(large / small, 2),
                "target": 1.5,
                "met": large / small <= 1.5,
            }
        )
        print(f"rank peak --jobs {j}: {small / 1024:.0f} -> {large / 1024:.0f} MiB", flush=True)
    return rows
