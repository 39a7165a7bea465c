"""What `imr-tui export` writes: the report as Markdown, or its chronology as CSV, named or
anonymised. An anonymised copy is built from a copy of the review with every registered name
replaced (imr_tui.core.anonymise), then what it prints is searched for every registered name."""

from __future__ import annotations

from dataclasses import dataclass, field

from imr_tui.core.anonymise import anonymise, names_in_report
from imr_tui.core.checks import errors, readiness_findings
from imr_tui.core.guidance import template
from imr_tui.core.model import Review
from imr_tui.core.report import proved_markdown
from imr_tui.core.report.build import build_report
from imr_tui.core.report.document import Report
from imr_tui.core.report.spreadsheet import chronology_table, render_csv

FORMATS = ("md", "csv")


@dataclass
class Export:
    """An export's text, and, for an anonymised copy, the places that stop it being final."""

    text: str
    problems: list[str] = field(default_factory=list)
    shared: int = 0  # answers where a name several people share became all their labels


def export(review: Review, *, format: str = "md", draft: bool = False, anonymised: bool = False) -> Export:
    """The report as Markdown (`md`) or its chronology as CSV (`csv`), a draft or final, named
    or anonymised. ReportNotProved if the Markdown does not read back as built."""
    if not anonymised:
        return Export(_rendered(build_report(review, draft=draft), format))
    done = anonymise(review)
    to_fix = errors(readiness_findings(review)) if draft else []  # the check of the review itself
    report = build_report(done.review, draft=draft, to_fix=to_fix, anonymised=True)
    found = [where for where in names_in_report(report, done.names) if not any(p.startswith(where) for p in done.left)]
    done.left += [f"{where} (its headings or the board's wording)" for where in found]
    problems = done.problems
    if format == "csv":  # only the chronology is written: only what is left there stops it
        chronology = template().part("chronology").heading
        problems = [problem for problem in problems if problem.startswith(chronology)]
    return Export(_rendered(report, format), problems, done.shared)


def _rendered(report: Report, format: str) -> str:
    return render_csv(chronology_table(report)) if format == "csv" else proved_markdown(report)
