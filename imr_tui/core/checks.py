"""Check your answers: what still stands between this review and a report the panel can use.

`imr-tui check` prints the findings; the wizard's check page groups them by part and jumps to the
field that fixes each. The questions, their prompts and which are required come from the template,
so a new question is checked without touching this module.

Messages name where (part, record number, the template's prompt) and never quote the author's text:
the review is case data about a child. The one exception is an unexplained acronym itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, Literal


from imr_tui.core.acronyms import unexplained
from imr_tui.core.dates import UncertainDate, format_date
from imr_tui.core.editing import linked_kind, linked_records
from imr_tui.core.model import PART_IDS, Record, Review
from imr_tui.core.people import PART as PEOPLE, register_problems, registered
from imr_tui.core.standard_text import fill_placeholders, placeholders_left
from imr_tui.core.walk import lost_resume_point
from imr_tui.core.wording import plural
from imr_tui.core.guidance import PartTemplate, Question, RecordKind, template


@dataclass(frozen=True)
class Finding:
    severity: Literal["error", "warning"]
    part: str  # template part id, e.g. "chronology"
    question: str  # template question id in that part; "" for the part as a whole
    record: int | None  # the record's stable id, when the finding is about one record of a list
    field: str | None  # the record's field id, when it is about one field of that record
    message: str  # one line for the author; never quotes their text
    acronym: str | None = None  # an unexplained acronym, which the author may say is not one


def readiness_findings(review: Review) -> list[Finding]:
    """Everything to fix or look at before export, in report order."""
    findings = [finding for rule in _RULES for finding in rule(review)]
    findings += _completed_parts_with_errors(review, findings)
    return sorted(findings, key=_report_order(review))


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def named(finding: Finding) -> str:
    """The finding's message, naming its part (most messages name it already)."""
    heading = template().part(finding.part).heading
    return finding.message if finding.message.startswith(heading) else f"{heading}: {finding.message}"


def check_report(findings: list[Finding]) -> list[str]:
    """The findings as lines of text, one each, naming its part, then a line that sums them up."""
    lines = [f"{finding.severity}: {named(finding)}" for finding in findings]
    to_fix = len(errors(findings))
    to_consider = len(findings) - to_fix
    if to_fix:
        lines.append(f"Not ready: {to_fix} to fix, {to_consider} to consider.")
    else:
        lines.append(f"Ready: no errors, {to_consider} to consider." if to_consider else "Ready: nothing missing.")
    return lines


# The seed: "This is particularly important to include in your review report".
WISHES_AND_FEELINGS = ("analysis", "wishes_and_feelings")

# What the guidance requires of an interview record, each with the date that records it.
SIGN_OFFS = (
    ("agreed_by_interviewee", "agreed_on", "agreed by the interviewee"),
    ("signed_by_interviewer", "interviewer_signed_on", "signed by the interviewer"),
    ("signed_by_interviewee", "interviewee_signed_on", "signed by the interviewee"),
)


def signed_off(record: Any) -> bool:
    """An interview record agreed by the interviewee and signed by both."""
    return all(getattr(record, answer) for answer, _, _ in SIGN_OFFS)


# Small helpers ---------------------------------------------------------------------------------


def _blank(answer: object) -> bool:
    """Unanswered: no date, blank text, or a list with nothing (or only blank lines) in it."""
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, list):
        return all(isinstance(item, str) and not item.strip() for item in answer)
    return answer is None


def _error(part: str, question: str, message: str, record: int | None = None, field: str | None = None) -> Finding:
    return Finding("error", part, question, record, field, message)


def _warning(part: str, question: str, message: str, record: int | None = None, field: str | None = None) -> Finding:
    return Finding("warning", part, question, record, field, message)


def _prompt(question: Question) -> str:
    """The prompt's first sentence: enough to recognise the question on one line."""
    return re.split(r"(?<=[?.])\s", question.prompt, maxsplit=1)[0].removesuffix(".")


