"""What the guidance pane shows beside a question: the board's words, then a worked example."""

from __future__ import annotations

import re

from rich.text import Text

from imr_tui.answers import shown
from imr_tui.examples import worked_example
from imr_tui.template import PartTemplate, template
from imr_tui.ui.steps import Step

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _paragraph(text: str) -> Text:
    """The seed marks emphasis with **...**; show it bold, everything else as plain text."""
    out = Text()
    last = 0
    for match in _BOLD.finditer(text):
        out.append(text[last : match.start()])
        out.append(match.group(1), style="bold")
        last = match.end()
    out.append(text[last:])
    return out


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


def guidance_text(part: PartTemplate, step: Step) -> Text:
    text = Text()
    text.append("Guidance", style="bold")
    text.append("  (shift+tab, then Down, reads on; ctrl+g hides)\n", style="dim")
    for paragraph in part.guidance:
        text.append_text(_paragraph(paragraph))
        text.append("\n\n")
    example = example_answer(part, step)
    if example:
        text.append("Worked example (Child A, a fictional review)\n", style="bold")
        text.append(example)
    return text
