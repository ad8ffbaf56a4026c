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

import difflib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeAlias

import pandas as pd

from .validation import DataValidationError, validate_package

__all__ = [
    "data_dir",
    "load_indicators",
    "load_context",
    "load_catalogue",
    "select_areas",
    "area_codes",
    "data_version",
    "DEFAULT_AREA",
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


def _folder(folder: Path | str | None) -> Path:
    return Path(folder).resolve() if folder is not None else data_dir()


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
    folder = _folder(folder)
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
    tables = _load_all(folder)
    if name not in tables:
        raise ValueError(f"the data package at {_folder(folder)} has no {name!r} resource (see datapackage.json)")
    return tables[name].copy()


#: The area every loader and look-up returns unless asked for another (see docs/areas.md).
DEFAULT_AREA = "an_giang_pre2025"

#: The value of ``area=`` that keeps every area.
ALL_AREAS = "all"

#: A selection of areas: one code, several codes, or ``"all"``.
AreaLike: TypeAlias = "str | Iterable[str]"


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest choice, or ``""`` when none is close."""
    names = [str(c) for c in choices]
    # a code the value begins ('an_giang' -> 'an_giang_pre2025') before codes that merely look alike
    prefixed = [c for c in names if str(value) and c.startswith(str(value))]
    close = prefixed[:3] or difflib.get_close_matches(str(value), names, n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


def unknown_value_error(what: str, value: str, choices: Iterable[str], *, listing: str | None = None) -> ValueError:
    """Build the error for an unknown code: the value, the closest choices, then every choice.

    Parameters
    ----------
    what : str
        What the value names (``"area"``, ``"sector"``, ``"indicator"``).
    value : str
        The value asked for.
    choices : iterable of str
        The valid values.
    listing : str, optional
        Where to find the valid values; when given and there are more than 20,
        the message points there instead of listing them all.

    Returns
    -------
    ValueError

    Examples
    --------
    >>> print(unknown_value_error("area", "an_giang", ["an_giang_pre2025", "vietnam"]))
    unknown area 'an_giang' (did you mean 'an_giang_pre2025'?); choose from: an_giang_pre2025, vietnam
    """
    choices = [str(c) for c in choices]
    head = f"unknown {what} {value!r}{_did_you_mean(value, choices)}"
    if listing and len(choices) > 20:
        return ValueError(f"{head}; {len(choices)} are known: {listing} lists them")
    return ValueError(f"{head}; choose from: {', '.join(choices)}")


def _values(wanted: str | Iterable[str], what: str) -> list[str]:
    if isinstance(wanted, str):
        return [wanted]
    try:
        values = list(wanted)
    except TypeError:
        raise TypeError(f"{what} must be a string or a list of strings, got {type(wanted).__name__}") from None
    bad = [v for v in values if not isinstance(v, str)]
    if bad:
        raise TypeError(f"{what} must be a string or a list of strings, got {bad[0]!r}")
    if not values:
        raise ValueError(f"{what}=[] selects nothing; pass a code, a list of codes or 'all'")
    return values


def _select(df: pd.DataFrame, column: str, wanted: str | Iterable[str] | None) -> pd.DataFrame:
    if wanted is None:
        return df
    values = _values(wanted, column)
    allowed = [str(c) for c in df[column].cat.categories]
    for v in values:
        if v not in allowed:
            raise unknown_value_error(column, v, allowed)
    return df[df[column].isin(values)].reset_index(drop=True)


def area_codes(*, data_dir: Path | str | None = None) -> list[str]:
    """Return every area code the data package allows (its ``area`` enumeration).

    See ``docs/areas.md`` for what each code means.

    Examples
    --------
    >>> codes = area_codes()
    >>> codes[0], "vietnam" in codes
    ('an_giang_pre2025', True)
    """
    return [str(c) for c in _load_all(data_dir)["indicators"]["area"].cat.categories]


def select_areas(df: pd.DataFrame, area: AreaLike | None = DEFAULT_AREA) -> pd.DataFrame:
    """Keep the rows of the chosen areas.

    Parameters
    ----------
    df : DataFrame
        Rows with an ``area`` column (categorical, as loaded, or text).
    area : str, list of str, ``"all"`` or None, default ``"an_giang_pre2025"``
        One area code, a list of codes, or ``"all"`` (or None) for every row.

    Returns
    -------
    DataFrame
        The rows kept, with a fresh index.

    Raises
    ------
    ValueError
        For an unknown area code (the message suggests the closest codes).

    Examples
    --------
    >>> df = load_indicators(area="all")
    >>> sorted(set(select_areas(df, ["vietnam", "an_giang_pre2025"]).area))
    ['an_giang_pre2025', 'vietnam']
    >>> select_areas(df, "an_giang")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown area 'an_giang' (did you mean 'an_giang_pre2025' or 'an_giang_2025' or ...?); choose from: ...
    """
    if area is None or (isinstance(area, str) and area == ALL_AREAS):
        return df.reset_index(drop=True)
    if isinstance(df["area"].dtype, pd.CategoricalDtype):
        allowed = [str(c) for c in df["area"].cat.categories]
    else:
        allowed = area_codes()
    values = _values(area, "area")
    if ALL_AREAS in values:
        raise ValueError("area='all' cannot be combined with other codes; pass 'all' alone")
    for v in values:
        if v not in allowed:
            raise unknown_value_error("area", v, allowed)
    return df[df["area"].astype("str").isin(values)].reset_index(drop=True)


def load_indicators(
    sector: str | Iterable[str] | None = None,
    *,
    area: AreaLike | None = DEFAULT_AREA,
    canonical: bool = False,
    data_dir: Path | str | None = None,
) -> pd.DataFrame:
    """Load the ICT-sector indicators: one row per figure, typed and sourced.

    Parameters
    ----------
    sector : str or list of str, optional
        Keep only these sectors (postal, telecom, infosec, ict_industry, media,
        egov, policy).
    area : str, list of str or ``"all"``, default ``"an_giang_pre2025"``
        The areas to return: by default An Giang as it was before the merger
        of 1 July 2025, like :func:`agstats.get_figure` and
        :func:`agstats.get_series`. Pass one code (``"vietnam"``), a list
        (``["an_giang_pre2025", "vietnam"]``) or ``"all"``. Areas are listed
        in ``docs/areas.md``; they are never mixed in silently.
    canonical : bool, default False
        Bring every row to its indicator's canonical unit (from
        ``catalogue.csv``) with :func:`agstats.units.normalise`: ``value`` and
        ``unit`` change together and the stated figure is kept in
        ``stated_value`` / ``stated_unit``.
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
        For an unknown sector or area (with the closest codes), or, with
        ``canonical=True``, a row that cannot be brought to its canonical unit.

    Examples
    --------
    >>> df = load_indicators("telecom")
    >>> row = df[df.indicator.eq("telecom_revenue")].iloc[0]
    >>> float(row.value), row.unit, row.qualifier, row.area
    (3300.0, 'vnd_bn', 'exact', 'an_giang_pre2025')
    >>> str(row.period_start.date()), str(row.period_end.date())
    ('2018-01-01', '2018-12-31')
    >>> sorted(set(load_indicators("postal", area="all").area))
    ['an_giang_pre2025', 'dong_thap', 'long_an', 'vietnam']
    """
    df = _table("indicators", data_dir)
    df = _select(df, "sector", sector)
    df = select_areas(df, area)
    if canonical:
        from .units import normalise

        df = normalise(df, data_dir=data_dir)
    return df


def load_context(
    *, area: AreaLike | None = DEFAULT_AREA, canonical: bool = False, data_dir: Path | str | None = None
) -> pd.DataFrame:
    """Load context figures (population, land area, ...) in the indicator layout.

    Parameters
    ----------
    area : str, list of str or ``"all"``, default ``"an_giang_pre2025"``
        As for :func:`load_indicators`.
    canonical : bool, default False
        As for :func:`load_indicators`.
    data_dir : path, optional
        Another data package folder.

    Examples
    --------
    >>> ctx = load_context(area="an_giang_pre2025")
    >>> int(ctx.set_index("indicator").loc["population", "value"])
    1908352
    >>> "merged_province_population" in set(load_context(area="an_giang_2025").indicator)
    True
    """
    df = select_areas(_table("context", data_dir), area)
    if canonical:
        from .units import normalise

        df = normalise(df, data_dir=data_dir)
    return df


def load_catalogue(*, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load ``catalogue.csv`` as it is: one row per indicator id (see :func:`agstats.catalogue` for coverage).

    Examples
    --------
    >>> load_catalogue().set_index("indicator").loc["telecom_revenue", "canonical_unit"]
    'vnd_bn'
    """
    return _table("catalogue", data_dir)


def data_version(*, data_dir: Path | str | None = None) -> str:
    """Return the version of the data package (``"version"`` of ``datapackage.json``).

    It is distinct from the package version (:data:`agstats.__version__`): the
    data change on their own schedule (date-based ``YYYY.MM.N``).

    Examples
    --------
    >>> year, month, n = data_version().split(".")
    >>> len(year), 1 <= int(month) <= 12
    (4, True)
    """
    folder = _folder(data_dir)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return str(package.get("version", ""))


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
