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

QUALIFIER_NAMES = {  # the words of the landing page's table; the data keep the codes
    "exact": "exact",
    "estimate": "estimate",
    "approximate": "approximate",
    "lower_bound": "lower bound",
    "estimate_lower_bound": "estimate, lower bound",
    "upper_bound": "upper bound",
    "target": "target",
}
AREA_NAMES = {
    "an_giang_pre2025": "An Giang, pre-2025",
    "an_giang_2025": "An Giang, merged 2025",
    "vietnam": "Vietnam",
}
TIER_NAMES = {"primary": "Primary sources", "secondary": "Secondary sources", "tertiary": "Tertiary sources"}
LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}


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


def indicators_table(df: pd.DataFrame, *, table_id: str, caption: str, units: pd.DataFrame) -> str:
    """An HTML table with one row per indicator row; every data value escaped.

    Columns: indicator (English label and id), Vietnamese label (``lang="vi"``),
    value (with the qualifier's ≥/≤/≈ sign), unit, period, qualifier, area, sector,
    source (link to the sources page and to the document), evidence (``lang="vi"``), note.
    """
    from agstats import plotting as agp  # format_number/period_label: the notebooks' formatting

    unit_en = {str(r.code): str(r.label_en) for r in units.itertuples()}
    head = [
        "Indicator",
        "Vietnamese label",
        "Value",
        "Unit",
        "Period",
        "Qualifier",
        "Area",
        "Sector",
        "Source",
        "Evidence (verbatim)",
        "Note",
    ]
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
            agp.format_value(float(r.value), qualifier, None, "en")
            if qualifier in agp.QUALIFIERS
            else agp.format_number(float(r.value), "en")
        )
        source = str(r.source)
        cells = [
            td(f"{esc(r.label_en)}<br><code>{esc(r.indicator)}</code>"),
            td(esc(r.label_vi), lang="vi"),
            td(esc(value), cls="num"),
            td(esc(agp.unit_text(unit, "en") or unit_en.get(unit, unit))),
            td(esc(agp.period_label(r.period_start, r.period_end, "en")), cls="nowrap"),
            td(
                f'<span class="agstats-q agstats-q-{esc(qualifier)}">{esc(QUALIFIER_NAMES.get(qualifier, qualifier))}</span>'
            ),
            td(esc(AREA_NAMES.get(str(r.area), str(r.area)))),
            td(esc(r.sector)),
            td(f'<a href="sources.html#{esc(anchor(source))}">{esc(source)}</a>', cls="nowrap"),
            td(esc(r.evidence), cls="evidence", lang="vi"),
            td(esc(r.note), cls="note"),
        ]
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines)


def data_page(indicators: pd.DataFrame, context: pd.DataFrame, units: pd.DataFrame, *, version: str) -> str:
    """The Markdown source of the data page (raw HTML tables inside)."""
    return "\n".join(
        [
            "# Data",
            "",
            f"Every figure of the agstats data package (version {esc(version)}), generated from the data "
            "when this site is built — nothing on this page is typed by hand. The value carries the sign of "
            "its qualifier (≥ for a lower bound, ≤ for an upper bound, ≈ for an approximate value); see "
            "[How to read the figures](index.md#how-to-read-the-figures). The evidence is the shortest "
            "verbatim phrase of the source that states the figure, in Vietnamese.",
            "",
            'In Python: `agstats.load_indicators(area="all")` and `agstats.load_context(area="all")` return the same rows as '
            "typed pandas tables.",
            "",
            "## Sector figures",
            "",
            f'{len(indicators)} rows, from `agstats.load_indicators(area="all")`.',
            "",
            indicators_table(
                indicators,
                table_id="indicators-table",
                units=units,
                caption=f"ICT-sector figures ({len(indicators)} rows)",
            ),
            "",
            "## Context figures",
            "",
            f"{len(context)} rows (population, land area, economy, administrative units), from "
            '`agstats.load_context(area="all")`.',
            "",
            indicators_table(
                context, table_id="context-table", units=units, caption=f"Context figures ({len(context)} rows)"
            ),
            "",
        ]
    )


