"""The people register: each person the report names with their label, checked so that an
anonymised copy can be made, and offered a name the author types that it does not hold yet."""

import pytest

from imr_tui.core.checks import readiness_findings
from imr_tui.core.guidance.example import worked_example
from imr_tui.core.model import Person
from imr_tui.core.people import add_person, mark_not_a_name, unregistered_names


@pytest.fixture
def review():
    return worked_example().model_copy(deep=True)


def register_findings(review) -> list[str]:
    return [f.message for f in readiness_findings(review) if f.part == "people"]


def test_the_worked_examples_register_is_usable(review):
    assert register_findings(review) == []


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda people: setattr(people[3], "label", "mother"), "People and labels, person 4 has the same label as person 3"),
        (lambda people: setattr(people[4], "other_spellings", ["KERRY  farrow"]), "People and labels, person 5 has a name or spelling that person 3 has too"),
        (lambda people: setattr(people[5], "label", "Carys"), "People and labels, person 6 has a label that holds a name in the register"),
    ],
)
def test_a_register_that_could_not_anonymise_is_named_by_entry_never_by_name(review, change, said):
    change(review.people.entries)
    assert register_findings(review) == ["People and labels is marked completed but has 1 thing to fix", said]


def test_a_person_with_no_label_is_a_field_to_answer(review):
    review.people.entries[0].label = ""
    assert register_findings(review)[1] == "Person 1: 'Label in the published report' has no answer yet"


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("Mother and Dean Bradshaw were seen by Health Visitor 1 on Monday.", ["Dean Bradshaw"]),
        ("Mrs Patel rang. Kerry Farrow said Darren KITCHING was out.", ["Patel"]),  # the register has the others
        ("The GP, Dr. Amy Smith-Jones, wrote to Ms O'Neill.", ["Amy Smith-Jones", "O'Neill"]),
        ("Home visit. Child A and Sibling 1 were seen with Mother's partner.", []),
        ("Referred to Children's Social Care by the SCR panel.", []),
    ],
)
def test_names_typed_in_an_entry_that_the_register_lacks_are_offered(review, text, offered):
    assert unregistered_names([text], review) == offered


def test_a_name_added_or_marked_not_a_name_is_not_offered_again(review):
    text = "Dean Bradshaw and Mrs Patel visited, and Hope said hello."
    assert unregistered_names([text], review) == ["Dean Bradshaw", "Patel", "Hope"]
    person = add_person(review, " Dean Bradshaw ", "Father", "Child A's father")
    assert isinstance(person, Person) and (person.name, person.label) == ("Dean Bradshaw", "Father")
    mark_not_a_name(review, "Hope")
    mark_not_a_name(review, "hope")  # once is enough
    assert review.people.not_names[-1:] == ["Hope"] and unregistered_names([text], review) == ["Patel"]
