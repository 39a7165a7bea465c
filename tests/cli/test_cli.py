"""The command line, as an author (or a script) would use it."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import docx
import pytest
from markdown_it import MarkdownIt
from word_reading import opened, styled, table as word_table

from imr_tui import __version__
from imr_tui.core import store
from imr_tui.core.checks import readiness_findings
from imr_tui.core.dates import BAD_STORED_DATE, parse_uncertain_date
from imr_tui.cli import main
from imr_tui.core.guidance.example import WORKED_EXAMPLE
from imr_tui.core.guidance import template
from imr_tui.core.opening import open_review

SENTINEL = "Zephyrine Quockerwodger"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def example(tmp_path):
    path = tmp_path / "review.toml"
    path.write_bytes(WORKED_EXAMPLE.read_bytes())
    return path


def test_the_worked_example_passes_the_readiness_check_with_nothing_to_consider():
    assert readiness_findings(store.load(WORKED_EXAMPLE)) == []


def test_new_creates_an_owner_only_review_that_the_check_says_is_not_ready(capsys, tmp_path):
    path = tmp_path / "review.toml"
    code, out, _ = run(capsys, "new", str(path))
    assert code == 0 and f"imr-tui {path}" in out
    assert path.stat().st_mode & 0o777 == 0o600
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert out.splitlines()[-1].startswith("Not ready:")
    assert "error: Section 11 Analysis:" in out


def test_new_never_overwrites_a_review(capsys, example):
    before = example.read_bytes()
    code, _, err = run(capsys, "new", str(example))
    assert code == 2 and "already exists" in err and len(err.splitlines()) == 1
    assert example.read_bytes() == before


def test_check_of_the_worked_example_says_ready(capsys):
    code, out, _ = run(capsys, "check", str(WORKED_EXAMPLE))
    assert (code, out) == (0, "Ready: nothing missing.\n")


def test_check_prints_one_finding_a_line_naming_the_part(capsys, example):
    review = store.load(example)
    review.childs_journey.gender = ""
    review.interviews.records[0].signed_by_interviewee = False
    store.save(review, example)
    code, out, _ = run(capsys, "check", str(example))
    lines = out.splitlines()
    assert code == 1
    assert any(line.startswith("error: Section 10 The child's journey:") for line in lines)
    assert any(line.startswith("error: Appendix I Pro Forma Interview Record Sheet:") for line in lines)
    assert lines[-1] == "Not ready: 2 to fix, 2 to consider."  # both parts are still marked completed


def test_export_writes_the_report_beside_the_review_owner_only(capsys, example):
    code, out, _ = run(capsys, "export", str(example))
    report = example.with_suffix(".md")
    assert code == 0 and str(report) in out
    assert report.stat().st_mode & 0o777 == 0o600
    tokens = MarkdownIt("commonmark", {"html": False}).enable("table").parse(report.read_text(encoding="utf-8"))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert [p.heading for p in template().parts] == [h for h in headings if h in {p.heading for p in template().parts}]


def test_a_final_export_is_refused_while_things_are_missing_and_says_why(capsys, example):
    review = store.load(example)
    review.analysis.wishes_and_feelings = ""
    store.save(review, example)
    code, _, err = run(capsys, "export", str(example))
    assert code == 2
    assert err.count("\n") == 1 and ": not exported: 1 thing to fix (see imr-tui check" in err and "--draft" in err
    assert not example.with_suffix(".md").exists()


def test_a_draft_export_marks_the_gaps_and_force_exports_anyway(capsys, example):
    review = store.load(example)
    review.analysis.wishes_and_feelings = ""
    store.save(review, example)
    code, out, _ = run(capsys, "export", str(example), "--draft", "-o", "-")
    assert code == 0 and out.count("**\\[Not yet answered\\]**") == 1 and "DRAFT, not ready to send: 1 thing to fix." in out
    code, out, _ = run(capsys, "export", str(example), "--force", "-o", "-")
    assert code == 0 and "Not yet answered" not in out and "DRAFT" not in out


def test_pro_forma_prints_a_blank_interview_record_sheet(capsys, tmp_path):
    code, out, _ = run(capsys, "pro-forma")
    assert code == 0
    for field in template().records["interview-record"].fields:
        assert field.prompt in out.replace("\\", "")
    sheet = tmp_path / "sheet.md"
    assert run(capsys, "pro-forma", "-o", str(sheet))[0] == 0
    assert sheet.read_text(encoding="utf-8") == out


# The report as a Word document ------------------------------------------------------------------


def test_export_as_word_writes_file_docx_beside_the_review_owner_only(capsys, example):
    code, out, _ = run(capsys, "export", str(example), "--format", "docx")
    report = example.with_suffix(".docx")
    assert (code, out) == (0, f"Exported the report to {report}\n")
    assert report.stat().st_mode & 0o777 == 0o600
    assert [p.heading for p in template().parts] == styled(opened(report.read_bytes()), "Heading 1")


def test_a_final_word_export_is_refused_while_things_are_missing_and_a_draft_is_not(capsys, example):
    review = store.load(example)
    review.analysis.wishes_and_feelings = ""
    store.save(review, example)
    code, _, err = run(capsys, "export", str(example), "--format", "docx")
    assert code == 2 and err.count("\n") == 1 and "not exported: 1 thing to fix" in err
    assert not example.with_suffix(".docx").exists()
    draft = example.parent / "draft.docx"
    assert run(capsys, "export", str(example), "--format", "docx", "--draft", "-o", str(draft))[0] == 0
    assert any(p.startswith("DRAFT, not ready to send: 1 thing to fix.") for p in styled(opened(draft.read_bytes()), "Normal"))


def test_a_reference_document_styles_the_word_export(capsys, example):
    board = docx.Document()
    board.styles["Normal"].font.name = "Georgia"
    board.save(example.parent / "board.docx")
    code, _, _ = run(capsys, "export", str(example), "--format", "docx", "--reference", str(example.parent / "board.docx"))
    assert code == 0 and opened(example.with_suffix(".docx").read_bytes()).styles["Normal"].font.name == "Georgia"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--format", "docx", "--reference", "board.docx"], "board.docx: is not a Word document (.docx) imr-tui can read"),
        (["--format", "docx", "--reference", "nowhere.docx"], "nowhere.docx: could not read: no such file or directory"),
        (["--reference", "board.docx"], "--reference is for a Word document: add --format docx"),
        (["--format", "docx", "-o", "-"], "a Word document cannot go to the screen"),
        (["--format", "pdf"], "invalid choice: 'pdf'"),
    ],
)
def test_a_word_export_that_cannot_be_made_says_why_in_one_line_and_writes_nothing(
    capsys, example, monkeypatch, argv, words
):
    monkeypatch.chdir(example.parent)
    (example.parent / "board.docx").write_text(SENTINEL)
    before = sorted(example.parent.iterdir())
    code, out, err = run(capsys, "export", str(example), *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and words in err
    assert SENTINEL not in err and "Traceback" not in err
    assert sorted(example.parent.iterdir()) == before


def test_characters_word_cannot_hold_are_reported_after_the_export_never_quoted(capsys, example):
    review = store.load(example)
    review.analysis.good_practice = f"{SENTINEL}\x1b[2J"
    store.save(review, example)
    code, out, _ = run(capsys, "export", str(example), "--format", "docx")
    assert code == 0
    assert out.splitlines()[1] == (
        "1 character that a Word document cannot hold (control characters) is shown as the mark U+FFFD: "
        "1 in Section 11 Analysis."
    )
    assert SENTINEL not in out


def test_pro_forma_as_word_is_written_once_and_never_over_another(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "pro-forma", "--format", "docx")
    assert code == 0 and out == "Wrote a blank interview record sheet to pro-forma.docx\n"
    sheet = tmp_path / "pro-forma.docx"
    assert sheet.stat().st_mode & 0o777 == 0o600
    assert styled(opened(sheet.read_bytes()), "Heading 1") == [template().part("interviews").heading]
    before = sheet.read_bytes()
    code, _, err = run(capsys, "pro-forma", "--format", "docx")
    assert code == 2 and "already exists" in err and sheet.read_bytes() == before
    assert run(capsys, "pro-forma", "--format", "docx", "-o", "sheet.docx")[0] == 0


def test_check_lists_every_problem_in_a_hand_edited_file_a_line_each(capsys, example):
    text = example.read_text(encoding="utf-8")
    text = text.replace('date = "2010-04-09"', f'date = "{SENTINEL}"', 1).replace("agency_team =", "agensy_team =", 2)
    example.write_text(text, encoding="utf-8")
    before = example.read_bytes()
    code, out, err = run(capsys, "check", str(example))
    assert code == 2 and out == "" and SENTINEL not in err
    assert err.splitlines() == [
        f"imr-tui: {example}: Section 9 Chronology of contacts, chronology entry 1, date: {BAD_STORED_DATE}",
        f"imr-tui: {example}: Section 9 Chronology of contacts, chronology entry 1: "
        "has a field imr-tui does not know (is it a misspelt agency_team?)",
        f"imr-tui: {example}: Section 9 Chronology of contacts, chronology entry 2: "
        "has a field imr-tui does not know (is it a misspelt agency_team?)",
    ]
    assert example.read_bytes() == before


def test_schema_prints_the_review_files_json_schema_from_the_template(capsys, tmp_path):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["$schema"].startswith("http://json-schema.org/")
    assert set(schema["required"]) == {"schema_version", "resume", *(p.answers for p in template().parts)}
    definitions = schema["$defs"]
    for part in template().parts:
        table = definitions[schema["properties"][part.answers]["$ref"].split("/")[-1]]
        assert table["additionalProperties"] is False and table["description"] == part.heading
        for question in part.questions:
            assert table["properties"][question.id]["description"] == question.prompt
    entry = definitions["ChronologyEntry"]["properties"]
    assert entry["contact_kind"]["enum"] == list(template().records["chronology-entry"].field("contact_kind").options)
    code, out, _ = run(capsys, "schema", "-o", str(tmp_path / "imr.schema.json"))
    assert code == 0 and json.loads((tmp_path / "imr.schema.json").read_text()) == schema


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"imr-tui {__version__}"


@pytest.mark.parametrize(
    "argv, words",
    [
        (["check"], "the following arguments are required: file"),
        (["export", "a.toml", "--colour"], "unrecognized arguments"),
        (["a.toml", "--goto", "chapter-9"], "invalid choice"),
        (["check", "missing.toml"], "missing.toml: does not exist"),
    ],
)
def test_bad_arguments_get_one_line_and_a_non_zero_exit(capsys, tmp_path, monkeypatch, argv, words):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert words in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("command", ["check", "export", "--plain"])
def test_a_broken_review_is_refused_in_one_line_untouched_and_unquoted(capsys, tmp_path, command):
    path = tmp_path / "review.toml"
    path.write_text(f'schema_version = 1\n[review_details]\nagency = "{SENTINEL}\n', encoding="utf-8")
    before = path.read_bytes()
    code, out, err = run(capsys, command, str(path))
    assert code == 2 and err.count("\n") == 1 and "line 3" in err
    assert SENTINEL not in out + err
    assert path.read_bytes() == before
    assert not path.with_suffix(".md").exists()


def test_python_dash_m_runs_the_same_command_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "imr_tui", "check", str(WORKED_EXAMPLE)], capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stdout) == (0, "Ready: nothing missing.\n")


def test_restore_asks_nothing_with_yes_and_swaps_the_review_and_its_backup(capsys, example):
    store.backup(example)
    review = store.load(example)
    review.childs_journey.gender = "a later change"
    store.save(review, example)
    code, out, _ = run(capsys, "restore", str(example), "--yes")
    assert code == 0 and "restore again to undo" in out
    assert store.load(example).childs_journey.gender != "a later change"
    assert store.load(example.with_name("review.toml.bak")).childs_journey.gender == "a later change"
    assert example.stat().st_mode & 0o777 == 0o600


def test_restore_without_a_terminal_or_yes_changes_nothing(capsys, example, monkeypatch):
    store.backup(example)
    before = example.read_bytes()
    monkeypatch.setattr(sys, "stdin", open(os.devnull))
    code, _, err = run(capsys, "restore", str(example))
    assert code == 2 and "--yes" in err
    assert example.read_bytes() == before


def test_restore_asks_first_and_no_keeps_the_review(capsys, example, monkeypatch):
    store.backup(example)
    before = example.read_bytes()
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda question: "n")
    code, out, _ = run(capsys, "restore", str(example))
    assert code == 0 and "Nothing was changed" in out
    assert example.read_bytes() == before


def test_restore_with_no_backup_says_so(capsys, example):
    code, _, err = run(capsys, "restore", str(example), "--yes")
    assert code == 2 and "no backup" in err


def test_check_warns_when_others_can_read_the_review(capsys, example):
    example.chmod(0o644)
    code, _, err = run(capsys, "check", str(example))
    assert code == 0 and "chmod 600" in err


@pytest.mark.parametrize(
    "argv, env, ascii, mouse",
    [
        (["r.toml"], {"TERM": "xterm-256color"}, False, True),
        (["r.toml", "--ascii"], {"TERM": "xterm-256color"}, True, True),
        (["r.toml"], {"TERM": "linux"}, True, True),
        (["r.toml"], {"TERM": "vt100"}, True, True),
        (["r.toml", "--no-mouse"], {"TERM": "xterm"}, False, False),
        (["r.toml"], {"TERM": "xterm", "IMR_TUI_NO_MOUSE": "1"}, False, False),
    ],
)
def test_the_wizard_is_started_plain_on_plain_terminals_and_without_the_mouse_when_asked(
    monkeypatch, tmp_path, argv, env, ascii, mouse
):
    started = wizard_started(monkeypatch, tmp_path, argv, env)
    assert (started["ascii"], started["mouse"]) == (ascii, mouse)


@pytest.mark.parametrize(
    "argv, env, diff",
    [
        (["r.toml"], {}, True),
        (["r.toml", "--no-diff"], {}, False),
        (["r.toml"], {"IMR_TUI_NO_DIFF": "1"}, False),
        (["r.toml"], {"IMR_TUI_NO_DIFF": "0"}, True),
    ],
)
def test_the_wizard_sends_only_what_changed_unless_told_not_to(monkeypatch, tmp_path, argv, env, diff):
    assert wizard_started(monkeypatch, tmp_path, argv, {"TERM": "xterm-256color", **env})["diff"] is diff


@pytest.mark.parametrize(
    "argv, env, show_cursor, ansi_colours",
    [
        (["r.toml"], {"TERM": "xterm-256color"}, False, False),
        (["r.toml", "--show-cursor"], {"TERM": "xterm-256color"}, True, False),
        (["r.toml"], {"TERM": "xterm-256color", "IMR_TUI_SHOW_CURSOR": "1"}, True, False),
        (["r.toml", "--ansi-colours"], {"TERM": "xterm-256color"}, False, True),
        (["r.toml"], {"TERM": "xterm-256color", "IMR_TUI_ANSI_COLOURS": "1"}, False, True),
        (["r.toml"], {"TERM": "linux"}, False, True),
    ],
)
def test_the_cursor_is_shown_and_the_terminals_own_colours_used_when_asked_or_on_the_linux_console(
    monkeypatch, tmp_path, argv, env, show_cursor, ansi_colours
):
    started = wizard_started(monkeypatch, tmp_path, argv, env)
    assert (started["show_cursor"], started["ansi_colours"]) == (show_cursor, ansi_colours)


def wizard_started(monkeypatch, tmp_path, argv: list[str], env: dict[str, str]) -> dict:
    """The options the wizard would be started with, by `imr-tui ARGV` in `env`."""
    import imr_tui.ui.app as wizard_app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    started = {}
    monkeypatch.setattr(wizard_app, "run_wizard", lambda path, opened, **options: started.update(options) or 0)
    for name in ("IMR_TUI_NO_MOUSE", "IMR_TUI_NO_DIFF", "IMR_TUI_SHOW_CURSOR", "IMR_TUI_ANSI_COLOURS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(argv) == 0
    return started


@pytest.mark.parametrize(
    "argv, term, terminal",
    [(["--plain"], "xterm", True), ([], "dumb", True), ([], "xterm", False)],
    ids=["--plain", "TERM=dumb", "no terminal"],
)
def test_plain_prompts_are_used_when_asked_on_a_dumb_terminal_or_without_one(
    capsys, monkeypatch, tmp_path, argv, term, terminal
):
    import imr_tui.plain.wizard as plain

    walked = []
    monkeypatch.setattr(plain, "run_plain", lambda opened, input, output: walked.append(opened.path) or 0)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: terminal, raising=False)
    monkeypatch.setenv("TERM", term)
    path = tmp_path / "review.toml"
    assert main([str(path), *argv]) == 0
    assert walked == [path]
    assert not (tmp_path / "review.toml.lock").exists()  # released when the walk ends


def test_a_review_open_in_another_session_is_refused_in_one_line_naming_it(capsys, monkeypatch, example):
    from imr_tui.core.lock import acquire

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    before = example.read_bytes()
    with acquire(example):  # a live session (this process, as far as the lock is concerned)
        code, _, err = run(capsys, str(example))
    assert code == 2 and err.count("\n") == 1
    assert "is already open in this imr-tui session" in err or "is open in another imr-tui session" in err
    assert example.read_bytes() == before


def test_plain_mode_without_a_file_says_what_it_needs(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    code, _, err = run(capsys)
    assert code == 2 and "plain mode needs a review file" in err


# The command turns garbage collection off while it starts up (imr_tui.__main__): every command,
# the wizard and plain mode must have it back on before they work, or a long session would keep
# every reference cycle it ever made.


@pytest.fixture
def collection_seen(monkeypatch):
    """Runs the imr-tui command in this process; says whether collection was on where it looked."""
    import gc

    from imr_tui import __main__ as command

    seen: list[bool] = []

    def run_command(*argv: str, where: tuple[object, str], returning: object = 0) -> bool:
        owner, name = where
        monkeypatch.setattr(owner, name, lambda *_, **__: seen.append(gc.isenabled()) or returning)
        monkeypatch.setattr(sys, "argv", ["imr-tui", *argv])
        try:
            assert command.main() == 0
        finally:
            gc.enable()  # whatever happened, not left off for the rest of the tests
        return seen[-1]

    return run_command


def test_a_command_collects_garbage_again_before_it_works(collection_seen, example):
    from imr_tui import cli

    assert collection_seen("check", str(example), where=(cli, "readiness_findings"), returning=[])


def test_plain_mode_collects_garbage_again_before_it_asks_anything(collection_seen, example):
    from imr_tui.plain import wizard as plain

    assert collection_seen("--plain", str(example), where=(plain, "run_plain"))


def test_the_wizard_collects_garbage_again_before_its_first_screen(collection_seen, example, monkeypatch):
    from imr_tui import cli
    from imr_tui.ui.app import ImrApp

    monkeypatch.setattr(cli, "wants_plain", lambda args: False)  # as on a terminal
    assert collection_seen(str(example), where=(ImrApp, "run"))


def test_a_review_reached_through_a_symbolic_link_is_saved_in_the_file_it_points_to(tmp_path, monkeypatch, capsys):
    shared = tmp_path / "shared-drive"
    shared.mkdir()
    real = shared / "child-a.toml"
    real.write_bytes(WORKED_EXAMPLE.read_bytes())
    real.chmod(0o600)
    link = tmp_path / "review.toml"
    link.symlink_to(real)
    typed = ":goto review-details\nChild B\n.\n:quit\n"  # the first question: the children, a line each
    monkeypatch.setattr(sys, "stdin", io.StringIO(typed))

    code, _, err = run(capsys, "--plain", str(link))

    assert code == 0, err
    assert link.is_symlink() and link.resolve() == real  # not replaced by a copy of the review
    assert store.load(real).review_details.children == ["Child B"]
    assert (shared / "child-a.toml.bak").exists() and not (tmp_path / "review.toml.bak").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.toml", "shared-drive"]  # no lock left


HOSTILE_NAME = "review\x1b]0;owned\x07\x1b[2J\u202e.toml\nimr-tui: all is well"


def test_a_file_name_with_control_characters_is_shown_escaped_never_obeyed(capsys, tmp_path):
    path = tmp_path / HOSTILE_NAME
    for argv in (["check", str(path)], ["export", str(path)], ["new", str(tmp_path / "x\x1b[31m" / "r.toml")]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
        assert len(err.splitlines()) == 1
    assert err.startswith(f"imr-tui: {tmp_path}/x\\x1b[31m/r.toml: could not save")
    code, out, _ = run(capsys, "new", str(tmp_path / "r\x1b[2J.toml"))
    assert code == 0 and out == f"Created {tmp_path}/r\\x1b[2J.toml. Open it with: imr-tui {tmp_path}/r\\x1b[2J.toml\n"



def test_example_opens_a_private_copy_of_the_worked_example_without_a_warning(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(":quit\n"))
    code, out, err = run(capsys, "--example", "--plain")
    copy = tmp_path / "worked-example.toml"
    assert code == 0 and err == "" and "could be read" not in out
    assert copy.stat().st_mode & 0o777 == 0o600
    assert store.load(copy).model_dump(exclude={"resume"}) == store.load(WORKED_EXAMPLE).model_dump(exclude={"resume"})

    review = store.load(copy)
    review.childs_journey.narrative = "My own notes"
    store.save(review, copy)
    monkeypatch.setattr(sys, "stdin", io.StringIO(":quit\n"))
    assert run(capsys, "--example", "--plain", str(copy))[0] == 0
    assert store.load(copy).childs_journey.narrative == "My own notes"  # a copy there is kept


def test_an_export_that_would_replace_the_review_itself_is_refused(capsys, example, tmp_path):
    before = example.read_bytes()
    for argv in (["export", str(example), "-o", str(example)], ["export", str(example), "-o", str(example) + ".bak"]):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "is the review itself or its backup: name another file to write" in err
    named_md = tmp_path / "review.md"
    named_md.write_bytes(before)
    code, _, err = run(capsys, "export", str(named_md))
    assert code == 2 and named_md.read_bytes() == before and example.read_bytes() == before


def test_restore_is_refused_while_the_review_is_open_and_a_failed_restore_loses_neither_version(capsys, example, monkeypatch):
    current = example.read_bytes()
    previous = current.replace(b"completed = true", b"completed = false", 1)
    store.backup_path(example).write_bytes(previous)
    opened = open_review(example)
    code, _, err = run(capsys, "restore", str(example), "--yes")
    opened.close()
    assert code == 2 and "is already open" in err and example.read_bytes() == current
    store.backup_path(example).write_bytes(previous)  # as it was before that open made a new backup

    def fails_on_the_review(path, data, **how):
        if path == example:
            raise store.ReviewFileError(f"{path}: could not save: no space left on device")
        return write(path, data, **how)

    write = store._write_atomically
    monkeypatch.setattr(store, "_write_atomically", fails_on_the_review)
    code, _, err = run(capsys, "restore", str(example), "--yes")
    assert code == 2 and example.read_bytes() == current and store.backup_path(example).read_bytes() == previous


# An anonymised copy: refused, naming each place and never the name, while a name is left.


def test_export_anonymise_writes_labels_and_no_registered_name(capsys, example):
    example.chmod(0o600)
    code, out, err = run(capsys, "export", str(example), "--anonymise")
    written = example.with_name("review-anonymised.md")
    assert code == 0 and err == "" and out == f"Exported the report anonymised to {written}\n"
    text = written.read_text(encoding="utf-8")
    assert "Carys Holloway" not in text and "Ellery" not in text and "**Interviewee's full name:** Health Visitor 1" in text
    code, _, _ = run(capsys, "export", str(example), "--anonymise", "--format", "docx")
    words = " ".join(p.text for p in opened(example.with_name("review-anonymised.docx").read_bytes()).paragraphs)
    assert code == 0 and "Health Visitor 1" in words and "Holloway" not in words and "Ellery" not in words


def test_an_anonymised_copy_with_a_name_left_is_refused_by_place_and_a_draft_lists_them(capsys, example):
    review = store.load(example)
    review.people.entries[1].label = "Lily-Mae's brother"  # a label that puts a name back
    review.review_details.children = ["Child A"]
    review.chronology.entries[0].what_happened += " Jayden rang."
    store.save(review, example)
    before = example.read_bytes()
    code, out, err = run(capsys, "export", str(example), "--anonymise", "--force")
    assert code == 2 and out == "" and "Lily" not in err and "Jayden" not in err
    assert err.splitlines() == [
        f"imr-tui: {example}: Section 9 Chronology of contacts, chronology entry 1, what_happened: still holds a registered name",
        f"imr-tui: {example}: not written: a name is left, or has no label, in the 1 place above; add each name to the "
        "people register, or say a word is not a name there (--draft writes it anyway)",
    ]
    assert not example.with_name("review-anonymised.md").exists() and example.read_bytes() == before
    code, _, err = run(capsys, "export", str(example), "--anonymise", "--draft", "-o", "-")
    assert code == 0 and len(err.splitlines()) == 1


def table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_export_writes_the_chronology_as_a_private_csv_beside_the_review(capsys, example):
    code, out, _ = run(capsys, "export", str(example), "--format", "csv")
    written = example.with_suffix(".csv")
    assert code == 0 and out == f"Exported its chronology to {written}\n"
    assert written.stat().st_mode & 0o777 == 0o600
    assert len(table(written.read_text(encoding="utf-8"))) == 19


# A chronology from a spreadsheet: every row read first; one bad row, and nothing is imported.


def test_import_adds_every_row_in_date_order_and_keeps_the_review_as_it_was_in_its_backup(capsys, example, tmp_path):
    data = tmp_path / "data.csv"
    data.write_text("Date,Time,Source,What happened\r\n?/05/2010,,EPR,Letter\r\n01/05/2010,10:00,EPR,Call\r\n", encoding="utf-8")
    csv_before, review_before = data.read_bytes(), example.read_bytes()
    code, out, err = run(capsys, "import-chronology", str(example), str(data))
    assert code == 0 and err == ""
    assert out == f"Imported 2 entries from {data} into {example}; its chronology has 20.\n"
    entries = store.load(example).chronology.entries
    assert [(e.id, e.date.written, e.what_happened) for e in entries[2:4]] == [(19, "May 2010", "Letter"), (20, "01/05/2010", "Call")]
    assert entries[4].date.written == "18/05/2010"
    assert data.read_bytes() == csv_before and store.backup_path(example).read_bytes() == review_before


def test_an_import_with_a_bad_row_imports_nothing_and_names_the_row_and_column(capsys, example, tmp_path):
    data = tmp_path / "data.csv"
    data.write_text(f"Date,What happened\r\n01/05/2010,{SENTINEL}\r\n{SENTINEL},x\r\n", encoding="utf-8")
    before = example.read_bytes()
    code, out, err = run(capsys, "import-chronology", str(example), str(data))
    assert code == 2 and out == "" and SENTINEL not in err
    assert err == (f"imr-tui: {data}: row 3, column A (Date): enter the date as day/month/year (14/03/2011), or as much as "
                   "is known: 03/2011, March 2011, 2011, c. 2010; nothing was imported\n")
    assert example.read_bytes() == before and not store.backup_path(example).exists()


# The merged chronology: every agency's entries in one date order; a file that is not a review,
# or registers that disagree, are refused before anything is written.


def agency(tmp_path, name: str, agency_name: str, entries: list[tuple[str, str]]):
    """A copy of the worked example as another agency's review, with its own dated entries."""
    review = store.load(WORKED_EXAMPLE)
    review.review_details.agency = agency_name
    first = review.chronology.entries[0]
    review.chronology.entries = [
        first.model_copy(update={"id": n, "date": parse_uncertain_date(date), "what_happened": what, "interviews": []})
        for n, (date, what) in enumerate(entries, 1)
    ]
    path = tmp_path / name
    store.save(review, path)
    return path


