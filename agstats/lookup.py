"""Pick figures and series out of the indicator and context tables.

Notebooks and user code ask for "the 2018 telecom revenue" or "the postal
revenue series"; these helpers answer with exactly the rows meant, or a clear
error, so no figure is ever typed by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from .series import Reconciliation

__all__ = ["get_figure", "get_series", "get_value", "reconcile_figures"]

DEFAULT_AREA = "an_giang_pre2025"


def _all_rows() -> pd.DataFrame:
    from .io import load_context, load_indicators

    frames = [load_indicators(), load_context()]
    for df in frames:
        for col in ("sector", "unit", "qualifier", "area", "method"):
            df[col] = df[col].astype("str")
    return pd.concat(frames, ignore_index=True)


def get_series(indicator: str, *, area: str | None = DEFAULT_AREA, data: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return every row of one indicator in one area, ordered by period.

    Parameters
    ----------
    indicator : str
        Indicator id, e.g. ``"telecom_revenue"``; searched in the indicator
        and the context tables unless ``data`` is given.
    area : str or None, default ``"an_giang_pre2025"``
        The area of the series. Areas are never mixed: ``None`` is allowed only
        when the rows found all share one area.
    data : DataFrame, optional
        Rows to search instead of the shipped tables.

    Returns
    -------
    pandas.DataFrame
        The rows, sorted by ``period_end`` then ``period_start``.

    Raises
    ------
    ValueError
        If the indicator has no row in the area, or ``area=None`` would mix areas.

    Examples
    --------
    >>> s = get_series("telecom_revenue")
    >>> s[["value", "qualifier"]].head(2).to_dict("list")
    {'value': [3300.0, 2700.0], 'qualifier': ['exact', 'estimate']}
    """
    df = _all_rows() if data is None else data
    rows = df[df["indicator"] == indicator]
    if rows.empty:
        known = ", ".join(sorted(map(str, df["indicator"].unique())))
        raise ValueError(f"unknown indicator {indicator!r}; known: {known}")
    if area is None:
        areas = sorted(map(str, rows["area"].unique()))
        if len(areas) > 1:
            raise ValueError(f"{indicator!r} has rows for several areas ({', '.join(areas)}): choose one with area=")
    else:
        rows = rows[rows["area"] == area]
        if rows.empty:
            raise ValueError(f"{indicator!r} has no row for area {area!r}")
    return rows.sort_values(["period_end", "period_start"], kind="stable").reset_index(drop=True)


def get_figure(
    indicator: str,
    *,
    period_end: Any = None,
    period_start: Any = None,
    year: int | None = None,
    area: str | None = DEFAULT_AREA,
    data: pd.DataFrame | None = None,
) -> pd.Series:
    """Return the one row of an indicator for a period.

    Parameters
    ----------
    indicator : str
        Indicator id.
    period_end, period_start : str or Timestamp, optional
        Narrow the rows to a period; needed when the indicator has several.
    year : int, optional
        Keep rows whose whole period lies in this calendar year (a full year,
        part of it, or a stock dated in it); combine with ``period_end`` when
        a year has several.
    area : str or None, default ``"an_giang_pre2025"``
    data : DataFrame, optional

    Returns
    -------
    pandas.Series
        The row, with ``value``, ``unit``, ``qualifier``, ``source``, ``evidence`` ...

    Raises
    ------
    ValueError
        When no row or more than one row matches (the candidates are listed).

    Examples
    --------
    >>> row = get_figure("telecom_revenue", period_end="2018-12-31")
    >>> float(row.value), row.unit, row.qualifier
    (3300.0, 'vnd_bn', 'exact')
    >>> float(get_figure("postal_revenue", year=2018).value)
    178.0
    """
    rows = get_series(indicator, area=area, data=data)
    if year is not None:
        rows = rows[(rows["period_start"].dt.year == year) & (rows["period_end"].dt.year == year)]
    if period_end is not None:
        rows = rows[rows["period_end"] == pd.Timestamp(period_end)]
    if period_start is not None:
        rows = rows[rows["period_start"] == pd.Timestamp(period_start)]
    if len(rows) != 1:
        periods = "; ".join(
            f"{r.period_start:%Y-%m-%d}..{r.period_end:%Y-%m-%d}"
            for r in get_series(indicator, area=area, data=data).itertuples()
        )
        what = "no row" if rows.empty else f"{len(rows)} rows"
        raise ValueError(f"{what} of {indicator!r} match; its periods: {periods}")
    return rows.iloc[0]


def get_value(indicator: str, **kwargs: Any) -> float:
    """Return the value of :func:`get_figure` as a float.

    Examples
    --------
    >>> get_value("postal_service_points", period_end="2019-09-30")
    156.0
    """
    return float(get_figure(indicator, **kwargs)["value"])


def reconcile_figures(
    indicator: str,
    partial_period_end: Any,
    full_period_end: Any,
    *,
    partial_period_start: Any = None,
    full_period_start: Any = None,
    area: str | None = DEFAULT_AREA,
    data: pd.DataFrame | None = None,
    nonnegative: bool = True,
) -> Reconciliation:
    """Reconcile two figures of one indicator: a part period against the whole.

    Picks the two rows with :func:`get_figure` (one indicator, one area) and
    passes them to :func:`agstats.series.reconcile`.

    Parameters
    ----------
    indicator : str
        Indicator id, e.g. ``"telecom_revenue"``.
    partial_period_end, full_period_end : str or Timestamp
        Last day of the part period (e.g. ``"2019-09-30"``) and of the whole
        period (``"2019-12-31"``).
    partial_period_start, full_period_start : str or Timestamp, optional
        First days, needed only when a period end alone matches several rows.
    area : str or None, default ``"an_giang_pre2025"``
    data : DataFrame, optional
        Rows to search instead of the shipped tables.
    nonnegative : bool, default True
        See :func:`agstats.series.reconcile`.

    Returns
    -------
    Reconciliation

    Raises
    ------
    ValueError
        If a row is missing or ambiguous (see :func:`get_figure`) or the rows
        cannot be reconciled (see :func:`agstats.series.reconcile`).

    Examples
    --------
    Telecom revenue: January–September 2019 (estimate) against the full year:

    >>> r = reconcile_figures("telecom_revenue", "2019-09-30", "2019-12-31",
    ...                       partial_period_start="2019-01-01", full_period_start="2019-01-01")
    >>> r.remainder, f"{r.remainder_share.lo:.1%}", r.normal_share
    (Interval[186, 186], '6.4%', 0.25)
    """
    from .series import reconcile

    partial = get_figure(
        indicator, period_end=partial_period_end, period_start=partial_period_start, area=area, data=data
    )
    full = get_figure(indicator, period_end=full_period_end, period_start=full_period_start, area=area, data=data)
    return reconcile(partial, full, nonnegative=nonnegative)
