"""A list of records on a question page: a table, with add / change / delete / move."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from imr_tui.core.editing import move_record
from imr_tui.core.guidance import Question, template
from imr_tui.core.model import Review
from imr_tui.core.record_lists import COLUMNS
from imr_tui.ui import keys, messages
from imr_tui.ui.widgets.chrome import marks, wants_ascii


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

