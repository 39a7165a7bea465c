"""The command line: `imr-tui new|check|export|pro-forma ...`, and `imr-tui [FILE]` for the wizard;
the panel's chronology commands (import-chronology, merge) are in imr_tui.chronology_commands.

Every failure is one line on stderr and a non-zero exit; nothing from the review is printed in it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import sys
from pathlib import Path

from imr_tui import __version__
from imr_tui.chronology_commands import CHRONOLOGY_COMMANDS, add_chronology_commands, names_left
from imr_tui.cli_support import Refused, say
from imr_tui.cli_support import open_for_writing as _open
from imr_tui.cli_support import read as _read
from imr_tui.cli_support import review_path as _review_file
from imr_tui.core.checks import check_report, errors, readiness_findings
from imr_tui.core.exporting import EXPORT_FORMATS, EXPORT_SUFFIX, export
from imr_tui.core.report import (
    FORMATS,
    ReportNotProved,
    blank_pro_forma,
    blank_pro_forma_docx,
    read_reference,
    replaced_note,
)
from imr_tui.core.hangup import HungUp
from imr_tui.core.model import PART_IDS, json_schema
from imr_tui.core.opening import copy_worked_example
from imr_tui.core.standard_text import new_review
from imr_tui.core.typed_text import printable
from imr_tui.core.wording import plural
from imr_tui.core.lock import acquire
from imr_tui.core.store import (
    ReviewFileError,
    backup_path,
    not_the_review,
    restore_backup,
    save,
    write_private_bytes,
    write_private_text,
)

EXIT_NOT_READY = 1
EXIT_USAGE = 2  # bad arguments or a file that cannot be read: argparse's own convention
EXIT_INTERNAL = 70  # a bug in imr-tui (EX_SOFTWARE)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not argparse's usage block
        raise Refused(f"{message} (see imr-tui --help)")


EXAMPLE_COPY = "worked-example.toml"  # where --example puts its copy, unless told


def _parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    commands = _Parser(
        prog="imr-tui",
        description="Write an Individual Management Review, guided by the board's guidance.",
        epilog="Run 'imr-tui FILE' to open FILE in the wizard, or 'imr-tui' to start.",
    )
    commands.add_argument("--version", action="version", version=f"imr-tui {__version__}")
    sub = commands.add_subparsers(dest="command", required=True, parser_class=_Parser)
    new = sub.add_parser("new", help="create a new, empty review file")
    new.add_argument("file", type=_review_file)
    check = sub.add_parser("check", help="list what is missing (exit 0 when ready, 1 when not)")
    check.add_argument("file", type=_review_file)
    export = sub.add_parser("export", help="write the report as Markdown or a Word document, or its chronology as CSV")
    export.add_argument("file", type=_review_file)
    _format_arguments(export, "FILE.md, FILE.docx or FILE.csv; - for the screen, not Word", EXPORT_FORMATS)
    export.add_argument("--draft", action="store_true", help="export an unfinished report, gaps marked")
    export.add_argument("--force", action="store_true", help="export as final even though the check finds errors")
    export.add_argument("--anonymise", action="store_true", help="labels for every name in the people register")
    add_chronology_commands(sub)
    restore = sub.add_parser("restore", help="put back FILE.bak, the version before the last session")
    restore.add_argument("file", type=_review_file)
    restore.add_argument("--yes", action="store_true", help="do not ask first")
    pro_forma = sub.add_parser("pro-forma", help="print a blank Appendix I interview record sheet")
    _format_arguments(pro_forma, f"the screen for Markdown, {PRO_FORMA_DOCX} for Word")
    schema = sub.add_parser("schema", help="print the review file's JSON Schema, for an editor that checks TOML")
    schema.add_argument("-o", "--output", help="write it to this file instead of the screen")

    wizard = _Parser(prog="imr-tui", add_help=False)
    wizard.add_argument("file", type=_review_file, nargs="?")
    wizard.add_argument("--goto", choices=PART_IDS, metavar="PART", help="open at this part")
    wizard.add_argument("--ascii", action="store_true", help="plain ASCII borders and marks")
    wizard.add_argument("--no-mouse", action="store_true", help="keep the terminal's mouse reporting off")
    wizard.add_argument(
        "--no-diff", action="store_true", help="send every cell drawn, not only those that changed (a terminal that misbehaves)"
    )
    wizard.add_argument(
        "--show-cursor", action="store_true", help="keep the terminal's cursor shown at the focus (for a magnifier)"
    )
    wizard.add_argument(
        "--ansi-colours", action="store_true", help="the terminal's own 16 colours (automatic on TERM=linux)"
    )
    wizard.add_argument("--plain", action="store_true", help="plain prompts, line by line, instead of full screen")
    wizard.add_argument(
        "--example", action="store_true", help=f"open a private copy of the worked example (FILE, else {EXAMPLE_COPY})"
    )
    wizard.add_argument(
        "--take-over", action="store_true", help="open a review locked by a session on another computer that has ended"
    )
    return commands, wizard


COMMANDS = ("new", "check", "export", "import-chronology", "merge", "restore", "pro-forma", "schema")
PRO_FORMA_DOCX = "pro-forma.docx"  # where a Word pro forma goes without -o, if nothing is there yet


def _format_arguments(command: argparse.ArgumentParser, default_output: str, formats: tuple[str, ...] = FORMATS) -> None:
    command.add_argument("-o", "--output", help=f"where to write it (default {default_output})")
    kinds = "markdown (the default), docx (Word)" + (", csv (the chronology, for a spreadsheet)" if "csv" in formats else "")
    command.add_argument("--format", choices=formats, default="markdown", help=kinds)
    command.add_argument(
        "--reference",
        metavar="BOARD.docx",
        type=Path,
        help="with --format docx: take fonts, styles, margins and paper size from this Word document",
    )


def _reference(args: argparse.Namespace) -> bytes | None:
    """The board's reference document, read before anything is written; refused in one line."""
    if args.format == "docx" and args.output == "-":
        raise Refused("a Word document cannot go to the screen: name a file with -o")
    if args.reference is None:
        return None
    if args.format != "docx":
        raise Refused("--reference is for a Word document: add --format docx")
    return read_reference(args.reference)


