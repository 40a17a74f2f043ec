"""Benchmark jixiao against floors measured in the same run (issue 7). Not part of the tests.

    python benchmarks/run.py            # full run: N = 100, 1,000, 10,000, 30,000
    python benchmarks/run.py --quick    # N up to 10,000, fewer repeats
    python benchmarks/run.py --rank-only  # only the `jixiao rank` rows (benchmarks/rank.py)
    python benchmarks/run.py --startup-only  # only the start-up rows (latest-startup.json)

Every figure is the median wall time of several runs of a fresh process, so start-up is
included on both sides of each ratio. Peak memory is the child's ru_maxrss (os.wait4).
Writes benchmarks/latest.json and prints a Markdown table for docs/development.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from rank import rank_rows
from synth import mistype_ids, write_dataset

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
JIXIAO = [PY, "-m", "jixiao"]
IMPORT_FLOOR = [PY, "-c", "import typer, rich, pydantic, yaml"]
PASS_FLOOR = [PY, "-c", "pass"]
# The honest floor of this stack (issue 11): a Typer command with one option that does
# nothing. Typer 0.29 imports pydantic's TypeAdapter machinery to coerce parameters, which
# `import typer` alone does not; every jixiao command pays that too.
TYPER_FLOOR = [
    PY,
    "-c",
    "import typer\napp = typer.Typer()\n"
    "@app.command()\ndef main(data: str = typer.Option('data')) -> None: pass\n"
    "app([])",
]
TYPER_FLOOR_NAME = "do-nothing Typer command"
FILES = ("indicators.yaml", "staff.yaml", "results/2024.yaml")
MINI = ROOT / "tests" / "data" / "mini"  # its forms are the clean floor of the collect cases


def yaml_floor(folder: Path) -> list[str]:
    paths = [str(folder / f) for f in FILES]
    code = (
        "import sys, yaml\n"
        "for p in sys.argv[1:]:\n"
        "    with open(p, 'rb') as fh: yaml.load(fh, Loader=yaml.CSafeLoader)\n"
    )
    return [PY, "-c", code, *paths]


# Per-leaf cost is timed inside a fresh process around the work alone (after a warm-up on a
# small table), so interpreter start-up and imports, which dwarf the work at N=1,000, do not
# swamp the comparison, and each size starts from an empty heap as a real run does.
IN_PROCESS = """
import gc, sys, time
from pathlib import Path
from jixiao.dataset import check_dataset, load_dataset, load_for_results
from jixiao.report.score import render_json
from jixiao.report.views import View
from jixiao.scoring import score
warm, folder, what = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
def check(folder):
    check_dataset(load_dataset(folder))
def score_json(folder):
    data, chosen = load_for_results(folder, None)
    card = score(data.scheme, chosen.results, data.directory, results_file=chosen.name)
    render_json(card, View())
