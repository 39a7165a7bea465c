"""The blank Appendix I interview record sheet: every field of an interview record with room to
write, the guidance's sign-off sentence, and both signatures, to print, fill in by hand, sign and
agree. Built once as a form (document.Form) and rendered as Markdown here, as Word by word.py."""

from __future__ import annotations

from imr_tui.core.guidance import Question, template
from imr_tui.core.report.build import pro_forma_fields
from imr_tui.core.report.document import Form, FormField
from imr_tui.core.report.markdown import heading, inline, strong

# Dotted lines to write on: they need no escaping, so the sheet prints cleanly as plain text too.
WRITING_LINE = "." * 60
RECORD_LINES = 12  # room for the record of the interview
ROOM = {"date": "......../......../............", "time": "........:........", "yes-no": "Yes / No"}
SIGNATURES = ("Interviewer's signature", "Interviewee's signature")


def _blank(field: Question) -> FormField:
    """A field with room to write: '' for a line (or, when long, lines) to write on."""
    return FormField(field.prompt, ROOM.get(field.kind, ""), field.kind == "long")


def pro_forma_sheet() -> tuple[str, Form]:
    """The sheet's heading and its form, every answer blank."""
    part = template().part("interviews")
    fields, signed = pro_forma_fields(template().records[part.question("records").record])
    sign_off = template().standard_text.interview_sign_off
    return part.heading, Form(tuple(map(_blank, fields)), sign_off, tuple(map(_blank, signed)), SIGNATURES)


def blank_pro_forma() -> str:
    """The sheet as Markdown."""
    title, form = pro_forma_sheet()
    blocks = [heading(1, title)]
    for field in form.fields + form.signed:
        if field.long:
            blocks.append(strong(field.label))
            blocks += [inline(WRITING_LINE)] * RECORD_LINES
        else:
            blocks.append(f"{strong(field.label)} {inline(str(field.value) or WRITING_LINE)}")
    blocks.append(inline(form.sign_off))
    for signature in form.signatures:
        blocks.append(f"{strong(signature)} {inline(WRITING_LINE)} {strong('Date')} {inline(ROOM['date'])}")
    return "\n\n".join(blocks) + "\n"
