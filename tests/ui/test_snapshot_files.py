"""Every snapshot kept belongs to a snapshot test.

The suite runs in two processes (pytest-xdist), and syrupy then no longer fails a run that leaves
a snapshot unused (a test renamed or removed, its picture left behind), as it does in one process.
"""

from __future__ import annotations

import ast
from pathlib import Path

SNAPSHOT_TESTS = Path(__file__).with_name("test_snapshots.py")
SNAPSHOTS = Path(__file__).with_name("__snapshots__") / SNAPSHOT_TESTS.stem


def test_every_snapshot_kept_is_taken_by_a_snapshot_test():
    tests = {
        node.name
        for node in ast.parse(SNAPSHOT_TESTS.read_text(encoding="utf-8")).body
        if isinstance(node, ast.FunctionDef) and "snap_compare" in [argument.arg for argument in node.args.args]
    }
    kept = {snapshot.stem.split("[")[0] for snapshot in SNAPSHOTS.iterdir()}  # name[parameters].svg
    assert tests, f"no snapshot test found in {SNAPSHOT_TESTS.name}"
    assert kept <= tests, f"snapshots no test takes (delete them): {sorted(kept - tests)}"