work = check if what == "check" else score_json
gc.disable()  # as the CLI does for the length of a command
work(warm)
start = time.perf_counter()
work(folder)
print(time.perf_counter() - start)
"""


def in_process(warm: Path, folder: Path, what: str, repeats: int) -> float:
    """Median seconds of the work alone, each in a fresh process."""
    times = []
    for _ in range(repeats):
        out = subprocess.run(
            [PY, "-c", IN_PROCESS, str(warm), str(folder), what],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        times.append(float(out.stdout))
    return statistics.median(times)


def measure(
    command: list[str], repeats: int, cwd: Path = ROOT, ok: tuple[int, ...] = (0,)
) -> tuple[float, int]:
    """Median seconds and the largest peak RSS (KiB) over `repeats` fresh processes."""
    times, peaks = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - start)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in ok:
            raise SystemExit(f"{' '.join(command[:6])} exited {child.returncode}")
        peaks.append(usage.ru_maxrss)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N up to 10,000 and fewer repeats")
    parser.add_argument("--shipped", type=Path, default=ROOT / "data", help="the cold-start data")
    parser.add_argument("--rank-only", action="store_true", help="only the rows of jixiao rank")
    parser.add_argument("--startup-only", action="store_true", help="only the start-up rows")
    args = parser.parse_args()
    if args.rank_only:
        with tempfile.TemporaryDirectory() as tmp:
            rows = rank_rows(measure, ROOT, Path(tmp), args.quick)
        write_results(rows, "latest-rank.json")
        return
    sizes = [100, 1000, 10000] if args.quick else [100, 1000, 10000, 30000]
    repeats = 3 if args.quick else 5
    rows: list[dict[str, object]] = []

    def row(name: str, seconds: float, floor_name: str, floor: float, target: float | None) -> None:
        ratio = seconds / floor
        rows.append(
            {
                "measure": name,
                "seconds": round(seconds, 3),
                "floor": floor_name,
                "floor_seconds": round(floor, 3),
                "ratio": round(ratio, 2),
                "target": target,
                "met": None if target is None else ratio <= target,
            }
        )
        print(f"{name:<42} {seconds:7.3f}s  {ratio:5.2f}x {floor_name}", flush=True)

    shipped = args.shipped
    cold = 15  # cheap, and start-up is the noisiest figure on a shared machine
    imp, _ = measure(IMPORT_FLOOR, cold)
    bare, _ = measure(PASS_FLOOR, cold)
    hello, _ = measure(TYPER_FLOOR, cold)
    row(TYPER_FLOOR_NAME, hello, "import floor", imp, None)
    for name, command, target in (
        ("jixiao --help", [*JIXIAO, "--help"], 1.0),
        ("jixiao check (shipped data)", [*JIXIAO, "check", "--data", str(shipped)], 1.2),
        ("jixiao score (shipped data)", [*JIXIAO, "score", "--data", str(shipped)], 1.2),
    ):
        seconds, _ = measure(command, cold)
        row(name, seconds, TYPER_FLOOR_NAME, hello, target)
        row(name, seconds, "import floor", imp, None)
        row(name, seconds, "python -c pass", bare, None)
    if args.startup_only:
        write_results(rows, "latest-startup.json")
        return

    marginal: dict[tuple[str, int], float] = {}
    peaks: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        # Every id of the results file mistyped (1.1.1 for 1-1-1): each is unknown and gets a
        # suggestion; checking it must stay within a small factor of checking the right file.
        for n in (1000, 4000):
            right = write_dataset(Path(tmp) / f"right-{n}", n)
            wrong = mistype_ids(write_dataset(Path(tmp) / f"wrong-{n}", n))
            seconds, _ = measure([*JIXIAO, "check", "--data", str(right)], repeats)
            typo, _ = measure([*JIXIAO, "check", "--data", str(wrong)], repeats, ok=(1,))
            row(f"check, N={n:,}, every id mistyped", typo, "the same, ids right", seconds, 3.0)
        for n in sizes:
            folder = write_dataset(Path(tmp) / str(n), n)
            runs = max(2, repeats - 2) if n >= 10000 else repeats
            floor, floor_peak = measure(yaml_floor(folder), runs)
            check, check_peak = measure([*JIXIAO, "check", "--data", str(folder)], runs)
            score, score_peak = measure(
                [*JIXIAO, "score", "--data", str(folder), "--format", "json"], runs
            )
            mb = sum((folder / f).stat().st_size for f in FILES) / 1e6
            target = 2.5 if n == 30000 else None
            row(f"check, N={n:,} ({mb:.1f} MB)", check, "CSafeLoader floor", floor, target)
            row(f"score --format json, N={n:,}", score, "CSafeLoader floor", floor, target)
            if n == sizes[0]:
                warm = folder
            for name in ("check", "score"):
                if n in (1000, sizes[-1]):
                    # ~0.1 s of work at N=1,000: more runs to steady the median
                    per_leaf_runs = 11 if n < 10000 else runs
                    marginal[(name, n)] = in_process(warm, folder, name, per_leaf_runs) / n
            if n == sizes[-1]:
                peaks = {"floor": floor_peak, "check": check_peak, "score": score_peak}
    if 1000 in sizes and sizes[-1] > 1000:
        for name in ("check", "score"):
            small, large = marginal[(name, 1000)], marginal[(name, sizes[-1])]
            rows.append(
                {
                    "measure": f"{name}: time per leaf, N={sizes[-1]:,} vs N=1,000",
                    "seconds": round(large * 1000, 4),
                    "floor": "ms per leaf at N=1,000 (work alone, fresh process)",
                    "floor_seconds": round(small * 1000, 4),
                    "ratio": round(large / small, 2),
                    "target": 1.5,
                    "met": large / small <= 1.5,
                }
            )
            print(
                f"{name} per leaf: {small * 1e3:.3f} ms -> {large * 1e3:.3f} ms "
                f"({large / small:.2f}x)"
            )
    for name in ("check", "score"):
        ratio = peaks[name] / peaks["floor"]
        rows.append(
            {
                "measure": f"{name}: peak memory, N={sizes[-1]:,}",
                "seconds": None,
                "floor": "CSafeLoader floor peak",
                "peak_kib": peaks[name],
                "floor_peak_kib": peaks["floor"],
                "ratio": round(ratio, 2),
                "target": 1.5,
                "met": ratio <= 1.5,
            }
        )
        print(
            f"{name} peak {peaks[name] / 1024:.0f} MiB vs floor "
            f"{peaks['floor'] / 1024:.0f} MiB ({ratio:.2f}x)"
        )

    with tempfile.TemporaryDirectory() as tmp:
        clean, swollen = hostile_forms(Path(tmp))
        collect = [*JIXIAO, "collect", "--data", str(MINI), "--format", "json", "--force", "--out"]
        floor, floor_peak = measure([*collect, f"{tmp}/clean.yaml", str(clean)], repeats)
        for name, folder in swollen.items():
            seconds, peak = measure([*collect, f"{tmp}/x.yaml", str(folder)], repeats, ok=(1,))
            row(f"collect refuses a form with {name}", seconds, "collect, clean forms", floor, 1.5)
            rows.append(
                {
                    "measure": f"collect refuses a form with {name}: peak memory",
                    "seconds": None,
                    "floor": "collect, clean forms, peak",
                    "peak_kib": peak,
                    "floor_peak_kib": floor_peak,
                    "ratio": round(peak / floor_peak, 2),
                    "target": 1.5,
                    "met": peak / floor_peak <= 1.5,
                }
            )

    with tempfile.TemporaryDirectory() as tmp:
        rows += rank_rows(measure, ROOT, Path(tmp), args.quick)
    write_results(rows, "latest.json")


def write_results(rows: list[dict[str, object]], name: str) -> None:
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.platform()}"
    )
    doc = {"machine": machine, "date": time.strftime("%Y-%m-%d"), "rows": rows}
    (Path(__file__).parent / name).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    print()
    print(markdown(doc))


def hostile_forms(tmp: Path) -> tuple[Path, dict[str, Path]]:
    """The forms of tests/data/mini as `forms` writes them, and folders in which one form of
    some 130 KB is swollen inside as in issue 12 (openpyxl took 8-21 s and up to 1.4 GB)."""
    clean = tmp / "clean"
    subprocess.run(
        [*JIXIAO, "forms", "--data", str(MINI), "--quarter", "3", "--out", str(clean)],
        check=True,
        capture_output=True,
    )
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    swells = {
        "2.6 million shared strings": (
            "xl/sharedStrings.xml",
            "</sst>",
            "<si><t>x</t></si>",
            2_600_000,
        ),
        "700,000 styles": ("xl/styles.xml", "</cellXfs>", xf, 700_000),
        "2 million cells in a row": ("xl/worksheets/sheet2.xml", "</row>", "<c/>", 2_000_000),
    }
    folders = {}
    for name, (member, before, unit, count) in swells.items():
        folder = tmp / name.replace(" ", "-")
        shutil.copytree(clean, folder)
        form = folder / "2024-Q3-协调科.xlsx"
        with zipfile.ZipFile(form) as archive:
            parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
        with zipfile.ZipFile(form, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for part, data in parts:
                if part != member:
                    archive.writestr(part, data)
                    continue
                # streamed, so that this process stays small: children inherit its peak RSS
                head, _, tail = data.partition(before.encode())
                with archive.open(part, "w", force_zip64=False) as out:
                    out.write(head)
                    block = unit.encode() * 10_000
                    for _ in range(count // 10_000):
                        out.write(block)
                    out.write(before.encode() + tail)
        folders[name] = folder
    return clean, folders


def markdown(doc: dict[str, object]) -> str:
    lines = [
        f"Taken {doc['date']} on {doc['machine']}.",
        "",
        "| measure | jixiao | floor | ratio | target | met |",
        "|---|---:|---|---:|---:|:---:|",
    ]
    for r in doc["rows"]:  # type: ignore[attr-defined]
        if r.get("text"):
            ours, floor = str(r["text"]), str(r["floor_text"])
        elif r.get("peak_kib"):
            ours = f"{r['peak_kib'] / 1024:.0f} MiB"
            floor = f"{r['floor']} {r['floor_peak_kib'] / 1024:.0f} MiB"
        elif "per leaf" in r["measure"]:
            ours = f"{r['seconds']:.3f} ms/leaf"
            floor = f"{r['floor_seconds']:.3f} {r['floor']}"
        else:
            ours = f"{r['seconds']:.3f} s"
            floor = f"{r['floor']} {r['floor_seconds']:.3f} s"
        bound = "≥" if r.get("at_least") else "≤"  # a speed-up must reach its target
        target = "—" if r["target"] is None else f"{bound} {r['target']}×"
        met = "—" if r["met"] is None else ("yes" if r["met"] else "**no**")
        ratio = "—" if r["ratio"] is None else f"{r['ratio']}×"
        lines.append(f"| {r['measure']} | {ours} | {floor} | {ratio} | {target} | {met} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
