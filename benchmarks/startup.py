#!/usr/bin/env python3
"""How long imr-tui takes to start and to open a review, against a bare Textual app.

For each Python interpreter given (each a venv with an imr-tui installed: two versions side by
side, say), in one run and in turns, so that a busy spell of the machine slows every program
alike: a bare Textual app (the yardstick), imr-tui on a copy of the worked example, and imr-tui on
a copy of the worked example with a generated chronology of 2,000 entries (1.3 MB), each started
fresh in an 80x24 pseudo-terminal (benchmarks/terminal.py) and timed to its first full screen.
Also in turns, a small process per interpreter that imports imr-tui's store and times reading and
checking each file alone (store.load), and parsing its TOML alone.

Targets (the issue's): imr-tui's first screen on the example within 2x the bare app's; opening the
2,000-entry review (its first screen) within 2.5x opening the example. A benchmark, not a test: it
exits 0 whatever the figures, and 1 only when a program does not run.

usage: python benchmarks/startup.py [--python [NAME=]PATH]... [--starts N] [--loads N] [--goto PART]

The interpreter running this script needs the current imr-tui installed (it generates the large
review with it); each --python needs only an imr-tui of its own, of any version that has
`python -m imr_tui FILE --goto PART` and a store module with load(path). Without --python it
measures itself. Programs start in an empty folder, so that none runs a checkout's source.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from terminal import (
    BARE_APP,
    STARTUP_LIMIT,
    STARTUP_QUIET,
    WORKED_EXAMPLE,
    Answer,
    BenchmarkFailed,
    Settings,
    Terminal,
    _quit,
    fresh_copy,
    large_review,
    machine,
)

FIRST_SCREEN = 2.0  # imr-tui on the example: first screen <= 2x the bare app's
OPENING = 2.5  # the 2,000-entry review: first screen <= 2.5x the example's
PROGRAMS = {"bare": "Textual: bare App", "example": "imr-tui: worked example", "large": "imr-tui: {:,} entries"}
PACKAGES = ("imr-tui", "textual", "pydantic", "rtoml")

# Run by each interpreter, fresh each time: how long importing imr-tui's store takes, then
# reading and checking each file (store.load), then parsing it alone (the TOML reader that store
# uses), with the garbage collector off, as imr-tui opens a review (see imr_tui.__main__).
PROBE = """
import gc, json, sys, time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

gc.disable()
began = time.perf_counter()
try:
    from imr_tui.core import store  # imr-tui with pydantic, tomllib
except ModuleNotFoundError:
    from imr_tui import store  # before: the hand-written validator, rtoml
imported = time.perf_counter() - began
try:
    from imr_tui.toml_reading import read_toml as parse  # before: rtoml, tomllib when it refuses
except ModuleNotFoundError:
    from tomllib import loads as parse

def timed(work, *arguments):
    gc.collect()
    began = time.perf_counter()
    work(*arguments)
    return time.perf_counter() - began

