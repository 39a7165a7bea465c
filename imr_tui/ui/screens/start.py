"""The first page when no file is named: start a review, open one, or explore the worked example."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.ui import keys
from imr_tui.ui.screens.page import LeanScreen
from imr_tui.ui.widgets.chrome import KeyFooter, TitleBar
from imr_tui.ui.widgets.lean import LeanOptionList

WELCOME = (
    "An Individual Management Review (IMR) is your agency's own critical look at its work with a "
    "child and family, written for a Serious Case Review. imr-tui walks you through it with the "
    "board's guidance beside every question, and saves as you type."
)


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
            self.app.start(choice)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.app.start(event.option.id)
