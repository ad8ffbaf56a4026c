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
