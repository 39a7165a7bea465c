"""What pages and widgets ask of the wizard. They post these; the App decides what happens.

Pages and widgets still read the app's state to draw themselves (its size, its console, the save
status, whether the terminal wants ASCII), and ask it for nothing else. A key that posts one of
these (enter on the task list, say) is answered before the keys typed after it: see building.py.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.message import Message
from textual.screen import Screen

from imr_tui.core.guidance import Question


class ShowTasks(Message):
    """The task list."""


class ShowCheck(Message):
    """Check your answers."""


class ShowPreview(Message):
    """The report as an export would write it now."""


class ExportReport(Message):
    """Write the report beside the review."""


class OpenPart(Message):
    """A part, at a step (`Step.key`) or its first; with `record`, that record's form over its
    list, at `field` or its first."""

    def __init__(self, part_id: str, step_key: str = "", record: object | None = None, field: str | None = None) -> None:
        super().__init__()
        self.part_id = part_id
        self.step_key = step_key
        self.record = record
        self.field = field


class RecordMessage(Message):
    """About one record of a list (a chronology entry, an interview record...)."""

    def __init__(self, part_id: str, question: Question, record: object | None = None) -> None:
        super().__init__()
        self.part_id = part_id
        self.question = question
        self.record = record


class AddRecord(RecordMessage):
    """A new record at the end of the list, opened as a form."""


class OpenRecord(RecordMessage):
    """A record's form, over its list, at `field` or its first."""

    def __init__(self, part_id: str, question: Question, record: object, field: str | None = None) -> None:
        super().__init__(part_id, question, record)
        self.field = field


class DeleteRecord(RecordMessage):
    """Delete a record, once the author says yes."""


class RecordClosed(Message):
    """The author has finished with a record's form: back to its list."""

    def __init__(self, record: object, changed: bool) -> None:
        super().__init__()
        self.record = record
        self.changed = changed  # since the form opened


class ReviewChanged(Message):
    """The author changed the review (already written to it): save once typing pauses."""


class RememberPlace(Message):
    """The author is at this step of a part: reopen the review there."""

    def __init__(self, part_id: str, step_key: str) -> None:
        super().__init__()
        self.part_id = part_id
        self.step_key = step_key


class OpenReviewFile(Message):
    """Open the review at `path`, or with `create` start one there (from the start page)."""

    def __init__(self, path: Path, *, create: bool = False) -> None:
        super().__init__()
        self.path = path
        self.create = create


class ShowDialog(Message):
    """A dialog over the page; `answered` is called with what the author answers."""

    def __init__(self, dialog: Screen, answered: Callable[[object], None] | None = None) -> None:
        super().__init__()
        self.dialog = dialog
        self.answered = answered


class PageChanging(Message):
    """`page` is about to change itself (another question in place of this one, the report laid
    out): `change()` does it, once the app holds back what is drawn and typed, so that the page
    is sent once, as it will stay; not if the author has left the page meanwhile."""

    def __init__(self, page: Screen, change: Callable[[], Awaitable[object]]) -> None:
        super().__init__()
        self.page = page
        self.change = change
