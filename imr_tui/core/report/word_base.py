"""The Word document a report is written into: python-docx's blank one on A4, or a board's
reference document emptied of its content, as pandoc's --reference-doc: its fonts, styles,
margins and paper size stay, its text, headers and footers go (imr-tui writes its own: the
protective marking, the version, the date and page numbers).

What it provides: the style ids to use (each style a board's document lacks is taken from
python-docx's), list numbering, the page's text width, section breaks for a landscape page,
and the header and footer.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.package import Package
from docx.parts.numbering import NumberingPart
from docx.section import Section
from docx.shared import Pt, Twips

from imr_tui.core.report.wordml import Element, W, add, w
from imr_tui.core.store import ReviewFileError, os_reason

TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"  # .dotx
CONTENT_TYPES = "[Content_Types].xml"
MAX_REFERENCE_BYTES = 20 * 1024 * 1024  # a board's template with its logos is a few hundred KB
A4 = (11906, 16838)  # twentieths of a point
MARGIN = 1440  # 2.54 cm
BODY_FONT = "Arial"
INDENT = 720  # a numbered paragraph's text starts 1.27 cm in
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

# The styles the report uses, by name; a reference document's own are used where it has them.
STYLES = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "List Paragraph", "Header", "Footer")
TABLE_TEXT = "IMR Table Text"
WIDE_TABLE_TEXT = "IMR Wide Table Text"  # a landscape table's many columns


class ReferenceRefused(ReviewFileError):
    """A reference document that cannot be used: one line, naming the file, never its content."""


def read_reference(path: Path) -> bytes:
    """The reference document's bytes, once it has been found to open as a Word document."""
    try:
        if path.stat().st_size > MAX_REFERENCE_BYTES:
            raise ReferenceRefused(f"{path}: too large for a Word template (over 20 MB); nothing was written")
        data = path.read_bytes()
    except OSError as error:
        raise ReferenceRefused(f"{path}: could not read: {os_reason(error)}; nothing was written") from None
    _open(data, path)
    return data


def _as_document(data: bytes) -> bytes:
    """A board's template saved as .dotx holds a document's parts, its main part declared a
    template: the same bytes with it declared a document, which python-docx opens (and what is
    written from it is a .docx). Anything else is left as it is."""
    with zipfile.ZipFile(io.BytesIO(data)) as template:
        if TEMPLATE_MAIN.encode() not in template.read(CONTENT_TYPES):
            return data
        document = io.BytesIO()
        with zipfile.ZipFile(document, "w", zipfile.ZIP_DEFLATED) as copy:
            for item in template.infolist():
                content = template.read(item)
                if item.filename == CONTENT_TYPES:
                    content = content.replace(TEMPLATE_MAIN.encode(), CT.WML_DOCUMENT_MAIN.encode())
                copy.writestr(item, content)
    return document.getvalue()


def _open(data: bytes, name: Path | str) -> Document:
    try:
        part = Package.open(io.BytesIO(_as_document(data))).main_document_part
    except Exception:  # a damaged file fails in any of zipfile's, lxml's or python-docx's ways
        part = None
    if part is None or part.content_type != CT.WML_DOCUMENT_MAIN:  # .docm and .dotm hold macros
        raise ReferenceRefused(f"{name}: is not a Word document (.docx) imr-tui can read; nothing was written")
    return part.document


def _blank() -> Document:
    """python-docx's blank document as a UK public body's would be: A4, Arial, British English."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(11)
    for language in document.styles.element.xpath("w:docDefaults//w:lang"):
        language.set(w("val"), "en-GB")  # so that Word checks the spelling as British
    section = document.sections[0]
    section.page_width, section.page_height = Twips(A4[0]), Twips(A4[1])
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(MARGIN))
    return document


@cache
def _default_styles() -> Document:
    """python-docx's blank document, read once, whose styles a reference may lack (never changed)."""
    return docx.Document()


