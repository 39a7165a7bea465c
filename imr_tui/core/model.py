"""The review file: pydantic models built from the template's questions, in the report's order.

The template (imr_tui/core/guidance/imr.toml) is the one place a question is named: each part's
questions become the fields of that part's table, and each record kind's fields the fields of its
records. A question's kind gives its type (imr_tui.core.guidance.Kind):

    text, long -> text            date -> a TOML date      time -> a TOML time
    uncertain-date -> text: 2011-03-14, 2011-03 or 2011, with ~ after it if approximate
    yes-no -> true or false       choice -> one option     choices, lines, links -> a list
    records -> a list of records  per-term -> one answer a term of reference

Records that other records link to carry a stable `id` (1, 2, ...); the report numbers them by
position, so reordering never breaks a link.

Every value is checked when a file is read and whenever one is assigned: strict types (a quoted
date is not a date), unknown keys refused, the limits below. No value from a review ever appears
in an error or a repr, which tracebacks and test reports print: the review is case data.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema, create_model

from imr_tui.core.dates import UncertainDate
from imr_tui.core.guidance import PartTemplate, Question, template

# 2: the independence statement is asked once, in review details.
# 3: a chronology entry's date may be a month or a year, approximate or not, and it has a source;
#    the people register.
SCHEMA_VERSION = 3

# Limits far beyond any real review, so that a hostile or broken file is refused quickly.
MAX_LINE = 5_000  # characters in a one-line answer
MAX_TEXT = 200_000  # characters in a long answer (about 30,000 words)
MAX_ITEMS = 10_000  # records in a list, lines, links

RecordId = Annotated[int, Field(ge=1, le=2**31 - 1)]  # stable within its list


def _no_zone(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError("a time of day has no time zone")
    return value


# JSON Schema's "time" format asks for a zone, which a TOML local time never has.
TimeOfDay = Annotated[
    dt.time,
    AfterValidator(_no_zone),
    WithJsonSchema({"type": "string", "pattern": r"^[0-2][0-9]:[0-5][0-9](:[0-6][0-9](\.[0-9]+)?)?$"}),
]


class Answers(BaseModel):
    """A table of the review file: strictly typed, closed to unknown keys, checked on assignment."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        validate_assignment=True,
        hide_input_in_errors=True,
        revalidate_instances="never",
    )

    def __repr_args__(self) -> Any:  # reprs, rich's and devtools' pretty prints: no values
        return ()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(values not shown)"

    __str__ = __repr__


class Record(Answers):
    id: RecordId = Field(description="Stable within its list: other answers link to the record by it")


class TermAnalysis(Answers):
    """The analysis of one term of reference: a per-term question's answer for one term."""

    term: RecordId = Field(description="The id of the term of reference")
    text: str = Field("", max_length=MAX_TEXT)


def _unique(key: str) -> AfterValidator:
    """A list's records (or a term's analyses) each with an id (or term) of their own: links
    name them by it. A field's check, so that an assignment breaking it changes nothing."""

    def check(items: list[Any]) -> list[Any]:
        seen: set[int] = set()
        for item in items:
            value = getattr(item, key)
            if value in seen:
                raise ValueError(f"two records have the same {key} ({value})")
            seen.add(value)
        return items

    return AfterValidator(check)


class Part(Answers):
    """A part of the report: its questions' answers, and the author's own "I have completed it"."""

    completed: bool = Field(False, description="Have you completed this part?")
    per_term: ClassVar[str] = ""  # the id of the part's per-term question, if it has one

    def text_for_term(self, term: int) -> str:
        return next((a.text for a in getattr(self, self.per_term) if a.term == term), "")

    def set_text_for_term(self, term: int, text: str) -> None:
        for answer in getattr(self, self.per_term):
            if answer.term == term:
                answer.text = text
                return
        getattr(self, self.per_term).append(TermAnalysis(term=term, text=text))


