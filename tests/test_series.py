"""Tests of agstats.series: periods, annualisation, growth and interval arithmetic."""

from __future__ import annotations

import doctest
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from agstats import series as S
from agstats.series import (
    QUALIFIERS,
    AnnualisedGrowth,
    Interval,
    Reconciliation,
    annualise,
    annualise_band,
    cagr,
    growth,
    growth_annualised,
    implied_remainder,
    months_in_period,
    reconcile,
    row_interval,
    to_intervals,
    years_between,
)

INF = math.inf
# No example database: keep the working tree free of a .hypothesis folder.
PROPERTY = settings(database=None, deadline=None, max_examples=300)


def test_doctests() -> None:
    result = doctest.testmod(S)
    assert result.attempted > 0
    assert result.failed == 0


# ------------------------------------------------------------------ periods
@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2019-01-01", "2019-09-30", 9),
        ("2018-01-01", "2018-12-31", 12),
        ("2017-01-01", "2019-09-30", 33),
        ("2020-02-01", "2020-02-29", 1),
        ("2019-10-01", "2020-03-31", 6),
    ],
)
def test_months_in_period(start: str, end: str, months: int) -> None:
    assert months_in_period(start, end) == months
    assert months_in_period(pd.Timestamp(start), pd.Timestamp(end)) == months
    assert isinstance(months_in_period(start, end), float)


@pytest.mark.parametrize(
    ("start", "end", "reason"),
    [
        ("2019-09-30", "2019-01-01", "ends before it starts"),
        ("2019-09-30", "2019-09-30", "does not start on the first day of a month"),
        ("2019-01-01", "2019-09-29", "does not end on the last day of a month"),
        ("2019-01-15", "2019-09-30", "does not start on the first day"),
        ("2019-01-01 12:00", "2019-09-30", "time of day"),
    ],
)
def test_months_in_period_rejects_other_periods(start: str, end: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        months_in_period(start, end)
    assert math.isnan(months_in_period(start, end, errors="coerce"))


def test_months_in_period_vectorised() -> None:
    df = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2018-01-01", "2019-01-01", "2019-09-30"]),
            "period_end": pd.to_datetime(["2018-12-31", "2019-09-30", "2019-09-30"]),
        },
        index=[10, 11, 12],
    )
    out = months_in_period(df.period_start, df.period_end, errors="coerce")
    pd.testing.assert_series_equal(out, pd.Series([12.0, 9.0, np.nan], index=[10, 11, 12]))
    with pytest.raises(ValueError, match=r"1 period\(s\) are not whole calendar months: 12: does not start"):
        months_in_period(df.period_start, df.period_end)
    with pytest.raises(ValueError, match="errors must be"):
        months_in_period("2019-01-01", "2019-09-30", errors="ignore")


@PROPERTY
@given(
    year=st.integers(1990, 2040),
    month=st.integers(1, 12),
    months=st.integers(1, 60),
)
def test_months_in_period_round_trip(year: int, month: int, months: int) -> None:
    start = pd.Timestamp(year=year, month=month, day=1)
    end = start + pd.DateOffset(months=months) - pd.Timedelta(days=1)
    assert months_in_period(start, end) == months


# ------------------------------------------------------------ annualisation
def test_annualise() -> None:
    assert annualise(150, 9) == 200
    assert annualise(178, 12) == 178
    assert annualise(330, 33) == 120
    pd.testing.assert_series_equal(
        annualise(pd.Series([150.0, 178.0]), pd.Series([9.0, 12.0])), pd.Series([200.0, 178.0])
    )
    assert annualise(Interval(90, INF), 9) == Interval(120, INF)


@pytest.mark.parametrize("months", [0, -3, math.nan, math.inf])
def test_annualise_rejects_bad_months(months: float) -> None:
    with pytest.raises(ValueError, match="months must be finite and > 0"):
        annualise(100, months)


