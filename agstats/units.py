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
from collections.abc import Mapping
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
        items = zip(frame["code"], zip(frame["dimension"], frame["factor"]))
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
        items = zip(frame["year"], frame["vnd_per_usd"])
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


def _missing_year_error(years: list[int], table: dict[int, float]) -> ValueError:
    available = ", ".join(str(y) for y in sorted(table)) or "none"
    which = ", ".join(str(y) for y in years)
    noun = "year" if len(years) == 1 else "years"
    return ValueError(f"no exchange rate for {noun} {which}; available years: {available}")


def _rates_for(year: Years, table: dict[int, float]) -> float | pd.Series:
    if isinstance(year, pd.Series):
        if year.isna().any():
            raise ValueError("year contains missing values; every value needs a year")
        mapped = year.map(lambda y: table.get(int(y), np.nan)).astype(float)
        if mapped.isna().any():
            missing = sorted({int(y) for y in year[mapped.isna()]})
            raise _missing_year_error(missing, table)
        return mapped
    y = _check_year(year)
    if y not in table:
        raise _missing_year_error([y], table)
    return table[y]


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


def _check_aligned(value: Any, year: Any) -> None:
    if isinstance(value, pd.Series) and isinstance(year, pd.Series) and not value.index.equals(year.index):
        raise ValueError("value and year are Series with different indexes; align them first")


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
    unit : str
        A ``money_vnd`` unit code, e.g. ``"vnd_bn"``.
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
    ValueError: no exchange rate for year 2017; available years: 2018, 2019
    """
    table = _unit_table(units)
    _require(unit, _VND, table, "the amount to convert", "use usd_to_vnd() for dollars")
    _require(to_unit, _USD, table, "to_unit", "")
    _check_aligned(value, year)
    rate = _rates_for(year, _rate_table(rates))
    vnd = _rescale(value, table[unit][1], 1.0)  # factors are relative to the base unit
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
    unit : str
        A ``money_usd`` unit code, e.g. ``"usd_mn"``.
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
    _require(unit, _USD, table, "the amount to convert", "use vnd_to_usd() for đồng")
    _require(to_unit, _VND, table, "to_unit", "")
    _check_aligned(value, year)
    rate = _rates_for(year, _rate_table(rates))
    usd = _rescale(value, table[unit][1], 1.0)
    return _keep_name(_rescale(usd * rate, 1.0, table[to_unit][1]), value)


def _keep_name(result: Values, value: Values) -> Values:
    """Give a Series result the name of the value Series (not of the rates)."""
    if isinstance(result, pd.Series) and isinstance(value, pd.Series):
        return result.rename(value.name)
    return result


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
    if not (math.isfinite(x) and x > 0):
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