def _what_is_missing(question: Question) -> str:
    if question.kind == "records":
        return f"add at least one {template().records[question.record].title.lower()}"
    if question.kind in ("links", "choices"):
        return f"choose at least one answer to '{_prompt(question)}'"
    return f"'{_prompt(question)}' has no answer yet"


def _record_lists(review: Review) -> Iterator[tuple[PartTemplate, Question, RecordKind, list[Any]]]:
    """Every list of records in the review, in report order, with the template that describes it."""
    for part in template().parts:
        for question in part.questions:
            if question.kind == "records":
                records = getattr(review.part(part.id), question.id)
                yield part, question, template().records[question.record], records


def _record_kind(part_id: str, question_id: str) -> RecordKind:
    return template().records[template().part(part_id).question(question_id).record]


def _record_name(kind: RecordKind, position: int, record: object) -> str:
    """'Chronology entry 3 (dated 14/03/2011)': numbered as the report numbers it."""
    name = f"{kind.title} {position}"
    date = getattr(record, "date", None)
    if date is not None:
        name += f" (dated {date.written if isinstance(date, UncertainDate) else format_date(date)})"
    return name


def _with_article(title: str) -> str:
    return f"{'an' if title[0].upper() in 'AEIOU' else 'a'} {title.lower()}"


# The rules -------------------------------------------------------------------------------------


def _unanswered_questions(review: Review) -> Iterator[Finding]:
    for part in template().parts:
        answers = review.part(part.id)
        for question in part.questions:
            # A per-term answer is checked term by term; wishes and feelings have a rule of their own.
            if not question.required or question.kind == "per-term" or (part.id, question.id) == WISHES_AND_FEELINGS:
                continue
            if _blank(getattr(answers, question.id)):
                yield _error(part.id, question.id, f"{part.heading}: {_what_is_missing(question)}")


def _unanswered_record_fields(review: Review) -> Iterator[Finding]:
    for part, question, kind, records in _record_lists(review):
        for position, record in enumerate(records, 1):
            for field in kind.fields:
                if field.required and _blank(getattr(record, field.id)):
                    message = f"{_record_name(kind, position, record)}: {_what_is_missing(field)}"
                    yield _error(part.id, question.id, message, getattr(record, "id", None), field.id)


# The answers the report prints with the board's placeholders filled in.
FILLED_IN = (("introduction", "text"), ("review-details", "independence"))


def _placeholders_unfilled(review: Review) -> Iterator[Finding]:
    details = template().part("review-details")
    fills = {p.text: details.question(p.fill) for p in template().standard_text.placeholders}
    for part_id, question_id in FILLED_IN:
        part = template().part(part_id)
        answer = getattr(review.part(part_id), question_id)
        # The report fills in every placeholder whose review detail is answered.
        for placeholder in placeholders_left(fill_placeholders(answer, review)):
            yield _error(
                part.id,
                question_id,
                f"{part.heading} still has the placeholder {placeholder}: it is filled in from your answer "
                f"to '{_prompt(fills[placeholder])}' in {details.heading}",
            )


def _interviews_not_signed_off(review: Review) -> Iterator[Finding]:
    kind = _record_kind("interviews", "records")
    for position, interview in enumerate(review.interviews.records, 1):
        name = _record_name(kind, position, interview)
        for done, done_on, what in SIGN_OFFS:
            if not getattr(interview, done):
                yield _error("interviews", "records", f"{name} has not been {what}", interview.id, done)
            elif getattr(interview, done_on) is None:
                message = f"{name} has been {what}, but the date is missing"
                yield _warning("interviews", "records", message, interview.id, done_on)


def _review_period_reversed(review: Review) -> Iterator[Finding]:
    details = review.review_details
    start, end = details.period_start, details.period_end
    if start and end and end < start:
        heading = template().part("review-details").heading
        message = f"{heading}: the review period ends ({format_date(end)}) before it starts ({format_date(start)})"
        yield _error("review-details", "period_end", message)


