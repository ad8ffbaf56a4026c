"""An Giang among Viet Nam and its Mekong Delta neighbours: like-for-like comparisons.

The helpers of notebook 07 ("How does An Giang's ICT sector compare with Viet Nam and
its neighbours?"). They compare only figures of one definition and one period:

- :func:`national_share` / :func:`share_frame`: a province's figure as a share of the
  national one, refused when the two periods differ, with the qualifier the ratio carries
  (a lower bound over an exact total is a lower bound, an estimate makes an estimate);
- :func:`like_sets`: the rows of the region that can be set side by side — one indicator
  id (one definition in ``data/catalogue.csv``) and one period, in at least two areas;
- :func:`per_inhabitant`: those figures per inhabitant, only where a census count of the
  same year exists;
- :func:`coverage` and :func:`inventory`: which areas have a figure, for prose glued from
  counts ("4 of the 12 neighbours ...");
- :func:`rank_rows`, :func:`regional_ranks`, :func:`rank_sets`: rank tables per index —
  one index and one period at a time, different indices never one series — and
  :func:`rank_panels`, one chart panel per index;
- :func:`ordinal`, :func:`regional_place` and :func:`join_names`, for the words around
  those numbers in English and Vietnamese.

Examples
--------
>>> import agstats
>>> from agstats import context
>>> data = agstats.load_indicators(area="all")
>>> dti = context.regional_ranks(data, "dti_rank", year=2022)
>>> len(dti), context.ordinal(dti.value.iloc[0], "en"), context.ordinal(dti.value.iloc[0], "vi")
(13, '5th', 'thứ 5')
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import pandas as pd

from .areas import area_name
from .language import check_language, tr
from .units import convert, per_capita, per_inhabitants, unit_dimension

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "FOCUS",
    "INDEX_NAMES",
    "MEKONG_DELTA",
    "NEIGHBOURS",
    "RANK_UNITS",
    "SCORE_UNITS",
    "Share",
    "coverage",
    "index_name",
    "inventory",
    "is_ranking",
    "join_names",
    "like_sets",
    "national_share",
    "ordinal",
    "per_inhabitant",
    "per_inhabitant_unit",
    "rank_panels",
    "rank_rows",
    "rank_sets",
    "ratio_qualifier",
    "regional_place",
    "regional_ranks",
    "set_title",
    "share_frame",
]

#: The province the comparisons are about: An Giang before the merger of 1 July 2025.
FOCUS = "an_giang_pre2025"
#: An Giang's twelve neighbours of the Mekong Delta (provinces and the city of Cần Thơ).
NEIGHBOURS: tuple[str, ...] = (
    "long_an",
    "tien_giang",
    "ben_tre",
    "tra_vinh",
    "vinh_long",
    "dong_thap",
    "can_tho",
    "hau_giang",
    "soc_trang",
    "kien_giang",
    "bac_lieu",
    "ca_mau",
)
#: The thirteen provinces and city of the Mekong Delta, An Giang first.
MEKONG_DELTA: tuple[str, ...] = (FOCUS, *NEIGHBOURS)
#: Units of ranks (1 = best) and of scores (higher = better), each on its index's own scale.
RANK_UNITS: tuple[str, ...] = ("rank_of_63", "rank")
SCORE_UNITS: tuple[str, ...] = ("index_score", "score_of_100")

#: Short names of the indices, for panel and chart titles: indicator id -> (English, Vietnamese).
INDEX_NAMES: dict[str, tuple[str, str]] = {
    "par_index_rank": ("PAR Index", "Chỉ số PAR Index"),
    "egov_it_application_rank": (
        "IT application and e-government (MIC)",
        "Ứng dụng CNTT, chính quyền điện tử (Bộ TT&TT)",
    ),
    "sipas_rank": ("SIPAS satisfaction index", "Chỉ số hài lòng SIPAS"),
    "par_index_modernisation_rank": (
        "PAR Index component: modernisation",
        "Thành phần của PAR Index: hiện đại hóa",
    ),
    "dti_rank": ("Digital transformation index (DTI)", "Chỉ số chuyển đổi số (DTI)"),
    "service_index_rank": ("Service index (Decision 766)", "Bộ chỉ số phục vụ (Quyết định 766)"),
    "dti_score": ("Digital transformation index (DTI), 0–1 scale", "Chỉ số chuyển đổi số (DTI), thang 0–1"),
}

_DIRECTION = {"lower_bound": 1, "estimate_lower_bound": 1, "upper_bound": -1}
_UNCERTAIN = {"estimate", "estimate_lower_bound", "approximate"}


class Share(NamedTuple):
    """A figure as a share of another (see :func:`national_share`).

    Attributes
    ----------
    value : float
        The share, in percent.
    qualifier : str
        The qualifier of the share (see :func:`ratio_qualifier`).
    sources : tuple of str
        The source ids of the two figures.
    """

    value: float
    qualifier: str
    sources: tuple[str, ...]


def ratio_qualifier(numerator: str, denominator: str) -> str:
    """The qualifier of a ratio of two figures, from theirs.

    A lower bound over a point value is a lower bound; a point value over a lower
    bound is an upper bound; an estimate or an approximate figure on either side
    makes the ratio an estimate. Targets are plans, not measurements, and a ratio
    of two bounds pointing the same way has no bound: both are refused.

    Parameters
    ----------
    numerator, denominator : str
        Qualifiers of the two figures.

    Returns
    -------
    str
        ``"exact"``, ``"estimate"``, ``"lower_bound"``, ``"estimate_lower_bound"``
        or ``"upper_bound"``.

    Raises
    ------
    ValueError
        For a target, for bounds that leave the ratio unbounded, or for an
        estimated upper bound (the data have no qualifier for it).

    Examples
    --------
    >>> ratio_qualifier("lower_bound", "estimate")
    'estimate_lower_bound'
    >>> ratio_qualifier("exact", "lower_bound")
    'upper_bound'
    >>> ratio_qualifier("lower_bound", "lower_bound")
    Traceback (most recent call last):
    ...
    ValueError: a ratio of lower_bound to lower_bound has no bound
    """
    for q in (numerator, denominator):
        if q == "target":
            raise ValueError("a target is a plan, not a measurement: no ratio is computed from it")
    direction = _DIRECTION.get(numerator, 0) - _DIRECTION.get(denominator, 0)
    if _DIRECTION.get(numerator, 0) and _DIRECTION.get(denominator, 0) and direction == 0:
        raise ValueError(f"a ratio of {numerator} to {denominator} has no bound")
    uncertain = numerator in _UNCERTAIN or denominator in _UNCERTAIN
    if direction > 0:
        return "estimate_lower_bound" if uncertain else "lower_bound"
    if direction < 0:
        if uncertain:
            raise ValueError(
                f"a ratio of {numerator} to {denominator} is an estimated upper bound: no qualifier for it"
            )
        return "upper_bound"
    return "estimate" if uncertain else "exact"


def _to(value: float, from_unit: str, to_unit: str) -> float:
    """:func:`agstats.convert` of one number."""
    out = convert(value, from_unit, to_unit)
    assert isinstance(out, float)
    return out


def _period(row: Mapping[str, Any] | pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    return pd.Timestamp(row["period_start"]), pd.Timestamp(row["period_end"])


def national_share(local: pd.Series, national: pd.Series) -> Share:
    """One figure as a percentage of another of the same period.

    Parameters
    ----------
    local, national : Series
        Two data rows (``value``, ``unit``, ``qualifier``, ``period_start``,
        ``period_end``, ``source``), e.g. from :func:`agstats.get_figure`. Their
        units must have one dimension (đồng and đồng, people and people).

    Returns
    -------
    Share
        The percentage, its qualifier and the two source ids.

    Raises
    ------
    ValueError
        If the periods differ (a nine-month figure is never a share of a
        full year), the units have different dimensions, or the qualifiers give
        the ratio no bound (see :func:`ratio_qualifier`).

    Examples
    --------
    >>> import agstats
    >>> year = dict(period_start="2019-01-01", period_end="2019-12-31")
    >>> ag = agstats.get_figure("postal_revenue", area="an_giang_pre2025", **year)
    >>> vn = agstats.get_figure("postal_service_revenue", area="vietnam", **year)
    >>> s = national_share(ag, vn)
    >>> round(s.value, 2), s.qualifier, s.sources
    (0.73, 'estimate_lower_bound', ('agportal2019yearend', 'vnexpress2019ict'))
    >>> nine_months = agstats.get_figure("postal_revenue", area="an_giang_pre2025", period_end="2019-09-30")
    >>> national_share(nine_months, vn)
    Traceback (most recent call last):
    ...
    ValueError: periods differ: 2019-01-01–2019-09-30 and 2019-01-01–2019-12-31; a share needs one period
    """
    (ls, le), (ns, ne) = _period(local), _period(national)
    if (ls, le) != (ns, ne):
        raise ValueError(
            f"periods differ: {ls.date()}–{le.date()} and {ns.date()}–{ne.date()}; a share needs one period"
        )
    if unit_dimension(str(local["unit"])) != unit_dimension(str(national["unit"])):
        raise ValueError(f"units of different dimensions: {local['unit']} and {national['unit']}")
    value = _to(float(local["value"]), str(local["unit"]), str(national["unit"])) / float(national["value"])
    qualifier = ratio_qualifier(str(local["qualifier"]), str(national["qualifier"]))
    return Share(100 * value, qualifier, (str(local["source"]), str(national["source"])))


def share_frame(pairs: Mapping[str, tuple[pd.Series, pd.Series]]) -> pd.DataFrame:
    """Shares of national totals as rows for a chart or a table.

    Parameters
    ----------
    pairs : mapping of str to (Series, Series)
        Label (already in the reader's language) -> (local row, national row).

    Returns
    -------
    DataFrame
        One row per pair: ``name``, ``value`` (percent), ``unit`` (``"percent"``),
        ``qualifier``, ``sources`` (a list of the two source ids), ``period_start``,
        ``period_end``, and the columns that make it data rows for
        :func:`agstats.table`: ``indicator`` (the local id), ``label_en`` and
        ``label_vi`` (both the given label), ``area`` (the local area) and
        ``source`` (the two ids joined by "; ").

    Examples
    --------
    >>> import agstats
    >>> ag = agstats.get_figure("population", area="an_giang_pre2025")
    >>> vn = agstats.get_figure("population", area="vietnam")
    >>> share_frame({"Population": (ag, vn)})[["name", "value", "qualifier"]].round(2)
             name  value qualifier
    0  Population   1.98     exact
    """
    rows = []
    for name, (local, national) in pairs.items():
        s = national_share(local, national)
        start, end = _period(local)
        rows.append(
            {
                "name": name,
                "value": s.value,
                "unit": "percent",
                "qualifier": s.qualifier,
                "sources": list(s.sources),
                "period_start": start,
                "period_end": end,
                "indicator": str(local["indicator"]),
                "label_en": name,
                "label_vi": name,
                "area": str(local["area"] if "area" in local.index else local.name),
                "source": "; ".join(s.sources),
            }
        )
    return pd.DataFrame(rows)


def _names(areas: Iterable[str], language: str | None) -> list[str]:
    return [area_name(a, language) for a in areas]


def _who(areas: pd.Series, focus: str, language: str | None) -> pd.Categorical[str]:
    levels = [area_name(focus, language), tr("neighbour", "tỉnh lân cận", language)]
    return pd.Categorical([levels[0] if a == focus else levels[1] for a in areas], categories=levels)


def coverage(
    data: pd.DataFrame,
    indicator: str,
    areas: Sequence[str] = NEIGHBOURS,
    *,
    year: int | None = None,
    period_start: Any = None,
    period_end: Any = None,
) -> list[str]:
    """The areas of *areas* (in their order) that have a row of *indicator*.

    Parameters
    ----------
    data : DataFrame
        Data rows of any areas.
    indicator : str
        Indicator id.
    areas : sequence of str, default :data:`NEIGHBOURS`
    year : int, optional
        Keep rows whose whole period lies in this calendar year.
    period_start, period_end : date-like, optional
        Keep rows of exactly this period (either end).

    Returns
    -------
    list of str
        Area codes, each once.

    Examples
    --------
    >>> import agstats
    >>> pop = agstats.load_context(area="all")
    >>> len(coverage(pop, "population", year=2019)) <= len(NEIGHBOURS)
    True
    >>> coverage(pop, "population", ["an_giang_pre2025", "atlantis"])
    ['an_giang_pre2025']
    """
    rows = data[(data["indicator"] == indicator) & data["area"].isin(list(areas))]
    start, end = rows["period_start"], rows["period_end"]
    if year is not None:
        rows = rows[(start.dt.year == year) & (end.dt.year == year)]
    if period_start is not None:
        rows = rows[rows["period_start"] == pd.Timestamp(period_start)]
    if period_end is not None:
        rows = rows[rows["period_end"] == pd.Timestamp(period_end)]
    found = set(rows["area"].astype(str))
    return [a for a in dict.fromkeys(areas) if a in found]


def is_ranking(data: pd.DataFrame) -> pd.Series:
    """Which rows are ranks or scores of an index (by unit, or by an id ending in ``_rank``/``_score``).

    A score may be stored in per cent (the PAR Index's); its id still says what it is.

    Examples
    --------
    >>> rows = pd.DataFrame({"indicator": ["dti_rank", "par_index_score", "telecom_revenue"],
    ...                      "unit": ["rank_of_63", "percent", "vnd_bn"]})
    >>> is_ranking(rows).tolist()
    [True, True, False]
    """
    ids = data["indicator"].astype(str)
    return data["unit"].astype(str).isin(RANK_UNITS + SCORE_UNITS) | ids.str.endswith(("_rank", "_score"))


def _is_rank(data: pd.DataFrame) -> pd.Series:
    """Ranks (1 = best) among the rows of :func:`is_ranking`; the others are scores (higher = better)."""
    units = data["unit"].astype(str)
    return units.isin(RANK_UNITS) | (~units.isin(SCORE_UNITS) & data["indicator"].astype(str).str.endswith("_rank"))


def index_name(indicator: str, language: str | None = None) -> str:
    """A short name of the index of a rank or score id, for titles (else the catalogue label).

    Examples
    --------
    >>> index_name("dti_rank", "vi")
    'Chỉ số chuyển đổi số (DTI)'
    >>> index_name("par_index_score", "en")
    'PAR Index score (provincial administrative-reform index, Ministry of Home Affairs)'
    """
    lang = check_language(language)
    if indicator in INDEX_NAMES:
        return INDEX_NAMES[indicator][0 if lang == "en" else 1]
    from .catalogue import describe

    meta = describe(indicator)
    return str(meta.label_en if lang == "en" else meta.label_vi)


def inventory(
    data: pd.DataFrame, areas: Sequence[str] = NEIGHBOURS, *, ranks: bool = True, language: str | None = None
) -> pd.DataFrame:
    """What the data hold for *areas*: one row per indicator and period.

    Parameters
    ----------
    data : DataFrame
        Data rows (indicators, context or both).
    areas : sequence of str, default :data:`NEIGHBOURS`
    ranks : bool, default True
        Include rank and score rows.
    language : {"en", "vi"}, optional
        Language of the ``figure``, ``period`` and ``names`` columns.

    Returns
    -------
    DataFrame
        Columns ``indicator``, ``figure`` (the label), ``period_start``,
        ``period_end``, ``period`` (as text), ``n_areas`` and ``names`` (the
        areas, joined), sorted by indicator and period.

    Examples
    --------
    >>> rows = pd.DataFrame({"indicator": ["x", "x"], "label_en": ["X", "X"], "label_vi": ["X", "X"],
    ...     "area": ["can_tho", "ca_mau"], "unit": ["count", "count"],
    ...     "period_start": pd.to_datetime(["2020-01-01"] * 2), "period_end": pd.to_datetime(["2020-12-31"] * 2)})
    >>> inventory(rows, language="vi")[["figure", "n_areas", "names"]].values.tolist()
    [['X', 2, 'Cần Thơ và Cà Mau']]
    """
    from .plotting import period_label

    lang = check_language(language)
    rows = data[data["area"].isin(list(areas))]
    if not ranks:
        rows = rows[~is_ranking(rows)]
    out = []
    keys = ["indicator", "period_start", "period_end"]
    for (ind, start, end), g in rows.groupby(keys, sort=True):
        present = [a for a in areas if a in set(g["area"])]
        out.append(
            {
                "indicator": ind,
                "figure": str(g[f"label_{lang}"].iloc[0]),
                "period_start": start,
                "period_end": end,
                "period": period_label(start, end, lang),
                "n_areas": len(present),
                "names": join_names(_names(present, lang), lang),
            }
        )
    columns = ["indicator", "figure", "period_start", "period_end", "period", "n_areas", "names"]
    return pd.DataFrame(out, columns=columns)


def like_sets(
    data: pd.DataFrame,
    areas: Sequence[str] = MEKONG_DELTA,
    *,
    focus: str | None = FOCUS,
    min_areas: int = 2,
    ranks: bool = False,
    language: str | None = None,
) -> pd.DataFrame:
    """Rows that can be set side by side: one indicator id and one period, several areas.

    One indicator id is one definition (``data/catalogue.csv``); rows of one id are
    comparable only when their periods are the same (same first and last day). This
    groups the rows of *areas* by indicator and period and keeps the groups ("sets")
    with at least *min_areas* areas.

    Parameters
    ----------
    data : DataFrame
        Data rows.
    areas : sequence of str, default :data:`MEKONG_DELTA`
    focus : str or None, default :data:`FOCUS`
        Keep only sets that include this area (``None``: all sets).
    min_areas : int, default 2
    ranks : bool, default False
        Include rank and score rows (see :func:`regional_ranks` for those).
    language : {"en", "vi"}, optional
        Language of the ``name`` and ``who`` columns.

    Returns
    -------
    DataFrame
        The rows of the sets, with ``set`` (``"indicator period_start period_end"``),
        ``n_areas``, ``name`` (the area's name; ``"name [source]"`` where an area
        has more than one row in a set, so that no row is dropped) and ``who``
        (the focus area or "neighbour"). Sorted by set, then by value.

    Examples
    --------
    >>> rows = pd.DataFrame({"indicator": ["x"] * 3, "area": ["an_giang_pre2025", "can_tho", "ca_mau"],
    ...     "value": [3.0, 1.0, 2.0], "unit": ["count"] * 3, "source": ["a", "b", "c"],
    ...     "period_start": pd.to_datetime(["2020-01-01", "2020-01-01", "2019-01-01"]),
    ...     "period_end": pd.to_datetime(["2020-12-31"] * 3)})
    >>> like_sets(rows, language="en")[["name", "n_areas", "who"]].values.tolist()
    [['Can Tho', 2, 'neighbour'], ['An Giang', 2, 'An Giang']]
    """
    lang = check_language(language)
    rows = data[data["area"].isin(list(areas))]
    if not ranks:
        rows = rows[~is_ranking(rows)]
    columns = list(dict.fromkeys([*data.columns, "set", "n_areas", "name", "who"]))
    if rows.empty:
        return pd.DataFrame(columns=columns)
    key = (
        rows["indicator"].astype(str)
        + " "
        + rows["period_start"].dt.strftime("%Y-%m-%d")
        + " "
        + rows["period_end"].dt.strftime("%Y-%m-%d")
    )
    rows = rows.assign(set=key)
    n = rows.groupby("set")["area"].transform("nunique")
    rows = rows.assign(n_areas=n)[n >= min_areas]
    if focus is not None:
        keep = set(rows.loc[rows["area"] == focus, "set"])
        rows = rows[rows["set"].isin(keep)]
    names = pd.Series(_names(rows["area"], lang), index=rows.index)
    repeated = rows.duplicated(["set", "area"], keep=False)
    names[repeated] = names[repeated] + " [" + rows.loc[repeated, "source"].astype(str) + "]"
    rows = rows.assign(name=names, who=_who(rows["area"], focus or FOCUS, lang))
    return rows.sort_values(["set", "value"], kind="stable")[columns]


def set_title(rows: pd.DataFrame, language: str | None = None) -> str:
    """A chart title for one set of :func:`like_sets`: the figure, its period, how many areas.

    Examples
    --------
    >>> rows = pd.DataFrame({"label_en": ["Telephone subscriptions"] * 2, "label_vi": ["Thuê bao điện thoại"] * 2,
    ...     "area": ["an_giang_pre2025", "can_tho"],
    ...     "period_start": pd.to_datetime(["2020-11-18"] * 2), "period_end": pd.to_datetime(["2020-11-18"] * 2)})
    >>> set_title(rows, "en")
    'Telephone subscriptions, 18 Nov 2020: An Giang and 1 Mekong Delta neighbour in the data'
    >>> set_title(rows, "vi")
    'Thuê bao điện thoại, 18/11/2020: An Giang và 1 tỉnh lân cận ở đồng bằng sông Cửu Long có số liệu'
    """
    from .plotting import period_label

    lang = check_language(language)
    if "set" in rows.columns and rows["set"].nunique() > 1:
        raise ValueError("set_title() needs the rows of one set")
    first = rows.iloc[0]
    period = period_label(first["period_start"], first["period_end"], lang)
    n = int(rows["area"].nunique() - (FOCUS in set(rows["area"])))
    if lang == "en":
        who = f"An Giang and {n} Mekong Delta neighbour{'s' if n != 1 else ''} in the data"
    else:
        who = f"An Giang và {n} tỉnh lân cận ở đồng bằng sông Cửu Long có số liệu"
    return f"{first[f'label_{lang}']}, {period}: {who}"


def per_inhabitant(
    rows: pd.DataFrame, population: pd.DataFrame, *, same_year: bool = True, language: str | None = None
) -> pd.DataFrame:
    """Figures of several areas per inhabitant, from the census count of each area.

    Money becomes whole đồng per inhabitant (unit ``vnd``), counts become counts per
    100 inhabitants (unit ``per_100_inhabitants``). Shares, ranks, scores and
    other ratios are not divided. A row is kept only if its area has exactly one
    population row and (with *same_year*) the figure's period lies in the year
    of that count: a population of another year is another period.

    Parameters
    ----------
    rows : DataFrame
        Data rows (e.g. one set of :func:`like_sets`).
    population : DataFrame
        Population rows (``indicator == "population"`` of
        :func:`agstats.load_context`), one per area.
    same_year : bool, default True
    language : {"en", "vi"}, optional
        Language of the ``name`` column.

    Returns
    -------
    DataFrame
        The kept rows with ``value`` and ``unit`` replaced, ``population`` and
        ``population_source`` added, and ``name`` (the area's name). Rows whose
        area has no usable count are left out: compare ``set(rows.area)`` with
        the result's to say which.

    Raises
    ------
    ValueError
        If *population* holds two rows for one area.

    Examples
    --------
    >>> pop = pd.DataFrame({"area": ["can_tho"], "value": [1_235_171.0], "qualifier": ["exact"],
    ...     "source": ["p"], "period_start": pd.to_datetime(["2019-04-01"]),
    ...     "period_end": pd.to_datetime(["2019-04-01"])})
    >>> rows = pd.DataFrame({"area": ["can_tho", "can_tho"], "value": [1000.0, 12.0],
    ...     "unit": ["vnd_bn", "count_th"], "qualifier": ["exact", "lower_bound"], "source": ["s", "s"],
    ...     "period_start": pd.to_datetime(["2019-01-01", "2019-12-31"]),
    ...     "period_end": pd.to_datetime(["2019-12-31", "2019-12-31"])})
    >>> out = per_inhabitant(rows, pop, language="vi")
    >>> out[["name", "value", "unit", "qualifier"]].round(2).values.tolist()
    [['Cần Thơ', 809605.0, 'vnd', 'exact'], ['Cần Thơ', 0.97, 'per_100_inhabitants', 'lower_bound']]
    """
    lang = check_language(language)
    dup = population["area"][population["area"].duplicated()]
    if not dup.empty:
        raise ValueError(f"more than one population row for {', '.join(sorted(set(dup.astype(str))))}")
    pop = population.set_index("area")
    out = []
    for _, r in rows.iterrows():
        if r["area"] not in pop.index or str(r["unit"]) in RANK_UNITS + SCORE_UNITS:
            continue
        p = pop.loc[r["area"]]
        count_year = pd.Timestamp(p["period_end"]).year
        if same_year and not (r["period_start"].year == r["period_end"].year == count_year):
            continue
        dimension = unit_dimension(str(r["unit"]))
        if dimension == "money_vnd":
            money: Any = per_capita(_to(float(r["value"]), str(r["unit"]), "vnd"), float(p["value"]))
            value: Any = round(float(money))
            unit = "vnd"
        elif dimension == "count":
            value = per_inhabitants(_to(float(r["value"]), str(r["unit"]), "count"), float(p["value"]), 100)
            unit = "per_100_inhabitants"
        else:
            continue
        qualifier = ratio_qualifier(str(r["qualifier"]), str(p["qualifier"]))
        out.append(
            r.to_dict()
            | {
                "value": float(value),
                "unit": unit,
                "qualifier": qualifier,
                "population": float(p["value"]),
                "population_source": str(p["source"]),
                "name": area_name(str(r["area"]), lang),
            }
        )
    return pd.DataFrame(out).reset_index(drop=True) if out else rows.iloc[0:0].assign(name=[], population=[])


def per_inhabitant_unit(unit: str, language: str | None = None) -> str:
    """The axis text of a unit of :func:`per_inhabitant`.

    Examples
    --------
    >>> per_inhabitant_unit("vnd", "en"), per_inhabitant_unit("per_100_inhabitants", "vi")
    ('đồng per inhabitant', 'trên 100 dân')
    """
    texts = {
        "vnd": ("đồng per inhabitant", "đồng/người"),
        "per_100_inhabitants": ("per 100 inhabitants", "trên 100 dân"),
    }
    if unit not in texts:
        raise ValueError(f"not a unit of per_inhabitant(): {unit!r}")
    return tr(*texts[unit], language)


def ordinal(n: float, language: str | None = None) -> str:
    """A place as words: ``54th`` in English, ``thứ 54`` in Vietnamese (``thứ nhất`` for the first).

    Examples
    --------
    >>> [ordinal(n, "en") for n in (1, 2, 3, 11, 12, 13, 21, 54)]
    ['1st', '2nd', '3rd', '11th', '12th', '13th', '21st', '54th']
    >>> ordinal(54.0, "vi"), ordinal(1, "vi")
    ('thứ 54', 'thứ nhất')
    """
    k = int(n)
    if k != n:
        raise ValueError(f"a place is a whole number, got {n!r}")
    if check_language(language) == "vi":
        return "thứ nhất" if k == 1 else f"thứ {k}"
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def regional_place(place: int, n_areas: int, n_region: int = len(MEKONG_DELTA), language: str | None = None) -> str:
    """A place in the region as words that say among how many it is.

    A place among all the areas of the region (*n_areas* equal to *n_region*) is a
    place in the region: ``11th of 13``. With fewer areas in the data it is only a
    place among those, and the words say so: ``2nd of the 3 in the data``.

    Parameters
    ----------
    place : int
        The place (1 = best) among the *n_areas* areas with a row.
    n_areas : int
        How many areas of the region have a row.
    n_region : int, default ``len(MEKONG_DELTA)`` (13)
        How many areas the region has.
    language : {"en", "vi"}, optional

    Raises
    ------
    ValueError
        If the place lies outside 1..*n_areas* or *n_areas* exceeds *n_region*.

    Examples
    --------
    >>> regional_place(11, 13, language="en"), regional_place(2, 3, language="en")
    ('11th of 13', '2nd of the 3 in the data')
    >>> regional_place(11, 13, language="vi"), regional_place(2, 3, language="vi")
    ('thứ 11/13', 'thứ 2 trong 3 tỉnh, thành phố có số liệu')
    """
    place, n_areas, n_region = int(place), int(n_areas), int(n_region)
    if not 1 <= place <= n_areas <= n_region:
        raise ValueError(f"a place {place} among {n_areas} of {n_region} areas is impossible")
    lang = check_language(language)
    if n_areas == n_region:
        return f"{ordinal(place, lang)} of {n_region}" if lang == "en" else f"thứ {place}/{n_region}"
    if lang == "en":
        return f"{ordinal(place, lang)} of the {n_areas} in the data"
    return f"{ordinal(place, lang)} trong {n_areas} tỉnh, thành phố có số liệu"


def join_names(names: Sequence[str], language: str | None = None) -> str:
    """Names joined as a sentence says them: ``A, B and C`` / ``A, B và C``.

    Examples
    --------
    >>> join_names(["Bến Tre", "Hậu Giang", "Sóc Trăng"], "vi")
    'Bến Tre, Hậu Giang và Sóc Trăng'
    >>> join_names(["Can Tho"], "en"), join_names([], "en")
    ('Can Tho', 'none')
    """
    names = [str(n) for n in names]
    lang = check_language(language)
    if not names:
        return tr("none", "không có", lang)
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {tr('and', 'và', lang)} {names[-1]}"


def rank_rows(data: pd.DataFrame, area: str = FOCUS, *, units: Collection[str] = RANK_UNITS) -> pd.DataFrame:
    """The ranks of one area, every index, in the order of their periods.

    Examples
    --------
    >>> import agstats
    >>> r = rank_rows(agstats.load_indicators(area="all"))
    >>> bool(r.unit.isin(RANK_UNITS).all()), r.area.unique().tolist()
    (True, ['an_giang_pre2025'])
    """
    rows = data[(data["area"] == area) & data["unit"].astype(str).isin(list(units))]
    return rows.sort_values(["period_end", "indicator"], kind="stable")


def regional_ranks(
    data: pd.DataFrame,
    indicator: str,
    *,
    year: int | None = None,
    period_end: Any = None,
    areas: Sequence[str] = MEKONG_DELTA,
    focus: str = FOCUS,
    language: str | None = None,
) -> pd.DataFrame:
    """One index, one period: the areas' ranks (or scores) as a table, best first.

    Parameters
    ----------
    data : DataFrame
        Data rows.
    indicator : str
        One rank or score id (one index: indices are never mixed).
    year : int, optional
        The year assessed (the rows' ``period_end``); the year must hold one period.
    period_end : date-like, optional
        The period's last day, where a year holds two readings.
    areas : sequence of str, default :data:`MEKONG_DELTA`
    focus : str, default :data:`FOCUS`
    language : {"en", "vi"}, optional

    Returns
    -------
    DataFrame
        The rows, sorted best first (ranks ascending, scores descending), with
        ``name``, ``who`` (focus or neighbour) and ``place`` (1 + the number of
        areas of the table placed better: ties share a place).

    Raises
    ------
    ValueError
        If *indicator* is not a rank or score, no row matches, the rows hold
        more than one period or unit, or an area appears twice.

    Examples
    --------
    >>> import agstats
    >>> t = regional_ranks(agstats.load_indicators(area="all"), "dti_rank", year=2022, language="en")
    >>> t[t.area == "an_giang_pre2025"][["name", "value", "place"]].values.tolist()
    [['An Giang', 54.0, 11]]
    >>> regional_ranks(agstats.load_indicators(area="all"), "telecom_revenue", year=2019)
    Traceback (most recent call last):
    ...
    ValueError: telecom_revenue is not a rank or a score (units vnd_bn)
    """
    lang = check_language(language)
    rows = data[(data["indicator"] == indicator) & data["area"].isin(list(areas))]
    if year is not None:
        rows = rows[rows["period_end"].dt.year == year]
    if period_end is not None:
        rows = rows[rows["period_end"] == pd.Timestamp(period_end)]
    same = data[data["indicator"] == indicator]
    units = sorted(set(rows["unit"].astype(str))) or sorted(set(same["unit"].astype(str)))
    if same.empty or not is_ranking(same).all():
        raise ValueError(f"{indicator} is not a rank or a score (units {', '.join(map(str, units))})")
    if rows.empty:
        raise ValueError(f"no {indicator} rows for year={year!r}, period_end={period_end!r}")
    if rows[["period_start", "period_end"]].drop_duplicates().shape[0] > 1:
        raise ValueError(f"{indicator}: more than one period; pass period_end=")
    if len(units) > 1:
        raise ValueError(f"{indicator}: more than one unit ({', '.join(units)})")
    if rows["area"].duplicated().any():
        raise ValueError(f"{indicator}: an area appears twice ({', '.join(rows.loc[rows.area.duplicated(), 'area'])})")
    is_rank = bool(_is_rank(rows).iloc[0])
    rows = rows.sort_values("value", ascending=is_rank, kind="stable")
    better = [int((rows["value"] < v).sum() if is_rank else (rows["value"] > v).sum()) + 1 for v in rows["value"]]
    return rows.assign(name=_names(rows["area"], lang), who=_who(rows["area"], focus, lang), place=better)


def rank_sets(
    data: pd.DataFrame,
    areas: Sequence[str] = MEKONG_DELTA,
    *,
    focus: str = FOCUS,
    min_areas: int = 2,
    kind: Literal["rank", "score"] = "rank",
    language: str | None = None,
) -> pd.DataFrame:
    """Every index and period with ranks (or scores) of at least *min_areas* areas including *focus*.

    Parameters
    ----------
    data : DataFrame
        Data rows.
    areas : sequence of str, default :data:`MEKONG_DELTA`
    focus : str, default :data:`FOCUS`
    min_areas : int, default 2
    kind : {"rank", "score"}, default "rank"
        Ranks (1 = best) or scores (higher = better) of :func:`is_ranking`.
    language : {"en", "vi"}, optional

    Returns
    -------
    DataFrame
        One row per index and period: ``indicator``, ``period_start``, ``period_end``,
        ``n_areas``, ``rank`` (the focus area's value), ``place`` (its place among
        the areas), ``place_text`` (that place in words, among all of *areas* only
        when all have a row: see :func:`regional_place`), ``best`` / ``best_rank`` and ``last`` / ``last_rank`` (names and
        values), ``missing`` (the names of *areas* without a row), ``sources``.

    Examples
    --------
    >>> import agstats
    >>> s = rank_sets(agstats.load_indicators(area="all"), language="en")
    >>> dti = s[s.indicator == "dti_rank"]
    >>> dti[dti.period_start == "2022-01-01"][["n_areas", "rank", "place_text", "best", "missing"]].values.tolist()
    [[13, 54.0, '11th of 13', 'Can Tho', 'none']]
    >>> dti[dti.period_start == "2023-01-01"][["n_areas", "rank", "place_text"]].values.tolist()
    [[3, 59.0, '2nd of the 3 in the data']]
    """
    lang = check_language(language)
    rows = data[data["area"].isin(list(areas)) & is_ranking(data)]
    rows = rows[_is_rank(rows) == (kind == "rank")]
    out = []
    for (ind, start, end), g in rows.groupby(["indicator", "period_start", "period_end"], sort=False):
        if g["area"].nunique() < min_areas or focus not in set(g["area"]):
            continue
        t = regional_ranks(g, str(ind), period_end=end, areas=areas, focus=focus, language=lang)
        me = t[t["area"] == focus].iloc[0]
        out.append(
            {
                "indicator": ind,
                "period_start": start,
                "period_end": end,
                "n_areas": len(t),
                "rank": float(me["value"]),
                "place": int(me["place"]),
                "place_text": regional_place(int(me["place"]), len(t), len(dict.fromkeys(areas)), lang),
                "best": t["name"].iloc[0],
                "best_rank": float(t["value"].iloc[0]),
                "last": t["name"].iloc[-1],
                "last_rank": float(t["value"].iloc[-1]),
                "missing": join_names(_names([a for a in areas if a not in set(t["area"])], lang), lang),
                "sources": list(dict.fromkeys(t["source"].astype(str))),
            }
        )
    columns = ["indicator", "period_start", "period_end", "n_areas", "rank", "place", "place_text", "best", "best_rank"]
    columns += ["last", "last_rank", "missing", "sources"]
    return pd.DataFrame(out, columns=columns).sort_values(["period_end", "indicator"], kind="stable")


def rank_panels(
    rows: pd.DataFrame,
    *,
    title: str,
    source: str,
    marked: Collection[str] = (),
    ncols: int = 3,
    language: str | None = None,
) -> Figure:
    """One panel per index: an area's ranks over time, rank 1 at the top, panels never joined.

    Parameters
    ----------
    rows : DataFrame
        Rank rows of one area (:func:`rank_rows`), all of unit ``rank_of_63``.
    title, source : str
        The figure's title and source line.
    marked : collection of str
        Indices whose panel title gets a "†" (explained in the prose).
    ncols : int, default 3
    language : {"en", "vi"}, optional

    Returns
    -------
    Figure

    Raises
    ------
    ValueError
        If the rows are not all ranks of 63 or hold more than one area.

    Examples
    --------
    >>> import agstats, matplotlib.pyplot as plt
    >>> fig = rank_panels(rank_rows(agstats.load_indicators(area="all")), title="Ranks", source="x",
    ...                   marked={"dti_rank"}, language="en")
    >>> sorted(ax.get_title(loc="left").replace("\\n", " ") for ax in fig.axes if ax.get_visible())[:2]
    ['Digital transformation index (DTI) †', 'IT application and e-government (MIC)']
    >>> plt.close(fig)
    """
    import math
    import textwrap

    import matplotlib.pyplot as plt
    import numpy as np

    from . import plotting as agp

    lang = check_language(language)
    if set(rows["unit"].astype(str)) != {"rank_of_63"} or rows["area"].nunique() != 1:
        raise ValueError("rank_panels() needs the ranks of 63 of one area")
    order = list(dict.fromkeys(rows["indicator"]))
    nrows = math.ceil(len(order) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.6 * ncols, 3.9 * nrows), sharey=True, layout="constrained")
    flat = list(np.atleast_1d(axes).ravel())
    axis_label = tr("rank of 63, 1 = best", "hạng/63, 1 = cao nhất", lang)
    for i, (ax, ind) in enumerate(zip(flat, order)):
        one = rows[rows["indicator"] == ind]
        name = index_name(str(ind), lang)
        agp.point(one, x="period", orient="v", stems=False, ax=ax, legend=False, wrap=18, language=lang,
                  title=textwrap.fill(name + (" †" if ind in marked else ""), 24), unit_label=axis_label)  # fmt: skip
        ax.set_ylim(64, -3)  # room for the label of a first place
        ax.set_yticks([1, 10, 20, 30, 40, 50, 63])
        if i % ncols:
            ax.set_ylabel("")
    for ax in flat[len(order) :]:
        ax.set_visible(False)
    fig.suptitle(title)
    agp.add_source(fig, source, lang)
    return fig
