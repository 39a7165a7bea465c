"""A virtual terminal to read screens through, cell by cell with colours, and to write screens
as Textual writes them.

pyte (a VT100-family emulator, a test dependency) is the judge of what a terminal shows: it was
written apart from imr-tui's cell-diff layer, so it does not share the layer's idea of a terminal.
"""

from __future__ import annotations

import pyte

from imr_tui.ui.screen_diff_pens import Pen

# Modes Textual sets before it draws: no autowrap, so the last column is written over.
TEXTUAL_MODES = "\x1b[?1049h\x1b[?25l\x1b[?7l"

Glyph = tuple[str, Pen]  # one character, one or two cells wide


class VirtualTerminal:
    """What a terminal of `width` x `height` shows after the bytes it was sent."""

    def __init__(self, width: int = 80, height: int = 24) -> None:
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)

    def feed(self, data: bytes | str) -> None:
        self.stream.feed(data.encode() if isinstance(data, str) else data)

    def resize(self, width: int, height: int) -> None:
        self.screen.resize(height, width)

    def cells(self) -> list[list[tuple]]:
        """Every cell: its character, colours and the attributes a reader can see."""
        screen = self.screen
        return [
            [
                (c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.strikethrough, c.reverse)
                for c in (screen.buffer[y][x] for x in range(screen.columns))
            ]
            for y in range(screen.lines)
        ]

    @property
    def cursor(self) -> tuple[int, int]:
        return self.screen.cursor.x, self.screen.cursor.y

    @property
    def rows(self) -> list[str]:
        return [row.rstrip() for row in self.screen.display]

    def first_difference(self, other: VirtualTerminal) -> str:
        """Where two screens first differ, for a failing assertion; "" when they do not."""
        for y, (mine, theirs) in enumerate(zip(self.cells(), other.cells())):
            for x, (a, b) in enumerate(zip(mine, theirs)):
                if a != b:
                    return f"line {y} column {x}: {a} against {b}\n{self.rows[y]!r}\n{other.rows[y]!r}"
        if self.cursor != other.cursor:
            return f"cursor {self.cursor} against {other.cursor}"
        return ""


def sgr(pen: Pen) -> str:
    return f"\x1b[{';'.join(['0', *pen.codes()])}m"


def cells_of(glyphs: list[Glyph]) -> list[tuple[str, Pen]]:
    """The cells a line of glyphs takes: a wide character's second cell is ""."""
    from rich.cells import cell_len

    cells = []
    for char, pen in glyphs:
        cells.append((char, pen))
        if cell_len(char) == 2:
            cells.append(("", pen))
    return cells


def as_textual_writes(line: list[tuple[str, Pen]], y: int, start: int = 0, end: int | None = None) -> str:
    """Cells `start` to `end` of a line written as Textual writes them: the cursor placed, then
    each run of one pen with its whole SGR sequence and a reset after it."""
    end = len(line) if end is None else end
    parts = [f"\x1b[{y + 1};{start + 1}H"]
    run_pen, run = None, []
    for char, pen in line[start:end]:
        if pen != run_pen and run:
            parts.append(sgr(run_pen) + "".join(run) + "\x1b[0m")
            run = []
        run_pen = pen
        run.append(char)
    if run:
        parts.append(sgr(run_pen) + "".join(run) + "\x1b[0m")
    return "".join(parts)
