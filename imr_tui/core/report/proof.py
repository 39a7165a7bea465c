"""Proof, before a report is written, that its Markdown reads back as the report was built.

markdown-it-py (CommonMark, with tables, and with HTML on, as most viewers and pandoc read it)
parses the Markdown, and its blocks are compared with the report's, in order: every heading at its
level (so the parts come in the board's order), every paragraph, every list with its items, every
table with its columns and rows, and the bold only where the layout put it (labels, the marks of
a draft). Within any text, only plain text and line breaks may appear: a link, an image, code,
emphasis or HTML could only have come from an author's words that escaping let through.

A mismatch raises ReportNotProved, naming the part and what was found, never the text.
"""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from imr_tui.core.report.document import Block, Form, Heading, Items, Label, Labelled, Missing, Paragraphs, Report, Table
from imr_tui.core.report.markdown import paragraphs
from imr_tui.core.store import ReviewFileError

_READER = MarkdownIt("commonmark", {"html": True}).enable("table")
_PLAIN = frozenset({"text", "softbreak", "hardbreak", "strong_open", "strong_close"})
# What a block the layout made may hold inside it: a list only its items' paragraphs, a table
# only its rows and cells.
_INSIDE = frozenset(
    f"{kind}_{end}" for kind in ("paragraph", "list_item", "thead", "tbody", "tr", "th", "td") for end in ("open", "close")
) | {"inline"}

# A block's shape: its kind, then what must match (a heading's level, a list's items, a table's
# columns and rows), and last how many bold runs it holds.
Shape = tuple[object, ...]

_NAMES = {
    "heading": "a heading",
    "paragraph": "a paragraph",
    "list": "a list",
    "table": "a table",
    "link_open": "a link",
    "image": "an image",
    "code_inline": "code",
    "em_open": "emphasis",
    "s_open": "struck-through text",
    "html_inline": "HTML",
    "html_block": "HTML",
    "fence": "a code block",
    "code_block": "a code block",
    "blockquote_open": "a quotation",
    "hr": "a rule",
}


class ReportNotProved(ReviewFileError):
    """The Markdown does not read back as the report: a fault in imr-tui, so nothing is written."""


def _marks(value: object) -> int:
    return 1 if isinstance(value, Missing) else 0


def _shapes(each: Block) -> Iterator[Shape]:
    if isinstance(each, Heading):
        yield ("heading", 3, 0)
    elif isinstance(each, Paragraphs):
        if isinstance(each.text, Missing):
            yield ("paragraph", 1)
        else:
            yield from (("paragraph", 0) for _ in paragraphs(each.text))
    elif isinstance(each, Label):
        yield ("paragraph", 1)
    elif isinstance(each, Labelled):
        yield ("paragraph", 1 + _marks(each.value))
    elif isinstance(each, Items):
        yield ("list", each.numbered, len(each.items), sum(map(_marks, each.items)))
    elif isinstance(each, Table):
        yield ("table", len(each.header), len(each.rows), sum(_marks(c) for row in each.rows for c in row))
    elif isinstance(each, Form):
        for answer in each.blocks():
            yield from _shapes(answer)


def expected(report: Report) -> list[tuple[str, Shape]]:
    """Each block's shape, with the part it belongs to."""
    shapes: list[tuple[str, Shape]] = [("the title", ("heading", 1, 0))]
    if report.draft is not None:
        shapes.append(("the draft's notice", ("paragraph", 1)))
        if report.draft.count:
            listed = len(report.draft.named) + (report.draft.count > len(report.draft.named))
            shapes.append(("the draft's notice", ("list", False, listed, 0)))
    for part in report.parts:
        shapes.append((part.heading, ("heading", 2, 0)))
        shapes += ((part.heading, shape) for each in part.blocks for shape in _shapes(each))
    return shapes


def _strong(tokens: list[Token]) -> int:
    return sum(1 for token in tokens if token.type == "inline" for child in token.children or () if child.type == "strong_open")


def _stray(block: list[Token]) -> str | None:
    """What in a block no layout of ours makes: a heading or code inside a list, a link in text."""
    for token in block[1:-1]:
        if token.type not in _INSIDE:
            return token.type
        for child in token.children or ():
            if child.type not in _PLAIN:
                return child.type
    for child in block[0].children or ():  # a block of one token: a rule, a code block
        if child.type not in _PLAIN:
            return child.type
    return None


def found(markdown: str) -> list[tuple[Shape, str | None]]:
    """The shape of each top-level block markdown-it reads, and the first thing in it, if any,
    that the layout never makes."""
    tokens = _READER.parse(markdown)
    blocks: list[tuple[Shape, str | None]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        end = i + 1
        if token.nesting == 1:  # a block: on to its closing token
            depth = 1
            while depth:
                depth += tokens[end].nesting
                end += 1
        inside = tokens[i:end]
        kind = token.type.removesuffix("_open")
        if kind == "heading":
            shape: Shape = ("heading", int(token.tag[1:]), _strong(inside))
        elif kind == "paragraph":
            shape = ("paragraph", _strong(inside))
        elif kind in ("bullet_list", "ordered_list"):
            items = sum(1 for t in inside if t.type == "list_item_open" and t.level == token.level + 1)
            shape = ("list", kind == "ordered_list", items, _strong(inside))
        elif kind == "table":
            columns = sum(1 for t in inside if t.type == "th_open")
            rows = sum(1 for t in inside if t.type == "tr_open") - 1  # less the header row
            shape = ("table", columns, rows, _strong(inside))
        else:
            shape = (token.type,)
        blocks.append((shape, _stray(inside)))
        i = end
    return blocks


def _described(shape: Shape | None) -> str:
    if shape is None:
        return "nothing"
    name = _NAMES.get(str(shape[0]), str(shape[0]))
    if shape[0] == "heading":
        return f"{name} at level {shape[1]}"
    if shape[0] in ("list", "table"):
        return f"{name} of {shape[2]} {'items' if shape[0] == 'list' else 'rows'}"
    return name


def prove(report: Report, markdown: str) -> None:
    """Raise ReportNotProved unless `markdown` reads back block for block as `report`."""
    wanted = expected(report)
    blocks = found(markdown)
    for n, (where, shape) in enumerate(wanted):
        got, stray = blocks[n] if n < len(blocks) else (None, None)
        if got != shape:
            raise ReportNotProved(
                f"the report did not come out as built, in {where}: {_described(got)} where "
                f"{_described(shape)} belongs"
            )
        if stray is not None:
            raise ReportNotProved(
                f"the report did not come out as built, in {where}: an answer reads as {_NAMES.get(stray, stray)}"
            )
    if len(blocks) > len(wanted):
        raise ReportNotProved(f"the report did not come out as built: {_described(blocks[len(wanted)][0])} after its end")
