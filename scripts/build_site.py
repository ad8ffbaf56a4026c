#!/usr/bin/env python
"""Build the students' static site: execute the notebooks, generate pages, render with Jupyter Book.

Used by ``make report`` (and by ``tests/test_site.py``). Steps:

1. Execute ``notebooks/NN_*.ipynb`` top to bottom, each in a fresh kernel, into
   ``<build>/site_src/`` with ``scripts/execute_notebooks.py --output-dir`` (the
   committed notebooks are left untouched; a failing cell stops the build, exit 1).
   The kernels get a build-only IPython startup file that records each inline
   matplotlib figure's titles in the output's metadata (``agstats.figure_titles``),
   which becomes the image's alt text (step 4).
2. Copy ``site/`` (landing, reproduce pages, ``_config.yml``, ``_static/``) and
   generate from the data package: ``data.md`` (every indicator and context row),
   ``sources.md``, the table of contents ``_toc.yml`` (the notebooks in reading
   order) and the MyST substitutions (version, counts) in ``_config.yml``. All text
   from the data is HTML-escaped; Vietnamese cells carry ``lang="vi"``.
3. ``jupyter-book build -W -n --keep-going`` into ``<build>/html`` from a clean
   output folder (an incremental Sphinx build would not repeat old warnings); any
   warning fails the build. Notebooks are not executed again (``execute_notebooks: off``).
4. Post-process the HTML: every notebook image gets its alt text (the figure's
   matplotlib titles; failing that, "Figure N in section <heading>"), and the build
   fails if any ``<img>`` on any page is left without a meaningful alt.
5. Light pages: the theme's Font Awesome icons become inline SVG (paths taken from the
   theme's own ``fontawesome.js``, which is then dropped: 1.5 MB per first load) and the
   source maps go.
6. A Content-Security-Policy ``<meta>`` first in every page's head: scripts from the
   site's own files only, plus the theme's known inline snippets by sha256 (an
   allowlist, :data:`THEME_SCRIPTS`: an inline script that is not one of them, e.g. one
   that came from the data, gets no hash and is refused, and the build names it);
   the theme's two ``onclick`` handlers become ``data-agstats-click`` attributes
   handled by ``_static/agstats-csp.js``. No plugins, no ``<base>``, no remote origins.

Usage::

    python scripts/build_site.py [--build-dir _build] [--data-dir DIR]
                                 [--reuse-executed | --no-execute] [NOTEBOOK ...]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from agstats.escape import html_text, safe_url  # the one escaping helper (safe_url: http(s) only)

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
NOTEBOOKS = ROOT / "notebooks"
DOCS = ROOT / "docs"
EXECUTE = ROOT / "scripts" / "execute_notebooks.py"

EXECUTED = ".executed.json"  # in site_src: which executed copies are up to date (for --reuse-executed)

EDITIONS = ("en", "vi")  # the site's two editions: _build/html/en/ and _build/html/vi/
EDITION_NAMES = {"en": "English", "vi": "Tiếng Việt"}

QUALIFIER_NAMES = {  # the words of the data page's qualifier column; the data keep the codes
    "en": {
        "exact": "exact",
        "estimate": "estimate",
        "approximate": "approximate",
        "lower_bound": "lower bound",
        "estimate_lower_bound": "estimate, lower bound",
        "upper_bound": "upper bound",
        "target": "target",
    },
    "vi": {
        "exact": "số báo cáo",
        "estimate": "ước tính",
        "approximate": "xấp xỉ",
        "lower_bound": "cận dưới",
        "estimate_lower_bound": "ước tính, cận dưới",
        "upper_bound": "cận trên",
        "target": "mục tiêu",
    },
}
AREA_NAMES = {
    "en": {"an_giang_pre2025": "An Giang, pre-2025", "an_giang_2025": "An Giang, merged 2025", "vietnam": "Vietnam"},
    "vi": {
        "an_giang_pre2025": "An Giang (trước sáp nhập 2025)",
        "an_giang_2025": "An Giang (sau sáp nhập 2025)",
        "vietnam": "Cả nước",
    },
}
SECTOR_NAMES = {
    "vi": {
        "telecom": "viễn thông",
        "postal": "bưu chính",
        "ict_industry": "công nghiệp công nghệ thông tin",
        "media": "báo chí, phát thanh, truyền hình",
        "infosec": "an toàn thông tin",
        "egov": "chính quyền điện tử",
        "policy": "chính sách",
        "sector": "toàn ngành",
        "context": "bối cảnh",
    }
}
TIER_NAMES = {
    "en": {"primary": "Primary sources", "secondary": "Secondary sources", "tertiary": "Tertiary sources"},
    "vi": {"primary": "Nguồn sơ cấp", "secondary": "Nguồn thứ cấp", "tertiary": "Nguồn cấp ba"},
}
LANGUAGE_NAMES = {"en": {"vi": "Vietnamese", "en": "English"}, "vi": {"vi": "tiếng Việt", "en": "tiếng Anh"}}
#: The column of data/sources.csv that holds the date a source was accessed (the first one present).
ACCESS_COLUMNS = ("accessed", "date_accessed", "access_date", "retrieved")


# --------------------------------------------------------------------------
# HTML helpers: every piece of text from the data goes through esc()
# --------------------------------------------------------------------------


def esc(value: object) -> str:
    """:func:`agstats.escape.html_text`, made safe for the MyST page around the HTML too.

    Newlines become character references so that a value can never end the raw
    HTML block (a blank line would); braces likewise, so that MyST substitutions
    (``{{ }}``) never apply to data.

    >>> esc('<script>a="1" & {{ b }}</script>\\n')
    '&lt;script&gt;a=&quot;1&quot; &amp; &#123;&#123; b &#125;&#125;&lt;/script&gt;&#10;'
    """
    text = html_text(value)
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("{", "&#123;").replace("}", "&#125;")


def anchor(source_id: str) -> str:
    """The HTML id of a source's row on the sources page."""
    return "source-" + re.sub(r"[^A-Za-z0-9_-]+", "-", source_id)


def td(content: str, cls: str = "", lang: str = "") -> str:
    attrs = (f' class="{cls}"' if cls else "") + (f' lang="{lang}"' if lang else "")
    return f"<td{attrs}>{content}</td>"


# --------------------------------------------------------------------------
# Generated pages
# --------------------------------------------------------------------------


def indicators_table(df: pd.DataFrame, *, table_id: str, caption: str, units: pd.DataFrame, lang: str = "en") -> str:
    """An HTML table with one row per indicator row; every data value escaped.

    Columns: indicator (label in the edition's language and id), the label in the other
    language (``lang`` marked), value (with the qualifier's ≥/≤/≈ sign and the edition's
    separators), unit, period, qualifier, area, sector, source (link to the sources page),
    evidence (``lang="vi"``), note (English: ``lang="en"`` in the Vietnamese edition).
    """
    from agstats import plotting as agp  # format_number/period_label: the notebooks' formatting

    vi = lang == "vi"
    unit_label = {str(r.code): str(r.label_vi if vi else r.label_en) for r in units.itertuples()}
    head = (
        ["Chỉ tiêu", "Tên tiếng Anh", "Giá trị", "Đơn vị", "Thời kỳ", "Loại số liệu", "Địa bàn", "Lĩnh vực", "Nguồn",
         "Trích dẫn nguyên văn", "Ghi chú (tiếng Anh)"]
        if vi
        else ["Indicator", "Vietnamese label", "Value", "Unit", "Period", "Qualifier", "Area", "Sector", "Source",
              "Evidence (verbatim)", "Note"]
    )  # fmt: skip
    qualifiers, areas = QUALIFIER_NAMES[lang], AREA_NAMES[lang]
    sectors = SECTOR_NAMES.get(lang, {})
    lines = [
        f'<div class="agstats-table-wrap" role="region" aria-label="{esc(caption)}" tabindex="0">',
        f'<table class="agstats-table agstats-data" id="{esc(table_id)}">',
        f"<caption>{esc(caption)}</caption>",
        "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead>",
        "<tbody>",
    ]
    for r in df.itertuples(index=False):
        qualifier = str(r.qualifier)
        unit = str(r.unit)
        value = (
            agp.format_value(float(r.value), qualifier, None, lang)
            if qualifier in agp.QUALIFIERS
            else agp.format_number(float(r.value), lang)
        )
        source = str(r.source)
        label, other, other_lang = (r.label_vi, r.label_en, "en") if vi else (r.label_en, r.label_vi, "vi")
        cells = [
            td(f"{esc(label)}<br><code>{esc(r.indicator)}</code>", lang="vi" if vi else ""),
            td(esc(other), lang=other_lang),
            td(esc(value), cls="num"),
            td(esc(agp.unit_text(unit, lang) or unit_label.get(unit, unit))),
            td(esc(agp.period_label(r.period_start, r.period_end, lang)), cls="nowrap"),
            td(
                f'<span class="agstats-q agstats-q-{esc(qualifier)}">{esc(qualifiers.get(qualifier, qualifier))}</span>'
            ),
            td(esc(areas.get(str(r.area), str(r.area)))),
            td(esc(sectors.get(str(r.sector), str(r.sector)))),
            td(f'<a href="sources.html#{esc(anchor(source))}">{esc(source)}</a>', cls="nowrap"),
            td(esc(r.evidence), cls="evidence", lang="vi"),
            td(esc(r.note), cls="note", lang="en" if vi and str(r.note) else ""),
        ]
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines)


