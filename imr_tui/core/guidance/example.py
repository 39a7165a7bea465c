"""The worked example: a complete fictional review that ships with imr-tui, shown beside each
question so that a first-time author sees what a good answer looks like."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from imr_tui.core.answers import shown
from imr_tui.core.guidance import PartTemplate, template
from imr_tui.core.model import Review
from imr_tui.core.walk import Step

WORKED_EXAMPLE = Path(__file__).with_name("child-a.toml")


@cache
def worked_example() -> Review:
    """The example, read once and shared: copy it (`model_copy(deep=True)`) to change it."""
    from imr_tui.core.store import load

    return load(WORKED_EXAMPLE)


def example_answer(part: PartTemplate, step: Step) -> str:
    """The worked example's answer to this step's question ('' where none helps)."""
    question = step.question
    if question is None:
        return ""
    example = worked_example()
    owner = example.part(part.id)
    if question.kind == "per-term":
        first = next(iter(example.review_details.terms_of_reference), None)
        if first is None:
            return ""
        return f"For the term \"{first.text.strip()}\":\n{example.analysis.text_for_term(first.id)}"
    if question.kind == "records":
        records = getattr(owner, question.id)
        if not records:
            return ""
        kind = template().records[question.record]
        lines = [f"{len(records)} in the example; the first:"]
        for field in kind.fields:
            answer = shown(field, getattr(records[0], field.id), example)
            if answer:
                lines.append(f"{field.prompt}: {answer}")
        return "\n".join(lines)
    return shown(question, getattr(owner, question.id), example)