@PROPERTY
@given(value=st.floats(0, 1e12), months=st.integers(1, 36))
def test_annualise_round_trip(value: float, months: int) -> None:
    assert annualise(value, months) * months / 12 == pytest.approx(value, rel=1e-12)


def test_annualise_band() -> None:
    band = annualise_band(150, 9)
    assert band.lo == pytest.approx(150 / 0.78)
    assert band.hi == pytest.approx(150 / 0.70)
    assert annualise(150, 9) in band  # the run-rate (25 % in Q4) is inside the default band
    assert annualise_band(150, 9, (0.25, 0.25)) == Interval(200, 200)
    assert annualise_band(Interval(150, INF), 9) == Interval(150 / 0.78, INF)
    assert annualise_band(150, 9, (0, 0)) == Interval(150, 150)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"remainder_share": (0.3, 0.22)}, "low <= high"),
        ({"remainder_share": (0.2, 1.0)}, r"remainder_share\[1\] must be in \[0, 1\)"),
        ({"remainder_share": (-0.1, 0.2)}, r"remainder_share\[0\] must be in \[0, 1\)"),
        ({"remainder_share": 0.25}, "must be a pair"),
        ({"months": 12}, "months must be < 12"),
        ({"months": 0}, "months must be finite and > 0"),
        ({"value": -1}, "non-negative"),
    ],
)
def test_annualise_band_validation(kwargs: dict, match: str) -> None:
    args = {"value": 150, "months": 9} | kwargs
    with pytest.raises(ValueError, match=match):
        annualise_band(**args)


# ------------------------------------------------------------------- growth
def test_growth() -> None:
    assert growth(100, 112) == pytest.approx(0.12)
    assert growth(200, 150) == pytest.approx(-0.25)
    pd.testing.assert_series_equal(growth(pd.Series([100.0, 50.0]), pd.Series([110.0, 25.0])), pd.Series([0.1, -0.5]))
    g = growth(4000, Interval(4600, INF))
    assert g.lo == pytest.approx(0.15) and g.hi == INF


@pytest.mark.parametrize("previous", [0, Interval(0, 5), pd.Series([1.0, 0.0])])
def test_growth_from_zero_is_undefined(previous: object) -> None:
    with pytest.raises(ValueError, match="undefined"):
        growth(previous, 5)


def test_growth_annualised_compares_run_rates() -> None:
    g = growth_annualised(178, 12, 150, 9)
    assert isinstance(g, AnnualisedGrowth)
    assert g.previous_run_rate == 178
    assert g.current_run_rate == 200
    assert g.growth == pytest.approx(200 / 178 - 1)
    text = repr(g)
    for part in ("+12.4%", "previous 178", "current 200", "150 × 12/9", "no seasonality"):
        assert part in text
    assert str(g) == text


def test_growth_annualised_with_a_bound() -> None:
    g = growth_annualised(4000, 12, Interval(3600, INF), 9)
    assert g.current_run_rate == Interval(4800, INF)
    assert g.growth.lo == pytest.approx(0.2) and g.growth.hi == INF
    assert "growth=[20.0%, ∞)" in repr(g)


# ------------------------------------------------------- implied remainder
def test_implied_remainder() -> None:
    assert implied_remainder(150, 205) == 55
    assert implied_remainder(150, Interval(200, INF)) == Interval(50, INF)
    # partial "over 150", full exactly 205: Q4 between 0 and 55
    assert implied_remainder(Interval(150, INF), 205) == Interval(0, 55)
    # two lower bounds: nothing known about the remainder
    assert implied_remainder(Interval(150, INF), Interval(200, INF)) == Interval(0, INF)
    assert implied_remainder(Interval(150, INF), 205, nonnegative=False) == Interval(-INF, 55)
    pd.testing.assert_series_equal(
        implied_remainder(pd.Series([1.0, 2.0]), pd.Series([3.0, 3.0])), pd.Series([2.0, 1.0])
    )


