"""The report as a Word document, read back as the panel's Word would read it (python-docx).

What "reads back as typed" means in Word: everything the author typed is there, character for
character, except that "\\r\\n" and "\\r" are line breaks and characters a Word document cannot
hold (control characters other than tab and line breaks, U+FFFE and U+FFFF) read as U+FFFD; a
long answer's paragraphs are split where a line holds only whitespace, a run of such lines being
one break; a heading reads its line breaks as spaces and drops whitespace at its ends.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm
from hypothesis import given, settings
from hypothesis import strategies as st
from reviews import complete_review
from word_reading import (
    ACTION_PLAN,
    CHRONOLOGY,
    TERMS,
    TODAY,
    cell_paragraphs,
    numbered,
    opened,
    orientation_of,
    styled,
    table,
    texts_under,
    under,
    word,
)

from imr_tui.core.guidance import template
from imr_tui.core.guidance.example import worked_example
from imr_tui.core.report import blank_pro_forma_docx, to_docx
from imr_tui.core.standard_text import new_review

MARK = "\ufffd"
GOOD_PRACTICE = template().part("analysis").question("good_practice").prompt
SIGN_OFF = template().standard_text.interview_sign_off
ODD = (
    "\x00", "\x01", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff", "\r\n", "\r", "\n\n",
    " \n \n", "  leading", "trailing  ", "\t", "\u2028", "\ufeff", "<w:p>", "&amp;", "]]>", "\U0001f600", "\u202e",
    "x\u0301", "# x", "| a |",
)
author_text = st.lists(st.one_of(st.text(), st.sampled_from(ODD)), max_size=4).map("".join)


# What the author typed, as Word reads it back ---------------------------------------------------


def typed(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cannot = lambda c: (unicodedata.category(c) == "Cc" and c not in "\t\n") or c in "\ufffe\uffff"  # noqa: E731
    return "".join(MARK if cannot(c) else c for c in text)


def as_paragraphs(text: str) -> list[str]:
    text = re.sub(r"\n(?:[^\S\n]*\n)+", "\n\n", typed(text))  # a run of blank lines is one break
    text = re.sub(r"^(?:[^\S\n]*\n)+|(?:\n[^\S\n]*)+$", "", text)
    return text.split("\n\n") if text.strip() else []


def as_heading(text: str) -> str:
    return typed(text).replace("\n", " ").strip()


# The layout a panel member navigates ------------------------------------------------------------


def test_parts_are_heading_1_and_sub_parts_heading_2_in_the_boards_order():
    document = word(complete_review())
    assert styled(document, "Heading 1") == [part.heading for part in template().parts]
    analysis = [q.prompt for q in template().part("analysis").questions if q.kind == "long"]
    assert styled(document, "Heading 2") == [
        "Race", "Culture", "Disability", "Gender", "Local context",
        "Term of reference 1: Was Child A seen alone?", "Term of reference 2: Were concerns shared?",
        *analysis, "Lesson 1 (improvement)", "Interview record 1",
    ]


def test_the_title_page_names_the_review_agency_author_children_and_version():
    document = word(worked_example())
    assert styled(document, "Title") == ["Individual Management Review"]
    assert styled(document, "Subtitle") == ["Serious Case Review: Child A and Sibling 1"]
    facts = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    details = worked_example().review_details
    assert facts == {
        "Agency": details.agency, "Author": details.author_name, "Role": details.author_role,
        "Children": "Child A and Sibling 1", "Period under review": "01/04/2010 to 30/06/2011",
        "Version": "2", "Protective marking": "OFFICIAL-SENSITIVE", "Date": "04/12/2026",
    }
    first_part = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert first_part._p.pPr.pageBreakBefore is not None, "the report starts on the page after the title page"


def test_paragraphs_are_numbered_within_each_numbered_section_so_the_panel_can_cite_them():
    document = word(worked_example())
    numbers = [number for number, _ in numbered(document)]
    for section in ("2", "3", "10", "11", "12"):
        mine = [n for n in numbers if n.startswith(f"{section}.")]
        assert mine == [f"{section}.{k}" for k in range(1, len(mine) + 1)] and mine, section
    first_of_good_practice = as_paragraphs(worked_example().analysis.good_practice)[0]
    assert next(n for n, text in numbered(document) if text == first_of_good_practice).startswith("11.")
    details = [p for p in document.paragraphs if p.text.startswith("Author:")]
    assert not details[0]._p.xpath("w:pPr/w:numPr"), "Review details, Appendix I and the Glossary are not numbered"


def test_the_tables_repeat_their_header_row_on_every_page_and_let_rows_break():
    document = word(worked_example())
    tables = {
        "terms of reference": table(document, *TERMS), "chronology": table(document, *CHRONOLOGY),
        "action plan": table(document, *ACTION_PLAN), "glossary": table(document, "Abbreviation or acronym"),
    }
    for name, found in tables.items():
        assert found.rows[0]._tr.xpath("w:trPr/w:tblHeader"), name
        assert not found._tbl.xpath(".//w:cantSplit"), name
        assert all(not row._tr.xpath("w:trPr/w:tblHeader") for row in found.rows[1:]), name
    chronology = tables["chronology"]
    assert [c.text for c in chronology.rows[0].cells] == [
        "No.", "Date", "Time", "Source", "Agency or team", "Practitioner", "Contact", "What happened",
        "Action and outcome", "Significance", "Interviews (Appendix I)", "Terms of reference"]
    assert len(chronology.rows) == 1 + len(worked_example().chronology.entries)
    assert [row.cells[1].text for row in tables["terms of reference"].rows[1:]] == [
        t.text for t in worked_example().review_details.terms_of_reference]


def test_the_chronology_and_the_action_plan_are_on_landscape_pages_and_the_rest_portrait():
    document = word(worked_example())
    chronology, glossary = table(document, *CHRONOLOGY), table(document, "Abbreviation or acronym")
    action_plan = table(document, *ACTION_PLAN)
    assert orientation_of(document, chronology._tbl) == orientation_of(document, action_plan._tbl) == "landscape"
    assert orientation_of(document, glossary._tbl) == orientation_of(document, document.tables[0]._tbl) == "portrait"
    landscape = [s for s in document.sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert len(landscape) == 2 and all(s.page_width > s.page_height for s in landscape)


def test_every_page_carries_the_marking_the_agency_the_version_the_date_and_page_x_of_y():
    review = worked_example().model_copy(deep=True)
    review.review_details.protective_marking, review.review_details.version = "OFFICIAL-SENSITIVE PERSONAL", "3.1"
    document = word(review)
    first = document.sections[0]
    agency = review.review_details.agency
    assert [p.text for p in first.header.paragraphs] == [
        "OFFICIAL-SENSITIVE PERSONAL", f"{agency}: Individual Management Review"]
    assert [p.text for p in first.footer.paragraphs] == ["Version 3.1, 04/12/2026    Page 1 of 1", "OFFICIAL-SENSITIVE PERSONAL"]
    fields = [t.text.strip() for t in first.footer._element.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert all(s.header.is_linked_to_previous and s.footer.is_linked_to_previous for s in document.sections[1:])
    assert not first.different_first_page_header_footer


def test_each_interview_record_is_laid_out_as_the_pro_forma_with_its_sign_off():
    document = word(complete_review())
    record = table(document, "Interviewee's full name")
    rows = [[c.text for c in row.cells] for row in record.rows]
    assert rows[:7] == [
        ["Interviewee's full name", "Sam Smith"], ["Interviewee's job title", "Health Visitor"],
        ["Interviewer", "Jo Bloggs"], ["Date of the interview", "02/05/2011"], ["Time of the interview", ""],
        ["Where was the interview held?", "Northtown Health Centre"], ["Who else was present?", ""],
    ]
    assert rows[7:10] == [["Record of the interview"] * 2, ["Asked about the visit."] * 2, [SIGN_OFF] * 2]
    assert rows[10:] == [
        ["Has the interviewee read and agreed this record?", "Yes"], ["Date agreed", "09/05/2011"],
        ["Has the interviewer signed the record?", "Yes"], ["Date signed by the interviewer", "09/05/2011"],
        ["Has the interviewee signed the record?", "Yes"], ["Date signed by the interviewee", "10/05/2011"],
    ]


def test_the_blank_pro_forma_has_every_field_room_to_write_and_both_signatures():
    document = opened(blank_pro_forma_docx())
    assert styled(document, "Heading 1") == [template().part("interviews").heading]
    (sheet,) = document.tables
    labels = [row.cells[0].text for row in sheet.rows]
    fields = template().records["interview-record"].fields
    assert [f.prompt for f in fields if f.prompt not in labels] == []
    assert labels[-4:] == ["Interviewer's signature", "Date", "Interviewee's signature", "Date"]
    assert SIGN_OFF in labels
    record = labels.index("Record of the interview")
    assert sheet.rows[record + 1].height >= Cm(6.5), "room for about eleven handwritten lines"
    assert "OFFICIAL-SENSITIVE when completed" in [p.text for p in document.sections[0].header.paragraphs]


# Drafts -------------------------------------------------------------------------------------------


def test_a_draft_lists_what_is_left_on_its_title_page_and_marks_each_missing_answer():
    review = new_review()
    review.review_details.protective_marking = ""
    document = word(review, draft=True)
    facts = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert facts["Agency"] == "[Not yet answered] Which organisation is this IMR written for?"
    assert facts["Protective marking"] == "[Not yet answered] What protective marking does the report carry?"
    before_the_report = []
    for p in document.paragraphs:
        if p.style.name == "Heading 1":
            break
        before_the_report.append(p.text)
    assert any(text.startswith("DRAFT, not ready to send:") for text in before_the_report)
    assert any(text.startswith("and ") and "more: the check lists them all" in text for text in before_the_report)
    marks = [text for number, text in numbered(document) if number.startswith("11.")]
    assert marks and all(text.startswith("[Not yet answered]") for text in marks)
    assert document.sections[0].header.paragraphs[1].text == "Individual Management Review (DRAFT)"
    highlighted = document.element.body.xpath(".//w:r[w:rPr/w:highlight]/w:t/text()")
    assert set(highlighted) >= {"[Not yet answered]"}


def test_a_final_report_says_nothing_of_drafts():
    document = word(worked_example())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "DRAFT" not in text and "Not yet answered" not in text


# Whatever the author typed reads back as typed ---------------------------------------------------


def assert_reads_back_as_typed(text: str) -> None:
    review = complete_review()
    review.analysis.good_practice = text
    review.review_details.terms_of_reference[0].text = text
    review.chronology.entries[0].what_happened = text
    review.interviews.records[0].record = text
    review.glossary.entries[0].meaning = text
    review.review_details.agency = text
    result = to_docx(review, today=TODAY)
    document = opened(result.data)

    expected = as_paragraphs(text)
    if not text.strip():  # a blank answer is left out of a final report, its heading too
        assert GOOD_PRACTICE not in styled(document, "Heading 2")
    elif expected:
        answer = under(document, GOOD_PRACTICE)
        assert [p.text for p in answer] == expected
        assert all(p._p.xpath("w:pPr/w:numPr") for p in answer), "each paragraph numbered, 11.n"
    in_a_cell = expected or [""]
    assert cell_paragraphs(table(document, *TERMS).rows[1].cells[1]) == in_a_cell
    assert cell_paragraphs(table(document, *CHRONOLOGY).rows[1].cells[7]) == in_a_cell
    assert cell_paragraphs(table(document, "Abbreviation or acronym").rows[1].cells[1]) == in_a_cell
    record = table(document, "Interviewee's full name")
    long_answer = next(n for n, row in enumerate(record.rows) if row.cells[0].text == "Record of the interview") + 1
    assert cell_paragraphs(record.rows[long_answer].cells[0]) == in_a_cell
    assert as_heading(f"Term of reference 1: {text}") in styled(document, "Heading 2")
    assert document.sections[0].header.paragraphs[1].text == (
        f"{typed(text.strip())}: Individual Management Review" if text.strip() else "Individual Management Review")
    assert cell_paragraphs(document.tables[0].rows[0].cells[1]) == in_a_cell  # the title page's agency

    if typed(text) == text.replace("\r\n", "\n").replace("\r", "\n"):
        assert result.replaced == {}
    else:
        assert result.replaced and all(count > 0 for count in result.replaced.values())


@pytest.mark.parametrize("text", ODD)
def test_odd_text_reads_back_as_typed(text):
    assert_reads_back_as_typed(text)


@settings(max_examples=30, deadline=None)
@given(text=author_text)
def test_any_text_opens_in_word_and_reads_back_as_typed(text):
    assert_reads_back_as_typed(text)


def test_characters_word_cannot_hold_are_marked_and_counted_where_they_are():
    review = complete_review()
    review.analysis.good_practice = "Bell\x07 and escape\x1b[0m"
    review.chronology.entries[0].significance = "\x00"
    result = to_docx(review, today=TODAY)
    assert result.replaced == {"Section 9 Chronology of contacts": 1, "Section 11 Analysis": 2}
    assert texts_under(opened(result.data), GOOD_PRACTICE) == [f"Bell{MARK} and escape{MARK}[0m"]


