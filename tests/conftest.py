"""Shared fixtures: a small valid data package written for the tests, and the source text."""

from __future__ import annotations

import csv
import os
import shutil
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE_TEXT = ROOT.parent / "shared" / "sources" / "mic-2019-an-giang-ict-report.vi.txt"

# Headless drawing for the tests in this process only. (Setting MPLBACKEND in the environment
# would leak into the notebook kernels nbval starts, which then store no figure outputs.)
import matplotlib  # noqa: E402

matplotlib.use("Agg")


@pytest.fixture
def minipkg(tmp_path: Path) -> Path:
    """A small valid data package: the project's schema with fixture tables."""
    out = tmp_path / "pkg"
    shutil.copytree(FIXTURES / "minipkg", out)
    shutil.copy(ROOT / "data" / "datapackage.json", out / "datapackage.json")
    return out


def edit_cell(folder: Path, file: str, line: int, column: str, value: str) -> None:
    """Set one cell of a CSV file (line numbers as in the file: header = line 1)."""
    path = folder / file
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[line - 1][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


@pytest.fixture
def source_text() -> str:
    """The 2019 report's text (NFC), or a skip with the reason when it is absent."""
    if not SOURCE_TEXT.exists():
        pytest.skip(f"source text not found at {SOURCE_TEXT} (it is never committed; see data/README.md)")
    return unicodedata.normalize("NFC", SOURCE_TEXT.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------
# The site tests' browser and local server (tests/test_site*.py; helpers in tests/sitetools.py)
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> base URL of a 127.0.0.1 server on a free port (stopped at session end)."""
    import functools
    import http.server
    import threading

    from sitetools import QuietHandler

    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
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
    """Chromium through Playwright, or a skip saying what is missing."""
    from sitetools import CHROMIUM_ARGS, chromium_path

    exe = chromium_path()
    if exe is None:
        pytest.skip("Chromium not found (/usr/bin/chromium): `apt-get install chromium` (.ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the 'report' extra) is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# The real site, built once per test session (whichever xdist worker asks first; the others
# wait and reuse it), and crawled once per width. See tests/sitetools.py (shared, crawl).
# The build is a content-addressed artifact: kept in _build/test-cache/site-KEY, KEY the hash of
# every input (sitetools.build_key), and reused by a later session only when the key matches
# (AGSTATS_TEST_REBUILD=1: built again). Test results are never reused: every check runs.

AXE = ROOT / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> dict:
    """Both editions of the real site, from the notebooks' stored outputs (no execution).

    `make report` executes the notebooks first; here their committed outputs are rendered
    (nbval and tests/test_notebooks.py check that they are what a fresh run gives). Missing
    Vietnamese twins get stand-ins (``standin_twins``; see sitetools.edition_notebooks).
    ``cache`` says whether the build was reused from an earlier session (sitetools.cached).
    """
    pytest.importorskip("jupyter_book", reason="jupyter-book (the 'report' extra) is not installed")
    import hashlib
    import time

    from sitetools import NOTEBOOKS, build_key, cached, edition_notebooks, run_build, shared

    def build(folder: Path) -> dict:
        digest = lambda: {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in NOTEBOOKS}  # noqa: E731
        before = digest()
        notebooks, standin = edition_notebooks(folder / "notebooks")
        start = time.perf_counter()
        result = run_build("--build-dir", folder / "_build", "--no-execute", *notebooks)
        seconds = time.perf_counter() - start
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
        assert digest() == before, "the build changed the committed notebooks"
        return {"html": str(folder / "_build" / "html"), "stdout": result.stdout, "seconds": seconds,
                "standin_twins": standin}  # fmt: skip

    value = shared(tmp_path_factory, "site", lambda folder: cached("site", build_key(), build))
    return dict(value, html=Path(value["html"]))


def axe_pages(path: str, width: int) -> bool:
    """The crawled pages axe-core checks (tests/test_site_a11y.py): every page of each edition
    (not the root page, not a search with a query) at 1366 px; at 390 px each edition's landing,
    data page and first chapter."""
    from sitetools import NOTEBOOKS

    lang, _, name = path.partition("/")
    if lang not in ("en", "vi") or "?" in path or any(x.startswith("_") for x in name.split("/")):
        return False
    return width > 600 or name in ("index.html", "data.html", f"{NOTEBOOKS[0].stem}.html")


def _crawl(tmp_path_factory, site, browser, serve, width: int) -> dict[str, dict]:
    from sitetools import SCREENSHOTS, crawl, shared

    def make(folder: Path) -> dict:
        import time

        # axe-core runs in the crawl's own visit of each page (one load per page and width):
        # every page of both editions at 1366 px, AXE_PHONE_PAGES at 390 px (tests/test_site_a11y.py)
        axe = AXE.read_text(encoding="utf-8") if AXE.exists() else None
        start = time.perf_counter()
        pages = crawl(browser, serve(site["html"]), width=width, screenshots=SCREENSHOTS, axe=axe,
                      axe_on=lambda path: axe_pages(path, width))  # fmt: skip
        pages["_seconds"] = time.perf_counter() - start
        return pages

    pages = dict(shared(tmp_path_factory, f"crawl-{width}", make))
    pages.pop("_seconds")
    return pages


@pytest.fixture(scope="session")
def crawl_wide(tmp_path_factory, site, browser, serve) -> dict[str, dict]:
    """Every page of both editions (and the root page) at 1366 px, keyed by path (``en/data.html``)."""
    return _crawl(tmp_path_factory, site, browser, serve, 1366)


@pytest.fixture(scope="session")
def crawl_phone(tmp_path_factory, site, browser, serve) -> dict[str, dict]:
    """The same pages at 390 px (a phone)."""
    return _crawl(tmp_path_factory, site, browser, serve, 390)


# --------------------------------------------------------------------------
# Order and report: the long files first; say whether the site build was reused
# --------------------------------------------------------------------------

#: Test files started first (pytest-xdist hands out files in collection order): the two crawls
#: (one per worker, in parallel), then the other long ones, so that no long file starts last.
FIRST = [
    "tests/test_site.py",
    "tests/test_site_phone.py",
    "tests/test_site_builds.py",
    "tests/test_chart_regression.py",
]


def pytest_collection_modifyitems(session, config, items):
    rank = {name: i for i, name in enumerate(FIRST)}

    def key(item):
        path = Path(str(item.fspath)).resolve()
        rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
        return rank.get(rel, len(FIRST))

    items.sort(key=key)  # stable: the order within each file and among the others is kept


def pytest_report_header(config):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return None
    try:
        from sitetools import REBUILD, TEST_CACHE, build_key
    except ImportError:  # the site's packages are not installed: the site tests skip
        return None
    key = build_key()
    entry = TEST_CACHE / f"site-{key[:24]}"
    if os.environ.get(REBUILD, "") not in ("", "0"):
        state = f"{REBUILD}={os.environ[REBUILD]}: built again"
    elif (entry / "result.json").is_file():
        state = "reused (same inputs as an earlier session)"
    else:
        state = "built (no entry for these inputs)"
    return f"site build: {state}; key {key[:24]} (_build/test-cache/)"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    import json

    result = config._tmp_path_factory.getbasetemp() / "site.json"
    if result.is_file():
        value = json.loads(result.read_text(encoding="utf-8"))
        how = "reused from" if value["cache"]["reused"] else "built into"
        terminalreporter.write_line(
            f"site build: {how} {value['cache']['entry']} (its build took {value['seconds']:.0f} s; "
            f"AGSTATS_TEST_REBUILD=1 builds it again)"
        )
