"""The plain line mode: the wizard's questions as plain prompts on standard input and output.

For screen readers, serial consoles, terminals Textual cannot drive, and scripts that feed a
whole review through a pipe. It walks the same steps as the wizard (imr_tui.core.walk) and
imports nothing from Textual.

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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from imr_tui.core import store
from imr_tui.core.answers import Slot, entry_date, shown
from imr_tui.core.checks import check_report, errors, readiness_findings, signed_off
from imr_tui.core.dates import BadDate, parse_date, parse_time
from imr_tui.core.editing import add_record, delete_question, delete_record, linked_kind, linked_records, sort_chronology
from imr_tui.core.report import export_beside
from imr_tui.core.model import PART_IDS, RECORD_CLASSES, ChronologyEntry, InterviewRecord, Review
from imr_tui.core.progress import part_status
from imr_tui.core.guidance import PartTemplate, Question, RecordKind, template
from imr_tui.core.typed_text import without_controls
from imr_tui.core.opening import OpenReview
from imr_tui.core.walk import COMPLETED, Step, steps

PROMPT = "> "
REFUSED = "Not accepted: "  # starts every line that refuses what was typed
NO_ANSWER = "(no answer yet)"
END_OF_ANSWER = "."

# What `:clear` leaves behind, for the kinds of answer that can be empty.
EMPTY: dict[str, Any] = {"text": "", "long": "", "per-term": "", "lines": [], "date": None, "time": None, "choices": [], "links": []}

# The fields that name a record on its one line in a list.
SUMMARY_FIELDS: dict[str, tuple[str, ...]] = {
    "term-of-reference": ("text",),
    "source": ("kind", "description", "dates_covered"),
    "chronology-entry": ("date", "time", "contact_kind", "practitioner", "what_happened"),
    "interview-record": ("interviewee_role", "date"),
    "lesson": ("kind", "text"),
    "recommendation": ("text", "by_whom", "by_when"),
    "glossary-entry": ("abbreviation", "meaning"),
}
SUMMARY_WIDTH = 72

_NUMBER = re.compile(r"[0-9]{1,6}")  # short: int() of thousands of digits is refused by Python
_BOLD = re.compile(r"\*\*(.+?)\*\*")


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


def summary(kind: RecordKind, record: Any, review: Review) -> str:
    """One line naming a record, from its first few answers."""
    pieces = []
    for field_id in SUMMARY_FIELDS.get(kind.id, (kind.fields[0].id,)):
        if isinstance(record, ChronologyEntry) and field_id == "date":
            text = entry_date(record)
        else:
            text = without_controls(shown(kind.field(field_id), getattr(record, field_id), review)).strip()
        if text:
            pieces.append(text.splitlines()[0])
    if isinstance(record, InterviewRecord):
        pieces.append("signed off" if signed_off(record) else "not signed off yet")
    line = " - ".join(pieces) or "(nothing filled in yet)"
    return line if len(line) <= SUMMARY_WIDTH else line[: SUMMARY_WIDTH - 3] + "..."


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

    def __init__(self, command: str, part: str = "", end_of_input: bool = False) -> None:
        super().__init__(command)
        self.command = command
        self.part = part
        self.end_of_input = end_of_input
        self.unfinished: Any = None  # the lines typed so far, as the answer they make


Place = tuple[int, int]  # (part number, step number) in template().parts; part len(parts): the end


class PlainWizard:
    def __init__(self, opened: OpenReview, input: TextIO, output: TextIO) -> None:
        self.opened = opened
        self.path = opened.path
        self.review = opened.review
        self.input = input
        self.output = output
        self.unsaved = False
        self.guidance_shown_for = ""  # the part whose guidance was printed last
        # Wrapped at word boundaries for a person at a terminal; a pipe gets whole lines.
        self.width = shutil.get_terminal_size().columns - 1 if output.isatty() else 0

    # Talking ----------------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        if self.width > 20:
            text = "\n".join(self._wrapped(line) for line in text.split("\n"))
        self.output.write(text + "\n")

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
            self.output.write(PROMPT)
            self.output.flush()
            raw = self.input.readline()
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

    # Saving -----------------------------------------------------------------------------------

    def save(self) -> bool:
        try:
            store.save(self.review, self.path)
        except store.ReviewFileError as problem:
            self.say(f"Not saved: {problem}. Your answers are kept here; the next answer tries again.")
            return False
        self.unsaved = False
        return True

    def changed(self) -> None:
        """Something in the review changed: saved at once, so nothing typed is lost."""
        self.unsaved = True
        self.save()

    def store(self, slot: Slot, value: Any) -> None:
        if value != slot.get():
            slot.set(value)
            self.changed()

    # One answer ---------------------------------------------------------------------------------

    def answer(self, question: Question, slot: Slot) -> None:
        """Read one answer of any kind and store it; a command may leave it (raises Leave)."""
        while True:
            try:
                value = READERS[question.kind](self, question, slot.get())
            except Leave as leave:
                if leave.command == "clear":
                    if question.kind in EMPTY:
                        self.store(slot, EMPTY[question.kind])
                        return
                    self.refuse("this answer cannot be empty: choose one of the answers")
                    continue
                if leave.unfinished is not None:
                    self.store(slot, leave.unfinished)
                raise
            self.store(slot, value)
            return

    def read_text(self, question: Question, current: str) -> str:
        self.say("Type the answer on one line. Enter keeps the current answer.")
        line = self.line()
        return line if line.strip() else current

    def read_typed(self, parse: Callable[[str], Any], how: str, current: Any) -> Any:
        self.say(f"Type the {how}. Enter keeps the current answer.")
        while True:
            line = self.line()
            if not line.strip():
                return current
            try:
                return parse(line)
            except BadDate as bad:
                reason = str(bad)  # in dates.py's fixed words, written to stand alone
                self.refuse(reason[:1].lower() + reason[1:])

    def read_date(self, question: Question, current: Any) -> Any:
        return self.read_typed(parse_date, "date as dd/mm/yyyy", current)

    def read_time(self, question: Question, current: Any) -> Any:
        return self.read_typed(parse_time, "time as hh:mm", current)

    def read_paragraphs(self, what: str, finish: Callable[[list[str]], Any], current: Any) -> Any:
        """Lines up to one holding only '.'; an empty or '.' first line keeps `current`."""
        self.say(f"Type {what}, then a line holding only a full stop (.). Enter on the first line keeps the current answer.")
        lines: list[str] = []
        while True:
            try:
                line = self.line()
            except Leave as leave:
                if lines and leave.command not in ("skip", "clear"):
                    leave.unfinished = finish(lines)
                raise
            if line.strip() == END_OF_ANSWER or not (lines or line.strip()):
                return finish(lines) if lines else current
            lines.append(line)

    def read_long(self, question: Question, current: str) -> str:
        def text(lines: list[str]) -> str:
            while lines and not lines[-1].strip():
                lines = lines[:-1]
            return "\n".join(lines)

        return self.read_paragraphs("the answer (as many lines as you need)", text, current)

    def read_lines(self, question: Question, current: list[str]) -> list[str]:
        return self.read_paragraphs("one item a line", lambda lines: [s.strip() for s in lines if s.strip()], current)

    def read_yes_no(self, question: Question, current: bool) -> bool:
        self.say("Type yes or no. Enter keeps the current answer.")
        while True:
            typed = self.line().strip().lower()
            if not typed:
                return current
            if typed in ("y", "yes", "n", "no"):
                return typed.startswith("y")
            self.refuse("type yes or no")

    def read_numbers(self, labels: list[str], multiple: bool) -> list[int] | None:
        """Numbers from the list printed; None for Enter (keep the current answer)."""
        self.numbered(labels)
        if not labels:
            self.say("There is nothing to choose from yet. Enter goes on.")
        elif multiple:
            self.say("Type the numbers of all that apply, separated by spaces or commas. Enter keeps the current answer.")
        else:
            self.say(f"Type a number from 1 to {len(labels)}. Enter keeps the current answer.")
        while True:
            typed = self.line()
            if not typed.strip():
                return None
            numbers = numbers_typed(typed, len(labels))
            if numbers is not None and (multiple or len(numbers) == 1):
                return numbers
            if not labels:
                self.refuse("there is nothing to choose from yet")
            else:
                self.refuse(f"type {'numbers' if multiple else 'one number'} from 1 to {len(labels)}")

    def read_choice(self, question: Question, current: str) -> str:
        numbers = self.read_numbers(list(question.options), multiple=False)
        return current if numbers is None else question.options[numbers[0] - 1]

    def read_choices(self, question: Question, current: list[str]) -> list[str]:
        numbers = self.read_numbers(list(question.options), multiple=True)
        if numbers is None:
            return current
        return [option for n, option in enumerate(question.options, 1) if n in numbers]

    def read_links(self, question: Question, current: list[int]) -> list[int]:
        targets = linked_records(self.review, question.to)
        kind = linked_kind(question.to)
        self.say(f"To choose from ({kind.title.lower()} numbers as in the report):")
        numbers = self.read_numbers([summary(kind, r, self.review) for r in targets], multiple=True)
        if numbers is None:
            return current
        return [record.id for n, record in enumerate(targets, 1) if n in numbers]

    # Lists of records ---------------------------------------------------------------------------

    def answer_records(self, part: PartTemplate, question: Question) -> None:
        records = getattr(self.review.part(part.id), question.id)
        kind = template().records[question.record]
        while True:
            if records:
                self.say(f"Current answer: {len(records)} in the list:")
                self.numbered([summary(kind, record, self.review) for record in records])
            else:
                self.say(f"Current answer: {NO_ANSWER}")
            self.say("Type add, change N, delete N, or done. Enter is done.")
            action, number = self.record_action(len(records))
            if action == "done":
                return
            if action == "add":
                record = add_record(records, RECORD_CLASSES[question.record])
                self.changed()
                self.edit_record(kind, records, record)
            elif action == "change":
                self.edit_record(kind, records, records[number - 1])
            elif self.confirm(delete_question(self.review, kind, records, records[number - 1])):
                delete_record(self.review, records, records[number - 1])
                self.changed()
                self.say(f"{kind.title} {number} deleted.")

    def record_action(self, count: int) -> tuple[str, int]:
        while True:
            words = self.line().strip().lower().split()
            if not words or words == ["done"]:
                return "done", 0
            if words == ["add"]:
                return "add", 0
            if len(words) == 2 and words[0] in ("change", "delete"):
                numbers = numbers_typed(words[1], count)
                if numbers:
                    return words[0], numbers[0]
                self.refuse(f"there is no record with that number (the list has {count})")
                continue
            self.refuse("type add, change N, delete N, or done")

    def edit_record(self, kind: RecordKind, records: list, record: Any) -> None:
        """Each field of the record in turn; :back goes to the previous field (from the first, to
        the list) and :skip to the next. The chronology is put back in date order afterwards."""
        index = 0
        try:
            while index < len(kind.fields):
                field = kind.fields[index]
                self.say()
                self.say(f"{kind.title} {records.index(record) + 1}, field {index + 1} of {len(kind.fields)}")
                self.show_question(field, getattr(record, field.id))
                try:
                    self.answer(field, Slot.attribute(record, field.id))
                except Leave as leave:
                    if leave.command == "back":
                        if index == 0:
                            return
                        index -= 1
                        continue
                    if leave.command != "skip":
                        raise
                index += 1
            self.say(f"{kind.title} {records.index(record) + 1} done.")
        finally:
            if records is self.review.chronology.entries:
                if sort_chronology(self.review):
                    self.say(f"The chronology is kept in date order: this entry is now number {records.index(record) + 1}.")
                    self.changed()

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

    # One step ------------------------------------------------------------------------------------

    def enter_part(self, part: PartTemplate) -> None:
        """The part's heading and the board's guidance, once each time the author comes into it."""
        if self.guidance_shown_for == part.id:
            return
        self.guidance_shown_for = part.id
        self.say()
        self.say(f"Part: {part.heading}")
        self.say("Guidance:")
        self.say("\n\n".join(_BOLD.sub(r"\1", paragraph) for paragraph in part.guidance))

    def ask_step(self, part: PartTemplate, step: Step, number: int, count: int) -> None:
        owner = self.review.part(part.id)
        question = step.question
        self.say()
        if question is None:
            self.say(f"{part.heading}: last step")
            self.show_question(COMPLETED, owner.completed)
            self.answer(COMPLETED, Slot.attribute(owner, "completed"))
            return
        self.say(f"{part.heading}: question {number} of {count}")
        if question.kind == "per-term":
            self.answer_per_term(question, step.term)
        elif question.kind == "records":
            self.say(question.prompt)
            self.say(f"Hint: {question.hint}")
            self.answer_records(part, question)
        else:
            self.show_question(question, getattr(owner, question.id))
            self.answer(question, Slot.attribute(owner, question.id))

    def answer_per_term(self, question: Question, term_id: int | None) -> None:
        terms = self.review.review_details.terms_of_reference
        if term_id is None:
            self.say("There are no terms of reference yet. Add them in Review details first (:goto review-details):")
            self.say("the analysis follows them one by one. Enter goes on.")
            while self.line().strip():
                self.refuse("there is nothing to answer here: Enter goes on")
            return
        number, term = next((n, t) for n, t in enumerate(terms, 1) if t.id == term_id)
        self.say(f"Term of reference {number}: {' '.join(without_controls(term.text).split())}")
        analysis = self.review.analysis
        self.show_question(question, analysis.text_for_term(term_id))
        slot = Slot(lambda: analysis.text_for_term(term_id), lambda text: analysis.set_text_for_term(term_id, text))
        self.answer(question, slot)

    # The walk ------------------------------------------------------------------------------------

    def steps_of(self, part_number: int) -> list[Step]:
        return steps(template().parts[part_number], self.review)  # terms of reference may change

    def first_place(self) -> Place:
        where = self.opened.resume_at()
        if where is None:
            return 0, 0
        part_id, step_number = where
        self.say(f"Carrying on where you left off, in {template().part(part_id).heading}.")
        return PART_IDS.index(part_id), step_number

    def remember(self, part: PartTemplate, step: Step) -> None:
        """Note where the author is; saved with the next answer, or on stopping."""
        resume = self.review.resume
        if (resume.part, resume.question) != (part.id, step.key):
            resume.part, resume.question = part.id, step.key
            self.unsaved = True

    def moved(self, place: Place, leave: Leave | None) -> Place | None:
        """Where the author goes from `place`: on when `leave` is None; None to stop."""
        part_number, step_number = place
        parts = template().parts
        command = "next" if leave is None else leave.command
        if command == "quit":
            return None
        if command == "goto":
            return PART_IDS.index(leave.part), 0
        if command == "back":
            if step_number > 0:
                return part_number, step_number - 1
            if part_number == 0:
                self.refuse("this is the first question")
                return place
            return part_number - 1, len(self.steps_of(part_number - 1)) - 1
        if command == "clear":
            self.refuse("there is no answer to clear here")
            return place
        if part_number == len(parts):  # :skip at the end: there is nowhere further to go
            return place
        if step_number + 1 < len(self.steps_of(part_number)):
            return part_number, step_number + 1
        return part_number + 1, 0

    def at_the_end(self) -> None:
        self.say()
        self.say("That is the end of the review. Type :check to see what is still missing, :export to write")
        self.say("the report, :goto PART to go back to a part (:parts lists them), or :quit to save and stop.")
        while True:
            self.line()
            self.refuse("there are no more questions: type a command (:help lists them)")

    def walk(self) -> int:
        place: Place | None = self.first_place()
        parts = template().parts
        while place is not None:
            part_number, step_number = place
            leave = None
            try:
                if part_number == len(parts):
                    self.at_the_end()
                else:
                    part = parts[part_number]
                    all_steps = self.steps_of(part_number)
                    step_number = min(step_number, len(all_steps) - 1)
                    step = all_steps[step_number]
                    self.enter_part(part)
                    self.remember(part, step)
                    self.ask_step(part, step, step_number + 1, len(all_steps) - 1)
            except Leave as left:
                leave = left
            place = self.moved((part_number, step_number), leave)
        if leave.end_of_input:
            self.say("End of input.")
        return self.stop()

    def stop(self) -> int:
        if self.unsaved and not self.save():
            self.say("Stopped, but the latest answers could NOT be saved.")
            return 1
        self.say(f"Your review is saved in {self.path}.")
        return 0

    # Commands ------------------------------------------------------------------------------------

    def run_command(self, name: str, argument: str) -> None:
        command = COMMANDS.get(name)
        if command is None:
            self.refuse("there is no such command (:help lists them)")
        elif argument and not command.argument:
            self.refuse(f":{name} takes nothing after it")
        else:
            command.run(self, argument)

    def command_skip(self, _: str) -> None:
        raise Leave("skip")

    def command_back(self, _: str) -> None:
        raise Leave("back")

    def command_clear(self, _: str) -> None:
        raise Leave("clear")

    def command_quit(self, _: str) -> None:
        raise Leave("quit")

    def command_goto(self, argument: str) -> None:
        part = argument.strip().lower()
        if part not in PART_IDS:
            self.refuse(f":goto needs one of the parts: {', '.join(PART_IDS)}")
            return
        raise Leave("goto", part)

    def command_parts(self, _: str) -> None:
        findings = readiness_findings(self.review)
        self.say("The parts of the review (use :goto and the name before the colon):")
        for part in template().parts:
            mine = [f for f in findings if f.part == part.id]
            to_fix = len(errors(mine))
            to_consider = len(mine) - to_fix
            left = [f"{n} {what}" for n, what in ((to_fix, "to fix"), (to_consider, "to consider")) if n]
            self.say(f"  {part.id}: {part.heading} - {part_status(self.review, part.id)}" + "".join(f", {x}" for x in left))

    def command_check(self, _: str) -> None:
        for line in check_report(readiness_findings(self.review)):
            self.say(line)

    def command_export(self, _: str) -> None:
        if self.unsaved:
            self.save()
        try:
            target, to_fix = export_beside(self.review, self.path)
        except store.ReviewFileError as problem:
            self.say(f"Not exported: {problem}")
            return
        if to_fix:
            self.say(f"Exported a DRAFT to {target}: {to_fix} things to fix first (:check lists them).")
        else:
            self.say(f"Exported the report to {target}.")

    def command_help(self, _: str) -> None:
        self.say("Commands, each typed on a line of its own:")
        for name, command in COMMANDS.items():
            self.say(f"  :{name}{' ' + command.argument if command.argument else ''} - {command.help}")
        self.say("Enter on an empty line keeps the current answer.")
        self.say("A long answer, or a list, ends with a line holding only a full stop (.).")
        self.say("To type an answer that starts with ':', start it with '::'.")


@dataclass(frozen=True)
class Command:
    run: Callable[[PlainWizard, str], None]
    help: str
    argument: str = ""  # what the command takes after its name, e.g. PART


COMMANDS: dict[str, Command] = {
    "skip": Command(PlainWizard.command_skip, "leave this answer as it is and go on"),
    "back": Command(PlainWizard.command_back, "go back to the previous question"),
    "goto": Command(PlainWizard.command_goto, f"go to a part: {', '.join(PART_IDS)}", "PART"),
    "parts": Command(PlainWizard.command_parts, "list the parts, how far each has got, and what is left to fix"),
    "check": Command(PlainWizard.command_check, "list everything to fix or consider before the report is ready"),
    "export": Command(PlainWizard.command_export, "write the report beside the review file (a draft while anything is missing)"),
    "clear": Command(PlainWizard.command_clear, "empty this answer"),
    "help": Command(PlainWizard.command_help, "show this help"),
    "quit": Command(PlainWizard.command_quit, "save and stop (so does the end of input, e.g. ctrl+d)"),
}

READERS: dict[str, Callable[[PlainWizard, Question, Any], Any]] = {
    "text": PlainWizard.read_text,
    "long": PlainWizard.read_long,
    "per-term": PlainWizard.read_long,
    "lines": PlainWizard.read_lines,
    "date": PlainWizard.read_date,
    "time": PlainWizard.read_time,
    "yes-no": PlainWizard.read_yes_no,
    "choice": PlainWizard.read_choice,
    "choices": PlainWizard.read_choices,
    "links": PlainWizard.read_links,
}


def run_plain(opened: OpenReview, input: TextIO, output: TextIO) -> int:
    """Walk the review `opened` (imr_tui.core.opening) as plain prompts on `input` and `output`.
    0 when it stopped with everything saved, 1 when the last save failed, 130 on ctrl+c (after
    saving)."""
    wizard = PlainWizard(opened, input, output)
    for note in opened.notes:
        wizard.say(note)
    try:
        return wizard.walk()
    except KeyboardInterrupt:
        wizard.say()
        wizard.unsaved = True
        wizard.stop()
        return 130
    finally:
        output.flush()
