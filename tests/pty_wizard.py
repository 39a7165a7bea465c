"""imr-tui in a pseudo-terminal, as a remote author's terminal would run it."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time


class Wizard:
    """imr-tui in a pseudo-terminal, as over SSH."""

    def __init__(self, path, goto: str = "childs-journey", argv: list[str] | None = None, env: dict | None = None) -> None:
        argv = argv or [sys.executable, "-m", "imr_tui", str(path), "--goto", goto]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update(TERM="xterm-256color", COLUMNS="80", LINES="24")
            os.environ.update(env or {})
            os.execv(argv[0], argv)
        self.screen = b""

    @classmethod
    def command(cls, argv: list[str]) -> "Wizard":
        """Any command that runs the wizard (a test's own script, say) in the terminal."""
        return cls(None, argv=argv)

    def read_for(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    self.screen += os.read(self.fd, 65536)
                except OSError:
                    return

    def wait_for_screen(self, text: bytes, seconds: float = 40) -> None:
        end = time.monotonic() + seconds
        while text not in self.screen and time.monotonic() < end:
            self.read_for(0.1)
        assert text in self.screen, "the wizard never drew its page"

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())
        self.read_for(0.3)

    def exit_status(self, seconds: float = 10) -> int | None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.05)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        return None  # it hung