def data_page(
    indicators: pd.DataFrame, context: pd.DataFrame, units: pd.DataFrame, *, version: str, lang: str = "en"
) -> str:
    """The Markdown source of the data page (raw HTML tables inside), in the edition's language."""
    n, m = len(indicators), len(context)
    if lang == "vi":
        intro = [
            "# Dữ liệu",
            "",
            f"Toàn bộ số liệu của gói dữ liệu agstats (phiên bản {esc(version)}). Trang này được tạo tự động từ "
            "dữ liệu mỗi lần dựng trang, không có con số nào được nhập tay. Giá trị mang ký hiệu của loại số liệu "
            "(≥ với cận dưới, ≤ với cận trên, ≈ với số xấp xỉ); xem mục {ref}`Cách đọc số liệu <cach-doc-so-lieu>`. "
            "Cột trích dẫn ghi cụm từ ngắn nhất, nguyên văn, của nguồn nêu số liệu đó.",
            "",
            'Trong Python, `agstats.load_indicators(area="all")` và `agstats.load_context(area="all")` trả về chính '
            "các dòng này dưới dạng bảng pandas có kiểu dữ liệu. Ghi chú của từng dòng hiện chỉ có bằng tiếng Anh.",
            "",
            "## Số liệu của ngành",
            "",
            f'{n} dòng, từ `agstats.load_indicators(area="all")`.',
        ]
        captions = (f"Số liệu ngành thông tin và truyền thông ({n} dòng)", f"Số liệu bối cảnh ({m} dòng)")
        middle = [
            "## Số liệu bối cảnh",
            "",
            f'{m} dòng (dân số, diện tích, kinh tế, đơn vị hành chính), từ `agstats.load_context(area="all")`.',
        ]
    else:
        intro = [
            "# Data",
            "",
            f"Every figure of the agstats data package (version {esc(version)}), generated from the data "
            "when this site is built — nothing on this page is typed by hand. The value carries the sign of "
            "its qualifier (≥ for a lower bound, ≤ for an upper bound, ≈ for an approximate value); see "
            "[How to read the figures](index.md#how-to-read-the-figures). The evidence is the shortest "
            "verbatim phrase of the source that states the figure, in Vietnamese.",
            "",
            'In Python: `agstats.load_indicators(area="all")` and `agstats.load_context(area="all")` return the same '
            "rows as typed pandas tables.",
            "",
            "## Sector figures",
            "",
            f'{n} rows, from `agstats.load_indicators(area="all")`.',
        ]
        captions = (f"ICT-sector figures ({n} rows)", f"Context figures ({m} rows)")
        middle = [
            "## Context figures",
            "",
            f"{m} rows (population, land area, economy, administrative units), from "
            '`agstats.load_context(area="all")`.',
        ]
    return "\n".join(
        [
            *intro,
            "",
            indicators_table(indicators, table_id="indicators-table", units=units, caption=captions[0], lang=lang),
            "",
            *middle,
            "",
            indicators_table(context, table_id="context-table", units=units, caption=captions[1], lang=lang),
            "",
        ]
    )


def access_date(row: object, lang: str = "en") -> str:
    """The "accessed" phrase of a source row (from the first column of ACCESS_COLUMNS it has), or "".

    >>> from types import SimpleNamespace as R
    >>> access_date(R(accessed="2026-11-30")), access_date(R(accessed="2026-11-30"), "vi"), access_date(R())
    ('Accessed 2026-11-30.', 'Truy cập ngày 30/11/2026.', '')
    """
    for column in ACCESS_COLUMNS:
        raw = getattr(row, column, "")
        if hasattr(raw, "strftime") and not pd.isna(raw):  # loaded as a date
            raw = raw.strftime("%Y-%m-%d")
        value = str(raw or "").strip() if not (raw is None or (not isinstance(raw, str) and pd.isna(raw))) else ""
        if value and value.lower() != "nan":
            break
    else:
        return ""
    if lang == "vi":
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
        return f"Truy cập ngày {m.group(3)}/{m.group(2)}/{m.group(1)}." if m else f"Truy cập: {esc(value)}."
    return f"Accessed {esc(value)}."


def catalogue_page(catalogue: pd.DataFrame, units: pd.DataFrame, lang: str = "en") -> str:
    """The Markdown source of the indicator catalogue page (a raw HTML table), in the edition's language.

    One row per indicator id of ``data/catalogue.csv``: its name, sector, canonical unit, definition
    and notes. The Vietnamese page shows ``definition_vi`` and ``notes_vi``; a text not yet
    translated is shown in English, marked ``lang="en"`` (``agstats.catalogue.text_in``). Every
    value is escaped.

    >>> cat = pd.DataFrame({"indicator": ["x", "y"], "sector": ["postal", "postal"], "label_en": ["X", "Y"],
    ...                     "label_vi": ["<b>Chỉ tiêu X</b>", "Y"], "definition": ["Def", "DefY"],
    ...                     "canonical_unit": ["vnd_bn", "vnd_bn"], "notes": ["", "Stock."],
    ...                     "definition_vi": ["", "Định nghĩa Y"], "notes_vi": ["", ""]})
    >>> units = pd.DataFrame({"code": ["vnd_bn"], "label_en": ["billion đồng"], "label_vi": ["tỷ đồng"]})
    >>> page = catalogue_page(cat, units, "vi")
    >>> "&lt;b&gt;Chỉ tiêu X&lt;/b&gt;" in page, "<b>" in page, '<td lang="en">Def</td>' in page
    (True, False, True)
    >>> '<td>Định nghĩa Y<br><small lang="en">Stock.</small></td>' in page, "2 chỉ tiêu chưa có bản dịch" in page
    (True, True)
    """
    from agstats.catalogue import text_in
    from agstats.plotting import sector_name

    vi = lang == "vi"
    unit_names = dict(zip(units["code"].astype(str), units["label_vi" if vi else "label_en"].astype(str), strict=True))
    if vi:
        head = [
            "# Danh mục chỉ tiêu",
            "",
            f"{len(catalogue)} chỉ tiêu của gói dữ liệu, mỗi chỉ tiêu một mã: tên, lĩnh vực, đơn vị chuẩn, định "
            "nghĩa và ghi chú (phạm vi, những điều nguồn chưa nói rõ). Trang được tạo tự động từ tệp "
            "`data/catalogue.csv`. Trong Python: "
            '`agstats.describe("telecom_revenue", language="vi")` hoặc `agstats.catalogue()`.',
            "",
        ]
        headers = ("Mã", "Chỉ tiêu", "Lĩnh vực", "Đơn vị chuẩn", "Định nghĩa và ghi chú")
        caption = f"Danh mục chỉ tiêu ({len(catalogue)} mã)"
    else:
        head = [
            "# Indicator catalogue",
            "",
            f"The {len(catalogue)} indicators of the data package, one id each: name, sector, canonical unit, "
            "definition and notes (scope, what the sources leave open), generated from `data/catalogue.csv`. "
            'In Python: `agstats.describe("telecom_revenue")` or `agstats.catalogue()`.',
            "",
        ]
        headers = ("Id", "Indicator", "Sector", "Canonical unit", "Definition and notes")
        caption = f"Indicator catalogue ({len(catalogue)} ids)"
    rows = []
    untranslated = 0
    for r in catalogue.itertuples(index=False):
        row = r._asdict()
        definition, definition_lang = text_in(row, "definition", lang)
        notes, notes_lang = text_in(row, "notes", lang)
        untranslated += vi and "en" in ((definition_lang,) + ((notes_lang,) if notes else ()))
        # lang="en" where the text is English on the Vietnamese page (the cell for the definition, the
        # note's own element when only the note is English)
        cell_lang = "en" if vi and definition_lang == "en" else ""
        note_attr = ' lang="en"' if vi and notes_lang == "en" and not cell_lang else ""
        text = esc(definition) + (f"<br><small{note_attr}>{esc(notes)}</small>" if notes else "")
        rows.append(
            "<tr>"
            + td(f"<code>{esc(r.indicator)}</code>")
            + td(esc(r.label_vi if vi else r.label_en))
            + td(esc(sector_name(str(r.sector), lang)))
            + td(esc(unit_names.get(str(r.canonical_unit), str(r.canonical_unit))))
            + td(text, lang=cell_lang)
            + "</tr>"
        )
    if untranslated:
        head[-2] += (
            f" {untranslated} chỉ tiêu chưa có bản dịch định nghĩa hoặc ghi chú: phần đó hiển thị bằng tiếng Anh."
        )
    table = (
        f'<div class="agstats-table-wrap" role="region" aria-label="{esc(caption)}" tabindex="0">'
        f'<table class="agstats-table agstats-catalogue" id="catalogue"><caption>{esc(caption)}</caption>'
        "<thead><tr>" + "".join(f'<th scope="col">{esc(h)}</th>' for h in headers) + "</tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table></div>"
    )
    return "\n".join(head) + "\n" + table + "\n"


