"""Review files as they are found in the world: the sample review saved, and every kind of bad
file a face must refuse in one line, leaving it untouched (BAD_FILES), plus a hypothesis strategy
of files reshaped at random (reshaped_documents). Shared by the store's tests and the faces'."""

from __future__ import annotations

import datetime as dt

import tomli_w
from hypothesis import strategies as st

from imr_tui.core import model
from imr_tui.core.dates import BAD_STORED_DATE
from imr_tui.core.model import PART_CLASSES, RECORD_CLASSES, ChronologyEntry, Review, TermOfReference, blank_review
from imr_tui.core.store import dumps

SENTINEL = "Zephyrine Quockerwodger"  # stands for the child's name: must never reach a message


def a_review() -> Review:
    """A small review, with the sentinel (standing for the child's name) in its answers and records."""
    review = blank_review()
    details = review.review_details
    details.children = [SENTINEL]
    details.agency = "Northfield Community Health"
    details.author_name = "A. Author"
    details.period_start = dt.date(2010, 4, 1)
    details.terms_of_reference = [TermOfReference(id=1, text=f"Contact with {SENTINEL}")]
    review.chronology.entries = [
        ChronologyEntry(id=1, date=dt.date(2011, 3, 14), time=dt.time(9, 30), what_happened=f"Home visit to {SENTINEL}", terms=[1]),
        ChronologyEntry(id=2, date=dt.date(2011, 3, 20), what_happened="Telephone call", terms=[1]),
    ]
    review.analysis.wishes_and_feelings = f"{SENTINEL} said they felt unheard."
    return review


def _document(change=None) -> bytes:
    """The sample review as saved, with `change` applied to its TOML data first."""
    data = a_review().model_dump(exclude_none=True)
    if change:
        change(data)
    return tomli_w.dumps(data).encode("utf-8")


def _good_text() -> str:
    return dumps(a_review())


def _with_line(old: str, new: str) -> bytes:
    text = _good_text()
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def _line_of(text: bytes, fragment: bytes) -> int:
    return text[: text.index(fragment)].count(b"\n") + 1


def _set(*path_and_value):
    *path, value = path_and_value

    def change(data):
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


def _delete(*keys):
    def change(data):
        for key in keys:
            del data[key]

    return change


def _two_entries_with_the_id_1(data):
    data["chronology"]["entries"][1]["id"] = 1


def _three_mistakes(data):
    data["review_details"]["agency"] = 3
    data["review_details"]["author_name"] = 4
    data["introduction"]["text"] = 5


UNQUOTED = _with_line('agency = "Northfield Community Health"', f"agency = {SENTINEL}")
NOT_UTF8 = _good_text().encode("utf-8").replace(b"Northfield", b"North\xfffield")
BAD_BYTE = NOT_UTF8.index(b"\xff")
# A document this deep once crashed tomllib with RecursionError.
TOO_DEEP = _good_text().replace('agency = "Northfield Community Health"', "agency = " + "[" * 5000).encode("utf-8")

# Written by hand in TOML 1.1, which the standard library (TOML 1.0), taplo and editors refuse.
TOML_1_1 = {
    "an inline table across lines": f'agency = {{ name = "{SENTINEL}",\n  team = "HV" }}',
    "an escape only TOML 1.1 knows": f'agency = "{SENTINEL}\\e"',
    "a time without seconds": "time = 10:30",
}

