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
    with pytest.raises(ValueError, match=r"year 1999; available years: 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024"):
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


# ----------------------------------------------------------------- element-wise units, normalise
def test_vnd_to_usd_element_wise_with_unit_and_year_series() -> None:
    df = pd.DataFrame(
        {"value": [178.0, 3.3, 5e6], "unit": ["vnd_bn", "vnd_tn", "vnd"], "year": [2018, 2019, 2017]},
        index=[10, 11, 12],
    )
    out = U.vnd_to_usd(df.value, df.unit, df.year, units=UNITS, rates=RATES)
    expected = pd.Series([178e9 / 22602.05, 3.3e12 / 23050.24, 5e6 / 22370.09], index=[10, 11, 12], name="value")
    pd.testing.assert_series_equal(out, expected, rtol=1e-12)
    back = U.usd_to_vnd(
        out, pd.Series(["usd"] * 3, index=df.index), df.year, to_unit="vnd_bn", units=UNITS, rates=RATES
    )
    assert back.round(9).tolist() == [178.0, 3300.0, 0.005]


def test_element_wise_errors_name_the_year_and_unit_not_the_series() -> None:
    df = pd.DataFrame({"value": [1.0, 2.0, 3.0], "unit": ["vnd_bn", "percent", "vnd"], "year": [2018, 2019, 2016]})
    with pytest.raises(ValueError) as err:
        U.vnd_to_usd(df.value, df.unit, df.year, units=UNITS, rates=RATES)
    msg = str(err.value)
    assert msg == "the amount to convert must be in a money_vnd unit, got 'percent' (ratio) at index 1 (year 2019)"
    ok = df[df.unit != "percent"]
    with pytest.raises(ValueError, match=r"^no exchange rate for year 2016 \(converting 'vnd'\); available years"):
        U.vnd_to_usd(ok.value, ok.unit, ok.year, units=UNITS, rates=RATES)
    with pytest.raises(ValueError, match=r"unknown unit code 'vnd_bm' at index 0 \(year 2018\)"):
        U.vnd_to_usd(df.value, df.unit.replace({"vnd_bn": "vnd_bm"}), df.year, units=UNITS, rates=RATES)
    with pytest.raises(TypeError, match=r"year must hold integers; got 2018.5 at index 0"):
        U.vnd_to_usd(df.value, "vnd", df.year.astype(float) + 0.5, units=UNITS, rates=RATES)
    with pytest.raises(ValueError, match="value and unit are Series with different indexes"):
        U.vnd_to_usd(df.value, pd.Series(["vnd"] * 3, index=[7, 8, 9]), 2018, units=UNITS, rates=RATES)


CATALOGUE = pd.DataFrame(
    {"indicator": ["revenue", "share", "exports"], "canonical_unit": ["vnd_bn", "percent", "usd_mn"]}
)


def _rows(**cols) -> pd.DataFrame:
    return pd.DataFrame(cols)


def test_normalise_converts_value_and_unit_together_and_keeps_the_stated_figure() -> None:
    df = _rows(
        indicator=["revenue", "revenue", "share"],
        value=[13.56, 36192.0, 60.0],
        unit=["vnd_tn", "vnd_bn", "percent"],
        qualifier=["exact", "lower_bound", "lower_bound"],
    )
    out = U.normalise(df, catalogue=CATALOGUE, units=UNITS)
    assert out.value.tolist() == [13560.0, 36192.0, 60.0]
    assert out.unit.tolist() == ["vnd_bn", "vnd_bn", "percent"]
    assert out.stated_value.tolist() == [13.56, 36192.0, 60.0]
    assert out.stated_unit.tolist() == ["vnd_tn", "vnd_bn", "percent"]
    assert out.qualifier.tolist() == df.qualifier.tolist()  # bounds stay bounds
    assert df.unit.tolist() == ["vnd_tn", "vnd_bn", "percent"], "the input is not changed"
    one = U.normalise(df.iloc[:2], to_unit="vnd_tn", units=UNITS)
    assert one.value.round(6).tolist() == [13.56, 36.192]


