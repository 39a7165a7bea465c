"""Another program has changed the open review (an editor, a sync client, a session on another
computer sharing the drive): nothing is written over it until the author chooses, in a dialog
opened by ctrl+s or on quitting (never under their fingers as they type), to go on from theirs,
keep theirs beside and write theirs over, or look at what differs first. The choices are the
core's (core/session.py); this only asks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from imr_tui.core import store
from imr_tui.core.model import Review
from imr_tui.core.session import ReviewSession, differences
from imr_tui.core.typed_text import printable
from imr_tui.ui.building import HeldWhileBuilding
from imr_tui.ui.screens.dialogs import MessageScreen


class ChangedElsewhereScreen(ModalScreen[str | None]):
    """The question, answered by t (theirs), m (mine) or l (look); escape: not now."""

    BINDINGS = [
        Binding("t", "choose('theirs')", "theirs"),
        Binding("m", "choose('mine')", "mine"),
        Binding("l", "choose('look')", "look"),
        Binding("escape", "choose('')", "not now"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__(classes="dialog-screen")
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                printable(
                    f"Another program has changed {self.path} since you opened it (an editor, a sync "
                    "client, or imr-tui on another computer). Nothing has been written over it.\n\n"
                    "t  go on from their version (your answers since it changed are dropped)\n"
                    "m  keep yours (theirs is copied beside it first)\n"
                    "l  look at where yours and theirs differ",
                    keep="\n",
                ),
                markup=False,
            )
            yield Static("t theirs    m mine    l look    escape: not now (nothing is saved)", classes="hint")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice or None)


class AsksAboutChangesElsewhere(HeldWhileBuilding):
    session: ReviewSession | None
    review: Review | None
    path: Path | None

    asking_about_changes_elsewhere = False
    after_choosing: Callable[[], None] | None = None  # the latest asked for: quitting, say

    def ask_about_changes_elsewhere(self, then: Callable[[], None]) -> None:
        """Ask what to keep; `then` goes on once the author has chosen (asked again while the
        question is open, the latest `then` is the one that goes on)."""
        self.after_choosing = then
        if self.asking_about_changes_elsewhere or self.session is None:
            return
        self.asking_about_changes_elsewhere = True

        def chosen(choice: str | None) -> None:
            self.asking_about_changes_elsewhere = False
            then = self.after_choosing
            if choice is None:  # not now: nothing is saved, and ctrl+s asks again
                return
            try:
                if choice == "theirs":
                    self.review = self.session.keep_theirs()
                    self.notify("Going on from their version.", markup=False)
                    self.show_tasks()  # every page was showing the review as it was
                elif choice == "mine":
                    self.notify(f"Kept yours; theirs is in {self.session.keep_mine()}.", timeout=15, markup=False)
                else:
                    found = differences(self.review, self.session.theirs())
                    said = "\n".join(found) if found else "They hold the same answers."
                    self.show_dialog(MessageScreen(f"Where yours and theirs differ:\n{said}"), lambda _: self.ask_about_changes_elsewhere(then))
                    return
            except store.ReviewFileError as problem:
                self.show_dialog(MessageScreen(f"Error: that cannot be done:\n{problem}"), lambda _: self.ask_about_changes_elsewhere(then))
                return
            if then is not None:
                then()

        self.show_dialog(ChangedElsewhereScreen(self.session.path), chosen)

    def show_tasks(self) -> None:
        raise NotImplementedError
