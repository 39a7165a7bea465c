"""A dropped link, a kill, a power cut: what the author typed is on disc, and the file is whole."""

from __future__ import annotations

import os
import signal

from imr_tui.core import store

from pty_wizard import Wizard

TYPED = "Seen at home with her brother"


def _open(review_file) -> Wizard:
    wizard = Wizard(review_file)
    wizard.wait_for_screen(b"question 1 of 9")
    wizard.type(TYPED)  # within the autosave's pause: only the hang-up can save it
    return wizard


def test_when_the_link_drops_what_was_typed_is_saved_and_the_wizard_ends(review_file):
    wizard = _open(review_file)
    os.close(wizard.fd)  # the terminal goes away: the kernel sends SIGHUP
    assert wizard.exit_status() == 0
    assert store.load(review_file).childs_journey.narrative == TYPED


def test_when_told_to_stop_what_was_typed_is_saved_and_the_wizard_ends(review_file):
    wizard = _open(review_file)
    os.kill(wizard.pid, signal.SIGTERM)
    assert wizard.exit_status() == 0
    assert store.load(review_file).childs_journey.narrative == TYPED
    os.close(wizard.fd)


def test_after_a_kill_at_most_the_last_pause_of_typing_is_lost_and_the_file_is_whole(review_file):
    wizard = _open(review_file)
    wizard.read_for(2.5)  # past the autosave's one-second pause
    wizard.type(" and more")  # typed after the last save: may be lost, nothing else may
    os.kill(wizard.pid, signal.SIGKILL)
    wizard.exit_status()
    os.close(wizard.fd)
    assert store.load(review_file).childs_journey.narrative in (TYPED, TYPED + " and more")
