#!/usr/bin/env python3
"""What imr-tui costs a remote author: imr-tui in a pseudo-terminal at 80x24, as their terminal sees it.

Each scenario starts one program fresh in its own pseudo-terminal (TERM=xterm-256color) and
measures what crosses the wire: the time and the bytes to the first full screen, the bytes written
while nobody types, the bytes and the time each typed character costs, and the program's peak
memory once it has quit. Every scenario runs several times, in rounds across all of them, and its
figures are pooled (startup is the median of several fresh starts). Stock Textual apps are measured
in the same run, so every figure has a yardstick from the same machine at the same moment. It is a
benchmark, not a test: it prints the figures and the targets they meet or miss, and fails only when
a program does not run as expected.

usage: python benchmarks/terminal.py [--quick] [--json]

Standard library only, besides imr-tui itself (to generate the large review) and Textual.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import platform
import random
import select
import shutil
import signal
import struct
import sys
import tempfile
import termios
import time
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path
from statistics import median

from imr_tui.core import store
from imr_tui.core.guidance.example import WORKED_EXAMPLE, worked_example
from imr_tui.core.model import PART_CLASSES, ChronologyEntry
from imr_tui.core.standard_text import new_review
from imr_tui.ui.app import SAVE_AFTER_SECONDS

import editors

COLUMNS, ROWS, TERM = 80, 24, "xterm-256color"
# Seconds of silence that end the first screen: longer than the pauses of a loaded machine
# (a third of a second between imr-tui's task list and the page opened over it), shorter than
# the second a stock Textual cursor waits after the first screen before it starts to blink.
STARTUP_QUIET = 0.75
STARTUP_LIMIT = 60.0  # a slow CI machine can take many seconds to start Python and Textual
KEY_QUIET = 0.15  # seconds of silence that end the answer to one key (Textual draws at 60 Hz)
PAGE_QUIET = 0.3  # ends the answer to a key that opens another page
KEY_LIMIT = 5.0  # a typed key that shows nothing for this long is a broken run, not a slow one
PREVIEW_LIMIT = 60.0  # the whole report is laid out before the preview shows
QUIT_LIMIT = 20.0
# While a save is being written, keys come at a fast typist's pace so several land inside it.
SAVING_KEY_QUIET = 0.05
FRAME = 0.016  # one frame at 60 Hz: the most an autosave may hold a keystroke back

CTRL_N, CTRL_Q, CTRL_T = "\x0e", "\x11", "\x14"
TYPED = "Seen at home, she smiled at her brother. "

# Stock Textual, as a new app would use it, to measure imr-tui against.
BARE_APP = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("A bare Textual app.")
Bare().run()
"""
STOCK_TEXT_AREA = """
from textual.app import App
from textual.widgets import TextArea
class Editor(App):
    def compose(self):
        yield TextArea()
Editor().run()
"""
STOCK_INPUT = """
from textual.app import App
from textual.widgets import Input
class Field(App):
    def compose(self):
        yield Input()
Field().run()
"""


@dataclass(frozen=True)
class Settings:
    keys: int  # characters typed per scenario in each round
    idle: float  # seconds watched while nobody types, in each round
    entries: int  # chronology entries in the large review
    # Every scenario is run this many times, in rounds across all of them, and its figures pooled:
    # one run on a shared machine can be a third slower than the next, and the targets compare
    # scenarios with each other.
    rounds: int
    starts: int  # fresh starts of each program (its startup is their median): rounds, then more
    words_per_entry: int = 50
    # The seconds of silence that end an answer (see STARTUP_QUIET, KEY_QUIET, PAGE_QUIET).
    startup_quiet: float = STARTUP_QUIET
    key_quiet: float = KEY_QUIET
    page_quiet: float = PAGE_QUIET

    @classmethod
    def chosen(cls, quick: bool) -> Settings:
        if quick:
            # Each scenario once, typing two keys, each answer ended by a shorter silence: the
            # figures mean little, but every scenario runs, answers its keys, quits and is reported.
            return cls(keys=2, idle=0.1, entries=200, rounds=1, starts=1, startup_quiet=0.3, key_quiet=0.1, page_quiet=0.15)
        return cls(keys=40, idle=3.0, entries=2000, rounds=3, starts=7)


