"""The task list (home): every part in the report's order with its status and what it needs."""

from __future__ import annotations

from contextlib import suppress

from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from imr_tui.core.checks import readiness_findings
from imr_tui.core.model import Review
from imr_tui.core.progress import part_status
from imr_tui.core.guidance import template
from imr_tui.core.typed_text import without_controls
from imr_tui.ui import keys, messages
from imr_tui.ui.screens.page import Page
from imr_tui.ui.widgets.chrome import KeyFooter, TitleBar, wants_ascii
from imr_tui.ui.widgets.lean import LeanOptionList


def review_title(review: Review) -> str:
    details = review.review_details
    about = ", ".join(c for c in details.children if c.strip()) or "new review"
    return without_controls(" · ".join(x for x in ("IMR", about, details.agency.strip()) if x))


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n else ""


class TaskListScreen(Page):
    BINDINGS = [keys.OPEN, keys.PLAIN_CHECK, keys.PLAIN_PREVIEW, keys.PLAIN_EXPORT, keys.PLAIN_HELP, keys.PLAIN_QUIT, keys.CHECK]

    def __init__(self, review: Review) -> None:
        super().__init__(classes="tasks-screen")
        self.review = review

    def compose(self) -> ComposeResult:
        # Built whole, so the page's first layout is its last (a page filled in after mounting
        # is sent to the terminal twice). A page is made afresh each time it is shown.
        yield TitleBar(review_title(self.review))
        yield LeanOptionList(*self._tasks(), id="tasks", markup=False)
        yield Static("Enter opens a part. Answers save by themselves as you type.", classes="hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        # The part the author was last in, so that Down goes on to the next one.
        tasks = self.query_one(LeanOptionList)
        with suppress(OptionDoesNotExist):
            tasks.highlighted = tasks.get_option_index(self.review.resume.part)

    def _tasks(self) -> list[Option | None]:
        findings = readiness_findings(self.review)
        width = max(len(p.heading) for p in template().parts) + 2
        options: list[Option | None] = []
        for part in template().parts:
            mine = [f for f in findings if f.part == part.id]
            errors = sum(f.severity == "error" for f in mine)
            warnings = len(mine) - errors
            # The more pressing only: both ("2 to fix, 1 to consider") overran 80 columns.
            detail = _count(errors, "to fix") or _count(warnings, "to consider")
            status = part_status(self.review, part.id)
            options.append(Option(f"{part.heading:<{width}}{status:<13}{detail}", id=part.id))
        # A rule above the last two, drawn in ASCII where the terminal wants that (--ascii).
        options.append(Option("-" * width, disabled=True) if wants_ascii(self.app) else None)
        errors = sum(f.severity == "error" for f in findings)
        ready = f"{errors} things to fix" if errors else "ready"
        options.append(Option(f"{'Check your answers':<{width}}{'':<13}{ready}", id="check"))
        options.append(Option("Preview and export", id="preview"))
        return options

    def action_open(self) -> None:
        if (choice := self.query_one(LeanOptionList).highlighted_id) is not None:
            self._open(choice)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def _open(self, choice: str) -> None:
        if choice == "check":
            self.post_message(messages.ShowCheck())
        elif choice == "preview":
            self.post_message(messages.ShowPreview())
        else:
            self.post_message(messages.OpenPart(choice))
