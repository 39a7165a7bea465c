"""Every place imr-tui touches a private part of Textual, and why; nowhere else does.

Each was checked against Textual 8.2.8, the release pyproject.toml pins. An upgrade that moves
one fails a test: tests/ui/test_lean_widgets.py for the lean widgets, tests/terminal/
test_terminals.py for what is sent, tests/terminal/test_privacy.py for a crash.
tests/ui/test_textual_seams.py fails if a Textual private is touched outside this module.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, OptionList, TextArea
from textual.widgets.input import Selection as InputSelection
from textual.widgets.text_area import Location, Selection


class OpaquePagesApp(App[int]):
    @property
    def _background_screens(self) -> list[Screen]:
        """The screens that show through the one on top: none through an opaque page.

        Textual counts the screen under the top one as showing through it even when nothing
        can: its resizes and repaints then repaint the whole page. At startup the blank screen
        under the first page sent it twice (16.5 KB where 10.5 KB will do), and a covered page
        went on redrawing unseen. A see-through dialog still shows the page under it.
        Checked against Textual 8.2.8."""
        stack = self.screen_stack
        if stack and stack[-1].styles.background.a == 1:
            return []
        return super()._background_screens


class PrivateCrashApp(App[int]):
    """An app whose crash report is its own `crash_report`, with nothing from the review in it."""

    def crash_report(self, error: Exception) -> str:
        raise NotImplementedError

    def _handle_exception(self, error: Exception) -> None:
        # Textual's own report prints local variables, which here hold the case; no public hook
        # replaces it. This does what Textual's does (exit status 1, the error kept for Pilot,
        # which re-raises it in tests; the message loops closed) with another text on exit.
        # Checked against Textual 8.2.8.
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._exit_renderables.append(Text(self.crash_report(error)))
        self._close_messages_no_wait()


class DrawingHeldScreen(Screen):
    """A screen that can hold back what it would draw (while `drawing_held()`), to be drawn at
    once later by `draw_what_waited`."""

    drawings_held = 0  # how often this screen had something to draw while it was held

    def drawing_held(self) -> bool:
        return False

    def _compositor_refresh(self) -> None:
        # Textual's one place where a screen sends what changed to the terminal; there is no
        # public way to wait. By now Textual has marked the changed regions in the compositor:
        # they stay marked, to be drawn with the rest. Checked against Textual 8.2.8.
        if self.drawing_held():
            self.drawings_held += 1
            self._dirty_widgets.clear()
            return
        super()._compositor_refresh()


def draw_what_waited(screen: Screen) -> None:
    """Send what changed on `screen` while its drawing was held, at once. Checked against
    Textual 8.2.8 (see DrawingHeldScreen)."""
    screen._compositor_refresh()


class SelectionWatchedTextArea(TextArea):
    """A TextArea told, by `selection_moved`, when its selection or cursor moves."""

    def selection_moved(self, previous: Selection, selection: Selection, brackets: tuple[Location | None, ...]) -> None:
        """After Textual's own watcher; `brackets`: the matching bracket before and after."""

    def _watch_selection(self, previous_selection: Selection, selection: Selection) -> None:
        # Textual's watcher of `selection` is private, and runs whenever it changes; LeanTextArea
        # redeclares `selection` without repaint and repaints what the move changed here. The
        # stock watcher moves the matching bracket, which is read before and after.
        # Checked against Textual 8.2.8.
        bracket_before = self._matching_bracket_location
        super()._watch_selection(previous_selection, selection)
        self.selection_moved(previous_selection, selection, (bracket_before, self._matching_bracket_location))


class InputRepaintingItsLine(Input):
    """An Input that repaints its line of text when the text or the cursor changes (its
    redeclared reactives no longer repaint the whole widget)."""

    # Textual's watchers of `value` and `selection` are private. Checked against Textual 8.2.8.
    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self.refresh_line(0)  # an Input draws its text on its first and only line

    def _watch_selection(self, selection: InputSelection) -> None:
        super()._watch_selection(selection)
        self.refresh_line(0)


def option_lines(options: OptionList, index: int) -> tuple[int, int] | None:
    """The first line the option at `index` is drawn on and how many it takes, None if it is
    not laid out. OptionList keeps these in private maps only. Checked against Textual 8.2.8."""
    if index not in options._index_to_line:
        return None
    return options._index_to_line[index], options._heights[index]
