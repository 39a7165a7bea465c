"""The lean answer editors: an author sees exactly what the stock editors show, for far fewer bytes.

Two kinds of proof. In process, with Textual's pilot, a stock and a lean editor take the same keys
side by side, and after every key they must hold the same text and show the same picture, where
the lean picture is what Textual's line cache holds: a line the lean editor forgot to repaint
would still show its old content there, as it would on the author's screen. In a real
pseudo-terminal at 80x24, a tiny app hosting each editor full-height counts the bytes each typed
character costs, and replays what it wrote into a screen to show the author sees the same thing.
"""

from __future__ import annotations

import asyncio
import fcntl
import inspect
import os
import re
import select
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from textual import events
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, TextArea
from textual.widgets.option_list import Option

from imr_tui.ui.widgets.lean import LeanInput, LeanOptionList, LeanTextArea

MakeEditor = Callable[[], TextArea | Input | OptionList]

# --- What the lean editors assume about Textual -------------------------------------------------


@pytest.mark.parametrize(
    "stock, lean, name",
    [(TextArea, LeanTextArea, "selection"), (Input, LeanInput, "value"), (Input, LeanInput, "selection"),
     (Input, LeanInput, "virtual_size"), (OptionList, LeanOptionList, "highlighted")],
)
def test_the_lean_editors_change_only_how_textual_repaints_after_a_change(stock, lean, name):
    """If Textual changes these declarations, the lean copies must be brought up to date by hand."""
    stock_declaration, lean_declaration = vars(stock._reactives[name]), vars(lean._reactives[name])
    assert lean_declaration["_owner"] is lean, f"{lean.__name__} no longer redeclares {name}"
    assert not lean_declaration["_repaint"] and not lean_declaration["_layout"]
    unchanged = {key for key in stock_declaration if key not in ("_repaint", "_layout", "_owner")}
    assert {key: lean_declaration[key] for key in unchanged} == {key: stock_declaration[key] for key in unchanged}


def test_textual_still_has_the_methods_the_lean_editors_extend():
    def parameters(method: Callable[..., object]) -> list[str]:
        return list(inspect.signature(method).parameters)

    assert parameters(TextArea._watch_selection) == ["self", "previous_selection", "selection"]
    assert parameters(TextArea.edit) == ["self", "edit"]
    assert parameters(Input._watch_value) == ["self", "value"]
    assert parameters(Input._watch_selection) == ["self", "selection"]
    assert parameters(OptionList.watch_highlighted) == ["self", "highlighted"]
    # LeanOptionList also reads OptionList._index_to_line and _heights (the lines each option
    # takes): the side-by-side test below fails if they change.
    area = TextArea("a\nb")
    assert area._matching_bracket_location is None  # read to repaint the bracket the cursor leaves
    assert area.wrapped_document.location_to_offset((1, 0)).y == 1
    assert area.wrapped_document.get_offsets(1) == []


# --- In process: the same text and the same picture, key by key ----------------------------------


class Host(App[None]):
    """One editor above a button, so that the focus can leave the editor and come back."""

    CSS = "TextArea { height: 1fr; } Input { width: 1fr; }"

    def __init__(self, make_editor: MakeEditor) -> None:
        super().__init__()
        self.make_editor = make_editor

    def compose(self) -> ComposeResult:
        self.editor = self.make_editor()  # made here, where Textual can find its app
        self.editor.cursor_blink = False  # as the wizard has it; a blink would differ with timing
        yield self.editor
        yield Button("Next")


@dataclass(frozen=True)
class Seen:
    """What an editor held and showed after one key."""

    text: str
    selection: object
    picture: list[str]


def picture(editor: TextArea | Input | OptionList) -> list[str]:
    """The editor's lines as Textual would send them now: a line not marked for repaint comes from
    its cache, with what was drawn there last."""
    strips = editor.render_lines(Region(0, 0, *editor.region.size))
    return [repr(list(strip)) for strip in strips]  # every segment's text and style


