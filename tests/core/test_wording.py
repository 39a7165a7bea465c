"""Counts read as English: '1 thing to fix', '2 things to fix', '3 entries'."""

import pytest

from imr_tui.core.wording import plural


@pytest.mark.parametrize(
    ("count", "word", "said"),
    [(1, "thing", "1 thing"), (0, "thing", "0 things"), (2, "entry", "2 entries"), (3, "day", "3 days"),
     (2, "chronology entry", "2 chronology entries"), (1, "entry", "1 entry"), (4, "analysis", "4 analyses")],
)
def test_a_count_takes_the_word_that_goes_with_it(count, word, said):
    assert plural(count, word, "analyses" if word == "analysis" else "") == said
