"""Tests of agstats.units: conversions, exchange rates, ratios to population and area."""

from __future__ import annotations

import doctest
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agstats import units as U
from agstats.units import (
    convert,
    exchange_rate,
    per_area,
    per_capita,
    per_inhabitants,
    to_vnd,
    unit_dimension,
    unit_factor,
    usd_to_vnd,
    vnd_to_usd,
)

# No example database: keep the working tree free of a .hypothesis folder.
PROPERTY = settings(database=None, deadline=None, max_examples=200)

UNITS = pd.DataFrame(
    {
        "code": ["vnd", "vnd_mn", "vnd_bn", "vnd_tn", "usd", "usd_mn", "usd_bn", "percent", "count", "count_th"],
        "label_en": ["đồng"] * 4 + ["dollar"] * 3 + ["percent", "count", "thousand"],
        "dimension": ["money_vnd"] * 4 + ["money_usd"] * 3 + ["ratio", "count", "count"],
        "factor": [1.0, 1e6, 1e9, 1e12, 1.0, 1e6, 1e9, 1.0, 1.0, 1e3],
    }
)
RATES = pd.DataFrame({"year": [2017, 2018, 2019], "vnd_per_usd": [22370.09, 22602.05, 23050.24], "source": "wb_fx"})
MONEY_VND = ["vnd", "vnd_mn", "vnd_bn", "vnd_tn"]
MONEY_USD = ["usd", "usd_mn", "usd_bn"]


def test_doctests() -> None:
    result = doctest.testmod(U)
    assert result.attempted > 0
    assert result.failed == 0


# ----------------------------------------------------------------- convert
def test_convert_within_dimension_is_exact_for_decimal_factors() -> None:
    assert convert(3300, "vnd_bn", "vnd_tn", units=UNITS) == 3.3
    assert convert(3.3, "vnd_tn", "vnd_bn", units=UNITS) == 3300
    assert convert(178, "vnd_bn", "vnd_mn", units=UNITS) == 178_000
    assert convert(1.5, "count_th", "count", units=UNITS) == 1500
    assert convert(7, "percent", "percent", units=UNITS) == 7.0


def test_convert_series_keeps_index_and_name() -> None:
    s = pd.Series([178.0, 3300.0], index=["postal", "telecom"], name="revenue")
    out = convert(s, "vnd_bn", "vnd_tn", units=UNITS)
    pd.testing.assert_series_equal(out, pd.Series([0.178, 3.3], index=["postal", "telecom"], name="revenue"))


def test_units_as_mapping_and_as_indexed_frame() -> None:
    mapping = {"vnd": ("money_vnd", 1), "vnd_bn": {"dimension": "money_vnd", "factor": 1e9}}
    assert convert(2, "vnd_bn", "vnd", units=mapping) == 2e9
    assert convert(2, "vnd_bn", "vnd", units=UNITS.set_index("code")) == 2e9


def test_unknown_unit_code_is_named() -> None:
    with pytest.raises(ValueError, match=r"unknown unit code 'vnd_bnn'.*known codes: .*vnd_bn"):
        convert(1, "vnd_bnn", "vnd", units=UNITS)
    with pytest.raises(ValueError, match="unknown unit code 'eur'"):
        to_vnd(1, "eur", units=UNITS)


@pytest.mark.parametrize(("from_unit", "to_unit"), [("percent", "vnd"), ("count", "vnd_bn"), ("vnd", "percent")])
def test_converting_across_dimensions_raises(from_unit: str, to_unit: str) -> None:
    with pytest.raises(ValueError, match="different dimensions"):
        convert(5, from_unit, to_unit, units=UNITS)


def test_vnd_to_usd_through_convert_points_to_the_currency_functions() -> None:
    with pytest.raises(ValueError, match=r"needs a year: use vnd_to_usd\(\)"):
        convert(5, "vnd_bn", "usd", units=UNITS)


def test_to_vnd() -> None:
    assert to_vnd(178, "vnd_bn", units=UNITS) == 178e9
    with pytest.raises(ValueError, match="needs a year"):
        to_vnd(1, "usd_mn", units=UNITS)
    with pytest.raises(ValueError, match="different dimensions"):
        to_vnd(1, "percent", units=UNITS)


def test_unit_lookups() -> None:
    assert unit_dimension("usd_mn", units=UNITS) == "money_usd"
    assert unit_factor("count_th", units=UNITS) == 1000.0