async def press(pilot: Pilot, key: str) -> None:
    """A key, a paste, or an edit made in code, away from the cursor."""
    editor = pilot.app.editor
    if key.startswith("paste:"):
        pilot.app.post_message(events.Paste(key.removeprefix("paste:")))
    elif key == "code:insert":  # at the start of the last line
        editor.insert("inserted ", (editor.document.line_count - 1, 0))
    elif key == "code:rotate":  # the first line moves to the end: as many lines, wrapped differently
        lines = editor.text.split("\n")
        editor.replace("\n".join(lines[1:] + lines[:1]), (0, 0), editor.document.end)
    else:
        await pilot.press(key)
    await pilot.pause()


async def watch_editing(make_editor: MakeEditor, keys: list[str], size: tuple[int, int]) -> list[Seen]:
    """Type the keys into an editor in an app of its own; what it held and showed after each."""
    app = Host(make_editor)
    seen = []
    async with app.run_test(size=size) as pilot:
        editor = app.editor
        await pilot.pause()  # the first screen is drawn before the author's first key
        for key in ["", *keys]:
            if key:
                await press(pilot, key)
            if isinstance(editor, OptionList):
                seen.append(Seen("", editor.highlighted, picture(editor)))
            else:
                text = editor.text if isinstance(editor, TextArea) else editor.value
                seen.append(Seen(text, editor.selection, picture(editor)))
    return seen


def assert_same_editing(stock: list[Seen], lean: list[Seen], keys: list[str]) -> None:
    for step, (expected, actual) in enumerate(zip(stock, lean, strict=True)):
        after = f"after keys {keys[:step]!r}"
        assert (actual.text, actual.selection) == (expected.text, expected.selection), after
        stale = [y for y, (line, shown) in enumerate(zip(expected.picture, actual.picture)) if line != shown]
        assert not stale, f"{after} the lean editor's lines {stale} are not what the stock editor shows"


def edit_side_by_side(stock: MakeEditor, lean: MakeEditor, keys: list[str], size: tuple[int, int]) -> None:
    """Each app runs in its own task: Textual finds the running app through the task's context."""

    async def both() -> tuple[list[Seen], list[Seen]]:
        return await asyncio.gather(watch_editing(stock, keys, size), watch_editing(lean, keys, size))

    assert_same_editing(*asyncio.run(both()), keys)


LONG_ANSWER_KEYS = [
    "a", "b", "space", "left_parenthesis", "right_parenthesis", "enter", "backspace", "delete", "left", "right",
    "up", "down", "home", "end", "shift+left", "shift+right", "shift+up", "shift+down", "ctrl+z", "ctrl+y",
    "ctrl+k", "ctrl+w", "f6", "tab", "shift+tab", "paste:pasted\nover two lines",
    "paste:a pasted sentence long enough to wrap onto the next screen line", "code:insert", "code:rotate",
]
# Narrow, so that lines wrap and the view scrolls: the cases where repainting a line is not enough.
AREA_SIZE = (34, 9)
PLACEHOLDER = "Tell the child's story through the review period, as your agency saw it."  # three lines
answer_texts = st.lists(st.text(alphabet="ab ()", max_size=45), max_size=5).map("\n".join)


@settings(max_examples=4, deadline=None)
@given(
    text=answer_texts,
    keys=st.lists(st.sampled_from(LONG_ANSWER_KEYS), min_size=1, max_size=10),
    placeholder=st.sampled_from(["", PLACEHOLDER]),
)
@example(text="a" * 26, keys=["b", "b", "b", "b", "backspace"], placeholder="")  # onto a second screen line and back
@example(
    text="first line\nsecond line",
    keys=["up", "end", "backspace", "a", "down", "home", "backspace", "enter"],  # lines joined and split
    placeholder="",
)
@example(text="(\nb\n)", keys=["right", "left", "down", "down", "right"], placeholder="")  # brackets rows apart
@example(
    text="abc\ndef\nghi\njkl",
    keys=["shift+down", "shift+down", "shift+down", "up", "shift+right", "a", "ctrl+z", "ctrl+y"],
    placeholder="",
)
@example(text="\n".join(["line"] * 12), keys=["pagedown", "up", "tab", "shift+tab", "paste:x\ny"], placeholder="")
@example(text="abcdefghij" * 4 + "\nshort", keys=["down", "down", "up", "left", "up", "x", "delete"], placeholder="")
@example(text="a" * 40 + "\nb", keys=["code:rotate"], placeholder="")  # lines move from one row to another
@example(text="one\ntwo\nthree", keys=["code:insert", "ctrl+z", "ctrl+y"], placeholder="")  # rows away from the cursor
@example(text="a", keys=["delete", "b"], placeholder=PLACEHOLDER)
@example(text="", keys=["ctrl+k"], placeholder="")  # deletes "the line" below the last: there is none
@example(text="ab\ncd", keys=["down", "end", "ctrl+k", "ctrl+k"], placeholder="")
def test_the_lean_long_answer_editor_edits_and_draws_exactly_like_the_stock_one(text, keys, placeholder):
    stock, lean = (partial(editor, text, placeholder=placeholder) for editor in (TextArea, LeanTextArea))
    edit_side_by_side(stock, lean, keys, AREA_SIZE)


