"""How a record is shown on its one line in a list: the columns of the wizard's tables, and the
line plain mode prints, so that both faces name a record alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from imr_tui.core.answers import entry_date
from imr_tui.core.dates import format_date
from imr_tui.core.editing import in_review_period
from imr_tui.core.model import ChronologyEntry, InterviewRecord, Review
from imr_tui.core.typed_text import first_line, without_controls

SUMMARY_WIDTH = 72  # a line in plain mode, after its number


def sign_off(record: InterviewRecord) -> str:
    missing = [
        name
        for name, done in (
            ("agreed", record.agreed_by_interviewee),
            ("interviewer", record.signed_by_interviewer),
            ("interviewee", record.signed_by_interviewee),
        )
        if not done
    ]
    return "signed off" if not missing else "needs " + ", ".join(missing)


def chronology_date(review: Review, _: int, entry: ChronologyEntry) -> str:
    if entry.date is None:
        return "! no date"
    shown = entry_date(entry)
    return shown if in_review_period(review, entry.date) else f"! {shown}"


def _numbers(ids: list[int], records: list) -> str:
    positions = {r.id: n for n, r in enumerate(records, 1)}
    return ", ".join(str(positions[i]) for i in ids if i in positions)


# The columns each kind of record shows in its table: (heading, cell from review, position, record).
Column = tuple[str, Callable[[Review, int, object], str]]
COLUMNS: dict[str, list[Column]] = {
    "term-of-reference": [("No.", lambda r, n, t: str(n)), ("Term of reference", lambda r, n, t: first_line(t.text, 60))],
    "source": [
        ("Kind", lambda r, n, s: s.kind),
        ("Source", lambda r, n, s: first_line(s.description, 26)),
        ("Dates", lambda r, n, s: first_line(s.dates_covered, 24)),
    ],
    "chronology-entry": [
        ("Date", chronology_date),
        ("Contact", lambda r, n, e: e.contact_kind),
        ("Practitioner", lambda r, n, e: first_line(e.practitioner, 16)),
        ("What happened", lambda r, n, e: first_line(e.what_happened, 24)),
    ],
    "interview-record": [
        ("No.", lambda r, n, i: str(n)),
        ("Interviewee's role", lambda r, n, i: first_line(i.interviewee_role, 30)),
        ("Date", lambda r, n, i: format_date(i.date)),
        ("Sign-off", lambda r, n, i: sign_off(i)),
    ],
    "lesson": [("No.", lambda r, n, l: str(n)), ("Kind", lambda r, n, l: l.kind), ("Lesson", lambda r, n, l: first_line(l.text, 50))],
    "recommendation": [
        ("No.", lambda r, n, c: str(n)),
        ("Recommendation", lambda r, n, c: first_line(c.text, 30)),
        ("By whom", lambda r, n, c: first_line(c.by_whom, 16)),
        ("By when", lambda r, n, c: format_date(c.by_when)),
        ("Lessons", lambda r, n, c: _numbers(c.lessons, r.lessons.lessons)),
    ],
    "glossary-entry": [("Abbreviation", lambda r, n, g: g.abbreviation), ("Meaning", lambda r, n, g: first_line(g.meaning, 50))],
    "person": [
        ("Label", lambda r, n, p: first_line(p.label, 20)),
        ("Name", lambda r, n, p: first_line(p.name, 24)),
        ("Who they are", lambda r, n, p: first_line(p.role, 26)),
    ],
}


def cells(kind_id: str, review: Review, number: int, record: Any) -> list[str]:
    """The record's cells, one a column; `number` is its place in its list."""
    return [cell(review, number, record) for _, cell in COLUMNS[kind_id]]


def summary(kind_id: str, review: Review, number: int, record: Any, width: int = SUMMARY_WIDTH) -> str:
    """The record on one line of at most `width` characters, its cells joined (less its number,
    which a list prints itself)."""
    shown = [
        without_controls(cell).splitlines()[0]
        for (heading, _), cell in zip(COLUMNS[kind_id], cells(kind_id, review, number, record))
        if heading != "No." and cell.strip()
    ]
    line = " - ".join(shown) or "(nothing filled in yet)"
    return line if len(line) <= width else line[: width - 3] + "..."
