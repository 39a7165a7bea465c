"""Opening a review: the one policy every face follows (the wizard, plain mode, the commands).

A review file is case data about a child, so opening one for writing always does the same
things, in the same order:

1. follows a symbolic link to the file itself (`store.review_file`), so the lock and backup sit
   beside the file and a save replaces the file, not the link;
2. takes the lock (one session a review); a lock left by a session on another computer is taken
   over only when the author says that session has ended;
3. reads and checks the file (a file that cannot be used is refused, untouched), or starts a new
   review there when the author asked for one;
4. keeps the version as opened in FILE.bak;
5. makes a file that others could read owner-only, and says so: someone may have copied it;
6. finds where the author left off.

Anything to tell the author comes back as `notes`, one line each, for the face to show.
Read-only commands (check, export) use `read_review`, which takes no lock and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from imr_tui.core import store
from imr_tui.core.guidance.example import WORKED_EXAMPLE
from imr_tui.core.lock import ReviewLock, ReviewLocked, acquire
from imr_tui.core.model import PART_IDS, Review
from imr_tui.core.standard_text import new_review
from imr_tui.core.walk import lost_resume_point, step_index

__all__ = ["OpenReview", "ReviewLocked", "copy_worked_example", "open_review", "read_review"]


@dataclass
class OpenReview:
    """A review open for writing: its file, its answers, the lock held on it."""

    path: Path
    review: Review
    lock: ReviewLock
    known: store.FileState  # the file as read: another program's later change shows against it
    created: bool = False
    notes: list[str] = field(default_factory=list)

    def resume_at(self, goto: str | None = None) -> tuple[str, int] | None:
        """The part and step to open at: `goto` (a part id), else where the author left off;
        None for the task list. A resume point naming a part that is not there is ignored."""
        part = goto or self.review.resume.part
        if part not in PART_IDS:
            return None
        question = "" if goto else self.review.resume.question
        return part, step_index(part, self.review, question)

    def close(self) -> None:
        self.lock.release()


def open_review(path: Path, *, create: bool = False, take_over: bool = False) -> OpenReview:
    """Open the review at `path` for writing (see the module's policy). With `create`, a path
    where there is no file yet gets a new review. Raises ReviewLocked (`can_force` when the
    author may take it over) or store.ReviewFileError; nothing is changed when it does."""
    path = store.review_file(path)
    if not path.exists() and not create:
        raise store.ReviewFileError(f"{path}: does not exist")
    lock = acquire(path, force=take_over)
    try:
        opened = _existing(path, lock) if path.exists() else _new(path, lock)  # as it is, locked
    except BaseException:
        lock.release()
        raise
    if lock.took_over:
        opened.notes.insert(0, f"Note: {lock.took_over}.")
    return opened


def _existing(path: Path, lock: ReviewLock) -> OpenReview:
    review, known = store.load_for_editing(path)
    opened = OpenReview(path, review, lock, known)
    if (lost := lost_resume_point(opened.review)) is not None:
        opened.notes.append(f"Where you left off {lost}.")
    try:
        store.backup(path)
    except store.ReviewFileError as problem:
        opened.notes.append(f"No backup made: {problem}")
    if store.readable_by_others(path):
        opened.notes.append(_made_private(path))
    if path.stat().st_nlink > 1:
        opened.notes.append(
            f"{path} has another name (a hard link): imr-tui saves by replacing the file, so the "
            "other name will keep the review as it was before this session."
        )
    return opened


def _new(path: Path, lock: ReviewLock) -> OpenReview:
    review = new_review()
    known = store.create(review, path)
    return OpenReview(path, review, lock, known, created=True, notes=[f"Started a new review in {path}."])


def _made_private(path: Path) -> str:
    try:
        path.chmod(0o600)
        fix = "imr-tui has made it owner-only (chmod 600)"
    except OSError:
        fix = f"make it owner-only: chmod 600 {path}"
    return f"{path} could be read by other users: {fix}. Check who else may have copied it."


def copy_worked_example(path: Path) -> None:
    """A private copy (0600) of the worked example at `path`, to explore and change freely;
    a copy already there is kept, as the author left it."""
    if not path.exists():
        store.write_private_text(path, WORKED_EXAMPLE.read_text(encoding="utf-8"))


def read_review(path: Path) -> tuple[Review, list[str]]:
    """The review at `path`, to check or export: no lock, nothing changed. The notes warn of a
    file that others can read."""
    path = store.review_file(path)
    review = store.load(path)
    notes = []
    if store.readable_by_others(path):
        notes.append(f"warning: {path} can be read by other users; make it private: chmod 600 {path}")
    return review, notes
