"""Escape text from the data wherever it becomes HTML, Markdown or a spreadsheet cell.

Titles, labels, notes and evidence phrases are data: a maintainer or a source may
put anything in them, including ``<script>``, Markdown syntax or a formula. Every
function that turns data text into HTML or Markdown (the "Sources" sections of the
notebooks, the site's generated pages, the tables for people) goes through this
module, so that the rule lives in one place.

Examples
--------
>>> html_text('<script>alert("x")</script>')
'&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
>>> markdown_text("*bold* <b>x</b> US$5 [link](javascript:x)")
'\\\\*bold\\\\* &lt;b&gt;x&lt;/b&gt; US\\\\$5 \\\\[link\\\\]\\\\(javascript\\\\:x\\\\)'
>>> spreadsheet_cell("=HYPERLINK(1)")
"'=HYPERLINK(1)"
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

__all__ = ["html_text", "markdown_text", "safe_url", "spreadsheet_cell", "spreadsheet_frame"]

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: ASCII punctuation with a meaning in CommonMark or in the MyST extensions the site enables
#: (``{role}``, ``{{ substitution }}``, ``$maths$``, ``:::`` fences, ``%`` comments, ``|`` tables).
_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()#+-!|~$^%:=")
#: Characters that become entities instead (they open HTML tags, entities and attribute values).
_MARKDOWN_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
#: A value that starts like an ordered-list item ("1. ", "12) ") would start a list at a line start.
_LIST_START = re.compile(r"^(\d+)\.")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas.NA and NaT, without importing pandas
        return ""
    return str(value)


def html_text(value: Any) -> str:
    """Escape text for HTML content or a quoted attribute value.

    ``&``, ``<``, ``>``, ``"`` and ``'`` become entities, so the result never
    opens a tag, an entity or an attribute; ``None`` and NaN become ``''``.

    Examples
    --------
    >>> html_text("a & b")
    'a &amp; b'
    >>> html_text(None)
    ''
    """
    return html.escape(_text(value), quote=True)


def markdown_text(value: Any) -> str:
    """Escape text so that Markdown (and the HTML it may contain) shows it literally.

    HTML special characters become entities (a ``<script>`` stays text in
    JupyterLab, in nbconvert and in MyST-NB); every Markdown punctuation mark gets
    a backslash (no emphasis, link, heading, table cell, role, substitution or
    ``$`` maths can start inside it); whitespace runs, line breaks included,
    become one space, so a value cannot end a list item or a paragraph, nor
    become an indented code block.

    The result is meant for inline use (in a sentence, a list item or a table
    cell) with CommonMark plus the MyST extensions the site enables
    (``colon_fence``, ``dollarmath``, ``substitution``). It does not defend
    against ``linkify`` (bare ``www.`` addresses turned into links), which the
    site does not enable.

    Examples
    --------
    >>> markdown_text("line one\\n\\n# heading")
    'line one \\\\# heading'
    >>> markdown_text("{{ x }}")
    '\\\\{\\\\{ x \\\\}\\\\}'
    >>> markdown_text("1. first")
    '1\\\\. first'
    """
    text = " ".join(_text(value).split())
    out = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else _MARKDOWN_ENTITY.get(ch, ch) for ch in text)
    return _LIST_START.sub(r"\1\\.", out)


#: Characters never allowed in a URL we link to (RFC 3986 excludes them unescaped; quotes and
#: angle brackets would end the Markdown autolink or the HTML attribute).
_URL_FORBIDDEN = frozenset(" \"'<>`\\{}|^")


def safe_url(value: Any) -> str | None:
    """The URL if it is an absolute http(s) URL safe to link to, else ``None``.

    Safe means: scheme ``http`` or ``https`` (never ``javascript:``, ``data:``
    or a relative path), a host, printable ASCII only, no space, quote, angle
    bracket, backtick, backslash, brace, ``|`` or ``^``. A caller shows an
    unsafe value as escaped text instead of linking it.

    Examples
    --------
    >>> safe_url("https://mic.gov.vn/a.htm")
    'https://mic.gov.vn/a.htm'
    >>> safe_url("javascript:alert(1)") is None
    True
    >>> safe_url("https://x.vn/a b") is None
    True
    """
    text = _text(value).strip()
    if not text or len(text) > 2048:
        return None
    if any(not (0x21 <= ord(c) <= 0x7E) or c in _URL_FORBIDDEN for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an invalid IPv6 literal
        return None
    return text if parts.scheme in ("http", "https") and parts.netloc else None


#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
_FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def spreadsheet_cell(value: Any) -> Any:
    """Neutralise a text cell that a spreadsheet would read as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a
    line feed (or their full-width forms, which some spreadsheets fold), also
    after leading spaces, gets a leading apostrophe (the OWASP advice for CSV
    injection). Numbers and other
    values are returned unchanged, so numeric columns stay numeric.

    Examples
    --------
    >>> spreadsheet_cell("+84 296")
    "'+84 296"
    >>> spreadsheet_cell(-3.5)
    -3.5
    """
    if isinstance(value, str) and value.lstrip(" ")[:1] in _FORMULA_START:
        return "'" + value
    return value


def spreadsheet_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table with :func:`spreadsheet_cell` applied to every text column.

    Text columns are those of dtype ``object`` or ``string`` and categoricals
    whose categories are text; numbers, dates and booleans are left as they
    are, so a CSV or XLSX export keeps its types. Call it just before
    ``to_csv`` or ``to_excel`` of a table meant for people.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"note": ["=1+1", "ok"], "value": [-3.5, 2.0]})
    >>> out = spreadsheet_frame(df)
    >>> out["note"].tolist(), out["value"].tolist()
    (["'=1+1", 'ok'], [-3.5, 2.0])
    """
    import pandas as pd

    out = df.copy()
    for name in out.columns:
        col = out[name]
        if isinstance(col.dtype, pd.CategoricalDtype):
            cats = col.cat.categories
            if cats.dtype == object or pd.api.types.is_string_dtype(cats.dtype):
                new = [spreadsheet_cell(c) for c in cats]
                if new != list(cats):
                    out[name] = col.cat.rename_categories(new)
        elif col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
            out[name] = col.map(spreadsheet_cell, na_action="ignore")
    return out
