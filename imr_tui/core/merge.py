"""The merged chronology: every agency's entries in one date order, as the overview author builds
it, each with its agency, a new sequence number, and its number in its own agency's IMR.

Anonymised, each entry's names are replaced from every agency's register together (an agency's
entries may name another's practitioner), so the registers must agree first: a person given two
labels, or one label given to two people, is reported by place before anything is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from imr_tui.core.anonymise import Anonymiser, holds_a_name
from imr_tui.core.editing import chronology_order
from imr_tui.core.guidance import template
from imr_tui.core.model import Review
from imr_tui.core.names import Named, register_names
from imr_tui.core.people import registered
from imr_tui.core.report.build import ANONYMISED, CHRONOLOGY_COLUMNS, REVIEW, chronology_cells
from imr_tui.core.report.document import Cover, Items, Label, Labelled, Part, Report, Table
from imr_tui.core.wording import plural

TITLE = "Merged chronology"
KIND = "merged-chronology"  # its table's kind, by which the Word document lays it out
HEADER = ("No.", "Agency", "Agency's No.", *(heading for heading, _ in CHRONOLOGY_COLUMNS))


@dataclass
class Contribution:
    """One agency's review, and the name of its file (for messages and the list of agencies)."""

    name: str
    review: Review


@dataclass
class Merged:
    report: Report  # one part: the agencies it draws on, then `table`
    table: Table
    problems: list[str] = field(default_factory=list)  # places that stop an anonymised merge


def register_conflicts(people: list[Named]) -> list[str]:
    """Where the registers disagree: one person (a name or spelling in common) with two labels,
    or one label for two people (no name or spelling in common). Places, never names."""
    said: list[str] = []
    by_spelling: dict[tuple[str, ...], Named] = {}
    for each in people:
        for spelling in each.spellings:
            earlier = by_spelling.setdefault(spelling, each)
            if earlier.label.casefold() != each.label.casefold():
                said.append(f"{earlier.where} and {each.where} give one person two labels")
                break
    by_label: dict[str, list[Named]] = {}
    for each in people:
        if each.label:
            by_label.setdefault(each.label.casefold(), []).append(each)
    for group in by_label.values():
        first = group[0]
        for other in group[1:]:
            if not set(first.spellings) & set(other.spellings):
                said.append(f"{first.where} and {other.where} give one label to two people")
    return said


def merge(contributions: list[Contribution], *, anonymised: bool = False) -> Merged:
    """The merged chronology as a report of one table; anonymised, the places that stop it: each
    cell of the result is searched for every registered name (a cell with no word that could be
    part of one is left as it was, so holds none)."""
    people = [p for c in contributions for p in registered(c.review, f"{c.name}: ")]
    if anonymised and (conflicts := register_conflicts(people)):
        return Merged(Report(TITLE, [], _cover(TITLE, contributions, 0)), Table(HEADER, (), KIND), conflicts)
    problems: list[str] = []
    rows = []
    listed = []
    entry_title = template().records["chronology-entry"].title.lower()
    for order, contribution in enumerate(contributions):
        review = contribution.review
        names = register_names(people, review.people.not_names)
        replace = Anonymiser(names)

        def shown(text: str, where: str) -> str:
            if not anonymised:
                return text
            text, held = replace.replace(text)
            if held and holds_a_name(text, names):
                problems.append(f"{contribution.name}: {where}: still holds a registered name")
            return text

        agency = shown(review.review_details.agency.strip(), "the agency's name")
        entries = sorted(review.chronology.entries, key=chronology_order)
        listed.append(f"{agency or contribution.name}: {plural(len(entries), 'entry')}")
        for number, entry in enumerate(entries, 1):
            cells = tuple(
                shown(cell, f"{entry_title} {number}, {heading}")
                for cell, (heading, _) in zip(chronology_cells(entry), CHRONOLOGY_COLUMNS)
            )
            rows.append((chronology_order(entry), order, number, agency, cells))
    rows.sort(key=lambda row: row[:3])
    table = Table(
        HEADER, tuple((str(n), agency, str(own), *cells) for n, (_, _, own, agency, cells) in enumerate(rows, 1)), KIND
    )
    title = f"{TITLE} ({ANONYMISED})" if anonymised else TITLE
    part = Part("merged", TITLE, [Label("From the IMRs of:"), Items(tuple(listed)), table])
    return Merged(Report(title, [part], _cover(title, contributions, len(rows))), table, problems)


def _cover(title: str, contributions: list[Contribution], entries: int) -> Cover:
    """The Word document's title page and running header: the reviews' protective marking when
    they agree on one, else the template's."""
    markings = {c.review.review_details.protective_marking.strip() for c in contributions} - {""}
    marking = markings.pop() if len(markings) == 1 else template().part("review-details").question("protective_marking").default
    facts = (Labelled("IMRs merged", str(len(contributions))), Labelled("Entries", f"{entries:,}"))
    return Cover(title=title, subtitle=REVIEW, facts=facts, agency="", marking=str(marking), version="")
