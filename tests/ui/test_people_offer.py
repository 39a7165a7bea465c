"""A name typed into a chronology entry that the register of people lacks is offered for it, so
that the anonymised copy can replace it: added with a label, or set aside as not a name."""

from __future__ import annotations

import pytest
from wizard_helpers import SIZE, keys, shows, type_text, wait_until, wizard

from imr_tui.core import store
from imr_tui.ui.people import LabelScreen, NewNameScreen


async def _entry_naming(pilot, app, name: str) -> None:
    await wait_until(pilot, lambda: shows(app, "18 in the list"), "the chronology did not open")
    await keys(pilot, "a")
    await wait_until(pilot, lambda: shows(app, "Chronology entry 19 of 19"), "no new entry")
    await type_text(pilot, "01/02/2011")
    await keys(pilot, "tab", "tab")  # past the time, to the source
    await type_text(pilot, f"Notes kept by {name}")
    await keys(pilot, "escape")
    said = f'"{name}" looks like a name'
    await wait_until(pilot, lambda: isinstance(app.screen, NewNameScreen) and shows(app, said), "the name was not offered")


@pytest.mark.parametrize("choice", ["add", "not a name", "later"])
async def test_a_new_name_in_an_entry_is_offered_for_the_register(example_file, choice):
    app = wizard(example_file, "chronology")
    async with app.run_test(size=SIZE) as pilot:
        await _entry_naming(pilot, app, "Dean Bradshaw")
        if choice == "add":
            await keys(pilot, "a")
            await wait_until(pilot, lambda: isinstance(app.screen, LabelScreen), "no label asked")
            await type_text(pilot, "Uncle")
            await keys(pilot, "enter")
        else:
            await keys(pilot, "n" if choice == "not a name" else "escape")
        await wait_until(pilot, lambda: shows(app, "19 in the list"), "back to the list")
        app.save_now()
    people = store.load(example_file).people
    added = [(p.name, p.label) for p in people.entries if p.name == "Dean Bradshaw"]
    assert added == ([("Dean Bradshaw", "Uncle")] if choice == "add" else [])
    assert ("Dean Bradshaw" in people.not_names) == (choice == "not a name")
