"""Intervals written for people (agstats.intervals)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import agstats
from agstats import Interval
from agstats.intervals import format_interval


def test_english_and_vietnamese_separators():
    iv = Interval(1234.56, 5678.9)
    assert format_interval(iv, "vnd_bn", "en", decimals=1) == "[1,234.6, 5,678.9] billion VND"
    assert format_interval(iv, "vnd_bn", "vi", decimals=1) == "[1.234,6; 5.678,9] tỷ đồng"


def test_open_ends_get_round_brackets_and_no_unit_sign():
    assert format_interval(Interval(0.4, math.inf), "percent", "en", scale=100) == "[40%, ∞)"
    assert format_interval(Interval(-math.inf, 3), None, "vi") == "(-∞; 3]"


def test_percent_scale_and_unit_label():
    assert format_interval(Interval(0.08, 0.204), "percent", "vi", decimals=1, scale=100) == "[8,0%; 20,4%]"
    assert format_interval(Interval(1, 2), unit_label="USD", language="en") == "[1, 2] USD"


def test_the_current_language_is_the_default():
    agstats.set_language("vi")
    try:
        assert format_interval(Interval(1.5, 2.5)) == "[1,5; 2,5]"
    finally:
        agstats.set_language("en")
    assert format_interval(Interval(1.5, 2.5)) == "[1.5, 2.5]"


@pytest.mark.parametrize("scale", [0, -1, math.inf, math.nan])
def test_a_bad_scale_is_an_error(scale):
    with pytest.raises(ValueError, match="scale"):
        format_interval(Interval(1, 2), scale=scale)


def test_an_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="language"):
        format_interval(Interval(1, 2), language="fr")


@given(
    st.floats(-1e9, 1e9, allow_nan=False),
    st.floats(0, 1e9, allow_nan=False),
)
def test_both_editions_state_the_same_ends(lo, width):
    iv = Interval(lo, lo + width)
    en = format_interval(iv, language="en", decimals=2)[1:-1].split(", ")
    vi = format_interval(iv, language="vi", decimals=2)[1:-1].split("; ")
    as_en = [v.replace(".", "\0").replace(",", ".").replace("\0", ",") for v in vi]
    assert en == as_en
