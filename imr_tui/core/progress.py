"""How far the author has got with each part: not started, in progress, completed."""

from __future__ import annotations

from imr_tui.core.model import Review
from imr_tui.core.standard_text import new_review

NOT_STARTED, IN_PROGRESS, COMPLETED = "Not started", "In progress", "Completed"


def part_status(review: Review, part_id: str) -> str:
    """Completed is the author's own mark; a part differs from a new review's once it is begun."""
    part = review.part(part_id)
    if part.completed:
        return COMPLETED
    untouched = new_review().part(part_id)
    return NOT_STARTED if part == untouched else IN_PROGRESS
