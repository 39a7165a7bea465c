"""The panel's chronology commands: `imr-tui import-chronology FILE data.csv` and `imr-tui merge
A.toml B.toml ... -o OUT`; and how an anonymised export or merge is refused while a name is left.

Every refusal is one line naming the file, row or record, never the case text; nothing is
written then, and no input is changed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from imr_tui.cli_support import Refused, open_for_writing, read, review_path, say
from imr_tui.core.editing import add_record, sort_chronology
from imr_tui.core.importing import read_chronology_csv
from imr_tui.core.merge import Contribution, merge
from imr_tui.core.model import MAX_ITEMS, ChronologyEntry
from imr_tui.core.report import ReportNotProved, proved_markdown, replaced_note, report_docx
from imr_tui.core.report.spreadsheet import render_csv
from imr_tui.core.store import not_the_review, save, write_private_bytes, write_private_text
from imr_tui.core.wording import plural

MERGED = (".md", ".csv", ".docx")  # what a merged chronology is written as


def add_chronology_commands(sub: argparse._SubParsersAction) -> None:
    importing = sub.add_parser("import-chronology", help="add the rows of a CSV spreadsheet to the chronology")
    importing.add_argument("file", type=review_path)
    importing.add_argument("csv", type=Path)
    merging = sub.add_parser("merge", help="merge agencies' chronologies into one, in date order")
    merging.add_argument("files", type=review_path, nargs="+", metavar="FILE")
    merging.add_argument("-o", "--output", required=True, help="where to write it: .md, .csv or .docx")
    merging.add_argument("--anonymise", action="store_true", help="labels for every name in the people registers")


def names_left(source: Path, problems: list[str], *, final: bool) -> None:
    """List by place what stops an anonymised copy; refuse it unless it is a draft."""
    for problem in problems:
        say(f"imr-tui: {source}: {problem}", file=sys.stderr)
    if problems and final:
        raise Refused(
            f"{source}: not written: a name is left, or has no label, in the {plural(len(problems), 'place')} above; "
            "add each name to the people register, or say a word is not a name there (--draft writes it anyway)"
        )


def cmd_import_chronology(args: argparse.Namespace) -> int:
    entries = read_chronology_csv(args.csv)  # every row read and found good before the review is opened
    opened = open_for_writing(args.file, take_over=False, create=False)
    try:
        chronology = opened.review.chronology.entries
        if len(chronology) + len(entries) > MAX_ITEMS:
            raise Refused(f"{args.csv}: not imported: the chronology would hold more than the {MAX_ITEMS:,} entries a review can")
        for entry in entries:
            add_record(chronology, ChronologyEntry, **entry.model_dump(exclude={"id"}))
        sort_chronology(opened.review)
        save(opened.review, opened.path)
    finally:
        opened.close()
    say(f"Imported {plural(len(entries), 'entry')} from {args.csv} into {args.file}; its chronology has {len(chronology):,}.")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    output = Path(args.output)
    seen: set[Path] = set()
    for path in args.files:
        if path.resolve() in seen:
            raise Refused(f"{path}: is named twice; name each review once")
        seen.add(path.resolve())
        not_the_review(output, path)
    if output.suffix not in MERGED:
        raise Refused(f"{output}: a merged chronology is written as .md, .csv or .docx")
    merged = merge([Contribution(str(path), read(path)) for path in args.files], anonymised=args.anonymise)
    for problem in merged.problems:
        say(f"imr-tui: {output}: {problem}", file=sys.stderr)
    if merged.problems:
        mend = plural(len(merged.problems), "problem")
        raise Refused(f"{output}: not written: the people registers need mending first ({mend} above)")
    replaced: dict[str, int] = {}
    if output.suffix == ".docx":
        document = report_docx(merged.report)
        write_private_bytes(output, document.data)
        replaced = document.replaced
    else:
        try:
            text = render_csv(merged.table) if output.suffix == ".csv" else proved_markdown(merged.report)
        except ReportNotProved as fault:
            raise ReportNotProved(f"{output}: not written: {fault}") from None
        write_private_text(output, text)
    say(f"Merged {plural(len(merged.table.rows), 'entry')} from {plural(len(args.files), 'review')} into {output}")
    if replaced:
        say(replaced_note(replaced))
    return 0


CHRONOLOGY_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import-chronology": cmd_import_chronology,
    "merge": cmd_merge,
}
