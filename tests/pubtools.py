"""Helpers of the publication tests (tests/test_site_downloads.py, test_site_pdf.py, test_site_a11y.py).

They read the site that tests/conftest.py builds once per session (the ``site`` fixture,
shared by every worker and cached by content under ``_build/test-cache/``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import ROOT

SCRIPTS = ROOT / "scripts"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"agstats_site_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


downloads = _load("downloads")
pdf = _load("pdf")


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
