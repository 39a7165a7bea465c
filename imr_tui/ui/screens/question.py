"""A question page: the part's guidance beside one question at a time, next and back."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.containers import Container, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from imr_tui.core.editing import linked_kind, linked_records
from imr_tui.core.record_lists import summary
from imr_tui.core.model import Review
from imr_tui.core.standard_text import placeholders_explained
from imr_tui.core.guidance import template
from imr_tui.core.typed_text import without_controls
from imr_tui.ui import keys, messages
from imr_tui.ui.guidance import guidance_text
from imr_tui.ui.screens.page import Page
from imr_tui.ui.screens.reading import GuidanceScreen
from imr_tui.ui.unfinished import hold_for_unfinished
from imr_tui.core.walk import COMPLETED, Step, WalkPage, page_with_step, pages, where_in_part
from imr_tui.ui.widgets.answer import AnswerField, Slot
from imr_tui.ui.widgets.chrome import KeyFooter, TitleBar


def link_choices(review: Review, to: str) -> list[tuple[str, int]]:
    """The records a `links` question can point to, labelled by their number in the report."""
    kind = linked_kind(to).id
    return [(f"{n}. {summary(kind, review, n, r, width=60)}", r.id) for n, r in enumerate(linked_records(review, to), 1)]


class QuestionScreen(Page):
    BINDINGS = [keys.NEXT, keys.BACK, keys.TASKS, keys.GUIDANCE, keys.CHECK, keys.READ_GUIDANCE]
    # Focus the answer as the page is built (Textual would take the guidance, the first thing
    # that can be focused): moving focus after the first layout restyles and sends it again.
    AUTO_FOCUS = "#question .editor, #question DataTable"

    def __init__(self, review: Review, part_id: str, step_number: int = 0) -> None:
        """Open at the page showing step `step_number`, its answer focused (one of a group too)."""
        super().__init__(classes="question-screen")
        self.review = review
        self.part = template().part(part_id)
        self.index = page_with_step(self.pages, step_number)
        if len(self.page.steps) > 1:
            self.AUTO_FOCUS = f"#step-{step_number} .editor"

    @property
    def pages(self) -> list[WalkPage]:
        return pages(self.part, self.review)  # recomputed: terms of reference may have changed

    @property
    def page(self) -> WalkPage:
        return self.pages[self.index]

    @property
    def step(self) -> Step:
        """The page's first step: where the review reopens, and what the check comes back to."""
        return self.page.steps[0]

    def compose(self) -> ComposeResult:
        # The page is built whole, with its first step, so its first layout is its last: a page
        # filled in after mounting is laid out and sent to the terminal twice.
        page, where = self._go_to(self.index)
        yield TitleBar(where)
        with Container(id="page"):
            with VerticalScroll(id="guidance"):
                yield Static(guidance_text(self.part, page.steps), id="guidance-text")
            with Vertical(id="question"):
                yield self._page_widget(page)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.post_message(messages.RememberPlace(self.part.id, self.step.key))  # its answer has focus (AUTO_FOCUS)

    def _go_to(self, index: int) -> tuple[WalkPage, str]:
        """The page at `index` (kept within the part), and where it is, for the title."""
        all_pages = self.pages
        self.index = max(0, min(index, len(all_pages) - 1))
        return all_pages[self.index], f"{self.part.heading} · {where_in_part(all_pages, self.index)}"

    def _page_widget(self, page: WalkPage) -> Widget:
        """One answer; or a group's, each under its own question, scrolled through with tab."""
        if len(page.steps) == 1:
            return self._answer_widget(page.steps[0])
        answers = [self._answer_widget(step) for step in page.steps]
        for number, answer in enumerate(answers, page.first):
            answer.id = f"step-{number}"
        return VerticalScroll(Static(page.heading, classes="group-heading"), *answers, classes="question-group")

    def _answer_widget(self, step: Step) -> Widget:
        part = self.review.part(self.part.id)
        question = step.question
        if question is None:
            return AnswerField(COMPLETED, Slot.attribute(part, "completed"))
        if question.kind == "records":
            # Imported here: its DataTable takes tens of milliseconds to load, which a question
            # page that opens on a text answer, as most do, need not wait for at start.
            from imr_tui.ui.widgets.records import RecordList

            return RecordList(self.review, self.part.id, question)
        if question.kind == "per-term":
            terms = self.review.review_details.terms_of_reference
            if step.term is None:
                return Static(
                    "There are no terms of reference yet. Add them in Review details first "
                    "(ctrl+t for the task list): the analysis follows them one by one.",
                    classes="prompt",
                )
            number, term = next((n, t) for n, t in enumerate(terms, 1) if t.id == step.term)
            analysis = self.review.analysis
            slot = Slot(lambda: analysis.text_for_term(term.id), lambda text: analysis.set_text_for_term(term.id, text))
            prompt = f"Term of reference {number}: {' '.join(without_controls(term.text).split())}\n{question.prompt}"
            return AnswerField(question, slot, prompt=prompt)
        if question.kind == "links":
            return AnswerField(question, Slot.attribute(part, question.id), choices=link_choices(self.review, question.to))
        if question.kind == "long":
            explain = partial(placeholders_explained, review=self.review)  # the board's placeholders
            return AnswerField(question, Slot.attribute(part, question.id), explain=explain)
        return AnswerField(question, Slot.attribute(part, question.id))

    def show_step(self, index: int) -> None:
        if hold_for_unfinished(self):
            return
        self.post_message(messages.PageChanging(self, partial(self._swap_in, index)))  # sent once, as it will stay

    async def _swap_in(self, index: int) -> None:
        page, where = self._go_to(index)
        self.query_one(TitleBar).set_where(where)
        guidance = self.query_one("#guidance-text", Static)
        text = guidance_text(self.part, page.steps)
        if text != guidance.content:  # the same guidance is not sent again
            guidance.update(text)
        holder = self.query_one("#question")
        # The old answer gives up focus first: else focus falls to the guidance meanwhile, and
        # its box, restyled, is sent again with the new question (1.4 to 2 KB more).
        self.set_focus(None)
        await holder.remove_children()
        widget = self._page_widget(page)
        await holder.mount(widget)
        self.post_message(messages.RememberPlace(self.part.id, page.steps[0].key))
        first_answer = widget.query(AnswerField).first() if widget.has_class("question-group") else widget
        if hasattr(first_answer, "focus_editor"):
            first_answer.focus_editor()

    def action_next(self) -> None:
        if self.index + 1 < len(self.pages):
            self.show_step(self.index + 1)
        else:
            self.action_tasks()

    def action_back(self) -> None:
        if self.index > 0:
            self.show_step(self.index - 1)
        else:
            self.action_tasks()

    def way_back(self) -> messages.OpenPart:
        return messages.OpenPart(self.part.id, self.step.key)

    def action_read_guidance(self) -> None:
        where = self.query_one(TitleBar).where
        self.post_message(messages.ShowDialog(GuidanceScreen(where, guidance_text(self.part, self.page.steps, in_pane=False))))

    def action_toggle_guidance(self) -> None:
        guidance = self.query_one("#guidance")
        guidance.display = not guidance.display
