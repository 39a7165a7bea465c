"""An answer as a face reads and writes it: where it lives, and how it reads back to the author."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from imr_tui.core.dates import format_date, format_time, format_uncertain_date
from imr_tui.core.editing import fields_to_ask, linked_records
from imr_tui.core.model import ChronologyEntry, InterviewRecord, Review
from imr_tui.core.guidance import Question, RecordKind


@dataclass(frozen=True)
class Slot:
    """Where an answer lives: how to read it and how to write it."""

    get: Callable[[], Any]
    set: Callable[[Any], None]

    @classmethod
    def attribute(cls, owner: object, name: str) -> Slot:
        return cls(lambda: getattr(owner, name), lambda value: setattr(owner, name, value))


# Asked of an interview record once the chronology has entries, but kept on the entries' own links
# (ChronologyEntry.interviews), so that the file holds each link once and either side shows it.
ENTRIES_SPOKEN_TO = Question(
    id="chronology_entries",
    kind="links",
    to="chronology",
    required=False,
    prompt="Which chronology entries does this interview speak to?",
    hint="Choose any from Section 9: each entry then names this interview.",
)


def entries_spoken_to(review: Review, interview: InterviewRecord) -> Slot:
    """The chronology entries that name `interview`, read and written on the entries."""
    entries = review.chronology.entries

    def choose(ids: list[int]) -> None:
        for entry in entries:
            named = interview.id in entry.interviews
            if entry.id in ids and not named:
                entry.interviews = [*entry.interviews, interview.id]
            elif named and entry.id not in ids:
                entry.interviews = [i for i in entry.interviews if i != interview.id]

    return Slot(lambda: [e.id for e in entries if interview.id in e.interviews], choose)


def record_questions(kind: RecordKind, record: Any, review: Review) -> list[tuple[Question, Slot]]:
    """What the author is asked of a record, each with where its answer lives: its fields (less a
    link to records not there yet) and, for an interview record, the chronology entries it
    speaks to."""
    asked = [(field, Slot.attribute(record, field.id)) for field in fields_to_ask(kind, review)]
    if isinstance(record, InterviewRecord) and review.chronology.entries:
        asked.append((ENTRIES_SPOKEN_TO, entries_spoken_to(review, record)))
    return asked


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
