"""WordprocessingML (the XML inside a .docx), built element by element with lxml.

Text is never interpreted: every piece of it is set as an element's text, so lxml escapes it,
and it is never parsed as XML. What the author typed stays as typed, with two exceptions:
"\\r\\n" and "\\r" are line breaks, as everywhere in imr-tui; and characters a Word document
cannot hold (XML 1.0 has no place for most control characters; the others, C1 controls
included, are replaced too, as the Markdown replaces them) become MARK, counted by where they were,
so that the export can say so. A line break is a <w:br/>, a tab a <w:tab/>.

Elements are made with their children in the order the schema requires, which Word insists on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MARK = "\ufffd"  # shown where a character a Word document cannot hold was typed
_CANNOT_HOLD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

Element = etree._Element


def w(tag: str) -> str:
    """A WordprocessingML name: w('p') is {...main}p."""
    return f"{{{W}}}{tag}"


def add(parent: Element, tag: str, **values: str | int) -> Element:
    """A new child of `parent`, each keyword an attribute in the w: namespace."""
    child = etree.SubElement(parent, w(tag))
    for name, value in values.items():
        child.set(w(name), str(value))
    return child


class Text:
    """Cleans text for a document and counts what it replaced, by where it was (`where`)."""

    def __init__(self) -> None:
        self.replaced: Counter[str] = Counter()
        self.where = ""

    def clean(self, text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text, count = _CANNOT_HOLD.subn(MARK, text)
        if count:
            self.replaced[self.where] += count
        return text


def run(paragraph: Element, text: str, *, bold: bool = False, italic: bool = False, highlight: bool = False) -> Element:
    """A run of clean text: its line breaks and tabs as Word's own."""
    r = add(paragraph, "r")
    if bold or italic or highlight:
        properties = add(r, "rPr")
        if bold:
            add(properties, "b")
        if italic:
            add(properties, "i")
        if highlight:
            add(properties, "highlight", val="yellow")
    for n, line in enumerate(text.split("\n")):
        if n:
            add(r, "br")
        for m, piece in enumerate(line.split("\t")):
            if m:
                add(r, "tab")
            if piece:
                t = add(r, "t")
                t.set(_XML_SPACE, "preserve")
                t.text = piece
    return r


def paragraph(
    parent: Element,
    style: str = "",
    *,
    numbering: int | None = None,
    page_break_before: bool = False,
    keep_with_next: bool = False,
    centred: bool = False,
    space_before: int | None = None,
) -> Element:
    """An empty paragraph in `style` (a style id), numbered by `numbering` (a w:num id) if given."""
    p = add(parent, "p")
    if style or numbering is not None or page_break_before or keep_with_next or centred or space_before is not None:
        properties = add(p, "pPr")
        if style:
            add(properties, "pStyle", val=style)
        if keep_with_next:
            add(properties, "keepNext")
        if page_break_before:
            add(properties, "pageBreakBefore")
        if numbering is not None:
            numbers = add(properties, "numPr")
            add(numbers, "ilvl", val=0)
            add(numbers, "numId", val=numbering)
        if space_before is not None:
            add(properties, "spacing", before=space_before)
        if centred:
            add(properties, "jc", val="center")
    return p


def field(paragraph: Element, instruction: str, shown: str) -> None:
    """A field Word works out as it lays the page out (PAGE, NUMPAGES); `shown` until it does."""
    add(add(paragraph, "r"), "fldChar", fldCharType="begin")
    code = add(add(paragraph, "r"), "instrText")
    code.set(_XML_SPACE, "preserve")
    code.text = f" {instruction} "
    add(add(paragraph, "r"), "fldChar", fldCharType="separate")
    run(paragraph, shown)
    add(add(paragraph, "r"), "fldChar", fldCharType="end")


# Tables ------------------------------------------------------------------------------------------

HEADER_SHADE = "D9D9D9"
LABEL_SHADE = "F2F2F2"


def table(parent: Element, widths: Iterable[int]) -> Element:
    """A table of fixed column widths (twentieths of a point), a single line round every cell."""
    widths = list(widths)
    tbl = add(parent, "tbl")
    properties = add(tbl, "tblPr")
    add(properties, "tblW", w=sum(widths), type="dxa")
    borders = add(properties, "tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        add(borders, edge, val="single", sz=4, space=0, color="auto")
    add(properties, "tblLayout", type="fixed")
    margins = add(properties, "tblCellMar")
    add(margins, "left", w=57, type="dxa")  # 1 mm: the chronology's narrow columns need the room
    add(margins, "right", w=57, type="dxa")
    add(properties, "tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=0, lastColumn=0, noHBand=0, noVBand=1)
    grid = add(tbl, "tblGrid")
    for width in widths:
        add(grid, "gridCol", w=width)
    return tbl


def row(tbl: Element, *, header: bool = False, height: int | None = None) -> Element:
    """A row; a header row repeats at the top of every page the table runs onto. Rows may break
    across pages (no cantSplit): a long chronology entry would otherwise leave half a page blank."""
    tr = add(tbl, "tr")
    if header or height is not None:
        properties = add(tr, "trPr")
        if height is not None:
            add(properties, "trHeight", val=height, hRule="atLeast")
        if header:
            add(properties, "tblHeader")
    return tr


def cell(tr: Element, width: int, *, span: int = 1, shade: str = "") -> Element:
    """A cell `width` wide, across `span` columns; fill it with paragraphs (it needs one at least)."""
    tc = add(tr, "tc")
    properties = add(tc, "tcPr")
    add(properties, "tcW", w=width, type="dxa")
    if span > 1:
        add(properties, "gridSpan", val=span)
    if shade:
        add(properties, "shd", val="clear", color="auto", fill=shade)
    return tc
