"""The whole IMR as Markdown, in the seed's order with its section numbers, and the blank pro forma.

Headings, prompts and standard wording come from the template; this module adds only layout.

Escaping: every piece of text, the author's and the template's, goes through one of three
functions, so nothing typed can become Markdown structure (a heading, list, quote, table, rule,
link, image, autolink, code, emphasis, HTML or entity) and it reads back as typed:

- `inline(text)`: one line, for headings, labels and short answers. Line breaks become spaces and
  whitespace at the two ends is dropped.
- `block(text)`: paragraphs, for long answers. Lines with nothing but whitespace separate
  paragraphs (a run of them is one break); any other line break is a hard line break (a backslash
  at the end of the line). Whitespace at the start and end of each line is kept as character
  references, so indentation can never make a code block or be lost.
- `cell(text)`: a table cell, which cannot hold a line break. The rule: each line is trimmed,
  blank lines are dropped, and the lines are joined with " / ".

In all three, `\r\n` and `\r` are line breaks, and control characters other than tab and line
breaks become U+FFFD, as CommonMark already does for U+0000 (in a file they would reach a terminal).
A backslash (which CommonMark makes literal before any ASCII punctuation) goes before each of
\\ ` * _ [ ] < > & | ~ # anywhere, before - + = : at the start of a line, and before the . or )
after a number that starts a line. Other punctuation is left alone so the Markdown stays readable:
Child A's mother (aged 24) said: "no." is written as it is.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from imr_tui.core.dates import format_date, format_time
from imr_tui.core.model import Part, Review
from imr_tui.core.model import Answers
from imr_tui.core.answers import entry_date
from imr_tui.core.checks import Finding, errors, named, readiness_findings
from imr_tui.core.editing import chronology_order
from imr_tui.core.standard_text import fill_placeholders
from imr_tui.core.store import write_private_text
from imr_tui.core.guidance import PartTemplate, Question, RecordKind, template

TITLE = "Individual Management Review"
NOT_YET_ANSWERED = "[Not yet answered]"
NOT_YET_DONE = "[Not yet done]"  # a sign-off (a required yes-no) that is still "no"
DRAFT_LISTS = 20  # things to fix named at the top of a draft; more would bury the report
CELL_LINE_BREAK = " / "

_ANYWHERE = frozenset("\\`*_[]<>&|~#")  # code, emphasis, links, images, HTML, entities, tables, headings
_AT_LINE_START = frozenset("-+=:")  # lists, setext headings, thematic breaks, table delimiter rows
_LIST_NUMBER = re.compile(r"[0-9]+(?=[.)])")  # "1." or "1)" starts an ordered list


# Escaping ---------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join("\ufffd" if unicodedata.category(c) == "Cc" and c not in "\t\n" else c for c in text)


def _literal(text: str) -> str:
    """`text`, taken to start a line, with a backslash before anything that could be Markdown."""
    text = "".join("\\" + c if c in _ANYWHERE else c for c in text)
    if text[:1] in _AT_LINE_START:
        return "\\" + text
    if number := _LIST_NUMBER.match(text):
        return text[: number.end()] + "\\" + text[number.end() :]
    return text


def _references(whitespace: str) -> str:
    return "".join(f"&#{ord(c)};" for c in whitespace)


def _line(line: str) -> str:
    start, end = len(line) - len(line.lstrip()), len(line.rstrip())
    return _references(line[:start]) + _literal(line[start:end]) + _references(line[end:])


def inline(text: str) -> str:
    """`text` as one line of Markdown that reads back as itself (line breaks read as spaces)."""
    return _literal(_clean(text).replace("\n", " ").strip())


def block(text: str, indent: str = "") -> str:
    """`text` as Markdown paragraphs; `indent` goes before every line but the first (list items)."""
    paragraphs: list[list[str]] = [[]]
    for line in _clean(text).split("\n"):
        if line.strip():
            paragraphs[-1].append(_line(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    return f"\n\n{indent}".join(f"\\\n{indent}".join(lines) for lines in paragraphs if lines)


def cell(text: str) -> str:
    """`text` as one table cell: its lines joined with CELL_LINE_BREAK, `|` escaped."""
    lines = (line.strip() for line in _clean(text).split("\n"))
    return CELL_LINE_BREAK.join(_literal(line) for line in lines if line)


# Small pieces of layout ---------------------------------------------------------------------------


def _heading(level: int, text: str) -> str:
    return f"{'#' * level} {inline(text)}"


def _strong(text: str) -> str:
    return f"**{inline(text)}**"


def _marker(prompt: str = "", *, sign_off: bool = False) -> str:
    """What a draft shows in place of a required answer not yet given."""
    return f"{_strong(NOT_YET_DONE if sign_off else NOT_YET_ANSWERED)} {inline(prompt)}".rstrip()


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A GFM table; every cell must already be escaped (`cell`, `inline` or `_marker`)."""
    header = list(header)
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(row) + " |" for row in lines)


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
    return "" if value is None else str(value)


