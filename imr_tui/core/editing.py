"""Changes an author makes to lists of records, keeping every link between records true."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from imr_tui.core.dates import UncertainDate
from imr_tui.core.model import ChronologyEntry, Record, Review, next_id
from imr_tui.core.model import Answers
from imr_tui.core.guidance import Question, RecordKind, template


def _linked_list(to: str) -> tuple[str, Question]:
    """The part and `records` question a `links` answer points into (checked as the template loads)."""
    part, question = template().records_question(to)
    return part.id, question


def linked_records(review: Review, to: str) -> list:
    """The records a `links` answer may name, in report order."""
    part_id, question = _linked_list(to)
    return getattr(review.part(part_id), question.id)


def fields_to_ask(kind: RecordKind, review: Review) -> list[Question]:
    """A record's fields as the author is asked them: a link to records that do not exist yet (an
    interview, before any is recorded) is not a question yet."""
    return [f for f in kind.fields if f.kind != "links" or linked_records(review, f.to)]


def linked_kind(to: str) -> RecordKind:
    """The kind of record a `links` answer names, e.g. "lessons" -> Lesson."""
    return template().records[_linked_list(to)[1].record]


def _link_names() -> set[str]:
    """Every list that some `links` answer in the template points into."""
    questions = [q for p in template().parts for q in p.questions]
    fields = [f for q in questions if q.kind == "records" for f in template().records[q.record].fields]
    return {q.to for q in (*questions, *fields) if q.kind == "links"}


def link_fields(review: Review, to: str) -> Iterator[tuple[Answers, str]]:
    """Every (owner, field name) in the review that holds links into the list `to`."""
    for part in template().parts:
        owner = review.part(part.id)
        for question in part.questions:
            if question.kind == "links" and question.to == to:
                yield owner, question.id
            if question.kind == "records":
                kind = template().records[question.record]
                for record in getattr(owner, question.id):
                    for field in kind.fields:
                        if field.kind == "links" and field.to == to:
                            yield record, field.id


def add_record(records: list, record_class: type[Record], **answers) -> Record:
    record = record_class(id=next_id(records), **answers)
    records.append(record)
    return record


def _links_into(review: Review, records: list) -> Iterator[tuple[Answers, str]]:
    """Every (owner, field name) in the review that holds links into `records`."""
    for to in _link_names():
        if linked_records(review, to) is records:
            yield from link_fields(review, to)


def delete_record(review: Review, records: list, record: Answers) -> None:
    """Remove `record`; links to it go too, and a deleted term of reference takes its analysis."""
    records.remove(record)
    for owner, field in _links_into(review, records):
        setattr(owner, field, [i for i in getattr(owner, field) if i != record.id])
    if records is review.review_details.terms_of_reference:
        review.analysis.by_term = [a for a in review.analysis.by_term if a.term != record.id]


def delete_question(review: Review, kind: RecordKind, records: list, record: Record) -> str:
    """What to ask before `delete_record`: which record, and what else goes with it."""
    said = [f"Delete {kind.title.lower()} {records.index(record) + 1}?"]
    if records is review.review_details.terms_of_reference and review.analysis.text_for_term(record.id).strip():
        said.append(f"Its analysis in {template().part('analysis').heading} is deleted too.")
    links = sum(getattr(owner, field).count(record.id) for owner, field in _links_into(review, records))
    if links == 1:
        said.append("1 answer that links to it loses the link.")
    elif links:
        said.append(f"{links} answers that link to it lose the link.")
    said.append("This cannot be undone.")
    return " ".join(said)


def move_record(records: list, record: Answers, step: int) -> None:
    """Move `record` up (-1) or down (+1) the list; at either end it stays put."""
    i = records.index(record)
    j = i + step
    if 0 <= j < len(records):
        records[i], records[j] = records[j], records[i]


def chronology_order(entry: ChronologyEntry) -> tuple:
    """Date order, undated last: a month from its first day, before the days in it (a year
    before its months); within a day by time, untimed last; otherwise as entered."""
    when = entry.date.sort_key() if entry.date is not None else (dt.date.max, 3)
    return (entry.date is None, when, entry.time is None, entry.time or dt.time.min)


def sort_chronology(review: Review) -> bool:
    """Put the chronology in date order; True if that moved an entry (a change to save)."""
    entries = review.chronology.entries
    before = [id(entry) for entry in entries]
    entries.sort(key=chronology_order)
    return [id(entry) for entry in entries] != before


def in_review_period(review: Review, day: dt.date | UncertainDate | None) -> bool:
    """Whether a date is, or (a month, a year) may be, in the review period."""
    details = review.review_details
    if day is None:
        return True
    earliest, latest = (day.earliest, day.latest) if isinstance(day, UncertainDate) else (day, day)
    if details.period_start and latest < details.period_start:
        return False
    return not (details.period_end and earliest > details.period_end)
