"""The report built from a review: each part in the template's order, with its section number,
its answers laid out as the board's report reads, records numbered by position (links hold
stable ids), and, in a draft, every required answer not yet given marked where it belongs.

Headings, prompts and standard wording come from the template; this module decides only the
order and the shape. Renderers (report/markdown.py, and the Word one) read what it builds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from imr_tui.core.checks import SIGN_OFFS, Finding, errors, named, readiness_findings
from imr_tui.core.dates import UncertainDate, format_date, format_time
from imr_tui.core.editing import chronology_order
from imr_tui.core.guidance import PartTemplate, Question, RecordKind, template
from imr_tui.core.model import Answers, Review
from imr_tui.core.report.document import (
    Block,
    Cover,
    DraftNotice,
    Form,
    FormField,
    Heading,
    Items,
    Label,
    Labelled,
    Missing,
    Paragraphs,
    Part,
    Report,
    Table,
    Value,
)
from imr_tui.core.standard_text import children_named, fill_placeholders

TITLE = "Individual Management Review"
ANONYMISED = "anonymised copy"
REVIEW = "Serious Case Review"
# The chronology's columns after its number, each an entry's field (the interviews and terms of
# reference it links to follow them): the report, the spreadsheet and the merged chronology.
CHRONOLOGY_COLUMNS = (
    ("Date", "date"),
    ("Time", "time"),
    ("Source", "source"),
    ("Agency or team", "agency_team"),
    ("Practitioner", "practitioner"),
    ("Contact", "contact_kind"),
    ("What happened", "what_happened"),
    ("Action and outcome", "action_outcome"),
    ("Significance", "significance"),
)
DRAFT_LISTS = 20  # things to fix named at the top of a draft; more would bury the report


def build_report(review: Review, *, draft: bool = False, to_fix: list[Finding] | None = None, anonymised: bool = False) -> Report:
    """The whole review as a report. A draft lists what the check finds to fix (`to_fix`, else
    the check of `review`), and marks every required answer not yet given where it belongs. An
    anonymised copy (of a review imr_tui.core.anonymise has made) prints no one's name."""
    if to_fix is None:
        to_fix = errors(readiness_findings(review)) if draft else []
    return _Builder(review, draft, to_fix, anonymised).report()


def current_report(review: Review) -> Report:
    """The final report when the check finds nothing to fix, else a draft."""
    to_fix = errors(readiness_findings(review))
    return _Builder(review, bool(to_fix), to_fix).report()


def _unanswered(value: Any) -> bool:
    """A required answer not yet given. A required yes-no is a sign-off: it is given by 'yes'."""
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return all(isinstance(item, str) and not item.strip() for item in value)
    return not value


def _shown(value: Any) -> str:
    """An answer that is not free text, as the report prints it."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.time):
        return format_time(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, UncertainDate):
        return value.written
    return "" if value is None else str(value)


def chronology_cells(entry: Any) -> tuple[str, ...]:
    """An entry's cells in CHRONOLOGY_COLUMNS, as the report prints them."""
    return tuple(_shown(getattr(entry, field_id)) for _, field_id in CHRONOLOGY_COLUMNS)


def _numbers(numbers: Iterable[int]) -> str:
    """'1', '1 and 3', '1, 3 and 4'."""
    words = [str(n) for n in numbers]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def _positions(records: list[Any]) -> dict[int, int]:
    """Each record's number in the report (its position) by its stable id."""
    return {record.id: number for number, record in enumerate(records, 1)}


def pro_forma_fields(kind: RecordKind) -> tuple[tuple[Question, ...], tuple[Question, ...]]:
    """An interview record's fields as the pro forma lays them out: the record, then its sign-off
    (the answers that say it was agreed and signed, and when)."""
    signed = {answer for answers in SIGN_OFFS for answer in answers[:2]}
    return tuple(f for f in kind.fields if f.id not in signed), tuple(f for f in kind.fields if f.id in signed)


