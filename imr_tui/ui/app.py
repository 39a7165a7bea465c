"""The wizard: a Textual app over the review core. It owns navigation and saving; screens ask it."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import traceback
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.timer import Timer
from textual.widget import Widget

from imr_tui.core import store
from imr_tui.core.checks import Finding
from imr_tui.core.editing import add_record, delete_question, delete_record
from imr_tui.core.guidance.example import WORKED_EXAMPLE
from imr_tui.core.report import export_beside
from imr_tui.core.model import RECORD_CLASSES
from imr_tui.core.opening import OpenReview, ReviewLocked, open_review
from imr_tui.core.guidance import Question, template
from imr_tui.ui import keys
from imr_tui.ui.screens.check import CheckScreen
from imr_tui.ui.screens.dialogs import ConfirmScreen, HelpScreen, MessageScreen, PathScreen, TooSmallScreen
from imr_tui.ui.screens.preview import PreviewScreen
from imr_tui.ui.screens.question import QuestionScreen
from imr_tui.ui.screens.record_form import RecordFormScreen
from imr_tui.ui.screens.start import StartScreen
from imr_tui.ui.screens.tasks import TaskListScreen
from imr_tui.core.session import ReviewSession
from imr_tui.core.walk import step_index
from imr_tui.ui.widgets.answer import AnswerField
from imr_tui.ui.widgets.chrome import SaveStatus

MIN_WIDTH, MIN_HEIGHT = 80, 24
SAVE_AFTER_SECONDS = 1.0  # of quiet after typing; leaving a field or page saves at once
RETRY_SAVE_SECONDS = 5.0  # after a save failed (disc full, folder gone), until one works
BUILD_SECONDS = 2.0  # the longest a new page is held back while it is built


class AsciiScrollBarRender(ScrollBarRender):
    """Scrollbar ends drawn with spaces: plain terminals lack Textual's eighth-block glyphs."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


