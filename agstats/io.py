"""Load the data package as typed, validated pandas tables.

The data ship inside the package (``agstats/data`` in an installed wheel) and
live in ``data/`` of a source checkout; :func:`data_dir` finds them from this
file's location, never from the working directory.

Every loader validates the whole package once (see :mod:`agstats.validation`)
and caches the typed tables per data folder; :func:`clear_cache` empties that
cache. Loaders return copies, so changing a returned frame never changes what
the next call returns.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from .validation import DataValidationError, validate_package

__all__ = [
    "data_dir",
    "load_indicators",
    "load_context",
    "load_sources",
    "load_events",
    "load_units",
    "load_exchange_rates",
    "clear_cache",
]

_PACKAGE_DATA = Path(__file__).resolve().parent / "data"
_CHECKOUT_DATA = Path(__file__).resolve().parent.parent / "data"

#: The explicit cache: resolved data folder -> resource name -> typed DataFrame.
_CACHE: dict[Path, dict[str, pd.DataFrame]] = {}


#: Environment variable naming another data package folder (tests, a maintainer's working copy).
DATA_DIR_ENV = "AGSTATS_DATA_DIR"


def data_dir() -> Path:
    """Return the folder holding ``datapackage.json`` and the CSV tables.

    An installed wheel carries the data as ``agstats/data``; a source checkout
    keeps them in ``data/`` beside the package. The environment variable
    ``AGSTATS_DATA_DIR``, when set and not empty, names another folder instead
    (read at each call, so a notebook kernel or a test can point the package at
    a modified copy of the data; the cache is per folder).

    Examples
    --------
    >>> (data_dir() / "datapackage.json").exists()
    True
    """
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser().resolve()
    if (_PACKAGE_DATA / "datapackage.json").exists():
        return _PACKAGE_DATA
    return _CHECKOUT_DATA


def clear_cache() -> None:
    """Forget every loaded table; the next load reads and validates again.

    Examples
    --------
    >>> clear_cache()
    >>> len(load_units()) > 0
    True
    """
    _CACHE.clear()


def _frame(rows: list[dict[str, Any]], schema: dict, categories: dict[str, list[str]]) -> pd.DataFrame:
    names = [f["name"] for f in schema["fields"]]
    df = pd.DataFrame([{n: r.get(n) for n in names} for r in rows], columns=names)
    for field in schema["fields"]:
        name, ftype = field["name"], field.get("type", "string")
        if name in categories:
            df[name] = pd.Categorical(df[name], categories=categories[name])
        elif ftype == "date":
            df[name] = pd.to_datetime(df[name])
        elif ftype == "number":
            df[name] = df[name].astype("float64")
        elif ftype == "integer":
            df[name] = df[name].astype("int64")
        else:
            df[name] = df[name].fillna("").astype("str")
    return df


def _load_all(folder: Path | str | None) -> dict[str, pd.DataFrame]:
    folder = Path(folder).resolve() if folder is not None else data_dir()
    cached = _CACHE.get(folder)
    if cached is not None:
        return cached
    tables, problems = validate_package(folder)
    if problems:
        raise DataValidationError(problems, folder)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    units = [r["code"] for r in tables["units"]]
    frames: dict[str, pd.DataFrame] = {}
    for res in package["resources"]:
        schema = res["schema"]
        cats: dict[str, list[str]] = {}
        for field in schema["fields"]:
            enum = field.get("constraints", {}).get("enum")
            if enum and field["name"] in ("sector", "qualifier", "area", "method", "kind", "tier"):
                cats[field["name"]] = list(enum)
        if any(f["name"] == "unit" for f in schema["fields"]):
            cats["unit"] = units
        frames[res["name"]] = _frame(tables[res["name"]], schema, cats)
    _CACHE[folder] = frames
    return frames


def _table(name: str, folder: Path | str | None) -> pd.DataFrame:
    return _load_all(folder)[name].copy()


def _select(df: pd.DataFrame, column: str, wanted: str | Iterable[str] | None) -> pd.DataFrame:
    if wanted is None:
        return df
    values = [wanted] if isinstance(wanted, str) else list(wanted)
    allowed = list(df[column].cat.categories)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValueError(f"unknown {column} {unknown[0]!r}; choose from {', '.join(allowed)}")
    return df[df[column].isin(values)].reset_index(drop=True)


def load_indicators(
    sector: str | Iterable[str] | None = None,
    *,
    area: str | Iterable[str] | None = None,
    data_dir: Path | str | None = None,
) -> pd.DataFrame:
    """Load the ICT-sector indicators: one row per figure, typed and sourced.

    Parameters
    ----------
    sector : str or list of str, optional
        Keep only these sectors (postal, telecom, infosec, ict_industry, media,
        egov, policy).
    area : str or list of str, optional
        Keep only these areas (e.g. ``"an_giang_pre2025"``). Figures of the
        province as merged in 2025 carry another area and are never mixed in
        silently: select the area you mean.
    data_dir : path, optional
        Another data package folder (used by tests and ``agstats validate``);
        by default the data shipped with the package.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, sector, label_en, label_vi, value, unit,
        period_start, period_end, qualifier, area, source, evidence, method,
        note``; ``sector``, ``unit``, ``qualifier``, ``area`` and ``method``
        are categorical, periods are datetimes, ``value`` is float.

    Raises
    ------
    DataValidationError
        When the data package does not validate (every problem listed with
        file, line and column).
    ValueError
        For an unknown sector or area.

    Examples
    --------
    >>> df = load_indicators("telecom")
    >>> row = df[df.indicator.eq("telecom_revenue")].iloc[0]
    >>> float(row.value), row.unit, row.qualifier
    (3300.0, 'vnd_bn', 'exact')
    >>> str(row.period_start.date()), str(row.period_end.date())
    ('2018-01-01', '2018-12-31')
    """
    df = _table("indicators", data_dir)
    df = _select(df, "sector", sector)
    return _select(df, "area", area)


def load_context(*, area: str | Iterable[str] | None = None, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load context figures (population, land area, ...) in the indicator layout.

    Examples
    --------
    >>> ctx = load_context(area="an_giang_pre2025")
    >>> int(ctx.set_index("indicator").loc["population", "value"])
    1908352
    """
    return _select(_table("context", data_dir), "area", area)


def load_sources(*, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load the cited documents: id, title, publisher, url, date, language, tier.

    Examples
    --------
    >>> load_sources().set_index("id").loc["mic2019", "tier"]
    'primary'
    """
    return _table("sources", data_dir)


def load_events(*, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load dated non-numeric facts (decisions, meetings, recommendations).

    A date known only to a window carries ``date_start < date_end``.

    Examples
    --------
    >>> ev = load_events().set_index("event")
    >>> str(ev.loc["decision_2314_2019_qd_ubnd", "date_start"].date())
    '2019-09-25'
    """
    return _table("events", data_dir)


def load_units(*, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load the unit codes with their labels, dimension and factor to the base unit.

    Examples
    --------
    >>> load_units().set_index("code").loc["vnd_bn", "factor"]
    np.float64(1000000000.0)
    """
    return _table("units", data_dir)


def load_exchange_rates(*, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load annual-average official exchange rates (đồng per US dollar).

    Examples
    --------
    >>> load_exchange_rates().set_index("year").loc[2019, "vnd_per_usd"]
    np.float64(23050.24)
    """
    return _table("exchange_rates", data_dir)
