"""A chronology's dates as records give them: a day, a month or a year, perhaps approximate,
typed as an author writes them, stored unambiguously, shown as written, sorted sensibly."""

import datetime as dt

import pytest
import tomli_w
from bad_files import a_review
from hypothesis import given
from hypothesis import strategies as st
from strategies import uncertain_dates

from imr_tui.core import store
from imr_tui.core.dates import UNCERTAIN_DATE_HELP, BadDate, UncertainDate, parse_uncertain_date
from imr_tui.core.editing import chronology_order
from imr_tui.core.model import ChronologyEntry

MARCH_2011 = UncertainDate(2011, 3)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("14/03/2011", UncertainDate(2011, 3, 14)),
        ("14.3.2011", UncertainDate(2011, 3, 14)),
        ("14th March 2011", UncertainDate(2011, 3, 14)),
        ("?/03/2011", MARCH_2011),
        ("??/03/2011", MARCH_2011),
        ("xx/03/2011", MARCH_2011),
        ("03/2011", MARCH_2011),
        ("March 2011", MARCH_2011),
        ("mar 2011", MARCH_2011),
        ("2011-03", MARCH_2011),
        ("?/?/2011", UncertainDate(2011)),
        ("2011", UncertainDate(2011)),
        ("c. 2010", UncertainDate(2010, approximate=True)),
        ("c.2010", UncertainDate(2010, approximate=True)),
        ("circa 2010", UncertainDate(2010, approximate=True)),
        ("about 14/03/2011", UncertainDate(2011, 3, 14, approximate=True)),
        ("approx. March 2011", UncertainDate(2011, 3, approximate=True)),
        ("2011-03~", UncertainDate(2011, 3, approximate=True)),
        ("  ", None),
    ],
)
def test_an_author_types_a_date_as_the_record_gives_it(typed, meant):
    assert parse_uncertain_date(typed) == meant


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("14/?/2011", UNCERTAIN_DATE_HELP),  # a day without its month
        ("31/02/2011", "That day does not exist in that month"),
        ("13/2011", "The month must be from 1 to 12"),
        ("14/03/11", UNCERTAIN_DATE_HELP),  # which century?
        ("Smarch 2011", UNCERTAIN_DATE_HELP),
        ("yesterday", UNCERTAIN_DATE_HELP),
    ],
)
def test_a_date_that_is_not_one_is_refused_with_a_reason(typed, reason):
    with pytest.raises(BadDate) as refused:
        parse_uncertain_date(typed)
    assert str(refused.value) == reason


@given(uncertain_dates())
def test_a_date_is_shown_as_written_and_stored_unambiguously_and_each_reads_back(date):
    assert parse_uncertain_date(date.written) == date
    assert parse_uncertain_date(date.stored) == date
    assert ChronologyEntry(id=1, date=date.stored).date == date
    assert ChronologyEntry(id=1, date=date).model_dump()["date"] == date.stored


@pytest.mark.parametrize(
    ("date", "written", "stored"),
    [
        (UncertainDate(2011, 3, 14), "14/03/2011", "2011-03-14"),
        (MARCH_2011, "March 2011", "2011-03"),
        (UncertainDate(2010, approximate=True), "c. 2010", "2010~"),
        (UncertainDate(2010, 8, 16, approximate=True), "c. 16/08/2010", "2010-08-16~"),
    ],
)
def test_dates_read_as_an_author_writes_them(date, written, stored):
    assert (date.written, date.stored) == (written, stored)


@given(st.text())
def test_any_typed_text_is_a_date_nothing_or_a_fixed_reason(typed):
    try:
        parse_uncertain_date(typed)
    except BadDate as bad:
        assert str(bad) in {
            UNCERTAIN_DATE_HELP,
            "The month must be from 1 to 12",
            "That day does not exist in that month",
            "The year must be from 1 to 9999",
        }


@given(uncertain_dates(), uncertain_dates())
def test_a_month_sorts_before_the_days_in_it_and_after_the_days_before_it(first, second):
    def order(date):
        return chronology_order(ChronologyEntry(id=1, date=date))

    if first.latest < second.earliest:
        assert order(first) < order(second)
    if first.earliest == second.earliest and first.precision == "month" and second.precision == "day":
        assert order(first) < order(second)  # March 2011 heads the days of March


def test_the_worked_example_has_an_uncertain_date_and_a_source_for_every_entry():
    from imr_tui.core.guidance.example import worked_example

    entries = worked_example().chronology.entries
    assert [e.date.written for e in entries if e.date.precision != "day"] == ["August 2010"]
    assert all(e.source.strip() for e in entries)


def test_a_schema_2_review_opens_upgraded_its_approximate_date_kept(tmp_path):
    data = a_review().model_dump(exclude_none=True)
    data["schema_version"] = 2
    del data["people"]
    entries = data["chronology"]["entries"]
    entries[0]["date"], entries[0]["date_approximate"] = dt.date(2011, 3, 14), True
    entries[1]["date"], entries[1]["date_approximate"] = dt.date(2011, 3, 20), False
    for entry in entries:
        del entry["source"]
    path = tmp_path / "review.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    review = store.load(path)
    assert [e.date for e in review.chronology.entries] == [
        UncertainDate(2011, 3, 14, approximate=True),
        UncertainDate(2011, 3, 20),
    ]
    assert [e.source for e in review.chronology.entries] == ["", ""]  # for the check to ask for
    assert review.people.entries == []


def test_a_date_known_to_the_day_is_that_day_and_no_other_is():
    assert UncertainDate(2011, 3, 14) == dt.date(2011, 3, 14) and dt.date(2011, 3, 14) == UncertainDate(2011, 3, 14)
    assert dt.date(2011, 3, 14) in {UncertainDate(2011, 3, 14)}
    assert UncertainDate(2011, 3, 14, approximate=True) != dt.date(2011, 3, 14)
    assert MARCH_2011 != dt.date(2011, 3, 1) and UncertainDate(2011) != dt.date(2011, 1, 1)
    assert UncertainDate(2011, 3) != UncertainDate(2011, 3, approximate=True)
