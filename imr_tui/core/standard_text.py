"""The board's standard wording in a review: a new review starts from it, placeholders and all."""

from __future__ import annotations

from imr_tui.core.model import Review, blank_review
from imr_tui.core.guidance import template


def new_review() -> Review:
    """A blank review whose introduction is the board's example, with its placeholders."""
    review = blank_review()
    review.introduction.text = "\n\n".join(template().standard_text.introduction)
    return review


def _and_list(names: list[str]) -> str:
    """'Child A', 'Child A and Sibling 1', 'Child A, Sibling 1 and Sibling 2'."""
    return " and ".join(filter(None, (", ".join(names[:-1]), names[-1]))) if names else ""


def children_named(review: Review) -> str:
    """The children the review is about, as the report names them: 'Child A and Sibling 1'."""
    return _and_list([c.strip() for c in review.review_details.children if c.strip()])


def placeholder_values(review: Review) -> dict[str, str]:
    """What each of the seed's placeholders should read, from the review details ('' if unknown)."""
    details = review.review_details
    answers = {
        "author_name": details.author_name.strip(),
        "agency": details.agency.strip(),
        "children": children_named(review),
    }
    return {p.text: answers[p.fill] for p in template().standard_text.placeholders}


def fill_placeholders(text: str, review: Review) -> str:
    """`text` with every placeholder whose answer is known replaced by that answer."""
    for placeholder, value in placeholder_values(review).items():
        if value:
            text = text.replace(placeholder, value)
    return text


def placeholders_explained(text: str, review: Review) -> str:
    """What the report prints for each of the board's placeholders in `text` ('' if none): the
    editor shows the placeholder, the report the review detail it stands for."""
    details = template().part("review-details")
    values = placeholder_values(review)
    said = [
        f"{p.text} becomes {values[p.text]}" if values[p.text]
        else f"{p.text} stays until you answer '{details.question(p.fill).prompt}' in {details.heading}"
        for p in template().standard_text.placeholders if p.text in text
    ]
    return f"In the report: {'; '.join(said)}." if said else ""


def placeholders_left(text: str) -> list[str]:
    """The seed's placeholders still standing in `text`."""
    return [p.text for p in template().standard_text.placeholders if p.text in text]
