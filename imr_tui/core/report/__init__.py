"""The report: built once from a review (build.py) as a structure (document.py), rendered as
Markdown (markdown.py, proved by proof.py before it is written) or as a Word document (word.py),
and the blank pro forma in either format; imr_tui.core.exporting adds the chronology as CSV
(spreadsheet.py) and an anonymised copy.

python-docx is imported only when a Word document is asked for: the wizard starts without it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from imr_tui.core.model import Review
from imr_tui.core.report.build import build_report, current_report
from imr_tui.core.report.document import Report
from imr_tui.core.report.markdown import render
from imr_tui.core.report.pro_forma import blank_pro_forma
from imr_tui.core.report.proof import ReportNotProved, prove
from imr_tui.core.store import not_the_review, write_private_bytes, write_private_text
from imr_tui.core.wording import plural

if TYPE_CHECKING:
    from imr_tui.core.report.word import WordDocument

__all__ = [
    "FORMATS",
    "SUFFIX",
    "Exported",
    "ReportNotProved",
    "blank_pro_forma",
    "blank_pro_forma_docx",
    "export_report",
    "read_reference",
    "replaced_note",
    "report_as_it_stands",
    "to_docx",
    "to_markdown",
]

Format = Literal["markdown", "docx"]
FORMATS: tuple[Format, ...] = ("markdown", "docx")
SUFFIX = {"markdown": ".md", "docx": ".docx"}


def proved_markdown(report: Report) -> str:
    """The report as Markdown, read back by markdown-it-py and proved to have the shape it was
    built with, block for block, with nothing in its text read as Markdown (ReportNotProved,
    naming the part, if not: nothing is then written). The words themselves are not compared."""
    markdown = render(report)
    prove(report, markdown)
    return markdown


def to_markdown(review: Review, *, draft: bool = False) -> str:
    """The whole review as Markdown. A draft says so at the top, lists what the check finds to
    fix, and marks every required answer not yet given where it belongs."""
    return proved_markdown(build_report(review, draft=draft))


def report_docx(report: Report, today: dt.date | None = None, reference: bytes | None = None) -> WordDocument:
    """A built report (a review's, or a merged chronology) as a Word document, dated `today`."""
    from imr_tui.core.report.word import report_docx as docx

    return docx(report, today=today or dt.date.today(), reference=reference)


def to_docx(
    review: Review, *, draft: bool = False, today: dt.date | None = None, reference: bytes | None = None
) -> WordDocument:
    """The whole review as a Word document (`.data`, its bytes), dated `today` (the export's
    date, in its footer), on a board's reference document (read_reference) if given. A draft is
    marked as the Markdown's is. `.replaced` counts the characters a Word document cannot hold."""
    return report_docx(build_report(review, draft=draft), today, reference)


def read_reference(path: Path) -> bytes:
    """A board's Word document (.docx, or a .dotx template) to take styles, fonts, margins and
    paper size from; ReviewFileError in one line if it cannot be used."""
    from imr_tui.core.report.word_base import read_reference as read

    return read(path)


def blank_pro_forma_docx(*, reference: bytes | None = None) -> bytes:
    """The blank Appendix I interview record sheet as a Word document."""
    from imr_tui.core.report.word import pro_forma_docx

    return pro_forma_docx(reference=reference).data


def report_as_it_stands(review: Review) -> tuple[str, int]:
    """The report as an export would write it now: final when the check finds nothing to fix,
    else a draft; and how many things are left to fix."""
    report = current_report(review)
    return proved_markdown(report), report.draft.count if report.draft else 0


def replaced_note(replaced: dict[str, int]) -> str:
    """One line on the characters a Word document could not hold, by where; '' when none were."""
    if not replaced:
        return ""
    count = sum(replaced.values())
    where = ", ".join(f"{n} in {place}" for place, n in replaced.items())
    return (
        f"{plural(count, 'character')} that a Word document cannot hold (control characters) "
        f"{'is' if count == 1 else 'are'} shown as the mark U+FFFD: {where}."
    )


@dataclass(frozen=True)
class Exported:
    """Where an export went, how many things are left to fix (a draft was written when any are),
    and, for Word, the characters it could not hold, by where (see replaced_note)."""

    path: Path
    to_fix: int
    replaced: dict[str, int] = field(default_factory=dict)

    @property
    def note(self) -> str:
        return replaced_note(self.replaced)

    def told(self, to_check: str) -> str:
        """What the author is told of it; `to_check`: how to see what is left to fix."""
        if self.to_fix:
            return f"Exported a DRAFT to {self.path}: {plural(self.to_fix, 'thing')} to fix first ({to_check})."
        return f"Exported the report to {self.path}."


def export_report(review: Review, review_path: Path, format: Format = "markdown") -> Exported:
    """Write the report beside its review (review.toml -> review.md or review.docx), owner-only
    and atomically: the final report when the check finds nothing to fix, else a draft with the
    gaps marked. ReviewFileError if it could not be written (nothing is then written), or if it
    would be written over the review or its backup."""
    report = current_report(review)
    to_fix = report.draft.count if report.draft else 0
    target = not_the_review(review_path.with_suffix(SUFFIX[format]), review_path)
    if format == "docx":
        document = report_docx(report)
        write_private_bytes(target, document.data)
        return Exported(target, to_fix, document.replaced)
    write_private_text(target, proved_markdown(report))
    return Exported(target, to_fix)
