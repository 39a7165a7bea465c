"""The review file's pydantic models check every value on the way in, find every problem in a
file at once, and never show a value from the review in a message, a repr or a traceback."""

import datetime as dt
import traceback

import pytest
from hypothesis import given
from pydantic import ValidationError
from strategies import answers, reviews

from imr_tui.core import store
from imr_tui.core.dates import BAD_STORED_DATE
from imr_tui.core.guidance import template
from imr_tui.core.model import (
    MAX_ITEMS,
    MAX_LINE,
    MAX_TEXT,
    PART_CLASSES,
    RECORD_CLASSES,
    ChronologyEntry,
    Lesson,
    Review,
    TermAnalysis,
    blank_review,
)
from imr_tui.core.problems import problems

PLANTED = "Zephyrine Quockerwodger"  # stands for the child's name


def _refused(attempt) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        attempt()
    return refused.value


def test_a_wrong_value_is_refused_when_assigned_and_the_answer_kept():
    entry = ChronologyEntry(id=1, what_happened="Home visit")
    refused = _refused(lambda: setattr(entry, "date", "09/04/2010"))  # as typed, not as the file holds it
    assert problems(refused, ChronologyEntry) == [f"date: {BAD_STORED_DATE}"]
    assert entry.date is None and entry.what_happened == "Home visit"


def test_an_assignment_that_gives_two_records_one_id_is_refused_and_changes_nothing():
    chronology = PART_CLASSES["chronology"](entries=[ChronologyEntry(id=1)])
    refused = _refused(lambda: setattr(chronology, "entries", [ChronologyEntry(id=2), ChronologyEntry(id=2)]))
    assert problems(refused, PART_CLASSES["chronology"]) == ["entries: two records have the same id (2)"]
    assert [e.id for e in chronology.entries] == [1]


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("id", 0, "should be 1 or more"),
        ("id", 2**31, "should be 2147483647 or less"),
        ("id", True, "should be a whole number"),
        ("date", dt.datetime(2010, 4, 9, 10, 0), BAD_STORED_DATE),
        ("date", "2010-13", BAD_STORED_DATE),
        ("date", "2010-02-30~", BAD_STORED_DATE),
        ("time", dt.time(10, 0, tzinfo=dt.timezone.utc), "a time of day has no time zone"),
        ("time", "10:30", "should be a time of day, like 14:30:00 (no quotes)"),
        ("contact_kind", "visit", "should be one of 'home visit', 'appointment', 'telephone call', "
         "'letter or email', 'meeting', 'referral' or 'other'"),
        ("interviews", 3, "should be a list"),
        ("what_happened", None, "should be text"),
        ("what_happened", "x" * (MAX_TEXT + 1), f"is longer than the {MAX_TEXT:,} characters imr-tui takes"),
        ("practitioner", "x" * (MAX_LINE + 1), f"is longer than the {MAX_LINE:,} characters imr-tui takes"),
        ("terms", list(range(1, MAX_ITEMS + 2)), f"holds more than the {MAX_ITEMS:,} items imr-tui takes"),
    ],
)
def test_each_kind_of_answer_refuses_what_it_cannot_hold(field, value, problem):
    refused = _refused(lambda: ChronologyEntry(**{"id": 1, field: value}))
    assert problems(refused, ChronologyEntry) == [f"{field}: {problem}"]


def test_every_problem_in_a_file_is_found_in_one_pass_each_named_in_the_reviewers_words():
    data = blank_review().model_dump()
    data["chronology"]["entries"] = [{"id": 1, "colour": "red", "dtae": None}, {"date": 2010}, "a note"]
    data["lessons"]["lessons"] = [{"id": 1, "implications": ["resources", "prayer"]}]
    data["review_details"]["children"] = ["Child A", 7]
    del data["glossary"]
    refused = _refused(lambda: Review.model_validate(data))
    assert problems(refused) == [
        "Review details, children, item 2: should be text",
        "Section 9 Chronology of contacts, chronology entry 1: has a field imr-tui does not know",
        "Section 9 Chronology of contacts, chronology entry 1: has a field imr-tui does not know (is it a misspelt date?)",
        "Section 9 Chronology of contacts, chronology entry 2, id: is missing",
        f"Section 9 Chronology of contacts, chronology entry 2, date: {BAD_STORED_DATE}",
        "Section 9 Chronology of contacts, chronology entry 3: should be a table",
        "Section 12 What do we learn from this case?, lesson 1, implications, item 2: should be one of "
        "'single-agency training', 'multi-agency training', 'management and supervision', "
        "'working in partnership', 'resources' or 'children and adult services'",
        "has no [glossary] table",
    ]


# Every kind of error the model can raise, each with the planted name where the value goes (or
# as the unknown key), from a file as the store reads it.
PLANTED_IN_EVERY_KIND_OF_ERROR = {
    "text where a date goes": ("chronology", "entries", 0, "date"),
    "text where a time goes": ("chronology", "entries", 0, "time"),
    "text where yes or no goes": ("review_details", "terms_of_reference_draft"),
    "text where an id goes": ("chronology", "entries", 0, "id"),
    "text where a list goes": ("chronology", "entries", 0, "terms"),
    "text where a record goes": ("chronology", "entries", 0),
    "text where a part goes": ("analysis",),
    "a choice not on the list": ("chronology", "entries", 0, "contact_kind"),
    "a choice not on the list, in a list": ("lessons", "lessons", 0, "implications", 0),
    "a line too long": ("review_details", "long"),
    "an unknown key": ("review_details", "key"),
    "an unknown key that looks like a field": ("review_details", "lower"),
    "an unknown part": ("key",),
}
KEYS = ("an unknown key", "an unknown key that looks like a field", "an unknown part")


