"""The people register (the part `people`): each person the report names, with the label the
published report gives them (Child A, Mother, HV1), kept by the author as Chronolator keeps its
reversible list of names and labels.

The check finds a register that could not anonymise (a label given twice, a name listed twice, a
label that holds a name); the wizard and plain mode offer to add a name typed in a chronology
entry that the register does not hold yet (`unregistered_names`, then `add_person`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from imr_tui.core.editing import add_record
from imr_tui.core.guidance import template
from imr_tui.core.model import Person, Review
from imr_tui.core.names import TITLES, WORD, Named, key, part_of_a_name, person, register_names, words

PART = "people"


def spellings(entry: Person) -> list[str]:
    """A person's full name and every other spelling the register gives, blank ones left out."""
    return [name for name in (entry.name, *entry.other_spellings) if name.strip()]


def registered(review: Review, where: str = "") -> list[Named]:
    """The register's people, each with the place of their entry (`where` names the file)."""
    title = template().records["person"].title.lower()
    heading = template().part(PART).heading
    return [
        person(entry.label, spellings(entry), f"{where}{heading}, {title} {number}")
        for number, entry in enumerate(review.people.entries, 1)
    ]


def labels(review: Review) -> set[str]:
    return {entry.label.strip() for entry in review.people.entries if entry.label.strip()}


def name_words(review: Review) -> set[str]:
    """Every word of every registered name, as written (for the acronym check: BRADSHAW)."""
    return {m[0] for entry in review.people.entries for name in spellings(entry) for m in WORD.finditer(name)}


def register_problems(people: list[Named]) -> Iterator[tuple[Named, str]]:
    """What stops a register from anonymising: (the later entry, what is wrong). Two people with
    one label, or one name under two entries, could not be told apart; a label that holds a
    registered name would put the name back."""
    by_label: dict[str, Named] = {}
    by_spelling: dict[tuple[str, ...], Named] = {}
    name_parts = {w for each in people for spelling in each.spellings for w in spelling if part_of_a_name(w)}
    for each in people:
        if each.label:
            earlier = by_label.setdefault(each.label.casefold(), each)
            if earlier is not each:
                yield each, f"has the same label as {earlier.where.rsplit(', ', 1)[-1]}"
            if name_parts.intersection(words(each.label)):
                yield each, "has a label that holds a name in the register"
        for spelling in each.spellings:
            earlier = by_spelling.setdefault(spelling, each)
            if earlier is not each:
                yield each, f"has a name or spelling that {earlier.where.rsplit(', ', 1)[-1]} has too"
                break


# Names an author types that the register does not hold yet ----------------------------------

# Capitalised words that are not names, as chronologies use them mid-sentence.
_NOT_NAMES = frozenset(
    key(w)
    for w in """
    I A An And As At But By For From He Her His If In It Its No Not Of On Or Our She So That The Their Then There
    These They This Those To We When Where Which While Who With Yes Both All Some Each Every Another Other Such
    Since Until Once Though Although Because However Also Later Earlier After Before Next Following During
    Afterwards Meanwhile Subsequently Previously Today Yesterday Tomorrow Later Later My Your Its Please Dear
    Mum Dad Mother Father Mother's Father's Baby
    Child Children Sibling Brother Sister Grandmother Grandfather Nan Grandma Grandad Partner Aunt Uncle
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Christmas Easter
    Health Visitor Visitors Visiting Nurse Nursery Midwife Midwifery Doctor Social Worker Workers Care
    Service Services Team Leader Manager Officer Police Constable Sergeant Detective Hospital General
    Emergency Department Ward School Teacher Head Headteacher Centre Center Court Council Clinic Trust
    Board Safeguarding Named Designated Community Housing Association Review Serious Case Plan
    Protection Conference Strategy Discussion Assessment Framework Appendix Section Interview Record
    Records Local Authority Duty Liaison Paediatric Paediatrician Adult Adults Mental Drug Alcohol
    Probation Youth Early Help Family Support Practice Surgery Street Road Lane Avenue Estate Road
    North South East West Northern Southern Eastern Western Agency Children's Lead Specialist
    Administrator Representative Chair Panel Unit Office Scale Programme Policy Procedure Procedures
    Guidance Standard Standards Act National Government Department Senior Assistant Deputy Director
    """.split()
)
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+"
_CAPITALISED = r"(?:[A-Z]['’])?[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:['’-][A-Z]?[a-z]+)*"  # Dean, O'Neill, McDonald, Smith-Jones
# A run of capitalised words, perhaps after a title, perhaps ending in a surname in capitals.
_RUN = re.compile(rf"(?:{_TITLE})?{_CAPITALISED}(?:[ \t]+(?:{_CAPITALISED}|[A-Z]{{2,}}(?:['’-][A-Z]+)*)\b)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*|[\"“(]\s*)$")


def unregistered_names(texts: Iterable[str], review: Review) -> list[str]:
    """Names in `texts` (a chronology entry's answers) that look like a person's and are not in the
    register, nor a word the author has said is not a name: for the wizard to offer to add.
    A guess: runs of capitalised words, less the common words of a chronology (Health Visitor,
    Monday) and single words that start a sentence."""
    known = register_names(registered(review), review.people.not_names)
    label_words = {w for label in labels(review) for w in words(label)}
    found: dict[str, None] = {}
    for text in texts:
        for run in _RUN.finditer(text):
            for candidate in _names_in_run(text, run):
                run_words = words(candidate)
                if any(known.label(run_words[i:]) for i in range(len(run_words))):
                    continue  # the register knows it, or the surname that ends it
                if all(w in label_words or w in known.not_names for w in run_words):
                    continue
                found.setdefault(candidate)
    return list(found)


def _names_in_run(text: str, run: re.Match[str]) -> Iterator[str]:
    """The runs of name-like words in a run of capitalised words, split at common words; a
    single word that starts a sentence is no evidence of a name, unless a title goes before it."""
    titled = run[0].split()[0].rstrip(".").casefold() in TITLES
    pieces: list[list[str]] = [[]]
    for word in run[0].split():
        word = re.sub(r"['’]s$", "", word)  # Dean's: Dean
        if key(word.rstrip(".")) in _NOT_NAMES and not (titled and not pieces[-1]):
            pieces.append([])
        else:
            pieces[-1].append(word)
    for n, piece in enumerate(pieces):
        words_only = [w for w in piece if w.rstrip(".").casefold() not in TITLES]
        if not words_only or all(w.isupper() for w in words_only):  # no words, or an abbreviation (GP)
            continue
        at_start = n == 0 and _SENTENCE_START.search(text, 0, run.start()) is not None
        if len(words_only) == 1 and at_start and not titled:
            continue
        yield " ".join(words_only)


def add_person(review: Review, name: str, label: str = "", role: str = "") -> Person:
    """Add a person to the register (the wizard's "add this name?")."""
    return add_record(review.people.entries, Person, name=name.strip(), label=label.strip(), role=role.strip())


def mark_not_a_name(review: Review, word: str) -> None:
    """Say a word that looks like a name is not one in this review: it is not offered again, and
    the anonymised copy leaves it alone where it stands by itself."""
    if word.strip() and key(word.strip()) not in {key(w) for w in review.people.not_names}:
        review.people.not_names.append(word.strip())
