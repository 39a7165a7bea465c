#!/usr/bin/env python3
"""What the cell-diff layer costs in CPU: each frame Textual writes, fed through it again.

imr-tui runs in terminal.py's pseudo-terminal at 80x24 with the layer off (--no-diff), so what
comes back is what Textual writes: the first page (a full-screen repaint), the next question
(ctrl+n), then characters typed at the start of the child's journey (a wrapped paragraph) and
into a short field. Each is fed, in order, through a fresh ScreenDiff (insert and delete
character on, as on xterm), many times; the CPU time of each feed is its cost. Targets (issue
21): at most 2 ms a typing frame, 20 ms a full-screen repaint.

usage: python benchmarks/screen_diff_cpu.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from terminal import COLUMNS, CTRL_N, PAGE_QUIET, ROWS, STARTUP_LIMIT, STARTUP_QUIET, Terminal, fresh_copy, machine

from imr_tui.core.guidance.example import WORKED_EXAMPLE
from imr_tui.ui.screen_diff import ScreenDiff

TYPED = "Seen at home, she smiled at her brother."
TARGETS = {"typing": 0.002, "page": 0.020}


def recorded(part: str, before_typing: str, folder: Path, typed: str = TYPED) -> list[tuple[str, bytes]]:
    """What Textual wrote for each moment, in order: (what it was, the bytes)."""
    argv = [sys.executable, "-m", "imr_tui", str(fresh_copy(WORKED_EXAMPLE, folder)), "--goto", part, "--no-diff"]
    terminal = Terminal(argv)
    frames = [("first page", _collect(terminal, STARTUP_QUIET, STARTUP_LIMIT))]
    try:
        for key in before_typing:
            frames.append(("next question", _answer(terminal, key, PAGE_QUIET)))
        frames += [(f"typed: {part}", _answer(terminal, key, 0.15)) for key in typed]
        frames.append(("next question", _answer(terminal, CTRL_N, PAGE_QUIET)))
    finally:
        terminal.close()
    return frames


def _answer(terminal: Terminal, key: str, quiet: float) -> bytes:
    os.write(terminal.fd, key.encode())
    return _collect(terminal, quiet, 5.0)


def _collect(terminal: Terminal, quiet: float, limit: float) -> bytes:
    """The bytes written from now until `quiet` seconds pass without one (after the first)."""
    data, start = b"", time.perf_counter()
    last = None
    while time.perf_counter() - start < limit and (last is None or time.perf_counter() - last < quiet):
        chunk = terminal._read(0.02)
        if chunk:
            data, last = data + chunk, time.perf_counter()
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30, help="times each recording is fed through (default 30)")
    parser.add_argument("--quick", action="store_true", help="type 5 characters, not 40, fed through once: proves it runs (CI)")
    options = parser.parse_args()
    typed, options.repeat = (TYPED[:5], 1) if options.quick else (TYPED, options.repeat)
    with tempfile.TemporaryDirectory(prefix="imr-benchmark-") as temp:
        recordings = [recorded(part, before, Path(temp), typed) for part, before in (("childs-journey", ""), ("review-details", CTRL_N))]
    costs: dict[str, list[float]] = {}
    sizes: dict[str, list[tuple[int, int]]] = {}
    for frames in recordings:
        for _ in range(options.repeat):
            layer = ScreenDiff(COLUMNS, ROWS, insert_delete=True)
            for what, data in frames:
                text = data.decode("utf-8", "replace")
                started = time.process_time()
                sent = layer.feed(text)
                costs.setdefault(what, []).append(time.process_time() - started)
                sizes.setdefault(what, []).append((len(data), len(sent.encode())))
    print(f"{'frame':32} {'frames':>6} {'in B med':>8} {'out B med':>9} {'ms med':>7} {'ms max':>7}  target")
    for what, times in costs.items():
        kind = "typing" if what.startswith("typed") else "page"
        in_bytes, out_bytes = zip(*sizes[what])
        print(
            f"{what:32} {len(times) // options.repeat:>6} {median(in_bytes):>8.0f} {median(out_bytes):>9.0f} "
            f"{median(times) * 1000:>7.2f} {max(times) * 1000:>7.2f}  <= {TARGETS[kind] * 1000:g} ms: "
            f"{'yes' if median(times) <= TARGETS[kind] else 'NO'}"
        )
    print(f"\nrun: {options.repeat} times each; CPU time (process_time) of ScreenDiff.feed per frame; machine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