def _plant(data: dict, where: tuple) -> None:
    *path, last = where
    node = data
    for step in path:
        node = node[step]
    if last == "key":
        node[PLANTED] = PLANTED
    elif last == "lower":
        node["quockerwodger"] = PLANTED
    elif last == "long":
        node["agency"] = PLANTED * (MAX_LINE // len(PLANTED) + 1)
    elif isinstance(node, list) and isinstance(last, int) and last >= len(node):
        node.append(PLANTED)
    else:
        node[last] = PLANTED


@pytest.mark.parametrize("kind", PLANTED_IN_EVERY_KIND_OF_ERROR)
def test_no_kind_of_error_shows_the_value_it_refused(kind, tmp_path):
    where = PLANTED_IN_EVERY_KIND_OF_ERROR[kind]
    data = blank_review().model_dump(exclude_none=True)
    data["chronology"]["entries"] = [ChronologyEntry(id=1).model_dump(exclude_none=True)]
    data["lessons"]["lessons"] = [Lesson(id=1).model_dump()]
    _plant(data, where)
    path = tmp_path / "review.toml"
    store.write_private_text(path, store.TomlWriter().dumps(data))

    with pytest.raises(store.ReviewFileError) as refused:
        store.load(path)
    raw = _refused(lambda: Review.model_validate(data))

    ours = [str(refused.value), *refused.value.problems, "".join(traceback.format_exception(refused.value))]
    # pydantic's own error, which imr-tui never shows, keeps an unknown key in its location.
    pydantics = [str(raw), repr(raw), "".join(traceback.format_exception(raw))] if kind not in KEYS else []
    assert PLANTED not in "\n".join(ours + pydantics)
    assert "quockerwodger" not in "\n".join(ours)


@given(answers())
def test_no_repr_shows_an_answer(text):
    review = blank_review()
    review.review_details.children = [PLANTED + text]
    review.chronology.entries.append(ChronologyEntry(id=1, what_happened=PLANTED + text))
    review.analysis.set_text_for_term(1, PLANTED + text)
    shown = [repr(review), str(review), repr(review.chronology), repr(review.chronology.entries),
             repr(review.analysis.by_term), f"{review!r} {review.chronology.entries[0]}"]
    assert not any(PLANTED in each for each in shown)


@given(answers())
def test_a_refused_assignment_never_shows_the_value(text):
    analysis = TermAnalysis(term=1, text="kept")
    refused = _refused(lambda: setattr(analysis, "term", PLANTED + text))
    shown = "".join(traceback.format_exception(refused)) + repr(analysis)
    assert PLANTED not in shown and analysis.text == "kept"


def test_a_record_given_whole_is_kept_as_it_is():
    lesson = Lesson(id=4, text="Supervision")
    review = Review.model_validate({**blank_review().model_dump(), "lessons": {"lessons": [lesson]}})
    assert review.lessons.lessons[0] is lesson


def test_a_snapshot_to_save_shares_nothing_the_wizard_goes_on_changing():
    review = blank_review()
    review.chronology.entries.append(ChronologyEntry(id=1, interviews=[2]))
    data = store.snapshot(review)
    review.chronology.entries[0].interviews.append(3)
    review.chronology.entries[0].what_happened = "changed"
    review.chronology.entries.append(ChronologyEntry(id=2))
    assert data["chronology"]["entries"] == [ChronologyEntry(id=1, interviews=[2]).model_dump(exclude_none=True)]


@given(reviews())
def test_a_review_made_again_from_its_data_is_the_same_review(review):
    assert Review.model_validate(review.model_dump()) == review


def test_reviews_that_differ_in_one_answer_are_not_the_same():
    changed = blank_review()
    changed.chronology.entries.append(ChronologyEntry(id=1, significance="Missed"))
    assert changed != blank_review()
    assert changed.model_copy(deep=True) == changed


def test_a_new_review_answers_each_choice_with_the_templates_default():
    entry = ChronologyEntry(id=1)
    kind = template().records["chronology-entry"]
    assert entry.contact_kind == kind.field("contact_kind").default == "other"
    assert RECORD_CLASSES["source"](id=1).kind == template().records["source"].field("kind").options[0]
    assert blank_review().review_details.terms_of_reference_draft is True


def test_a_review_saved_before_the_marking_and_version_were_asked_reads_their_defaults():
    old = store.dumps(blank_review()).replace('protective_marking = "OFFICIAL-SENSITIVE"\n', "").replace('version = "1"\n', "")
    assert "protective_marking" not in old and "\nversion =" not in old
    details = store.loads(old, "old.toml").review_details
    assert (details.protective_marking, details.version) == ("OFFICIAL-SENSITIVE", "1")
