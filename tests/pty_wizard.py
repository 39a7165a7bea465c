"""imr-tui in a pseudo-terminal, as a remote author's terminal would run it."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time

from virtual_terminal import VirtualTerminal


class Wizard:
    """imr-tui in a pseudo-terminal, as over SSH."""

    def __init__(self, path, goto: str = "childs-journey", argv: list[str] | None = None, env: dict | None = None) -> None:
        argv = argv or [sys.executable, "-m", "imr_tui", str(path), "--goto", goto]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update(TERM="xterm-256color", COLUMNS="80", LINES="24")
            os.environ.update(env or {})
            os.execv(argv[0], argv)
        self.screen = b""  # every byte the wizard wrote
        # What the author sees: the wizard sends only the cells that change (screen_diff.py),
        # so a text on the screen need not be in the bytes whole; and each screen seen so far.
        self.terminal = VirtualTerminal(80, 24)
        self.screens_seen: list[str] = []

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
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return
                self.screen += chunk
                self.terminal.feed(chunk)
                if not self.screens_seen or self.screens_seen[-1] != self.showing:
                    self.screens_seen.append(self.showing)

    def read_until_quiet(self, quiet: float = 0.5, seconds: float = 20) -> None:
        """Read until the program has written nothing for `quiet` seconds: its answer is whole."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            before = len(self.screen)
            self.read_for(quiet)
            if len(self.screen) == before:
                return

    @property
    def showing(self) -> str:
        """The screen as the author sees it now."""
        return "\n".join(self.terminal.rows)

    def shows(self, text: bytes) -> bool:
        return text in self.screen or text.decode() in self.showing

    def wait_for_screen(self, text: bytes, seconds: float = 40) -> None:
        end = time.monotonic() + seconds
        while not self.shows(text) and time.monotonic() < end:
            self.read_for(0.1)
        assert self.shows(text), "the wizard never drew its page"

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


class TerminalScreen:
    """What a COLUMNS x LINES terminal shows after a program's output: the text an author can read."""

    def __init__(self, output: bytes, columns: int = 80, lines: int = 24) -> None:
        terminal = VirtualTerminal(columns, lines)
        terminal.feed(output)
        self.rows = terminal.rows

    @property
    def text(self) -> str:
        return "\n".join(self.rows)
