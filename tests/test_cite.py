"""Citations from the sources table."""

from __future__ import annotations

import pytest

import agstats


def test_source_line_and_short_citation():
    assert agstats.short_citation("mic2019") == "Bộ Thông tin và Truyền thông (2019)"
    assert agstats.source_line("mic2019").endswith("[mic2019]")


def test_sources_markdown_lists_each_once_with_url():
    md = agstats.sources_markdown(["mic2019", "mic2019", "wb_fx"])
    lines = md.splitlines()
    assert len(lines) == 2
    assert "https://mic.gov.vn/" in lines[0] and "Tertiary" in lines[1]


def test_all_sources_by_default():
    assert len(agstats.sources_markdown().splitlines()) == len(agstats.load_sources())


def test_unknown_source():
    with pytest.raises(ValueError, match="unknown source id 'nope'"):
        agstats.source_line(["nope"])
