"""A report's table as CSV that a spreadsheet opens safely: the chronology for the panel, or the
merged chronology.

Excel runs a cell that starts with =, +, -, @, a tab or a carriage return as a formula (OWASP's
CSV injection advice), so such a cell is written after a single quote, which Excel shows as text;
a cell that already starts with a quote before one of them gets one more, so that reading it back
(`undefused`) gives exactly the text written. UTF-8 with a byte order mark, and CRLF line ends,
as Excel expects.
"""

from __future__ import annotations

import csv
import io

from imr_tui.core.report.build import CHRONOLOGY_COLUMNS
from imr_tui.core.report.document import NOT_YET_ANSWERED, NOT_YET_DONE, Missing, Report, Table

FORMULA_STARTS = frozenset("=+-@\t\r")
_QUOTE = "'"
_QUOTED = FORMULA_STARTS | {_QUOTE}  # what follows a quote that `defused` added


def defused(cell: str) -> str:
    """`cell` as a spreadsheet must be given it: never the start of a formula."""
    first, second = cell[:1], cell[1:2]
    if first in FORMULA_STARTS or (first == _QUOTE and second in _QUOTED):
        return _QUOTE + cell
    return cell


def undefused(cell: str) -> str:
    """A cell's text as it was before `defused`."""
    return cell[1:] if cell[:1] == _QUOTE and cell[1:2] in _QUOTED else cell


def _text(value: str | Missing) -> str:
    if isinstance(value, Missing):
        return NOT_YET_DONE if value.sign_off else NOT_YET_ANSWERED
    return value


def render_csv(table: Table) -> str:
    """The table as CSV: its header row, then a row a line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([defused(h) for h in table.header])
    writer.writerows([defused(_text(cell)) for cell in row] for row in table.rows)
    return "\ufeff" + out.getvalue()


def chronology_table(report: Report) -> Table:
    """The table of a report's chronology; its headings alone when there are no entries."""
    part = next(p for p in report.parts if p.id == "chronology")
    empty = Table(("No.", *(heading for heading, _ in CHRONOLOGY_COLUMNS)), ())
    return next((block for block in part.blocks if isinstance(block, Table)), empty)