def test_merge_puts_every_agencys_entries_in_one_date_order_each_keeping_its_own_number(capsys, tmp_path):
    health = agency(tmp_path, "health.toml", "Health", [("14/03/2011", "Seen"), ("March 2011", "Letter"), ("20/03/2011", "Call")])
    police = agency(tmp_path, "police.toml", "Police", [("15/03/2011", "Incident"), ("c. 2010", "Earlier")])
    out_path = tmp_path / "merged.csv"
    befores = health.read_bytes(), police.read_bytes()
    code, out, _ = run(capsys, "merge", str(health), str(police), "-o", str(out_path))
    assert code == 0 and out == f"Merged 5 entries from 2 reviews into {out_path}\n"
    rows = table(out_path.read_text(encoding="utf-8"))
    assert rows[0][:4] == ["No.", "Agency", "Agency's No.", "Date"]
    assert [row[:4] for row in rows[1:]] == [
        ["1", "Police", "1", "c. 2010"],
        ["2", "Health", "1", "March 2011"],
        ["3", "Health", "2", "14/03/2011"],
        ["4", "Police", "2", "15/03/2011"],
        ["5", "Health", "3", "20/03/2011"],
    ]
    assert (health.read_bytes(), police.read_bytes()) == befores
    code, _, _ = run(capsys, "merge", str(health), str(police), "-o", str(tmp_path / "merged.md"))
    assert code == 0 and "| 2 | Health | 1 | March 2011 |" in (tmp_path / "merged.md").read_text(encoding="utf-8")
    code, _, _ = run(capsys, "merge", str(health), str(police), "-o", str(tmp_path / "merged.docx"))
    merged = word_table(opened((tmp_path / "merged.docx").read_bytes()), "No.", "Agency", "Agency's No.")
    assert code == 0 and [[c.text for c in row.cells[:4]] for row in merged.rows[1:3]] == [rows[1][:4], rows[2][:4]]


