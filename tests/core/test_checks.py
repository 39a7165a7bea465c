"""Check your answers: the author is told exactly what stands between their review and the panel."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imr_tui.core.checks import SIGN_OFFS, Finding, errors, readiness_findings
from imr_tui.core.dates import UncertainDate, parse_uncertain_date
from pydantic import BaseModel as Model

from imr_tui.core.model import (
    RECORD_CLASSES,
    ChronologyEntry,
    InterviewRecord,
    Lesson,
    Person,
    Recommendation,
    Review,
    TermOfReference,
)
from imr_tui.core.standard_text import new_review
from imr_tui.core.guidance import template

SENTINEL = "Zephyrine Quockerwodger"
GlossaryEntry = RECORD_CLASSES["glossary-entry"]
Source = RECORD_CLASSES["source"]


def complete_review() -> Review:
    """A review an author has finished: every required answer given, signed off and linked up."""
    review = new_review()  # the board's introduction, placeholders filled from the details below
    for part in template().parts:
        answers = review.part(part.id)
        for question in part.questions:
            if question.kind in ("text", "long") and not getattr(answers, question.id):
                setattr(answers, question.id, "Answered in full, with dates and sources.")
    details = review.review_details
    details.children = ["Child A", "Sibling 1"]
    details.agency = "Northtown Health Visiting Service"
    details.author_name = "Sam Author"
    details.date_requested = dt.date(2012, 1, 10)
    details.records_secured = dt.date(2012, 1, 12)
    details.period_start = dt.date(2010, 4, 1)
    details.period_end = dt.date(2011, 3, 31)
    details.terms_of_reference = [
        TermOfReference(id=1, text="How well did agencies hear the child?"),
        TermOfReference(id=2, text="Was information shared between agencies?"),
    ]
    review.methodologies.sources = [Source(id=1, kind="case records", description="Health visiting records")]
    review.methodologies.particular_terms = [1]
    review.chronology.entries = [
        ChronologyEntry(
            id=1,
            date=dt.date(2011, 3, 14),
            source="Health visiting record, contact of 14/03/2011",
            agency_team="Health Visiting",
            practitioner="Health Visitor 1",
            contact_kind="home visit",
            what_happened="Child A seen at home with Mother; the GP letter was discussed.",
            interviews=[1],
            terms=[1, 2],
        )
    ]
    review.analysis.set_text_for_term(1, "The child was seen but not spoken to alone.")
    review.analysis.set_text_for_term(2, "The GP was told within a day.")
    review.lessons.lessons = [
        Lesson(id=1, kind="improvement", text="See the child alone at every visit."),
        Lesson(id=2, kind="good practice", text="Prompt letters to the GP."),
    ]
    review.recommendations.recommendations = [
        Recommendation(
            id=1,
            text="Health visitors see children alone.",
            lessons=[1],
            action="Revise the home visiting standard.",
            by_whom="Head of Safeguarding",
            by_when=dt.date(2012, 6, 30),
            intended_outcome="Children's own words are recorded.",
            evaluation="Audit 20 records in six months.",
        )
    ]
    review.interviews.records = [
        InterviewRecord(
            id=1,
            interviewee="Alex Example",
            interviewee_role="Health Visitor",
            interviewer="Sam Author, Named Nurse",
            date=dt.date(2012, 2, 1),
            place="Northtown Health Centre",
            record="Asked about the visit of 14/03/2011.",
            agreed_by_interviewee=True,
            agreed_on=dt.date(2012, 2, 8),
            signed_by_interviewer=True,
            interviewer_signed_on=dt.date(2012, 2, 8),
            signed_by_interviewee=True,
            interviewee_signed_on=dt.date(2012, 2, 8),
        )
    ]
    review.glossary.entries = [
        GlossaryEntry(id=1, abbreviation="GP", meaning="General Practitioner"),
        GlossaryEntry(id=2, abbreviation="IMR", meaning="Individual Management Review"),
        GlossaryEntry(id=3, abbreviation="SCR", meaning="Serious Case Review"),
    ]
    review.people.entries = [Person(id=1, name="Alex Example", label="Health Visitor 1", role="The family's health visitor")]
    return review


@pytest.fixture
def review() -> Review:
    return complete_review()


def where(finding: Finding) -> tuple:
    return (finding.severity, finding.part, finding.question, finding.record, finding.field)


def only(review: Review) -> Finding:
    findings = readiness_findings(review)
    assert len(findings) == 1, [f.message for f in findings]
    return findings[0]


# A finished review ----------------------------------------------------------------------------


def test_a_finished_review_has_nothing_to_fix(review):
    assert readiness_findings(review) == []


def test_a_finished_review_can_have_every_part_marked_completed(review):
    for part in template().parts:
        review.part(part.id).completed = True
    assert readiness_findings(review) == []


def test_a_new_review_has_errors_and_each_message_is_one_line():
    findings = readiness_findings(new_review())
    assert errors(findings)
    assert all(f.message.strip() and "\n" not in f.message for f in findings)


# Unanswered questions -------------------------------------------------------------------------

BLANK = {"text": " ", "long": "\n\t ", "date": None, "lines": ["", "  "], "records": [], "links": []}

REQUIRED_QUESTIONS = [
    (part.id, question)
    for part in template().parts
    for question in part.questions
    if question.required and question.kind in BLANK and (part.id, question.id) != ("analysis", "wishes_and_feelings")
]


@pytest.mark.parametrize(("part_id", "question"), REQUIRED_QUESTIONS, ids=lambda v: getattr(v, "id", v))
def test_a_required_question_left_blank_is_named(review, part_id, question):
    setattr(review.part(part_id), question.id, BLANK[question.kind])
    here = [f for f in readiness_findings(review) if (f.part, f.question) == (part_id, question.id)]
    assert [where(f) for f in here] == [("error", part_id, question.id, None, None)]
    assert here[0].message.startswith(template().part(part_id).heading + ": ")


def test_a_blank_question_is_named_by_its_prompt(review):
    review.review_details.author_role = ""
    assert only(review).message == "Review details: 'What is your job title?' has no answer yet"


def test_an_empty_list_asks_for_a_first_item(review):
    review.methodologies.sources = []
    assert only(review).message == "Section 3 Methodologies: add at least one source of information"


def test_an_optional_question_may_stay_blank(review):
    review.childs_journey.community = ""
    review.analysis.practice_changed_since = ""
    assert readiness_findings(review) == []


REQUIRED_RECORD_FIELDS = [
    (part.id, question.id, field)
    for part in template().parts
    for question in part.questions
    if question.kind == "records"
    for field in template().records[question.record].fields
    if field.required and field.kind in BLANK
]


@pytest.mark.parametrize(
    ("part_id", "question_id", "field"), REQUIRED_RECORD_FIELDS, ids=lambda v: getattr(v, "id", v)
)
def test_a_required_field_of_a_record_left_blank_is_named(review, part_id, question_id, field):
    first = getattr(review.part(part_id), question_id)[0]
    setattr(first, field.id, BLANK[field.kind])
    here = [f for f in readiness_findings(review) if f.field == field.id and f.part == part_id]
    record = getattr(first, "id", None)
    assert [where(f) for f in here] == [("error", part_id, question_id, record, field.id)]


def test_a_record_is_named_by_its_number_and_date(review):
    review.chronology.entries.insert(
        0, ChronologyEntry(id=2, date=dt.date(2010, 5, 1), source="Record", agency_team="Health Visiting", what_happened="Seen.")
    )
    finding = only(review)
    assert where(finding) == ("error", "chronology", "entries", 2, "practitioner")
    assert finding.message == "Chronology entry 1 (dated 01/05/2010): 'Practitioner, by role' has no answer yet"


def test_an_undated_chronology_entry_is_one_finding(review):
    review.chronology.entries[0].date = None
    finding = only(review)
    assert where(finding) == ("error", "chronology", "entries", 1, "date")
    assert finding.message == "Chronology entry 1: 'Date of the contact' has no answer yet"


# The introduction's placeholders --------------------------------------------------------------


def test_a_placeholder_the_details_cannot_fill_is_named_in_the_introduction(review):
    review.review_details.author_name = ""
    findings = readiness_findings(review)
    assert [where(f) for f in findings] == [
        ("error", "review-details", "author_name", None, None),
        ("error", "introduction", "text", None, None),
    ]
    assert findings[1].message == (
        "Section 2 Introduction still has the placeholder (insert NAME OF AUTHOR): "
        "it is filled in from your answer to 'What is your name?' in Review details"
    )


def test_a_placeholder_typed_into_the_independence_statement_is_found_too(review):
    review.review_details.agency = ""
    review.review_details.independence = "I work for (insert NAME OF ORGANISATION here)."
    placeholders = [(f.part, f.question) for f in readiness_findings(review) if "placeholder" in f.message]
    assert placeholders == [("review-details", "independence"), ("introduction", "text")]


# Interview records ----------------------------------------------------------------------------


def test_the_sign_offs_checked_are_the_templates_required_yes_no_fields():
    fields = template().records["interview-record"].fields
    assert {done for done, _, _ in SIGN_OFFS} == {f.id for f in fields if f.kind == "yes-no" and f.required}
    assert all(template().records["interview-record"].field(on).kind == "date" for _, on, _ in SIGN_OFFS)


@pytest.mark.parametrize(("done", "done_on", "what"), SIGN_OFFS)
def test_an_interview_record_not_agreed_and_signed_says_which_is_missing(review, done, done_on, what):
    setattr(review.interviews.records[0], done, False)
    finding = only(review)
    assert where(finding) == ("error", "interviews", "records", 1, done)
    assert finding.message == f"Interview record 1 (dated 01/02/2012) has not been {what}"


@pytest.mark.parametrize(("done", "done_on", "what"), SIGN_OFFS)
def test_a_sign_off_without_its_date_is_a_warning(review, done, done_on, what):
    setattr(review.interviews.records[0], done_on, None)
    finding = only(review)
    assert where(finding) == ("warning", "interviews", "records", 1, done_on)
    assert finding.message == f"Interview record 1 (dated 01/02/2012) has been {what}, but the date is missing"


def test_an_unsigned_interview_lists_each_missing_signature(review):
    record = review.interviews.records[0]
    record.signed_by_interviewer = record.signed_by_interviewee = False
    assert [f.field for f in readiness_findings(review)] == ["signed_by_interviewer", "signed_by_interviewee"]


# Dates and the review period ------------------------------------------------------------------


def test_a_contact_before_the_review_period_is_named(review):
    review.chronology.entries[0].date = dt.date(2010, 3, 14)
    finding = only(review)
    assert where(finding) == ("error", "chronology", "entries", 1, "date")
    assert finding.message == "Chronology entry 1 (dated 14/03/2010) is before the review period starts (01/04/2010)"


def test_an_approximate_date_after_the_review_period_is_for_the_author_to_judge(review):
    review.chronology.entries[0].date = UncertainDate(2011, 4, 2, approximate=True)
    finding = only(review)
    assert where(finding) == ("warning", "chronology", "entries", 1, "date")
    assert finding.message == (
        "Chronology entry 1 (dated c. 02/04/2011) is after the review period ends (31/03/2011), "
        "as far as its approximate date says: check it belongs"
    )


@pytest.mark.parametrize(
    ("typed", "severity", "said"),
    [
        ("March 2010", "error", "Chronology entry 1 (dated March 2010) is before the review period starts (01/04/2010)"),
        ("April 2011", "error", "Chronology entry 1 (dated April 2011) is after the review period ends (31/03/2011)"),
        ("2010", "warning", "Chronology entry 1 (dated 2010) may be before the review period starts (01/04/2010): its date gives only the year"),
        ("?/03/2011", None, None),
        ("c. 2010", "warning", "Chronology entry 1 (dated c. 2010) may be before the review period starts (01/04/2010): its date gives only the year"),
    ],
)
def test_a_month_or_year_is_outside_the_period_only_when_all_of_it_is(review, typed, severity, said):
    review.chronology.entries[0].date = parse_uncertain_date(typed)
    findings = readiness_findings(review)
    assert [(f.severity, f.message) for f in findings] == ([(severity, said)] if said else [])


def test_contacts_on_the_first_and_last_days_of_the_period_are_in_it(review):
    first = review.chronology.entries[0]
    last = first.model_copy(update={"id": 2, "date": UncertainDate(2011, 3, 31)})
    first.date = dt.date(2010, 4, 1)
    review.chronology.entries.append(last)
    assert readiness_findings(review) == []


def test_an_action_due_before_the_review_was_requested_is_questioned_but_not_refused(review):
    recommendation = review.recommendations.recommendations[0]
    recommendation.by_when = review.review_details.date_requested - dt.timedelta(days=1)
    finding = only(review)
    assert where(finding) == ("warning", "recommendations", "recommendations", recommendation.id, "by_when")
    assert finding.message == "Recommendation 1 is due by 09/01/2012, before the review was requested (10/01/2012)"
    recommendation.by_when = review.review_details.date_requested
    assert readiness_findings(review) == []


def test_a_review_period_that_ends_before_it_starts_is_one_finding(review):
    review.review_details.period_end = dt.date(2010, 1, 31)
    finding = only(review)
    assert where(finding) == ("error", "review-details", "period_end", None, None)
    assert finding.message == "Review details: the review period ends (31/01/2010) before it starts (01/04/2010)"


# Analysis --------------------------------------------------------------------------------------


def test_a_term_of_reference_without_analysis_is_named_by_its_number(review):
    review.review_details.terms_of_reference.insert(0, TermOfReference(id=3, text="Was the plan followed?"))
    finding = only(review)
    assert where(finding) == ("error", "analysis", "by_term", 3, None)
    assert finding.message == "Section 11 Analysis: term of reference 1 has no analysis yet"


def test_blank_analysis_for_a_term_counts_as_none(review):
    review.analysis.set_text_for_term(2, "  \n")
    assert where(only(review)) == ("error", "analysis", "by_term", 2, None)


def test_the_childs_wishes_and_feelings_unanswered_is_one_error_saying_why_it_matters(review):
    review.analysis.wishes_and_feelings = " "
    finding = only(review)
    assert where(finding) == ("error", "analysis", "wishes_and_feelings", None, None)
    assert "particularly important" in finding.message


# Lessons, recommendations and links ------------------------------------------------------------


def test_a_recommendation_that_flows_from_no_lesson_leaves_its_lesson_without_one(review):
    review.recommendations.recommendations[0].lessons = []
    findings = readiness_findings(review)
    assert [where(f) for f in findings] == [
        ("warning", "lessons", "lessons", 1, None),
        ("error", "recommendations", "recommendations", 1, "lessons"),
    ]
    assert findings[0].message == "Lesson 1 is a way practice can improve, but no recommendation flows from it"
    assert findings[1].message == "Recommendation 1: choose at least one answer to 'Which lessons does it flow from?'"


def test_good_practice_needs_no_recommendation_but_an_improvement_does(review):
    review.lessons.lessons.append(Lesson(id=3, kind="good practice", text="Letters were prompt."))
    assert readiness_findings(review) == []
    review.lessons.lessons.append(Lesson(id=4, kind="improvement", text="Share plans sooner."))
    assert where(only(review)) == ("warning", "lessons", "lessons", 4, None)


def test_removing_an_interview_record_a_contact_names_breaks_that_link(review):
    review.interviews.records = []
    finding = only(review)
    assert where(finding) == ("error", "chronology", "entries", 1, "interviews")
    assert finding.message == (
        "Chronology entry 1 (dated 14/03/2011): 'Which interview records speak to this contact?' "
        "names an interview record that no longer exists"
    )


@pytest.mark.parametrize(
    ("break_link", "expected"),
    [
        (
            lambda r: r.chronology.entries[0].terms.append(9),
            ("error", "chronology", "entries", 1, "terms"),
        ),
        (
            lambda r: r.recommendations.recommendations[0].lessons.append(9),
            ("error", "recommendations", "recommendations", 1, "lessons"),
        ),
        (
            lambda r: r.methodologies.particular_terms.append(9),
            ("error", "methodologies", "particular_terms", None, None),
        ),
        (
            lambda r: r.analysis.set_text_for_term(9, "Written before the item was removed."),
            ("error", "analysis", "by_term", None, None),
        ),
    ],
    ids=["chronology terms", "recommendation lessons", "particular terms", "analysis of a removed term"],
)
def test_a_link_to_something_removed_is_named(review, break_link, expected):
    break_link(review)
    finding = only(review)
    assert where(finding) == expected
    assert "no longer exists" in finding.message


# The glossary ----------------------------------------------------------------------------------


def test_an_unexplained_acronym_is_named_once(review):
    review.chronology.entries[0].action_outcome = "CAF started. The CAF was reviewed."
    finding = only(review)
    assert where(finding) == ("error", "glossary", "entries", None, None)
    assert finding.message == "'CAF' is used in the report but not explained in the glossary"


def test_the_boards_standard_wording_needs_its_own_acronyms_explained():
    named = {f.message.split("'")[1] for f in readiness_findings(new_review()) if f.part == "glossary"}
    assert named == {"IMR", "SCR"}  # not NAME, OF, AUTHOR from the placeholders


def test_an_acronym_with_a_blank_or_differently_cased_meaning_is_unexplained(review):
    review.childs_journey.disability = "Child A was assessed by CAMHS and the SALT service."
    review.glossary.entries += [
        GlossaryEntry(id=4, abbreviation="Camhs", meaning="Mental health"),
        GlossaryEntry(id=5, abbreviation="SALT"),
    ]
    messages = [f.message for f in readiness_findings(review) if f.part == "glossary" and f.field is None]
    assert messages == [
        "'CAMHS' is used in the report but not explained in the glossary",
        "'SALT' is used in the report but not explained in the glossary",
    ]


def test_what_counts_as_an_acronym(review):
    review.childs_journey.narrative = "Child A saw GPs twice and rang NHS111 and 999; the HV's notes say so."
    named = {f.message.split("'")[1] for f in readiness_findings(review) if f.part == "glossary"}
    assert named == {"NHS111", "HV"}  # GPs is GP (explained); Child A and numbers are not acronyms


def test_the_glossarys_own_meanings_need_no_explaining(review):
    review.glossary.entries[0].meaning = "General Practitioner (an NHS family doctor)"
    assert readiness_findings(review) == []


def test_a_label_or_a_name_in_the_people_register_needs_no_glossary_entry(review):
    review.people.entries[0].label = "HV1"
    review.people.entries[0].name = "Alex EXAMPLE"
    review.chronology.entries[0].what_happened = "HV1 saw Child A; Alex EXAMPLE said so. The HV2 did not."
    named = [f.message for f in readiness_findings(review) if f.part == "glossary"]
    assert named == ["'HV2' is used in the report but not explained in the glossary"]


def test_a_protective_marking_is_no_acronym(review):
    review.review_details.protective_marking = "OFFICIAL-SENSITIVE PERSONAL"
    assert readiness_findings(review) == []


def test_every_answer_the_report_prints_is_searched_for_acronyms():
    # A name or label in the people register is no abbreviation (see the test above), nor a marking.
    register = {"name", "other_spellings", "label"}
    printed = [
        path for path, _ in text_answers(complete_review())
        if path[0] not in ("glossary", "resume") and path[-1] != "protective_marking"
        and not (path[0] == "people" and register & set(path))
    ]
    assert len(printed) > 50
    for path in printed:
        planted = complete_review()
        set_text(planted, path, "QXZ")
        named = [f.message for f in readiness_findings(planted) if f.part == "glossary"]
        assert named == ["'QXZ' is used in the report but not explained in the glossary"], path


# Parts marked completed ------------------------------------------------------------------------


def test_a_part_marked_completed_with_things_to_fix_is_a_warning_first_in_that_part(review):
    review.chronology.completed = True
    review.chronology.entries[0].date = None
    review.chronology.entries[0].practitioner = ""
    findings = readiness_findings(review)
    assert where(findings[0]) == ("warning", "chronology", "", None, None)
    assert findings[0].message == "Section 9 Chronology of contacts is marked completed but has 2 things to fix"
    assert len(findings) == 3


def test_a_completed_part_with_only_warnings_is_left_alone(review):
    review.lessons.completed = True
    review.lessons.lessons.append(Lesson(id=3, kind="improvement", text="Share plans sooner."))
    assert [f.severity for f in readiness_findings(review)] == ["warning"]


# Report order ----------------------------------------------------------------------------------


def test_findings_follow_the_report_and_the_authors_order_of_records(review):
    review.glossary.entries = []
    review.chronology.entries = [
        ChronologyEntry(id=record_id, source="Record", agency_team="Health Visiting", practitioner="Health Visitor 1", what_happened="Seen")
        for record_id in (3, 1, 2)  # the author has reordered them
    ]
    review.review_details.agency = ""
    findings = readiness_findings(review)
    assert [(f.part, f.record) for f in findings] == [
        ("review-details", None),
        ("introduction", None),  # the organisation's placeholder
        ("chronology", 3),
        ("chronology", 1),
        ("chronology", 2),
        ("glossary", None),
        ("glossary", None),
        ("glossary", None),
    ]
    assert [f.message.split(":")[0] for f in findings[2:5]] == ["Chronology entry 1", "Chronology entry 2", "Chronology entry 3"]


# Free text never leaks -------------------------------------------------------------------------


def text_answers(model: Model, path: tuple = ()):
    """(path, value) of every free-text answer in the model, however deep."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if info.annotation is str:
            yield (*path, name), value
        elif isinstance(value, Model):
            yield from text_answers(value, (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Model):
                    yield from text_answers(item, (*path, name, index))
                elif info.annotation == list[str]:
                    yield (*path, name, index), item


def set_text(model, path: tuple, text: str) -> None:
    *parents, last = path
    for step in parents:
        model = model[step] if isinstance(step, int) else getattr(model, step)
    if isinstance(last, int):
        model[last] = text
    else:
        setattr(model, last, text)


free_text = st.builds(lambda before, after: before + SENTINEL + after, st.text(max_size=20), st.text(max_size=20))
maybe_date = st.none() | st.dates(dt.date(2009, 1, 1), dt.date(2013, 1, 1))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_whatever_the_author_writes_the_check_never_crashes_and_never_quotes_it(data):
    review = complete_review()
    for path, _ in list(text_answers(review)):
        set_text(review, path, data.draw(free_text))
    # Vary the structure too, so every kind of message is built.
    details = review.review_details
    details.period_start, details.period_end = data.draw(maybe_date), data.draw(maybe_date)
    for entry in review.chronology.entries:
        entry.date = data.draw(maybe_date)
        entry.interviews = data.draw(st.lists(st.integers(1, 3), max_size=2))
    interview = review.interviews.records[0]
    for done, done_on, _ in SIGN_OFFS:
        setattr(interview, done, data.draw(st.booleans()))
        setattr(interview, done_on, data.draw(maybe_date))
    for part in template().parts:
        review.part(part.id).completed = data.draw(st.booleans())

    findings = readiness_findings(review)

    assert all(SENTINEL not in f.message and "\n" not in f.message for f in findings)
    assert all(SENTINEL.split()[0] not in f.message for f in findings)
    parts = [p.id for p in template().parts]
    assert [parts.index(f.part) for f in findings] == sorted(parts.index(f.part) for f in findings)


def test_a_surname_in_capitals_after_a_first_name_is_not_taken_for_an_acronym(review):
    review.chronology.entries[0].what_happened = "Dean BRADSHAW and Mary-Jane O'NEILL (CAMHS) were seen by Mr PATEL."
    messages = [f.message for f in readiness_findings(review) if f.part == "glossary"]
    assert messages == ["'CAMHS' is used in the report but not explained in the glossary"]


def test_a_word_in_capitals_on_its_own_is_still_an_acronym_until_the_author_says_it_is_not(review):
    review.chronology.entries[0].what_happened = "Seen by Dean BRADSHAW; BRADSHAW then called the SALT team."
    messages = [f.message for f in readiness_findings(review) if f.part == "glossary"]
    assert messages == [
        "'BRADSHAW' is used in the report but not explained in the glossary",
        "'SALT' is used in the report but not explained in the glossary",
    ]
    review.glossary.not_acronyms = ["BRADSHAW", " SALT "]
    assert [f for f in readiness_findings(review) if f.part == "glossary"] == []


def test_labels_and_acronyms_after_roles_or_sentence_openers_are_still_acronyms():
    from imr_tui.core.acronyms import acronyms_in

    found = acronyms_in(["Seen by Health Visitor HV1.", "Afterwards GP reviewed.", "He told BRADSHAW. Later", "Mr PATEL"])
    assert found == {"HV1", "GP", "BRADSHAW"}
