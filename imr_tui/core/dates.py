"""Dates and times as a UK author types and reads them: 14/03/2011, 09:30, and a chronology's
uncertain dates: March 2011, c. 2010."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_DATE = re.compile(r"\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*")
_TIME = re.compile(r"\s*(\d{1,2})[:.](\d{2})\s*")


class BadDate(ValueError):
    """What is wrong with a typed date or time, in words fit to show beside the field."""


def parse_date(typed: str) -> dt.date | None:
    """'14/03/2011' -> date(2011, 3, 14); '' -> None. Raises BadDate with a reason."""
    if not typed.strip():
        return None
    m = _DATE.fullmatch(typed)
    if not m:
        raise BadDate("Enter the date as day/month/year, e.g. 14/03/2011")
    day, month, year = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        raise BadDate("The month must be from 1 to 12")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise BadDate("That day does not exist in that month") from None


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def parse_time(typed: str) -> dt.time | None:
    """'9:30' -> time(9, 30); '' -> None. Raises BadDate with a reason."""
    if not typed.strip():
        return None
    m = _TIME.fullmatch(typed)
    if not m:
        raise BadDate("Enter the time as hours:minutes, e.g. 09:30")
    hour, minute = (int(g) for g in m.groups())
    if hour > 23 or minute > 59:
        raise BadDate("The time must be from 00:00 to 23:59")
    return dt.time(hour, minute)


def format_time(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


# Uncertain dates ------------------------------------------------------------------------------
# A chronology records a contact on the day it happened when the record says so; often it says
# only the month or the year, or a date that is itself a guess. Stored as the shortest ISO 8601
# date that says what is known (2011-03-14, 2011-03, 2011), with ~ after it when approximate, as
# ISO 8601-2 (EDTF) writes it; shown as an author writes it (14/03/2011, March 2011, c. 2010).

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_MONTH_NUMBERS = {name.casefold()[:length]: n for n, name in enumerate(MONTHS, 1) for length in (3, len(name))}
_MONTH_NUMBERS["sept"] = 9
STORED_FORM = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?~?$"
_STORED = re.compile(STORED_FORM)
_APPROXIMATE = re.compile(r"(?:circa|approximately|approx\.?|about|around|ca\.|c\.|ca\b|c\b|~)\s*", re.IGNORECASE)
_UNKNOWN = r"(?:\?{1,2}|[xX]{1,2})"
_SEP = r"\s*[/.-]\s*"
_NUMBERS = re.compile(rf"(?:(\d{{1,2}}|{_UNKNOWN}){_SEP})?(\d{{1,2}}|{_UNKNOWN}){_SEP}(\d{{4}})")
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_WORDS = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?,?\s+(\d{4})", re.IGNORECASE)
UNCERTAIN_DATE_HELP = (
    "Enter the date as day/month/year (14/03/2011), or as much as is known: 03/2011, March 2011, 2011, c. 2010"
)
BAD_STORED_DATE = (
    'should be a date as text: "2011-03-14", or "2011-03" or "2011" when only the month or year is known, '
    "with ~ after it if approximate"
)


@dataclass(frozen=True, eq=False)
class UncertainDate:
    """A date as far as it is known: a day, a month or a year, perhaps approximate. One known to
    the day, and not approximate, is that day: it equals the datetime.date."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise BadDate("A day needs its month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise BadDate("The month must be from 1 to 12")
        if not 1 <= self.year <= 9999:
            raise BadDate("The year must be from 1 to 9999")
        try:
            dt.date(self.year, self.month or 1, self.day or 1)
        except ValueError:
            raise BadDate("That day does not exist in that month") from None

    @classmethod
    def of(cls, day: dt.date, approximate: bool = False) -> UncertainDate:
        return cls(day.year, day.month, day.day, approximate)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        if self.day:
            return self.earliest
        if self.month:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def sort_key(self) -> tuple[dt.date, int]:
        """From its first day; a month before the days in it, a year before its months."""
        return self.earliest, (self.day is not None) + (self.month is not None)

    @property
    def stored(self) -> str:
        """As the review file holds it: 2011-03-14, 2011-03, 2011, with ~ if approximate."""
        text = f"{self.year:04d}" + (f"-{self.month:02d}" if self.month else "") + (f"-{self.day:02d}" if self.day else "")
        return text + ("~" if self.approximate else "")

    @property
    def written(self) -> str:
        """As an author writes it: 14/03/2011, March 2011, 2011, each after 'c. ' if approximate."""
        if self.day:
            text = f"{self.day:02d}/{self.month:02d}/{self.year:04d}"
        elif self.month:
            text = f"{MONTHS[self.month - 1]} {self.year:04d}"
        else:
            text = f"{self.year:04d}"
        return ("c. " if self.approximate else "") + text

    def __repr__(self) -> str:  # a date of contact with a child is case data: not in tracebacks
        return "UncertainDate(value not shown)"

    def _known(self) -> tuple:
        return self.year, self.month, self.day, self.approximate

    def __eq__(self, other: object) -> bool:
        if isinstance(other, UncertainDate):
            return self._known() == other._known()
        if type(other) is dt.date:
            return self.day is not None and not self.approximate and self.earliest == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.earliest) if self.day is not None and not self.approximate else hash(self._known())

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            _validated, serialization=core_schema.plain_serializer_function_ser_schema(lambda value: value.stored)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", "pattern": STORED_FORM}