# The pseudo-terminal ---------------------------------------------------------------------------


@dataclass
class Answer:
    """What the program wrote back after one moment (a start, a key): bytes, and when."""

    size: int = 0
    first: float | None = None  # seconds to the first byte
    last: float | None = None  # seconds to the last byte before the quiet


class Terminal:
    """One program in its own COLUMNS x ROWS pseudo-terminal, read the way a remote terminal is."""

    def __init__(self, argv: list[str]) -> None:
        master, slave = os.openpty()
        # The size is set before the program starts, so its first screen is already 80x24.
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        environment = _environment()
        self.started = time.perf_counter()
        self.pid = os.fork()
        if self.pid == 0:
            try:
                os.close(master)
                os.login_tty(slave)
                os.execve(argv[0], argv, environment)
            finally:
                os._exit(127)
        os.close(slave)
        self.fd = master
        self.ended = False  # the program closed the terminal
        self.status: int | None = None
        self.peak_kib: int | None = None

    def _read(self, timeout: float) -> bytes:
        if self.ended:
            time.sleep(max(timeout, 0))
            return b""
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return b""
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the program has gone and its side of the terminal is closed
            chunk = b""
        if not chunk:
            self.ended = True
        return chunk

    def answer(self, since: float, quiet: float, limit: float, shows: bytes = b"") -> Answer:
        """Read until `quiet` seconds pass without a byte after the first (and after `shows`, if
        given, has been written: a page held back while it is built), or `limit` after `since`."""
        answer = Answer()
        awaited = b""  # written so far, while `shows` is awaited
        while not self.ended:
            now = time.perf_counter()
            deadline = since + limit
            if answer.last is not None and not shows:
                deadline = min(deadline, since + answer.last + quiet)
            if now >= deadline:
                break
            chunk = self._read(deadline - now)
            if chunk:
                at = time.perf_counter() - since
                answer.size += len(chunk)
                answer.first = at if answer.first is None else answer.first
                answer.last = at
                if shows:
                    awaited += chunk
                    shows = b"" if shows in awaited else shows
        if shows:
            raise BenchmarkFailed(f"{shows.decode()!r} was not shown within {limit:.0f} s")
        return answer

    def watch(self, seconds: float) -> int:
        """Bytes written in the next `seconds`."""
        return self.watch_until(time.perf_counter() + seconds)

    def watch_until(self, moment: float) -> int:
        """Bytes written from now until `moment` (a time.perf_counter() value)."""
        size = 0
        while not self.ended and time.perf_counter() < moment:
            size += len(self._read(moment - time.perf_counter()))
        return size

    def press(self, key: str, quiet: float = KEY_QUIET, shows: bytes = b"", limit: float = KEY_LIMIT) -> Answer:
        typed_at = time.perf_counter()
        os.write(self.fd, key.encode())
        answer = self.answer(typed_at, quiet, limit, shows)
        if answer.first is None:
            raise BenchmarkFailed(f"a typed key showed nothing within {limit:.0f} s")
        return answer

    def quit(self, keys: str = CTRL_Q) -> None:
        """Ctrl+q (or an editor's `keys`), then wait for the program to end by itself and take
        its peak memory."""
        os.write(self.fd, keys.encode())
        deadline = time.perf_counter() + QUIT_LIMIT
        while time.perf_counter() < deadline:
            self._read(0.05)  # keep reading: a program blocked on a full terminal never ends
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                self._ended(status, usage)
                return
        raise BenchmarkFailed(f"the program did not quit within {QUIT_LIMIT:.0f} s of ctrl+q")

    def _ended(self, status: int, usage) -> None:
        self.status = os.waitstatus_to_exitcode(status)
        # ru_maxrss is in KiB on Linux and in bytes on macOS.
        self.peak_kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss

    def close(self) -> None:
        if self.status is None:  # it did not quit: stop it, so no run leaves a program behind
            try:
                os.kill(self.pid, signal.SIGKILL)
                _, status, usage = os.wait4(self.pid, 0)
                self._ended(status, usage)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)


class BenchmarkFailed(Exception):
    """A program did not run as a benchmark needs (no screen, a key unanswered, no clean quit)."""


