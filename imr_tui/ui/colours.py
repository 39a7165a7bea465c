"""The wizard's two colour themes: its own, whose text stands out from what is behind it at
4.5:1 or more (WCAG 1.4.3), and the author's own, the terminal's 16 colours, so that a
high-contrast terminal profile applies (--ansi-colours, and by itself on the Linux console).

Both show a text cursor by reversing the cell, not by colour alone: it still shows with NO_COLOR.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import App
from textual.theme import BUILTIN_THEMES

REVERSED_CURSOR = {"input-cursor-text-style": "reverse"}

_dark = BUILTIN_THEMES["textual-dark"]
_dark_colours = _dark.to_color_system().generate()
OWN = replace(
    _dark,
    name="imr-dark",
    # Textual's highlight (#0178D4) under its white text is 3.8:1; this blue is 5.3:1.
    variables={
        **_dark.variables,
        **REVERSED_CURSOR,
        "block-cursor-background": "#015FA8",
        "input-cursor-background": _dark_colours["background"],
        "input-cursor-foreground": _dark_colours["foreground"],
    },
)

_ansi = BUILTIN_THEMES["ansi-dark"]
AUTHORS = replace(
    _ansi,
    name="imr-ansi",
    variables={
        **_ansi.variables,
        **REVERSED_CURSOR,
        # Textual's muted text is the terminal's colour at half strength, which its 16 colours
        # cannot show: hints are in the author's own text colour. Its notices are on black and
        # its boxes' edges black, unseen on a black screen and unreadable on a white one.
        "text-muted": "ansi_default",
        "ansi-background": "ansi_default",
        "border-blurred": "ansi_bright_black",
        "input-cursor-background": "ansi_default",
        "input-cursor-foreground": "ansi_default",
    },
)


def use_colours(app: App, ansi: bool) -> None:
    """Give `app` the author's own colours if `ansi`, else the wizard's."""
    for theme in (OWN, AUTHORS):
        app.register_theme(theme)
    app.theme = AUTHORS.name if ansi else OWN.name
