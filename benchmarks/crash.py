#!/usr/bin/env python3
"""Crash injection, in the style of SQLite's: an author types without pause into the wizard, in a
pseudo-terminal, and the wizard is killed with SIGKILL at a random moment. After each kill the
review file must be whole, must open again, and must hold everything typed more than 1.5 s before
the kill (the wizard saves at least once a second while there are unsaved changes).

Each kill reports how much typing was lost: the time from the first keystroke not on disc to the
kill. The benchmark prints their distribution; tests/terminal/test_crash.py runs a few kills and
asserts the guarantees, never a time.

usage: python benchmarks/crash.py [--kills N] [--seed S]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from terminal import STARTUP_LIMIT, STARTUP_QUIET, Terminal, machine  # noqa: E402

from imr_tui.core import store  # noqa: E402
from imr_tui.core.opening import open_review  # noqa: E402
from imr_tui.core.standard_text import new_review  # noqa: E402

KEYS_A_SECOND = 12  # a fast, steady typist (about 140 words a minute)
ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Kill:
    typed: int  # keystrokes sent before the kill
    saved: int  # of them, found on disc afterwards
    lost_seconds: float  # from the first keystroke not on disc to the kill (0: nothing lost)
    reopened: bool


def typing(count: int, rng: random.Random) -> str:
    """Text to type: words of letters and spaces, different each run, so a saved prefix is exact."""
    return "".join(rng.choice(ALPHABET) if n % 6 else " " for n in range(1, count + 1))


def kill_while_typing(folder: Path, seconds: float, rng: random.Random) -> Kill:
    """Start the wizard on a new review's first long answer, type for `seconds`, then SIGKILL it."""
    path = folder / "review.toml"
    store.save(new_review(), path)
    terminal = Terminal([sys.executable, "-m", "imr_tui", str(path), "--goto", "childs-journey"])
    try:
        terminal.answer(time.perf_counter(), STARTUP_QUIET, STARTUP_LIMIT, shows=b"question 1 of 9")
        text = typing(int(seconds * KEYS_A_SECOND) + 1, rng)
        sent_at: list[float] = []
        start = time.perf_counter()
        for n, key in enumerate(text):
            terminal.watch_until(start + n / KEYS_A_SECOND)  # read what it draws meanwhile
            os.write(terminal.fd, key.encode())
            sent_at.append(time.perf_counter())
        terminal.watch_until(start + seconds)
        killed_at = time.perf_counter()
        os.kill(terminal.pid, signal.SIGKILL)
    finally:
        terminal.close()
    saved = store.load(path).childs_journey.narrative  # a file that is not whole raises here
    if not text.startswith(saved):
        raise RuntimeError("the file holds text that was never typed")
    lost = 0.0 if len(saved) == len(sent_at) else killed_at - sent_at[len(saved)]
    try:
        open_review(path).close()
        reopened = True
    except store.ReviewFileError:
        reopened = False
    return Kill(len(sent_at), len(saved), lost, reopened)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2011)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    kills = []
    with tempfile.TemporaryDirectory() as folder:
        for n in range(options.kills):
            run = Path(folder) / str(n)
            run.mkdir()
            kills.append(kill_while_typing(run, rng.uniform(1.0, 6.0), rng))
    lost = sorted(k.lost_seconds for k in kills)
    print(f"kills: {len(kills)}; typing {KEYS_A_SECOND} keys a second; killed 1 to 6 s into it")
    print(f"files whole and reopened: {sum(k.reopened for k in kills)} of {len(kills)}")
    print(f"keystrokes typed: {sum(k.typed for k in kills)}; on disc after the kills: {sum(k.saved for k in kills)}")
    print(
        "typing lost, seconds: "
        f"median {statistics.median(lost):.2f}, 90th {lost[int(len(lost) * 0.9) - 1]:.2f}, "
        f"max {lost[-1]:.2f}; over 1.5 s: {sum(s > 1.5 for s in lost)}"
    )
    print(f"machine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
