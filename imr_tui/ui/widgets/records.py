"""A list of records on a question page: a table, with add / change / delete / move."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from imr_tui.core.answers import entry_date
from imr_tui.core.dates import format_date
from imr_tui.core.editing import in_review_period, move_record
from imr_tui.core.model import ChronologyEntry, InterviewRecord, Review
from imr_tui.core.guidance import Question, template
from imr_tui.core.typed_text import first_line
from imr_tui.ui import keys, messages
from imr_tui.ui.widgets.chrome import marks, wants_ascii


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

# The chronology keeps itself in date order, so its entries are not moved by hand.
MOVABLE = set(COLUMNS) - {"chronology-entry"}


class RecordTable(DataTable):
    BINDINGS = keys.at_once(DataTable.BINDINGS)  # its arrow keys act in the order typed


class RecordList(Vertical):
    """The records answering one `records` question, in a table the author works with keys."""

    BINDINGS = [keys.OPEN, keys.ADD, keys.DELETE, keys.MOVE_UP, keys.MOVE_DOWN]

    def __init__(self, review: Review, part_id: str, question: Question) -> None:
        super().__init__(classes="record-list")
        self.review = review
        self.part_id = part_id
        self.question = question
        self.kind = template().records[question.record]

    @property
    def records(self) -> list:
        return getattr(self.review.part(self.part_id), self.question.id)

    def compose(self) -> ComposeResult:
        yield Static(self.question.prompt, classes="prompt", markup=False)
        yield Static(self.question.hint, classes="hint", markup=False)
        table = RecordTable(cursor_type="row", classes="editor", zebra_stripes=False)
        table.add_columns(*(heading for heading, _ in COLUMNS[self.kind.id]))
        yield table
        yield Static(classes="record-keys")

    def on_mount(self) -> None:
        self.refresh_rows()

    def refresh_rows(self, select: object | None = None) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for n, record in enumerate(self.records, 1):
            # Text, not str: a str cell would be read as markup, and "[/]" in an answer would crash it.
            cells = (Text(self._shown(cell(self.review, n, record))) for _, cell in COLUMNS[self.kind.id])
            table.add_row(*cells, key=str(n - 1))
        if select is not None and select in self.records:
            row = self.records.index(select)
        if self.records:
            table.move_cursor(row=min(max(row, 0), len(self.records) - 1))
        move = "  u/j move" if self.kind.id in MOVABLE else ""
        count = f"{len(self.records)} in the list · " if self.records else "None yet · "
        self.query_one(".record-keys", Static).update(marks(self.app, f"{count}a add  enter change  d delete{move}"))

    def _shown(self, cell: str) -> str:
        """A cell as this terminal shows it: an answer cut short ends in "..." where the terminal
        wants ASCII, cut two letters shorter, so that every column still fits at 80 wide."""
        if wants_ascii(self.app) and cell.endswith("…"):
            cell = cell[:-3] + "…"
        return marks(self.app, cell)

    @property
    def current(self) -> object | None:
        table = self.query_one(DataTable)
        if not self.records or table.cursor_row < 0:
            return None
        return self.records[min(table.cursor_row, len(self.records) - 1)]

    def focus_editor(self) -> None:
        self.screen.set_focus(self.query_one(DataTable))

    def action_add(self) -> None:
        self.post_message(messages.AddRecord(self.part_id, self.question))

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(messages.OpenRecord(self.part_id, self.question, self.current))

    @on(DataTable.RowSelected)
    def _clicked(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_delete(self) -> None:
        if self.current is not None:
            self.post_message(messages.DeleteRecord(self.part_id, self.question, self.current))

    def action_move(self, step: int) -> None:
        record = self.current
        if record is None:
            return
        if self.kind.id not in MOVABLE:
            self.notify("The chronology keeps itself in date order: change the date to move an entry.")
            return
        move_record(self.records, record, step)
        self.post_message(messages.ReviewChanged())
        self.refresh_rows(select=record)