def test_a_merge_refuses_a_file_that_is_not_a_review_by_name_and_writes_nothing(capsys, example, tmp_path):
    example.chmod(0o600)
    broken = tmp_path / "broken.toml"
    broken.write_text(f'schema_version = 3\n[review_details]\nagency = "{SENTINEL}\n', encoding="utf-8")
    out_path = tmp_path / "merged.csv"
    code, out, err = run(capsys, "merge", str(example), str(broken), "-o", str(out_path))
    assert code == 2 and out == "" and err.startswith(f"imr-tui: {broken}: is not valid TOML") and len(err.splitlines()) == 1
    assert SENTINEL not in err and not out_path.exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("-o", "{review}"), "{review}: is the review itself or its backup: name another file to write"),
        (("-o", "{review}.bak"), "{review}.bak: is the review itself or its backup: name another file to write"),
        (("-o", "{folder}/m.txt"), "{folder}/m.txt: a merged chronology is written as .md, .csv or .docx"),
        (("{review}", "-o", "{folder}/m.md"), "{review}: is named twice; name each review once"),
    ],
)
def test_a_merge_that_would_overwrite_its_input_or_cannot_be_written_is_refused(capsys, example, tmp_path, args, said):
    before = example.read_bytes()
    filled = [a.format(review=example, folder=tmp_path) for a in args]
    code, _, err = run(capsys, "merge", str(example), *filled)
    assert code == 2 and err == f"imr-tui: {said.format(review=example, folder=tmp_path)}\n"
    assert example.read_bytes() == before and not (tmp_path / "m.md").exists() and not (tmp_path / "m.txt").exists()


