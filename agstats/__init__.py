"""agstats: sourced, typed indicators of An Giang province's ICT sector.

Every figure of the 2019 report of An Giang's Department of Information and
Communications to the Ministry of Information and Communications, as tidy
pandas tables with the source and the verbatim evidence phrase of each figure,
plus helpers for units, periods, bounds and plots.

Examples
--------
>>> import agstats
>>> df = agstats.load_indicators("postal")
>>> df[["indicator", "value", "unit", "qualifier"]].head(2)
        indicator  value    unit qualifier
0  postal_revenue  178.0  vnd_bn     exact
1  postal_revenue  150.0  vnd_bn  estimate

Plotting helpers live in :mod:`agstats.plotting`, imported on first use so
that ``import agstats`` does not load matplotlib.
"""

from __future__ import annotations

from typing import Any

from .io import (
    clear_cache,
    data_dir,
    load_context,
    load_events,
    load_exchange_rates,
    load_indicators,
    load_sources,
    load_units,
)
from .cite import short_citation, source_line, sources_markdown
from .lookup import get_figure, get_series, get_value, reconcile_figures
from .parsing import Quantity, find_quantities, format_vi, parse_number, parse_quantity
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
from .units import (
    convert,
    exchange_rate,
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

__version__ = "0.1.0"

__all__ = [
    "__version__",
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
]


def __getattr__(name: str) -> Any:
    """Import heavy submodules (plotting: matplotlib, seaborn) on first use."""
    if name == "plotting":
        import importlib

        return importlib.import_module(".plotting", __name__)
    raise AttributeError(f"module 'agstats' has no attribute {name!r}")
