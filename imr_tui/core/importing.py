"""A chronology taken from an agency's case system as a spreadsheet (CSV), read into entries.

The first row names the columns: the chronology's headings as the report and `export --format
csv` write them (Date, Time, Source, Agency or team, ...), or the fields' names in the review file
(date, agency_team, ...), in any order and case. Dates are read as an author writes them
(14/03/2011, ?/03/2011, March 2011, c. 2010). Every row is read before any is used: a bad one is
named by its row (as the spreadsheet numbers it, the heading row being 1) and column, and then
nothing is imported. Messages never quote a cell.
"""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from imr_tui.core.dates import BadDate, parse_time, parse_uncertain_date
from imr_tui.core.guidance import template
from imr_tui.core.model import MAX_ITEMS, MAX_TEXT, ChronologyEntry
from imr_tui.core.problems import problems
from imr_tui.core.report.build import CHRONOLOGY_COLUMNS
from imr_tui.core.report.spreadsheet import undefused
from imr_tui.core.store import ReviewFileError, os_reason
from imr_tui.core.wording import plural

MAX_BYTES = 16 * 2**20  # a 10,000-entry chronology of long entries is about 12 MB
MAX_COLUMNS = 64
# Columns the export writes that hold nothing to import: the report's own numbering, and links
# to another review's interview records and terms of reference.
SET_ASIDE = ("no", "no.", "interviews (appendix i)", "interviews", "terms of reference", "terms")


class ImportRefused(ReviewFileError):
    """The spreadsheet cannot be imported: one line naming the file, row and column."""


def _said(heading: str) -> str:
    """A heading as it is compared: case, underscores and spacing set aside."""
    return " ".join(heading.replace("_", " ").casefold().split())


def _columns() -> dict[str, str]:
    """Every heading a column may have, to the entry's field it fills."""
    kind = template().records["chronology-entry"]
    known = {}
    for heading, field_id in CHRONOLOGY_COLUMNS:
        for name in (heading, field_id, kind.field(field_id).prompt.rstrip("?")):
            known[_said(name)] = field_id
    return known


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: as a spreadsheet names its columns."""
    letters = ""
    index += 1
    while index:
        index, left = divmod(index - 1, 26)
        letters = chr(ord("A") + left) + letters
    return letters


def read_chronology_csv(path: Path, room: int = MAX_ITEMS) -> list[ChronologyEntry]:
    """The entries in the CSV file at `path` (ids still to give: see editing.add_record), at most
    `room` of them; ImportRefused, naming the first bad row and column, if any row is bad."""
    text = _text(path)
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_TEXT + 2)
    try:
        return _Reader(path, room).entries(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise ImportRefused(
            f"{path}: is not a CSV file a spreadsheet writes (a cell too long, or quotes that do not close)"
        ) from None
    finally:
        csv.field_size_limit(limit)


def _text(path: Path) -> str:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ImportRefused(f"{path}: is not a regular file")
        if info.st_size > MAX_BYTES:
            raise ImportRefused(f"{path}: is larger than the {MAX_BYTES // 2**20} MB a chronology to import can be")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused(f"{path}: does not exist") from None
    except OSError as error:
        raise ImportRefused(f"{path}: could not read: {os_reason(error)}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"{path}: is not UTF-8 text (bad byte at offset {error.start}): save it from the spreadsheet as CSV UTF-8"
        ) from None


class _Reader:
    def __init__(self, path: Path, room: int) -> None:
        self.path = path
        self.room = room
        self.kind = template().records["chronology-entry"]
        self.headings = dict((field_id, heading) for heading, field_id in CHRONOLOGY_COLUMNS)

    def refuse(self, where: str, why: str) -> ImportRefused:
        return ImportRefused(f"{self.path}: {where + ': ' if where else ''}{why}; nothing was imported")

    def entries(self, rows: Any) -> list[ChronologyEntry]:
        header = next(rows, None)
        if header is None:
            raise ImportRefused(f"{self.path}: is empty; nothing was imported")
        fields = self.header(header)
        found: list[ChronologyEntry] = []
        first: ImportRefused | None = None
        bad = 0
        for number, row in enumerate(rows, 2):
            if not any(cell.strip() for cell in row):
                continue  # spreadsheets often end with empty rows
            if len(found) + bad >= self.room:
                raise self.refuse("", f"has more than the {self.room:,} rows the chronology has room for")
            try:
                found.append(self.entry(number, row, fields))
            except ImportRefused as problem:
                first, bad = first or problem, bad + 1
        if first is not None:
            more = f" (and {plural(bad - 1, 'more bad row')})" if bad > 1 else ""
            raise ImportRefused(f"{first}{more}")
        return found

    def header(self, header: list[str]) -> list[str | None]:
        """Each column's field (None for a column set aside)."""
        if len(header) > MAX_COLUMNS:
            raise self.refuse("row 1", f"has more than the {MAX_COLUMNS} columns a chronology can")
        known = _columns()
        fields: list[str | None] = []
        for index, heading in enumerate(header):
            said = _said(undefused(heading))
            where = f"row 1, column {column_letter(index)}"
            if said in SET_ASIDE or not said:
                fields.append(None)
                continue
            if said not in known:
                names = ", ".join(heading for heading, _ in CHRONOLOGY_COLUMNS)
                raise self.refuse(where, f"its heading is not one imr-tui knows (it knows {names})")
            if known[said] in fields:
                raise self.refuse(where, f"a second {self.headings[known[said]]} column")
            fields.append(known[said])
        if "date" not in fields:
            raise self.refuse("row 1", "there is no Date column")
        return fields

    def entry(self, number: int, row: list[str], fields: list[str | None]) -> ChronologyEntry:
        if len(row) > len(fields) and any(cell.strip() for cell in row[len(fields):]):
            raise self.refuse(f"row {number}", "has more cells than the heading row has columns")
        answers: dict[str, Any] = {}
        for index, (cell, field_id) in enumerate(zip(row, fields)):
            if field_id is None:
                continue
            where = f"row {number}, column {column_letter(index)} ({self.headings[field_id]})"
            try:
                answers[field_id] = self.value(field_id, undefused(cell))
            except BadDate as bad:
                reason = str(bad)
                raise self.refuse(where, reason[:1].lower() + reason[1:]) from None
            except ValueError as bad:
                raise self.refuse(where, str(bad)) from None
        try:
            return ChronologyEntry(id=1, **answers)
        except ValidationError as error:
            first = problems(error, ChronologyEntry, most=1)[0]
            field_id, _, reason = first.partition(": ")
            column = fields.index(field_id) if field_id in fields else 0
            heading = self.headings.get(field_id, field_id)
            raise self.refuse(f"row {number}, column {column_letter(column)} ({heading})", reason) from None

    def value(self, field_id: str, cell: str) -> Any:
        """A cell's value for the entry's field, read as an author types it."""
        if field_id == "date":
            date = parse_uncertain_date(cell)
            if date is None:
                raise ValueError("is empty: every entry needs its date")
            return date
        if field_id == "time":
            return parse_time(cell)
        question = self.kind.field(field_id)
        if question.kind == "choice":
            chosen = next((option for option in question.options if _said(option) == _said(cell)), None)
            if chosen is None and cell.strip():
                raise ValueError(f"should be one of {', '.join(question.options)}")
            return chosen or question.default or question.options[0]
        return cell
