"""The indicator catalogue: what each indicator id means, and what the data hold for it.

``data/catalogue.csv`` states, once per indicator id, what is counted (the
*definition*), the *canonical unit* rows are brought to, and the caveats of its
sources (*notes*), in English and in Vietnamese (``definition_vi``,
``notes_vi``). :func:`describe` joins that record with the coverage of the
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
>>> describe("telecom_revenue", language="vi").definition_vi[:24]
'Doanh thu viễn thông đạt'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .escape import html_text

__all__ = ["IndicatorMetadata", "catalogue", "describe", "text_in"]

#: How every figure is processed (the same for all indicators; see docs/ and data/README.md).
PROCESSING = (
    "Each row is one figure transcribed from a cited source, with the verbatim evidence phrase; the value and "
    "unit are those the source states (validated on load). Periods follow docs/decisions.md. Rows of different "
    "units are brought to the canonical unit only on request (agstats.units.normalise, "
    "load_indicators(canonical=True)); a change of currency needs currency=True."
)
#: :data:`PROCESSING` in Vietnamese.
PROCESSING_VI = (
    "Mỗi dòng là một số liệu được chép từ một nguồn có trích dẫn, kèm nguyên văn cụm từ làm bằng chứng; giá trị và "
    "đơn vị là những gì nguồn nêu (được kiểm tra khi nạp). Kỳ của số liệu theo docs/decisions.md. Các dòng có đơn "
    "vị khác nhau chỉ được quy về đơn vị chuẩn khi được yêu cầu (agstats.units.normalise, "
    "load_indicators(canonical=True)); đổi sang tiền tệ khác cần currency=True."
)

#: The keys of a printed record, in English and Vietnamese.
_KEYS = {
    "definition": "định nghĩa",
    "canonical unit": "đơn vị chuẩn",
    "sector": "lĩnh vực",
    "areas": "địa bàn",
    "periods covered": "thời gian bao phủ",
    "periods": "các kỳ",
    "units stated": "đơn vị nguồn ghi",
    "qualifiers": "loại giá trị",
    "sources": "nguồn",
    "rows": "số dòng",
    "notes": "ghi chú",
    "processing": "cách xử lý",
}


def text_in(row: Mapping[str, Any], column: str, language: str | None = None) -> tuple[str, str]:
    """The text of a catalogue column in a language, and the language it is actually written in.

    The Vietnamese text of ``column`` is the column ``column + "_vi"``; when it
    is empty (a row not yet translated) the English text is returned, with
    ``"en"``, so that a page can mark it (``lang="en"``).

    Parameters
    ----------
    row : mapping
        A catalogue row (a dict, a pandas Series).
    column : {"definition", "notes"}
        The English column.
    language : {"en", "vi"}, optional
        Default: the current language (:mod:`agstats.language`).

    Returns
    -------
    (str, str)
        The text (``""`` when the column is empty in both languages) and its language code.

    Examples
    --------
    >>> row = {"definition": "Number of posts.", "definition_vi": "Số bưu cục.", "notes": "Stock.", "notes_vi": ""}
    >>> text_in(row, "definition", "vi"), text_in(row, "notes", "vi"), text_in(row, "notes", "en")
    (('Số bưu cục.', 'vi'), ('Stock.', 'en'), ('Stock.', 'en'))
    """
    from .language import check_language

    def cell(name: str) -> str:
        value = row.get(name)
        return value.strip() if isinstance(value, str) else ""

    if check_language(language) == "vi" and cell(column + "_vi"):
        return cell(column + "_vi"), "vi"
    return cell(column), "en"


@dataclass(frozen=True)
class IndicatorMetadata:
    """The metadata record of one indicator: its catalogue row plus the coverage of its rows.

    Attributes
    ----------
    indicator, sector, label_en, label_vi, definition, definition_vi, canonical_unit, notes, notes_vi : str
        The catalogue row (``data/catalogue.csv``); the Vietnamese texts are ``""`` in a row not yet
        translated.
    canonical_unit_label, canonical_unit_label_vi : str
        English and Vietnamese labels of the canonical unit (from ``units.csv``).
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
    language : {"en", "vi"}
        The language the record is printed and shown in (:func:`describe`'s ``language``): the
        words around the values, the definition and the notes (the English text where a
        Vietnamese one is missing, marked "(tiếng Anh)").

    Examples
    --------
    >>> print(describe("postal_service_points"))  # doctest: +ELLIPSIS
    postal_service_points — Postal service points
    Tổng số điểm phục vụ bưu chính
    ...
    canonical unit: count (count)
    ...
    >>> print(describe("postal_service_points", language="vi"))  # doctest: +ELLIPSIS
    postal_service_points — Tổng số điểm phục vụ bưu chính
    Postal service points
    định nghĩa: Số điểm phục vụ bưu chính trên địa bàn tại một thời điểm ...
    đơn vị chuẩn: count (...)
    ...
    """

    indicator: str
    sector: str
    label_en: str
    label_vi: str
    definition: str
    definition_vi: str
    canonical_unit: str
    canonical_unit_label: str
    canonical_unit_label_vi: str
    notes: str
    notes_vi: str
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
    language: str = "en"

    def to_dict(self) -> dict[str, Any]:
        """Return the record as a plain dict (tuples become lists), e.g. for JSON.

        Examples
        --------
        >>> describe("telecom_revenue").to_dict()["sources"]
        ['mic2019', 'agportal2019yearend', 'baolongan2024ict']
        """
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    def _text(self, column: str) -> tuple[str, str]:
        return text_in(asdict(self), column, self.language)

    def _lines(self) -> list[tuple[str, str, str]]:
        """(key, value, language of the value) in the record's language."""
        vi = self.language == "vi"
        definition, definition_lang = self._text("definition")
        notes, notes_lang = self._text("notes")
        unit_label = self.canonical_unit_label_vi if vi and self.canonical_unit_label_vi else self.canonical_unit_label
        if vi:
            covered = f"{self.first_date} đến {self.last_date}; {len(self.periods)} kỳ của các dòng"
            rows = f"{self.n_rows} dòng trong {self.table}.csv"
            processing = PROCESSING_VI if self.processing == PROCESSING else self.processing
        else:
            covered = f"{self.first_date} to {self.last_date}; {len(self.periods)} row period(s)"
            rows = f"{self.n_rows} in {self.table}.csv"
            processing = self.processing
        lines = [
            ("definition", definition, definition_lang),
            ("canonical unit", f"{self.canonical_unit} ({unit_label})", ""),
            ("sector", self.sector, ""),
            ("areas", ", ".join(self.areas), ""),
            ("periods covered", covered, ""),
            ("periods", "; ".join(self.periods), ""),
            ("units stated", ", ".join(self.units), ""),
            ("qualifiers", ", ".join(self.qualifiers), ""),
            ("sources", ", ".join(self.sources), ""),
            ("rows", rows, ""),
            ("notes", notes or "—", notes_lang if notes else ""),
            ("processing", processing, ""),
        ]
        if vi:
            return [(_KEYS[k], v, lang if lang != "vi" else "") for k, v, lang in lines]
        return [(k, v, "") for k, v, _ in lines]

    def _labels(self) -> tuple[str, str]:
        """The label in the record's language, then the other."""
        return (self.label_vi, self.label_en) if self.language == "vi" else (self.label_en, self.label_vi)

    def __str__(self) -> str:
        first, second = self._labels()
        head = [f"{self.indicator} — {first}", second]
        body = [f"{k}: {v}" + (" (tiếng Anh)" if lang == "en" else "") for k, v, lang in self._lines()]
        return "\n".join(head + body)

    def _repr_html_(self) -> str:
        rows = "".join(
            f'<tr><th style="text-align:left;vertical-align:top">{html_text(k)}</th>'
            f'<td style="text-align:left"{_lang_attr(lang)}>{html_text(v)}</td></tr>'
            for k, v, lang in self._lines()
        )
        first, second = self._labels()
        vi = self.language == "vi"  # the English record stays as it always was
        return (
            f'<div class="agstats-indicator"{_lang_attr("vi" if vi else "")}><p><strong><code>'
            f"{html_text(self.indicator)}</code> — {html_text(first)}</strong><br>"
            f"<em{_lang_attr('en' if vi else '')}>{html_text(second)}</em></p>"
            f"<table>{rows}</table></div>"
        )


def _lang_attr(lang: str) -> str:
    """`` lang="xx"`` for an HTML element written in another language than the record ('' otherwise)."""
    return f' lang="{html_text(lang)}"' if lang else ""


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


def _metadata(
    entry: pd.Series,
    rows: pd.DataFrame,
    unit_labels: dict[str, tuple[str, str]],
    language: str = "en",
) -> IndicatorMetadata:
    periods = tuple(sorted(_period(s, e) for s, e in zip(rows["period_start"], rows["period_end"])))
    return IndicatorMetadata(
        indicator=str(entry["indicator"]),
        sector=str(entry["sector"]),
        label_en=str(entry["label_en"]),
        label_vi=str(entry["label_vi"]),
        definition=str(entry["definition"]),
        definition_vi=_cell(entry.get("definition_vi")),
        canonical_unit=str(entry["canonical_unit"]),
        canonical_unit_label=unit_labels.get(str(entry["canonical_unit"]), ("", ""))[0],
        canonical_unit_label_vi=unit_labels.get(str(entry["canonical_unit"]), ("", ""))[1],
        notes=_cell(entry.get("notes")),
        notes_vi=_cell(entry.get("notes_vi")),
        table=str(rows["table"].iloc[0]) if len(rows) else "",
        n_rows=len(rows),
        areas=_unique(rows["area"]),
        periods=periods,
        first_date=f"{rows['period_start'].min():%Y-%m-%d}" if len(rows) else "",
        last_date=f"{rows['period_end'].max():%Y-%m-%d}" if len(rows) else "",
        sources=_unique(rows["source"]),
        units=_unique(rows["unit"]),
        qualifiers=_unique(rows["qualifier"]),
        language=language,
    )


def _cell(value: object) -> str:
    """A text cell ('' when missing)."""
    return value if isinstance(value, str) else ""


def _unit_labels(units: pd.DataFrame) -> dict[str, tuple[str, str]]:
    vi = units["label_vi"] if "label_vi" in units else units["label_en"]
    return {str(c): (str(en), str(v)) for c, en, v in zip(units["code"], units["label_en"], vi)}


def describe(indicator: str, *, language: str | None = None, data_dir: Path | str | None = None) -> IndicatorMetadata:
    """Return the metadata record of one indicator: definition, unit, coverage, sources, notes.

    Parameters
    ----------
    indicator : str
        Indicator id of ``indicators.csv`` or ``context.csv``.
    language : {"en", "vi"}, optional
        The language the record is printed and shown in (default: the current language,
        :mod:`agstats.language`). The record holds both languages' texts either way.
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
    >>> describe("telecom_revenue", language="vi").notes_vi[:24]
    'Chỉ gồm số liệu cấp tỉnh'
    >>> describe("telecom_revenu")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown indicator 'telecom_revenu' (did you mean 'telecom_revenue'...?); ... are known: agstats.catalogue() (or `agstats catalogue`) lists them
    """
    from .io import load_catalogue, load_units, unknown_value_error
    from .language import check_language

    language = check_language(language)
    cat = load_catalogue(data_dir=data_dir)
    match = cat[cat["indicator"] == indicator]
    if match.empty:
        raise unknown_value_error(
            "indicator", indicator, cat["indicator"], listing="agstats.catalogue() (or `agstats catalogue`)"
        )
    rows = _rows(data_dir)
    labels = _unit_labels(load_units(data_dir=data_dir))
    return _metadata(match.iloc[0], rows[rows["indicator"] == indicator], labels, language)


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
        label_vi, definition, canonical_unit, notes, definition_vi,
        notes_vi``) then ``table``,
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
    labels = _unit_labels(load_units(data_dir=data_dir))
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
