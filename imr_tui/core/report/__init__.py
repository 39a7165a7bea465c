"""The report: built once from a review (build.py) as a structure (document.py), rendered as
Markdown (markdown.py, proved by proof.py before it is written) or its chronology as CSV
(spreadsheet.py: imr_tui.core.exporting chooses), and the blank pro forma."""

from __future__ import annotations

from pathlib import Path

from imr_tui.core.model import Review
from imr_tui.core.report.build import build_report, current_report
from imr_tui.core.report.document import Report
from imr_tui.core.report.markdown import render
from imr_tui.core.report.pro_forma import blank_pro_forma
from imr_tui.core.report.proof import ReportNotProved, prove
from imr_tui.core.store import not_the_review, write_private_text

__all__ = ["ReportNotProved", "blank_pro_forma", "export_beside", "proved_markdown", "report_as_it_stands", "to_markdown"]


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


def report_as_it_stands(review: Review) -> tuple[str, int]:
    """The report as an export would write it now: final when the check finds nothing to fix,
    else a draft; and how many things are left to fix."""
    report = current_report(review)
    return proved_markdown(report), report.draft.count if report.draft else 0


def export_beside(review: Review, review_path: Path) -> tuple[Path, int]:
    """Write the report beside its review (review.toml -> review.md), owner-only: the final
    report when the check finds nothing to fix, else a draft with the gaps marked. Returns where
    it went and how many things are left to fix; ReviewFileError if it could not be written."""
    markdown, to_fix = report_as_it_stands(review)
    target = not_the_review(review_path.with_suffix(".md"), review_path)
    write_private_text(target, markdown)
    return target, to_fix
