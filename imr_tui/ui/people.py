"""When a chronology entry closes holding a name the register of people does not list, the
wizard offers to add it (the anonymised copy replaces only the names the register lists): a adds
it with a label, n says it is not a name in this review, escape leaves it for now. The guess
and the register are the core's (core/people.py)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from imr_tui.core.guidance import template
from imr_tui.core.model import Review
from imr_tui.core.people import PART as PEOPLE, add_person, mark_not_a_name, unregistered_names
from imr_tui.core.typed_text import without_controls
from imr_tui.ui.building import HeldWhileBuilding
from imr_tui.ui.widgets.lean import LeanInput


class NewNameScreen(ModalScreen[str | None]):
    """A name not in the register: a (add), n (not a name), or escape (not now)."""

    BINDINGS = [
        Binding("a", "choose('add')", "add"),
        Binding("n", "choose('not a name')", "not a name"),
        Binding("escape", "choose('')", "not now"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__(classes="dialog-screen")
        self.person = without_controls(name)

    def compose(self) -> ComposeResult:
        heading = template().part(PEOPLE).heading
        with Vertical(classes="dialog"):
            yield Static(
                f"\"{self.person}\" looks like a name that is not in {heading}. The anonymised copy "
                "replaces only the names listed there with their labels.",
                markup=False,
            )
            yield Static("a add it    n not a name    escape: not now", classes="hint")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice or None)


class LabelScreen(ModalScreen[str | None]):
    """The label a new person is given in the anonymised copy; escape: none yet."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, name: str) -> None:
        super().__init__(classes="dialog-screen")
        self.person = without_controls(name)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"The label for \"{self.person}\" in the anonymised copy (e.g. Mother, HV1):", markup=False)
            yield LeanInput("", id="label")
            yield Static("enter: add    escape: add with no label yet (the check will ask)", classes="hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss("")


class OffersToRegisterPeople(HeldWhileBuilding):
    review: Review | None

    def offer_people(self, texts: list[str]) -> None:
        """Offer each name in `texts` (an entry's answers) that the register lacks, one by one."""
        if self.review is not None:
            self._offer(unregistered_names(texts, self.review))

    def _offer(self, names: list[str]) -> None:
        if not names:
            return
        name, rest = names[0], names[1:]

        def labelled(label: str | None) -> None:
            add_person(self.review, name, label or "")
            self.note_change()
            self._offer(rest)

        def chosen(choice: str | None) -> None:
            if choice == "add":
                self.show_dialog(LabelScreen(name), labelled)
                return
            if choice == "not a name":
                mark_not_a_name(self.review, name)
                self.note_change()
            self._offer(rest)

        self.show_dialog(NewNameScreen(name), chosen)

    def note_change(self) -> None:
        raise NotImplementedError