class ImrApp(App[int]):
    CSS_PATH = "imr.tcss"
    TITLE = "imr-tui"
    BINDINGS = [keys.SAVE_AND_QUIT, keys.SAVE, keys.HELP]
    # Only wide windows get a class: one given at 80 columns too would restyle and lay out every
    # page a second time once its first resize arrives, a second full screen down the link.
    HORIZONTAL_BREAKPOINTS = [(120, "-wide")]

    def __init__(
        self,
        opened: OpenReview | None = None,
        *,
        path: Path | None = None,
        goto: str | None = None,
        ascii: bool = False,
    ) -> None:
        """`opened`: the review opened before the screen was taken; else `path`, a file that is
        not there yet (the author is asked whether to start one), or nothing (the start page)."""
        super().__init__()
        # No scrolling glides: each step of one is another frame down the link (a Tab that
        # scrolled a form sent 40 KB).
        self.animation_level = "none"
        self.ascii = ascii
        self.opened = opened
        self.path = opened.path if opened else path
        self.review = opened.review if opened else None
        self.goto = goto
        self.session: ReviewSession | None = None
        self._save_timer: Timer | None = None
        self._problem_told: str | None = None  # the save failure the author was last told of
        self.output_held = 0  # pages being built: nothing is drawn meanwhile (send_when_built)
        self._typed_ahead: deque[events.Key] = deque()  # keys waiting for a page being built

    @property
    def _background_screens(self) -> list[Screen]:
        """The screens that show through the one on top: none through an opaque page.

        Textual counts the screen under the top one as showing through it even when nothing
        can: its resizes and repaints then repaint the whole page. At startup the blank screen
        under the first page sent it twice (16.5 KB where 10.5 KB will do), and a covered page
        went on redrawing unseen. A see-through dialog still shows the page under it."""
        stack = self.screen_stack
        if stack and stack[-1].styles.background.a == 1:
            return []
        return super()._background_screens

    # The command palette ---------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Only the wizard's own: none of Textual's (its Screenshot writes the page, case data and
        # all, to a file anyone may read; its Keys panel squeezes the page to 50 columns).
        for title, help_text, action in keys.PALETTE:
            target, _, name = action.rpartition(".")
            if hasattr(self if target == "app" else screen, f"action_{name}"):
                yield SystemCommand(title, help_text, partial(self.run_action, action, screen))

    def action_command_palette(self) -> None:
        if self.ascii and not CommandPalette.is_open(self):  # Textual's own hint ends in an ellipsis
            self.push_screen(CommandPalette(placeholder="Search for commands...", id="--command-palette"))
        else:
            super().action_command_palette()

    async def action_quit(self) -> None:
        self.action_save_and_quit()  # whatever asks to quit (the palette too) saves first

    def on_unmount(self) -> None:
        ScrollBar.renderer = ScrollBarRender  # Textual's own, for any app that runs after this one
        if self.opened is not None:
            self.opened.close()

    # The window's size -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)  # self.size catches up only after this event

    def _check_size(self, size: Size | None = None) -> None:
        """Below 80x24 pages would be cut off: say how big the window must be instead."""
        width, height = size or self.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen())
        elif not too_small and showing:
            self.pop_screen()

    # Opening ----------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.ascii:
            self.add_class("-ascii")
            ScrollBar.renderer = AsciiScrollBarRender
        if self.opened is not None:
            self.show_review(self.opened)
        elif self.path is None:
            self.send_when_built(self.push_screen(StartScreen()))
        else:
            self._offer_new(self.path)
        self._check_size()

    def open_file(self, path: Path, *, create: bool = False, take_over: bool = False) -> None:
        """Open (or with `create`, start) the review at `path` by the one policy (core.opening);
        a review open in another session is refused, naming it, or taken over if the author
        says that session has ended."""
        try:
            opened = open_review(path, create=create, take_over=take_over)
        except ReviewLocked as locked:
            if locked.can_force and not take_over:
                question = f"{locked}.\n\nHas that session ended? Take over its lock?"
                self.show_dialog(
                    ConfirmScreen(question), lambda yes: self.open_file(path, create=create, take_over=True) if yes else None
                )
            else:
                self.show_dialog(MessageScreen(str(locked)))
            return
        except store.ReviewFileError as error:
            self.show_dialog(MessageScreen(f"This review cannot be opened:\n{error}\n\nThe file was not changed."))
            return
        if self.opened is not None:
            self.opened.close()
        self.show_review(opened)

    def _offer_new(self, path: Path) -> None:
        def answer(yes: bool | None) -> None:
            if yes:
                self.open_file(path, create=True)
            elif self.session is None and not isinstance(self.screen, StartScreen):
                self.send_when_built(self.push_screen(StartScreen()))

        self.show_dialog(ConfirmScreen(f"There is no review at {path}.\nStart a new review there?"), answer)

    def show_review(self, opened: OpenReview) -> None:
        for note in opened.notes:
            self.notify(note, severity="information" if opened.created else "warning", timeout=15, markup=False)
        self.opened, self.review, self.path = opened, opened.review, opened.path
        self.session = ReviewSession(opened.path, opened.review)
        where = opened.resume_at(self.goto)
        if where is None:
            self.show_tasks()
        else:
            self._show_page(QuestionScreen(self.review, *where))

    def start(self, choice: str) -> None:
        """The start page's three ways in."""

        def open_existing(path: Path | None) -> None:
            if path is None:
                return
            if not store.review_file(path).exists():
                self._offer_new(path)
                return
            self.open_file(path)

        def new(path: Path | None) -> None:
            if path is None:
                return
            if path.exists():
                self.notify(f"{path} already exists: choose another name, or open it.", severity="error", markup=False)
                return
            self.open_file(path, create=True)

        def example(path: Path | None) -> None:
            if path is None:
                return
            if not path.exists():
                try:
                    store.write_private_text(path, WORKED_EXAMPLE.read_text(encoding="utf-8"))
                except store.ReviewFileError as error:
                    self.show_dialog(MessageScreen(str(error)))
                    return
            open_existing(path)

        if choice == "new":
            self.show_dialog(PathScreen("Where should the new review be saved?", "review.toml"), new)
        elif choice == "open":
            self.show_dialog(PathScreen("Which review file?", "review.toml"), open_existing)
        else:
            self.show_dialog(PathScreen("Where should the copy of the worked example go?", "worked-example.toml"), example)

    # Saving -----------------------------------------------------------------------------------

    @property
    def save_status(self) -> str:
        return self.session.status if self.session else ""

    def _show_status(self) -> None:
        # Every screen's: a page beneath a dialog shows its status again when the dialog closes.
        for screen in self.screen_stack:
            for status in screen.query(SaveStatus):
                status.show(self.save_status)

    def note_change(self) -> None:
        """Something in the review changed: save once typing pauses."""
        if self.session is None:
            return
        first = self.session.edits_saved
        self.session.changed()
        if first:
            self._show_status()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER_SECONDS, self.save_soon)

    def save_soon(self) -> None:
        """Save without holding the author up: a snapshot now, written in the background."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.session is not None and self.session.unsaved:
            self.session.save_in_background(self._saved_in_background)

    class SaveFinished(Message):
        """A background save has finished (well or not)."""

    def _saved_in_background(self) -> None:
        # From the writer's thread; post_message is thread-safe, and a no-op once the app has gone.
        self.post_message(self.SaveFinished())

    def on_imr_app_save_finished(self, _: SaveFinished) -> None:
        self._after_save()

    def _after_save(self) -> None:
        self._show_status()
        if self.session is None:
            return
        problem = self.session.problem
        if problem and problem != self._problem_told:
            self.notify(f"{problem}. Keep working: it will try again.", severity="error", timeout=8, markup=False)
        elif self._problem_told and not problem:
            self.notify("Saved again: everything is on disc.", markup=False)
        self._problem_told = problem
        if problem and self._save_timer is None:
            self._save_timer = self.set_timer(RETRY_SAVE_SECONDS, self.save_soon)

    def save_now(self) -> bool:
        """Save before going on (quitting, exporting): True when everything is on disc."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.session is None:
            return True
        saved = self.session.save()
        self._after_save()
        return saved

    def on_answer_field_changed(self, _: AnswerField.Changed) -> None:
        self.note_change()

    def on_descendant_blur(self) -> None:
        self.save_soon()

    def action_save(self) -> None:
        self.save_now()

    def action_save_and_quit(self) -> None:
        if self.save_now():
            self.exit()
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit(return_code=1)

        self.show_dialog(ConfirmScreen("Your latest changes could NOT be saved.\nQuit anyway and lose them?"), answer)

    # A hang-up ----------------------------------------------------------------------------------

    def hang_up(self, signum: int, _frame: object) -> None:
        """SIGHUP (the link dropped) or SIGTERM: save what is in memory, every keystroke of it,
        and leave at once. The terminal may be gone, so nothing is drawn and nothing waited for
        but the save itself (at most one write already under way)."""
        saved = self.session.save() if self.session is not None else True
        if self.opened is not None:
            self.opened.close()
        os._exit(0 if saved else 1)

    # A crash ---------------------------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        # Textual's own report prints local variables, which here hold the case. Save what the
        # author wrote, then report only the kind of error and where it happened.
        self._return_code = 1
        if self._exception is None:  # Pilot re-raises it in tests
            self._exception = error
            self._exception_event.set()
        saved = False
        if self.session is not None:
            try:
                saved = self.session.save()
            except Exception:
                saved = False
        self._exit_renderables.append(Text(crash_report(error, self.path if saved else None)))
        self._close_messages_no_wait()

    # Navigation ---------------------------------------------------------------------------------

    def remember_place(self, part_id: str, step_key: str) -> None:
        """Where to reopen the review. Saved with the next save (a pause in typing, leaving a
        page, quitting), not on a timer of its own: opening a page sends and writes nothing more."""
        resume = self.review.resume
        if self.session is not None and (resume.part, resume.question) != (part_id, step_key):
            resume.part, resume.question = part_id, step_key
            self.session.changed(edit=False)

    def _show_page(self, page: Screen) -> None:
        """One page at a time over the base screen (the task list, a part, the check, the
        preview), so only the page in view is ever built: no hidden task list to start up."""
        self.save_soon()
        changes = [self.pop_screen() for _ in range(len(self.screen_stack) - 2)]
        changes.append(self.switch_screen(page) if len(self.screen_stack) == 2 else self.push_screen(page))
        self.send_when_built(*changes)
        self._check_size()  # a page opened in a small window stays behind the size message

    def send_when_built(self, *changes: Awaitable[object]) -> None:
        """Send nothing until the pages being pushed, switched to or popped (or the answer being
        swapped in) are built and settled, then send what changed, once. Textual otherwise sends
        a new page three or four times as it is composed, styled, laid out and its text wrapped
        (some 5 KB each at 80x24). Keys typed meanwhile wait too (on_event). Both wait
        BUILD_SECONDS at most: never a frozen screen."""
        self.output_held += 1
        until = asyncio.get_running_loop().time() + BUILD_SECONDS

        async def release() -> None:
            try:
                await asyncio.wait([asyncio.ensure_future(change) for change in changes], timeout=BUILD_SECONDS)
                await self._settled(until)
            finally:
                self.output_held -= 1
                if not self.output_held and self.screen_stack:
                    self.screen._compositor_refresh()  # what waited (see LeanScreen), at once
                    self.call_later(self._send_typed_ahead)

        self.run_worker(release())

    async def on_event(self, event: events.Event) -> None:
        # Keys typed while a page is built (a burst over a slow link, a fast typist) wait for it,
        # in order: sent on at once, they reached the page being left, or no field at all.
        if isinstance(event, events.Key) and not event.is_forwarded:
            for key in keys.as_typed(event):
                if self.output_held or self._typed_ahead:
                    self._typed_ahead.append(key)
                else:
                    await self._hand_on(key)
            return
        await super().on_event(event)

    async def _send_typed_ahead(self) -> None:
        while self._typed_ahead and not self.output_held:
            await self._hand_on(self._typed_ahead.popleft())

    async def _hand_on(self, key: events.Key) -> None:
        """One key; a priority key (acted on at once: it may leave the page, quit or move the
        focus) once the field that has the focus has used the keys before it, which would
        otherwise be left behind, the last words typed still waiting in the field's queue."""
        focused = self.focused
        bound = self.active_bindings.get(key.key)
        if focused is not None and bound is not None and bound.binding.priority:
            # The field itself twice (its keys, then the Changed they posted), then each widget
            # up to its page, as the Changed bubbles to the answer that saves it.
            chain = list(focused.ancestors_with_self)
            await self._handled([focused, *chain[: chain.index(focused.screen) + 1]])
        await super().on_event(key)

    async def _handled(self, nodes: Iterable[Widget], seconds: float = BUILD_SECONDS) -> None:
        """Until each of `nodes`, one after another, has handled every message sent to it."""
        loop = asyncio.get_running_loop()
        until = loop.time() + seconds
        for node in nodes:
            if (done := _once_handled(node)) is not None:
                await asyncio.wait([done], timeout=until - loop.time())

    async def _settled(self, until: float) -> None:
        """Until the page in view has done what building it set off (a resize, text wrapped
        again, a scroll bar): a round in which every widget on it handles what it was sent and
        the page refreshes, with nothing more left to draw."""
        loop = asyncio.get_running_loop()
        while self.screen_stack and loop.time() < until:
            screen = self.screen
            held = getattr(screen, "drawings_held", 0)  # other screens draw as they go
            nodes = (screen, *screen.walk_children())
            handled = [done for node in nodes if (done := _once_handled(node)) is not None]
            handled.append(asyncio.ensure_future(screen.wait_for_refresh()))
            await asyncio.wait(handled, timeout=until - loop.time())
            if self.screen_stack and self.screen is screen and getattr(screen, "drawings_held", 0) == held:
                return

    def show_dialog(self, dialog: Screen, answered: Callable[[object], None] | None = None) -> None:
        """A dialog over the page: keys typed while it opens wait for it, as for a page."""
        self.send_when_built(self.push_screen(dialog, answered))

    def show_tasks(self) -> None:
        self._show_page(TaskListScreen(self.review))

    def open_part(self, part_id: str, step_key: str = "") -> None:
        """A part, at a step (Step.key) or its first."""
        self._show_page(QuestionScreen(self.review, part_id, step_index(part_id, self.review, step_key)))

    def open_finding(self, finding: Finding) -> None:
        if not finding.question:  # about the part as a whole: its "completed" page
            self.open_part(finding.part, "completed")
            return
        question = template().part(finding.part).question(finding.question)
        key = finding.question
        if question.kind == "per-term" and finding.record is not None:
            key = f"{finding.question}:{finding.record}"
        self.open_part(finding.part, key)
        if question.kind == "records" and finding.record is not None:
            records = getattr(self.review.part(finding.part), finding.question)
            record = next((r for r in records if getattr(r, "id", None) == finding.record), None)
            if record is not None:
                self.open_record(finding.part, question, record, finding.field)

    def open_record(self, part_id: str, question: Question, record: object, field: str | None = None) -> None:
        self.save_soon()
        form = RecordFormScreen(self.review, part_id, question, record, field)
        self.send_when_built(self.push_screen(form, lambda _: self._refresh_record_lists(record)))

    def _refresh_record_lists(self, select: object | None = None) -> None:
        """The table under a record form or a deletion shows the records as they now are, with
        the record just added or changed (`select`) highlighted, wherever the date order put it."""
        for table in self.screen.query(".record-list"):
            table.refresh_rows(select)

    def add_record(self, part_id: str, question: Question) -> None:
        records = getattr(self.review.part(part_id), question.id)
        record = add_record(records, RECORD_CLASSES[question.record])
        self.note_change()
        self.open_record(part_id, question, record)

    def delete_record(self, part_id: str, question: Question, record: object) -> None:
        records = getattr(self.review.part(part_id), question.id)
        asked = delete_question(self.review, template().records[question.record], records, record)

        def answer(yes: bool | None) -> None:
            if yes and record in records:
                delete_record(self.review, records, record)
                self.note_change()
                self.save_soon()
                self._refresh_record_lists()

        self.show_dialog(ConfirmScreen(asked), answer)

    def show_check(self) -> None:
        self._show_page(CheckScreen(self.review))

    def show_preview(self) -> None:
        self._show_page(PreviewScreen(self.review))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.show_dialog(HelpScreen())

    def export_report(self) -> None:
        """Write the report beside the review: final when nothing is missing, else a marked draft."""
        self.save_now()
        try:
            target, to_fix = export_beside(self.review, self.path)
        except store.ReviewFileError as error:
            self.notify(f"Not exported: {error}", severity="error", timeout=10, markup=False)
            return
        if to_fix:
            self.notify(f"Exported a DRAFT to {target}: {to_fix} things to fix first (c to check).", timeout=8, markup=False)
        else:
            self.notify(f"Exported the report to {target}", timeout=8, markup=False)


