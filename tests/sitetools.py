"""Helpers of the site tests (tests/test_site.py, tests/test_site_builds.py): builds and a browser.

The session fixtures ``browser`` and ``serve`` live in conftest.py; everything else here is
plain functions and constants.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import http.server
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import nbformat
from conftest import ROOT

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
    # no name resolves except the test server's: nothing can leave the machine (visit() notes any attempt)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
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


def run_build(*args: str | Path, timeout: int = 900, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=None if env is None else {**os.environ, **env},
    )


def markdown_notebook(path: Path, *cells: str) -> Path:
    """A notebook of Markdown cells; a cell written ``%code SOURCE`` is a code cell, and
    ``%code[tag1,tag2] SOURCE`` one with those tags."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}

    def cell(c: str):
        m = re.match(r"%code(?:\[([\w,-]+)\])? ", c)
        if not m:
            return nbformat.v4.new_markdown_cell(c)
        code = nbformat.v4.new_code_cell(c[m.end() :])
        if m.group(1):
            code.metadata["tags"] = m.group(1).split(",")
        return code

    nb.cells = [cell(c) for c in cells]
    for i, c in enumerate(nb.cells):  # the same notebook for the same cells (nbformat's ids are random)
        c["id"] = f"cell-{i}"
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


#: What a hostile maintainer or source could put into a text of the data: a script, an image
#: with an error handler, a javascript: link (Markdown and HTML) and a MyST substitution.
HOSTILE = (
    "<script>window.agstatsPwned=true;alert(1)</script>"
    '<img src=x onerror="window.agstatsPwned=true;alert(2)">'
    ' [click](javascript:alert(3)) <a href="javascript:alert(4)">link</a> {{ version }}'
)
#: The real notebook executed against the hostile data: its Sources cell cites HOSTILE_SOURCE.
HOSTILE_NOTEBOOK = ROOT / "notebooks" / "06_trends.ipynb"  # links to no other notebook
HOSTILE_SOURCE = "mic2019"


def fixture_package(folder: Path) -> Path:
    """A copy of data/ with HOSTILE in a source title, an indicator label, a note and an evidence phrase."""
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))

    def edit(file: str, where, **changes) -> dict:
        path = folder / file
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        header = rows[0]
        line = next(i for i, r in enumerate(rows[1:], 1) if where(dict(zip(header, r))))
        for column, value in changes.items():
            rows[line][header.index(column)] = value(rows[line][header.index(column)])
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
        return dict(zip(header, rows[line]))

    edit("sources.csv", lambda r: r["id"] == HOSTILE_SOURCE, title=lambda t: t + " " + HOSTILE)
    row = edit(
        "indicators.csv",
        lambda r: r["source"] == HOSTILE_SOURCE and r["area"] == "an_giang_pre2025",
        label_en=lambda t: t + " " + HOSTILE,
        note=lambda t: (t + " " if t else "") + HOSTILE,
        evidence=lambda t: t + " " + HOSTILE,
    )
    # a label belongs to the indicator: its other rows and its catalogue row carry the same (hostile) label
    label, indicator = row["label_en"], row["indicator"]
    for file, key in (("indicators.csv", "indicator"), ("catalogue.csv", "indicator")):
        path = folder / file
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        column, id_column = rows[0].index("label_en"), rows[0].index(key)
        for r in rows[1:]:
            if r[id_column] == indicator:
                r[column] = label
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
    return folder


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


