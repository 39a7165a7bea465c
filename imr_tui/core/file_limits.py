"""How complex a file may be to be read as a review at all: limits far beyond any real review, so
that a hostile or broken file is refused within a second, before tomllib spends seconds on it."""

from __future__ import annotations

import re

# 2,000 chronology entries take 1.2 MB and 8,000 values outside text; tomllib takes seconds over
# a key of thousands of dotted parts, or millions of small values.
MAX_BYTES = 4 * 1024 * 1024
MAX_LINES = 200_000  # 2,000 entries take 40,000
MAX_ESCAPES = 100_000  # backslashes (\n, \" in text): 2,000 entries hold a few hundred
MAX_KEY_PARTS = 8  # a review's deepest key is [[chronology.entries]]
MAX_VALUES = 100_000  # commas and brackets outside text: 2,000 entries have 11,000
# Text in a TOML document (multi-line, basic and literal strings, comments), to look past when
# counting.
_TOML_TEXT = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"|\'[^\'\n]*\'|#[^\n]*')


def beyond_limits(text: str) -> str | None:
    """What makes `text` too complex to be a review, found before tomllib spends seconds on it.
    Text in strings is set aside (lines kept) only when the quick counts say it might matter."""
    if text.count("\n") > MAX_LINES:
        return f"has more than the {MAX_LINES:,} lines a review can"
    if text.count("\\") > MAX_ESCAPES:
        return f"has more than the {MAX_ESCAPES:,} backslashes a review can"
    # tomli-w writes no inline tables, and keys only before the first "=" of a line: a file as
    # imr-tui wrote it is judged on those alone, quickly.
    if "{" not in text and not _too_deep(text, keys_only=True) and not _too_many_values(text):
        return None
    outside_text = _TOML_TEXT.sub(lambda string: "\n" * string[0].count("\n"), text)
    if line := _too_deep(outside_text, keys_only=False):
        return f"has a key nested deeper than any review's (line {line})"
    if _too_many_values(outside_text):
        return f"holds more than the {MAX_VALUES:,} values a review can"
    return None


def _too_deep(text: str, keys_only: bool) -> int:
    """The number of the first line with too many dotted parts (before its "=", or anywhere:
    an inline table's keys); 0 if none has."""
    for number, line in enumerate(text.splitlines(), 1):
        if (line.partition("=")[0] if keys_only else line).count(".") >= MAX_KEY_PARTS:
            return number
    return 0


def _too_many_values(text: str) -> bool:
    return text.count(",") + text.count("[") > MAX_VALUES
