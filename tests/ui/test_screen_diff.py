"""The cell-diff layer: whatever Textual draws, the terminal shows the same screen, for fewer bytes.

Each test writes screens as Textual writes them into a virtual terminal straight, and into
another through the layer, and compares the two cell by cell (characters, colours, attributes)
and the cursor.
"""

from __future__ import annotations

from statistics import median

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from imr_tui.ui.screen_diff import SYNC_END, SYNC_START, ScreenDiff
from imr_tui.ui.screen_diff_pens import DEFAULT, Pen, after, change

from virtual_terminal import TEXTUAL_MODES, VirtualTerminal, as_textual_writes, cells_of

WIDTH, HEIGHT = 24, 4
TEXT = Pen("38;5;253", "48;5;235", frozenset())
CURSOR = Pen("38;5;233", "48;5;253", frozenset())
PENS = [
    DEFAULT,
    TEXT,
    CURSOR,
    Pen(None, None, frozenset({"7"})),
    Pen("31", None, frozenset({"1"})),
    Pen(None, "44", frozenset({"4", "3"})),
    Pen("38;2;1;2;3", "48;5;16", frozenset({"9", "7"})),
    Pen("97", "100", frozenset()),
]
# Plain letters, box drawing, accented (one character, and a letter with a combining accent)
# and wide characters.
CHARACTERS = ["a", "b", " ", " ", "─", "é", "e\u0301", "中", "文"]
glyphs = st.tuples(st.sampled_from(CHARACTERS), st.sampled_from(PENS))


def fitted(line: list, width: int = WIDTH) -> list:
    """The glyphs cut or padded to exactly `width` cells, a wide one that does not fit made a space."""
    out, used = [], 0
    for char, pen in line:
        if used == width:
            break
        if used + cell_len(char) > width:
            char = " "
        out.append((char, pen))
        used += cell_len(char)
    return out + [(" ", TEXT)] * (width - used)


lines = st.lists(glyphs, min_size=WIDTH, max_size=WIDTH).map(fitted)


@st.composite
def edited(draw, line: list) -> list:
    """A line as the next frame may draw it: the same, another, or with glyphs typed or deleted
    at one place and the rest of a stretch moved along (as text moves in a text area)."""
    how = draw(st.sampled_from(["same", "other", "typed", "deleted"]))
    if how == "same":
        return line
    if how == "other":
        return draw(lines)
    at = draw(st.integers(0, len(line) - 1))
    end = draw(st.integers(at + 1, len(line)))
    stretch = line[at:end]
    if how == "typed":
        moved = draw(st.lists(glyphs, min_size=1, max_size=5)) + stretch
    else:
        moved = stretch[draw(st.integers(1, 5)) :]
    return fitted(line[:at] + fitted(moved, sum(cell_len(char) for char, _ in stretch)) + line[end:])


class Both:
    """A terminal written to straight, and one written to through the layer."""

    def __init__(self, insert_delete: bool, width: int = WIDTH, height: int = HEIGHT) -> None:
        self.layer = ScreenDiff(width, height, insert_delete=insert_delete)
        self.straight, self.diffed = VirtualTerminal(width, height), VirtualTerminal(width, height)
        self.sent: list[str] = []

    def write(self, text: str) -> str:
        self.straight.feed(text)
        sent = self.layer.feed(text)
        self.diffed.feed(sent)
        self.sent.append(sent)
        return sent

    def draw(self, screen: list[list], cursor: tuple[int, int] = (0, 0)) -> str:
        """The whole screen, as Textual writes a new page."""
        lines = "".join(as_textual_writes(cells_of(line), y) for y, line in enumerate(screen))
        return self.write(lines + f"\x1b[{cursor[1] + 1};{cursor[0] + 1}H")


def from_a_glyph_before(cells: list, column: int, choice: int) -> int:
    """A column where Textual may start rewriting a line that changes at `column`: the start of
    a character at or before it."""
    starts = [x for x, (char, _) in enumerate(cells) if char and x <= column]
    return starts[choice % len(starts)]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_screen_becomes_any_other_on_the_terminal_as_textual_drew_it(data):
    both = Both(insert_delete=data.draw(st.booleans()))
    both.write(TEXTUAL_MODES)
    screen = [data.draw(lines) for _ in range(HEIGHT)]
    both.draw(screen)
    for _ in range(data.draw(st.integers(1, 3))):
        following = [data.draw(edited(line)) for line in screen]
        writes = []
        for y, (before, now) in enumerate(zip(screen, following)):
            old, new = cells_of(before), cells_of(now)
            changed = [x for x, (a, b) in enumerate(zip(old, new)) if a != b]
            if changed or data.draw(st.booleans()):  # Textual also redraws lines that did not change
                start = from_a_glyph_before(new, changed[0] if changed else 0, data.draw(st.integers(0, 99)))
                writes.append(as_textual_writes(new, y, start))
        x, y = data.draw(st.integers(0, WIDTH - 1)), data.draw(st.integers(0, HEIGHT - 1))
        both.write("".join(writes) + f"\x1b[{y + 1};{x + 1}H")
        screen = following
        assert both.straight.first_difference(both.diffed) == ""


