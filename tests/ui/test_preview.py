"""The preview: the report as it will be exported, readable whole at 80 columns."""

from __future__ import annotations

import io
import re
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from textual.pilot import Pilot

from imr_tui.core import store
from imr_tui.core.guidance.example import worked_example
from imr_tui.core.report import to_markdown
from imr_tui.core.model import ChronologyEntry
from imr_tui.ui.screens.preview import PreviewScreen
from imr_tui.ui.screens.tasks import TaskListScreen
from imr_tui.ui.widgets.report import report_lines

from strategies import reviews
from wizard_helpers import SIZE, WAIT_SECONDS, keys, screen_text, wait_until, wizard

WIDTH = 76  # of the report at 80 columns: its padding and scroll bar take the rest


def shown(markdown: str) -> str:
    console = Console(file=io.StringIO(), width=WIDTH, color_system=None)
    return "\n".join(line.text for line in report_lines(markdown, console, WIDTH))


def unwrapped(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_chronology_entry_is_shown_whole_each_answer_under_its_heading():
    # As a table its ten columns were a few letters wide at 80 columns, each word cut short.
    review = worked_example()
    report = unwrapped(shown(to_markdown(review, draft=True)))
    for entry in review.chronology.entries:
        for heading, answer in (
            ("Practitioner", entry.practitioner),
            ("What happened", entry.what_happened),
            ("Action and outcome", entry.action_outcome),
            ("Significance", entry.significance),
        ):
            assert f"{heading}: {unwrapped(answer)}" in report
    assert "…" not in report


def test_no_line_of_the_report_is_wider_than_the_window():
    for line in shown(to_markdown(worked_example(), draft=True)).splitlines():
        assert len(line) <= WIDTH


# Words as an author types them, with the characters Markdown gives a meaning to.
words = st.text(st.sampled_from("abcXYZ019 .,;:'\"()*_|#<>&`[]~\\-+=!/"), min_size=1, max_size=80)


@settings(max_examples=60, deadline=None)
@given(what_happened=words, practitioner=words)
def test_whatever_the_author_typed_in_an_entry_the_preview_shows_all_of_it(what_happened, practitioner):
    review = worked_example().model_copy(deep=True)
    review.chronology.entries = [ChronologyEntry(id=1, what_happened=what_happened, practitioner=practitioner)]
    report = re.sub(r"\s", "", shown(to_markdown(review, draft=True)))
    for answer in (what_happened, practitioner):
        assert re.sub(r"\s", "", answer) in report


@settings(max_examples=25, deadline=None)
@given(review=reviews())
def test_any_review_is_previewed_with_nothing_cut_short(review):
    markdown = to_markdown(review, draft=True)
    assert shown(markdown).count("…") <= markdown.count("…")


async def until_shown(pilot: Pilot, text: str) -> None:
    """Until `text` is on the page, and the page sent to the terminal: no longer held back."""
    await wait_until(pilot, lambda: text in screen_text(pilot.app) and not pilot.app.output_held, f"{text!r} shown")


async def previewed(pilot: Pilot) -> None:
    """p on the task list, and until the report is laid out (in a worker) and shown."""
    await keys(pilot, "ctrl+t", "p")
    await until_shown(pilot, "Preview: ")


async def test_the_preview_opens_at_the_title_and_the_keyboard_reaches_its_last_line(example_file):
    app = wizard(example_file)
    async with app.run_test(size=SIZE) as pilot:
        await previewed(pilot)
        assert isinstance(app.screen, PreviewScreen)
        assert "Individual Management Review: Northtown" in screen_text(app)
        await keys(pilot, "end")
        assert "Note taker at an interview" in "\n".join(screen_text(app).splitlines()[-6:])  # the register's last
        await keys(pilot, "home")
        assert "Individual Management Review: Northtown" in screen_text(app)


async def test_the_preview_says_whether_the_report_is_ready_or_a_draft_and_what_is_left(tmp_path):
    path = tmp_path / "review.toml"
    review = worked_example().model_copy(deep=True)
    store.save(review, path)
    app = wizard(path)
    async with app.run_test(size=SIZE) as pilot:
        await previewed(pilot)
        assert "Preview: ready to export" in screen_text(app)
        assert "DRAFT" not in screen_text(app)
    review.childs_journey.narrative = ""
    store.save(review, path)
    app = wizard(path)
    async with app.run_test(size=SIZE) as pilot:
        await previewed(pilot)
        text = screen_text(app)
        assert "Preview: a draft, 1 to fix (c check)" in text
        assert "DRAFT, not ready to send: 1 thing to fix." in text


@pytest.fixture
def long_report(example_file, monkeypatch):
    """The worked example, whose report takes as long to lay out as the test says (a 2,000-entry
    review takes 3 s): until the first event that comes with it is set. The second is set once
    the report is laid out."""
    from imr_tui.ui.widgets import report

    laid_out, may_finish, finished = report.report_lines, threading.Event(), threading.Event()

    def slowly(*args):
        may_finish.wait(timeout=WAIT_SECONDS)
        lines = laid_out(*args)
        finished.set()
        return lines

    monkeypatch.setattr(report, "report_lines", slowly)
    yield example_file, may_finish, finished
    may_finish.set()


@pytest.mark.parametrize("key", ["escape", "ctrl+t"])
async def test_while_a_long_preview_is_prepared_the_keys_work_and_it_never_shows_once_left(long_report, key):
    path, may_finish, finished = long_report
    app = wizard(path)
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "ctrl+t", "p")
        await until_shown(pilot, "Preparing the preview...")
        await keys(pilot, key)
        await wait_until(pilot, lambda: isinstance(app.screen, TaskListScreen), "back to the task list")
        may_finish.set()
        await wait_until(pilot, finished.is_set, "the report laid out")
        await pilot.pause()
        assert isinstance(app.screen, TaskListScreen) and "Preview: " not in screen_text(app)


async def test_a_long_preview_replaces_the_page_that_says_it_is_being_prepared(long_report):
    path, may_finish, _ = long_report
    app = wizard(path)
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "ctrl+t", "p")
        await until_shown(pilot, "Preparing the preview...")
        may_finish.set()
        await until_shown(pilot, "Preview: ready to export")
        assert "Individual Management Review: Northtown" in screen_text(app)
        assert "Preparing the preview" not in screen_text(app)
        assert app.focused is app.screen.report
