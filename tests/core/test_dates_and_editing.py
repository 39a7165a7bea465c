"""Dates typed the UK way, and lists of records whose links stay true as the author edits them."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imr_tui.core.dates import BadDate, format_date, format_time, parse_date, parse_time
from imr_tui.core.editing import add_record, delete_question, delete_record, fields_to_ask, move_record, sort_chronology
from imr_tui.core.model import ChronologyEntry, InterviewRecord, Lesson, Recommendation, TermOfReference
from imr_tui.core.progress import COMPLETED, IN_PROGRESS, NOT_STARTED, part_status
from imr_tui.core.standard_text import new_review
from imr_tui.core.guidance import template


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_a_date_shown_to_the_author_reads_back_as_the_same_date(day):
    assert parse_date(format_date(day)) == day


@given(st.times())
def test_a_time_shown_to_the_author_reads_back_to_the_minute(moment):
    assert parse_time(format_time(moment)) == moment.replace(second=0, microsecond=0)


@pytest.mark.parametrize("typed, day", [("14/03/2011", dt.date(2011, 3, 14)), ("1/4/2010", dt.date(2010, 4, 1)), (" 14.03.2011 ", dt.date(2011, 3, 14)), ("", None)])
def test_an_author_types_a_date_as_they_write_it(typed, day):
    assert parse_date(typed) == day


@pytest.mark.parametrize("typed, reason", [("2011-03-14", "day/month/year"), ("31/02/2011", "does not exist"), ("14/13/2011", "month"), ("yesterday", "day/month/year")])
def test_a_date_that_is_not_one_is_refused_with_a_reason(typed, reason):
    with pytest.raises(BadDate, match=reason):
        parse_date(typed)


REASONS = {
    "Enter the date as day/month/year, e.g. 14/03/2011",
    "The month must be from 1 to 12",
    "That day does not exist in that month",
    "Enter the time as hours:minutes, e.g. 09:30",
    "The time must be from 00:00 to 23:59",
}


@given(st.text())
def test_any_typed_text_is_a_date_nothing_or_one_of_the_fixed_reasons(typed):
    for parse in (parse_date, parse_time):
        try:
            parse(typed)
        except BadDate as bad:
            assert str(bad) in REASONS  # never built from what was typed


def test_deleting_a_lesson_unlinks_it_from_every_recommendation():
    review = new_review()
    lessons = review.lessons.lessons
    first, second = add_record(lessons, Lesson), add_record(lessons, Lesson)
    recommendation = add_record(review.recommendations.recommendations, Recommendation, lessons=[first.id, second.id])
    delete_record(review, lessons, first)
    assert recommendation.lessons == [second.id]
    assert add_record(lessons, Lesson).id == second.id + 1  # an id is never reused while live


def test_deleting_a_term_of_reference_takes_its_analysis_and_its_links():
    review = new_review()
    terms = review.review_details.terms_of_reference
    term = add_record(terms, TermOfReference, text="Was the child seen?")
    review.analysis.set_text_for_term(term.id, "The child was seen twice.")
    review.methodologies.particular_terms = [term.id]
    entry = add_record(review.chronology.entries, ChronologyEntry, terms=[term.id])
    asked = delete_question(review, template().records["term-of-reference"], terms, term)
    assert asked == (
        "Delete term of reference 1? Its analysis in Section 11 Analysis is deleted too. "
        "2 answers that link to it lose the link. This cannot be undone."
    )
    delete_record(review, terms, term)
    assert review.analysis.by_term == [] and review.methodologies.particular_terms == [] and entry.terms == []


def test_deleting_a_record_nothing_else_needs_asks_only_whether_to_delete_it():
    review = new_review()
    lessons = review.lessons.lessons
    add_record(lessons, Lesson)
    second = add_record(lessons, Lesson)
    lesson = template().records["lesson"]
    assert delete_question(review, lesson, lessons, second) == "Delete lesson 2? This cannot be undone."
    add_record(review.recommendations.recommendations, Recommendation, lessons=[second.id])
    assert delete_question(review, lesson, lessons, second) == (
        "Delete lesson 2? 1 answer that links to it loses the link. This cannot be undone."
    )


def test_records_move_up_and_down_and_stay_put_at_the_ends():
    review = new_review()
    lessons = review.lessons.lessons
    a, b = add_record(lessons, Lesson), add_record(lessons, Lesson)
    move_record(lessons, a, -1)
    assert lessons == [a, b]
    move_record(lessons, a, +1)
    assert lessons == [b, a]


def test_the_chronology_sorts_by_date_and_time_with_undated_entries_last():
    review = new_review()
    entries = review.chronology.entries
    undated = add_record(entries, ChronologyEntry)
    late = add_record(entries, ChronologyEntry, date=dt.date(2011, 3, 14), time=dt.time(15, 0))
    early = add_record(entries, ChronologyEntry, date=dt.date(2011, 3, 14), time=dt.time(9, 0))
    assert sort_chronology(review)
    assert entries == [early, late, undated]
    assert not sort_chronology(review)  # already in order: nothing to save


def test_a_part_is_not_started_then_in_progress_then_completed_by_the_author():
    review = new_review()
    assert part_status(review, "childs-journey") == NOT_STARTED
    review.childs_journey.race = "White British"
    assert part_status(review, "childs-journey") == IN_PROGRESS
    review.childs_journey.completed = True
    assert part_status(review, "childs-journey") == COMPLETED


def test_a_link_is_asked_only_once_there_is_something_to_link_to():
    review = new_review()
    kind = template().records["chronology-entry"]
    asked = [f.id for f in fields_to_ask(kind, review)]
    assert "interviews" not in asked and "terms" not in asked and "what_happened" in asked
    review.interviews.records.append(InterviewRecord(id=1))
    asked = [f.id for f in fields_to_ask(kind, review)]
    assert "interviews" in asked and "terms" not in asked
