"""The board's guidance for a question, the whole window to read it in: at 80x24 the pane beside
the answer shows about five lines of it. ctrl+l or escape goes back to the answer as it was left,
the cursor where it was (the page beneath is kept, not rebuilt)."""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from imr_tui.ui import keys
from imr_tui.ui.screens.dialogs import ReadingScreen


class GuidanceScreen(ReadingScreen):
    BINDINGS = [Binding(f"{keys.READ_GUIDANCE.key},escape", "close", "back to the answer", priority=True)]

    def __init__(self, where: str, guidance: Text) -> None:
        super().__init__()
        self.where = where
        self.guidance = guidance

    def sections(self) -> Iterator[Static]:
        yield Static(f"{self.where}  (ctrl+l or escape: back)", classes="prompt", markup=False)
        yield Static(self.guidance)
