"""Numbers with units: conversions within a dimension, đồng ↔ US dollars, ratios.

Unit codes are those of ``data/units.csv`` (``vnd``, ``vnd_bn``, ``usd_mn``,
``percent``, ``count_th`` ...). Each code has a *dimension* (``money_vnd``,
``money_usd``, ``ratio``, ``count`` ...) and a *factor*: the size of one unit
in the dimension's base unit (``vnd_bn`` is 1e9 đồng). Values convert freely
within a dimension; crossing dimensions is an error, except đồng ↔ US dollars,
which needs a year and goes through :func:`vnd_to_usd` / :func:`usd_to_vnd` at
that year's annual average exchange rate.

Every function that needs the unit table or the exchange rates takes an
optional ``units=`` / ``rates=`` argument and, when it is None, reads them with
:func:`agstats.io.load_units` / :func:`agstats.io.load_exchange_rates`.

``units`` may be

* a DataFrame with columns ``code``, ``dimension`` and ``factor`` (extra
  columns are ignored; ``code`` may also be the index), or
* a mapping ``code -> (dimension, factor)`` or
  ``code -> {"dimension": ..., "factor": ...}``.

``rates`` may be

* a DataFrame with columns ``year`` and ``vnd_per_usd`` (đồng per US dollar),
* a Series of đồng per US dollar indexed by year, or
* a mapping ``year -> vnd_per_usd``.

Values may be Python or numpy scalars or pandas Series (the operations are
vectorised; Series keep their index and name).

Examples
--------
>>> U = {"vnd": ("money_vnd", 1), "vnd_bn": ("money_vnd", 1e9),
...      "vnd_tn": ("money_vnd", 1e12), "usd": ("money_usd", 1),
...      "usd_mn": ("money_usd", 1e6), "percent": ("ratio", 1)}
>>> convert(3300, "vnd_bn", "vnd_tn", units=U)
3.3
>>> round(vnd_to_usd(3300, "vnd_bn", 2018, to_unit="usd_mn", units=U,
...                  rates={2018: 22602.05}), 1)
146.0
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

__all__ = [
    "convert",
    "exchange_rate",
    "per_area",
    "per_capita",
    "per_inhabitants",
    "to_vnd",
    "unit_dimension",
    "unit_factor",
    "usd_to_vnd",
    "vnd_to_usd",
    "canonical_units",
    "normalise",
]

#: A scalar or a pandas Series of numbers.
Values: TypeAlias = "float | pd.Series"
#: Anything accepted as ``units=``.
UnitsLike: TypeAlias = "pd.DataFrame | Mapping[str, Any] | None"
#: Anything accepted as ``rates=``.
RatesLike: TypeAlias = "pd.DataFrame | pd.Series | Mapping[int, float] | None"
#: A year as an integer, or a Series of years aligned with the values.
Years: TypeAlias = "int | pd.Series"

_VND = "money_vnd"
_USD = "money_usd"


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------
def _unit_table(units: UnitsLike) -> dict[str, tuple[str, float]]:
    """Normalise ``units`` to ``{code: (dimension, factor)}``."""
    if units is None:
        from agstats.io import load_units  # lazy: keeps this module file-free

        units = load_units()
    if isinstance(units, pd.DataFrame):
        frame = units
        if "code" not in frame.columns and frame.index.name == "code":
            frame = frame.reset_index()
        missing = {"code", "dimension", "factor"} - set(frame.columns)
        if missing:
            raise ValueError(f"units table lacks column(s) {sorted(missing)}")
        items: Iterable[tuple[Any, Any]] = zip(frame["code"], zip(frame["dimension"], frame["factor"]))
    elif isinstance(units, Mapping):
        items = units.items()
    else:
        raise TypeError(f"units must be a DataFrame or a mapping, got {type(units).__name__}")

    table: dict[str, tuple[str, float]] = {}
    for code, spec in items:
        if isinstance(spec, Mapping):
            dimension, factor = spec["dimension"], spec["factor"]
        else:
            dimension, factor = spec
        factor = float(factor)
        if not (math.isfinite(factor) and factor > 0):
            raise ValueError(f"unit {code!r} has factor {factor!r}; factors must be finite and > 0")
        if str(code) in table:
            raise ValueError(f"unit code {code!r} appears twice in the units table")
        table[str(code)] = (str(dimension), factor)
    return table


def _lookup(code: str, table: dict[str, tuple[str, float]]) -> tuple[str, float]:
    if not isinstance(code, str):
        kind = "a Series of unit codes" if isinstance(code, pd.Series) else f"{type(code).__name__} {code!r}"
        raise TypeError(
            f"a unit must be one unit code, got {kind}; for one unit per row use normalise() "
            "(or vnd_to_usd()/usd_to_vnd(), which take a Series of codes)"
        )
    try:
        return table[code]
    except (KeyError, TypeError):
        known = ", ".join(sorted(table))
        raise ValueError(f"unknown unit code {code!r}; known codes: {known}") from None


def _rate_table(rates: RatesLike) -> dict[int, float]:
    """Normalise ``rates`` to ``{year: đồng per US dollar}``."""
    if rates is None:
        from agstats.io import load_exchange_rates  # lazy

        rates = load_exchange_rates()
    if isinstance(rates, pd.DataFrame):
        frame = rates
        if "year" not in frame.columns and frame.index.name == "year":
            frame = frame.reset_index()
        missing = {"year", "vnd_per_usd"} - set(frame.columns)
        if missing:
            raise ValueError(f"exchange-rate table lacks column(s) {sorted(missing)}")
        items: Iterable[tuple[Any, Any]] = zip(frame["year"], frame["vnd_per_usd"])
    elif isinstance(rates, (pd.Series, Mapping)):
        items = rates.items()
    else:
        raise TypeError(f"rates must be a DataFrame, a Series or a mapping, got {type(rates).__name__}")
    table: dict[int, float] = {}
    for year, rate in items:
        rate = float(rate)
        if not (math.isfinite(rate) and rate > 0):
            raise ValueError(f"exchange rate for {year} is {rate!r}; rates must be finite and > 0")
        table[int(year)] = rate
    return table


# --------------------------------------------------------------------------
# Unit look-ups and conversion
# --------------------------------------------------------------------------
def unit_dimension(code: str, *, units: UnitsLike = None) -> str:
    """Return the dimension of a unit code.

    Parameters
    ----------
    code : str
        A unit code such as ``"vnd_bn"``.
    units : DataFrame or mapping, optional
        The unit table; read with :func:`agstats.io.load_units` when None.

    Returns
    -------
    str
        The dimension, e.g. ``"money_vnd"``.

    Raises
    ------
    ValueError
        If the code is unknown.

    Examples
    --------
    >>> unit_dimension("vnd_bn", units={"vnd_bn": ("money_vnd", 1e9)})
    'money_vnd'
    """
    return _lookup(code, _unit_table(units))[0]


def unit_factor(code: str, *, units: UnitsLike = None) -> float:
    """Return the size of one ``code`` in its dimension's base unit.

    Parameters
    ----------
    code : str
        A unit code such as ``"vnd_bn"``.
    units : DataFrame or mapping, optional
        The unit table; read with :func:`agstats.io.load_units` when None.

    Returns
    -------
    float
        The factor, e.g. ``1e9`` for ``"vnd_bn"``.

    Raises
    ------
    ValueError
        If the code is unknown.

    Examples
    --------
    >>> unit_factor("vnd_bn", units={"vnd_bn": ("money_vnd", 1e9)})
    1000000000.0
    """
    return _lookup(code, _unit_table(units))[1]


def _rescale(value: Values, from_factor: float, to_factor: float) -> Values:
    # One multiplication or division by a ratio >= 1: with power-of-ten
    # factors the ratio is exact, so 3300 / 1000 gives exactly 3.3.
    if from_factor == to_factor:
        return value * 1.0
    if from_factor > to_factor:
        return value * (from_factor / to_factor)
    return value / (to_factor / from_factor)


def _convert(value: Values, from_unit: str, to_unit: str, table: dict, hint: str = "") -> Values:
    from_dim, from_factor = _lookup(from_unit, table)
    to_dim, to_factor = _lookup(to_unit, table)
    if from_dim != to_dim:
        raise ValueError(
            f"cannot convert {from_unit!r} ({from_dim}) to {to_unit!r} ({to_dim}): units of different dimensions{hint}"
        )
    return _rescale(value, from_factor, to_factor)


def convert(value: Values, from_unit: str, to_unit: str, *, units: UnitsLike = None) -> Values:
    """Convert values between two units of the same dimension.

    Parameters
    ----------
    value : float or Series
        The value(s), in ``from_unit``.
    from_unit, to_unit : str
        Unit codes of the same dimension (e.g. ``"vnd_bn"`` and ``"vnd_tn"``).
    units : DataFrame or mapping, optional
        The unit table; read with :func:`agstats.io.load_units` when None.

    Returns
    -------
    float or Series
        The value(s) in ``to_unit`` (always floats).

    Raises
    ------
    ValueError
        If a code is unknown or the units have different dimensions (e.g.
        ``percent`` to ``vnd``; for đồng ↔ dollars use :func:`vnd_to_usd`).

    Examples
    --------
    >>> U = {"vnd_bn": ("money_vnd", 1e9), "vnd_tn": ("money_vnd", 1e12),
    ...      "percent": ("ratio", 1)}
    >>> convert(3300, "vnd_bn", "vnd_tn", units=U)
    3.3
    >>> convert(pd.Series([178, 3300]), "vnd_bn", "vnd_tn", units=U)
    0    0.178
    1    3.300
    dtype: float64
    >>> convert(5, "percent", "vnd_bn", units=U)
    Traceback (most recent call last):
    ...
    ValueError: cannot convert 'percent' (ratio) to 'vnd_bn' (money_vnd): units of different dimensions
    """
    table = _unit_table(units)
    hint = ""
    dims = {_lookup(from_unit, table)[0], _lookup(to_unit, table)[0]}
    if dims == {_VND, _USD}:
        hint = "; đồng ↔ US dollars needs a year: use vnd_to_usd() or usd_to_vnd()"
    return _convert(value, from_unit, to_unit, table, hint)


def to_vnd(value: Values, unit: str, *, units: UnitsLike = None) -> Values:
    """Express an amount of đồng (in any đồng unit) in đồng.

    Parameters
    ----------
    value : float or Series
        Amount(s) in ``unit``.
    unit : str
        A ``money_vnd`` unit code (``vnd``, ``vnd_mn``, ``vnd_bn``, ``vnd_tn``).
    units : DataFrame or mapping, optional
        The unit table; read with :func:`agstats.io.load_units` when None.

    Returns
    -------
    float or Series
        The amount(s) in đồng.

    Raises
    ------
    ValueError
        If ``unit`` is unknown or not a đồng unit (US dollar amounts need a
        year: use :func:`usd_to_vnd`).

    Examples
    --------
    >>> to_vnd(178, "vnd_bn", units={"vnd": ("money_vnd", 1), "vnd_bn": ("money_vnd", 1e9)})
    178000000000.0
    """
    return convert(value, unit, "vnd", units=units)


# --------------------------------------------------------------------------
# Exchange rates
# --------------------------------------------------------------------------
def _check_year(year: Any) -> int:
    if isinstance(year, bool) or not isinstance(year, numbers.Integral):
        raise TypeError(f"year must be an integer, got {year!r}")
    return int(year)


def _missing_year_error(years: list[int], table: dict[int, float], units: list[str] | None = None) -> ValueError:
    available = ", ".join(str(y) for y in sorted(table)) or "none"
    which = ", ".join(str(y) for y in years)
    noun = "year" if len(years) == 1 else "years"
    of = f" (converting {', '.join(repr(u) for u in units)})" if units else ""
    return ValueError(f"no exchange rate for {noun} {which}{of}; available years: {available}")


def _rates_for(year: Years, table: dict[int, float], unit: Any = None) -> float | pd.Series:
    if isinstance(year, pd.Series):
        if year.isna().any():
            where = list(year.index[year.isna()])[:5]
            raise ValueError(f"year has missing values (at index {where}); every value needs a year")
        numeric = pd.to_numeric(year, errors="coerce")
        bad = numeric.isna() | (numeric != numeric.round())
        if bad.any():
            first = year.index[bad][0]
            raise TypeError(f"year must hold integers; got {year[first]} at index {first!r}")
        years = numeric.astype("int64")
        mapped = years.map(lambda y: table.get(int(y), np.nan)).astype(float)
        if mapped.isna().any():
            missing = sorted({int(y) for y in years[mapped.isna()]})
            raise _missing_year_error(missing, table, _units_at(unit, mapped.isna()))
        return mapped
    y = _check_year(year)
    if y not in table:
        raise _missing_year_error([y], table, _units_at(unit, None))
    return table[y]


def _units_at(unit: Any, mask: pd.Series | None) -> list[str]:
    """The unit code(s) of the values a message is about (for error messages)."""
    if unit is None:
        return []
    if isinstance(unit, pd.Series):
        chosen = unit if mask is None or not unit.index.equals(mask.index) else unit[mask]
        return sorted({str(u) for u in chosen})
    return [str(unit)]


def exchange_rate(year: Years, *, rates: RatesLike = None) -> float | pd.Series:
    """Return the annual average exchange rate, in đồng per US dollar.

    Parameters
    ----------
    year : int or Series of int
        The year(s).
    rates : DataFrame, Series or mapping, optional
        The exchange rates; read with :func:`agstats.io.load_exchange_rates`
        when None.

    Returns
    -------
    float or Series
        đồng per US dollar (a Series aligned with ``year`` if it is one).

    Raises
    ------
    ValueError
        If a year has no rate (the message names it and the years available).

    Examples
    --------
    >>> exchange_rate(2019, rates={2018: 22602.05, 2019: 23050.24})
    23050.24
    >>> exchange_rate(2016, rates={2018: 22602.05, 2019: 23050.24})
    Traceback (most recent call last):
    ...
    ValueError: no exchange rate for year 2016; available years: 2018, 2019
    """
    return _rates_for(year, _rate_table(rates))


def _check_aligned(value: Any, other: Any) -> None:
    if isinstance(value, pd.Series) and isinstance(other, pd.Series) and not value.index.equals(other.index):
        name = "year" if other.dtype.kind in "iuf" else "unit"
        raise ValueError(f"value and {name} are Series with different indexes; align them first")


def vnd_to_usd(
    value: Values,
    unit: str,
    year: Years,
    *,
    to_unit: str = "usd",
    units: UnitsLike = None,
    rates: RatesLike = None,
) -> Values:
    """Convert đồng to US dollars at the annual average rate of ``year``.

    Parameters
    ----------
    value : float or Series
        Amount(s) in the đồng unit ``unit``.
    unit : str or Series of str
        A ``money_vnd`` unit code, e.g. ``"vnd_bn"``; a Series (such as the
        ``unit`` column of :func:`agstats.load_indicators`) gives each value
        its own unit.
    year : int or Series of int
        Year of the rate; a Series gives each value its own year.
    to_unit : str, default "usd"
        A ``money_usd`` unit code for the result, e.g. ``"usd_mn"``.
    units : DataFrame or mapping, optional
        The unit table; read with :func:`agstats.io.load_units` when None.
    rates : DataFrame, Series or mapping, optional
        đồng per US dollar by year; read with
        :func:`agstats.io.load_exchange_rates` when None.

    Returns
    -------
    float or Series
        The amount(s) in ``to_unit``.

    Raises
    ------
    ValueError
        For unknown codes, a ``unit`` that is not đồng or a ``to_unit`` that is
        not US dollars, or a year without a rate.

    Notes
    -----
    An annual average rate suits flows over that year (revenue, budgets); for
    a stock on a given date the rate of that date would be more exact.

    Examples
    --------
    >>> U = {"vnd": ("money_vnd", 1), "vnd_bn": ("money_vnd", 1e9),
    ...      "usd": ("money_usd", 1), "usd_mn": ("money_usd", 1e6)}
    >>> R = {2018: 22602.05, 2019: 23050.24}
    >>> round(vnd_to_usd(178, "vnd_bn", 2018, to_unit="usd_mn", units=U, rates=R), 3)
    7.875
    >>> vnd_to_usd(1, "vnd_bn", 2017, units=U, rates=R)
    Traceback (most recent call last):
    ...
    ValueError: no exchange rate for year 2017 (converting 'vnd_bn'); available years: 2018, 2019

    Element-wise, each value with its own unit and year:

    >>> df = pd.DataFrame({"value": [178.0, 150.0], "unit": ["vnd_bn", "vnd"], "year": [2018, 2019]})
    >>> vnd_to_usd(df.value, df.unit, df.year, units=U, rates=R).round(4).tolist()
    [7875391.8339, 0.0065]
    """
    table = _unit_table(units)
    factor = _factors(unit, _VND, table, "the amount to convert", "use usd_to_vnd() for dollars", year)
    _require(to_unit, _USD, table, "to_unit", "")
    _check_aligned(value, year)
    _check_aligned(value, unit)
    rate = _rates_for(year, _rate_table(rates), unit)
    vnd = value * factor  # factors are relative to the base unit
    return _keep_name(_rescale(vnd / rate, 1.0, table[to_unit][1]), value)


def usd_to_vnd(
    value: Values,
    unit: str,
    year: Years,
    *,
    to_unit: str = "vnd",
    units: UnitsLike = None,
    rates: RatesLike = None,
) -> Values:
    """Convert US dollars to đồng at the annual average rate of ``year``.

    The inverse of :func:`vnd_to_usd` (round trips agree up to rounding).

    Parameters
    ----------
    value : float or Series
        Amount(s) in the dollar unit ``unit``.
    unit : str or Series of str
        A ``money_usd`` unit code, e.g. ``"usd_mn"``, or one code per value.
    year : int or Series of int
        Year of the rate; a Series gives each value its own year.
    to_unit : str, default "vnd"
        A ``money_vnd`` unit code for the result, e.g. ``"vnd_bn"``.
    units : DataFrame or mapping, optional
        The unit table; read with :func:`agstats.io.load_units` when None.
    rates : DataFrame, Series or mapping, optional
        đồng per US dollar by year; read with
        :func:`agstats.io.load_exchange_rates` when None.

    Returns
    -------
    float or Series
        The amount(s) in ``to_unit``.

    Raises
    ------
    ValueError
        For unknown codes, a ``unit`` that is not US dollars or a ``to_unit``
        that is not đồng, or a year without a rate.

    Examples
    --------
    >>> U = {"vnd": ("money_vnd", 1), "vnd_bn": ("money_vnd", 1e9),
    ...      "usd": ("money_usd", 1), "usd_mn": ("money_usd", 1e6)}
    >>> round(usd_to_vnd(1, "usd_mn", 2019, to_unit="vnd_bn", units=U,
    ...                  rates={2019: 23050.24}), 5)
    23.05024
    """
    table = _unit_table(units)
    factor = _factors(unit, _USD, table, "the amount to convert", "use vnd_to_usd() for đồng", year)
    _require(to_unit, _VND, table, "to_unit", "")
    _check_aligned(value, year)
    _check_aligned(value, unit)
    rate = _rates_for(year, _rate_table(rates), unit)
    usd = value * factor
    return _keep_name(_rescale(usd * rate, 1.0, table[to_unit][1]), value)


def _keep_name(result: Values, value: Values) -> Values:
    """Give a Series result the name of the value Series (not of the rates)."""
    if isinstance(result, pd.Series) and isinstance(value, pd.Series):
        renamed: pd.Series = result.copy()
        renamed.name = value.name
        return renamed
    return result


def _factors(unit: Any, dimension: str, table: dict, what: str, hint: str, year: Any) -> float | pd.Series:
    """The factor of ``unit`` (one code, or a Series of codes: one factor per value), checked to be in ``dimension``."""
    if not isinstance(unit, pd.Series):
        _require(unit, dimension, table, what, hint)
        return float(table[unit][1])
    for code in dict.fromkeys(unit.astype("str")):
        where = unit.index[unit.astype("str") == code]
        label = where[0]
        at = f" at index {label!r}"
        if isinstance(year, pd.Series) and label in year.index:
            at += f" (year {year[label]})"
        if code not in table:
            raise ValueError(f"unknown unit code {code!r}{at}; known codes: {', '.join(sorted(table))}")
        actual = table[code][0]
        if actual != dimension:
            more = f"; {hint}" if hint and actual in (_VND, _USD) else ""
            raise ValueError(f"{what} must be in a {dimension} unit, got {code!r} ({actual}){at}{more}")
    return unit.astype("str").map(lambda c: table[c][1]).astype(float)


def _require(code: str, dimension: str, table: dict, what: str, hint: str) -> None:
    actual = _lookup(code, table)[0]
    if actual != dimension:
        hint = f"; {hint}" if hint else ""
        raise ValueError(f"{what} must be in a {dimension} unit, got {code!r} ({actual}){hint}")


# --------------------------------------------------------------------------
# Ratios to population and area
# --------------------------------------------------------------------------
def _check_positive(x: Any, name: str) -> None:
    """Raise ValueError unless every value of ``x`` is a finite number > 0."""
    if isinstance(x, (pd.Series, np.ndarray)):
        arr = np.asarray(x, dtype=float)
        bad = ~(np.isfinite(arr) & (arr > 0))
        if bad.any():
            labels = list(x.index[bad]) if isinstance(x, pd.Series) else list(np.flatnonzero(bad))
            raise ValueError(
                f"{name} must be finite and > 0; invalid at {labels[:10]}" + (" ..." if len(labels) > 10 else "")
            )
        return
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be a number or a Series, got {type(x).__name__}")
    if not (math.isfinite(x) and float(x) > 0):
        raise ValueError(f"{name} must be finite and > 0, got {x!r}")


def per_capita(value: Values, population: Values) -> Values:
    """Divide by population: the amount per inhabitant.

    Parameters
    ----------
    value : float or Series
        A total (e.g. revenue in đồng, or a count of subscriptions).
    population : float or Series
        Number of inhabitants (> 0), e.g. from ``data/context.csv``.

    Returns
    -------
    float or Series
        ``value / population`` (in the value's unit per person).

    Raises
    ------
    ValueError
        If a population is not finite and > 0.

    Examples
    --------
    >>> round(per_capita(3300e9, 1_908_352))  # đồng per inhabitant
    1729241
    >>> per_capita(1, 0)
    Traceback (most recent call last):
    ...
    ValueError: population must be finite and > 0, got 0
    """
    _check_positive(population, "population")
    return value / population


def per_inhabitants(value: Values, population: Values, per: float = 10_000) -> Values:
    """Express a count per ``per`` inhabitants (default: per 10,000).

    Parameters
    ----------
    value : float or Series
        A count (e.g. postal service points).
    population : float or Series
        Number of inhabitants (> 0).
    per : float, default 10_000
        The reference population size (> 0).

    Returns
    -------
    float or Series
        ``value / population * per``.

    Raises
    ------
    ValueError
        If ``population`` or ``per`` is not finite and > 0.

    Examples
    --------
    >>> round(per_inhabitants(156, 1_908_352), 3)  # postal points per 10,000 people
    0.817
    """
    _check_positive(population, "population")
    _check_positive(per, "per")
    return value / population * per


def per_area(value: Values, area_km2: Values) -> Values:
    """Divide by area in km²: the amount per square kilometre.

    Parameters
    ----------
    value : float or Series
        A total (e.g. a count of base stations).
    area_km2 : float or Series
        Area in square kilometres (> 0).

    Returns
    -------
    float or Series
        ``value / area_km2``.

    Raises
    ------
    ValueError
        If an area is not finite and > 0.

    Examples
    --------
    >>> per_area(3536.8, 3536.8)
    1.0
    """
    _check_positive(area_km2, "area_km2")
    return value / area_km2


# --------------------------------------------------------------------------
# Canonical units of the indicators
# --------------------------------------------------------------------------
def canonical_units(*, catalogue: pd.DataFrame | None = None) -> dict[str, str]:
    """Return ``{indicator: canonical unit}`` from the indicator catalogue.

    Parameters
    ----------
    catalogue : DataFrame, optional
        Columns ``indicator`` and ``canonical_unit``; read with
        :func:`agstats.io.load_catalogue` when None.

    Examples
    --------
    >>> canonical_units()["telecom_revenue"]
    'vnd_bn'
    """
    if catalogue is None:
        from agstats.io import load_catalogue

        catalogue = load_catalogue()
    return {str(k): str(v) for k, v in zip(catalogue["indicator"], catalogue["canonical_unit"])}


def normalise(
    df: pd.DataFrame,
    *,
    to_unit: str | Mapping[str, str] | None = None,
    currency: bool = False,
    catalogue: pd.DataFrame | None = None,
    units: UnitsLike = None,
    rates: RatesLike = None,
    data_dir: Any = None,
) -> pd.DataFrame:
    """Bring indicator rows to one unit per indicator, converting ``value`` and ``unit`` together.

    Parameters
    ----------
    df : DataFrame
        Rows with columns ``indicator``, ``value`` and ``unit`` (and
        ``period_start``/``period_end`` when ``currency=True``), e.g. from
        :func:`agstats.load_indicators`.
    to_unit : str or mapping, optional
        The target unit: one code for every row, or ``{indicator: code}``. By
        default each indicator's ``canonical_unit`` of ``catalogue.csv``.
    currency : bool, default False
        Also convert đồng ↔ US dollars, at the annual average rate of the
        calendar year of each row's period (a period spanning two calendar
        years is refused). Without it, such a row raises: a change of
        currency is never made silently.
    catalogue, units, rates : optional
        The catalogue, unit table and exchange rates; read from the data
        package when None.
    data_dir : path, optional
        Data package folder for the tables read.

    Returns
    -------
    DataFrame
        A copy with ``value`` and ``unit`` in the target unit, plus
        ``stated_value`` and ``stated_unit`` (the figure as the source states
        it) right after ``unit``. Nothing else changes: a lower bound stays a
        lower bound (factors are positive), qualifiers, sources and evidence
        are kept.

    Raises
    ------
    ValueError
        For an indicator without a canonical unit, or a row whose unit has
        another dimension than the target (the message names the indicator,
        the units and the row count, and says how to opt in for currencies).

    Examples
    --------
    >>> rows = pd.DataFrame({"indicator": ["postal_revenue"] * 2, "value": [13.56, 36192.0],
    ...                      "unit": ["vnd_tn", "vnd_bn"]})
    >>> normalise(rows)[["value", "unit", "stated_value", "stated_unit"]]
         value    unit  stated_value stated_unit
    0  13560.0  vnd_bn         13.56      vnd_tn
    1  36192.0  vnd_bn      36192.00      vnd_bn
    >>> normalise(rows.assign(unit=["percent", "vnd_bn"]))
    Traceback (most recent call last):
    ...
    ValueError: cannot bring 1 row(s) of 'postal_revenue' from 'percent' (ratio) to its unit 'vnd_bn' (money_vnd): units of different dimensions
    """
    missing_cols = {"indicator", "value", "unit"} - set(df.columns)
    if missing_cols:
        raise ValueError(f"normalise() needs the column(s) {sorted(missing_cols)}")
    table = _unit_table(units if units is not None else _units_from(data_dir))
    if to_unit is None:
        if catalogue is None and data_dir is not None:
            from agstats.io import load_catalogue

            catalogue = load_catalogue(data_dir=data_dir)
        targets: Mapping[str, str] = canonical_units(catalogue=catalogue)
    elif isinstance(to_unit, str):
        _lookup(to_unit, table)
        targets = {str(i): to_unit for i in df["indicator"].unique()}
    else:
        targets = to_unit
    indicator = df["indicator"].astype("str")
    unit = df["unit"].astype("str")
    lacking = sorted(set(indicator) - set(targets))
    if lacking:
        from agstats.io import unknown_value_error

        raise unknown_value_error("indicator (no canonical unit in the catalogue)", lacking[0], sorted(targets))
    target = indicator.map(targets)
    value = df["value"].astype(float)
    new = pd.Series(np.nan, index=df.index, dtype=float)
    groups: dict[Any, Any] = df.groupby([indicator, unit, target], sort=False).groups
    for key, idx in groups.items():
        ind, src, dst = (str(k) for k in key)
        from_dim, _ = _lookup(src, table)
        to_dim, _ = _lookup(dst, table)
        if from_dim == to_dim:
            new[idx] = _convert(value[idx], src, dst, table)
            continue
        what = f"cannot bring {len(idx)} row(s) of {ind!r} from {src!r} ({from_dim}) to its unit {dst!r} ({to_dim})"
        if {from_dim, to_dim} != {_VND, _USD}:
            raise ValueError(f"{what}: units of different dimensions")
        if not currency:
            raise ValueError(f"{what}: a change of currency; pass currency=True to convert at the annual average rate")
        start, end = pd.to_datetime(df.loc[idx, "period_start"]), pd.to_datetime(df.loc[idx, "period_end"])
        spans = start.dt.year != end.dt.year
        if spans.any():
            first = spans[spans].index[0]
            raise ValueError(
                f"{what}: the period {start[first]:%Y-%m-%d}..{end[first]:%Y-%m-%d} spans two calendar years, "
                "so no single annual rate applies"
            )
        year = end.dt.year.astype("int64")
        fn = vnd_to_usd if from_dim == _VND else usd_to_vnd
        new[idx] = fn(value[idx], src, year, to_unit=dst, units=table, rates=rates)
    out = df.copy()
    position = list(out.columns).index("unit") + 1
    out.insert(position, "stated_value", value)
    out.insert(position + 1, "stated_unit", df["unit"])
    out["value"] = new
    if isinstance(df["unit"].dtype, pd.CategoricalDtype):
        out["unit"] = pd.Categorical(target, categories=df["unit"].cat.categories)
    else:
        out["unit"] = target
    return out


def _units_from(data_dir: Any) -> UnitsLike:
    if data_dir is None:
        return None
    from agstats.io import load_units

    return load_units(data_dir=data_dir)