def installed(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return None

files = [Path(name) for name in sys.argv[2:]]
print(json.dumps({
    "python": sys.version.split()[0],
    "packages": {name: installed(name) for name in sys.argv[1].split(",")},
    "store": f"{store.__name__} ({store.__file__})",
    "import": imported,
    "load": [timed(store.load, path) for path in files],
    "parse": [timed(parse, path.read_text(encoding="utf-8")) for path in files],
}))
"""


@dataclass
class Interpreter:
    name: str
    path: str
    starts: dict[str, list[Answer]] = field(default_factory=lambda: {program: [] for program in PROGRAMS})
    probes: list[dict] = field(default_factory=list)

    def first_screen(self, program: str) -> float:
        return median(start.last for start in self.starts[program])

    def probed(self, figure: str, file: int | None = None) -> float:
        """The median of a figure over the probes: of one file (0 the example, 1 the large review)."""
        return median(p[figure] if file is None else p[figure][file] for p in self.probes)

    def described(self) -> str:
        probe = self.probes[0]
        packages = ", ".join(f"{name} {got}" if got else f"no {name}" for name, got in probe["packages"].items())
        return f"{self.name}: {self.path}: Python {probe['python']}, {packages}; store: {probe['store']}"


def interpreters(given: list[str]) -> list[Interpreter]:
    """From `--python before=/path/to/python`, or `--python /path/to/python` ('python N')."""
    found = []
    for n, text in enumerate(given or [sys.executable], start=1):
        name, _, path = text.partition("=") if "=" in text.split("/")[0] else ("", "", text)
        # Absolute, since the programs start elsewhere; not resolved, which would leave the venv.
        found.append(Interpreter(name or f"python {n}", os.path.abspath(path)))
    return found


def start_to_first_screen(argv: list[str]) -> Answer:
    """One fresh start of the program, to its first full screen; then it quits (ctrl+q)."""
    terminal = Terminal(argv)
    answer = terminal.answer(terminal.started, STARTUP_QUIET, STARTUP_LIMIT)
    if answer.last is None or terminal.ended:
        terminal.close()
        raise BenchmarkFailed("drew no screen, or ended at once")
    _quit(terminal)
    return answer


def program_argv(python: str, program: str, reviews: dict[str, Path], folder: Path, part: str) -> list[str]:
    if program == "bare":
        return [python, "-c", BARE_APP]
    return [python, "-m", "imr_tui", str(fresh_copy(reviews[program], folder)), "--goto", part]


def probe(python: str, reviews: dict[str, Path]) -> dict:
    files = [str(reviews["example"]), str(reviews["large"])]
    done = subprocess.run(
        [python, "-c", PROBE, ",".join(PACKAGES), *files], capture_output=True, text=True, timeout=STARTUP_LIMIT
    )
    if done.returncode != 0:
        raise BenchmarkFailed(f"the load probe failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}")
    return json.loads(done.stdout)


def measure(measured: list[Interpreter], reviews: dict[str, Path], options: argparse.Namespace) -> None:
    """Every start and probe, in turns: each round one of each (each program under every interpreter
    in a row, so that they are compared at the same moment), starting one further along."""
    opened = Path(tempfile.mkdtemp(prefix="opened-", dir="."))  # where each start's copy is made
    turns = [(each, program) for program in PROGRAMS for each in measured]
    for n in range(max(options.starts, options.loads)):
        if n < options.starts:
            for each, program in turns[n % len(turns):] + turns[: n % len(turns)]:
                try:
                    argv = program_argv(each.path, program, reviews, opened, options.goto)
                    each.starts[program].append(start_to_first_screen(argv))
                except (BenchmarkFailed, OSError) as failure:
                    raise BenchmarkFailed(f"{each.name} ({each.path}), {program}: {failure}") from None
        if n < options.loads:
            for each in measured:
                try:
                    each.probes.append(probe(each.path, reviews))
                except (BenchmarkFailed, OSError, subprocess.TimeoutExpired, ValueError) as failure:
                    raise BenchmarkFailed(f"{each.name} ({each.path}): {failure}") from None


# Reporting -------------------------------------------------------------------------------------


def aligned(rows: list[tuple[str, ...]], numeric: range) -> str:
    """Rows of cells in columns under the first row's headings, figures aligned right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.rjust(w) if i in numeric else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        .rstrip()
        for row in rows
    ]
    lines.insert(1, "-" * max(map(len, lines)))
    return "\n".join(lines)


