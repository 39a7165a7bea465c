"""Reading an answer of each kind of question in plain mode, and working a list of records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from imr_tui.core.answers import Slot, record_questions
from imr_tui.core.dates import TYPED_KINDS, BadDate
from imr_tui.core.editing import (
    add_record,
    delete_question,
    delete_record,
    linked_kind,
    linked_records,
    sort_chronology,
)
from imr_tui.core.guidance import PartTemplate, Question, RecordKind, template
from imr_tui.core.model import RECORD_CLASSES, ChronologyEntry
from imr_tui.core.people import PART as PEOPLE, add_person, unregistered_names
from imr_tui.core.record_lists import summary
from imr_tui.core.typed_text import without_controls
from imr_tui.plain.conversation import END_OF_ANSWER, NO_ANSWER, Conversation, Leave, numbers_typed

# What `:clear` leaves behind, for the kinds of answer that can be empty.
EMPTY: dict[str, Any] = {
    "text": "", "long": "", "per-term": "", "lines": [], "date": None, "uncertain-date": None, "time": None,
    "choices": [], "links": [],
}

# What the author is asked to type for each kind of answer typed as text.
TYPED_HOW = {
    "date": "date as dd/mm/yyyy",
    "uncertain-date": "date as dd/mm/yyyy, or as much of it as is known (?/03/2011, March 2011, 2011, c. 2010)",
    "time": "time as hh:mm",
}


class Readers(Conversation):
    """Each kind of answer read from typed lines (READERS), and lists of records worked."""

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

    def read_typed(self, question: Question, current: Any) -> Any:
        """A date, an uncertain date or a time, read as its kind reads it (dates.TYPED_KINDS)."""
        parse = TYPED_KINDS[question.kind][0]
        self.say(f"Type the {TYPED_HOW[question.kind]}. Enter keeps the current answer.")
        while True:
            line = self.line()
            if not line.strip():
                return current
            try:
                return parse(line)
            except BadDate as bad:
                reason = str(bad)  # in dates.py's fixed words, written to stand alone
                self.refuse(reason[:1].lower() + reason[1:])

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
        numbers = self.read_numbers([summary(kind.id, self.review, n, r) for n, r in enumerate(targets, 1)], multiple=True)
        if numbers is None:
            return current
        return [record.id for n, record in enumerate(targets, 1) if n in numbers]

    # Lists of records ---------------------------------------------------------------------------

    def answer_records(self, part: PartTemplate, question: Question) -> None:
        records = getattr(self.review.part(part.id), question.id)
        kind = template().records[question.record]
        while True:
            if self.session.changed_elsewhere:  # asked about before the list is worked again
                raise Leave("again")
            if records:
                self.say(f"Current answer: {len(records)} in the list:")
                self.numbered([summary(kind.id, self.review, n, record) for n, record in enumerate(records, 1)])
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
        asked = record_questions(kind, record, self.review)
        try:
            while index < len(asked):
                field, slot = asked[index]
                self.say()
                self.say(f"{kind.title} {records.index(record) + 1}, field {index + 1} of {len(asked)}")
                self.show_question(field, slot.get())
                try:
                    self.answer(field, slot)
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
            if isinstance(record, ChronologyEntry):
                self.offer_people(record)
        finally:
            if records is self.review.chronology.entries:
                if sort_chronology(self.review):
                    self.say(f"The chronology is kept in date order: this entry is now number {records.index(record) + 1}.")
                    self.changed()

    def offer_people(self, entry: Any) -> None:
        """Offer to add to the people register the names in an entry it does not hold yet."""
        texts = [getattr(entry, f.id) for f in template().records["chronology-entry"].fields if f.kind in ("text", "long")]
        names = unregistered_names(texts, self.review)
        if not names:
            return
        heading = template().part(PEOPLE).heading
        self.say(f"These look like names that are not in {heading} (the anonymised copy replaces only those it lists):")
        chosen = self.read_numbers([without_controls(name) for name in names], multiple=True) or []
        for number in chosen:
            person = add_person(self.review, names[number - 1])
            self.changed()
            label = template().records["person"].field("label")
            self.say(f"{label.prompt} for {without_controls(person.name)}? (e.g. Mother, HV1)")
            self.answer(label, Slot.attribute(person, "label"))


READERS: dict[str, Callable[[Readers, Question, Any], Any]] = {
    "text": Readers.read_text,
    "long": Readers.read_long,
    "per-term": Readers.read_long,
    "lines": Readers.read_lines,
    "date": Readers.read_typed,
    "uncertain-date": Readers.read_typed,
    "time": Readers.read_typed,
    "yes-no": Readers.read_yes_no,
    "choice": Readers.read_choice,
    "choices": Readers.read_choices,
    "links": Readers.read_links,
}

