"""imr-tui in a pseudo-terminal, as a remote author's terminal would run it."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import sys
import time
import unicodedata


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

    def read_until_quiet(self, quiet: float = 0.5, seconds: float = 20) -> None:
        """Read until the program has written nothing for `quiet` seconds: its answer is whole."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            before = len(self.screen)
            self.read_for(quiet)
            if len(self.screen) == before:
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


# CSI sequences (cursor moves, colours, modes), OSC strings, other escapes, or one character.
_OUTPUT = re.compile(r"\x1b\[([?<>=]?)([0-9;:]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.|(.)", re.DOTALL)


class TerminalScreen:
    """What a COLUMNS x LINES terminal shows after a program's output: where it moves the cursor
    and the text it writes there (Textual places every line with a cursor move). Colours and
    modes are ignored: this is for asserting what the author can read."""

    def __init__(self, output: bytes, columns: int = 80, lines: int = 24) -> None:
        self.cells = [[" "] * columns for _ in range(lines)]
        row = column = 0
        for match in _OUTPUT.finditer(output.decode("utf-8", "replace")):
            private, numbers, final, char = match.groups()
            if final == "H" and not private:
                place = [int(n or 1) for n in numbers.split(";")] if numbers else [1, 1]
                row, column = place[0] - 1, (place[1] if len(place) > 1 else 1) - 1
            elif final == "J" and numbers == "2":
                self.cells = [[" "] * columns for _ in range(lines)]
            elif char == "\n":
                row += 1
            elif char == "\r":
                column = 0
            elif char is not None and char >= " " and 0 <= row < lines and 0 <= column < columns:
                self.cells[row][column] = char
                column += 2 if unicodedata.east_asian_width(char) in "WF" else 1

    @property
    def rows(self) -> list[str]:
        return ["".join(cells).rstrip() for cells in self.cells]

    @property
    def text(self) -> str:
        return "\n".join(self.rows)