MODES = [
    "\x1b[?25h",
    "\x1b[?1000h\x1b[?1003h\x1b[?1015h\x1b[?1006h",
    "\x1b]0;imr-tui\x07",
    "\x1b[?2004h",
    "\x07",
    "\x1b[>1u",
    "\x1b[?2026$p",
    "\x1b[22;0;0t",
    "\x1b]52;c;aGVsbG8=\x07",
]


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_sequences_it_does_not_model_pass_through_untouched_and_in_order(data):
    both = Both(insert_delete=True)
    both.write(TEXTUAL_MODES)
    expected = []
    for _ in range(data.draw(st.integers(1, 4))):
        screen = [data.draw(lines) for _ in range(HEIGHT)]
        mode = data.draw(st.sampled_from(MODES))
        lines_written = "".join(as_textual_writes(cells_of(line), y) for y, line in enumerate(screen))
        cut = data.draw(st.integers(0, len(lines_written)))
        while cut < len(lines_written) and lines_written[cut] != "\x1b":  # between two sequences
            cut += 1
        both.write(lines_written[:cut] + mode + lines_written[cut:] + "\x1b[2;3H")
        expected.append(mode)
    sent, found = "".join(both.sent), 0
    for mode in expected:
        found = sent.find(mode, found)
        assert found >= 0, f"{mode!r} was not sent in its place"
        found += len(mode)
    assert both.straight.first_difference(both.diffed) == ""


@pytest.mark.parametrize(
    "unmodelled",
    [
        "\x1b[2;5H\x1b[44m\x1b[2J",  # a clear, in a colour
        "\x1b[3;20H\x1b[1mrun past the end",  # text that wraps (autowrap on)
        "\x1b[4;1H\x1b[41m\n\n",  # a scroll
        "\x1b[2;3H\x1b[3@\x1b[1;4H\x1b[2P\x1b[3;2H\x1b[K",  # characters inserted, deleted, erased
        "\x1b[2;3H\x1b7\x1b[4;4Hx\x1b8y",  # the cursor saved and restored
        "\x1b[?1049l\x1b[?1049h",  # the alternate screen left and entered again
    ],
)
def test_what_it_does_not_model_reaches_the_terminal_as_it_came(unmodelled):
    both = Both(insert_delete=True)
    both.write(TEXTUAL_MODES)
    screen = [fitted([(c, PENS[n + 1]) for c in "Seen at home; 中文 too."]) for n in range(HEIGHT)]
    both.draw(screen)
    if "past the end" in unmodelled:
        both.write("\x1b[?7h")
    both.write(unmodelled)
    assert both.straight.first_difference(both.diffed) == ""
    both.write("\x1b[?7l")
    both.draw([screen[0], *screen[2:], screen[1]], (5, 2))  # Textual draws again
    assert both.straight.first_difference(both.diffed) == ""


def test_the_same_screen_drawn_again_sends_nothing():
    both = Both(insert_delete=True)
    screen = [fitted([(c, TEXT) for c in "Seen at home."]) for _ in range(HEIGHT)]
    both.write(TEXTUAL_MODES)
    assert both.draw(screen, (3, 1))
    assert both.draw(screen, (3, 1)) == ""


def test_a_resize_sends_the_next_screen_whole_once():
    both = Both(insert_delete=True)
    both.write(TEXTUAL_MODES)
    screen = [fitted([(c, PENS[n % 8]) for c in "Seen at home; 中文 too."]) for n in range(HEIGHT)]
    both.draw(screen)
    wider = [fitted(line, WIDTH + 6) for line in screen + screen[:1]]
    # The terminal's cells after a resize are whatever it made of them: here, all '#'.
    both.layer.resize(WIDTH + 6, HEIGHT + 1)
    for terminal in (both.straight, both.diffed):
        terminal.resize(WIDTH + 6, HEIGHT + 1)
        terminal.feed("\x1b[0m" + "".join(f"\x1b[{y + 1};1H" + "#" * (WIDTH + 6) for y in range(HEIGHT + 1)))
    assert both.draw(wider)
    assert both.straight.first_difference(both.diffed) == ""
    assert both.draw(wider) == ""  # once


