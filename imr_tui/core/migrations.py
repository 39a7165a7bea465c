"""Upgrades of a review read from a file an older imr-tui wrote: each takes the file's data, as
tomllib reads it, one schema version on (imr_tui.core.store.migrate runs them in turn)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable


def _independence_asked_once(data: dict) -> dict:
    """Schema 2 asks for the author's independence once, in review details: a statement given
    in the introduction as well joins it there as its last paragraph, unless the answer there
    already holds it word for word."""
    statement = data["introduction"].pop("independence_statement", "")
    details = data["review_details"]
    if statement.strip() and statement.strip() not in details.get("independence", ""):
        details["independence"] = "\n\n".join(filter(None, (details.get("independence", "").strip(), statement.strip())))
    return data


def _uncertain_dates_and_people(data: dict) -> dict:
    """Schema 3 holds a chronology entry's date as text that can say a month or a year, and
    whether it is approximate (2010-08-16~): the old date and its yes-or-no become one. An
    entry's source and the people register start empty, for the check to ask for."""
    for entry in data.get("chronology", {}).get("entries", []):
        approximate = entry.pop("date_approximate", False)
        if isinstance(entry.get("date"), dt.date):
            entry["date"] = entry["date"].isoformat() + ("~" if approximate is True else "")
    data.setdefault("people", {})
    return data


# MIGRATIONS[n] upgrades a review read from a schema-n file to schema n + 1.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _independence_asked_once, 2: _uncertain_dates_and_people}
