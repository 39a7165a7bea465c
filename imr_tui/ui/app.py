"""The wizard: a Textual app over the review core. Pages and widgets post messages
(ui/messages.py); the app decides what to show, and saves as the author types."""

from __future__ import annotations

import gc
import signal
from collections.abc import Awaitable, Iterable
from pathlib import Path

from textual import events, on
from textual.app import SystemCommand
from textual.command import CommandPalette
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.timer import Timer

from imr_tui.core.hangup import HANG_UPS
from imr_tui.core.editing import add_record, delete_question, delete_record, sort_chronology
from imr_tui.core.guidance import template
from imr_tui.core.model import RECORD_CLASSES, ChronologyEntry
from imr_tui.core.opening import OpenReview
from imr_tui.core.session import ReviewSession
from imr_tui.core.walk import step_index
from imr_tui.ui import keys, messages
from imr_tui.ui.colours import use_colours
from imr_tui.ui.changed_elsewhere import AsksAboutChangesElsewhere
from imr_tui.ui.focus_cursor import CursorAtFocus, show_terminal_cursor
from imr_tui.ui.notices import NoticesInWords
from imr_tui.ui.people import OffersToRegisterPeople
from imr_tui.ui.exporting import ExportsReports
from imr_tui.ui.crash import TerminalModes, leave_at_once, save_and_report
from imr_tui.ui.screens.check import CheckScreen
from imr_tui.ui.opening import OpeningReviews
from imr_tui.ui.screens.dialogs import ConfirmScreen, HelpScreen, TooSmallScreen
from imr_tui.ui.screens.preview import PreviewScreen
from imr_tui.ui.screens.question import QuestionScreen
from imr_tui.ui.screens.record_form import RecordFormScreen
from imr_tui.ui.screens.start import StartScreen
from imr_tui.ui.screens.tasks import TaskListScreen
from imr_tui.ui.textual_seams import OpaquePagesApp, PrivateCrashApp
from imr_tui.ui.unfinished import AsksAboutUnfinishedAnswers
from imr_tui.ui.widgets.chrome import AsciiScrollBarRender, SaveStatus

MIN_WIDTH, MIN_HEIGHT = 80, 24
SAVE_AFTER_SECONDS = 1.0  # at most, from a change to its save; leaving a field or page saves at once
RETRY_SAVE_SECONDS = 5.0  # after a save failed (disc full, folder gone), until one works