def test_a_long_answer_replaced_in_code_is_drawn_whole():
    async def replace_text(make_editor: Callable[[], TextArea]) -> list[str]:
        app = Host(make_editor)
        async with app.run_test(size=AREA_SIZE) as pilot:
            editor = app.editor
            editor.text = "one\ntwo"
            await pilot.pause()
            editor.text = "six\nten"  # the same shape: nothing moves, every character changes
            await pilot.pause()
            return picture(editor)

    async def both() -> tuple[list[str], list[str]]:
        return await asyncio.gather(replace_text(TextArea), replace_text(LeanTextArea))

    stock, lean = asyncio.run(both())
    assert lean == stock


SHORT_ANSWER_KEYS = [
    "a", "1", "slash", "space", "backspace", "delete", "left", "right", "home", "end", "shift+left",
    "shift+right", "ctrl+w", "ctrl+u", "ctrl+k", "tab", "shift+tab", "paste:Northtown Health Visiting Service",
]


@settings(max_examples=3, deadline=None)
@given(
    value=st.text(alphabet="ab1/ ", max_size=60),
    keys=st.lists(st.sampled_from(SHORT_ANSWER_KEYS), min_size=1, max_size=10),
)
@example(value="", keys=["1", "4", "slash", "0", "3", "slash", "2", "0", "1", "1"])  # a date, typed
@example(value="x" * 70, keys=["a", "home", "shift+right", "b", "end", "backspace"])  # longer than the field
@example(value="12/03/2011", keys=["tab", "shift+tab", "backspace", "4"])
def test_the_lean_short_answer_editor_edits_and_draws_exactly_like_the_stock_one(value, keys):
    edit_side_by_side(partial(Input, value), partial(LeanInput, value), keys, (60, 8))


LIST_KEYS = ["down", "up", "home", "end", "pagedown", "pageup", "tab", "shift+tab"]


def task_list(kind: type[OptionList]) -> OptionList:
    """Like the task list: a rule, an option that cannot be chosen, one that wraps, more than fit."""
    return kind(
        "Review details", None, Option("Check your answers", disabled=True),
        "Appendix I Pro Forma Interview Record Sheet, long enough to wrap", *(f"Section {n}" for n in range(2, 14)),
    )


@settings(max_examples=4, deadline=None)
@given(keys=st.lists(st.sampled_from(LIST_KEYS), min_size=1, max_size=12))
@example(keys=["down", "down", "down", "up"])  # past the rule and the option that cannot be chosen
@example(keys=["end", "up", "up", "pageup", "down"])  # scrolled, then moved within the view
def test_the_lean_option_list_moves_and_draws_exactly_like_the_stock_one(keys):
    edit_side_by_side(partial(task_list, OptionList), partial(task_list, LeanOptionList), keys, AREA_SIZE)


# --- In a real terminal: bytes per typed character, and the same screen --------------------------

COLUMNS, ROWS = 80, 24
STARTUP_LIMIT = 40.0  # seconds: a loaded CI machine can take long to start Python and Textual
KEY_QUIET = 0.1  # seconds of silence that end the answer to one key (Textual draws at 60 Hz)
KEY_LIMIT = 2.0

