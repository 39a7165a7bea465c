"""The plain line mode: the wizard's questions as plain prompts on standard input and output.

For screen readers, serial consoles, terminals Textual cannot drive, and scripts that feed a
whole review through a pipe. It walks the same steps as the wizard (imr_tui.core.walk) and
imports nothing from Textual. How an answer is typed: plain/conversation.py."""

from __future__ import annotations

import re
import signal
from contextlib import suppress
from typing import TextIO

from imr_tui.core import store
from imr_tui.core.answers import Slot
from imr_tui.core.hangup import HANG_UPS, HungUp, hang_ups_held, raise_on_hang_up, save_or_rescue
from imr_tui.core.guidance import PartTemplate, Question, template
from imr_tui.core.model import PART_IDS
from imr_tui.core.opening import OpenReview
from imr_tui.core.typed_text import without_controls
from imr_tui.core.walk import COMPLETED, Place, Step, next_place, previous_place, steps
from imr_tui.plain.commands import Commands
from imr_tui.plain.conversation import Leave
from imr_tui.plain.readers import Readers

_BOLD = re.compile(r"\*\*(.+?)\*\*")



class PlainWizard(Readers, Commands):
    """The walk through the review's parts and questions, one prompt a step."""

    def __init__(self, opened: OpenReview, input: TextIO, output: TextIO) -> None:
        super().__init__(opened, input, output)
        self.opened = opened
        self.guidance_shown_for = ""  # the part whose guidance was printed last

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
            self.changed(edit=False)

    def moved(self, place: Place, leave: Leave | None) -> Place | None:
        """Where the author goes from `place`: on when `leave` is None; None to stop."""
        command = "next" if leave is None else leave.command
        if command == "quit":
            return None
        if command == "goto":
            return PART_IDS.index(leave.part), 0
        if command == "back":
            before = previous_place(self.review, place)
            if before is None:
                self.refuse("this is the first question")
            return before or place
        if command == "clear":
            self.refuse("there is no answer to clear here")
            return place
        if command == "again":  # the step is asked again (see Readers.answer_records)
            return place
        return next_place(self.review, place)

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
                if self.session.changed_elsewhere:  # between two steps: nothing in hand points into it
                    self.settle_changed_elsewhere()
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
        if leave.hung_up is not None:
            return self.hang_up(leave.hung_up)
        if leave.end_of_input:
            self.say("End of input.")
        stopped = self.stop()
        return 130 if leave.interrupted and not stopped else stopped

    def hang_up(self, hung_up: HungUp) -> int:
        """The link dropped or imr-tui was stopped: every line typed is saved (or an emergency
        copy made, and said on standard error), without a word to a terminal that may be gone."""
        if self.unsaved:
            save_or_rescue(store.snapshot(self.review), self.path, self.session.known)
        return hung_up.exit_status

    def stop(self) -> int:
        """Save and say where; if the review cannot be saved (or another program has changed it),
        keep the latest answers in an emergency copy and say where: 1 then."""
        if not self.unsaved or self.save():
            self.tell(f"Your review is saved in {self.path}.")
            return 0
        kept = store.rescue(store.snapshot(self.review), self.path)
        if kept is None:
            self.say("Stopped, but the latest answers could NOT be saved anywhere.")
        elif self.session.changed_elsewhere:
            self.tell(f"Stopped. Your latest answers are in {kept}; {self.path} keeps the other program's version.")
        else:
            self.tell(f"Stopped. Your latest answers could not be saved in the review: they are in {kept}.")
        return 1


def run_plain(opened: OpenReview, input: TextIO, output: TextIO) -> int:
    """Walk the review `opened` (imr_tui.core.opening) as plain prompts on `input` and `output`.
    0 when it stopped with everything saved, 1 when the last save failed, 130 on ctrl+c (after
    saving), 129 or 143 on a hang-up (SIGHUP, SIGTERM: see hang_up)."""
    wizard = PlainWizard(opened, input, output)
    handlers = {signum: signal.getsignal(signum) for signum in HANG_UPS}
    raise_on_hang_up()
    try:
        # Held everywhere but where a line is awaited, so that a hang-up never lands between
        # two steps of keeping what was typed.
        with hang_ups_held():
            for note in opened.notes:
                wizard.tell(note)
            return wizard.walk()
    except HungUp as hung_up:  # held until the walk had ended: what it kept is saved or rescued
        return wizard.hang_up(hung_up)
    except KeyboardInterrupt:  # ctrl+c between two lines (at a line it is a :quit)
        wizard.say()
        wizard.changed(edit=False)
        wizard.stop()
        return 130
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        with suppress(OSError):  # the terminal may be gone
            output.flush()

