"""Text from a keyboard, a paste or a file, made safe to show in a terminal and to store."""

import re
import unicodedata

# CSI, OSC (terminated) and two-character escape sequences, as a paste or a stray key sends them.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[ -~]|\x9b[0-?]*[ -/]*[@-~]")


def without_controls(text: str, keep: str = "\t\n") -> str:
    """`text` without escape sequences, control characters other than those in `keep`, or lone
    surrogates (undecodable bytes, which could not be saved). A carriage return is a newline.
    Shown raw, any of them would drive the author's terminal (a title, a colour, a cleared screen)."""
    text = _ESCAPE_SEQUENCE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(c for c in text if c in keep or unicodedata.category(c) not in ("Cc", "Cs"))


def first_line(text: str, width: int = 38) -> str:
    """The start of an answer, to show in a table or a list: one line, nothing a terminal obeys."""
    text = without_controls(text).strip()
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= width else line[: width - 1] + "…"