# One editor alone, full-height, its cursor steady as in the wizard, at the end of its text.
TINY_APP = """
import sys
from textual.app import App
from textual.widgets import Input, TextArea
from imr_tui.ui.widgets.lean import LeanInput, LeanOptionList, LeanTextArea

EDITORS = {"stock-area": TextArea, "lean-area": LeanTextArea, "stock-input": Input, "lean-input": LeanInput}

class EditorApp(App):
    CSS = "TextArea { height: 1fr; }"

    def compose(self):
        self.editor = EDITORS[sys.argv[1]](sys.argv[2])
        self.editor.cursor_blink = False
        yield self.editor

    def on_mount(self):
        if isinstance(self.editor, TextArea):
            self.editor.move_cursor(self.editor.document.end)

EditorApp().run()
"""
# An answer is written a paragraph at a time: the author types at the end of one that wraps.
PARAGRAPH = (
    "She was seen at home by the health visitor, who noted that she was alert and smiling, that her "
    "brother played beside her, and that their mother spoke at length about the move. "
)
SHORT_ANSWER = "Northtown Health "

TYPED = "She was seen at home. "
UP, DOWN, LEFT, RIGHT, SHIFT_RIGHT, END, HOME = "\x1b[A", "\x1b[B", "\x1b[D", "\x1b[C", "\x1b[1;2C", "\x1b[F", "\x1b[H"
BACKSPACE, ENTER, CTRL_Z = "\x7f", "\r", "\x1a"
PASTE = "\x1b[200~and a pasted line long enough to wrap once on an eighty-column screen, or nearly\x1b[201~"
EDITING = [ENTER, "(", "a", ")", LEFT, LEFT, UP, SHIFT_RIGHT, SHIFT_RIGHT, "x", DOWN, END, PASTE, BACKSPACE, HOME,
           CTRL_Z, UP, RIGHT, ENTER]

_OUTPUT = re.compile(r"\x1b\[([0-?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.|\r|\n|[^\x1b\r\n]", re.S)


class Screen:
    """What a terminal shows after the bytes written to it: each cell's character and colours.

    Only what Textual writes is understood: cursor moves, colours, clearing; other sequences
    (modes, queries) change nothing on the screen. Everything is replayed from the start each
    time, so a sequence split between two reads is never misread.
    """

    def __init__(self) -> None:
        self.written = bytearray()

    def feed(self, data: bytes) -> None:
        self.written += data

    @property
    def cells(self) -> list[list[tuple[str, str]]]:
        cells = [[(" ", "")] * COLUMNS for _ in range(ROWS)]
        x = y = 0
        style = ""
        for match in _OUTPUT.finditer(self.written.decode("utf-8", errors="replace")):
            token, params, final = match.group(), match.group(1), match.group(2)
            if final == "H":
                row, _, column = params.partition(";")
                y, x = int(row or 1) - 1, int(column or 1) - 1
            elif final == "m":
                style = "" if params in ("", "0") else f"{style};{params}"
            elif final == "J" and params == "2":
                cells = [[(" ", "")] * COLUMNS for _ in range(ROWS)]
            elif token == "\r":
                x = 0
            elif token == "\n":
                y += 1
            elif not token.startswith("\x1b"):
                if y < ROWS and x < COLUMNS:
                    cells[y][x] = (token, style)
                x += 1
        return cells

    def text(self) -> str:
        return "\n".join("".join(character for character, _ in row).rstrip() for row in self.cells)


class Terminal:
    """A program in an 80x24 pseudo-terminal of its own, as over SSH."""

    def __init__(self, argv: list[str]) -> None:
        self.fd, child = os.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(ROWS))
        self.process = subprocess.Popen(argv, stdin=child, stdout=child, stderr=child, env=env, start_new_session=True)
        os.close(child)
        self.screen = Screen()

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.fd)


