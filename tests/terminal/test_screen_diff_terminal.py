"""The wizard with and without the cell-diff layer, in a pseudo-terminal read by a virtual
terminal: on every terminal the author sees the same screens, cell by cell, and the cursor in
the same place; typing sends a few bytes a key; a resize repaints everything once."""

from __future__ import annotations

import fcntl
import os
import struct
import sys
import termios
import time
from statistics import median

import pytest

from imr_tui.core import store
from imr_tui.core.guidance.example import WORKED_EXAMPLE

from pty_wizard import Wizard

STATUS_COLUMNS = 16  # the save status at the end of the title line: a clock time, run to run


class Session:
    """The wizard on a copy of the worked example, in a terminal whose size can change."""

    def __init__(self, path, goto: str, env: dict[str, str], diff: bool) -> None:
        # Without COLUMNS and LINES, so that the wizard measures the terminal, as it does over SSH.
        argv = ["/usr/bin/env", "-u", "COLUMNS", "-u", "LINES", sys.executable, "-m", "imr_tui", str(path)]
        self.wizard = Wizard(None, argv=[*argv, "--goto", goto, *([] if diff else ["--no-diff"])], env=env)
        self.terminal = self.wizard.terminal  # what the author sees
        self.resize(80, 24)

    def resize(self, width: int, height: int) -> None:
        fcntl.ioctl(self.wizard.fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.terminal.resize(width, height)

    def settle(self, shows) -> int:
        """Wait until the screen `shows` (a text on it, or a test of its lines) and the wizard has
        gone quiet: a page being built is held back, so quiet alone is not enough. The bytes sent."""
        wizard, end, before = self.wizard, time.monotonic() + 30, len(self.wizard.screen)
        while time.monotonic() < end:
            wizard.read_until_quiet(0.3)
            rows = self.terminal.rows
            if shows(rows) if callable(shows) else shows in "\n".join(self.terminal.screen.display):
                return len(wizard.screen) - before
        raise AssertionError(f"the wizard never showed {shows!r}:\n" + "\n".join(self.terminal.rows))

    def seen(self) -> tuple[list, tuple[int, int]]:
        """The screen as the author sees it, less the save status's clock, and the cursor."""
        cells = self.terminal.cells()
        cells[0] = cells[0][: -STATUS_COLUMNS]
        return cells, self.terminal.cursor

    def quit(self) -> None:
        self.wizard.type("\x11")  # ctrl+q
        assert self.wizard.exit_status() == 0
        os.close(self.wizard.fd)


def footer_at_the_foot(rows: list[str]) -> bool:
    """The page laid out again for the window's new size: its keys on the last line."""
    return rows[-1].startswith(" ^n next")


def typing(text: str, before: str = "", after: str = "") -> list[tuple[str, str]]:
    """Each character of `text` typed in turn, and what shows then: the words typed so far, in
    the text they are typed into."""
    return [(char, before + text[: n + 1] + after) for n, char in enumerate(text)]


# Typed at the start of the child's journey, a wrapped paragraph; the window made larger and
# smaller again; then to the task list: each step, and what shows once it is done. (ctrl+n to
# the next question would do, but the page it opens sometimes shows its answer unwrapped, with
# or without this layer: not a screen to compare.)
LONG_ANSWER = [
    *typing("Seen", after="Child A was born"),
    ((100, 30), footer_at_the_foot),
    ((80, 24), footer_at_the_foot),
    ("\x14", "Check your answers"),  # ctrl+t
]
# Typed into a one-line answer, the agency's name, whose text the first key replaces.
SHORT_FIELD = [("\x0e", "question 2 of"), *typing("Health", before="▊  ")]  # ctrl+n


def sessions(tmp_path, env: dict[str, str], part: str, steps: list) -> list[tuple[list, list[int]]]:
    """The wizard with the layer and without, side by side, taken through the same steps: for
    each, what the author sees after each step, and the bytes each typed key cost."""
    runs = []
    for diff in (True, False):
        path = tmp_path / f"{diff}.toml"
        store.save(store.load(WORKED_EXAMPLE), path)
        runs.append(Session(path, part, env, diff))
    seen: list[list] = [[], []]
    costs: list[list[int]] = [[], []]
    try:
        for n, run in enumerate(runs):
            run.settle("question 1 of")
            seen[n].append(run.seen())
        for step, shows in steps:
            for run in runs:
                if isinstance(step, tuple):
                    run.resize(*step)
                else:
                    os.write(run.wizard.fd, step.encode())
            for n, run in enumerate(runs):
                sent = run.settle(shows)
                if isinstance(step, str) and step >= " ":
                    costs[n].append(sent)
                seen[n].append(run.seen())
    except BaseException:
        for run in runs:
            run.wizard.exit_status(0)  # stopped, so that no wizard outlives its test
            os.close(run.wizard.fd)
        raise
    for run in runs:
        run.quit()
    return list(zip(seen, costs))


TERMINALS = [
    {"TERM": "xterm-256color"},
    {"TERM": "linux"},
    {"TERM": "vt100"},
    {"TERM": "screen"},
    {"TERM": "xterm-256color", "NO_COLOR": "1"},
]


@pytest.mark.parametrize(
    "env, part, steps",
    [*((env, "childs-journey", LONG_ANSWER) for env in TERMINALS), (TERMINALS[0], "review-details", SHORT_FIELD)],
    ids=[*(" ".join(f"{k}={v}" for k, v in env.items()) for env in TERMINALS), "a short field"],
)
def test_the_author_sees_the_same_screens_with_and_without_the_layer_for_fewer_bytes(tmp_path, env, part, steps):
    (with_layer, costs), (without, costs_without) = sessions(tmp_path, env, part, steps)
    for n, (mine, theirs) in enumerate(zip(with_layer, without)):
        assert mine == theirs, f"after {steps[n - 1][0] if n else 'opening'!r}: {difference(mine, theirs)}"
    # In the paragraph the first key rewraps it all: 400 bytes with the layer, 1,900 without.
    assert median(costs) <= median(costs_without) / 2, (costs, costs_without)


def difference(mine, theirs) -> str:
    (cells, cursor), (their_cells, their_cursor) = mine, theirs
    for y, (line, their_line) in enumerate(zip(cells, their_cells)):
        for x, (cell, their_cell) in enumerate(zip(line, their_line)):
            if cell != their_cell:
                return f"line {y} column {x}: {cell} with the layer, {their_cell} without"
    return f"the cursor at {cursor} with the layer, {their_cursor} without"
