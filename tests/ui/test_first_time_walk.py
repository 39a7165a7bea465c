"""What tripped a first-time author on their walk through the wizard (issue 17)."""

from __future__ import annotations

import pytest

from imr_tui.core import store
from imr_tui.core.model import TermOfReference
from imr_tui.ui.app import ImrApp
from imr_tui.ui.screens.check import CheckScreen
from imr_tui.ui.screens.record_form import RecordFormScreen
from imr_tui.ui.widgets.answer import AnswerField
from imr_tui.ui.widgets.lean import LeanOptionList
from wizard_helpers import SIZE, keys, notified, shows, type_text, wait_until, wizard


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


@pytest.mark.parametrize("review, goto, keys_to_there, there", [
    ("review_file", "childs-journey", ["ctrl+n"], "question 2 of 9"),  # a question
    ("example_file", "chronology", ["down", "enter"], "Chronology entry 2 of 18"),  # a record's form
])
async def test_escape_from_the_check_goes_back_to_where_the_author_was(request, review, goto, keys_to_there, there):
    app = wizard(request.getfixturevalue(review), goto=goto)
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, *keys_to_there)
        await wait_until(pilot, lambda: shows(app, there), "the page to start from")
        await keys(pilot, "ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, CheckScreen), "the check")
        await keys(pilot, "escape")
        await wait_until(pilot, lambda: shows(app, there), "the same page again")


async def test_a_word_the_check_flags_can_be_set_aside_as_no_acronym_from_the_check_page(review_file):
    app = wizard(review_file, goto="childs-journey")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Seen by the ZQ team.")
        await keys(pilot, "ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, CheckScreen), "the check")
        await keys(pilot, "end")  # the glossary's findings are near the end
        while not shows(app, "'ZQ' is used in the report"):
            await keys(pilot, "up")
        while app.screen.findings[int(app.screen.query_one(LeanOptionList).highlighted_id)].acronym != "ZQ":
            await keys(pilot, "up")
        await keys(pilot, "n")
        await wait_until(pilot, lambda: notified(app, "'ZQ' is not an acronym in this review"), "ZQ set aside")
        await wait_until(pilot, lambda: isinstance(app.screen, CheckScreen) and not shows(app, "'ZQ' is used"), "the check again")
        await keys(pilot, "escape")
        await wait_until(pilot, lambda: shows(app, "question 1 of 9"), "back to the question")
        await keys(pilot, "ctrl+s")
    assert store.load(review_file).glossary.not_acronyms == ["ZQ"]


async def test_ctrl_l_reads_the_whole_guidance_and_goes_back_to_the_answer_as_it_was(review_file):
    app = wizard(review_file, goto="analysis")
    async with app.run_test(size=SIZE) as pilot:
        await to_question(pilot, "How did the services offered take account")
        await type_text(pilot, "Seen at home")
        await keys(pilot, "left", "left", "left", "left")  # the cursor before "home"
        last_paragraph = "Practice at individual and organisational levels"
        assert not shows(app, last_paragraph)  # the pane shows only the start of the guidance
        for back in ("ctrl+l", "escape"):
            await keys(pilot, "ctrl+l")
            await wait_until(pilot, lambda: shows(app, last_paragraph), "the whole guidance")
            await keys(pilot, back)
            await wait_until(pilot, lambda: not shows(app, last_paragraph), "the answer again")
            await type_text(pilot, "x")
        assert app.review.analysis.identity_needs == "Seen at xxhome"


async def test_section_11s_considerations_are_one_page_each_with_its_own_answer(review_file):
    review = store.load(review_file)
    review.review_details.terms_of_reference = [TermOfReference(id=1, text="Health visiting")]
    store.save(review, review_file)
    app = wizard(review_file, goto="analysis")
    async with app.run_test(size=SIZE) as pilot:
        assert shows(app, "question 1 of 22")  # the term, 7 questions, 14 considerations
        await to_question(pilot, "consider specifically")
        assert shows(app, "questions 9 to 22 of 22")
        await type_text(pilot, "Heard at every visit.")
        await keys(pilot, "tab")
        await type_text(pilot, "Yes, on the whole.")
        await keys(pilot, "ctrl+n")
        await wait_until(pilot, lambda: shows(app, "finished?"), "the page closing the part")
        await keys(pilot, "ctrl+o")  # back: the whole group again
        await wait_until(pilot, lambda: shows(app, "questions 9 to 22 of 22"), "the group again")
    analysis = app.review.analysis
    assert (analysis.wishes_and_feelings, analysis.practitioner_sensitivity) == ("Heard at every visit.", "Yes, on the whole.")


async def test_a_consideration_the_check_finds_missing_opens_its_group_at_its_answer(review_file):
    app = wizard(review_file, goto="analysis")
    async with app.run_test(size=SIZE) as pilot:
        app.open_part("analysis", "timescales")
        await wait_until(pilot, lambda: shows(app, "questions 9 to 22 of 22"), "the group")
        assert app.focused.parent.question.id == "timescales"


async def test_the_author_exports_the_report_as_a_word_document_and_a_draft_says_how_much_is_left(review_file):
    app = wizard(review_file)
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "e")
        await wait_until(pilot, lambda: shows(app, "m Markdown w Word"), "the choice of format")
        await keys(pilot, "w")
        await wait_until(pilot, lambda: notified(app, "Exported a DRAFT to"), "the export")
        assert notified(app, "things to fix first (c to check)")
    assert review_file.with_suffix(".docx").read_bytes().startswith(b"PK")  # a Word document is a zip
    assert not review_file.with_suffix(".md").exists()


async def test_the_start_page_opens_a_private_copy_of_the_worked_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = ImrApp()  # as `imr-tui` starts with no file named
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: shows(app, "Explore the worked example"), "the start page")
        await keys(pilot, "down", "down", "enter")
        await wait_until(pilot, lambda: shows(app, "Where should the copy of the worked example go?"), "the question")
        await keys(pilot, "enter")  # worked-example.toml, the name offered
        await wait_until(pilot, lambda: shows(app, "Child A"), "the example opened")
    copy = tmp_path / "worked-example.toml"
    assert store.load(copy).review_details.children and copy.stat().st_mode & 0o777 == 0o600
