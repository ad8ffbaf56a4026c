"""Pick figures and series out of the indicator and context tables.

Notebooks and user code ask for "the 2018 telecom revenue" or "the postal
revenue series"; these helpers answer with exactly the rows meant, or a clear
error, so no figure is ever typed by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from .series import Reconciliation

__all__ = ["get_figure", "get_series", "get_value", "period_months", "reconcile_figures"]

#: The default area of every look-up (the same as the loaders', see docs/areas.md).
DEFAULT_AREA = "an_giang_pre2025"


def _all_rows() -> pd.DataFrame:
    from .io import load_context, load_indicators

    frames = [load_indicators(area="all"), load_context(area="all")]
    for df in frames:
        for col in ("sector", "unit", "qualifier", "area", "method"):
            df[col] = df[col].astype("str")
    return pd.concat(frames, ignore_index=True)


def period_months(start: pd.Series, end: pd.Series) -> pd.Series:
    """Length of each period in whole calendar months; 0 for a stock (one date), NaN otherwise.

    Parameters
    ----------
    start, end : Series of Timestamp
        ``period_start`` and ``period_end``.

    Returns
    -------
    Series of float
        The number of months ``get_series(months=...)`` selects on.

    Examples
    --------
    >>> s = pd.to_datetime(pd.Series(["2018-01-01", "2019-01-01", "2019-09-30", "2023-08-15"]))
    >>> e = pd.to_datetime(pd.Series(["2018-12-31", "2019-09-30", "2019-09-30", "2023-09-20"]))
    >>> period_months(s, e).tolist()
    [12.0, 9.0, 0.0, nan]
    """
    from .series import months_in_period

    start, end = pd.to_datetime(start), pd.to_datetime(end)
    months = pd.Series(months_in_period(start, end, errors="coerce"), index=start.index, dtype=float)
    return months.mask(start == end, 0.0)


def _length_text(months: float, start: pd.Timestamp, end: pd.Timestamp) -> str:
    if months == 0:
        return "a date (stock)"
    if months == months:  # not NaN
        return f"{months:g} months"
    return f"{(end - start).days + 1} days"


def _periods_match(rows: pd.DataFrame, column: str, when: Any) -> pd.Series:
    return rows[column] == pd.Timestamp(when)


def _check_unknown_indicator(indicator: str, df: pd.DataFrame) -> None:
    if not (df["indicator"] == indicator).any():
        from .io import unknown_value_error

        raise unknown_value_error(
            "indicator",
            indicator,
            sorted(map(str, df["indicator"].unique())),
            listing="agstats.catalogue() (or `agstats catalogue`)",
        )


def _select_area(rows: pd.DataFrame, indicator: str, area: str | None, df: pd.DataFrame) -> pd.DataFrame:
    if area is None:
        areas = sorted(map(str, rows["area"].unique()))
        if len(areas) > 1:
            raise ValueError(f"{indicator!r} has rows for several areas ({', '.join(areas)}): choose one with area=")
        return rows
    if not isinstance(area, str):
        raise TypeError(f"area must be one area code (a series never mixes areas), got {area!r}")
    kept = rows[rows["area"] == area]
    if kept.empty:
        known = sorted(map(str, df["area"].unique()))
        if area not in known:
            from .io import area_codes, unknown_value_error

            try:
                known = area_codes()
            except (OSError, ValueError):  # the shipped data may not be the data searched
                pass
            if area not in known:
                raise unknown_value_error("area", area, known)
        has = ", ".join(sorted(map(str, rows["area"].unique())))
        raise ValueError(f"{indicator!r} has no row for area {area!r} (it has rows for: {has})")
    return kept


def _mix_error(indicator: str, area: str | None, rows: pd.DataFrame, what: list[str]) -> ValueError:
    months = period_months(rows["period_start"], rows["period_end"])
    lines = []
    grouped: Any = rows.assign(_m=months.fillna(-1)).groupby(["source", "_m"], sort=False)
    for key, group in grouped:
        source, length = str(key[0]), float(key[1])
        first = group.iloc[0]
        length_text = _length_text(length if length >= 0 else float("nan"), first.period_start, first.period_end)
        periods = ", ".join(f"{r.period_start:%Y-%m-%d}..{r.period_end:%Y-%m-%d}" for r in group.itertuples())
        units = ", ".join(dict.fromkeys(map(str, group["unit"])))
        pick = f"source={source!r}" + (f", months={length:g}" if length >= 0 else "")
        lines.append(f"  - {pick}: {len(group)} row(s), {length_text}, {units}: {periods}")
    where = f" in area {area!r}" if area else ""
    return ValueError(
        f"the rows of {indicator!r}{where} mix {' and '.join(what)}; a series never mixes them silently. "
        "Choose one group with source= and/or months= (period length in months; 0 for stocks), or a period "
        "with period_start=/period_end=, or pass mixed=True to take every row:\n" + "\n".join(lines)
    )


def get_series(
    indicator: str,
    *,
    area: str | None = DEFAULT_AREA,
    source: str | Iterable[str] | None = None,
    months: float | None = None,
    period_start: Any = None,
    period_end: Any = None,
    mixed: bool = False,
    data: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return the rows of one indicator in one area, ordered by period, never mixing silently.

    A series is comparable over time only when its rows share a source (the
    same definition and scope), a period length (a full year is not a nine-month
    estimate) and a unit. When the rows left after the filters come from several
    sources, have several period lengths or several units, ``get_series``
    raises a ``ValueError`` that lists the groups and the argument that selects
    each (``source="mic2019", months=12``); ``mixed=True`` takes every row
    anyway (for a table of milestones, say), and the caller then owns the
    comparison. Different definitions have different indicator ids.

    Parameters
    ----------
    indicator : str
        Indicator id, e.g. ``"telecom_revenue"``; searched in the indicator
        and the context tables unless ``data`` is given.
    area : str or None, default ``"an_giang_pre2025"``
        The area of the series. Areas are never mixed: ``None`` is allowed only
        when the rows found all share one area.
    source : str or list of str, optional
        Keep only rows of these source ids.
    months : float, optional
        Keep only periods of this many whole calendar months (12 for a year,
        9 for January–September; 0 for stocks dated to one day).
    period_start, period_end : str or Timestamp, optional
        Keep only rows whose period starts / ends on this date.
    mixed : bool, default False
        Return the rows even when they mix sources, period lengths or units.
    data : DataFrame, optional
        Rows to search instead of the shipped tables.

    Returns
    -------
    pandas.DataFrame
        The rows, sorted by ``period_end`` then ``period_start``.

    Raises
    ------
    ValueError
        For an unknown indicator or area (with "did you mean"), an indicator
        without rows in the area or after the filters, a mix (see above), or
        ``area=None`` over several areas.

    Examples
    --------
    Telecom revenue has a full year and a nine-month estimate from the 2019
    report and a full year from the year-end review: asked for everything,
    ``get_series`` lists the groups and how to pick each:

    >>> get_series("telecom_revenue")
    Traceback (most recent call last):
    ...
    ValueError: the rows of 'telecom_revenue' in area 'an_giang_pre2025' mix 2 sources and 2 period lengths; a series never mixes them silently. Choose one group with source= and/or months= (period length in months; 0 for stocks), or a period with period_start=/period_end=, or pass mixed=True to take every row:
      - source='mic2019', months=12: 1 row(s), 12 months, vnd_bn: 2018-01-01..2018-12-31
      - source='mic2019', months=9: 1 row(s), 9 months, vnd_bn: 2019-01-01..2019-09-30
      - source='agportal2019yearend', months=12: 1 row(s), 12 months, vnd_bn: 2019-01-01..2019-12-31
    >>> get_series("telecom_revenue", source="mic2019", months=12).value.tolist()
    [3300.0]
    >>> full_years = get_series("telecom_revenue", months=12, mixed=True)  # two sources: the caller compares
    >>> full_years[["value", "source"]].to_dict("list")
    {'value': [3300.0, 2886.0], 'source': ['mic2019', 'agportal2019yearend']}
    """
    df = _all_rows() if data is None else data
    _check_unknown_indicator(indicator, df)
    rows = _select_area(df[df["indicator"] == indicator], indicator, area, df)
    filters = []
    if source is not None:
        wanted = [source] if isinstance(source, str) else list(source)
        has = list(dict.fromkeys(map(str, rows["source"])))
        for s in wanted:
            if s not in has:
                from .io import _did_you_mean

                raise ValueError(
                    f"{indicator!r} has no row from source {s!r}{_did_you_mean(s, has)}; its sources: {', '.join(has)}"
                )
        rows = rows[rows["source"].isin(wanted)]
        filters.append(f"source={source!r}")
    if months is not None:
        lengths = period_months(rows["period_start"], rows["period_end"])
        rows = rows[lengths == float(months)]
        filters.append(f"months={months!r}")
    if period_start is not None:
        rows = rows[_periods_match(rows, "period_start", period_start)]
        filters.append(f"period_start={str(period_start)!r}")
    if period_end is not None:
        rows = rows[_periods_match(rows, "period_end", period_end)]
        filters.append(f"period_end={str(period_end)!r}")
    if rows.empty:
        raise ValueError(f"no row of {indicator!r} matches {', '.join(filters)} in area {area!r}")
    rows = rows.sort_values(["period_end", "period_start"], kind="stable").reset_index(drop=True)
    if not mixed:
        n_sources = rows["source"].nunique()
        n_lengths = period_months(rows["period_start"], rows["period_end"]).fillna(-1).nunique()
        n_units = rows["unit"].astype("str").nunique()
        what = []
        if n_sources > 1:
            what.append(f"{n_sources} sources")
        if n_lengths > 1:
            what.append(f"{n_lengths} period lengths")
        if n_units > 1:
            what.append(f"{n_units} units (bring them to one with agstats.units.normalise)")
        if what:
            raise _mix_error(indicator, area, rows, what)
    return rows


