"""The commands typed on a line of their own in plain mode (:help lists them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from imr_tui.core import store
from imr_tui.core.checks import check_report, errors, readiness_findings
from imr_tui.core.guidance import template
from imr_tui.core.model import PART_IDS
from imr_tui.core.progress import part_status
from imr_tui.core.report import FORMATS, export_report
from imr_tui.plain.conversation import Conversation, Leave


class Commands(Conversation):
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

    def command_export(self, argument: str) -> None:
        format = argument.strip().lower() or "markdown"
        if format not in FORMATS:
            self.refuse(f":export takes nothing (Markdown) or one of: {', '.join(FORMATS)}")
            return
        if self.unsaved:
            self.save()
        try:
            exported = export_report(self.review, self.path, format)
        except store.ReviewFileError as problem:
            self.tell(f"Not exported: {problem}")
            return
        self.tell(exported.told(":check lists them"))
        if exported.note:
            self.tell(exported.note)

    def command_help(self, _: str) -> None:
        self.say("Commands, each typed on a line of its own:")
        for name, command in COMMANDS.items():
            self.say(f"  :{name}{' ' + command.argument if command.argument else ''} - {command.help}")
        self.say("Enter on an empty line keeps the current answer.")
        self.say("A long answer, or a list, ends with a line holding only a full stop (.).")
        self.say("To type an answer that starts with ':', start it with '::'.")


@dataclass(frozen=True)
class Command:
    run: Callable[[Commands, str], None]
    help: str
    argument: str = ""  # what the command takes after its name, e.g. PART



COMMANDS: dict[str, Command] = {
    "skip": Command(Commands.command_skip, "leave this answer as it is and go on"),
    "back": Command(Commands.command_back, "go back to the previous question"),
    "goto": Command(Commands.command_goto, f"go to a part: {', '.join(PART_IDS)}", "PART"),
    "parts": Command(Commands.command_parts, "list the parts, how far each has got, and what is left to fix"),
    "check": Command(Commands.command_check, "list everything to fix or consider before the report is ready"),
    "export": Command(
        Commands.command_export,
        "write the report beside the review file, as Markdown or with docx as Word (a draft while anything is missing)",
        "[docx]",
    ),
    "clear": Command(Commands.command_clear, "empty this answer"),
    "help": Command(Commands.command_help, "show this help"),
    "quit": Command(Commands.command_quit, "save and stop (so does the end of input, e.g. ctrl+d)"),
}

