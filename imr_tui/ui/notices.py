"""Every notice the wizard shows (the widgets' too) says what it is in words: an error's begins
"Error:", not told by its colour alone; and a file's name in one is shown with its control
characters escaped, so a hostile name cannot drive the author's terminal."""

from __future__ import annotations

from textual.app import App

from imr_tui.core.typed_text import printable


class NoticesInWords(App[int]):
    def notify(self, message: str, *, title: str = "", severity="information", timeout=None, markup: bool = True) -> None:
        said = printable(str(message), keep="\n")
        said = f"Error: {said}" if severity == "error" and not said.startswith("Error:") else said
        super().notify(said, title=title, severity=severity, timeout=timeout, markup=markup)
