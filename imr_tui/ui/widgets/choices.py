"""Choices whose state is written in the text, (*) chosen and [x] ticked, so they read the same
with NO_COLOR, on a 16-colour console and to a screen reader; Textual's radio buttons and
selection lists show their state by colour alone. Enter or space chooses."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList

from imr_tui.ui import keys
from imr_tui.ui.widgets.chrome import marks
from imr_tui.ui.widgets.lean import LeanOptionList


class ChoiceList(LeanOptionList):
    BINDINGS = keys.at_once([Binding("space", "select", "choose", show=False)])

    class Changed(Message):
        def __init__(self, choice_list: ChoiceList) -> None:
            super().__init__()
            self.choice_list = choice_list

    def __init__(self, choices: list[tuple[str, Any]], chosen: list[Any], *, multiple: bool, classes: str = "") -> None:
        self.choices = choices
        self.chosen = [value for _, value in choices if value in chosen]
        self.multiple = multiple
        super().__init__(*(self._prompt(i) for i in range(len(choices))), classes=classes, markup=False)

    def _prompt(self, index: int) -> str:
        label, value = self.choices[index]
        on = value in self.chosen
        mark = ("[x]" if on else "[ ]") if self.multiple else ("(*)" if on else "( )")
        return marks(self.app, f"{mark} {label}")  # a label cut short ends in an ellipsis

    # The arrows stop at either end: from the last choice Down went round to the first, and a
    # space then chose that instead of the one the author meant.
    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted + 1 < self.option_count:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()

    def on_mount(self) -> None:
        chosen = [i for i, (_, value) in enumerate(self.choices) if value in self.chosen]
        self.highlighted = chosen[0] if chosen else 0

    @on(OptionList.OptionSelected)
    def _choose(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        value = self.choices[event.option_index][1]
        if not self.multiple:
            self.chosen = [value]
        elif value in self.chosen:
            self.chosen = [v for v in self.chosen if v != value]
        else:
            self.chosen = [v for _, v in self.choices if v in self.chosen or v == value]
        for index in range(len(self.choices)):
            self.replace_option_prompt_at_index(index, self._prompt(index))
        self.post_message(self.Changed(self))
