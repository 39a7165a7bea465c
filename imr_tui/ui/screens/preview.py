"""The report as it will be exported, rendered in the app."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from functools import partial

from rich.console import Console
from textual import events, work
from textual.app import ComposeResult
from textual.strip import Strip
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from imr_tui.core.report import report_as_it_stands
from imr_tui.core.model import Review
from imr_tui.ui import keys, messages
from imr_tui.ui.screens.page import Page
from imr_tui.ui.widgets.chrome import KeyFooter, TitleBar


# A report laid out within this is sent with its page; a longer one (some 3 s with 2,000
# chronology entries) is preceded by a page that says the preview is being prepared.
QUICK_SECONDS = 0.5


class PreviewScreen(Page):
    """The report, laid out in another thread: the keys work meanwhile (escape goes back)."""

    BINDINGS = [keys.CLOSE, keys.TASKS, keys.PLAIN_EXPORT, keys.PLAIN_CHECK, keys.PLAIN_HELP]

    def __init__(self, review: Review) -> None:
        """`review`: a copy, so that nothing the author changes meanwhile is read as it changes."""
        from imr_tui.ui.widgets.report import ReportView  # paid when the preview opens, not at start

        super().__init__(classes="preview-screen")
        self.review = review
        # Not Textual's Markdown widget: it makes a widget of every paragraph, and takes seconds
        # over a whole IMR. The export escapes all author text, so nothing in it is read as HTML
        # or links.
        self.report = ReportView()
        self.report.display = False
        self.width_asked = 0  # the width the report is laid out, or being laid out, for
        self.laid_out = asyncio.Event()

    def compose(self) -> ComposeResult:
        yield TitleBar("Preview")
        yield Static("Preparing the preview...", id="preparing", classes="summary", markup=False)
        yield self.report
        yield KeyFooter()

    async def laid_out_if_quick(self) -> None:
        """Until the report is shown, or QUICK_SECONDS have passed (for the app to hold the page
        back meanwhile, so that a quick report is sent with it, once)."""
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.laid_out.wait(), QUICK_SECONDS)

    def on_mount(self) -> None:
        self._lay_out_for(self.app.size.width)  # reads the app's size

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out_for(event.size.width)

    def _lay_out_for(self, window_width: int) -> None:
        width = window_width - self.report.SIDES
        if width != self.width_asked:
            self.width_asked = width
            self.lay_out(width, self.app.console)  # laid out as Textual draws: the app's console

    @work(thread=True, exclusive=True)
    def lay_out(self, width: int, console: Console) -> tuple[list[Strip], int, int]:
        """The report's lines for `width` columns, and how many things are left to fix."""
        from imr_tui.ui.widgets.report import report_lines

        worker = get_current_worker()

        def wanted() -> bool:  # once the author has left the page, the rest is spared: it is dropped
            return not worker.is_cancelled

        markdown, to_fix = report_as_it_stands(self.review)
        return report_lines(markdown, console, width, wanted), width, to_fix

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.SUCCESS:
            self.post_message(messages.PageChanging(self, partial(self._show_report, *event.worker.result)))

    async def _show_report(self, lines: list[Strip], width: int, to_fix: int) -> None:
        heading = f"Preview: a draft, {to_fix} to fix (c check)" if to_fix else "Preview: ready to export"
        self.query_one(TitleBar).set_where(f"{heading}  ·  e export")
        self.query_one("#preparing").display = False
        self.report.display = True
        self.report.show(lines, width)
        self.report.focus()
        self.laid_out.set()
