"""A date or time half typed (not a date yet) is never left, or lost, without a word.

The file holds no date while the field holds one half typed (ui/widgets/answer.py). Leaving the
page (escape, ctrl+n, ctrl+o, ctrl+t, ctrl+r) stays on it and says which field and what is
wrong; quitting asks first, since the half-typed text would go with it (issue 17, item 2).
"""

from __future__ import annotations

from textual.screen import Screen

from imr_tui.ui.building import HeldWhileBuilding
from imr_tui.ui.screens.dialogs import ConfirmScreen
from imr_tui.ui.widgets.answer import AnswerField


def unfinished_answer(screen: Screen) -> AnswerField | None:
    """The first answer on `screen` whose typed text is not yet what it should be, shown beside
    it; None if there is none."""
    return next((answer for answer in screen.query(AnswerField) if answer.show_problem()), None)


def hold_for_unfinished(screen: Screen) -> bool:
    """True, and the author taken to the field and told, if an answer on `screen` is unfinished."""
    answer = unfinished_answer(screen)
    if answer is None:
        return False
    answer.focus_editor()
    answer.scroll_visible()
    screen.notify(
        f"{answer.field_name} is not finished: {answer.problem}. Finish it, or clear it to leave it out.",
        severity="warning", timeout=8, markup=False,
    )
    return True


class AsksAboutUnfinishedAnswers(HeldWhileBuilding):
    """The App's quit asks first while the page shows a half-typed date or time."""

    def action_save_and_quit(self) -> None:
        answer = unfinished_answer(self.screen)
        if answer is None:
            self.save_and_quit()
            return

        def answer_given(yes: bool | None) -> None:
            if yes:
                self.save_and_quit()
            else:
                answer.focus_editor()

        asked = (f"{answer.field_name} is not finished: {answer.problem}.\n"
                 "Quit anyway and leave it out of the review?")
        self.show_dialog(ConfirmScreen(asked), answer_given)