def _field(question: Question) -> tuple[Any, Any]:
    """The type and default of a question's answer; its prompt describes it in the JSON Schema."""
    kind, about = question.kind, {"description": question.prompt}
    items = {"default_factory": list, "max_length": MAX_ITEMS, **about}
    if kind == "text":
        return str, Field(question.default or "", max_length=MAX_LINE, **about)
    if kind == "long":
        return str, Field("", max_length=MAX_TEXT, **about)
    if kind == "date":
        return dt.date | None, Field(None, **about)
    if kind == "uncertain-date":
        return UncertainDate | None, Field(None, **about)
    if kind == "time":
        return TimeOfDay | None, Field(None, **about)
    if kind == "yes-no":
        return bool, Field(bool(question.default), **about)
    if kind == "choice":
        return Literal[question.options], Field(question.default or question.options[0], **about)
    if kind == "choices":
        return list[Literal[question.options]], Field(**items)
    if kind == "lines":
        return list[Annotated[str, Field(max_length=MAX_LINE)]], Field(**items)
    if kind == "links":
        return list[RecordId], Field(**items)
    if kind == "records":
        return Annotated[list[RECORD_CLASSES[question.record]], _unique("id")], Field(**items)
    return Annotated[list[TermAnalysis], _unique("term")], Field(**items)  # per-term


def _class_name(template_id: str) -> str:
    """'chronology-entry' -> 'ChronologyEntry'."""
    return "".join(word.capitalize() for word in template_id.split("-"))


# The template's record kinds, by id.
RECORD_CLASSES: dict[str, type[Record]] = {
    kind.id: create_model(
        _class_name(kind.id),
        __base__=Record,
        __module__=__name__,
        __doc__=kind.title,
        **{f.id: _field(f) for f in kind.fields},
    )
    for kind in template().records.values()
}


def _part_class(part: PartTemplate) -> type[Part]:
    cls = create_model(
        _class_name(part.id),
        __base__=Part,
        __module__=__name__,
        __doc__=part.heading,
        **{q.id: _field(q) for q in part.questions},
    )
    cls.per_term = next((q.id for q in part.questions if q.kind == "per-term"), "")
    return cls


PART_CLASSES: dict[str, type[Part]] = {part.id: _part_class(part) for part in template().parts}
PART_IDS: tuple[str, ...] = tuple(PART_CLASSES)


class Resume(Answers):
    """Where the author was, so the wizard can take them back there."""

    part: str = Field("", max_length=100, description="The part the author was last in")
    question: str = Field("", max_length=100, description="The question the author was last on")


class _Review(Answers):
    def part(self, part_id: str) -> Part:
        """The part with the template's id, e.g. `childs-journey`."""
        return getattr(self, part_id.replace("-", "_"))


# A file must hold its schema version and every part's table, each of which may be empty.
Review = create_model(
    "Review",
    __base__=_Review,
    __module__=__name__,
    __doc__="An Individual Management Review, as imr-tui saves it",
    # The store upgrades an older file and refuses a newer one before this model reads it.
    schema_version=(int, Field(ge=1, json_schema_extra={"maximum": SCHEMA_VERSION})),
    **{part.answers: (PART_CLASSES[part.id], ...) for part in template().parts},
    resume=(Resume, ...),
)


def blank_review() -> Review:
    """A review with no answers at all (imr_tui.core.standard_text.new_review starts a real one)."""
    return Review(
        schema_version=SCHEMA_VERSION,
        resume=Resume(),
        **{part.answers: PART_CLASSES[part.id]() for part in template().parts},
    )

# The record kinds that code speaks of by name.
TermOfReference = RECORD_CLASSES["term-of-reference"]
ChronologyEntry = RECORD_CLASSES["chronology-entry"]
InterviewRecord = RECORD_CLASSES["interview-record"]
Lesson = RECORD_CLASSES["lesson"]
Recommendation = RECORD_CLASSES["recommendation"]
Person = RECORD_CLASSES["person"]


def next_id(records: list[Record]) -> int:
    """The id for a record added to `records`: never reuses a live id."""
    return max((r.id for r in records), default=0) + 1


def json_schema() -> dict[str, Any]:
    """The review file's JSON Schema, for an editor's TOML language server (taplo, Even Better TOML)."""
    return {"$schema": "http://json-schema.org/draft-07/schema#", **Review.model_json_schema()}
