"""The abbreviations and acronyms a report uses, which the board asks to be explained in its
glossary: words of two or more capitals (SCR, GP, NHS111), but not a surname written in capitals
as case records do (Dean BRADSHAW), a label or name in the people register (HV1), nor a word the
author has said is not one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from imr_tui.core.guidance import template
from imr_tui.core.model import PART_IDS, Review
from imr_tui.core.people import labels, name_words

# Two or more capitals, then any digits (SCR, GP, NHS111); a plural "s" is not part of it (GPs).
# Mixed-case abbreviations (DfE, ToR) and single letters (Child A) are not matched.
ACRONYM = re.compile(r"\b([A-Z]{2,}[0-9]*)s?\b")
# A first name (or a title) just before a word of capitals alone makes it a surname: "Dean
# BRADSHAW", "Mary-Jane O'NEILL", "Mr PATEL". Not after words that begin sentences or name roles
# and services ("This IMR", "Health Visitor HV", "Northtown CAMHS" is missed: see acronyms_in).
_FIRST_NAME = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ \t]+(?:[A-Z]')?$")
_NOT_NAMES = frozenset(
    "A After Afterwards Also An And As At Before Both But By Child Council Designated Doctor During "
    "Each Family For From Health Her His Hospital How However If In Its Later Manager Named No Not "
    "Nurse Of On Our Police Practitioner School Service Services She So Social Team That The Their "
    "Then There These They This Those To Trust Under Until Visitor When Where Which While Who With "
    "Worker".split()
)


def _strings(value: object) -> Iterator[str]:
    """Every piece of text in a model (an answer's or the template's) or list, however deep:
    new fields are covered."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


# The protective marking is a label on every page (OFFICIAL-SENSITIVE), not the report's text:
# its capitals are no acronyms.
MARKING = ("review-details", "protective_marking")


def _report_text(review: Review) -> Iterator[str]:
    """The text the report prints: the board's standard wording and every answer but the
    glossary's and the protective marking."""
    yield from _strings(template().standard_text)
    for part_id in PART_IDS:
        if part_id != "glossary":
            part = review.part(part_id)
            for name in type(part).model_fields:
                if (part_id, name) != MARKING:
                    yield from _strings(getattr(part, name))


def acronyms_in(texts: Iterable[str]) -> set[str]:
    """The acronyms used in `texts`, less the board's placeholders (NAME OF AUTHOR) and surnames.
    A word is an acronym if it stands anywhere without a name before it, so one that only ever
    follows a capitalised word that is not a name (Northtown CAMHS) goes unnoticed: the author can
    still add it to the glossary, and a surname the check takes for one can be set aside there."""
    placeholders = [p.text for p in template().standard_text.placeholders]
    used: set[str] = set()
    for text in texts:
        for placeholder in placeholders:
            text = text.replace(placeholder, " ")
        used.update(m[1] for m in ACRONYM.finditer(text) if not _surname(text, m.start()))
    return used


def _surname(text: str, start: int) -> bool:
    if any(c.isdigit() for c in text[start : start + 12].split(None, 1)[0]):
        return False  # HV1, GP2: labels, never names
    before = _FIRST_NAME.search(text, 0, start)
    return before is not None and before[1] not in _NOT_NAMES


def mark_not_an_acronym(review: Review, word: str) -> None:
    """The author says `word` is not an abbreviation in this review (a name in capitals, say)."""
    if word not in review.glossary.not_acronyms:
        review.glossary.not_acronyms.append(word)


def unexplained(review: Review) -> list[str]:
    """The acronyms the report uses that its glossary does not explain, in order."""
    glossary = review.glossary
    explained = {e.abbreviation.strip() for e in glossary.entries if e.meaning.strip()}
    explained |= {word.strip() for word in glossary.not_acronyms}
    # A label (HV1, GP1) and a registered name in capitals (BRADSHAW) are not abbreviations.
    explained |= {m[1] for label in labels(review) for m in ACRONYM.finditer(label)} | name_words(review)
    return sorted(acronyms_in(_report_text(review)) - explained)