def test_bad_units_tables_are_rejected() -> None:
    with pytest.raises(ValueError, match="lacks column"):
        convert(1, "vnd", "vnd", units=UNITS.drop(columns="factor"))
    with pytest.raises(ValueError, match="factors must be finite and > 0"):
        convert(1, "vnd", "vnd", units={"vnd": ("money_vnd", 0)})
    with pytest.raises(TypeError, match="units must be"):
        convert(1, "vnd", "vnd", units=[("vnd", "money_vnd", 1)])  # type: ignore[arg-type]


# ---------------------------------------------------------- exchange rates
def test_vnd_to_usd_uses_the_annual_average_of_the_year() -> None:
    usd = vnd_to_usd(3300, "vnd_bn", 2018, units=UNITS, rates=RATES)
    assert usd == pytest.approx(3300e9 / 22602.05)
    usd_mn = vnd_to_usd(3300, "vnd_bn", 2018, to_unit="usd_mn", units=UNITS, rates=RATES)
    assert usd_mn == pytest.approx(146.00445, rel=1e-6)


def test_usd_to_vnd() -> None:
    assert usd_to_vnd(1, "usd", 2019, units=UNITS, rates=RATES) == pytest.approx(23050.24)
    assert usd_to_vnd(2, "usd_mn", 2017, to_unit="vnd_bn", units=UNITS, rates=RATES) == pytest.approx(44.74018)


def test_rates_as_mapping_or_series() -> None:
    assert exchange_rate(2018, rates={2018: 22602.05}) == 22602.05
    assert exchange_rate(2018, rates=pd.Series({2018: 22602.05})) == 22602.05
    assert exchange_rate(2018, rates=RATES.set_index("year")) == 22602.05


def test_year_without_rate_names_the_year_and_the_years_available() -> None:
    msg = r"no exchange rate for year 2016 \(converting 'vnd_bn'\); available years: 2017, 2018, 2019"
    with pytest.raises(ValueError, match=msg):
        vnd_to_usd(1, "vnd_bn", 2016, units=UNITS, rates=RATES)
    with pytest.raises(ValueError, match=msg.replace("vnd_bn", "usd")):
        usd_to_vnd(1, "usd", 2016, units=UNITS, rates=RATES)


def test_year_must_be_an_integer() -> None:
    with pytest.raises(TypeError, match="year must be an integer"):
        exchange_rate("2019", rates=RATES)  # type: ignore[arg-type]


def test_currency_functions_check_the_dimensions() -> None:
    with pytest.raises(ValueError, match=r"money_vnd unit, got 'usd'.*usd_to_vnd"):
        vnd_to_usd(1, "usd", 2019, units=UNITS, rates=RATES)
    with pytest.raises(ValueError, match=r"to_unit must be in a money_usd unit, got 'vnd_bn'"):
        vnd_to_usd(1, "vnd", 2019, to_unit="vnd_bn", units=UNITS, rates=RATES)
    with pytest.raises(ValueError, match=r"money_usd unit, got 'percent'"):
        usd_to_vnd(1, "percent", 2019, units=UNITS, rates=RATES)


def test_vectorised_currency_conversion_with_a_year_per_value() -> None:
    values = pd.Series([178.0, 150.0], index=["a", "b"], name="postal")
    years = pd.Series([2018, 2019], index=["a", "b"])
    out = vnd_to_usd(values, "vnd_bn", years, to_unit="usd_mn", units=UNITS, rates=RATES)
    expected = pd.Series([178e3 / 22602.05, 150e3 / 23050.24], index=["a", "b"], name="postal")
    pd.testing.assert_series_equal(out, expected, rtol=1e-12)
    # one year for all values
    out = vnd_to_usd(values, "vnd_bn", 2019, units=UNITS, rates=RATES)
    assert out.index.tolist() == ["a", "b"]


