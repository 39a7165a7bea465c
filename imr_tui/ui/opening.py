"""Opening a review from within the wizard (from the start page, or a file named on the command
line that is not there yet) by the one policy, core/opening.py. A review that is open elsewhere,
missing or unreadable is explained in a dialog."""

from __future__ import annotations

from pathlib import Path

from textual import on

from imr_tui.core import store
from imr_tui.core.opening import OpenReview, ReviewLocked, open_review
from imr_tui.core.session import ReviewSession
from imr_tui.ui import messages
from imr_tui.ui.building import HeldWhileBuilding
from imr_tui.ui.screens.dialogs import ConfirmScreen, MessageScreen
from imr_tui.ui.screens.start import StartScreen


class OpeningReviews(HeldWhileBuilding):
    opened: OpenReview | None
    session: ReviewSession | None

    def show_review(self, opened: OpenReview) -> None:
        """The review just opened, at its first page: the wizard's to say."""
        raise NotImplementedError

    def open_file(self, path: Path, *, create: bool = False, take_over: bool = False) -> None:
        """Open (or with `create`, start) the review at `path`; a review open in another session
        is refused, naming it, or taken over if the author says that session has ended."""
        try:
            opened = open_review(path, create=create, take_over=take_over)
        except ReviewLocked as locked:
            if locked.can_force and not take_over:
                question = f"{locked}.\n\nHas that session ended? Take over its lock?"
                self.show_dialog(
                    ConfirmScreen(question), lambda yes: self.open_file(path, create=create, take_over=True) if yes else None
                )
            else:
                self.show_dialog(MessageScreen(f"Error: {locked}"))
            return
        except store.ReviewFileError as error:
            self.show_dialog(MessageScreen(f"Error: this review cannot be opened:\n{error}\n\nThe file was not changed."))
            return
        if self.opened is not None:
            self.opened.close()
        self.show_review(opened)

    @on(messages.OpenReviewFile)
    def _open_review_file(self, request: messages.OpenReviewFile) -> None:
        if request.create or store.review_file(request.path).exists():
            self.open_file(request.path, create=request.create)
        else:
            self.offer_new(request.path)

    def offer_new(self, path: Path) -> None:
        """Ask whether to start a review at `path`, where there is none; if not, the start page."""

        def answer(yes: bool | None) -> None:
            if yes:
                self.open_file(path, create=True)
            elif self.session is None and not isinstance(self.screen, StartScreen):
                self.send_when_built(self.push_screen(StartScreen()))

        self.show_dialog(ConfirmScreen(f"There is no review at {path}.\nStart a new review there?"), answer)
