"""The plain line mode: an author (or a script, or a screen reader) answers the review line by line.

Each test types lines into `run_plain` as a pipe would and reads what it printed and saved.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import unicodedata
from typing import TextIO
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from strategies import answers

from imr_tui.core import store
from imr_tui.core.checks import errors, readiness_findings, signed_off
from imr_tui.core.dates import UncertainDate, parse_uncertain_date
from imr_tui.core.guidance.example import WORKED_EXAMPLE
from imr_tui.core.report import to_markdown
from word_reading import opened, styled
from imr_tui.core.model import Review
from imr_tui.core.opening import open_review
from imr_tui.plain.conversation import PROMPT, REFUSED
from imr_tui.plain.wizard import run_plain
from imr_tui.core.progress import part_status
from imr_tui.core.standard_text import new_review
from imr_tui.core.guidance import template

SENTINEL = "Zephyrine Quockerwodger"  # stands for the child's name: must never reach a message


def plain(path: Path, input: TextIO, output: TextIO) -> int:
    """The plain mode on `path`, opened as the command line opens it (a new review if there is none)."""
    opened = open_review(path, create=True)
    try:
        return run_plain(opened, input, output)
    finally:
        opened.close()


def type_into(path: Path, *lines: str) -> tuple[int, str]:
    """Run the plain mode on `path` with `lines` typed, each followed by Enter."""
    output = io.StringIO()
    code = plain(path, io.StringIO("".join(f"{line}\n" for line in lines)), output)
    return code, output.getvalue()


def said(output: str) -> list[str]:
    """The lines printed, without the prompts before them (a pipe does not echo what is typed)."""
    lines = []
    for line in output.splitlines():
        while line.startswith(PROMPT):
            line = line.removeprefix(PROMPT)
        lines.append(line)
    return lines


def long(*lines: str) -> list[str]:
    """A long answer as typed: its lines, then a line holding only a full stop."""
    return [*lines, "."]


def review_at(path: Path, part: str, question: str, review: Review | None = None) -> Review:
    """Save `review` (a new one by default) as if the author had left off at `question`."""
    review = review or new_review()
    review.resume.part, review.resume.question = part, question
    store.save(review, path)
    return review


@pytest.fixture
def worked(tmp_path: Path) -> Path:
    path = tmp_path / "child-a.toml"
    path.write_bytes(WORKED_EXAMPLE.read_bytes())
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Module-scoped so hypothesis tests may use it; each example overwrites the same file.
    return tmp_path_factory.mktemp("plain")


# A whole review ----------------------------------------------------------------------------------


def long_answers(part_id: str, terms: int) -> list[str]:
    """A long answer to every question of a part; a per-term question once for each term."""
    typed: list[str] = []
    for question in template().part(part_id).questions:
        for _ in range(terms if question.kind == "per-term" else 1):
            typed += long(f"The author's answer to {question.id.replace('_', ' ')}.", "A second line.")
    return typed


WHOLE_REVIEW = [
    # Review details
    *long("Child A", "Sibling 1"),
    "Northtown Health Visiting Service",
    "Ann Author",
    "Named Nurse for Safeguarding Children",
    *long("I work in another locality and have never managed the staff involved."),
    "01/04/2011",
    "02/04/2011",
    "01/01/2010",
    "31/03/2011",
    "add", *long("The health visiting service's contact with Child A."),
    "add", *long("How the service assessed the family's needs."),
    "done",
    "yes",  # still draft
    "", "",  # Enter keeps the protective marking and the version
    "yes",  # completed
    # Section 2: Enter keeps the board's introduction, filled in from the review details
    "",
    "yes",
    # Section 3
    "add", "1", "Health visiting records for Child A and Sibling 1", "01/01/2010 to 31/03/2011", "done",
    "1, 2",
    "yes",
    # Section 9: the first entry's date is refused, then given; the second is earlier
    "add", "31/02/2011", "14/03/2011", "09:30", "Health visiting record, 14/03/2011", "Health Visiting", "Health Visitor 1", "1",
    *long("Home visit; Child A seen asleep."), *long("Referral planned."), "", "1 2",  # no interviews yet to link
    "add", "05/02/2011", "", "Electronic record, 05/02/2011", "Health Visiting", "Health Visitor 1", "3",
    *long("Telephone call with the mother."), "", "", "",
    "done",
    "yes",
    # Section 10 and Section 11
    *long_answers("childs-journey", terms=2), "yes",
    *long_answers("analysis", terms=2), "yes",
    # Section 12
    "add", "2", *long("Assessments should ask who else lives in the home."), "1 3", *long("Training and supervision."),
    "done",
    "yes",
    # Section 13: flows from lesson 1
    "add", *long("Audit assessments for who lives in the home."), "1", *long("Audit twenty records."),
    "Head of Safeguarding", "30/09/2011", *long("Every household is known."), *long("An audit in six months."), "no",
    "done",
    "yes",
    # Appendix I: agreed and signed by both
    "add", "Pat Example", "Health Visitor", "Ann Author, Named Nurse", "20/04/2011", "10:00",
    "Northtown Health Centre", "none", *long("What was asked and what was said."),
    "yes", "21/04/2011", "yes", "21/04/2011", "yes", "22/04/2011", "2",  # it speaks to entry 2
    "done",
    "yes",
    # Glossary
    "add", "SCR", "Serious Case Review", "add", "IMR", "Individual Management Review", "done",
    "",  # no words in capitals to set aside
    "yes",
    # People and labels
    "add", "Pat Example", "", "HV1", "The family's health visitor", "done",
    "",  # no words that only look like a name
    "yes",
    ":quit",
]


def test_an_author_answers_the_whole_review_through_a_pipe_and_it_is_ready(tmp_path):
    path = tmp_path / "review.toml"
    code, output = type_into(path, *WHOLE_REVIEW)
    assert code == 0
    assert "Not accepted: that day does not exist in that month" in output and "31/02/2011" not in output

    review = store.load(path)
    details = review.review_details
    assert details.children == ["Child A", "Sibling 1"]
    assert (details.agency, details.author_name) == ("Northtown Health Visiting Service", "Ann Author")
    assert (details.period_start, details.period_end) == (dt.date(2010, 1, 1), dt.date(2011, 3, 31))
    assert [t.text for t in details.terms_of_reference] == [
        "The health visiting service's contact with Child A.",
        "How the service assessed the family's needs.",
    ]
    terms = [t.id for t in details.terms_of_reference]
    assert review.methodologies.particular_terms == terms
    assert review.methodologies.sources[0].kind == "case records"

    first, second = review.chronology.entries  # kept in date order, though typed the other way round
    assert (first.date, first.contact_kind) == (UncertainDate(2011, 2, 5), "telephone call")
    assert (second.date, second.time, second.terms) == (UncertainDate(2011, 3, 14), dt.time(9, 30), terms)
    assert second.what_happened == "Home visit; Child A seen asleep."

    for term in terms:
        assert review.analysis.text_for_term(term) == "The author's answer to by term.\nA second line."
    assert review.analysis.wishes_and_feelings == "The author's answer to wishes and feelings.\nA second line."

    (lesson,) = review.lessons.lessons
    assert (lesson.kind, lesson.implications) == ("improvement", ["single-agency training", "management and supervision"])
    (recommendation,) = review.recommendations.recommendations
    assert recommendation.lessons == [lesson.id] and recommendation.by_when == dt.date(2011, 9, 30)
    (interview,) = review.interviews.records
    assert signed_off(interview) and interview.interviewee_signed_on == dt.date(2011, 4, 22)
    assert [entry.interviews for entry in review.chronology.entries] == [[], [interview.id]]
    assert [(g.abbreviation, g.meaning) for g in review.glossary.entries] == [
        ("SCR", "Serious Case Review"),
        ("IMR", "Individual Management Review"),
    ]
    assert all(review.part(part.id).completed for part in template().parts)
    assert readiness_findings(review) == []
    assert (review.resume.part, review.resume.question) == ("people", "completed")


def test_it_works_as_a_real_process_with_standard_input_a_pipe_and_without_textual(tmp_path):
    path = tmp_path / "review.toml"
    program = (
        "import sys; from pathlib import Path; from imr_tui.plain.wizard import run_plain; "
        "from imr_tui.core.opening import open_review; "
        "code = run_plain(open_review(Path(sys.argv[1]), create=True), sys.stdin, sys.stdout); "
        "print('loaded:', *sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}), file=sys.stderr); "
        "sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(path)],
        input="Child A\n.\nNorthtown Health Visiting Service\n:quit\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "loaded:\n"  # neither Textual nor Rich was imported
    assert f"Started a new review in {path}." in done.stdout
    assert store.load(path).review_details.agency == "Northtown Health Visiting Service"
    assert path.stat().st_mode & 0o777 == 0o600
    assert "\x1b" not in done.stdout


# Keeping, moving about, commands ------------------------------------------------------------------


def test_enter_keeps_every_kind_of_answer(worked):
    before = store.load(worked)
    review_at(worked, "review-details", "children", before)
    code, output = type_into(
        worked,
        "",  # children (a list): Enter on the first line
        "",  # agency
        "",  # author's name
        "",  # job title
        ".",  # independence (long): a full stop straight away keeps it too
        "",  # date requested
        "", "", "",  # the other dates
        "",  # terms of reference: Enter is done
        "",  # still draft? (yes-no)
        ":goto methodologies",
        "", "",  # sources; particular terms (links)
        ":quit",
    )
    assert code == 0
    after = store.load(worked)
    assert after.model_dump(exclude={"resume"}) == before.model_dump(exclude={"resume"})
    assert f"Current answer: {before.review_details.agency}" in output


def test_back_returns_to_the_previous_question_even_in_the_previous_part(tmp_path):
    path = tmp_path / "review.toml"
    code, output = type_into(
        path,
        ":back",  # at the very first question
        *long("Child A"),
        "A wrong agency",
        ":back",
        "Northtown Health Visiting Service",
        ":goto introduction",
        ":back",
        ":quit",
    )
    assert code == 0
    assert f"{REFUSED}this is the first question" in output
    assert store.load(path).review_details.agency == "Northtown Health Visiting Service"
    assert output.rindex("Review details: last step") > output.rindex("Part: Section 2 Introduction")
    assert store.load(path).resume.question == "completed"


def test_goto_opens_a_part_with_its_guidance_and_refuses_a_part_that_does_not_exist(tmp_path):
    path = tmp_path / "review.toml"
    code, output = type_into(
        path,
        ":goto the glossary",
        ":goto glossary",
        "add", "SCR", "Serious Case Review", "done",
        ":quit",
    )
    assert code == 0
    refusal = next(line for line in said(output) if line.startswith(REFUSED))
    assert "review-details" in refusal and "glossary" in refusal and "the glossary" not in refusal
    guidance = template().part("glossary").guidance[0]
    assert output.count(guidance) == 1
    review = store.load(path)
    assert [(g.abbreviation, g.meaning) for g in review.glossary.entries] == [("SCR", "Serious Case Review")]
    assert review.resume.part == "glossary"


def test_the_guidance_is_shown_once_when_a_part_is_entered_not_at_every_question(tmp_path):
    path = tmp_path / "review.toml"
    code, output = type_into(path, *long("Child A"), "Northtown", "Ann Author", ":quit")
    assert code == 0
    assert output.count(template().part("review-details").guidance[0]) == 1
    assert "Review details: question 3 of 13" in output


def test_parts_lists_every_part_with_its_status_and_what_is_left_to_fix(tmp_path):
    path = tmp_path / "review.toml"
    code, output = type_into(path, *long("Child A"), "Northtown", ":parts", ":quit")
    assert code == 0
    review = store.load(path)
    findings = readiness_findings(review)
    lines = said(output)
    for part in template().parts:
        line = next(line for line in lines if line.startswith(f"  {part.id}: {part.heading} - "))
        assert part_status(review, part.id) in line
        to_fix = len(errors(f for f in findings if f.part == part.id))
        assert (f"{to_fix} to fix" in line) == bool(to_fix)
    assert "  review-details: Review details - In progress" in output
    assert "  chronology: Section 9 Chronology of contacts - Not started" in output


def test_check_prints_every_finding_one_a_line(tmp_path, worked):
    path = tmp_path / "review.toml"
    code, output = type_into(path, ":check", ":quit")
    assert code == 0
    findings = readiness_findings(store.load(path))
    lines = said(output)
    for finding in findings:
        assert any(line.startswith(f"{finding.severity}: ") and line.endswith(finding.message) for line in lines)
    assert f"Not ready: {len(errors(findings))} to fix, 0 to consider." in output

    _, output = type_into(worked, ":check", ":quit")
    assert "Ready: nothing missing." in output


def test_export_writes_a_draft_while_anything_is_missing_and_the_report_when_ready(tmp_path, worked):
    path = tmp_path / "new.toml"
    code, output = type_into(path, ":export", ":quit")
    draft = tmp_path / "new.md"
    assert code == 0 and f"Exported a DRAFT to {draft}" in output
    assert draft.read_text(encoding="utf-8") == to_markdown(store.load(path), draft=True)
    assert draft.stat().st_mode & 0o777 == 0o600

    code, output = type_into(worked, ":export", ":quit")
    report = worked.with_suffix(".md")
    assert code == 0 and f"Exported the report to {report}" in output
    assert report.read_text(encoding="utf-8") == to_markdown(store.load(worked))


def test_export_docx_writes_the_report_as_a_word_document_beside_the_review(tmp_path, worked):
    code, output = type_into(worked, ":export docx", ":export pdf", ":quit")
    report = worked.with_suffix(".docx")
    assert code == 0 and f"Exported the report to {report}." in output
    assert report.stat().st_mode & 0o777 == 0o600
    assert styled(opened(report.read_bytes()), "Title") == ["Individual Management Review"]
    assert "Not accepted: :export takes nothing (Markdown) or one of: markdown, docx" in output


def test_the_end_of_input_saves_what_was_typed_even_part_way_through_a_long_answer(tmp_path):
    path = tmp_path / "review.toml"
    review_at(path, "review-details", "agency")
    code, output = type_into(path, "Northtown", "Ann Author", "Named Nurse", "I have never worked there,", "nor managed them.")
    assert code == 0
    assert "End of input." in output
    review = store.load(path)
    assert (review.review_details.agency, review.review_details.author_role) == ("Northtown", "Named Nurse")
    assert review.review_details.independence == "I have never worked there,\nnor managed them."
    assert (review.resume.part, review.resume.question) == ("review-details", "independence")


def test_the_author_carries_on_where_they_left_off(tmp_path):
    path = tmp_path / "review.toml"
    type_into(path, ":goto chronology", ":quit")
    code, output = type_into(path, ":quit")
    assert code == 0
    assert "Carrying on where you left off, in Section 9 Chronology of contacts." in output
    assert "Section 9 Chronology of contacts: question 1 of 1" in output
    assert "Review details: question 1" not in output


def test_a_file_that_cannot_be_read_is_refused_before_anything_is_asked_and_left_untouched(tmp_path):
    path = tmp_path / "review.toml"
    broken = f'schema_version = 1\n[review_details]\nagency = "{SENTINEL}\n'.encode()
    path.write_bytes(broken)
    output = io.StringIO()
    with pytest.raises(store.ReviewFileError):  # the command line says why (tests/test_cli.py)
        plain(path, io.StringIO(":quit\n"), output)
    assert output.getvalue() == ""
    assert path.read_bytes() == broken
    assert list(tmp_path.iterdir()) == [path]  # no backup, no export, nothing else


def test_a_missing_file_becomes_a_new_owner_only_review(tmp_path):
    path = tmp_path / "review.toml"
    code, output = type_into(path, ":quit")
    assert code == 0
    assert output.startswith(f"Started a new review in {path}.")
    assert store.load(path).model_dump(exclude={"resume"}) == new_review().model_dump(exclude={"resume"})
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_review_others_could_read_is_made_owner_only_and_the_author_told(tmp_path):
    path = tmp_path / "review.toml"
    store.save(new_review(), path)
    path.chmod(0o644)
    code, output = type_into(path, ":quit")
    assert code == 0 and path.stat().st_mode & 0o777 == 0o600
    assert said(output)[0] == (
        f"{path} could be read by other users: imr-tui has made it owner-only (chmod 600). "
        "Check who else may have copied it."
    )


def test_records_are_changed_and_deleted_only_after_confirming(tmp_path):
    path = tmp_path / "review.toml"
    code, output = type_into(
        path,
        ":goto glossary",
        "add", "SCR", "Serious case", "add", "IMR", "Individual Management Review",
        "change 1", "", "Serious Case Review",
        "delete 2", "no",
        "delete 3",  # there is no third
        "delete 2", "yes",
        ":quit",
    )
    assert code == 0
    assert f"{REFUSED}there is no record with that number (the list has 2)" in output
    assert "Delete glossary entry 2? This cannot be undone." in output
    entries = store.load(path).glossary.entries
    assert [(g.abbreviation, g.meaning) for g in entries] == [("SCR", "Serious Case Review")]


def test_deleting_a_lesson_takes_the_recommendations_links_to_it_too(worked):
    lesson = store.load(worked).lessons.lessons[0]
    code, _ = type_into(worked, ":goto lessons", "delete 1", "yes", ":quit")
    assert code == 0
    review = store.load(worked)
    assert lesson.id not in [lesson.id for lesson in review.lessons.lessons]
    assert all(lesson.id not in r.lessons for r in review.recommendations.recommendations)


def test_without_terms_of_reference_the_analysis_says_to_add_them_first(tmp_path):
    path = tmp_path / "review.toml"
    code, output = type_into(path, ":goto analysis", "", ":quit")
    assert code == 0
    assert "There are no terms of reference yet. Add them in Review details first" in output
    assert "Section 11 Analysis: question 2 of" in output


def test_a_term_of_reference_heads_its_analysis(worked):
    review = store.load(worked)
    first = review.review_details.terms_of_reference[0]
    review_at(worked, "analysis", f"by_term:{first.id}", review)
    code, output = type_into(worked, *long("New analysis."), ":quit")
    assert code == 0
    assert f"Term of reference 1: {' '.join(first.text.split())}" in output
    assert store.load(worked).analysis.text_for_term(first.id) == "New analysis."


def test_clear_empties_an_answer_that_can_be_empty_and_refuses_one_that_cannot(worked):
    review_at(worked, "review-details", "agency", store.load(worked))
    code, output = type_into(worked, ":clear", ":goto methodologies", "", "", ":clear", ":quit")
    assert code == 0
    assert store.load(worked).review_details.agency == ""
    assert f"{REFUSED}this answer cannot be empty" in output  # "have you completed this part?"


def test_control_characters_and_escape_sequences_are_stripped_from_what_is_typed(tmp_path):
    path = tmp_path / "review.toml"
    code, _ = type_into(path, "Child\x00 A\x1b[200~", ".", "North\x07town\x1b[31m Health\tVisiting\x1b]0;title\x07\r")
    assert code == 0
    details = store.load(path).review_details
    assert details.children == ["Child A"]
    assert details.agency == "Northtown Health\tVisiting"


def test_text_from_the_review_never_drives_the_terminal(tmp_path):
    path = tmp_path / "review.toml"
    review = new_review()
    review.review_details.agency = "North\x1b[2J\x1b]0;owned\x07town\x00"
    review_at(path, "review-details", "agency", review)
    code, output = type_into(path, ":quit")
    assert code == 0
    assert "Current answer: Northtown" in output
    assert all(c in "\n\t" or unicodedata.category(c) != "Cc" for c in output)


def test_ctrl_c_saves_and_stops(tmp_path):
    path = tmp_path / "review.toml"
    typed = iter(["Child A\n", ".\n", "Northtown\n"])

    class Keyboard(io.StringIO):
        def readline(self, *_) -> str:
            line = next(typed, None)
            if line is None:
                raise KeyboardInterrupt
            return line

    assert plain(path, Keyboard(), io.StringIO()) == 130
    assert store.load(path).review_details.agency == "Northtown"


# Any text ----------------------------------------------------------------------------------------

one_line = answers().map(lambda text: text.replace("\n", " ").replace("\x1b", "").replace("\x9b", ""))


def stripped(text: str) -> str:
    """What the brief promises to store: the text without control characters other than tab."""
    return "".join(c for c in text if c == "\t" or unicodedata.category(c) not in ("Cc", "Cs"))


@settings(max_examples=40, deadline=None)
@given(text=one_line)
@example(text=":-) said the child")
@example(text="  :goto chronology")
@example(text="\x00:quit")
def test_any_single_line_typed_as_a_short_answer_is_stored_exactly(folder, text):
    expected = stripped(text)
    path = folder / "short.toml"
    review_at(path, "review-details", "agency")
    # A line starting with ':' is a command: an answer that starts with one is typed with '::'.
    typed = text.replace(":", "::", 1) if expected.strip().startswith(":") else text
    code, _ = type_into(path, typed, ":quit")
    assert code == 0
    agency = store.load(path).review_details.agency
    assert agency == (expected if expected.strip() else "")  # a blank line keeps the (empty) answer


@settings(max_examples=40, deadline=None)
@given(text=one_line)
@example(text=":goto ")
@example(text=":quit ")
@example(text="delete ")
@example(text="::")
def test_no_typed_text_ever_appears_in_a_message(folder, text):
    path = folder / "refused.toml"
    review_at(path, "review-details", "date_requested")
    bad = text + SENTINEL
    code, output = type_into(
        path,
        bad,  # a date
        "01/04/2011",
        f":goto {bad}",
        f":{bad}",
        "02/04/2011", "", "",
        bad,  # the terms of reference: add, change, delete or done
        "done",
        bad,  # yes or no
        ":quit",
    )
    assert code == 0
    assert SENTINEL.casefold() not in output.casefold()
    assert output.count(REFUSED) == 5
    assert store.load(path).review_details.records_secured == dt.date(2011, 4, 2)


def test_an_uncertain_date_is_listed_as_written_as_in_the_report(worked):
    entry = next(e for e in store.load(worked).chronology.entries if e.date.precision != "day")
    code, output = type_into(worked, ":goto chronology", ":quit")
    assert code == 0
    assert entry.date.written == "August 2010"
    assert "August 2010 - " in output


def test_a_list_in_plain_mode_names_records_as_the_wizard_table_does(worked):
    # One definition of a record's line (core/record_lists.py): an entry dated outside the review
    # period is marked "!", and an interview says what its sign-off still needs.
    review = store.load(worked)
    review.chronology.entries[0].date = parse_uncertain_date("01/01/2001")
    review.interviews.records[0].signed_by_interviewer = False
    store.save(review, worked)
    code, output = type_into(worked, ":goto chronology", "done", ":goto interviews", ":quit")
    assert code == 0
    assert "1. ! 01/01/2001 - " in output
    assert "needs interviewer" in output


def test_an_interview_chooses_the_entries_it_speaks_to_in_plain_mode_too(worked):
    interview = store.load(worked).interviews.records[2]  # named by entries 4 and 8
    fields = len(template().records["interview-record"].fields)
    code, output = type_into(worked, ":goto interviews", "change 3", *[""] * fields, "4 7", "done", ":quit")
    assert code == 0
    assert "Which chronology entries does this interview speak to?" in output
    entries = store.load(worked).chronology.entries
    assert [n for n, e in enumerate(entries, 1) if interview.id in e.interviews] == [4, 7]


def test_a_file_name_with_control_characters_is_shown_escaped_never_obeyed(tmp_path):
    path = tmp_path / "review\x1b]0;owned\x07\x1b[2J.toml"
    code, output = type_into(path, ":quit")
    assert code == 0 and "\x1b" not in output and "\x07" not in output
    assert said(output)[0] == f"Started a new review in {tmp_path}/review\\x1b]0;owned\\x07\\x1b[2J.toml."


# Another program changes the file -----------------------------------------------------------------


class Typist(io.StringIO):
    """Lines typed one by one; a callable among them runs between two lines (another program)."""

    def __init__(self, *lines) -> None:
        super().__init__()
        self.lines = list(lines)

    def readline(self, *_) -> str:
        while self.lines and callable(self.lines[0]):
            self.lines.pop(0)()
        return f"{self.lines.pop(0)}\n" if self.lines else ""


def _edited_elsewhere(path: Path, agency: str):
    def edit() -> None:
        review = store.load(path)
        review.review_details.agency = agency
        store.save(review, path)

    return edit


@pytest.fixture
def started(tmp_path):
    path = tmp_path / "review.toml"
    store.save(new_review(), path)
    return path


def test_a_change_by_another_program_is_never_written_over_without_asking_and_mine_keeps_theirs_beside(started):
    output = io.StringIO()
    code = plain(started, Typist("Child A", ".", _edited_elsewhere(started, "Their agency"), "My agency", "look", "mine", ":quit"), output)
    lines = said(output.getvalue())
    assert code == 0
    assert f"Another program has changed {started} since you opened it (an editor, a sync client, or" in lines
    assert lines[lines.index("Where yours and theirs differ:") + 1] == "  Review details: 'Which organisation is this IMR written for?'"
    assert lines[lines.index("Where yours and theirs differ:") + 2].startswith("Type theirs")
    theirs = next(started.parent.glob("review.toml.theirs-*.toml"))
    assert f"Kept yours; theirs is in {theirs}." in lines
    assert store.load(theirs).review_details.agency == "Their agency"
    assert store.load(started).review_details.agency == "My agency"
    assert theirs.stat().st_mode & 0o777 == 0o600


def test_keeping_theirs_goes_on_from_their_version(started):
    code, output = type_into_with(started, "Child A", ".", _edited_elsewhere(started, "Their agency"), "My agency", "theirs", ":quit")
    review = store.load(started).review_details
    assert code == 0 and "Going on from their version." in said(output)
    assert (review.agency, review.children) == ("Their agency", ["Child A"])  # saved before they changed it
    assert not list(started.parent.glob("review.toml.theirs-*"))


def test_leaving_without_choosing_keeps_theirs_in_the_file_and_mine_in_an_emergency_copy(started):
    code, output = type_into_with(started, "Child A", ".", _edited_elsewhere(started, "Their agency"), "My agency")
    rescue = next(started.parent.glob("review.toml.rescued-*.toml"))
    assert f"Stopped. Your latest answers are in {rescue}; {started} keeps the other program's version." in said(output)
    assert store.load(started).review_details.agency == "Their agency"
    assert store.load(rescue).review_details.agency == "My agency"


def type_into_with(path: Path, *lines) -> tuple[int, str]:
    output = io.StringIO()
    return plain(path, Typist(*lines), output), output.getvalue()


def test_choosing_theirs_mid_list_then_adding_an_entry_keeps_the_entry(started):
    entry = ("", "Health visiting record", "Health visiting", "HV1", "1")  # no time, a source, ..., a home visit
    code, output = type_into_with(
        started, ":goto chronology", _edited_elsewhere(started, "Their agency"),
        "add", "31/03/2011", *entry, "Dropped with mine", ".", "", "",
        "theirs",  # asked once the entry is done, before the list is worked again
        "add", "01/04/2011", *entry, "Home visit: Child A seen", ".", "", "", "done", ":quit",
    )
    review = store.load(started)
    assert code == 0 and "Going on from their version." in said(output)
    assert review.review_details.agency == "Their agency" and len(review.chronology.entries) == 1
    assert review.chronology.entries[0].what_happened == "Home visit: Child A seen"


def test_at_the_question_of_what_to_keep_moving_on_is_refused_and_quitting_keeps_both(started):
    code, output = type_into_with(started, "Child A", ".", _edited_elsewhere(started, "Their agency"), "Mine", ":goto glossary", ":quit")
    rescue = next(started.parent.glob("review.toml.rescued-*.toml"))
    assert code == 1 and "Not accepted: choose theirs, mine or look first" in said(output)
    assert store.load(started).review_details.agency == "Their agency" and store.load(rescue).review_details.agency == "Mine"


def test_ctrl_c_keeps_the_lines_of_an_answer_typed_so_far(started):
    def ctrl_c():
        raise KeyboardInterrupt

    code, _ = type_into_with(started, ":goto childs-journey", "First paragraph", "Second line", ctrl_c)
    assert code == 130
    assert store.load(started).childs_journey.narrative == "First paragraph\nSecond line"


def test_quitting_when_the_review_cannot_be_saved_keeps_the_answers_in_an_emergency_copy(started, monkeypatch):
    write = store._write_atomically

    def disc_full(path, data, **how):
        if path == started:
            raise store.ReviewFileError(f"{path}: could not save: no space left on device")
        return write(path, data, **how)

    def fill_the_disc():
        monkeypatch.setattr(store, "_write_atomically", disc_full)

    code, output = type_into_with(started, ":goto childs-journey", fill_the_disc, "Para one", ".", ":quit")
    rescue = next(started.parent.glob("review.toml.rescued-*.toml"))
    assert code == 1
    assert f"Stopped. Your latest answers could not be saved in the review: they are in {rescue}." in said(output)
    assert store.load(rescue).childs_journey.narrative == "Para one"


def test_a_name_typed_in_a_chronology_entry_is_offered_for_the_people_register(tmp_path):
    path = tmp_path / "review.toml"
    code, output = type_into(
        path, ":goto chronology", "add", "?/03/2011", "", "Electronic record", "Health Visiting", "Health Visitor 1", "1",
        *long("Seen at home with Dean Bradshaw; Mrs Patel rang."), "", "",
        "1",  # of the names offered, Dean Bradshaw
        "Father",  # his label
        "done", ":quit",
    )
    assert code == 0
    assert "These look like names that are not in People and labels" in output
    review = store.load(path)
    assert review.chronology.entries[0].date == UncertainDate(2011, 3)
    assert [(p.name, p.label) for p in review.people.entries] == [("Dean Bradshaw", "Father")]
