"""The review document: one checked record class (imr_tui/schema.py) per part of the IMR, in the
report's order.

Field names are the question ids of the template (imr_tui/template/imr.toml), so the template,
the checks, the export and the wizard all name an answer the same way.
Records that other records link to carry a stable `id` (1, 2, ...); the report numbers them by
position, so reordering never breaks a link.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from imr_tui.schema import Field, Model

SCHEMA_VERSION = 1

RecordId = int  # stable within its list; >= 1


class Record(Model):
    id: RecordId = Field(ge=1, lt=2**31)


def _ids_unique(records: list[Record], what: str) -> None:
    seen: set[int] = set()
    for record in records:
        if record.id in seen:
            raise ValueError(f"two {what} have the id {record.id}")
        seen.add(record.id)


def next_id(records: list[Record]) -> RecordId:
    """The id for a record added to `records`: never reuses a live id."""
    return max((r.id for r in records), default=0) + 1


# Review details (front of the report) ---------------------------------------------------------


class TermOfReference(Record):
    text: str = ""


class Part(Model):
    completed: bool = False  # the author's own "I have completed this part"


class ReviewDetails(Part):
    children: list[str] = Field(default_factory=list)
    agency: str = ""
    author_name: str = ""
    author_role: str = ""
    independence: str = ""
    date_requested: dt.date | None = None
    records_secured: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    terms_of_reference: list[TermOfReference] = Field(default_factory=list)
    terms_of_reference_draft: bool = True

    def _rules(self) -> None:
        _ids_unique(self.terms_of_reference, "terms of reference")


# Section 2 ------------------------------------------------------------------------------------


class Introduction(Part):
    text: str = ""
    independence_statement: str = ""


# Section 3 ------------------------------------------------------------------------------------

SourceKind = Literal[
    "case records",
    "electronic records",
    "staff interview",
    "policy or procedure",
    "correspondence",
    "other",
]


class Source(Record):
    kind: SourceKind = "case records"
    description: str = ""
    dates_covered: str = ""


class Methodologies(Part):
    sources: list[Source] = Field(default_factory=list)
    particular_terms: list[RecordId] = Field(default_factory=list)

    def _rules(self) -> None:
        _ids_unique(self.sources, "sources")


# Section 9 ------------------------------------------------------------------------------------

ContactKind = Literal[
    "home visit",
    "appointment",
    "telephone call",
    "letter or email",
    "meeting",
    "referral",
    "other",
]


class ChronologyEntry(Record):
    date: dt.date | None = None
    date_approximate: bool = False
    time: dt.time | None = None
    agency_team: str = ""
    practitioner: str = ""
    contact_kind: ContactKind = "other"
    what_happened: str = ""
    action_outcome: str = ""
    significance: str = ""
    interviews: list[RecordId] = Field(default_factory=list)
    terms: list[RecordId] = Field(default_factory=list)


class Chronology(Part):
    entries: list[ChronologyEntry] = Field(default_factory=list)

    def _rules(self) -> None:
        _ids_unique(self.entries, "chronology entries")


# Section 10 -----------------------------------------------------------------------------------


class ChildsJourney(Part):
    narrative: str = ""
    race: str = ""
    culture: str = ""
    language: str = ""
    religion: str = ""
    disability: str = ""
    gender: str = ""
    local_context: str = ""
    community: str = ""


# Section 11 -----------------------------------------------------------------------------------


class TermAnalysis(Model):
    term: RecordId = Field(ge=1, lt=2**31)
    text: str = ""


class Analysis(Part):
    by_term: list[TermAnalysis] = Field(default_factory=list)
    identity_needs: str = ""
    identity_collected: str = ""
    identity_used: str = ""
    identity_evidence: str = ""
    good_practice: str = ""
    areas_for_change: str = ""
    practice_changed_since: str = ""
    # The seed's "additional considerations", one answer each, in its order.
    wishes_and_feelings: str = ""
    practitioner_sensitivity: str = ""
    policies_and_procedures: str = ""
    key_decision_points: str = ""
    actions_accord: str = ""
    timescales: str = ""
    services_offered: str = ""
    no_assessment_rationale: str = ""
    senior_involvement: str = ""
    out_of_hours: str = ""
    plans_in_place: str = ""
    identity_sensitivity: str = ""
    consistent_with_policy: str = ""
    management_accountability: str = ""

    def _rules(self) -> None:
        seen: set[int] = set()
        for item in self.by_term:
            if item.term in seen:
                raise ValueError(f"term of reference {item.term} is analysed twice")
            seen.add(item.term)

    def text_for_term(self, term: RecordId) -> str:
        return next((a.text for a in self.by_term if a.term == term), "")

    def set_text_for_term(self, term: RecordId, text: str) -> None:
        for item in self.by_term:
            if item.term == term:
                item.text = text
                return
        self.by_term.append(TermAnalysis(term=term, text=text))


# Section 12 -----------------------------------------------------------------------------------

LessonKind = Literal["good practice", "improvement"]
Implication = Literal[
    "single-agency training",
    "multi-agency training",
    "management and supervision",
    "working in partnership",
    "resources",
    "children and adult services",
]


class Lesson(Record):
    kind: LessonKind = "improvement"
    text: str = ""
    implications: list[Implication] = Field(default_factory=list)
    implications_note: str = ""


class Lessons(Part):
    lessons: list[Lesson] = Field(default_factory=list)

    def _rules(self) -> None:
        _ids_unique(self.lessons, "lessons")


# Section 13 -----------------------------------------------------------------------------------


class Recommendation(Record):
    text: str = ""
    lessons: list[RecordId] = Field(default_factory=list)
    action: str = ""
    by_whom: str = ""
    by_when: dt.date | None = None
    intended_outcome: str = ""
    evaluation: str = ""
    immediate: bool = False


class Recommendations(Part):
    recommendations: list[Recommendation] = Field(default_factory=list)

    def _rules(self) -> None:
        _ids_unique(self.recommendations, "recommendations")


# Appendix I -----------------------------------------------------------------------------------


class InterviewRecord(Record):
    interviewee: str = ""
    interviewee_role: str = ""
    interviewer: str = ""
    date: dt.date | None = None
    time: dt.time | None = None
    place: str = ""
    others_present: str = ""
    record: str = ""
    agreed_by_interviewee: bool = False
    agreed_on: dt.date | None = None
    signed_by_interviewer: bool = False
    interviewer_signed_on: dt.date | None = None
    signed_by_interviewee: bool = False
    interviewee_signed_on: dt.date | None = None

    @property
    def signed_off(self) -> bool:
        return self.agreed_by_interviewee and self.signed_by_interviewer and self.signed_by_interviewee


class Interviews(Part):
    records: list[InterviewRecord] = Field(default_factory=list)

    def _rules(self) -> None:
        _ids_unique(self.records, "interview records")


# Glossary -------------------------------------------------------------------------------------


class GlossaryEntry(Record):
    abbreviation: str = ""
    meaning: str = ""


class Glossary(Part):
    entries: list[GlossaryEntry] = Field(default_factory=list)

    def _rules(self) -> None:
        _ids_unique(self.entries, "glossary entries")


# The whole review ----------------------------------------------------------------------------


class Resume(Model):
    """Where the author was, so the wizard can take them back there."""

    part: str = ""
    question: str = ""


class Review(Model):
    schema_version: int = SCHEMA_VERSION
    review_details: ReviewDetails = Field(default_factory=ReviewDetails)
    introduction: Introduction = Field(default_factory=Introduction)
    methodologies: Methodologies = Field(default_factory=Methodologies)
    chronology: Chronology = Field(default_factory=Chronology)
    childs_journey: ChildsJourney = Field(default_factory=ChildsJourney)
    analysis: Analysis = Field(default_factory=Analysis)
    lessons: Lessons = Field(default_factory=Lessons)
    recommendations: Recommendations = Field(default_factory=Recommendations)
    interviews: Interviews = Field(default_factory=Interviews)
    glossary: Glossary = Field(default_factory=Glossary)
    resume: Resume = Field(default_factory=Resume)

    def part(self, part_id: str) -> Part:
        """The part with the template's id, e.g. `childs-journey`."""
        return getattr(self, part_id.replace("-", "_"))


PART_IDS: tuple[str, ...] = tuple(
    name.replace("_", "-") for name, f in Review.model_fields.items() if isinstance(f.default_factory, type) and issubclass(f.default_factory, Part)
)

# The template's record kinds, by id, and the class of each.
RECORD_CLASSES: dict[str, type[Record]] = {
    "term-of-reference": TermOfReference,
    "source": Source,
    "chronology-entry": ChronologyEntry,
    "interview-record": InterviewRecord,
    "lesson": Lesson,
    "recommendation": Recommendation,
    "glossary-entry": GlossaryEntry,
}
