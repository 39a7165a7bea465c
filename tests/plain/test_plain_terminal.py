"""Plain mode is the path for an author who listens to a speech-only screen reader: on a terminal
that says it can do nothing (TERM=dumb) the wizard gives way to plain lines, and not one escape
sequence reaches the terminal, from the first prompt to quitting."""

from __future__ import annotations

import sys

import pytest

from imr_tui.core import store

from pty_wizard import Wizard

pytestmark = pytest.mark.slow  # the real program, in a pseudo-terminal


def test_on_a_dumb_terminal_the_transcript_is_plain_lines_without_one_escape(review_file):
    wizard = Wizard(None, argv=[sys.executable, "-m", "imr_tui", str(review_file)], env={"TERM": "dumb"})
    try:
        wizard.wait_to_show("Review details: question 1 of 13", "Hint: One a line")
        wizard.type("Child A\r.\r")
        wizard.wait_to_show("Review details: question 2 of 13")
        wizard.type("Northtown Health Visiting Service\r")
        wizard.wait_to_show("question 3 of 13")
        wizard.type(":check\r")
        wizard.wait_to_show("to fix")
        wizard.type(":quit\r")
        assert wizard.exit_status() == 0
    finally:
        wizard.close()
    assert b"\x1b" not in wizard.screen
    assert store.load(review_file).review_details.agency == "Northtown Health Visiting Service"
