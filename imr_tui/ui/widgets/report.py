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
    minute for a 2,000-entry review, with no key heeded meanwhile."""

    def __init__(self, markdown: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._markdown = markdown
        self._lines: list[Strip] = []
        self._width = 0

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._width:
            return
        self._width = width
        self._lines = report_lines(self._markdown, self.app.console, width)
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(self._width, self.rich_style)
        return self._lines[index].apply_style(self.rich_style)
