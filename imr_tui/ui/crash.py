"""When the wizard must stop at once: an error of its own, or the link dropped. What the author
wrote is saved, and nothing from the review is told.

Textual's own crash report prints local variables, which here hold the case (see
textual_seams.PrivateCrashApp, which shows this one instead).
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import NoReturn

from textual.worker import WorkerFailed

from imr_tui.core.opening import OpenReview
from imr_tui.core.session import ReviewSession


def leave_at_once(session: ReviewSession | None, opened: OpenReview | None) -> NoReturn:
    """SIGHUP (the link dropped) or SIGTERM: save what is in memory, every keystroke of it,
    and leave at once. The terminal may be gone, so nothing is drawn and nothing waited for
    but the save itself (at most one write already under way)."""
    saved = session.save() if session is not None else True
    if opened is not None:
        opened.close()
    os._exit(0 if saved else 1)


def save_and_report(error: BaseException, session: ReviewSession | None) -> str:
    """Save what the author wrote, if it can be, then report `error`."""
    saved = False
    if session is not None:
        try:
            saved = session.save()
        except Exception:
            saved = False
    return crash_report(error, session.path if saved else None)


def crash_report(error: BaseException, saved_to: Path | None) -> str:
    """Names the error's type and the last place in imr-tui it passed; never its message."""
    chain: list[BaseException] = []
    while error is not None and error not in chain:
        chain.append(error)
        # A worker's error comes wrapped, the wrapper raised from nowhere (the preview's, say).
        error = error.error if isinstance(error, WorkerFailed) else error.__cause__ or error.__context__
    ours = deepest = "an unknown place"
    for link in chain:  # outermost first, so the deepest place in the first cause wins
        for frame, line in traceback.walk_tb(link.__traceback__):
            filename = Path(frame.f_code.co_filename)
            deepest = f"{filename.name}:{line}"
            if "imr_tui" in filename.parts:
                ours = f"{'/'.join(filename.parts[filename.parts.index('imr_tui'):])}:{line}"
    place = ours if ours != "an unknown place" else deepest
    kinds = " from ".join(type(link).__name__ for link in chain)
    kept = f"Your review was saved to {saved_to}." if saved_to else "Your file on disc is as it was last saved."
    return (
        f"imr-tui stopped because of an internal error ({kinds} at {place}).\n"
        f"{kept} Please report the line above; it holds nothing from your review."
    )
