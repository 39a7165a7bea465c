"""The report (report/document.py, built by report/build.py) as a Word document, and the blank
Appendix I pro forma as one to print.

What a panel member finds: a title page (the review, the agency, the author, the children's
labels, the version; in a draft, what is still to do); each part under a Heading 1 and each
sub-part under a Heading 2, so that Word's navigation pane and a table of contents find them; the
paragraphs of Sections 2 to 13 numbered 11.1, 11.2, ... within their section by Word's own
numbering; the terms of reference, the chronology, the action plan and the glossary as tables
whose header row repeats on every page and whose rows may break across pages, the chronology and
the action plan on landscape pages; each interview record laid out as the pro forma, on a page
of its own, with the sign-off; and on every page the protective marking, the agency,
"Version N, DATE" and "Page X of Y" (Word fields).

The text is the author's, character for character (see wordml.py for the one exception, which
is counted and reported); a draft marks each missing answer where it belongs, as the Markdown does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from imr_tui.core.dates import format_date
from imr_tui.core.guidance import template
from imr_tui.core.report.document import (
    Block,
    Cover,
    DraftNotice,
    Form,
    FormField,
    Heading,
    Items,
    Label,
    Labelled,
    Missing,
    Paragraphs,
    Part,
    Report,
    Table,
    Value,
    paragraphs,
)
from imr_tui.core.report.pro_forma import pro_forma_sheet
from imr_tui.core.report.word_base import TABLE_TEXT, WIDE_TABLE_TEXT, WordBase
from imr_tui.core.report.wordml import HEADER_SHADE, LABEL_SHADE, Element, Text, cell, field, paragraph, row, run, table

# Each table's columns, as shares of the page's width, by the table's kind.
WIDTHS = {
    # Wide enough for each heading's longest word at 8 pt ("No.", "Practitioner", "Interviews").
    "chronology": (6, 10, 6, 12, 10, 13, 9, 18, 16, 16, 11, 10),
    "merged-chronology": (6, 12, 4, 10, 6, 12, 10, 13, 9, 18, 16, 16),
    "action-plan": (5, 17, 8, 17, 11, 10, 15, 15, 9),
    "glossary": (1, 3),
}
WIDE = frozenset({"chronology", "merged-chronology", "action-plan"})  # too many columns for a portrait page
NUMBERED_LIST = (1, 11)  # a numbered list as a table: its number and its item
FACTS = (3, 7)  # the title page's table: what each fact is, and the fact
FORM = (7, 13)  # a pro forma: the label, and the answer
WRITING_ROOM = 3700  # twentieths of a point: 6.5 cm, about eleven handwritten lines for a long answer
SIGNING_ROOM = 850  # and 1.5 cm to sign in
TITLE_SPACE = 2400  # the title stands 4 cm down its page


@dataclass(frozen=True)
class WordDocument:
    """A .docx file's bytes, and how many characters it could not hold were replaced by wordml.MARK,
    by where they were (a part's heading, 'the title page', 'the header and footer')."""

    data: bytes
    replaced: dict[str, int]


def report_docx(report: Report, *, today: dt.date, reference: bytes | None = None) -> WordDocument:
    """The report as a Word document, on the reference document's styles and page if one is given."""
    writer = _Writer(WordBase(reference))
    cover = report.cover
    writer.title_page(cover, report.draft, today)
    for number, part in enumerate(report.parts):
        writer.part(part, first=number == 0)
    writer.text.where = "the header and footer"
    marking = writer.plain(cover.marking)
    top = f"{cover.agency}: {cover.title}" if cover.agency else cover.title
    version = writer.plain(cover.version)
    dated = f"Version {version}, {format_date(today)}" if version else format_date(today)
    return writer.finish(marking, top + (" (DRAFT)" if report.draft else ""), dated, report.title, cover.subtitle)


def pro_forma_docx(*, reference: bytes | None = None) -> WordDocument:
    """The blank Appendix I interview record sheet, to print, fill in by hand, sign and agree."""
    title, form = pro_forma_sheet()
    writer = _Writer(WordBase(reference))
    writer.heading(title, "Heading 1")
    writer.form(form, blank=True)
    marking = template().part("review-details").question("protective_marking").default
    return writer.finish(f"{marking} when completed", title, "", title, "")


def _shares(shares: Iterable[int], total: int) -> list[int]:
    """Column widths from shares of `total`; they add up to it exactly."""
    shares = list(shares)
    widths = [total * share // sum(shares) for share in shares]
    widths[-1] += total - sum(widths)
    return widths


class _Writer:
    def __init__(self, base: WordBase) -> None:
        self.base = base
        self.body = base.body
        self.styles = base.styles
        self.text = Text()
        self.numbering: int | None = None  # the current part's paragraph numbers

    # Text ---------------------------------------------------------------------------------

    def plain(self, value: Value) -> str:
        """One line of text (a heading, the header), or '' for an answer still to give."""
        return "" if isinstance(value, Missing) else self.text.clean(value).replace("\n", " ").strip()

    def marked(self, p: Element, missing: Missing) -> None:
        if missing.lead:
            run(p, self.text.clean(missing.lead) + " ")
        run(p, missing.mark, bold=True, highlight=True)
        if missing.prompt:
            run(p, " " + self.text.clean(missing.prompt))

    def value(self, p: Element, value: Value) -> None:
        if isinstance(value, Missing):
            self.marked(p, value)
        else:
            run(p, self.text.clean(value))

    def long_answer(self, parent: Element, value: Value, style: str, numbered: bool = False) -> int:
        """A long answer's paragraphs (or the mark in its place); how many."""
        numbering = self.numbering if numbered else None
        if isinstance(value, Missing):
            self.marked(paragraph(parent, style, numbering=numbering), value)
            return 1
        found = paragraphs(self.text.clean(value))
        for lines in found:
            run(paragraph(parent, style, numbering=numbering), "\n".join(lines))
        return len(found)

    def heading(self, text: str, style: str, *, page_break: bool = False) -> None:
        run(paragraph(self.body, self.styles[style], page_break_before=page_break), self.plain(text))

    # The title page -----------------------------------------------------------------------

    def title_page(self, cover: Cover, draft: DraftNotice | None, today: dt.date) -> None:
        self.text.where = "the title page"
        run(paragraph(self.body, self.styles["Title"], space_before=TITLE_SPACE), self.plain(cover.title))
        run(paragraph(self.body, self.styles["Subtitle"]), self.plain(cover.subtitle))
        widths = _shares(FACTS, self.base.text_width())
        facts = table(self.body, widths)
        for fact in (*cover.facts, Labelled("Date", format_date(today))):
            self.labelled_row(facts, widths, fact.label, fact.value)
        paragraph(self.body)
        if draft is not None:
            self.draft_notice(draft)

    def draft_notice(self, notice: DraftNotice) -> None:
        p = paragraph(self.body, self.styles["Normal"])
        run(p, notice.headline, bold=True, highlight=True)
        if notice.explanation:
            run(p, " " + notice.explanation)
        bullets = self.base.bullets()
        for named in notice.listed:
            run(paragraph(self.body, self.styles["List Paragraph"], numbering=bullets), self.text.clean(named))

    # The parts ----------------------------------------------------------------------------

    def part(self, part: Part, *, first: bool) -> None:
        self.text.where = part.heading
        wide = any(isinstance(each, Table) and each.kind in WIDE for each in part.blocks)
        if wide:
            self.base.end_section(landscape=False)  # which starts the next page
        # The report's body starts on a new page, and so does each part without a number (the
        # appendix and the glossary, after it).
        self.heading(part.heading, "Heading 1", page_break=(first or not part.number) and not wide)
        self.numbering = self.base.paragraph_numbers(part.number) if part.number else None
        for n, each in enumerate(part.blocks):
            following = part.blocks[n + 1] if n + 1 < len(part.blocks) else None
            self.block(each, new_page=n > 0 and isinstance(following, Form))  # each pro forma on a page of its own
        if wide:
            self.base.end_section(landscape=True)

    def block(self, each: Block, *, new_page: bool = False) -> None:
        normal = self.styles["Normal"]
        numbered = self.numbering is not None
        if isinstance(each, Heading):
            self.heading(each.text, "Heading 2", page_break=new_page)
        elif isinstance(each, Paragraphs):
            self.long_answer(self.body, each.text, normal, numbered)
        elif isinstance(each, Label):
            run(paragraph(self.body, normal, keep_with_next=True), self.text.clean(each.text), bold=True)
        elif isinstance(each, Labelled):
            p = paragraph(self.body, normal, numbering=self.numbering)
            run(p, self.text.clean(each.caption) + " ", bold=True)
            self.value(p, each.value)
        elif isinstance(each, Items):
            self.items(each)
        elif isinstance(each, Table):
            self.table(each.header, each.rows, WIDTHS.get(each.kind, (1,) * len(each.header)), each.kind in WIDE)
        else:
            self.form(each, blank=False)

    def items(self, items: Items) -> None:
        if items.columns is not None:
            rows = tuple((str(number), item) for number, item in enumerate(items.items, 1))
            self.table(items.columns, rows, NUMBERED_LIST, wide=False)
            return
        style = self.styles["List Paragraph"]
        numbers = self.base.list_numbers() if items.numbered else self.base.bullets()
        for item in items.items:
            if isinstance(item, Missing):
                self.marked(paragraph(self.body, style, numbering=numbers), item)
                continue
            for n, lines in enumerate(paragraphs(self.text.clean(item))):  # later paragraphs line up under the first
                run(paragraph(self.body, style, numbering=None if n else numbers), "\n".join(lines))

    # Tables -------------------------------------------------------------------------------

    def cell(self, tr: Element, width: int, value: Value, style: str, *, span: int = 1) -> None:
        tc = cell(tr, width, span=span)
        if not self.long_answer(tc, value, style):
            paragraph(tc, style)  # a cell holds one paragraph at least

    def label(self, tr: Element, width: int, text: str, *, span: int = 1, shade: str = LABEL_SHADE, above: bool = False) -> None:
        """A label's cell; one `above` its answer's row is kept on the same page as that row."""
        p = paragraph(cell(tr, width, span=span, shade=shade), self.styles[TABLE_TEXT], keep_with_next=above)
        run(p, self.text.clean(text), bold=True)

    def table(self, header: tuple[str, ...], rows: Iterable[tuple[Value, ...]], shares: Iterable[int], wide: bool) -> None:
        widths = _shares(shares, self.base.text_width(wide))
        style = self.styles[WIDE_TABLE_TEXT if wide else TABLE_TEXT]
        tbl = table(self.body, widths)
        tr = row(tbl, header=True)
        for heading, width in zip(header, widths):
            self.label(tr, width, heading, shade=HEADER_SHADE)
        for values in rows:
            tr = row(tbl)
            for value, width in zip(values, widths):
                self.cell(tr, width, value, style)
        paragraph(self.body)  # a table ends with a paragraph after it, as Word expects

    def labelled_row(self, tbl: Element, widths: list[int], label: str, value: Value) -> None:
        tr = row(tbl)
        self.label(tr, widths[0], label)
        self.cell(tr, widths[1], value, self.styles[TABLE_TEXT])

    def form(self, form: Form, *, blank: bool) -> None:
        """A record as the pro forma lays it out; `blank`, with room to write by hand."""
        widths = _shares(FORM, self.base.text_width())
        whole, style = sum(widths), self.styles[TABLE_TEXT]
        tbl = table(self.body, widths)

        def answer(each: FormField) -> None:
            if not each.long:
                self.labelled_row(tbl, widths, each.label, each.value)
                return
            self.label(row(tbl), whole, each.label, span=2, above=True)
            self.cell(row(tbl, height=WRITING_ROOM if blank else None), whole, each.value, style, span=2)

        for each in form.fields:
            answer(each)
        run(paragraph(cell(row(tbl), whole, span=2), style), self.text.clean(form.sign_off), italic=True)
        for each in form.signed:
            answer(each)
        for signature in form.signatures:
            tr = row(tbl, height=SIGNING_ROOM)
            self.label(tr, widths[0], signature)
            self.cell(tr, widths[1], "", style)
            self.labelled_row(tbl, widths, "Date", "")
        paragraph(self.body)

    # The page -----------------------------------------------------------------------------

    def finish(self, marking: str, top: str, dated: str, title: str, subject: str) -> WordDocument:
        header_style, footer_style = self.styles["Header"], self.styles["Footer"]

        def header(root: Element) -> None:
            run(paragraph(root, header_style, centred=True), marking, bold=True)
            run(paragraph(root, header_style, centred=True), self.text.clean(top))

        def footer(root: Element) -> None:
            p = paragraph(root, footer_style, centred=True)
            run(p, f"{dated}    Page " if dated else "Page ")
            field(p, "PAGE", "1")
            run(p, " of ")
            field(p, "NUMPAGES", "1")
            run(paragraph(root, footer_style, centred=True), marking, bold=True)

        properties = Text()  # the same text as the title page's: counted there
        data = self.base.finish(header, footer, properties.clean(title), properties.clean(subject))
        return WordDocument(data, dict(self.text.replaced))
