"""Any terminal an author may be given, and a link that splits what the keyboard sends."""

from __future__ import annotations

import datetime as dt
import re
import sys
import textwrap

import pytest

from imr_tui.core import store

from pty_wizard import TerminalScreen, Wizard

pytestmark = pytest.mark.slow  # real pseudo-terminals: deselect with -m 'not slow'


@pytest.mark.parametrize(
    "env",
    [
        {"TERM": "xterm"},
        {"TERM": "xterm-256color"},
        {"TERM": "screen"},
        {"TERM": "tmux-256color"},
        {"TERM": "linux"},
        {"TERM": "vt100"},
        {"TERM": "xterm-256color", "NO_COLOR": "1"},
    ],
    ids=lambda env: " ".join(f"{k}={v}" for k, v in env.items()),
)
def test_an_author_on_any_terminal_types_over_a_link_that_splits_keys(review_file, env):
    wizard = Wizard(review_file, env=env)
    try:
        wizard.wait_for_screen(b"question 1 of 9")
        wizard.type_split("Seen at home, café\r")
        # Arrow up then End, each an escape sequence arriving a byte at a time.
        wizard.type_split(["\x1b[A", "\x1b[F", *" and well"])
        wizard.type_split("\x0e")  # ctrl+n: the next question
        wizard.wait_for_screen(b"question 2 of 9")
        wizard.type_split("\x11")  # ctrl+q
        assert wizard.exit_status() == 0
    finally:
        wizard.close()
    assert store.load(review_file).childs_journey.narrative == "Seen at home, café and well\n"


# What each page shows in its title line, and only there.
TASK_LIST = "Check your answers"
FIRST_QUESTION = "question 1 of"


def typed_ahead(path, goto: str, ready: str, *bursts: tuple[str, ...]) -> TerminalScreen:
    """Each burst's keys typed in one go, as a fast typist or a slow link delivers them, and what
    the screen should then show awaited before the next; then quit. The screen the author saw
    after the last burst."""
    wizard = Wizard(path, goto=goto)
    try:
        shown = wizard.wait_to_show(ready)
        for keys, *expected in bursts:
            wizard.type(keys)
            shown = wizard.wait_to_show(*expected)
        wizard.type("\x11")  # ctrl+q
        assert wizard.exit_status() == 0
    finally:
        wizard.close()
    return shown


def test_words_typed_while_the_next_question_is_built_reach_it_and_show(review_file):
    # ctrl+n, then words
    shown = typed_ahead(review_file, "childs-journey", "question 1 of 9", ("\x0eNot recorded", "question 2 of 9", "Not recorded"))
    assert "question 2 of 9" in shown.rows[0] and "Not recorded" in shown.text
    assert store.load(review_file).childs_journey.race == "Not recorded"


def test_words_typed_straight_after_opening_a_part_reach_its_first_question_not_the_task_list(review_file):
    # ctrl+t; then enter opens the part highlighted, the one the author was in, and the words
    # hold the task list's letters: q quits, e exports, c checks, p previews.
    words = "Child A seen quietly at Upton clinic"
    shown = typed_ahead(review_file, "childs-journey", "question 1 of 9", ("\x14", TASK_LIST), ("\r" + words, FIRST_QUESTION, words))
    assert "question 1 of 9" in shown.rows[0]
    assert store.load(review_file).childs_journey.narrative == "Child A seen quietly at Upton clinic"
    assert [p.name for p in review_file.parent.iterdir() if p.suffix == ".md"] == []


def test_text_pasted_straight_after_opening_a_part_reaches_its_first_question(review_file):
    paste = "\x1b[200~Child A\nSibling 1\x1b[201~"  # as a terminal sends a paste (bracketed)
    shown = typed_ahead(  # ctrl+t, then enter and the paste
        review_file, "childs-journey", "question 1 of 9", ("\x14", TASK_LIST), ("\r" + paste, FIRST_QUESTION, "Sibling 1")
    )
    assert "question 1 of 9" in shown.rows[0]
    assert store.load(review_file).childs_journey.narrative == "Child A\nSibling 1"


def test_enter_typed_twice_on_the_start_page_starts_a_review_under_the_name_offered(tmp_path):
    start_here = f"import os, sys; os.chdir({str(tmp_path)!r}); from imr_tui.__main__ import main; sys.exit(main())"
    wizard = Wizard.command([sys.executable, "-c", start_here])
    try:
        wizard.wait_for_screen(b"Start a new review")
        wizard.type("\r\r")  # start a new review; save it as review.toml, the name offered
        wizard.wait_to_show(TASK_LIST)
        wizard.type("\x11")  # ctrl+q
        assert wizard.exit_status() == 0
    finally:
        wizard.close()
    assert store.load(tmp_path / "review.toml").review_details.children == []