def test_implied_remainder_detects_inconsistent_data() -> None:
    with pytest.raises(ValueError, match="would be negative"):
        implied_remainder(210, 205)
    with pytest.raises(ValueError, match="would be negative"):
        implied_remainder(Interval(210, INF), 205)
    with pytest.raises(ValueError, match=r"at \[1\]"):
        implied_remainder(pd.Series([1.0, 4.0]), pd.Series([3.0, 3.0]))
    assert implied_remainder(210, 205, nonnegative=False) == -5


# ---------------------------------------------------------------- Interval
def test_from_value_for_every_qualifier() -> None:
    expected = {
        "exact": Interval(5, 5),
        "estimate": Interval(5, 5),
        "approximate": Interval(5, 5),
        "target": Interval(5, 5),
        "lower_bound": Interval(5, INF),
        "estimate_lower_bound": Interval(5, INF),
        "upper_bound": Interval(0, 5),
    }
    assert set(expected) == QUALIFIERS
    for qualifier, interval in expected.items():
        assert Interval.from_value(5, qualifier) == interval


def test_from_value_errors() -> None:
    with pytest.raises(ValueError, match="unknown qualifier 'about'; expected one of approximate"):
        Interval.from_value(5, "about")
    with pytest.raises(ValueError, match="value must be a number"):
        Interval.from_value(math.nan, "exact")
    with pytest.raises(ValueError, match="negative"):
        Interval.from_value(-1, "upper_bound")


def test_interval_validation() -> None:
    with pytest.raises(ValueError, match="lo <= hi"):
        Interval(2, 1)
    with pytest.raises(ValueError, match="NaN"):
        Interval(math.nan, 1)
    with pytest.raises(ValueError, match="empty"):
        Interval(INF, INF)
    with pytest.raises(TypeError, match="must be a number"):
        Interval("1", 2)  # type: ignore[arg-type]
    iv = Interval(1, 2)
    with pytest.raises(AttributeError):
        iv.lo = 0  # type: ignore[misc]
    assert Interval(-0.0, 0.0).lo == 0.0 and str(Interval(-0.0, 0.0)) == "[0, 0]"


def test_teaching_case_ratio_of_lower_bounds_is_unknown() -> None:
    budget = Interval.from_value(28, "lower_bound")  # "over 28 tỷ đồng"
    revenue = Interval.from_value(4600, "lower_bound")  # "over 4,600 tỷ đồng"
    ratio = budget / revenue
    assert ratio == Interval(0, INF)
    assert Interval.ratio(budget, revenue) == Interval(0, INF)
    assert str(ratio) == "[0, ∞)"
    # a lower bound over an exact figure is still a lower bound
    assert Interval.ratio(budget, 4600) == Interval(28 / 4600, INF)
    assert Interval.ratio(budget, Interval.from_value(4600, "exact")) == Interval(28 / 4600, INF)
    # sums of lower bounds are lower bounds
    assert budget + revenue == Interval(4628, INF)
    assert sum([budget, revenue, 2]) == Interval(4630, INF)
    # an exact figure over a lower bound is bounded above only
    assert Interval.ratio(28, revenue) == Interval(0, 28 / 4600)


def test_arithmetic_with_scalars() -> None:
    iv = Interval(2, 4)
    assert iv + 1 == 1 + iv == Interval(3, 5)
    assert iv - 1 == Interval(1, 3)
    assert 10 - iv == Interval(6, 8)
    assert iv * 2 == 2 * iv == Interval(4, 8)
    assert iv * -1 == -iv == Interval(-4, -2)
    assert iv / 2 == Interval(1, 2)
    assert 8 / iv == Interval(2, 4)
    assert np.float64(1) + iv == Interval(3, 5)
    assert iv * np.int64(3) == Interval(6, 12)
    assert Interval(0, 0) * Interval(1, INF) == Interval(0, 0)
    assert Interval(-1, 2) / Interval(-4, -2) == Interval(-1, 0.5)


