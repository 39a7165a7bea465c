"""The report as it will be exported, rendered in the app."""

from __future__ import annotations

from textual.app import ComposeResult

from imr_tui.core.report import report_as_it_stands
from imr_tui.core.model import Review
from imr_tui.ui import keys
from imr_tui.ui.screens.page import Page
from imr_tui.ui.widgets.chrome import KeyFooter, TitleBar


class PreviewScreen(Page):
    BINDINGS = [keys.CLOSE, keys.TASKS, keys.PLAIN_EXPORT, keys.PLAIN_CHECK, keys.PLAIN_HELP]

    def __init__(self, review: Review) -> None:
        from imr_tui.ui.widgets.report import ReportView  # paid when the preview opens, not at start

        super().__init__(classes="preview-screen")
        # Not Textual's Markdown widget: it makes a widget of every paragraph, and takes seconds
        # over a whole IMR. The export escapes all author text, so nothing in it is read as HTML
        # or links.
        markdown, to_fix = report_as_it_stands(review)
        self.report = ReportView(markdown, self.app.size.width)
        self.heading = f"Preview: a draft, {to_fix} to fix (c check)" if to_fix else "Preview: ready to export"

    def compose(self) -> ComposeResult:
        yield TitleBar(f"{self.heading}  ·  e export")
        yield self.report
        yield KeyFooter()

    def on_mount(self) -> None:
        self.report.focus()