def sources_page(sources: pd.DataFrame, lang: str = "en") -> str:
    """The Markdown source of the sources page: one table per tier, every value escaped.

    The Vietnamese page shows ``title_vi`` and ``publisher_vi`` where the sources table has them
    (``agstats.cite.vi_title``, ``vi_publisher``: our descriptions and notes in Vietnamese, publishers
    without their English glosses); published titles stay as published.

    >>> src = pd.DataFrame({"id": ["a"], "title": ["[Land area] (title not recorded)"], "publisher": ["Báo X (X paper)"],
    ...                     "url": ["https://example.org/"], "published": ["2024"], "published_note": [""],
    ...                     "language": ["vi"], "tier": ["secondary"], "note": [""],
    ...                     "title_vi": ["<i>[Diện tích]</i>"], "publisher_vi": ["Báo X"]})
    >>> page = sources_page(src, "vi")
    >>> 'Báo X (2024). <cite lang="vi">&lt;i&gt;[Diện tích]&lt;/i&gt;</cite>' in page, "X paper" in page
    (True, False)
    >>> "Báo X (X paper) (2024). <cite>[Land area] (title not recorded)</cite>" in sources_page(src, "en")
    True
    """
    from agstats.cite import vi_publisher, vi_title

    vi = lang == "vi"
    if vi:
        out = [
            "# Nguồn",
            "",
            f"{len(sources)} tài liệu là nguồn của các số liệu, lấy từ gói dữ liệu (`agstats.load_sources()`). "
            "Khi dùng lại một số liệu, xin trích dẫn nguồn gốc của số liệu đó. Tiêu đề đặt trong ngoặc vuông là "
            "phần mô tả của chúng tôi cho một trang mà tiêu đề gốc không được ghi lại; các tiêu đề khác giữ nguyên "
            "như khi công bố. Ghi chú về nguồn hiện chỉ có bằng tiếng Anh. "
            "Ngày truy cập là ngày chúng tôi đọc trang nguồn.",
            "",
        ]
        head = ("Mã", "Nguồn")
    else:
        out = [
            "# Sources",
            "",
            f"The {len(sources)} documents the figures come from, generated from the data package "
            "(`agstats.load_sources()`). Cite the original source of every figure you reuse. A title in "
            "square brackets is our English rendering of a title in another language. The access date is "
            "the day we read the source.",
            "",
        ]
        head = ("Id", "Source")
    tier_names = TIER_NAMES[lang]
    tiers = [t for t in tier_names if t in set(sources["tier"].astype(str))]
    tiers += sorted(set(sources["tier"].astype(str)) - set(tiers))
    for tier in tiers:
        rows = sources[sources["tier"].astype(str) == tier]
        fallback = ("Nguồn " + tier) if vi else (tier.capitalize() + " sources")
        out += [f"## {tier_names.get(tier, fallback)}", ""]
        out += [
            '<div class="agstats-table-wrap">',
            f'<table class="agstats-table agstats-sources" id="sources-{esc(tier)}">',
            "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead>",
            "<tbody>",
        ]
        for r in rows.itertuples(index=False):
            title, publisher = str(r.title), str(r.publisher)
            title_lang = "vi" if r.language == "vi" and not title.startswith("[") else ""
            if vi:
                title, publisher = vi_title(r._asdict()), vi_publisher(r._asdict())
                title_lang = "vi" if title != str(r.title) else title_lang
            if vi and not title_lang and (r.language == "en" or title.startswith("[")):
                title_lang = "en"
            lang_attr = f' lang="{title_lang}"' if title_lang else ""
            url = safe_url(r.url)
            link = f'<a href="{esc(url)}">{esc(url)}</a>' if url else esc(r.url)
            en_attr = ' lang="en"' if vi else ""
            date_note = f" (<span{en_attr}>{esc(str(r.published_note).rstrip('.'))}</span>)" if r.published_note else ""
            citation = f"{esc(publisher)} ({esc(r.published)}){date_note}. <cite{lang_attr}>{esc(title)}</cite>. {link}"
            language = esc(LANGUAGE_NAMES[lang].get(str(r.language), str(r.language)))
            in_language = f"Bằng {language}." if vi else f"In {language}."
            accessed = access_date(r, lang)
            note = f" <span{en_attr}>{esc(r.note)}</span>" if r.note else ""
            out.append(
                f'<tr id="{esc(anchor(str(r.id)))}">'
                + td(f"<code>{esc(r.id)}</code>", cls="nowrap")
                + td(
                    f"{citation}"
                    + (f'<br><span class="agstats-accessed">{accessed}</span>' if accessed else "")
                    + f'<br><span class="note">{in_language}{note}</span>'
                )
                + "</tr>"
            )
        out += ["</tbody>", "</table>", "</div>", ""]
    return "\n".join(out)


#: Section headings of the API reference, by the module a public name comes from (others: the module's name).
API_SECTIONS = {
    "agstats.io": "Loading the data",
    "agstats.lookup": "Looking up figures",
    "agstats.catalogue": "The indicator catalogue",
    "agstats.series": "Growth, intervals and series",
    "agstats.units": "Units and currencies",
    "agstats.cite": "Citing the sources",
    "agstats.escape": "Escaping data text",
    "agstats.parsing": "Reading Vietnamese numbers",
    "agstats.extract": "Extracting figures from text",
    "agstats.add": "Adding figures to the data",
    "agstats.validation": "Validating a data package",
    "agstats.areas": "Areas",
    "agstats.language": "The language of an edition",
    "agstats.narrative": "Numbers in the prose (glue)",
    "agstats.tables": "Tables for people",
}


def _autodoc(qualified: str, obj: object) -> str:
    import inspect

    if inspect.isclass(obj):
        return f".. autoclass:: {qualified}\n   :members:\n"
    if callable(obj):
        return f".. autofunction:: {qualified}\n"
    return f".. autodata:: {qualified}\n   :annotation:\n"


def api_pages() -> dict[str, str]:
    """The Markdown sources of the API reference, by page: ``api`` (the overview) and one page
    ``api/<module>`` per module a public name comes from (plus ``api/plotting``), so that no page
    is heavy. Every name of ``agstats.__all__`` and of ``agstats.plotting.__all__`` is documented
    by Sphinx autodoc from its numpy-style docstring (napoleon), in the order of ``__all__``."""
    import inspect

    import agstats
    from agstats import plotting

    groups: dict[str, list[str]] = {}
    for name in agstats.__all__:
        obj = getattr(agstats, name)
        if inspect.ismodule(obj) or name == "__version__":
            continue
        module = getattr(obj, "__module__", None) or "agstats"
        groups.setdefault(module, []).append(name)
    pages = {
        "api": "\n".join(
            [
                "# API reference",
                "",
                f"The public functions and classes of the `agstats` package, version {esc(agstats.__version__)}, "
                "generated from their docstrings when this site is built, one page per part of the package. "
                "Everything listed is importable from `agstats` (for example `agstats.load_indicators`), except "
                "the plotting helpers, which are in `agstats.plotting`. The examples run as tests (`make test`).",
                "",
                "```{eval-rst}",
                ".. py:data:: agstats.__version__",
                "   :type: str",
                "",
                f"   The version of the package (this site: ``{agstats.__version__}``).",
                "```",
                "",
                "```{tableofcontents}",
                "```",
                "",
            ]
        )
    }
    for module, names in groups.items():
        body = [f"# {API_SECTIONS.get(module, module)}", "", f"From `{module}`, importable from `agstats`.", ""]
        body += ["```{eval-rst}", *[_autodoc(f"agstats.{name}", getattr(agstats, name)) for name in names], "```", ""]
        pages[f"api/{module.rsplit('.', 1)[-1]}"] = "\n".join(body)
    body = ["# Plotting (`agstats.plotting`)", "", "Needs the plotting libraries (matplotlib and seaborn).", ""]
    body += ["```{eval-rst}", *[_autodoc(f"agstats.plotting.{n}", getattr(plotting, n)) for n in plotting.__all__]]
    pages["api/plotting"] = "\n".join([*body, "```", ""])
    return pages


