"""The report as the preview shows it: wrapped once to the window, and drawn a screenful at a time.

Imported only when the preview opens: rich's Markdown brings 60 ms of imports.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it.token import Token
from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown, TableElement
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class RecordsTable(TableElement):
    """A table drawn row by row, each cell under its column's heading: at 80 columns, the
    chronology's ten columns were a few letters wide, every word in them cut short. It stops at
    a row once the report is no longer wanted (the author has left the preview): the rows are
    most of the time laying out a long report takes, and its thread slows the keys meanwhile."""

    wanted: Callable[[], bool]

    @classmethod
    def create(cls, markdown: Markdown, token: Token) -> RecordsTable:
        table = cls()
        table.wanted = getattr(markdown, "wanted", lambda: True)
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        headings = [cell.content.plain for cell in self.header.row.cells] if self.header and self.header.row else []
        for row in self.body.rows if self.body else []:
            if not self.wanted():
                return
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

    def __init__(self, markdown: str, wanted: Callable[[], bool]) -> None:
        self.wanted = wanted
        super().__init__(markdown, hyperlinks=False)


def report_lines(markdown: str, console: Console, width: int, wanted: Callable[[], bool] = lambda: True) -> list[Strip]:
    """The report laid out for `width` columns, a Strip a line; cut short if it stops being
    `wanted`."""
    options = console.options.update_width(width)
    lines = console.render_lines(ReportMarkdown(markdown, wanted), options, pad=True)
    return [Strip(line, width) for line in lines]


class ReportView(ScrollView, can_focus=True):
    """The report in Markdown, laid out once for the width it has (report_lines, which the
    preview runs in another thread); each frame draws only the lines in view. Textual's Static
    laid out and drew the whole of it again and again: half a minute for a 2,000-entry review,
    with no key heeded meanwhile."""

    DEFAULT_CSS = """
    ReportView {
        height: 1fr;
        margin: 0 1;  /* not padding: a scroll would send the padding again with every line */
        overflow-y: scroll;  /* a steady width */
        scrollbar-size-vertical: 2;
    }
    """
    SIDES = 4  # the columns its margin and scroll bar take

    def __init__(self) -> None:
        super().__init__()
        self.strips: list[Strip] = []
        self.laid_out_for = 0  # columns

    def show(self, strips: list[Strip], width: int) -> None:
        """The report as laid out for `width` columns, a Strip a line."""
        self.strips, self.laid_out_for = strips, width
        self.virtual_size = Size(width, len(strips))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if index >= len(self.strips):
            return Strip.blank(self.laid_out_for, self.rich_style)
        return self.strips[index].apply_style(self.rich_style)
