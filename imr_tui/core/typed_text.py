"""Text from a keyboard, a paste or a file, made safe to show in a terminal and to store."""

import re
import unicodedata

# Characters that reorder what follows them on screen, so that a name can pretend to be another.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")

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


def printable(text: str, keep: str = "") -> str:
    """`text` with every control character (but those in `keep`) written out as an escape,
    \\x1b for ESC: a file's name, say, shown in a message exactly, and never obeyed by the
    terminal. Idempotent: what it writes is printable."""
    return "".join(
        c if c in keep or not (unicodedata.category(c) in ("Cc", "Cs") or c in _BIDI_CONTROLS) else _escape(c)
        for c in text
    )


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