def test_synchronized_output_brackets_a_screen_but_not_a_few_bytes():
    both = Both(insert_delete=True)
    both.write(TEXTUAL_MODES)
    screen = [fitted([(c, TEXT) for c in "Child A was born in 2010."]) for _ in range(HEIGHT)]

    def frame(text: str) -> str:
        return "".join(both.write(part) for part in (SYNC_START, text + "\x1b[1;1H", SYNC_END))

    whole = frame("".join(as_textual_writes(cells_of(line), y) for y, line in enumerate(screen)))
    assert whole.startswith(SYNC_START) and whole.endswith(SYNC_END)
    assert frame(as_textual_writes(cells_of(screen[0]), 0)) == ""  # nothing changed: nothing at all
    typed = [(" ", TEXT)] * 3 + [("S", TEXT)] + screen[0][3:-1]
    small = frame(as_textual_writes(cells_of(typed), 0))
    assert small and SYNC_START not in small
    assert both.straight.first_difference(both.diffed) == ""


def answer_line(text: str, cursor: int, width: int = 40) -> list:
    """A line of a text area: a border, the text in its pen with the cursor drawn on one cell,
    padding, and a scroll bar and border after it."""
    cells = [("▊", Pen("38;5;32", "48;5;233", frozenset({"7"}))), (" ", Pen(None, "48;5;234", frozenset()))]
    text_cells = [(c, CURSOR if n == cursor else TEXT) for n, c in enumerate(text[: width - 6].ljust(width - 6))]
    return cells + text_cells + [(" ", Pen("38;5;23", "48;5;234", frozenset({"7"})))] * 2 + [("▎", DEFAULT)] * 2


def typing_costs(insert_delete: bool, start: str, at_end: bool) -> list[int]:
    """Bytes sent for each character typed into a line of an answer, Textual rewriting the line
    from its first cell for each, as it does."""
    both = Both(insert_delete, width=40, height=2)
    both.write(TEXTUAL_MODES)
    costs, text, cursor = [], start, len(start) if at_end else 0
    for n, char in enumerate(" Seen at home, she smiled."):
        text = text[:cursor] + char + text[cursor:]
        cursor += 1
        sent = both.write(as_textual_writes(answer_line(text, cursor), 0) + f"\x1b[1;{cursor + 3}H")
        costs.append(len(sent.encode()))
    assert both.straight.first_difference(both.diffed) == ""
    return costs[1:]  # the first draws the line


def test_a_character_typed_at_the_end_of_an_answer_costs_a_few_bytes():
    for insert_delete in (True, False):
        costs = typing_costs(insert_delete, "", at_end=True)
        assert max(costs) <= 40 and median(costs) <= 30, costs  # Textual: the line again, 200 bytes


def test_a_character_typed_at_the_start_of_a_line_moves_it_along_on_the_terminal():
    start = "Child A was born in 2010."
    costs = typing_costs(True, start, at_end=False)
    assert max(costs) <= 40 and median(costs) <= 20, costs  # insert character
    costs = typing_costs(False, start, at_end=False)
    assert max(costs) <= 80, costs  # a VT100: the rest of the line


def test_pens_are_read_from_sgr_and_changed_with_the_fewest_codes():
    bold_red = after(DEFAULT, "1;31")
    assert bold_red == Pen("31", None, frozenset({"1"}))
    assert after(bold_red, "22;38;5;12;48;2;1;2;3") == Pen("38;5;12", "48;2;1;2;3", frozenset())
    assert after(bold_red, "0") == after(bold_red, "") == DEFAULT
    assert change(bold_red, bold_red) == ""
    assert change(bold_red, after(bold_red, "7")) == "\x1b[7m"  # an attribute added
    assert change(bold_red, after(bold_red, "32")) == "\x1b[32m"  # a colour changed
    assert change(bold_red, after(bold_red, "39")) == "\x1b[39m"
    assert change(bold_red, after(bold_red, "22")) == "\x1b[0;31m"  # an attribute gone: reset
    assert change(None, DEFAULT) == "\x1b[m"  # a pen not known is set whole