def notebook_title(path: Path) -> str | None:
    """The first level-1 heading of a notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


def toc_yaml(
    notebook_names: Iterable[str], docs: Iterable[str] = (), lang: str = "en", api_names: Iterable[str] = ()
) -> str:
    """The jb-book table of contents: landing page, the notebooks in reading order, reference pages,
    then the project's notes (``docs/*.md``: the analyses cite them by path).

    The Vietnamese edition has no API reference and no notes (maintainers' pages, in English):
    its page ``technical`` links to them in the English edition.
    """
    vi = lang == "vi"
    lines = [
        "# Generated by scripts/build_site.py: do not edit.",
        "format: jb-book",
        "root: index",
        "parts:",
        f"  - caption: {'Các phân tích' if vi else 'Analyses'}",
        "    chapters:",
    ]
    lines += [f"      - file: {name}" for name in notebook_names]
    lines += [
        f"  - caption: {'Dữ liệu và nguồn' if vi else 'Data and sources'}",
        "    chapters:",
        "      - file: data",
        "      - file: catalogue",
        "      - file: sources",
        "      - file: technical" if vi else "      - file: api",
    ]
    if not vi:
        lines += ["        sections:"] + [f"          - file: {page}" for page in api_names]
    lines += ["      - file: reproduce"]
    if docs and not vi:
        lines += ["  - caption: Notes on method", "    chapters:"] + [f"      - file: docs/{d}" for d in docs]
    return "\n".join(lines) + "\n"


def technical_page(docs: dict[str, str]) -> str:
    """The Vietnamese edition's page of English-only maintainer pages (API reference, notes on method).

    *docs* maps a note's file stem to its title. Links go to the English edition, marked
    "(tiếng Anh)" and ``hreflang="en"`` (see docs/editions.md, section "Site").
    """

    def link(href: str, title: str) -> str:
        return f'<li><a href="{esc(href)}" hreflang="en"><span lang="en">{esc(title)}</span></a> (tiếng Anh)</li>'

    out = [
        "# Tài liệu kỹ thuật",
        "",
        "Các trang dưới đây dành cho người bảo trì và người muốn dùng lại mã nguồn: tài liệu tra cứu hàm của "
        "gói `agstats` và các ghi chú về phương pháp, dữ liệu và các lần rà soát. Các trang này chỉ có bằng "
        "tiếng Anh và nằm trong bản tiếng Anh của trang web.",
        "",
        "<ul>",
        link("../en/api.html", "API reference"),  # its pages: ../en/api/*.html
        "</ul>",
        "",
        "## Ghi chú về phương pháp",
        "",
        "Các phân tích dẫn những ghi chú này theo đường dẫn tệp (ví dụ `docs/decisions.md`).",
        "",
        "<ul>",
        *[link(f"../en/docs/{stem}.html", f"{title} (docs/{stem}.md)") for stem, title in docs.items()],
        "</ul>",
        "",
    ]
    return "\n".join(out)


def deep_update(base: dict, extra: dict) -> dict:
    """*base* with *extra* merged in, key by key (mappings recursively, anything else replaced).

    >>> deep_update({"a": {"b": 1, "c": 2}, "d": 3}, {"a": {"b": 9}, "e": 4})
    {'a': {'b': 9, 'c': 2}, 'd': 3, 'e': 4}
    """
    out = dict(base)
    for key, value in extra.items():
        out[key] = deep_update(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def config_yaml(substitutions: dict[str, object], footer_prefix: str = "", lang: str = "en") -> str:
    """site/_config.yml, with site/_config.vi.yml merged over it for the Vietnamese edition, plus the
    generated MyST substitutions and the footer's prefix (data version, last update)."""
    import yaml

    config = yaml.safe_load((SITE / "_config.yml").read_text(encoding="utf-8"))
    assert "myst_substitutions" not in config.get("parse", {}), "site/_config.yml must not set myst_substitutions"
    if lang != "en":
        overlay = SITE / f"_config.{lang}.yml"
        config = deep_update(config, yaml.safe_load(overlay.read_text(encoding="utf-8")) or {})
    config["parse"]["myst_substitutions"] = {k: str(v) for k, v in substitutions.items()}
    footer = config["html"].get("extra_footer", "")
    config["html"]["extra_footer"] = f'<p class="agstats-data-version">{footer_prefix}{footer}</p>'
    header = "# Generated by scripts/build_site.py from site/_config.yml (and site/_config.LANG.yml): do not edit.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)


def site_repository() -> str:
    """The repository or distribution URL set in site/_config.yml (``repository.url``), or ""."""
    m = re.search(
        r'^repository:.*?\n\s+url:\s*"?([^"\n#]*)"?', (SITE / "_config.yml").read_text(encoding="utf-8"), re.S | re.M
    )
    url = (m.group(1).strip() if m else "") or ""
    return url if safe_url(url) else ""


def data_last_changed(folder: Path, package: dict) -> str | None:
    """The date (YYYY-MM-DD) of the data package's last change: its last git commit, else the
    package's ``lastModified``/``last_modified`` field; never the build time (reproducible HTML)."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
        if out.returncode == 0 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", out.stdout.strip()):
            return out.stdout.strip()
    except OSError:
        pass
    value = str(package.get("lastModified") or package.get("last_modified") or "")[:10]
    return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def compile_catalogues(lang: str, out: Path) -> list[Path]:
    """Compile site/locales/LANG/LC_MESSAGES/*.po into OUT/LANG/LC_MESSAGES/*.mo (babel); return the .mo files."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted((SITE / "locales" / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        target = out / lang / "LC_MESSAGES" / f"{po.stem}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as fh:
            write_mo(fh, catalog)
        written.append(target)
    return written


def site_files(lang: str) -> dict[str, Path]:
    """The files of site/ an edition copies, by the name they get: ``name.LANG.md`` replaces ``name.md``;
    another language's ``name.xx.md``, the configuration and the catalogues are not copied."""
    chosen: dict[str, Path] = {}
    for item in sorted(SITE.iterdir()):
        if item.name.startswith("_config") or item.name == "locales":
            continue
        m = re.fullmatch(r"(.+)\.([a-z]{2})\.md", item.name)
        if m and m.group(2) != lang:
            continue
        name = f"{m.group(1)}.md" if m else item.name
        if m or name not in chosen:
            chosen[name] = item
    return chosen


def doc_title(path: Path) -> str:
    """The first level-1 heading of a Markdown file (else its stem)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def write_pages(src: Path, *, data_dir: Path | None, notebook_names: list[str], lang: str = "en") -> dict[str, int]:
    """Copy site/ into src (the edition's versions of its pages) and write the generated pages;
    return the counts used."""
    import agstats

    for name, item in site_files(lang).items():
        target = src / name
        if item.is_dir():
            shutil.copytree(item, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(item, target)
    compile_catalogues(lang, src / "_locales")
    indicators = agstats.load_indicators(area="all", data_dir=data_dir)
    context = agstats.load_context(area="all", data_dir=data_dir)
    sources = agstats.load_sources(data_dir=data_dir)
    units = agstats.load_units(data_dir=data_dir)
    (src / "data.md").write_text(
        data_page(indicators, context, units, version=agstats.__version__, lang=lang), encoding="utf-8"
    )
    (src / "sources.md").write_text(sources_page(sources, lang), encoding="utf-8")
    (src / "catalogue.md").write_text(
        catalogue_page(agstats.load_catalogue(data_dir=data_dir), units, lang), encoding="utf-8"
    )
    docs = sorted(p.stem for p in DOCS.glob("*.md"))
    api = api_pages() if lang == "en" else {}
    for page, text in api.items():
        (src / f"{page}.md").parent.mkdir(parents=True, exist_ok=True)
        (src / f"{page}.md").write_text(text, encoding="utf-8")
    if lang == "en":
        if docs:
            shutil.copytree(DOCS, src / "docs", dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.ipynb", "_*"))
    else:
        (src / "technical.md").write_text(technical_page({d: doc_title(DOCS / f"{d}.md") for d in docs}), "utf-8")
    (src / "_toc.yml").write_text(toc_yaml(notebook_names, docs, lang, [p for p in api if p != "api"]), "utf-8")
    counts = {
        "n_indicators": len(indicators),
        "n_context": len(context),
        "n_sources": len(sources),
        "n_notebooks": len(notebook_names),
    }
    package = json.loads(((data_dir or agstats.data_dir()) / "datapackage.json").read_text(encoding="utf-8"))
    data_version = str(package.get("version") or f"of agstats {agstats.__version__}")
    updated = data_last_changed(data_dir or agstats.data_dir(), package)
    repository = site_repository()
    vi = lang == "vi"
    if vi:
        clause = f"; mã nguồn và các sổ tay ở <{repository}>" if repository else ""
        footer = f"Phiên bản dữ liệu {esc(data_version)}" + (
            f", cập nhật lần cuối ngày {esc(vi_date(updated))}" if updated else ""
        )
    else:
        clause = f"; the code and the notebooks are at <{repository}>" if repository else ""
        footer = f"Data version {esc(data_version)}" + (f", last updated {esc(updated)}" if updated else "")
    subs = {
        "version": agstats.__version__,
        "data_version": data_version,
        "data_updated": (vi_date(updated) if vi else updated)
        if updated
        else ("chưa ghi nhận" if vi else "not recorded"),
        # Where the code and notebooks are: only said when site/_config.yml names the place.
        "repository_clause": clause,
        **counts,
    }
    (src / "_config.yml").write_text(config_yaml(subs, footer_prefix=footer + ". ", lang=lang), encoding="utf-8")
    return counts


def vi_date(iso: str) -> str:
    """2026-12-01 -> 01/12/2026 (the Vietnamese order).

    >>> vi_date("2026-12-01")
    '01/12/2026'
    """
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else iso


# --------------------------------------------------------------------------
# Notebook execution (with figure titles recorded for the alt text)
# --------------------------------------------------------------------------

# IPython startup file for the build's kernels only (a private IPYTHONDIR): the inline
# backend displays each figure with metadata from _fetch_figure_metadata(fig); we add the
# figure's titles there. Nothing else in the kernel changes; if matplotlib_inline is
# missing or changes shape, figures simply get the fallback alt text.
ALT_HOOK = """\
def _agstats_record_titles():
    try:
        from matplotlib_inline import backend_inline
    except Exception:
        return
    original = getattr(backend_inline, "_fetch_figure_metadata", None)
    if original is None:
        return

    def titles(fig):
        found = []
        sup = getattr(fig, "_suptitle", None)
        if sup is not None:
            found.append(sup.get_text())
        for ax in fig.get_axes():
            found += [ax.get_title(loc=loc) for loc in ("left", "center", "right")]
        return [" ".join(t.split()) for t in found if t and t.strip()]

    def fetch(fig):
        metadata = original(fig) or {}
        try:
            found = titles(fig)
        except Exception:
            found = []
        if found:
            metadata = dict(metadata, agstats={"figure_titles": found})
        return metadata or None

    backend_inline._fetch_figure_metadata = fetch


_agstats_record_titles()
del _agstats_record_titles
"""


def execute(paths: list[Path], out: Path) -> None:
    """Run scripts/execute_notebooks.py --output-dir out (progress on stdout); exit on failure."""
    with tempfile.TemporaryDirectory(prefix="agstats-ipython-") as ipython_dir:
        startup = Path(ipython_dir) / "profile_default" / "startup"
        startup.mkdir(parents=True)
        (startup / "00-agstats-figure-titles.py").write_text(ALT_HOOK, encoding="utf-8")
        # Quiet kernels: no "running over TCP without encryption" warning per notebook
        # (the kernels listen on 127.0.0.1 only); errors are still shown.
        (startup.parent / "ipython_kernel_config.py").write_text(
            'c.IPKernelApp.log_level = "ERROR"\n', encoding="utf-8"
        )
        env = dict(os.environ, IPYTHONDIR=ipython_dir)
        env.pop("MPLBACKEND", None)  # e.g. Agg from the test session: the kernels must draw inline
        cmd = [sys.executable, str(EXECUTE), "--output-dir", str(out), *map(str, paths)]
        result = subprocess.run(cmd, env=env, check=False)
    if result.returncode:
        raise SystemExit(f"build_site: notebook execution failed (exit {result.returncode}); site not built")


# --------------------------------------------------------------------------
# Alt text
# --------------------------------------------------------------------------

IMAGE_MIMES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml")


def image_bytes(mime: str, content: object) -> bytes:
    """The bytes myst-nb writes for an image output (it names the file by their sha256)."""
    text = "".join(content) if isinstance(content, list) else str(content)
    if mime == "image/svg+xml":
        return os.linesep.join(text.splitlines()).encode("utf-8")
    return base64.b64decode(text)


SVG_DESC = re.compile(r"<desc>(.*?)</desc>", re.S)
SVG_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def svg_alt(svg: str) -> tuple[str, list[str]]:
    """The description and titles an SVG figure carries (``agstats.plotting.figure_svg``).

    >>> svg_alt('<svg><title>Revenue &amp; points</title><desc>Bar chart. 2018: 3 (reported).</desc></svg>')
    ('Bar chart. 2018: 3 (reported).', ['Revenue & points'])
    """
    head = svg[: svg.find("<metadata")] if "<metadata" in svg else svg[:4000]  # the figure's own, not a text's
    desc = SVG_DESC.search(head)
    title = SVG_TITLE.search(head)
    clean = lambda t: " ".join(html.unescape(t).split())  # noqa: E731
    return (clean(desc.group(1)) if desc else "", [clean(title.group(1))] if title and clean(title.group(1)) else [])


def alt_texts(notebook: Path) -> dict[str, str]:
    """sha256 of each image output of an executed notebook -> its alt text.

    The alt text is the description an SVG figure carries in its ``<desc>`` (what the
    chart shows: titles, kind, each plotted value with its period, unit and qualifier;
    written by ``agstats.plotting``). Failing that it is "Chart: " (or "Biểu đồ: " for
    Vietnamese titles) + the figure's titles (the SVG ``<title>``, or the titles recorded
    at execution by ALT_HOOK: suptitle first, then each axes' titles); for a figure
    without titles, "Figure N in section “heading”" (N counts the figures of that
    section), with the notebook's title when no heading precedes it.
    """
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    heading = notebook_title(notebook) or notebook.stem
    per_heading: dict[str, int] = {}
    found: dict[str, str] = {}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                m = re.match(r"#{1,6}\s+(.*\S)", line)
                if m:
                    heading = m.group(1).strip()
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            mimes = [m for m in IMAGE_MIMES if m in data]
            if not mimes:
                continue
            per_heading[heading] = per_heading.get(heading, 0) + 1
            desc, titles = ("", [])
            if "image/svg+xml" in data:
                svg = data["image/svg+xml"]
                desc, titles = svg_alt("".join(svg) if isinstance(svg, list) else str(svg))
            titles = titles or output.get("metadata", {}).get("agstats", {}).get("figure_titles") or []
            if desc:
                alt = desc
            elif titles:
                joined = "; ".join(titles)
                alt = ("Biểu đồ: " if looks_vietnamese(joined) else "Chart: ") + joined
            else:
                alt = f"Figure {per_heading[heading]} in section “{heading}”"
            for mime in mimes:  # whichever representation myst-nb picks gets the alt text
                found[hashlib.sha256(image_bytes(mime, data[mime])).hexdigest()] = alt
    return found


IMG = re.compile(r"<img\b[^>]*>", re.S)
ATTR = re.compile(r'\s(alt|src)="([^"]*)"', re.S)


VIETNAMESE_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def looks_vietnamese(text: str) -> bool:
    """True when at least 40 % of the words carry a Vietnamese letter (for ``lang="vi"``).

    >>> looks_vietnamese("Trang tin tổng hợp, năm 2019"), looks_vietnamese("Revenue of Kiên Giang, 2019")
    (True, False)
    """
    words = [w for w in re.findall(r"\w+", text.lower()) if not w.isdigit()]
    return bool(words) and sum(bool(VIETNAMESE_LETTERS & set(w)) for w in words) >= 0.4 * len(words)


def is_meaningful_alt(alt: str | None, src: str) -> bool:
    """Non-empty and not a file name or path (docutils' default alt is the image's URI)."""
    if not alt or not alt.strip():
        return False
    a = html.unescape(alt).strip()
    return a != html.unescape(src) and not re.fullmatch(r"[\w./-]+\.(png|jpe?g|gif|svg)", a)


def add_alt_text(html_dir: Path, alts_by_page: dict[str, dict[str, str]]) -> list[str]:
    """Set alt on notebook images; return the images of any page still without a meaningful alt.

    *alts_by_page* maps a page name (the notebook's stem) to :func:`alt_texts` of its
    notebook: images are matched by their sha256 file name, within their own page (two
    notebooks may draw the same image under different headings).
    """
    problems: list[str] = []
    for page in sorted(html_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        alts = alts_by_page.get(page.stem, {}) if page.parent == html_dir else {}

        def fix(m: re.Match) -> str:
            tag = m.group(0)
            attrs = dict(ATTR.findall(tag))
            src = attrs.get("src", "")
            stem = Path(src.split("?")[0]).stem
            if stem in alts:
                tag = re.sub(r'\salt="[^"]*"', "", tag)
                lang = ' lang="vi"' if looks_vietnamese(alts[stem]) and " lang=" not in tag else ""
                tag = tag.replace("<img", f'<img alt="{html.escape(alts[stem], quote=True)}"{lang}', 1)
            elif not is_meaningful_alt(attrs.get("alt"), src):
                problems.append(f'{page.relative_to(html_dir)}: <img src="{src}"> has no alt text')
            return tag

        new = IMG.sub(fix, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return problems


# --------------------------------------------------------------------------
# Light pages: inline SVG icons instead of Font Awesome's 1.5 MB script, no source maps
# --------------------------------------------------------------------------

FONTAWESOME_JS = "_static/scripts/fontawesome.js"
SEARCH_INDEX = re.compile(
    r'\s*<script\b[^>]*\ssrc="(?:\.\./)*(?:searchindex\.js|_static/searchtools\.js|_static/language_data\.js|_static/agstats-search-vi\.js)[^"]*"[^>]*></script>'
)
IMG_TAG = re.compile(r"<img\b[^>]*>")  # notebook figures load when scrolled to (loading="lazy")
ICON = re.compile(r'<(i|span) class="([^"]*\bfa-[^"]*)"([^>]*)></\1>')
ICON_STYLE_CLASSES = {"fa", "fas", "far", "fab", "fa-solid", "fa-regular", "fa-brands", "fa-lg", "fa-fw", "fa-2x"}


def icon_paths(fontawesome_js: str) -> dict[str, tuple[int, int, str]]:
    """Icon name -> (width, height, SVG path) from Font Awesome's script (its icons are CC BY 4.0)."""
    found: dict[str, tuple[int, int, str]] = {}
    for m in re.finditer(r'[{,]"?([a-z0-9-]+)"?:\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","(M[^"]+)"\]', fontawesome_js):
        found.setdefault(m.group(1), (int(m.group(2)), int(m.group(3)), m.group(4)))
    return found


def inline_icons(html_dir: Path) -> list[str]:
    """Replace the theme's ``<i class="fa-…">`` icons by inline SVG and drop Font Awesome's script.

    Also: images load lazily (a page's first load fetches only the figures near the top), the
    search index (100 kB and more) and its scripts are loaded only by the search page, and it removes the source maps of the theme's scripts and styles (and the comments that
    point to them). Returns the icons it could not draw (the build fails on any).
    """
    fa = html_dir / FONTAWESOME_JS
    if not fa.exists():
        return []
    icons = icon_paths(fa.read_text(encoding="utf-8"))
    missing: list[str] = []

    def svg(m: re.Match) -> str:
        classes, rest = m.group(2), m.group(3)
        names = [c.removeprefix("fa-") for c in classes.split() if c not in ICON_STYLE_CLASSES and c.startswith("fa-")]
        drawn = [n for n in names if n in icons]
        if not drawn:
            missing.append(classes)
            return m.group(0)
        width, height, path = icons[drawn[0]]
        return (
            f'<svg class="{classes} agstats-icon"{rest} aria-hidden="true" focusable="false" '
            f'viewBox="0 0 {width} {height}" fill="currentColor"><path d="{path}"/></svg>'
        )

    script = re.compile(r'\s*<script\b[^>]*\ssrc="(?:\.\./)*' + re.escape(FONTAWESOME_JS) + r'[^"]*"[^>]*></script>')
    for page in sorted(html_dir.rglob("*.html")):
        if page.relative_to(html_dir).parts[0] == "_static":
            continue
        text = page.read_text(encoding="utf-8")
        new = script.sub("", ICON.sub(svg, text))
        if page.relative_to(html_dir).as_posix() != "search.html":  # the search scripts: only where one searches
            new = SEARCH_INDEX.sub("", new)
        new = IMG_TAG.sub(
            lambda m: (
                m.group(0)
                if " loading=" in m.group(0)
                else m.group(0).replace("<img", '<img loading="lazy" decoding="async"', 1)
            ),
            new,
        )
        if new != text:
            page.write_text(new, encoding="utf-8")
    # The icon font's glyph rules (.fa-bars:before{content:"\f0c9"}, ~2,500 of them, 86 kB) in
    # the theme's stylesheet: no page uses the font's classes any more.
    for css in html_dir.glob("_static/styles/pydata-sphinx-theme.css"):
        text = css.read_text(encoding="utf-8")
        css.write_text(
            re.sub(r'(?:\.fa-[a-z0-9-]+:(?:before|after),?)+\{content:"[^"]*"\}', "", text), encoding="utf-8"
        )
    for path in [fa, *html_dir.glob("_static/**/*.map")]:
        path.unlink(missing_ok=True)
    for path in [*html_dir.glob("_static/**/*.js"), *html_dir.glob("_static/**/*.css")]:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        new = re.sub(r"\n?(//[#@] sourceMappingURL=\S+|/\*[#@] sourceMappingURL=\S+ \*/)\s*$", "\n", text)
        if new != text:
            path.write_text(new, encoding="utf-8", errors="surrogateescape")
    return sorted(set(missing))


# --------------------------------------------------------------------------
# Figures open full size; the editions linked; the root page
# --------------------------------------------------------------------------

FIGURE_IMG = re.compile(r'<img\b[^>]*\ssrc="((?:\.\./)*_images/[^"]+)"[^>]*>')
FIGURE_TITLE = {"en": "Open the chart at full size", "vi": "Mở biểu đồ ở kích thước đầy đủ"}


def content_pages(html_dir: Path) -> list[Path]:
    """The HTML pages of an edition (not the theme's template fragments in _static)."""
    return [
        p for p in sorted(html_dir.rglob("*.html")) if p.relative_to(html_dir).parts[0] not in ("_static", "_sources")
    ]


def page_language(text: str) -> str:
    m = re.search(r'<html\b[^>]*\slang="([^"]+)"', text)
    return m.group(1) if m else "en"


def link_figures(html_dir: Path) -> None:
    """Wrap each figure (an image in _images/ not already in a link) in a link to the image itself:
    a tap or click opens it full size, without any script."""
    for page in content_pages(html_dir):
        text = page.read_text(encoding="utf-8")
        title = FIGURE_TITLE.get(page_language(text), FIGURE_TITLE["en"])

        def wrap(m: re.Match) -> str:
            before = text[max(0, m.start() - 400) : m.start()]
            if before.rfind("<a ") > before.rfind("</a>"):  # already inside a link
                return m.group(0)
            return f'<a class="agstats-figure-link" href="{m.group(1)}" title="{title}">{m.group(0)}</a>'

        new = FIGURE_IMG.sub(wrap, text)
        if new != text:
            page.write_text(new, encoding="utf-8")


SWITCH_WORDS = {"en": "English", "vi": "Tiếng Việt"}
SWITCH_LABEL = {"en": "Language", "vi": "Ngôn ngữ"}


def link_editions(html_dirs: dict[str, Path]) -> None:
    """Every page gets a language switch to the same page in each other edition (or, where that page
    has no twin, the other edition's landing page) and ``<link rel="alternate" hreflang>`` links
    between twins (itself included, as search engines expect)."""
    pages = {lang: {p.relative_to(d).as_posix() for p in content_pages(d)} for lang, d in html_dirs.items()}
    for lang, html_dir in html_dirs.items():
        for page in content_pages(html_dir):
            rel = page.relative_to(html_dir).as_posix()
            up = "../" * (rel.count("/") + 1)
            alternates = [f'<link rel="alternate" hreflang="{lang}" href="{up}{lang}/{rel}" />']
            links = []
            for other in html_dirs:
                if other == lang:
                    continue
                has_twin = rel in pages[other]
                href = f"{up}{other}/{rel if has_twin else 'index.html'}"
                if has_twin:
                    alternates.append(f'<link rel="alternate" hreflang="{other}" href="{href}" />')
                links.append(
                    f'<a class="agstats-lang-link" href="{href}" hreflang="{other}" lang="{other}"'
                    f"{' data-agstats-twin' if has_twin else ''}>{SWITCH_WORDS[other]}</a>"
                )
            if not links:
                continue
            switch = f'<nav class="agstats-lang-switch" aria-label="{SWITCH_LABEL[lang]}">' + "".join(links) + "</nav>"
            text = page.read_text(encoding="utf-8")
            text = text.replace("</head>", "  " + "\n  ".join(alternates) + "\n</head>", 1)
            marker = '<div class="article-header-buttons">'
            if marker in text:
                text = text.replace(marker, marker + switch, 1)
            else:  # a page without the article header (none in the theme today): first thing in <main>
                text = re.sub(r"(<main\b[^>]*>)", lambda m: m.group(1) + switch, text, count=1)
            page.write_text(text, encoding="utf-8")


ROOT_INDEX = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Ngành thông tin và truyền thông An Giang · An Giang’s ICT sector</title>
<link rel="alternate" hreflang="vi" href="vi/index.html" />
<link rel="alternate" hreflang="en" href="en/index.html" />
<link rel="icon" href="{favicon}" />
<style>
body {{ font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #222; background: #fff; }}
a.edition {{ display: block; padding: 1rem 1.25rem; margin: 1rem 0; border: 1px solid #888; border-radius: 0.5rem; text-decoration: none; color: inherit; }}
a.edition:hover, a.edition:focus {{ border-color: #0a58ca; outline: 2px solid #0a58ca; }}
a.edition strong {{ display: block; font-size: 1.25rem; color: #0a58ca; }}
footer {{ margin-top: 2rem; font-size: 0.875rem; color: #555; }}
@media (prefers-color-scheme: dark) {{ body {{ color: #ddd; background: #121212; }} a.edition strong {{ color: #6ea8fe; }} footer {{ color: #aaa; }} }}
</style>
</head>
<body>
<main>
<h1>Ngành thông tin và truyền thông An Giang, 2019 · <span lang="en">An Giang’s ICT sector, 2019</span></h1>
<p>Chọn ngôn ngữ · <span lang="en">Choose a language</span></p>
{links}
</main>
<footer><p class="agstats-data-version">{footer}</p></footer>
</body>
</html>
"""
ROOT_EDITIONS = {
    "vi": ("Tiếng Việt", "Các phân tích, số liệu và nguồn bằng tiếng Việt."),
    "en": ("English", "The analyses, data and sources in English."),
}


def write_root_index(root: Path, html_dirs: dict[str, Path], *, data_dir: Path | None) -> None:
    """BUILD_DIR/html/index.html: both editions offered, Vietnamese first (no script, no redirect)."""
    import agstats

    package = json.loads(((data_dir or agstats.data_dir()) / "datapackage.json").read_text(encoding="utf-8"))
    version = str(package.get("version") or f"of agstats {agstats.__version__}")
    updated = data_last_changed(data_dir or agstats.data_dir(), package)
    footer = f"Phiên bản dữ liệu {esc(version)}" + (f", cập nhật lần cuối ngày {vi_date(updated)}" if updated else "")
    footer += f'. · <span lang="en">Data version {esc(version)}' + (f", last updated {updated}" if updated else "")
    footer += ".</span>"
    links = []
    for lang in [e for e in ("vi", "en") if e in html_dirs]:
        name, blurb = ROOT_EDITIONS[lang]
        links.append(
            f'<a class="edition" href="{lang}/index.html" hreflang="{lang}" lang="{lang}"><strong>{name}</strong>'
            f"{blurb}</a>"
        )
    favicon = f"{next(iter(html_dirs))}/_static/favicon.svg"
    (root / "index.html").write_text(
        ROOT_INDEX.format(links="\n".join(links), footer=footer, favicon=favicon), encoding="utf-8"
    )


# --------------------------------------------------------------------------
# Light pages: the stylesheets keep only the rules some page can use
# --------------------------------------------------------------------------

CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
HTML_CLASS = re.compile(r'\bclass="([^"]*)"')
JS_TOKEN = re.compile(r"[A-Za-z_][\w-]*")
#: Stylesheets of the site's own (kept whole).
OWN_CSS = {"agstats-site.css"}


def _string_end(css: str, i: int) -> int:
    """The index of the quote that closes the CSS string opening at *i* (backslash escapes skipped)."""
    quote, k = css[i], i + 1
    while k < len(css) and css[k] != quote:
        k += 2 if css[k] == "\\" else 1
    return k


def _css_blocks(css: str) -> list[tuple[str, str | None]]:
    """Split CSS into (prelude, body) pairs at the top level; a statement (``@import …;``) has body None."""
    out: list[tuple[str, str | None]] = []
    i, n = 0, len(css)
    while i < n:
        j = i
        while j < n and css[j] not in "{;":
            if css[j] in "\"'":  # a string in a prelude (e.g. [data-x="{"])
                j = _string_end(css, j)
            j += 1
        if j >= n:
            break
        prelude = css[i:j].strip()
        if css[j] == ";":
            out.append((prelude, None))
            i = j + 1
            continue
        depth, k = 1, j + 1
        while k < n and depth:
            c = css[k]
            if c in "\"'":
                k = _string_end(css, k)
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            k += 1
        out.append((prelude, css[j + 1 : k - 1]))
        i = k
    return out


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, c in enumerate(prelude):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return [p.strip() for p in parts if p.strip()]


def _selector_used(selector: str, used: set[str]) -> bool:
    # what is inside :not(), :is(), :where(), :has() does not have to match anything
    bare = re.sub(r":(?:not|is|where|has|-webkit-any|-moz-any)\((?:[^()]|\([^()]*\))*\)", "", selector)
    bare = re.sub(r"\[[^\]]*\]", "", bare)  # attribute selectors' values are not classes
    return all(c in used for c in CSS_CLASS.findall(bare))


def purge_rules(css: str, used: set[str]) -> str:
    """The CSS without the rules whose every selector needs a class no page uses (PurgeCSS's idea).

    At-rules with rules inside (``@media``, ``@supports``, ``@layer``, ``@container``) are
    purged inside; other at-rules (``@font-face``, ``@keyframes``, ``@property``) are kept.

    >>> purge_rules(".a{x:1}.b,.a .c{y:2}@media (x){.b{z:3}.a{w:4}}@font-face{f:1}", {"a"})
    '.a{x:1}@media (x){.a{w:4}}@font-face{f:1}'
    """
    out = []
    for prelude, body in _css_blocks(CSS_COMMENT.sub("", css)):
        if body is None:
            out.append(prelude + ";")
        elif prelude.startswith("@"):
            if re.match(r"@(?:media|supports|layer|container|document)\b", prelude):
                inner = purge_rules(body, used)
                if inner.strip():
                    out.append(prelude + "{" + inner + "}")
            else:
                out.append(prelude + "{" + body + "}")
        else:
            keep = [s for s in _split_selectors(prelude) if _selector_used(s, used)]
            if keep:
                out.append(",".join(keep) + "{" + body.strip() + "}")
    return "".join(out)


def purge_css(html_dir: Path) -> dict[str, tuple[int, int]]:
    """Drop from the theme's and extensions' stylesheets every rule no page of the edition can use.

    "Used" classes: every class attribute of every page, plus every word of every script in
    _static (classes a script adds, e.g. Bootstrap's ``show``, the search's ``highlighted``) —
    a generous set, so that what a script can switch on stays styled. Returns bytes before/after
    per stylesheet.
    """
    used: set[str] = set()
    for page in content_pages(html_dir):
        text = page.read_text(encoding="utf-8")
        for value in HTML_CLASS.findall(text):
            used.update(value.split())
        for script in INLINE_SCRIPT.findall(text):
            used.update(JS_TOKEN.findall(script))
    for js in html_dir.glob("_static/**/*.js"):
        used.update(JS_TOKEN.findall(js.read_text(encoding="utf-8", errors="replace")))
    sizes = {}
    for css in sorted(html_dir.glob("_static/**/*.css")):
        if css.name in OWN_CSS:
            continue
        text = css.read_text(encoding="utf-8")
        new = purge_rules(text, used)
        sizes[css.relative_to(html_dir).as_posix()] = (len(text), len(new))
        css.write_text(new, encoding="utf-8")
    return sizes


def rewrite_translations_js(html_dir: Path, lang: str) -> list[str]:
    """Sphinx's ``_static/translations.js`` without ``eval``, with the edition's own words.

    Sphinx's file calls ``Documentation.addTranslations``, which compiles the plural rule with
    ``new Function`` — refused by the pages' Content-Security-Policy (no 'unsafe-eval'). The
    rewrite sets the messages and the plural rule directly, and fills the messages Sphinx's
    catalogue leaves empty (the search page's words) from site/locales. Returns problems.
    """
    from babel.messages.pofile import read_po

    path = html_dir / "_static" / "translations.js"
    if not path.exists():
        return []
    m = re.search(r"Documentation\.addTranslations\((\{.*\})\);", path.read_text(encoding="utf-8"), re.S)
    if not m:
        return [f"{path.name}: not the shape Sphinx writes"]
    catalog = json.loads(m.group(1))
    plural = {"0": "() => 0", "(n != 1)": "(n) => (n != 1 ? 1 : 0)", "n != 1": "(n) => (n != 1 ? 1 : 0)"}
    rule = plural.get(str(catalog.get("plural_expr", "")).strip())
    if rule is None:
        return [f"{path.name}: plural rule {catalog.get('plural_expr')!r} has no eval-free form here"]
    ours = {}
    for po in (SITE / "locales" / lang / "LC_MESSAGES").glob("sphinx.po"):
        with po.open("rb") as fh:
            ours = {str(x.id): str(x.string) for x in read_po(fh) if x.id and isinstance(x.id, str) and x.string}
    messages = {k: ours.get(k) or v for k, v in catalog["messages"].items()}
    path.write_text(
        "/* Sphinx's translations, set without eval (scripts/build_site.py, rewrite_translations_js). */\n"
        f"Object.assign(Documentation.TRANSLATIONS, {json.dumps(messages, ensure_ascii=False, indent=1)});\n"
        f"Documentation.PLURAL_EXPR = {rule};\n"
        f"Documentation.LOCALE = {json.dumps(catalog.get('locale', lang))};\n",
        encoding="utf-8",
    )
    return []


# --------------------------------------------------------------------------
# The theme's words in the edition's language
# --------------------------------------------------------------------------

#: Mistranslations of the themes' catalogues that must never reach a page (site/locales replaces them).
WRONG_THEME_WORDS = {"vi": ("Phóng", "Chủ đề sách nhân sư", "Chuyển đổi điều hướng thành", "Mở một vấn đề")}
#: myst-nb's words for folded code, which the edition's configuration replaces (inside the article).
FOLD_WORDS = ("Show code cell", "Hide code cell")
ARTICLE = re.compile(r'<article class="bd-article">.*?</article>', re.S)


def theme_msgids(lang: str) -> set[str]:
    """The English words the edition's catalogues (site/locales/LANG) translate."""
    from babel.messages.pofile import read_po

    found: set[str] = set()
    for po in (SITE / "locales" / lang / "LC_MESSAGES").glob("*.po"):
        with po.open("rb") as fh:
            found |= {str(m.id) for m in read_po(fh) if m.id and isinstance(m.id, str) and m.string}
    return found


def check_theme_words(html_dir: Path, lang: str) -> list[str]:
    """Theme words left in English (outside the article) or mistranslated, per page, on a non-English edition."""
    if lang == "en":
        return []
    english = sorted(theme_msgids(lang) - {"Sphinx", "PyData"}, key=len, reverse=True)
    pattern = re.compile(r'(?<=[>"])\s*(' + "|".join(map(re.escape, english)) + r')\s*(?=[<"])') if english else None
    problems = []
    for page in content_pages(html_dir):
        text = page.read_text(encoding="utf-8")
        chrome = re.sub(r"<(script|style)\b.*?</\1>", "", ARTICLE.sub("", text), flags=re.S)
        chrome = re.sub(r'\s(?:href|src|class|id|d|content|name|rel|type|data-[\w-]+)="[^"]*"', "", chrome)
        wrong = [w for w in WRONG_THEME_WORDS.get(lang, ()) if re.search(r"[>\"]\s*" + re.escape(w), chrome)]
        wrong += [w for w in FOLD_WORDS if w in text]
        left = sorted({m.group(1) for m in pattern.finditer(chrome)}) if pattern else []
        if wrong or left:
            problems.append(f"{page.relative_to(html_dir)}: theme words wrong {wrong} or left in English {left}")
    return problems


# --------------------------------------------------------------------------
# Content-Security-Policy
# --------------------------------------------------------------------------

#: The inline scripts the themes and extensions write (pydata-sphinx-theme's light/dark mode and
#: search-field focus, sphinx-togglebutton's settings, Sphinx's search option, myst-nb's MathJax
#: options), whitespace-normalised.
#: Only these get a hash in the page's policy: an inline script found in a page but not listed
#: here (for instance one that came from the data) is not hashed, so the browser refuses it.
THEME_SCRIPTS = frozenset(
    " ".join(s.split())
    for s in (
        'document.documentElement.dataset.mode = localStorage.getItem("mode") || "auto"; '
        'document.documentElement.dataset.theme = localStorage.getItem("theme") || "auto";',
        "let toggleHintShow = 'Click to show';",
        "let toggleHintHide = 'Click to hide';",
        "let toggleHintShow = 'Nhấn để hiện';",  # the Vietnamese edition (site/_config.vi.yml)
        "let toggleHintHide = 'Nhấn để ẩn';",
        "let toggleOpenOnPrint = 'true';",
        "var togglebuttonSelector = '.toggle, .admonition.dropdown';",
        "DOCUMENTATION_OPTIONS.search_as_you_type = false;",
        # myst-nb's MathJax configuration on pages with math (the site ships no MathJax: inert)
        'window.MathJax = {"options": {"processHtmlClass": "tex2jax_process|mathjax_process|math|output_area"}}',
        '// Activate the search field on page load let searchInput = document.querySelector("form.bd-search input"); '
        'if (searchInput) { searchInput.focus(); searchInput.select(); console.log("[PST]: Set focus on search field."); }',
    )
)
#: The theme's inline click handlers, replaced by data attributes that _static/agstats-csp.js handles.
THEME_HANDLERS = {
    'onclick="window.print()"': 'data-agstats-click="print"',
    'onclick="toggleFullScreen()"': 'data-agstats-click="fullscreen"',
}
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\ssrc=)[^>]*>(.*?)</script>", re.S | re.I)
CSP_META = '<meta http-equiv="Content-Security-Policy" content="{policy}" />'


def content_security_policy(page_html: str, pagename: str) -> tuple[str, list[str]]:
    """The policy for one page, and the inline scripts it refuses (those not in THEME_SCRIPTS).

    Scripts only from the site itself or, inline, whose sha256 is that of a known theme
    snippet; no plugins, no ``<base>``, no network origins (everything is 'self').

    >>> policy, refused = content_security_policy(
    ...     "<script>let toggleHintShow = 'Click to show';</script><script>alert(1)</script>", "index")
    >>> refused, policy.count("'sha256-")
    (['alert(1)'], 1)
    """
    allowed = THEME_SCRIPTS | {f"DOCUMENTATION_OPTIONS.pagename = '{pagename}';"}
    hashes: list[str] = []
    refused: list[str] = []
    for m in INLINE_SCRIPT.finditer(page_html):
        body = m.group(1)
        if " ".join(body.split()) in allowed:
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
            if f"'sha256-{digest}'" not in hashes:
                hashes.append(f"'sha256-{digest}'")
        elif body.strip():
            refused.append(" ".join(body.split())[:80])
    policy = "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *hashes]),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )
    return policy, refused


def add_csp(html_dir: Path, *, top_only: bool = False) -> list[str]:
    """Put the Content-Security-Policy meta tag first in every page's head; return refused scripts.

    *top_only*: only the pages directly in *html_dir* (the root page beside the editions)."""
    refused_all: list[str] = []
    for page in sorted(html_dir.glob("*.html") if top_only else html_dir.rglob("*.html")):
        if page.relative_to(html_dir).parts[0] == "_static":  # theme template fragments, not pages
            continue
        text = page.read_text(encoding="utf-8")
        for handler, replacement in THEME_HANDLERS.items():
            text = text.replace(handler, replacement)
        pagename = page.relative_to(html_dir).with_suffix("").as_posix()
        policy, refused = content_security_policy(text, pagename)
        refused_all += [f"{page.relative_to(html_dir)}: {r}" for r in refused]
        meta = CSP_META.format(policy=html.escape(policy, quote=True))
        head = re.search(r"<head\b[^>]*>", text)
        if head is None:
            refused_all.append(f"{page.relative_to(html_dir)}: no <head> for the policy")
            continue
        # Right after <meta charset>: the policy must come before any script.
        charset = re.compile(r"\s*<meta charset=[^>]*>").match(text, head.end())
        at = charset.end() if charset else head.end()
        page.write_text(text[:at] + meta + "\n" + text[at:], encoding="utf-8")
    return refused_all


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------


def jupyter_book() -> str:
    exe = Path(sys.executable).parent / "jupyter-book"
    found = str(exe) if exe.exists() else shutil.which("jupyter-book")
    if not found:
        raise SystemExit("build_site: jupyter-book not found (install the 'report' extra: make report)")
    return found


def twin(notebook: Path, lang: str) -> Path:
    """The notebook of an edition: the English one itself, or its twin ``<folder>/LANG/<name>``."""
    return notebook if lang == "en" else notebook.parent / lang / notebook.name


def prepare_sources(paths: list[Path], src: Path, *, reuse: bool, no_execute: bool) -> tuple[int, float]:
    """Execute (or reuse, or copy unexecuted) an edition's notebooks into its site_src folder.

    Removes anything stale from *src*; :data:`EXECUTED` records, per executed copy, the
    notebook it came from (path, mtime, size). Returns (notebooks executed, seconds).
    """
    src.mkdir(parents=True, exist_ok=True)
    names = [p.stem for p in paths]
    keep = {f"{n}.ipynb" for n in names} | {EXECUTED}
    for item in src.iterdir():
        if item.name not in keep:
            shutil.rmtree(item) if item.is_dir() else item.unlink()
    record_file = src / EXECUTED
    record = json.loads(record_file.read_text(encoding="utf-8")) if record_file.exists() else {}
    record = {k: v for k, v in record.items() if k in names and (src / f"{k}.ipynb").exists()}

    def stamp(p: Path) -> list:
        return [str(p), p.stat().st_mtime_ns, p.stat().st_size]

    todo = [p for p in paths if not (reuse and record.get(p.stem) == stamp(p))]
    start = time.perf_counter()
    if no_execute:
        print(f"build_site: rendering the stored outputs of {len(paths)} notebook(s) (not executed)", flush=True)
        for p in paths:
            shutil.copyfile(p, src / p.name)
            record.pop(p.stem, None)
        todo = []
    elif todo:
        print(f"build_site: executing {len(todo)} notebook(s) into {src}", flush=True)
        record_file.unlink(missing_ok=True)  # if execution stops half-way, nothing is taken as executed
        execute(todo, src)
        record.update({p.stem: stamp(p) for p in todo})
    record_file.write_text(json.dumps(record, indent=1), encoding="utf-8")
    if len(todo) < len(paths) and not no_execute:
        print(f"build_site: reusing {len(paths) - len(todo)} executed notebook(s) from {src}", flush=True)
    return len(todo), time.perf_counter() - start


def render(sources: dict[str, Path], build: Path) -> dict[str, Path]:
    """Run Jupyter Book on every edition at once (one process each); return each edition's html folder.

    Each renders into ``BUILD/jb/LANG/_build/html`` (Jupyter Book's layout), moved to
    ``BUILD/html/LANG``. Exits with the warnings shown when any build fails.
    """
    jobs = {}
    for lang, src in sources.items():
        out = build / "jb" / lang
        cmd = [jupyter_book(), "build", str(src), "--path-output", str(out), "--builder", "html",
               "-W", "-n", "--keep-going", "--quiet"]  # fmt: skip
        env = dict(os.environ)
        env.pop("MPLBACKEND", None)
        jobs[lang] = subprocess.Popen(
            cmd, cwd=build, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
    failed = []
    for lang, job in jobs.items():
        output, _ = job.communicate()
        if job.returncode:
            print(f"build_site: [{lang}] " + output.replace("\n", f"\nbuild_site: [{lang}] "), file=sys.stderr)
            failed.append(f"{lang} (exit {job.returncode})")
    if failed:
        raise SystemExit(
            f"build_site: Jupyter Book failed for the edition(s) {', '.join(failed)}: see the warnings above"
        )
    html_dirs = {}
    for lang in sources:
        target = build / "html" / lang
        shutil.move(str(build / "jb" / lang / "_build" / "html"), str(target))
        html_dirs[lang] = target
    return html_dirs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="the English notebooks (default: notebooks/NN_*.ipynb); twins in vi/"
    )
    parser.add_argument(
        "--build-dir",
        type=Path,
        default=ROOT / "_build",
        help="build folder, named _build (Jupyter Book's rule); the site goes to BUILD_DIR/html",
    )
    parser.add_argument("--data-dir", type=Path, help="data package for the data and sources pages (default: agstats')")
    parser.add_argument(
        "--editions",
        default=",".join(EDITIONS),
        help="comma-separated editions to build (default: en,vi; each goes to BUILD_DIR/html/LANG)",
    )
    how = parser.add_mutually_exclusive_group()
    how.add_argument(
        "--reuse-executed",
        action="store_true",
        help="keep executed copies in BUILD_DIR/site_src newer than their notebook (fast re-render)",
    )
    how.add_argument(
        "--no-execute",
        action="store_true",
        help="render the notebooks' stored outputs instead of executing them (figures get "
        "section-based alt text); used by the browser test",
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    build = args.build_dir.resolve()
    if build.name != "_build":
        parser.error("--build-dir must be a folder named _build (Jupyter Book writes to <parent>/_build)")
    editions = [e.strip() for e in args.editions.split(",") if e.strip()]
    if not editions or set(editions) - set(EDITIONS) or len(set(editions)) != len(editions):
        parser.error(f"--editions: a comma-separated list of {', '.join(EDITIONS)}")
    paths = [p.resolve() for p in args.notebooks] or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        print(f"build_site: no notebooks found in {NOTEBOOKS}", file=sys.stderr)
        return 1
    names = [p.stem for p in paths]
    if len(set(names)) != len(names):
        print("build_site: two notebooks share a name", file=sys.stderr)
        return 1
    notebooks = {lang: [twin(p, lang) for p in paths] for lang in editions}
    missing = [f"{t} (the twin of {p})" for lang in editions for p, t in zip(paths, notebooks[lang]) if not t.exists()]
    if missing:
        print(
            "build_site: the Vietnamese edition needs a twin of every notebook; missing:\n  "
            + "\n  ".join(map(str, missing))
            + "\nCreate a twin with `python scripts/sync_editions.py NN_name` (then translate its Markdown), "
            "or build one edition with --editions en.",
            file=sys.stderr,
        )
        return 1

    # 1. Execute (or reuse up-to-date executed copies) into site_src/LANG.
    src = {lang: build / "site_src" / lang for lang in editions}
    for stale in (build / "site_src").glob("*") if (build / "site_src").exists() else []:
        if stale.name not in src:  # the one-edition layout of older builds, or an edition not built now
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    executed, t_exec = 0, 0.0
    for lang in editions:
        n, seconds = prepare_sources(notebooks[lang], src[lang], reuse=args.reuse_executed, no_execute=args.no_execute)
        executed, t_exec = executed + n, t_exec + seconds

    # 2. Pages of each edition.
    t_site = time.perf_counter()
    data_dir = args.data_dir.resolve() if args.data_dir else None
    counts = {lang: write_pages(src[lang], data_dir=data_dir, notebook_names=names, lang=lang) for lang in editions}[
        editions[0]
    ]

    # 3. Jupyter Book, every edition at once, from a clean output (old warnings would not be repeated otherwise).
    root = build / "html"
    for stale in (root, build / "jb", build / ".doctrees", build / "jupyter_execute"):
        shutil.rmtree(stale, ignore_errors=True)
    root.mkdir(parents=True)
    print(
        f"build_site: rendering the edition(s) {', '.join(editions)} with Jupyter Book (warnings are errors)",
        flush=True,
    )
    html_dirs = render(src, build)

    problems: list[str] = []
    for lang, html_dir in html_dirs.items():
        # 4. Alt text on every image; each figure opens full size (a link to the image itself).
        problems += [
            f"[{lang}] {p}" for p in add_alt_text(html_dir, {n: alt_texts(src[lang] / f"{n}.ipynb") for n in names})
        ]
        link_figures(html_dir)
        # 5. Light pages: inline SVG icons (no icon-font script), no source maps, unused CSS rules dropped.
        problems += [f"[{lang}] icon with no SVG: {m}" for m in inline_icons(html_dir)]
        purge_css(html_dir)
        # The edition's own words: no theme string left in another language or mistranslated.
        problems += [f"[{lang}] {p}" for p in rewrite_translations_js(html_dir, lang)]
        problems += [f"[{lang}] {p}" for p in check_theme_words(html_dir, lang)]
    if problems:
        print("build_site: the site is not right:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1

    # 6. The two editions linked: a language switch and hreflang links on every page; the root offers both.
    link_editions(html_dirs)
    write_root_index(root, html_dirs, data_dir=data_dir)

    # 7. Content-Security-Policy on every page (an inline script not from the theme is refused).
    refused = [f"[{lang}] {r}" for lang, html_dir in html_dirs.items() for r in add_csp(html_dir)]
    refused += add_csp(root, top_only=True)
    if refused:
        print(
            "build_site: inline scripts not from the theme, refused by the Content-Security-Policy:\n  "
            + "\n  ".join(refused),
            file=sys.stderr,
        )
    # 7. Downloads and PDFs (scripts/downloads.py, scripts/pdf.py; sitepub): data tables, data package,
    #    chart data, notebooks, wheel under html/downloads/, linked from the pages; PDFs under html/pdf/
    #    (not for --no-execute test builds, or when AGSTATS_SITE_PDF=0). One call per edition.
    sys.path.insert(0, str(ROOT / "scripts"))
    import downloads as site_downloads  # noqa: PLC0415 - a script beside this one
    import pdf as site_pdf  # noqa: PLC0415

    for language, edition in html_dirs.items():  # shared folders: BUILD_DIR/html/downloads, BUILD_DIR/html/pdf
        site_downloads.publish_edition(
            edition,
            src[language],
            names,
            language=language,
            downloads=root / "downloads",
            pdf_dir=root / "pdf",
            data_dir=data_dir,
        )
        if not args.no_execute and os.environ.get("AGSTATS_SITE_PDF", "1") != "0":
            for pdf_file, n in site_pdf.build_pdfs(edition, names, language=language, pdf_dir=root / "pdf").items():
                print(f"build_site: pdf/{pdf_file}: {n} pages", flush=True)
    t_site = time.perf_counter() - t_site

    for lang, html_dir in html_dirs.items():
        pages = sorted(html_dir.glob("*.html"))
        content = [p for p in pages if p.name not in ("search.html", "genindex.html")]
        print(
            f"build_site: [{lang}] {len(content)} content pages ({len(names)} notebooks, {counts['n_indicators']} "
            f"indicators, {counts['n_context']} context rows, {counts['n_sources']} sources) "
            f"+ {len(pages) - len(content)} search/index pages"
        )
    what = f"{executed} notebook(s) executed in {t_exec:.1f} s" if executed else "no notebook executed"
    print(f"build_site: {what}, site built in {t_site:.1f} s, total {time.perf_counter() - start:.1f} s")
    print(f"build_site: open {root / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
