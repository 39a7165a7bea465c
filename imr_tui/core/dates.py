"""Dates and times as a UK author types and reads them: 14/03/2011, 09:30."""

from __future__ import annotations

import datetime as dt
import re

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
