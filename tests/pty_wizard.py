"""imr-tui in a pseudo-terminal, as a remote author's terminal would run it.

Nothing here waits a fixed time: each wait reads what the program writes until what the test
expects is on the screen (or the program has read what was typed, or has ended), and fails after
a deadline generous enough for a loaded machine."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from collections.abc import Callable, Iterable

from virtual_terminal import VirtualTerminal

WAIT_SECONDS = 40.0  # generous: a loaded CI machine takes seconds to start Python and Textual


class Wizard:
    """imr-tui in a pseudo-terminal, as over SSH."""

    def __init__(self, path, goto: str = "childs-journey", argv: list[str] | None = None, env: dict | None = None) -> None:
        argv = argv or [sys.executable, "-m", "imr_tui", str(path), "--goto", goto]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update(TERM="xterm-256color", COLUMNS="80", LINES="24")
            os.environ.update(env or {})
            os.execv(argv[0], argv)
        self.screen = b""  # everything the program has written
        self.ended = False  # the terminal is closed, or the program has closed its side
        # What the author sees: the wizard sends only the cells that change (screen_diff.py), so
        # a text on the screen need not be in the bytes whole; and each screen shown so far.
        self.terminal = VirtualTerminal(80, 24)
        self.screens_seen: list[str] = []

    @classmethod
    def command(cls, argv: list[str]) -> "Wizard":
        """Any command that runs the wizard (a test's own script, say) in the terminal."""
        return cls(None, argv=argv)

    @property
    def shown(self) -> TerminalScreen:
        """The screen as the author's terminal shows it now."""
        return TerminalScreen.of(self.terminal)

    def _read(self, timeout: float) -> bool:
        """Whatever the program writes within `timeout` seconds, as soon as it writes; whether it wrote."""
        if self.ended:
            return False
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the program has gone, and everything it wrote has been read
            chunk = b""
        self.screen += chunk
        self.terminal.feed(chunk)
        if chunk and (not self.screens_seen or self.screens_seen[-1] != self.shown.text):
            self.screens_seen.append(self.shown.text)
        self.ended = not chunk
        return bool(chunk)

    def read_until(self, ready: Callable[[], bool], what: str, seconds: float = WAIT_SECONDS, poll: float | None = None) -> None:
        """Read what the program writes until `ready()` holds; fail, saying `what` did not happen.

        `ready` is looked at again each time the program writes, and every `poll` seconds besides
        for what is not written to the terminal (the program reading its input)."""
        end = time.monotonic() + seconds
        while not ready():
            left = end - time.monotonic()
            if left <= 0 or self.ended:
                gone = "; the program has ended" if self.ended else ""
                raise AssertionError(f"{what} within {seconds:.0f} s{gone}; the screen showed:\n{self.shown.text}")
            self._read(left if poll is None else min(poll, left))

    def wait_for_screen(self, text: bytes, seconds: float = WAIT_SECONDS) -> None:
        """Until the program has written `text` whole, or the terminal shows it (the cell-diff
        layer sends only the cells that changed: "2" of "question 2 of 9")."""
        shows = lambda: text in self.screen or text.decode() in self.shown.text  # noqa: E731
        self.read_until(shows, f"the wizard never drew {text!r}", seconds)

    def wait_to_show(self, *texts: str) -> TerminalScreen:
        """Until the terminal shows each of `texts`, however it was written; what it shows then."""
        self.read_until(lambda: all(text in self.shown.text for text in texts), f"the screen did not show {texts!r}")
        return self.shown

    def read_until_quiet(self, quiet: float = 0.5, seconds: float = 20) -> None:
        """Read until the program has written nothing for `quiet` seconds: its answer is whole.

        Only for what no text on the screen can tell: that nothing more is coming (every byte a
        key cost, a screen that must stay as it is)."""
        end = time.monotonic() + seconds
        silent_since = time.monotonic()
        while not self.ended and time.monotonic() < min(silent_since + quiet, end):
            if self._read(min(silent_since + quiet, end) - time.monotonic()):
                silent_since = time.monotonic()

    def type(self, text: str | bytes) -> None:
        """Keys as the terminal sends them, all in one go."""
        os.write(self.fd, text.encode() if isinstance(text, str) else text)

    def type_split(self, keys: Iterable[str]) -> None:
        """As a slow or fragmenting link delivers input: each key's bytes a byte at a time (an
        escape sequence arrives in pieces), each written once the program has read the last, and
        each key once the program has acted on the one before: the terminal's cursor, which
        Textual leaves at the text cursor, has moved (a later status line, say, leaves it where it
        is). Keys that move no cursor are not for this."""
        unread = _unread_input(self.pid)
        try:
            for key in keys:
                cursor = self.shown.cursor
                for byte in key.encode():
                    os.write(self.fd, bytes([byte]))
                    # Reading input writes nothing to the terminal: look again each millisecond,
                    # reading the program's output meanwhile.
                    self.read_until(lambda: not _unread(unread), "the program did not read what was typed", poll=0.001)
                self.read_until(lambda: self.shown.cursor != cursor, f"the program did not act on {key!r}")
        finally:
            os.close(unread)

    def exit_status(self, seconds: float = 20) -> int | None:
        """Until the program ends, reading what it writes to its last byte (a program blocked on
        a full terminal never ends); its exit status, or None if it hung (it is killed then)."""
        ended = os.pidfd_open(self.pid)  # readable once the program has ended
        status = None
        try:
            end = time.monotonic() + seconds
            while status is None or not self.ended:
                left = end - time.monotonic()
                if left <= 0:
                    break
                watched = [ended] if status is None else []
                ready, _, _ = select.select(watched + ([] if self.ended else [self.fd]), [], [], left)
                if self.fd in ready:
                    self._read(0)
                if ended in ready:
                    _, status = os.waitpid(self.pid, 0)
        finally:
            os.close(ended)
        if status is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            return None  # it hung
        return os.waitstatus_to_exitcode(status)

    def close(self) -> None:
        """Close the terminal, as when the link drops: the kernel sends the program SIGHUP."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
            self.ended = True


def _unread_input(pid: int) -> int:
    """The program's own side of its terminal, opened to ask how much typed input waits there."""
    return os.open(os.readlink(f"/proc/{pid}/fd/0"), os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)


def _unread(terminal: int) -> bool:
    """Whether typed input waits there. Asking with poll (as select does) first moves on what
    the kernel may still hold between the two sides: a count taken without it can be 0 too soon."""
    return bool(select.select([terminal], [], [], 0)[0])


class TerminalScreen:
    """What a COLUMNS x LINES terminal shows after a program's output: the text an author can read."""

    def __init__(self, output: bytes, columns: int = 80, lines: int = 24) -> None:
        terminal = VirtualTerminal(columns, lines)
        terminal.feed(output)
        self.rows, self.cursor = terminal.rows, terminal.cursor

    @classmethod
    def of(cls, terminal: VirtualTerminal) -> TerminalScreen:
        """What `terminal` shows now (the one a wizard's output has been fed to as it came)."""
        screen = cls.__new__(cls)
        screen.rows, screen.cursor = terminal.rows, terminal.cursor
        return screen

    @property
    def text(self) -> str:
        return "\n".join(self.rows)
