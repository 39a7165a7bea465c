"""When the link drops (SIGHUP) or someone stops imr-tui (SIGTERM): what was typed is saved, and
if the review cannot be saved, an emergency copy is written and the author told where. Every
face follows this; the terminal may be gone, so nothing here waits on it.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from imr_tui.core import store
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


def save_or_rescue(data: dict, path: Path, known: store.FileState | None) -> bool:
    """Save a snapshot of the review (store.snapshot) to `path`, unless another program has
    changed the file since `known` (the author cannot be asked now); if it is not saved, write an
    emergency copy and say where on standard error, or say that the changes are lost. True when
    the review itself was saved."""
    try:
        if known is not None and known.changed(path):
            raise store.ReviewFileError(f"{path}: another program has changed it since it was opened")
        store.save_snapshot(data, path)
        return True
    except store.ReviewFileError as problem:
        failed = str(problem)
    kept = store.rescue(data, path)
    if kept is not None:
        said = f"imr-tui: {failed}; your latest changes are in {kept} (readable by you alone)"
    else:
        said = f"imr-tui: {failed}, and no emergency copy could be written: your latest changes are lost"
    try:
        print(printable(said), file=sys.stderr, flush=True)
    except OSError:  # the terminal has gone too
        pass
    return False
