"""Helpers of the publication tests (tests/test_site_downloads.py, test_site_pdf.py, test_site_a11y.py).

One site per test process: the real notebooks' stored outputs rendered with
``scripts/build_site.py --no-execute`` into a temporary ``_build`` (the same build the
browser tests of tests/test_site.py use), shared by the three files when pytest-xdist puts
them on one worker. When tests/conftest.py offers a session-wide built site (one build per
edition shared by every worker), :func:`built_site` is the place to use it instead.
"""

from __future__ import annotations

import atexit
import functools
import importlib.util
import shutil
import tempfile
from pathlib import Path

from conftest import ROOT
from sitetools import run_build

SCRIPTS = ROOT / "scripts"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"agstats_site_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


downloads = _load("downloads")
pdf = _load("pdf")


@functools.cache
def built_site() -> Path:
    """The HTML folder of a --no-execute build of the site (built once per process)."""
    tmp = Path(tempfile.mkdtemp(prefix="agstats-pub-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    build = tmp / "_build"
    result = run_build("--no-execute", "--build-dir", build, env={"AGSTATS_SITE_PDF": "0"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return build / "html"


def editions(html: Path) -> dict[str, Path]:
    """Language -> the edition's folder: ``html/en`` and ``html/vi`` when built, else ``html`` (English)."""
    found = {lang: html / lang for lang in ("en", "vi") if (html / lang / "index.html").exists()}
    return found or {"en": html}


def executed_notebooks(html: Path, language: str) -> Path:
    """The folder of an edition's executed notebooks (build_site's site_src)."""
    src = html.parent / "site_src"
    return src / language if (src / language).is_dir() else src


def chapters(edition: Path) -> list[str]:
    return sorted(p.stem for p in edition.glob("[0-9][0-9]_*.html"))
