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
