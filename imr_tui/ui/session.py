"""The open review: where it lives, whether it is saved, and saving it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from imr_tui import store
from imr_tui.model import Review


class ReviewSession:
    clock = staticmethod(dt.datetime.now)  # tests set a fixed clock, so screens are the same each run

    def __init__(self, path: Path, review: Review) -> None:
        self.path = path
        self.review = review
        self.unsaved = False
        self.saved_at: dt.datetime | None = None
        self.problem: str | None = None  # why the last save failed; None once a save works

    def changed(self) -> None:
        self.unsaved = True

    def save(self) -> bool:
        """Save if anything changed. A failure is kept in `problem`; the review stays in memory."""
        if not self.unsaved:
            return True
        try:
            store.save(self.review, self.path)
        except store.ReviewFileError as error:
            self.problem = str(error)
            return False
        self.unsaved = False
        self.problem = None
        self.saved_at = self.clock()
        return True

    @property
    def status(self) -> str:
        if self.problem:
            return f"NOT SAVED: {self.problem}"
        if self.unsaved:
            return "saving..."
        if self.saved_at:
            return f"saved {self.saved_at:%H:%M:%S}"
        return "saved"
