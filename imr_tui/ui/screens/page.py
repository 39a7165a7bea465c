"""What the full-screen pages share: a move of focus, or a page being built, sends only what it
changes (LeanScreen), and the keys of an open review's pages to the other pages (Page)."""

from __future__ import annotations

from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from imr_tui.ui import keys, messages
from imr_tui.ui.textual_seams import DrawingHeldScreen
from imr_tui.ui.unfinished import hold_for_unfinished


class LeanScreen(DrawingHeldScreen):
    """A screen that sends only what changes, and once:
    - a move of focus: Textual repaints the whole screen whenever focus moves (its `focused`
      repaints), 5 to 6 KB down the link for each Tab; the widgets that gain and lose focus are
      restyled and repaint themselves.
    - a page, or an answer, being built while the app holds its output (ui/building.py): the
      screen draws nothing, and what changed waits, marked, to be drawn once when it is built."""

    BINDINGS = keys.at_once(b for b in Screen.BINDINGS if b.action.startswith("app.focus_"))  # tab, shift+tab
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def drawing_held(self) -> bool:
        return bool(self.app.output_held) and self is self.app.screen  # reads the app's state


class Page(LeanScreen):
    """A page of the review; it is not left while an answer on it is half typed (ui/unfinished.py)."""

    def action_tasks(self) -> None:
        if not hold_for_unfinished(self):
            self.post_message(messages.ShowTasks())

    def action_check(self) -> None:
        if not hold_for_unfinished(self):
            self.post_message(messages.ShowCheck())

    def action_preview(self) -> None:
        self.post_message(messages.ShowPreview())

    def action_export(self) -> None:
        self.post_message(messages.ExportReport())

    def action_close(self) -> None:
        self.post_message(messages.ShowTasks())

    def way_back(self) -> Message | None:
        """What brings the author back here from the check page (None: the task list)."""
        return None
