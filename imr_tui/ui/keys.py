"""Every key the wizard answers to, in one place.

Remote terminals lose function keys and alt, relays eat ctrl+s/ctrl+q, tmux and screen take
ctrl+b/ctrl+a, and ctrl+h/ctrl+m are backspace/enter on the wire. So every action has a ctrl
key that works while typing, pages without a text field add plain letters, and all of it is in
the footer, the help screen and the command palette (ctrl+p).
"""

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

# On every screen (the App's bindings).
SAVE_AND_QUIT = Binding("ctrl+q", "save_and_quit", "save+quit", priority=True)
SAVE = Binding("ctrl+s", "save", "save", show=False, priority=True)
HELP = Binding("ctrl+f,f1", "help", "help", priority=True)

# On a question page and a record form.
NEXT = Binding("ctrl+n", "next", "next", priority=True)
BACK = Binding("ctrl+o", "back", "back", priority=True)
TASKS = Binding("ctrl+t", "tasks", "tasks", priority=True)
GUIDANCE = Binding("ctrl+g", "toggle_guidance", "guide", priority=True)
CHECK = Binding("ctrl+r", "check", "check", priority=True)
# The guidance, the whole window to read it in. Not in the footer, which has no room: the
# guidance pane's first line says it.
READ_GUIDANCE = Binding("ctrl+l", "read_guidance", "read the guidance", show=False, priority=True)


def at_once(bindings: Iterable[Binding]) -> list[Binding]:
    """The same keys, acting as soon as they arrive (priority), in the order typed.

    Textual hands a key to the focused widget and acts on its binding only when the key comes
    back unused, after keys typed since: in a burst (a fast typist, a slow link) a priority key
    overtook it. So every key that opens a page, moves focus or moves a highlight acts at once:
    Down then enter opens the option below, Tab then words fill the next field. So does every
    editing key of a text field (backspace, arrows, ctrl+a/e/k/u/w): the letters typed after a
    backspace no longer reached the field before it. The keys after one that opens a page wait
    for it (ui/building.py)."""
    return [replace(binding, priority=True) for binding in bindings]


def as_typed(key: events.Key) -> list[events.Key]:
    """`key`, or the two keys typed: escape then a letter, which a slow link delivers together.

    A terminal sends alt+a as escape then a, so that is how Textual reads the two together; the
    wizard uses no alt key, and "escape, a" (leave a record form, add another) did nothing."""
    letter = key.character
    if key.key.startswith("alt+") and letter is not None and len(letter) == 1 and letter.isalpha():
        return [events.Key("escape", "\x1b"), events.Key(letter, letter)]
    return [key]


# On pages with no text field, plain letters too; and enter opens what is highlighted.
# These act as soon as they arrive, as the ctrl keys do (see at_once).
PLAIN_CHECK = Binding("c", "check", "check", priority=True)
PLAIN_PREVIEW = Binding("p", "preview", "preview", priority=True)
PLAIN_EXPORT = Binding("e", "export", "export", priority=True)
PLAIN_HELP = Binding("question_mark", "app.help", "help", show=False, priority=True)
PLAIN_QUIT = Binding("q", "app.save_and_quit", "quit", show=False, priority=True)
CLOSE = Binding("escape", "close", "back", priority=True)
OPEN = Binding("enter", "open", "open", show=False, priority=True)
# On the check page; said in its summary (the footer has no room).
NOT_AN_ACRONYM = Binding("n", "not_an_acronym", "not an acronym", show=False, priority=True)

# On a list of records.
# (Shown on the line under the table, not in the footer, which has no room for them.)
ADD = Binding("a", "add", "add", show=False, priority=True)
DELETE = Binding("d", "delete", "delete", show=False, priority=True)
MOVE_UP = Binding("minus,u", "move(-1)", "move up", show=False, priority=True)
MOVE_DOWN = Binding("plus,j", "move(1)", "move down", show=False, priority=True)

# The command palette (ctrl+p): (title, what it does, action). Each is offered where it applies.
PALETTE = [
    ("Next question", "Go on to the next question", "next"),
    ("Previous question", "Go back to the previous question", "back"),
    ("Task list", "Every part of the report and its status", "tasks"),
    ("Hide or show the guidance", "Fold the board's guidance away, or back", "toggle_guidance"),
    ("Read the guidance", "The board's guidance for this question, the whole window", "read_guidance"),
    ("Check your answers", "What is still missing, part by part", "check"),
    ("Preview the report", "The report as it will be exported", "preview"),
    ("Export the report", "Write the report as a Markdown file beside the review", "export"),
    ("Save now", "The review also saves by itself", "app.save"),
    ("Help", "The keys, and how the wizard works", "app.help"),
    ("Save and quit", "Save the review and leave imr-tui", "app.save_and_quit"),
]


def palette_commands(app: App, screen: Screen) -> Iterator[SystemCommand]:
    """The wizard's own commands that apply on `screen`; none of Textual's (its Screenshot writes
    the page, case data and all, to a file anyone may read; its Keys panel squeezes the page to
    50 columns)."""
    for title, help_text, action in PALETTE:
        target, _, name = action.rpartition(".")
        if hasattr(app if target == "app" else screen, f"action_{name}"):
            yield SystemCommand(title, help_text, partial(app.run_action, action, screen))


# Every action once, for the help screen: (keys, what it does).
HELP_TABLE = [
    ("ctrl+n", "next question (or finish a record)"),
    ("ctrl+o", "back to the previous question"),
    ("ctrl+t", "the task list: every part and its status"),
    ("ctrl+g", "hide or show the guidance"),
    ("ctrl+l", "read the guidance in the whole window (ctrl+l or escape: back)"),
    ("ctrl+r  or  c", "check your answers: what is missing"),
    ("n", "on the check page: the word flagged is not an acronym in this review"),
    ("escape", "from the check page: back to where you were"),
    ("p", "preview the report (from the task list)"),
    ("e", "export the report as Markdown (from the task list or preview)"),
    ("tab / shift+tab", "move between the guidance, the answer and other fields"),
    ("up/down, enter, space", "choose in a list; select an option"),
    ("a / enter / d", "add, change, delete a record in a list"),
    ("u / j  (or - / +)", "move a record up or down"),
    ("escape", "leave a dialog or a record form"),
    ("ctrl+s", "save now (it also saves by itself)"),
    ("ctrl+f  or  ?", "this help"),
    ("ctrl+p", "the command palette: every action by name"),
    ("ctrl+q  or  q", "save and quit"),
    # Editing a text field, as in a shell (Textual's own keys; no action of the wizard uses them).
    ("ctrl+a / ctrl+e", "in a text field: to the start / end of the line (or home / end)"),
    ("ctrl+k / ctrl+u", "delete to the end / the start of the line"),
    ("ctrl+w", "delete the word before the cursor"),
]
