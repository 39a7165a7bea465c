"""Killed at a random moment while the author types without pause (SIGKILL, as a power cut or
the out-of-memory killer would): the file is whole, opens again, and holds everything typed more
than 1.5 s before the kill. A handful of kills here; benchmarks/crash.py runs 200 and reports
how much typing was lost."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from crash import kill_while_typing  # noqa: E402

pytestmark = pytest.mark.slow  # real pseudo-terminals: deselect with -m 'not slow'


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_kill_while_typing_loses_at_most_the_last_second_and_a_half(tmp_path, seed):
    rng = random.Random(seed)
    kill = kill_while_typing(tmp_path, rng.uniform(2.0, 4.0), rng)
    assert kill.reopened
    assert kill.saved > 0  # saved while the author was still typing
    assert kill.lost_seconds <= 1.5, kill