def test_division_by_an_interval_containing_zero_raises() -> None:
    with pytest.raises(ZeroDivisionError, match="contains 0"):
        Interval(1, 2) / Interval(0, 5)
    with pytest.raises(ZeroDivisionError):
        Interval(1, 2) / 0
    with pytest.raises(ZeroDivisionError):
        Interval.ratio(1, Interval.from_value(5, "upper_bound"))


def test_overflow_raises() -> None:
    with pytest.raises(OverflowError, match="overflowed"):
        Interval(28, 28) / 1e-307
    with pytest.raises(OverflowError):
        Interval(1e308, INF) * 10


def test_unsupported_operands() -> None:
    with pytest.raises(TypeError):
        Interval(1, 2) + "3"  # type: ignore[operator]
    with pytest.raises(TypeError):
        Interval.coerce("3")  # type: ignore[arg-type]


def test_contains_point_width() -> None:
    iv = Interval(28, INF)
    assert 28 in iv and 1e300 in iv and 27.9 not in iv
    assert math.nan not in iv and "x" not in iv
    assert Interval(30, 40) in iv and Interval(20, 40) not in iv
    assert not iv.is_point and iv.width == INF and not iv.is_bounded
    assert Interval.point(3).is_point and Interval.point(3).width == 0
    assert Interval(1, 3).is_bounded and Interval(1, 3).width == 2
    assert Interval(0, 5).intersect(Interval(3, 9)) == Interval(3, 5)
    with pytest.raises(ValueError, match="do not overlap"):
        Interval(0, 1).intersect(Interval(2, 3))


def test_formatting() -> None:
    assert str(Interval(28, INF)) == "[28, ∞)"
    assert repr(Interval(28, INF)) == "Interval[28, ∞)"
    assert str(Interval(-INF, 5)) == "(-∞, 5]"
    assert str(Interval(-INF, INF)) == "(-∞, ∞)"
    assert str(Interval(0.1, 1 / 3)) == "[0.1, 0.333333]"
    assert Interval(4600, 12345.678).format(",.1f") == "[4,600.0, 12,345.7]"
    assert f"{Interval(0.25, INF):.0%}" == "[25%, ∞)"
    assert f"{Interval(1, 2)}" == "[1, 2]"


def test_intervals_are_hashable_values() -> None:
    assert len({Interval(1, 2), Interval(1.0, 2.0), Interval(1, 3)}) == 2


# ----------------------------------------------------------- indicator rows
def test_row_interval_and_to_intervals() -> None:
    df = pd.DataFrame(
        {
            "indicator": ["budget", "revenue", "share"],
            "value": [28.0, 4600.0, 95.0],
            "qualifier": ["lower_bound", "exact", "upper_bound"],
        },
        index=[3, 4, 5],
    )
    out = to_intervals(df)
    assert out.name == "interval" and out.index.tolist() == [3, 4, 5]
    assert out.tolist() == [Interval(28, INF), Interval(4600, 4600), Interval(0, 95)]
    assert row_interval(df.loc[3]) == Interval(28, INF)
    assert row_interval(next(df.itertuples())) == Interval(28, INF)
    assert row_interval({"value": 1, "qualifier": "exact"}) == Interval(1, 1)
    assert out.sum() == Interval(4628, INF)


def test_row_errors_name_the_row() -> None:
    df = pd.DataFrame({"value": [1.0, np.nan], "qualifier": ["exact", "exact"]}, index=["a", "b"])
    with pytest.raises(ValueError, match="row 'b': value must be a number"):
        to_intervals(df)
    with pytest.raises(ValueError, match="lacks column"):
        to_intervals(df[["value"]])
    with pytest.raises(ValueError, match="no 'qualifier' field"):
        row_interval({"value": 1})


# --------------------------------------------------- interval properties
# No magnitudes below 1e-6 (except 0), so that quotients stay far from overflow.
finite = st.floats(min_value=-1e9, max_value=1e9).filter(lambda v: v == 0 or abs(v) >= 1e-6)
nonneg = st.floats(min_value=0, max_value=1e9).filter(lambda v: v == 0 or v >= 1e-6)


