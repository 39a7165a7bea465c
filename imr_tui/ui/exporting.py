"""Exporting from the wizard: the author chooses Markdown or Word, and the report is written in
a worker, so the page stays live while a long review is laid out (a Word document of 2,000
entries takes about two seconds)."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from imr_tui.core import store
from imr_tui.core.report import Exported, export_report
from imr_tui.ui import messages
from imr_tui.ui.building import HeldWhileBuilding


class FormatScreen(ModalScreen[str | None]):
    """Which format: m Markdown, w Word, escape not now."""

    BINDINGS = [
        Binding("m", "choose('markdown')", "Markdown"),
        Binding("w", "choose('docx')", "Word"),
        Binding("escape", "choose('')", "not now"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                "Export the report beside your review as Markdown (a text file), or as the Word "
                "document a board circulates?", markup=False,
            )
            yield Static("m Markdown    w Word    escape: not now", classes="hint")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice or None)


class ExportsReports(HeldWhileBuilding):
    """The App's export: asked which format, then written in the background."""

    @on(messages.ExportReport)
    def export_report(self) -> None:
        self.show_dialog(FormatScreen(), self._export_as)

    def _export_as(self, format: str | None) -> None:
        if format is None:
            return
        self.save_now()
        # A copy: the author may go on changing the review while the report is written.
        write = partial(export_report, self.review.model_copy(deep=True), self.path, format)
        self.notify("Exporting...", timeout=3, markup=False)
        self.run_worker(write, name="export", thread=True, exit_on_error=False)

    @on(Worker.StateChanged)
    def _exported(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "export" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            if not isinstance(error, store.ReviewFileError):
                raise error
            self.notify(f"Not exported: {error}", severity="error", timeout=10, markup=False)
            return
        exported: Exported = event.worker.result
        self.notify(exported.told("c to check"), timeout=8, markup=False)
        if exported.note:
            self.notify(exported.note, severity="warning", timeout=15, markup=False)
