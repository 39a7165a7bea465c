"""When the wizard must stop at once: an error of its own, or the link dropped. What the author
wrote is saved, and nothing from the review is told.

Textual's own crash report prints local variables, which here hold the case (see
textual_seams.PrivateCrashApp, which shows this one instead).
"""

from __future__ import annotations

import fcntl
import os
import sys
import termios
import traceback
from contextlib import suppress
from pathlib import Path
from typing import NoReturn

from textual.worker import WorkerFailed

from imr_tui.core.hangup import save_or_rescue, tell
from imr_tui.core.opening import OpenReview
from imr_tui.core.session import ReviewSession

# What Textual's driver turns on (linux_driver.start_application_mode), turned off again: the
# keyboard protocol, focus reports, bracketed paste, every kind of mouse report; the cursor shown;
# the colours reset; back from the alternate screen.
_TERMINAL_AS_IT_WAS = (
    "\x1b[<u\x1b[?1004l\x1b[?2004l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l"
    "\x1b[?2048l\x1b[?7h\x1b[?25h\x1b[0m\x1b[?1049l"
).encode()


class TerminalModes:
    """The terminal's line settings before the wizard took it, to give back when it must leave
    without Textual's own goodbye (a hang-up arrives where Textual cannot run)."""

    def __init__(self) -> None:
        self.fd = sys.__stdout__.fileno() if sys.__stdout__ is not None else -1
        self.settings = None
        with suppress(OSError, termios.error, ValueError):
            self.settings = termios.tcgetattr(sys.__stdin__.fileno())

    def restore(self) -> None:
        """Where the terminal survives (SIGTERM from an admin, a tmux pane): as it was. Never
        waits on a terminal that has gone or stopped reading."""
        with suppress(OSError, ValueError):
            fcntl.fcntl(self.fd, fcntl.F_SETFL, fcntl.fcntl(self.fd, fcntl.F_GETFL) | os.O_NONBLOCK)
            os.write(self.fd, _TERMINAL_AS_IT_WAS)
        if self.settings is not None:
            with suppress(OSError, termios.error, ValueError):
                termios.tcsetattr(sys.__stdin__.fileno(), termios.TCSANOW, self.settings)


def leave_at_once(
    signum: int, session: ReviewSession | None, opened: OpenReview | None, terminal: TerminalModes
) -> NoReturn:
    """SIGHUP (the link dropped) or SIGTERM: save what is in memory, every keystroke of it (else
    an emergency copy, said where on standard error), give the terminal back as it was, and leave
    at once with 128 + the signal's number. Nothing is waited for but the save itself."""
    said = save_or_rescue(session) if session is not None else ""
    if opened is not None:
        opened.close()
    terminal.restore()
    tell(said)  # after the alternate screen has gone, where the author can read it
    os._exit(128 + signum)


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