def _validated(value: object) -> UncertainDate:
    """An UncertainDate from a review file's text (or a date, or one already made)."""
    if isinstance(value, UncertainDate):
        return value
    if type(value) is dt.date:  # an exact date, as files before schema 3 held it
        return UncertainDate.of(value)
    found = _stored(value) if isinstance(value, str) else None
    if found is None:
        raise ValueError(BAD_STORED_DATE)
    return found


@lru_cache(maxsize=1 << 14)  # a chronology holds a date many times: read each once
def _stored(text: str) -> UncertainDate | None:
    if not _STORED.fullmatch(text):
        return None
    year, month, day = (int(part) if part else None for part in (text[:4], text[5:7], text[8:10]))
    try:
        return UncertainDate(year, month, day, text.endswith("~"))
    except BadDate:
        return None


def parse_uncertain_date(typed: str) -> UncertainDate | None:
    """'14/03/2011', '?/03/2011', '03/2011', 'March 2011', '2011', 'c. 2010', '2011-03~' ->
    an UncertainDate; '' -> None. Raises BadDate with a reason."""
    text = typed.strip()
    if not text:
        return None
    approximate = False
    if about := _APPROXIMATE.match(text):
        approximate, text = True, text[about.end():]
    if text.endswith("~"):
        approximate, text = True, text[:-1].rstrip()
    found = _read_date(text)
    if found is None:
        raise BadDate(UNCERTAIN_DATE_HELP)
    year, month, day = found
    return UncertainDate(year, month, day, approximate)


def _number(part: str | None) -> int | None:
    return int(part) if part and part.isdigit() else None


def _read_date(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) from the forms an author writes; None for what is none of them."""
    if m := _NUMBERS.fullmatch(text):
        day, month, year = _number(m[1]), _number(m[2]), int(m[3])
        if month is None and day is not None:
            return None  # a day without its month: 14/?/2011
        return year, month, day
    if m := _ISO.fullmatch(text):
        return int(m[1]), _number(m[2]), _number(m[3])
    if (m := _WORDS.fullmatch(text)) and m[2].casefold() in _MONTH_NUMBERS:
        return int(m[3]), _MONTH_NUMBERS[m[2].casefold()], _number(m[1])
    return None


def format_uncertain_date(value: UncertainDate | None) -> str:
    return value.written if value else ""


# Each kind of answer typed as text: how it is read, how it is shown, and what the empty field says.
TYPED_KINDS: dict[str, tuple[Callable[[str], Any], Callable[[Any], str], str]] = {
    "date": (parse_date, format_date, "dd/mm/yyyy"),
    "time": (parse_time, format_time, "hh:mm"),
    "uncertain-date": (parse_uncertain_date, format_uncertain_date, "dd/mm/yyyy, 03/2011, c. 2010"),
}
