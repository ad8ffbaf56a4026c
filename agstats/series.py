"""Periods, annualisation, growth and bounds (intervals) for indicator values.

The 2019 report mixes full-year figures (2018), year-to-date estimates
("9 tháng đầu năm 2019", January–September) and bounds ("trên 4.600", *over*
4,600). This module makes the arithmetic on them explicit:

* :func:`months_in_period` counts the calendar months a period covers;
* :func:`annualise` turns a part-year figure into a run-rate (assuming no
  seasonality) and :func:`annualise_band` into a range of full-year totals;
* :func:`growth` and :func:`growth_annualised` compare figures;
* :class:`Interval` carries bounds through ``+ - * /`` so that, for instance,
  the ratio of two lower bounds is correctly reported as unknown, ``[0, ∞)``;
* :func:`reconcile` sets a part-period estimate against a later full-period
  figure (the implied remainder and its share, e.g. the implied fourth quarter);
* :func:`cagr` and :func:`years_between` give average yearly growth between
  two dates (e.g. two stocks).

Examples
--------
>>> months_in_period("2019-01-01", "2019-09-30")
9.0
>>> annualise(150, 9)  # run-rate of Jan–Sep 2019 postal revenue, tỷ đồng
200.0
>>> budget = Interval.from_value(28, "lower_bound")
>>> revenue = Interval.from_value(4600, "lower_bound")
>>> print(budget / revenue)
[0, ∞)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias, TypeGuard, cast

import numpy as np
import pandas as pd

__all__ = [
    "QUALIFIERS",
    "AnnualisedGrowth",
    "Interval",
    "Reconciliation",
    "annualise",
    "annualise_band",
    "cagr",
    "growth",
    "growth_annualised",
    "implied_remainder",
    "months_in_period",
    "reconcile",
    "row_interval",
    "to_intervals",
    "years_between",
]

#: A scalar, a pandas Series or an :class:`Interval`.
Value: TypeAlias = "float | pd.Series | Interval"
#: Something pandas reads as a date.
DateLike: TypeAlias = "str | pd.Timestamp | np.datetime64"

#: Qualifiers giving a point value [v, v].
_POINT_QUALIFIERS = frozenset({"exact", "estimate", "approximate", "target"})
#: Qualifiers giving [v, ∞).
_LOWER_QUALIFIERS = frozenset({"lower_bound", "estimate_lower_bound"})
#: Qualifiers giving [0, v].
_UPPER_QUALIFIERS = frozenset({"upper_bound"})
#: Every qualifier an indicator row may carry.
QUALIFIERS: frozenset[str] = _POINT_QUALIFIERS | _LOWER_QUALIFIERS | _UPPER_QUALIFIERS


# --------------------------------------------------------------------------
# Interval
# --------------------------------------------------------------------------
def _is_number(x: Any) -> TypeGuard[float]:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _mul(a: float, b: float) -> float:
    """Product of bounds with 0 × ±∞ = 0 (an infinite bound is never attained)."""
    if a == 0 or b == 0:
        return 0.0
    return a * b


def _fmt_bound(x: float, fmt: str | None) -> str:
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if fmt:
        return format(x, fmt)
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return format(x, ".6g")


def _result(lo: float, hi: float) -> Interval:
    """The Interval of an operation's bounds; a finite bound that overflowed raises."""
    if lo == math.inf or hi == -math.inf:
        raise OverflowError(f"interval arithmetic overflowed the float range (bounds {lo}, {hi})")
    return Interval(lo, hi)


