"""What tripped a first-time author on their walk through the wizard (issue 17)."""

from __future__ import annotations

import pytest

from imr_tui.core import store
from imr_tui.ui.screens.record_form import RecordFormScreen
from imr_tui.ui.widgets.answer import AnswerField
from wizard_helpers import SIZE, keys, shows, type_text, wait_until, wizard


async def to_question(pilot, prompt: str) -> None:
    """On through the part with ctrl+n until `prompt` is on the page."""
    for _ in range(30):
        if shows(pilot.app, prompt):
            return
        await keys(pilot, "ctrl+n")
    raise AssertionError(f"{prompt!r} never came")


async def test_a_yes_no_answer_is_marked_chosen_by_enter_or_space_and_the_arrows_stop_at_the_ends(review_file):
    app = wizard(review_file, goto="review-details")
    async with app.run_test(size=SIZE) as pilot:
        await to_question(pilot, "Are these terms of reference still draft?")
        assert shows(app, "(*) Yes") and shows(app, "( ) No")
        await keys(pilot, "down", "enter")
        assert shows(app, "( ) Yes") and shows(app, "(*) No")
        await keys(pilot, "down", "space")  # No is the last: down stays on it
        assert shows(app, "(*) No")
        await keys(pilot, "up", "up", "space")  # Yes is the first: up stays on it
        assert shows(app, "(*) Yes") and shows(app, "( ) No")
        await keys(pilot, "down", "space", "ctrl+s")
    assert store.load(review_file).review_details.terms_of_reference_draft is False


@pytest.mark.parametrize("part, prompt, answer", [
    ("review-details", "Which organisation is this IMR written for?", lambda review: review.review_details.agency),  # one line
    ("childs-journey", "", lambda review: review.childs_journey.narrative),  # paragraphs
])
async def test_the_editing_keys_of_a_shell_work_in_every_text_field(review_file, part, prompt, answer):
    app = wizard(review_file, goto=part)
    async with app.run_test(size=SIZE) as pilot:
        await to_question(pilot, prompt)
        await type_text(pilot, "quiet visit")
        await keys(pilot, "ctrl+a")
        await type_text(pilot, "A ")
        await keys(pilot, "ctrl+e")
        await type_text(pilot, " today")
        assert answer(app.review) == "A quiet visit today"
        await keys(pilot, "ctrl+w")  # the word before the cursor
        assert answer(app.review) == "A quiet visit "
        await keys(pilot, "left", "left", "left", "ctrl+k")  # to the end of the line
        assert answer(app.review) == "A quiet vis"
        await keys(pilot, "left", "ctrl+u")  # to its start
        assert answer(app.review) == "s"


async def test_the_help_lists_the_editing_keys(review_file):
    app = wizard(review_file, goto="childs-journey")
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "ctrl+f", "end")  # the help, scrolled to its end
        await wait_until(pilot, lambda: shows(app, "ctrl+w"), "the help's editing keys")
        for key in ("ctrl+a", "ctrl+e", "ctrl+k", "ctrl+u", "ctrl+w"):
            assert shows(app, key), key


@pytest.mark.parametrize("review, asked", [("review_file", False), ("example_file", True)])
async def test_a_chronology_entry_asks_for_links_only_to_interviews_and_terms_that_exist(request, review, asked):
    # A new review has no interview records or terms of reference yet; the worked example has both.
    app = wizard(request.getfixturevalue(review), goto="chronology")
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordFormScreen), "the new entry's form")
        for prompt in ("Which interview records speak to this contact?", "Which terms of reference does"):
            assert shows_anywhere(app, prompt) is asked, prompt


def shows_anywhere(app, prompt: str) -> bool:
    """Whether the form asks `prompt`, in view or scrolled out of it."""
    return any(str(answer.prompt_text).startswith(prompt) for answer in app.screen.query(AnswerField))


async def test_the_introduction_says_what_each_placeholder_becomes_in_the_report(review_file):
    review = store.load(review_file)
    review.review_details.author_name = "Jo Bloggs"
    store.save(review, review_file)
    app = wizard(review_file, goto="introduction")
    async with app.run_test(size=SIZE):
        assert shows(app, "In the report: (insert NAME OF AUTHOR) becomes Jo Bloggs;")
        assert shows(app, "(insert NAME OF ORGANISATION here) stays until you answer 'Which organisation is this")
