"""Picking figures and series: exactly the rows meant, or a clear error."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import agstats
from agstats.lookup import reconcile_figures


def test_get_series_orders_by_period():
    s = agstats.get_series("postal_revenue", mixed=True)
    assert list(s.period_end) == sorted(s.period_end)
    assert set(s.area) == {"an_giang_pre2025"}


def test_get_figure_by_period():
    row = agstats.get_figure("postal_revenue", period_end="2019-09-30")
    assert (row.value, row.qualifier, row.source) == (150.0, "estimate", "mic2019")


def test_get_figure_ambiguous_lists_periods():
    with pytest.raises(ValueError, match=r"(?s)2 rows .*2018-01-01\.\.2018-12-31 .*duplicate rows"):
        agstats.get_figure(
            "telecom_revenue",
            period_start="2018-01-01",
            period_end=None,
            data=pd.concat([agstats.load_indicators()] * 2),
        )


def test_get_figure_needs_period_when_several():
    if len(agstats.get_series("telecom_revenue", mixed=True)) > 1:
        with pytest.raises(ValueError, match="rows of 'telecom_revenue' in area 'an_giang_pre2025'; pick one"):
            agstats.get_figure("telecom_revenue")


def test_context_rows_are_found():
    assert agstats.get_value("population") == 1908352


def test_unknown_indicator_and_area():
    with pytest.raises(ValueError, match="unknown indicator 'nope'"):
        agstats.get_series("nope")
    with pytest.raises(ValueError, match="no row for area 'vietnam'"):
        agstats.get_series("radio_tv_broadcast_hours", area="vietnam")


def test_areas_never_mixed():
    df = agstats.load_indicators()
    row = df.iloc[[0]].copy()
    other = row.assign(area="an_giang_2025")
    both = pd.concat([row, other], ignore_index=True)
    with pytest.raises(ValueError, match="several areas"):
        agstats.get_series(row.indicator.iloc[0], area=None, data=both)
    assert len(agstats.get_series(row.indicator.iloc[0], area="an_giang_2025", data=both)) == 1


def test_reconcile_figures_postal_bounds():
    """Jan-Sep 2019 estimate against the full-year lower bound: implied Q4 >= 100, share >= 40 %."""
    r = reconcile_figures(
        "postal_revenue", "2019-09-30", "2019-12-31", partial_period_start="2019-01-01", full_period_start="2019-01-01"
    )
    assert r.partial_qualifier == "estimate" and r.full_qualifier == "lower_bound"
    assert r.remainder.lo >= 100 and math.isinf(r.remainder.hi)
    assert r.remainder_share.lo >= 0.4 - 1e-12
    assert r.normal_share == 0.25
    assert r.sources == ("mic2019", "agportal2019yearend")


def test_reconcile_figures_telecom_and_areas():
    r = reconcile_figures("telecom_revenue", "2019-09-30", "2019-12-31")
    assert r.remainder.is_point and r.remainder.lo == 186
    assert r.area == "an_giang_pre2025"
    with pytest.raises(ValueError, match="no row for area"):
        reconcile_figures("telecom_revenue", "2019-09-30", "2019-12-31", area="an_giang_2025")


def test_get_figure_by_year():
    assert agstats.get_figure("telecom_revenue", year=2018).value == 3300.0
    # 2019 has the Jan–Sep estimate and (from later sources) possibly the full year: narrow with period_end
    nine_months = agstats.get_figure("telecom_revenue", year=2019, period_end="2019-09-30")
    assert nine_months.qualifier == "estimate"
    with pytest.raises(ValueError, match="no row"):
        agstats.get_figure("telecom_revenue", year=1990)
