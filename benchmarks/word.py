#!/usr/bin/env python3
"""How long the report takes to export as a Word document: the worked example, and the same
review with a generated chronology of 2,000 entries (100,000 words).

Two figures a review: "export s", building the report, rendering it as Word and writing it
atomically (median of 5 runs in this process, python-docx already loaded); and "command s", the
whole `imr-tui export FILE --format docx` as an author runs it, a fresh Python each time, which
also reads the review and loads python-docx (median of 3). The Markdown export of the same
review is timed beside them as a yardstick. A benchmark, not a test: it prints each figure
against its target (the example within 1 s, 2,000 entries within 5 s) and asserts nothing.

usage: python benchmarks/word.py
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from imr_tui.core import store
from imr_tui.core.guidance.example import WORKED_EXAMPLE
from imr_tui.core.report import to_docx, to_markdown
from imr_tui.core.store import write_private_bytes, write_private_text

sys.path.insert(0, str(Path(__file__).parent))
from terminal import large_review, machine  # noqa: E402

TARGETS = {"worked example": 1.0, "2,000 entries": 5.0}


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command_seconds(review: Path, runs: int = 3) -> float:
    command = [sys.executable, "-m", "imr_tui", "export", str(review), "--format", "docx", "--force", "-o",
               str(review.with_name("command.docx"))]
    return median_seconds(lambda: subprocess.run(command, check=True, capture_output=True), runs)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        reviews = {"worked example": Path(folder) / "example.toml", "2,000 entries": large_review(Path(folder), 2000, 50)}
        shutil.copyfile(WORKED_EXAMPLE, reviews["worked example"])
        print(f"{'review':16} {'export s':>9} {'command s':>10} {'markdown s':>11} {'docx KB':>8}  target   met?")
        for name, path in reviews.items():
            review = store.load(path)
            docx_file, markdown_file = path.with_suffix(".docx"), path.with_suffix(".md")
            word = median_seconds(lambda: write_private_bytes(docx_file, to_docx(review).data), 5)
            markdown = median_seconds(lambda: write_private_text(markdown_file, to_markdown(review)), 5)
            command = command_seconds(path)
            target = TARGETS[name]
            print(
                f"{name:16} {word:9.2f} {command:10.2f} {markdown:11.2f} {docx_file.stat().st_size / 1000:8.0f}"
                f"  <= {target:.0f} s   {'yes' if max(word, command) <= target else 'NO'}"
            )
    print(f"machine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