def _contacts_outside_review_period(review: Review) -> Iterator[Finding]:
    start, end = review.review_details.period_start, review.review_details.period_end
    if start and end and end < start:
        return  # the period itself is wrong; checking against it would only add noise
    kind = _record_kind("chronology", "entries")
    for position, entry in enumerate(review.chronology.entries, 1):
        when = entry.date  # an undated entry is an unanswered field
        if when is None:
            continue
        if start and when.earliest < start:
            outside, wholly, boundary = "before the review period starts", when.latest < start, start
        elif end and when.latest > end:
            outside, wholly, boundary = "after the review period ends", when.earliest > end, end
        else:
            continue
        name = _record_name(kind, position, entry)
        said = f"({format_date(boundary)})"
        # Only a date known to be outside is an error; one that may be is for the author to judge.
        if wholly and not when.approximate:
            yield _error("chronology", "entries", f"{name} is {outside} {said}", entry.id, "date")
        elif wholly:
            message = f"{name} is {outside} {said}, as far as its approximate date says: check it belongs"
            yield _warning("chronology", "entries", message, entry.id, "date")
        else:
            message = f"{name} may be {outside} {said}: its date gives only the {when.precision}"
            yield _warning("chronology", "entries", message, entry.id, "date")


def _actions_due_before_the_review(review: Review) -> Iterator[Finding]:
    """An action plan's date before the IMR was even asked for is almost always a slip."""
    requested = review.review_details.date_requested
    if requested is None:
        return
    kind = _record_kind("recommendations", "recommendations")
    for position, recommendation in enumerate(review.recommendations.recommendations, 1):
        due = recommendation.by_when
        if due is not None and due < requested:
            name = _record_name(kind, position, recommendation)
            message = f"{name} is due by {format_date(due)}, before the review was requested ({format_date(requested)})"
            yield _warning("recommendations", "recommendations", message, recommendation.id, "by_when")


def _terms_without_analysis(review: Review) -> Iterator[Finding]:
    heading = template().part("analysis").heading
    for position, term in enumerate(review.review_details.terms_of_reference, 1):
        if _blank(review.analysis.text_for_term(term.id)):
            message = f"{heading}: term of reference {position} has no analysis yet"
            yield _error("analysis", "by_term", message, term.id)


def _wishes_and_feelings_unheard(review: Review) -> Iterator[Finding]:
    part_id, question_id = WISHES_AND_FEELINGS
    if _blank(getattr(review.part(part_id), question_id)):
        yield _error(
            part_id,
            question_id,
            f"{template().part(part_id).heading}: say when and how the child's wishes and feelings were "
            "heard and addressed; the guidance calls this particularly important to include",
        )


def _link_target(review: Review, to: str) -> tuple[RecordKind, set[int]]:
    """The records a link names, e.g. 'interviews' -> the interview records and their ids."""
    return linked_kind(to), {record.id for record in linked_records(review, to)}


def _broken_links(review: Review) -> Iterator[Finding]:
    """Links to a lesson, interview record or term of reference that has since been removed."""

    target = cache(partial(_link_target, review))  # each list's ids once a check, not once a record

    def dangling(links: list[int], to: str) -> str | None:
        kind, ids = target(to)
        return None if set(links) <= ids else f"names {_with_article(kind.title)} that no longer exists"

    for part in template().parts:
        for question in part.questions:
            if question.kind == "links":
                problem = dangling(getattr(review.part(part.id), question.id), question.to)
                if problem:
                    message = f"{part.heading}: your answer to '{_prompt(question)}' {problem}"
                    yield _error(part.id, question.id, message)
            if question.kind == "per-term":
                _, terms = target("terms_of_reference")
                for analysis in getattr(review.part(part.id), question.id):
                    if analysis.term not in terms:
                        message = f"{part.heading} has analysis for a term of reference that no longer exists"
                        yield _error(part.id, question.id, message)

    for part, question, kind, records in _record_lists(review):
        for position, record in enumerate(records, 1):
            for field in kind.fields:
                if field.kind == "links" and (problem := dangling(getattr(record, field.id), field.to)):
                    message = f"{_record_name(kind, position, record)}: '{_prompt(field)}' {problem}"
                    yield _error(part.id, question.id, message, record.id, field.id)


