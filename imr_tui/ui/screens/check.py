"""Check your answers: every readiness finding, grouped by part; Enter goes to the fix."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.message import Message
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.core.acronyms import mark_not_an_acronym
from imr_tui.core.checks import Finding, readiness_findings
from imr_tui.core.model import Review
from imr_tui.core.guidance import template
from imr_tui.ui import keys, messages
from imr_tui.ui.screens.page import Page
from imr_tui.ui.widgets.chrome import KeyFooter, TitleBar
from imr_tui.ui.widgets.lean import LeanOptionList


def summary(findings: list[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return "Nothing missing: the report is ready to export."
    to_fix = f"{errors} to fix before the final report" if errors else "nothing to fix"
    acronyms = " n: the word flagged is not an acronym." if any(f.acronym for f in findings) else ""
    return f"{to_fix}; {warnings} to consider. Enter goes to the answer.{acronyms}"


def where_to_fix(review: Review, finding: Finding) -> messages.OpenPart:
    """The answer that fixes `finding`: its question, its part's "completed" page if it is about
    the part as a whole, and the record's form if it is about one record."""
    if not finding.question:
        return messages.OpenPart(finding.part, "completed")
    question = template().part(finding.part).question(finding.question)
    if question.kind == "per-term" and finding.record is not None:
        return messages.OpenPart(finding.part, f"{finding.question}:{finding.record}")
    if question.kind == "records" and finding.record is not None:
        records = getattr(review.part(finding.part), finding.question)
        record = next((r for r in records if getattr(r, "id", None) == finding.record), None)
        return messages.OpenPart(finding.part, finding.question, record, finding.field)
    return messages.OpenPart(finding.part, finding.question)


def finding_row(finding: Finding, heading: str) -> Table:
    """'fix' or 'note', then the message, wrapped under itself; the part is the group's heading."""
    row = Table.grid(padding=(0, 1))
    row.add_column(width=6, justify="right")
    row.add_column(ratio=1)
    mark = "fix" if finding.severity == "error" else "note"
    row.add_row(mark, Text(finding.message.removeprefix(f"{heading}: ")))
    return row


class CheckScreen(Page):
    BINDINGS = [
        keys.OPEN, keys.CLOSE, keys.NOT_AN_ACRONYM, keys.TASKS, keys.PLAIN_PREVIEW, keys.PLAIN_EXPORT, keys.PLAIN_HELP,
    ]

    def __init__(self, review: Review, back: Message | None = None) -> None:
        """`back`: what escape goes back to, the page the author came from (None: the task list)."""
        super().__init__(classes="check-screen")
        self.review = review
        self.back = back
        self.findings: list[Finding] = []

    def compose(self) -> ComposeResult:
        # Built whole, so the page's first layout is its last (a page filled in after mounting
        # is sent to the terminal twice). A page is made afresh each time it is shown.
        self.findings = readiness_findings(self.review)
        yield TitleBar("Check your answers")
        yield Static(summary(self.findings), classes="summary", markup=False)
        options = self._options()
        findings = LeanOptionList(*options, id="findings", markup=False)
        # The first thing to fix, else the first thing to consider.
        order = sorted(
            (self.findings[int(o.id)].severity != "error", i) for i, o in enumerate(options) if o and o.id
        )
        findings.highlighted = order[0][1] if order else None
        yield findings
        yield KeyFooter()

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []
        for part in template().parts:
            mine = [(i, f) for i, f in enumerate(self.findings) if f.part == part.id]
            if not mine:
                continue
            options.append(Option(part.heading, disabled=True))
            for i, finding in mine:
                options.append(Option(finding_row(finding, part.heading), id=str(i)))
        return options

    def way_back(self) -> Message | None:
        return self.back  # the check made afresh (a word set aside) still goes back there

    def action_close(self) -> None:
        self.post_message(self.back or messages.ShowTasks())

    def action_not_an_acronym(self) -> None:
        choice = self.query_one(LeanOptionList).highlighted_id
        word = self.findings[int(choice)].acronym if choice is not None else None
        if word is None:
            self.notify("Only a word the check takes for an acronym can be set aside.", markup=False)
            return
        mark_not_an_acronym(self.review, word)
        self.post_message(messages.ReviewChanged())
        self.post_message(messages.ShowCheck())  # the check again, without it
        self.notify(f"'{word}' is not an acronym in this review: the check leaves it out.", markup=False)

    def action_open(self) -> None:
        if (choice := self.query_one(LeanOptionList).highlighted_id) is not None:
            self._open(choice)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def _open(self, choice: str) -> None:
        self.post_message(where_to_fix(self.review, self.findings[int(choice)]))
