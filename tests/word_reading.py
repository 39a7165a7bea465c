"""Reading a Word export as the panel's Word would (python-docx), for the tests."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.oxml.ns import qn

from imr_tui.core.report import to_docx

TODAY = dt.date(2026, 12, 4)  # the export's date, in every footer


def opened(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def word(review, *, draft: bool = False, reference: bytes | None = None) -> docx.document.Document:
    return opened(to_docx(review, draft=draft, today=TODAY, reference=reference).data)


def styled(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def numbered(document) -> list[tuple[str, str]]:
    """Each numbered paragraph's number as Word shows it (its list's text, counted), and its text."""
    numbering = document.part.numbering_part.element
    abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.iterchildren(qn("w:abstractNum"))}
    shown = {}
    for num in numbering.iterchildren(qn("w:num")):
        level = abstract[num.find(qn("w:abstractNumId")).get(qn("w:val"))].find(qn("w:lvl"))
        if level.find(qn("w:numFmt")).get(qn("w:val")) == "decimal":
            shown[num.get(qn("w:numId"))] = level.find(qn("w:lvlText")).get(qn("w:val"))
    counted: dict[str, int] = {}
    found = []
    for p in document.paragraphs:
        num_id = p._p.xpath("string(w:pPr/w:numPr/w:numId/@w:val)")
        if num_id in shown:
            counted[num_id] = counted.get(num_id, 0) + 1
            found.append((shown[num_id].replace("%1", str(counted[num_id])), p.text))
    return found


def under(document, heading: str) -> list:
    """The paragraphs after `heading` up to the next heading."""
    found, inside = [], False
    for p in document.paragraphs:
        if p.style.name.startswith("Heading"):
            inside = p.text == heading
        elif inside and p.text:
            found.append(p)
    return found


def texts_under(document, heading: str) -> list[str]:
    return [p.text for p in under(document, heading)]


def table(document, *headings: str):
    """The table whose header row starts with `headings`."""
    return next(t for t in document.tables if [c.text for c in t.rows[0].cells[: len(headings)]] == list(headings))


TERMS, ACTION_PLAN = ("No.", "Term of reference"), ("No.", "Recommendation")
CHRONOLOGY = ("No.", "Date")


def cell_paragraphs(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def orientation_of(document, element) -> str:
    """The orientation of the page `element` (a table, a paragraph) is laid out on."""
    for following in [element, *element.itersiblings()]:
        section = following.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if following.tag == qn("w:p") else None
        if following.tag == qn("w:sectPr"):
            section = following
        if section is not None:
            return section.find(qn("w:pgSz")).get(qn("w:orient")) or "portrait"
    raise AssertionError("no section closes the body")
