"""An author who reads the screen through a screen reader, a braille display or a magnifier walks
through every kind of page in a pseudo-terminal: each follows the terminal's own cursor, so after
every key it must sit in what has focus; and with NO_COLOR nothing may be told by colour alone.

The screen is read through pyte (tests/virtual_terminal.py) after each key, once the wizard has
gone quiet; nothing waits a fixed time but the check that an idle wizard sends nothing.
"""

from __future__ import annotations

import re
import select
import sys
from dataclasses import dataclass

import pyte
import pytest

from imr_tui.core.guidance import template

from pty_wizard import TerminalScreen, Wizard

pytestmark = pytest.mark.slow  # the real program end to end

UP, DOWN, TAB, BACK_TAB, ESCAPE = "\x1b[A", "\x1b[B", "\t", "\x1b[Z", "\x1b"
CTRL_R, CTRL_T, CTRL_U, CTRL_Q = "\x12", "\x14", "\x15", "\x11"
CURSOR_SECONDS = 15.0  # for the cursor to reach the focus after a key: seconds on a loaded machine
STATUS_COLUMNS = 16  # the save status at the end of the title line: a clock time, run to run
IDLE_SECONDS = 2.0


def heading(part_id: str) -> str:
    return template().part(part_id).heading


@dataclass
class Key:
    """A key, and where the terminal's cursor must then be: at the start of the text `at`, just
    after the text `after` (a text field's insertion point), or, for a field whose text is not in
    view, `in_field`: between its edges. `moves_focus` when it moves the focus or a highlight;
    `shows`: a text the key must bring to the screen."""

    what: str
    keys: str
    at: str = ""
    after: str | None = None
    in_field: bool = False
    moves_focus: bool = True
    shows: str = ""


WALK = [
    Key("the task list", "", at="Review details", moves_focus=False),
    Key("down the task list", DOWN, at=heading("introduction")),
    Key("up the task list", UP, at="Review details"),
    Key("down again", DOWN, at=heading("introduction")),
    Key("open a text part", "\r", at="This individual management review"),
    Key("type in the long answer", "Z", after="Z", at="This individual", moves_focus=False),
    Key("tab to the guidance", TAB, at="Guidance"),
    Key("back to the answer", BACK_TAB, after="Z", at="This individual"),
    Key("the task list again", CTRL_T, at=heading("introduction")),
    Key("down to the methodologies", DOWN, at=heading("methodologies")),
    Key("down to the chronology", DOWN, at=heading("chronology")),
    Key("open the chronology, a record list", "\r", at="09/04/2010"),
    Key("down the list", DOWN, at="20/04/2010"),
    Key("open an entry's form", "\r", after="20/04/2010"),
    Key("type a date that is not one", "x", after="x", moves_focus=False),
    Key("tab to the time", TAB, after="10:30", shows="Error: Date of the contact: Enter the date"),
    Key("tab to the source", TAB, in_field=True),
    Key("clear the source", CTRL_U, in_field=True, moves_focus=False),
    Key("tab to the team", TAB, after="Northtown"),
    Key("tab to the practitioner", TAB, after="Health Visitor 1"),
    Key("tab to the kind of contact, a choice list", TAB, at="(*) home visit"),
    Key("down the choices", DOWN, at="( ) appointment"),
    Key("close the form: refused, a notice says why", ESCAPE, at="Date of the contact is not finished"),
    Key("clear the date", "\x7f", in_field=True, moves_focus=False),
    Key("type the date again", "20/04/2010", after="20/04/2010", moves_focus=False),
    Key("close the form: a name is offered for the register, a dialog", ESCAPE, at='"Edinburgh'),
    Key("not a name", "n", at="20/04/2010"),
    Key("ask to delete the entry, a dialog", "d", at="Delete"),
    Key("do not delete it", "n", at="20/04/2010"),
    Key("check the answers", CTRL_R, at="fix"),
    Key("preview the report", "p", at="Individual Management Review"),
    Key("the help, a dialog", "?", at="Help"),
    Key("close the help", ESCAPE, at="Individual Management Review"),
    # The wizard is idle here: then the export's notice is the last thing it shows.
    Key("export: which kind of file, a dialog", "e", at="Export the report beside"),
    Key("as Markdown, and a notice says where", "m", at="Exported a DRAFT", moves_focus=False),
]
EDGES = "▊▎|"  # a one-line field's left and right edges, in Textual's blocks or in ASCII


