"""The review's records check every value on the way in, and never show one in a message."""

import datetime as dt
import traceback

import pytest
from hypothesis import given
from strategies import answers, reviews

from imr_tui.model import Chronology, ChronologyEntry, Lesson, Review, TermAnalysis
from imr_tui.schema import Invalid

SENTINEL = "Zephyrine Quockerwodger"  # stands for the child's name


def _problems(refused: pytest.ExceptionInfo[Invalid]) -> list[str]:
    return [".".join(map(str, where)) + ": " + what for where, what in refused.value.problems]


def test_a_wrong_value_is_refused_when_assigned_and_the_answer_kept():
    entry = ChronologyEntry(id=1, what_happened="Home visit")
    with pytest.raises(Invalid) as refused:
        entry.date = SENTINEL
    assert _problems(refused) == ["date: should be a date, like 2010-04-09 (no quotes)"]
    assert entry.date is None
    assert entry.what_happened == "Home visit"


def test_an_assignment_that_breaks_a_rule_across_records_is_refused_and_undone():
    chronology = Chronology(entries=[ChronologyEntry(id=1)])
    with pytest.raises(Invalid) as refused:
        chronology.entries = [ChronologyEntry(id=2), ChronologyEntry(id=2)]
    assert _problems(refused) == [": two chronology entries have the id 2"]
    assert [e.id for e in chronology.entries] == [1]


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("id", 0, "should be a whole number from 1 to 2147483647"),
        ("id", True, "should be a whole number from 1 to 2147483647"),
        ("date", dt.datetime(2010, 4, 9, 10, 0), "should be a date, like 2010-04-09 (no quotes)"),
        ("time", dt.time(10, 0, tzinfo=dt.timezone.utc), "should be a time of day, like 14:30:00 (no quotes, no zone)"),
        ("date_approximate", "yes", "should be true or false"),
        ("contact_kind", "visit", "should be one of 'home visit', 'appointment', 'telephone call', "
         "'letter or email', 'meeting', 'referral', 'other'"),
        ("interviews", 3, "should be a list"),
        ("what_happened", None, "should be text"),
    ],
)
def test_each_kind_of_answer_refuses_what_it_cannot_hold(field, value, problem):
    with pytest.raises(Invalid) as refused:
        ChronologyEntry(**{"id": 1, field: value})
    assert _problems(refused) == [f"{field}: {problem}"]


def test_every_problem_in_a_file_is_found_each_with_where_it_is():
    data = Review().model_dump()
    data["chronology"]["entries"] = [{"id": 1, "colour": "red"}, {"date": "2010-04-09"}, "a note"]
    data["lessons"]["lessons"] = [{"id": 1, "implications": ["resources", "prayer"]}]
    with pytest.raises(Invalid) as refused:
        Review.model_validate(data)
    assert _problems(refused) == [
        "chronology.entries.0.colour: is not a field imr-tui knows",
        "chronology.entries.1.id: is missing",
        "chronology.entries.1.date: should be a date, like 2010-04-09 (no quotes)",
        "chronology.entries.2: should be a table",
        "lessons.lessons.0.implications.1: should be one of 'single-agency training', 'multi-agency training', "
        "'management and supervision', 'working in partnership', 'resources', 'children and adult services'",
    ]


def test_a_record_given_whole_is_kept_as_it_is():
    lesson = Lesson(id=4, text="Supervision")
    review = Review.model_validate({**Review().model_dump(), "lessons": {"lessons": [lesson]}})
    assert review.lessons.lessons[0] is lesson


def test_a_copy_of_the_data_shares_nothing_the_wizard_goes_on_changing():
    review = Review()
    review.chronology.entries.append(ChronologyEntry(id=1, interviews=[2]))
    data = review.model_dump(exclude_none=True)
    review.chronology.entries[0].interviews.append(3)
    review.chronology.entries[0].what_happened = "changed"
    review.chronology.entries.append(ChronologyEntry(id=2))
    assert data["chronology"]["entries"] == [
        {k: v for k, v in ChronologyEntry(id=1, interviews=[2]).model_dump().items() if v is not None}
    ]


@given(answers())
def test_no_message_or_traceback_shows_a_value(text):
    value = SENTINEL + text
    analysis = TermAnalysis(term=1, text=value)
    for attempt in (
        lambda: setattr(analysis, "term", value),
        lambda: Review.model_validate({"introduction": {value: value}, "glossary": value}),
        lambda: TermAnalysis(term=value, text=value),
    ):
        with pytest.raises(Invalid) as refused:
            attempt()
        shown = "".join(traceback.format_exception(refused.value)) + repr(analysis)
        assert SENTINEL not in shown


@given(reviews())
def test_a_review_made_again_from_its_data_is_the_same_review(review):
    assert Review.model_validate(review.model_dump()) == review


def test_reviews_that_differ_in_one_answer_are_not_the_same():
    changed = Review()
    changed.chronology.entries.append(ChronologyEntry(id=1, significance="Missed"))
    assert changed != Review()
    assert changed.model_copy(deep=True) == changed