#: Records every Content-Security-Policy violation of a page (run before the page's own scripts).
CSP_LISTENER = """
window.agstatsCspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.agstatsCspViolations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""


def visit(
    browser,
    url: str,
    *,
    screenshot: Path | None = None,
    width: int = 1366,
    full_page: bool = True,
    axe: str | None = None,
) -> dict:
    """Open one page; return what the tests check (requests, errors, images, headings, links).

    With *axe* (axe-core's source), axe-core then runs in the same page load, after everything
    else is measured: its violations are ``info["axe"]`` (see :func:`axe_violations`)."""
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 844})
    seen = {"requests": [], "outside": [], "failed": [], "console": [], "dialogs": []}
    context.add_init_script(CSP_LISTENER)

    def request(r):
        # Chromium resolves no host but 127.0.0.1 (CHROMIUM_ARGS): an outside request fails; it is noted here
        parts = urlsplit(r.url)
        seen["requests"].append(r.url)
        if not (parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS):
            seen["outside"].append(r.url)

    page = context.new_page()
    page.on("request", request)
    page.on("console", lambda m: m.type == "error" and seen["console"].append(m.text))
    page.on("pageerror", lambda e: seen["console"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("response", lambda r: r.status >= 400 and seen["failed"].append(f"{r.status} {r.url}"))
    page.on(
        "requestfailed",
        lambda r: urlsplit(r.url).hostname in LOCAL_HOSTS and seen["failed"].append(f"{r.failure} {r.url}"),
    )
    response = page.goto(url, wait_until="load")
    # First load (a new context: empty cache): the page and all it fetched before any scrolling.
    first_load = page.evaluate("""() => [...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource')].reduce((n, e) => n + (e.transferSize || e.encodedBodySize || 0), 0)""")
    page.evaluate("() => { for (const i of document.images) i.loading = 'eager'; }")  # then every figure
    page.evaluate("""() => Promise.all([...document.images].map(i => i.complete ? null :
                     new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })))""")
    info = page.evaluate(MEASURE)
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=full_page)
    info.update(
        seen, bytes=first_load, status=response.status if response else None, url=url, page=page, context=context
    )
    if axe is not None:  # what axe-core does in the page is not the page's: what was seen until now is kept
        info.update({k: list(v) for k, v in seen.items()}, axe=axe_violations(page, axe))
    return info


def axe_violations(page, source: str) -> list[dict]:
    """axe-core's violations on the loaded *page* (every rule axe runs by default).

    The source is evaluated through the DevTools protocol (``page.evaluate``), which the page's
    Content-Security-Policy does not apply to: axe checks the page as a reader gets it, policy on."""
    page.evaluate(f"() => {{ {source}\n; window.agstatsAxe = axe; }}")
    return page.evaluate("""async () => (await window.agstatsAxe.run(document, {resultTypes: ['violations']}))
        .violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160))}))""")


def hostile_check(info) -> dict:
    """What the injection test asserts on one page of the hostile build."""
    found = info["page"].evaluate("""() => ({
        injected: [...document.querySelectorAll('script:not([src]), img[src="x"], [onerror], a[href^="javascript:"]')]
            .filter(e => e.tagName !== 'SCRIPT' || e.textContent.includes('agstatsPwned')).map(e => e.outerHTML),
        text: document.body.innerText})""")
    found.update(dialogs=info["dialogs"], pwned=info["pwned"], violations=info["violations"])
    return found


# --------------------------------------------------------------------------
# One build and one crawl per test session, shared by the pytest-xdist workers
# --------------------------------------------------------------------------


@contextlib.contextmanager
def locked(path: Path):
    """An exclusive lock on *path* (fcntl: every xdist worker of the session waits for the holder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def shared(tmp_path_factory, name: str, make) -> dict:
    """``make(folder)`` run once per test session, whichever worker asks first; its JSON result cached.

    The folder and the result live in the session's common temporary folder (the parent of
    each worker's base temp: the pytest-xdist recipe), guarded by a file lock. A failed
    ``make`` (an exception) is not cached: the next worker tries again and fails the same way.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder, result = root / name, root / f"{name}.json"
    with locked(root / f"{name}.lock"):
        if result.exists():
            return json.loads(result.read_text(encoding="utf-8"))
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        value = make(folder)
        result.write_text(json.dumps(value), encoding="utf-8")
        return value


# --------------------------------------------------------------------------
# The content-addressed cache of the real site's build, across test sessions
# --------------------------------------------------------------------------

#: Build artifacts kept between test sessions, each in a folder named for the hash of its inputs.
TEST_CACHE = ROOT / "_build" / "test-cache"
#: ``AGSTATS_TEST_REBUILD=1`` builds again whatever the cache holds.
REBUILD = "AGSTATS_TEST_REBUILD"
#: Top-level folders that are no input of the site build (tests/: only the two files below are).
NOT_INPUTS = {".git", ".venv", "_build", "tests", "benchmarks", "dist", "build", ".pytest_cache", ".hypothesis",
              ".mypy_cache", ".ruff_cache"}  # fmt: skip
NOT_INPUTS_ANYWHERE = {"__pycache__", ".ipynb_checkpoints", "_build"}
TEST_INPUTS = ("tests/conftest.py", "tests/sitetools.py")  # how the tests call the build
#: Environment variables the build (or agstats, which it runs) reads.
ENV_INPUTS = ("AGSTATS_DATA_DIR", "AGSTATS_SITE_PDF", "SOURCE_DATE_EPOCH", "LANG", "LC_ALL", "TZ", "PYTHONHASHSEED")


def build_inputs(root: Path = ROOT) -> list[Path]:
    """Every file of the checkout the site build may read: all but :data:`NOT_INPUTS` (and caches),
    whether committed or not (a new notebook counts before ``git add``)."""
    found = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        top = here == root
        dirs[:] = sorted(
            d
            for d in dirs
            if not (top and d in NOT_INPUTS) and d not in NOT_INPUTS_ANYWHERE and not d.endswith(".egg-info")
        )
        found += [here / f for f in sorted(files) if not f.endswith((".pyc", ".lock"))]
    return found + [root / t for t in TEST_INPUTS if (root / t).is_file()]


def build_environment(root: Path = ROOT) -> dict:
    """What the build depends on besides the checkout's files: Python, every installed distribution
    (jupyter-book, sphinx, myst-nb, the theme ... with their versions), the environment variables
    it reads, the data's last git change (printed on every page), the checkout's path and the day."""
    import datetime
    import importlib.metadata
    import platform

    import agstats

    data = Path(os.environ.get("AGSTATS_DATA_DIR") or agstats.data_dir())
    try:
        package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        package = {}
    return {
        "python": sys.version,
        "executable": sys.executable,
        "platform": platform.platform(),
        "distributions": sorted({f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()}),
        "environment": {k: os.environ.get(k) for k in ENV_INPUTS},
        "data_last_changed": bs.data_last_changed(data, package) if data.is_dir() else None,
        "root": str(root),
        "day": datetime.datetime.now(datetime.UTC).date().isoformat(),
    }


def build_key(root: Path = ROOT, environment: dict | None = None) -> str:
    """The SHA-256 of every build input (:func:`build_inputs`, path and content) and of
    :func:`build_environment`: the name of the cached build."""
    import hashlib

    key = hashlib.sha256(json.dumps(build_environment(root) if environment is None else environment,
                                    sort_keys=True).encode())  # fmt: skip
    for path in build_inputs(root):
        key.update(path.relative_to(root).as_posix().encode() + b"\0")
        key.update(hashlib.sha256(path.read_bytes()).digest())
    return key.hexdigest()


def cached(name: str, key: str, make, *, cache: Path | None = None) -> dict:
    """``make(folder)`` -> a JSON value, run in ``TEST_CACHE/NAME-KEY`` unless a complete entry of
    that key is there, whose value is then reused (``AGSTATS_TEST_REBUILD=1``: never reused).

    The value says which: ``value["cache"]`` is ``{"reused": bool, "entry": folder, "key": key}``.
    An entry is complete when its ``result.json`` is written, after ``make`` returned; a failed
    ``make`` leaves none. Older entries of *name* beyond the two most recent are removed."""
    cache = TEST_CACHE if cache is None else cache
    cache.mkdir(parents=True, exist_ok=True)
    entry = cache / f"{name}-{key[:24]}"
    done = entry / "result.json"
    with locked(cache / f"{name}.lock"):  # another test session of this checkout waits
        if done.is_file() and os.environ.get(REBUILD, "") in ("", "0"):
            value = json.loads(done.read_text(encoding="utf-8"))
            return dict(value, cache={"reused": True, "entry": str(entry), "key": key})
        shutil.rmtree(entry, ignore_errors=True)
        others = sorted(cache.glob(f"{name}-*"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[2:]:
            shutil.rmtree(old, ignore_errors=True)
        entry.mkdir(parents=True)
        value = make(entry)
        done.write_text(json.dumps(value), encoding="utf-8")
        return dict(value, cache={"reused": False, "entry": str(entry), "key": key})


def files_digest(*folders: Path) -> str:
    """The SHA-256 of every file under *folders* (relative path and content)."""
    import hashlib

    digest = hashlib.sha256()
    for n, folder in enumerate(folders):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"{n}/{path.relative_to(folder).as_posix()}".encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def edition_notebooks(folder: Path) -> tuple[list[Path], bool]:
    """The English notebooks to build and whether their Vietnamese twins are stand-ins.

    With every twin in notebooks/vi/, the repository's notebooks. Otherwise (the twins are
    being written) a copy in *folder*: the English notebooks, and as each missing twin the
    English notebook with ``LANG = "vi"`` (what ``scripts/sync_editions.py`` starts a twin with:
    English prose, Vietnamese charts).
    """
    twins = [n.parent / "vi" / n.name for n in NOTEBOOKS]
    if all(t.exists() for t in twins):
        return list(NOTEBOOKS), False
    (folder / "vi").mkdir(parents=True, exist_ok=True)
    for notebook, twin in zip(NOTEBOOKS, twins):
        shutil.copyfile(notebook, folder / notebook.name)
        if twin.exists():
            shutil.copyfile(twin, folder / "vi" / notebook.name)
        else:
            text = notebook.read_text(encoding="utf-8").replace('LANG = \\"en\\"', 'LANG = \\"vi\\"', 1)
            (folder / "vi" / notebook.name).write_text(text, encoding="utf-8")
    return [folder / n.name for n in NOTEBOOKS], True


#: What one visit measures, in the page (JSON-serialisable).
MEASURE = r"""() => {
    const visible = e => e.checkVisibility();
    const headings = sel => [...document.querySelectorAll(sel)].filter(visible).map(e => ({
        level: e.tagName.match(/^H[1-6]$/) ? +e.tagName[1] : +e.getAttribute('aria-level'),
        text: e.textContent.trim()}));
    const main = document.querySelector('main') || document.body;
    const codeText = [...main.querySelectorAll('pre')].filter(visible)  // code blocks (not inline code)
        .map(e => e.innerText).join('').replace(/\s+/g, '').length;
    const allText = main.innerText.replace(/\s+/g, '').length;
    // the prose of the page in its own language: main without code and without parts marked in another language
    const prose = main.cloneNode(true);
    prose.querySelectorAll('pre, code, script, style, .agstats-lang-switch, details:not([open]) > :not(summary)')
        .forEach(e => e.remove());
    prose.querySelectorAll('[lang]').forEach(e => { if (!e.lang.startsWith(document.documentElement.lang)) e.remove(); });
    const chrome = document.body.cloneNode(true);
    chrome.querySelectorAll('article, script, style').forEach(e => e.remove());
    return {
      images: [...document.images].map(i => ({src: i.getAttribute('src'), alt: i.getAttribute('alt'),
                                               width: i.naturalWidth, shown: i.getBoundingClientRect().width,
                                               column: i.closest('article')?.getBoundingClientRect().width ?? null,
                                               link: i.closest('a')?.getAttribute('href') ?? null})),
      links: [...document.querySelectorAll('a[href]')].map(a => a.href),
      page_headings: headings('h1, h2, h3, h4, h5, h6, [role=heading][aria-level]'),
      main_headings: headings('main h1, main h2, main h3, main h4, main h5, main h6'),
      lang: document.documentElement.lang,
      pwned: window.agstatsPwned === true,
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null,
      csp_first: document.head.firstElementChild?.matches('meta[charset]') &&
                 document.head.children[1]?.matches('meta[http-equiv="Content-Security-Policy"]'),
      violations: window.agstatsCspViolations || [],
      footer: document.querySelector('.agstats-data-version')?.textContent ?? null,
      text: document.body.innerText,
      prose: prose.textContent,
      code_chars: codeText, text_chars: allText,
      scroll_width: document.documentElement.scrollWidth, viewport: window.innerWidth,
      switch: [...document.querySelectorAll('nav.agstats-lang-switch a')].map(a => ({
          href: a.href, hreflang: a.hreflang, twin: a.hasAttribute('data-agstats-twin'), text: a.textContent})),
      alternates: [...document.querySelectorAll('link[rel=alternate][hreflang]')].map(l => [l.hreflang, l.href]),
      chrome_words: [...chrome.querySelectorAll('[aria-label], [title], [placeholder], [data-bs-title]')]
          .flatMap(e => ['aria-label', 'title', 'placeholder', 'data-bs-title'].map(a => e.getAttribute(a)))
          .filter(Boolean).concat(chrome.innerText.split('\n').map(t => t.trim()).filter(Boolean)),
    };
}"""


#: Pages whose screenshot is of the whole page (the others: the first screen), besides each edition's second analysis.
FULL_SCREENSHOTS = {"index.html", "en/index.html", "vi/index.html", "vi/data.html"}


def crawl(
    browser,
    base: str,
    *,
    width: int,
    start: str = "index.html",
    screenshots: Path | None = None,
    axe: str | None = None,
    axe_on=lambda path: True,
) -> dict:
    """Every page reachable from *start* by links (and each edition's search page with a query),
    visited once at *width*; what :data:`MEASURE` finds, plus first-load bytes and errors, by path.
    With *screenshots*, a screenshot of every page goes there (``en/01_telecom-390.png``). With
    *axe* (axe-core's source), axe-core runs in the same visit on every page ``axe_on(path)``
    accepts: its violations are the page's ``"axe"`` (pages not checked have none)."""
    pages: dict[str, dict] = {}
    queue = deque([start])
    searches = [
        "en/search.html",
        "vi/search.html",
        "en/search.html?q=telecom",
        "vi/search.html?q=vi%E1%BB%85n+th%C3%B4ng",
    ]
    while queue or searches:
        if not queue:  # the search pages are reached by their form, not a link: check them with a query
            queue.append(searches.pop(0))
        path = queue.popleft()
        if path in pages:
            continue
        shot = None
        if screenshots is not None:
            shot = screenshots / (re.sub(r"[?=&+%]", "_", path.removesuffix(".html")) + f"-{width}.png")
        full = path in FULL_SCREENSHOTS or path.endswith(f"/{NOTEBOOKS[1].stem}.html")
        info = visit(
            browser, base + path, screenshot=shot, width=width, full_page=full, axe=axe if axe_on(path) else None
        )
        info["context"].close()
        del info["page"], info["context"]
        pages[path] = info
        links = info["links"]

        def rel(url: str) -> str:  # paths, not this worker's server address: the result is shared
            return url[len(base) :] if url.startswith(base) else url

        info["url"] = path
        info["links"] = [rel(u) for u in links]
        info["requests"] = [rel(u) for u in info["requests"]]
        info["failed"] = [f.replace(base, "/") for f in info["failed"]]
        info["switch"] = [dict(s, href=rel(s["href"])) for s in info["switch"]]
        info["alternates"] = [[lang, rel(u)] for lang, u in info["alternates"]]
        for link in links:
            target, _ = urldefrag(link)
            parts = urlsplit(target)
            if target.startswith(base) and (parts.path.endswith(".html") or parts.path.endswith("/")):
                rel = target[len(base) :] or "index.html"
                rel = rel + "index.html" if rel.endswith("/") else rel
                if "?" not in rel and not rel.endswith("search.html"):  # search pages: with a query, above
                    queue.append(rel)
    return pages


def build_and_crawl_timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def notebook_page(path: str) -> bool:
    return path.split("/")[-1].removesuffix(".html") in {n.stem for n in NOTEBOOKS}


def untranslated_twins() -> list[str]:
    """The notebooks whose Vietnamese twin is missing or still has the English Markdown (a stand-in,
    or a twin just created by scripts/sync_editions.py and not yet translated)."""

    def markdown(path: Path) -> list[str]:
        return [
            "".join(c["source"])
            for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "markdown"
        ]

    out = []
    for notebook in NOTEBOOKS:
        twin = notebook.parent / "vi" / notebook.name
        if not twin.exists() or markdown(twin)[:1] == markdown(notebook)[:1]:
            out.append(notebook.stem)
    return out
