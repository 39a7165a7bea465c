"""Fixtures shared by the test folders: a review on disc to open, new or the worked example; and
what keeps one test from changing the test process for the others that run after it in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import imr_tui.__main__
from imr_tui.core import store
from imr_tui.core.guidance.example import WORKED_EXAMPLE
from imr_tui.core.standard_text import new_review


# Generating a large review can take over a second on a loaded machine (the suite runs in two
# processes, beside the programs its terminal tests start): slow, not wrong. The examples tried
# are the same; only Hypothesis's timing checks are off.
settings.register_profile("loaded-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("loaded-machine")


@pytest.fixture(autouse=True)
def core_files_left_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    """imr-tui's command forbids core files for good (hard limit 0) in the process it runs in.
    Run in the test process (tests/cli), it took that from every later test in the process,
    which could no longer start a program that may write one (test_privacy). Programs the tests
    start still do it themselves."""
    monkeypatch.setattr(imr_tui.__main__, "keep_out_of_core_files", lambda: None)


@pytest.fixture
def review_file(tmp_path: Path) -> Path:
    """A new review, as `imr-tui new` writes it, in review.toml."""
    path = tmp_path / "review.toml"
    store.save(new_review(), path)
    return path


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    """A copy of the worked example in review.toml, to open and change: read afresh from the
    shipped file (not the shared, cached one), written owner-only as imr-tui writes a review."""
    path = tmp_path / "review.toml"
    store.save(store.load(WORKED_EXAMPLE), path)
    return path
