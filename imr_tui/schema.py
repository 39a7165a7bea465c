"""Classes whose fields are checked against their annotations, on the way in.

This is the little of pydantic the review used, written out: importing pydantic and building the
review's models took about 0.12 s of every start, a third of a bare Textual app's whole start.
The method names are pydantic's (`model_validate`, `model_dump`, `model_fields`, `model_copy`),
so the code that used it reads the same.

A class lists its fields as annotations with defaults, as a dataclass does. A value is checked
when a record is made, read from a file or assigned; a wrong one raises `Invalid`, which says
where and what is wrong and never quotes the value (case data). A record's repr shows no values,
for the same reason: tracebacks and test reports print reprs.
"""

from __future__ import annotations

import copy
import datetime as dt
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Union

Where = tuple[str | int, ...]  # a path of field names and list positions: ("chronology", "entries", 3, "date")
Problems = list[tuple[Where, str]]
# A check returns the value to keep, after noting in `problems` anything wrong with it.
Check = Callable[[Any, Where, Problems], Any]


class Invalid(ValueError):
    """Every problem found, each as (where, what is wrong)."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems)} invalid value(s)")  # never the values themselves
        self.problems = problems


_REQUIRED = object()


@dataclass(frozen=True)
class Bounds:
    """A whole number's range: ge <= value < lt."""

    ge: int
    lt: int


@dataclass(frozen=True)
class FieldSpec:
    """A field: its type, its default (or how to make one), a whole number's range, its check."""

    annotation: Any
    default: Any = _REQUIRED
    default_factory: Callable[[], Any] | None = None
    metadata: tuple[Bounds, ...] = ()
    check: Check | None = None


def Field(*, default_factory: Callable[[], Any] | None = None, ge: int | None = None, lt: int | None = None) -> Any:
    """A field's default made afresh for each record, or a whole number's range (then required)."""
    bounds = (Bounds(ge, lt),) if ge is not None and lt is not None else ()
    return FieldSpec(annotation=None, default_factory=default_factory, metadata=bounds)


def _simple(test: Callable[[Any], bool], what: str) -> Check:
    def check(value: Any, where: Where, problems: Problems) -> Any:
        if not test(value):
            problems.append((where, what))
        return value

    return check


# TOML writes dates and times bare; an author editing the file by hand may have quoted one.
_SIMPLE: dict[Any, Check] = {
    str: _simple(lambda v: isinstance(v, str), "should be text"),
    bool: _simple(lambda v: v is True or v is False, "should be true or false"),
    int: _simple(lambda v: type(v) is int, "should be a whole number"),
    dt.date: _simple(lambda v: type(v) is dt.date, "should be a date, like 2010-04-09 (no quotes)"),
    dt.time: _simple(
        lambda v: type(v) is dt.time and v.tzinfo is None, "should be a time of day, like 14:30:00 (no quotes, no zone)"
    ),
}


def _check_for(annotation: Any, bounds: tuple[Bounds, ...]) -> Check:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (types.UnionType, Union) and len(args) == 2 and type(None) in args:
        inner = _check_for(next(a for a in args if a is not type(None)), bounds)
        return lambda value, where, problems: None if value is None else inner(value, where, problems)
    if origin is Literal:
        choices = ", ".join(f"'{a}'" for a in args)
        return _simple(lambda v: isinstance(v, str) and v in args, f"should be one of {choices}")
    if origin is list:
        item = _check_for(args[0], ())

        def check_list(value: Any, where: Where, problems: Problems) -> Any:
            if not isinstance(value, list):
                problems.append((where, "should be a list"))
                return value
            return [item(each, (*where, n), problems) for n, each in enumerate(value)]

        return check_list
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return annotation._checked
    if annotation is int and bounds:
        low, high = bounds[0].ge, bounds[0].lt
        return _simple(lambda v: type(v) is int and low <= v < high, f"should be a whole number from {low} to {high - 1}")
    if annotation in _SIMPLE:
        return _SIMPLE[annotation]
    raise TypeError(f"imr_tui.schema has no check for {annotation!r}")


