"""An anonymised copy: every registered name becomes its label, however it is written, and a
copy in which any registered name survives is never final; survivors are named by place only."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imr_tui.core.anonymise import Anonymiser, anonymise, holds_a_name
from imr_tui.core.checks import readiness_findings
from imr_tui.core.exporting import export
from imr_tui.core.guidance.example import worked_example
from imr_tui.core.model import Person
from imr_tui.core.names import person, register_names
from imr_tui.core.people import mark_not_a_name

FAMILY = [
    person("Father", ["Dean Bradshaw", "Deane Bradshaw"]),
    person("Mother", ["Kylie Bradshaw"]),
    person("GP1", ["Dr Amy Smith-Jones"]),
    person("HV1", ["Siobhan O'Neill"]),
]


def anonymised(text: str, people=FAMILY, not_names=()) -> str:
    return Anonymiser(register_names(people, not_names))(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dean Bradshaw visited.", "Father visited."),
        ("DEAN BRADSHAW visited.", "Father visited."),
        ("dean bradshaw's car", "Father's car"),
        ("Deane said so", "Father said so"),
        ("Dean\nBradshaw said so", "Father said so"),
        ("Mrs Kylie Bradshaw and Mr Dean Bradshaw", "Mother and Father"),
        ("Dr Smith-Jones, then Amy", "GP1, then GP1"),
        ("Smith Jones", "GP1"),
        ("O’Neill, ONeill and o'neill's notes", "HV1, HV1 and HV1's notes"),
        ("Deanery Road", "Deanery Road"),  # a name only as a whole word
    ],
)
def test_each_way_of_writing_a_registered_name_becomes_its_label(text, expected):
    assert anonymised(text) == expected


def test_a_surname_several_people_share_becomes_all_their_labels_until_registered_alone():
    assert anonymised("Mr Bradshaw called") == "[Father or Mother] called"
    family = [*FAMILY, person("the family", ["Bradshaw"])]
    assert anonymised("the Bradshaw home; Mr Bradshaw called", family) == "the the family home; the family called"


def test_a_word_marked_not_a_name_is_left_where_it_stands_alone():
    people = [person("Child A", ["Hope Bradley"])]
    assert anonymised("We hope Hope Bradley is well", people) == "We Child A Child A is well"  # in any case
    assert anonymised("We hope Hope Bradley is well", people, ["Hope"]) == "We hope Child A is well"
    assert anonymised("Hope said", people, ["Hope"]) == "Hope said"
    assert anonymised("Hope said", people) == "Child A said"


# However a name is written, none survives -----------------------------------------------------

FILLER = ("the", "visit", "was", "seen", "at", "home", "with", "and", "said", "a", "nursery", "on", "monday")
_letters = st.text(alphabet="bcdfghjklmnprstvwz" + "aeiou", min_size=3, max_size=9)
_name_word = _letters.filter(lambda w: w not in FILLER and w.rstrip("s") not in FILLER and w not in ("person", "mr", "mrs", "ms", "miss", "mx", "dr", "master"))


@st.composite
def registers(draw: st.DrawFn) -> list[tuple[str, list[list[str]]]]:
    """People, each a label and spellings (lists of words); a surname may be double-barrelled."""
    count = draw(st.integers(1, 4))
    people = []
    for n in range(1, count + 1):
        first = draw(_name_word).capitalize()
        surname = [w.capitalize() for w in draw(st.lists(_name_word, min_size=1, max_size=2))]
        spellings = [[first, *surname]]
        if draw(st.booleans()):
            spellings.append([draw(_name_word).capitalize(), *surname])
        people.append((f"Person {n}", spellings))
    return people


def _cased(word: str, how: int) -> str:
    return (word, word.upper(), word.lower(), word.swapcase())[how]


@st.composite
def mentions(draw: st.DrawFn, people) -> str:
    """One way of writing someone's name: whole or in part, in any case, hyphenated, possessive
    or split across a line, perhaps after a title and inside punctuation."""
    _, spellings = draw(st.sampled_from(people))
    words = draw(st.sampled_from(spellings))
    start = draw(st.integers(0, len(words) - 1))
    end = draw(st.integers(start + 1, len(words)))
    words = [_cased(w, draw(st.integers(0, 3))) for w in words[start:end]]
    joins = st.sampled_from([" ", "-", "\n", "\r\n", " \n  ", "  "])
    text = words[0] + "".join(draw(joins) + w for w in words[1:])
    ending = draw(st.sampled_from(["", "'s", "’s", "s", "s'"]))
    title = draw(st.sampled_from(["", "Mr ", "Mrs ", "Dr. "]))
    before, after = draw(st.sampled_from([("", ""), ("(", ")"), ('"', '".'), ("", ","), ("", "\n")]))
    return f"{before}{title}{text}{ending}{after}"


@st.composite
def texts_naming(draw: st.DrawFn) -> tuple[list, str]:
    people = draw(registers())
    pieces = draw(st.lists(st.one_of(st.sampled_from(FILLER), mentions(people)), min_size=1, max_size=12))
    return people, " ".join(pieces)


def _survivors(text: str, people) -> set[str]:
    """Name words found in `text` by a search of its own: every run of letters, apostrophes set
    aside, in any case, with or without a final s."""
    parts = {w.casefold() for _, spellings in people for words in spellings for w in words}
    found = set()
    for word in re.findall(r"[^\W\d_]+", text.replace("'", "").replace("’", "").casefold()):
        if word in parts or (word.endswith("s") and word[:-1] in parts):
            found.add(word)
    return found


@settings(max_examples=300)
@given(texts_naming())
def test_no_registered_name_survives_however_it_is_cased_hyphenated_possessive_or_split(drawn):
    people, text = drawn
    registered = [person(label, [" ".join(words) for words in spellings]) for label, spellings in people]
    names = register_names(registered)
    out = Anonymiser(names)(text)
    assert not _survivors(out, people), (text, out)
    assert not holds_a_name(out, names)


# A whole review -------------------------------------------------------------------------------


def test_the_worked_example_anonymises_with_nothing_left_and_its_register_unprinted():
    review = worked_example()
    done = export(review, anonymised=True)
    assert done.problems == [] and done.shared == 0
    for entry in review.people.entries:
        for word in re.findall(r"[A-Za-z]{3,}", entry.name):
            assert word not in done.data
    assert "Carys Holloway" in review.interviews.records[0].interviewee  # the review itself is untouched
    assert "| Health Visitor 1 | The family's health visitor |" in done.data


def test_a_name_that_survives_is_named_by_place_and_the_copy_is_not_final():
    review = worked_example().model_copy(deep=True)
    review.people.entries[1].label = "Lily-Mae's brother"  # a label that puts a name back
    review.chronology.entries[0].what_happened += " Jayden was there."
    review.interviews.records[1].interviewee = "Gillian Marchant and Pat Unknown"
    done = export(review, anonymised=True)
    assert done.problems == [
        "Section 9 Chronology of contacts, chronology entry 1, what_happened: still holds a registered name",
        "Review details, children, item 2: holds a name that is not in People and labels",  # Sibling 1 has no label now
        "Appendix I Pro Forma Interview Record Sheet, interview record 2, interviewee: holds a name that is not in People and labels",
    ]
    register = [f.message for f in readiness_findings(review) if f.part == "people" and f.record]
    assert register == ["People and labels, person 2 has a label that holds a name in the register"]


def test_an_interviewee_and_the_author_must_be_in_the_register_for_a_final_copy():
    review = worked_example().model_copy(deep=True)
    review.people.entries = [p for p in review.people.entries if p.label not in ("IMR author", "Health Visitor 1")]
    done = anonymise(review)
    assert done.unregistered == [
        "Review details, author_name",
        "Appendix I Pro Forma Interview Record Sheet, interview record 1, interviewee",
    ]


def test_a_word_marked_not_a_name_in_the_review_is_left_alone_in_its_copy():
    review = worked_example().model_copy(deep=True)
    review.people.entries.append(Person(id=99, name="Summer Farrow", label="Cousin 1"))
    review.childs_journey.narrative += "\n\nIn the summer of 2010 the family moved."
    assert "Cousin 1 of 2010" in export(review, anonymised=True).data
    mark_not_a_name(review, "Summer")
    assert "summer of 2010" in export(review, anonymised=True).data
