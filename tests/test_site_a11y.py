"""Accessibility of the site (axe-core in Chromium) and the data page's filter and sort.

axe-core is vendored from npm by ``make test``/``make report`` into ``.venv/npm`` (offline
here); without it the axe test skips and says how to get it. Every page of every edition is
checked at 1366 px, the landing, a chapter and the data page also at 390 px: no critical or
serious violation, every page's content inside landmarks, no empty table header; in the
English edition, Vietnamese phrases carry ``lang="vi"``. The data page's table filters by
typed words (diacritics ignored) and sorts by a header, without a horizontal page scroll at
390 px.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import AXE
from pubtools import chapters, downloads, editions
from sitetools import visit


@pytest.fixture(scope="module")
def html(site) -> Path:
    return site["html"]  # the session's build (conftest.py)


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip(f"axe-core not installed at {AXE}: `make test` installs it with npm (apt-get install npm)")
    return AXE.read_text(encoding="utf-8")


def test_no_serious_or_critical_axe_violation_on_any_page(html, axe_source, crawl_wide, crawl_phone):
    """axe-core ran in the crawls' own visit of each page (conftest.axe_pages; one load per page and
    width, Content-Security-Policy on): every page of each edition at 1366 px, the landing, the data
    page and the first chapter at 390 px."""
    found: dict[str, list] = {}
    unchecked = []
    for language, edition in editions(html).items():
        prefix = edition.relative_to(html).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        pages = sorted(  # every page, the API reference's and the notes' (api/, docs/) included
            p.relative_to(edition).as_posix()
            for p in edition.rglob("*.html")
            if not any(x.startswith("_") for x in p.relative_to(edition).parts)
        )
        narrow = {"index.html", "data.html", f"{chapters(edition)[0]}.html"}
        for width, crawl, names in ((1366, crawl_wide, pages), (390, crawl_phone, sorted(narrow))):
            for name in names:
                violations = crawl.get(f"{prefix}{name}", {}).get("axe")
                if violations is None:  # every page is crawled (tests/test_site.py checks it) and checked
                    unchecked.append(f"{language}/{name}@{width}")
                    continue
                bad = [v for v in violations if v["impact"] in ("critical", "serious")]
                # the sidebar and every other part of the page inside a landmark; no empty table header
                bad += [v for v in violations if v["id"] in ("region", "empty-table-header")]
                if bad:
                    found[f"{language}/{name}@{width}"] = bad
    assert unchecked == []
    assert found == {}


def test_vietnamese_phrases_in_english_pages_are_marked(html, browser, serve):
    edition = editions(html)["en"]
    base = serve(edition)
    unmarked = {}
    context = browser.new_context()
    page = context.new_page()
    try:
        for name in [*chapters(edition), "index", "data", "sources"]:
            page.goto(f"{base}{name}.html", wait_until="domcontentloaded")
            words = page.evaluate("""() => {
                const out = [];
                const walk = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
                while (walk.nextNode()) {
                  const node = walk.currentNode, el = node.parentElement;
                  if (el.closest('[lang]:not(html), code, pre, svg, script, style, kbd')) continue;
                  out.push(...node.textContent.split(/[^\\p{L}]+/u).filter(Boolean));
                }
                return out; }""")
            # the download lines are shown (not inside the theme's hidden print-only title)
            wanted = "#downloads" if name == "data" else ".agstats-page-downloads" if name[:2].isdigit() else None
            if wanted:
                assert page.locator(wanted).first.is_visible(), f"{name}: {wanted} not visible"
            left = sorted({w for w in words if downloads.is_vietnamese_word(w)})
            if left:
                unmarked[name] = left[:15]
    finally:
        context.close()
    assert unmarked == {}


def fold(text: str) -> str:
    """Lower case without diacritics (what the filter compares)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def test_data_table_filters_and_sorts_on_a_phone(html, browser, serve):
    edition = editions(html)["en"]
    info = visit(browser, serve(edition) + "data.html", width=390)
    page = info["page"]
    try:
        table = "#indicators-table"
        total = page.locator(f"{table} tbody tr").count()
        box = page.get_by_label("Filter rows").first
        box.fill("vien thong")  # without diacritics
        shown = page.locator(f"{table} tbody tr:not([hidden])")
        n = shown.count()
        texts = shown.all_inner_texts()
        assert 0 < n < total
        assert all("vien" in fold(t) and "thong" in fold(t) for t in texts)  # every word typed, anywhere in the row
        assert any("viễn thông" in t.lower() for t in texts)
        assert f"{n} of {total} rows" in page.locator(".agstats-table-count").first.inner_text()
        box.fill("")
        assert page.locator(f"{table} tbody tr:not([hidden])").count() == total
        header = page.locator(f"{table} thead th", has_text="Value")
        header.locator("button").click()

        def values():
            return [
                float(re.sub(r"[^\d.\-]", "", t.replace(",", "").replace("−", "-")))
                for t in page.locator(f"{table} tbody td.num").all_inner_texts()
            ]

        up = values()
        assert up == sorted(up) and header.get_attribute("aria-sort") == "ascending"
        header.locator("button").click()
        down = values()
        assert down == sorted(down, reverse=True) and header.get_attribute("aria-sort") == "descending"
        width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"horizontal page scroll at 390 px: {width}"
        wrap = page.evaluate(f"""() => {{ const w = document.querySelector('{table}').closest('.agstats-table-wrap');
            return [w.scrollWidth > w.clientWidth, getComputedStyle(w).overflowX]; }}""")
        assert wrap == [True, "auto"]  # the table scrolls in its own box
        assert info["console"] == [] and info["violations"] == []
    finally:
        info["context"].close()
