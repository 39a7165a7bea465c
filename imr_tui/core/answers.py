"""An answer as a face reads and writes it: where it lives, and how it reads back to the author."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from imr_tui.core.dates import format_date, format_time, format_uncertain_date
from imr_tui.core.editing import linked_records
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.core.guidance import Question


@dataclass(frozen=True)
class Slot:
    """Where an answer lives: how to read it and how to write it."""

    get: Callable[[], Any]
    set: Callable[[Any], None]

    @classmethod
    def attribute(cls, owner: object, name: str) -> Slot:
        return cls(lambda: getattr(owner, name), lambda value: setattr(owner, name, value))


def entry_date(entry: ChronologyEntry) -> str:
    """A chronology entry's date as the author and the report read it: 14/03/2011, March 2011,
    'c. 16/08/2010' when it is approximate; '' when there is none."""
    return format_uncertain_date(entry.date)


def shown(question: Question, value: Any, review: Review) -> str:
    """An answer as the author reads it back ('' when there is none); links by report number."""
    if question.kind == "date":
        return format_date(value)
    if question.kind == "uncertain-date":
        return format_uncertain_date(value)
    if question.kind == "time":
        return format_time(value)
    if question.kind == "yes-no":
        return "Yes" if value else "No"
    if question.kind == "lines":
        return "\n".join(value)
    if question.kind == "choices":
        return ", ".join(value)
    if question.kind == "links":
        numbers = {record.id: n for n, record in enumerate(linked_records(review, question.to), 1)}
        return ", ".join(str(numbers[i]) for i in value if i in numbers)
    return value