def sources_page(sources: pd.DataFrame) -> str:
    """The Markdown source of the sources page: one table per tier, every value escaped."""
    out = [
        "# Sources",
        "",
        f"The {len(sources)} documents the figures come from, generated from the data package "
        "(`agstats.load_sources()`). Cite the original source of every figure you reuse. A title in "
        "square brackets is our English rendering of a title in another language.",
        "",
    ]
    tiers = [t for t in TIER_NAMES if t in set(sources["tier"].astype(str))]
    tiers += sorted(set(sources["tier"].astype(str)) - set(tiers))
    for tier in tiers:
        rows = sources[sources["tier"].astype(str) == tier]
        out += [f"## {TIER_NAMES.get(tier, tier.capitalize() + ' sources')}", ""]
        out += [
            '<div class="agstats-table-wrap">',
            f'<table class="agstats-table agstats-sources" id="sources-{esc(tier)}">',
            "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in ("Id", "Source")) + "</tr></thead>",
            "<tbody>",
        ]
        for r in rows.itertuples(index=False):
            title = str(r.title)
            title_lang = "vi" if r.language == "vi" and not title.startswith("[") else ""
            lang_attr = f' lang="{title_lang}"' if title_lang else ""
            url = safe_url(r.url)
            link = f'<a href="{esc(url)}">{esc(url)}</a>' if url else esc(r.url)
            date_note = f" ({esc(str(r.published_note).rstrip('.'))})" if r.published_note else ""
            citation = (
                f"{esc(r.publisher)} ({esc(r.published)}){date_note}. <cite{lang_attr}>{esc(title)}</cite>. {link}"
            )
            language = esc(LANGUAGE_NAMES.get(str(r.language), str(r.language)))
            note = f" {esc(r.note)}" if r.note else ""
            out.append(
                f'<tr id="{esc(anchor(str(r.id)))}">'
                + td(f"<code>{esc(r.id)}</code>", cls="nowrap")
                + td(f'{citation}<br><span class="note">In {language}.{note}</span>')
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
}


def _autodoc(qualified: str, obj: object) -> str:
    import inspect

    if inspect.isclass(obj):
        return f".. autoclass:: {qualified}\n   :members:\n"
    if callable(obj):
        return f".. autofunction:: {qualified}\n"
    return f".. autodata:: {qualified}\n   :annotation:\n"


def api_page() -> str:
    """The Markdown source of the API reference: every name of ``agstats.__all__`` and of
    ``agstats.plotting.__all__``, documented by Sphinx autodoc from its numpy-style docstring
    (napoleon), grouped by the module it comes from, in the order of ``__all__``."""
    import inspect

    import agstats
    from agstats import plotting

    out = [
        "# API reference",
        "",
        f"The public functions and classes of the `agstats` package, version {esc(agstats.__version__)}, "
        "generated from their docstrings when this site is built. Everything listed is importable from "
        "`agstats` (for example `agstats.load_indicators`), except the plotting helpers, which are in "
        "`agstats.plotting`. The examples run as tests (`make test`).",
        "",
    ]
    groups: dict[str, list[str]] = {}
    for name in agstats.__all__:
        obj = getattr(agstats, name)
        if inspect.ismodule(obj) or name == "__version__":
            continue
        module = getattr(obj, "__module__", None) or "agstats"
        groups.setdefault(module, []).append(name)
    out += [
        "```{eval-rst}",
        ".. py:data:: agstats.__version__",
        "   :type: str",
        "",
        f"   The version of the package (this site: ``{agstats.__version__}``).",
        "```",
        "",
    ]
    for module, names in groups.items():
        out += [f"## {API_SECTIONS.get(module, module)}", "", "```{eval-rst}"]
        out += [_autodoc(f"agstats.{name}", getattr(agstats, name)) for name in names]
        out += ["```", ""]
    out += [
        "## Plotting (`agstats.plotting`)",
        "",
        "Needs the plotting libraries (matplotlib and seaborn).",
        "",
        "```{eval-rst}",
    ]
    out += [_autodoc(f"agstats.plotting.{name}", getattr(plotting, name)) for name in plotting.__all__]
    out += ["```", ""]
    return "\n".join(out)


