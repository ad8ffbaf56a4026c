"""The Vietnamese edition, the language switch, diacritic-free search, and the site on a phone (390 px).

Uses the session's shared build and crawls (conftest.py: ``site``, ``crawl_wide``,
``crawl_phone``). What only the 390 px crawl shows is in tests/test_site_phone.py, which
pytest-xdist starts beside tests/test_site.py (one crawl per worker, in parallel).
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from sitetools import NOTEBOOKS, bs, notebook_page, untranslated_twins, visit

VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


def vietnamese_share(text: str) -> tuple[float, int]:
    """Share of the sentences (of 4 words or more) with a Vietnamese letter, and how many there are.

    >>> vietnamese_share("Doanh thu viễn thông tăng mạnh. Revenue grew fast in 2019. Số điểm phục vụ bưu chính.")
    (0.6666666666666666, 3)
    """
    text = unicodedata.normalize("NFC", text)
    sentences = [s for s in re.split(r"(?<=[.!?:;])\s+|\n+", text) if len(re.findall(r"\w+", s)) >= 4]
    if not sentences:
        return 0.0, 0
    return sum(bool(VIETNAMESE.search(s)) for s in sentences) / len(sentences), len(sentences)


def vi_pages(crawl: dict) -> dict:
    return {p: i for p, i in crawl.items() if p.startswith("vi/")}


def test_every_vietnamese_page_says_lang_vi(crawl_wide):
    pages = vi_pages(crawl_wide)
    assert len(pages) >= len(NOTEBOOKS) + 5
    assert {p: i["lang"] for p, i in pages.items() if i["lang"] != "vi"} == {}
    assert crawl_wide["index.html"]["lang"] == "vi"  # the root page: Vietnamese first, English marked


def test_vietnamese_pages_are_written_in_vietnamese(crawl_wide):
    """Most sentences of each page's prose (outside code and parts marked in another language) are Vietnamese."""
    shares = {p: vietnamese_share(i["prose"]) for p, i in vi_pages(crawl_wide).items() if "search.html" not in p}
    generated = {p: s for p, s in shares.items() if not notebook_page(p)}
    assert {p: s for p, s in generated.items() if s[0] < 0.8 or s[1] < 3} == {}
    analyses = {p: s for p, s in shares.items() if notebook_page(p) and s[0] < 0.8}
    waiting = set(untranslated_twins())
    if analyses and {p.split("/")[-1].removesuffix(".html") for p in analyses} <= waiting:
        pytest.xfail(f"notebooks/vi/ twins not translated yet (English prose): {sorted(analyses)}")
    assert analyses == {}


def test_every_page_switches_to_its_twin(site, crawl_wide):
    """One switch per page, to the same page in the other edition (else that edition's landing page)."""
    problems = {}
    for path, info in crawl_wide.items():
        if path == "index.html" or "search.html" in path:
            continue
        lang, rest = path.split("/", 1)
        other = "vi" if lang == "en" else "en"
        twin = f"{other}/{rest}"
        has_twin = (site["html"] / twin).exists()
        expected = [{"href": twin if has_twin else f"{other}/index.html", "hreflang": other, "twin": has_twin}]
        got = [{k: s[k] for k in ("href", "hreflang", "twin")} for s in info["switch"]]
        if got != expected:
            problems[path] = got
    assert problems == {}
    for lang in ("en", "vi"):  # every analysis and generated page has its twin
        assert {f"{lang}/{p.stem}.html" for p in NOTEBOOKS} | {
            f"{lang}/{n}.html" for n in ("index", "data", "sources", "reproduce")
        } <= set(crawl_wide)


def test_twins_link_each_other_with_hreflang(site, crawl_wide):
    problems = {}
    for path, info in crawl_wide.items():
        if "search.html" in path:
            continue
        if path == "index.html":
            expected = [["vi", "vi/index.html"], ["en", "en/index.html"]]
        else:
            lang, rest = path.split("/", 1)
            other = "vi" if lang == "en" else "en"
            expected = [[lang, path]] + ([[other, f"{other}/{rest}"]] if (site["html"] / other / rest).exists() else [])
        if info["alternates"] != expected:
            problems[path] = info["alternates"]
    assert problems == {}


