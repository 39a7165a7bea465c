"""Every kind of wizard page as the author sees it at 80x24, kept as SVG snapshots.

Update after a deliberate change with `pytest tests/test_snapshots.py --snapshot-update`, then look
at each changed page in the report before committing it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from imr_tui.core import store
from imr_tui.core.guidance.example import WORKED_EXAMPLE
from imr_tui.core.model import Review
from imr_tui.core.standard_text import new_review
from imr_tui.ui.app import ImrApp
from imr_tui.core.session import ReviewSession
from imr_tui.ui.widgets.answer import AnswerField

from wizard_helpers import SIZE, wait_until, wizard

REVIEW = Path("review.toml")  # relative, so no temporary folder appears on screen


@pytest.fixture(autouse=True)
def same_screen_every_run(tmp_path, monkeypatch):
    """Work in an empty folder, and save at a fixed time so the status line never changes."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(ReviewSession, "clock", staticmethod(lambda: dt.datetime(2011, 8, 8, 9, 30, 0)))


def worked_example() -> Review:
    return store.load(WORKED_EXAMPLE)


def opened(review: Review, goto: str | None = None) -> ImrApp:
    store.save(review, REVIEW)
    return wizard(REVIEW, goto)


def then(*keys: str, do: Callable[[ImrApp], object] | None = None) -> Callable[[Pilot], Awaitable[None]]:
    """Press `keys` one at a time, do what a key cannot, then let the page settle: saved (edits at the
    fixed time) and no notification showing."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if do is not None:
            do(pilot.app)
            await pilot.pause()
        await wait_until(pilot, lambda: not pilot.app.workers, "the page built")  # the preview lays out its report in one
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # an Input's cursor blinks (a TextArea's does not here): hold it on
        pilot.app.save_now()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


def test_the_start_page_offers_a_new_review_an_existing_one_or_the_worked_example(snap_compare):
    assert snap_compare(ImrApp(), terminal_size=SIZE, run_before=then())


def test_naming_a_file_that_is_not_there_asks_whether_to_start_a_review_in_it(snap_compare):
    assert snap_compare(wizard(REVIEW), terminal_size=SIZE, run_before=then())


def test_the_task_list_of_a_new_review_shows_every_part_not_started(snap_compare):
    assert snap_compare(opened(new_review()), terminal_size=SIZE, run_before=then())


def test_the_task_list_of_the_worked_example_shows_every_part_completed(snap_compare):
    assert snap_compare(opened(worked_example()), terminal_size=SIZE, run_before=then())


def test_a_long_answer_is_written_in_a_box_under_the_guidance(snap_compare):
    app = opened(worked_example(), goto="childs-journey")
    assert snap_compare(app, terminal_size=SIZE, run_before=then())


def test_a_short_answer_is_written_on_one_line(snap_compare):
    app = opened(worked_example(), goto="review-details")
    assert snap_compare(app, terminal_size=SIZE, run_before=then("ctrl+n"))  # children, then the agency


def test_a_day_that_does_not_exist_is_pointed_out_beside_the_date(snap_compare):
    review = new_review()
    review.resume.part, review.resume.question = "review-details", "date_requested"
    app = opened(review)
    assert snap_compare(app, terminal_size=SIZE, run_before=then(*"31/02/2011", "enter"))


def test_a_yes_or_no_question_shows_which_is_chosen(snap_compare):
    review = worked_example().model_copy(deep=True)
    review.resume.part, review.resume.question = "review-details", "terms_of_reference_draft"
    assert snap_compare(opened(review), terminal_size=SIZE, run_before=then())


def test_the_analysis_asks_about_each_term_of_reference_in_turn(snap_compare):
    app = opened(worked_example(), goto="analysis")
    assert snap_compare(app, terminal_size=SIZE, run_before=then())


def test_the_chronology_is_a_table_in_date_order(snap_compare):
    app = opened(worked_example(), goto="chronology")
    assert snap_compare(app, terminal_size=SIZE, run_before=then())


def test_a_chronology_entry_opens_as_a_form_of_all_its_fields(snap_compare):
    app = opened(worked_example(), goto="chronology")
    assert snap_compare(app, terminal_size=SIZE, run_before=then("enter"))


def test_an_interview_record_ends_with_its_signatures_and_the_entries_it_speaks_to(snap_compare):
    def to_sign_off(app: ImrApp) -> None:  # the form's last field, so the form scrolls to its end
        app.screen.query_one("#field-chronology_entries", AnswerField).focus_editor()

    app = opened(worked_example(), goto="interviews")
    assert snap_compare(app, terminal_size=SIZE, run_before=then("enter", do=to_sign_off))


def test_the_check_page_lists_what_to_fix_and_what_to_consider_part_by_part(snap_compare):
    review = worked_example().model_copy(deep=True)
    review.childs_journey.gender = ""
    review.interviews.records[0].agreed_on = None
    assert snap_compare(opened(review), terminal_size=SIZE, run_before=then("c"))


def test_the_preview_shows_the_report_as_it_will_be_exported(snap_compare):
    assert snap_compare(opened(worked_example()), terminal_size=SIZE, run_before=then("p"))


def test_the_help_explains_the_wizard_and_lists_its_keys(snap_compare):
    assert snap_compare(opened(new_review()), terminal_size=SIZE, run_before=then("ctrl+f"))


def test_deleting_a_record_asks_first(snap_compare):
    app = opened(worked_example(), goto="chronology")
    assert snap_compare(app, terminal_size=SIZE, run_before=then("d"))
