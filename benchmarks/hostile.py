#!/usr/bin/env python3
"""How long imr-tui takes to refuse a hostile or broken review file, shape by shape.

Each file is just inside or past one of the limits in imr_tui/core/file_limits.py and model.py; the
figure is the time `store.loads` takes to refuse (or, for a real 2,000-entry review, to read) it,
median of 3. A benchmark, not a test: the target is "within a second", and it prints each figure
against it.

usage: python benchmarks/hostile.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from imr_tui.core import file_limits, store
from imr_tui.core.model import MAX_TEXT, SCHEMA_VERSION

sys.path.insert(0, str(Path(__file__).parent))
from terminal import large_review, machine  # noqa: E402

HEAD = f"schema_version = {SCHEMA_VERSION}\n"
ROOM = file_limits.MAX_BYTES - 1024  # just inside the size limit


def shapes() -> dict[str, str]:
    return {
        "a key of 10,000 dotted parts": HEAD + ".".join(["a"] * 10_000) + " = 1\n",
        "100,000 dotted parts in an inline table": HEAD + "x = {" + ".".join(["a"] * 100_000) + " = 1}\n",
        "2 million values in an array": HEAD + "x = [" + "1," * (ROOM // 2) + "]\n",
        "150,000 tables": HEAD + "".join(f"[t{i}]\n" for i in range(150_000)),
        "1 million blank lines": HEAD + "\n" * 1_000_000,
        "1 million escapes": HEAD + 'x = "' + "\\n" * 1_000_000 + '"\n',
        "one answer of 4 MB, commas": HEAD + '[review_details]\nagency = "' + "x, " * (ROOM // 3) + '"\n',
        "one answer of 4 MB, escapes": HEAD + '[review_details]\nagency = "' + "\\n" * 99_000 + "x" * (ROOM - 200_000) + '"\n',
        f"answers of {MAX_TEXT + 1:,} characters": HEAD + "[childs_journey]\n"
        + "".join(f'a{n} = "{"x" * (MAX_TEXT + 1)}"\n' for n in range(ROOM // (MAX_TEXT + 10))),
        "190,000 short lines": HEAD + "[[x]]\n" * 190_000,
    }


def refusal_time(text: str) -> tuple[float, str]:
    times, said = [], ""
    for _ in range(3):
        start = time.perf_counter()
        try:
            store.loads(text, "review.toml")
            said = "read"
        except store.ReviewFileError as refused:
            said = str(refused).removeprefix("review.toml: ")
        times.append(time.perf_counter() - start)
    return statistics.median(times), said


def main() -> int:
    files = shapes()
    with tempfile.TemporaryDirectory() as folder:
        files["a real review of 2,000 entries (read)"] = large_review(Path(folder), 2000, 50).read_text(encoding="utf-8")
    print(f"{'file':42} {'MB':>5} {'seconds':>8}  {'within 1 s':10}  what it said")
    for name, text in files.items():
        seconds, said = refusal_time(text)
        print(f"{name:42} {len(text) / 2**20:5.2f} {seconds:8.3f}  {'yes' if seconds <= 1 else 'NO':10}  {said[:60]}")
    print(f"machine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