@st.composite
def intervals(draw, bound=finite, unbounded=True):
    """An interval and a point inside it."""
    a, b = sorted((draw(bound) + 0.0, draw(bound) + 0.0))  # + 0.0: no -0.0
    lo = -INF if unbounded and bound is finite and draw(st.booleans()) else a
    hi = INF if unbounded and draw(st.booleans()) else b
    x = draw(st.floats(min_value=a, max_value=b)) if draw(st.booleans()) else draw(st.sampled_from([a, b]))
    return Interval(lo, hi), x


@PROPERTY
@given(intervals(), intervals())
def test_sum_and_difference_contain_every_sum(A, B) -> None:
    (a, x), (b, y) = A, B
    assert x + y in a + b
    assert x - y in a - b


@PROPERTY
@given(intervals(nonneg), intervals(nonneg))
def test_product_contains_every_product_nonnegative(A, B) -> None:
    (a, x), (b, y) = A, B
    assert x * y in a * b


@PROPERTY
@given(intervals(), intervals())
def test_product_contains_every_product(A, B) -> None:
    (a, x), (b, y) = A, B
    assert x * y in a * b


@PROPERTY
@given(intervals(), intervals())
def test_quotient_contains_every_quotient(A, B) -> None:
    (a, x), (b, y) = A, B
    assume(0 not in b)
    assert x / y in a / b


@PROPERTY
@given(intervals(), intervals())
def test_results_are_tight_for_bounded_intervals(A, B) -> None:
    (a, _), (b, _) = A, B
    assume(a.is_bounded and b.is_bounded)
    corners = [p * q for p in (a.lo, a.hi) for q in (b.lo, b.hi)]
    assert a * b == Interval(min(corners), max(corners))
    assert (a + b).width == pytest.approx(a.width + b.width, rel=1e-9, abs=1e-6)


# ---------------------------------------------------------- reconciliation
def _row(value: float, qualifier: str, start: str, end: str, **extra: object) -> dict:
    return {
        "indicator": "postal_revenue",
        "unit": "vnd_bn",
        "area": "an_giang_pre2025",
        "value": value,
        "qualifier": qualifier,
        "period_start": start,
        "period_end": end,
        **extra,
    }


JAN_SEP = ("2019-01-01", "2019-09-30")
YEAR = ("2019-01-01", "2019-12-31")


def test_reconcile_postal_lower_bound_gives_bounds() -> None:
    # "ước 9 tháng ... 150 tỷ" against "trên 250 tỷ" for the year: Q4 >= 100, share >= 40 %
    r = reconcile(
        _row(150.0, "estimate", *JAN_SEP, source="mic2019"),
        _row(250.0, "lower_bound", *YEAR, source="agportal2019yearend"),
    )
    assert isinstance(r, Reconciliation)
    assert r.partial == Interval(150, 150) and r.full == Interval(250, INF)
    assert r.remainder == Interval(100, INF)
    assert r.remainder.lo >= 100
    assert r.remainder_share.lo == pytest.approx(0.4) and r.remainder_share.hi == 1
    assert r.remainder_share.lo >= 0.4 - 1e-12
    assert r.normal_share == 0.25
    assert (r.partial_months, r.full_months, r.remainder_months) == (9, 12, 3)
    assert r.remainder_period == (pd.Timestamp("2019-10-01"), pd.Timestamp("2019-12-31"))
    assert r.expected_remainder == Interval(50, 50) and r.expected_full == Interval(200, 200)
    assert r.share_ratio.lo == pytest.approx(1.6)
    assert r.sources == ("mic2019", "agportal2019yearend")
    assert (r.indicator, r.unit, r.area) == ("postal_revenue", "vnd_bn", "an_giang_pre2025")


