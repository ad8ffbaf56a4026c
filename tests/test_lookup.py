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


# ----------------------------------------------------------------- no silent mixes
def test_series_refuses_to_mix_sources_and_period_lengths():
    with pytest.raises(ValueError) as err:
        agstats.get_series("telecom_revenue")
    msg = str(err.value)
    assert "mix 2 sources and 2 period lengths" in msg
    assert "source='mic2019', months=12: 1 row(s), 12 months, vnd_bn: 2018-01-01..2018-12-31" in msg
    assert "source='mic2019', months=9: 1 row(s), 9 months" in msg
    assert "source='agportal2019yearend', months=12" in msg
    assert "mixed=True" in msg and "period_start=/period_end=" in msg


def test_each_group_of_the_error_is_selected_by_its_arguments():
    assert agstats.get_series("telecom_revenue", source="mic2019", months=12).value.tolist() == [3300.0]
    assert agstats.get_series("telecom_revenue", source="mic2019", months=9).value.tolist() == [2700.0]
    assert agstats.get_series("telecom_revenue", source="agportal2019yearend").value.tolist() == [2886.0]
    s = agstats.get_series("telecom_revenue", period_start="2019-01-01", period_end="2019-12-31")
    assert s.source.tolist() == ["agportal2019yearend"]
    assert len(agstats.get_series("telecom_revenue", mixed=True)) == 3


def test_series_refuses_mixed_units_and_names_normalise():
    rows = agstats.get_series("telecom_revenue", source="mic2019", months=12)
    later = rows.assign(value=2.886, unit="vnd_tn", period_start=pd.Timestamp("2019-01-01"))
    later["period_end"] = pd.Timestamp("2019-12-31")
    data = pd.concat([rows, later], ignore_index=True)
    with pytest.raises(ValueError, match=r"mix 2 units \(bring them to one with agstats.units.normalise\)"):
        agstats.get_series("telecom_revenue", data=data)
    assert len(agstats.get_series("telecom_revenue", data=data, mixed=True)) == 2
    # stocks of one source form a series; a stock is 0 months
    s = agstats.get_series("postal_service_points", area="vietnam", months=0)
    assert s.value.tolist() == [18000.0]


def test_series_filters_name_their_problem():
    with pytest.raises(ValueError, match=r"no row from source 'mic2109' \(did you mean 'mic2019'\?\)"):
        agstats.get_series("telecom_revenue", source="mic2109")
    with pytest.raises(ValueError, match=r"no row of 'telecom_revenue' matches months=6"):
        agstats.get_series("telecom_revenue", months=6)


def test_misspelled_indicator_and_area_get_did_you_mean():
    with pytest.raises(ValueError, match=r"unknown indicator 'telecom_revenu' \(did you mean 'telecom_revenue'"):
        agstats.get_series("telecom_revenu")
    with pytest.raises(ValueError, match=r"unknown area 'viet_nam' \(did you mean 'vietnam'\?\)"):
        agstats.get_figure("postal_revenue", area="viet_nam")
    with pytest.raises(ValueError, match=r"has no row for area 'an_giang_2025' \(it has rows for: an_giang_pre2025"):
        agstats.get_series("postal_revenue", area="an_giang_2025")


def test_period_months():
    from agstats.lookup import period_months

    s = agstats.get_series("telecom_revenue", mixed=True)
    assert period_months(s.period_start, s.period_end).tolist() == [12.0, 9.0, 12.0]


# ----------------------------------------------------------------- get_figure ambiguity
def test_get_figure_ambiguity_says_which_argument_picks_each_candidate():
    with pytest.raises(ValueError) as err:
        agstats.get_figure("telecom_revenue", year=2019)
    msg = str(err.value)
    assert "2 rows of 'telecom_revenue' match year=2019 in area 'an_giang_pre2025'; pick one:" in msg
    assert "2019-01-01..2019-09-30 (2700 vnd_bn, estimate, mic2019): period_end='2019-09-30'" in msg
    assert "2019-01-01..2019-12-31 (2886 vnd_bn, exact, agportal2019yearend): period_end='2019-12-31'" in msg


def test_get_figure_picker_adds_the_source_when_the_period_is_shared():
    df = agstats.load_indicators(area="all")
    row = df[(df.indicator == "telecom_revenue") & (df.source == "mic2019")].iloc[[0]]
    twin = row.assign(source="agportal2019yearend", value=3301.0)
    both = pd.concat([row, twin], ignore_index=True)
    for col in ("unit", "qualifier", "area", "source"):
        both[col] = both[col].astype(str)
    with pytest.raises(ValueError) as err:
        agstats.get_figure("telecom_revenue", data=both)
    msg = str(err.value)
    assert "period_start='2018-01-01', period_end='2018-12-31', source='mic2019'" in msg
    assert "source='agportal2019yearend'" in msg
    picked = agstats.get_figure("telecom_revenue", data=both, source="agportal2019yearend")
    assert picked.value == 3301.0
