"""A dropped link, a kill, a power cut: what the author typed is on disc, and the file is whole."""

from __future__ import annotations

import os
import re
import signal

import pytest

from imr_tui.core import store

from pty_wizard import Wizard

pytestmark = pytest.mark.slow  # real pseudo-terminals: deselect with -m 'not slow'

TYPED = "Seen at home with her brother"
SAVED = re.compile(r"saved \d\d:\d\d:\d\d")  # the status once the author's words are on disc


def _open(review_file) -> Wizard:
    wizard = Wizard(review_file)
    wizard.wait_for_screen(b"question 1 of 9")
    wizard.type(TYPED)
    wizard.wait_to_show(TYPED)  # within the autosave's pause: only the hang-up can save it
    return wizard


def test_when_the_link_drops_what_was_typed_is_saved_and_the_wizard_ends(review_file):
    wizard = _open(review_file)
    wizard.close()  # the terminal goes away: the kernel sends SIGHUP
    assert wizard.exit_status() == 0
    assert store.load(review_file).childs_journey.narrative == TYPED


def test_when_told_to_stop_what_was_typed_is_saved_and_the_wizard_ends(review_file):
    wizard = _open(review_file)
    os.kill(wizard.pid, signal.SIGTERM)
    assert wizard.exit_status() == 0
    assert store.load(review_file).childs_journey.narrative == TYPED
    wizard.close()


def test_after_a_kill_at_most_the_last_pause_of_typing_is_lost_and_the_file_is_whole(review_file):
    wizard = _open(review_file)
    wizard.read_until(lambda: SAVED.search(wizard.shown.text), "the autosave after a pause in typing was not shown")
    wizard.type(" and more")  # typed after the last save: may be lost, nothing else may
    wizard.wait_to_show(TYPED + " and more")
    os.kill(wizard.pid, signal.SIGKILL)
    wizard.exit_status()
    wizard.close()
    assert store.load(review_file).childs_journey.narrative in (TYPED, TYPED + " and more")
