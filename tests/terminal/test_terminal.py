"""The wizard in a real terminal: an author at an 80x24 tmux window types two answers and quits.

Textual's test pilot skips the terminal; this drives the real program through a pseudo-terminal,
so keys arrive as bytes and the screen is what tmux shows. Each run has its own tmux server
(`-L`, no user config), which is killed however the test ends. Nothing waits a fixed time: the
screen is looked at again each time the program writes to it, and the end awaited as a signal.
"""

from __future__ import annotations

import os
import select
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from imr_tui.core import store

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not on PATH"),
    pytest.mark.slow,  # the real program in tmux: deselect with -m 'not slow'
]

DEADLINE_SECONDS = 40.0  # generous: a slow CI machine takes seconds to start Python and Textual

# Only what the run needs: /bin/sh for the `$?` below whatever the user's shell, and the pane
# kept after the wizard ends so a failure can show its last screen.
TMUX_CONF = "set -g default-shell /bin/sh\nset -g remain-on-exit on\n"


class Terminal:
    """One detached 80x24 tmux session on a private server."""

    def __init__(self, folder: Path) -> None:
        self.server = f"imr-tui-test-{uuid.uuid4().hex[:12]}"
        self.session = "wizard"
        self.socket: Path | None = None
        self.folder = folder
        self.conf = folder / "tmux.conf"
        self.conf.write_text(TMUX_CONF)
        # tmux copies all the program writes into this pipe: a sign the screen may have changed.
        self.output = folder / "pane-output"
        os.mkfifo(self.output)
        self.written = os.open(self.output, os.O_RDONLY | os.O_NONBLOCK)  # open before tmux writes to it
        self.pane_closed = False

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.server, "-f", str(self.conf), *args],
            capture_output=True,
            text=True,
            timeout=DEADLINE_SECONDS,
        )

    def start(self, command: str) -> None:
        size = ("-x", "80", "-y", "24")
        started = self.tmux("new-session", "-d", "-s", self.session, *size, "-c", str(self.folder), command)
        assert started.returncode == 0, f"tmux could not start: {started.stderr.strip()}"
        self.socket = Path(self.tmux("display-message", "-p", "#{socket_path}").stdout.strip())
        self.tmux("pipe-pane", "-O", "-t", self.session, f"cat > {shlex.quote(str(self.output))}")

    def signal_command(self, channel: str) -> str:
        """A shell command, run in the pane, that wakes whoever waits on `channel` (wait_for_signal)."""
        return shlex.join(["tmux", "-L", self.server, "wait-for", "-S", channel])

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session).stdout

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def press(self, key: str) -> None:
        self.tmux("send-keys", "-t", self.session, key)

    def wait_until(self, ready: Callable[[], bool], what: str) -> None:
        """Look at `ready` again each time the program writes, until it holds; fail saying `what`
        went wrong, with the last screen. tmux has drawn what it copies before the copy is sent."""
        deadline = time.monotonic() + DEADLINE_SECONDS
        while not ready():
            left = deadline - time.monotonic()
            if left <= 0 or self.pane_closed:
                pytest.fail(f"{what} within {DEADLINE_SECONDS:.0f} s; the screen showed:\n{self.screen()}")
            if select.select([self.written], [], [], left)[0]:
                self.pane_closed = not os.read(self.written, 65536)

    def wait_for(self, *texts: str) -> None:
        self.wait_until(lambda: all(text in self.screen() for text in texts), f"the screen did not show {texts!r}")

    def wait_for_signal(self, channel: str, what: str) -> None:
        """Until a command in the pane signals `channel` (one that signalled first is remembered)."""
        try:
            self.tmux("wait-for", channel)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{what} within {DEADLINE_SECONDS:.0f} s; the screen showed:\n{self.screen()}")

    def close(self) -> None:
        self.tmux("kill-server")
        os.close(self.written)
        if self.socket is not None:  # tmux leaves its socket file behind in /tmp/tmux-UID
            self.socket.unlink(missing_ok=True)


@pytest.mark.parametrize(
    "environment",
    [
        pytest.param("", id="tmux-terminal"),  # TERM as tmux sets it in the pane
        pytest.param("env TERM=linux NO_COLOR=1 ", id="linux-console-no-colour"),
    ],
)
def test_an_author_answers_two_questions_and_quits_in_a_real_terminal(tmp_path, environment):
    review_file = tmp_path / "review.toml"
    created = subprocess.run(
        [sys.executable, "-m", "imr_tui", "new", str(review_file)], capture_output=True, text=True, timeout=30
    )
    assert created.returncode == 0, created.stderr

    exit_status = tmp_path / "exit-status"
    wizard = shlex.join([sys.executable, "-m", "imr_tui", str(review_file), "--goto", "childs-journey"])
    terminal = Terminal(tmp_path)
    try:
        ended = terminal.signal_command("wizard-ended")
        terminal.start(f"{environment}{wizard}; echo $? > {shlex.quote(str(exit_status))}; {ended}")
        terminal.wait_for("Section 10 The child's journey", "question 1 of 9")

        terminal.type("Seen at Nan's home, she smiled at her brother.")
        terminal.wait_for("Seen at Nan's home, she smiled at her brother.")
        terminal.press("C-n")
        terminal.wait_for("question 2 of 9")
        terminal.type("White British; her father is Irish.")
        terminal.wait_for("White British; her father is Irish.")
        terminal.press("C-q")

        # The shell signals once the wizard has ended and echo has written its status.
        terminal.wait_for_signal("wizard-ended", "the wizard did not quit on ctrl+q")
        assert exit_status.read_text().endswith("\n")
        status = exit_status.read_text().strip()
        assert status == "0", f"the wizard quit with status {status}; the screen showed:\n{terminal.screen()}"
    finally:
        terminal.close()

    journey = store.load(review_file).childs_journey
    assert journey.narrative == "Seen at Nan's home, she smiled at her brother."
    assert journey.race == "White British; her father is Irish."
