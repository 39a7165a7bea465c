"""The open review: where it lives, whether it is saved, and saving it.

Turning a large review into TOML takes a while (about 0.2 s for a 2,000-entry chronology), so the
wizard's saves while the author types run in a background thread: a snapshot of the review is
taken at once, between two keystrokes, and written behind it. Saves are written in order, and a
save never replaces a newer one.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from imr_tui.core import store
from imr_tui.core.model import Review


class ReviewSession:
    clock = staticmethod(dt.datetime.now)  # tests set a fixed clock, so screens are the same each run

    def __init__(self, path: Path, review: Review) -> None:
        self.path = path
        self.review = review
        self.changes = 0  # counts every change; a save records the count it saved
        self.saved_changes = 0
        self.last_edit = 0  # the count at the author's last edit, as against a move to another page
        self.saved_at: dt.datetime | None = None
        self.problem: str | None = None  # why the last save failed; None once a save works
        self._toml = store.TomlWriter()  # remembers records' text between saves
        self._writing = threading.RLock()  # re-entrant: a hang-up may interrupt a save in this thread
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="imr-save")

    @property
    def unsaved(self) -> bool:
        return self.changes != self.saved_changes

    @property
    def edits_saved(self) -> bool:
        return self.last_edit <= self.saved_changes

    def changed(self, *, edit: bool = True) -> None:
        """A change to save; `edit=False` for the page the author is on, which the status does
        not speak of: it says whether their work is on disc."""
        self.changes += 1
        if edit:
            self.last_edit = self.changes

    def _write(self, data: dict, changes: int) -> None:
        with self._writing:
            if changes <= self.saved_changes:
                return  # something newer is already on disc
            try:
                store.save_snapshot(data, self.path, self._toml)
            except store.ReviewFileError as error:
                self.problem = str(error)
                return
            if self.last_edit > self.saved_changes:  # the status's time is when work was saved
                self.saved_at = self.clock()
            self.saved_changes = changes
            self.problem = None

    def save(self) -> bool:
        """Save now, in this thread, if anything changed. A failure is kept in `problem`."""
        if self.unsaved:
            self._write(store.snapshot(self.review), self.changes)
        return not self.unsaved

    def save_in_background(self, done: Callable[[], None]) -> None:
        """Snapshot now, write in the background, then call `done` (from the writer's thread)."""
        data, changes = store.snapshot(self.review), self.changes

        def write() -> None:
            self._write(data, changes)
            done()

        self._writer.submit(write)

    def close(self) -> None:
        self._writer.shutdown(wait=True)

    @property
    def status(self) -> str:
        if self.problem:
            return f"NOT SAVED: {self.problem}"
        if not self.edits_saved:
            return "saving..."
        if self.saved_at:
            return f"saved {self.saved_at:%H:%M:%S}"
        return "saved"
