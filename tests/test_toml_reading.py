"""imr-tui reads TOML with rtoml for speed: every document the standard library's tomllib reads
must read the same, and every document rtoml refuses gets tomllib's verdict and message."""

from __future__ import annotations

import math
import tomllib

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import NASTY_TEXT, reviews

from imr_tui.examples import WORKED_EXAMPLE
from imr_tui.store import dumps
from imr_tui.template import template
from imr_tui.toml_reading import TOMLDecodeError, read_toml

# Everything TOML can hold, as tomli-w writes it (a review file is written that way).
_VALUES = st.recursive(
    st.one_of(
        st.text(),
        st.sampled_from(NASTY_TEXT),
        st.booleans(),
        st.integers(-(2**63), 2**63 - 1),
        st.floats(allow_nan=False),
        st.dates(),
        st.times(),
        st.datetimes(),
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def _same_as_tomllib(text: str) -> None:
    try:
        expected = tomllib.loads(text)
    except (TOMLDecodeError, ValueError, RecursionError) as refusal:
        # rtoml may read a document of TOML 1.1, which tomllib refuses; if it refuses too, the
        # author is told what tomllib says.
        try:
            read_toml(text)
        except type(refusal) as error:
            assert str(error) == str(refusal)
        return
    assert read_toml(text) == expected


@settings(max_examples=40, deadline=None)
@given(reviews())
def test_any_saved_review_reads_as_tomllib_reads_it(review):
    _same_as_tomllib(dumps(review))


@settings(deadline=None)
@given(st.dictionaries(st.text(max_size=8), _VALUES, max_size=6))
def test_any_document_tomli_w_writes_reads_as_tomllib_reads_it(data):
    _same_as_tomllib(tomli_w.dumps(data))


@settings(deadline=None)
@given(st.one_of(st.text(), st.binary().map(lambda raw: raw.decode("utf-8", errors="replace"))))
def test_any_text_reads_or_is_refused_as_tomllib_does(text):
    _same_as_tomllib(text)


@pytest.mark.parametrize(
    "text",
    [
        "a = 1\na = 2",  # a key twice
        "[part]\nx = 1\n[part]\ny = 2",  # a table twice
        'a = "unclosed',
        "a = 1979-13-40",  # no such date
        "a = " + "[" * 2000 + "]" * 2000,  # nested far too deep
        "a = " + "9" * 5000,  # a number of 5,000 digits
    ],
)
def test_a_document_rtoml_refuses_gets_tomllibs_verdict(text):
    _same_as_tomllib(text)


def test_a_refusal_names_a_line_and_column_as_tomllib_does():
    with pytest.raises(TOMLDecodeError, match=r"^Invalid value \(at line 2, column 5\)$"):
        read_toml("a = 1\nb = ]\nc = 2")


def test_the_template_and_the_worked_example_read_as_tomllib_reads_them():
    _same_as_tomllib(WORKED_EXAMPLE.read_text(encoding="utf-8"))
    assert template().parts  # read through read_toml
    from importlib import resources

    _same_as_tomllib(resources.files("imr_tui.template").joinpath("imr.toml").read_text(encoding="utf-8"))


def test_a_value_rtoml_reads_keeps_its_type():
    data = read_toml("d = 2011-03-14\nt = 09:30:00\nf = 1.5\ni = 3\nb = true")
    assert [type(v).__name__ for v in data.values()] == ["date", "time", "float", "int", "bool"]
    assert math.isclose(data["f"], 1.5)
