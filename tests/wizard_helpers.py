"""Driving the wizard as an author would: keys only, at 80x24."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from textual.pilot import Pilot

from imr_tui.core.opening import open_review
from imr_tui.ui.app import ImrApp

SIZE = (80, 24)
WAIT_SECONDS = 20.0  # the longest anything awaited may take: a loaded CI machine is slow


def wizard(path: Path, goto: str | None = None) -> ImrApp:
    """The wizard as `imr-tui PATH [--goto PART]` starts it: the review opened first, if it is there."""
    return ImrApp(open_review(path) if path.exists() else None, path=path, goto=goto)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type as at a keyboard, one key at a time (Enter for a new line)."""
    await pilot.press(*("enter" if c == "\n" else c for c in text))
    await pilot.pause()


async def keys(pilot: Pilot, *names: str) -> None:
    for name in names:
        await pilot.press(name)
        await pilot.pause()


def screen_text(app: ImrApp) -> str:
    """What the author sees, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def shows(app: ImrApp, text: str) -> bool:
    """Whether the author sees `text`, however the page wraps it."""
    return text in " ".join(screen_text(app).split())


def notified(app: ImrApp, text: str) -> bool:
    """Whether a notification the author was shown says `text`."""
    return any(text in str(notification.message) for notification in app._notifications)


async def wait_until(pilot: Pilot, condition: Callable[[], bool], what: str, seconds: float = WAIT_SECONDS) -> None:
    """Let the app run until `condition()` holds; fail, saying `what` did not happen, after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} within {seconds:.0f} s; the screen showed:\n{screen_text(pilot.app)}"
        await pilot.pause()  # until the app has handled what it was sent and gone idle


async def saves_written(pilot: Pilot) -> None:
    """Until every save begun in the background is on disc and the app has heard so."""
    session = pilot.app.session
    if session is not None:
        # The writer thread writes one save at a time, in order: this runs after all before it.
        await asyncio.wrap_future(session._writer.submit(lambda: None))
    await pilot.pause()  # the app handles the SaveFinished each save posted


@contextmanager
def no_save_under_way(app: ImrApp) -> Iterator[None]:
    """While held, no save is being written (one due waits for it): what is on disc holds still."""
    with app.session._writing:
        yield
