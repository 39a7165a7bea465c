"""What the guidance pane shows beside a question: the board's words, then a worked example."""

from __future__ import annotations

import re

from rich.text import Text

from imr_tui.core.guidance import PartTemplate
from imr_tui.core.guidance.example import example_answer
from imr_tui.core.walk import Step

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


def guidance_text(part: PartTemplate, shown: tuple[Step, ...], *, in_pane: bool = True) -> Text:
    """The part's guidance, then the worked example's answer to each step `shown` (a page's);
    `in_pane`: for the pane beside the answer, which says how to read it whole or hide it."""
    text = Text()
    text.append("Guidance", style="bold")
    text.append("  (ctrl+l reads it whole; ctrl+g hides)\n" if in_pane else "\n", style="dim")
    for paragraph in part.guidance:
        text.append_text(_paragraph(paragraph))
        text.append("\n\n")
    examples = [(step, example_answer(part, step)) for step in shown]
    examples = [(step, example) for step, example in examples if example]
    if examples:
        text.append("Worked example (Child A, a fictional review)\n", style="bold")
    for step, example in examples:
        if len(shown) > 1:  # a group's: each under its question
            text.append(f"{step.question.prompt}\n", style="italic")
        text.append(f"{example}\n\n")
    text.rstrip()
    return text