def _picker(row: Any, rows: pd.DataFrame) -> str:
    """The arguments that pick ``row`` among ``rows`` (as Python keyword arguments)."""
    start, end = f"{row.period_start:%Y-%m-%d}", f"{row.period_end:%Y-%m-%d}"
    candidates = [
        {"period_end": end},
        {"period_start": start, "period_end": end},
        {"period_start": start, "period_end": end, "source": str(row.source)},
        {"period_start": start, "period_end": end, "source": str(row.source), "qualifier": str(row.qualifier)},
    ]
    for args in candidates:
        mask = pd.Series(True, index=rows.index)
        for k, v in args.items():
            col = rows[k]
            mask &= (col == pd.Timestamp(v)) if k.startswith("period") else (col.astype("str") == v)
        if mask.sum() == 1:
            return ", ".join(f"{k}={v!r}" for k, v in args.items())
    return "(no argument tells it apart: duplicate rows)"


def get_figure(
    indicator: str,
    *,
    period_end: Any = None,
    period_start: Any = None,
    year: int | None = None,
    source: str | None = None,
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
    source : str, optional
        Keep only rows of this source id (two sources may report one period).
    area : str or None, default ``"an_giang_pre2025"``
    data : DataFrame, optional

    Returns
    -------
    pandas.Series
        The row, with ``value``, ``unit``, ``qualifier``, ``source``, ``evidence`` ...

    Raises
    ------
    ValueError
        When no row or more than one row matches: the candidates are listed,
        each with the arguments that pick it.

    Examples
    --------
    >>> row = get_figure("telecom_revenue", period_end="2018-12-31")
    >>> float(row.value), row.unit, row.qualifier
    (3300.0, 'vnd_bn', 'exact')
    >>> float(get_figure("postal_revenue", year=2018).value)
    178.0
    >>> get_figure("telecom_revenue", year=2019)
    Traceback (most recent call last):
    ...
    ValueError: 2 rows of 'telecom_revenue' match year=2019 in area 'an_giang_pre2025'; pick one:
      - 2019-01-01..2019-09-30 (2700 vnd_bn, estimate, mic2019): period_end='2019-09-30'
      - 2019-01-01..2019-12-31 (2886 vnd_bn, exact, agportal2019yearend): period_end='2019-12-31'
    """
    every = get_series(indicator, area=area, data=data, mixed=True)
    rows = every
    asked = []
    if year is not None:
        rows = rows[(rows["period_start"].dt.year == year) & (rows["period_end"].dt.year == year)]
        asked.append(f"year={year!r}")
    if period_end is not None:
        rows = rows[rows["period_end"] == pd.Timestamp(period_end)]
        asked.append(f"period_end={str(period_end)!r}")
    if period_start is not None:
        rows = rows[rows["period_start"] == pd.Timestamp(period_start)]
        asked.append(f"period_start={str(period_start)!r}")
    if source is not None:
        rows = rows[rows["source"] == source]
        asked.append(f"source={source!r}")
    if len(rows) != 1:
        shown = every if rows.empty else rows
        lines = "\n".join(
            f"  - {r.period_start:%Y-%m-%d}..{r.period_end:%Y-%m-%d} ({r.value:g} {r.unit}, {r.qualifier}, "
            f"{r.source}): {_picker(r, every)}"
            for r in shown.itertuples()
        )
        what = "no row" if rows.empty else f"{len(rows)} rows"
        matched = f" match {', '.join(asked)}" if asked else ""
        which = "its rows" if rows.empty else "pick one"
        raise ValueError(f"{what} of {indicator!r}{matched} in area {area!r}; {which}:\n{lines}")
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
