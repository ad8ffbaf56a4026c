"""The students' site (``make report``): page generators, build failures, and a real browser.

The site is built once per session with ``scripts/build_site.py --no-execute`` into a
temporary build folder (the notebooks' stored outputs, which nbval checks; execution, the
failing-cell exit and figure-title alt text are tested on small fixture notebooks), served
on 127.0.0.1 by ``http.server`` and driven with Chromium through Playwright. Without
Chromium (``/usr/bin/chromium`` or ``chromium`` on PATH; ``.ci/run`` installs it) the
browser tests skip. Screenshots of the landing page and of a notebook page are saved to
``_build/screenshots/``.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import http.server
import importlib.util
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import nbformat
import pandas as pd
import pytest
from conftest import FIXTURES, ROOT

import agstats

SCRIPT = ROOT / "scripts" / "build_site.py"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SCREENSHOTS = ROOT / "_build" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
XSS = "<script>window.agstatsPwned=true</script>"


def _load_build_site():
    spec = importlib.util.spec_from_file_location("build_site", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bs = _load_build_site()


def chromium_path() -> str | None:
    for candidate in (shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def run_build(*args: str | Path, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=timeout, check=False
    )


def markdown_notebook(path: Path, *cells: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell(c)
        if not c.startswith("%code ")
        else nbformat.v4.new_code_cell(c.removeprefix("%code "))
        for c in cells
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


FIGURES = """\
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.bar(["a", "b"], [1, 2])
ax.set_title("Fixture revenue <2019>")
plt.show()
fig, (a1, a2) = plt.subplots(1, 2)
fig.suptitle("Hai biểu đồ về doanh thu")
a1.set_title("Doanh thu bưu chính")
plt.show()"""


def fixture_package(folder: Path) -> Path:
    """The tests' mini data package with markup in its texts (and a javascript: URL)."""
    shutil.copytree(FIXTURES / "minipkg", folder)
    shutil.copy(ROOT / "data" / "datapackage.json", folder / "datapackage.json")
    path = folder / "indicators.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    rows[1][header.index("evidence")] += " " + XSS
    label = "Widget <b>revenue</b> & {{ version }}"
    for row in rows[1:]:  # every row of the indicator, and its catalogue record: labels must agree
        if row[0] == rows[1][0]:
            row[header.index("label_en")] = label
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    catalogue = folder / "catalogue.csv"
    if catalogue.exists():
        with open(catalogue, encoding="utf-8", newline="") as fh:
            entries = list(csv.reader(fh))
        for entry in entries[1:]:
            if entry[0] == rows[1][0]:
                entry[entries[0].index("label_en")] = label
        with open(catalogue, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(entries)
    return folder


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


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> dict:
    """A site whose data pages come from the fixture package (markup in its texts)."""
    pytest.importorskip("jupyter_book", reason="jupyter-book (the 'report' extra) is not installed")
    tmp = tmp_path_factory.mktemp("fixture_site")
    nb = markdown_notebook(
        tmp / "nb" / "00_fixture.ipynb",
        "# 00 · Fixture\n\nA notebook, with math: $E = mc^2$.",
        "%code " + FIGURES,
        "## Untitled",
        "%code import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()",
    )
    pkg = fixture_package(tmp / "pkg")
    result = run_build("--build-dir", tmp / "_build", "--data-dir", pkg, nb)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return {"html": tmp / "_build" / "html", "data_dir": pkg, "stdout": result.stdout}


def test_build_reports_the_index_and_its_time(site):
    index = site["html"] / "index.html"
    assert index.is_file()
    assert f"open {index.resolve()}" in site["stdout"]
    assert "site built in" in site["stdout"]
    names = {p.stem for p in site["html"].glob("*.html")}
    assert {p.stem for p in NOTEBOOKS} | {"index", "data", "sources", "reproduce"} <= names


def test_executed_figures_get_their_titles_as_alt(fixture_site, browser, serve):
    assert "[1/1] 00_fixture.ipynb ..." in fixture_site["stdout"]  # the executor's progress
    info = visit(browser, serve(fixture_site["html"]) + "00_fixture.html")
    try:
        images = info["page"].evaluate("() => [...document.images].map(i => [i.alt, i.lang, i.naturalWidth > 0])")
    finally:
        info["context"].close()
    assert info["console"] == [] and info["failed"] == [] and info["outside"] == []  # math: no MathJax CDN
    assert images == [
        ["Chart: Fixture revenue <2019>", "", True],
        ["Biểu đồ: Hai biểu đồ về doanh thu; Doanh thu bưu chính", "vi", True],
        ["Figure 1 in section “Untitled”", "", True],
    ]


def test_a_failing_cell_fails_the_build(tmp_path):
    nb = markdown_notebook(tmp_path / "nb" / "00_broken.ipynb", "# 00 · Broken", "%code 1 / 0")
    result = run_build("--build-dir", tmp_path / "_build", nb)
    assert result.returncode == 1
    assert "ZeroDivisionError" in result.stderr and not (tmp_path / "_build" / "html").exists()


def test_a_build_warning_fails_the_build(tmp_path):
    nb = markdown_notebook(tmp_path / "nb" / "00_skip.ipynb", "# 00 · Skips a level\n\n### Too deep")
    result = run_build("--build-dir", tmp_path / "_build", nb)
    assert result.returncode == 1
    assert "Non-consecutive header level increase" in result.stdout + result.stderr


# --------------------------------------------------------------------------
# Browser
# --------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> base URL of a 127.0.0.1 server on a free port (stopped at session end)."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    exe = chromium_path()
    if exe is None:
        pytest.skip("Chromium not found (/usr/bin/chromium): `apt-get install chromium` (.ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the 'report' extra) is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def visit(browser, url: str, *, screenshot: Path | None = None) -> dict:
    """Open one page; return what the tests check (requests, errors, images, headings, links)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    seen = {"requests": [], "outside": [], "failed": [], "console": []}

    def route(r):
        parts = urlsplit(r.request.url)
        seen["requests"].append(r.request.url)
        if parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS:
            r.continue_()
        else:
            seen["outside"].append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and seen["console"].append(m.text))
    page.on("pageerror", lambda e: seen["console"].append(str(e)))
    page.on("response", lambda r: r.status >= 400 and seen["failed"].append(f"{r.status} {r.url}"))
    page.on(
        "requestfailed",
        lambda r: urlsplit(r.url).hostname in LOCAL_HOSTS and seen["failed"].append(f"{r.failure} {r.url}"),
    )
    response = page.goto(url, wait_until="load")
    page.evaluate("""() => Promise.all([...document.images].map(i => i.complete ? null :
                     new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })))""")
    page.wait_for_load_state("networkidle")
    info = page.evaluate("""() => {
        const visible = e => e.checkVisibility();
        const headings = sel => [...document.querySelectorAll(sel)].filter(visible).map(e => ({
            level: e.tagName.match(/^H[1-6]$/) ? +e.tagName[1] : +e.getAttribute('aria-level'),
            text: e.textContent.trim()}));
        return {
          images: [...document.images].map(i => ({src: i.getAttribute('src'), alt: i.getAttribute('alt'),
                                                   width: i.naturalWidth})),
          links: [...document.querySelectorAll('a[href]')].map(a => a.href),
          page_headings: headings('h1, h2, h3, h4, h5, h6, [role=heading][aria-level]'),
          main_headings: headings('main h1, main h2, main h3, main h4, main h5, main h6'),
          lang: document.documentElement.lang,
          pwned: window.agstatsPwned === true,
        };
    }""")
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
    info.update(seen, status=response.status if response else None, url=url, page=page, context=context)
    return info


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
    built = {p.name for p in site["html"].glob("*.html")} - {"search.html"}
    assert {f"{p.stem}.html" for p in NOTEBOOKS} <= set(crawl)
    assert built - set(crawl) == set(), "pages no link leads to"
    assert len(crawl) == len(built) + 1  # + search.html?q=...
    assert {p: i["status"] for p, i in crawl.items() if i["status"] != 200} == {}


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


def test_markup_in_the_data_renders_as_text(fixture_site, browser, serve):
    info = visit(browser, serve(fixture_site["html"]) + "data.html")
    try:
        cells = info["page"].evaluate("""() => [...document.querySelectorAll('#indicators-table tbody tr')]
            .map(tr => ({label: tr.cells[0].innerText, evidence: tr.cells[9].textContent,
                         scripts: tr.querySelectorAll('script, b').length}))""")
    finally:
        info["context"].close()
    assert not info["pwned"] and info["console"] == [] and info["outside"] == []
    assert cells[0]["evidence"].endswith(XSS) and cells[0]["scripts"] == 0
    assert cells[0]["label"].startswith("Widget <b>revenue</b> & {{ version }}")
    assert len(cells) == len(agstats.load_indicators(area="all", data_dir=fixture_site["data_dir"]))


def test_screenshots_saved(crawl):
    for name in ("index.png", f"{NOTEBOOKS[0].stem}.png"):
        assert (SCREENSHOTS / name).stat().st_size > 10_000, name
