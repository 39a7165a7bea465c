"""A date or time half typed: what the author sees is what the file holds, and leaving the page
never drops it without a word (issue 17, items 1 and 2)."""

from __future__ import annotations

import datetime as dt


from wizard_helpers import SIZE, keys, screen_text, type_text, wizard


async def test_a_date_shortened_to_no_date_leaves_no_date_in_the_file(review_file):
    app = wizard(review_file, goto="chronology")
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "a")
        await type_text(pilot, "28/02/2011")
        assert app.review.chronology.entries[0].date == dt.date(2011, 2, 28)
        await keys(pilot, "backspace", "backspace")
        assert "28/02/20" in screen_text(app) and "28/02/2011" not in screen_text(app)
        # The screen shows no date: the file must not keep the whole one.
        assert app.review.chronology.entries[0].date is None
