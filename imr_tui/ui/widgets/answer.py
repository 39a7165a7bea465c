"""One answer field of any kind: prompt, hint, the editor that suits the kind, and its error.

This is the one seam between widgets and the review: the field reads its value from a slot when
it is made and writes every change straight back through the slot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from imr_tui.core.answers import Slot
from imr_tui.core.dates import TYPED_KINDS, BadDate
from imr_tui.core.guidance import Question
from imr_tui.core.typed_text import without_controls
from imr_tui.ui import messages
from imr_tui.ui.widgets.choices import ChoiceList
from imr_tui.ui.widgets.lean import LeanInput, LeanTextArea


# Textual calls the paste handler of every class in the MRO, subclass first: these clean the
# pasted text, then TextArea's and Input's own handlers (their private _on_paste) insert it.


class AnswerArea(LeanTextArea):
    """A long-answer editor whose pastes cannot carry control characters to the terminal."""

    def on_paste(self, event: events.Paste) -> None:
        event.text = without_controls(event.text)


class AnswerInput(LeanInput):
    """A one-line editor whose pastes cannot carry control characters to the terminal."""

    def on_mount(self) -> None:
        self.cursor_blink = False  # a blinking cursor repaints twice a second on a slow link

    def on_paste(self, event: events.Paste) -> None:
        event.text = without_controls(event.text)


_TYPED = {kind: (parse, show) for kind, (parse, show, _) in TYPED_KINDS.items()}
_PLACEHOLDER = {kind: placeholder for kind, (_, _, placeholder) in TYPED_KINDS.items()}


class AnswerField(Vertical):
    """Prompt, hint, editor and error line for one question (or one field of a record)."""

    def __init__(
        self,
        question: Question,
        slot: Slot,
        *,
        choices: list[tuple[str, Any]] | None = None,
        show_prompt: bool = True,
        prompt: str | None = None,
        explain: Callable[[str], str] | None = None,
    ) -> None:
        """`explain`: what the report makes of the text typed (its placeholders filled in), shown
        under the editor."""
        super().__init__(classes=f"answer kind-{question.kind}")
        self.question = question
        self.slot = slot
        self.choices = choices or [(option, option) for option in question.options]
        self.show_prompt = show_prompt
        self.prompt_text = prompt or question.prompt
        self.explain = explain

    def compose(self) -> ComposeResult:
        if self.show_prompt:
            mark = "" if self.question.required else "  (optional)"
            yield Static(self.prompt_text + mark, classes="prompt", markup=False)
            yield Static(self.question.hint, classes="hint", markup=False)
        yield self._editor()
        if self.explain is not None:
            said = self.explain(self.slot.get())
            yield Static(said, classes="in-report", markup=False).set_class(not said, "-nothing")
        yield Static("", classes="error", markup=False)

    def _editor(self) -> Widget:
        kind, value = self.question.kind, self.slot.get()
        if kind in ("long", "lines", "per-term"):
            text = "\n".join(value) if kind == "lines" else value
            area = AnswerArea(without_controls(text), soft_wrap=True, tab_behavior="focus", classes="editor")
            area.cursor_blink = False  # a blinking cursor repaints twice a second on a slow link
            return area
        if kind in _TYPED:
            _, show = _TYPED[kind]
            return AnswerInput(show(value), placeholder=_PLACEHOLDER[kind], classes="editor", max_length=30)
        if kind == "text":
            return AnswerInput(without_controls(value), classes="editor")
        if kind == "yes-no":
            return ChoiceList([("Yes", True), ("No", False)], [value], multiple=False, classes="editor")
        if kind == "choice":
            return ChoiceList(self.choices, [value], multiple=False, classes="editor")
        if kind in ("choices", "links"):
            return ChoiceList(self.choices, value, multiple=True, classes="editor")
        raise ValueError(f"no editor for questions of kind {kind}")

    @property
    def editor(self) -> Widget:
        return self.query_one(".editor")

    def focus_editor(self) -> None:
        self.screen.set_focus(self.editor)

    @property
    def field_name(self) -> str:
        """The question, as the author is told of a problem with its answer."""
        return self.question.prompt.rstrip(".?:")

    @property
    def problem(self) -> str:
        """What is wrong with what is typed ('' if nothing): a typed date that is not a date."""
        if self.question.kind not in _TYPED:
            return ""
        parse, _ = _TYPED[self.question.kind]
        try:
            parse(self.query_one(Input).value)
        except BadDate as bad:
            return str(bad)
        return ""

    def show_problem(self) -> bool:
        """Show what is wrong beside the field; True if something is."""
        problem = self.problem
        where = self.question.prompt + ("" if self.question.prompt.endswith("?") else ":")
        self.query_one(".error", Static).update(f"Error: {where} {problem}" if problem else "")
        self.set_class(bool(problem), "-invalid")
        return bool(problem)

    def _store(self, value: Any) -> None:
        if value != self.slot.get():
            self.slot.set(value)
            self.post_message(messages.ReviewChanged())

    @on(TextArea.Changed)
    def _text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        if self.question.kind == "lines":
            self._store([line.strip() for line in text.splitlines() if line.strip()])
        else:
            self._store(text)
        if self.explain is not None:
            said = self.explain(text)
            shown = self.query_one(".in-report", Static)
            if said != str(shown.content):  # sent only when it changes, not at every key
                shown.update(said)
                shown.set_class(not said, "-nothing")

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.question.kind in _TYPED:
            parse, _ = _TYPED[self.question.kind]
            try:
                self._store(parse(event.value))
            except BadDate:
                # Not a date (yet): the file holds none rather than an earlier date the field no
                # longer shows. What is wrong is said when the author leaves the field, not at
                # every keystroke.
                self._store(None)
                return
            if self.has_class("-invalid"):
                self.show_problem()
        else:
            self._store(event.value)

    @on(Input.Blurred)
    @on(Input.Submitted)
    def _input_left(self, event: Input.Blurred | Input.Submitted) -> None:
        if self.question.kind in _TYPED:
            self.show_problem()

    @on(ChoiceList.Changed)
    def _chosen(self, event: ChoiceList.Changed) -> None:
        event.stop()
        chosen = event.choice_list.chosen
        self._store(chosen if event.choice_list.multiple else chosen[0])
