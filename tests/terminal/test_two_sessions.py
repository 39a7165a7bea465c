"""Two sessions on one review: the second is refused while the first lives, and takes over after."""

from __future__ import annotations

import getpass
import os
import signal
import socket
import subprocess
import sys

from imr_tui.core import store
from imr_tui.core.standard_text import new_review

from pty_wizard import Wizard


def second_session(path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "imr_tui", str(path), "--plain"],
        input=":quit\n", capture_output=True, text=True, timeout=60,
    )


def test_a_second_session_is_refused_naming_the_first_then_takes_over_when_it_is_killed(tmp_path):
    path = tmp_path / "review.toml"
    store.save(new_review(), path)
    first = Wizard(path)
    try:
        first.wait_for_screen(b"question 1 of 9")
        before = path.read_bytes()
        refused = second_session(path)
        assert refused.returncode == 2
        assert refused.stderr.count("\n") == 1
        assert f"is open in another imr-tui session (user {getpass.getuser()} on host {socket.gethostname()}, since " in refused.stderr
        assert path.read_bytes() == before
        os.kill(first.pid, signal.SIGKILL)
        first.exit_status()
    finally:
        os.close(first.fd)
    after = second_session(path)
    assert after.returncode == 0
    assert "took over the lock left by an imr-tui session that ended" in after.stdout
