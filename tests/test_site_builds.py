"""Fixture builds of the site: execution, a failing cell, a build warning, hostile data.

Each builds a small site with ``scripts/build_site.py`` into a temporary folder (a file of
its own, so that pytest-xdist runs it beside tests/test_site.py, which builds the real site).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT
from sitetools import (
    FIGURES,
    HOSTILE,
    HOSTILE_NOTEBOOK,
    HOSTILE_SOURCE,
    build_key,
    cached,
    files_digest,
    fixture_package,
    hostile_check,
    markdown_notebook,
    run_build,
    visit,
)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> dict:
    """A site from a small executed fixture notebook, its data pages from a hostile copy of data/.

    The notebook has figures with and without titles (for the alt text); the data and
    sources pages come from :func:`sitetools.fixture_package` (HOSTILE in its texts).
    """
    pytest.importorskip("jupyter_book", reason="jupyter-book (the 'report' extra) is not installed")
    tmp = tmp_path_factory.mktemp("fixture_site")
    story = [
        "%code[parameters,remove-cell] LANG = 'en'",
        "%code[hide-input] import agstats\nagstats.glue('revenue', '4,600 billion VND')",
        "%code[remove-cell] SECRET_REMOVED_CELL = 1",
    ]
    nb = markdown_notebook(
        tmp / "nb" / "00_fixture.ipynb",
        "# 00 · Fixture\n\nA notebook, with math: $E = mc^2$.",
        *story,
        "```{admonition} Key findings\n:class: key-findings\n\n- Revenue was {glue:text}`revenue`.\n```",
        "%code[hide-input] " + FIGURES,
        "## Untitled",
        "%code import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()",
    )
    markdown_notebook(
        tmp / "nb" / "vi" / "00_fixture.ipynb",
        "# 00 · Sổ tay mẫu\n\nMột sổ tay mẫu, có công thức: $E = mc^2$.",
        *[c.replace("LANG = 'en'", "LANG = 'vi'") for c in story],
        "```{admonition} Những điểm chính\n:class: key-findings\n\n- Doanh thu đạt {glue:text}`revenue`.\n```",
        "%code[hide-input] " + FIGURES,
        "## Không có tiêu đề",
        "%code import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()",
    )
    fixture_package(tmp / "pkg")
    # a build artifact like the real site's: cached by the hash of its inputs (sitetools.cached)
    key = hashlib.sha256(f"{build_key()}\0{files_digest(tmp / 'nb', tmp / 'pkg')}".encode()).hexdigest()

    def build(folder: Path) -> dict:
        shutil.copytree(tmp / "nb", folder / "nb")
        pkg = shutil.copytree(tmp / "pkg", folder / "pkg")
        notebook = folder / "nb" / nb.name
        result = run_build(
            "--build-dir", folder / "_build", "--data-dir", pkg, notebook, env={"AGSTATS_DATA_DIR": str(pkg)}
        )
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
        return {"html": str(folder / "_build" / "html" / "en"), "root": str(folder / "_build" / "html"),
                "data_dir": str(pkg), "stdout": result.stdout}  # fmt: skip

    value = cached("fixture-site", key, build)
    print(f"fixture site {'reused from' if value['cache']['reused'] else 'built into'} {value['cache']['entry']}")
    return dict(value, html=Path(value["html"]), root=Path(value["root"]), data_dir=Path(value["data_dir"]))


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> dict:
    """A real notebook executed against the hostile data (``AGSTATS_DATA_DIR``), then built.

    Its Sources cell (``agstats.sources_markdown``) cites HOSTILE_SOURCE, whose title holds
    HOSTILE. The build's exit status is checked by the test, not here.
    """
    pytest.importorskip("jupyter_book", reason="jupyter-book (the 'report' extra) is not installed")
    tmp = tmp_path_factory.mktemp("hostile_site")
    pkg = fixture_package(tmp / "pkg")
    # The notebook is executed against the hostile data; the site is then built from it and the stored
    # outputs of the others (every notebook links to others, so a one-notebook book would not build).
    executed = tmp / "executed"
    env = {**os.environ, "AGSTATS_DATA_DIR": str(pkg)}
    env.pop("MPLBACKEND", None)
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "execute_notebooks.py"), "--output-dir", str(executed),
         str(HOSTILE_NOTEBOOK)],
        capture_output=True, text=True, timeout=600, check=False, env=env,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    notebooks = [
        executed / p.name if p.name == HOSTILE_NOTEBOOK.name else p
        for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    ]
    result = run_build(
        "--build-dir", tmp / "_build", "--data-dir", pkg, "--no-execute", "--editions", "en", *notebooks,
        env={"AGSTATS_DATA_DIR": str(pkg)},
    )  # fmt: skip
    return {"html": tmp / "_build" / "html" / "en", "data_dir": pkg, "result": result}


def test_executed_figures_get_their_titles_as_alt(fixture_site, browser, serve):
    assert fixture_site["stdout"].count("[1/1] 00_fixture.ipynb ...") == 2  # the executor's progress, per edition
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
    result = run_build("--build-dir", tmp_path / "_build", "--editions", "en", nb)
    assert result.returncode == 1
    assert "ZeroDivisionError" in result.stderr and not (tmp_path / "_build" / "html").exists()


def test_a_build_warning_fails_the_build(tmp_path):
    nb = markdown_notebook(tmp_path / "nb" / "00_skip.ipynb", "# 00 · Skips a level\n\n### Too deep")
    result = run_build("--build-dir", tmp_path / "_build", "--no-execute", "--editions", "en", nb)  # no kernel needed
    assert result.returncode == 1
    assert "Non-consecutive header level increase" in result.stdout + result.stderr


@pytest.mark.parametrize("page", ["data.html", "sources.html"])
def test_hostile_data_renders_as_text_on_the_generated_pages(fixture_site, browser, serve, page):
    info = visit(browser, serve(fixture_site["html"]) + page)
    try:
        found = hostile_check(info)
    finally:
        info["context"].close()
    assert found["dialogs"] == [] and not found["pwned"] and found["injected"] == [] and found["violations"] == []
    assert info["console"] == [] and info["outside"] == []
    shown = found["text"].count(HOSTILE)
    # data page: the label on every row of the indicator, plus one evidence phrase and one note; sources: the title
    rows = pd.read_csv(fixture_site["data_dir"] / "indicators.csv", dtype=str, keep_default_na=False)
    expected = int(rows.label_en.str.contains(HOSTILE, regex=False).sum()) + 2 if page == "data.html" else 1
    assert shown == expected, found["text"][:2000]


def test_hostile_data_renders_as_text_in_an_executed_notebook(hostile_site, browser, serve, request):
    """The Sources cell of a real notebook (agstats.sources_markdown) with a hostile source title."""
    code = f"import agstats; print(agstats.sources_markdown([{HOSTILE_SOURCE!r}]))"
    probe = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "AGSTATS_DATA_DIR": str(hostile_site["data_dir"])},
    ).stdout
    if "<script>" in probe:
        # Until agstats.sources_markdown escapes (valid's branch: agstats.escape.markdown_text),
        # the markup reaches this page; today the build fails at its alt-text check (the
        # injected <img> has none), i.e. on the first assertion below.
        request.applymarker(pytest.mark.xfail(strict=True, reason="agstats.sources_markdown does not escape yet"))
    result = hostile_site["result"]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "inline scripts not from the theme" not in result.stderr
    info = visit(browser, serve(hostile_site["html"]) + HOSTILE_NOTEBOOK.with_suffix(".html").name)
    try:
        found = hostile_check(info)
    finally:
        info["context"].close()
    assert found["dialogs"] == [] and not found["pwned"] and found["violations"] == []
    assert found["injected"] == []
    assert HOSTILE in found["text"]


@pytest.mark.parametrize(
    ("lang", "show", "title"), [("en", "Show code", "Key findings"), ("vi", "Hiện mã", "Những điểm chính")]
)
def test_story_first_code_folded_cells_removed_numbers_glued(fixture_site, browser, serve, lang, show, title):
    """hide-input folds the code behind a native toggle (works under the CSP), remove-cell leaves nothing,
    glued text is pasted, and the key findings box is styled."""
    info = visit(browser, serve(fixture_site["root"]) + f"{lang}/00_fixture.html", width=390)
    page = info["page"]
    try:
        summary = page.locator("details.hide.above-input summary").first
        folded = page.evaluate(
            "() => [...document.querySelectorAll('details.hide.above-input pre')].some(e => e.checkVisibility())"
        )
        summary_text = summary.inner_text()
        summary.click()
        opened = page.evaluate("() => document.querySelector('details.hide.above-input pre').checkVisibility()")
        box = page.evaluate("""() => { const b = document.querySelector('.admonition.key-findings');
            return b && {title: b.querySelector('.admonition-title').textContent.trim(), text: b.innerText,
                         border: parseFloat(getComputedStyle(b).borderLeftWidth)}; }""")
        html = page.content()
    finally:
        info["context"].close()
    assert info["console"] == [] and info["violations"] == []
    assert show in summary_text and folded is False and opened is True
    assert "SECRET_REMOVED_CELL" not in html and "LANG = " not in html
    assert box["title"] == title and "4,600 billion VND" in box["text"] and "{glue" not in box["text"]
    assert box["border"] >= 3