def _environment() -> dict[str, str]:
    # The user's own Textual settings, NO_COLOR and COLORTERM would change what is drawn.
    kept = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL") and k not in ("NO_COLOR", "COLORTERM")}
    return kept | {"TERM": TERM, "COLUMNS": str(COLUMNS), "LINES": str(ROWS)}


# Scenarios -------------------------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    stock_app: str = ""  # the Python source of a stock Textual app; or else imr-tui opens `review`
    review: Path | None = None
    part: str = ""  # imr-tui's --goto
    before_typing: str = ""  # keys that take the program to the field typed into
    typing: bool = True
    autosave: bool = False
    preview: bool = False  # then open the preview, from the task list
    diff: bool = True  # imr-tui's cell-diff layer on (off: --no-diff)
    editor: editors.Editor | None = None  # or else an editor (a yardstick) opens `opens`
    editor_path: str = ""
    opens: str = ""  # the text of the file the editor opens

    @property
    def quit_keys(self) -> str:
        return self.editor.quit_keys if self.editor else CTRL_Q


@dataclass
class Result:
    name: str
    starts: list[Answer]  # what each fresh start sent to draw its first screen, and when
    idle_bytes: int
    idle_seconds: float
    keys: list[Answer] = field(default_factory=list)
    while_saving: list[bool] = field(default_factory=list)  # per key: typed while an autosave was written
    next_page: list[int] = field(default_factory=list)  # bytes to move on to the next question
    preview: list[float] = field(default_factory=list)  # seconds to the whole preview, from its key
    peak_kib: int = 0

    @property
    def startup(self) -> float:
        return median(start.last for start in self.starts)

    def merge(self, again: Result) -> None:
        """Pool a further run of the same scenario into this one."""
        self.starts += again.starts
        self.idle_bytes += again.idle_bytes
        self.idle_seconds += again.idle_seconds
        self.keys += again.keys
        self.while_saving += again.while_saving
        self.next_page += again.next_page
        self.preview += again.preview
        self.peak_kib = max(self.peak_kib, again.peak_kib)

    @property
    def idle_rate(self) -> float:
        return self.idle_bytes / self.idle_seconds

    def bytes_per_char(self) -> list[int]:
        return [k.size for k in self.keys]

    def latencies(self, saving: bool | None = None) -> list[float]:
        """Seconds from each key to the first byte of its answer; only those typed (not) while saving."""
        flags = self.while_saving or [False] * len(self.keys)
        return [key.first for key, flag in zip(self.keys, flags) if saving in (None, flag)]

    def done(self) -> list[float]:
        return [k.last for k in self.keys]

    def summary(self) -> dict[str, float | None]:
        sizes, first, done = self.bytes_per_char(), self.latencies(), self.done()
        typing = bool(self.keys)  # the bare app types nothing: no figures, rather than zeros
        return {
            "startup_s": self.startup,
            "startup_bytes": median(start.size for start in self.starts),
            "idle_bytes_per_s": self.idle_rate,
            "next_page_bytes": median(self.next_page) if self.next_page else None,
            "preview_s": median(self.preview) if self.preview else None,
            "bytes_per_char_median": median(sizes) if typing else None,
            "bytes_per_char_max": max(sizes) if typing else None,
            "key_to_screen_s_median": median(first) if typing else None,
            "key_to_screen_s_max": max(first) if typing else None,
            "key_to_quiet_s_median": median(done) if typing else None,
            "key_to_quiet_s_max": max(done) if typing else None,
            "peak_mib": self.peak_kib / 1024,
        }