def _once_handled(node: Widget) -> asyncio.Future | None:
    """Done once `node` has handled every message sent to it so far; None if it has gone."""
    done = asyncio.get_running_loop().create_future()
    return done if node.call_later(done.set_result, None) else None


def crash_report(error: BaseException, saved_to: Path | None) -> str:
    """Names the error's type and the last place in imr-tui it passed; never its message."""
    chain: list[BaseException] = []
    while error is not None and error not in chain:
        chain.append(error)
        error = error.__cause__ or error.__context__
    ours = deepest = "an unknown place"
    for link in chain:  # outermost first, so the deepest place in the first cause wins
        for frame, line in traceback.walk_tb(link.__traceback__):
            filename = Path(frame.f_code.co_filename)
            deepest = f"{filename.name}:{line}"
            if "imr_tui" in filename.parts:
                ours = f"{'/'.join(filename.parts[filename.parts.index('imr_tui'):])}:{line}"
    place = ours if ours != "an unknown place" else deepest
    kinds = " from ".join(type(link).__name__ for link in chain)
    kept = f"Your review was saved to {saved_to}." if saved_to else "Your file on disc is as it was last saved."
    return (
        f"imr-tui stopped because of an internal error ({kinds} at {place}).\n"
        f"{kept} Please report the line above; it holds nothing from your review."
    )