def cursor_in_place(shown: TerminalScreen, key: Key) -> bool:
    x, y = shown.cursor
    row = shown.rows[y] if y < len(shown.rows) else ""
    if key.in_field:
        return row[:x].strip()[:1] in EDGES and any(edge in row[x:] for edge in EDGES)
    return row[x:].startswith(key.at) and (key.after is None or row[:x].endswith(key.after))


def marks(terminal) -> list:
    """The screen as NO_COLOR shows it: characters and attributes, not colours; without the save
    status's clock."""
    cells = [[(cell[0], *cell[3:]) for cell in row] for row in terminal.cells()]
    cells[0] = cells[0][:-STATUS_COLUMNS]
    return cells


def palette_colours(terminal) -> set[str]:
    """The colours on the screen that are not among the terminal's 16 (pyte names those set by
    SGR 30-37 and 90-97, and gives any other as its RGB: 38;5;0-15 as xterm's own)."""
    sixteen = set(pyte.graphics.FG_BG_256[:16])
    colours = {colour for row in terminal.cells() for cell in row for colour in cell[1:3]}
    return {c for c in colours if re.fullmatch(r"[0-9a-f]{6}", c) and c not in sixteen}


def walk(wizard: Wizard, check_marks: bool, sixteen_colours: bool) -> list[str]:
    """Press each key of WALK, reading the screen after it; what went wrong, key by key."""
    wrong = []
    for key in WALK:
        if key.what.startswith("export"):
            assert_idle(wizard)
        before = marks(wizard.terminal)
        if key.keys:
            wizard.type(key.keys)
        try:
            wizard.read_until(lambda: cursor_in_place(wizard.shown, key), key.what, CURSOR_SECONDS)
            wizard.read_until_quiet(0.3)  # and it stays there once the wizard has done
        except AssertionError:
            pass  # said below, with the others
        shown = wizard.shown
        if not cursor_in_place(shown, key):
            x, y = shown.cursor
            wrong.append(f"{key.what}: the cursor is at column {x} of {shown.rows[y]!r}")
        if key.shows and key.shows not in shown.text:
            wrong.append(f"{key.what}: {key.shows!r} is not shown")
        if check_marks and key.moves_focus and marks(wizard.terminal) == before:
            wrong.append(f"{key.what}: with NO_COLOR the screen did not change")
        if sixteen_colours and (others := palette_colours(wizard.terminal)):
            wrong.append(f"{key.what}: colours not the terminal's own: {sorted(others)}")
    if wizard.terminal.screen.cursor.hidden:
        wrong.append("the cursor was asked to be shown, and is hidden")
    return wrong


def assert_idle(wizard: Wizard) -> None:
    wizard.read_until_quiet(0.5)
    sent = len(wizard.screen)
    ready, _, _ = select.select([wizard.fd], [], [], IDLE_SECONDS)
    assert not ready and len(wizard.screen) == sent, "the wizard sent something while the author did nothing"


@pytest.mark.parametrize(
    "options, env",
    [
        pytest.param([], {"NO_COLOR": "1", "IMR_TUI_SHOW_CURSOR": "1"}, id="cell-diff-no-colour"),
        pytest.param(["--no-diff", "--show-cursor", "--ascii", "--ansi-colours"], {}, id="no-diff-ascii-16-colours"),
    ],
)
def test_the_terminal_cursor_follows_the_focus_through_every_kind_of_page(example_file, options, env):
    wizard = Wizard(None, argv=[sys.executable, "-m", "imr_tui", str(example_file), *options], env=env)
    try:
        wizard.wait_to_show("Check your answers")
        wrong = walk(wizard, check_marks="NO_COLOR" in env, sixteen_colours="--ansi-colours" in options)
        wizard.type(CTRL_Q)
        assert wizard.exit_status() == 0
    finally:
        wizard.close()
    missed = sum(": the cursor is at" in said for said in wrong)
    assert wrong == [], f"the cursor was in the focus after {len(WALK) - missed} of {len(WALK)} keys\n" + "\n".join(wrong)