def _write_output(output: str | None, text: str) -> Path | None:
    if output is None or output == "-":
        sys.stdout.write(text)
        return None
    path = Path(output)
    write_private_text(path, text)
    return path


def cmd_new(args: argparse.Namespace) -> int:
    if args.file.exists():
        raise Refused(f"{args.file}: already exists; choose another name (nothing was changed)")
    save(new_review(), args.file)
    say(f"Created {args.file}. Open it with: imr-tui {args.file}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    try:
        review = _read(args.file)
    except ReviewFileError as refused:
        if len(refused.problems) < 2:
            raise
        # Every problem the model finds, a line each, so that one sitting in an editor fixes them all.
        for problem in refused.problems:
            say(f"imr-tui: {args.file}: {problem}", file=sys.stderr)
        if refused.count > len(refused.problems):
            say(f"imr-tui: {args.file}: and {refused.count - len(refused.problems)} more", file=sys.stderr)
        return EXIT_USAGE
    findings = readiness_findings(review)
    for line in check_report(findings):
        say(line)
    return EXIT_NOT_READY if errors(findings) else 0


def cmd_export(args: argparse.Namespace) -> int:
    reference = _reference(args)
    review = _read(args.file)
    if not args.draft and not args.force:
        problems = errors(readiness_findings(review))
        if problems:
            raise Refused(
                f"{args.file}: not exported: {plural(len(problems), 'thing')} to fix "
                f"(see imr-tui check {args.file}; or use --draft)"
            )
    anonymised = "-anonymised" if args.anonymise else ""
    default = args.file.with_name(f"{args.file.stem}{anonymised}{EXPORT_SUFFIX[args.format]}")
    output = args.output if args.output is not None else str(default)
    if output != "-":
        not_the_review(Path(output), args.file)
    try:
        exported = export(review, format=args.format, draft=args.draft, anonymised=args.anonymise, reference=reference)
    except ReportNotProved as fault:
        raise ReportNotProved(f"{args.file}: not exported, nothing was written: {fault}") from None
    names_left(args.file, exported.problems, final=not args.draft)
    if exported.shared:
        shared = f"in {plural(exported.shared, 'place')}, a name several people in the register share reads as all their labels"
        say(f"imr-tui: note: {shared}; add it to the register on its own to give it one label", file=sys.stderr)
    if isinstance(exported.data, bytes):  # Word
        write_private_bytes(Path(output), exported.data)
        written: Path | None = Path(output)
    else:
        written = _write_output(output, exported.data)
    if written:
        what = "its chronology" if args.format == "csv" else "a draft" if args.draft else "the report"
        say(f"Exported {what}{' anonymised' if args.anonymise else ''} to {written}")
    if exported.replaced:
        say(replaced_note(exported.replaced))
    return 0


def _saved_on(path: Path) -> str:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%d/%m/%Y %H:%M")


def cmd_restore(args: argparse.Namespace) -> int:
    backup = backup_path(args.file)
    if not backup.exists():
        raise Refused(f"{args.file}: there is no backup ({backup.name}) to restore")
    if not args.file.exists():
        raise Refused(f"{args.file}: does not exist; copy {backup.name} to it by hand if that is what you want")
    if not args.yes:
        if not sys.stdin.isatty():
            raise Refused(f"{args.file}: not restored: add --yes to restore without being asked")
        question = (
            f"Replace {args.file} (saved {_saved_on(args.file)}) with its backup "
            f"(saved {_saved_on(backup)})? The current version becomes the backup. [y/N] "
        )
        if input(printable(question)).strip().lower() not in ("y", "yes"):
            say("Nothing was changed.")
            return 0
    with acquire(args.file):  # not while a session has the review open
        restore_backup(args.file)
    say(f"Restored {args.file} from {backup.name}; what was there is now {backup.name} (restore again to undo).")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    written = _write_output(args.output, json.dumps(json_schema(), indent=2) + "\n")
    if written:
        say(f"Wrote the review file's JSON Schema to {written}")
    return 0


def cmd_pro_forma(args: argparse.Namespace) -> int:
    reference = _reference(args)
    if args.format == "docx":
        output = Path(args.output or PRO_FORMA_DOCX)
        if args.output is None and output.exists():
            raise Refused(f"{output}: already exists; name another file with -o (nothing was changed)")
        write_private_bytes(output, blank_pro_forma_docx(reference=reference))
        written: Path | None = output
    else:
        written = _write_output(args.output, blank_pro_forma())
    if written:
        say(f"Wrote a blank interview record sheet to {written}")
    return 0


ASCII_TERMINALS = ("linux", "vt100", "vt102", "vt220")  # box-drawing characters may not show
NO_MOUSE_VARIABLE = "IMR_TUI_NO_MOUSE"  # set (to anything but 0) for --no-mouse everywhere
NO_DIFF_VARIABLE = "IMR_TUI_NO_DIFF"  # likewise for --no-diff
SHOW_CURSOR_VARIABLE = "IMR_TUI_SHOW_CURSOR"  # likewise for --show-cursor
ANSI_COLOURS_VARIABLE = "IMR_TUI_ANSI_COLOURS"  # likewise for --ansi-colours
ANSI_TERMINALS = ("linux",)  # a console of 16 colours, which a high-contrast profile sets
# Textual's aids for debugging an app: each would copy the review's text out of its file, every
# key typed to a log file (TEXTUAL_LOG), the screen to a picture (TEXTUAL_SCREENSHOT), or both
# to a devtools server (TEXTUAL=devtools); TEXTUAL_PRESS types keys of its own. Never for an author.
TEXTUAL_DEBUGGING = (
    "TEXTUAL",
    "TEXTUAL_LOG",
    "TEXTUAL_SCREENSHOT",
    "TEXTUAL_SCREENSHOT_LOCATION",
    "TEXTUAL_SCREENSHOT_FILENAME",
    "TEXTUAL_PRESS",
    "TEXTUAL_DEBUG",
)


def wants_plain(args: argparse.Namespace) -> bool:
    """Plain prompts when asked, on a terminal that cannot be driven, or with no terminal at all."""
    return args.plain or os.environ.get("TERM", "") == "dumb" or not sys.stdin.isatty()


def cmd_plain(args: argparse.Namespace) -> int:
    from imr_tui.plain.wizard import run_plain  # like the wizard, loaded only when wanted

    if args.file is None:
        raise Refused("plain mode needs a review file: imr-tui --plain FILE")
    sys.stdout.reconfigure(errors="replace")  # a console that is not UTF-8 still shows the rest
    opened = _open(args.file, args.take_over, create=True)
    try:
        return run_plain(opened, sys.stdin, sys.stdout)
    finally:
        opened.close()


def cmd_wizard(args: argparse.Namespace) -> int:
    if args.example:
        args.file = args.file or Path(EXAMPLE_COPY)
        copy_worked_example(args.file)
    if wants_plain(args):
        gc.enable()  # turned off while starting up: see imr_tui.__main__
        return cmd_plain(args)
    for name in TEXTUAL_DEBUGGING:  # read once, as Textual is imported: before then
        os.environ.pop(name, None)
    from imr_tui.ui.app import run_wizard  # Textual loads only when the wizard is wanted

    ascii = args.ascii or os.environ.get("TERM", "") in ASCII_TERMINALS
    mouse = not args.no_mouse and not _set(NO_MOUSE_VARIABLE)
    diff = not args.no_diff and not _set(NO_DIFF_VARIABLE)
    show_cursor = args.show_cursor or _set(SHOW_CURSOR_VARIABLE)
    ansi_colours = args.ansi_colours or _set(ANSI_COLOURS_VARIABLE) or os.environ.get("TERM", "") in ANSI_TERMINALS
    # A review that is there is opened now, so that one that cannot be used is refused here.
    opened = _open(args.file, args.take_over, create=False) if args.file is not None and args.file.exists() else None
    return run_wizard(
        args.file, opened, goto=args.goto,
        ascii=ascii, mouse=mouse, diff=diff, show_cursor=show_cursor, ansi_colours=ansi_colours,
    )


def _set(variable: str) -> bool:
    """An environment variable that switches something on or off: set, and to anything but 0."""
    return os.environ.get(variable, "0") not in ("", "0")


def run(argv: list[str]) -> int:
    commands, wizard = _parsers()
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
        gc.enable()  # turned off while starting up: see imr_tui.__main__
        args = commands.parse_args(argv)
        handler = {
            "new": cmd_new,
            "check": cmd_check,
            "export": cmd_export,
            **CHRONOLOGY_COMMANDS,
            "restore": cmd_restore,
            "pro-forma": cmd_pro_forma,
            "schema": cmd_schema,
        }
        return handler[args.command](args)
    return cmd_wizard(wizard.parse_args(argv))


def main(argv: list[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except ReportNotProved as fault:  # imr-tui's own fault, found before anything was written
        say(f"imr-tui: {fault} (a fault in imr-tui: please report this line)", file=sys.stderr)
        return EXIT_INTERNAL
    except (Refused, ReviewFileError) as problem:
        say(f"imr-tui: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except HungUp as hung_up:  # once plain mode has ended, on its way out: all was kept by then
        return hung_up.exit_status
    except Exception as bug:  # never a traceback: it could quote the review's text
        say(
            f"imr-tui: internal error ({type(bug).__name__}); your file was not changed by it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
