"""The terminal's cursor at the locus of focus, for the screen readers, braille displays and
magnifiers that follow the terminal's own cursor, not a highlighted row or a drawn cursor cell.

Textual moves the terminal's cursor to `App.cursor_position` at the end of every frame it sends,
and only its text fields set that. Here it is worked out as each frame is sent, from whatever has
focus, so no page needs to know: the highlighted row's text in a list or a table, the insertion
point in a text field, the first line of a pane, or of a dialog with nothing to focus; and the
first line of a notice from the frame it appears in until the next key. The cell-diff layer
(screen_diff.py) ends each frame with the cursor where Textual put it.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.geometry import Offset
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, OptionList, TextArea

from imr_tui.ui.textual_seams import option_lines

# What a page or a dialog that has nothing to focus is about: its first line is read first.
UNFOCUSED = ".dialog, #too-small, .summary, .prompt"
NOTICE = "Toast"  # Textual's notification, by its type's name (its module is private)


class CursorAtFocus(App[int]):
    # The notices on show at the last key, by their holder's id, which names the notification:
    # another screen shows the same notices in new widgets.
    notices_before_key: frozenset[str] = frozenset()

    @property
    def cursor_position(self) -> Offset:
        """Where the terminal's cursor is left after each frame: read by Textual as it sends one."""
        screen = self.screen
        new = [notice for notice in screen.query(NOTICE) if _named(notice) not in self.notices_before_key]
        if new and new[-1].region:
            return new[-1].content_region.offset
        return locus(screen)

    @cursor_position.setter
    def cursor_position(self, _offset: Offset) -> None:
        """Text fields set it as their cursor moves; `locus` reads it back from them."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):  # every key comes to the app first
            self.notices_before_key = frozenset(_named(notice) for notice in self.screen.query(NOTICE))
        await super().on_event(event)


def _named(notice: Widget) -> str:
    return notice.parent.id if notice.parent is not None and notice.parent.id else str(id(notice))


def locus(screen: Screen) -> Offset:
    """Where the author's attention is on `screen`: in its focused control, else on the first
    line of what it says."""
    widget = screen.focused
    if widget is None or not widget.region or (isinstance(widget, OptionList) and widget.highlighted is None):
        said = next((w for w in screen.query(UNFOCUSED) if w.region), None)
        return Offset(0, 0) if said is None else said.content_region.offset
    if isinstance(widget, TextArea):
        return widget.cursor_screen_offset
    if isinstance(widget, Input):  # Textual's own offset is a cell past the end of the text
        x, y = widget.content_region.offset
        return Offset(x + cell_len(widget.value[: widget.cursor_position]) - widget.scroll_offset.x, y)
    x, y = widget.content_region.offset
    if isinstance(widget, OptionList) and (lines := option_lines(widget, widget.highlighted)) is not None:
        row = lines[0] - widget.scroll_offset.y
        text = widget.render_line(row).text  # its text may be indented ("   fix ...")
        return Offset(x + len(text) - len(text.lstrip()), y + row)
    if isinstance(widget, DataTable) and widget.row_count:
        above = widget.ordered_rows[: widget.cursor_row]
        y += (widget.header_height if widget.show_header else 0) + sum(row.height for row in above)
        return Offset(x + widget.cell_padding, y - widget.scroll_offset.y)
    if shown := [child for child in widget.children if child.region]:  # a pane: its first line in view
        first = shown[0].content_region
        return Offset(first.x, max(first.y, y))
    return Offset(x, y)


def show_terminal_cursor(app: App) -> None:
    """Keep the terminal's cursor shown (Textual hides it as it starts, and again after ctrl+z),
    for a magnifier that follows a visible caret."""

    class CursorShownDriver(app.driver_class):
        def start_application_mode(self) -> None:
            super().start_application_mode()
            self.write("\x1b[?25h")

    app.driver_class = CursorShownDriver

