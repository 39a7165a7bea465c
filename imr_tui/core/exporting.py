"""What `imr-tui export` writes: the report as Markdown or a Word document, or its chronology as
CSV, named or anonymised. An anonymised copy is built from a copy of the review with every
registered name replaced (imr_tui.core.anonymise), then what it prints is searched for every
registered name."""

from __future__ import annotations

from dataclasses import dataclass, field

from imr_tui.core.anonymise import anonymise, names_in_report
from imr_tui.core.checks import errors, readiness_findings
from imr_tui.core.guidance import template
from imr_tui.core.model import Review
from imr_tui.core.report import FORMATS, SUFFIX, proved_markdown, report_docx
from imr_tui.core.report.build import build_report
from imr_tui.core.report.document import Report
from imr_tui.core.report.spreadsheet import chronology_table, render_csv

EXPORT_FORMATS = (*FORMATS, "csv")
EXPORT_SUFFIX = {**SUFFIX, "csv": ".csv"}


@dataclass
class Export:
    """An export (text, or a Word document's bytes), and, for an anonymised copy, the places
    that stop it being final."""

    data: str | bytes
    problems: list[str] = field(default_factory=list)
    shared: int = 0  # answers where a name several people share became all their labels
    replaced: dict[str, int] = field(default_factory=dict)  # Word: characters it could not hold, by where


def export(
    review: Review,
    *,
    format: str = "markdown",
    draft: bool = False,
    anonymised: bool = False,
    reference: bytes | None = None,
) -> Export:
    """The report as Markdown or a Word document (on a board's `reference` document), or its
    chronology as CSV; a draft or final, named or anonymised. ReportNotProved if the Markdown does
    not read back as built."""
    if not anonymised:
        return _rendered(build_report(review, draft=draft), format, reference)
    done = anonymise(review)
    to_fix = errors(readiness_findings(review)) if draft else []  # the check of the review itself
    report = build_report(done.review, draft=draft, to_fix=to_fix, anonymised=True)
    found = [where for where in names_in_report(report, done.names) if not any(p.startswith(where) for p in done.left)]
    done.left += [f"{where} (its headings or the board's wording)" for where in found]
    problems = done.problems
    if format == "csv":  # only the chronology is written: only what is left there stops it
        chronology = template().part("chronology").heading
        problems = [problem for problem in problems if problem.startswith(chronology)]
    exported = _rendered(report, format, reference)
    exported.problems, exported.shared = problems, done.shared
    return exported


def _rendered(report: Report, format: str, reference: bytes | None) -> Export:
    if format == "csv":
        return Export(render_csv(chronology_table(report)))
    if format == "docx":
        document = report_docx(report, reference=reference)
        return Export(document.data, replaced=document.replaced)
    return Export(proved_markdown(report))
