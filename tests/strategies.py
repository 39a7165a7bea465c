"""Hypothesis strategies for whole reviews, built from the review's pydantic models themselves.

`reviews()` walks Review's fields and their annotations, so a question added to the template
later is filled in automatically (and an annotation this file does not know fails loudly).
"""

from __future__ import annotations

import datetime as dt
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from hypothesis import strategies as st
from pydantic import BaseModel as Model

from imr_tui.core.dates import UncertainDate
from imr_tui.core.model import MAX_TEXT, SCHEMA_VERSION, Review

# Text that has broken TOML writers, terminals and Markdown before.
NASTY_TEXT = (
    "\r\n",
    "\r",
    "\t",
    '"""',
    "'''",
    "\\",
    "\\n",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\u2028",
    "\ufeff",
    "👩‍👧‍👦",
    "\u05e9\u05dc\u05d5\u05dd \u202e",
    'x = "y"\n[[chronology.entries]]',
)
LONG_ANSWER = ("An author's long answer,\twith a tab and a line break.\r\n" * 2000)[:100_000]

ID_POOL = 8  # small, so links usually name a real record (and sometimes a removed one, as in life)
MAX_RECORDS = 3  # per list: enough for order and links, small enough for a quick run


def answers() -> st.SearchStrategy[str]:
    """Any text an author could type or paste: st.text() (never surrogates) mixed with NASTY_TEXT."""
    return st.lists(st.one_of(st.text(), st.sampled_from(NASTY_TEXT)), max_size=3).map("".join)


def models(cls: type[Model], **overrides: st.SearchStrategy) -> st.SearchStrategy[Model]:
    """Any valid `cls`, each field drawn from its annotation unless given in `overrides`."""
    fields = {
        name: overrides[name] if name in overrides else _values(field.annotation, field.metadata)
        for name, field in cls.model_fields.items()
    }
    return st.builds(cls, **fields)


def uncertain_dates() -> st.SearchStrategy[UncertainDate]:
    """A day, a month or a year, approximate or not."""
    return st.builds(
        lambda day, precision, approximate: UncertainDate(
            day.year, day.month if precision > 0 else None, day.day if precision > 1 else None, approximate
        ),
        st.dates(min_value=dt.date(1000, 1, 1)),
        st.integers(0, 2),
        st.booleans(),
    )


def reviews() -> st.SearchStrategy[Review]:
    """A whole review: every answer any text, dates and times, a few records in every list."""
    return _reviews()


@st.composite
def _reviews(draw: st.DrawFn) -> Review:
    review = draw(_WHOLE_REVIEW)
    # Now and then one answer is very long; a failing example shrinks towards 0, so away from it.
    if draw(st.integers(0, 9)) == 9:
        owner, name = draw(st.sampled_from(_text_fields(review)))
        setattr(owner, name, LONG_ANSWER)
    return review


def _values(annotation: Any, metadata: list[Any]) -> st.SearchStrategy:
    if get_origin(annotation) is Annotated:  # a link's id, a time of day, a line of a list
        inner, *more = get_args(annotation)
        return _values(inner, [*metadata, *(m for each in more for m in getattr(each, "metadata", [each]))])
    if annotation is str:
        longest = min((m.max_length for m in metadata if hasattr(m, "max_length")), default=None)
        return answers() if longest is None else answers().map(lambda text: text[:longest])
    if annotation is bool:
        return st.booleans()
    if annotation is int:  # a record id, the term of reference analysed, or a link
        low = max([getattr(m, "ge", 1) for m in metadata], default=1)
        return st.integers(low, ID_POOL)
    if annotation is dt.date:
        return st.dates()
    if annotation is dt.time:
        return st.times()
    if annotation is UncertainDate:
        return uncertain_dates()
    if annotation is type(None):
        return st.none()
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return models(annotation)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        return st.sampled_from(args)
    if origin in (types.UnionType, Union):
        return st.one_of(*(_values(arg, metadata) for arg in args))
    if origin is list:
        return _lists(args[0])
    raise TypeError(f"tests/strategies.py has no strategy for {annotation!r}: add one")


def _lists(item: Any) -> st.SearchStrategy[list]:
    if isinstance(item, type) and issubclass(item, Model):
        # A record's int field (its id, or the term an analysis is for) is unique in its list:
        # the model refuses two records with the same one.
        keys = [name for name, field in item.model_fields.items() if field.annotation is int and field.metadata]
        if keys:
            return _keyed_records(models(item), keys)
        return st.lists(models(item), max_size=MAX_RECORDS)
    is_link = get_origin(item) is Annotated and get_args(item)[0] is int
    return st.lists(_values(item, []), max_size=MAX_RECORDS, unique=is_link)  # a link names a record once


@st.composite
def _keyed_records(draw: st.DrawFn, records: st.SearchStrategy[Model], keys: list[str]) -> list[Model]:
    # Drawing the keys apart is far quicker than drawing whole records until their keys differ.
    drawn = draw(st.lists(records, max_size=MAX_RECORDS))
    key_values = [
        draw(st.lists(st.integers(1, ID_POOL), min_size=len(drawn), max_size=len(drawn), unique=True))
        for _ in keys
    ]
    return [
        record.model_copy(update={key: values[n] for key, values in zip(keys, key_values)})
        for n, record in enumerate(drawn)
    ]


def _text_fields(model: Model) -> list[tuple[Model, str]]:
    """Every (model, field name) in the review that holds a long answer."""
    found = []
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if field.annotation is str and any(getattr(m, "max_length", 0) == MAX_TEXT for m in field.metadata):
            found.append((model, name))  # a long answer (not a choice, which holds a str too)
        elif isinstance(value, Model):
            found += _text_fields(value)
        elif isinstance(value, list):
            found += [pair for item in value if isinstance(item, Model) for pair in _text_fields(item)]
    return found


# Built once: building the strategy tree on every draw is what makes generation slow.
_WHOLE_REVIEW = models(Review, schema_version=st.just(SCHEMA_VERSION))
