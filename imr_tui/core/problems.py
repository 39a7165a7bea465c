"""What is wrong with a review file, in the reviewer's words: where (the part, the record by its
number, the field) and what, never the value found there, which may be case data.

pydantic finds every problem in one pass; this turns each of its errors into one line from its
location and type alone (its own messages are never shown, nor the input it carries).
"""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from imr_tui.core.guidance import template
from imr_tui.core.model import Review

_REASONS = {
    "missing": "is missing",
    "string_type": "should be text",
    "bool_type": "should be true or false",
    "int_type": "should be a whole number",
    "date_type": "should be a date, like 2010-04-09 (no quotes)",
    "time_type": "should be a time of day, like 14:30:00 (no quotes)",
    "list_type": "should be a list",
    "model_type": "should be a table",
    "model_attributes_type": "should be a table",
    "dict_type": "should be a table",
}


def _reason(error: dict[str, Any]) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    if kind in _REASONS:
        return _REASONS[kind]
    if kind == "literal_error":  # the choices are the template's words, not the author's
        return f"should be one of {ctx['expected']}"
    if kind == "greater_than_equal":
        return f"should be {ctx['ge']} or more"
    if kind in ("less_than", "less_than_equal"):
        limit = ctx["lt"] - 1 if kind == "less_than" else ctx["le"]
        return f"should be {limit} or less"
    if kind == "string_too_long":
        return f"is longer than the {ctx['max_length']:,} characters imr-tui takes"
    if kind == "too_long":
        return f"holds more than the {ctx['max_length']:,} items imr-tui takes"
    if kind == "value_error":  # our own checks, whose words name no value
        return str(ctx["error"])
    return "holds a value imr-tui cannot use here"


def _unknown_field(loc: tuple[int | str, ...], model: Any) -> str:
    """An unknown key is never named (it may be an author's words that a broken quote made a
    key); a field it may be a misspelling of is."""
    for step in loc[:-1]:  # down to the table that holds it, through lists and optional values
        if isinstance(step, str):
            model = model.model_fields[step].annotation
        while not (isinstance(model, type) and issubclass(model, BaseModel)) and typing.get_args(model):
            model = next(a for a in typing.get_args(model) if a is not type(None))
    near = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1, cutoff=0.75)
    return "has a field imr-tui does not know" + (f" (is it a misspelt {near[0]}?)" if near else "")


def place(loc: tuple[int | str, ...], whole_review: bool = True) -> str:
    """('chronology', 'entries', 3, 'date') -> 'Section 9 Chronology of contacts, chronology
    entry 4, date': the part's heading, a record by the number the report gives it, the field."""
    parts = {part.answers: part for part in template().parts} if whole_review else {}
    said: list[str] = []
    part = None
    question = None
    for step in loc:
        if isinstance(step, int):
            if question is not None and question.kind == "records":
                said[-1] = f"{template().records[question.record].title.lower()} {step + 1}"
            else:
                said.append(f"item {step + 1}")
            question = None
        elif not said and step in parts:
            part = parts[step]
            said.append(part.heading)
        else:
            said.append(step)
            known = part is not None and len(said) == 2
            question = next((q for q in part.questions if q.id == step), None) if known else None
    return ", ".join(said)


def problems(error: ValidationError, model: type[BaseModel] = Review, most: int | None = None) -> list[str]:
    """The problems pydantic found in a `model` (a whole review unless said), the first `most`
    of them (all when None), one line each: 'place: what is wrong'."""
    lines = []
    for each in error.errors(include_url=False, include_input=False)[:most]:
        loc, reason = each["loc"], _reason(each)
        if each["type"] == "missing" and len(loc) == 1:
            lines.append(f"has no [{loc[0]}] table")
            continue
        if each["type"] == "extra_forbidden":
            loc, reason = loc[:-1], _unknown_field(loc, model)
        where = place(loc, whole_review=model is Review)
        lines.append(f"{where}: {reason}" if where else reason)
    return lines
