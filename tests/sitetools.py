"""Helpers of the site tests (tests/test_site.py, tests/test_site_builds.py): builds and a browser.

The session fixtures ``browser`` and ``serve`` live in conftest.py; everything else here is
plain functions and constants.
"""

from __future__ import annotations

import csv
import http.server
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

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


def visit(browser, url: str, *, screenshot: Path | None = None, width: int = 1366) -> dict:
    """Open one page; return what the tests check (requests, errors, images, headings, links)."""
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 844})
    seen = {"requests": [], "outside": [], "failed": [], "console": [], "dialogs": []}
    context.add_init_script(CSP_LISTENER)

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
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("response", lambda r: r.status >= 400 and seen["failed"].append(f"{r.status} {r.url}"))
    page.on(
        "requestfailed",
        lambda r: urlsplit(r.url).hostname in LOCAL_HOSTS and seen["failed"].append(f"{r.failure} {r.url}"),
    )
    response = page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    # First load (a new context: empty cache): the page and all it fetched before any scrolling.
    first_load = page.evaluate("""() => [...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource')].reduce((n, e) => n + (e.transferSize || e.encodedBodySize || 0), 0)""")
    page.evaluate("() => { for (const i of document.images) i.loading = 'eager'; }")  # then every figure
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
          csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null,
          csp_first: document.head.firstElementChild?.matches('meta[charset]') &&
                     document.head.children[1]?.matches('meta[http-equiv="Content-Security-Policy"]'),
          violations: window.agstatsCspViolations || [],
          footer: document.querySelector('.agstats-data-version')?.textContent ?? null,
          text: document.body.innerText,
        };
    }""")
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
    info.update(
        seen, bytes=first_load, status=response.status if response else None, url=url, page=page, context=context
    )
    return info


def hostile_check(info) -> dict:
    """What the injection test asserts on one page of the hostile build."""
    found = info["page"].evaluate("""() => ({
        injected: [...document.querySelectorAll('script:not([src]), img[src="x"], [onerror], a[href^="javascript:"]')]
            .filter(e => e.tagName !== 'SCRIPT' || e.textContent.includes('agstatsPwned')).map(e => e.outerHTML),
        text: document.body.innerText})""")
    found.update(dialogs=info["dialogs"], pwned=info["pwned"], violations=info["violations"])
    return found