def notebook_title(path: Path) -> str | None:
    """The first level-1 heading of a notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


def toc_yaml(notebook_names: Iterable[str], docs: Iterable[str] = ()) -> str:
    """The jb-book table of contents: landing page, the notebooks in reading order, reference pages,
    then the project's notes (``docs/*.md``: the analyses cite them by path)."""
    lines = [
        "# Generated by scripts/build_site.py: do not edit.",
        "format: jb-book",
        "root: index",
        "parts:",
        "  - caption: Analyses",
        "    chapters:",
    ]
    lines += [f"      - file: {name}" for name in notebook_names]
    lines += [
        "  - caption: Data and sources",
        "    chapters:",
        "      - file: data",
        "      - file: sources",
        "      - file: api",
        "      - file: reproduce",
    ]
    if docs:
        lines += ["  - caption: Notes on method", "    chapters:"] + [f"      - file: docs/{d}" for d in docs]
    return "\n".join(lines) + "\n"


def config_yaml(substitutions: dict[str, object], footer_prefix: str = "") -> str:
    """site/_config.yml plus the generated MyST substitutions (JSON is valid YAML) and footer prefix."""
    base = (SITE / "_config.yml").read_text(encoding="utf-8")
    subs = json.dumps({k: str(v) for k, v in substitutions.items()}, ensure_ascii=False)
    assert "myst_substitutions" not in base, "site/_config.yml must not set myst_substitutions itself"
    base = base.replace("parse:\n", f"parse:\n  myst_substitutions: {subs}\n", 1)
    if footer_prefix:
        m = re.search(r'^  extra_footer: "(.*)"$', base, re.M)
        assert m, "site/_config.yml must set html.extra_footer on one line"
        footer = json.dumps(f'<p class="agstats-data-version">{footer_prefix}{m.group(1)}</p>', ensure_ascii=False)
        base = base[: m.start()] + f"  extra_footer: {footer}" + base[m.end() :]
    return base


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


