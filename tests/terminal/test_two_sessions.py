"""Two sessions on one review: the second is refused while the first lives, and takes over after."""

from __future__ import annotations

import getpass
import os
import signal
import socket
import subprocess
import sys

import pytest

from pty_wizard import Wizard

pytestmark = pytest.mark.slow  # a real pseudo-terminal: deselect with -m 'not slow'


def second_session(path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "imr_tui", str(path), "--plain"],
        input=":quit\n", capture_output=True, text=True, timeout=60,
    )


def test_a_second_session_is_refused_naming_the_first_then_takes_over_when_it_is_killed(review_file):
    first = Wizard(review_file)
    try:
        first.wait_for_screen(b"question 1 of 9")
        before = review_file.read_bytes()
        refused = second_session(review_file)
        assert refused.returncode == 2
        assert refused.stderr.count("\n") == 1
        assert f"is open in another imr-tui session (user {getpass.getuser()} on host {socket.gethostname()}, since " in refused.stderr
        assert review_file.read_bytes() == before
        os.kill(first.pid, signal.SIGKILL)
        first.exit_status()
    finally:
        first.close()
    after = second_session(review_file)
    assert after.returncode == 0
    assert "took over the lock left by an imr-tui session that ended" in after.stdout
