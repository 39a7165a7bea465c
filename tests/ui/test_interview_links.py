"""From an interview record the author chooses the chronology entries it speaks to, as from each
entry: the link is kept once, on the entry, so both sides show the same."""

from __future__ import annotations

from wizard_helpers import SIZE, keys, shows, wait_until, wizard

from imr_tui.core import store
from imr_tui.ui.screens.record_form import RecordFormScreen
from imr_tui.ui.widgets.answer import AnswerField


async def test_an_interview_chooses_the_entries_it_speaks_to_and_each_entry_then_names_it(example_file):
    before = store.load(example_file)
    interview = before.interviews.records[2]  # named by entries 4 and 8 of the worked example
    assert [n for n, e in enumerate(before.chronology.entries, 1) if interview.id in e.interviews] == [4, 8]
    app = wizard(example_file, "interviews")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: shows(app, "3 in the list"), "the interviews did not open")
        await keys(pilot, "down", "down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordFormScreen), "the interview did not open")
        field = app.screen.query_one("#field-chronology_entries", AnswerField)
        field.focus_editor()
        await wait_until(pilot, lambda: shows(app, "[x] 4. "), "the entries it speaks to are not marked")
        await keys(pilot, "down", "down", "down", "space")  # from the first chosen (4) to 7, named by none yet
        await wait_until(pilot, lambda: shows(app, "[x] 7. "), "entry 7 was not chosen")
        await keys(pilot, "escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordFormScreen), "the form did not close")
        app.save_now()
    after = store.load(example_file)
    assert [n for n, e in enumerate(after.chronology.entries, 1) if interview.id in e.interviews] == [4, 7, 8]
    assert [e.interviews for e in after.chronology.entries if e.id != after.chronology.entries[6].id] == [
        e.interviews for e in before.chronology.entries if e.id != before.chronology.entries[6].id
    ]
