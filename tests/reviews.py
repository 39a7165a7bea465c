"""Reviews that tests vary: shared by the Markdown and the Word export's tests."""

from __future__ import annotations

import datetime as dt

from imr_tui.core.guidance import template
from imr_tui.core.model import (
    RECORD_CLASSES,
    ChronologyEntry,
    InterviewRecord,
    Lesson,
    Recommendation,
    Review,
    TermOfReference,
)
from imr_tui.core.standard_text import new_review

GlossaryEntry = RECORD_CLASSES["glossary-entry"]
Source = RECORD_CLASSES["source"]


def complete_review() -> Review:
    review = new_review()
    details = review.review_details
    details.children = ["Child A", "Sibling 1"]
    details.agency = "Northtown Health Visiting"
    details.author_name = "Jo Bloggs"
    details.author_role = "Named Nurse for Safeguarding Children"
    details.independence = "I have never worked in Northtown."
    details.date_requested = dt.date(2011, 4, 1)
    details.records_secured = dt.date(2011, 4, 4)
    details.period_start = dt.date(2010, 1, 1)
    details.period_end = dt.date(2011, 3, 31)
    details.terms_of_reference = [TermOfReference(id=1, text="Was Child A seen alone?"),
                                  TermOfReference(id=2, text="Were concerns shared?")]
    review.methodologies.sources = [Source(id=1, description="Health visiting records", dates_covered="2010 to 2011")]
    review.methodologies.particular_terms = [1, 2]
    review.chronology.entries = [ChronologyEntry(
        id=1, date=dt.date(2011, 3, 14), source="Health visiting record", agency_team="Health visiting",
        practitioner="Health Visitor 1", contact_kind="home visit", what_happened="Child A seen at home.", terms=[1],
    )]
    journey = review.childs_journey
    for aspect in ("narrative", "race", "culture", "disability", "gender", "local_context"):
        setattr(journey, aspect, f"About {aspect}.")
    analysis = review.analysis
    for question in template().part("analysis").questions:
        if question.kind == "long":
            setattr(analysis, question.id, f"Answer to {question.id}.")
    analysis.set_text_for_term(1, "Child A was seen alone twice.")
    analysis.set_text_for_term(2, "Concerns were shared late.")
    review.lessons.lessons = [Lesson(id=1, text="Seeing the child alone matters.")]
    review.recommendations.recommendations = [Recommendation(
        id=1, text="Audit home visits.", lessons=[1], action="Audit 20 records.", by_whom="Head of Safeguarding",
        by_when=dt.date(2012, 1, 31), intended_outcome="Children are seen alone.", evaluation="Re-audit.",
    )]
    review.interviews.records = [InterviewRecord(
        id=1, interviewee="Sam Smith", interviewee_role="Health Visitor", interviewer="Jo Bloggs",
        date=dt.date(2011, 5, 2), place="Northtown Health Centre", record="Asked about the visit.",
        agreed_by_interviewee=True, agreed_on=dt.date(2011, 5, 9),
        signed_by_interviewer=True, interviewer_signed_on=dt.date(2011, 5, 9),
        signed_by_interviewee=True, interviewee_signed_on=dt.date(2011, 5, 10),
    )]
    review.glossary.entries = [GlossaryEntry(id=1, abbreviation="SCR", meaning="Serious Case Review")]
    return review
