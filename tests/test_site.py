"""The students' site (``make report``): page generators, build failures, and a real browser.

The site is built once per session with ``scripts/build_site.py --no-execute`` into a
temporary build folder (the notebooks' stored outputs, which nbval checks; execution, the
failing-cell exit, figure-title alt text and hostile data are tested on small fixture builds
in tests/test_site_builds.py, which pytest-xdist runs beside this file), served
on 127.0.0.1 by ``http.server`` and driven with Chromium through Playwright. Without
Chromium (``/usr/bin/chromium`` or ``chromium`` on PATH; ``.ci/run`` installs it) the
browser tests skip. Screenshots of the landing page and of a notebook page are saved to
``_build/screenshots/``.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import deque
from urllib.parse import urldefrag, urlsplit

import nbformat
import pandas as pd
import pytest
from sitetools import NOTEBOOKS, ROOT, SCREENSHOTS, XSS, bs, run_build, visit

import agstats

# --------------------------------------------------------------------------
# Page generators (no build, no browser)
# --------------------------------------------------------------------------


def frame(**changes) -> pd.DataFrame:
    row = {
        "indicator": "x_rev",
        "sector": "postal",
        "label_en": "Revenue",
        "label_vi": "Doanh thu",
        "value": 4600.0,
        "unit": "vnd_bn",
        "period_start": pd.Timestamp("2019-01-01"),
        "period_end": pd.Timestamp("2019-09-30"),
        "qualifier": "lower_bound",
        "area": "an_giang_pre2025",
        "source": "mic2019",
        "evidence": "trên 4.600 tỷ đồng",
        "method": "stated",
        "note": "",
    }
    row.update(changes)
    return pd.DataFrame([row])


def test_data_page_escapes_every_text_from_the_data():
    hostile = frame(
        label_en="A </td><script>alert(1)</script>",
        label_vi="<b>Doanh thu</b>",
        evidence=XSS + "\n\nline & {{ version }}",
        note='" onmouseover="x',
        source='a"><script>',
    )
    page = bs.data_page(hostile, frame(), agstats.load_units(), version="0.0")
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;window.agstatsPwned=true&lt;/script&gt;" in page
    assert "{{" not in page and "{" not in page.replace("{{", "")
    table = page[page.index('<div class="agstats-table-wrap"') : page.index("</div>") + len("</div>")]
    assert "\n\n" not in table  # a blank line would end the raw HTML block
    assert '<td class="evidence" lang="vi">' in page and '<td lang="vi">&lt;b&gt;Doanh thu' in page
    assert "≥ 4,600" in page and "Jan–Sep 2019" in page and "billion VND" in page


def test_data_page_has_one_row_per_indicator_and_context_row():
    ind, ctx = agstats.load_indicators(area="all"), agstats.load_context(area="all")
    page = bs.data_page(ind, ctx, agstats.load_units(), version=agstats.__version__)
    body = page.split('id="indicators-table"')[1].split("</tbody>")[0]
    assert body.count("<tr>") == len(ind) + 1  # + the header row
    assert page.split('id="context-table"')[1].split("</tbody>")[0].count("<tr>") == len(ctx) + 1


def test_sources_page_escapes_and_links_only_http_urls():
    src = agstats.load_sources().head(2).copy()
    src.loc[0, "url"] = "javascript:alert(1)"
    src.loc[1, "title"] = "<i>T</i>"
    page = bs.sources_page(src)
    assert 'href="javascript' not in page and "<i>T</i>" not in page and "&lt;i&gt;T&lt;/i&gt;" in page
    assert page.count('<tr id="source-') == 2


def test_toc_lists_the_notebooks_in_reading_order():
    toc = bs.toc_yaml(["00_overview", "01_telecom"])
    assert toc.index("file: 00_overview") < toc.index("file: 01_telecom") < toc.index("file: data")


def test_alt_text_from_figure_titles_else_section(tmp_path):
    png = "iVBORw0KGgo="  # any base64 payload: only its hash matters here
    nb = nbformat.v4.new_notebook()
    titled = nbformat.v4.new_output(
        "display_data", data={"image/png": png}, metadata={"agstats": {"figure_titles": ["Telecom revenue", "2019"]}}
    )
    bare = nbformat.v4.new_output("display_data", data={"image/png": "AAAA"})
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 01 · Telecom\n\n## Growth"),
        nbformat.v4.new_code_cell("plot()", outputs=[titled, bare]),
    ]
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nb, path)
    alts = bs.alt_texts(path)
    h = lambda b64: hashlib.sha256(bs.image_bytes("image/png", b64)).hexdigest()  # noqa: E731
    assert alts == {h(png): "Chart: Telecom revenue; 2019", h("AAAA"): "Figure 2 in section “Growth”"}
    page = tmp_path / "01_x.html"
    page.write_text(f'<img alt="x/{h(png)}.png" src="_images/{h(png)}.png" /><img src="_static/logo.png">')
    assert bs.add_alt_text(tmp_path, {"01_x": alts}) == ['01_x.html: <img src="_static/logo.png"> has no alt text']
    assert 'alt="Chart: Telecom revenue; 2019"' in page.read_text()


# --------------------------------------------------------------------------
# Builds
# --------------------------------------------------------------------------


def _digest(paths):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> dict:
    """The real site, built into a temporary _build folder from the notebooks' stored outputs.

    `make report` executes the notebooks first; here their committed outputs are rendered
    instead (saving a second execution: nbval and test_notebooks.py already check that
    those outputs are what a fresh top-to-bottom run gives). Execution, the failing-cell
    exit and the figure-title alt text are covered by the fixture builds below.
    """
    pytest.importorskip("jupyter_book", reason="jupyter-book (the 'report' extra) is not installed")
    assert NOTEBOOKS, "no notebooks/NN_*.ipynb to build"
    build = tmp_path_factory.mktemp("site") / "_build"
    before = _digest(NOTEBOOKS)
    start = time.perf_counter()
    result = run_build("--build-dir", build, "--no-execute")
    seconds = time.perf_counter() - start
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert _digest(NOTEBOOKS) == before, "the build changed the committed notebooks"
    return {"html": build / "html", "stdout": result.stdout, "seconds": seconds}


def test_build_reports_the_index_and_its_time(site):
    index = site["html"] / "index.html"
    assert index.is_file()
    assert f"open {index.resolve()}" in site["stdout"]
    assert "site built in" in site["stdout"]
    names = {p.stem for p in site["html"].glob("*.html")}
    assert {p.stem for p in NOTEBOOKS} | {"index", "data", "sources", "api", "reproduce"} <= names


# --------------------------------------------------------------------------
# Browser
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def crawl(site, browser, serve) -> dict[str, dict]:
    """Every page reachable from the index by following links, keyed by path."""
    base = serve(site["html"])
    first_notebook = f"{NOTEBOOKS[0].stem}.html"
    shots = {"index.html": SCREENSHOTS / "index.png", first_notebook: SCREENSHOTS / f"{NOTEBOOKS[0].stem}.png"}
    pages: dict[str, dict] = {}
    queue = deque(["index.html"])
    while queue or "search.html?q=telecom" not in pages:
        if not queue:  # the search page is reached by the search form, not a link: check it with a query
            queue.append("search.html?q=telecom")
        path = queue.popleft()
        if path in pages:
            continue
        info = visit(browser, base + path, screenshot=shots.get(path))
        info["context"].close()
        del info["page"], info["context"]
        pages[path] = info
        for link in info["links"]:
            target, _ = urldefrag(link)
            parts = urlsplit(target)
            if target.startswith(base) and (parts.path.endswith(".html") or parts.path.endswith("/")):
                rel = target[len(base) :] or "index.html"
                queue.append(rel + "index.html" if rel.endswith("/") else rel)
    return pages


def test_navigation_from_the_index_reaches_every_page(site, crawl):
    built = {
        p.relative_to(site["html"]).as_posix() for p in site["html"].rglob("*.html") if "_static" not in p.parts
    } - {"search.html"}
    assert {f"{p.stem}.html" for p in NOTEBOOKS} <= set(crawl)
    assert built - set(crawl) == set(), "pages no link leads to"
    assert len(crawl) == len(built) + 1  # + search.html?q=...
    assert {p: i["status"] for p, i in crawl.items() if i["status"] != 200} == {}


def test_every_page_has_a_strict_content_security_policy(crawl):
    problems = {}
    for path, info in crawl.items():
        policy = dict(d.strip().split(" ", 1) for d in (info["csp"] or "").split(";") if " " in d.strip())
        script_src = policy.get("script-src", "").split()
        ok = (
            info["csp_first"]
            and script_src[:1] == ["'self'"]
            and all(s.startswith("'sha256-") for s in script_src[1:])
            and policy.get("object-src") == "'none'"
            and policy.get("base-uri") == "'none'"
            and not re.search(r"https?:|\*|'unsafe-(inline|eval|hashes)'", policy.get("script-src", ""))
            and not re.search(r"https?:|\*", info["csp"])
        )
        if not ok or info["violations"]:
            problems[path] = (info["csp"], info["violations"])
    assert problems == {}


def test_search_and_toggles_work_under_the_policy(site, browser, serve):
    info = visit(browser, serve(site["html"]) + "search.html?q=telecom")
    page = info["page"]
    try:
        page.wait_for_selector("#search-results ul.search li", timeout=20_000)
        results = page.locator("#search-results ul.search li").count()
        page.goto(serve(site["html"]) + "index.html")
        before = page.evaluate("() => document.documentElement.dataset.mode")
        page.locator("button.theme-switch-button").first.click()
        after = page.evaluate("() => document.documentElement.dataset.mode")
        violations = page.evaluate("() => window.agstatsCspViolations")
    finally:
        info["context"].close()
    assert results > 0 and before != after and violations == [] and info["console"] == []


def test_no_console_errors_and_no_failed_requests(crawl):
    assert {p: i["console"] + i["failed"] for p, i in crawl.items() if i["console"] or i["failed"]} == {}


REMOTE = [
    re.compile(r"<(?:script|img|iframe|source|video|audio|embed|input)\b[^>]*\ssrc=[\"']?(?:https?:)?//", re.I),
    re.compile(r"<link\b[^>]*\shref=[\"']?(?:https?:)?//", re.I),
    re.compile(r"<script\b[^>]*>[^<]*?(?:https?:)?//[\w.-]+\.[a-z]{2,}[^<]*</script>", re.I),
    re.compile(r"@import\s+url\([\"']?(?:https?:)?//|url\([\"']?https?://", re.I),
]


def remote_references(text: str) -> list[str]:
    """Remote scripts, styles, images, frames and fonts a page would load (links out are fine).

    >>> remote_references('<script>const THEBE_JS_URL = "https://unpkg.com/thebe"</script><a href="https://x.org">')
    ['<script>const THEBE_JS_URL = "https://unpkg.com/thebe"</script>']
    """
    return [m.group(0)[:120] for pattern in REMOTE for m in pattern.finditer(text)]


def test_no_page_or_stylesheet_references_remote_resources(site):
    """Also what a click could load (e.g. thebe's script URL), beyond the requests a visit makes."""
    files = [*site["html"].glob("*.html"), *site["html"].rglob("_static/**/*.css")]
    found = {
        f.relative_to(site["html"]).as_posix(): refs
        for f in files
        if (refs := remote_references(f.read_text(encoding="utf-8", errors="replace")))
    }
    assert found == {}


def test_no_request_leaves_the_machine(crawl):
    assert all(i["requests"] for i in crawl.values())
    assert {p: i["outside"] for p, i in crawl.items() if i["outside"]} == {}


def test_every_image_loads_and_has_a_meaningful_alt(crawl):
    images = [(p, img) for p, i in crawl.items() for img in i["images"]]
    figures = [img for p, img in images if p.removesuffix(".html") in {n.stem for n in NOTEBOOKS}]
    assert len(figures) >= 2 * len(NOTEBOOKS)  # every notebook has at least two figures
    assert [(p, img["src"]) for p, img in images if img["width"] == 0] == []
    assert [
        (p, img["src"], img["alt"]) for p, img in images if not bs.is_meaningful_alt(img["alt"], img["src"] or "")
    ] == []


def test_headings_do_not_skip_levels(crawl):
    problems = []
    for path, info in crawl.items():
        main = [h["level"] for h in info["main_headings"]]
        if path != "search.html" and (not main or main[0] != 1 or main.count(1) != 1):
            problems.append((path, "main must start with its only h1", main))
        for key in ("main_headings", "page_headings"):
            levels = [h["level"] for h in info[key]]
            for a, b in zip(levels, levels[1:]):
                if b > a + 1:
                    problems.append((path, key, levels))
                    break
    assert problems == []


def test_pages_are_english_with_vietnamese_marked(crawl, browser, site, serve):
    assert {p: i["lang"] for p, i in crawl.items() if i["lang"] != "en"} == {}
    info = visit(browser, serve(site["html"]) + "data.html")
    try:
        counts = info["page"].evaluate("""() => ({
            rows: document.querySelectorAll('#indicators-table tbody tr').length,
            context: document.querySelectorAll('#context-table tbody tr').length,
            vi_evidence: document.querySelectorAll('#indicators-table td.evidence[lang=vi]').length,
            vi_cells: document.querySelectorAll('#indicators-table td[lang=vi]').length})""")
    finally:
        info["context"].close()
    n = len(agstats.load_indicators(area="all"))
    assert counts == {"rows": n, "context": len(agstats.load_context(area="all")), "vi_evidence": n, "vi_cells": 2 * n}


def test_sources_page_lists_every_source(browser, site, serve):
    info = visit(browser, serve(site["html"]) + "sources.html")
    try:
        rows = info["page"].evaluate("() => document.querySelectorAll('table.agstats-sources tbody tr').length")
    finally:
        info["context"].close()
    assert rows == len(agstats.load_sources())


def test_api_reference_documents_every_public_name_with_its_examples(site):
    """Every name of agstats.__all__ and agstats.plotting.__all__ has an entry; docstring Examples are shown."""
    import inspect

    from agstats import plotting

    page = (site["html"] / "api.html").read_text(encoding="utf-8")
    entries = re.split(r'(?=<dt class="sig sig-object py" id=")', page)
    by_id = {m.group(1): e for e in entries if (m := re.match(r'<dt class="sig sig-object py" id="([^"]+)"', e))}
    public = {f"agstats.{n}": getattr(agstats, n) for n in agstats.__all__ if n != "plotting"}
    public |= {f"agstats.plotting.{n}": getattr(plotting, n) for n in plotting.__all__}
    assert sorted(set(public) - set(by_id)) == []
    without_examples = [
        name
        for name, obj in public.items()
        if (inspect.isfunction(obj) or inspect.isclass(obj))
        and "Examples\n" in (inspect.getdoc(obj) or "")
        and '<p class="rubric">Examples</p>' not in by_id[name]  # up to the next entry (or member)
    ]
    assert without_examples == []
    assert page.count('<div class="doctest highlight-default') >= len(public) // 2  # examples shown as code


FIRST_LOAD_LIMIT = 600 * 1024


def test_no_icon_font_script_and_no_source_maps(site):
    assert list(site["html"].rglob("*.map")) == [] and not (site["html"] / "_static/scripts/fontawesome.js").exists()
    assert [p for p in site["html"].rglob("*.js") if "sourceMappingURL" in p.read_text(errors="replace")] == []
    index = (site["html"] / "index.html").read_text(encoding="utf-8")
    assert 'class="fa-solid fa-bars agstats-icon"' in index and '<i class="fa' not in index


def test_first_load_of_every_page_is_light_at_both_widths(site, crawl, browser, serve, request):
    """≤ 600 KB per first load at 1366 px (the crawl) and at 390 px (a phone); figures in _build/screenshots."""
    import json

    # Known gap: the theme's stylesheet alone is 310 kB uncompressed (Bootstrap inside), and the
    # data, API and search pages and the two longest analyses still exceed the limit.
    request.applymarker(pytest.mark.xfail(strict=True, reason="some pages still exceed 600 KB (see first-load.json)"))
    base = serve(site["html"])
    heavy = {}
    measured = {}
    for path, info in crawl.items():
        phone = visit(
            browser, base + path, width=390, screenshot=SCREENSHOTS / "index-390.png" if path == "index.html" else None
        )
        phone["context"].close()
        for width, seen in ((1366, info), (390, phone)):
            measured[f"{path} at {width} px"] = round(seen["bytes"] / 1024)
            if not 0 < seen["bytes"] <= FIRST_LOAD_LIMIT:
                heavy[f"{path} at {width} px"] = seen["bytes"]
    (SCREENSHOTS / "first-load.json").write_text(json.dumps(measured, indent=1) + "\n")  # KB per page
    assert (SCREENSHOTS / "index-390.png").stat().st_size > 10_000
    assert heavy == {}


def test_every_page_states_the_data_version_and_its_last_change(crawl):
    import json

    package = json.loads((agstats.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    updated = bs.data_last_changed(agstats.data_dir(), package)
    version = str(package.get("version") or f"of agstats {agstats.__version__}")
    expected = f"Data version {version}" + (f", last updated {updated}." if updated else ".")
    assert {p: i["footer"] for p, i in crawl.items() if not (i["footer"] or "").startswith(expected)} == {}


def test_every_docs_page_the_text_mentions_is_on_the_site(site, crawl):
    mentioned = {m for i in crawl.values() for m in re.findall(r"\bdocs/([\w-]+)\.md\b", i["text"])}
    assert mentioned, "the analyses cite docs/*.md"
    dead = sorted(m for m in mentioned if not (ROOT / "docs" / f"{m}.md").exists())
    notes = mentioned - set(dead)
    assert sorted(m for m in notes if not (site["html"] / "docs" / f"{m}.html").exists()) == []
    assert {f"docs/{m}.html" for m in notes} <= set(crawl)  # and a link leads there
    if dead:  # a mention of a note that does not exist at all: the text (data, notebooks) must change
        pytest.xfail(f"the text mentions docs/*.md files that do not exist: {dead}")


def test_no_dead_pointer_to_a_repository(crawl):
    """site/_config.yml's repository.url is empty by default: then no page sends readers to "the repository"."""
    if bs.site_repository():
        pytest.skip("a repository is set in site/_config.yml")
    said = {
        p: m for p, i in crawl.items() if (m := re.findall(r"[^.]*\bthe (?:project's )?repository\b[^.]*", i["text"]))
    }
    assert said == {}


def test_screenshots_saved(crawl):
    for name in ("index.png", f"{NOTEBOOKS[0].stem}.png"):
        assert (SCREENSHOTS / name).stat().st_size > 10_000, name
