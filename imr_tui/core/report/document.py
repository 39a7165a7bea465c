"""The report as a structure, built once from a review (report/build.py) and rendered many ways
(Markdown, Word): what each part holds, in order, with every number, heading and summary already
decided, and every gap of a draft marked where it belongs.

All text in it is plain text (the author's or the template's), never markup: each renderer
escapes it for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Missing:
    """A required answer not given yet, marked in a draft where it belongs: by the question's
    prompt, or bare inside a table; a sign-off (a required yes) is not done rather than unanswered.
    `lead` is text printed before the mark (what the missing answer is about)."""

    prompt: str = ""
    sign_off: bool = False
    lead: str = ""


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


@dataclass(frozen=True)
class Label:
    """A label on a paragraph of its own, as printed, for the long answer that follows it."""

    text: str


@dataclass(frozen=True)
class Labelled:
    """'Label: answer' on one line; the answer's line breaks read as spaces."""

    label: str
    value: Value


@dataclass(frozen=True)
class Items:
    """A list, numbered or not; each item may run over several lines."""

    items: tuple[Value, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    """A table with a header row; a cell's line breaks read as ' / '."""

    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


Block = Heading | Paragraphs | Label | Labelled | Items | Table


@dataclass
class Part:
    """One part of the report under its heading ('Section 9 Chronology of contacts')."""

    id: str
    heading: str
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class DraftNotice:
    """What the top of a draft says: how many things are left to fix, naming the first few."""

    count: int
    named: tuple[str, ...]


@dataclass
class Report:
    title: str
    parts: list[Part]
    draft: DraftNotice | None = None  # None for the final report