@pytest.mark.parametrize("answer, entries", [("n", 18), ("y", 17)])
def test_the_answer_typed_straight_after_d_is_the_answer_to_delete_this_entry(example_file, answer, entries):
    wizard = Wizard(example_file, goto="chronology")
    try:
        wizard.wait_to_show("18 in the list")
        asked_from = len(wizard.screen)
        wizard.type("d" + answer)
        # The question is drawn before the answer typed ahead is handed to it (send_when_built),
        # so the answer has been taken once the question has come and gone.
        wizard.read_until(
            lambda: b"Delete" in wizard.screen[asked_from:] and "Delete" not in wizard.shown.text
            and f"{entries} in the list" in wizard.shown.text,
            f"the question to delete the entry was not asked, answered, and {entries} entries left",
        )
        shown = wizard.shown
        wizard.type("\x11")  # ctrl+q
        assert wizard.exit_status() == 0
    finally:
        wizard.close()
    assert f"{entries} in the list" in shown.text and "Delete" not in shown.text
    assert len(store.load(example_file).chronology.entries) == entries


def test_down_down_enter_typed_in_one_go_opens_the_part_two_below(review_file):
    # ctrl+t; down, down, enter
    shown = typed_ahead(review_file, "childs-journey", "question 1 of 9", ("\x14", TASK_LIST), ("\x1b[B\x1b[B\r", FIRST_QUESTION))
    assert shown.rows[0].startswith(" Section 12 What do we learn")  # two below the part the author was in


def test_the_last_words_typed_and_ctrl_q_in_one_go_are_saved(review_file):
    wizard = Wizard(review_file)
    try:
        wizard.wait_for_screen(b"question 1 of 9")
        wizard.type("Seen at home\x11")  # ctrl+q straight after the last words
        assert wizard.exit_status() == 0  # and all it wrote read
        assert f"Your review is saved in {review_file}.".encode() in wizard.screen.split(b"\x1b[?1049l")[-1]
    finally:
        wizard.close()
    assert store.load(review_file).childs_journey.narrative == "Seen at home"


def test_a_field_typed_and_its_record_closed_in_one_go_is_kept(example_file):
    # enter opens the first entry; three Tabs reach its agency, the form scrolled to show the
    # practitioner under it; typing replaces the agency's text; ctrl+n closes the entry.
    typed_ahead(
        example_file, "chronology", "18 in the list", ("\r", "Chronology entry 1 of 18"),
        ("\t\t\t", "Practitioner, by role"), ("Health Visiting, Westbridge\x0e", "18 in the list"),
    )
    assert "Health Visiting, Westbridge" in [entry.agency_team for entry in store.load(example_file).chronology.entries]


def test_a_choice_made_and_left_in_one_go_is_kept(review_file):
    # Review details' eleventh question: are the terms of reference a draft? Down to No, space
    # chooses it, ctrl+n goes on: all in one burst.
    to_the_draft_question = [("\x0e", f"question {n} of 13") for n in range(2, 12)]
    typed_ahead(review_file, "review-details", "question 1 of 13", *to_the_draft_question, ("\x1b[B \x0e", "question 12 of 13"))
    assert store.load(review_file).review_details.terms_of_reference_draft is False


def test_fields_typed_in_one_go_with_tab_between_each_reach_their_own_field(example_file):
    # a: a new entry's form, on its date; then the time, the source and the agency.
    typed_ahead(
        example_file, "chronology", "18 in the list", ("a", "Chronology entry 19 of 19"),
        ("01/02/2011\t10:30\tCase notes\tHealth Visiting", "01/02/2011", "10:30"),
    )
    entry = max(store.load(example_file).chronology.entries, key=lambda e: e.id)
    assert (entry.date, entry.time, entry.source, entry.agency_team) == (dt.date(2011, 2, 1), dt.time(10, 30), "Case notes", "Health Visiting")


