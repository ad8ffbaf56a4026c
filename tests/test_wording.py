"""agstats.wording: words for people in both languages."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import agstats
from agstats import Interval
from agstats.intervals import format_interval
from agstats.wording import EVENT_KINDS, QUALIFIER_NAMES, event_kind_name, join_words, qualifier_name


def interval_text(iv, language=None, decimals=0, unit=None):
    """How 00 and 01 call agstats.format_interval (whole numbers unless told)."""
    return format_interval(iv, unit, language, decimals=decimals)


def test_interval_text_uses_the_language_separators_and_open_ends():
    iv = Interval(4778, math.inf)
    assert interval_text(iv, "en") == "[4,778, ∞)"
    assert interval_text(iv, "vi") == "[4.778; ∞)"
    assert interval_text(Interval(0.049, 0.169) * 100, "vi", decimals=1) == "[4,9; 16,9]"
    assert interval_text(Interval(0.049, 0.169) * 100, "en", decimals=1, unit="percent") == "[4.9%, 16.9%]"
    assert interval_text(Interval(60, 100), "vi", unit="count") == "[60; 100]"
    assert interval_text(Interval(1, 1), "en") == "[1, 1]"


def test_interval_text_follows_the_current_language():
    before = agstats.get_language()
    try:
        agstats.set_language("vi")
        assert interval_text(Interval(3461.5, 3857.1), unit="vnd_bn") == "[3.462; 3.857] tỷ đồng"
    finally:
        agstats.set_language(before)


@given(st.floats(-1e9, 1e9), st.floats(0, 1e9))
def test_interval_text_reads_back_as_the_same_interval(lo, width):
    iv = Interval(lo, lo + width)
    text = interval_text(iv, "en", decimals=2)
    left, right = text[1:-1].split(", ")
    assert text[0] == "[" and text[-1] == "]"
    assert float(left.replace(",", "")) == pytest.approx(iv.lo, abs=0.005 + 1e-9 * abs(iv.lo))
    assert float(right.replace(",", "")) == pytest.approx(iv.hi, abs=0.005 + 1e-9 * abs(iv.hi))


def test_every_data_qualifier_and_event_kind_has_a_name_in_both_languages():
    qualifiers = set(agstats.load_indicators(area="all")["qualifier"].astype(str))
    assert qualifiers <= set(QUALIFIER_NAMES)
    assert set(agstats.load_events()["kind"].astype(str)) <= set(EVENT_KINDS)
    for q in QUALIFIER_NAMES:
        assert qualifier_name(q, "en") != qualifier_name(q, "vi")
    with pytest.raises(ValueError, match="unknown qualifier 'roughly'"):
        qualifier_name("roughly", "en")


def test_join_words_and_event_kinds():
    assert join_words(["a", "b"], "en") == "a and b"
    assert join_words(["a", "b", "c"], "vi") == "a, b và c"
    assert event_kind_name("recommendation", "vi") == "khuyến nghị"  # from the Ministry down, not a "kiến nghị" up
    assert event_kind_name("unheard_of", "vi") == "unheard_of"


def test_the_names_are_exported():
    assert agstats.format_interval is format_interval and agstats.join_words is join_words
    assert agstats.value_text(150, "estimate", "vnd_bn", "vi") == "150 tỷ đồng (ước)"