def answers(terminals: list[Terminal], quiet: float, limit: float) -> list[bytes]:
    """What each program writes until it has been quiet for `quiet` seconds after writing (or `limit` passes)."""
    written = {terminal.fd: bytearray() for terminal in terminals}
    last = {terminal.fd: 0.0 for terminal in terminals}
    start = time.monotonic()
    while True:
        now = time.monotonic()
        if now - start > limit or all(last[fd] and now - last[fd] > quiet for fd in written):
            break
        ready, _, _ = select.select(list(written), [], [], 0.01)
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the program has gone
                chunk = b""
            written[fd] += chunk
            last[fd] = time.monotonic() if chunk else last[fd] or now
    for terminal in terminals:
        terminal.screen.feed(bytes(written[terminal.fd]))
    return [bytes(written[terminal.fd]) for terminal in terminals]


def press_in_all(terminals: list[Terminal], keys: str) -> list[int]:
    for terminal in terminals:
        os.write(terminal.fd, keys.encode())
    return [len(answer) for answer in answers(terminals, KEY_QUIET, KEY_LIMIT)]


@dataclass
class EditorInTerminal:
    terminal: Terminal
    idle_bytes: int  # written in the second after its first screen, while nobody typed


@pytest.fixture(scope="module")
def editors(tmp_path_factory) -> Iterator[dict[str, EditorInTerminal]]:
    """The four editors, each alone in its terminal, started together to share the wait."""
    app = tmp_path_factory.mktemp("lean") / "editor_app.py"
    app.write_text(TINY_APP)
    texts = {"stock-area": PARAGRAPH, "lean-area": PARAGRAPH, "stock-input": SHORT_ANSWER, "lean-input": SHORT_ANSWER}
    terminals = {name: Terminal([sys.executable, str(app), name, text]) for name, text in texts.items()}
    try:
        answers(list(terminals.values()), quiet=0.5, limit=STARTUP_LIMIT)
        for terminal in terminals.values():
            assert terminal.process.poll() is None, "an editor app did not start"
        idle = answers(list(terminals.values()), quiet=1.0, limit=1.0)
        yield {
            name: EditorInTerminal(terminal, len(idle_bytes))
            for (name, terminal), idle_bytes in zip(terminals.items(), idle)
        }
    finally:
        for terminal in terminals.values():
            terminal.close()


def typing_cost(stock: EditorInTerminal, lean: EditorInTerminal) -> tuple[float, float]:
    """Median bytes per typed character for the stock and the lean editor."""
    costs = [press_in_all([stock.terminal, lean.terminal], character) for character in TYPED]
    return statistics.median(c[0] for c in costs), statistics.median(c[1] for c in costs)


@pytest.mark.slow  # a real pseudo-terminal: deselect with -m 'not slow'
def test_typing_a_long_answer_sends_a_fifth_of_the_bytes_and_nothing_when_idle(editors):
    stock, lean = typing_cost(editors["stock-area"], editors["lean-area"])
    assert editors["lean-area"].idle_bytes == 0
    assert lean <= 300, f"the lean long-answer editor sends {lean} bytes per typed character"
    assert lean < stock / 5, f"lean {lean} bytes per character against stock {stock}"


@pytest.mark.slow  # a real pseudo-terminal: deselect with -m 'not slow'
def test_typing_a_short_answer_sends_a_third_of_the_bytes_and_nothing_when_idle(editors):
    stock, lean = typing_cost(editors["stock-input"], editors["lean-input"])
    assert editors["lean-input"].idle_bytes == 0
    assert lean <= 300, f"the lean short-answer editor sends {lean} bytes per typed character"
    assert lean < stock / 3, f"lean {lean} bytes per character against stock {stock}"  # it keeps one line of three


@pytest.mark.slow  # a real pseudo-terminal: deselect with -m 'not slow'
def test_the_author_sees_the_same_long_answer_on_screen_with_the_lean_editor(editors):
    pair = [editors["stock-area"].terminal, editors["lean-area"].terminal]
    before = pair[1].screen.text()
    for step, key in enumerate(EDITING):
        press_in_all(pair, key)
        stock, lean = (terminal.screen.cells for terminal in pair)
        if lean != stock:  # a slow machine may still be drawing: give it time before judging
            answers(pair, quiet=0.5, limit=3.0)
            stock, lean = (terminal.screen.cells for terminal in pair)
        assert lean == stock, f"after editing key {step} the screens differ:\n{pair[1].screen.text()}"
    assert pair[1].screen.text() != before  # the script did edit