def test_reconcile_telecom_points() -> None:
    r = reconcile(_row(2700.0, "estimate", *JAN_SEP), _row(2886.0, "exact", *YEAR))
    assert r.remainder == Interval(186, 186)
    assert r.remainder_share.is_point
    assert r.remainder_share.lo == pytest.approx(186 / 2886)
    assert r.expected_remainder == Interval(900, 900)


def test_reconcile_repr_is_readable() -> None:
    r = reconcile(_row(150.0, "estimate", *JAN_SEP), _row(250.0, "lower_bound", *YEAR))
    text = repr(r)
    for part in (
        "Reconciliation of postal_revenue (vnd_bn, an_giang_pre2025)",
        "partial   2019-01-01..2019-09-30 ( 9 months): 150 (estimate)",
        "full      2019-01-01..2019-12-31 (12 months): [250, ∞) (lower_bound)",
        "remainder 2019-10-01..2019-12-31 ( 3 months): [100, ∞), [40.0%, 100.0%]",
        "3/12 = 25.0%",
    ):
        assert part in text
    assert str(r) == text


def test_reconcile_partial_lower_bound_and_other_periods() -> None:
    # Jan-Sep "over 150", the year exactly 205: Q4 between 0 and 55
    r = reconcile(_row(150.0, "lower_bound", *JAN_SEP), _row(205.0, "exact", *YEAR))
    assert r.remainder == Interval(0, 55)
    assert r.remainder_share.lo == 0 and r.remainder_share.hi == pytest.approx(55 / 205)
    # a second half-year against the year: the remainder is the first half
    h2 = reconcile(_row(60.0, "exact", "2019-07-01", "2019-12-31"), _row(100.0, "exact", *YEAR))
    assert h2.remainder_period == (pd.Timestamp("2019-01-01"), pd.Timestamp("2019-06-30"))
    assert h2.normal_share == 0.5
    # a middle quarter: the remainder is not one run of months
    mid = reconcile(_row(30.0, "exact", "2019-04-01", "2019-06-30"), _row(100.0, "exact", *YEAR))
    assert mid.remainder_period is None and "not one period" in repr(mid)
    assert mid.normal_share == 0.75


def test_reconcile_accepts_series_and_namedtuples() -> None:
    df = pd.DataFrame([_row(150.0, "estimate", *JAN_SEP), _row(250.0, "lower_bound", *YEAR)])
    df["period_start"] = pd.to_datetime(df["period_start"])
    df["period_end"] = pd.to_datetime(df["period_end"])
    a = reconcile(df.iloc[0], df.iloc[1])
    rows = list(df.itertuples())
    assert reconcile(rows[0], rows[1]) == a
    # without optional fields
    bare = reconcile(
        {"value": 1.0, "qualifier": "exact", "period_start": "2019-01-01", "period_end": "2019-01-31"},
        {"value": 4.0, "qualifier": "exact", "period_start": "2019-01-01", "period_end": "2019-02-28"},
    )
    assert bare.indicator is None and bare.sources == () and bare.remainder == Interval(3, 3)
    assert repr(bare).startswith("Reconciliation of figure\n")


