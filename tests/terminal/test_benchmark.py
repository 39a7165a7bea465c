"""The terminal benchmark still runs: CI runs benchmarks/terminal.py once in its quick mode.

It is a benchmark, not a timed test, so no figure is asserted here; what is proved is that every
scenario started in a real pseudo-terminal, answered the keys typed into it, quit cleanly on
ctrl+q and was reported, so a change that breaks the measuring is caught the day it is made.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the benchmark's smoke run: deselect with -m 'not slow'

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "terminal.py"

# The rows a reader of the quick run's table looks for (its large review has 200 entries).
SCENARIOS = (
    "Textual: bare App, one Static",
    "Textual: TextArea, full height",
    "Textual: Input, bordered",
    "imr-tui example: long answer",
    "imr-tui example: short field",
    "imr-tui 200 entries: long answer",
    "imr-tui 200 entries: short field",
    "imr-tui 200 entries: autosave",
    # New text at the end of an empty answer, and the example's rows without the cell-diff layer.
    "imr-tui new review: long answer, at its end",
    "imr-tui new review: short field, at its end",
    "imr-tui new review: long answer, at its end, --no-diff",
    "imr-tui new review: short field, at its end, --no-diff",
    "imr-tui example: long answer, --no-diff",
    "imr-tui example: short field, --no-diff",
)


def test_the_terminal_benchmark_measures_every_scenario_and_prints_its_table():
    finished = subprocess.run(
        [sys.executable, str(BENCHMARK), "--quick"], capture_output=True, text=True, timeout=600
    )
    assert finished.returncode == 0, f"the benchmark failed: {finished.stderr.strip()[-2000:]}"

    lines = finished.stdout.splitlines()
    headings = [heading.strip() for heading in lines[0].split("  ") if heading.strip()]
    assert headings[:4] == ["scenario", "start s", "start KB", "idle B/s"] and headings[-2:] == ["target", "met?"]
    for scenario in SCENARIOS:
        rows = [line for line in lines if line.startswith(scenario + " ")]
        assert len(rows) == 1, f"the table has {len(rows)} rows for {scenario!r}:\n{finished.stdout}"
        startup, first_screen, idle, next_page, preview, bytes_per_char = rows[0][len(scenario) :].split()[:6]
        assert re.fullmatch(r"\d+\.\d\d", startup) and re.fullmatch(r"\d+\.\d", first_screen), rows[0]
        assert idle.isdigit(), rows[0]
        if scenario.startswith("imr-tui"):  # stock apps have no next question
            assert re.fullmatch(r"\d+\.\d", next_page), rows[0]
        if scenario.endswith("long answer"):  # the preview is opened there, as from any page
            assert re.fullmatch(r"\d+\.\d\d", preview), rows[0]
        if scenario != "Textual: bare App, one Static":  # the one scenario that types nothing
            assert bytes_per_char.isdigit(), rows[0]
    assert any(line.startswith("machine: ") and "Textual" in line for line in lines), finished.stdout
    assert "Bytes per character typed, median (largest):" in lines, finished.stdout


def test_the_cell_diff_layers_cpu_benchmark_runs():
    finished = subprocess.run(
        [sys.executable, str(BENCHMARK.parent / "screen_diff_cpu.py"), "--quick"],
        capture_output=True, text=True, timeout=300,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    for frame in ("first page", "next question", "typed: childs-journey", "typed: review-details"):
        assert any(line.startswith(frame) for line in finished.stdout.splitlines()), finished.stdout
