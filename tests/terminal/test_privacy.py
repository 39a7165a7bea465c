"""Case data stays private: never in an error, a crash report or a network connection."""

from __future__ import annotations

import re
import resource
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from imr_tui.core import store
from imr_tui.cli import main
from imr_tui.core.standard_text import new_review

from pty_wizard import Wizard

SENTINEL = "Zephyrine Quockerwodger"


@pytest.mark.slow  # a real pseudo-terminal: deselect with -m 'not slow'
def test_a_crash_in_the_wizard_reports_no_case_data_and_saves_the_review(tmp_path):
    path = tmp_path / "review.toml"
    review = new_review()
    review.review_details.children = [SENTINEL]
    store.save(review, path)
    crash = tmp_path / "crash.py"
    crash.write_text(textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from imr_tui.ui.screens.question import QuestionScreen
        from imr_tui.ui.app import run_wizard
        from imr_tui.core.opening import open_review

        def broken(self):
            child = self.review.review_details.children[0]  # a local holding case data
            raise RuntimeError("could not go on for " + child)

        QuestionScreen.action_next = broken
        sys.exit(run_wizard(Path({str(path)!r}), open_review(Path({str(path)!r})), goto="childs-journey"))
    """))
    wizard = Wizard.command([sys.executable, str(crash)])
    try:
        wizard.wait_for_screen(b"question 1 of 9")
        wizard.type("Typed before the crash")
        wizard.wait_to_show("Typed before the crash")
        wizard.type("\x0e")  # ctrl+n: the broken step
        status = wizard.exit_status()  # and all it wrote read
    finally:
        wizard.close()
    output = wizard.screen.decode("utf-8", "replace")
    assert status == 1
    # The kind of error and the last place in imr-tui's code it passed (here, handing on the key).
    assert re.search(r"internal error \(RuntimeError at [\w/]+\.py:\d+\)", " ".join(output.split()))
    assert SENTINEL not in output and "Quockerwodger" not in output
    assert store.load(path).childs_journey.narrative == "Typed before the crash"


@pytest.mark.slow  # a real pseudo-terminal: deselect with -m 'not slow'
def test_textuals_debugging_settings_copy_nothing_the_author_types_or_sees(tmp_path, review_file):
    # Set in an author's environment (by a colleague who builds Textual apps, say), they would
    # write every key typed to a log file, the screen to a picture, or both to a devtools server.
    log = tmp_path / "textual.log"
    wizard = Wizard(review_file, env={
        "TEXTUAL_LOG": str(log),
        "TEXTUAL_SCREENSHOT": "1",
        "TEXTUAL_SCREENSHOT_LOCATION": str(tmp_path),
        "TEXTUAL": "devtools,debug",
    })
    try:
        wizard.wait_for_screen(b"question 1 of 9")
        wizard.type(SENTINEL)
        # The autosave, a second after the last key, comes after the second from startup after
        # which a screenshot would be taken.
        wizard.read_until(lambda: re.search(r"saved \d\d:\d\d:\d\d", wizard.shown.text), "the words were not saved")
        wizard.type("\x11")  # ctrl+q
        status = wizard.exit_status()
    finally:
        wizard.close()
    assert status == 0
    assert store.load(review_file).childs_journey.narrative == SENTINEL
    assert not log.exists()
    holding = [f.name for f in tmp_path.iterdir() if f.is_file() and b"Quockerwodger" in f.read_bytes()]
    assert holding == [review_file.name]


def test_a_bug_in_a_command_is_one_line_without_case_data(capsys, monkeypatch, tmp_path):
    import imr_tui.cli as cli

    def broken(_args):
        secret = SENTINEL
        raise KeyError(secret)

    monkeypatch.setattr(cli, "cmd_check", broken)
    code = main(["check", str(tmp_path / "review.toml")])
    out, err = capsys.readouterr()
    assert code == 70 and err.count("\n") == 1 and "KeyError" in err
    assert SENTINEL not in out + err


def test_a_file_with_a_wrong_answer_is_refused_without_quoting_it(capsys, review_file):
    review_file.write_text(review_file.read_text().replace("[review_details]\n", f'[review_details]\nperiod_end = "{SENTINEL}"\n', 1))
    code = main(["check", str(review_file)])
    _, err = capsys.readouterr()
    assert code == 2 and "Review details, period_end" in err and SENTINEL not in err


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("imr-tui tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


async def test_the_wizard_and_the_commands_make_no_network_connection(no_network, tmp_path, capsys):
    from wizard_helpers import SIZE, keys, type_text, wizard

    path = tmp_path / "review.toml"
    assert main(["new", str(path)]) == 0
    main(["check", str(path)])
    main(["export", str(path), "--draft"])
    main(["pro-forma"])
    app = wizard(path, goto="childs-journey")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "typed")
        await keys(pilot, "ctrl+t", "p", "escape", "c", "escape", "e", "ctrl+q")
    assert no_network == []


def test_a_crash_writes_no_core_file_and_no_other_process_may_read_imr_tuis_memory(tmp_path):
    # Started where core files are allowed and written to the working folder, as on many servers.
    allow_core_files = lambda: resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))  # noqa: E731
    path = tmp_path / "review.toml"
    wizard = subprocess.Popen(
        [sys.executable, "-m", "imr_tui", "--plain", str(path)],
        cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, preexec_fn=allow_core_files,
    )
    said = b""
    while not said.endswith(b"> "):  # its first prompt: the review is open and in memory
        said += wizard.stdout.read(1)
    limits = Path(f"/proc/{wizard.pid}/limits").read_text()
    assert re.search(r"^Max core file size\s+0\s+0\s", limits, re.MULTILINE), limits
    wizard.send_signal(signal.SIGSEGV)
    assert wizard.wait(timeout=30) == -signal.SIGSEGV
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("core")] == []  # the lock stays: it ended

    undumpable = subprocess.run(
        [sys.executable, "-c", "from imr_tui.__main__ import keep_out_of_core_files as keep; keep(); "
         "import ctypes; print(ctypes.CDLL(None).prctl(3, 0, 0, 0, 0))"],  # PR_GET_DUMPABLE
        capture_output=True, text=True, timeout=60,
    )
    assert undumpable.stdout.strip() == "0"
