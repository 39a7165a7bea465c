"""The report (report/document.py, built by report/build.py) as Markdown.

Escaping: every piece of text, the author's and the template's, goes through one of three
functions, so nothing typed can become Markdown structure (a heading, list, quote, table, rule,
link, image, autolink, code, emphasis, HTML or entity) and it reads back as typed:

- `inline(text)`: one line, for headings, labels and short answers. Line breaks become spaces and
  whitespace at the two ends is dropped.
- `block(text)`: paragraphs, for long answers. Lines with nothing but whitespace separate
  paragraphs (a run of them is one break); any other line break is a hard line break (a backslash
  at the end of the line). Whitespace at the start and end of each line is kept as character
  references, so indentation can never make a code block or be lost.
- `cell(text)`: a table cell, which cannot hold a line break. The rule: each line is trimmed,
  blank lines are dropped, and the lines are joined with " / ".

In all three, `\r\n` and `\r` are line breaks, and control characters other than tab and line
breaks become U+FFFD, as CommonMark already does for U+0000 (in a file they would reach a terminal).
A backslash (which CommonMark makes literal before any ASCII punctuation) goes before each of
\\ ` * _ [ ] < > & | ~ # anywhere, before - + = : at the start of a line, and before the . or )
after a number that starts a line. Other punctuation is left alone so the Markdown stays readable:
Child A's mother (aged 24) said: "no." is written as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from imr_tui.core.report import document
from imr_tui.core.report.document import (
    Block,
    DraftNotice,
    Form,
    Heading,
    Items,
    Label,
    Labelled,
    Missing,
    Paragraphs,
    Report,
    Value,
)

CELL_LINE_BREAK = " / "

_ANYWHERE = frozenset("\\`*_[]<>&|~#")  # code, emphasis, links, images, HTML, entities, tables, headings
_AT_LINE_START = frozenset("-+=:")  # lists, setext headings, thematic breaks, table delimiter rows
_LIST_NUMBER = re.compile(r"[0-9]+(?=[.)])")  # "1." or "1)" starts an ordered list
# Each a regular expression, not a loop over characters: a merged chronology is ten million of them.
_ANYWHERE_RE = re.compile("[" + re.escape("".join(sorted(_ANYWHERE))) + "]")
_CONTROL_NOT_TAB_OR_LINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode's Cc, less \t and \n


# Escaping ---------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_NOT_TAB_OR_LINE.sub("\ufffd", text)


def _literal(text: str) -> str:
    """`text`, taken to start a line, with a backslash before anything that could be Markdown."""
    text = _ANYWHERE_RE.sub(r"\\\g<0>", text)
    if text[:1] in _AT_LINE_START:
        return "\\" + text
    if number := _LIST_NUMBER.match(text):
        return text[: number.end()] + "\\" + text[number.end() :]
    return text


def _references(whitespace: str) -> str:
    return "".join(f"&#{ord(c)};" for c in whitespace)


def _line(line: str) -> str:
    start, end = len(line) - len(line.lstrip()), len(line.rstrip())
    return _references(line[:start]) + _literal(line[start:end]) + _references(line[end:])


def inline(text: str) -> str:
    """`text` as one line of Markdown that reads back as itself (line breaks read as spaces)."""
    return _literal(_clean(text).replace("\n", " ").strip())


def paragraphs(text: str) -> list[list[str]]:
    """`text`'s paragraphs, each a list of its lines: lines holding only whitespace separate them."""
    return document.paragraphs(_clean(text))


def block(text: str, indent: str = "") -> str:
    """`text` as Markdown paragraphs; `indent` goes before every line but the first (list items)."""
    return f"\n\n{indent}".join(f"\\\n{indent}".join(map(_line, lines)) for lines in paragraphs(text))


def cell(text: str) -> str:
    """`text` as one table cell: its lines joined with CELL_LINE_BREAK, `|` escaped."""
    lines = (line.strip() for line in _clean(text).split("\n"))
    return CELL_LINE_BREAK.join(_literal(line) for line in lines if line)


# Layout ----------------------------------------------------------------------------------------


def heading(level: int, text: str) -> str:
    return f"{'#' * level} {inline(text)}"


def strong(text: str) -> str:
    return f"**{inline(text)}**"


def _marker(missing: Missing) -> str:
    """What a draft shows in place of a required answer not yet given."""
    mark = f"{strong(missing.mark)} {inline(missing.prompt)}".rstrip()
    return f"{inline(missing.lead)} {mark}" if missing.lead else mark


def _inline(value: Value) -> str:
    return _marker(value) if isinstance(value, Missing) else inline(value)


def _block(value: Value, indent: str = "") -> str:
    return _marker(value) if isinstance(value, Missing) else block(value, indent)


def _table(header: Iterable[str], rows: Iterable[Iterable[Value]]) -> str:
    """A GFM table: a header row, a delimiter row, a row a line."""
    lines = [[inline(h) for h in header]]
    lines.append(["---"] * len(lines[0]))
    lines += [[_marker(c) if isinstance(c, Missing) else cell(c) for c in row] for row in rows]
    return "\n".join("| " + " | ".join(row) + " |" for row in lines)


def _items(items: Items) -> str:
    lines = []
    for number, item in enumerate(items.items, 1):
        marker = f"{number}. " if items.numbered else "- "
        lines.append(marker + _block(item, " " * len(marker)))  # later lines line up after the marker
    return "\n".join(lines)


def _labelled(labelled: Labelled) -> str:
    return f"{strong(labelled.caption)} {_inline(labelled.value)}".rstrip()


def block_markdown(each: Block) -> str:
    """One block of the report as Markdown."""
    if isinstance(each, Heading):
        return heading(3, each.text)
    if isinstance(each, Paragraphs):
        return _block(each.text)
    if isinstance(each, Label):
        return strong(each.text)
    if isinstance(each, Labelled):
        return _labelled(each)
    if isinstance(each, Items):
        return _items(each)
    if isinstance(each, Form):  # Markdown has no forms: the record's answers one by one
        return "\n\n".join(map(block_markdown, each.blocks()))
    return _table(each.header, each.rows)


def draft_notice(notice: DraftNotice) -> list[str]:
    if not notice.count:
        return [strong(notice.headline)]
    return [
        f"{strong(notice.headline)} {inline(notice.explanation)}",
        "\n".join(f"- {inline(name)}" for name in notice.listed),
    ]


def render(report: Report) -> str:
    """The report as one Markdown document: its blocks apart by blank lines."""
    blocks = [heading(1, report.title)]
    if report.draft is not None:
        blocks += draft_notice(report.draft)
    for part in report.parts:
        blocks.append(heading(2, part.heading))
        blocks += (block_markdown(each) for each in part.blocks)
    return "\n\n".join(blocks) + "\n"
