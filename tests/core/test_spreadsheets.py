"""A chronology as a spreadsheet: written as CSV that Excel opens safely, and read back from one
an agency's case system wrote, every row checked before any is used."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import answers, models, uncertain_dates

from imr_tui.core.exporting import export
from imr_tui.core.guidance.example import worked_example
from imr_tui.core.importing import MAX_BYTES, ImportRefused, column_letter, read_chronology_csv
from imr_tui.core.model import ChronologyEntry
from imr_tui.core.report.spreadsheet import FORMULA_STARTS, defused, undefused
from imr_tui.core.standard_text import new_review

SENTINEL = "Zephyrine Quockerwodger"
IMPORTED = ("date", "time", "source", "agency_team", "practitioner", "contact_kind", "what_happened", "action_outcome", "significance")


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


@given(st.text())
def test_a_cell_is_never_the_start_of_a_formula_and_reads_back_as_written(cell):
    safe = defused(cell)
    assert safe[:1] not in FORMULA_STARTS
    assert undefused(safe) == cell


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_formula_in_an_answer_is_written_after_a_quote(cell):
    review = worked_example().model_copy(deep=True)
    review.chronology.entries[0].what_happened = cell
    written = rows(export(review, format="csv").data)
    column = written[0].index("What happened")
    assert written[1][column] == "'" + cell


def test_the_chronology_as_csv_has_the_reports_columns_a_row_an_entry_in_date_order():
    review = worked_example()
    written = rows(export(review, format="csv").data)
    assert written[0] == ["No.", "Date", "Time", "Source", "Agency or team", "Practitioner", "Contact", "What happened",
                          "Action and outcome", "Significance", "Interviews (Appendix I)", "Terms of reference"]
    assert [row[0] for row in written[1:]] == [str(n) for n in range(1, 19)]
    assert written[5][1] == "August 2010"
    assert export(review, format="csv").data.startswith("\ufeff")  # Excel then reads it as UTF-8


def _write(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


entries = st.lists(
    models(ChronologyEntry, date=uncertain_dates(), time=st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)),
           **{name: answers() for name in ("source", "agency_team", "practitioner", "what_happened", "action_outcome", "significance")}),
    min_size=1,
    max_size=5,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries)
def test_a_chronology_exported_as_csv_imports_as_the_same_entries(tmp_path, drawn):
    review = new_review()
    review.chronology.entries = [entry.model_copy(update={"id": n}) for n, entry in enumerate(drawn, 1)]
    path = _write(tmp_path, export(review, format="csv").data)
    back = read_chronology_csv(path)
    key = lambda entry: (entry.date.stored, str(entry.time), *(getattr(entry, name) for name in IMPORTED[2:]))  # noqa: E731
    assert sorted(map(key, back)) == sorted(map(key, review.chronology.entries))


def test_an_agencys_spreadsheet_is_read_by_its_headings_in_any_order_and_case(tmp_path):
    path = _write(tmp_path, (
        "what_happened,DATE,Time,Contact,Agency or team,source,Unused\r\n"
        "Seen at home,?/03/2011,09:30,Home visit,Health Visiting,EPR note 4,\r\n"
        ",,,,,,\r\n"  # an empty row, as spreadsheets leave at the end
        "Letter sent,c. 2010,,,,File 2,\r\n"
    ).replace("Unused", "No."))
    first, second = read_chronology_csv(path)
    assert (first.date.written, first.time, first.contact_kind, first.source) == ("March 2011", dt.time(9, 30), "home visit", "EPR note 4")
    assert (second.date.written, second.contact_kind, second.what_happened) == ("c. 2010", "other", "Letter sent")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Date,Colour\r\n01/02/2011,red\r\n", "row 1, column B: its heading is not one imr-tui knows (it knows Date, Time, Source, "
         "Agency or team, Practitioner, Contact, What happened, Action and outcome, Significance); nothing was imported"),
        ("Time,Source\r\n09:30,x\r\n", "row 1: there is no Date column; nothing was imported"),
        ("Date,date\r\n01/02/2011,01/02/2011\r\n", "row 1, column B: a second Date column; nothing was imported"),
        ("Date,What happened\r\n01/02/2011,ok\r\n31/02/2011,SENTINEL\r\n",
         "row 3, column A (Date): that day does not exist in that month; nothing was imported"),
        ("What happened,Date\r\nSENTINEL,\r\n", "row 2, column B (Date): is empty: every entry needs its date; nothing was imported"),
        ("Date,Time\r\n01/02/2011,25:00\r\n01/02/2011,SENTINEL\r\n",
         "row 2, column B (Time): the time must be from 00:00 to 23:59; nothing was imported (and 1 more bad row)"),
        ("Date,Contact\r\n01/02/2011,SENTINEL\r\n", "row 2, column B (Contact): should be one of home visit, appointment, "
         "telephone call, letter or email, meeting, referral, other; nothing was imported"),
        ("Date\r\n01/02/2011,SENTINEL\r\n", "row 2: has more cells than the heading row has columns; nothing was imported"),
        ("", "is empty; nothing was imported"),
    ],
)
def test_a_bad_spreadsheet_is_refused_by_row_and_column_never_quoting_a_cell(tmp_path, text, said):
    path = _write(tmp_path, text.replace("SENTINEL", SENTINEL))
    with pytest.raises(ImportRefused) as refused:
        read_chronology_csv(path)
    assert str(refused.value) == f"{path}: {said}"
    assert SENTINEL not in str(refused.value)


def test_a_file_that_is_not_utf8_or_too_large_is_refused_before_it_is_read(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Date,What happened\r\n01/02/2011,café\r\n".encode("latin-1"))
    with pytest.raises(ImportRefused, match="is not UTF-8 text \\(bad byte at offset 34\\): save it from the spreadsheet as CSV UTF-8"):
        read_chronology_csv(latin)
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as file:
        file.truncate(MAX_BYTES + 1)
    with pytest.raises(ImportRefused, match="is larger than the 16 MB"):
        read_chronology_csv(huge)


def test_rows_past_the_room_in_the_chronology_are_refused(tmp_path):
    path = _write(tmp_path, "Date\r\n" + "01/02/2011\r\n" * 4)
    with pytest.raises(ImportRefused, match="has more than the 3 rows the chronology has room for"):
        read_chronology_csv(path, room=3)


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA")])
def test_columns_are_named_as_a_spreadsheet_names_them(index, letters):
    assert column_letter(index) == letters


def test_an_anonymised_csv_is_held_back_only_by_a_name_left_in_the_chronology():
    review = worked_example().model_copy(deep=True)
    review.interviews.records[0].interviewee = "Pat Unknown"  # not in the CSV, which is the chronology alone
    assert export(review, format="csv", anonymised=True).problems == []
    review.people.entries[1].label = "Lily-Mae's brother"  # a label that puts a name back
    review.chronology.entries[2].significance += " Jayden was there."
    assert export(review, format="csv", anonymised=True).problems == [
        "Section 9 Chronology of contacts, chronology entry 3, significance: still holds a registered name"
    ]
