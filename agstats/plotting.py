"""Qualifier-aware, bilingual (English/Vietnamese) charts for indicator tables.

This module draws the indicator rows returned by ``agstats.load_indicators()``
(columns ``indicator``, ``label_en``, ``label_vi``, ``value``, ``unit``,
``period_start``, ``period_end``, ``qualifier``, ...).  It is imported lazily:
``import agstats`` does not import matplotlib or seaborn, only
``import agstats.plotting`` (or first use of ``agstats.plotting``) does.

Encoding of the ``qualifier`` column
------------------------------------
The mapping from qualifier to visual style lives in one table,
:data:`QUALIFIER_STYLES`, and every chart (:func:`bar`, :func:`point`,
:func:`interval_plot`) and the legend (:func:`qualifier_legend`) read it:

=====================  ===========================  =======  ===============
qualifier              fill                         prefix   mark
=====================  ===========================  =======  ===============
exact                  solid                        --       --
estimate               light (alpha 0.35) + ``//``  --       --
approximate            light (alpha 0.35) + ``..``  ``≈``    diamond marker
lower_bound            solid                        ``≥``    arrow up/right
upper_bound            solid                        ``≤``    arrow down/left
target                 none, dashed outline         --       --
estimate_lower_bound   light (alpha 0.35) + ``//``  ``≥``    arrow up/right
=====================  ===========================  =======  ===============

Colours come from a colour-blind-safe palette (seaborn ``"colorblind"``, the
Okabe-Ito-like palette), text is dark grey (``#222222``) on white, and every
helper sets a title and a value-axis label that carries the unit.

Language
--------
Every helper takes ``language="en"`` or ``"vi"``; ``None`` means the module
default, changed with :func:`set_language` or :func:`set_theme`.  Vietnamese
output uses Vietnamese labels (``label_vi``), units ("tỷ đồng"), legend
wording and number formatting (``4.600,5``); English uses ``4,600.5``.

Units
-----
Unit codes are turned into text by :func:`unit_text`, which uses a small
internal table (the codes of ``data/units.csv``; money in English is written
"billion VND" etc.).  Unknown codes are looked up in
``agstats.io.load_units()`` when that exists, otherwise the code itself is
shown.  Every chart also accepts ``unit_label=`` to rename the unit on the
value axis of rows in one unit ("US$ per inhabitant"); rows in more than one
unit are refused with an error that points to ``agstats.units.normalise``
(a relabelled axis would draw 13.56 trillion as 13.56 billion).
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import io
import math
import re
import sys
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from xml.sax.saxutils import escape as _xml_escape

import numpy as np
import pandas as pd

try:
    import matplotlib as mpl
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib import patheffects
    from matplotlib.axes import Axes
    from matplotlib.colors import to_rgb
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.legend import Legend
    from matplotlib.legend_handler import HandlerBase
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, Patch, Rectangle
    from matplotlib.text import Text
    from matplotlib.ticker import FuncFormatter
except ImportError as exc:  # the library installs without the plotting extra
    raise ImportError(
        f"agstats.plotting needs matplotlib and seaborn ({exc.name or exc} is not installed); "
        'install the plotting extra: pip install "agstats[plot]"'
    ) from exc

from .language import LANGUAGES as _LANGUAGES
from .language import check_language, get_language, set_language
from .wording import EVENT_KINDS as _WORDING_EVENT_KINDS

__all__ = [
    "LANGUAGES",
    "QUALIFIERS",
    "QUALIFIER_STYLES",
    "QualifierStyle",
    "PALETTE",
    "contrast_ratio",
    "check_one_series",
    "set_theme",
    "figure_svg",
    "alt_text",
    "chart_data",
    "chart_csv",
    "SVG_METADATA",
    "set_language",
    "get_language",
    "label",
    "period_label",
    "unit_text",
    "format_number",
    "format_value",
    "interval_bounds",
    "qualifier_legend",
    "titled",
    "add_source",
    "bar",
    "point",
    "interval_plot",
    "SECTOR_NAMES",
    "sector_name",
    "small_multiples",
    "timeline",
]

Language = Literal["en", "vi"]
Orient = Literal["v", "h"]

#: Supported label languages (the setting lives in :mod:`agstats.language`).
LANGUAGES: tuple[str, ...] = _LANGUAGES

#: Allowed values of the ``qualifier`` column, in legend order.
QUALIFIERS: tuple[str, ...] = (
    "exact",
    "estimate",
    "approximate",
    "lower_bound",
    "estimate_lower_bound",
    "upper_bound",
    "target",
)

#: The theme's colours: seaborn's colour-blind-safe ``"colorblind"`` palette, each
#: colour darkened just enough to reach a contrast of 3:1 against white (WCAG 2.1,
#: 1.4.11 "non-text contrast" for graphical objects); the hues are unchanged.
PALETTE: tuple[str, ...] = (
    "#0173b2",
    "#c67f04",
    "#029e73",
    "#d55e00",
    "#c473b4",
    "#b88458",
    "#b57ea4",
    "#909090",
    "#999221",
    "#4897c4",
)

_TEXT_COLOR = "#222222"
_SOURCE_COLOR = "#444444"
_KEY_COLOR = "#555555"  # neutral grey used for qualifier-legend keys
_ARROW_PTS = 16.0  # length of bound arrows, in points
_LABEL_PAD_PTS = 3.0  # gap between a mark and its value label, in points


@dataclass(frozen=True)
class QualifierStyle:
    """How one qualifier is drawn (shared by all charts and the legend).

    Attributes
    ----------
    fill_alpha : float
        Opacity of the fill (1 = solid, 0 = no fill).
    hatch : str or None
        Matplotlib hatch pattern for bars, or ``None``.
    linestyle : str
        Outline style of bars and stem style of point plots.
    marker : str
        Marker used by :func:`point` and :func:`interval_plot`.
    prefix : str
        Text put before the formatted value (``"≥ "``, ``"≤ "``, ``"≈ "``).
    direction : int
        ``+1`` draws an arrow towards larger values (lower bound), ``-1``
        towards smaller values (upper bound), ``0`` no arrow.
    """

    fill_alpha: float
    hatch: str | None
    linestyle: str
    marker: str
    prefix: str
    direction: int


#: The single qualifier -> style table used by every chart.
QUALIFIER_STYLES: dict[str, QualifierStyle] = {
    "exact": QualifierStyle(1.0, None, "-", "o", "", 0),
    "estimate": QualifierStyle(0.35, "//", "-", "o", "", 0),
    "approximate": QualifierStyle(0.35, "..", "-", "D", "≈ ", 0),
    "lower_bound": QualifierStyle(1.0, None, "-", "o", "≥ ", +1),
    "estimate_lower_bound": QualifierStyle(0.35, "//", "-", "o", "≥ ", +1),
    "upper_bound": QualifierStyle(1.0, None, "-", "o", "≤ ", -1),
    "target": QualifierStyle(0.0, None, "--", "o", "", 0),
}

_LEGEND_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "exact": "reported",
        "estimate": "estimate",
        "approximate": "approximate",
        "lower_bound": "lower bound (≥)",
        "estimate_lower_bound": "estimate, lower bound (≥)",
        "upper_bound": "upper bound (≤)",
        "target": "target",
    },
    "vi": {
        "exact": "số báo cáo",
        "estimate": "ước tính",
        "approximate": "xấp xỉ",
        "lower_bound": "cận dưới (≥)",
        "estimate_lower_bound": "ước tính, cận dưới (≥)",
        "upper_bound": "cận trên (≤)",
        "target": "mục tiêu",
    },
}

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "source": "Source",
        "value": "Value",
        "count": "Count",
        "legend_title": "Value type",
        "default_title": "Selected indicators",
        "range": "range allowed",
        "open": "no upper limit (→ ∞)",
        "bar": "Bar chart",
        "point": "Dot chart",
        "interval": "Interval chart",
        "timeline": "Timeline",
        "allows": "allows",
        "to": "to",
    },
    "vi": {
        "source": "Nguồn",
        "value": "Giá trị",
        "count": "Số lượng",
        "legend_title": "Loại số liệu",
        "default_title": "Một số chỉ tiêu",
        "range": "khoảng giá trị có thể",
        "open": "không giới hạn trên (→ ∞)",
        "bar": "Biểu đồ cột",
        "point": "Biểu đồ điểm",
        "interval": "Biểu đồ khoảng giá trị",
        "timeline": "Dòng thời gian",
        "allows": "trong khoảng từ",
        "to": "đến",
    },
}

# Unit code -> (English, Vietnamese) text.  Mirrors data/units.csv; an empty
# string means "no unit to show" (plain counts).
_UNIT_TEXT: dict[str, tuple[str, str]] = {
    "vnd": ("VND", "đồng"),
    "vnd_mn": ("million VND", "triệu đồng"),
    "vnd_bn": ("billion VND", "tỷ đồng"),
    "vnd_tn": ("trillion VND", "nghìn tỷ đồng"),
    "usd": ("US$", "đô la Mỹ"),
    "usd_mn": ("million US$", "triệu đô la Mỹ"),
    "usd_bn": ("billion US$", "tỷ đô la Mỹ"),
    "percent": ("%", "%"),
    "count": ("", ""),
    "count_th": ("thousand", "nghìn"),
    "count_mn": ("million", "triệu"),
    "persons": ("persons", "người"),
    "hours_per_day": ("hours per day", "giờ/ngày"),
    "km": ("km", "km"),
    "km2": ("km²", "km²"),
    "vnd_per_usd": ("VND per US$", "đồng/đô la Mỹ"),
}

_VI_SEPARATORS = str.maketrans(",.", ".,")  # 4,600.5 -> 4.600,5

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --------------------------------------------------------------------------
# Language, theme and text helpers
# --------------------------------------------------------------------------


def _lang(language: str | None) -> str:
    """Validate *language* (``None`` -> the current language of :mod:`agstats.language`)."""
    return check_language(language)


def _style(qualifier: Any) -> QualifierStyle:
    """Return the style of *qualifier*, raising ``ValueError`` if unknown."""
    try:
        return QUALIFIER_STYLES[qualifier]
    except (KeyError, TypeError):
        raise ValueError(f"unknown qualifier {qualifier!r}; expected one of {', '.join(QUALIFIERS)}") from None


def set_theme(
    language: str = "en", *, context: str = "notebook", font_scale: float = 1.0, rc: Mapping[str, Any] | None = None
) -> None:
    """Apply the agstats look and set the default label language.

    A seaborn ``whitegrid`` theme with the colour-blind-safe ``"colorblind"``
    palette, DejaVu Sans (which has every Vietnamese diacritic and the
    ``≥ ≤ ≈ →`` symbols), dark text, bold left-aligned titles, constrained
    layout, 100 dpi on screen / 150 dpi when saving, TrueType fonts in PDF and
    a fixed ``svg.hashsalt`` so SVG output is reproducible.

    Under IPython (a notebook kernel) the inline display is set to show every
    figure as ``image/svg+xml`` only, written by :func:`figure_svg`: vector
    output that stays sharp on a phone and that strict nbval compares as text,
    so a changed value, period, qualifier or label fails the notebook tests.
    Text stays text in the SVG (``svg.fonttype = "none"``; see
    ``docs/notebooks.md``, "Figures").

    Parameters
    ----------
    language : {"en", "vi"}, default "en"
        Default label language for the helpers (see :func:`set_language`).
    context : str, default "notebook"
        Seaborn plotting context (``"paper"``, ``"notebook"``, ``"talk"``...).
    font_scale : float, default 1.0
        Seaborn font scale.
    rc : mapping, optional
        Extra rcParams applied last.

    Examples
    --------
    >>> import agstats.plotting as agp
    >>> agp.set_theme("vi")  # doctest: +SKIP
    """
    lang = _lang(language)
    params: dict[str, Any] = {
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "figure.constrained_layout.use": True,
        "font.family": "sans-serif",
        # DejaVu Sans draws every Vietnamese diacritic; in SVG text a reader without it gets
        # Verdana (metrics close to DejaVu's), else the system sans-serif.
        "font.sans-serif": ["DejaVu Sans", "Verdana", "Arial", "Liberation Sans", "sans-serif"],
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.titlesize": "large",
        "text.color": _TEXT_COLOR,
        "axes.labelcolor": _TEXT_COLOR,
        "xtick.color": _TEXT_COLOR,
        "ytick.color": _TEXT_COLOR,
        "axes.unicode_minus": True,
        "image.cmap": "cividis",
        "hatch.linewidth": 1.0,
        "legend.frameon": False,
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.hashsalt": "agstats",
        "svg.fonttype": "none",  # text stays text: see docs/notebooks.md, "Figures"
    }
    if rc:
        params.update(rc)
    sns.set_theme(
        context=context, style="whitegrid", palette=list(PALETTE), font="sans-serif", font_scale=font_scale, rc=params
    )
    set_language(lang)
    _configure_ipython_display()


#: SVG metadata of every figure :func:`figure_svg` writes: no creation date and no
#: matplotlib version, so the same figure always gives the same bytes.
SVG_METADATA: dict[str, Any] = {"Date": None, "Creator": None}


def _figure_title(fig: Figure | SubFigure) -> str:
    """The figure's titles (suptitle, then each axes' titles), one line, "; "-separated."""
    found: list[str] = []
    sup = getattr(fig, "_suptitle", None)
    if sup is not None:
        found.append(sup.get_text())
    for sub in getattr(fig, "subfigs", []):
        sub_sup = getattr(sub, "_suptitle", None)
        if sub_sup is not None:
            found.append(sub_sup.get_text())
    for ax in fig.get_axes():
        found += [ax.get_title(loc=loc) for loc in ("left", "center", "right")]
    return "; ".join(" ".join(t.split()) for t in found if t and t.strip())


def figure_svg(fig: Figure, *, bbox_inches: Literal["tight"] | None = "tight") -> str:
    """The figure as SVG text, the way notebooks display it.

    Deterministic (with the theme's fixed ``svg.hashsalt``): no creation date,
    no matplotlib version (:data:`SVG_METADATA`), element ids derived from the
    content, so drawing the same figure again gives the same text and strict
    nbval can compare figures as text.  The figure's titles become the SVG
    ``<title>``.

    Parameters
    ----------
    fig : Figure
    bbox_inches : str or None, default "tight"
        As in :meth:`~matplotlib.figure.Figure.savefig` (the inline backend's default).

    Returns
    -------
    str

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("Telecom revenue")
    >>> svg = figure_svg(fig)
    >>> "<title>Telecom revenue</title>" in svg, "<dc:date>" in svg, svg == figure_svg(fig)
    (True, False, True)
    >>> plt.close(fig)
    """
    title = _figure_title(fig)
    metadata = dict(SVG_METADATA, **({"Title": title} if title else {}))
    buf = io.BytesIO()
    with mpl.rc_context({"svg.hashsalt": mpl.rcParams["svg.hashsalt"] or "agstats"}):  # ids from the content
        fig.canvas.print_figure(
            buf,
            format="svg",
            bbox_inches=bbox_inches,
            facecolor=fig.get_facecolor(),
            edgecolor=fig.get_edgecolor(),
            metadata=metadata,
        )
    alt = alt_text(fig)
    # ids from what the figure says (titles and alt text, both deterministic): the drawn coordinates can
    # differ in their last bits between processes, and so can anything hashed from them
    svg = _stable_ids(buf.getvalue().decode("utf-8"), key="\n".join(filter(None, (title, alt))) or None)
    if alt and alt != title:
        desc = f"\n <desc>{_xml_escape(alt)}</desc>"
        end = svg.find("</title>")
        at = end + len("</title>") if end >= 0 else svg.index(">", svg.index("<svg")) + 1
        svg = svg[:at] + desc + svg[at:]
    return svg


# matplotlib's hashed ids (clip paths, hatches, markers) and the places that refer to them.
_HASHED_ID = re.compile(r'(id="|url\(#|href="#)([a-z]+[0-9a-f]{10})(?=[")])')


def _stable_ids(svg: str, key: str | None = None) -> str:
    """Renumber matplotlib's hashed ids in order of appearance.

    matplotlib names a clip path by a hash of its exact coordinates, which can
    differ in the last bits between two runs of the same layout (constrained
    layout of subfigures), so the same picture could get other ids.  The new ids
    are a digest of *key* (the figure's titles and alt text, when given) or else
    of the SVG without its ids (the same picture, the same ids; different figures
    shown in one page do not collide) plus a running number.
    """
    found = list(dict.fromkeys(m.group(2) for m in _HASHED_ID.finditer(svg)))
    if not found:
        return svg
    basis = key if key is not None else _HASHED_ID.sub(r"\1#", svg)
    digest = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:8]
    new = {old: f"{old[:-10]}{digest}-{i}" for i, old in enumerate(found)}  # "p", "h", "m" + digest + number
    return _HASHED_ID.sub(lambda m: m.group(1) + new[m.group(2)], svg)


def _sentence(text: str) -> str:
    """*text* on one line, ending with a full stop (unless it ends with . ! ? or :)."""
    one = " ".join(str(text).split())
    return one if not one or one[-1] in ".!?:" else one + "."


def _describe(ax: Axes, kind: str, items: Sequence[str], lang: str, data: pd.DataFrame | None = None) -> str:
    """Record on *ax* what the chart shows (read by :func:`alt_text`) and the rows it draws
    (read by :func:`chart_data`)."""
    text = f"{_TEXT[lang][kind]}. " + "; ".join(items) + "."
    ax._agstats_alt = text  # type: ignore[attr-defined]
    if data is not None:
        ax._agstats_data = data  # type: ignore[attr-defined]
    return text


#: The columns of the data behind a chart, in this order (those the plotted rows have).
CHART_DATA_COLUMNS: tuple[str, ...] = (
    "label",
    "indicator",
    "event",
    "kind",
    "area",
    "sector",
    "period_start",
    "period_end",
    "date_start",
    "date_end",
    "value",
    "lower",
    "upper",
    "unit",
    "qualifier",
    "source",
)


def _plotted_rows(
    df: pd.DataFrame, names: Sequence[str], y: str = "value", ranges: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The rows a chart draws, as :func:`chart_data` gives them: the mark's label as drawn, then the
    data columns of :data:`CHART_DATA_COLUMNS` that the rows have (dates as ``YYYY-MM-DD``)."""
    out = pd.DataFrame(
        {"label": [", ".join(" ".join(p.split()) for p in str(n).split("\n") if p.strip()) for n in names]}
    )
    for name in CHART_DATA_COLUMNS[1:]:
        source = y if name == "value" else name
        if name in ("lower", "upper") and ranges is not None:
            out[name] = ranges[name].to_numpy(dtype=float)
        elif source in df.columns and not source.startswith("_"):
            col = df[source].reset_index(drop=True)
            if pd.api.types.is_datetime64_any_dtype(col):
                col = col.dt.strftime("%Y-%m-%d")
            out[name] = col.to_numpy()
    return out


def chart_data(fig_or_ax: Figure | SubFigure | Axes) -> pd.DataFrame | None:
    """The data behind a chart: one row per mark the agstats chart helpers drew.

    Columns: ``label`` (the mark's category as drawn, in the chart's language),
    then those of :data:`CHART_DATA_COLUMNS` the plotted rows carry
    (``indicator``, ``area``, ``period_start``, ``value``, ``unit``,
    ``qualifier``, ``source``…; ``lower``/``upper`` for an interval plot). A
    figure of several panels gets a first column ``panel`` (the panel's title).
    Under IPython every figure is also displayed as ``text/csv`` with these
    rows (:func:`chart_csv`): the site offers it as "the data behind this
    chart", and strict nbval compares it.

    Parameters
    ----------
    fig_or_ax : Figure or Axes

    Returns
    -------
    DataFrame or None
        None when no chart helper drew on it.

    Examples
    --------
    >>> rows = pd.DataFrame({"indicator": ["telecom_revenue"] * 2,
    ...     "label_en": ["Telecommunications revenue"] * 2, "label_vi": ["Doanh thu viễn thông"] * 2,
    ...     "value": [3300.0, 2700.0], "unit": "vnd_bn", "area": "an_giang_pre2025",
    ...     "period_start": pd.to_datetime(["2018-01-01", "2019-01-01"]),
    ...     "period_end": pd.to_datetime(["2018-12-31", "2019-09-30"]), "qualifier": ["exact", "estimate"]})
    >>> ax = bar(rows, language="en")
    >>> chart_data(ax)[["label", "period_end", "value", "qualifier"]]
              label  period_end   value qualifier
    0          2018  2018-12-31  3300.0     exact
    1  Jan–Sep 2019  2019-09-30  2700.0  estimate
    >>> plt.close("all")
    """
    if isinstance(fig_or_ax, Axes):
        data = getattr(fig_or_ax, "_agstats_data", None)
        return None if data is None else data.copy()
    frames: list[tuple[str, pd.DataFrame]] = []
    for ax in fig_or_ax.get_axes():
        data = chart_data(ax)
        if data is not None:
            title = " ".join(t for t in (ax.get_title(loc=loc) for loc in ("left", "center", "right")) if t.strip())
            frames.append((" ".join(title.split()), data))
    if not frames:
        return None
    if len(frames) == 1:
        return frames[0][1]
    out = pd.concat([d.assign(panel=t) for t, d in frames], ignore_index=True)
    return out[["panel", *[c for c in out.columns if c != "panel"]]]


def chart_csv(fig_or_ax: Figure | SubFigure | Axes) -> str | None:
    """:func:`chart_data` as CSV text (UTF-8, ``\\n`` line ends, text cells that a spreadsheet
    would run as a formula neutralised by :func:`agstats.escape.spreadsheet_frame`), or None.

    Examples
    --------
    >>> rows = pd.DataFrame({"label_en": ["=Revenue"], "value": [3.0], "qualifier": ["exact"]})
    >>> print(chart_csv(bar(rows, language="en")))
    label,value,qualifier
    '=Revenue,3.0,exact
    <BLANKLINE>
    >>> plt.close("all")
    """
    from agstats.escape import spreadsheet_frame  # noqa: PLC0415 - light import, only when asked

    data = chart_data(fig_or_ax)
    if data is None:
        return None
    return str(spreadsheet_frame(data).to_csv(index=False, lineterminator="\n"))


def _qualifier_word(qualifier: str, lang: str) -> str:
    """The legend wording of a qualifier without its symbol ("lower bound", "cận dưới")."""
    return _LEGEND_LABELS[lang][qualifier].replace(" (≥)", "").replace(" (≤)", "")


def _row_items(
    df: pd.DataFrame, y: str, names: Sequence[str], units: str, lang: str, ranges: pd.DataFrame | None = None
) -> list[str]:
    """One "name, period: value unit (qualifier)" item per row; the period is added when not in *name*."""
    has_period = "period_start" in df.columns or "period_end" in df.columns
    periods = _periods(df, lang) if has_period else pd.Series([""] * len(df), index=df.index, dtype=object)
    items = []
    for i, name in zip(df.index, names):
        q, v = str(df.at[i, "qualifier"]), float(df.at[i, y])  # type: ignore[arg-type]
        period = str(periods[i])
        head = ", ".join(" ".join(part.split()) for part in str(name).split("\n") if part.strip())
        if period and period not in head:
            head = f"{head}, {period}" if head else period
        body = f"{format_value(v, q, language=lang, unit_label=units)} ({_qualifier_word(q, lang)}"
        if ranges is not None:
            lo, hi = float(ranges.at[i, "lower"]), float(ranges.at[i, "upper"])  # type: ignore[arg-type]
            if lo < hi:
                body += (
                    f"; {_TEXT[lang]['allows']} {format_number(lo, lang)} {_TEXT[lang]['to']} {format_number(hi, lang)}"
                )
        items.append(f"{head}: {body})" if head else f"{body})")
    return items


def alt_text(fig_or_ax: Figure | SubFigure | Axes) -> str:
    """What a chart shows, in words: its titles and the plotted values.

    Every chart helper (:func:`bar`, :func:`point`, :func:`interval_plot`,
    :func:`timeline`, :func:`small_multiples`) records one sentence per
    axes: the kind of chart and, for each mark, its category (with the
    period), the value with its unit and qualifier, in the chart's language.
    For a figure the titles come first (suptitle, group titles, each axes'
    title), then each axes' sentence.  :func:`figure_svg` writes the result
    into the SVG's ``<desc>``, where the site's build finds the alt text and
    strict nbval compares it.

    Parameters
    ----------
    fig_or_ax : Figure or Axes

    Returns
    -------
    str
        ``""`` when the figure has neither titles nor a helper's description.

    Examples
    --------
    >>> rows = pd.DataFrame({"indicator": ["telecom_revenue"] * 2,
    ...     "label_en": ["Telecommunications revenue"] * 2, "label_vi": ["Doanh thu viễn thông"] * 2,
    ...     "value": [3300.0, 2700.0], "unit": "vnd_bn",
    ...     "period_start": pd.to_datetime(["2018-01-01", "2019-01-01"]),
    ...     "period_end": pd.to_datetime(["2018-12-31", "2019-09-30"]), "qualifier": ["exact", "estimate"]})
    >>> ax = bar(rows, language="en")
    >>> print(alt_text(ax))
    Bar chart. 2018: 3,300 billion VND (reported); Jan–Sep 2019: 2,700 billion VND (estimate).
    >>> print(alt_text(bar(rows, language="vi").figure))
    Doanh thu viễn thông. Biểu đồ cột. 2018: 3.300 tỷ đồng (số báo cáo); tháng 1–9/2019: 2.700 tỷ đồng (ước tính).
    >>> plt.close("all")
    """
    if isinstance(fig_or_ax, Axes):
        return str(getattr(fig_or_ax, "_agstats_alt", ""))
    fig = fig_or_ax
    parts: list[str] = []
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text().strip():
        parts.append(_sentence(sup.get_text()))
    seen: set[int] = set()
    for ax in fig.get_axes():
        parent = ax.get_figure(root=False)
        if parent is not None and parent is not fig and id(parent) not in seen:
            seen.add(id(parent))
            sub = getattr(parent, "_suptitle", None)
            if sub is not None and sub.get_text().strip():
                parts.append(_sentence(sub.get_text()))
        title = " ".join(t for t in (ax.get_title(loc=loc) for loc in ("left", "center", "right")) if t.strip())
        if title:
            parts.append(_sentence(title))
        desc = alt_text(ax)
        if desc:
            parts.append(desc)
    return " ".join(parts)


def _svg_for_display(fig: Figure) -> str | None:
    """IPython ``image/svg+xml`` formatter of figures (nothing for an empty figure)."""
    if not fig.axes and not fig.lines:
        return None
    return figure_svg(fig)


def _configure_ipython_display() -> None:
    """Under IPython, show figures as SVG only (deterministic, sharp at any size).

    The inline backend is set up first (its set-up would otherwise re-install
    its PNG formatter on the first figure), told to use SVG, and then every
    other image formatter of figures is removed and :func:`figure_svg` becomes
    the SVG formatter.  Outside IPython nothing happens.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    try:
        backend = str(mpl.get_backend(auto_select=False))  # matplotlib >= 3.10: do not resolve "auto"
    except TypeError:  # pragma: no cover - older matplotlib
        backend = str(mpl.rcParams["backend"])
    if "inline" in backend:
        try:
            importlib.import_module("matplotlib_inline.backend_inline")  # runs its one-time set-up
            from matplotlib_inline.config import InlineBackend  # noqa: PLC0415 - only under IPython

            cfg = InlineBackend.instance(parent=shell)
            kwargs: dict[str, Any] = {"bbox_inches": "tight", "metadata": dict(SVG_METADATA)}
            cfg.print_figure_kwargs = kwargs
            cfg.figure_formats = {"svg"}
        except ImportError:  # pragma: no cover - IPython without matplotlib-inline
            pass
    formatters = shell.display_formatter.formatters
    for mime, formatter in formatters.items():
        if mime != "image/svg+xml" and mime.startswith(("image/", "application/pdf")):
            formatter.pop(Figure, None)
    formatters["image/svg+xml"].for_type(Figure, _svg_for_display)
    _csv_formatter(shell.display_formatter).for_type(Figure, _csv_for_display)


def _csv_for_display(fig: Figure) -> str | None:
    """IPython ``text/csv`` formatter of figures: the data behind the chart (:func:`chart_csv`)."""
    return chart_csv(fig)


def _csv_formatter(display_formatter: Any) -> Any:
    """The ``text/csv`` formatter of an IPython display formatter, added on first use.

    IPython has no formatter for ``text/csv``: one is added (a plain
    ``BaseFormatter``; an object's ``_repr_csv_`` is used too) and made active,
    so each figure's display carries its data beside its SVG.
    """
    formatters = display_formatter.formatters
    if "text/csv" not in formatters:
        from IPython.core.formatters import BaseFormatter  # noqa: PLC0415 - only under IPython
        from traitlets import ObjectName, Unicode  # noqa: PLC0415

        class CSVFormatter(BaseFormatter):
            format_type = Unicode("text/csv")
            print_method = ObjectName("_repr_csv_")

        formatters["text/csv"] = CSVFormatter(parent=display_formatter)
    active = display_formatter.active_types
    if active and "text/csv" not in active:
        display_formatter.active_types = [*active, "text/csv"]
    return formatters["text/csv"]


def label(row_or_frame: pd.Series | pd.DataFrame | Mapping[str, Any], language: str | None = None) -> str | pd.Series:
    """Return the indicator label in the chosen language.

    Parameters
    ----------
    row_or_frame : Series, mapping or DataFrame
        One indicator row, or a frame of rows.
    language : {"en", "vi"}, optional
        Defaults to the module language.

    Returns
    -------
    str or Series
        ``label_en``/``label_vi`` of the row (a Series of labels for a frame).
        Missing labels fall back to ``label_en``, then to ``indicator``.

    Examples
    --------
    >>> row = {"indicator": "telecom_revenue", "label_en": "Telecommunications revenue",
    ...        "label_vi": "Doanh thu viễn thông"}
    >>> label(row, "vi")
    'Doanh thu viễn thông'
    >>> label(pd.DataFrame([row]), "en").tolist()
    ['Telecommunications revenue']
    """
    lang = _lang(language)
    col = f"label_{lang}"
    if isinstance(row_or_frame, pd.DataFrame):
        frame = row_or_frame
        out = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        for name in (col, "label_en", "indicator"):
            if name in frame.columns:
                out = out.where(out.notna(), frame[name].astype(object))
        return out.where(out.notna(), "").astype(str)
    row = row_or_frame
    for name in (col, "label_en", "indicator"):
        value = row.get(name) if hasattr(row, "get") else None
        if value is not None and not (isinstance(value, float) and math.isnan(value)) and value is not pd.NA:
            return str(value)
    raise ValueError("row has no label_en, label_vi or indicator field")


def _labels(df: pd.DataFrame, lang: str) -> pd.Series:
    """:func:`label` of every row of a frame (always a Series)."""
    out = label(df, lang)
    assert isinstance(out, pd.Series)
    return out


def period_label(start: Any, end: Any, language: str | None = None) -> str:
    """Format a reporting period compactly.

    Parameters
    ----------
    start, end : date-like
        First and last day of the period (equal for a stock/as-of date).
    language : {"en", "vi"}, optional
        Defaults to the module language.

    Examples
    --------
    >>> period_label("2018-01-01", "2018-12-31")
    '2018'
    >>> period_label("2019-01-01", "2019-09-30", "en"), period_label("2019-01-01", "2019-09-30", "vi")
    ('Jan–Sep 2019', 'tháng 1–9/2019')
    >>> period_label("2019-09-30", "2019-09-30", "vi")
    '30/9/2019'
    """
    lang = _lang(language)
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    if pd.isna(s) and pd.isna(e):
        return ""
    if pd.isna(s):
        s = e
    if pd.isna(e):
        e = s

    def day(t: pd.Timestamp) -> str:
        return f"{t.day} {_MONTHS_EN[t.month - 1]} {t.year}" if lang == "en" else f"{t.day}/{t.month}/{t.year}"

    def month(t: pd.Timestamp) -> str:
        return f"{_MONTHS_EN[t.month - 1]} {t.year}" if lang == "en" else f"tháng {t.month}/{t.year}"

    if s == e:
        return day(s)
    whole_months = s.day == 1 and e.is_month_end
    if whole_months and s.month == 1 and e.month == 12:
        return str(s.year) if s.year == e.year else f"{s.year}–{e.year}"
    if whole_months:
        if (s.year, s.month) == (e.year, e.month):
            return month(s)
        if s.year == e.year:
            if lang == "en":
                return f"{_MONTHS_EN[s.month - 1]}–{_MONTHS_EN[e.month - 1]} {s.year}"
            return f"tháng {s.month}–{e.month}/{s.year}"
        return f"{month(s)}–{month(e)}"
    return f"{day(s)}–{day(e)}"


@functools.lru_cache(maxsize=1)
def _units_table() -> dict[str, tuple[str, str]]:
    """Unit labels from ``agstats.io.load_units()``, if that loader exists."""
    try:
        from agstats import io as _io  # noqa: PLC0415 - optional, lazy

        units = _io.load_units()
        return {str(r.code): (str(r.label_en), str(r.label_vi)) for r in units.itertuples()}
    except Exception:  # noqa: BLE001 - loader absent or broken: fall back to the code
        return {}


def unit_text(unit: str | None, language: str | None = None) -> str:
    """Return the display text of a unit code.

    Parameters
    ----------
    unit : str or None
        Unit code such as ``"vnd_bn"`` or ``"percent"``.
    language : {"en", "vi"}, optional
        Defaults to the module language.

    Returns
    -------
    str
        E.g. ``"billion VND"`` / ``"tỷ đồng"``; ``""`` for plain counts or
        ``None``; the code itself when it is unknown.

    Examples
    --------
    >>> unit_text("vnd_bn", "en"), unit_text("vnd_bn", "vi"), unit_text("percent", "vi")
    ('billion VND', 'tỷ đồng', '%')
    """
    lang = _lang(language)
    if unit is None or (isinstance(unit, float) and math.isnan(unit)):
        return ""
    i = LANGUAGES.index(lang)
    if unit in _UNIT_TEXT:
        return _UNIT_TEXT[unit][i]
    table = _units_table()
    if unit in table:
        return table[unit][i]
    return str(unit)


def format_number(value: float, language: str | None = None, decimals: int | None = None) -> str:
    """Format a number with the language's separators.

    English uses ``,`` for thousands and ``.`` for decimals, Vietnamese the
    reverse.  With ``decimals=None`` integers get no decimals and other
    numbers up to two (trailing zeros dropped).

    Examples
    --------
    >>> format_number(4600.5, "en"), format_number(4600.5, "vi")
    ('4,600.5', '4.600,5')
    >>> format_number(3300, "vi"), format_number(0.125, "en", decimals=1)
    ('3.300', '0.1')
    """
    lang = _lang(language)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    value = float(value)
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if decimals is None:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    if text in ("-0", "-0.0") or (text.startswith("-") and float(text.replace(",", "")) == 0):
        text = text[1:]
    if lang == "vi":
        text = text.translate(_VI_SEPARATORS)
    return text


def format_value(
    value: float,
    qualifier: str = "exact",
    unit: str | None = None,
    language: str | None = None,
    *,
    decimals: int | None = None,
    unit_label: str | None = None,
) -> str:
    """Format a value for labels and prose, with qualifier prefix and unit.

    Parameters
    ----------
    value : float
        The number.
    qualifier : str, default "exact"
        One of :data:`QUALIFIERS`; bounds get ``"≥ "``/``"≤ "``, approximate
        values ``"≈ "``.
    unit : str, optional
        Unit code (see :func:`unit_text`); ``None`` prints no unit.
    language : {"en", "vi"}, optional
        Defaults to the module language.
    decimals : int, optional
        Fixed number of decimals (see :func:`format_number`).
    unit_label : str, optional
        Unit text to use instead of the one derived from *unit*.

    Raises
    ------
    ValueError
        For an unknown qualifier or language.

    Examples
    --------
    >>> format_value(4600, "lower_bound", "vnd_bn", "en")
    '≥ 4,600 billion VND'
    >>> format_value(4600, "lower_bound", "vnd_bn", "vi")
    '≥ 4.600 tỷ đồng'
    >>> format_value(60, "lower_bound", "percent", "vi")
    '≥ 60%'
    >>> format_value(2700, "estimate", language="en")
    '2,700'
    """
    lang = _lang(language)
    st = _style(qualifier)
    text = st.prefix + format_number(value, lang, decimals)
    utext = unit_label if unit_label is not None else unit_text(unit, lang)
    if utext == "%":
        return text + "%"
    return f"{text} {utext}" if utext else text


# --------------------------------------------------------------------------
# Internal data helpers
# --------------------------------------------------------------------------


def _frame(data: pd.DataFrame, y: str) -> pd.DataFrame:
    """Validate and copy the input frame; fill a missing qualifier column."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    if data.empty:
        raise ValueError("data has no rows")
    if y not in data.columns:
        raise ValueError(f"value column {y!r} not in data")
    df = data.reset_index(drop=True).copy()
    if "qualifier" not in df.columns:
        df["qualifier"] = "exact"
    df["qualifier"] = df["qualifier"].astype(object)
    for q in df["qualifier"].unique():
        _style(q)
    values = pd.to_numeric(df[y], errors="coerce")
    if values.isna().any():
        raise ValueError(f"column {y!r} has missing or non-numeric values")
    df[y] = values.astype(float)
    return df


def _periods(df: pd.DataFrame, lang: str) -> pd.Series:
    if "period_start" not in df.columns and "period_end" not in df.columns:
        raise ValueError("data has no period_start/period_end columns")
    start = df["period_start"] if "period_start" in df.columns else df["period_end"]
    end = df["period_end"] if "period_end" in df.columns else df["period_start"]
    return pd.Series([period_label(s, e, lang) for s, e in zip(start, end)], index=df.index, dtype=object)


def _column(df: pd.DataFrame, name: str, lang: str) -> pd.Series:
    """Resolve a category column; ``"label"`` and ``"period"`` are special."""
    if name == "label":
        return _labels(df, lang).astype(object)
    if name == "period":
        return _periods(df, lang)
    if name not in df.columns:
        raise ValueError(f"column {name!r} not in data")
    return df[name].astype(str).astype(object)


def _categories(df: pd.DataFrame, x: str | None, hue: str | None, lang: str) -> pd.Series:
    """Category text per row (default: periods of one indicator, else labels)."""
    if x is not None:
        return _column(df, x, lang)
    has_period = "period_start" in df.columns or "period_end" in df.columns
    if "indicator" in df.columns and df["indicator"].nunique() == 1 and has_period and hue is None:
        return _periods(df, lang)
    cats = _labels(df, lang).astype(object)
    if hue is None and cats.duplicated(keep=False).any() and has_period:
        periods = _periods(df, lang)
        dup = cats.duplicated(keep=False)
        cats = cats.where(~dup, cats + " (" + periods + ")")
    return cats


def _levels(values: pd.Series) -> list[Any]:
    """Unique values in order of appearance."""
    return list(dict.fromkeys(values.tolist()))


def _wrap(text: str, width: int) -> str:
    return "\n".join(
        textwrap.fill(part, width, break_long_words=False) if part else part for part in str(text).split("\n")
    )


def _default_title(df: pd.DataFrame, lang: str) -> str:
    if "indicator" in df.columns and df["indicator"].nunique() == 1:
        return str(label(df.iloc[0], lang))
    return _TEXT[lang]["default_title"]


def _unit(df: pd.DataFrame, unit_label: str | None, lang: str) -> str:
    """Unit text of the chart's value axis; rows in more than one unit are refused.

    *unit_label* only renames the axis of rows in one unit: it never makes rows
    in different units (13.56 trillion and 13.56 billion) one scale.
    """
    units = [str(u) for u in _levels(df["unit"].astype(object)) if not pd.isna(u)] if "unit" in df.columns else []
    if len(units) > 1:
        raise ValueError(
            f"rows have more than one unit ({', '.join(units)}); one value axis shows one unit. "
            "Bring the rows to one unit first (agstats.units.normalise(rows) converts them to the "
            "indicator's canonical unit) or select rows of one unit (rows[rows['unit'] == "
            f"{units[0]!r}]); for figures that are not one quantity, draw separate charts "
            "(small_multiples gives each unit its own panel)"
        )
    if unit_label is not None:
        return unit_label
    return unit_text(units[0], lang) if units else ""


def _palette(palette: str | Sequence[Any], n: int) -> list[tuple[float, float, float]]:
    if isinstance(palette, str):
        return [tuple(c) for c in sns.color_palette(palette, n_colors=max(n, 1))]
    colors = [to_rgb(c) for c in palette]
    if not colors:
        raise ValueError("palette is empty")
    return [colors[i % len(colors)] for i in range(max(n, 1))]


def _darken(rgb: Any, amount: float = 0.3) -> tuple[float, float, float]:
    r, g, b = to_rgb(rgb)
    return (r * (1 - amount), g * (1 - amount), b * (1 - amount))


def _lighten(rgb: Any, alpha: float) -> tuple[float, float, float]:
    """Opaque colour equal to *rgb* at opacity *alpha* over white."""
    r, g, b = to_rgb(rgb)
    return (1 - alpha * (1 - r), 1 - alpha * (1 - g), 1 - alpha * (1 - b))


def contrast_ratio(color: Any, background: Any = "white") -> float:
    """WCAG 2.1 contrast ratio of two colours (1 to 21).

    Graphical objects need at least 3:1 against their background (success
    criterion 1.4.11); every colour of :data:`PALETTE` has it against white.

    Examples
    --------
    >>> round(contrast_ratio("#767676"), 2), round(contrast_ratio("black"), 1)
    (4.54, 21.0)
    >>> min(contrast_ratio(c) for c in PALETTE) >= 3
    True
    """

    def luminance(c: Any) -> float:
        r, g, b = (x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in to_rgb(c))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    a, b = sorted((luminance(color), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _outlined(color: Any, lw: float) -> list[Any]:
    """Path effects: a *lw* + 2 pt outline in *color* under the (light) line itself."""
    return [patheffects.Stroke(linewidth=lw + 2.0, foreground=to_rgb(color)), patheffects.Normal()]


# --------------------------------------------------------------------------
# The qualifier encoding (drawn once, used by every chart)
# --------------------------------------------------------------------------


def _patch_kwargs(color: Any, qualifier: str) -> dict[str, Any]:
    """Face/edge/hatch/line style of a bar (or legend key) for *qualifier*."""
    st = _style(qualifier)
    rgb = to_rgb(color)
    return {
        "facecolor": (*rgb, st.fill_alpha),
        "edgecolor": rgb,
        "hatch": st.hatch,
        "linestyle": st.linestyle,
        "linewidth": 1.5 if st.linestyle != "-" else 1.0,
    }


def _marker_kwargs(color: Any, qualifier: str, size: float = 9.0) -> dict[str, Any]:
    """Marker style for point-like charts (light fill is made opaque)."""
    st = _style(qualifier)
    rgb = to_rgb(color)
    return {
        "marker": st.marker,
        "markersize": size if st.marker == "o" else size * 0.85,
        "markerfacecolor": _lighten(rgb, st.fill_alpha),
        "markeredgecolor": rgb,
        "markeredgewidth": 1.5,
        "linestyle": "none",
        "clip_on": False,  # markers at the axis limit stay whole
    }


def _offset(orient: str, amount: float) -> tuple[float, float]:
    """Offset in points along the value axis."""
    return (0.0, amount) if orient == "v" else (amount, 0.0)


def _bound_arrow(
    ax: Axes, xy: tuple[float, float], direction: int, orient: str, color: Any, start: float = 0.0
) -> None:
    """Arrow from a bound towards the values it allows (up/right for ≥)."""
    if not direction:
        return
    ax.annotate(
        "",
        xy=xy,
        xycoords="data",
        xytext=_offset(orient, direction * (start + _ARROW_PTS)),
        textcoords="offset points",
        arrowprops={
            "arrowstyle": "<|-",
            "color": _darken(color),
            "lw": 1.5,
            "mutation_scale": 11,
            "shrinkA": 0,
            "shrinkB": start,
        },
        annotation_clip=False,
    )


def _value_label(ax: Axes, xy: tuple[float, float], text: str, orient: str, pad: float, negative: bool = False) -> Text:
    """Write *text* beyond the end of a mark, *pad* points away."""
    sign = -1.0 if negative else 1.0
    if orient == "v":
        ha, va = "center", ("top" if negative else "bottom")
    else:
        ha, va = ("right" if negative else "left"), "center"
    return ax.annotate(
        text,
        xy=xy,
        xycoords="data",
        xytext=_offset(orient, sign * pad),
        textcoords="offset points",
        ha=ha,
        va=va,
        color=_TEXT_COLOR,
        fontsize="small",
        annotation_clip=False,
    )


def _label_pad(qualifier: str, base: float = _LABEL_PAD_PTS) -> float:
    """Distance of a value label from its mark, leaving room for ≥ arrows."""
    return base + (_ARROW_PTS + 2.0 if _style(qualifier).direction > 0 else 0.0)


class _QualifierKey:
    """Legend proxy for one qualifier (rendered by :class:`_QualifierKeyHandler`)."""

    def __init__(self, qualifier: str, kind: str, orient: str, color: Any = _KEY_COLOR) -> None:
        _style(qualifier)
        self.qualifier, self.kind, self.orient, self.color = qualifier, kind, orient, color


class _QualifierKeyHandler(HandlerBase):
    """Draw a bar swatch or marker plus the bound arrow of a qualifier."""

    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize, trans):
        key: _QualifierKey = orig_handle
        st = _style(key.qualifier)
        x0, y0 = -xdescent, -ydescent
        swatch_w = width * (0.55 if st.direction else 1.0)
        artists: list[Any] = []
        if key.kind == "bar":
            rect = Rectangle((x0, y0), swatch_w, height, transform=trans, **_patch_kwargs(key.color, key.qualifier))
            artists.append(rect)
        else:
            cx = x0 + swatch_w / 2
            if key.kind == "point":  # lollipop stem
                artists.append(
                    Line2D(
                        [x0, x0 + swatch_w],
                        [y0 + height / 2] * 2,
                        color=key.color,
                        lw=1.2,
                        linestyle=st.linestyle,
                        transform=trans,
                    )
                )
            mk = _marker_kwargs(key.color, key.qualifier, size=fontsize * 0.75)
            artists.append(Line2D([cx], [y0 + height / 2], transform=trans, **mk))
        if st.direction:
            ax_x = x0 + swatch_w + (width - swatch_w) / 2
            lo, hi = y0 - 0.1 * height, y0 + 1.1 * height
            if key.orient == "v":
                a, b = ((ax_x, lo), (ax_x, hi)) if st.direction > 0 else ((ax_x, hi), (ax_x, lo))
            else:
                left, right = x0 + swatch_w + 2, x0 + width
                mid = y0 + height / 2
                a, b = ((left, mid), (right, mid)) if st.direction > 0 else ((right, mid), (left, mid))
            artists.append(
                FancyArrowPatch(
                    a,
                    b,
                    arrowstyle="-|>",
                    mutation_scale=fontsize * 0.7,
                    color=_darken(key.color),
                    lw=1.2,
                    transform=trans,
                    shrinkA=0,
                    shrinkB=0,
                )
            )
        return artists


def qualifier_legend(
    ax: Axes,
    qualifiers: Iterable[str] | None = None,
    language: str | None = None,
    *,
    kind: Literal["bar", "point", "marker"] = "bar",
    orient: str = "v",
    extra: Sequence[tuple[Any, str]] = (),
    **kwargs: Any,
) -> Legend:
    """Add the legend explaining the qualifier encoding.

    Parameters
    ----------
    ax : Axes
        Axes to attach the legend to.  An existing legend is kept.
    qualifiers : iterable of str, optional
        Qualifiers to explain (default: all of :data:`QUALIFIERS`); shown in
        :data:`QUALIFIERS` order.
    language : {"en", "vi"}, optional
        Wording language: en "reported", "estimate", "lower bound (≥)",
        "approximate", "target"; vi "số báo cáo", "ước tính", "cận dưới (≥)",
        "xấp xỉ", "mục tiêu".
    kind : {"bar", "point", "marker"}
        Keys are bar swatches, markers on a stem (lollipop), or bare markers.
    orient : {"v", "h"}
        Direction of bound arrows in the keys.
    extra : sequence of (handle, label)
        More entries appended after the qualifiers.
    **kwargs
        Passed to :meth:`Axes.legend` (default: outside, right of the axes).

    Returns
    -------
    Legend

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> leg = qualifier_legend(ax, ["exact", "lower_bound"], "vi")
    >>> [t.get_text() for t in leg.get_texts()]
    ['số báo cáo', 'cận dưới (≥)']
    >>> plt.close(fig)
    """
    lang = _lang(language)
    wanted = set(QUALIFIERS if qualifiers is None else qualifiers)
    for q in wanted:
        _style(q)
    keys = [_QualifierKey(q, kind, orient) for q in QUALIFIERS if q in wanted]
    handles = keys + [h for h, _ in extra]
    labels = [_LEGEND_LABELS[lang][k.qualifier] for k in keys] + [t for _, t in extra]
    previous = ax.get_legend()
    if previous is not None and previous not in ax.artists:  # keep it, but draw it once
        ax.add_artist(previous)
    opts: dict[str, Any] = {
        "title": _TEXT[lang]["legend_title"],
        "loc": "upper left",
        "bbox_to_anchor": (1.01, 1.0),
        "borderaxespad": 0.0,
        "fontsize": "small",
        "title_fontsize": "small",
        "frameon": False,
        "alignment": "left",
    }
    handler_map = {_QualifierKey: _QualifierKeyHandler(), **kwargs.pop("handler_map", {})}
    opts.update(kwargs)
    return ax.legend(handles, labels, handler_map=handler_map, **opts)


def _hue_legend(ax: Axes, levels: Sequence[Any], colors: Sequence[Any], title: str, kind: str) -> None:
    if kind == "bar":
        handles: list[Any] = [Patch(facecolor=c, edgecolor=c) for c in colors]
    else:
        handles = [Line2D([], [], marker="o", color=c, linestyle="none", markersize=8) for c in colors]
    leg = ax.legend(
        handles,
        [str(v) for v in levels],
        title=title,
        loc="lower left",
        bbox_to_anchor=(1.01, 0.0),
        borderaxespad=0.0,
        fontsize="small",
        title_fontsize="small",
        frameon=False,
        alignment="left",
    )
    ax.add_artist(leg)


# --------------------------------------------------------------------------
# Titles, axis labels, source lines
# --------------------------------------------------------------------------


def _axis_text(units: str | None, lang: str) -> str:
    if not units:
        return _TEXT[lang]["count"]
    return f"{_TEXT[lang]['value']} ({units})"


def titled(
    ax: Axes,
    title: str,
    units: str | None = None,
    *,
    language: str | None = None,
    axis: Literal["x", "y"] = "y",
    wrap: int = 60,
) -> Axes:
    """Set a (wrapped, left-aligned) title and a value-axis label with units.

    Parameters
    ----------
    ax : Axes
    title : str
        Chart title; long titles are wrapped at *wrap* characters.
    units : str, optional
        Unit text for the value axis ("Value (billion VND)"); empty/None
        labels the axis "Count" ("Số lượng").
    language : {"en", "vi"}, optional
    axis : {"x", "y"}, default "y"
        Which axis holds the values.
    wrap : int, default 60

    Returns
    -------
    Axes

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> _ = titled(ax, "Doanh thu viễn thông", "tỷ đồng", language="vi")
    >>> ax.get_title(loc="left"), ax.get_ylabel()
    ('Doanh thu viễn thông', 'Giá trị (tỷ đồng)')
    >>> plt.close(fig)
    """
    lang = _lang(language)
    for loc in ("center", "right"):
        ax.set_title("", loc=loc)
    ax.set_title(_wrap(title, wrap), loc="left", fontweight="bold")
    (ax.set_ylabel if axis == "y" else ax.set_xlabel)(_axis_text(units, lang))
    return ax


def _wrap_source(text: str, width: int | None) -> str:
    """Break a long source line between its citations ("; "), then at spaces."""
    if not width or len(text) <= width:
        return text
    lines: list[str] = []
    for part in text.split("; "):
        if lines and len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += "; " + part
        else:
            if lines:
                lines[-1] += ";"
            lines.extend(textwrap.wrap(part, width) or [""])
    return "\n".join(lines)


def add_source(
    ax_or_fig: Axes | Figure | SubFigure, text: str, language: str | None = None, *, wrap: int | None = 100
) -> Text:
    """Write a small "Source: …" / "Nguồn: …" line under the plot.

    On an Axes the line sits just below the x tick labels and axis label
    (it follows them when the layout changes and is included in
    constrained layout and ``bbox_inches="tight"``).  On a Figure it is the
    figure's bottom label (``supxlabel``), left-aligned.  Calling it again
    replaces the previous line.

    Parameters
    ----------
    ax_or_fig : Axes or Figure
    text : str
        Source text; the "Source: " / "Nguồn: " prefix is added unless the text
        already starts with it.
    language : {"en", "vi"}, optional
    wrap : int or None, default 100
        Break lines longer than this many characters, between citations
        (``"; "``) first; ``None`` keeps one line. Long one-line sources
        would otherwise squeeze the plot under constrained layout.

    Returns
    -------
    Text

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> add_source(ax, "Sở TT&TT An Giang (2019)", "vi").get_text()
    'Nguồn: Sở TT&TT An Giang (2019)'
    >>> print(add_source(ax, "A (2019) [a]; B (2020) [b]", wrap=20).get_text())
    Source: A (2019) [a];
    B (2020) [b]
    >>> plt.close(fig)
    """
    lang = _lang(language)
    text = str(text)
    prefix = _TEXT[lang]["source"]
    if not any(text.lower().startswith(p.lower()) for p in (_TEXT["en"]["source"], _TEXT["vi"]["source"])):
        text = f"{prefix}: {text}"
    text = _wrap_source(text, wrap)
    if isinstance(ax_or_fig, (Figure, SubFigure)):
        return ax_or_fig.supxlabel(text, x=0.01, ha="left", fontsize="small", color=_SOURCE_COLOR)
    if not isinstance(ax_or_fig, Axes):
        raise TypeError("add_source expects an Axes or a Figure")
    ax = ax_or_fig
    old = getattr(ax, "_agstats_source", None)
    if old is not None and old.axes is not None:
        old.remove()

    def below_xaxis(renderer: Any) -> Any:
        return ax.xaxis.get_tightbbox(renderer) or ax.bbox

    ann = ax.annotate(
        text,
        xy=(0.0, 0.0),
        xycoords=("axes fraction", below_xaxis),
        xytext=(0.0, -4.0),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize="small",
        color=_SOURCE_COLOR,
        annotation_clip=False,
    )
    ax._agstats_source = ann  # type: ignore[attr-defined]
    return ann


def _new_axes(ax: Axes | None, orient: str, n: int) -> Axes:
    if ax is not None:
        return ax
    if orient == "v":
        size = (min(max(7.0, 3.0 + 1.8 * n), 14.0), 4.5)
    else:
        size = (8.0, max(3.0, 1.6 + 0.55 * n))
    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _check_orient(orient: str) -> Orient:
    if orient not in ("v", "h"):
        raise ValueError(f"orient must be 'v' or 'h', got {orient!r}")
    return "v" if orient == "v" else "h"


def _finish(
    ax: Axes,
    df: pd.DataFrame,
    *,
    lang: str,
    orient: str,
    cat_labels: Sequence[str],
    units: str,
    title: str | None,
    source: str | None,
    wrap: int,
) -> None:
    """Category ticks, number format, title, axis label and source line."""
    n = len(cat_labels)
    ticks = [_wrap(c, wrap) for c in cat_labels]
    fmt = FuncFormatter(lambda v, _pos: format_number(v, lang))
    if orient == "v":
        ax.set_xticks(range(n), ticks, fontsize="small")
        ax.set_xlim(-0.5, n - 0.5)
        ax.yaxis.set_major_formatter(fmt)
        ax.grid(False, axis="x")
        ax.set_xlabel("")
    else:
        ax.set_yticks(range(n), ticks)
        ax.set_ylim(n - 0.5, -0.5)  # first category on top
        ax.xaxis.set_major_formatter(fmt)
        ax.grid(False, axis="y")
        ax.set_ylabel("")
    titled(
        ax,
        title if title is not None else _default_title(df, lang),
        units,
        language=lang,
        axis="y" if orient == "v" else "x",
    )
    if source:
        add_source(ax, source, lang)


def _layout(
    df: pd.DataFrame, cats: pd.Series, hue: str | None, lang: str, palette: Any, span: float
) -> tuple[list[Any], list[Any], list[Any], np.ndarray, float]:
    """Category/hue levels, colours, per-row positions and mark width."""
    cat_levels = _levels(cats)
    if hue is not None:
        hues = _column(df, hue, lang)
        if isinstance(df.get(hue), pd.Series) and isinstance(df[hue].dtype, pd.CategoricalDtype):
            observed = set(hues)
            hue_levels = [str(c) for c in df[hue].cat.categories if str(c) in observed]
        else:
            hue_levels = _levels(hues)
    else:
        hues = pd.Series([None] * len(df), index=df.index, dtype=object)
        hue_levels = [None]  # type: ignore[list-item]  # one unnamed level
    pairs = list(zip(cats, hues))
    if len(set(pairs)) != len(pairs):
        raise ValueError(
            "several rows share the same category"
            + (" and hue" if hue is not None else "")
            + "; pass x=/hue= to tell them apart or filter the data"
        )
    colors = _palette(palette, len(hue_levels))
    k = len(hue_levels)
    width = span / k
    pos = np.array(
        [cat_levels.index(c) - span / 2 + (hue_levels.index(h) + 0.5) * width for c, h in pairs], dtype=float
    )
    row_colors = [colors[hue_levels.index(h)] for h in hues]
    return cat_levels, hue_levels, row_colors, pos, width


def check_one_series(data: pd.DataFrame, by: str = "indicator") -> pd.DataFrame:
    """Refuse rows of more than one definition drawn as one series.

    One indicator id is one definition (``data/catalogue.csv``); two ids —
    "level 4" services counted before 2022 and "full-process" services after,
    a sector's revenue and a service's revenue — are different quantities
    even when their labels look alike, and a line or a row of bars through
    them would read as change over time.  Draw them apart (``hue="indicator"``
    or ``hue="label"``, or one chart each), or pass
    ``mixed_definitions=True`` to the chart when a source states they are one
    definition.

    Parameters
    ----------
    data : DataFrame
        Rows meant as one series.
    by : str, default "indicator"
        Column whose values are the definitions.

    Returns
    -------
    DataFrame
        *data*, unchanged, when it holds one definition (or lacks *by*).

    Raises
    ------
    ValueError
        Naming the definitions found.

    Examples
    --------
    >>> rows = pd.DataFrame({"indicator": ["online_services_level4", "online_services_full"],
    ...                      "value": [244.0, 937.0]})
    >>> check_one_series(rows.iloc[:1]).shape
    (1, 2)
    >>> check_one_series(rows)
    Traceback (most recent call last):
    ...
    ValueError: rows of 2 definitions (online_services_level4, online_services_full) would be drawn as one series; ...
    """
    if by not in data.columns:
        return data
    ids = [str(v) for v in _levels(data[by].astype(object)) if not pd.isna(v)]
    if len(ids) > 1:
        raise ValueError(
            f"rows of {len(ids)} definitions ({', '.join(ids)}) would be drawn as one series; "
            "different definitions are not one series: pass hue='indicator' (or hue='label') to draw them "
            "apart, draw one chart each, or pass mixed_definitions=True if a source states they are one "
            "definition"
        )
    return data


def _names(df: pd.DataFrame, cats: pd.Series, hue: str | None, lang: str) -> list[str]:
    """Category text of each row for the alt text, with its hue level ("2019 – telecom")."""
    if hue is None:
        return [str(c) for c in cats]
    return [f"{c} – {h}" for c, h in zip(cats, _column(df, hue, lang))]


# --------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------


def bar(
    data: pd.DataFrame,
    x: str | None = None,
    y: str = "value",
    hue: str | None = None,
    *,
    ax: Axes | None = None,
    language: str | None = None,
    value_labels: bool = True,
    unit_label: str | None = None,
    title: str | None = None,
    source: str | None = None,
    orient: Orient = "v",
    palette: str | Sequence[Any] = PALETTE,
    legend: bool = True,
    width: float = 0.8,
    wrap: int | None = None,
    mixed_definitions: bool = False,
) -> Axes:
    """Qualifier-aware bar chart of indicator rows.

    Reported (``exact``) values are solid bars; estimates are light and
    hatched ``//`` (approximate ``..``); lower bounds get a "≥" label and an
    arrow pointing to larger values, upper bounds "≤" and an arrow into the
    bar; targets are dashed outlines.  See :data:`QUALIFIER_STYLES`.

    Parameters
    ----------
    data : DataFrame
        Indicator rows, all in one unit (rows in several units are refused:
        bring them to one with ``agstats.units.normalise`` first).
    x : str, optional
        Category column (whatever *orient*).  ``"label"`` uses the label in
        the chosen language, ``"period"`` the formatted period.  Default: the
        periods if all rows are one indicator, else the labels (with the
        period added when a label repeats).
    y : str, default "value"
        Value column.
    hue : str, optional
        Column splitting each category into coloured, side-by-side bars
        (``"period"`` and ``"label"`` are accepted).
    ax : Axes, optional
        Draw here; by default a new constrained-layout figure is made.
    language : {"en", "vi"}, optional
        Labels, legend and number format language (default: module language).
    value_labels : bool, default True
        Write the formatted value (with ≥/≤/≈) at the end of each bar.
    unit_label : str, optional
        Unit text for the value axis; default from the ``unit`` column.  It
        renames the unit of single-unit rows only and converts nothing.
    title : str, optional
        Default: the indicator label if there is one indicator, else a
        generic title.
    source : str, optional
        Source line under the chart (see :func:`add_source`).
    orient : {"v", "h"}, default "v"
        Vertical bars, or horizontal bars (categories listed top-down).
    palette : str or sequence of colours, default "colorblind"
    legend : bool, default True
        Add the qualifier legend (and the hue legend).
    width : float, default 0.8
        Total width of the bars of one category.
    wrap : int, optional
        Wrap category labels at this many characters (default 20 for
        vertical, 32 for horizontal bars); words are not broken.
    mixed_definitions : bool, default False
        With ``x="period"`` and no *hue*, the bars form one series over time,
        and rows of more than one indicator (different definitions) are
        refused (see :func:`check_one_series`); ``True`` draws them anyway,
        for rows a source states are one definition.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        Unknown language/qualifier/orient, mixed units, duplicate categories.

    Examples
    --------
    >>> rows = pd.DataFrame({
    ...     "indicator": ["telecom_revenue"] * 2,
    ...     "label_en": ["Telecommunications revenue"] * 2,
    ...     "label_vi": ["Doanh thu viễn thông"] * 2,
    ...     "value": [3300.0, 2700.0], "unit": "vnd_bn",
    ...     "period_start": pd.to_datetime(["2018-01-01", "2019-01-01"]),
    ...     "period_end": pd.to_datetime(["2018-12-31", "2019-09-30"]),
    ...     "qualifier": ["exact", "estimate"]})
    >>> ax = bar(rows, language="vi", source="Sở TT&TT An Giang (2019)")
    >>> ax.get_title(loc="left"), [t.get_text() for t in ax.get_xticklabels()]
    ('Doanh thu viễn thông', ['2018', 'tháng 1–9/2019'])
    >>> plt.close(ax.figure)
    """
    lang = _lang(language)
    orient = _check_orient(orient)
    df = _frame(data, y)
    if x == "period" and hue is None and not mixed_definitions:
        check_one_series(df)
    cats = _categories(df, x, hue, lang)
    cat_levels, hue_levels, row_colors, pos, w = _layout(df, cats, hue, lang, palette, width)
    units = _unit(df, unit_label, lang)
    ax = _new_axes(ax, orient, len(cat_levels))

    draw = ax.bar if orient == "v" else ax.barh
    for i, (_, row) in enumerate(df.iterrows()):
        q, v, c, p = row["qualifier"], float(row[y]), row_colors[i], float(pos[i])
        draw([p], [v], w * 0.95, label="_nolegend_", zorder=2, **_patch_kwargs(c, q))  # width (v) or height (h)
        end = (p, v) if orient == "v" else (v, p)
        st = _style(q)
        _bound_arrow(ax, end, st.direction, orient, c)
        if value_labels:
            pad = _label_pad(q) if v >= 0 or st.direction <= 0 else _LABEL_PAD_PTS
            _value_label(ax, end, format_value(v, q, language=lang), orient, pad, negative=v < 0)

    any_arrow = any(_style(q).direction > 0 for q in df["qualifier"])
    margin = 0.22 if any_arrow else (0.12 if value_labels else 0.05)
    ax.margins(x=margin) if orient == "h" else ax.margins(y=margin)
    _finish(
        ax,
        df,
        lang=lang,
        orient=orient,
        cat_labels=cat_levels,
        units=units,
        title=title,
        source=source,
        wrap=wrap or (20 if orient == "v" else 32),
    )
    if legend:
        if hue is not None:
            _hue_legend(ax, hue_levels, _palette(palette, len(hue_levels)), hue, "bar")
        qualifier_legend(ax, set(df["qualifier"]), lang, kind="bar", orient=orient)
    names = _names(df, cats, hue, lang)
    _describe(ax, "bar", _row_items(df, y, names, units, lang), lang, _plotted_rows(df, names, y))
    return ax


def point(
    data: pd.DataFrame,
    x: str | None = None,
    y: str = "value",
    hue: str | None = None,
    *,
    ax: Axes | None = None,
    language: str | None = None,
    value_labels: bool = True,
    unit_label: str | None = None,
    title: str | None = None,
    source: str | None = None,
    orient: Orient = "h",
    palette: str | Sequence[Any] = PALETTE,
    legend: bool = True,
    stems: bool = True,
    baseline: float = 0.0,
    wrap: int | None = None,
    mixed_definitions: bool = False,
) -> Axes:
    """Qualifier-aware dot (lollipop) plot for values on one scale.

    Reported values are filled markers; estimates light-filled markers
    (approximate: diamonds); targets open markers on a dashed stem; lower
    bounds carry an arrow towards larger values (right for ``orient="h"``,
    up for ``"v"``) and a "≥" label; upper bounds an arrow back and "≤".

    Parameters
    ----------
    data : DataFrame
        Indicator rows in one unit, e.g. percentages.
    x, y, hue, ax, language, value_labels, unit_label, title, source, palette, legend, wrap
        As in :func:`bar` (*x* is the category column, *y* the values).
    orient : {"h", "v"}, default "h"
        ``"h"``: categories down the y axis, values along x.
    stems : bool, default True
        Draw the line from *baseline* to each marker.
    baseline : float, default 0.0
        Start of the stems; the value axis starts here when all values are
        above it.
    mixed_definitions : bool, default False
        As in :func:`bar`.

    Returns
    -------
    Axes

    Examples
    --------
    >>> rows = pd.DataFrame({"indicator": ["a", "b"], "label_en": ["3G/4G coverage", "Smart-device users"],
    ...                      "label_vi": ["Phủ sóng 3G, 4G", "Dùng thiết bị thông minh"],
    ...                      "value": [100.0, 60.0], "unit": "percent", "qualifier": ["exact", "lower_bound"]})
    >>> ax = point(rows, language="en")
    >>> sorted(t.get_text() for t in ax.texts if t.get_text())
    ['100', '≥ 60']
    >>> plt.close(ax.figure)
    """
    lang = _lang(language)
    orient = _check_orient(orient)
    df = _frame(data, y)
    if x == "period" and hue is None and not mixed_definitions:
        check_one_series(df)
    cats = _categories(df, x, hue, lang)
    cat_levels, hue_levels, row_colors, pos, _w = _layout(df, cats, hue, lang, palette, 0.5)
    units = _unit(df, unit_label, lang)
    ax = _new_axes(ax, orient, len(cat_levels))

    for i, (_, row) in enumerate(df.iterrows()):
        q, v, c, p = row["qualifier"], float(row[y]), row_colors[i], float(pos[i])
        st = _style(q)
        end = (p, v) if orient == "v" else (v, p)
        if stems:
            xs, ys = ([p, p], [baseline, v]) if orient == "v" else ([baseline, v], [p, p])
            ax.plot(xs, ys, color=c, lw=1.5, linestyle=st.linestyle, zorder=2, label="_nolegend_")
        ax.plot([end[0]], [end[1]], zorder=3, label="_nolegend_", **_marker_kwargs(c, q))
        _bound_arrow(ax, end, st.direction, orient, c, start=6.0)
        if value_labels:
            pad = 8.0 + (_ARROW_PTS + 6.0 if st.direction > 0 else 0.0)
            _value_label(ax, end, format_value(v, q, language=lang), orient, pad, negative=v < baseline)

    vaxis = "y" if orient == "v" else "x"
    ax.margins(x=0.25) if vaxis == "x" else ax.margins(y=0.25)
    values = df[y].to_numpy()
    if stems and (values >= baseline).all():
        (ax.set_ylim if orient == "v" else ax.set_xlim)(baseline, None)
    _finish(
        ax,
        df,
        lang=lang,
        orient=orient,
        cat_labels=cat_levels,
        units=units,
        title=title,
        source=source,
        wrap=wrap or (20 if orient == "v" else 32),
    )
    if orient == "h":
        ax.grid(True, axis="x")
    if legend:
        if hue is not None:
            _hue_legend(ax, hue_levels, _palette(palette, len(hue_levels)), hue, "point")
        qualifier_legend(ax, set(df["qualifier"]), lang, kind="point", orient=orient)
    names = _names(df, cats, hue, lang)
    _describe(ax, "point", _row_items(df, y, names, units, lang), lang, _plotted_rows(df, names, y))
    return ax


def interval_bounds(data: pd.DataFrame, y: str = "value", domain: tuple[float, float] | None = None) -> pd.DataFrame:
    """The interval of values each row allows, from its qualifier.

    Point values (exact, estimate, approximate, target) give ``[v, v]``;
    lower bounds ``[v, hi]`` and upper bounds ``[lo, v]``, where ``(lo, hi)``
    is *domain* — by default ``(0, 100)`` for ``percent`` rows and
    ``(0, inf)`` otherwise.

    Parameters
    ----------
    data : DataFrame
        Rows with *y* and ``qualifier`` (and optionally ``unit``).
    y : str, default "value"
    domain : (float, float), optional
        Overrides the default domain for all rows.

    Returns
    -------
    DataFrame
        Columns ``lower`` and ``upper`` aligned with *data*.

    Examples
    --------
    >>> rows = pd.DataFrame({"value": [60.0, 4600.0], "unit": ["percent", "vnd_bn"],
    ...                      "qualifier": ["lower_bound", "lower_bound"]})
    >>> interval_bounds(rows).to_dict("list")
    {'lower': [60.0, 4600.0], 'upper': [100.0, inf]}
    """
    df = _frame(data, y)
    lower, upper = [], []
    for _, row in df.iterrows():
        v = float(row[y])
        if domain is not None:
            lo, hi = domain
        elif row.get("unit") == "percent":
            lo, hi = 0.0, 100.0
        else:
            lo, hi = 0.0, math.inf
        d = _style(row["qualifier"]).direction
        lower.append(v if d >= 0 else float(lo))
        upper.append(v if d <= 0 else float(hi))
    return pd.DataFrame({"lower": lower, "upper": upper}, index=data.index)


def interval_plot(
    data: pd.DataFrame,
    x: str | None = None,
    y: str = "value",
    *,
    lower: str | None = None,
    upper: str | None = None,
    domain: tuple[float, float] | None = None,
    ax: Axes | None = None,
    language: str | None = None,
    value_labels: bool = True,
    unit_label: str | None = None,
    title: str | None = None,
    source: str | None = None,
    palette: str | Sequence[Any] = PALETTE,
    legend: bool = True,
    wrap: int = 32,
) -> Axes:
    """Horizontal interval plot: what each value or bound allows.

    Each row is drawn as the qualifier marker at its value plus, for bounds,
    a band over the allowed range (see :func:`interval_bounds`).  Finite ends
    are closed (a ``|`` tick); an infinite end runs to the right edge of the
    axes and ends in an arrow head ("no upper limit (→ ∞)").

    Parameters
    ----------
    data : DataFrame
        Indicator rows in one unit.
    x, y, ax, language, value_labels, unit_label, title, source, palette, legend, wrap
        As in :func:`point` (categories are listed down the y axis).
    lower, upper : str, optional
        Columns with explicit interval ends (NaN or ±inf = open); default
        derived from the qualifier by :func:`interval_bounds`.
    domain : (float, float), optional
        Passed to :func:`interval_bounds`.

    Returns
    -------
    Axes

    Examples
    --------
    >>> rows = pd.DataFrame({"indicator": ["a", "b"], "label_en": ["Telecom revenue 2018", "IT industry revenue"],
    ...                      "label_vi": ["Doanh thu viễn thông", "Doanh thu ngành CNTT"],
    ...                      "value": [3300.0, 4600.0], "unit": "vnd_bn", "qualifier": ["exact", "lower_bound"]})
    >>> ax = interval_plot(rows, language="vi")
    >>> ax.get_xlabel()
    'Giá trị (tỷ đồng)'
    >>> plt.close(ax.figure)
    """
    lang = _lang(language)
    df = _frame(data, y)
    bounds = interval_bounds(df, y, domain)
    if lower is not None:
        bounds["lower"] = pd.to_numeric(df[lower], errors="coerce").fillna(-math.inf).to_numpy()
    if upper is not None:
        bounds["upper"] = pd.to_numeric(df[upper], errors="coerce").fillna(math.inf).to_numpy()
    cats = _categories(df, x, None, lang)
    cat_levels, _h, row_colors, pos, _w = _layout(df, cats, None, lang, palette, 0.0)
    units = _unit(df, unit_label, lang)
    ax = _new_axes(ax, "h", len(cat_levels))

    finite = np.concatenate([df[y].to_numpy(), bounds.to_numpy().ravel()])
    finite = finite[np.isfinite(finite)]
    lo_data, hi_data = float(min(finite.min(), 0.0)), float(finite.max())
    span = (hi_data - lo_data) or 1.0
    has_open_hi = bool((np.isinf(bounds["upper"]) & (bounds["upper"] > 0)).any())
    has_open_lo = bool((np.isinf(bounds["lower"]) & (bounds["lower"] < 0)).any())
    left = lo_data - (0.2 * span if has_open_lo else (0.0 if lo_data == 0 else 0.05 * span))
    right = hi_data + (0.3 if has_open_hi else 0.12) * span
    ax.set_xlim(left, right)

    for i, (_, row) in enumerate(df.iterrows()):
        q, v, c, p = row["qualifier"], float(row[y]), row_colors[i], float(pos[i])
        lo, hi = float(bounds["lower"].iloc[i]), float(bounds["upper"].iloc[i])
        # a light band with an outline in the full colour (3:1 against white, like every mark)
        band: dict[str, Any] = dict(
            color=_lighten(c, 0.35), lw=5, solid_capstyle="butt", zorder=2, path_effects=_outlined(c, 5)
        )
        if lo < hi:
            a, b = max(lo, left), min(hi, right)
            ax.plot([a, b], [p, p], label="_nolegend_", **band)
            for end, is_open, sign in ((lo, math.isinf(lo), -1), (hi, math.isinf(hi), +1)):
                edge = left if sign < 0 else right
                if is_open:
                    ax.annotate(
                        "",
                        xy=(edge, p),
                        xytext=(edge - sign * 0.04 * span, p),
                        arrowprops={
                            "arrowstyle": "-|>",
                            "color": _darken(c),
                            "lw": 1.5,
                            "mutation_scale": 14,
                            "shrinkA": 0,
                            "shrinkB": 0,
                        },
                        annotation_clip=False,
                    )
                elif end != v:
                    ax.plot(
                        [end],
                        [p],
                        marker="|",
                        markersize=14,
                        markeredgewidth=2,
                        color=_darken(c),
                        linestyle="none",
                        zorder=3,
                        label="_nolegend_",
                    )
        ax.plot([v], [p], zorder=4, label="_nolegend_", **_marker_kwargs(c, q))
        if value_labels:
            ax.annotate(
                format_value(v, q, language=lang),
                xy=(v, p),
                xytext=(-5, 9),
                textcoords="offset points",
                ha="left",
                va="bottom",
                color=_TEXT_COLOR,
                fontsize="small",
                annotation_clip=False,
            )

    _finish(ax, df, lang=lang, orient="h", cat_labels=cat_levels, units=units, title=title, source=source, wrap=wrap)
    ax.set_ylim(len(cat_levels) - 0.4, -0.7)  # room for labels above the first row
    ax.grid(True, axis="x")
    if legend:
        extra: list[tuple[Any, str]] = []
        if (bounds["lower"] < bounds["upper"]).any():
            extra.append(
                (
                    Line2D(
                        [],
                        [],
                        color=_lighten(_KEY_COLOR, 0.35),
                        lw=5,
                        solid_capstyle="butt",
                        path_effects=_outlined(_KEY_COLOR, 5),
                    ),
                    _TEXT[lang]["range"],
                )
            )
        if has_open_hi:
            extra.append((_OpenEndKey(), _TEXT[lang]["open"]))
        qualifier_legend(
            ax,
            set(df["qualifier"]),
            lang,
            kind="marker",
            orient="h",
            extra=extra,
            handler_map={_OpenEndKey: _OpenEndHandler()},
        )
    _describe(
        ax,
        "interval",
        _row_items(df, y, list(cats), units, lang, ranges=bounds),
        lang,
        _plotted_rows(df, list(cats), y, ranges=bounds),
    )
    return ax


class _OpenEndKey:
    """Legend proxy for an interval with no upper limit."""


class _OpenEndHandler(HandlerBase):
    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize, trans):
        y = -ydescent + height / 2
        band = Line2D(
            [-xdescent, -xdescent + width * 0.8],
            [y, y],
            color=_lighten(_KEY_COLOR, 0.35),
            lw=5,
            solid_capstyle="butt",
            path_effects=_outlined(_KEY_COLOR, 5),
            transform=trans,
        )
        arrow = FancyArrowPatch(
            (-xdescent + width * 0.5, y),
            (-xdescent + width, y),
            arrowstyle="-|>",
            mutation_scale=fontsize * 0.8,
            color=_darken(_KEY_COLOR),
            lw=1.2,
            transform=trans,
            shrinkA=0,
            shrinkB=0,
        )
        return [band, arrow]


# --------------------------------------------------------------------------
# Sector names, small multiples (fact sheets) and timelines
# --------------------------------------------------------------------------

#: Display names of the ``sector`` codes, English and Vietnamese.
SECTOR_NAMES: dict[str, tuple[str, str]] = {
    "postal": ("Postal services", "Bưu chính"),
    "telecom": ("Telecommunications", "Viễn thông"),
    "infosec": ("Information security", "An toàn thông tin"),
    "ict_industry": ("ICT industry", "Công nghiệp ICT"),
    "media": ("Press, broadcasting and information", "Thông tin tuyên truyền"),
    "egov": ("E-government", "Chính quyền điện tử"),
    "policy": ("Policy", "Chính sách"),
    "context": ("Context", "Bối cảnh"),
}

_EXTRA_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "timeline_title": "Timeline",
        "year": "Year",
        "month": "Month",
        "day": "exact day",
        "window": "window (day not known)",
        "as_of": "as of a report (not a day)",
        "by": "by",
        "date_legend": "Date",
        "kind": "Kind",
    },
    "vi": {
        "timeline_title": "Dòng thời gian",
        "year": "Năm",
        "month": "Tháng",
        "day": "ngày cụ thể",
        "window": "khoảng (không rõ ngày)",
        "as_of": "tính đến kỳ báo cáo",
        "by": "đến",
        "date_legend": "Thời điểm",
        "kind": "Loại",
    },
}

#: Display names of the ``kind`` codes of ``events.csv``, English and Vietnamese: one table, in
#: :mod:`agstats.wording`, so that a timeline and a table name a kind the same way.
_EVENT_KINDS: dict[str, tuple[str, str]] = _WORDING_EVENT_KINDS

# Sizes of small-multiple panels, in inches.
_SM_ROW_IN = 0.42  # one bar
_SM_LINE_IN = 0.15  # one line of a small tick label
_SM_PANEL_IN = 0.9  # axis label, tick labels and gap of one panel
_SM_HEADER_IN = 0.4  # group title


def sector_name(sector: str, language: str | None = None) -> str:
    """Return the display name of a ``sector`` code.

    Parameters
    ----------
    sector : str
        A sector code of the indicator table (``"postal"``, ``"ict_industry"`` ...).
    language : {"en", "vi"}, optional
        Defaults to the module language.

    Returns
    -------
    str
        The name from :data:`SECTOR_NAMES`, or the code itself when unknown.

    Examples
    --------
    >>> sector_name("ict_industry", "en"), sector_name("infosec", "vi")
    ('ICT industry', 'An toàn thông tin')
    >>> sector_name("space", "en")
    'space'
    """
    lang = _lang(language)
    names = SECTOR_NAMES.get(str(sector))
    return names[LANGUAGES.index(lang)] if names else str(sector)


def _group_levels(df: pd.DataFrame, by: str, order: Sequence[Any] | None) -> list[Any]:
    """Groups of *by* in category order (observed only), else order of appearance."""
    if order is not None:
        present = set(df[by].astype(object))
        return [g for g in order if g in present]
    col = df[by]
    if isinstance(col.dtype, pd.CategoricalDtype):
        observed = set(col.astype(object))
        return [c for c in col.cat.categories if c in observed]
    return _levels(col.astype(object))


def small_multiples(
    data: pd.DataFrame,
    by: str = "sector",
    *,
    x: str | None = None,
    y: str = "value",
    ncols: int = 3,
    order: Sequence[Any] | None = None,
    group_titles: Mapping[Any, str] | None = None,
    language: str | None = None,
    value_labels: bool = True,
    title: str | None = None,
    source: str | None = None,
    palette: str | Sequence[Any] = PALETTE,
    legend: bool = True,
    wrap: int = 30,
    width: float | None = None,
) -> Figure:
    """A fact sheet: one block of qualifier-aware bar panels per group.

    The rows are split by *by* (default: sector) into blocks laid out on a
    grid of *ncols* columns; inside a block, every unit gets its own
    horizontal :func:`bar` panel with its own value axis ("Value (billion
    VND)", "Value (%)", "Count" ...), so figures in different units are never
    drawn on one scale.  Each bar gets the height its label needs, each
    block has one colour, and one qualifier legend serves the whole figure
    (in an empty grid cell when there is one, else above the blocks).

    Parameters
    ----------
    data : DataFrame
        Indicator rows (``label_en``/``label_vi``, ``value``, ``unit``,
        ``period_start``, ``period_end``, ``qualifier`` and the *by* column).
    by : str, default "sector"
        Column defining the blocks.
    x : str, optional
        Category column for the bars (see :func:`bar`); default: the label
        in the chosen language with the period on a second line.
    y : str, default "value"
    ncols : int, default 3
        Blocks per row of the grid.
    order : sequence, optional
        Block order (default: category order of *by*, else order of appearance).
    group_titles : mapping, optional
        Block titles; default :func:`sector_name` for sectors, else the value.
    language : {"en", "vi"}, optional
    value_labels : bool, default True
        Formatted values (with ≥/≤/≈) at the end of the bars.
    title : str, optional
        Figure title (left-aligned, bold).
    source : str, optional
        Source line at the bottom of the figure (see :func:`add_source`).
    palette : str or sequence of colours, default "colorblind"
        One colour per block.
    legend : bool, default True
        Add the qualifier legend for the qualifiers present.
    wrap : int, default 30
        Wrap category labels at this many characters.
    width : float, optional
        Figure width in inches, by default 4.4 per column (the height follows from the number of bars
        and of lines in their labels).

    Returns
    -------
    Figure
        ``fig.axes`` holds the panels, block by block.

    Raises
    ------
    ValueError
        No rows, an unknown qualifier or language, ``ncols < 1``, or a
        missing *by* column.

    Examples
    --------
    >>> rows = pd.DataFrame({
    ...     "sector": ["telecom", "telecom", "egov"],
    ...     "label_en": ["Telecom revenue", "Smart-device users", "Component portals"],
    ...     "label_vi": ["Doanh thu viễn thông", "Dùng thiết bị thông minh", "Cổng thành phần"],
    ...     "value": [3300.0, 60.0, 33.0], "unit": ["vnd_bn", "percent", "count"],
    ...     "period_start": pd.to_datetime(["2018-01-01", "2019-09-30", "2019-09-30"]),
    ...     "period_end": pd.to_datetime(["2018-12-31", "2019-09-30", "2019-09-30"]),
    ...     "qualifier": ["exact", "lower_bound", "exact"]})
    >>> fig = small_multiples(rows, ncols=2, title="Fact sheet")
    >>> [ax.get_xlabel() for ax in fig.axes]
    ['Value (billion VND)', 'Value (%)', 'Count']
    >>> [sf.get_suptitle() for sf in fig.subfigs[:2]]
    ['Telecommunications', 'E-government']
    >>> plt.close(fig)
    """
    lang = _lang(language)
    if ncols < 1:
        raise ValueError(f"ncols must be at least 1, got {ncols!r}")
    df = _frame(data, y)
    if by not in df.columns:
        raise ValueError(f"column {by!r} not in data")
    if x is None:
        df["_category"] = label(df, lang) + "\n" + _periods(df, lang)
        x = "_category"
    groups = _group_levels(df, by, order)
    colors = _palette(palette, len(groups))

    def panels_of(g: Any) -> list[pd.DataFrame]:
        rows = df[df[by].astype(object) == g]
        units = rows["unit"].astype(object) if "unit" in rows.columns else pd.Series("", index=rows.index)
        units = units.where(units.notna(), "")
        return [rows[units == u] for u in _levels(units)]

    blocks = [panels_of(g) for g in groups]

    def height(panel: pd.DataFrame) -> float:
        """Inches for one panel: its bars, each as tall as the longest wrapped label needs."""
        cats = _column(panel, x, lang) if x in ("label", "period") or x in panel.columns else None
        lines = max(_wrap(c, wrap).count("\n") + 1 for c in cats) if cats is not None else 1
        return len(panel) * max(_SM_ROW_IN, _SM_LINE_IN * lines + 0.1) + _SM_PANEL_IN

    def need(panels: list[pd.DataFrame]) -> float:
        return _SM_HEADER_IN + sum(height(p) for p in panels)

    nrows = math.ceil(len(groups) / ncols)
    row_in = [max(need(b) for b in blocks[r * ncols : (r + 1) * ncols]) for r in range(nrows)]
    spare = nrows * ncols - len(groups)
    top_in = (0.5 if title else 0.0) + (0.0 if spare or not legend else 0.6)
    fig = plt.figure(
        figsize=(width or 4.4 * ncols, sum(row_in) + top_in + (0.35 if source else 0.1)), layout="constrained"
    )
    cells = np.atleast_1d(fig.subfigures(nrows, ncols, height_ratios=row_in, squeeze=False)).ravel()
    for i, (g, panels) in enumerate(zip(groups, blocks)):
        sf = cells[i]
        r = i // ncols
        heights = [height(p) for p in panels]
        rest = row_in[r] - _SM_HEADER_IN - sum(heights)
        gs = sf.add_gridspec(
            len(panels) + (1 if rest > 0.05 else 0), 1, height_ratios=heights + ([rest] if rest > 0.05 else [])
        )
        for j, p in enumerate(panels):
            ax = sf.add_subplot(gs[j, 0])
            bar(
                p,
                x=x,
                y=y,
                ax=ax,
                language=lang,
                value_labels=value_labels,
                title="",
                orient="h",
                palette=[colors[i]],
                legend=False,
                wrap=wrap,
            )
            ax.tick_params(axis="y", labelsize="small")
        if group_titles is not None and g in group_titles:
            name = group_titles[g]
        else:
            name = sector_name(g, lang) if by == "sector" else str(g)
        sf.suptitle(name, x=0.02, ha="left", fontweight="bold", color=_darken(colors[i], 0.25))
    if title:
        fig.suptitle(_wrap(title, 100), x=0.01, ha="left", fontweight="bold", fontsize="x-large")
    if legend:
        qualifiers = set(df["qualifier"])
        keys = [_QualifierKey(q, "bar", "h") for q in QUALIFIERS if q in qualifiers]
        labels = [_LEGEND_LABELS[lang][q.qualifier] for q in keys]
        opts: dict[str, Any] = {
            "handler_map": {_QualifierKey: _QualifierKeyHandler()},
            "title": _TEXT[lang]["legend_title"],
            "fontsize": "small",
            "title_fontsize": "small",
            "frameon": False,
            "alignment": "left",
        }
        if spare:
            cells[len(groups)].legend(keys, labels, loc="upper left", bbox_to_anchor=(0.05, 0.95), **opts)
        else:
            fig.legend(keys, labels, loc="outside upper left", ncols=len(keys), **opts)  # type: ignore[arg-type]
    if source:
        add_source(fig, source, lang)
    return fig


def _event_labels(df: pd.DataFrame, label_spec: str | Sequence[str] | pd.Series | None, lang: str) -> list[str]:
    if label_spec is None:
        out = []
        for _, row in df.iterrows():
            for name in (f"title_{lang}", "title_en", "event"):
                value = row.get(name)
                if value is not None and not pd.isna(value) and str(value):
                    out.append(str(value))
                    break
            else:
                out.append("")
        return out
    if isinstance(label_spec, str):
        if label_spec not in df.columns:
            raise ValueError(f"column {label_spec!r} not in events")
        return [str(v) for v in df[label_spec]]
    values = list(label_spec.to_numpy() if isinstance(label_spec, pd.Series) else label_spec)
    if len(values) != len(df):
        raise ValueError(f"label has {len(values)} items for {len(df)} events")
    return [str(v) for v in values]


def _day_text(day: pd.Timestamp, conventional: bool, lang: str) -> str:
    """A day as text; a conventional as-of date reads "by 30 Sep 2019" / "đến 30/9/2019"."""
    text = period_label(day, day, lang)
    return f"{_EXTRA_TEXT[lang]['by']} {text}" if conventional else text


def _as_of_flags(df: pd.DataFrame, as_of: str | bool | Sequence[bool] | pd.Series | None) -> pd.Series:
    """Which one-day events carry a conventional as-of date (see :func:`timeline`)."""
    one_day = df["_start"] == df["_end"]
    if as_of is None or as_of is False:
        flags = pd.Series(False, index=df.index)
    elif as_of is True:
        flags = pd.Series(True, index=df.index)
    elif isinstance(as_of, str) and as_of == "auto":
        end = df["_start"] + pd.offsets.QuarterEnd(0)
        flags = df["_start"] == end
    elif isinstance(as_of, str):
        if as_of not in df.columns:
            raise ValueError(f"column {as_of!r} not in events")
        flags = df[as_of].fillna(False).astype(bool)
    else:
        values = list(as_of.to_numpy() if isinstance(as_of, pd.Series) else as_of)
        if len(values) != len(df):
            raise ValueError(f"as_of has {len(values)} items for {len(df)} events")
        flags = pd.Series([bool(v) for v in values], index=df.index)
    return (flags & one_day).astype(bool)


def _kind_text(kind: Any, lang: str) -> str:
    names = _EVENT_KINDS.get(str(kind))
    return names[LANGUAGES.index(lang)] if names else str(kind)


def timeline(
    events: pd.DataFrame,
    *,
    label: str | Sequence[str] | pd.Series | None = None,
    hue: str | None = "kind",
    ax: Axes | None = None,
    language: str | None = None,
    title: str | None = None,
    source: str | None = None,
    palette: str | Sequence[Any] = PALETTE,
    legend: bool = True,
    date_labels: bool = True,
    sort: bool = True,
    wrap: int = 34,
    xlim: tuple[Any, Any] | None = None,
    as_of: str | bool | Sequence[bool] | pd.Series | None = "auto",
) -> Axes:
    """Timeline of dated events: known days as markers, date windows as bars.

    Each event (one row of ``agstats.load_events()``) gets its own line.  An
    event whose day is known (``date_start == date_end``) is a filled marker
    on that day; an event known only to a window (``date_start < date_end``,
    e.g. a decision known by its year, a meeting known to fall between two
    dates, or activities held somewhere in a span) is a light bar covering
    the whole window, both end days included.  The window or day is written
    next to the mark (:func:`period_label`), so a window is never read as
    a precise date.

    Parameters
    ----------
    events : DataFrame
        Columns ``date_start`` and ``date_end`` (dates; a missing end means
        a known day) and, for the default labels, ``title_en``/``title_vi``.
    label : str, sequence or Series, optional
        Line labels: a column name, or one text per event (in the order of
        *events*).  Default: ``title_<language>``, else ``title_en``, else
        ``event``.
    hue : str or None, default "kind"
        Column giving the colour (``kind`` values are translated:
        decision / quyết định ...); ``None`` draws everything in one colour.
    ax : Axes, optional
        Draw here; by default a new constrained-layout figure is made.
    language : {"en", "vi"}, optional
        Labels, legend and date format language (default: module language).
    title : str, optional
        Default "Timeline" / "Dòng thời gian".
    source : str, optional
        Source line under the chart (see :func:`add_source`).
    palette : str or sequence of colours, default "colorblind"
    legend : bool, default True
        Add the legends (colour, and day versus window).
    date_labels : bool, default True
        Write the day or the window next to each mark.
    sort : bool, default True
        Order events by start then end date (earliest on top); ``False``
        keeps the input order.
    wrap : int, default 34
        Wrap line labels at this many characters.
    xlim : (date, date), optional
        Date range of the axis; by default the events plus room for labels.
    as_of : "auto", str, sequence of bool, or False, default "auto"
        Which one-day dates are conventions rather than days: the "as of"
        date of a stock reported "by the time of the report" (30 Sep, 31 Dec).
        They are drawn as open diamonds labelled "by 30 Sep 2019" ("đến
        30/9/2019"), with their own legend entry, never as an exact day.
        ``"auto"``: one-day dates on the last day of a quarter (31 Mar, 30 Jun,
        30 Sep, 31 Dec); a column name: that boolean column; a sequence: one
        flag per event (in the order of *events*); ``False``/``None``: none.

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        No events, a missing ``date_start``, an end before its start, an
        unknown language, or labels that do not match the events.

    Examples
    --------
    >>> ev = pd.DataFrame({
    ...     "event": ["d45", "team", "session"], "kind": ["decision", "decision", "meeting"],
    ...     "date_start": pd.to_datetime(["2016-01-01", "2019-09-25", "2019-09-25"]),
    ...     "date_end": pd.to_datetime(["2016-12-31", "2019-09-25", "2019-12-31"]),
    ...     "title_en": ["Decision 45", "Response team set up", "Working session"],
    ...     "title_vi": ["Quyết định 45", "Thành lập đội ứng cứu", "Buổi làm việc"]})
    >>> ax = timeline(ev, language="vi", title="Các mốc")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Quyết định 45', 'Thành lập đội ứng cứu', 'Buổi làm việc']
    >>> sorted(t.get_text() for t in ax.texts if t.get_text())
    ['2016', '25/9/2019', '25/9/2019–31/12/2019']
    >>> len(ax.patches), ax.get_xlabel()
    (2, 'Năm')
    >>> plt.close(ax.figure)
    """
    lang = _lang(language)
    if not isinstance(events, pd.DataFrame):
        raise TypeError(f"events must be a pandas DataFrame, got {type(events).__name__}")
    if events.empty:
        raise ValueError("events has no rows")
    if "date_start" not in events.columns:
        raise ValueError("events has no date_start column")
    df = events.reset_index(drop=True).copy()
    df["_label"] = _event_labels(df, label, lang)
    df["_start"] = pd.to_datetime(df["date_start"])
    end = df["date_end"] if "date_end" in df.columns else df["date_start"]
    df["_end"] = pd.to_datetime(end).fillna(df["_start"])
    if df["_start"].isna().any():
        raise ValueError("events have a missing date_start")
    if (df["_end"] < df["_start"]).any():
        bad = df.loc[df["_end"] < df["_start"], "_label"].iloc[0]
        raise ValueError(f"event {bad!r} ends before it starts")
    one_day = pd.Timedelta(days=1)
    df["_as_of"] = _as_of_flags(df, as_of)
    if sort:
        df = df.sort_values(["_start", "_end"], kind="stable").reset_index(drop=True)

    if hue is not None:
        if hue not in df.columns:
            raise ValueError(f"column {hue!r} not in events")
        hues = [_kind_text(v, lang) if hue == "kind" else str(v) for v in df[hue].astype(object)]
    else:
        hues = [""] * len(df)
    hue_levels = _levels(pd.Series(hues, dtype=object))
    colors = _palette(palette, len(hue_levels))
    row_colors = [colors[hue_levels.index(h)] for h in hues]

    n = len(df)
    if ax is None:
        _, ax = plt.subplots(figsize=(10.0, max(2.6, 1.5 + 0.62 * n)), layout="constrained")
    lo = df["_start"].min()
    hi = df["_end"].max() + one_day
    span = max((hi - lo) / one_day, 30.0)
    if xlim is not None:
        left, right = pd.Timestamp(xlim[0]), pd.Timestamp(xlim[1])
    else:
        left = lo - pd.Timedelta(days=0.04 * span)
        right = hi + pd.Timedelta(days=0.04 * span)
    to_num = mdates.date2num
    marks: list[tuple[Any, float, float, bool, float]] = []  # (Annotation, start, end, window, pad)

    for i, (_, row) in enumerate(df.iterrows()):
        c, s, e = row_colors[i], row["_start"], row["_end"]
        if e > s:  # a window: the whole of both end days
            x0, x1 = to_num(s), to_num(e + one_day)
            ax.add_patch(
                Rectangle(
                    (x0, i - 0.22), x1 - x0, 0.44, facecolor=_lighten(c, 0.35), edgecolor=c, linewidth=1.5, zorder=2
                )
            )
            text, anchor, pad = period_label(s, e, lang), x1, 4.0
        else:
            conventional = bool(row["_as_of"])
            ax.plot(
                [to_num(s) + 0.5],
                [i],
                marker="D",
                markersize=9,
                markerfacecolor="white" if conventional else c,
                markeredgecolor=c if conventional else _darken(c),
                markeredgewidth=1.8 if conventional else 1.2,
                linestyle="none",
                zorder=3,
                clip_on=False,
                label="_nolegend_",
            )
            text, anchor, pad = _day_text(s, conventional, lang), to_num(s) + 0.5, 8.0
        if date_labels:
            ann = ax.annotate(
                text,
                xy=(anchor, i),
                xytext=(pad, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize="small",
                color=_TEXT_COLOR,
                annotation_clip=False,
            )
            marks.append((ann, to_num(s), anchor, e > s, pad))

    ax.set_xlim(to_num(left), to_num(right))
    ax.set_ylim(n - 0.5, -0.5)  # earliest on top
    ax.set_yticks(range(n), [_wrap(t, wrap) for t in df["_label"]], fontsize="small")
    years = (right - left) / one_day > 2 * 365
    if years:
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: str(mdates.num2date(v).year)))
    else:
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonthday=1, interval=max(1, round(span / 30 / 6))))
        month_fmt = (
            (lambda t: f"{_MONTHS_EN[t.month - 1]} {t.year}") if lang == "en" else (lambda t: f"{t.month}/{t.year}")
        )
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: month_fmt(mdates.num2date(v))))
    ax.set_xlabel(_EXTRA_TEXT[lang]["year" if years else "month"])
    ax.set_ylabel("")
    ax.grid(True, axis="x")
    ax.grid(False, axis="y")
    for loc in ("center", "right"):
        ax.set_title("", loc=loc)
    ax.set_title(
        _wrap(title if title is not None else _EXTRA_TEXT[lang]["timeline_title"], 60), loc="left", fontweight="bold"
    )
    if source:
        add_source(ax, source, lang)
    if legend:
        one = df["_end"] == df["_start"]
        shown = {
            "day": (one & ~df["_as_of"]).any(),
            "as_of": (one & df["_as_of"]).any(),
            "window": (df["_end"] > df["_start"]).any(),
        }
        handles: list[Any] = []
        labels: list[str] = []
        if shown["day"]:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="D",
                    markersize=8,
                    markerfacecolor=_KEY_COLOR,
                    markeredgecolor=_darken(_KEY_COLOR),
                    linestyle="none",
                )
            )
            labels.append(_EXTRA_TEXT[lang]["day"])
        if shown["as_of"]:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="D",
                    markersize=8,
                    markerfacecolor="white",
                    markeredgecolor=_KEY_COLOR,
                    markeredgewidth=1.8,
                    linestyle="none",
                )
            )
            labels.append(_EXTRA_TEXT[lang]["as_of"])
        if shown["window"]:
            handles.append(Patch(facecolor=_lighten(_KEY_COLOR, 0.35), edgecolor=_KEY_COLOR, linewidth=1.5))
            labels.append(_EXTRA_TEXT[lang]["window"])
        opts: dict[str, Any] = {
            "loc": "upper left",
            "borderaxespad": 0.0,
            "fontsize": "small",
            "title_fontsize": "small",
            "frameon": False,
            "alignment": "left",
        }
        if hue is not None:
            kind_title = _EXTRA_TEXT[lang]["kind"] if hue == "kind" else hue
            first = ax.legend(
                [Patch(facecolor=c, edgecolor=c) for c in colors],
                hue_levels,
                title=kind_title,
                bbox_to_anchor=(1.01, 1.0),
                **opts,
            )
            ax.add_artist(first)
            opts["loc"] = "lower left"
            anchor_y = 0.0
        else:
            anchor_y = 1.0
        ax.legend(handles, labels, title=_EXTRA_TEXT[lang]["date_legend"], bbox_to_anchor=(1.01, anchor_y), **opts)
    if marks:
        _place_timeline_labels(ax, marks, extend=xlim is None)
    items = []
    for i, (_, row) in enumerate(df.iterrows()):
        when = (
            _day_text(row["_start"], bool(row["_as_of"]), lang)
            if row["_end"] == row["_start"]
            else period_label(row["_start"], row["_end"], lang)
        )
        item = f"{' '.join(str(row['_label']).split())}: {when}"
        items.append(item + (f" ({hues[i]})" if hues[i] else ""))
    _describe(ax, "timeline", items, lang, _plotted_rows(df, list(df["_label"])))
    return ax