def test_vectorised_currency_conversion_reports_missing_years() -> None:
    values = pd.Series([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"for years 2015, 2016 \(converting 'vnd'\); available years: 2017"):
        vnd_to_usd(values, "vnd", pd.Series([2015, 2019, 2016]), units=UNITS, rates=RATES)
    with pytest.raises(ValueError, match="different indexes"):
        vnd_to_usd(values, "vnd", pd.Series([2019] * 3, index=[5, 6, 7]), units=UNITS, rates=RATES)


@PROPERTY
@given(
    value=st.floats(min_value=1e-6, max_value=1e15),
    unit=st.sampled_from(MONEY_VND),
    via=st.sampled_from(MONEY_USD),
    year=st.sampled_from([2017, 2018, 2019]),
)
def test_currency_round_trip(value: float, unit: str, via: str, year: int) -> None:
    usd = vnd_to_usd(value, unit, year, to_unit=via, units=UNITS, rates=RATES)
    back = usd_to_vnd(usd, via, year, to_unit=unit, units=UNITS, rates=RATES)
    assert back == pytest.approx(value, rel=1e-12)


@PROPERTY
@given(
    value=st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
    a=st.sampled_from(MONEY_VND),
    b=st.sampled_from(MONEY_VND),
)
def test_convert_round_trip(value: float, a: str, b: str) -> None:
    assert convert(convert(value, a, b, units=UNITS), b, a, units=UNITS) == pytest.approx(value, rel=1e-15, abs=1e-300)


# ------------------------------------------------------------------ ratios
def test_per_capita_per_inhabitants_per_area() -> None:
    assert per_capita(3300e9, 1_908_352) == pytest.approx(1_729_240.727, rel=1e-9)
    assert per_inhabitants(156, 1_908_352) == pytest.approx(0.8174, rel=1e-3)
    assert per_inhabitants(156, 1_908_352, per=100_000) == pytest.approx(8.174, rel=1e-3)
    assert per_area(1000, 3536.8) == pytest.approx(0.28274, rel=1e-4)


def test_ratio_functions_are_vectorised() -> None:
    pop = pd.Series([1000.0, 2000.0], index=["x", "y"])
    out = per_inhabitants(pd.Series([5.0, 5.0], index=["x", "y"]), pop, per=1000)
    pd.testing.assert_series_equal(out, pd.Series([5.0, 2.5], index=["x", "y"]))


@pytest.mark.parametrize("bad", [0, -5, math.nan, math.inf])
def test_population_and_area_must_be_positive(bad: float) -> None:
    with pytest.raises(ValueError, match="population must be finite and > 0"):
        per_capita(1, bad)
    with pytest.raises(ValueError, match="population must be finite and > 0"):
        per_inhabitants(1, bad)
    with pytest.raises(ValueError, match="area_km2 must be finite and > 0"):
        per_area(1, bad)


def test_invalid_population_in_a_series_is_located() -> None:
    with pytest.raises(ValueError, match=r"invalid at \['b'\]"):
        per_capita(pd.Series([1.0, 1.0]), pd.Series([10.0, 0.0], index=["a", "b"]))
    with pytest.raises(ValueError, match="per must be finite and > 0"):
        per_inhabitants(1, 100, per=0)
    with pytest.raises(TypeError, match="population must be a number"):
        per_capita(1, "100")  # type: ignore[arg-type]


# ------------------------------------------------------------ real loaders
def _real_loaders():
    try:
        from agstats import io
    except ImportError as exc:  # the loader is written by the lead
        pytest.skip(f"agstats.io not importable: {exc}")
    if not (hasattr(io, "load_units") and hasattr(io, "load_exchange_rates")):
        pytest.skip("agstats.io lacks load_units / load_exchange_rates")
    try:
        io.load_units()
    except ImportError as exc:  # a module the loader needs is not written yet
        pytest.skip(f"agstats.io.load_units not usable yet: {exc}")
    return io


def test_with_the_real_data_package() -> None:
    _real_loaders()
    # units=None / rates=None read data/units.csv and data/exchange_rates.csv
    assert convert(3300, "vnd_bn", "vnd_tn") == 3.3
    assert unit_dimension("persons") == "count"
    assert exchange_rate(2019) == 23050.24
    assert vnd_to_usd(23050.24, "vnd", 2019) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="different dimensions"):
        convert(1, "percent", "vnd")
    with pytest.raises(ValueError, match=r"year 1999; available years: 2017, 2018, 2019, 2020, 2021"):
        exchange_rate(1999)


def test_intervals_convert_and_stay_bounds():
    """A lower bound in đồng stays a lower bound in dollars (Interval times an exact rate)."""
    from agstats.series import Interval

    U = {"vnd_bn": ("money_vnd", 1e9), "vnd_tn": ("money_vnd", 1e12), "usd_mn": ("money_usd", 1e6)}
    R = {2018: 20000.0}
    lb = Interval.from_value(4600, "lower_bound")
    usd = vnd_to_usd(lb, "vnd_bn", 2018, to_unit="usd_mn", units=U, rates=R)
    assert isinstance(usd, Interval)
    assert usd.lo == pytest.approx(230.0) and usd.hi == float("inf")
    assert convert(lb, "vnd_bn", "vnd_tn", units=U).lo == pytest.approx(4.6)