@pytest.mark.parametrize(
    ("partial", "full", "match"),
    [
        (_row(1.0, "exact", *JAN_SEP), _row(2.0, "exact", *YEAR, unit="vnd_tn"), "differ in unit.*agstats.convert"),
        (_row(1.0, "exact", *JAN_SEP), _row(2.0, "exact", *YEAR, area="vietnam"), "differ in area"),
        (_row(1.0, "exact", *JAN_SEP), _row(2.0, "exact", *YEAR, indicator="x"), "differ in indicator"),
        (_row(1.0, "exact", *YEAR), _row(2.0, "exact", *JAN_SEP), "must lie inside"),
        (_row(1.0, "exact", *YEAR), _row(2.0, "exact", *YEAR), "be shorter"),
        (_row(1.0, "exact", "2018-01-01", "2018-09-30"), _row(2.0, "exact", *YEAR), "must lie inside"),
        (_row(1.0, "exact", "2019-01-01", "2019-09-29"), _row(2.0, "exact", *YEAR), "last day of a month"),
        (_row(1.0, "exact", *JAN_SEP), _row(0.0, "exact", *YEAR), "may be 0"),
        (_row(1.0, "exact", *JAN_SEP), _row(5.0, "upper_bound", *YEAR), "may be 0"),
        (_row(3.0, "exact", *JAN_SEP), _row(2.0, "exact", *YEAR), "would be negative"),
        (
            {"value": 1.0, "qualifier": "exact", "period_start": "2019-01-01"},
            _row(2.0, "exact", *YEAR),
            "partial row has no 'period_end'",
        ),
    ],
)
def test_reconcile_errors(partial: dict, full: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        reconcile(partial, full)


def test_reconcile_without_clipping() -> None:
    r = reconcile(_row(3.0, "exact", *JAN_SEP), _row(2.0, "exact", *YEAR), nonnegative=False)
    assert r.remainder == Interval(-1, -1)
    assert r.remainder_share.lo == pytest.approx(-0.5)


@PROPERTY
@given(
    p=st.floats(0, 1e6),
    p_q=st.sampled_from(sorted(QUALIFIERS - {"upper_bound"})),
    dx=st.floats(0, 1e6),
    f=st.floats(1e-3, 1e6),
    f_q=st.sampled_from(sorted(QUALIFIERS - {"upper_bound"})),
    dy=st.floats(0, 1e7),
)
def test_reconcile_share_contains_every_consistent_share(p, p_q, dx, f, f_q, dy) -> None:
    """For any partial x and full y the rows allow, with x <= y, y - x and 1 - x/y are inside."""
    partial, full = Interval.from_value(p, p_q), Interval.from_value(f, f_q)
    x = p + (dx if math.isinf(partial.hi) else 0.0)
    y = f + (dy if math.isinf(full.hi) else 0.0)
    assume(x <= y)
    assert x in partial and y in full
    r = reconcile(_row(p, p_q, *JAN_SEP), _row(f, f_q, *YEAR))
    assert y - x in r.remainder
    assert 1 - x / y in r.remainder_share


# ----------------------------------------------------------- compound growth
def test_years_between() -> None:
    assert years_between("2019-09-30", "2024-12-31") == 5.25
    assert years_between("2019-12-31", "2019-12-31") == 0
    assert years_between("2020-01-01", "2021-01-01") == pytest.approx(366 / 365.2425)
    with pytest.raises(ValueError, match="before start"):
        years_between("2020-01-01", "2019-01-01")
    with pytest.raises(ValueError, match="must be dates"):
        years_between(pd.NaT, "2019-01-01")


def test_cagr() -> None:
    assert cagr(100, 121, 2) == pytest.approx(0.1)
    assert cagr(100, 100, 3) == 0
    assert cagr(156, 265, 5.25) == pytest.approx((265 / 156) ** (1 / 5.25) - 1)
    g = cagr(178, Interval(250, INF), 1)
    assert g.lo == pytest.approx(250 / 178 - 1) and g.hi == INF
    g = cagr(Interval(100, 200), Interval(400, 400), 2)
    assert g.lo == pytest.approx(2**0.5 - 1) and g.hi == pytest.approx(1)
    # a lower bound over a lower bound says nothing
    assert cagr(Interval(100, INF), Interval(100, INF), 1) == Interval(-1, INF)


@pytest.mark.parametrize(
    ("previous", "current", "years", "match"),
    [
        (0, 1, 1, "previous must be > 0"),
        (Interval(0, 5), 1, 1, "must be > 0"),
        (1, -1, 1, "current must be non-negative"),
        (1, Interval(-1, 2), 1, "must be non-negative"),
        (1, 2, 0, "years must be"),
        (1, 2, math.inf, "years must be"),
    ],
)
def test_cagr_errors(previous, current, years, match) -> None:
    with pytest.raises(ValueError, match=match):
        cagr(previous, current, years)
