"""The blank Appendix I interview record sheet: every field of an interview record with room to
write, the guidance's sign-off sentence, and both signatures, to print, fill in by hand, sign and
agree."""

from __future__ import annotations

from imr_tui.core.guidance import template
from imr_tui.core.report.markdown import heading, inline, strong

# Dotted lines to write on: they need no escaping, so the sheet prints cleanly as plain text too.
WRITING_LINE = "." * 60
RECORD_LINES = 12  # room for the record of the interview
ROOM = {"date": "......../......../............", "time": "........:........", "yes-no": "Yes / No"}
SIGNATURES = ("Interviewer's signature", "Interviewee's signature")


def blank_pro_forma() -> str:
    """The sheet as Markdown."""
    part = template().part("interviews")
    kind = template().records[part.question("records").record]
    blocks = [heading(1, part.heading)]
    for field in kind.fields:
        if field.kind == "long":
            blocks.append(strong(field.prompt))
            blocks += [inline(WRITING_LINE)] * RECORD_LINES
        else:
            blocks.append(f"{strong(field.prompt)} {inline(ROOM.get(field.kind, WRITING_LINE))}")
    blocks.append(inline(template().standard_text.interview_sign_off))
    for signature in SIGNATURES:
        blocks.append(f"{strong(signature)} {inline(WRITING_LINE)} {strong('Date')} {inline(ROOM['date'])}")
    return "\n\n".join(blocks) + "\n"
