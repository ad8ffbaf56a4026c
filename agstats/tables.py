"""Tables for people: labels, units in headers, the language's separators.

:func:`table` turns data rows (or any small frame) into a table a reader can
use: labels instead of ids, unit names instead of unit codes (in the header
when a column has one unit), numbers with the thousands separator of the
page's language, qualifier marks (≈, ≥, ≤, "est.") instead of codes, no
index column, and text that wraps instead of being cut with "…". The result
shows as HTML in Jupyter and on the site (class ``agstats-table``, every text
escaped), and as aligned plain text elsewhere.

Examples
--------
>>> import agstats
>>> from agstats.tables import table
>>> rows = agstats.load_indicators("postal", area="an_giang_pre2025").query("source == 'mic2019'")
>>> print(table(rows[rows.indicator == "postal_revenue"], language="en"))
Figure                         Period        Value (billion VND)  Source
Revenue of postal enterprises  2018                          178  mic2019
Revenue of postal enterprises  Jan–Sep 2019           150 (est.)  mic2019
est. an estimate.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .areas import area_name
from .escape import html_text
from .language import check_language, tr

__all__ = ["Table", "marks_key", "qualifier_marks", "table", "value_text"]

#: qualifier -> (mark before the number, mark after it), as (English, Vietnamese).
_MARKS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "exact": (("", ""), ("", "")),
    "estimate": (("", " (est.)"), ("", " (ước)")),
    "approximate": (("≈ ", ""), ("≈ ", "")),
    "lower_bound": (("≥ ", ""), ("≥ ", "")),
    "estimate_lower_bound": (("≥ ", " (est.)"), ("≥ ", " (ước)")),
    "upper_bound": (("≤ ", ""), ("≤ ", "")),
    "target": (("", " (target)"), ("", " (mục tiêu)")),
}

#: The key printed under a table that uses marks: mark -> (English, Vietnamese).
_KEY: dict[str, tuple[str, str]] = {
    "≈": ("≈ approximately", "≈ khoảng"),
    "≥": ("≥ at least", "≥ ít nhất"),
    "≤": ("≤ at most", "≤ nhiều nhất"),
    "est.": ("est. an estimate", "ước: số ước tính"),
    "target": ("target: a plan, not a result", "mục tiêu: kế hoạch, không phải kết quả"),
}
_KEY_OF = {
    "approximate": ("≈",),
    "lower_bound": ("≥",),
    "upper_bound": ("≤",),
    "estimate": ("est.",),
    "estimate_lower_bound": ("≥", "est."),
    "target": ("target",),
}


def marks_key(qualifiers: Sequence[str], lang: str) -> str | None:
    """The key to the marks a table of these qualifiers uses, or None when it uses none.

    Examples
    --------
    >>> marks_key(["exact", "estimate_lower_bound"], "en")
    '≥ at least; est. an estimate.'
    """
    marks = [m for m in _KEY if any(m in _KEY_OF.get(q, ()) for q in qualifiers)]
    if not marks:
        return None
    return "; ".join(_KEY[m][0 if lang == "en" else 1] for m in marks) + "."


def _number(value: Any, lang: str, decimals: int | None = None) -> str:
    from .plotting import format_number  # lazy: matplotlib is an extra

    return format_number(value, lang, decimals)


def _is_missing(value: Any) -> bool:
    try:
        return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def _cell(value: Any, lang: str, decimals: int | None) -> str:
    if _is_missing(value):
        return "–"
    if isinstance(value, bool):
        return tr("yes", "có", lang) if value else tr("no", "không", lang)
    if isinstance(value, numbers.Number):
        return _number(value, lang, decimals)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%d/%m/%Y") if lang == "vi" else value.strftime("%d %b %Y")
    return str(value)


def value_text(value: float, qualifier: str = "exact", unit: str | None = None, language: str | None = None) -> str:
    """A value as a table cell or in prose: qualifier marks, separators, unit.

    Examples
    --------
    >>> value_text(4600, "lower_bound", "vnd_bn", "vi")
    '≥ 4.600 tỷ đồng'
    >>> value_text(150, "estimate", "vnd_bn", "en")
    '150 billion VND (est.)'
    """
    from .plotting import unit_text

    lang = check_language(language)
    before, after = qualifier_marks(qualifier, lang)
    utext = unit_text(unit, lang) if unit else ""
    number = _number(value, lang)
    if utext == "%":
        return f"{before}{number}%{after}"
    return f"{before}{number}{' ' + utext if utext else ''}{after}"


def qualifier_marks(qualifier: Any, lang: str) -> tuple[str, str]:
    """The marks written before and after a number of this qualifier.

    Raises
    ------
    ValueError
        For an unknown qualifier.

    Examples
    --------
    >>> qualifier_marks("estimate_lower_bound", "vi")
    ('≥ ', ' (ước)')
    """
    try:
        marks = _MARKS[str(qualifier)]
    except KeyError:
        raise ValueError(f"unknown qualifier {qualifier!r}; expected one of {', '.join(_MARKS)}") from None
    return marks[0] if lang == "en" else marks[1]


class Table:
    """A table for people (see :func:`table`): ``.frame`` holds its text cells.

    Attributes
    ----------
    frame : DataFrame
        The cells as text, with the headers as column names (no index).
    caption : str or None
        The table's caption.
    note : str or None
        The key to the marks (or a note given by the caller), printed below.
    numeric : list of str
        Headers of the columns aligned to the right.
    """

    def __init__(self, frame: pd.DataFrame, *, caption: str | None, note: str | None, numeric: Sequence[str]):
        self.frame = frame
        self.caption = caption
        self.note = note
        self.numeric = list(numeric)

    def __repr__(self) -> str:
        widths = {c: max([len(str(c)), *(len(v) for v in self.frame[c])]) for c in self.frame.columns}

        def line(cells: Mapping[str, str]) -> str:
            return "  ".join(
                str(cells[c]).rjust(widths[c]) if c in self.numeric else str(cells[c]).ljust(widths[c])
                for c in self.frame.columns
            ).rstrip()

        out = [self.caption] if self.caption else []
        out.append(line({c: c for c in self.frame.columns}))
        out.extend(line(dict(r)) for _, r in self.frame.iterrows())
        if self.note:
            out.append(self.note)
        return "\n".join(out)

    def _repr_html_(self) -> str:
        def cls(c: str) -> str:
            return ' class="num"' if c in self.numeric else ""

        head = "".join(f'<th scope="col"{cls(c)}>{html_text(c)}</th>' for c in self.frame.columns)
        body = "".join(
            "<tr>" + "".join(f"<td{cls(str(c))}>{html_text(v)}</td>" for c, v in r.items()) + "</tr>"
            for _, r in self.frame.iterrows()
        )
        caption = f"<caption>{html_text(self.caption)}</caption>" if self.caption else ""
        note = f'<p class="agstats-table-note">{html_text(self.note)}</p>' if self.note else ""
        return (
            f'<div class="agstats-table-wrap"><table class="agstats-table">{caption}'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}</div>"
        )

    def to_html(self) -> str:
        """The table as escaped HTML (what Jupyter and the site show)."""
        return self._repr_html_()


def _data_rows_frame(
    data: pd.DataFrame, lang: str, source: bool, area: bool | None
) -> tuple[pd.DataFrame, list[str], str | None]:
    from .plotting import period_label, unit_text

    units = data["unit"].astype(str).unique().tolist()
    one_unit = len(units) == 1
    label_col = f"label_{lang}"
    out: dict[str, list[str]] = {tr("Figure", "Chỉ tiêu", lang): [str(v) for v in data[label_col]]}
    show_area = area if area is not None else data["area"].astype(str).nunique() > 1
    if show_area:
        out[tr("Area", "Địa bàn", lang)] = [area_name(a, lang) for a in data["area"].astype(str)]
    out[tr("Period", "Thời kỳ", lang)] = [
        period_label(s, e, lang) for s, e in zip(data["period_start"], data["period_end"], strict=True)
    ]
    cells = []
    for v, q, u in zip(data["value"], data["qualifier"].astype(str), data["unit"].astype(str), strict=True):
        if one_unit:
            before, after = qualifier_marks(q, lang)
            cells.append(f"{before}{_number(v, lang)}{after}")
        else:
            cells.append(value_text(v, q, u, lang))
    utext = unit_text(units[0], lang) if one_unit else ""
    value_header = tr("Value", "Giá trị", lang) + (f" ({utext})" if utext else "")
    out[value_header] = cells
    if source:
        out[tr("Source", "Nguồn", lang)] = [str(s) for s in data["source"]]
    return pd.DataFrame(out), [value_header], marks_key(data["qualifier"].astype(str).unique().tolist(), lang)


def table(
    data: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    *,
    language: str | None = None,
    caption: str | None = None,
    note: str | None = None,
    decimals: int | Mapping[str, int] | None = None,
    source: bool = True,
    area: bool | None = None,
    verbatim: Sequence[str] = (),
) -> Table:
    """A table for people from data rows or from any small frame.

    Parameters
    ----------
    data : DataFrame
        Data rows as loaded by :func:`agstats.load_indicators` /
        :func:`agstats.load_context` (columns ``label_en``, ``label_vi``,
        ``value``, ``unit``, ``qualifier``, ``period_start``, ``period_end``,
        ``area``, ``source``), or any frame together with *columns*.
    columns : mapping of str to str, optional
        For any frame: which columns to show, in order, and their headers
        (write them with :func:`agstats.tr` for both editions). Without it,
        *data* must be data rows.
    language : {"en", "vi"}, optional
        Defaults to the current language (:mod:`agstats.language`).
    caption, note : str, optional
        A caption above and a note below (the note defaults to the key of
        the qualifier marks when the table uses any).
    decimals : int or mapping, optional
        Fixed decimals for numbers (one for all columns, or per column name).
    source : bool, default True
        Data rows: show the source id column.
    area : bool, optional
        Data rows: show the area column (default: when there is more than one).
    verbatim : sequence of str, optional
        Columns shown as written, without separators (years, codes).

    Returns
    -------
    Table
        Shows as HTML in Jupyter; ``str()`` gives aligned text.

    Raises
    ------
    KeyError
        If a column of *columns* (or a data-row column) is missing.
    ValueError
        For an unknown qualifier.

    Examples
    --------
    >>> import pandas as pd
    >>> t = table(pd.DataFrame({"year": [2019], "n": [4600.5]}),
    ...           {"year": "Year", "n": "Count"}, language="vi", verbatim=["year"])
    >>> print(t)
    Year    Count
    2019  4.600,5
    """
    lang = check_language(language)
    if columns is None:
        needed = ["value", "unit", "qualifier", "period_start", "period_end", "area", "source", f"label_{lang}"]
        missing = [c for c in needed if c not in data.columns]
        if missing:
            raise KeyError(
                f"table() without columns= needs data rows; missing column(s) {', '.join(missing)}. "
                "For another frame pass columns={'column': 'Header', ...}"
            )
        frame, numeric, key = _data_rows_frame(data.reset_index(drop=True), lang, source, area)
        if note is None:
            note = key
        return Table(frame, caption=caption, note=note, numeric=numeric)
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise KeyError(f"table(): no column {', '.join(map(repr, missing))} in the frame")
    out: dict[str, list[str]] = {}
    numeric = []
    for col, header in columns.items():
        dec = decimals.get(col) if isinstance(decimals, Mapping) else decimals
        values = data[col].tolist()
        if col in verbatim:
            out[header] = ["–" if _is_missing(v) else str(v) for v in values]
            continue
        out[header] = [_cell(v, lang, dec) for v in values]
        if values and all(isinstance(v, numbers.Number) and not isinstance(v, bool) for v in values):
            numeric.append(header)
    return Table(pd.DataFrame(out), caption=caption, note=note, numeric=numeric)
