"""What the full-screen pages share: a move of focus sends only what it changes (LeanScreen), and
the keys of an open review's pages to the other pages go through the app (Page)."""

from __future__ import annotations

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget


class LeanScreen(Screen):
    """A screen that sends only what a move of focus changes. Textual repaints the whole screen
    whenever focus moves (its `focused` repaints), 5 to 6 KB down the link for each Tab; the
    widgets that gain and lose focus are restyled and repaint themselves."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)


class Page(LeanScreen):
    def action_tasks(self) -> None:
        self.app.show_tasks()

    def action_check(self) -> None:
        self.app.show_check()

    def action_preview(self) -> None:
        self.app.show_preview()

    def action_export(self) -> None:
        self.app.export_report()

    def action_close(self) -> None:
        self.app.show_tasks()