def starts_table(measured: list[Interpreter], entries: int) -> str:
    rows = [("python", "program", "first screen s", "min s", "max s", "KB", "ratio", "target", "met?")]
    for each in measured:
        bare, example, large = (each.first_screen(program) for program in PROGRAMS)
        judged = {
            "bare": ("", "(yardstick)", "-"),
            "example": (f"{example / bare:.2f}x bare", f"<= {FIRST_SCREEN:g}x bare", example <= FIRST_SCREEN * bare),
            "large": (f"{large / example:.2f}x example", f"<= {OPENING:g}x example", large <= OPENING * example),
        }
        for program, name in PROGRAMS.items():
            seconds = [start.last for start in each.starts[program]]
            ratio, target, met = judged[program]
            rows.append((
                each.name, name.format(entries), f"{median(seconds):.3f}", f"{min(seconds):.3f}", f"{max(seconds):.3f}",
                f"{median(start.size for start in each.starts[program]) / 1000:.1f}", ratio, target,
                met if isinstance(met, str) else ("yes" if met else "NO"),
            ))
    return aligned(rows, range(2, 6))


def loads_table(measured: list[Interpreter], entries: int) -> str:
    rows = [(
        "python", "import store ms", "load example ms", f"load {entries:,} ms", "ratio",
        "parse example ms", f"parse {entries:,} ms",
    )]
    for each in measured:
        figures = [each.probed("import"), *(each.probed(what, file) for what in ("load", "parse") for file in (0, 1))]
        ms = [f"{seconds * 1000:.1f}" for seconds in figures]
        rows.append((each.name, *ms[:3], f"{figures[2] / figures[1]:.0f}x", *ms[3:]))
    return aligned(rows, range(1, 7))


def report(measured: list[Interpreter], options: argparse.Namespace, size: Settings, about: str) -> str:
    lines = [
        "First full screen at 80x24: seconds from starting the program to the last byte of its first screen",
        starts_table(measured, size.entries),
        "",
        f"Reading and checking the file alone (store.load), after importing the store, in {options.loads} fresh "
        "processes (medians)",
        loads_table(measured, size.entries),
        "",
        *(each.described() for each in measured),
        *(
            f"{each.name}, {program}, each start s: " + " ".join(f"{start.last:.3f}" for start in each.starts[program])
            for each in measured
            for program in PROGRAMS
        ),
        about,
        f"machine: {machine()}",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--python", action="append", default=[], metavar="[NAME=]PATH",
        help="an interpreter with an imr-tui installed; repeat it to compare (default: this one)",
    )
    parser.add_argument("--starts", type=int, default=7, help="fresh starts of each program (default 7)")
    parser.add_argument("--loads", type=int, default=7, help="probes of each interpreter (default 7)")
    parser.add_argument("--goto", default="childs-journey", metavar="PART", help="the part imr-tui opens at")
    options = parser.parse_args()
    if options.starts < 1 or options.loads < 1:
        parser.error("--starts and --loads must be at least 1")
    measured = interpreters(options.python)
    for each in measured:
        if not os.access(each.path, os.X_OK):
            parser.error(f"{each.path}: not an interpreter that can be run")
    size = Settings.chosen(quick=False)
    began, load_before = time.strftime("%Y-%m-%d %H:%M %Z"), os.getloadavg()

    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="imr-startup-") as temp:
        reviews = {"example": WORKED_EXAMPLE, "large": large_review(Path(temp), size.entries, size.words_per_entry)}
        megabytes = reviews["large"].stat().st_size / 1e6
        os.chdir(temp)  # so that `python -m imr_tui` finds the installed imr-tui, not a checkout's
        try:
            measure(measured, reviews, options)
        except BenchmarkFailed as failure:
            print(f"benchmark failed: {failure}", file=sys.stderr)
            return 1
        finally:
            os.chdir(here)

    load_after = os.getloadavg()
    about = (
        f"run: {began}; {options.starts} starts of each program, in turns; imr-tui --goto {options.goto}; "
        f"large review: {size.entries:,} chronology entries, {size.entries * size.words_per_entry:,} words, "
        f"{megabytes:.2f} MB; load average (1, 5, 15 min) {' '.join(f'{a:.2f}' for a in load_before)} at the "
        f"start, {' '.join(f'{a:.2f}' for a in load_after)} at the end"
    )
    print(report(measured, options, size, about))
    return 0


if __name__ == "__main__":
    sys.exit(main())
