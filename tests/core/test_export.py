"""The exported report reads as the author wrote it, laid out as the board's guidance orders it.

Every test parses the Markdown as a reader's renderer would (CommonMark, no raw HTML, GFM tables)
and looks at what comes out, never at the Markdown source.

What "reads back unchanged" means, exactly (the exporter's documented rules):
- everywhere: "\\r\\n" and "\\r" are line breaks; control characters other than tab and line
  breaks read as U+FFFD (CommonMark does so for U+0000 already);
- a long answer: lines holding only whitespace separate paragraphs and a run of them is one
  break; nothing else changes, not even whitespace at the start or end of a line;
- a heading: line breaks read as spaces, and whitespace at its two ends is dropped;
- a table cell: each line is trimmed, blank lines are dropped, the rest are joined with " / ".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from imr_tui.core.checks import errors, named, readiness_findings
from imr_tui.core.dates import parse_uncertain_date
from imr_tui.core.report import blank_pro_forma, to_markdown
from imr_tui.core.report.build import DRAFT_LISTS
from imr_tui.core.model import (
    RECORD_CLASSES,
    ChronologyEntry,
    Lesson,
    Recommendation,
    TermOfReference,
    blank_review,
)
from imr_tui.core.guidance import template
from reviews import complete_review

GlossaryEntry = RECORD_CLASSES["glossary-entry"]
MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
MARKDOWN_WITH_HTML = MarkdownIt("commonmark").enable("table")

# Token types that only a Markdown construct makes: none may come from the report's text.
CONSTRUCTS = {
    "html_inline", "html_block", "link_open", "image", "code_inline", "code_block", "fence",
    "blockquote_open", "hr", "em_open", "s_open",
}
PLAIN_TEXT = {"text", "softbreak", "hardbreak"}

NASTY = (
    "# x", "- x", "+ x", "* x", "1. x", "1) x", "> x", "    code", "\tcode", "```", "~~~", "`x`",
    "*x*", "_x_", "**x**", "~~x~~", "[a](b)", "![a](b)", "[a]: /b", "<b>x</b>", "<div>", "&amp;",
    "&#32;", "|", "\\|", "a | b\n--- | ---", "a | b\n:--", "---", "***", "___", "===", "x\n---",
    "x\n===", "\\", "x\\", "<http://x>", "<a@b.co>", "trailing  ", "trailing\\\n", "\r\n", "\r",
    "\n\n", " \n \n", "  leading", "\u00a0nbsp\u00a0", "\u2028", "\x00", "\x1b[31m", "\x0c", "\x85",
    "\ufeff", "#", "x #", "2011. A year",
)
author_text = st.lists(st.one_of(st.text(), st.sampled_from(NASTY)), max_size=4).map("".join)


# Reading the export as a renderer does -------------------------------------------------------


def parse(markdown: str) -> list[Token]:
    return MARKDOWN.parse(markdown)


def all_tokens(tokens: list[Token]) -> list[Token]:
    return [t for token in tokens for t in [token, *(token.children or [])]]


def text_of(inline: Token) -> str:
    """The text a reader sees: line breaks as "\\n", emphasis markup (from the report's labels) dropped."""
    return "".join(c.content if c.type == "text" else "\n" if c.type.endswith("break") else "" for c in inline.children)


def headings(tokens: list[Token], level: int | None = None) -> list[str]:
    return [
        text_of(tokens[i + 1])
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and (level is None or t.tag == f"h{level}")
    ]


def paragraphs(tokens: list[Token]) -> list[str]:
    return [text_of(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "paragraph_open"]


def under_heading(tokens: list[Token], heading: str) -> list[Token]:
    """The paragraphs' inline tokens between `heading` and the next heading."""
    start = next(i for i, t in enumerate(tokens) if t.type == "heading_open" and text_of(tokens[i + 1]) == heading)
    found = []
    for i in range(start + 3, len(tokens)):
        if tokens[i].type == "heading_open":
            break
        if tokens[i].type == "paragraph_open":
            found.append(tokens[i + 1])
    return found


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts, header row first."""
    found: list[list[list[str]]] = []
    for i, t in enumerate(tokens):
        if t.type == "table_open":
            found.append([])
        elif t.type == "tr_open":
            found[-1].append([])
        elif t.type in ("th_open", "td_open"):
            found[-1][-1].append(text_of(tokens[i + 1]))
    return found


def chronology_cells(tokens: list[Token], heading: str) -> list[str]:
    """The chronology's column under `heading`, row by row."""
    header, *rows = tables(tokens)[0]
    return [row[header.index(heading)] for row in rows]


def ordered_list_items(tokens: list[Token]) -> list[str]:
    """The text of each item of the first numbered list, its paragraphs joined by a blank line."""
    items: list[list[str]] = []
    for i, t in enumerate(tokens):
        if t.type == "ordered_list_close":
            break
        if t.type == "list_item_open":
            items.append([])
        elif t.type == "paragraph_open" and items:
            items[-1].append(text_of(tokens[i + 1]))
    return ["\n\n".join(item) for item in items]


# What the author typed, as a reader gets it back (see the module docstring) ---------------------


def typed(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join("\ufffd" if unicodedata.category(c) == "Cc" and c not in "\t\n" else c for c in text)


def as_paragraphs(text: str) -> str:
    text = re.sub(r"\n(?:[^\S\n]*\n)+", "\n\n", typed(text))  # a run of blank lines is one break
    text = re.sub(r"^(?:[^\S\n]*\n)+|(?:\n[^\S\n]*)+$", "", text)  # none before the first line or after the last
    return text if text.strip() else ""


def as_heading(text: str) -> str:
    return typed(text).replace("\n", " ").strip()


def as_cell(text: str) -> str:
    return " / ".join(line.strip() for line in typed(text).split("\n") if line.strip())


GOOD_PRACTICE = template().part("analysis").question("good_practice").prompt


# Whatever the author types reads back as typed, and never changes the report's shape -----------


@cache
def complete_report() -> list[Token]:
    return parse(to_markdown(complete_review()))


def assert_reads_back_as_typed_and_leaves_the_report_its_shape(text: str) -> None:
    baseline = complete_report()
    review = complete_review()
    review.analysis.good_practice = text
    review.review_details.terms_of_reference[0].text = text
    review.chronology.entries[0].what_happened = text
    markdown = to_markdown(review)
    tokens = parse(markdown)

    # The same headings, the first term of reference now reading as the text typed.
    expected = [as_heading(f"Term of reference 1: {text}") if h.startswith("Term of reference 1:") else h
                for h in headings(baseline)]
    if not text.strip():  # a blank answer is left out of a final report
        expected.remove(GOOD_PRACTICE)
    assert headings(tokens) == expected

    # The same tables, row for row and column for column, the chronology cell reading as typed.
    chronology, *others = tables(tokens)
    baseline_chronology, *baseline_others = tables(baseline)
    assert others == baseline_others
    assert chronology[0] == baseline_chronology[0]
    what_happened = chronology[0].index("What happened")
    assert chronology[1] == [as_cell(text) if i == what_happened else c for i, c in enumerate(baseline_chronology[1])]
    assert len(chronology) == 2

    # Nothing typed became a construct, not even for a renderer that lets raw HTML through.
    assert not CONSTRUCTS & {t.type for t in all_tokens(tokens)}
    assert not CONSTRUCTS & {t.type for t in all_tokens(MARKDOWN_WITH_HTML.parse(markdown))}

    # The long answer and the listed term read back as typed.
    if text.strip():
        answer = under_heading(tokens, GOOD_PRACTICE)
        assert {c.type for t in answer for c in t.children} <= PLAIN_TEXT
        assert "\n\n".join(text_of(t) for t in answer) == as_paragraphs(text)
    assert ordered_list_items(tokens)[0] == as_paragraphs(text)


@pytest.mark.parametrize("text", NASTY)
def test_markdown_typed_by_the_author_reads_back_as_typed(text):
    assert_reads_back_as_typed_and_leaves_the_report_its_shape(text)


@settings(max_examples=150, deadline=None)
@given(text=author_text)
def test_anything_typed_reads_back_as_typed_and_leaves_the_report_its_shape(text):
    assert_reads_back_as_typed_and_leaves_the_report_its_shape(text)


def test_paragraph_breaks_stay_and_single_line_breaks_are_hard_breaks():
    review = complete_review()
    review.analysis.good_practice = "First line\r\nsecond line\n\n\n  Indented paragraph,\tnot code  \rend"
    markdown = to_markdown(review)
    answer = under_heading(parse(markdown), GOOD_PRACTICE)
    assert [text_of(t) for t in answer] == ["First line\nsecond line", "  Indented paragraph,\tnot code  \nend"]
    assert {c.type for t in answer for c in t.children} == {"text", "hardbreak"}
    assert not re.search(r" +\n", markdown), "a hard break is a backslash, never trailing spaces"


# The report's layout ----------------------------------------------------------------------------


def test_the_report_follows_the_seeds_order_and_section_numbers():
    tokens = parse(to_markdown(complete_review()))
    assert headings(tokens, 1) == ["Individual Management Review: Northtown Health Visiting"]
    assert headings(tokens, 2) == [
        "Review details", "Section 2 Introduction", "Section 3 Methodologies", "Section 9 Chronology of contacts",
        "Section 10 The child's journey", "Section 11 Analysis", "Section 12 What do we learn from this case?",
        "Section 13 Recommendations for action plan", "Appendix I Pro Forma Interview Record Sheet", "Glossary",
        "People and labels",
    ]
    sub_headings = headings(tokens, 3)
    assert sub_headings[:5] == ["Race", "Culture", "Disability", "Gender", "Local context"]
    analysis = [q.prompt for q in template().part("analysis").questions if q.kind == "long"]
    assert sub_headings[5:] == [
        "Term of reference 1: Was Child A seen alone?", "Term of reference 2: Were concerns shared?",
        *analysis, "Lesson 1 (improvement)", "Interview record 1",
    ]


def test_terms_of_reference_are_numbered_by_position_wherever_they_are_named():
    review = complete_review()
    details = review.review_details
    details.terms_of_reference = [TermOfReference(id=7, text="Seen alone?"), TermOfReference(id=3, text="Shared?")]
    review.analysis.by_term = []
    review.analysis.set_text_for_term(3, "Shared late.")
    review.methodologies.particular_terms = [3]
    review.chronology.entries[0].terms = [3, 7]
    tokens = parse(to_markdown(review))
    assert ordered_list_items(tokens) == ["Seen alone?", "Shared?"]
    assert [h for h in headings(tokens, 3) if h.startswith("Term of reference")] == [
        "Term of reference 1: Seen alone?", "Term of reference 2: Shared?"]
    assert [text_of(t) for t in under_heading(tokens, "Term of reference 2: Shared?")] == ["Shared late."]
    assert any("with particular reference to numbers 2. However, it is noted that these are currently draft only" in p
               for p in paragraphs(tokens))
    assert chronology_cells(tokens, "Terms of reference") == ["1, 2"]


def test_final_terms_of_reference_drop_the_draft_wording():
    review = complete_review()
    review.review_details.terms_of_reference_draft = False
    text = " ".join(paragraphs(parse(to_markdown(review))))
    assert "with particular reference to numbers 1 and 2." in text
    assert "draft" not in text


def test_chronology_is_numbered_in_date_order_a_month_before_its_days_undated_last_approximate_marked():
    review = complete_review()
    review.chronology.entries = [
        ChronologyEntry(id=1, what_happened="undated"),
        ChronologyEntry(id=2, date=parse_uncertain_date("c. 14/03/2011"), what_happened="roughly 14 March 2011"),
        ChronologyEntry(id=3, date=dt.date(2010, 6, 1), what_happened="June, no time"),
        ChronologyEntry(id=4, date=dt.date(2010, 6, 1), time=dt.time(9, 30), what_happened="June, 09:30"),
        ChronologyEntry(id=5, date=dt.date(2009, 12, 24), time=dt.time(16, 0), what_happened="Christmas Eve"),
        ChronologyEntry(id=6, date=parse_uncertain_date("?/06/2010"), what_happened="some day in June"),
        ChronologyEntry(id=7, date=parse_uncertain_date("2010"), what_happened="some time in 2010"),
        ChronologyEntry(id=8, date=dt.date(2010, 5, 31), what_happened="the last of May"),
    ]
    header, *rows = tables(parse(to_markdown(review)))[0]
    assert header == ["No.", "Date", "Time", "Source", "Agency or team", "Practitioner", "Contact", "What happened",
                      "Action and outcome", "Significance", "Interviews (Appendix I)", "Terms of reference"]
    assert [(row[0], row[1], row[2], row[7]) for row in rows] == [
        ("1", "24/12/2009", "16:00", "Christmas Eve"),
        ("2", "2010", "", "some time in 2010"),
        ("3", "31/05/2010", "", "the last of May"),
        ("4", "June 2010", "", "some day in June"),
        ("5", "01/06/2010", "09:30", "June, 09:30"),
        ("6", "01/06/2010", "", "June, no time"),
        ("7", "c. 14/03/2011", "", "roughly 14 March 2011"),
        ("8", "", "", "undated"),
    ]


def test_a_chronology_entry_names_its_interviews_by_their_appendix_numbers():
    review = complete_review()
    first = review.interviews.records[0]
    review.interviews.records = [first.model_copy(update={"id": 9}), first.model_copy(update={"id": 4})]
    review.chronology.entries[0].interviews = [4, 9, 12]  # 12 was removed: it has no number
    assert chronology_cells(parse(to_markdown(review)), "Interviews (Appendix I)") == ["1, 2"]


def test_a_line_break_in_a_cell_reads_as_a_slash():
    review = complete_review()
    review.chronology.entries[0].what_happened = "Mother said | no\r\n\r\n  Child A cried  "
    assert chronology_cells(parse(to_markdown(review)), "What happened") == ["Mother said | no / Child A cried"]


def test_the_action_plan_has_one_full_row_per_recommendation():
    review = complete_review()
    review.lessons.lessons = [Lesson(id=5, text="First lesson."), Lesson(id=2, text="Second lesson.")]
    review.recommendations.recommendations = [
        Recommendation(id=1, text="Audit home visits.", lessons=[2, 5], action="Audit 20 records.",
                       by_whom="Head of Safeguarding", by_when=dt.date(2012, 1, 31),
                       intended_outcome="Children are seen alone.", evaluation="Re-audit in 6 months.",
                       immediate=True),
        Recommendation(id=2, text="Train staff.", lessons=[2], action="Half-day course.", by_whom="Named Nurse",
                       by_when=dt.date(2012, 6, 30), intended_outcome="Staff know when to escalate.",
                       evaluation="Course feedback."),
    ]
    action_plan = tables(parse(to_markdown(review)))[1]
    assert action_plan == [
        ["No.", "Recommendation", "From lessons", "Action", "By whom", "By when", "Intended outcome",
         "How it will be evaluated", "Immediate"],
        ["1", "Audit home visits.", "1, 2", "Audit 20 records.", "Head of Safeguarding", "31/01/2012",
         "Children are seen alone.", "Re-audit in 6 months.", "Yes"],
        ["2", "Train staff.", "2", "Half-day course.", "Named Nurse", "30/06/2012",
         "Staff know when to escalate.", "Course feedback.", "No"],
    ]


def test_lessons_are_numbered_with_their_kind_and_implications():
    review = complete_review()
    review.lessons.lessons = [
        Lesson(id=1, kind="good practice", text="Prompt referral."),
        Lesson(id=2, text="Supervision was missed.", implications=["management and supervision", "resources"],
               implications_note="Caseloads were too high."),
    ]
    tokens = parse(to_markdown(review))
    assert [h for h in headings(tokens, 3) if h.startswith("Lesson")] == [
        "Lesson 1 (good practice)", "Lesson 2 (improvement)"]
    assert [text_of(t) for t in under_heading(tokens, "Lesson 2 (improvement)")] == [
        "Supervision was missed.", "Implications for: management and supervision, resources",
        "Caseloads were too high."]


def test_each_interview_record_is_a_pro_forma_with_its_sign_off():
    tokens = parse(to_markdown(complete_review()))
    record = [text_of(t) for t in under_heading(tokens, "Interview record 1")]
    assert record == [
        "Interviewee's full name: Sam Smith", "Interviewee's job title: Health Visitor",
        "Interviewer: Jo Bloggs", "Date of the interview: 02/05/2011", "Time of the interview:",
        "Where was the interview held? Northtown Health Centre", "Who else was present?",
        "Record of the interview", "Asked about the visit.",
        "Has the interviewee read and agreed this record? Yes", "Date agreed: 09/05/2011",
        "Has the interviewer signed the record? Yes", "Date signed by the interviewer: 09/05/2011",
        "Has the interviewee signed the record? Yes", "Date signed by the interviewee: 10/05/2011",
    ]


def test_the_glossary_is_sorted_by_abbreviation():
    review = complete_review()
    review.glossary.entries = [
        GlossaryEntry(id=2, abbreviation="SCR", meaning="Serious Case Review"),
        GlossaryEntry(id=3, abbreviation="GP", meaning="General Practitioner"),
        GlossaryEntry(id=4, abbreviation="cp", meaning="child protection"),
    ]
    assert tables(parse(to_markdown(review)))[2] == [
        ["Abbreviation or acronym", "What it stands for"], ["cp", "child protection"],
        ["GP", "General Practitioner"], ["SCR", "Serious Case Review"]]


def test_the_introduction_and_methodologies_fill_the_seeds_placeholders_from_review_details():
    review = complete_review()
    review.review_details.author_name = "Jo *Bloggs*"
    tokens = parse(to_markdown(review))
    introduction = [text_of(t) for t in under_heading(tokens, "Section 2 Introduction")]
    assert introduction[0].startswith("This individual management review has been compiled by Jo *Bloggs* on behalf "
                                      "of Northtown Health Visiting in accordance with")
    assert introduction[-2:] == ["Independence of the author:", "I have never worked in Northtown."]  # asked once, in details
    details = [text_of(t) for t in under_heading(tokens, "Review details")]
    assert not any("Independence" in p or "never worked in Northtown" in p for p in details)
    methodologies = [text_of(t) for t in under_heading(tokens, "Section 3 Methodologies")]
    assert "regarding Child A and Sibling 1 have been used to inform the report:" in methodologies[0]
    assert not any("(insert" in p for p in paragraphs(tokens))


# Draft and final ------------------------------------------------------------------------------


def test_a_draft_marks_every_required_answer_not_yet_given_and_a_final_report_marks_none():
    draft = paragraphs(parse(to_markdown(blank_review(), draft=True)))
    for part in template().parts:
        for question in part.questions:
            if question.required and question.default is None:  # a default answers it from the start
                assert any(p.endswith(f"[Not yet answered] {question.prompt}") for p in draft), (part.id, question.id)
    final = parse(to_markdown(blank_review()))
    assert not any("Not yet answered" in t.content for t in all_tokens(final))


def test_a_draft_marks_missing_answers_inside_records_too():
    review = complete_review()
    review.chronology.entries[0].date = None
    review.interviews.records[0].signed_by_interviewee = False
    draft = parse(to_markdown(review, draft=True))
    assert chronology_cells(draft, "Date") == ["[Not yet answered]"]
    assert "[Not yet done] Has the interviewee signed the record?" in paragraphs(draft)
    final = parse(to_markdown(review))
    assert chronology_cells(final, "Date") == [""]
    assert "Has the interviewee signed the record? No" in paragraphs(final)


def test_a_complete_draft_has_no_markers():
    markdown = to_markdown(complete_review(), draft=True)
    assert "**\\[Not yet answered\\]**" not in markdown and "**\\[Not yet done\\]**" not in markdown


def test_a_draft_says_so_at_the_top_and_lists_what_the_check_finds_to_fix():
    review = complete_review()
    review.chronology.entries[0].date = dt.date(1990, 1, 1)  # before the review period
    review.analysis.wishes_and_feelings = ""
    to_fix = errors(readiness_findings(review))
    assert len(to_fix) >= 2
    found = paragraphs(parse(to_markdown(review, draft=True)))
    assert found[0].startswith(f"DRAFT, not ready to send: {len(to_fix)} things to fix.")
    for finding in to_fix:
        assert named(finding) in found
    heading_twice = [p for p in found if any(p.startswith(f"{part.heading}: {part.heading}") for part in template().parts)]
    assert heading_twice == []
    assert not any("DRAFT" in p for p in paragraphs(parse(to_markdown(review))))


def test_a_draft_with_many_things_to_fix_names_the_first_and_counts_the_rest():
    to_fix = errors(readiness_findings(blank_review()))
    assert len(to_fix) > DRAFT_LISTS
    found = paragraphs(parse(to_markdown(blank_review(), draft=True)))
    assert [named(f) for f in to_fix[:DRAFT_LISTS]] == found[1 : DRAFT_LISTS + 1]
    assert found[DRAFT_LISTS + 1] == f"and {len(to_fix) - DRAFT_LISTS} more: the check lists them all (imr-tui check)"


# The blank pro forma --------------------------------------------------------------------------


def test_the_blank_pro_forma_asks_every_field_and_has_both_signature_lines():
    tokens = parse(blank_pro_forma())
    lines = paragraphs(tokens)
    assert headings(tokens) == [template().part("interviews").heading]
    for field in template().records["interview-record"].fields:
        assert any(line.startswith(field.prompt) for line in lines), field.id
    assert template().standard_text.interview_sign_off in lines
    for signer in ("Interviewer's", "Interviewee's"):
        signature = next(line for line in lines if line.startswith(f"{signer} signature"))
        assert re.fullmatch(rf"{signer} signature \.{{20,}} Date \.+/\.+/\.+", signature)
    record = lines.index("Record of the interview")
    assert all(re.fullmatch(r"\.{20,}", line) for line in lines[record + 1 : record + 9]), "room to write the record"
    assert not CONSTRUCTS & {t.type for t in all_tokens(tokens)}
