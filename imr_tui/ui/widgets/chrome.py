"""The line at the top of every page: where the author is, and whether the review is saved."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Static


_ASCII_MARKS = str.maketrans({"·": "-", "…": "...", "—": "-", "–": "-"})


def marks(app: App, text: str) -> str:
    """`text` with its typographic marks in plain ASCII when the terminal wants that (--ascii)."""
    return text.translate(_ASCII_MARKS) if getattr(app, "ascii", False) else text


STATUS_WIDTH = 16  # the room kept for the status: as in the stylesheet's .save-status min-width


class SaveStatus(Static):
    """Says when the review was last saved; the app updates it, only when the words change."""

    def on_mount(self) -> None:
        self.show(self.app.save_status)

    def show(self, status: str) -> None:
        old = str(self.content)
        if old != status:
            # Within its minimum width ("saved 14:02:11") a new status needs no layout pass,
            # which would repaint the whole title line, twice, after every pause in typing.
            self.update(status, layout=max(len(old), len(status)) > STATUS_WIDTH)
            self.set_class(status.startswith("NOT SAVED"), "-failed")


class KeyFooter(Footer):
    """The keys of the page, one line; the palette's key is left to the help page with --ascii,
    as its separator is a block character."""

    def __init__(self) -> None:
        super().__init__(compact=True)

    def on_mount(self) -> None:
        self.show_command_palette = not getattr(self.app, "ascii", False)


class TitleBar(Horizontal):
    def __init__(self, where: str) -> None:
        super().__init__(classes="title-bar")
        self.where = where

    def compose(self) -> ComposeResult:
        yield Static(marks(self.app, self.where), classes="where", markup=False)
        yield SaveStatus(classes="save-status", markup=False)

    def set_where(self, where: str) -> None:
        self.query_one(".where", Static).update(marks(self.app, where))
