"""Terminal editors that terminal.py runs beside imr-tui, as yardsticks of what a program in
vim's class sends for the same typing: new text in an empty file, and the same text typed at the
start of the worked example's child's journey, a wrapped paragraph. Each is run as plainly as it
comes (no settings file, no swap or history file), wrapping long lines at a word, as imr-tui
does. An editor that is not installed is skipped, with a note under the table."""

from __future__ import annotations

import shutil
from dataclasses import dataclass


@dataclass(frozen=True)
class Editor:
    name: str
    argv: tuple[str, ...]  # the file to open is added at the end
    starts_typing: str  # keys written first, that show nothing (vim's insert mode)
    quit_keys: str  # leave without saving


EDITORS = (
    Editor("vim", ("vim", "-u", "NONE", "-n", "-i", "NONE", "--cmd", "set wrap linebreak"), "i", "\x1b:qa!\r"),
    Editor("nano", ("nano", "--ignorercfile", "--softwrap", "--atblanks"), "", "\x18n"),  # ctrl+x, no
)
WHAT_IS_TYPED = {"empty file": "new text in an empty file", "paragraph start": "at the start of the paragraph"}


def installed() -> tuple[list[tuple[Editor, str]], list[str]]:
    """Each installed editor with the full path to run it, and a note for each one that is not."""
    found, notes = [], []
    for editor in EDITORS:
        path = shutil.which(editor.argv[0])
        if path is None:
            notes.append(f"{editor.name}: not installed, so its rows were skipped")
        else:
            found.append((editor, path))
    return found, notes


def row_name(editor: str, what: str) -> str:
    return f"{editor}: {what}"
