"""The report as the preview shows it: wrapped once to the window, and drawn a screenful at a time.

Imported only when the preview opens: rich's Markdown brings 60 ms of imports.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown, TableElement
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class RecordsTable(TableElement):
    """A table drawn row by row, each cell under its column's heading: at 80 columns, the
    chronology's ten columns were a few letters wide, every word in them cut short."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        headings = [cell.content.plain for cell in self.header.row.cells] if self.header and self.header.row else []
        for row in self.body.rows if self.body else []:
            record = Text()
            for number, (heading, cell) in enumerate(zip(headings, row.cells)):
                if not cell.content.plain.strip():
                    continue
                record.append("\n" if record else "")
                record.append(f"{heading}: ", style="bold")
                record.append_text(cell.content)
                if number == 0:  # the row's own key (a date, a number) heads it
                    record.stylize("bold")
            yield record
            yield Text()


class ReportMarkdown(Markdown):
    elements = {**Markdown.elements, "table_open": RecordsTable}


def report_lines(markdown: str, console: Console, width: int) -> list[Strip]:
    """The report laid out for `width` columns, a Strip a line."""
    options = console.options.update_width(width)
    lines = console.render_lines(ReportMarkdown(markdown, hyperlinks=False), options, pad=True)
    return [Strip(line, width) for line in lines]


class ReportView(ScrollView, can_focus=True):
    """The report in Markdown, laid out once for the width it has; each frame draws only the
    lines in view. Textual's Static laid out and drew the whole of it again and again: half a
    minute for a 2,000-entry review, with no key heeded meanwhile.

    It is laid out as it is made, for a window `window_width` wide, before its page is built: a
    page is held back while it is built (ui/building.py), 2 s at most, and laying out a
    2,000-entry report takes longer, which sent its page twice."""

    DEFAULT_CSS = """
    ReportView {
        height: 1fr;
        margin: 0 1;  /* not padding: a scroll would send the padding again with every line */
        overflow-y: scroll;  /* a steady width */
        scrollbar-size-vertical: 2;
    }
    """
    SIDES = 4  # the columns its margin and scroll bar take

    def __init__(self, markdown: str, window_width: int) -> None:
        super().__init__()
        self._markdown = markdown
        self._lay_out(window_width - self.SIDES)

    def _lay_out(self, width: int) -> None:
        self._width = width
        self._lines = report_lines(self._markdown, self.app.console, width)
        self.virtual_size = Size(width, len(self._lines))

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:  # a wider window, say
            self._lay_out(self.scrollable_content_region.width)
            self.refresh()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(self._width, self.rich_style)
        return self._lines[index].apply_style(self.rich_style)
