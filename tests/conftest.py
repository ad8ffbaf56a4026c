"""Shared fixtures: a small valid data package written for the tests, and the source text."""

from __future__ import annotations

import csv
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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> dict:
    """Both editions of the real site, from the notebooks' stored outputs (no execution).

    `make report` executes the notebooks first; here their committed outputs are rendered
    (nbval and tests/test_notebooks.py check that they are what a fresh run gives). Missing
    Vietnamese twins get stand-ins (``standin_twins``; see sitetools.edition_notebooks).
    """
    pytest.importorskip("jupyter_book", reason="jupyter-book (the 'report' extra) is not installed")
    import hashlib
    import time

    from sitetools import NOTEBOOKS, edition_notebooks, run_build, shared

    def make(folder: Path) -> dict:
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

    value = shared(tmp_path_factory, "site", make)
    return dict(value, html=Path(value["html"]))


def _crawl(tmp_path_factory, site, browser, serve, width: int) -> dict[str, dict]:
    from sitetools import SCREENSHOTS, crawl, shared

    def make(folder: Path) -> dict:
        import time

        start = time.perf_counter()
        pages = crawl(browser, serve(site["html"]), width=width, screenshots=SCREENSHOTS)
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
