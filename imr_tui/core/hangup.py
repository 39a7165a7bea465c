"""When the link drops (SIGHUP) or someone stops imr-tui (SIGTERM): what was typed is saved, and
if the review cannot be saved, an emergency copy is written and the author told where. Every
face follows this; the terminal may be gone, so nothing here waits on it.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from imr_tui.core import store
from imr_tui.core.session import ReviewSession
from imr_tui.core.typed_text import printable

HANG_UPS = (signal.SIGHUP, signal.SIGTERM)


class HungUp(BaseException):  # not an Exception: nothing on the way may take it for an error
    """Raised where the program was when a hang-up arrived (see `raise_on_hang_up`)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum  # as a shell reports a program the signal ended


def raise_on_hang_up() -> None:
    """From now on a hang-up raises HungUp in the main thread, wherever it is."""

    def hung_up(signum: int, _frame: object) -> None:
        raise HungUp(signum)

    for signum in HANG_UPS:
        signal.signal(signum, hung_up)


@contextmanager
def hang_ups_held() -> Iterator[None]:
    """A hang-up that arrives meanwhile is held until the block has finished (a save, whole)."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, HANG_UPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


@contextmanager
def hang_ups_let_in() -> Iterator[None]:
    """Inside hang_ups_held: a hang-up held so far, or arriving meanwhile, is taken here."""
    before = signal.pthread_sigmask(signal.SIG_UNBLOCK, HANG_UPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def save_or_rescue(session: ReviewSession) -> str:
    """Save what the session has not saved, unless another program has changed the file (the
    author cannot be asked now); else write an emergency copy. What to tell the author on
    standard error ('' when the review itself is saved): where the copy is, or that the changes
    are lost."""
    if session.save():
        return ""
    failed = session.problem or f"{session.path}: could not save"
    kept = store.rescue(store.snapshot(session.review), session.path)
    if kept is not None:
        return f"imr-tui: {failed}; your latest changes are in {kept} (readable by you alone)"
    return f"imr-tui: {failed}, and no emergency copy could be written: your latest changes are lost"


def tell(message: str) -> None:
    """Say `message` on the process's own standard error (Textual takes over sys.stderr while it
    runs), if a terminal still takes it."""
    if message and sys.__stderr__ is not None:
        with suppress(OSError):
            print(printable(message), file=sys.__stderr__, flush=True)
