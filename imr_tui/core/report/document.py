"""The report as a structure, built once from a review (report/build.py) and rendered many ways
(Markdown, Word): what each part holds, in order, with every number, heading and summary already
decided, and every gap of a draft marked where it belongs.

All text in it is plain text (the author's or the template's), never markup: each renderer
escapes it for its own format. Some of it only a format with pages and real tables uses (Word):
the title page, which tables are which, paragraph numbers, the pro forma's layout; Markdown reads
the rest as it always has.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from imr_tui.core.wording import plural

NOT_YET_ANSWERED = "[Not yet answered]"
NOT_YET_DONE = "[Not yet done]"  # a sign-off (a required yes-no) that is still "no"


@dataclass(frozen=True)
class Missing:
    """A required answer not given yet, marked in a draft where it belongs: by the question's
    prompt, or bare inside a table; a sign-off (a required yes) is not done rather than unanswered.
    `lead` is text printed before the mark (what the missing answer is about)."""

    prompt: str = ""
    sign_off: bool = False
    lead: str = ""

    @property
    def mark(self) -> str:
        return NOT_YET_DONE if self.sign_off else NOT_YET_ANSWERED


Value = str | Missing  # an answer as the report prints it, or the mark of one still to give


@dataclass(frozen=True)
class Heading:
    """A sub-part's heading (a term of reference, a lesson, an interview record): level 3 in
    Markdown, under the part's own."""

    text: str


@dataclass(frozen=True)
class Paragraphs:
    """Text of one or more paragraphs: lines holding only whitespace separate paragraphs; any
    other line break is kept as a line break."""

    text: Value


def paragraphs(text: str) -> list[list[str]]:
    """`text`'s paragraphs, each a list of its lines: lines holding only whitespace separate them.
    `text`'s line breaks are "\n" alone (each renderer's own cleaning makes them so)."""
    found: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            found[-1].append(line)
        elif found[-1]:
            found.append([])
    return [lines for lines in found if lines]


@dataclass(frozen=True)
class Label:
    """A label on a paragraph of its own, as printed, for the long answer that follows it."""

    text: str


@dataclass(frozen=True)
class Labelled:
    """'Label: answer' on one line; the answer's line breaks read as spaces."""

    label: str
    value: Value

    @property
    def caption(self) -> str:
        """The label as printed before its answer: a question as it is, anything else with a colon."""
        return self.label if self.label.endswith("?") else self.label + ":"


@dataclass(frozen=True)
class Items:
    """A list, numbered or not; each item may run over several lines. A numbered list with
    `columns` is a table where the format has real ones (Word): each item's number and the item,
    under those two headings."""

    items: tuple[Value, ...]
    numbered: bool = False
    columns: tuple[str, str] | None = None


@dataclass(frozen=True)
class Table:
    """A table with a header row. `kind` says which table it is ("chronology", "action-plan",
    "glossary"), for a format that lays each out its own way (Word: column widths, a landscape page).
    Where a cell cannot hold a line break (Markdown), its line breaks read as ' / '."""

    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    kind: str = ""


@dataclass(frozen=True)
class FormField:
    """One answer on a pro forma, by its label; a long one is written under its label, across the sheet."""

    label: str
    value: Value
    long: bool = False


@dataclass(frozen=True)
class Form:
    """A record laid out as the board's pro forma (Appendix I): its answers, then the sign-off:
    the guidance's sentence and the answers that record it, and, on a blank sheet, the lines to
    sign by hand."""

    fields: tuple[FormField, ...]
    sign_off: str
    signed: tuple[FormField, ...]
    signatures: tuple[str, ...] = ()

    def blocks(self) -> Iterator[Heading | Paragraphs | Label | Labelled]:
        """The answers as plain blocks, for a format without forms (Markdown): 'label: answer', or
        a long answer's label and then its paragraphs; a mark where an answer is still to give."""
        for each in self.fields + self.signed:
            if isinstance(each.value, Missing):
                yield Paragraphs(each.value)
            elif each.long:
                yield Label(each.label)
                if each.value.strip():
                    yield Paragraphs(each.value)
            else:
                yield Labelled(each.label, each.value)


Block = Heading | Paragraphs | Label | Labelled | Items | Table | Form


@dataclass
class Part:
    """One part of the report under its heading ('Section 9 Chronology of contacts'). A part with
    a `number` ('11') numbers its paragraphs 11.1, 11.2, ... where the format can (Word), so the
    panel can refer to 'paragraph 11.4'."""

    id: str
    heading: str
    blocks: list[Block] = field(default_factory=list)
    number: str = ""


@dataclass(frozen=True)
class DraftNotice:
    """What the top of a draft says: how many things are left to fix, naming the first few."""

    count: int
    named: tuple[str, ...]

    @property
    def headline(self) -> str:
        if not self.count:
            return "DRAFT. The check finds nothing to fix."
        return f"DRAFT, not ready to send: {plural(self.count, 'thing')} to fix."

    @property
    def explanation(self) -> str:
        """How the gaps are marked ('' when there are none)."""
        if not self.count:
            return ""
        return f"Answers still to give are marked {NOT_YET_ANSWERED} where they belong, and sign-offs still to do {NOT_YET_DONE}."

    @property
    def listed(self) -> tuple[str, ...]:
        """The things named, and how many more there are."""
        more = self.count - len(self.named)
        return self.named + ((f"and {more} more: the check lists them all (imr-tui check)",) if more > 0 else ())


@dataclass(frozen=True)
class Cover:
    """The title page, and what the header and footer of every page carry (Word)."""

    title: str  # "Individual Management Review"
    subtitle: str  # the Serious Case Review it is for, by the children's labels
    facts: tuple[Labelled, ...]  # the agency, the author, the children, the period, the version...
    agency: str
    marking: Value  # the protective marking, e.g. OFFICIAL-SENSITIVE
    version: Value


@dataclass
class Report:
    title: str
    parts: list[Part]
    cover: Cover
    draft: DraftNotice | None = None  # None for the final report