def write_pages(src: Path, *, data_dir: Path | None, notebook_names: list[str]) -> dict[str, int]:
    """Copy site/ into src and write the generated pages; return the counts used."""
    import agstats

    for item in SITE.iterdir():
        if item.name == "_config.yml":
            continue
        target = src / item.name
        if item.is_dir():
            shutil.copytree(item, target, dirs_exist_ok=True)
        else:
            shutil.copy2(item, target)
    indicators = agstats.load_indicators(area="all", data_dir=data_dir)
    context = agstats.load_context(area="all", data_dir=data_dir)
    sources = agstats.load_sources(data_dir=data_dir)
    units = agstats.load_units(data_dir=data_dir)
    (src / "data.md").write_text(data_page(indicators, context, units, version=agstats.__version__), encoding="utf-8")
    (src / "sources.md").write_text(sources_page(sources), encoding="utf-8")
    (src / "api.md").write_text(api_page(), encoding="utf-8")
    docs = sorted(p.stem for p in DOCS.glob("*.md"))
    if docs:
        shutil.copytree(DOCS, src / "docs", dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.ipynb", "_*"))
    (src / "_toc.yml").write_text(toc_yaml(notebook_names, docs), encoding="utf-8")
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
    subs = {
        "version": agstats.__version__,
        "data_version": data_version,
        "data_updated": updated or "not recorded",
        # Where the code and notebooks are: only said when site/_config.yml names the place.
        "repository_clause": f"; the code and the notebooks are at <{repository}>" if repository else "",
        **counts,
    }
    footer = f"Data version {esc(data_version)}" + (f", last updated {esc(updated)}" if updated else "") + ". "
    (src / "_config.yml").write_text(config_yaml(subs, footer_prefix=footer), encoding="utf-8")
    return counts


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
    r'\s*<script\b[^>]*\ssrc="(?:\.\./)*(?:searchindex\.js|_static/searchtools\.js|_static/language_data\.js)[^"]*"[^>]*></script>'
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


def add_csp(html_dir: Path) -> list[str]:
    """Put the Content-Security-Policy meta tag first in every page's head; return refused scripts."""
    refused_all: list[str] = []
    for page in sorted(html_dir.rglob("*.html")):
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/NN_*.ipynb")
    parser.add_argument(
        "--build-dir",
        type=Path,
        default=ROOT / "_build",
        help="build folder, named _build (Jupyter Book's rule); the site goes to BUILD_DIR/html",
    )
    parser.add_argument("--data-dir", type=Path, help="data package for the data and sources pages (default: agstats')")
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
    paths = [p.resolve() for p in args.notebooks] or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        print(f"build_site: no notebooks found in {NOTEBOOKS}", file=sys.stderr)
        return 1
    names = [p.stem for p in paths]
    if len(set(names)) != len(names):
        print("build_site: two notebooks share a name", file=sys.stderr)
        return 1
    src, html_dir = build / "site_src", build / "html"
    src.mkdir(parents=True, exist_ok=True)

    # 1. Execute (or reuse up-to-date executed copies), removing anything stale from site_src.
    #    EXECUTED records, per executed copy, the source notebook it came from (path, mtime, size).
    keep = {f"{n}.ipynb" for n in names} | {EXECUTED}
    for item in src.iterdir():
        if item.name in keep:
            continue
        shutil.rmtree(item) if item.is_dir() else item.unlink()
    record_file = src / EXECUTED
    record = json.loads(record_file.read_text(encoding="utf-8")) if record_file.exists() else {}
    record = {k: v for k, v in record.items() if k in names and (src / f"{k}.ipynb").exists()}

    def stamp(p: Path) -> list:
        return [str(p), p.stat().st_mtime_ns, p.stat().st_size]

    todo = [p for p in paths if not (args.reuse_executed and record.get(p.stem) == stamp(p))]
    t_exec = time.perf_counter()
    if args.no_execute:
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
    if len(todo) < len(paths) and not args.no_execute:
        print(f"build_site: reusing {len(paths) - len(todo)} executed notebook(s) from {src}", flush=True)
    t_exec = time.perf_counter() - t_exec

    # 2. Pages.
    t_site = time.perf_counter()
    counts = write_pages(src, data_dir=args.data_dir.resolve() if args.data_dir else None, notebook_names=names)

    # 3. Jupyter Book, from a clean output (old warnings would not be repeated otherwise).
    for stale in (html_dir, build / ".doctrees", build / "jupyter_execute"):
        shutil.rmtree(stale, ignore_errors=True)
    print("build_site: rendering with Jupyter Book (warnings are errors)", flush=True)
    cmd = [
        jupyter_book(),
        "build",
        str(src),
        "--path-output",
        str(build.parent),
        "--builder",
        "html",
        "-W",
        "-n",
        "--keep-going",
        "--quiet",
    ]
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    result = subprocess.run(cmd, cwd=build.parent, env=env, check=False)
    if result.returncode:
        print(f"build_site: Jupyter Book failed (exit {result.returncode}): see the warnings above", file=sys.stderr)
        return 1

    # 4. Alt text on every image.
    problems = add_alt_text(html_dir, {name: alt_texts(src / f"{name}.ipynb") for name in names})
    if problems:
        print("build_site: images without alt text:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1

    # 5. Light pages: inline SVG icons (no icon-font script), no source maps.
    missing = inline_icons(html_dir)
    if missing:
        print("build_site: icons with no SVG: " + ", ".join(missing), file=sys.stderr)
        return 1

    # 6. Content-Security-Policy on every page (an inline script not from the theme is refused).
    refused = add_csp(html_dir)
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

    data_dir = args.data_dir.resolve() if args.data_dir else None
    for language, edition, executed_dir in [("en", html_dir, src)]:  # sitecore: one entry per edition
        site_downloads.publish_edition(
            edition,
            executed_dir,
            names,
            language=language,
            downloads=html_dir / "downloads",
            pdf_dir=html_dir / "pdf",
            data_dir=data_dir,
        )
        if not args.no_execute and os.environ.get("AGSTATS_SITE_PDF", "1") != "0":
            for pdf_file, n in site_pdf.build_pdfs(edition, names, language=language, pdf_dir=html_dir / "pdf").items():
                print(f"build_site: pdf/{pdf_file}: {n} pages", flush=True)
    t_site = time.perf_counter() - t_site

    pages = sorted(html_dir.glob("*.html"))
    content = [p for p in pages if p.name not in ("search.html", "genindex.html")]
    print(
        f"build_site: {len(content)} content pages ({len(names)} notebooks, {counts['n_indicators']} "
        f"indicators, {counts['n_context']} context rows, {counts['n_sources']} sources) "
        f"+ {len(pages) - len(content)} search/index pages"
    )
    executed = f"{len(todo)} notebook(s) executed in {t_exec:.1f} s" if todo else "no notebook executed"
    print(f"build_site: {executed}, site built in {t_site:.1f} s, total {time.perf_counter() - start:.1f} s")
    print(f"build_site: open {html_dir / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
