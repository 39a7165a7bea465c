"""The wizard keeps what the author typed and tells them nothing a file could use against them:
another program's change is never written over, a hostile file name never drives the terminal,
a lost resume point or a bad file is met with a word, never a crash."""

from __future__ import annotations

import pytest
from bad_files import BAD_FILES, SENTINEL, reshaped_documents
from hypothesis import HealthCheck, given, settings
from wizard_helpers import SIZE, keys, notified, saves_written, screen_text, shows, type_text, wait_until, wizard

import imr_tui.ui.app as wizard_app
from imr_tui.cli import main
from imr_tui.core import store
from imr_tui.ui.app import ImrApp
from imr_tui.ui.changed_elsewhere import ChangedElsewhereScreen


def _theirs(path, agency: str = "Their agency") -> None:
    review = store.load(path)
    review.review_details.agency = agency
    store.save(review, path)


@pytest.fixture
def quick_saves(monkeypatch):
    monkeypatch.setattr(wizard_app, "SAVE_AFTER_SECONDS", 0.05)


async def _typed_after_another_program_changed_it(pilot, path) -> None:
    _theirs(path)
    await type_text(pilot, "Mine")
    await wait_until(pilot, lambda: notified(pilot.app, "press ctrl+s to choose what to keep"), "the author was not told")
    await type_text(pilot, " too")  # typing goes on into the answer: no dialog takes the keys
    assert store.load(path).review_details.agency == "Their agency"  # nothing written over it
    await keys(pilot, "ctrl+s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ChangedElsewhereScreen), "the author was not asked")


@pytest.mark.parametrize("choice", ["t", "m"])
async def test_another_programs_change_is_never_written_over_until_the_author_chooses(review_file, quick_saves, choice):
    app = wizard(review_file, "childs-journey")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: shows(app, "question 1 of 9"), "the page did not open")
        await _typed_after_another_program_changed_it(pilot, review_file)
        await keys(pilot, "l")  # look first: where they differ, by place
        await wait_until(pilot, lambda: shows(app, "Where yours and theirs differ:"), "the differences were not shown")
        assert shows(app, "Section 10 The child's journey: 'Tell the child's story") or shows(app, "Review details")
        await keys(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChangedElsewhereScreen), "the question did not come back")
        await keys(pilot, choice)
        await saves_written(pilot)
        saved = store.load(review_file)
        if choice == "t":
            await wait_until(pilot, lambda: notified(app, "Going on from their version."), "no word of theirs")
            assert saved.review_details.agency == "Their agency" and saved.childs_journey.narrative == ""
        else:
            theirs = next(review_file.parent.glob("review.toml.theirs-*.toml"))
            await wait_until(pilot, lambda: notified(app, f"theirs is in {theirs}"), "no word of where theirs went")
            assert saved.childs_journey.narrative == "Mine too" and saved.review_details.agency == ""
            assert store.load(theirs).review_details.agency == "Their agency"


async def test_quitting_after_another_programs_change_asks_first_then_quits(review_file, quick_saves):
    app = wizard(review_file, "childs-journey")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: shows(app, "question 1 of 9"), "the page did not open")
        await _typed_after_another_program_changed_it(pilot, review_file)
        await keys(pilot, "escape")  # not now
        await wait_until(pilot, lambda: not isinstance(app.screen, ChangedElsewhereScreen), "escape did not close it")
        await keys(pilot, "ctrl+q")  # not chosen yet: quitting asks
        await wait_until(pilot, lambda: isinstance(app.screen, ChangedElsewhereScreen), "quitting did not ask")
        await keys(pilot, "m")
        await wait_until(pilot, lambda: app.return_code == 0, "the wizard did not quit")
    assert store.load(review_file).childs_journey.narrative == "Mine too"


HOSTILE_NAME = "review\x1b]0;owned\x07\x1b[2J.toml"


async def test_a_file_name_with_control_characters_is_shown_escaped(tmp_path):
    app = ImrApp(path=tmp_path / HOSTILE_NAME)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: shows(app, "Start a new review there?"), "the author was not asked")
        assert "\\x1b]0;owned\\x07\\x1b[2J" in screen_text(app) and "\x1b" not in screen_text(app)
        await keys(pilot, "y")
        await wait_until(pilot, lambda: notified(app, "Started a new review in"), "no word of the new review")
        assert all("\x1b" not in str(n.message) for n in app._notifications)


@pytest.mark.parametrize("resume", [("no-such-part", "x"), ("analysis", "no_such_question")])
async def test_a_lost_resume_point_opens_with_a_notice_not_a_crash(review_file, resume):
    review = store.load(review_file)
    review.resume.part, review.resume.question = resume
    store.save(review, review_file)
    app = wizard(review_file)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: notified(app, "Where you left off names a"), "no notice")
        await wait_until(pilot, lambda: shows(app, "Check your answers") or shows(app, "question 1 of"), "no page")


BAD = [case for case in BAD_FILES if case[1] is not None]


@pytest.mark.parametrize(("content", "expected"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_the_wizard_refuses_every_bad_file_before_the_screen_in_one_line(tmp_path, capsys, monkeypatch, content, expected):
    monkeypatch.setattr("imr_tui.cli.wants_plain", lambda args: False)  # as on a terminal
    path = tmp_path / "review.toml"
    path.write_bytes(content)
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"imr-tui: {path}: ") and expected in err and len(err.splitlines()) == 1
    assert SENTINEL not in err and path.read_bytes() == content and list(tmp_path.iterdir()) == [path]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=reshaped_documents())
async def test_a_file_reshaped_at_random_opens_from_the_start_page_or_is_explained(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "review.toml"
    path.write_text(text, encoding="utf-8")
    app = ImrApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: shows(app, "worked example"), "the start page did not open")
        await keys(pilot, "down", "enter")  # open a review
        await wait_until(pilot, lambda: shows(app, "Which review file?"), "no question of which file")
        for _ in range(len("review.toml")):
            await pilot.press("backspace")
        await type_text(pilot, str(path))
        await keys(pilot, "enter")
        await wait_until(
            pilot, lambda: shows(app, "Error: this review cannot be opened") or app.session is not None, "neither opened nor explained"
        )
        if app.session is None:
            assert path.read_text(encoding="utf-8") == text and list(folder.iterdir()) == [path]
            assert SENTINEL not in screen_text(app)
