"""The wizard, driven from the keyboard at 80x24 the way a first-time author would use it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from imr_tui.core import store
from imr_tui.core.opening import open_review
from imr_tui.core.checks import signed_off
from imr_tui.core.guidance.example import WORKED_EXAMPLE, worked_example
from imr_tui.core.standard_text import new_review
from imr_tui.core.guidance import template
from imr_tui.ui.screens.check import CheckScreen
from imr_tui.ui.screens.question import QuestionScreen
from imr_tui.ui.screens.record_form import RecordFormScreen
from imr_tui.ui.screens.tasks import TaskListScreen
from imr_tui.ui.widgets.answer import AnswerField

from wizard_helpers import (
    SIZE, keys, no_save_under_way, notified, saves_written, screen_text, shows, type_text, wait_until, wizard,
)


async def test_an_author_starts_a_new_review_after_being_told_there_is_none(tmp_path):
    path = tmp_path / "new-review.toml"
    app = wizard(path)
    async with app.run_test(size=SIZE) as pilot:
        assert "There is no review at" in screen_text(app)
        assert not path.exists()
        await keys(pilot, "y")
        assert isinstance(app.screen, TaskListScreen)
        assert "Not started" in screen_text(app)
    assert store.load(path).introduction.text.startswith("This individual management review")
    assert path.stat().st_mode & 0o777 == 0o600


async def test_saying_no_to_a_new_review_creates_nothing(tmp_path):
    path = tmp_path / "new-review.toml"
    app = wizard(path)
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "n")
        assert "Start a new review" in screen_text(app)
    assert not path.exists()


async def test_goto_opens_at_the_first_question_with_its_answer_focused(review_file):
    app = wizard(review_file, goto="childs-journey")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, QuestionScreen)
        assert "Section 10 The child's journey · question 1 of 9" in screen_text(app)
        await type_text(pilot, "She was a quiet baby.\nShe smiled at her brother.")
        await keys(pilot, "ctrl+q")
    assert store.load(review_file).childs_journey.narrative == "She was a quiet baby.\nShe smiled at her brother."


async def test_typing_is_saved_by_itself_once_the_author_pauses(review_file):
    app = wizard(review_file, goto="childs-journey")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Seen at home")
        assert "saving" in screen_text(app)
        await wait_until(pilot, lambda: "saving" not in screen_text(app), "the pause in typing set off no save")
        assert store.load(review_file).childs_journey.narrative == "Seen at home"
        assert "saved" in screen_text(app)


@pytest.mark.parametrize("part", [p.id for p in template().parts])
async def test_an_answer_in_any_part_is_kept(review_file, part):
    app = wizard(review_file, goto=part)
    async with app.run_test(size=SIZE) as pilot:
        step = app.screen.step
        if step.question.kind == "records":
            await keys(pilot, "a")
            assert isinstance(app.screen, RecordFormScreen)
            form_field = app.screen.kind.fields[0]
            if form_field.kind == "choice":  # a source's kind: choose the second option
                await keys(pilot, "down", "enter")
            else:
                await type_text(pilot, "Something the author wrote")
            await keys(pilot, "escape")
        else:
            if step.question.kind == "per-term":  # no terms of reference yet: the next question
                await keys(pilot, "ctrl+n")
            await type_text(pilot, "Something the author wrote")
        await keys(pilot, "ctrl+q")
    untouched = new_review().part(part).model_dump(exclude={"completed"})
    assert store.load(review_file).part(part).model_dump(exclude={"completed"}) != untouched


async def test_a_chronology_entry_with_a_bad_date_is_refused_and_a_good_one_kept(review_file):
    app = wizard(review_file, goto="chronology")
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "a")
        await type_text(pilot, "31/02/2011")
        await keys(pilot, "ctrl+n")
        assert isinstance(app.screen, RecordFormScreen), "a form with a bad date must not close"
        assert "That day does not exist in that month" in screen_text(app)
        await keys(pilot, *["backspace"] * 10)
        await type_text(pilot, "28/02/2011")
        await keys(pilot, "ctrl+n")
        assert isinstance(app.screen, QuestionScreen)
        assert "28/02/2011" in screen_text(app)
        await keys(pilot, "ctrl+q")
    assert [e.date for e in store.load(review_file).chronology.entries] == [dt.date(2011, 2, 28)]


async def test_looking_at_a_chronology_entry_changes_nothing_and_saves_nothing(example_file):
    app = wizard(example_file, goto="chronology")
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "ctrl+n")  # leaves the page: its place is saved, which the status does not tell
        await keys(pilot, "ctrl+o", "down", "enter")
        assert isinstance(app.screen, RecordFormScreen)
        await keys(pilot, "escape")
        assert isinstance(app.screen, QuestionScreen)
        await app.workers.wait_for_complete()
        await saves_written(pilot)  # a save, had one begun, has finished and been reported by now
        assert not app.session.unsaved
        assert "saving" not in screen_text(app) and not re.search(r"saved \d\d:\d\d", screen_text(app))
        await keys(pilot, "ctrl+q")
    assert store.load(example_file).chronology == worked_example().chronology


async def test_the_chronology_stays_in_date_order_and_marks_entries_outside_the_period(review_file):
    review = store.load(review_file)
    review.review_details.period_start = dt.date(2010, 4, 1)
    review.review_details.period_end = dt.date(2011, 3, 31)
    store.save(review, review_file)
    app = wizard(review_file, goto="chronology")
    async with app.run_test(size=SIZE) as pilot:
        for typed in ("14/03/2011", "01/05/2009"):
            await keys(pilot, "a")
            await type_text(pilot, typed)
            await keys(pilot, "escape")
        text = screen_text(app)
        assert text.index("! 01/05/2009") < text.index("14/03/2011")
        await keys(pilot, "ctrl+q")
    dates = [e.date for e in store.load(review_file).chronology.entries]
    assert dates == [dt.date(2009, 5, 1), dt.date(2011, 3, 14)]


async def test_an_interview_is_recorded_and_signed_off(review_file):
    app = wizard(review_file, goto="interviews")
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "a")
        form = app.screen
        await type_text(pilot, "Jo Bloggs")  # interviewee
        await keys(pilot, "tab")
        await type_text(pilot, "Health Visitor 1")
        for field in ("agreed_by_interviewee", "signed_by_interviewer", "signed_by_interviewee"):
            form.query_one(f"#field-{field}", AnswerField).focus_editor()
            await keys(pilot, "home", "enter")  # Yes
        await keys(pilot, "escape")
        assert "signed off" in screen_text(app)
        await keys(pilot, "ctrl+q")
    record = store.load(review_file).interviews.records[0]
    assert (record.interviewee, record.interviewee_role) == ("Jo Bloggs", "Health Visitor 1")
    assert signed_off(record)


async def test_a_recommendation_is_linked_to_a_lesson_chosen_from_section_12(review_file):
    app = wizard(review_file, goto="lessons")
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "a", "down", "enter", "tab")  # kind: improvement
        await type_text(pilot, "Bruising in a baby who cannot move must always be referred.")
        await keys(pilot, "escape")
        app.open_part("recommendations")
        await pilot.pause()
        await keys(pilot, "a")
        await type_text(pilot, "Adopt a bruising protocol.")
        app.screen.query_one("#field-lessons", AnswerField).focus_editor()
        await pilot.pause()
        assert "1. improvement - Bruising in a baby who cannot move" in screen_text(app)
        await keys(pilot, "enter", "escape", "ctrl+q")
    review = store.load(review_file)
    assert review.recommendations.recommendations[0].lessons == [review.lessons.lessons[0].id]


async def test_the_check_page_lists_what_is_missing_and_enter_goes_to_the_answer(tmp_path):
    path = tmp_path / "review.toml"
    review = store.load(WORKED_EXAMPLE)
    review.childs_journey.gender = ""
    review.resume.part = ""
    store.save(review, path)
    app = wizard(path)
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "c")
        assert isinstance(app.screen, CheckScreen)
        assert "1 to fix before the final report" in screen_text(app)
        await keys(pilot, "enter")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.step.question.id == "gender"
        assert app.focused is app.screen.query_one(AnswerField).editor
        await type_text(pilot, "Both children were seen with Mother only.")
        await keys(pilot, "ctrl+r")
        assert "ready to export" in screen_text(app)


async def test_export_writes_the_report_beside_the_review_and_says_where(tmp_path):
    path = tmp_path / "review.toml"
    review = store.load(WORKED_EXAMPLE)
    review.resume.part = ""
    store.save(review, path)
    app = wizard(path)
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "e", "m")  # export, as Markdown
        await wait_until(pilot, lambda: notified(app, "Exported the report to"), "the export")
    report = (tmp_path / "review.md").read_text(encoding="utf-8")
    assert "Section 13 Recommendations for action plan" in report
    assert (tmp_path / "review.md").stat().st_mode & 0o777 == 0o600


async def test_reopening_the_file_finds_every_answer_and_the_place_the_author_left(review_file):
    app = wizard(review_file, goto="childs-journey")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Narrative")
        await keys(pilot, "ctrl+n")
        await type_text(pilot, "White British")
        await keys(pilot, "ctrl+q")
    app = wizard(review_file)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.step.question.id == "race"
        assert "White British" in screen_text(app)
        await keys(pilot, "ctrl+o")
        assert "Narrative" in screen_text(app)


async def test_every_key_works_without_function_or_alt_keys_and_avoids_unsafe_chords(review_file):
    from imr_tui.ui import keys as key_module
    from textual.binding import Binding

    bindings = [b for b in vars(key_module).values() if isinstance(b, Binding)]
    for binding in bindings:
        chords = binding.key.split(",")
        assert any(not c.startswith(("f1", "f2", "alt+")) for c in chords), binding
        assert not {"ctrl+h", "ctrl+m", "ctrl+b", "ctrl+a"} & set(chords), binding


async def test_no_cursor_blinks(review_file):
    app = wizard(review_file, goto="childs-journey")
    async with app.run_test(size=SIZE):
        assert app.focused.cursor_blink is False


@pytest.mark.parametrize("failure", ["disc full", "file replaced by a folder"])
async def test_a_save_that_fails_is_reported_the_author_keeps_working_and_nothing_on_disc_is_damaged(
    review_file, monkeypatch, request, failure
):
    import errno
    import os

    from imr_tui.ui import app as wizard_app

    # Sooner than an author's 1 s pause and 5 s retry: what is proved is that both come by themselves.
    monkeypatch.setattr(wizard_app, "SAVE_AFTER_SECONDS", 0.1)
    monkeypatch.setattr(wizard_app, "RETRY_SAVE_SECONDS", 0.1)
    broken = pytest.MonkeyPatch()  # undone on its own when the disc is mended, or at the end
    request.addfinalizer(broken.undo)
    app = wizard(review_file, goto="childs-journey")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "first")
        await wait_until(pilot, lambda: not app.session.unsaved, "the first words were not saved")
        await saves_written(pilot)
        before = review_file.read_bytes()
        if failure == "disc full":
            def full(_fd):
                raise OSError(errno.ENOSPC, "No space left on device")

            broken.setattr(os, "fsync", full)
        else:
            review_file.unlink()
            review_file.mkdir()
        await type_text(pilot, " second")
        await wait_until(pilot, lambda: "NOT SAVED" in screen_text(app), "the failed save was not reported")
        assert notified(app, "Keep working")
        assert notified(app, "Error: "), "an error is said in words, not by the notice's colour alone"
        with no_save_under_way(app):  # the retries go on meanwhile
            if failure == "disc full":
                assert review_file.read_bytes() == before
                broken.undo()
            else:
                assert review_file.is_dir() and not any(review_file.iterdir())
                review_file.rmdir()
            assert [p.name for p in review_file.parent.iterdir() if p.name.endswith(".tmp")] == []
        await wait_until(pilot, lambda: notified(app, "Saved again"), "the wizard did not save again by itself")
        await wait_until(pilot, lambda: "NOT SAVED" not in screen_text(app), "the status still says NOT SAVED")
        assert store.load(review_file).childs_journey.narrative == "first second"


async def test_opening_a_review_others_can_read_warns_and_makes_it_private(review_file):
    review_file.chmod(0o644)
    app = wizard(review_file)
    async with app.run_test(size=SIZE):
        assert any("could be read by other users" in str(n.message) for n in app._notifications)
    assert review_file.stat().st_mode & 0o777 == 0o600


async def test_opening_a_review_keeps_the_version_before_as_the_backup(review_file):
    before = review_file.read_bytes()
    app = wizard(review_file, goto="childs-journey")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "new words")
        await keys(pilot, "ctrl+q")
    backup = review_file.with_name("review.toml.bak")
    assert backup.read_bytes() == before and backup.stat().st_mode & 0o777 == 0o600


async def test_a_broken_file_opened_from_the_start_page_is_explained_in_a_dialog_and_left_alone(tmp_path, monkeypatch):
    from imr_tui.ui.app import ImrApp
    from imr_tui.ui.screens.dialogs import MessageScreen

    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.toml").write_bytes(b"schema_version = 1\n[review_details\n")
    before = (tmp_path / "broken.toml").read_bytes()
    app = ImrApp()
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "down", "enter")  # Open an existing review
        await keys(pilot, *["backspace"] * 11)
        await type_text(pilot, "broken.toml")
        await keys(pilot, "enter")
        assert isinstance(app.screen, MessageScreen)
        assert "broken.toml: " in screen_text(app) and "line 2" in screen_text(app)
    assert (tmp_path / "broken.toml").read_bytes() == before


async def test_a_page_that_is_never_built_does_not_freeze_the_screen(review_file, monkeypatch):
    import asyncio

    from imr_tui.ui import building

    monkeypatch.setattr(building, "BUILD_SECONDS", 0.2)
    app = wizard(review_file, goto="childs-journey")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: not app.output_held, "the first page was never sent")
        clock = asyncio.get_running_loop().time
        asked = clock()
        app.send_when_built(asyncio.Event().wait())  # a change of page that never completes
        assert app.output_held, "output is held while the page is built"
        await wait_until(pilot, lambda: not app.output_held, "output was not sent again once the wait was over")
        # Held the whole wait: asyncio's timers never fire early (but for its clock's resolution).
        assert clock() - asked >= building.BUILD_SECONDS - 0.001, "output was sent again before the wait was over"
        await type_text(pilot, "Still typing")
        assert "Still typing" in screen_text(app)


async def test_a_window_below_80x24_says_how_big_it_must_be_and_the_page_returns_when_it_grows(review_file):
    app = wizard(review_file, goto="childs-journey")
    async with app.run_test(size=(70, 20)) as pilot:
        assert "at least 80 columns by 24 lines; this one is 70 by 20" in " ".join(screen_text(app).split())
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: "question 1 of 9" in screen_text(app), "the page did not return")


async def test_ascii_mode_draws_borders_and_marks_in_plain_ascii(review_file):
    from imr_tui.ui.app import ImrApp

    app = ImrApp(open_review(review_file), goto="childs-journey", ascii=True)
    async with app.run_test(size=SIZE):
        text = screen_text(app)
        assert "+----" in text and "Section 10 The child's journey - question 1 of 9" in text
        assert not any(ord(c) > 127 for c in text)


async def test_ascii_mode_draws_the_task_list_a_title_too_long_for_the_line_and_a_notification_in_plain_ascii(tmp_path):
    from imr_tui.ui.app import ImrApp

    review = worked_example().model_copy(deep=True)
    review.resume.part = ""  # opens on the task list
    review.review_details.agency = "Northtown Community Health NHS Trust, Children's Community Services"
    path = tmp_path / "review.toml"
    store.save(review, path)
    app = ImrApp(open_review(path), ascii=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        text = screen_text(app)
        assert "Check your answers" in text and "Northtown Community Health" in text
        assert not any(ord(c) > 127 for c in text)
        await keys(pilot, "e", "m")  # export as Markdown: a notification says where the report went
        await wait_until(pilot, lambda: shows(app, "Exported the report to"), "no notification of the export")
        assert not any(ord(c) > 127 for c in screen_text(app))


async def test_ascii_mode_draws_the_command_palette_and_choices_cut_short_in_plain_ascii(example_file):
    from imr_tui.ui.app import ImrApp

    app = ImrApp(open_review(example_file), goto="methodologies", ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "ctrl+n")  # the terms of reference it gave weight to, one line each
        text = screen_text(app)
        assert "[x] 2. Consider whether practitioners recognised and responded app..." in text
        assert not any(ord(c) > 127 for c in text)
        await keys(pilot, "ctrl+p")
        await wait_until(
            pilot, lambda: "Search for commands..." in screen_text(app) and "Check your answers" in screen_text(app),
            "the palette did not open with the wizard's commands",
        )
        assert not any(ord(c) > 127 for c in screen_text(app))


async def test_the_command_palette_offers_only_the_wizards_own_commands(review_file):
    from imr_tui.ui import keys as wizard_keys

    app = wizard(review_file, goto="childs-journey")
    async with app.run_test(size=SIZE):
        offered = {command.title for command in app.get_system_commands(app.screen)}
    assert offered <= {title for title, _, _ in wizard_keys.PALETTE}
    assert {"Next question", "Check your answers", "Save and quit"} <= offered
    assert not offered & {"Screenshot", "Keys", "Theme", "Quit", "Maximize"}


async def test_a_review_open_elsewhere_is_refused_from_the_start_page_with_who_has_it(review_file, monkeypatch):
    import subprocess
    import sys

    from imr_tui.ui.app import ImrApp
    from imr_tui.ui.screens.dialogs import MessageScreen

    monkeypatch.chdir(review_file.parent)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from imr_tui.core.lock import acquire; "
         "lock = acquire(Path('review.toml')); print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        app = ImrApp()
        async with app.run_test(size=SIZE) as pilot:
            await keys(pilot, "down", "enter", "enter")  # Open an existing review: review.toml
            assert isinstance(app.screen, MessageScreen)
            assert "is open in another imr-tui session" in " ".join(screen_text(app).split())
    finally:
        holder.kill()
        holder.wait()


async def test_plain_keys_on_the_task_list_open_help_and_quit(review_file):
    from imr_tui.ui.screens.dialogs import HelpScreen

    review = store.load(review_file)
    review.resume.part = ""
    store.save(review, review_file)
    app = wizard(review_file)
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await keys(pilot, "escape", "q")
    assert app.return_code == 0 and not app.is_running


@pytest.mark.parametrize("part", ["methodologies", "chronology", "lessons", "recommendations", "interviews", "glossary"])
async def test_a_new_record_opens_at_its_first_question_with_the_question_in_view(review_file, part):
    app = wizard(review_file, goto=part)
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "a")
        form = app.screen
        assert isinstance(form, RecordFormScreen)
        first = form.kind.fields[0]
        assert form.query_one("#form").scroll_y == 0
        assert first.prompt in screen_text(app)
        assert app.focused is form.query_one(f"#field-{first.id}", AnswerField).editor


async def test_the_task_list_highlights_the_part_the_author_was_in_so_down_goes_on_to_the_next(review_file):
    app = wizard(review_file, goto="chronology")
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "ctrl+t")
        assert isinstance(app.screen, TaskListScreen)
        await keys(pilot, "down", "enter")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.part.id == "childs-journey"


async def test_quitting_with_changes_that_cannot_be_saved_asks_first_and_ends_with_status_1(review_file):
    app = wizard(review_file, goto="childs-journey")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Seen at home")
        review_file.unlink()
        review_file.mkdir()  # nothing can be saved there now
        await keys(pilot, "ctrl+q")
        assert "could NOT be saved" in screen_text(app)
        await keys(pilot, "n")
        assert app.is_running
        await keys(pilot, "ctrl+q", "y")
    assert app.return_code == 1


@pytest.mark.parametrize("ascii", [False, True])
async def test_every_list_of_records_fits_the_window_at_80_columns(example_file, ascii):
    from textual.widgets import DataTable

    from imr_tui.ui.app import ImrApp

    app = ImrApp(open_review(example_file), ascii=ascii)

    def built(part_id: str, question_id: str) -> bool:  # opened, and sent to the screen
        page = app.screen
        return isinstance(page, QuestionScreen) and (page.part.id, page.step.key) == (part_id, question_id) and not app.output_held

    async with app.run_test(size=SIZE) as pilot:
        for part in template().parts:
            for question in part.questions:
                if question.kind == "records":
                    app.open_part(part.id, question.id)
                    await wait_until(pilot, lambda: built(part.id, question.id), f"{part.id} never showed {question.id}")
                    table = app.screen.query_one(DataTable)
                    assert table.row_count, (part.id, question.id)
                    assert table.virtual_size.width <= table.scrollable_content_region.width, (part.id, question.id)


async def test_each_part_on_the_task_list_takes_one_line_even_with_things_to_fix_and_to_consider(tmp_path):
    from textual.widgets import OptionList

    review = worked_example().model_copy(deep=True)
    review.resume.part = ""  # opens on the task list
    interview = review.interviews.records[0]
    interview.signed_by_interviewee = interview.agreed_by_interviewee = False  # two to fix
    interview.interviewer_signed_on = None  # and one to consider
    path = tmp_path / "review.toml"
    store.save(review, path)
    app = wizard(path)
    async with app.run_test(size=SIZE):
        tasks = app.screen.query_one(OptionList)
        lines = [str(tasks.get_option_at_index(i).prompt) for i in range(tasks.option_count)]
        assert any("2 to fix" in line for line in lines)
        assert all(len(line) <= tasks.scrollable_content_region.width for line in lines)


async def test_after_adding_a_record_the_list_highlights_it_where_the_date_order_put_it(example_file):
    from textual.widgets import DataTable

    app = wizard(example_file, goto="chronology")
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "a")
        await type_text(pilot, "01/05/2010")  # between the worked example's second and third entries
        await keys(pilot, "escape")
        table = app.screen.query_one(DataTable)
        entries = app.review.chronology.entries
        assert entries[table.cursor_row].date == dt.date(2010, 5, 1)
        await keys(pilot, "d")
        assert f"Delete chronology entry {table.cursor_row + 1}?" in screen_text(app)
        await keys(pilot, "y")
    assert dt.date(2010, 5, 1) not in [e.date for e in store.load(example_file).chronology.entries]
