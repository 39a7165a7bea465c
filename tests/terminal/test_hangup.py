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
    assert wizard.exit_status() == 128 + signal.SIGHUP
    assert store.load(review_file).childs_journey.narrative == TYPED


def test_when_told_to_stop_what_was_typed_is_saved_and_the_wizard_ends(review_file):
    wizard = _open(review_file)
    os.kill(wizard.pid, signal.SIGTERM)
    assert wizard.exit_status() == 128 + signal.SIGTERM
    assert store.load(review_file).childs_journey.narrative == TYPED
    # The terminal survives: it is given back as it was, out of the alternate screen with the
    # mouse reports and the keyboard protocol off and the cursor shown.
    last = wizard.screen[wizard.screen.rindex(b"\x1b[?1049h") :]
    for mode in (b"\x1b[?1049l", b"\x1b[?1000l", b"\x1b[?1003l", b"\x1b[?1006l", b"\x1b[?2004l", b"\x1b[?25h", b"\x1b[<u"):
        assert mode in last, mode
    wizard.close()


def test_told_to_stop_when_the_review_cannot_be_saved_it_says_where_an_emergency_copy_is(review_file):
    wizard = _open(review_file)
    review_file.unlink()
    review_file.mkdir()  # where the review was: a save cannot replace a folder
    os.kill(wizard.pid, signal.SIGTERM)
    assert wizard.exit_status() == 128 + signal.SIGTERM
    rescue = next(review_file.parent.glob("review.toml.rescued-*.toml"))
    assert store.load(rescue).childs_journey.narrative == TYPED
    assert f"your latest changes are in {rescue} (readable by you alone)".encode() in wizard.screen.replace(b"\r\n", b"")
    wizard.close()


def test_told_to_stop_after_another_program_changed_the_review_it_keeps_theirs_and_rescues_mine(review_file):
    wizard = _open(review_file)
    theirs = store.load(review_file)
    theirs.review_details.agency = "Their agency"
    store.save(theirs, review_file)
    os.kill(wizard.pid, signal.SIGTERM)
    assert wizard.exit_status() == 128 + signal.SIGTERM
    assert store.load(review_file).review_details.agency == "Their agency"
    rescue = next(review_file.parent.glob("review.toml.rescued-*.toml"))
    assert store.load(rescue).childs_journey.narrative == TYPED
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
