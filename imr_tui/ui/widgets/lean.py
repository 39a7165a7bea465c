"""Answer editors and lists that repaint only the screen lines a key changed, for authors on a
slow link.

Textual's TextArea and Input repaint the whole widget whenever the cursor moves or the text
changes: at 80x24 a full-height TextArea sends about 4,400 bytes to the terminal for each typed
character, a bordered Input about 900. Over a slow remote connection that is a visible lag.
These subclasses draw exactly what the stock widgets draw (their rendering is untouched); they
only tell Textual which lines changed, so a typed character, a backspace or a cursor move
repaints one or two lines (about 200 bytes). Likewise an option list (the task list, a choice)
repaints the two options an arrow key moves the highlight between, not the whole list: 3.5 KB a
key on the task list.

Textual 8.2 decides "repaint everything" in a few reactive declarations, which are redeclared
here without `repaint`. What needs more than a few lines still repaints the whole widget: a line
added or removed, the view scrolled, a paragraph rewrapped onto more or fewer lines, an undo or
redo, a new text. The Textual internals this leans on are in textual_seams.py and checked by
tests/ui/test_lean_widgets.py, so an upgrade that moves them fails a test instead of leaving stale
text on the author's screen.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.widgets import Input, OptionList, TextArea
from textual.widgets.input import Selection as InputSelection
from textual.widgets.text_area import Edit, EditResult, Location, Selection

from imr_tui.ui import keys
from imr_tui.ui.textual_seams import InputRepaintingItsLine, SelectionWatchedTextArea, option_lines


class LeanTextArea(SelectionWatchedTextArea):
    """A TextArea that repaints only the screen lines a keystroke changed.

    An answer's paragraph is one document row that wraps onto many screen lines. Typing at its
    end changes one screen line, so that line is repainted: not the paragraph, not the widget.
    """

    # Its editing keys (backspace, arrows, ctrl+a/e/k/u/w...) in the order typed: see keys.at_once.
    BINDINGS = keys.at_once(TextArea.BINDINGS)

    # Stock: repaint=True, which repaints every line on every cursor move and every keystroke.
    selection = reactive(Selection(), init=False, always_update=True, repaint=False)

    def selection_moved(self, previous: Selection, selection: Selection, brackets: tuple[Location | None, ...]) -> None:
        """Repaint what shows the selection: the selected text and the cursor at its end, the
        cursor's row (highlighted whole) and the bracket matching the one at the cursor."""
        if previous.end[0] != selection.end[0]:
            self._refresh_rows(previous.end[0], selection.end[0])
        for start, end in (previous, selection):
            self._refresh_between(start, end)
        for bracket in brackets:
            if bracket is not None:
                self._refresh_between(bracket, bracket)

    def edit(self, edit: Edit) -> EditResult:
        # ctrl+k on the last row deletes to the start of a row after it, which does not exist.
        rows = range(edit.top[0], min(edit.bottom[0], self.document.line_count - 1) + 1)
        drawn = [self.wrapped_document.get_sections(row) for row in rows]
        old_selection_lines = self._lines_between(*self.selection)  # as wrapped before the edit
        line_count, placeholder_before = self.document.line_count, self._shows_placeholder
        result = super().edit(edit)
        # Everything is repainted when rows moved, when syntax colours may change anywhere, or when
        # the placeholder (which may take several lines) shows or goes. A change in the wrapped
        # height repaints everything by itself (it changes virtual_size).
        if (
            self.document.line_count != line_count
            or self.is_syntax_aware
            or placeholder_before
            or self._shows_placeholder
        ):
            self.refresh()
        else:
            self._refresh_changed_lines(rows, drawn)
            if old_selection_lines is not None:
                self.refresh_lines(*old_selection_lines)
        return result

    def undo(self) -> None:
        super().undo()
        self.refresh()  # rare: not worth working out which lines a batch of edits touched

    def redo(self) -> None:
        super().redo()
        self.refresh()

    def load_text(self, text: str) -> None:
        super().load_text(text)
        self.refresh()

    @property
    def _shows_placeholder(self) -> bool:
        return bool(self.placeholder) and not self.text

    def _refresh_changed_lines(self, rows: range, drawn: list[list[str]]) -> None:
        """Repaint the screen lines of the edited rows whose text differs from what was drawn.

        The rows are the same rows before and after (no row was added or removed), and they take
        as many screen lines as before (or virtual_size changed and everything is repainted).
        """
        wrapped = self.wrapped_document
        now = [wrapped.get_sections(row) for row in rows]
        first_line = wrapped.location_to_offset((rows.start, 0)).y
        if [len(sections) for sections in now] != [len(sections) for sections in drawn]:
            self.refresh_lines(first_line, sum(len(sections) for sections in now))  # lines moved between rows
            return
        y = first_line
        for row_before, row_now in zip(drawn, now):
            for before, after in zip(row_before, row_now):
                if before != after:
                    self.refresh_line(y)
                y += 1

    def _lines_between(self, start: Location, end: Location) -> tuple[int, int] | None:
        """The first screen line and the number of lines from `start` to `end` (None if not in the text)."""
        if max(start[0], end[0]) >= self.document.line_count:
            return None  # a location from before an edit removed rows, which repaints everything
        first, last = sorted(self.wrapped_document.location_to_offset(location).y for location in (start, end))
        return first, last - first + 1

    def _refresh_between(self, start: Location, end: Location) -> None:
        if (lines := self._lines_between(start, end)) is not None:
            self.refresh_lines(*lines)

    def _refresh_rows(self, *rows: int) -> None:
        """Repaint every screen line the given document rows wrap onto."""
        for row in rows:
            if row < self.document.line_count:
                self._refresh_between((row, 0), (row, len(self.document[row])))


class LeanInput(InputRepaintingItsLine):
    """An Input that repaints only its line of text when the text or the cursor changes.

    The stock Input repaints its border too (three lines instead of one), and a longer text
    changes its virtual width, which Textual treats as a change of layout and repaints the lot.
    """

    # Its editing keys in the order typed: in a burst, a backspace acted on after the letters
    # typed after it, and the field showed another date than the one typed (see keys.at_once).
    BINDINGS = keys.at_once(Input.BINDINGS)

    value = reactive("", init=False, repaint=False)
    selection = reactive(InputSelection.cursor(0), repaint=False)
    # Stock (from Widget): layout=True. An Input's virtual width only bounds horizontal scrolling,
    # which reads it directly; an Input sized by its text asks for a layout itself.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


class LeanOptionList(OptionList):
    """An OptionList that repaints only the options the highlight leaves and reaches."""

    BINDINGS = keys.at_once(OptionList.BINDINGS)
    # Stock: repaint=True. A move of the highlight that scrolls the list repaints it all anyway.
    highlighted: Reactive[int | None] = reactive(None, repaint=False)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the option enter opens: the highlighted one, if it can be chosen."""
        option = self.highlighted_option
        return None if option is None or option.disabled else option.id

    def watch_highlighted(self, previous: int | None, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        for index in (previous, highlighted):
            if index is not None and (lines := option_lines(self, index)) is not None:
                self.refresh_lines(*lines)
