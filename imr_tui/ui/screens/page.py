"""What every page of an open review shares: its keys to the other pages go through the app."""

from __future__ import annotations

from textual.screen import Screen


class Page(Screen):
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