def typed(count: int) -> str:
    return (TYPED * (count // len(TYPED) + 1))[:count]


def _start(scenario: Scenario, folder: Path, quiet: float) -> tuple[Terminal, Answer]:
    """The scenario's program started fresh (imr-tui on a fresh copy of its review), and what
    it sent to draw its first screen, and when."""
    if scenario.stock_app:
        argv = [sys.executable, "-c", scenario.stock_app]
    elif scenario.editor:
        argv = [scenario.editor_path, *scenario.editor.argv[1:], str(fresh_text(scenario.opens, folder))]
    else:
        argv = [sys.executable, "-m", "imr_tui", str(fresh_copy(scenario.review, folder)), "--goto", scenario.part]
        argv += [] if scenario.diff else ["--no-diff"]
    terminal = Terminal(argv)
    start = terminal.answer(terminal.started, quiet, STARTUP_LIMIT)
    if start.last is None or terminal.ended:
        terminal.close()
        raise BenchmarkFailed("the program drew no screen, or ended at once")
    return terminal, start


def _quit(terminal: Terminal, keys: str = CTRL_Q) -> None:
    try:
        terminal.quit(keys)
    finally:
        terminal.close()
    if terminal.status != 0:
        raise BenchmarkFailed(f"the program quit with status {terminal.status}")


def startup(scenario: Scenario, settings: Settings, folder: Path) -> Answer:
    """One more fresh start of the scenario's program, to its first screen."""
    terminal, start = _start(scenario, folder, settings.startup_quiet)
    _quit(terminal, scenario.quit_keys)
    return start


def run(scenario: Scenario, settings: Settings, folder: Path) -> Result:
    """Start the scenario's program fresh, measure it, and quit it with ctrl+q."""
    terminal, started = _start(scenario, folder, settings.startup_quiet)
    try:
        for key in scenario.before_typing:
            terminal.press(key, quiet=settings.page_quiet)
        if scenario.editor and scenario.editor.starts_typing:
            os.write(terminal.fd, scenario.editor.starts_typing.encode())
            terminal.watch(settings.page_quiet)
        result = Result(scenario.name, [started], terminal.watch(settings.idle), settings.idle)
        if scenario.autosave:
            result.keys, result.while_saving = type_through_autosaves(terminal, folder / "review.toml", settings)
        elif scenario.typing:
            result.keys = [terminal.press(key, quiet=settings.key_quiet) for key in typed(settings.keys)]
        if not scenario.stock_app and not scenario.editor:  # then on to the next question, as the author would
            result.next_page.append(terminal.press(CTRL_N, quiet=settings.page_quiet).size)
        if scenario.preview:
            terminal.press(CTRL_T, quiet=settings.page_quiet)
            result.preview.append(terminal.press("p", settings.page_quiet, shows=b"Preview: ", limit=PREVIEW_LIMIT).last)
    except BaseException:
        terminal.close()
        raise
    _quit(terminal, scenario.quit_keys)
    result.peak_kib = terminal.peak_kib
    return result


def type_through_autosaves(terminal: Terminal, review: Path, settings: Settings) -> tuple[list[Answer], list[bool]]:
    """Type in bursts, each after a pause that starts an autosave; say which keys came while it was written.

    The save starts SAVE_AFTER_SECONDS after the last change, which the app makes before it
    answers the key; it has been written once the file on disc is replaced.
    """
    keys: list[Answer] = []
    while_saving: list[bool] = []
    count = settings.keys
    text = typed(count)
    bursts = max(1, count // 10)
    for burst in range(bursts):
        chunk = text[burst * count // bursts : (burst + 1) * count // bursts]
        typed_at = time.perf_counter()
        keys.append(terminal.press(chunk[0], quiet=settings.key_quiet))
        on_disc = _file_identity(review)
        terminal.watch_until(typed_at + keys[-1].first + SAVE_AFTER_SECONDS + 0.01)
        writing = []
        for key in chunk[1:]:
            writing.append(_file_identity(review) == on_disc)
            keys.append(terminal.press(key, quiet=SAVING_KEY_QUIET))
        saved = _file_identity(review) != on_disc  # else the pause was too short and no save began
        while_saving += [False] + [saved and w for w in writing]
    return keys, while_saving


def _file_identity(path: Path) -> tuple[int, int]:
    info = path.stat()  # a save replaces the file, so the inode changes
    return info.st_ino, info.st_mtime_ns


# The reviews -----------------------------------------------------------------------------------

# Words of case-record prose, so the generated review wraps and saves like a real one.
WORDS = (
    "mother father partner child sibling baby nursery school nurse health visitor social worker "
    "home visit seen said weight concern referral strategy meeting police letter telephone call "
    "missed appointment assessment plan support review records agreed recorded not followed up "
    "bruise explanation accepted family household moved again the a of to and was with her his"
).split()


def large_review(folder: Path, entries: int, words_per_entry: int) -> Path:
    """The worked example with its chronology replaced by `entries` generated entries."""
    rng = random.Random(2010)  # the same review every run

    def prose(words: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    what, outcome = words_per_entry // 2, words_per_entry * 3 // 10
    chronology = [
        ChronologyEntry(
            id=n,
            date=dt.date(2010, 4, 1) + dt.timedelta(days=n // 3),
            agency_team="Health Visiting, Northtown",
            practitioner=f"Health Visitor {n % 4 + 1}",
            contact_kind="home visit",
            what_happened=prose(what),
            action_outcome=prose(outcome),
            significance=prose(words_per_entry - what - outcome),
        )
        for n in range(1, entries + 1)
    ]
    review = worked_example().model_copy(deep=True)
    review.chronology = PART_CLASSES["chronology"](entries=chronology, completed=True)
    path = folder / "large.toml"
    store.save(review, path)
    return path


def fresh_copy(original: Path, folder: Path) -> Path:
    """A copy to open: imr-tui backs the file up on opening and saves it on quitting."""
    for old in folder.iterdir():
        old.unlink()
    copy = folder / "review.toml"
    shutil.copyfile(original, copy)
    copy.chmod(0o600)
    return copy


def large_name(entries: int, what: str) -> str:
    return f"imr-tui {entries:,} entries: {what}"


def scenarios(large: Path, entries: int) -> list[Scenario]:
    return [
        Scenario("Textual: bare App, one Static", BARE_APP, typing=False),
        Scenario("Textual: TextArea, full height", STOCK_TEXT_AREA),
        Scenario("Textual: Input, bordered", STOCK_INPUT),
        Scenario("imr-tui example: long answer", review=WORKED_EXAMPLE, part="childs-journey", preview=True),
        Scenario("imr-tui example: short field", review=WORKED_EXAMPLE, part="review-details", before_typing=CTRL_N),
        Scenario(large_name(entries, "long answer"), review=large, part="childs-journey", preview=True),
        Scenario(large_name(entries, "short field"), review=large, part="review-details", before_typing=CTRL_N),
        Scenario(large_name(entries, "autosave"), review=large, part="childs-journey", autosave=True),
        *slow_link_scenarios(large.parent),
    ]


# New text at the end of an empty answer, and the worked example's rows, with the cell-diff layer
# (as the rows above) and without; and editors in vim's class as yardsticks.
APPENDED = {"long answer": "imr-tui new review: long answer, at its end", "short field": "imr-tui new review: short field, at its end"}
NO_DIFF = ", --no-diff"


def slow_link_scenarios(folder: Path) -> list[Scenario]:
    empty = folder / "new.toml"
    store.save(new_review(), empty)
    rows = []
    for diff in (True, False):
        more = "" if diff else NO_DIFF
        rows += [
            Scenario(APPENDED["long answer"] + more, review=empty, part="childs-journey", diff=diff),
            Scenario(APPENDED["short field"] + more, review=empty, part="review-details", before_typing=CTRL_N, diff=diff),
        ]
    rows += [
        Scenario("imr-tui example: long answer" + NO_DIFF, review=WORKED_EXAMPLE, part="childs-journey", diff=False),
        Scenario("imr-tui example: short field" + NO_DIFF, review=WORKED_EXAMPLE, part="review-details",
                 before_typing=CTRL_N, diff=False),
    ]
    paragraph = worked_example().childs_journey.narrative.rstrip("\n") + "\n"
    for editor, path in editors.installed()[0]:
        for what, text in (("empty file", ""), ("paragraph start", paragraph)):
            rows.append(Scenario(editors.row_name(editor.name, what), editor=editor, editor_path=path, opens=text))
    return rows


def fresh_text(text: str, folder: Path) -> Path:
    """A fresh file holding `text`, for an editor to open."""
    for old in folder.iterdir():
        old.unlink()
    path = folder / "typed.txt"
    path.write_text(text, encoding="utf-8")
    return path


# Targets ---------------------------------------------------------------------------------------


@dataclass
class Target:
    row: str
    what: str
    met: bool | None  # None: this run gave nothing to judge it by


def targets(results: list[Result], entries: int) -> list[Target]:
    by_name = {r.name: r for r in results}
    bare = by_name["Textual: bare App, one Static"]
    stock = {
        "long answer": ("TextArea", median(by_name["Textual: TextArea, full height"].bytes_per_char())),
        "short field": ("Input", median(by_name["Textual: Input, bordered"].bytes_per_char())),
    }
    found: list[Target] = []
    for result in results:
        if result.name.startswith("imr-tui"):
            found.append(Target(result.name, "idle 0 B/s", result.idle_bytes == 0))
            limit = 2 * bare.startup
            found.append(Target(result.name, f"start <= 2x bare ({limit:.2f} s)", result.startup <= limit))
    for what, (widget, stock_median) in stock.items():
        example, large = by_name[f"imr-tui example: {what}"], by_name[large_name(entries, what)]
        example_bytes = median(example.bytes_per_char())
        found.append(Target(
            example.name, f"B/char med <= 300 (stock {widget} {stock_median:.0f})", example_bytes <= 300
        ))
        limit = 1.2 * example_bytes
        found.append(Target(
            large.name, f"B/char med <= 1.2x example ({limit:.0f})", median(large.bytes_per_char()) <= limit
        ))
        limit = 1.2 * median(example.latencies())
        found.append(Target(
            large.name, f"key ms med <= 1.2x example ({limit * 1000:.1f})", median(large.latencies()) <= limit
        ))
    autosave = by_name[large_name(entries, "autosave")]
    saving, others = autosave.latencies(saving=True), autosave.latencies(saving=False)
    rule = "key ms max saving <= others' + 16"
    if saving:
        what = f"{rule}: {max(saving) * 1000:.1f} ({len(saving)} keys) vs {max(others) * 1000:.1f}"
        found.append(Target(autosave.name, what, max(saving) <= max(others) + FRAME))
    else:
        found.append(Target(autosave.name, f"{rule}: no key landed in a save", None))
    return found + slow_link_targets(by_name)


APPEND_LIMIT = 40  # bytes per character typed at the end of an answer (issue 21)


def slow_link_targets(by_name: dict[str, Result]) -> list[Target]:
    """New text at the end of an answer: at most 40 bytes a character; typed into the wrapped
    paragraph: no more than vim sends for the same, in the same run."""
    found = []
    for name in APPENDED.values():
        per_char = median(by_name[name].bytes_per_char())
        found.append(Target(name, f"B/char med <= {APPEND_LIMIT}", per_char <= APPEND_LIMIT))
    example = "imr-tui example: long answer"
    vim = by_name.get(editors.row_name("vim", "paragraph start"))
    if vim is None:
        found.append(Target(example, "B/char med <= vim's: vim not installed", None))
    else:
        limit = median(vim.bytes_per_char())
        found.append(Target(example, f"B/char med <= vim's ({limit:.0f})", median(by_name[example].bytes_per_char()) <= limit))
    return found


def typing_table(results: list[Result]) -> str:
    """Bytes per character typed, median (largest), with imr-tui's cell-diff layer, without it,
    and the editors, for each kind of typing."""
    by_name = {r.name: r for r in results}

    def cell(name: str) -> str:
        result = by_name.get(name)
        if result is None or not result.keys:
            return "-"
        sizes = result.bytes_per_char()
        return f"{median(sizes):.0f} ({max(sizes)})"

    kinds = [
        ("new text at the end of an empty long answer", APPENDED["long answer"], "empty file"),
        ("new text at the end of an empty short field", APPENDED["short field"], "empty file"),
        ("inserted at the start of the child's journey", "imr-tui example: long answer", "paragraph start"),
        ("typed over the example's agency (a short field)", "imr-tui example: short field", ""),
    ]
    headings = ("what is typed", "imr-tui", "--no-diff", *(editor.name for editor in editors.EDITORS))
    rows = [
        (what, cell(row), cell(row + NO_DIFF), *(cell(editors.row_name(e.name, kind)) if kind else "-" for e in editors.EDITORS))
        for what, row, kind in kinds
    ]
    widths = [max(len(row[i]) for row in (headings, *rows)) for i in range(len(headings))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) for row in (headings, *rows)]
    lines.insert(1, "-" * len(lines[0]))
    return "Bytes per character typed, median (largest):\n" + "\n".join(lines)


# Reporting -------------------------------------------------------------------------------------

HEADINGS = (
    "scenario", "start s", "start KB", "idle B/s", "next KB", "preview s", "B/char med", "B/char max",
    "key ms med", "key ms max", "done ms med", "done ms max", "peak MiB", "target", "met?",
)
MET = {True: "yes", False: "NO", None: "-"}


def _cells(result: Result) -> tuple[str, ...]:
    figures = result.summary()

    def shown(name: str, scale: float = 1, places: int = 0) -> str:
        value = figures[name]
        return "-" if value is None else f"{value * scale:.{places}f}"

    return (
        result.name,
        shown("startup_s", places=2),
        shown("startup_bytes", 1 / 1000, 1),
        shown("idle_bytes_per_s"),
        shown("next_page_bytes", 1 / 1000, 1),
        shown("preview_s", places=2),
        shown("bytes_per_char_median"),
        shown("bytes_per_char_max"),
        shown("key_to_screen_s_median", 1000, 1),
        shown("key_to_screen_s_max", 1000, 1),
        shown("key_to_quiet_s_median", 1000, 1),
        shown("key_to_quiet_s_max", 1000, 1),
        shown("peak_mib"),
    )


def table(results: list[Result], found: list[Target]) -> str:
    """One row per scenario, then one line per further target of that scenario."""
    rows: list[tuple[str, ...]] = []
    for result in results:
        measured = _cells(result)
        own = [t for t in found if t.row == result.name] or [Target(result.name, "(yardstick)", None)]
        for n, target in enumerate(own):
            rows.append((*(measured if n == 0 else [""] * len(measured)), target.what, MET[target.met]))
    widths = [max(len(row[i]) for row in (HEADINGS, *rows)) for i in range(len(HEADINGS))]
    numeric = range(1, len(HEADINGS) - 2)  # figures align right; names and targets left

    def line(row: tuple[str, ...]) -> str:
        cells = (cell.rjust(w) if i in numeric else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        return "  ".join(cells).rstrip()

    lines = [line(row) for row in (HEADINGS, *rows)]
    lines.insert(1, "-" * max(len(line) for line in lines))
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    return (
        f"{platform.platform()}; {cpu}; {os.cpu_count()} CPUs; "
        f"Python {platform.python_version()}; Textual {version('textual')}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few keys, a small review: proves it runs (for CI)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    options = parser.parse_args()
    settings = Settings.chosen(options.quick)

    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="imr-benchmark-") as temp:
        originals, opened = Path(temp, "originals"), Path(temp, "opened")
        originals.mkdir()
        opened.mkdir()
        large = large_review(originals, settings.entries, settings.words_per_entry)
        measured = scenarios(large, settings.entries)
        try:
            for scenario in measured:
                results.append(run(scenario, settings, opened))
            # Further rounds, so that a slow spell of the machine slows every scenario alike.
            for _ in range(settings.rounds - 1):
                for scenario, result in zip(measured, results):
                    result.merge(run(scenario, settings, opened))
            for _ in range(settings.starts - settings.rounds):
                for scenario, result in zip(measured, results):
                    result.starts.append(startup(scenario, settings, opened))
        except BenchmarkFailed as failure:
            print(f"benchmark failed: {scenario.name}: {failure}", file=sys.stderr)
            return 1
    found = targets(results, settings.entries)

    described = (
        f"{COLUMNS}x{ROWS}, TERM={TERM}; start: median of {settings.starts}; {settings.rounds} rounds of "
        f"{settings.keys} keys typed and {settings.idle:g} s idle; large review: "
        f"{settings.entries:,} chronology entries, {settings.entries * settings.words_per_entry:,} words"
        + ("; --quick: proves it runs, measures nothing" if options.quick else "")
    )
    if options.json:
        report = {
            "run": described,
            "machine": machine(),
            "scenarios": [
                {"name": r.name, **r.summary(), "starts": [start.last for start in r.starts],
                 "keys": [asdict(k) for k in r.keys], "while_saving": r.while_saving}
                for r in results
            ],
            "targets": [asdict(t) for t in found],
        }
        print(json.dumps(report, indent=2))
    else:
        print(table(results, found))
        print()
        print(typing_table(results))
        for note in editors.installed()[1]:
            print(f"note: {note}")
        print()
        print(f"run: {described}")
        print(f"machine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