@dataclass(frozen=True)
class Interval:
    """A closed interval ``[lo, hi]`` of real numbers; bounds may be infinite.

    Intervals carry what a qualified figure says: an exact figure is the point
    ``[v, v]``, "over v" is ``[v, ∞)``, "at most v" is ``[0, v]``. Arithmetic
    with other intervals or plain numbers returns the smallest interval that
    holds every possible result (``x ∘ y`` for ``x`` in ``self``, ``y`` in
    ``other``), so conclusions drawn from bounds stay valid.

    Parameters
    ----------
    lo, hi : float
        Bounds with ``lo <= hi``; ``lo`` may be ``-math.inf`` and ``hi`` may be
        ``math.inf`` (an infinite bound means "unbounded" and is never
        attained). NaN is rejected.

    Notes
    -----
    * Division by an interval containing 0 raises :class:`ZeroDivisionError`
      (the quotient is unbounded and may change sign; nothing useful remains).
    * Products use ``0 × ∞ = 0``: ``[0, 0] × [1, ∞)`` is ``[0, 0]``.
    * A finite result too large for a float raises :class:`OverflowError`.
    * Float bounds are computed with ordinary rounding, which is monotone, so
      for ``x`` in ``A`` and ``y`` in ``B`` the float result of ``x ∘ y`` lies
      in ``A ∘ B``.

    Examples
    --------
    Lower bounds say nothing about a ratio, but a lower bound over an exact
    figure is still a lower bound, and sums of lower bounds are lower bounds:

    >>> budget = Interval.from_value(28, "lower_bound")     # over 28 tỷ đồng
    >>> revenue = Interval.from_value(4600, "lower_bound")  # over 4,600 tỷ đồng
    >>> budget / revenue
    Interval[0, ∞)
    >>> print(Interval.ratio(budget, 4600).format(".2%"))
    [0.61%, ∞)
    >>> budget + revenue
    Interval[4628, ∞)
    >>> 30 in budget, 27 in budget
    (True, False)
    >>> Interval(2, 3) * Interval(-1, 4)
    Interval[-3, 12]
    """

    lo: float
    hi: float

    #: Make numpy scalars defer to Interval's reflected operators.
    __array_ufunc__ = None

    def __post_init__(self) -> None:
        for name in ("lo", "hi"):
            v = getattr(self, name)
            if not _is_number(v):
                raise TypeError(f"Interval bound {name} must be a number, got {v!r}")
            if math.isnan(v):
                raise ValueError(f"Interval bound {name} is NaN")
        lo, hi = float(self.lo) + 0.0, float(self.hi) + 0.0  # + 0.0 turns -0.0 into 0.0
        if lo > hi:
            raise ValueError(f"Interval needs lo <= hi, got lo={lo!r} > hi={hi!r}")
        if lo == math.inf or hi == -math.inf:
            raise ValueError(f"Interval [{lo}, {hi}] is empty of real numbers")
        object.__setattr__(self, "lo", lo)
        object.__setattr__(self, "hi", hi)

    # ---------------------------------------------------------- constructors
    @classmethod
    def point(cls, value: float) -> Interval:
        """The degenerate interval ``[value, value]``.

        Examples
        --------
        >>> Interval.point(3)
        Interval[3, 3]
        """
        return cls(value, value)

    @classmethod
    def coerce(cls, x: Interval | float) -> Interval:
        """Return ``x`` if it is an Interval, else the point ``[x, x]``.

        Raises
        ------
        TypeError
            If ``x`` is neither an Interval nor a real number.

        Examples
        --------
        >>> Interval.coerce(5)
        Interval[5, 5]
        """
        if isinstance(x, Interval):
            return x
        if _is_number(x):
            return cls.point(x)
        raise TypeError(f"cannot use {type(x).__name__} {x!r} as an Interval")

    @classmethod
    def from_value(cls, value: float, qualifier: str) -> Interval:
        """Build the interval a qualified figure stands for.

        Parameters
        ----------
        value : float
            The figure.
        qualifier : str
            One of :data:`QUALIFIERS`:

            * ``exact``, ``estimate``, ``approximate``, ``target`` → ``[v, v]``
              (an estimate or target is uncertain, but not a bound);
            * ``lower_bound``, ``estimate_lower_bound`` → ``[v, ∞)``;
            * ``upper_bound`` → ``[0, v]``: the quantities in this data set
              are non-negative (counts, money, shares), so "at most v" means
              ``0 ≤ x ≤ v``.

        Raises
        ------
        ValueError
            For an unknown qualifier, a NaN value, or a negative upper bound.

        Examples
        --------
        >>> Interval.from_value(28, "lower_bound")
        Interval[28, ∞)
        >>> Interval.from_value(95, "upper_bound")
        Interval[0, 95]
        >>> Interval.from_value(150, "estimate")
        Interval[150, 150]
        """
        if not _is_number(value) or math.isnan(value):
            raise ValueError(f"value must be a number, got {value!r}")
        if qualifier in _POINT_QUALIFIERS:
            return cls(value, value)
        if qualifier in _LOWER_QUALIFIERS:
            return cls(value, math.inf)
        if qualifier in _UPPER_QUALIFIERS:
            if value < 0:
                raise ValueError(
                    f"upper bound {value!r} is negative; upper bounds are read as [0, v] for non-negative quantities"
                )
            return cls(0.0, value)
        raise ValueError(f"unknown qualifier {qualifier!r}; expected one of {', '.join(sorted(QUALIFIERS))}")

    @classmethod
    def ratio(cls, a: Interval | float, b: Interval | float) -> Interval:
        """The interval of ``x / y`` for ``x`` in ``a`` and ``y`` in ``b``.

        Raises
        ------
        ZeroDivisionError
            If ``b`` contains 0.

        Examples
        --------
        >>> Interval.ratio(Interval(28, math.inf), 4600) == Interval(28 / 4600, math.inf)
        True
        """
        return cls.coerce(a) / cls.coerce(b)

    # ------------------------------------------------------------ properties
    @property
    def is_point(self) -> bool:
        """True when ``lo == hi`` (an exact value)."""
        return self.lo == self.hi

    @property
    def is_bounded(self) -> bool:
        """True when both bounds are finite."""
        return math.isfinite(self.lo) and math.isfinite(self.hi)

    @property
    def width(self) -> float:
        """``hi - lo`` (``inf`` when unbounded)."""
        return self.hi - self.lo

    def __contains__(self, x: object) -> bool:
        """``x in iv``: a number inside, or an Interval that is a subset."""
        if isinstance(x, Interval):
            return self.lo <= x.lo and x.hi <= self.hi
        if _is_number(x):
            return self.lo <= x <= self.hi
        return False

    def intersect(self, other: Interval | float) -> Interval:
        """The common part of two intervals.

        Raises
        ------
        ValueError
            If they do not overlap.

        Examples
        --------
        >>> Interval(-math.inf, 5).intersect(Interval(0, math.inf))
        Interval[0, 5]
        """
        other = Interval.coerce(other)
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        if lo > hi:
            raise ValueError(f"{self} and {other} do not overlap")
        return Interval(lo, hi)

    # ------------------------------------------------------------ arithmetic
    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __pos__(self) -> Interval:
        return self

    def __add__(self, other: object) -> Interval:
        if not (isinstance(other, Interval) or _is_number(other)):
            return NotImplemented
        o = Interval.coerce(other)
        return _result(self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __sub__(self, other: object) -> Interval:
        if not (isinstance(other, Interval) or _is_number(other)):
            return NotImplemented
        o = Interval.coerce(other)
        return _result(self.lo - o.hi, self.hi - o.lo)

    def __rsub__(self, other: object) -> Interval:
        if not _is_number(other):
            return NotImplemented
        return Interval.coerce(other) - self

    def __mul__(self, other: object) -> Interval:
        if not (isinstance(other, Interval) or _is_number(other)):
            return NotImplemented
        o = Interval.coerce(other)
        products = [_mul(a, b) for a in (self.lo, self.hi) for b in (o.lo, o.hi)]
        return _result(min(products), max(products))

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Interval:
        if not (isinstance(other, Interval) or _is_number(other)):
            return NotImplemented
        o = Interval.coerce(other)
        if o.lo <= 0 <= o.hi:
            raise ZeroDivisionError(f"division by {o}, which contains 0: the quotient is unbounded")
        if o.hi < 0:  # a / [negative] = -(a / [positive])
            return -(self / -o)
        # 0 < o.lo <= o.hi: the extreme quotients pair each bound of self with
        # the divisor bound that pushes it furthest; no ∞/∞ can arise.
        lo = self.lo / (o.hi if self.lo >= 0 else o.lo)
        hi = self.hi / (o.lo if self.hi >= 0 else o.hi)
        return _result(lo, hi)

    def __rtruediv__(self, other: object) -> Interval:
        if not _is_number(other):
            return NotImplemented
        return Interval.coerce(other) / self

    # ------------------------------------------------------------ formatting
    def format(self, fmt: str | None = None) -> str:
        """Format as ``[lo, hi]``, with ``(``/``)`` at infinite ends.

        Parameters
        ----------
        fmt : str, optional
            A format spec applied to each finite bound (e.g. ``",.0f"``,
            ``".1%"``). By default whole numbers print without decimals and
            others with 6 significant digits.

        Examples
        --------
        >>> Interval(4600, math.inf).format(",.0f")
        '[4,600, ∞)'
        >>> f"{Interval(0.25, 0.5):.0%}"
        '[25%, 50%]'
        """
        left = "(" if self.lo == -math.inf else "["
        right = ")" if self.hi == math.inf else "]"
        return f"{left}{_fmt_bound(self.lo, fmt)}, {_fmt_bound(self.hi, fmt)}{right}"

    def __format__(self, spec: str) -> str:
        return self.format(spec or None)

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return f"Interval{self.format()}"


# --------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------
def _period_problem(start: pd.Timestamp, end: pd.Timestamp) -> str | None:
    """Why ``start..end`` is not a run of whole calendar months (None if it is)."""
    if pd.isna(start) or pd.isna(end):
        return "has a missing start or end"
    if end < start:
        return "ends before it starts"
    if start != start.normalize() or end != end.normalize():
        return "has a time of day; use dates"
    if start.day != 1:
        return "does not start on the first day of a month"
    if not end.is_month_end:
        return "does not end on the last day of a month"
    return None


def _as_dates(x: Any, index: pd.Index) -> pd.Series:
    if isinstance(x, pd.Series):
        return pd.to_datetime(x)
    return pd.Series(pd.Timestamp(x), index=index)


def _whole_months(start: pd.Timestamp, end: pd.Timestamp) -> float:
    return float((end.year - start.year) * 12 + end.month - start.month + 1)


def months_in_period(
    start: DateLike | pd.Series, end: DateLike | pd.Series, *, errors: str = "raise"
) -> float | pd.Series:
    """Count the whole calendar months from ``start`` to ``end`` (inclusive).

    Parameters
    ----------
    start, end : str, Timestamp or Series
        First and last day of the period, both included (as in the
        ``period_start`` / ``period_end`` columns). Series are handled
        element-wise (a Series and a scalar broadcast).
    errors : {"raise", "coerce"}, default "raise"
        What to do with a period that is not a run of whole calendar months:
        raise ``ValueError``, or return NaN for it.

    Returns
    -------
    float or Series
        The number of months (a float Series for Series input).

    Raises
    ------
    ValueError
        With ``errors="raise"``, if the period ends before it starts, has a
        time of day, does not start on the 1st of a month or does not end on
        the last day of a month. Point-in-time stocks (``start == end``, e.g.
        the number of service points on 2019-09-30) are not periods of months
        and fail this way; use ``errors="coerce"`` on mixed tables.

    Examples
    --------
    >>> months_in_period("2019-01-01", "2019-09-30")
    9.0
    >>> months_in_period(pd.Timestamp("2018-01-01"), pd.Timestamp("2018-12-31"))
    12.0
    >>> months_in_period("2019-09-30", "2019-09-30")
    Traceback (most recent call last):
    ...
    ValueError: period 2019-09-30..2019-09-30 does not start on the first day of a month
    >>> months_in_period(pd.Series(["2017-01-01", "2019-09-30"]), "2019-09-30", errors="coerce")
    0    33.0
    1     NaN
    dtype: float64
    """
    if errors not in ("raise", "coerce"):
        raise ValueError(f"errors must be 'raise' or 'coerce', got {errors!r}")
    if not isinstance(start, pd.Series) and not isinstance(end, pd.Series):
        s, e = pd.Timestamp(start), pd.Timestamp(end)
        problem = _period_problem(s, e)
        if problem is None:
            return _whole_months(s, e)
        if errors == "coerce":
            return math.nan
        raise ValueError(f"period {s.date()}..{e.date()} {problem}")

    if isinstance(start, pd.Series) and isinstance(end, pd.Series):
        if not start.index.equals(end.index):
            raise ValueError("start and end are Series with different indexes; align them first")
    index: Any = start.index if isinstance(start, pd.Series) else end.index  # type: ignore[union-attr]
    ss, ee = _as_dates(start, index), _as_dates(end, index)
    problems = [(i, p) for i, a, b in zip(index, ss, ee) if (p := _period_problem(a, b)) is not None]
    if problems and errors == "raise":
        shown = "; ".join(f"{i!r}: {p}" for i, p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise ValueError(f"{len(problems)} period(s) are not whole calendar months: {shown}{more}")
    valid = [_period_problem(a, b) is None for a, b in zip(ss, ee)]
    months = ((ee.dt.year - ss.dt.year) * 12 + ee.dt.month - ss.dt.month + 1).astype(float)
    return months.where(valid).rename(None)


# --------------------------------------------------------------------------
# Annualisation and growth
# --------------------------------------------------------------------------
def _check_months(months: Any) -> None:
    if isinstance(months, (pd.Series, np.ndarray)):
        arr = np.asarray(months, dtype=float)
        if not (np.isfinite(arr) & (arr > 0)).all():
            raise ValueError("months must be finite and > 0")
        return
    if not _is_number(months):
        raise TypeError(f"months must be a number or a Series, got {months!r}")
    if not (math.isfinite(months) and months > 0):
        raise ValueError(f"months must be finite and > 0, got {months!r}")


def annualise(value: Value, months: float | pd.Series) -> Value:
    """Scale a figure for ``months`` months to a 12-month run-rate.

    Computes ``value × 12 / months``. This assumes **no seasonality**: every
    month is as large as the average of the observed ones. In Vietnam the last
    quarter is often the strongest (year-end spending, Tết), so a Jan–Sep
    run-rate tends to understate the full year; :func:`annualise_band` gives a
    range instead.

    Parameters
    ----------
    value : float, Series or Interval
        The total over the period (a flow, e.g. revenue), not a stock.
    months : float or Series
        Length of the period in months (> 0; more than 12 gives the average
        annual amount).

    Returns
    -------
    float, Series or Interval
        The run-rate per 12 months.

    Raises
    ------
    ValueError
        If ``months`` is not finite and > 0.

    Examples
    --------
    >>> annualise(150, 9)
    200.0
    >>> annualise(178, 12)
    178.0
    >>> annualise(Interval(90, math.inf), 9)
    Interval[120, ∞)
    """
    _check_months(months)
    return value * (12 / months)


def _check_share(share: Any, name: str) -> float:
    if not _is_number(share) or not 0 <= share < 1:
        raise ValueError(f"{name} must be in [0, 1), got {share!r}")
    return float(share)


def annualise_band(
    value: Interval | float,
    months: float,
    remainder_share: tuple[float, float] = (0.22, 0.30),
) -> Interval:
    """The range of full-year totals implied by a part-year figure.

    If the ``12 - months`` missing months make up a share ``s`` of the year's
    total, the full year is ``value / (1 - s)``. With ``s`` between
    ``remainder_share[0]`` and ``remainder_share[1]`` this gives an interval.
    The default, 22–30 %, suits January–September figures: a flat year gives
    25 % for the fourth quarter, and the band allows for a weaker or a
    stronger one.

    Parameters
    ----------
    value : float or Interval
        Total over the first ``months`` months (non-negative).
    months : float
        Months covered, ``0 < months < 12``. It is validated, not used in the
        formula: choose ``remainder_share`` to match it.
    remainder_share : (float, float), default (0.22, 0.30)
        Lowest and highest share of the year's total in the missing months,
        each in ``[0, 1)``.

    Returns
    -------
    Interval
        ``[value / (1 - low share), value / (1 - high share)]``.

    Raises
    ------
    ValueError
        For shares outside ``[0, 1)`` or in the wrong order, ``months`` outside
        ``(0, 12)`` (a 12-month figure needs no annualisation), or a negative
        value.

    Examples
    --------
    >>> print(annualise_band(150, 9).format(".1f"))  # Jan–Sep 2019 postal revenue
    [192.3, 214.3]
    >>> annualise_band(150, 9, remainder_share=(0.25, 0.25))
    Interval[200, 200]
    """
    _check_months(months)
    if months >= 12:
        raise ValueError(f"months must be < 12 for a part-year figure, got {months!r}")
    try:
        low, high = remainder_share
    except (TypeError, ValueError):
        raise ValueError(f"remainder_share must be a pair (low, high), got {remainder_share!r}") from None
    low, high = _check_share(low, "remainder_share[0]"), _check_share(high, "remainder_share[1]")
    if low > high:
        raise ValueError(f"remainder_share must be (low, high) with low <= high, got {remainder_share!r}")
    v = Interval.coerce(value)
    if v.lo < 0:
        raise ValueError(f"value must be non-negative, got {v}")
    return v * Interval(1 / (1 - low), 1 / (1 - high))


def growth(previous: Value, current: Value) -> Value:
    """Relative change ``current / previous - 1`` (0.1 means +10 %).

    Parameters
    ----------
    previous, current : float, Series or Interval
        Figures for comparable periods (same length, same unit); see
        :func:`growth_annualised` for periods of different lengths.

    Returns
    -------
    float, Series or Interval

    Raises
    ------
    ValueError
        If ``previous`` is (or an Interval ``previous`` contains) zero.

    Examples
    --------
    >>> round(growth(178, 200), 4)
    0.1236
    >>> growth(Interval(4000, 4000), Interval(4600, math.inf))
    Interval[0.15, ∞)
    """
    if isinstance(previous, Interval):
        if 0 in previous:
            raise ValueError(f"previous value {previous} contains 0; growth is undefined")
    elif isinstance(previous, (pd.Series, np.ndarray)):
        if (np.asarray(previous, dtype=float) == 0).any():
            raise ValueError("previous contains 0; growth is undefined there")
    elif previous == 0:
        raise ValueError("previous value is 0; growth is undefined")
    if isinstance(current, Interval) and not isinstance(previous, Interval):
        previous = Interval.coerce(cast(float, previous))
    return current / previous - 1


def _fmt(x: Any, spec: str) -> str:
    if isinstance(x, Interval):
        return x.format(spec)
    return format(x, spec)


@dataclass(frozen=True)
class AnnualisedGrowth:
    """Growth between two figures compared as 12-month run-rates.

    Attributes
    ----------
    previous_value, current_value : float or Interval
        The figures as given.
    previous_months, current_months : float
        The months each figure covers.
    previous_run_rate, current_run_rate : float or Interval
        ``value × 12 / months`` (assumes no seasonality).
    growth : float or Interval
        ``current_run_rate / previous_run_rate - 1``.
    """

    previous_value: float | Interval
    previous_months: float
    current_value: float | Interval
    current_months: float
    previous_run_rate: float | Interval
    current_run_rate: float | Interval
    growth: float | Interval

    def __repr__(self) -> str:
        sign = "+" if not isinstance(self.growth, Interval) else ""
        return (
            f"AnnualisedGrowth(growth={_fmt(self.growth, sign + '.1%')}; run-rates per 12 months: "
            f"previous {_fmt(self.previous_run_rate, ',.6g')} "
            f"(= {_fmt(self.previous_value, ',.6g')} × 12/{self.previous_months:g}), "
            f"current {_fmt(self.current_run_rate, ',.6g')} "
            f"(= {_fmt(self.current_value, ',.6g')} × 12/{self.current_months:g}); "
            "assumes no seasonality)"
        )

    __str__ = __repr__


def growth_annualised(
    prev_value: float | Interval,
    prev_months: float,
    cur_value: float | Interval,
    cur_months: float,
) -> AnnualisedGrowth:
    """Growth between figures for periods of different lengths, via run-rates.

    Each figure is annualised with :func:`annualise` (``value × 12 / months``,
    assuming no seasonality) and the run-rates are compared with
    :func:`growth`. Comparing a 9-month figure with a 12-month one directly
    would mostly measure the missing quarter.

    Parameters
    ----------
    prev_value, cur_value : float or Interval
        Totals over their periods.
    prev_months, cur_months : float
        Months covered (> 0), e.g. from :func:`months_in_period`.

    Returns
    -------
    AnnualisedGrowth
        Both run-rates and the growth; ``.growth`` is the number.

    Examples
    --------
    Postal revenue: 178 tỷ đồng in 2018, an estimated 150 in Jan–Sep 2019.

    >>> g = growth_annualised(178, 12, 150, 9)
    >>> g
    AnnualisedGrowth(growth=+12.4%; run-rates per 12 months: previous 178 (= 178 × 12/12), current 200 (= 150 × 12/9); assumes no seasonality)
    >>> round(g.growth, 4)
    0.1236
    """
    previous_rr: Any = annualise(prev_value, prev_months)
    current_rr: Any = annualise(cur_value, cur_months)
    return AnnualisedGrowth(
        previous_value=prev_value,
        previous_months=float(prev_months),
        current_value=cur_value,
        current_months=float(cur_months),
        previous_run_rate=previous_rr,
        current_run_rate=current_rr,
        growth=cast(Any, growth(previous_rr, current_rr)),
    )


def implied_remainder(partial: Value, full: Value, *, nonnegative: bool = True) -> Value:
    """What the rest of a period must contribute: ``full - partial``.

    For instance a January–September estimate and a full-year figure imply
    the fourth quarter. With Interval inputs (bounds) the result is an
    Interval: ``full - partial`` ranges over ``[full.lo - partial.hi,
    full.hi - partial.lo]``.

    Parameters
    ----------
    partial : float, Series or Interval
        The figure for the part of the period.
    full : float, Series or Interval
        The figure for the whole period.
    nonnegative : bool, default True
        The remainder of a non-negative flow cannot be negative: Interval
        results are clipped at 0, and a remainder that must be negative
        (``partial`` exceeds ``full``) raises ``ValueError`` as inconsistent
        data. With False, plain subtraction.

    Returns
    -------
    float, Series or Interval

    Raises
    ------
    ValueError
        With ``nonnegative=True``, if ``partial`` certainly exceeds ``full``.

    Examples
    --------
    >>> implied_remainder(150, 205)
    55
    >>> implied_remainder(150, Interval(200, math.inf))  # full year "over 200"
    Interval[50, ∞)
    >>> implied_remainder(Interval(150, math.inf), 205)  # Jan–Sep "over 150"
    Interval[0, 55]
    """
    if isinstance(partial, Interval) or isinstance(full, Interval):
        whole, part = Interval.coerce(cast(Any, full)), Interval.coerce(cast(Any, partial))
        rest = whole - part
        if nonnegative:
            if rest.hi < 0:
                raise ValueError(f"partial {part} exceeds full {whole}: the implied remainder would be negative")
            rest = rest.intersect(Interval(0, math.inf))
        return rest
    diff = full - partial
    if nonnegative:
        negative = np.asarray(diff, dtype=float) < 0
        if negative.any():
            where = f" at {list(diff.index[negative])}" if isinstance(diff, pd.Series) else ""
            raise ValueError(f"partial exceeds full{where}: the implied remainder would be negative")
    return diff


# --------------------------------------------------------------------------
# Indicator rows
# --------------------------------------------------------------------------
def _field(row: Any, name: str) -> Any:
    if isinstance(row, (Mapping, pd.Series)):
        if name not in row:
            raise ValueError(f"row has no {name!r} field")
        return row[name]
    if hasattr(row, name):  # e.g. a namedtuple from DataFrame.itertuples()
        return getattr(row, name)
    raise ValueError(f"row has no {name!r} field")


def row_interval(row: Mapping[str, Any] | pd.Series | Any) -> Interval:
    """The interval an indicator row stands for, from its value and qualifier.

    Parameters
    ----------
    row : Series, mapping or namedtuple
        Needs ``value`` and ``qualifier`` (see :meth:`Interval.from_value`).

    Returns
    -------
    Interval

    Raises
    ------
    ValueError
        If a field is missing, the value is NaN or the qualifier unknown.

    Examples
    --------
    >>> row_interval({"value": 4600.0, "qualifier": "lower_bound"})
    Interval[4600, ∞)
    """
    value, qualifier = _field(row, "value"), _field(row, "qualifier")
    return Interval.from_value(value, qualifier)


def to_intervals(df: pd.DataFrame) -> pd.Series:
    """One :class:`Interval` per indicator row.

    Parameters
    ----------
    df : DataFrame
        With ``value`` and ``qualifier`` columns.

    Returns
    -------
    Series
        Intervals (object dtype), with ``df``'s index, named ``"interval"``.

    Raises
    ------
    ValueError
        If a column is missing or a row is invalid (the message names the
        row's index label).

    Examples
    --------
    >>> df = pd.DataFrame({"value": [178.0, 4600.0],
    ...                    "qualifier": ["exact", "lower_bound"]})
    >>> to_intervals(df)
    0    [178, 178]
    1     [4600, ∞)
    Name: interval, dtype: object
    >>> print(to_intervals(df).sum())
    [4778, ∞)
    """
    missing = {"value", "qualifier"} - set(df.columns)
    if missing:
        raise ValueError(f"DataFrame lacks column(s) {sorted(missing)}")
    out = []
    for label, value, qualifier in zip(df.index, df["value"], df["qualifier"]):
        try:
            out.append(Interval.from_value(value, qualifier))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"row {label!r}: {exc}") from None
    return pd.Series(out, index=df.index, name="interval", dtype=object)


# --------------------------------------------------------------------------
# Compound growth between dates
# --------------------------------------------------------------------------
def years_between(start: DateLike, end: DateLike) -> float:
    """Length in years between two dates, e.g. the as-of dates of two stocks.

    When both dates are month ends (the usual as-of dates of the data), the
    result counts whole months: ``months / 12``, so 30 September 2019 to
    31 December 2024 is exactly 5.25 years. Otherwise it is
    ``days / 365.2425`` (the mean Gregorian year).

    Parameters
    ----------
    start, end : str, Timestamp or datetime64
        Dates, ``start <= end``.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``end`` is before ``start`` or a date is missing.

    Examples
    --------
    >>> years_between("2019-09-30", "2024-12-31")
    5.25
    >>> round(years_between("2023-05-01", "2025-05-21"), 3)
    2.056
    """
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    if pd.isna(s) or pd.isna(e):
        raise ValueError("start and end must be dates")
    if e < s:
        raise ValueError(f"end {e.date()} is before start {s.date()}")
    if s.is_month_end and e.is_month_end and s == s.normalize() and e == e.normalize():
        return ((e.year - s.year) * 12 + e.month - s.month) / 12
    return (e - s).days / 365.2425


def cagr(previous: float | Interval, current: float | Interval, years: float) -> float | Interval:
    """Compound annual growth rate: ``(current / previous) ** (1 / years) - 1``.

    The average yearly rate that takes ``previous`` to ``current`` in
    ``years`` years. Use it for two stocks (counts at two dates) or two
    figures for equal periods; for flows over periods of different lengths
    see :func:`growth_annualised`.

    Parameters
    ----------
    previous, current : float or Interval
        Non-negative figures in the same unit; ``previous`` must be > 0.
        With Interval inputs (bounds) the result is the Interval of every
        possible rate.
    years : float
        Time between the two figures (> 0), e.g. from :func:`years_between`.

    Returns
    -------
    float or Interval

    Raises
    ------
    ValueError
        If ``years`` is not > 0, ``previous`` is (or may be) 0 or negative,
        or ``current`` may be negative.

    Examples
    --------
    >>> round(cagr(100, 121, 2), 6)
    0.1
    >>> print(cagr(178, Interval(250, math.inf), 1).format(".1%"))  # "over 250" a year later
    [40.4%, ∞)
    """
    if not _is_number(years) or not (math.isfinite(years) and years > 0):
        raise ValueError(f"years must be finite and > 0, got {years!r}")
    if isinstance(previous, Interval) or isinstance(current, Interval):
        p, c = Interval.coerce(previous), Interval.coerce(current)
        if p.lo <= 0:
            raise ValueError(f"previous {p} must be > 0 for a growth rate")
        if c.lo < 0:
            raise ValueError(f"current {c} must be non-negative")
        ratio = c / p
        return Interval(ratio.lo ** (1 / years) - 1, ratio.hi ** (1 / years) - 1)
    if not previous > 0:
        raise ValueError(f"previous must be > 0 for a growth rate, got {previous!r}")
    if current < 0:
        raise ValueError(f"current must be non-negative, got {current!r}")
    return (current / previous) ** (1 / years) - 1


# --------------------------------------------------------------------------
# Reconciliation: a part-period estimate against a later full-period figure
# --------------------------------------------------------------------------
def _optional_field(row: Any, name: str) -> Any:
    try:
        value = _field(row, name)
    except ValueError:
        return None
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def _iv_text(iv: Interval, spec: str) -> str:
    """A point interval as one number, other intervals as ``[lo, hi]``."""
    return format(iv.lo, spec) if iv.is_point else iv.format(spec)


def _period_text(period: tuple[pd.Timestamp, pd.Timestamp] | None) -> str:
    if period is None:
        return "not one period"
    return f"{period[0]:%Y-%m-%d}..{period[1]:%Y-%m-%d}"


@dataclass(frozen=True)
class Reconciliation:
    """A part-period figure set against a figure for the whole period.

    Built by :func:`reconcile`. The typical case is a January–September
    estimate and the full-year figure reported months later: together they
    imply the fourth quarter, and the fourth quarter's share of the year can
    be compared with the share a year without seasonality gives (3/12).

    Attributes
    ----------
    indicator, unit, area : str or None
        Shared by both rows (None when the rows do not carry the field).
    partial_period, full_period : (Timestamp, Timestamp)
        First and last day of each period.
    partial_months, full_months : float
        Calendar months of each period.
    partial, full : Interval
        What each row states, from its value and qualifier (an estimate is a
        point; "over v" is ``[v, ∞)``).
    partial_qualifier, full_qualifier : str
        The rows' qualifiers.
    remainder : Interval
        ``full - partial``: what the rest of the period must contribute (see
        :func:`implied_remainder`).
    remainder_share : Interval
        The remainder's share of the full period, ``1 - partial / full``.
    normal_share : float
        The share the remaining months would have under the package's
        annualisation assumption (:func:`annualise`: no seasonality, every
        month alike): ``remainder months / full months``, 0.25 for a fourth
        quarter.
    sources : tuple of str
        Source ids of the partial and the full row (without duplicates).
    """

    indicator: str | None
    unit: str | None
    area: str | None
    partial_period: tuple[pd.Timestamp, pd.Timestamp]
    partial_months: float
    partial: Interval
    partial_qualifier: str
    full_period: tuple[pd.Timestamp, pd.Timestamp]
    full_months: float
    full: Interval
    full_qualifier: str
    remainder: Interval
    remainder_share: Interval
    normal_share: float
    sources: tuple[str, ...] = ()

    @property
    def remainder_months(self) -> float:
        """Months of the full period outside the partial one."""
        return self.full_months - self.partial_months

    @property
    def remainder_period(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """First and last day of the remainder, or None if it is not one run.

        The remainder is one run of months when the partial period starts or
        ends with the full one (e.g. January–September within the year gives
        October–December).
        """
        (ps, pe), (fs, fe) = self.partial_period, self.full_period
        if ps == fs:
            return (pe + pd.Timedelta(days=1), fe)
        if pe == fe:
            return (fs, ps - pd.Timedelta(days=1))
        return None

    @property
    def expected_remainder(self) -> Interval:
        """The remainder under no seasonality: ``partial × remainder months / partial months``."""
        return self.partial * (self.remainder_months / self.partial_months)

    @property
    def expected_full(self) -> Interval:
        """The full-period figure under no seasonality (the run-rate of the partial figure)."""
        return self.partial * (self.full_months / self.partial_months)

    @property
    def share_ratio(self) -> Interval:
        """``remainder_share / normal_share``: 1 means an ordinary remainder."""
        return self.remainder_share / self.normal_share

    def __repr__(self) -> str:
        name = self.indicator or "figure"
        where = ", ".join(x for x in (self.unit, self.area) if x)
        rm = self.remainder_months
        return "\n".join(
            [
                f"Reconciliation of {name}" + (f" ({where})" if where else ""),
                f"  partial   {_period_text(self.partial_period)} ({self.partial_months:2g} months): "
                f"{_iv_text(self.partial, ',.6g')} ({self.partial_qualifier})",
                f"  full      {_period_text(self.full_period)} ({self.full_months:2g} months): "
                f"{_iv_text(self.full, ',.6g')} ({self.full_qualifier})",
                f"  remainder {_period_text(self.remainder_period)} ({rm:2g} months): "
                f"{_iv_text(self.remainder, ',.6g')}, "
                f"{_iv_text(self.remainder_share, '.1%')} of the full period",
                f"  without seasonality: {rm:g}/{self.full_months:g} = {self.normal_share:.1%} of the full "
                f"period, a remainder of {_iv_text(self.expected_remainder, ',.6g')}",
            ]
        )

    __str__ = __repr__


def reconcile(partial: Any, full: Any, *, nonnegative: bool = True) -> Reconciliation:
    """Set a part-period figure against a figure for the whole period.

    Parameters
    ----------
    partial, full : Series, mapping or namedtuple
        Indicator rows with ``value``, ``qualifier``, ``period_start`` and
        ``period_end`` (whole calendar months); ``indicator``, ``unit``,
        ``area`` and ``source`` are used when present. The partial period must
        lie inside the full one and be shorter.
    nonnegative : bool, default True
        As in :func:`implied_remainder`: the remainder of a non-negative flow
        is clipped at 0, and a partial figure that certainly exceeds the full
        one raises. With False, plain interval subtraction.

    Returns
    -------
    Reconciliation
        Both figures as intervals, the implied remainder, its share of the
        full period and the share under no seasonality.

    Raises
    ------
    ValueError
        If the rows differ in indicator, unit or area, the periods are not
        whole months or not nested, the full figure may be 0, or (with
        ``nonnegative``) the partial figure exceeds the full one.

    Notes
    -----
    The remainder share is computed as ``1 - partial / full``, not as
    ``remainder / full``: with a lower bound for the full figure the second
    form divides two unbounded intervals and says nothing, while the first
    keeps what is known. With ``nonnegative`` it is clipped to ``[0, 1]``.

    Examples
    --------
    Postal revenue of An Giang: an estimated 150 tỷ đồng for January–September
    2019 (``mic2019``) and "over 250" for the year (January 2020 review):

    >>> jan_sep = {"indicator": "postal_revenue", "unit": "vnd_bn", "value": 150.0,
    ...            "qualifier": "estimate", "period_start": "2019-01-01", "period_end": "2019-09-30"}
    >>> year = dict(jan_sep, value=250.0, qualifier="lower_bound", period_end="2019-12-31")
    >>> r = reconcile(jan_sep, year)
    >>> r
    Reconciliation of postal_revenue (vnd_bn)
      partial   2019-01-01..2019-09-30 ( 9 months): 150 (estimate)
      full      2019-01-01..2019-12-31 (12 months): [250, ∞) (lower_bound)
      remainder 2019-10-01..2019-12-31 ( 3 months): [100, ∞), [40.0%, 100.0%] of the full period
      without seasonality: 3/12 = 25.0% of the full period, a remainder of 50
    >>> r.remainder, r.normal_share
    (Interval[100, ∞), 0.25)
    """
    for what, row in (("partial", partial), ("full", full)):
        for name in ("value", "qualifier", "period_start", "period_end"):
            try:
                _field(row, name)
            except ValueError:
                raise ValueError(f"{what} row has no {name!r} field") from None
    shared = {}
    for name in ("indicator", "unit", "area"):
        a, b = _optional_field(partial, name), _optional_field(full, name)
        if a is not None and b is not None and a != b:
            hint = " (convert one of them first, e.g. with agstats.convert)" if name == "unit" else ""
            raise ValueError(f"the rows differ in {name}: {a!r} and {b!r}{hint}")
        shared[name] = a if a is not None else b
    ps, pe = pd.Timestamp(_field(partial, "period_start")), pd.Timestamp(_field(partial, "period_end"))
    fs, fe = pd.Timestamp(_field(full, "period_start")), pd.Timestamp(_field(full, "period_end"))
    pm, fm = cast(float, months_in_period(ps, pe)), cast(float, months_in_period(fs, fe))
    if not (fs <= ps and pe <= fe) or pm >= fm:
        raise ValueError(
            f"the partial period {_period_text((ps, pe))} must lie inside the full period "
            f"{_period_text((fs, fe))} and be shorter"
        )
    p, f = row_interval(partial), row_interval(full)
    if f.lo <= 0:
        raise ValueError(f"the full figure {f} may be 0 or negative: its share is undefined")
    remainder = implied_remainder(p, f, nonnegative=nonnegative)
    share = 1 - p / f
    if nonnegative:
        share = share.intersect(Interval(0, 1))
    sources = tuple(
        dict.fromkeys(s for s in (_optional_field(partial, "source"), _optional_field(full, "source")) if s)
    )
    return Reconciliation(
        indicator=shared["indicator"],
        unit=shared["unit"],
        area=shared["area"],
        partial_period=(ps, pe),
        partial_months=pm,
        partial=p,
        partial_qualifier=str(_field(partial, "qualifier")),
        full_period=(fs, fe),
        full_months=fm,
        full=f,
        full_qualifier=str(_field(full, "qualifier")),
        remainder=cast(Interval, remainder),
        remainder_share=share,
        normal_share=(fm - pm) / fm,
        sources=sources,
    )
