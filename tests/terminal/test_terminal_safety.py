"""Nothing in a review, and nothing pasted, ever reaches the author's terminal as a command."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imr_tui.core import store
from imr_tui.core.model import ChronologyEntry
from imr_tui.core.standard_text import new_review
from imr_tui.core.typed_text import without_controls

from pty_wizard import Wizard

# A terminal title change, a bell, a NUL and a colour: what a hostile or damaged file might hold.
HOSTILE = "A\x1b]0;PWNED\x07B\x00C\x1b[31mD\x9b2J [/] [bold]E"


@pytest.fixture
def hostile_review(tmp_path):
    review = new_review()
    review.review_details.agency = HOSTILE
    review.review_details.children = [HOSTILE]
    review.childs_journey.narrative = HOSTILE
    review.chronology.entries = [ChronologyEntry(id=1, date=dt.date(2011, 3, 14), what_happened=HOSTILE, practitioner=HOSTILE)]
    path = tmp_path / "review.toml"
    store.save(review, path)
    return path


@pytest.mark.slow  # a real pseudo-terminal: deselect with -m 'not slow'
@pytest.mark.parametrize("goto, page", [("childs-journey", b"question 1 of 9"), ("chronology", b"question 1 of 1")])
def test_control_characters_in_a_review_are_never_sent_to_the_terminal(hostile_review, goto, page):
    wizard = Wizard(hostile_review, goto=goto)
    try:
        wizard.wait_for_screen(page)
        wizard.wait_for_screen(b"[bold]E")  # the text is shown as typed, not read as markup...
        wizard.type("\x11")  # ctrl+q
        assert wizard.exit_status() == 0  # and everything it wrote read
    finally:
        wizard.close()
    for raw in (b"\x1b]0;PWNED", b"\x07B", b"\x00", b"C\x1b[31mD", b"\xc2\x9b"):
        assert raw not in wizard.screen  # ...but not as commands


def _paste(path, pasted: bytes) -> str:
    wizard = Wizard(path)
    try:
        wizard.wait_for_screen(b"question 1 of 9")
        drawn = len(wizard.screen)
        wizard.type(b"\x1b[200~" + pasted + b"\x1b[201~")  # a bracketed paste
        wizard.wait_to_show("by HV1")
        wizard.type("\x11")
        assert wizard.exit_status() == 0  # and everything it wrote read
    finally:
        wizard.close()
    assert b"\x1b[2J" not in wizard.screen[drawn:] and b"\x07" not in wizard.screen[drawn:]
    return store.load(path).childs_journey.narrative


@pytest.mark.slow  # a real pseudo-terminal: deselect with -m 'not slow'
def test_a_paste_with_nuls_and_bells_is_stored_as_the_text_around_them(review_file):
    assert _paste(review_file, b"Seen at\x00 home\x07 by HV1\r\nnext line") == "Seen at home by HV1\nnext line"


@pytest.mark.slow  # a real pseudo-terminal: deselect with -m 'not slow'
def test_a_paste_with_an_escape_sequence_never_stores_or_sends_the_escape(review_file):
    stored = _paste(review_file, b"Seen\x1b[2J by HV1")
    assert "\x1b" not in stored and "by HV1" in stored  # Textual shows the escape as "^["


@given(st.text())
def test_text_made_safe_has_no_control_characters_left(text):
    assert not any(ord(c) < 0x20 and c not in "\t\n" or 0x7F <= ord(c) < 0xA0 for c in without_controls(text))


@given(st.text(st.characters(blacklist_characters="\x1b\x9b")))
def test_text_made_safe_keeps_everything_but_control_characters(text):
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    expected = [c for c in lines if c in "\t\n" or unicodedata.category(c) not in ("Cc", "Cs")]
    assert list(without_controls(text)) == expected
