"""Fixtures shared by the test folders: a review on disc to open, new or the worked example."""

from __future__ import annotations

from pathlib import Path

import pytest

from imr_tui.core import store
from imr_tui.core.guidance.example import WORKED_EXAMPLE
from imr_tui.core.standard_text import new_review


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