class _Builder:
    def __init__(self, review: Review, draft: bool, to_fix: list[Finding], anonymised: bool = False) -> None:
        self.review = review
        self.draft = draft
        self.anonymised = anonymised
        self.to_fix = to_fix
        self.blocks: list[Block] = []
        self.term_numbers = _positions(review.review_details.terms_of_reference)
        self.lesson_numbers = _positions(review.lessons.lessons)
        self.interview_numbers = _positions(review.interviews.records)

    def report(self) -> Report:
        agency = self.review.review_details.agency
        parts = []
        for part in template().parts:
            self.blocks = []
            _PARTS[part.id](self, part, self.review.part(part.id))
            number = part.section if part.section.isdigit() else ""  # not the front matter or appendix
            parts.append(Part(part.id, part.heading, self.blocks, number))
        notice = None
        if self.draft:
            named_first = tuple(named(finding) for finding in self.to_fix[:DRAFT_LISTS])
            notice = DraftNotice(len(self.to_fix), named_first)
        title = f"{TITLE}: {agency}" if agency.strip() else TITLE
        return Report(title + (f" ({ANONYMISED})" if self.anonymised else ""), parts, self.cover(), notice)

    def cover(self) -> Cover:
        """The title page's facts, from the review details, each marked in a draft if missing."""
        details = self.review.review_details
        q = template().part("review-details").question
        children = children_named(self.review)
        start, end = details.period_start, details.period_end
        period: Any = f"{_shown(start)} to {_shown(end)}" if start and end else None
        period_question = q("period_start") if start is None else q("period_end")
        facts = (
            self.fact("Agency", q("agency"), details.agency),
            self.fact("Author", q("author_name"), details.author_name),
            self.fact("Role", q("author_role"), details.author_role),
            self.fact("Children", q("children"), details.children, children),
            self.fact("Period under review", period_question, period, period),
            self.fact("Version", q("version"), details.version),
            self.fact("Protective marking", q("protective_marking"), details.protective_marking),
        )
        return Cover(
            title=TITLE,
            subtitle=f"{REVIEW}: {children}" if children else REVIEW,
            facts=facts,
            agency=details.agency.strip(),
            marking=self.cell(q("protective_marking"), details.protective_marking.strip()),
            version=self.cell(q("version"), details.version.strip()),
        )

    # What every part uses.

    def add(self, block: Block) -> None:
        """Add `block`, unless it holds nothing to print (a blank optional answer, no items)."""
        if isinstance(block, Paragraphs) and isinstance(block.text, str) and not block.text.strip():
            return
        if isinstance(block, Items) and not block.items:
            return
        self.blocks.append(block)

    def missing(self, question: Question, value: Any) -> bool:
        return self.draft and question.required and _unanswered(value)

    def mark(self, question: Question) -> Missing:
        return Missing(question.prompt, sign_off=question.kind == "yes-no")

    def long_answer(self, question: Question, text: str) -> None:
        self.add(Paragraphs(Missing(question.prompt) if self.missing(question, text) else text))

    def fact(self, label: str, question: Question, value: Any, shown: str | None = None) -> Labelled:
        answer = self.mark(question) if self.missing(question, value) else _shown(value) if shown is None else shown
        return Labelled(label, answer)

    def labelled(self, label: str, question: Question, value: Any, shown: str | None = None) -> None:
        self.add(self.fact(label, question, value, shown))

    def cell(self, question: Question, value: Any, shown: str | None = None) -> Value:
        if self.missing(question, value):
            return Missing()
        return _shown(value) if shown is None else shown

    def numbered(self, numbers: dict[int, int], ids: Iterable[int]) -> str:
        """Linked records by their numbers in the report; a link to a removed record has none."""
        return ", ".join(str(n) for n in sorted(numbers[i] for i in ids if i in numbers))

    def list_missing(self, question: Question, records: list[Any]) -> None:
        if self.missing(question, records):
            self.add(Paragraphs(Missing(question.prompt)))

    def form_field(self, field: Question, record: Answers) -> FormField:
        value = getattr(record, field.id)
        long = field.kind == "long"
        return FormField(field.prompt, self.mark(field) if self.missing(field, value) else value if long else _shown(value), long)

    # The parts, in the template's order (see _PARTS).

    def review_details(self, part: PartTemplate, details: Any) -> None:
        q = part.question
        children = ", ".join(c.strip() for c in details.children if c.strip())
        self.labelled("Children", q("children"), details.children, children)
        self.labelled("Agency", q("agency"), details.agency)
        self.labelled("Author", q("author_name"), details.author_name)
        self.labelled("Role", q("author_role"), details.author_role)
        self.labelled("IMR requested", q("date_requested"), details.date_requested)
        self.labelled("Records secured", q("records_secured"), details.records_secured)
        self.labelled("Review period starts", q("period_start"), details.period_start)
        self.labelled("Review period ends", q("period_end"), details.period_end)
        terms = q("terms_of_reference")
        self.add(Label("Terms of reference:"))
        self.list_missing(terms, details.terms_of_reference)
        text = template().records[terms.record].field("text")
        items = (Missing(text.prompt) if self.missing(text, t.text) else t.text for t in details.terms_of_reference)
        self.add(Items(tuple(items), numbered=True, columns=("No.", template().records[terms.record].title)))
        if details.terms_of_reference_draft:
            self.add(Paragraphs(template().standard_text.terms_draft_note))

    def introduction(self, part: PartTemplate, introduction: Any) -> None:
        """The introduction, then the author's independence, asked in review details: the
        board's guidance asks for that evidence here."""
        self.long_answer(part.question("text"), fill_placeholders(introduction.text, self.review))
        self.add(Label("Independence of the author:"))
        independence = template().part("review-details").question("independence")
        self.long_answer(independence, fill_placeholders(self.review.review_details.independence, self.review))

    def methodologies(self, part: PartTemplate, methodologies: Any) -> None:
        standard = template().standard_text
        self.add(Paragraphs(fill_placeholders(standard.sources_lead, self.review)))
        sources = part.question("sources")
        self.list_missing(sources, methodologies.sources)
        description = template().records[sources.record].field("description")
        items: list[Value] = []
        for source in methodologies.sources:
            if self.missing(description, source.description):
                items.append(Missing(description.prompt, lead=f"{source.kind}:"))
                continue
            dates = f" ({source.dates_covered.strip()})" if source.dates_covered.strip() else ""
            items.append(f"{source.kind}: {source.description.strip()}{dates}")
        self.add(Items(tuple(items)))
        particular = part.question("particular_terms")
        numbers = sorted(self.term_numbers[i] for i in methodologies.particular_terms if i in self.term_numbers)
        if self.missing(particular, numbers):
            self.add(Paragraphs(Missing(particular.prompt)))
        elif numbers:
            draft_terms = self.review.review_details.terms_of_reference_draft
            wording = standard.terms_draft if draft_terms else standard.terms_final
            self.add(Paragraphs(wording.format(numbers=_numbers(numbers))))

    def chronology(self, part: PartTemplate, chronology: Any) -> None:
        entries = part.question("entries")
        self.list_missing(entries, chronology.entries)
        if not chronology.entries:
            return
        f = template().records[entries.record].field
        appendix = template().part("interviews").section
        header = ("No.", *(heading for heading, _ in CHRONOLOGY_COLUMNS), f"Interviews ({appendix})", "Terms of reference")
        rows = []
        for number, entry in enumerate(sorted(chronology.entries, key=chronology_order), 1):
            rows.append((
                str(number),
                *(self.cell(f(name), getattr(entry, name)) for _, name in CHRONOLOGY_COLUMNS),
                self.cell(f("interviews"), entry.interviews, self.numbered(self.interview_numbers, entry.interviews)),
                self.cell(f("terms"), entry.terms, self.numbered(self.term_numbers, entry.terms)),
            ))
        self.add(Table(header, tuple(rows), "chronology"))

    def childs_journey(self, part: PartTemplate, journey: Any) -> None:
        narrative = part.question("narrative")
        self.long_answer(narrative, journey.narrative)
        for question in part.questions:
            answer = getattr(journey, question.id)
            if question is not narrative and (answer.strip() or self.missing(question, answer)):
                # The aspect's name is its question id: race, culture, ..., local context.
                name = question.id.replace("_", " ")
                self.add(Heading(name[:1].upper() + name[1:]))
                self.long_answer(question, answer)

    def analysis(self, part: PartTemplate, analysis: Any) -> None:
        per_term = part.question(analysis.per_term)
        terms = self.review.review_details.terms_of_reference
        if self.draft and not terms:
            self.add(Paragraphs(Missing(per_term.prompt)))
        title = template().records["term-of-reference"].title
        for number, term in enumerate(terms, 1):
            self.add(Heading(f"{title} {number}: {term.text}"))
            self.long_answer(per_term, analysis.text_for_term(term.id))
        for question in part.questions:
            answer = getattr(analysis, question.id)
            if question is not per_term and (answer.strip() or self.missing(question, answer)):
                self.add(Heading(question.prompt))
                self.long_answer(question, answer)

    def lessons(self, part: PartTemplate, lessons: Any) -> None:
        question = part.question("lessons")
        self.list_missing(question, lessons.lessons)
        kind = template().records[question.record]
        for number, lesson in enumerate(lessons.lessons, 1):
            self.add(Heading(f"{kind.title} {number} ({lesson.kind})"))
            self.long_answer(kind.field("text"), lesson.text)
            if lesson.implications:
                self.add(Labelled("Implications for", ", ".join(lesson.implications)))
            self.add(Paragraphs(lesson.implications_note))

    def recommendations(self, part: PartTemplate, recommendations: Any) -> None:
        question = part.question("recommendations")
        self.list_missing(question, recommendations.recommendations)
        if not recommendations.recommendations:
            return
        kind = template().records[question.record]
        header = ("No.", "Recommendation", "From lessons", "Action", "By whom", "By when",
                  "Intended outcome", "How it will be evaluated", "Immediate")
        rows = []
        for number, recommendation in enumerate(recommendations.recommendations, 1):
            lessons = self.numbered(self.lesson_numbers, recommendation.lessons)
            rows.append((
                str(number),
                self.cell(kind.field("text"), recommendation.text),
                self.cell(kind.field("lessons"), lessons, lessons),
                *(self.cell(kind.field(f), getattr(recommendation, f))
                  for f in ("action", "by_whom", "by_when", "intended_outcome", "evaluation", "immediate")),
            ))
        self.add(Table(header, tuple(rows), "action-plan"))

    def interviews(self, part: PartTemplate, interviews: Any) -> None:
        kind = template().records[part.question("records").record]
        fields, signed = pro_forma_fields(kind)
        sign_off = template().standard_text.interview_sign_off
        for number, record in enumerate(interviews.records, 1):
            self.add(Heading(f"{kind.title} {number}"))
            self.add(Form(
                tuple(self.form_field(f, record) for f in fields), sign_off, tuple(self.form_field(f, record) for f in signed)
            ))

    def glossary(self, part: PartTemplate, glossary: Any) -> None:
        if not glossary.entries:
            return
        kind = template().records[part.question("entries").record]
        fields = (kind.field("abbreviation"), kind.field("meaning"))
        entries = sorted(glossary.entries, key=lambda e: e.abbreviation.strip().casefold())
        rows = tuple(tuple(self.cell(f, getattr(entry, f.id)) for f in fields) for entry in entries)
        self.add(Table(tuple(f.prompt for f in fields), rows, "glossary"))

    def people(self, part: PartTemplate, people: Any) -> None:
        """The register: each label with the person it stands for, or, in an anonymised copy,
        with who they are in the review and no name."""
        if not people.entries:
            return
        f = template().records[part.question("entries").record].field
        fields = (f("label"), f("role")) if self.anonymised else (f("label"), f("name"), f("other_spellings"), f("role"))
        rows = tuple(
            tuple(self.cell(c, getattr(person, c.id), _lines(getattr(person, c.id))) for c in fields)
            for person in people.entries
        )
        self.add(Table(tuple(c.prompt for c in fields), rows, "people"))


def _lines(value: Any) -> str | None:
    return "\n".join(line.strip() for line in value if line.strip()) if isinstance(value, list) else None


# How each part of the template is laid out, by its id.
_PARTS: dict[str, Callable[[_Builder, PartTemplate, Any], None]] = {
    "review-details": _Builder.review_details,
    "introduction": _Builder.introduction,
    "methodologies": _Builder.methodologies,
    "chronology": _Builder.chronology,
    "childs-journey": _Builder.childs_journey,
    "analysis": _Builder.analysis,
    "lessons": _Builder.lessons,
    "recommendations": _Builder.recommendations,
    "interviews": _Builder.interviews,
    "glossary": _Builder.glossary,
    "people": _Builder.people,
}
