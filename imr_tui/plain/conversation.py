"""The conversation of plain mode: what it prints, how a typed line is read, and saving.

How an answer is typed (the same rules are printed by :help):
- Enter on an empty (or blank) line keeps the current answer; `:clear` empties it.
- A long answer (and a list, one item a line) ends with a line holding only a full stop.
  A full stop or an empty line as its first line keeps the current answer.
- A line starting with ':' is a command, never an answer. To answer with text that starts with
  ':', type '::' (the first ':' is dropped).
- Control characters other than tab (pasted escape sequences, NULs) are dropped from every line.

Nothing the author typed is ever repeated in a message: a refused answer is named by what is
wrong with it. Text from the review is printed only as the current answer (and in the lists it is
chosen from), with control characters removed so it cannot drive the terminal.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from typing import Any, TextIO

from imr_tui.core import store
from imr_tui.core.answers import Slot, shown
from imr_tui.core.guidance import Question
from imr_tui.core.hangup import HungUp, hang_ups_held, hang_ups_let_in
from imr_tui.core.model import Review
from imr_tui.core.opening import OpenReview
from imr_tui.core.session import ReviewSession, differences
from imr_tui.core.typed_text import printable, without_controls

PROMPT = "> "

REFUSED = "Not accepted: "  # starts every line that refuses what was typed

NO_ANSWER = "(no answer yet)"

END_OF_ANSWER = "."


_NUMBER = re.compile(r"[0-9]{1,6}")  # short: int() of thousands of digits is refused by Python



def as_command(line: str) -> tuple[str, str] | None:
    """':goto chronology' -> ('goto', 'chronology'); None when the line is an answer."""
    stripped = line.strip()
    if not stripped.startswith(":") or stripped.startswith("::"):
        return None
    words = stripped[1:].split(None, 1)
    return (words[0].lower(), words[1] if len(words) > 1 else "") if words else ("", "")



def as_answer(line: str) -> str:
    """The answer a typed line stands for: '::' at its start types a single ':'."""
    return line.replace("::", ":", 1) if line.strip().startswith("::") else line



def numbers_typed(typed: str, count: int) -> list[int] | None:
    """'1, 3 2' -> [1, 3, 2] when each is from 1 to `count`; None when any is not."""
    words = [w for w in re.split(r"[\s,]+", typed.strip()) if w]
    if not words or not all(_NUMBER.fullmatch(w) and 1 <= int(w) <= count for w in words):
        return None
    return [int(w) for w in words]



class Leave(Exception):
    """A command that leaves the answer being typed: :skip, :back, :goto, :clear, :quit, or the
    end of input (a :quit). Lines of a long answer typed before it are kept, except on :skip
    and :clear."""

    def __init__(
        self,
        command: str,
        part: str = "",
        end_of_input: bool = False,
        hung_up: HungUp | None = None,
        interrupted: bool = False,
    ) -> None:
        super().__init__(command)
        self.command = command
        self.part = part
        self.end_of_input = end_of_input  # or the terminal is gone
        self.hung_up = hung_up  # the link dropped, or imr-tui was stopped
        self.interrupted = interrupted  # ctrl+c
        self.unfinished: Any = None  # the lines typed so far, as the answer they make



class Conversation:
    """Talking with the author over `input` and `output`, about the review saved at `path`.
    `run_command` (plain.commands) carries out a command typed where an answer was asked for."""

    def __init__(self, opened: OpenReview, input: TextIO, output: TextIO) -> None:
        self.path = opened.path
        self.session = ReviewSession(opened.path, opened.review, opened.known, opened.lock)
        self.input = input
        self.output = output
        self.output_lost = False  # the terminal has gone: nothing more is shown, nothing asked
        self.hung_up: HungUp | None = None  # one that came with the last line read: taken next
        # Wrapped at word boundaries for a person at a terminal; a pipe gets whole lines.
        self.width = shutil.get_terminal_size().columns - 1 if output.isatty() else 0

    @property
    def review(self) -> Review:
        """The review as it is now: the session's, which may become another program's version."""
        return self.session.review

    def run_command(self, name: str, argument: str) -> None:
        raise NotImplementedError

    # Talking ----------------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        """Print `text`, wrapped for a person at a terminal; a file's name in it is shown with its
        control characters escaped (answers have none: see without_controls)."""
        text = printable(text, keep="\n\t")
        if self.width > 20:
            text = "\n".join(self._wrapped(line) for line in text.split("\n"))
        self._write(text + "\n")

    def _write(self, text: str) -> None:
        try:
            self.output.write(text)
            self.output.flush()
        except OSError:  # the terminal has gone (EIO): what is left to do is to save
            self.output_lost = True

    def tell(self, message: str) -> None:
        """Say a one-line message, a line break in it (in a file's name, say) escaped too."""
        self.say(printable(message))

    def _wrapped(self, line: str) -> str:
        indent = " " * (len(line) - len(line.lstrip()))
        if line.lstrip().startswith("- "):
            indent += "  "  # a list item's later lines go under its text
        return textwrap.fill(line, self.width, subsequent_indent=indent) or line

    def refuse(self, reason: str) -> None:
        """Say why a line was not taken, in words fixed here: never the line itself."""
        self.say(REFUSED + reason)

    def line(self) -> str:
        """The next answer line typed; commands typed on the way are carried out."""
        while True:
            if self.hung_up is not None:
                raise Leave("quit", hung_up=self.hung_up)
            self._write(PROMPT)
            if self.output_lost:
                raise Leave("quit", end_of_input=True)
            raw = None
            try:
                with hang_ups_let_in():  # the one place a hang-up is taken (see run_plain)
                    raw = self.input.readline()
            except HungUp as hung_up:  # the lines of an answer typed so far are kept, as on :quit
                if raw is None:
                    raise Leave("quit", hung_up=hung_up) from None
                self.hung_up = hung_up  # it came with a line: that line is taken first
            except KeyboardInterrupt:
                raise Leave("quit", interrupted=True) from None
            if not raw:
                raise Leave("quit", end_of_input=True)
            line = without_controls(raw, keep="\t")  # the line break goes too
            command = as_command(line)
            if command is None:
                return as_answer(line)
            self.run_command(*command)

    def show_current(self, question: Question, value: Any) -> None:
        text = without_controls(shown(question, value, self.review), keep="\t\n")
        if not text.strip():
            self.say(f"Current answer: {NO_ANSWER}")
        elif "\n" in text:
            self.say("Current answer:")
            for line in text.splitlines():
                self.say(f"  {line}")
        else:
            self.say(f"Current answer: {text}")

    def show_question(self, question: Question, value: Any) -> None:
        self.say(question.prompt + ("" if question.required else " (optional)"))
        self.say(f"Hint: {question.hint}")
        self.show_current(question, value)

    def numbered(self, labels: list[str]) -> None:
        for n, label in enumerate(labels, 1):
            self.say(f"  {n}. {label}")

    def confirm(self, question: str) -> bool:
        self.say(f"{question} Type yes or no.")
        while True:
            try:
                typed = self.line().strip().lower()
            except Leave as leave:
                if leave.command in ("skip", "back", "clear"):
                    return False
                raise
            if typed in ("y", "yes"):
                return True
            if typed in ("", "n", "no"):
                return False
            self.refuse("type yes or no")

    # Saving -----------------------------------------------------------------------------------

    @property
    def unsaved(self) -> bool:
        return self.session.unsaved

    def save(self) -> bool:
        """Save now. If another program has changed the file, nothing is written over it: the
        author is asked what to keep before the next question (settle_changed_elsewhere)."""
        with hang_ups_held():
            saved = self.session.save()
        if not saved and self.session.changed_elsewhere:
            self.tell(f"Not saved: {self.session.problem}. Before the next question you choose what to keep.")
        elif not saved:
            self.tell(f"Not saved: {self.session.problem}. Your answers are kept here; the next answer tries again.")
        return saved

    def changed(self, *, edit: bool = True) -> None:
        """Something in the review changed: saved at once, so nothing typed is lost (`edit`
        False: only where the author is, saved with the next answer)."""
        self.session.changed(edit=edit)
        if edit:
            self.save()

    def settle_changed_elsewhere(self) -> None:
        """Another program has changed the file since it was read: between two questions (where
        nothing in hand points into the review), the author chooses theirs, theirs kept beside
        and theirs replaced, or a look first. Leaving instead (:quit, the end of input, a
        hang-up) goes on leaving: yours are then kept in an emergency copy (see stop)."""
        self.tell(f"Another program has changed {self.path} since you opened it (an editor, a sync client, or")
        self.say("imr-tui on another computer). Nothing has been written over it.")
        while True:
            self.say("Type theirs to go on from their version (your answers since it changed are dropped),")
            self.say("mine to keep yours (theirs is copied beside it first), or look to see what differs.")
            try:
                choice = self.line().strip().lower()
            except Leave as leave:
                if leave.command == "quit":
                    raise
                self.refuse("choose theirs, mine or look first")
                continue
            try:
                if choice == "theirs":
                    self.session.keep_theirs()
                    self.say("Going on from their version.")
                    return
                if choice == "mine":
                    self.tell(f"Kept yours; theirs is in {self.session.keep_mine()}.")
                    return
                if choice == "look":
                    found = differences(self.review, self.session.theirs())
                    self.say("Where yours and theirs differ:" if found else "They hold the same answers.")
                    for place in found:
                        self.say(f"  {place}")
                    continue
            except store.ReviewFileError as problem:
                self.tell(f"That cannot be done: {problem}.")
                continue
            self.refuse("type theirs, mine or look")

    def store(self, slot: Slot, value: Any) -> None:
        if value != slot.get():
            slot.set(value)
            self.changed()