def _numbers(numbers: Iterable[int]) -> str:
    """'1', '1 and 3', '1, 3 and 4'."""
    words = [str(n) for n in numbers]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# The report --------------------------------------------------------------------------------------


def to_markdown(review: Review, *, draft: bool = False) -> str:
    """The whole review as Markdown. A draft says so at the top, lists what the check finds to
    fix, and marks every required answer not yet given where it belongs."""
    return _Report(review, draft, errors(readiness_findings(review)) if draft else []).markdown()


def report_as_it_stands(review: Review) -> tuple[str, int]:
    """The final report when the check finds nothing to fix, else a draft; and how many things
    are left to fix."""
    to_fix = errors(readiness_findings(review))
    return _Report(review, bool(to_fix), to_fix).markdown(), len(to_fix)


class _Report:
    def __init__(self, review: Review, draft: bool, to_fix: list[Finding]) -> None:
        self.review = review
        self.draft = draft
        self.to_fix = to_fix
        self.blocks: list[str] = []
        # The report numbers records by position; links hold stable ids.
        self.term_numbers = _positions(review.review_details.terms_of_reference)
        self.lesson_numbers = _positions(review.lessons.lessons)
        self.interview_numbers = _positions(review.interviews.records)

    def markdown(self) -> str:
        agency = self.review.review_details.agency
        self.add(_heading(1, f"{TITLE}: {agency}" if agency.strip() else TITLE))
        if self.draft:
            self.draft_notice()
        for part in template().parts:
            self.add(_heading(2, part.heading))
            getattr(self, "_" + part.id.replace("-", "_"))(part, self.review.part(part.id))
        return "\n\n".join(self.blocks) + "\n"

    # Helpers that every part uses.

    def add(self, markdown: str) -> None:
        if markdown:
            self.blocks.append(markdown)

    def draft_notice(self) -> None:
        if not self.to_fix:
            self.add(_strong("DRAFT. The check finds nothing to fix."))
            return
        count = len(self.to_fix)
        self.add(
            _strong(f"DRAFT, not ready to send: {count} thing{'s' if count > 1 else ''} to fix.")
            + " "
            + inline(f"Answers still to give are marked {NOT_YET_ANSWERED} where they belong, and sign-offs still to do {NOT_YET_DONE}.")
        )
        listed = [f"- {inline(named(finding))}" for finding in self.to_fix[:DRAFT_LISTS]]
        if count > DRAFT_LISTS:
            listed.append(f"- {inline(f'and {count - DRAFT_LISTS} more: the check lists them all (imr-tui check)')}")
        self.add("\n".join(listed))

    def missing(self, question: Question, value: Any) -> bool:
        return self.draft and question.required and _unanswered(value)

    def long_answer(self, question: Question, text: str) -> None:
        self.add(_marker(question.prompt) if self.missing(question, text) else block(text))

    def labelled(self, label: str, question: Question, value: Any, shown: str | None = None) -> None:
        """'**Label:** answer' on a paragraph of its own, or the draft's marker after the label."""
        if self.missing(question, value):
            answer = _marker(question.prompt, sign_off=question.kind == "yes-no")
        else:
            answer = inline(_shown(value) if shown is None else shown)
        self.add(f"{_strong(label if label.endswith('?') else label + ':')} {answer}".rstrip())

    def table_cell(self, question: Question, value: Any, shown: str | None = None) -> str:
        if self.missing(question, value):
            return _marker()
        return cell(_shown(value) if shown is None else shown)

    def numbered(self, numbers: dict[int, int], ids: Iterable[int]) -> str:
        """Linked records by their numbers in the report; a link to a removed record has none."""
        return ", ".join(str(n) for n in sorted(numbers[i] for i in ids if i in numbers))

    def record_fields(self, kind: RecordKind, record: Answers) -> None:
        for field in kind.fields:
            value = getattr(record, field.id)
            if self.missing(field, value):
                self.add(_marker(field.prompt, sign_off=field.kind == "yes-no"))
            elif field.kind == "long":
                self.add(_strong(field.prompt))
                self.add(block(value))
            else:
                self.labelled(field.prompt, field, value)

    # The parts, in the template's order; each is named after its template id.

    def _review_details(self, part: PartTemplate, details: Part) -> None:
        q = part.question
        children = ", ".join(c.strip() for c in details.children if c.strip())
        self.labelled("Children", q("children"), details.children, children)
        self.labelled("Agency", q("agency"), details.agency)
        self.labelled("Author", q("author_name"), details.author_name)
        self.labelled("Role", q("author_role"), details.author_role)
        self.add(_strong("Independence of the author:"))
        self.long_answer(q("independence"), details.independence)
        self.labelled("IMR requested", q("date_requested"), details.date_requested)
        self.labelled("Records secured", q("records_secured"), details.records_secured)
        self.labelled("Review period starts", q("period_start"), details.period_start)
        self.labelled("Review period ends", q("period_end"), details.period_end)
        terms = q("terms_of_reference")
        self.add(_strong("Terms of reference:"))
        if self.missing(terms, details.terms_of_reference):
            self.add(_marker(terms.prompt))
        text_field = template().records[terms.record].field("text")
        items = []
        for number, term in enumerate(details.terms_of_reference, 1):
            marker = f"{number}. "  # the item's later lines are indented to line up after it
            missing = self.missing(text_field, term.text)
            items.append(marker + (_marker(text_field.prompt) if missing else block(term.text, " " * len(marker))))
        self.add("\n".join(items))
        if details.terms_of_reference_draft:
            self.add(inline(template().standard_text.terms_draft_note))

    def _introduction(self, part: PartTemplate, introduction: Part) -> None:
        self.long_answer(part.question("text"), fill_placeholders(introduction.text, self.review))
        self.long_answer(
            part.question("independence_statement"), fill_placeholders(introduction.independence_statement, self.review)
        )

    def _methodologies(self, part: PartTemplate, methodologies: Part) -> None:
        standard = template().standard_text
        self.add(block(fill_placeholders(standard.sources_lead, self.review)))
        sources = part.question("sources")
        if self.missing(sources, methodologies.sources):
            self.add(_marker(sources.prompt))
        description = template().records[sources.record].field("description")
        items = []
        for source in methodologies.sources:
            if self.missing(description, source.description):
                items.append(f"- {inline(source.kind + ':')} {_marker(description.prompt)}")
                continue
            dates = f" ({source.dates_covered.strip()})" if source.dates_covered.strip() else ""
            items.append("- " + block(f"{source.kind}: {source.description.strip()}{dates}", "  "))
        self.add("\n".join(items))
        particular = part.question("particular_terms")
        numbers = sorted(self.term_numbers[i] for i in methodologies.particular_terms if i in self.term_numbers)
        if self.missing(particular, numbers):
            self.add(_marker(particular.prompt))
        elif numbers:
            draft_terms = self.review.review_details.terms_of_reference_draft
            wording = standard.terms_draft if draft_terms else standard.terms_final
            self.add(inline(wording.format(numbers=_numbers(numbers))))

    def _chronology(self, part: PartTemplate, chronology: Part) -> None:
        entries = part.question("entries")
        if self.missing(entries, chronology.entries):
            self.add(_marker(entries.prompt))
        if not chronology.entries:
            return
        kind = template().records[entries.record]
        appendix = template().part("interviews").section
        header = ["Date", "Time", "Agency or team", "Practitioner", "Contact", "What happened",
                  "Action and outcome", "Significance", f"Interviews ({appendix})", "Terms of reference"]
        rows = []
        for entry in sorted(chronology.entries, key=chronology_order):
            date = entry_date(entry)
            interviews = self.numbered(self.interview_numbers, entry.interviews)
            rows.append([
                self.table_cell(kind.field("date"), entry.date, date),
                self.table_cell(kind.field("time"), entry.time),
                self.table_cell(kind.field("agency_team"), entry.agency_team),
                self.table_cell(kind.field("practitioner"), entry.practitioner),
                self.table_cell(kind.field("contact_kind"), entry.contact_kind),
                self.table_cell(kind.field("what_happened"), entry.what_happened),
                self.table_cell(kind.field("action_outcome"), entry.action_outcome),
                self.table_cell(kind.field("significance"), entry.significance),
                self.table_cell(kind.field("interviews"), entry.interviews, interviews),
                self.table_cell(kind.field("terms"), entry.terms, self.numbered(self.term_numbers, entry.terms)),
            ])
        self.add(_table((inline(h) for h in header), rows))

    def _childs_journey(self, part: PartTemplate, journey: Part) -> None:
        narrative = part.question("narrative")
        self.long_answer(narrative, journey.narrative)
        for question in part.questions:
            answer = getattr(journey, question.id)
            if question is not narrative and (answer.strip() or self.missing(question, answer)):
                # The aspect's name is its question id: race, culture, ..., local context.
                self.add(_heading(3, _capitalised(question.id.replace("_", " "))))
                self.long_answer(question, answer)

    def _analysis(self, part: PartTemplate, analysis: Part) -> None:
        per_term = part.question("by_term")
        terms = self.review.review_details.terms_of_reference
        if self.draft and not terms:
            self.add(_marker(per_term.prompt))
        title = template().records["term-of-reference"].title
        for number, term in enumerate(terms, 1):
            self.add(_heading(3, f"{title} {number}: {term.text}"))
            self.long_answer(per_term, analysis.text_for_term(term.id))
        for question in part.questions:
            if question is per_term:
                continue
            answer = getattr(analysis, question.id)
            if answer.strip() or self.missing(question, answer):
                self.add(_heading(3, question.prompt))
                self.long_answer(question, answer)

    def _lessons(self, part: PartTemplate, lessons: Part) -> None:
        question = part.question("lessons")
        if self.missing(question, lessons.lessons):
            self.add(_marker(question.prompt))
        kind = template().records[question.record]
        for number, lesson in enumerate(lessons.lessons, 1):
            self.add(_heading(3, f"{kind.title} {number} ({lesson.kind})"))
            self.long_answer(kind.field("text"), lesson.text)
            if lesson.implications:
                self.add(f"{_strong('Implications for:')} {inline(', '.join(lesson.implications))}")
            self.add(block(lesson.implications_note))

    def _recommendations(self, part: PartTemplate, recommendations: Part) -> None:
        question = part.question("recommendations")
        if self.missing(question, recommendations.recommendations):
            self.add(_marker(question.prompt))
        if not recommendations.recommendations:
            return
        kind = template().records[question.record]
        header = ["No.", "Recommendation", "From lessons", "Action", "By whom", "By when",
                  "Intended outcome", "How it will be evaluated", "Immediate"]
        rows = []
        for number, recommendation in enumerate(recommendations.recommendations, 1):
            lessons = self.numbered(self.lesson_numbers, recommendation.lessons)
            rows.append([
                str(number),
                self.table_cell(kind.field("text"), recommendation.text),
                self.table_cell(kind.field("lessons"), lessons, lessons),
                *(self.table_cell(kind.field(f), getattr(recommendation, f))
                  for f in ("action", "by_whom", "by_when", "intended_outcome", "evaluation", "immediate")),
            ])
        self.add(_table((inline(h) for h in header), rows))

    def _interviews(self, part: PartTemplate, interviews: Part) -> None:
        kind = template().records[part.question("records").record]
        for number, record in enumerate(interviews.records, 1):
            self.add(_heading(3, f"{kind.title} {number}"))
            self.record_fields(kind, record)

    def _glossary(self, part: PartTemplate, glossary: Part) -> None:
        if not glossary.entries:
            return
        kind = template().records[part.question("entries").record]
        fields = [kind.field("abbreviation"), kind.field("meaning")]
        entries = sorted(glossary.entries, key=lambda e: e.abbreviation.strip().casefold())
        rows = ([self.table_cell(f, getattr(entry, f.id)) for f in fields] for entry in entries)
        self.add(_table((inline(f.prompt) for f in fields), rows))