def test_editing_keys_in_a_burst_act_where_they_were_typed_and_the_screen_shows_what_is_saved(example_file):
    # A new entry's form, on its date, then in one burst: a year mistyped and mended with four
    # backspaces; the agency begun in the middle and finished with ctrl+a and ctrl+e; a
    # practitioner cleared with ctrl+w and ctrl+u; what happened cut short with ctrl+a, ctrl+k.
    # Textual acted on each editing key after the letters typed after it: the field showed
    # 28/02/2101 where 28/02/2011 was typed, and sometimes another date than the file held.
    burst = (
        "28/02/2101\x7f\x7f\x7f\x7f2011\t\t\t"
        "Visiting\x01Health \x05, Northtown\t"
        "Midwife 2\x17\x15Health Visitor 1\t\t"
        "Seen at home\x01\x0bSeen at clinic"
    )
    shown = typed_ahead(
        example_file, "chronology", "18 in the list", ("a", "Chronology entry 19 of 19"), (burst, "Seen at clinic"),
        ("\x0e", "19 in the list"),  # ctrl+n: back to the list
    )
    entry = max(store.load(example_file).chronology.entries, key=lambda e: e.id)
    assert (entry.date, entry.agency_team) == (dt.date(2011, 2, 28), "Health Visiting, Northtown")
    assert (entry.practitioner, entry.what_happened) == ("Health Visitor 1", "Seen at clinic")
    assert "28/02/2011" in shown.text and "2101" not in shown.text


def test_a_date_typed_straight_after_adding_a_chronology_entry_is_its_date(example_file):
    # a: add; the form opens on the date
    shown = typed_ahead(example_file, "chronology", "18 in the list", ("a01/02/2011", "Chronology entry 19 of 19", "01/02/2011"))
    assert shown.rows[0].startswith(" Chronology entry 19 of 19")
    assert dt.date(2011, 2, 1) in [entry.date for entry in store.load(example_file).chronology.entries]


def test_escape_and_a_letter_that_arrive_together_are_both_acted_on(example_file):
    # A slow link delivers "escape, a" (leave the entry, add another) in one piece, which is
    # also what a terminal sends for alt+a: read as alt+a, both keys did nothing.
    shown = typed_ahead(
        example_file, "chronology", "18 in the list", ("a01/02/2011", "Chronology entry 19 of 19", "01/02/2011"),
        ("\x1ba02/02/2011", "Chronology entry 20 of 20", "02/02/2011"),
    )
    assert shown.rows[0].startswith(" Chronology entry 20 of 20")
    dates = [entry.date for entry in store.load(example_file).chronology.entries]
    assert dt.date(2011, 2, 1) in dates and dt.date(2011, 2, 2) in dates