def test_the_switch_works_in_the_browser(site, browser, serve):
    """Clicking the switch on a Vietnamese analysis opens the English one, and back."""
    base = serve(site["html"])
    name = f"{NOTEBOOKS[1].stem}.html"
    info = visit(browser, base + f"vi/{name}", width=390)
    page = info["page"]
    try:
        page.locator("nav.agstats-lang-switch a").first.click()
        page.wait_for_load_state("load")
        there = (page.url, page.evaluate("() => document.documentElement.lang"))
        page.locator("nav.agstats-lang-switch a").first.click()
        page.wait_for_load_state("load")
        back = (page.url, page.evaluate("() => document.documentElement.lang"))
    finally:
        info["context"].close()
    assert there == (base + f"en/{name}", "en") and back == (base + f"vi/{name}", "vi")


def search(browser, base: str, query: str) -> list[str]:
    info = visit(browser, base + "vi/search.html?q=" + query)
    page = info["page"]
    try:
        # the results come one by one (each page is fetched for its excerpt); the summary's count comes last
        page.wait_for_function(
            """() => { const m = document.querySelector('#search-results p.search-summary')?.textContent.match(/\\d+/);
                       return m && document.querySelectorAll('#search-results ul.search li').length == +m[0]; }""",
            timeout=30_000,
        )
        found = page.evaluate(
            "() => [...document.querySelectorAll('#search-results ul.search li a')].map(a => a.getAttribute('href'))"
        )
        assert info["console"] == [] and info["violations"] == []
    finally:
        info["context"].close()
    return sorted({f.split("#")[0].split("?")[0] for f in found})


def test_search_without_diacritics_finds_what_search_with_them_finds(site, browser, serve):
    base = serve(site["html"])
    accented = search(browser, base, "viễn thông")
    assert len(accented) >= 2  # the data page and at least one analysis
    assert search(browser, base, "vien thong") == accented
    assert search(browser, base, "VIEN THONG") == accented
    assert search(browser, base, "buu chinh") == search(browser, base, "bưu chính") != []


def test_the_themes_words_are_vietnamese_and_right(crawl_wide, crawl_phone):
    """No theme word left in English (on a Vietnamese page, outside the article) and none mistranslated."""
    english = bs.theme_msgids("vi") - {"Sphinx", "PyData"}
    problems = {}
    for crawl in (crawl_wide, crawl_phone):
        for path, info in vi_pages(crawl).items():
            words = {w.strip() for w in info["chrome_words"]}
            left = sorted(words & english)
            wrong = sorted(w for w in words for bad in bs.WRONG_THEME_WORDS["vi"] if bad in w)
            fold = [w for w in bs.FOLD_WORDS if w in info["text"]]
            if left or wrong or fold:
                problems[path] = (left, wrong, fold)
    assert problems == {}
    chrome = " ".join(crawl_wide["vi/index.html"]["chrome_words"])
    for word in ("Tìm kiếm", "Bỏ qua, đến nội dung chính", "Bật/tắt thanh bên trái", "Chế độ màu"):
        assert word in chrome, word


def test_no_sentence_building_code_is_visible(crawl_wide, crawl_phone):
    pages = (c.items() for c in (crawl_wide, crawl_phone))
    shown = sorted({p for items in pages for p, i in items if notebook_page(p) and "display(Markdown" in i["text"]})
    if shown and any("display(Markdown" in p.read_text(encoding="utf-8") for p in NOTEBOOKS):
        pytest.xfail(f"the notebooks still build sentences with display(Markdown(…)) (nb1–nb5 rewrite them): {shown}")
    assert shown == []


def test_visible_code_is_a_small_share_of_the_text(site, crawl_wide):
    """≤ 5 % of the visible text of each page is code, once code cells are folded (tagged hide-input)."""
    import json

    shares = {p: i["code_chars"] / max(i["text_chars"], 1) for p, i in crawl_wide.items() if "search.html" not in p}
    high = {p: round(s, 3) for p, s in shares.items() if s > 0.05}
    # the site's own pages; the reproduce page, the API reference and the maintainers' notes are about code
    about_code = re.compile(r"/(reproduce\.html|api\b|docs/)")
    generated = {p: s for p, s in high.items() if not notebook_page(p) and not about_code.search(p)}
    assert generated == {}
    untagged = set()
    for p in NOTEBOOKS:
        cells = [c for c in json.loads(p.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
        if any(
            not {"hide-input", "remove-cell", "remove-input"} & set(c.get("metadata", {}).get("tags", []))
            for c in cells
        ):
            untagged.add(p.stem)
    analyses = {p: s for p, s in high.items() if notebook_page(p)}
    if {p.split("/")[-1].removesuffix(".html") for p in analyses} <= untagged and analyses:
        pytest.xfail(f"code cells not tagged hide-input yet in {sorted(untagged)}: {analyses}")
    assert analyses == {}
