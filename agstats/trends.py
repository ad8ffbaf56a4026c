"""Following figures across reports: rows by period, their citations, bounds as prose.

The trends analysis (``notebooks/06_trends.ipynb``) sets figures of the 2019
report against later ones. It needs the same few things again and again:
the one row of an indicator for a given period and area (and a record of the
sources it used, for its closing list), intervals written as prose ("≥ v",
"lo–hi"), and the charts that compare a part-year estimate with a full-year
figure. They live here, so that a notebook cell stays a few lines.

* :class:`Citations` collects source ids in the order they are used; a
  notebook creates one and passes it around (nothing is recorded globally).
* :class:`FigurePicker` picks rows by indicator, period and area, and cites
  each row's source.
* :func:`interval_text`, :func:`percent_text`, :func:`signed_percent_text`
  write an :class:`~agstats.series.Interval` in the current language.
* :func:`reconciliation_table`, :func:`growth_frame`, :func:`sector_size`
  compute what the tables show; :func:`nine_month_chart`,
  :func:`remainder_share_chart`, :func:`coverage_timeline`,
  :func:`panel_chart` and :func:`sector_size_chart` draw with
  :mod:`agstats.plotting` (imported when a chart is drawn).

Examples
--------
>>> import agstats
>>> from agstats.trends import Citations, FigurePicker, interval_text
>>> cited = Citations()
>>> picker = FigurePicker.load(["an_giang_pre2025"], cited)
>>> row = picker.pick("postal_revenue", ("2018-01-01", "2018-12-31"))
>>> float(row.value), cited.ids
(178.0, ['mic2019'])
>>> interval_text(agstats.Interval(4600, float("inf")), "vnd_bn", language="en")
'≥ 4,600 billion VND'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from .areas import area_name
from .cite import source_line, sources_markdown
from .io import load_context, load_exchange_rates, load_indicators
from .language import check_language, tr
from .lookup import get_figure
from .series import Interval, Reconciliation, annualise_band, growth, growth_annualised, months_in_period, row_interval
from .units import convert, exchange_rate, per_capita, vnd_to_usd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .tables import Table

__all__ = [
    "Citations",
    "FigurePicker",
    "coverage_timeline",
    "derived_qualifier",
    "growth_frame",
    "interval_text",
    "known_window",
    "nine_month_chart",
    "panel_chart",
    "percent_text",
    "qualifier_text",
    "reconciliation_table",
    "remainder_share_chart",
    "sector_size",
    "sector_size_chart",
    "sector_size_table",
    "signed_percent_text",
]

#: A period as (first day, last day), ISO dates or Timestamps.
Period = tuple[Any, Any]

_INK = "#222222"


class Citations:
    """The source ids an analysis uses, in the order it first uses them.

    A notebook creates one collector, passes it to whatever picks rows
    (:class:`FigurePicker`), adds the sources of rows it takes elsewhere, and
    builds its "Sources" list from :attr:`ids` at the end.

    Parameters
    ----------
    ids : iterable of str, optional
        Sources cited from the start.

    Examples
    --------
    >>> cited = Citations(["mic2019"])
    >>> cited.add("vietnamnet2025", "mic2019")
    >>> cited.extend(["agportal2019yearend"])
    >>> cited.ids
    ['mic2019', 'vietnamnet2025', 'agportal2019yearend']
    >>> len(cited), "mic2019" in cited
    (3, True)
    """

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self._ids: dict[str, None] = {}
        self.extend(ids)

    def add(self, *ids: str) -> None:
        """Cite each id (a repeated id keeps its first place).

        Raises
        ------
        TypeError
            If an id is not a non-empty string.
        """
        for i in ids:
            if not isinstance(i, str) or not i:
                raise TypeError(f"a source id must be a non-empty string, got {i!r}")
            self._ids.setdefault(i, None)

    def extend(self, ids: Iterable[str]) -> None:
        """Cite every id of *ids*, in order."""
        if isinstance(ids, str):
            raise TypeError("extend() needs an iterable of ids, not one string; use add()")
        self.add(*ids)

    @property
    def ids(self) -> list[str]:
        """The cited ids, each once, in the order of first use."""
        return list(self._ids)

    def markdown(self, language: str | None = None) -> str:
        """The Markdown list of the cited sources (:func:`agstats.sources_markdown`).

        Examples
        --------
        >>> Citations(["mic2019"]).markdown("en").startswith("- **\\\\[mic2019\\\\]**")
        True
        """
        return sources_markdown(self.ids, language)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, source: object) -> bool:
        return source in self._ids

    def __repr__(self) -> str:
        return f"Citations({self.ids!r})"


class FigurePicker:
    """Pick the one row of an indicator for a period in an area, and cite its source.

    Parameters
    ----------
    rows : DataFrame
        Data rows (indicators and context figures) of every area the
        analysis uses.
    citations : Citations
        Where the source of each picked row is recorded.
    area : str, default "an_giang_pre2025"
        The area of a pick that names none.

    Examples
    --------
    >>> cited = Citations()
    >>> picker = FigurePicker.load(["an_giang_pre2025", "vietnam"], cited)
    >>> float(picker.stock("postal_service_points", "2019-09-30").value)
    156.0
    >>> picker.pick("postal_revenue", ("2019-01-01", "2019-09-30")).qualifier
    'estimate'
    >>> cited
    Citations(['mic2019'])
    """

    def __init__(self, rows: pd.DataFrame, citations: Citations, *, area: str = "an_giang_pre2025") -> None:
        if not isinstance(citations, Citations):
            raise TypeError(f"citations must be a Citations collector, got {type(citations).__name__}")
        self.rows = rows
        self.citations = citations
        self.area = area

    @classmethod
    def load(cls, areas: Sequence[str], citations: Citations, *, area: str | None = None) -> FigurePicker:
        """A picker over the indicator and context rows of *areas* (default area: the first)."""
        areas = list(areas)
        rows = pd.concat([load_indicators(area=areas), load_context(area=areas)], ignore_index=True)
        return cls(rows, citations, area=area or areas[0])

    def pick(self, indicator: str, period: Period, area: str | None = None) -> pd.Series:
        """The one row of *indicator* for *period* = (start, end) in *area*; its source is cited.

        Only rows of exactly that period are considered, so a series that
        mixes sources or period lengths still gives one row.

        Raises
        ------
        LookupError
            When no row has that period (the message lists the periods there
            are), or from :func:`agstats.get_figure` when more than one fits.
        """
        start, end = pd.Timestamp(period[0]), pd.Timestamp(period[1])
        area = area or self.area
        same = self.rows[(self.rows["period_start"] == start) & (self.rows["period_end"] == end)]
        if not ((same["indicator"] == indicator) & (same["area"] == area)).any():
            of = self.rows[(self.rows["indicator"] == indicator) & (self.rows["area"] == area)]
            periods = sorted({f"{a.date()}..{b.date()}" for a, b in zip(of["period_start"], of["period_end"])})
            raise LookupError(
                f"no row of {indicator!r} for {start.date()}..{end.date()} in {area!r}; "
                f"its periods there: {', '.join(periods) or 'none'}"
            )
        row = get_figure(indicator, area=area, data=same)
        self.citations.add(str(row.source))
        return row

    def stock(self, indicator: str, as_of: Any, area: str | None = None) -> pd.Series:
        """The one row of a stock counted on *as_of* (a one-day period)."""
        return self.pick(indicator, (as_of, as_of), area)

    def frame(self, picks: Iterable[tuple[str, Period]], area: str | None = None) -> pd.DataFrame:
        """Several picks as data rows, in order (index 0…n-1).

        Examples
        --------
        >>> picker = FigurePicker.load(["an_giang_pre2025"], Citations())
        >>> picker.frame([("postal_revenue", ("2018-01-01", "2018-12-31"))])["value"].tolist()
        [178.0]
        """
        return pd.DataFrame([self.pick(i, p, area) for i, p in picks]).reset_index(drop=True)


# --------------------------------------------------------------------------
# Intervals as prose
# --------------------------------------------------------------------------


def interval_text(
    iv: Interval | float, unit: str | None = None, *, decimals: int | None = None, language: str | None = None
) -> str:
    """An interval (or a number) as prose: ``v``, ``≥ v``, ``≤ v`` or ``lo–hi unit``.

    An interval ``[v, ∞)`` reads as a lower bound, ``[0, v]`` as an upper
    bound (quantities here are never negative), a point as the number.

    Parameters
    ----------
    iv : Interval or float
    unit : str, optional
        Unit code (:func:`agstats.plotting.unit_text`).
    decimals : int, optional
        Fixed decimals.
    language : {"en", "vi"}, optional
        Defaults to the current language.

    Examples
    --------
    >>> interval_text(Interval(1200, 1500), "vnd_bn", language="en")
    '1,200–1,500 billion VND'
    >>> interval_text(Interval(1200.5, 1500), "vnd_bn", decimals=1, language="vi")
    '1.200,5–1.500,0 tỷ đồng'
    >>> interval_text(Interval(0, 40), "percent", language="en")
    '≤ 40%'
    >>> interval_text(12.0, language="en")
    '12'
    """
    from .plotting import format_number, format_value

    lang = check_language(language)
    iv = Interval.coerce(iv)
    if iv.is_point or math.isinf(iv.hi) or iv.lo == 0:
        q = "exact" if iv.is_point else "lower_bound" if math.isinf(iv.hi) else "upper_bound"
        return format_value(iv.hi if q == "upper_bound" else iv.lo, q, unit, lang, decimals=decimals)
    return f"{format_number(iv.lo, lang, decimals)}–{format_value(iv.hi, 'exact', unit, lang, decimals=decimals)}"


def percent_text(iv: Interval | float, decimals: int = 1, *, language: str | None = None) -> str:
    """A share (a fraction, or an interval of fractions) as a percentage.

    Examples
    --------
    >>> percent_text(0.0912, language="en"), percent_text(0.0912, language="vi")
    ('9.1%', '9,1%')
    >>> percent_text(Interval(0.4, float("inf")), 0, language="en")
    '≥ 40%'
    """
    return interval_text(Interval.coerce(iv) * 100, "percent", decimals=decimals, language=language)


def signed_percent_text(iv: Interval | float, decimals: int = 1, *, language: str | None = None) -> str:
    """A growth rate (a fraction) with its sign: ``+9.1%``, ``−12.5%``, ``≥ +40.4%``.

    Examples
    --------
    >>> signed_percent_text(0.0912, language="en")
    '+9.1%'
    >>> signed_percent_text(-0.125, language="vi")
    '−12,5%'
    >>> signed_percent_text(Interval(0.404, float("inf")), language="en")
    '≥ +40.4%'
    """
    iv = Interval.coerce(iv)
    text = percent_text(iv, decimals, language=language)
    if iv.lo > 0:
        return text.replace("≥ ", "≥ +") if not iv.is_point else "+" + text
    return text.replace("-", "−")


def qualifier_text(qualifier: str, language: str | None = None) -> str:
    """The word for a qualifier, as chart legends write it (without the ≥/≤ sign).

    Examples
    --------
    >>> qualifier_text("estimate", "en"), qualifier_text("estimate", "vi")
    ('estimate', 'ước tính')
    >>> qualifier_text("estimate_lower_bound", "vi")
    'ước tính, cận dưới'
    """
    from . import plotting

    return plotting._qualifier_word(qualifier, check_language(language))  # to become public in plotting


def derived_qualifier(rec: Reconciliation) -> str:
    """The qualifier of what a reconciliation implies (its remainder and the remainder's share).

    What is derived from an estimate is an estimate, and what is derived from a
    bound is a bound: the remainder is marked ``estimate`` when either row is an
    estimate, and as a lower bound when its share is not a point.

    Examples
    --------
    >>> import agstats
    >>> picker = FigurePicker.load(["an_giang_pre2025"], Citations())
    >>> rec = agstats.reconcile(picker.pick("postal_revenue", ("2019-01-01", "2019-09-30")),
    ...                         picker.pick("postal_revenue", ("2019-01-01", "2019-12-31")))
    >>> rec.partial_qualifier, rec.full_qualifier, derived_qualifier(rec)
    ('estimate', 'lower_bound', 'estimate_lower_bound')
    """
    estimated = any(str(q).startswith("estimate") for q in (rec.partial_qualifier, rec.full_qualifier))
    bound = not rec.remainder_share.is_point
    if estimated:
        return "estimate_lower_bound" if bound else "estimate"
    return "lower_bound" if bound else "exact"


def _months(row: Any) -> float:
    return float(cast(float, months_in_period(row.period_start, row.period_end)))


def _period(row: Any, lang: str) -> str:
    from .plotting import period_label

    return period_label(row.period_start, row.period_end, lang)


# --------------------------------------------------------------------------
# Section 1: part-year estimates against full-year figures
# --------------------------------------------------------------------------


def reconciliation_table(recs: Iterable[Reconciliation], *, language: str | None = None) -> Table:
    """A table for people of reconciliations (:func:`agstats.reconcile`).

    One line per reconciliation: the part-period and full-period figures,
    the remainder they imply, its share of the full period, and the share the
    remaining months would have with no seasonality.

    Examples
    --------
    >>> import agstats
    >>> picker = FigurePicker.load(["an_giang_pre2025"], Citations())
    >>> rec = agstats.reconcile(picker.pick("telecom_revenue", ("2019-01-01", "2019-09-30")),
    ...                         picker.pick("telecom_revenue", ("2019-01-01", "2019-12-31")))
    >>> reconciliation_table([rec], language="en").frame.columns.tolist()[:3]
    ['Figure', 'Area', 'Part period']
    """
    from .catalogue import describe
    from .plotting import period_label
    from .tables import marks_key, qualifier_marks, table

    lang = check_language(language)
    lines, qualifiers = [], set()
    for r in recs:
        unit = r.unit
        rest = r.remainder_period
        derived = derived_qualifier(r)
        qualifiers |= {r.partial_qualifier, r.full_qualifier, derived}
        part, full, rest_mark = (qualifier_marks(q, lang)[1] for q in (r.partial_qualifier, r.full_qualifier, derived))
        lines.append(
            {
                "figure": getattr(describe(r.indicator), f"label_{lang}") if r.indicator else "",
                "area": area_name(r.area, lang) if r.area else "",
                "part": f"{period_label(*r.partial_period, lang)}: {interval_text(r.partial, unit, language=lang)}"
                + part,
                "full": f"{period_label(*r.full_period, lang)}: {interval_text(r.full, unit, language=lang)}" + full,
                "rest": (period_label(*rest, lang) + ": " if rest else "")
                + interval_text(r.remainder, unit, language=lang)
                + rest_mark,
                "share": percent_text(r.remainder_share, language=lang) + rest_mark,
                "normal": percent_text(r.normal_share, language=lang),
            }
        )
    headers = {
        "figure": tr("Figure", "Chỉ tiêu", lang),
        "area": tr("Area", "Địa bàn", lang),
        "part": tr("Part period", "Một phần kỳ", lang),
        "full": tr("Full period", "Cả kỳ", lang),
        "rest": tr("Implied remainder", "Phần còn lại suy ra", lang),
        "share": tr("Remainder, % of the full period", "Phần còn lại, % cả kỳ", lang),
        "normal": tr("Same, with no seasonality", "Như trên, nếu không có mùa vụ", lang),
    }
    return table(pd.DataFrame(lines), headers, language=lang, note=marks_key(sorted(qualifiers), lang))


def growth_frame(
    picker: FigurePicker, indicators: Iterable[str], year_before: Period, part: Period, year: Period
) -> pd.DataFrame:
    """Growth on the previous year, computed two ways, one line per indicator.

    Columns: ``indicator``, ``label_en``, ``label_vi``, ``run_rate`` (the
    part-year estimate against the previous year, both scaled to twelve
    months: :func:`agstats.growth_annualised`) and ``full`` (the full-year
    figures against each other, bounds carried: :func:`agstats.growth`), both
    :class:`~agstats.series.Interval` of fractions.

    Examples
    --------
    >>> picker = FigurePicker.load(["an_giang_pre2025"], Citations())
    >>> g = growth_frame(picker, ["telecom_revenue"], ("2018-01-01", "2018-12-31"),
    ...                  ("2019-01-01", "2019-09-30"), ("2019-01-01", "2019-12-31"))
    >>> g["run_rate"].iloc[0].lo > 0
    True
    """
    lines = []
    for ind in indicators:
        before, jan_sep, full = (picker.pick(ind, p) for p in (year_before, part, year))
        run = growth_annualised(
            before.value,
            _months(before),
            jan_sep.value,
            _months(jan_sep),
        )
        lines.append(
            {
                "indicator": ind,
                "label_en": before.label_en,
                "label_vi": before.label_vi,
                "run_rate": Interval.coerce(run.growth),
                "full": growth(row_interval(before), row_interval(full)),
            }
        )
    return pd.DataFrame(lines)


def _report_name(source: str, lang: str) -> str:
    if source == "mic2019":
        return tr("2019 report", "báo cáo 2019", lang)
    return tr("year-end review", "tổng kết năm", lang)


def nine_month_chart(
    picker: FigurePicker,
    indicators: Sequence[str],
    periods: Sequence[Period],
    remainder_share: tuple[float, float],
    *,
    language: str | None = None,
) -> tuple[Figure, dict[str, Interval]]:
    """Bars of a year, a part-year estimate and the next full year, with the full year the estimate allows.

    One panel per indicator, bars for the three *periods* (each bar names its
    report), and a dashed box over the full-year bar: the range of full-year
    totals the part-year figure allows when the remaining months bring
    *remainder_share* of a normal year (:func:`agstats.annualise_band`).

    Parameters
    ----------
    picker : FigurePicker
    indicators : sequence of str
    periods : (previous year, part year, full year)
    remainder_share : (float, float)
        The assumed share of the remaining months in a normal year.

    Returns
    -------
    Figure, dict
        The figure, and the range allowed per indicator.

    Examples
    --------
    >>> picker = FigurePicker.load(["an_giang_pre2025"], Citations())
    >>> fig, bands = nine_month_chart(picker, ["postal_revenue"], [("2018-01-01", "2018-12-31"),
    ...     ("2019-01-01", "2019-09-30"), ("2019-01-01", "2019-12-31")], (0.22, 0.30), language="en")
    >>> round(bands["postal_revenue"].lo), round(bands["postal_revenue"].hi)
    (192, 214)
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    from . import plotting as agp

    lang = check_language(language)
    fig, axes = plt.subplots(1, len(indicators), figsize=(10, 4.6), layout="constrained", squeeze=False)
    bands, qualifiers, sources = {}, set(), []
    for ax, ind in zip(axes[0], indicators, strict=True):
        rows = picker.frame([(ind, p) for p in periods])
        part = rows.iloc[1]
        band = annualise_band(row_interval(part), _months(part), remainder_share=remainder_share)
        bands[ind] = band
        qualifiers |= set(rows["qualifier"])
        sources += list(rows["source"])
        rows["when"] = [f"{_period(r, lang)}\n{_report_name(str(r.source), lang)}" for r in rows.itertuples()]
        agp.bar(rows, x="when", ax=ax, title=str(agp.label(part, lang)), legend=False, language=lang)
        ax.add_patch(
            Rectangle(
                (1.56, band.lo), 0.88, band.hi - band.lo, facecolor=(1, 1, 1, 0.55),
                edgecolor=_INK, linestyle="--", linewidth=1.2, zorder=5,
            )
        )  # fmt: skip
        ax.set_ylim(0, max(band.hi, rows["value"].max()) * 1.3)
    low, high = (round(s * 100) for s in remainder_share)
    box = tr(
        f"full year expected\nfrom Jan–Sep\n(Q4 = {low}–{high} %)",
        f"cả năm dự kiến\ntừ tháng 1–9\n(quý IV = {low}–{high} %)",
        lang,
    )
    agp.qualifier_legend(
        axes[0][-1], sorted(qualifiers), lang, kind="bar",
        extra=[(Patch(facecolor="white", edgecolor=_INK, linestyle="--"), box)],
    )  # fmt: skip
    fig.suptitle(
        tr(
            f"{area_name(picker.area, lang)}: nine-month estimates and the full-year figures reported in January 2020",
            f"{area_name(picker.area, lang)}: số ước 9 tháng và số cả năm báo cáo tháng 1/2020",
            lang,
        ),
        x=0.01, ha="left", fontweight="bold",
    )  # fmt: skip
    agp.add_source(fig, source_line(sources), lang, wrap=120)
    return fig, bands


def remainder_share_chart(
    checks: Sequence[Reconciliation], remainder_share: tuple[float, float], *, language: str | None = None
) -> Axes:
    """The share of a year's total implied for the months after a part-year figure, per reconciliation.

    Each point is a reconciliation's remainder share, marked as
    :func:`derived_qualifier` says (an estimate when either row is one, a
    lower bound when the full-year figure is one); a black tick marks the share with no
    seasonality, and a grey band the assumed *remainder_share*, drawn only
    for the rows whose remainder is a fourth quarter.

    Examples
    --------
    >>> import agstats
    >>> picker = FigurePicker.load(["an_giang_pre2025"], Citations())
    >>> rec = agstats.reconcile(picker.pick("telecom_revenue", ("2019-01-01", "2019-09-30")),
    ...                         picker.pick("telecom_revenue", ("2019-01-01", "2019-12-31")))
    >>> [float(x) for x in remainder_share_chart([rec], (0.22, 0.30), language="en").get_xlim()]
    [0.0, 100.0]
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from . import plotting as agp
    from .catalogue import describe

    lang = check_language(language)
    labels = []
    for r in checks:
        name = getattr(describe(r.indicator), f"label_{lang}") if r.indicator else ""
        rest = r.remainder_period
        when = agp.period_label(*rest, lang) if rest else ""
        labels.append(f"{area_name(r.area, lang) if r.area else ''}: {name}, {when}")
    shares = pd.DataFrame(
        {
            "indicator": [r.indicator for r in checks],
            "label_en": labels,
            "label_vi": labels,
            "value": [round(r.remainder_share.lo * 100, 1) for r in checks],
            "unit": "percent",
            "qualifier": [derived_qualifier(r) for r in checks],
            "normal": [r.normal_share * 100 for r in checks],
        }
    )
    title = tr(
        "Share of the 2019 total implied for the months after the part-year figure",
        "Tỷ trọng trong tổng năm 2019 suy ra cho các tháng sau số liệu một phần năm",
        lang,
    )
    ax = agp.point(shares, x="label", legend=False, wrap=30, title=title, language=lang)
    cast("Figure", ax.figure).set_size_inches(10, 4.0)
    quarters = [i for i, r in enumerate(checks) if r.remainder_months == 3]
    if quarters:
        ax.fill_betweenx(
            [min(quarters) - 0.35, max(quarters) + 0.35], remainder_share[0] * 100, remainder_share[1] * 100,
            color="0.6", alpha=0.3, lw=0, zorder=0,
        )  # fmt: skip
    ax.scatter(shares["normal"], range(len(shares)), marker="|", s=500, linewidths=2.5, color=_INK, zorder=5)
    ax.set_xlim(0, 100)
    ax.set_xlabel(tr("Share of the full-year total (%)", "Tỷ trọng trong tổng cả năm (%)", lang))
    low, high = (round(s * 100) for s in remainder_share)
    tick = Line2D([], [], marker="|", markersize=13, markeredgewidth=2.5, color=_INK, linestyle="none")
    agp.qualifier_legend(
        ax, sorted(set(shares["qualifier"])), lang, kind="point", orient="h",
        extra=[
            (tick, tr("no seasonality", "không có mùa vụ", lang)),
            (Patch(facecolor="0.6", alpha=0.3), tr(f"Q4 = {low}–{high} %\n(assumption)",
                                                   f"quý IV = {low}–{high} %\n(giả định)", lang)),
        ],
    )  # fmt: skip
    agp.add_source(ax, source_line([s for r in checks for s in r.sources]), lang)
    return ax


# --------------------------------------------------------------------------
# Section 4: coverage statements on a timeline
# --------------------------------------------------------------------------


def known_window(row: Any, session: tuple[Any, Any]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates a stock is known to: the session window, a reviewed year, or the stated day(s).

    A stock of the 2019 report (source ``mic2019``) is known to the window of
    the working session; a stock dated 31 December is known to the year a
    year-end review covers; any other row to its own period.

    Examples
    --------
    >>> row = pd.Series({"source": "x", "period_start": pd.Timestamp("2023-12-31"),
    ...                  "period_end": pd.Timestamp("2023-12-31")})
    >>> [str(d.date()) for d in known_window(row, ("2019-09-25", "2019-12-31"))]
    ['2023-01-01', '2023-12-31']
    """
    if row.source == "mic2019":
        return pd.Timestamp(session[0]), pd.Timestamp(session[1])
    end = pd.Timestamp(row.period_end)
    if pd.Timestamp(row.period_start) == end and (end.month, end.day) == (12, 31):
        return pd.Timestamp(year=end.year, month=1, day=1), end
    return pd.Timestamp(row.period_start), end


def coverage_timeline(
    rows: pd.DataFrame,
    groups: Mapping[str, Sequence[str]],
    events: pd.DataFrame,
    session: tuple[Any, Any],
    citations: Citations,
    *,
    events_group: str,
) -> pd.DataFrame:
    """The rows of a coverage timeline: statements per group of indicators, and dated events.

    Parameters
    ----------
    rows : DataFrame
        Data rows of one area.
    groups : mapping of str to sequence of str
        Group name (the colour, written in the reader's language) -> indicators.
    events : DataFrame
        Dated events (:func:`agstats.load_events`) to add, in the group *events_group*.
    session : (date, date)
        The window of the 2019 report's session (see :func:`known_window`).
    citations : Citations
        Each statement's and event's source is cited.

    Returns
    -------
    DataFrame
        Columns ``event``, ``date_start``, ``date_end``, ``group``, ``title_en``,
        ``title_vi``, ``source`` (for :func:`agstats.plotting.timeline`).

    Examples
    --------
    >>> import agstats
    >>> cited = Citations()
    >>> t = coverage_timeline(agstats.load_indicators(area="an_giang_pre2025"),
    ...                       {"mobile": ["mobile_3g4g_coverage"]}, agstats.load_events().iloc[:0],
    ...                       ("2019-09-25", "2019-12-31"), cited, events_group="events")
    >>> t["title_en"].iloc[0], cited.ids
    ('3G/4G mobile coverage of the province: 100%', ['mic2019'])
    """
    from .plotting import format_value

    lines = []
    for group, indicators in groups.items():
        for r in rows[rows["indicator"].isin(indicators)].itertuples():
            citations.add(str(r.source))
            start, end = known_window(r, session)
            values = {
                lang: format_value(cast(float, r.value), str(r.qualifier), str(r.unit), lang) for lang in ("en", "vi")
            }
            lines.append(
                {
                    "event": r.indicator, "date_start": start, "date_end": end, "group": group,
                    "title_en": f"{r.label_en}: {values['en']}", "title_vi": f"{r.label_vi}: {values['vi']}",
                    "source": r.source,
                }
            )  # fmt: skip
    citations.extend(str(s) for s in events["source"])
    lines += [
        {
            "event": e.event, "date_start": e.date_start, "date_end": e.date_end, "group": events_group,
            "title_en": e.title_en, "title_vi": e.title_vi, "source": e.source,
        }
        for e in events.itertuples()
    ]  # fmt: skip
    return pd.DataFrame(lines, columns=["event", "date_start", "date_end", "group", "title_en", "title_vi", "source"])


# --------------------------------------------------------------------------
# Section 5: one panel per date
# --------------------------------------------------------------------------


def panel_chart(
    panels: Sequence[pd.DataFrame],
    titles: Sequence[str],
    title: str,
    *,
    width_ratios: Sequence[float] | None = None,
    language: str | None = None,
) -> Figure:
    """Bars of several groups of rows, one panel each, sharing the value axis but never joined.

    Examples
    --------
    >>> import agstats
    >>> rows = agstats.load_indicators(area="an_giang_pre2025").query("indicator == 'postal_service_points'")
    >>> fig = panel_chart([rows.iloc[:1], rows.iloc[1:]], ["a", "b"], "Two scopes", language="en")
    >>> len(fig.axes)
    2
    """
    import matplotlib.pyplot as plt

    from . import plotting as agp

    lang = check_language(language)
    fig, axes = plt.subplots(
        1, len(panels), figsize=(12, 5.4), sharey=True, layout="constrained", squeeze=False,
        width_ratios=list(width_ratios) if width_ratios else None,
    )  # fmt: skip
    for ax, panel, head in zip(axes[0], panels, titles, strict=True):
        agp.bar(panel, x="label", ax=ax, legend=False, wrap=16, title=head, language=lang)
        ax.tick_params(axis="x", labelsize=8)
        ax.title.set_fontsize("medium")
    agp.qualifier_legend(
        axes[0][-1], sorted({q for p in panels for q in p["qualifier"]}), lang, kind="bar",
        loc="upper left", bbox_to_anchor=(1.04, 1.0),
    )  # fmt: skip
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    agp.add_source(fig, source_line([s for p in panels for s in p["source"]]), lang, wrap=120)
    return fig


# --------------------------------------------------------------------------
# Section 6: the sector's size against GRDP and per inhabitant
# --------------------------------------------------------------------------


def sector_size(
    flows: Sequence[tuple[pd.Series, pd.Series]], population: pd.Series, citations: Citations
) -> pd.DataFrame:
    """Revenue against GRDP of the same year and per inhabitant, in đồng and dollars, bounds carried.

    Parameters
    ----------
    flows : sequence of (revenue row, GRDP row)
        Each revenue with the GRDP of its year.
    population : Series
        The population row every per-inhabitant figure divides by.
    citations : Citations
        The exchange-rate sources used are cited.

    Returns
    -------
    DataFrame
        One line per flow: ``indicator``, ``year``, ``qualifier``, ``sources``
        (of the revenue and the GRDP), ``population_source`` and Intervals ``vnd_bn``, ``usd_mn``, ``to_grdp`` (percent),
        ``per_person_vnd_mn``, ``per_person_usd``, and ``vnd_per_usd``.

    Examples
    --------
    >>> cited = Citations()
    >>> picker = FigurePicker.load(["an_giang_pre2025"], cited)
    >>> y19 = ("2019-01-01", "2019-12-31")
    >>> s = sector_size([(picker.pick("telecom_revenue", y19), picker.pick("grdp", y19))],
    ...                 picker.stock("population", "2019-04-01"), cited)
    >>> s["to_grdp"].iloc[0].is_point, int(s["year"].iloc[0])
    (True, 2019)
    """
    rates = load_exchange_rates()
    years = {int(rev.period_end.year) for rev, _ in flows}
    citations.extend(str(s) for s in rates.loc[rates["year"].isin(years), "source"].unique())
    lines = []
    for rev, grdp in flows:
        year = int(rev.period_end.year)
        value = cast(Any, row_interval(rev))  # the unit helpers work on Intervals as on numbers
        per_person_vnd = per_capita(convert(value, rev.unit, "vnd"), population.value)
        lines.append(
            {
                "indicator": rev.indicator,
                "year": year,
                "qualifier": rev.qualifier,
                "sources": (rev.source, grdp.source),
                "population_source": population.source,
                "vnd_bn": convert(value, rev.unit, "vnd_bn"),
                "usd_mn": vnd_to_usd(value, rev.unit, year, to_unit="usd_mn"),
                "to_grdp": convert(value, rev.unit, grdp.unit) / row_interval(grdp) * 100,
                "per_person_vnd_mn": convert(per_person_vnd, "vnd", "vnd_mn"),
                "per_person_usd": vnd_to_usd(per_person_vnd, "vnd", year),
                "vnd_per_usd": exchange_rate(year),
            }
        )
    return pd.DataFrame(lines)


#: The columns of :func:`sector_size_table`: column -> (English header, Vietnamese header, decimals).
_SIZE_COLUMNS: dict[str, tuple[str, str, int | None]] = {
    "vnd_bn": ("billion VND", "tỷ đồng", None),
    "usd_mn": ("million USD", "triệu USD", 1),
    "to_grdp": ("% of GRDP", "% GRDP", 2),
    "per_person_vnd_mn": ("million VND / person", "triệu đồng/người", 2),
    "per_person_usd": ("USD / person", "USD/người", 1),
}


def sector_size_table(size: pd.DataFrame, names: Sequence[str], *, language: str | None = None) -> Table:
    """A table for people of :func:`sector_size`: bounds as "≥", estimates marked, the rate used.

    Examples
    --------
    >>> cited = Citations()
    >>> picker = FigurePicker.load(["an_giang_pre2025"], cited)
    >>> y20 = ("2020-01-01", "2020-12-31")
    >>> s = sector_size([(picker.pick("ict_sector_total_revenue", y20), picker.pick("grdp", y20))],
    ...                 picker.stock("population", "2019-04-01"), cited)
    >>> t = sector_size_table(s, ["Whole sector, 2020"], language="en")
    >>> t.frame.iloc[0, 1], t.note
    ('≥ 6,000 (est.)', '≥ at least; est. an estimate.')
    """
    from .tables import marks_key, qualifier_marks, table

    lang = check_language(language)
    frame = pd.DataFrame({"name": list(names), "vnd_per_usd": size["vnd_per_usd"].tolist()})
    for col, (_, _, decimals) in _SIZE_COLUMNS.items():
        after = [qualifier_marks(q, lang)[1] for q in size["qualifier"]]
        frame[col] = [interval_text(iv, decimals=decimals, language=lang) + a for iv, a in zip(size[col], after)]
    headers = {"name": tr("Revenue", "Doanh thu", lang)}
    headers |= {col: en if lang == "en" else vi for col, (en, vi, _) in _SIZE_COLUMNS.items()}
    headers["vnd_per_usd"] = tr("VND per USD", "đồng/USD", lang)
    note = marks_key(sorted(set(size["qualifier"])), lang)
    return table(frame, headers, language=lang, decimals={"vnd_per_usd": 0}, verbatim=["name"], note=note)


def _floor_shown(iv: Interval, digits: int) -> float:
    """The value a chart shows for an interval: its lower end, rounded down for a lower bound."""
    scale = 10**digits
    return math.floor(iv.lo * scale) / scale if math.isinf(iv.hi) else round(iv.lo, digits)


def sector_size_chart(size: pd.DataFrame, names: Sequence[str], *, language: str | None = None) -> Figure:
    """Revenue ÷ GRDP (with the interval a bound allows) and revenue per inhabitant in USD, side by side.

    Parameters
    ----------
    size : DataFrame
        From :func:`sector_size`.
    names : sequence of str
        The label of each line, in the reader's language.

    Examples
    --------
    >>> cited = Citations()
    >>> picker = FigurePicker.load(["an_giang_pre2025"], cited)
    >>> y19 = ("2019-01-01", "2019-12-31")
    >>> s = sector_size([(picker.pick("telecom_revenue", y19), picker.pick("grdp", y19))],
    ...                 picker.stock("population", "2019-04-01"), cited)
    >>> len(sector_size_chart(s, ["Telecom"], language="en").axes)
    2
    """
    import matplotlib.pyplot as plt

    from . import plotting as agp

    lang = check_language(language)
    base = pd.DataFrame(
        {"label_en": list(names), "label_vi": list(names), "qualifier": size["qualifier"], "indicator": "revenue_size"}
    )
    grdp_rows = base.assign(
        value=[_floor_shown(iv, 2) for iv in size["to_grdp"]],
        unit="percent",
        lower=[iv.lo for iv in size["to_grdp"]],
        upper=[iv.hi for iv in size["to_grdp"]],
    )
    usd_rows = base.assign(value=[_floor_shown(iv, 0) for iv in size["per_person_usd"]], unit="usd")
    fig, (ax_g, ax_u) = plt.subplots(1, 2, figsize=(10, 4.2), sharey=True, layout="constrained")
    agp.interval_plot(
        grdp_rows, x="label", lower="lower", upper="upper", ax=ax_g, legend=False, wrap=22,
        title=tr("Revenue ÷ GRDP", "Doanh thu ÷ GRDP", lang), language=lang,
    )  # fmt: skip
    ax_g.set_xlabel(tr("% of GRDP of the same year", "% GRDP cùng năm", lang))
    agp.bar(
        usd_rows, x="label", ax=ax_u, orient="h", legend=True, wrap=22, unit_label="USD",
        title=tr("Revenue per inhabitant", "Doanh thu bình quân đầu người", lang), language=lang,
    )  # fmt: skip
    ax_u.set_xlabel(tr("USD per inhabitant", "USD/người", lang))
    fig.suptitle(
        tr(
            "The sector's size in {}: lower bounds stay lower bounds",
            "Quy mô của ngành ở {}: cận dưới vẫn là cận dưới",
            lang,
        ).format(area_name("an_giang_pre2025", lang)),
        x=0.01, ha="left", fontweight="bold",
    )  # fmt: skip
    rates = load_exchange_rates()
    fx = list(rates.loc[rates["year"].isin(set(size["year"])), "source"].unique())
    ids = [s for pair in size["sources"] for s in pair] + list(size["population_source"]) + fx
    agp.add_source(fig, source_line(ids), lang, wrap=120)
    return fig