BAD_FILES = [
    # (what is wrong, the file's bytes (None: no file), what the message must say)
    ("does not exist", None, "does not exist"),
    ("is empty", b"", "is empty"),
    ("is only blank lines", b"\n  \n", "is empty"),
    ("is not UTF-8", NOT_UTF8, f"is not UTF-8 text (bad byte at offset {BAD_BYTE})"),
    ("has an unquoted answer", UNQUOTED, f"is not valid TOML at line {_line_of(UNQUOTED, b'agency =')}, column 10 (invalid value)"),
    ("names an answer twice", _with_line('agency = "', f'"{SENTINEL}" = 1\n"{SENTINEL}" = 2\nagency = "'), "is not valid TOML at"),
    (
        "declares a table twice",  # tomllib's own message would quote the table's name
        (_good_text() + f'[glossary."{SENTINEL}"]\n[glossary."{SENTINEL}"]\n').encode("utf-8"),
        "is not valid TOML at line",
    ),
    ("has a control character in an answer", _with_line('agency = "', 'agency = "\x01'), "is not valid TOML at line"),
    ("is nested thousands deep", TOO_DEEP, "is not valid TOML (a number or nesting too large)"),
    ("has a 5,000-digit number", _with_line(f"schema_version = {model.SCHEMA_VERSION}", "schema_version = " + "9" * 5000), "is not valid TOML (a number"),
    *(
        (f"uses {what}", _with_line('agency = "Northfield Community Health"', line), "is not valid TOML at line")
        for what, line in TOML_1_1.items()
    ),
    ("has no schema_version", _document(_delete("schema_version")), "has no schema_version"),
    ("has a schema_version in words", _document(_set("schema_version", SENTINEL)), "schema_version must be a whole number"),
    ("has a schema_version that is true", _document(_set("schema_version", True)), "schema_version must be a whole number"),
    (
        "was written by a newer imr-tui",
        _document(_set("schema_version", model.SCHEMA_VERSION + 2)),
        f"was written by a newer imr-tui (schema {model.SCHEMA_VERSION + 2}; this one reads up to {model.SCHEMA_VERSION})",
    ),
    ("has a schema before the first", _document(_set("schema_version", 0)), "was written with schema 0, which this version"),
    ("has lost two parts", _document(_delete("glossary", "lessons")), "has no [lessons] table"),
    ("has a part that is not a table", _document(_set("analysis", SENTINEL)), "Section 11 Analysis: should be a table"),
    (
        "has an unknown field",
        _document(_set("chronology", "entries", 0, "colour", SENTINEL)),
        "Section 9 Chronology of contacts, chronology entry 1: has a field imr-tui does not know",
    ),
    (
        "has answer text where a field name goes",
        _document(_set("review_details", SENTINEL, 1)),
        "Review details: has a field imr-tui does not know",
    ),
    (
        "has a date that is not a date",
        _document(_set("chronology", "entries", 0, "date", SENTINEL)),
        f"Section 9 Chronology of contacts, chronology entry 1, date: {BAD_STORED_DATE}",
    ),
    (
        "has a number where an answer goes",
        _document(_set("review_details", "agency", 3)),
        "Review details, agency: should be text",
    ),
    (
        "has a choice not on the list",
        _document(_set("chronology", "entries", 0, "contact_kind", SENTINEL)),
        "Section 9 Chronology of contacts, chronology entry 1, contact_kind: should be one of 'home visit', 'appointment',",
    ),
    ("has two records with the same id", _document(_two_entries_with_the_id_1), "Section 9 Chronology of contacts, entries: two records have the same id (1)"),
    ("has several mistakes", _document(_three_mistakes), "Review details, agency: should be text (and 2 more)"),
]


# Keys a review file really uses, so a reshaped file gets past the first checks into validation.
_KEYS = st.sampled_from(
    sorted({name for cls in (Review, *RECORD_CLASSES.values(), *PART_CLASSES.values()) for name in cls.model_fields})
    + [SENTINEL]
)
_TOML_VALUES = st.recursive(
    st.one_of(st.just(SENTINEL), st.booleans(), st.integers(), st.text(max_size=5), st.dates(), st.times(), st.floats()),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def reshaped_documents(draw: st.DrawFn) -> str:
    """The sample review as saved, with a few keys somewhere in it removed or set to any value."""
    data = a_review().model_dump(exclude_none=True)
    for _ in range(draw(st.integers(1, 3))):
        table = data
        while draw(st.booleans()):  # go down into a part, a record, ...
            inner = [value for value in table.values() if isinstance(value, dict)]
            inner += [record for value in table.values() if isinstance(value, list) for record in value if isinstance(record, dict)]
            if not inner:
                break
            table = draw(st.sampled_from(inner))
        key = draw(_KEYS)
        if key in table and draw(st.booleans()):
            del table[key]
        else:
            table[key] = draw(_TOML_VALUES)
    return tomli_w.dumps(data)


