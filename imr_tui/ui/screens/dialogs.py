"""Small dialogs: a yes/no question, a file name, the help page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from textual import events, on
from textual.geometry import Size
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from imr_tui.core.typed_text import printable
from imr_tui.ui import keys
from imr_tui.ui.widgets.lean import LeanInput


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [Binding("y,enter", "answer(True)", "yes"), Binding("n,escape", "answer(False)", "no")]

    def __init__(self, question: str) -> None:
        super().__init__(classes="dialog-screen")
        self.question = printable(question, keep="\n")  # a file's name in it, escaped

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            yield Static("y or enter: yes    n or escape: no", classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class MessageScreen(ModalScreen[None]):
    """Something the author must read before going on (a file that cannot be opened, say)."""

    BINDINGS = [Binding("enter,escape", "close", "close")]

    def __init__(self, message: str) -> None:
        super().__init__(classes="dialog-screen")
        self.message = printable(message, keep="\n")  # a file's name in it, escaped

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.message, markup=False)
            yield Static("enter or escape: close", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


class TooSmallScreen(ModalScreen[None]):
    """In place of a page that would be cut off; goes by itself when the window is big enough."""

    def __init__(self) -> None:
        super().__init__(classes="too-small")

    def compose(self) -> ComposeResult:
        yield Static(id="too-small", markup=False)

    def on_mount(self) -> None:
        self.describe(self.app.size)  # reads the app's size

    def on_resize(self, event: events.Resize) -> None:
        self.describe(event.size)

    def describe(self, size: Size) -> None:
        width, height = size
        self.query_one(Static).update(
            f"imr-tui needs a window of at least 80 columns by 24 lines; this one is {width} by {height}. "
            "Make the window bigger (nothing is lost meanwhile), or use imr-tui --plain FILE."
        )


class PathScreen(ModalScreen[Path | None]):
    """Asks for a file name; escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, question: str, default: str) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            yield LeanInput(self.default, id="path")
            yield Static("enter: go on    escape: cancel", classes="hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(Path(event.value.strip()).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)


HOW_IT_WORKS = "\n\n".join(
    (
        "imr-tui leads you through your agency's Individual Management Review (IMR), part by part, "
        "in the order of the report. Beside each question is the board's guidance and the answer "
        "from a worked example (a fictional review about Child A).",
        "The task list shows each part as Not started, In progress or Completed. Open a part with "
        "Enter and answer one question a page; ctrl+n goes on, ctrl+o goes back. At the end of a "
        "part, say whether you have completed it. Lists (terms of reference, chronology, "
        "interviews, lessons, recommendations, glossary) are tables: a adds a record, enter changes "
        "it, d deletes it.",
        "Everything you type is saved to your file by itself. \"Check your answers\" lists what is "
        "still missing; enter on a line takes you to the answer that fixes it. Preview shows the "
        "report; export writes it as a Markdown file beside your review (a draft, marked, until "
        "nothing is missing).",
    )
)


class ReadingScreen(ModalScreen[None]):
    """Text to read in the whole window, scrolled with up/down; its keys close it."""

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def sections(self) -> Iterator[Static]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield from self.sections()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(ReadingScreen):
    BINDINGS = [Binding("escape,q,question_mark,ctrl+f", "close", "close", priority=True)]

    def sections(self) -> Iterator[Static]:
        width = max(len(k) for k, _ in keys.HELP_TABLE) + 2
        table = "\n".join(f"  {k:<{width}}{what}" for k, what in keys.HELP_TABLE)
        yield Static("Help  (escape closes; up/down scrolls)", classes="prompt")
        yield Static(HOW_IT_WORKS, markup=False)
        yield Static("Keys", classes="prompt")
        yield Static(table, markup=False)
