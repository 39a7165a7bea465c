"""Pens: the colours and attributes a terminal draws with, read from SGR sequences and changed
with the fewest bytes. Part of the cell-diff layer (screen_diff.py); imports nothing from Textual.

A pen is what `ESC [ ... m` sets: a foreground, a background and attributes (bold, reverse...).
Textual writes a whole SGR sequence for every run of cells and a reset after it; the layer keeps
the pen the terminal already has and sends only the difference: nothing between two runs of the
same colours, `ESC [ 7 m` to add reverse, a reset and the new pen only when an attribute must go.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

# Codes that clear attributes, and what each clears. An attribute is cleared on the wire with a
# reset (code 0) and the pen set again, which every terminal since the VT100 understands.
_CLEARS = {
    "22": ("1", "2"),
    "23": ("3",),
    "24": ("4", "21"),
    "25": ("5", "6"),
    "27": ("7",),
    "28": ("8",),
    "29": ("9",),
    "54": ("51", "52"),
    "55": ("53",),
}
_EXTENDED = ("38", "48", "58")  # 38;5;N and 38;2;R;G;B: a colour in several parameters


class Pen(NamedTuple):
    fg: str | None  # the code that sets it ("31", "38;5;231", "38;2;1;2;3"); None: the default
    bg: str | None
    attrs: frozenset[str]  # codes that set attributes ("1" bold, "7" reverse, ...)

    def codes(self) -> list[str]:
        return [*sorted(self.attrs), *([self.fg] if self.fg else []), *([self.bg] if self.bg else [])]


DEFAULT = Pen(None, None, frozenset())


def _sgr(codes: list[str]) -> str:
    return "\x1b[m" if codes == ["0"] else f"\x1b[{';'.join(codes)}m"


@lru_cache(maxsize=4096)
def after(pen: Pen, params: str) -> Pen:
    """The pen once `ESC [ params m` has been written with `pen` in force."""
    fg, bg, attrs = pen
    added: set[str] = set(attrs)
    parts = params.split(";") if params else ["0"]
    i = 0
    while i < len(parts):
        code = parts[i]
        if code in _EXTENDED and i + 1 < len(parts):
            length = {"5": 3, "2": 5}.get(parts[i + 1], 2)
            colour = ";".join(parts[i : i + length])
            i += length
            if code == "38":
                fg = colour
            elif code == "48":
                bg = colour
            else:  # the underline's colour: an attribute, cleared by 59
                added = {a for a in added if not a.startswith("58")} | {colour}
            continue
        i += 1
        number = int(code) if code.isdigit() else -1
        if number == 0 or code == "":
            fg, bg, added = None, None, set()
        elif code in _CLEARS:
            added.difference_update(_CLEARS[code])
        elif 30 <= number <= 37 or 90 <= number <= 97:
            fg = code
        elif 40 <= number <= 47 or 100 <= number <= 107:
            bg = code
        elif number == 39:
            fg = None
        elif number == 49:
            bg = None
        elif number == 59:
            added = {a for a in added if not a.startswith("58")}
        else:  # an attribute, or a code not known here, kept to be sent again as it came
            added.add(code)
    return Pen(fg, bg, frozenset(added))


@lru_cache(maxsize=4096)
def change(old: Pen | None, new: Pen) -> str:
    """The shortest SGR sequence that turns pen `old` (None: not known) into `new`."""
    if old == new:
        return ""
    reset = _sgr(["0", *new.codes()])
    if old is None or old.attrs - new.attrs:
        return reset
    codes = sorted(new.attrs - old.attrs)
    if old.fg != new.fg:
        codes.append(new.fg or "39")
    if old.bg != new.bg:
        codes.append(new.bg or "49")
    return min(_sgr(codes), reset, key=len)
