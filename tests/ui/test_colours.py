"""The wizard's colours: its own theme's text stands out at 4.5:1 or more from what it is drawn
on (WCAG 1.4.3, contrast minimum), and the author's own theme uses only the terminal's 16."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.color import Color

import imr_tui.ui
from imr_tui.ui.colours import AUTHORS, OWN

STYLESHEET = Path(imr_tui.ui.__file__).parent / "imr.tcss"
WCAG_AA = 4.5

# What is written on what: the stylesheet's and Textual's own (notices, lists, fields).
TEXT_ON = {
    "an answer and the guidance": ("text", "background"),
    "a hint": ("text-muted", "background"),
    "an error beside a field": ("text-error", "background"),
    "where the author is, in the title line": ("text", "primary-background"),
    "the save status, in the title line": ("text-muted", "primary-background"),
    "the keys, at the foot": ("text", "panel"),
    "the highlighted row of a list": ("block-cursor-foreground", "block-cursor-background"),
    "a dialog, a list, a field": ("text", "surface"),
    "a hint in a dialog": ("text-muted", "surface"),
    "a notice": ("foreground", "panel-lighten-1"),
}


def relative_luminance(colour: Color) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b)


def contrast(a: Color, b: Color) -> float:
    lighter, darker = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def drawn(colours: dict[str, str], name: str, on: Color) -> Color:
    """A theme's colour as it shows on `on`: "auto 87%" is Textual's text that contrasts with
    what is behind it, at that strength; a colour with alpha is blended over it."""
    value = colours[name]
    if value.startswith("auto"):
        return on + on.get_contrast_text(float(value.split()[1].rstrip("%")) / 100)
    return on + Color.parse(value)


@pytest.mark.parametrize("what", TEXT_ON)
def test_the_wizards_own_colours_give_its_text_a_contrast_of_at_least_4_5_to_1(what):
    colours = OWN.to_color_system().generate()
    text, background = TEXT_ON[what]
    behind = drawn(colours, background, Color.parse(colours["background"]))
    ratio = contrast(drawn(colours, text, behind), behind)
    assert ratio >= WCAG_AA, f"{what}: {ratio:.2f}:1"


def test_the_authors_own_colours_are_the_terminals_sixteen():
    colours = AUTHORS.to_color_system().generate()
    used = set(re.findall(r"\$([a-z-]+)", STYLESHEET.read_text())) | {v for pair in TEXT_ON.values() for v in pair}
    not_ansi = {name: colours[name] for name in used if not re.match(r"(ansi_\w+|transparent)( \d+%)?$", colours[name])}
    assert not_ansi == {}
