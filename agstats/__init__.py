"""agstats: sourced, typed indicators of An Giang province's ICT sector.

Every figure of the 2019 report of An Giang's Department of Information and
Communications to the Ministry of Information and Communications, as tidy
pandas tables with the source and the verbatim evidence phrase of each figure,
plus helpers for units, periods, bounds and plots.

Examples
--------
>>> import agstats
>>> df = agstats.load_indicators("postal")  # An Giang before the 2025 merger, by default
>>> df[["indicator", "value", "unit", "qualifier"]].head(2)
        indicator  value    unit qualifier
0  postal_revenue  178.0  vnd_bn     exact
1  postal_revenue  150.0  vnd_bn  estimate
>>> print(agstats.describe("postal_revenue").canonical_unit)
vnd_bn

Areas are chosen with ``area=`` (one code, a list, or ``"all"``; see
docs/areas.md); units are brought to one per indicator with
``load_indicators(canonical=True)`` or :func:`agstats.units.normalise`.

Plotting helpers live in :mod:`agstats.plotting`, imported on first use so
that ``import agstats`` does not load matplotlib.
"""

from __future__ import annotations

from typing import Any

from ._version import __version__
from .areas import area_name
from .catalogue import IndicatorMetadata, catalogue, describe
from .cite import short_citation, source_line, sources_markdown
from .io import (
    area_codes,
    clear_cache,
    data_dir,
    data_version,
    load_catalogue,
    load_context,
    load_events,
    load_exchange_rates,
    load_indicators,
    load_sources,
    load_units,
    select_areas,
)
from .language import get_language, set_language, tr
from .lookup import get_figure, get_series, get_value, reconcile_figures
from .narrative import glue
from .series import (
    AnnualisedGrowth,
    Interval,
    Reconciliation,
    annualise,
    annualise_band,
    cagr,
    growth,
    growth_annualised,
    implied_remainder,
    months_in_period,
    reconcile,
    row_interval,
    to_intervals,
    years_between,
)
from .trends import Citations, FigurePicker, interval_text, percent_text, signed_percent_text
from .units import (
    canonical_units,
    convert,
    exchange_rate,
    normalise,
    per_area,
    per_capita,
    per_inhabitants,
    to_vnd,
    unit_dimension,
    unit_factor,
    usd_to_vnd,
    vnd_to_usd,
)
from .validation import DataValidationError, Problem, count_list_items, list_items, validate_package

__all__ = [
    "__version__",
    "data_version",
    "describe",
    "catalogue",
    "IndicatorMetadata",
    "load_catalogue",
    "area_codes",
    "select_areas",
    "canonical_units",
    "normalise",
    "clear_cache",
    "data_dir",
    "load_context",
    "load_events",
    "load_exchange_rates",
    "load_indicators",
    "load_sources",
    "load_units",
    "get_figure",
    "get_series",
    "get_value",
    "reconcile_figures",
    "Reconciliation",
    "reconcile",
    "cagr",
    "years_between",
    "short_citation",
    "source_line",
    "sources_markdown",
    "AnnualisedGrowth",
    "Interval",
    "annualise",
    "annualise_band",
    "growth",
    "growth_annualised",
    "implied_remainder",
    "months_in_period",
    "row_interval",
    "to_intervals",
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
    "Quantity",
    "Mention",
    "scan",
    "Extraction",
    "draft_rows",
    "extract_figures",
    "find_quantities",
    "format_vi",
    "parse_number",
    "parse_quantity",
    "DataValidationError",
    "Problem",
    "validate_package",
    "list_items",
    "count_list_items",
    "plotting",
    "area_name",
    "get_language",
    "set_language",
    "tr",
    "glue",
    "Table",
    "table",
    "format_interval",
    "Citations",
    "FigurePicker",
    "interval_text",
    "percent_text",
    "signed_percent_text",
    "value_text",
    "qualifier_name",
    "join_words",
    "event_kind_name",
]


#: Public names imported on first use, so that ``import agstats`` stays light: plotting needs
#: matplotlib and seaborn; the parser compiles its regular expressions on import. (The
#: extractor's ``extract()`` function is not re-exported: ``agstats.extract`` is its module.)
_LAZY = {
    "plotting": (".plotting", None),
    "Table": (".tables", "Table"),
    "table": (".tables", "table"),
    "format_interval": (".intervals", "format_interval"),
    "value_text": (".tables", "value_text"),
    "qualifier_name": (".wording", "qualifier_name"),
    "join_words": (".wording", "join_words"),
    "event_kind_name": (".wording", "event_kind_name"),
    "Quantity": (".parsing", "Quantity"),
    "find_quantities": (".parsing", "find_quantities"),
    "format_vi": (".parsing", "format_vi"),
    "parse_number": (".parsing", "parse_number"),
    "parse_quantity": (".parsing", "parse_quantity"),
    "Mention": (".parsing", "Mention"),
    "scan": (".parsing", "scan"),
    "Extraction": (".extract", "Extraction"),
    "draft_rows": (".extract", "draft_rows"),
    "extract_figures": (".extract", "extract_figures"),
}


def __getattr__(name: str) -> Any:
    """Import the lazy names of :data:`_LAZY` on first use."""
    if name in _LAZY:
        import importlib

        module_name, attr = _LAZY[name]
        module = importlib.import_module(module_name, __name__)
        value = module if attr is None else getattr(module, attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'agstats' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