def _positions(records: list[Any]) -> dict[int, int]:
    """Each record's number in the report (its position) by its stable id."""
    return {record.id: number for number, record in enumerate(records, 1)}


def export_beside(review: Review, review_path: Path) -> tuple[Path, int]:
    """Write the report beside its review (review.toml -> review.md), owner-only: the final
    report when the check finds nothing to fix, else a draft with the gaps marked. Returns where
    it went and how many things are left to fix; ReviewFileError if it could not be written."""
    markdown, to_fix = report_as_it_stands(review)
    target = review_path.with_suffix(".md")
    write_private_text(target, markdown)
    return target, to_fix


# The blank pro forma -----------------------------------------------------------------------------

# Dotted lines to write on: they need no escaping, so the sheet prints cleanly as plain text too.
_WRITING_LINE = "." * 60
_RECORD_LINES = 12  # room for the record of the interview
_ROOM = {"date": "......../......../............", "time": "........:........", "yes-no": "Yes / No"}


def blank_pro_forma() -> str:
    """A blank Appendix I interview record sheet to print, fill in by hand, sign and agree."""
    part = template().part("interviews")
    kind = template().records[part.question("records").record]
    blocks = [_heading(1, part.heading)]
    for field in kind.fields:
        if field.kind == "long":
            blocks.append(_strong(field.prompt))
            blocks += [inline(_WRITING_LINE)] * _RECORD_LINES
        else:
            blocks.append(f"{_strong(field.prompt)} {inline(_ROOM.get(field.kind, _WRITING_LINE))}")
    blocks.append(inline(template().standard_text.interview_sign_off))
    for signature in ("Interviewer's signature", "Interviewee's signature"):
        blocks.append(f"{_strong(signature)} {inline(_WRITING_LINE)} {_strong('Date')} {inline(_ROOM['date'])}")
    return "\n\n".join(blocks) + "\n"