class WordBase:
    def __init__(self, reference: bytes | None) -> None:
        self.document = _blank() if reference is None else _open(reference, "the reference document")
        self.body = self.document.element.body
        self.section = self._emptied()
        self.styles = self._styles()
        self.numbering = _numbering(self.document)
        self._bullets: int | None = None

    # Setting up -------------------------------------------------------------------------------

    def _emptied(self) -> Element:
        """Take everything out of the body, the reference's headers and footers too, and keep its
        last section's properties (page size, margins) to close the report's body with."""
        section = self.body.get_or_add_sectPr()
        stories = self.body.xpath(".//w:headerReference | .//w:footerReference")  # every section's
        for child in list(self.body):
            self.body.remove(child)
        for reference in stories:
            if reference.getparent() is not None:
                reference.getparent().remove(reference)
        for reference in stories:  # so that no header or footer of the board's is written out
            self.document.part.drop_rel(reference.get(_RELATIONSHIP_ID))
        page = Section(section, self.document.part)
        page.different_first_page_header_footer = False
        if page.page_width is None or page.page_height is None:
            page.page_width, page.page_height = Twips(A4[0]), Twips(A4[1])
        self.document.settings.odd_and_even_pages_header_footer = False
        return section

    def _styles(self) -> dict[str, str]:
        styles = self.document.styles
        for name in STYLES:
            if name not in styles:
                self._copy_style(name)
        if TABLE_TEXT not in styles:
            text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
            text.base_style = styles["Normal"]
            text.font.size = Pt(10)
            text.paragraph_format.space_before, text.paragraph_format.space_after = Pt(2), Pt(4)
            text.paragraph_format.line_spacing = 1.0
        if WIDE_TABLE_TEXT not in styles:
            styles.add_style(WIDE_TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH).base_style = styles[TABLE_TEXT]
            styles[WIDE_TABLE_TEXT].font.size = Pt(9)
        return {name: styles[name].style_id for name in (*STYLES, TABLE_TEXT, WIDE_TABLE_TEXT)}

    def _copy_style(self, name: str) -> None:
        """Take a style the reference lacks from python-docx's blank document, with the character
        style linked to it."""
        default = _default_styles().styles
        ids = {s.style_id for s in self.document.styles}
        element = default[name].element
        self.document.styles.element.append(copy.deepcopy(element))
        linked = element.find(w("link"))
        if linked is not None and linked.get(w("val")) not in ids:
            twin = next((s for s in default if s.style_id == linked.get(w("val"))), None)
            if twin is not None:
                self.document.styles.element.append(copy.deepcopy(twin.element))

    # Numbering -----------------------------------------------------------------------------

    def _list(self, number_format: str, text: str, hanging: int) -> int:
        """A new list definition of one level; its w:num id, for a paragraph's numPr."""
        numbering = self.numbering
        abstract_id = 1 + max((int(a.get(w("abstractNumId"))) for a in numbering.iter(w("abstractNum"))), default=0)
        num_id = 1 + max((int(n.get(w("numId"))) for n in numbering.iter(w("num"))), default=0)
        abstract = add(numbering, "abstractNum", abstractNumId=abstract_id)
        add(abstract, "multiLevelType", val="singleLevel")
        level = add(abstract, "lvl", ilvl=0)
        add(level, "start", val=1)
        add(level, "numFmt", val=number_format)
        add(level, "lvlText", val=text)
        add(level, "lvlJc", val="left")
        add(add(level, "pPr"), "ind", left=INDENT, hanging=hanging)
        num = add(numbering, "num", numId=num_id)
        add(num, "abstractNumId", val=abstract_id)
        # The schema's order: every abstractNum, then every num, then numIdMacAtCleanup (Word's).
        cleanup = numbering.find(w("numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        numbering.find(w("num")).addprevious(abstract)
        return num_id

    def paragraph_numbers(self, prefix: str) -> int:
        """Numbers for a part's paragraphs: 11.1, 11.2, ..."""
        return self._list("decimal", f"{prefix}.%1", INDENT)

    def list_numbers(self) -> int:
        """Numbers for one list's items, from 1."""
        return self._list("decimal", "%1.", INDENT // 2)

    def bullets(self) -> int:
        if self._bullets is None:
            self._bullets = self._list("bullet", "\u2022", INDENT // 2)
        return self._bullets

    # The page ------------------------------------------------------------------------------

    def text_width(self, landscape: bool = False) -> int:
        """The width between the margins, in twentieths of a point."""
        page = Section(self.section, self.document.part)
        width = max(page.page_width, page.page_height) if landscape else page.page_width
        return width.twips - (page.left_margin or Twips(MARGIN)).twips - (page.right_margin or Twips(MARGIN)).twips

    def end_section(self, landscape: bool) -> None:
        """End the pages so far with a section break: they are laid out as the reference's pages
        are, or turned to landscape. What follows starts on a new page."""
        section = copy.deepcopy(self.section)
        size = section.find(w("pgSz"))
        if landscape and size is not None:
            width, height = int(size.get(w("w"))), int(size.get(w("h")))
            size.set(w("w"), str(max(width, height)))
            size.set(w("h"), str(min(width, height)))
            size.set(w("orient"), "landscape")
        add(add(self.body, "p"), "pPr").append(section)

    def finish(self, header: Callable[[Element], None], footer: Callable[[Element], None], title: str, subject: str) -> bytes:
        """The document, its header and footer written by `header` and `footer` (each given the
        part's root element), on every page of every section."""
        self.body.append(self.section)  # the last section's properties close the body
        first = self.document.sections[0]
        for story, write in ((first.header, header), (first.footer, footer)):
            story.is_linked_to_previous = False
            root = story.part.element
            for child in list(root):
                root.remove(child)
            write(root)
        properties = self.document.core_properties
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        # A board's template may carry its own author, comments or keywords: none of them apply.
        for name in ("author", "last_modified_by", "comments", "keywords", "category", "content_status", "identifier"):
            setattr(properties, name, "")
        # Word's document properties hold 255 characters at most (python-docx refuses more).
        properties.title, properties.subject = title[:255], subject[:255]
        properties.created = properties.modified = now
        properties.revision = 1
        written = io.BytesIO()
        self.document.save(written)
        return written.getvalue()


def _numbering(document: Document) -> Element:
    """The numbering part's root, made if the document has none."""
    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        package = document.part.package
        name = package.next_partname("/word/numbering%d.xml")
        part = NumberingPart.load(name, CT.WML_NUMBERING, f'<w:numbering xmlns:w="{W}"/>'.encode(), package)
        document.part.relate_to(part, RT.NUMBERING)
        return part.element
