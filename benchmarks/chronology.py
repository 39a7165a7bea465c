#!/usr/bin/env python3
"""How long the panel's chronology commands take on large reviews, run as an author runs them.

Each figure is the wall time of one `python -m imr_tui ...` process (so Python's and imr-tui's
start are in it), the median of several runs, on reviews made from the worked example with its
chronology replaced by generated entries (benchmarks/terminal.py's large_review), each entry
naming people in the register, as a real chronology does: ten agencies' reviews of 2,000 entries
to merge, and one to export anonymised. A benchmark, not a test: it prints the figures beside the
target (under 5 s each) and asserts nothing.

usage: python benchmarks/chronology.py [--quick] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from imr_tui.core import store

sys.path.insert(0, str(Path(__file__).parent))
from terminal import large_review, machine  # noqa: E402

TARGET = 5.0  # seconds, for each command
AGENCIES = 10
# Names from the worked example's register, written as records write them.
NAMED = (
    "Kerry Farrow said that Darren KITCHING had been looking after Lily-Mae.",
    "Carys Holloway spoke to Mrs Farrow's mother, Pauline, by telephone.",
    "Daz Kitching's car was outside; Jayden was at nursery with Leanne Shaw.",
)


def reviews(folder: Path, entries: int) -> list[Path]:
    """AGENCIES reviews of `entries` entries each, every entry naming someone, each its own agency."""
    made = large_review(folder, entries, 50)
    review = store.load(made)
    for n, entry in enumerate(review.chronology.entries):
        entry.what_happened = f"{NAMED[n % len(NAMED)]} {entry.what_happened}"
        entry.source = f"Electronic child health record, contact {n}"
    review.review_details.period_end = max(entry.date.latest for entry in review.chronology.entries)
    paths = []
    for number in range(1, AGENCIES + 1):
        review.review_details.agency = f"Agency {number} of the review"
        path = folder / f"agency-{number}.toml"
        store.save(review, path)
        paths.append(path)
    return paths


def timed(args: list[str], runs: int) -> tuple[float, float]:
    """The median wall time and processor time (user and system) of `python -m imr_tui ARGS`,
    which must succeed. On a machine others are using, the processor time is the steadier."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "imr_tui", *args], capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            sys.exit(f"benchmark: imr-tui {args[0]} failed: {done.stderr.strip()}")
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 entries a review, one run: proves it runs")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (the median is shown)")
    args = parser.parse_args()
    entries, runs = (200, 1) if args.quick else (2_000, args.runs)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        paths = reviews(folder, entries)
        files = [str(p) for p in paths]
        one = files[0]
        rows = [
            (f"merge {AGENCIES} reviews of {entries:,} entries to .csv", ["merge", *files, "-o", str(folder / "m.csv")]),
            (f"merge {AGENCIES} reviews of {entries:,} entries to .md", ["merge", *files, "-o", str(folder / "m.md")]),
            (f"merge {AGENCIES} reviews, anonymised, to .csv", ["merge", *files, "--anonymise", "-o", str(folder / "a.csv")]),
            (f"merge {AGENCIES} reviews, anonymised, to .md", ["merge", *files, "--anonymise", "-o", str(folder / "a.md")]),
            (f"export a review of {entries:,} entries (.md)", ["export", one, "-o", str(folder / "r.md")]),
            (f"export a review of {entries:,} entries anonymised (.md)", ["export", one, "--anonymise", "-o", str(folder / "x.md")]),
            (f"export a review of {entries:,} entries anonymised (.csv)", ["export", one, "--anonymise", "--format", "csv", "-o", str(folder / "x.csv")]),
            (f"import a chronology of {entries:,} rows", None),
        ]
        width = max(len(name) for name, _ in rows)
        print(f"{'command':<{width}}  {'wall s':>6}  {'cpu s':>6}  target {TARGET:.0f} s (wall)")
        for name, command in rows:
            if command is None:  # into a copy of a review, from the CSV of its own chronology
                target = folder / "into.toml"
                target.write_bytes(paths[1].read_bytes())
                command = ["import-chronology", str(target), str(folder / "x.csv")]
                wall, cpu = timed(command, 1)
            else:
                wall, cpu = timed(command, runs)
            print(f"{name:<{width}}  {wall:>6.2f}  {cpu:>6.2f}  {'met' if wall < TARGET else 'MISSED'}")
    print(f"runs: median of {runs}; reviews: the worked example with {entries:,} generated entries of 50 words, each naming people")
    print(f"machine: {machine()}; load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
