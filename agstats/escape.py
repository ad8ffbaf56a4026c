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
'\\\\*bold\\\\* &lt;b&gt;x&lt;/b&gt; US\\\\$5 \\\\[link\\\\]\\\\(javascript:x\\\\)'
>>> spreadsheet_cell("=HYPERLINK(1)")
"'=HYPERLINK(1)"
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

__all__ = ["html_text", "markdown_text", "safe_url", "spreadsheet_cell"]

#: Characters with a meaning in CommonMark / MyST inline syntax (backslash first).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~$^<>-])")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value)


def html_text(value: Any) -> str:
    """Escape text for HTML content or a quoted attribute value.

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
    a backslash (no emphasis, link, heading, table cell, role or ``$`` maths can
    start inside it); line breaks become spaces, so a value cannot end a list
    item or a paragraph.

    Examples
    --------
    >>> markdown_text("line one\\n\\n# heading")
    'line one \\\\# heading'
    >>> markdown_text("{{ x }}")
    '\\\\{\\\\{ x \\\\}\\\\}'
    """
    text = " ".join(_text(value).split())
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # Entities after the backslashes: "&lt;" must not become "\&lt;".
    return text.replace("&", "&amp;").replace("\\<", "&lt;").replace("\\>", "&gt;").replace('"', "&quot;")


def safe_url(value: Any) -> str | None:
    """The URL if it is an absolute http(s) URL without spaces or quotes, else ``None``.

    Examples
    --------
    >>> safe_url("https://mic.gov.vn/a.htm")
    'https://mic.gov.vn/a.htm'
    >>> safe_url("javascript:alert(1)") is None
    True
    """
    text = _text(value).strip()
    if not text or any(c in text for c in " \"'<>`\n\r\t"):
        return None
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.netloc else None


def spreadsheet_cell(value: Any) -> Any:
    """Neutralise a text cell that a spreadsheet would read as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets
    a leading apostrophe (the OWASP advice for CSV injection). Numbers and other
    values are returned unchanged, so numeric columns stay numeric.

    Examples
    --------
    >>> spreadsheet_cell("+84 296")
    "'+84 296"
    >>> spreadsheet_cell(-3.5)
    -3.5
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