def test_an_anonymised_merge_refuses_registers_that_disagree_naming_entries_not_people(capsys, tmp_path):
    health = agency(tmp_path, "health.toml", "Health", [("14/03/2011", "Kerry Farrow was seen")])
    police = agency(tmp_path, "police.toml", "Police", [("15/03/2011", "Kerry Farrow rang")])
    review = store.load(police)
    review.people.entries[2].label = "Mother 1"  # Kerry Farrow: Mother in the health register
    review.people.entries[3].label = "Child A"  # and Child A is someone else in the health register
    store.save(review, police)
    out_path = tmp_path / "merged.md"
    code, out, err = run(capsys, "merge", str(health), str(police), "--anonymise", "-o", str(out_path))
    assert code == 2 and out == "" and "Farrow" not in err and "Kitching" not in err
    assert err.splitlines()[:2] == [
        f"imr-tui: {out_path}: {health}: People and labels, person 3 and {police}: People and labels, person 3 give one person two labels",
        f"imr-tui: {out_path}: {health}: People and labels, person 4 and {police}: People and labels, person 4 give one person two labels",
    ]
    assert f"{health}: People and labels, person 1 and {police}: People and labels, person 4 give one label to two people" in err
    assert not out_path.exists()
    fixed = store.load(police)
    fixed.people = store.load(health).people
    store.save(fixed, police)
    code, _, _ = run(capsys, "merge", str(health), str(police), "--anonymise", "-o", str(out_path))
    text = out_path.read_text(encoding="utf-8")
    assert code == 0 and "Mother was seen" in text and "Mother rang" in text and "Farrow" not in text