def test_opening_a_page_announces_no_save_and_its_place_is_kept_on_quitting(tmp_path, review_file):
    # The pause after which a change is saved (1 s) made far shorter than the quiet awaited below.
    script = tmp_path / "quick_autosave.py"
    script.write_text(textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from imr_tui.ui import app
        from imr_tui.core.opening import open_review

        app.SAVE_AFTER_SECONDS = 0.05
        sys.exit(app.run_wizard(Path({str(review_file)!r}), open_review(Path({str(review_file)!r})), goto="childs-journey"))
    """))
    wizard = Wizard.command([sys.executable, str(script)])
    try:
        wizard.wait_for_screen(b"question 1 of 9")
        # Moving to a page is no work of the author's to announce ("saving...", then "saved
        # 14:02:11"): the screen goes still, sending nothing, well past that pause.
        wizard.read_until_quiet()
        shown = "\n".join(wizard.screens_seen)
        assert "saving..." not in shown and not re.search(r"saved \d\d:\d\d", shown)
        wizard.type("\x11")  # ctrl+q
        assert wizard.exit_status() == 0
    finally:
        wizard.close()
    resume = store.load(review_file).resume
    assert (resume.part, resume.question) == ("childs-journey", "narrative")


def test_the_first_page_is_sent_down_the_link_once(review_file):
    wizard = Wizard(review_file)
    try:
        wizard.wait_for_screen(b"question 1 of 9")
        wizard.read_until_quiet()  # whatever else startup sends
        first_screen = len(wizard.screen)
        wizard.type("\x11")  # ctrl+q
        assert wizard.exit_status() == 0
    finally:
        wizard.close()
    # About 6.5 KB. It was 16.5 KB when Textual repainted the whole page again for the blank
    # screen under it, which nothing shows through, and sent the page as it was built, then
    # again once its text was wrapped: over a slow link, seconds more before the page.
    assert first_screen < 7_000


def test_each_page_reaches_the_terminal_whole_with_nothing_left_of_the_last(example_file):
    sent: dict[str, int] = {}

    def press(wizard: Wizard, what: str, key: bytes, shows: bytes = b"") -> TerminalScreen:
        before = len(wizard.screen)
        wizard.type(key)
        # A page is sent only once built: quiet until then. Then every byte the key cost.
        wizard.read_until(lambda: shows.decode() in wizard.shown.text and len(wizard.screen) > before, f"{what}: {shows!r} was not shown")
        wizard.read_until_quiet()
        sent[what] = len(wizard.screen) - before
        return wizard.shown  # as the author's terminal shows it now

    wizard = Wizard(example_file, goto="chronology")
    try:
        wizard.wait_for_screen(b"18 in the list")
        wizard.read_until_quiet()
        shown = press(wizard, "open a chronology entry", b"\r", b"Chronology entry 1 of 18")
        assert shown.rows[0].startswith(" Chronology entry 1 of 18")
        assert "Date of the contact" in shown.text and "09/04/2010" in shown.text
        assert "What happened" not in shown.text  # the table under the form is all covered
        for n in range(3):  # the third scrolls the form
            shown = press(wizard, f"tab to field {n + 2}", b"\t")
        assert "Agency or team" in shown.text
        shown = press(wizard, "close it", b"\x1b", b"18 in the list")
        assert shown.rows[0].startswith(" Section 9 Chronology of contacts")
        assert "18 in the list" in shown.text and "Date of the contact" not in shown.text
        shown = press(wizard, "the task list", b"\x14", b"Check your answers")  # ctrl+t
        assert "Check your answers" in shown.text and "18 in the list" not in shown.text
        press(wizard, "down the task list", b"\x1b[B")
        wizard.type("\x11")  # ctrl+q
        assert wizard.exit_status() == 0
    finally:
        wizard.close()

    wizard = Wizard(example_file, goto="childs-journey")
    try:
        wizard.wait_for_screen(b"question 1 of 9")
        wizard.read_until_quiet()
        shown = press(wizard, "the next question", b"\x0e", b"question 2 of 9")  # ctrl+n
        assert "question 2 of 9" in shown.rows[0]
        assert "How did the child's race bear on their journey" in shown.text
        assert "Tell the child's story" not in shown.text
        wizard.type("\x11")
        assert wizard.exit_status() == 0
    finally:
        wizard.close()

    # Each page once, as it stays (about 6 KB): Textual sent each three or four times over as it
    # was built (14 to 28 KB), the whole page again for each Tab (6 KB; 44 KB for a Tab that
    # scrolled, in steps), and the whole task list for each arrow key (3.5 KB).
    limits = {"tab to field 2": 2_000, "tab to field 3": 2_000, "tab to field 4": 12_000, "down the task list": 1_000}
    assert sent == {what: size for what, size in sent.items() if size < limits.get(what, 8_000)}, sent


def test_a_preview_that_takes_longer_to_lay_out_than_a_page_is_held_is_sent_once(tmp_path, example_file):
    # A 2,000-entry report takes longer to lay out (2.5 s) than a page being built is held back
    # (2 s), and was sent twice: unsettled, then again. Now it is laid out in another thread, a
    # page saying so shown meanwhile. Here laying out the worked example's report is made to
    # take as long.
    script = tmp_path / "slow_report.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from imr_tui.ui import app, building
        from imr_tui.core.opening import open_review
        from imr_tui.ui.widgets import report

        def slowly(*args):
            time.sleep(building.BUILD_SECONDS + 0.5)
            return laid_out(*args)

        laid_out, report.report_lines = report.report_lines, slowly
        sys.exit(app.run_wizard(Path({str(example_file)!r}), open_review(Path({str(example_file)!r})), goto="childs-journey"))
    """))
    wizard = Wizard.command([sys.executable, str(script)])
    try:
        wizard.wait_for_screen(b"question 1 of 9")
        wizard.type("\x14")  # ctrl+t
        wizard.wait_to_show(TASK_LIST)
        wizard.read_until_quiet()  # all of the task list, before the preview is counted
        before, screens_before = len(wizard.screen), len(wizard.screens_seen)
        wizard.type("p")
        wizard.wait_to_show("Preview: ", "Individual Management Review: Northtown")
        wizard.read_until_quiet()
        preview, screens = wizard.screen[before:], wizard.screens_seen[screens_before:]
        wizard.type("\x11")  # ctrl+q
        assert wizard.exit_status() == 0
    finally:
        wizard.close()
    # The report reached the screen once, and stayed: it was not drawn, taken away and drawn again.
    showing_report = ["Individual Management Review: Northtown" in screen for screen in screens]
    assert sum(now and not then for then, now in zip([False, *showing_report], showing_report)) == 1
    assert all(showing_report[showing_report.index(True):])
    assert len(preview) < 8000
