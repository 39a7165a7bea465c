"""The first page when no file is named: start a review, open one, or explore the worked example."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.core import store
from imr_tui.core.opening import copy_worked_example
from imr_tui.ui import keys, messages
from imr_tui.ui.screens.dialogs import MessageScreen, PathScreen
from imr_tui.ui.screens.page import LeanScreen
from imr_tui.ui.widgets.chrome import KeyFooter, TitleBar
from imr_tui.ui.widgets.lean import LeanOptionList

WELCOME = (
    "An Individual Management Review (IMR) is your agency's own critical look at its work with a "
    "child and family, written for a Serious Case Review. imr-tui walks you through it with the "
    "board's guidance beside every question, and saves as you type."
)

# Each way in: the file it asks for, and the name it offers.
ASKED = {
    "new": ("Where should the new review be saved?", "review.toml"),
    "open": ("Which review file?", "review.toml"),
    "example": ("Where should the copy of the worked example go?", "worked-example.toml"),
}


class StartScreen(LeanScreen):
    BINDINGS = [keys.OPEN, keys.PLAIN_HELP, keys.PLAIN_QUIT]

    def compose(self) -> ComposeResult:
        yield TitleBar("imr-tui · Individual Management Review")
        yield Static(WELCOME, classes="welcome", markup=False)
        yield LeanOptionList(
            Option("Start a new review", id="new"),
            Option("Open an existing review", id="open"),
            Option("Explore the worked example (a copy: the original stays clean)", id="example"),
            id="start",
            markup=False,
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_open(self) -> None:
        if (choice := self.query_one(LeanOptionList).highlighted_id) is not None:
            self._ask_where(choice)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self._ask_where(event.option.id)

    def _ask_where(self, choice: str) -> None:
        self.post_message(messages.ShowDialog(PathScreen(*ASKED[choice]), partial(self._start, choice)))

    def _start(self, choice: str, path: Path | None) -> None:
        """Open the review at `path` the way the author chose: a new one only where there is no
        file yet, the worked example copied there first."""
        if path is None:
            return
        if choice == "new" and path.exists():
            self.notify(f"{path} already exists: choose another name, or open it.", severity="error", markup=False)
            return
        if choice == "example":
            try:
                copy_worked_example(path)  # one already there is opened as the author left it
            except store.ReviewFileError as error:
                self.post_message(messages.ShowDialog(MessageScreen(f"Error: {error}")))
                return
        self.post_message(messages.OpenReviewFile(path, create=choice == "new"))
