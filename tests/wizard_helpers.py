"""Driving the wizard as an author would: keys only, at 80x24."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from imr_tui.core.opening import open_review
from imr_tui.ui.app import ImrApp

SIZE = (80, 24)


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
