"""The indicator catalogue: what each indicator id means, and what the data hold for it.

``data/catalogue.csv`` states, once per indicator id, what is counted (the
*definition*), the *canonical unit* rows are brought to, and the caveats of its
sources (*notes*). :func:`describe` joins that record with the coverage of the
rows (areas, periods, sources, number of rows), like the per-indicator metadata
of Our World in Data; :func:`catalogue` returns every record as one table.

Examples
--------
>>> info = describe("telecom_revenue")
>>> info.canonical_unit, info.n_rows, info.areas
('vnd_bn', 4, ('an_giang_pre2025', 'long_an'))
>>> cat = catalogue()
>>> int(cat.set_index("indicator").loc["telecom_revenue", "n_rows"])
4
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .escape import html_text

__all__ = ["IndicatorMetadata", "catalogue", "describe"]

#: How every figure is processed (the same for all indicators; see docs/ and data/README.md).
PROCESSING = (
    "Each row is one figure transcribed from a cited source, with the verbatim evidence phrase; the value and "
    "unit are those the source states (validated on load). Periods follow docs/decisions.md. Rows of different "
    "units are brought to the canonical unit only on request (agstats.units.normalise, "
    "load_indicators(canonical=True)); a change of currency needs currency=True."
)


@dataclass(frozen=True)
class IndicatorMetadata:
    """The metadata record of one indicator: its catalogue row plus the coverage of its rows.

    Attributes
    ----------
    indicator, sector, label_en, label_vi, definition, canonical_unit, notes : str
        The catalogue row (``data/catalogue.csv``).
    canonical_unit_label : str
        English label of the canonical unit (from ``units.csv``).
    table : str
        ``"indicators"`` or ``"context"``: where the rows are.
    n_rows : int
        Number of rows (all areas).
    areas, sources, units, qualifiers : tuple of str
        The distinct values of the rows, in the order of the data.
    periods : tuple of str
        Every row's period as ``YYYY-MM-DD..YYYY-MM-DD`` (a stock has one date twice), sorted.
    first_date, last_date : str
        Earliest ``period_start`` and latest ``period_end`` (ISO dates).
    processing : str
        How the figures were processed (the same for every indicator).

    Examples
    --------
    >>> print(describe("postal_service_points"))  # doctest: +ELLIPSIS
    postal_service_points — Postal service points
    Tổng số điểm phục vụ bưu chính
    ...
    canonical unit: count (count)
    ...
    """

    indicator: str
    sector: str
    label_en: str
    label_vi: str
    definition: str
    canonical_unit: str
    canonical_unit_label: str
    notes: str
    table: str
    n_rows: int
    areas: tuple[str, ...]
    periods: tuple[str, ...]
    first_date: str
    last_date: str
    sources: tuple[str, ...]
    units: tuple[str, ...]
    qualifiers: tuple[str, ...]
    processing: str = PROCESSING

    def to_dict(self) -> dict[str, Any]:
        """Return the record as a plain dict (tuples become lists), e.g. for JSON.

        Examples
        --------
        >>> describe("telecom_revenue").to_dict()["sources"]
        ['mic2019', 'agportal2019yearend', 'baolongan2024ict']
        """
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    def _lines(self) -> list[tuple[str, str]]:
        return [
            ("definition", self.definition),
            ("canonical unit", f"{self.canonical_unit} ({self.canonical_unit_label})"),
            ("sector", self.sector),
            ("areas", ", ".join(self.areas)),
            ("periods covered", f"{self.first_date} to {self.last_date}; {len(self.periods)} row period(s)"),
            ("periods", "; ".join(self.periods)),
            ("units stated", ", ".join(self.units)),
            ("qualifiers", ", ".join(self.qualifiers)),
            ("sources", ", ".join(self.sources)),
            ("rows", f"{self.n_rows} in {self.table}.csv"),
            ("notes", self.notes or "—"),
            ("processing", self.processing),
        ]

    def __str__(self) -> str:
        head = [f"{self.indicator} — {self.label_en}", self.label_vi]
        return "\n".join(head + [f"{k}: {v}" for k, v in self._lines()])

    def _repr_html_(self) -> str:
        rows = "".join(
            f'<tr><th style="text-align:left;vertical-align:top">{html_text(k)}</th>'
            f'<td style="text-align:left">{html_text(v)}</td></tr>'
            for k, v in self._lines()
        )
        return (
            f'<div class="agstats-indicator"><p><strong><code>{html_text(self.indicator)}</code> — '
            f"{html_text(self.label_en)}</strong><br><em>{html_text(self.label_vi)}</em></p>"
            f"<table>{rows}</table></div>"
        )


def _rows(data_dir: Path | str | None) -> pd.DataFrame:
    from .io import load_context, load_indicators

    frames = []
    for name, load in (("indicators", load_indicators), ("context", load_context)):
        df = load(area="all", data_dir=data_dir)
        for col in ("sector", "unit", "qualifier", "area", "method"):
            df[col] = df[col].astype("str")
        frames.append(df.assign(table=name))
    return pd.concat(frames, ignore_index=True)


def _period(start: pd.Timestamp, end: pd.Timestamp) -> str:
    return f"{start:%Y-%m-%d}..{end:%Y-%m-%d}"


def _unique(values: pd.Series) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(v) for v in values))


def _metadata(entry: pd.Series, rows: pd.DataFrame, unit_labels: dict[str, str]) -> IndicatorMetadata:
    periods = tuple(sorted(_period(s, e) for s, e in zip(rows["period_start"], rows["period_end"])))
    return IndicatorMetadata(
        indicator=str(entry["indicator"]),
        sector=str(entry["sector"]),
        label_en=str(entry["label_en"]),
        label_vi=str(entry["label_vi"]),
        definition=str(entry["definition"]),
        canonical_unit=str(entry["canonical_unit"]),
        canonical_unit_label=unit_labels.get(str(entry["canonical_unit"]), ""),
        notes=str(entry["notes"]),
        table=str(rows["table"].iloc[0]) if len(rows) else "",
        n_rows=len(rows),
        areas=_unique(rows["area"]),
        periods=periods,
        first_date=f"{rows['period_start'].min():%Y-%m-%d}" if len(rows) else "",
        last_date=f"{rows['period_end'].max():%Y-%m-%d}" if len(rows) else "",
        sources=_unique(rows["source"]),
        units=_unique(rows["unit"]),
        qualifiers=_unique(rows["qualifier"]),
    )


def describe(indicator: str, *, data_dir: Path | str | None = None) -> IndicatorMetadata:
    """Return the metadata record of one indicator: definition, unit, coverage, sources, notes.

    Parameters
    ----------
    indicator : str
        Indicator id of ``indicators.csv`` or ``context.csv``.
    data_dir : path, optional
        Another data package folder.

    Returns
    -------
    IndicatorMetadata
        Printable (``print(describe(...))``) and shown as a table in Jupyter.

    Raises
    ------
    ValueError
        For an unknown id (the message suggests the closest ids).

    Examples
    --------
    >>> info = describe("telecom_revenue")
    >>> info.label_en, info.first_date, info.last_date
    ('Telecommunications revenue', '2018-01-01', '2024-06-30')
    >>> info.periods
    ('2018-01-01..2018-12-31', '2019-01-01..2019-09-30', '2019-01-01..2019-12-31', '2024-01-01..2024-06-30')
    >>> describe("telecom_revenu")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown indicator 'telecom_revenu' (did you mean 'telecom_revenue'...?); ... are known: agstats.catalogue() (or `agstats catalogue`) lists them
    """
    from .io import load_catalogue, load_units, unknown_value_error

    cat = load_catalogue(data_dir=data_dir)
    match = cat[cat["indicator"] == indicator]
    if match.empty:
        raise unknown_value_error(
            "indicator", indicator, cat["indicator"], listing="agstats.catalogue() (or `agstats catalogue`)"
        )
    rows = _rows(data_dir)
    units = load_units(data_dir=data_dir)
    labels = dict(zip(units["code"].astype(str), units["label_en"].astype(str)))
    return _metadata(match.iloc[0], rows[rows["indicator"] == indicator], labels)


def catalogue(*, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Return the whole indicator catalogue with coverage columns computed from the rows.

    Parameters
    ----------
    data_dir : path, optional
        Another data package folder.

    Returns
    -------
    pandas.DataFrame
        The columns of ``catalogue.csv`` (``indicator, sector, label_en,
        label_vi, definition, canonical_unit, notes``) then ``table``,
        ``n_rows``, ``areas``, ``first_date``, ``last_date``, ``sources``,
        ``units`` (lists joined with ``", "``; dates ISO ``YYYY-MM-DD``), one
        row per indicator in the order of the catalogue.

    Examples
    --------
    >>> cat = catalogue()
    >>> list(cat.columns)[:7]
    ['indicator', 'sector', 'label_en', 'label_vi', 'definition', 'canonical_unit', 'notes']
    >>> cat.set_index("indicator").loc["postal_revenue", ["areas", "units"]].tolist()
    ['an_giang_pre2025, long_an', 'vnd_bn']
    """
    from .io import load_catalogue, load_units

    cat = load_catalogue(data_dir=data_dir)
    rows = _rows(data_dir)
    units = load_units(data_dir=data_dir)
    labels = dict(zip(units["code"].astype(str), units["label_en"].astype(str)))
    by_id = {k: g for k, g in rows.groupby("indicator", sort=False)}
    records = []
    for _, entry in cat.iterrows():
        meta = _metadata(entry, by_id.get(str(entry["indicator"]), rows.iloc[0:0]), labels)
        records.append(
            {
                "table": meta.table,
                "n_rows": meta.n_rows,
                "areas": ", ".join(meta.areas),
                "first_date": meta.first_date,
                "last_date": meta.last_date,
                "sources": ", ".join(meta.sources),
                "units": ", ".join(meta.units),
            }
        )
    coverage = pd.DataFrame(records, index=cat.index, columns=list(records[0]) if records else None)
    out = pd.concat([cat.astype({"sector": "str"}), coverage], axis=1)
    out["n_rows"] = out["n_rows"].astype("int64")
    return out


def to_json(record: IndicatorMetadata) -> str:
    """Serialise a record as JSON (UTF-8 text, not ASCII-escaped).

    Examples
    --------
    >>> json.loads(to_json(describe("population")))["canonical_unit"]
    'persons'
    """
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=1)
