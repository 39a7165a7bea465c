"""Text from a keyboard, a paste or a file, made safe to show in a terminal and to store."""

# C0 and C1 control characters other than tab and newline: an escape sequence pasted from a
# terminal, a NUL from a binary file. Shown raw they would drive the author's terminal.
_CONTROLS = {c: None for c in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if c not in (0x09, 0x0A)}


def without_controls(text: str) -> str:
    """`text` with control characters dropped (a carriage return becomes a newline)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)
