"""The command line, as an author (or a script) would use it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from markdown_it import MarkdownIt

from imr_tui import __version__
from imr_tui.core import store
from imr_tui.core.checks import readiness_findings
from imr_tui.cli import main
from imr_tui.core.guidance.example import WORKED_EXAMPLE
from imr_tui.core.guidance import template

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


def test_check_lists_every_problem_in_a_hand_edited_file_a_line_each(capsys, example):
    text = example.read_text(encoding="utf-8")
    text = text.replace("date = 2010-04-09", f'date = "{SENTINEL}"', 1).replace("agency_team =", "agensy_team =", 2)
    example.write_text(text, encoding="utf-8")
    before = example.read_bytes()
    code, out, err = run(capsys, "check", str(example))
    assert code == 2 and out == "" and SENTINEL not in err
    assert err.splitlines() == [
        f"imr-tui: {example}: Section 9 Chronology of contacts, chronology entry 1, date: "
        "should be a date, like 2010-04-09 (no quotes)",
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


def wizard_started(monkeypatch, tmp_path, argv: list[str], env: dict[str, str]) -> dict:
    """The options the wizard would be started with, by `imr-tui ARGV` in `env`."""
    import imr_tui.ui.app as wizard_app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    started = {}
    monkeypatch.setattr(wizard_app, "run_wizard", lambda path, opened, **options: started.update(options) or 0)
    for name in ("IMR_TUI_NO_MOUSE", "IMR_TUI_NO_DIFF"):
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