def _place_timeline_labels(ax: Axes, marks: Sequence[tuple[Any, float, float, bool, float]], extend: bool) -> None:
    """Put each date label inside its window, right of its mark, or left of it.

    A label goes inside a window bar when it fits there, else to the right of
    the mark when it stays within the axes, else to the left; when neither
    side has room (and the axis limits are not fixed) the axis is extended to
    the right.  Text widths are measured after a layout pass.
    """
    fig = ax.get_figure(root=True)
    assert fig is not None
    for _ in range(3):  # the layout changes a little when the limits do
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg-based canvases
        x0, x1 = ax.get_xlim()
        per_px = (x1 - x0) / max(ax.get_window_extent(renderer).width, 1.0)
        pt = fig.dpi / 72.0 * per_px  # one point in data units
        need_right = x1
        for ann, start, end, window, pad in marks:
            ann.set_horizontalalignment("left")
            width = ann.get_window_extent(renderer).width * per_px
            y = ann.xy[1]
            left_end = start if window else end  # a marker sits at *end*
            if window and end - start >= width + 8 * pt:
                ann.xy, ann.xyann = ((start + end) / 2, y), (0.0, 0.0)
                ann.set_horizontalalignment("center")
            elif end + pad * pt + width <= x1 or left_end - pad * pt - width < x0:
                ann.xy, ann.xyann = (end, y), (pad, 0.0)
                need_right = max(need_right, end + (pad + 4) * pt + width)
            else:
                ann.xy, ann.xyann = (left_end, y), (-pad, 0.0)
                ann.set_horizontalalignment("right")
        if not extend or need_right <= x1:
            break
        ax.set_xlim(x0, need_right)
