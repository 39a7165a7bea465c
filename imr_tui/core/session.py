"""The open review: where it lives, whether it is saved, and saving it.

Turning a large review into TOML takes a while (about 0.2 s for a 2,000-entry chronology), so the
wizard's saves while the author types run in a background thread: a snapshot of the review is
taken at once, between two keystrokes, and written behind it. Saves are written in order, and a
save never replaces a newer one.

Another program may change the file meanwhile (an editor, a sync client, a session on another
computer sharing the drive, which no lock can see). Before each save the file is compared with
what this session last read or wrote; if it changed, nothing is written until the author chooses:
keep theirs, keep mine (theirs copied beside first), or look at what differs.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from imr_tui.core import store
from imr_tui.core.guidance import template
from imr_tui.core.lock import ReviewLock
from imr_tui.core.model import Review
from imr_tui.core.wording import plural


class ReviewSession:
    clock = staticmethod(dt.datetime.now)  # tests set a fixed clock, so screens are the same each run

    def __init__(
        self, path: Path, review: Review, known: store.FileState | None = None, lock: ReviewLock | None = None
    ) -> None:
        """`known`: the file as it was read (imr_tui.core.opening), else as it is now; `lock`, held
        on it, follows the file to each new identity a save gives it."""
        self.path = path
        self.lock = lock
        self.review = review
        self.known = known or _as_it_is(path)
        self.changed_elsewhere = False  # saving waits for the author to choose (see module)
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
                if self.changed_elsewhere or (self.known is not None and self.known.changed(self.path)):
                    self.changed_elsewhere = True
                    self.problem = f"{self.path}: another program has changed it since you opened it"
                    return
                self.known = store.save_snapshot(data, self.path, self._toml)
                if self.lock is not None:
                    self.lock.follow_the_file()
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

    # Another program's change ---------------------------------------------------------------

    def theirs(self) -> Review:
        """The review as the other program left it (store.ReviewFileError if it cannot be read)."""
        return store.load(self.path)

    def keep_theirs(self) -> Review:
        """Drop this session's unsaved changes and go on from the file as the other program left
        it; the review to show from now on."""
        with self._writing:
            self.review, self.known = store.load_for_editing(self.path)
            if self.lock is not None:
                self.lock.follow_the_file()
            self._toml = store.TomlWriter()
            self._resolved()
            self.saved_changes = self.changes
        return self.review

    def keep_mine(self) -> Path:
        """Copy their version beside the review, then save this session's over it; the copy."""
        with self._writing:
            copy, self.known = store.keep_theirs_beside(self.path)
            self._resolved()
        self.save()
        return copy

    def _resolved(self) -> None:
        self.changed_elsewhere = False
        self.problem = None

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


def _as_it_is(path: Path) -> store.FileState | None:
    try:
        return store.load_for_editing(path)[1] if path.exists() else None
    except store.ReviewFileError:
        return None


def differences(mine: Review, theirs: Review) -> list[str]:
    """Where two versions of a review differ, part by part and record by record, by place only
    (never the text): what an author needs to choose between them."""
    found = []
    for part in template().parts:
        ours, other = mine.part(part.id), theirs.part(part.id)
        if ours == other:
            continue
        for question in part.questions:
            a, b = getattr(ours, question.id), getattr(other, question.id)
            if a == b:
                continue
            if question.kind != "records":
                found.append(f"{part.heading}: '{question.prompt}'")
                continue
            title = template().records[question.record].title.lower()
            by_id = {r.id: r for r in b}
            for number, record in enumerate(a, 1):
                if record.id not in by_id:
                    found.append(f"{part.heading}: {title} {number} is only in yours")
                elif record != by_id[record.id]:
                    found.append(f"{part.heading}: {title} {number} differs")
            mine_ids = {r.id for r in a}
            only_theirs = sum(1 for r in b if r.id not in mine_ids)
            if only_theirs:
                found.append(f"{part.heading}: {plural(only_theirs, title)} only in theirs")
        if ours.completed != other.completed:
            found.append(f"{part.heading}: marked completed in one only")
    return found