class ImrApp(
    OpeningReviews, ExportsReports, AsksAboutChangesElsewhere, AsksAboutUnfinishedAnswers, OffersToRegisterPeople,
    CursorAtFocus, NoticesInWords, OpaquePagesApp, PrivateCrashApp,
):
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
        ansi_colours: bool = False,
    ) -> None:
        """`opened`: the review opened before the screen was taken; else `path`, a file that is
        not there yet (the author is asked whether to start one), or nothing (the start page)."""
        super().__init__()
        use_colours(self, ansi_colours)
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

    # The command palette ---------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return keys.palette_commands(self, screen)

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
            self.offer_new(self.path)
        self._check_size()

    def show_review(self, opened: OpenReview) -> None:
        for note in opened.notes:
            self.notify(note, severity="information" if opened.created else "warning", timeout=15, markup=False)
        self.opened, self.review, self.path = opened, opened.review, opened.path
        self.session = ReviewSession(opened.path, opened.review, opened.known, opened.lock)
        where = opened.resume_at(self.goto)
        if where is None:
            self.show_tasks()
        else:
            self._show_page(QuestionScreen(self.review, *where))

    # Saving -----------------------------------------------------------------------------------

    @property
    def save_status(self) -> str:
        return self.session.status if self.session else ""

    def _show_status(self) -> None:
        # Every screen's: a page beneath a dialog shows its status again when the dialog closes.
        for screen in self.screen_stack:
            for status in screen.query(SaveStatus):
                status.show(self.save_status)

    @on(messages.ReviewChanged)
    def note_change(self) -> None:
        """Something in the review changed: saved within SAVE_AFTER_SECONDS of the first change not
        yet saved, however steadily the author types (later changes do not put it off)."""
        if self.session is None:
            return
        first = self.session.edits_saved
        self.session.changed()
        if first:
            self._show_status()
        if self._save_timer is None:
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

    @on(SaveFinished)
    def _after_save(self) -> None:
        self._show_status()
        if self.session is None:
            return
        problem = self.session.problem
        if self.session.changed_elsewhere:
            # Said, not asked: a dialog opening under the author's fingers would take the keys
            # they type next. Nothing is written until they choose (ctrl+s, or on quitting).
            if problem != self._problem_told:
                self.notify(
                    f"{problem}. Nothing is written over it: press ctrl+s to choose what to keep.",
                    severity="error", timeout=30, markup=False,
                )
            self._problem_told = problem
            return
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

    def on_descendant_blur(self) -> None:
        self.save_soon()

    def action_save(self) -> None:
        if not self.save_now() and self.session is not None and self.session.changed_elsewhere:
            self.ask_about_changes_elsewhere(self._after_save)

    def save_and_quit(self) -> None:
        """Save and quit (a half-typed date asked about first: ui/unfinished.py)."""
        if self.save_now():
            self.exit()
            return
        if self.session is not None and self.session.changed_elsewhere:
            self.ask_about_changes_elsewhere(self.save_and_quit)  # then quits as asked
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit(return_code=1)

        self.show_dialog(ConfirmScreen(f"Error: your latest changes could NOT be saved to {self.path}.\nQuit anyway and lose them?"), answer)

    def crash_report(self, error: Exception) -> str:
        return save_and_report(error, self.session)

    # Where the author goes --------------------------------------------------------------------

    @on(messages.RememberPlace)
    def _remember_place(self, place: messages.RememberPlace) -> None:
        """Where to reopen the review. Saved with the next save (a pause in typing, leaving a
        page, quitting), not on a timer of its own: opening a page sends and writes nothing more."""
        resume = self.review.resume
        if self.session is not None and (resume.part, resume.question) != (place.part_id, place.step_key):
            resume.part, resume.question = place.part_id, place.step_key
            self.session.changed(edit=False)

    def _show_page(self, page: Screen, *built: Awaitable[object]) -> None:
        """One page at a time over the base screen (the task list, a part, the check, the
        preview), so only the page in view is ever built: no hidden task list to start up.
        `built`: what else the page waits for before it is sent."""
        self.save_soon()
        changes = [self.pop_screen() for _ in range(len(self.screen_stack) - 2)]
        changes.append(self.switch_screen(page) if len(self.screen_stack) == 2 else self.push_screen(page))
        self.send_when_built(*changes, *built)
        self._check_size()  # a page opened in a small window stays behind the size message

    @on(messages.ShowTasks)
    def show_tasks(self) -> None:
        self._show_page(TaskListScreen(self.review))

    @on(messages.ShowCheck)
    def show_check(self) -> None:
        self._show_page(CheckScreen(self.review, getattr(self.screen, "way_back", lambda: None)()))

    @on(messages.ShowPreview)
    def show_preview(self) -> None:
        # A copy: the report is laid out from it in another thread, and the author may go back
        # to the review meanwhile.
        page = PreviewScreen(self.review.model_copy(deep=True))
        self._show_page(page, page.laid_out_if_quick())

    def open_part(self, part_id: str, step_key: str = "") -> None:
        """A part, at a step (Step.key) or its first."""
        self._show_page(QuestionScreen(self.review, part_id, step_index(part_id, self.review, step_key)))

    @on(messages.OpenPart)
    def _open_part(self, request: messages.OpenPart) -> None:
        self.open_part(request.part_id, request.step_key)
        if request.record is not None:
            question = template().part(request.part_id).question(request.step_key)
            self.open_record(messages.OpenRecord(request.part_id, question, request.record, request.field))

    @on(messages.OpenRecord)
    def open_record(self, request: messages.OpenRecord) -> None:
        self.save_soon()
        form = RecordFormScreen(self.review, request.part_id, request.question, request.record, request.field)
        self.send_when_built(self.push_screen(form))

    @on(messages.RecordClosed)
    def _record_closed(self, closed: messages.RecordClosed) -> None:
        """Back to the list, sent once as it now is: the chronology in date order, the record
        highlighted wherever that put it."""
        if not isinstance(self.screen, RecordFormScreen):
            return
        if isinstance(closed.record, ChronologyEntry) and sort_chronology(self.review):
            self.note_change()
        self.send_when_built(self.pop_screen())
        self._refresh_record_lists(closed.record)
        if closed.changed and isinstance(closed.record, ChronologyEntry):  # not on merely looking
            kind = template().records["chronology-entry"]
            self.offer_people([getattr(closed.record, f.id) for f in kind.fields if f.kind in ("text", "long")])

    def _refresh_record_lists(self, select: object | None = None) -> None:
        for table in self.screen.query(".record-list"):
            table.refresh_rows(select)

    @on(messages.AddRecord)
    def _add_record(self, request: messages.AddRecord) -> None:
        records = getattr(self.review.part(request.part_id), request.question.id)
        record = add_record(records, RECORD_CLASSES[request.question.record])
        self.note_change()
        self.open_record(messages.OpenRecord(request.part_id, request.question, record))

    @on(messages.DeleteRecord)
    def _delete_record(self, request: messages.DeleteRecord) -> None:
        records = getattr(self.review.part(request.part_id), request.question.id)
        record = request.record
        asked = delete_question(self.review, template().records[request.question.record], records, record)

        def answer(yes: bool | None) -> None:
            if yes and record in records:
                delete_record(self.review, records, record)
                self.note_change()
                self.save_soon()
                self._refresh_record_lists()

        self.show_dialog(ConfirmScreen(asked), answer)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.show_dialog(HelpScreen())


def run_wizard(
    path: Path | None,
    opened: OpenReview | None = None,
    goto: str | None = None,
    *,
    ascii: bool = False,
    mouse: bool = True,
    diff: bool = True,
    show_cursor: bool = False,
    ansi_colours: bool = False,
) -> int:
    """Run the wizard until the author quits: on `opened` (opened before the screen was taken, so
    that a file that cannot be used is refused on the command line), else on `path` (not there
    yet: the author is asked whether to start a review there), else at the start page. `diff`:
    send the terminal only the cells that changed (screen_diff.py); `show_cursor`: for a magnifier."""
    # Textual, imr-tui and the review, loaded by now, live as long as the program:
    # frozen, they are not walked by each full garbage collection, the first of which starting
    # the wizard would set off at once (20 ms). Collection was off while they loaded (__main__).
    gc.freeze()
    gc.enable()
    app = ImrApp(opened, path=path, goto=goto, ascii=ascii, ansi_colours=ansi_colours)
    if diff:
        from imr_tui.ui.screen_diff_seam import install

        install(app)
    if show_cursor:
        show_terminal_cursor(app)
    terminal = TerminalModes()  # as the author's terminal was, before Textual takes it
    for hang_up in HANG_UPS:  # the link dropped, or the program was stopped
        signal.signal(hang_up, lambda signum, _frame: leave_at_once(signum, app.session, app.opened, terminal))
    try:
        app.run(mouse=mouse)
    finally:
        if app.opened is not None:
            app.opened.close()
    if app.return_code == 0 and app.session is not None:
        print(f"Your review is saved in {app.session.path}.")  # as the plain mode says
    return app.return_code or 0
