"""The lines at the top and foot of every page: where the author is, whether the review is
saved, and the page's keys."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.scrollbar import ScrollBarRender
from textual.widget import Widget
from textual.widgets import Static


_ASCII_MARKS = str.maketrans({"·": "-", "…": "...", "—": "-", "–": "-"})


def wants_ascii(app: App) -> bool:
    """Whether the terminal wants plain ASCII (--ascii); False in an app that is not imr-tui's."""
    return getattr(app, "ascii", False)


def marks(app: App, text: str) -> str:
    """`text` with its typographic marks in plain ASCII when the terminal wants that (--ascii)."""
    return text.translate(_ASCII_MARKS) if wants_ascii(app) else text


class AsciiScrollBarRender(ScrollBarRender):
    """Scrollbar ends drawn with spaces: plain terminals lack Textual's eighth-block glyphs."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


STATUS_WIDTH = 16  # the room kept for the status: as in the stylesheet's .save-status min-width


class SaveStatus(Static):
    """Says when the review was last saved; the app updates it, only when the words change."""

    def show(self, status: str) -> None:
        old = str(self.content)
        if old != status:
            # Within its minimum width ("saved 14:02:11") a new status needs no layout pass,
            # which would repaint the whole title line, twice, after every pause in typing.
            self.update(status, layout=max(len(old), len(status)) > STATUS_WIDTH)
            self.set_class(status.startswith("NOT SAVED"), "-failed")


PALETTE = Binding("ctrl+p", "command_palette", "more")  # Textual's own key for its palette


class KeyFooter(Widget):
    """The page's keys on one line of text. Textual's Footer makes a widget of every key and
    rebuilds them as focus moves: slower to start and more to send; these keys never change
    while a page is shown."""

    def render(self) -> Text:
        # Made when first drawn, when the page and its keys are known, so the page's first
        # layout is already its last: no second frame to send.
        line = Text()
        described: set[str] = set()
        for binding in (*self.screen.BINDINGS, *self.app.BINDINGS, PALETTE):
            if binding.show and binding.description not in described:  # c and ctrl+r: one "check"
                described.add(binding.description)
                first_key = replace(binding, key=binding.key.split(",")[0])
                line.append(self.app.get_key_display(first_key), style="bold")
                line.append(f" {binding.description} ")
        return line


class TitleBar(Horizontal):
    def __init__(self, where: str) -> None:
        super().__init__(classes="title-bar")
        self.where = where

    def compose(self) -> ComposeResult:
        yield Static(marks(self.app, self.where), classes="where", markup=False)
        yield SaveStatus(self.app.save_status, classes="save-status", markup=False)  # reads the app's state

    def set_where(self, where: str) -> None:
        self.where = where
        self.query_one(".where", Static).update(marks(self.app, where))
