"""The command line: `imr-tui new|check|export|pro-forma ...`, and `imr-tui [FILE]` for the wizard.

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
from typing import TextIO

from imr_tui import __version__
from imr_tui.core.checks import check_report, errors, readiness_findings
from imr_tui.core.report import ReportNotProved, blank_pro_forma, to_markdown
from imr_tui.core.model import PART_IDS, Review, json_schema
from imr_tui.core.opening import OpenReview, ReviewLocked, copy_worked_example, open_review, read_review
from imr_tui.core.standard_text import new_review
from imr_tui.core.typed_text import printable
from imr_tui.core.wording import plural
from imr_tui.core.store import ReviewFileError, backup_path, restore_backup, review_file, save, write_private_text

EXIT_NOT_READY = 1
EXIT_USAGE = 2  # bad arguments or a file that cannot be read: argparse's own convention
EXIT_INTERNAL = 70  # a bug in imr-tui (EX_SOFTWARE)


def say(line: str = "", *, file: TextIO | None = None) -> None:
    """Print one line; a file's name in it is shown with its control characters (a line break
    too) escaped, never obeyed by the terminal."""
    print(printable(line), file=file or sys.stdout)


class Refused(Exception):
    """A command cannot do what was asked; the message says why in one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not argparse's usage block
        raise Refused(f"{message} (see imr-tui --help)")


EXAMPLE_COPY = "worked-example.toml"  # where --example puts its copy, unless told


def _review_file(text: str) -> Path:
    return review_file(Path(text))


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
    export = sub.add_parser("export", help="write the report as Markdown")
    export.add_argument("file", type=_review_file)
    export.add_argument("-o", "--output", help="where to write it (default FILE.md; - for the screen)")
    export.add_argument("--draft", action="store_true", help="export an unfinished report, gaps marked")
    export.add_argument("--force", action="store_true", help="export as final even though the check finds errors")
    restore = sub.add_parser("restore", help="put back FILE.bak, the version before the last session")
    restore.add_argument("file", type=_review_file)
    restore.add_argument("--yes", action="store_true", help="do not ask first")
    pro_forma = sub.add_parser("pro-forma", help="print a blank Appendix I interview record sheet")
    pro_forma.add_argument("-o", "--output", help="write it to this file instead of the screen")
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
    wizard.add_argument("--plain", action="store_true", help="plain prompts, line by line, instead of full screen")
    wizard.add_argument(
        "--example", action="store_true", help=f"open a private copy of the worked example (FILE, else {EXAMPLE_COPY})"
    )
    wizard.add_argument(
        "--take-over", action="store_true", help="open a review locked by a session on another computer that has ended"
    )
    return commands, wizard


COMMANDS = ("new", "check", "export", "restore", "pro-forma", "schema")


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


def _read(path: Path) -> Review:
    review, notes = read_review(path)
    for note in notes:
        say(f"imr-tui: {note}", file=sys.stderr)
    return review


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
    review = _read(args.file)
    if not args.draft and not args.force:
        problems = errors(readiness_findings(review))
        if problems:
            raise Refused(
                f"{args.file}: not exported: {plural(len(problems), 'thing')} to fix "
                f"(see imr-tui check {args.file}; or use --draft)"
            )
    output = args.output if args.output is not None else str(args.file.with_suffix(".md"))
    try:
        markdown = to_markdown(review, draft=args.draft)
    except ReportNotProved as fault:
        raise ReportNotProved(f"{args.file}: not exported, nothing was written: {fault}") from None
    written = _write_output(output, markdown)
    if written:
        say(f"Exported {'a draft' if args.draft else 'the report'} to {written}")
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
    restore_backup(args.file)
    say(f"Restored {args.file} from {backup.name}; what was there is now {backup.name} (restore again to undo).")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    written = _write_output(args.output, json.dumps(json_schema(), indent=2) + "\n")
    if written:
        say(f"Wrote the review file's JSON Schema to {written}")
    return 0


def cmd_pro_forma(args: argparse.Namespace) -> int:
    written = _write_output(args.output, blank_pro_forma())
    if written:
        say(f"Wrote a blank interview record sheet to {written}")
    return 0


ASCII_TERMINALS = ("linux", "vt100", "vt102", "vt220")  # box-drawing characters may not show
NO_MOUSE_VARIABLE = "IMR_TUI_NO_MOUSE"  # set (to anything but 0) for --no-mouse everywhere
NO_DIFF_VARIABLE = "IMR_TUI_NO_DIFF"  # likewise for --no-diff
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


def _open(path: Path, take_over: bool, create: bool) -> OpenReview:
    try:
        return open_review(path, create=create, take_over=take_over)
    except ReviewLocked as locked:
        if locked.can_force:
            raise Refused(f"{locked} (imr-tui {path} --take-over)") from None
        raise


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
    mouse = not args.no_mouse and not _switched_off(NO_MOUSE_VARIABLE)
    diff = not args.no_diff and not _switched_off(NO_DIFF_VARIABLE)
    # A review that is there is opened now, so that one that cannot be used is refused here.
    opened = _open(args.file, args.take_over, create=False) if args.file is not None and args.file.exists() else None
    return run_wizard(args.file, opened, goto=args.goto, ascii=ascii, mouse=mouse, diff=diff)


def _switched_off(variable: str) -> bool:
    """An environment variable that switches something off: set, and to anything but 0."""
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
    except Exception as bug:  # never a traceback: it could quote the review's text
        say(
            f"imr-tui: internal error ({type(bug).__name__}); your file was not changed by it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
