"""One record of a list (a chronology entry, an interview record...) as a form, every field at once."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from imr_tui.core.answers import record_questions
from imr_tui.core.model import Review
from imr_tui.core.guidance import Question, template
from imr_tui.ui import keys, messages
from imr_tui.ui.screens.page import Page
from imr_tui.ui.unfinished import hold_for_unfinished
from imr_tui.ui.screens.question import link_choices
from imr_tui.ui.widgets.answer import AnswerField
from imr_tui.ui.widgets.chrome import KeyFooter, TitleBar


class RecordFormScreen(Page):
    BINDINGS = [Binding("ctrl+n,escape", "done", "done", priority=True), keys.TASKS, keys.CHECK]

    def __init__(self, review: Review, part_id: str, question: Question, record: object, focus_field: str | None = None) -> None:
        super().__init__(classes="record-screen")
        self.review = review
        self.part = template().part(part_id)
        self.kind = template().records[question.record]
        self.records = getattr(review.part(part_id), question.id)
        self.record = record
        self.question = question
        # Only what can be answered yet: no link to interviews before any is recorded.
        self.asked = record_questions(self.kind, record, review)
        self._as_opened = record.model_dump()  # to tell, on closing, whether the author changed it
        # The field to start in is focused as the form is built: focus moved after the first
        # layout restyles the form and sends it to the terminal again.
        asked = [field.id for field, _ in self.asked]
        self.AUTO_FOCUS = f"#field-{focus_field if focus_field in asked else asked[0]} .editor"

    def compose(self) -> ComposeResult:
        number = self.records.index(self.record) + 1
        yield TitleBar(f"{self.kind.title} {number} of {len(self.records)} · {self.part.heading}")
        with VerticalScroll(id="form"):
            for field, slot in self.asked:
                choices = link_choices(self.review, field.to) if field.kind == "links" else None
                answer = AnswerField(field, slot, choices=choices)
                answer.id = f"field-{field.id}"
                yield answer
        yield KeyFooter()

    def way_back(self) -> messages.OpenPart:
        return messages.OpenPart(self.part.id, self.question.id, self.record)

    def action_done(self) -> None:
        if not hold_for_unfinished(self):
            self.post_message(messages.RecordClosed(self.record, changed=self.record.model_dump() != self._as_opened))