def _improvements_without_recommendation(review: Review) -> Iterator[Finding]:
    acted_on = {lesson for r in review.recommendations.recommendations for lesson in r.lessons}
    kind = _record_kind("lessons", "lessons")
    for position, lesson in enumerate(review.lessons.lessons, 1):
        if lesson.kind == "improvement" and lesson.id not in acted_on:
            name = _record_name(kind, position, lesson)
            message = f"{name} is a way practice can improve, but no recommendation flows from it"
            yield _warning("lessons", "lessons", message, lesson.id)


def _acronyms_unexplained(review: Review) -> Iterator[Finding]:
    for acronym in unexplained(review):
        message = f"'{acronym}' is used in the report but not explained in the glossary"
        yield Finding("error", "glossary", "entries", None, None, message, acronym)


def _register_unusable(review: Review) -> Iterator[Finding]:
    """A people register that could not make an anonymised copy: see people.register_problems."""
    people = registered(review)
    for person, problem in register_problems(people):
        entry = review.people.entries[people.index(person)]
        yield _error(PEOPLE, "entries", f"{person.where} {problem}", entry.id)


def _resume_point_lost(review: Review) -> Iterator[Finding]:
    """A resume point edited by hand or left by another template: harmless, but worth saying."""
    lost = lost_resume_point(review)
    if lost is not None:
        part = review.resume.part if review.resume.part in PART_IDS else PART_IDS[0]
        yield _warning(part, "", f"Where you left off (the file's [resume] table) {lost}")


def _completed_parts_with_errors(review: Review, findings: list[Finding]) -> Iterator[Finding]:
    to_fix = Counter(f.part for f in errors(findings))
    for part in template().parts:
        count = to_fix[part.id]
        if review.part(part.id).completed and count:
            yield _warning(part.id, "", f"{part.heading} is marked completed but has {plural(count, 'thing')} to fix")


_RULES: tuple[Callable[[Review], Iterator[Finding]], ...] = (
    _resume_point_lost,
    _unanswered_questions,
    _unanswered_record_fields,
    _placeholders_unfilled,
    _interviews_not_signed_off,
    _review_period_reversed,
    _contacts_outside_review_period,
    _actions_due_before_the_review,
    _terms_without_analysis,
    _wishes_and_feelings_unheard,
    _broken_links,
    _improvements_without_recommendation,
    _acronyms_unexplained,
    _register_unusable,
)


def _report_order(review: Review) -> Callable[[Finding], tuple[int, int, int, int]]:
    """Sort key: template part, then question, then the record's place in its list, then field.

    Whatever is about a whole part, question or record comes before its parts.
    """
    parts = template().parts
    part_at = {p.id: i for i, p in enumerate(parts)}
    question_at = {(p.id, q.id): i for p in parts for i, q in enumerate(p.questions)}
    record_at: dict[tuple[str, str, int], int] = {}
    field_at: dict[tuple[str, str, str], int] = {}
    for part, question, kind, records in _record_lists(review):
        record_at |= {(part.id, question.id, r.id): i for i, r in enumerate(records) if isinstance(r, Record)}
        field_at |= {(part.id, question.id, f.id): i for i, f in enumerate(kind.fields)}
    terms = review.review_details.terms_of_reference
    for part in parts:
        for question in part.questions:
            if question.kind == "per-term":  # one answer per term of reference, in their order
                record_at |= {(part.id, question.id, t.id): i for i, t in enumerate(terms)}

    def key(f: Finding) -> tuple[int, int, int, int]:
        return (
            part_at[f.part],
            question_at.get((f.part, f.question), -1),
            record_at.get((f.part, f.question, f.record), -1) if f.record is not None else -1,
            field_at.get((f.part, f.question, f.field), -1) if f.field is not None else -1,
        )

    return key
