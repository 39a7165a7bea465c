"""The line at the top of every page: where the author is, and whether the review is saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class SaveStatus(Static):
    """Says when the review was last saved; the app updates it, only when the words change."""

    def on_mount(self) -> None:
        self.show(self.app.save_status)

    def show(self, status: str) -> None:
        if str(self.content) != status:
            self.update(status)
            self.set_class(status.startswith("NOT SAVED"), "-failed")


class TitleBar(Horizontal):
    def __init__(self, where: str) -> None:
        super().__init__(classes="title-bar")
        self.where = where

    def compose(self) -> ComposeResult:
        yield Static(self.where, classes="where", markup=False)
        yield SaveStatus(classes="save-status", markup=False)

    def set_where(self, where: str) -> None:
        self.query_one(".where", Static).update(where)