class Model:
    """A record of checked fields. Subclasses may define `_rules`, checks across fields."""

    model_fields: ClassVar[dict[str, FieldSpec]] = {}
    _containers: ClassVar[tuple[tuple[str, str], ...]] = ()  # fields a copy must not share

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        hints = typing.get_type_hints(cls)  # resolved now: every annotation names what is defined above it
        fields = dict(cls.model_fields)
        for name in cls.__dict__.get("__annotations__", {}):
            annotation = hints[name]
            declared = cls.__dict__.get(name, _REQUIRED)
            if isinstance(declared, FieldSpec):  # made by Field()
                delattr(cls, name)
                default, factory, metadata = declared.default, declared.default_factory, declared.metadata
            else:
                default, factory, metadata = declared, None, ()
            fields[name] = FieldSpec(annotation, default, factory, metadata, _check_for(annotation, metadata))
        cls.model_fields = fields
        cls._containers = tuple((name, kind) for name, spec in fields.items() if (kind := _container(spec.annotation)))

    def __init__(self, **values: Any) -> None:
        problems: Problems = []
        self._fill(values, (), problems)
        if problems:
            raise Invalid(problems)

    def _rules(self) -> None:
        """Raise ValueError if the fields, each valid, do not hold together."""

    def _fill(self, values: dict, where: Where, problems: Problems) -> None:
        found = len(problems)
        fields = self.model_fields
        own = self.__dict__
        for name in values:
            if name not in fields:
                problems.append(((*where, name), "is not a field imr-tui knows"))
        for name, spec in fields.items():
            if name in values:
                own[name] = spec.check(values[name], (*where, name), problems)
            elif spec.default_factory is not None:
                own[name] = spec.default_factory()
            elif spec.default is _REQUIRED:
                problems.append(((*where, name), "is missing"))
            else:
                own[name] = spec.default
        if len(problems) == found:
            try:
                self._rules()
            except ValueError as broken:
                problems.append((where, str(broken)))

    @classmethod
    def _checked(cls, value: Any, where: Where, problems: Problems) -> Any:
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            problems.append((where, "should be a table"))
            return value
        record = cls.__new__(cls)
        record._fill(value, where, problems)
        return record

    @classmethod
    def model_validate(cls, data: Any) -> typing.Self:
        problems: Problems = []
        record = cls._checked(data, (), problems)
        if problems:
            raise Invalid(problems)
        return record

    def __setattr__(self, name: str, value: Any) -> None:
        spec = self.model_fields.get(name)
        if spec is None:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}")
        problems: Problems = []
        value = spec.check(value, (name,), problems)
        if problems:
            raise Invalid(problems)
        before = self.__dict__[name]
        self.__dict__[name] = value
        try:
            self._rules()
        except ValueError as broken:
            self.__dict__[name] = before
            raise Invalid([((), str(broken))]) from None

    def model_dump(self, *, exclude_none: bool = False, exclude: frozenset[str] | set[str] = frozenset()) -> dict:
        """Plain data (dicts, lists, text, numbers, dates), sharing nothing mutable with the record.
        Quick (5 ms for a 2,000-entry review): the wizard takes one between two keystrokes to save."""
        if exclude_none or exclude:
            data = {n: v for n, v in self.__dict__.items() if n not in exclude and not (exclude_none and v is None)}
        else:
            data = dict(self.__dict__)  # text, numbers and dates never change, so they can be shared
        for name, kind in self._containers:
            if name in data:
                value = data[name]
                if kind == "values":
                    data[name] = list(value)
                elif kind == "record":
                    data[name] = value.model_dump(exclude_none=exclude_none)
                else:
                    data[name] = [each.model_dump(exclude_none=exclude_none) for each in value]
        return data

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> typing.Self:
        """A copy, with `update`'s values as given (unchecked, as pydantic's)."""
        new = copy.deepcopy(self) if deep else copy.copy(self)
        new.__dict__.update(update or {})
        return new

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    __hash__ = None  # type: ignore[assignment]  # records change

    def __repr__(self) -> str:
        return f"{type(self).__name__}(values not shown)"


def _container(annotation: Any) -> str | None:
    """What a field holds that a copy must not share: "values" (a list of them), "record",
    "records" (a list of them), or None."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (types.UnionType, Union):
        return next(filter(None, map(_container, args)), None)
    if origin is list:
        return "records" if isinstance(args[0], type) and issubclass(args[0], Model) else "values"
    return "record" if isinstance(annotation, type) and issubclass(annotation, Model) else None