def test_normalise_never_crosses_dimensions_silently() -> None:
    df = _rows(indicator=["share"], value=[5.0], unit=["count"])
    with pytest.raises(ValueError, match=r"1 row\(s\) of 'share' from 'count' \(count\) to its unit 'percent'"):
        U.normalise(df, catalogue=CATALOGUE, units=UNITS)
    money = _rows(
        indicator=["exports", "exports"],
        value=[22.60205, 1.0],
        unit=["vnd_bn", "usd_mn"],
        period_start=pd.to_datetime(["2018-01-01", "2019-01-01"]),
        period_end=pd.to_datetime(["2018-12-31", "2019-12-31"]),
    )
    with pytest.raises(ValueError, match="a change of currency; pass currency=True"):
        U.normalise(money, catalogue=CATALOGUE, units=UNITS)
    out = U.normalise(money, catalogue=CATALOGUE, units=UNITS, rates=RATES, currency=True)
    assert out.value.round(9).tolist() == [1.0, 1.0] and out.unit.tolist() == ["usd_mn", "usd_mn"]
    spanning = money.assign(period_start=pd.to_datetime(["2017-07-01", "2019-01-01"]))
    with pytest.raises(ValueError, match="spans two calendar years"):
        U.normalise(spanning, catalogue=CATALOGUE, units=UNITS, rates=RATES, currency=True)


def test_normalise_needs_a_canonical_unit_for_every_indicator() -> None:
    with pytest.raises(ValueError, match=r"no canonical unit.*'revenu'.*did you mean 'revenue'"):
        U.normalise(_rows(indicator=["revenu"], value=[1.0], unit=["vnd"]), catalogue=CATALOGUE, units=UNITS)
    with pytest.raises(ValueError, match="needs the column"):
        U.normalise(pd.DataFrame({"indicator": ["revenue"]}), catalogue=CATALOGUE, units=UNITS)


@PROPERTY
@given(
    values=st.lists(st.floats(min_value=1e-6, max_value=1e12), min_size=1, max_size=8),
    units=st.lists(st.sampled_from(MONEY_VND), min_size=8, max_size=8),
)
def test_normalise_is_a_positive_rescaling_per_row(values: list[float], units: list[str]) -> None:
    """Order within a unit, signs and bounds survive; converting back gives the stated figure."""
    df = _rows(indicator=["revenue"] * len(values), value=values, unit=units[: len(values)])
    out = U.normalise(df, catalogue=CATALOGUE, units=UNITS)
    assert (out.unit == "vnd_bn").all()
    assert (out.value > 0).all()
    for v, u, new in zip(df.value, df.unit, out.value):
        assert convert(new, "vnd_bn", u, units=UNITS) == pytest.approx(v, rel=1e-12)
    again = U.normalise(out.drop(columns=["stated_value", "stated_unit"]), catalogue=CATALOGUE, units=UNITS)
    assert again.value.tolist() == out.value.tolist(), "normalising twice changes nothing"


def test_normalise_on_the_shipped_data() -> None:
    df = agstats_io().load_indicators(area="all")
    out = U.normalise(df, currency=True)
    canon = U.canonical_units()
    assert all(canon[i] == u for i, u in zip(out.indicator, out.unit.astype(str)))
    assert len(out) == len(df) and (out.qualifier == df.qualifier).all()


def agstats_io():
    from agstats import io

    return io


def test_a_series_of_units_where_one_code_is_expected_is_named_not_printed() -> None:
    units = pd.Series(["vnd_bn"] * 50)
    with pytest.raises(TypeError) as err:
        convert(pd.Series([1.0] * 50), units, "vnd_tn", units=UNITS)  # type: ignore[arg-type]
    assert str(err.value).startswith("a unit must be one unit code, got a Series of unit codes; ")
    assert "vnd_bn" not in str(err.value) and len(str(err.value)) < 200
