"""What every command of the command line shares: one line on stderr for a refusal, file names
shown escaped, and the way a command reads or opens a review (imr_tui.cli, and the panel's
chronology commands in imr_tui.chronology_commands)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from imr_tui.core.model import Review
from imr_tui.core.opening import OpenReview, ReviewLocked, open_review, read_review
from imr_tui.core.store import review_file
from imr_tui.core.typed_text import printable


def say(line: str = "", *, file: TextIO | None = None) -> None:
    """Print one line; a file's name in it is shown with its control characters (a line break
    too) escaped, never obeyed by the terminal."""
    print(printable(line), file=file or sys.stdout)


class Refused(Exception):
    """A command cannot do what was asked; the message says why in one line."""


def review_path(text: str) -> Path:
    return review_file(Path(text))


def read(path: Path) -> Review:
    """The review at `path` to read (no lock, nothing changed); its notes on stderr."""
    review, notes = read_review(path)
    for note in notes:
        say(f"imr-tui: {note}", file=sys.stderr)
    return review


def open_for_writing(path: Path, take_over: bool, create: bool) -> OpenReview:
    try:
        return open_review(path, create=create, take_over=take_over)
    except ReviewLocked as locked:
        if locked.can_force:
            raise Refused(f"{locked} (imr-tui {path} --take-over)") from None
        raise