def run_wizard(
    path: Path | None,
    opened: OpenReview | None = None,
    goto: str | None = None,
    *,
    ascii: bool = False,
    mouse: bool = True,
    diff: bool = True,
) -> int:
    """Run the wizard until the author quits: on `opened` (opened before the screen was taken, so
    that a file that cannot be used is refused on the command line), else on `path` (not there
    yet: the author is asked whether to start a review there), else at the start page. `diff`:
    send the terminal only the cells that changed (screen_diff.py)."""
    # Textual, imr-tui and the review, loaded by now, live as long as the program:
    # frozen, they are not walked by each full garbage collection, the first of which starting
    # the wizard would set off at once (20 ms). Collection was off while they loaded (__main__).
    gc.freeze()
    gc.enable()
    app = ImrApp(opened, path=path, goto=goto, ascii=ascii)
    if diff:
        from imr_tui.ui.screen_diff_seam import install

        install(app)
    signal.signal(signal.SIGHUP, app.hang_up)
    signal.signal(signal.SIGTERM, app.hang_up)
    try:
        app.run(mouse=mouse)
    finally:
        if app.opened is not None:
            app.opened.close()
    if app.return_code == 0 and app.session is not None:
        print(f"Your review is saved in {app.session.path}.")  # as the plain mode says
    return app.return_code or 0
