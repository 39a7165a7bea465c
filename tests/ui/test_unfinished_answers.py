"""A date or time half typed: what the author sees is what the file holds, and leaving the page
never drops it without a word (issue 17, items 1 and 2)."""

from __future__ import annotations

import datetime as dt

from imr_tui.core import store
from imr_tui.ui.screens.question import QuestionScreen
from wizard_helpers import SIZE, keys, notified, screen_text, shows, type_text, wait_until, wizard


async def test_a_date_shortened_to_no_date_leaves_no_date_in_the_file(review_file):
    app = wizard(review_file, goto="chronology")
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "a")
        await type_text(pilot, "28/02/2011")
        assert app.review.chronology.entries[0].date == dt.date(2011, 2, 28)
        await keys(pilot, "backspace", "backspace")
        assert "28/02/20" in screen_text(app) and "28/02/2011" not in screen_text(app)
        # The screen shows no date: the file must not keep the whole one.
        assert app.review.chronology.entries[0].date is None


async def test_leaving_an_entry_with_a_half_typed_date_says_which_field_and_keeps_the_text(review_file):
    app = wizard(review_file, goto="chronology")
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "a")
        await type_text(pilot, "28/02/20")
        for leave in ("escape", "ctrl+t", "ctrl+r"):
            await keys(pilot, leave)
            assert shows(app, "Chronology entry 1 of 1"), leave
            assert notified(app, "Date of the contact is not finished"), leave
            assert shows(app, "28/02/20"), leave
            app.clear_notifications()


async def test_quitting_with_a_half_typed_date_asks_first(review_file):
    app = wizard(review_file, goto="chronology")
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "a")
        await type_text(pilot, "28/02/20")
        await keys(pilot, "ctrl+q")
        await wait_until(pilot, lambda: shows(app, "Quit anyway and leave it out"), "the question")
        assert shows(app, "Date of the contact is not finished")
        await keys(pilot, "n")  # back to it, the text as typed
        await wait_until(pilot, lambda: shows(app, "Chronology entry 1 of 1"), "the entry again")
        await type_text(pilot, "11")
        await keys(pilot, "ctrl+q")
        await wait_until(pilot, lambda: app.return_code == 0, "quitting")
    assert store.load(review_file).chronology.entries[0].date == dt.date(2011, 2, 28)


async def test_a_half_typed_date_on_a_question_page_keeps_the_author_there(review_file):
    app = wizard(review_file, goto="review-details")
    async with app.run_test(size=SIZE) as pilot:
        while not shows(app, "On what date was this IMR requested"):
            await keys(pilot, "ctrl+n")
        await type_text(pilot, "3/13")
        await keys(pilot, "ctrl+t")
        assert notified(app, "On what date was this IMR requested is not finished")
        assert isinstance(app.screen, QuestionScreen) and shows(app, "3/13")
