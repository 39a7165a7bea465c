"""Small pieces of the report's and the messages' English."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str = "") -> str:
    """'1 entry', '2 entries', '0 things': the count and the word that goes with it."""
    if count == 1:
        return f"{count} {singular}"
    if not plural_form:
        consonant_y = singular.endswith("y") and singular[-2:-1] not in tuple("aeiou")
        plural_form = singular[:-1] + "ies" if consonant_y else singular + "s"
    return f"{count} {plural_form}"
