"""The students' site (``make report``): page generators and both editions in a real browser (1366 px).

The site (both editions) is built once per test session with ``scripts/build_site.py
--no-execute`` (the notebooks' stored outputs) and crawled once per width, whichever
pytest-xdist worker asks first (fixtures ``site``, ``crawl_wide``, ``crawl_phone`` in
conftest.py). This file checks what holds at every width; tests/test_site_vi.py the
Vietnamese edition, the language switch, search and the phone (390 px); fixture builds
(execution, a failing cell, hostile data, folded code) are in tests/test_site_builds.py.
Without Chromium (``/usr/bin/chromium``; ``.ci/run`` installs it) the browser tests skip.
Screenshots of every page at both widths go to ``_build/screenshots/``.
"""

from __future__ import annotations

import hashlib
import json
import re

import nbformat
import pandas as pd
import pytest
from sitetools import NOTEBOOKS, ROOT, SCREENSHOTS, XSS, bs

import agstats

# --------------------------------------------------------------------------
# Page generators (no build, no browser)
# --------------------------------------------------------------------------


def frame(**changes) -> pd.DataFrame:
    row = {
        "indicator": "x_rev",
        "sector": "postal",
        "label_en": "Revenue",
        "label_vi": "Doanh thu",
        "value": 4600.0,
        "unit": "vnd_bn",
        "period_start": pd.Timestamp("2019-01-01"),
        "period_end": pd.Timestamp("2019-09-30"),
        "qualifier": "lower_bound",
        "area": "an_giang_pre2025",
        "source": "mic2019",
        "evidence": "trên 4.600 tỷ đồng",
        "method": "stated",
        "note": "",
    }
    row.update(changes)
    return pd.DataFrame([row])


def test_data_page_escapes_every_text_from_the_data():
    hostile = frame(
        label_en="A </td><script>alert(1)</script>",
        label_vi="<b>Doanh thu</b>",
        evidence=XSS + "\n\nline & {{ version }}",
        note='" onmouseover="x',
        source='a"><script>',
    )
    page = bs.data_page(hostile, frame(), agstats.load_units(), version="0.0")
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;window.agstatsPwned=true&lt;/script&gt;" in page
    assert "{{" not in page and "{" not in page.replace("{{", "")
    table = page[page.index('<div class="agstats-table-wrap"') : page.index("</div>") + len("</div>")]
    assert "\n\n" not in table  # a blank line would end the raw HTML block
    assert '<td class="evidence" lang="vi">' in page and '<td lang="vi">&lt;b&gt;Doanh thu' in page
    assert "≥ 4,600" in page and "Jan–Sep 2019" in page and "billion VND" in page


def test_data_page_has_one_row_per_indicator_and_context_row():
    ind, ctx = agstats.load_indicators(area="all"), agstats.load_context(area="all")
    page = bs.data_page(ind, ctx, agstats.load_units(), version=agstats.__version__)
    body = page.split('id="indicators-table"')[1].split("</tbody>")[0]
    assert body.count("<tr>") == len(ind) + 1  # + the header row
    assert page.split('id="context-table"')[1].split("</tbody>")[0].count("<tr>") == len(ctx) + 1


def test_sources_page_escapes_and_links_only_http_urls():
    src = agstats.load_sources().head(2).copy()
    src.loc[0, "url"] = "javascript:alert(1)"
    src.loc[1, "title"] = "<i>T</i>"
    page = bs.sources_page(src)
    assert 'href="javascript' not in page and "<i>T</i>" not in page and "&lt;i&gt;T&lt;/i&gt;" in page
    assert page.count('<tr id="source-') == 2


def test_toc_lists_the_notebooks_in_reading_order():
    toc = bs.toc_yaml(["00_overview", "01_telecom"])
    assert toc.index("file: 00_overview") < toc.index("file: 01_telecom") < toc.index("file: data")


def test_alt_text_from_figure_titles_else_section(tmp_path):
    png = "iVBORw0KGgo="  # any base64 payload: only its hash matters here
    nb = nbformat.v4.new_notebook()
    titled = nbformat.v4.new_output(
        "display_data", data={"image/png": png}, metadata={"agstats": {"figure_titles": ["Telecom revenue", "2019"]}}
    )
    bare = nbformat.v4.new_output("display_data", data={"image/png": "AAAA"})
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 01 · Telecom\n\n## Growth"),
        nbformat.v4.new_code_cell("plot()", outputs=[titled, bare]),
    ]
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nb, path)
    alts = bs.alt_texts(path)
    h = lambda b64: hashlib.sha256(bs.image_bytes("image/png", b64)).hexdigest()  # noqa: E731
    assert alts == {h(png): "Chart: Telecom revenue; 2019", h("AAAA"): "Figure 2 in section “Growth”"}
    page = tmp_path / "01_x.html"
    page.write_text(f'<img alt="x/{h(png)}.png" src="_images/{h(png)}.png" /><img src="_static/logo.png">')
    assert bs.add_alt_text(tmp_path, {"01_x": alts}) == ['01_x.html: <img src="_static/logo.png"> has no alt text']
    assert 'alt="Chart: Telecom revenue; 2019"' in page.read_text()


def test_vietnamese_data_page_speaks_vietnamese_and_marks_english():
    page = bs.data_page(
        frame(note="Lower bound in the source."), frame(), agstats.load_units(), version="0.0", lang="vi"
    )
    assert "# Dữ liệu" in page and "≥ 4.600" in page and "tháng 1–9/2019" in page and "tỷ đồng" in page
    assert "cận dưới" in page and "An Giang (trước sáp nhập 2025)" in page and "bưu chính" in page
    assert '<td class="note" lang="en">Lower bound in the source.</td>' in page
    assert '<td lang="en">Revenue</td>' in page  # the English label, marked


def test_sources_page_shows_the_access_date_in_each_language():
    src = agstats.load_sources().head(1).copy()
    src["accessed"] = "2026-11-30"
    assert "Accessed 2026-11-30." in bs.sources_page(src)
    page = bs.sources_page(src, "vi")
    assert "Truy cập ngày 30/11/2026." in page and "# Nguồn" in page and "Nguồn sơ cấp" in page


def test_vietnamese_sources_page_shows_the_vietnamese_titles_and_publishers():
    src = agstats.load_sources()
    vi, en = bs.sources_page(src, "vi"), bs.sources_page(src)
    assert "Bộ Thông tin và Truyền thông (2019)" in vi and "(Ministry of Information and Communications)" not in vi
    assert "title not recorded" not in vi and "tiêu đề không được ghi lại khi chép trang" in vi
    assert '<cite lang="vi">[Diện tích tỉnh An Giang] (tiêu đề không được ghi lại khi chép trang)</cite>' in vi
    # published titles as published, English ones marked
    assert '<cite lang="en">Information and communication sector contributes to promoting' in vi
    assert "Ministry of Information and Communications" in en and "[An Giang land area]" in en
    assert "tiêu đề không được" not in en


def test_vietnamese_catalogue_page_shows_the_vietnamese_definitions():
    cat, units = agstats.load_catalogue(), agstats.load_units()
    vi, en = bs.catalogue_page(cat, units, "vi"), bs.catalogue_page(cat, units)
    first = cat.iloc[0]
    assert bs.esc(first.definition_vi) in vi and bs.esc(first.definition) not in vi
    assert bs.esc(first.definition) in en and bs.esc(first.definition_vi) not in en
    assert 'lang="en"' not in vi and "chưa có bản dịch" not in vi  # every row is translated
    assert "(tiếng Anh)" not in vi


def test_toc_of_each_edition():
    en = bs.toc_yaml(["00_overview"], ["areas"], "en", ["api/io"])
    vi = bs.toc_yaml(["00_overview"], ["areas"], "vi")
    assert "file: api" in en and "file: api/io" in en and "file: docs/areas" in en
    assert "file: technical" in vi and "api" not in vi and "docs/" not in vi and "Các phân tích" in vi


def test_each_edition_copies_its_own_pages():
    en, vi = bs.site_files("en"), bs.site_files("vi")
    assert en["index.md"].name == "index.md" and vi["index.md"].name == "index.vi.md"
    assert vi["reproduce.md"].name == "reproduce.vi.md" and not any(n.endswith(".vi.md") for n in en)


def test_vietnamese_config_merges_over_the_english_one():
    import yaml

    vi = yaml.safe_load(bs.config_yaml({"version": "1"}, "Phiên bản dữ liệu 1. ", "vi"))
    en = yaml.safe_load(bs.config_yaml({"version": "1"}, "Data version 1. ", "en"))
    assert vi["sphinx"]["config"]["language"] == "vi" and en["sphinx"]["config"]["language"] == "en"
    assert vi["sphinx"]["config"]["extensions"] == en["sphinx"]["config"]["extensions"]  # merged, not replaced
    assert vi["html"]["extra_footer"].startswith('<p class="agstats-data-version">Phiên bản dữ liệu 1. ')
    assert vi["parse"]["myst_substitutions"] == {"version": "1"}


def test_theme_catalogues_override_the_wrong_words(tmp_path):
    """Our catalogues compile (babel) and say "Chạy trực tuyến", not "Phóng"."""
    import gettext

    written = bs.compile_catalogues("vi", tmp_path)
    assert {p.name for p in written} == {"booktheme.mo", "sphinx.mo"}
    book = gettext.translation("booktheme", localedir=str(tmp_path), languages=["vi"])
    assert book.gettext("Launch") == "Chạy trực tuyến" and "nhân sư" not in book.gettext("Sphinx Book Theme")
    assert (
        gettext.translation("sphinx", str(tmp_path), ["vi"]).gettext("Skip to main content") != "Skip to main content"
    )


def test_search_folds_vietnamese_diacritics():
    import importlib.util

    spec = importlib.util.spec_from_file_location("agstats_site", ROOT / "site" / "_ext" / "agstats_site.py")
    ext = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ext)
    assert [ext.fold(w) for w in ("viễn", "thông", "Đồng", "ĐIỆN", "telecom")] == [
        "vien",
        "thong",
        "dong",
        "dien",
        "telecom",
    ]
    assert ext.SearchVietnamese({}).stem("Bưu") == "buu"


def test_css_purge_keeps_what_pages_and_scripts_use(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "p.html").write_text('<div class="used x"></div>')
    (tmp_path / "_static" / "s.js").write_text('el.classList.add("toggled")')
    css = tmp_path / "_static" / "t.css"
    css.write_text('.used{a:1}.unused{b:2}.toggled .used,.gone{c:3}@media (x){.unused{d:4}}:root{--v:"}"}')
    bs.purge_css(tmp_path)
    assert css.read_text() == '.used{a:1}.toggled .used{c:3}:root{--v:"}"}'


# --------------------------------------------------------------------------
# The built site (both editions), at 1366 px
# --------------------------------------------------------------------------

EDITION_PAGES = {"index", "data", "sources", "reproduce"}


def test_build_makes_both_editions_and_the_root_page(site):
    html = site["html"]
    assert (html / "index.html").is_file() and f"open {(html / 'index.html').resolve()}" in site["stdout"]
    assert "site built in" in site["stdout"]
    for lang, extra in (("en", {"api"}), ("vi", {"technical"})):
        names = {p.stem for p in (html / lang).glob("*.html")}
        assert {p.stem for p in NOTEBOOKS} | EDITION_PAGES | extra <= names, lang
    assert len(list((html / "en" / "api").glob("*.html"))) >= 5  # the API reference, one page per module


def test_a_missing_twin_fails_the_build_clearly(tmp_path):
    from sitetools import markdown_notebook, run_build

    nb = markdown_notebook(tmp_path / "nb" / "00_alone.ipynb", "# 00 · Alone")
    result = run_build("--build-dir", tmp_path / "_build", "--no-execute", nb)
    assert result.returncode == 1
    assert f"{nb.parent / 'vi' / nb.name} (the twin of {nb})" in result.stderr and "sync_editions.py" in result.stderr


def content(crawl: dict) -> dict:
    return {p: i for p, i in crawl.items() if "search.html" not in p}


def test_navigation_from_the_root_reaches_every_page_of_both_editions(site, crawl_wide):
    built = {
        p.relative_to(site["html"]).as_posix()
        for p in site["html"].rglob("*.html")
        if "_static" not in p.parts and p.name != "search.html"
    }
    assert {f"{lang}/{p.stem}.html" for p in NOTEBOOKS for lang in ("en", "vi")} <= set(crawl_wide)
    assert built - set(crawl_wide) == set(), "pages no link leads to"
    assert len(crawl_wide) == len(built) + 4  # + each edition's search page, without and with a query
    assert {p: i["status"] for p, i in crawl_wide.items() if i["status"] != 200} == {}


def test_every_page_has_a_strict_content_security_policy(crawl_wide):
    problems = {}
    for path, info in crawl_wide.items():
        policy = dict(d.strip().split(" ", 1) for d in (info["csp"] or "").split(";") if " " in d.strip())
        script_src = policy.get("script-src", "").split()
        ok = (
            info["csp_first"]
            and script_src[:1] == ["'self'"]
            and all(s.startswith("'sha256-") for s in script_src[1:])
            and policy.get("object-src") == "'none'"
            and policy.get("base-uri") == "'none'"
            and not re.search(r"https?:|\*|'unsafe-(inline|eval|hashes)'", policy.get("script-src", ""))
            and not re.search(r"https?:|\*", info["csp"])
        )
        if not ok or info["violations"]:
            problems[path] = (info["csp"], info["violations"])
    assert problems == {}


def test_search_and_toggles_work_under_the_policy(site, browser, serve):
    from sitetools import visit

    base = serve(site["html"])
    info = visit(browser, base + "en/search.html?q=telecom")
    page = info["page"]
    try:
        page.wait_for_selector("#search-results ul.search li", timeout=20_000)
        results = page.locator("#search-results ul.search li").count()
        page.goto(base + "en/index.html")
        before = page.evaluate("() => document.documentElement.dataset.mode")
        page.locator("button.theme-switch-button").first.click()
        after = page.evaluate("() => document.documentElement.dataset.mode")
        violations = page.evaluate("() => window.agstatsCspViolations")
    finally:
        info["context"].close()
    assert results > 0 and before != after and violations == [] and info["console"] == []


def test_no_console_errors_and_no_failed_requests(crawl_wide, crawl_phone):
    for crawl in (crawl_wide, crawl_phone):
        assert {p: i["console"] + i["failed"] for p, i in crawl.items() if i["console"] or i["failed"]} == {}


REMOTE = [
    re.compile(r"<(?:script|img|iframe|source|video|audio|embed|input)\b[^>]*\ssrc=[\"']?(?:https?:)?//", re.I),
    re.compile(r"<link\b[^>]*\shref=[\"']?(?:https?:)?//", re.I),
    re.compile(r"<script\b[^>]*>[^<]*?(?:https?:)?//[\w.-]+\.[a-z]{2,}[^<]*</script>", re.I),
    re.compile(r"@import\s+url\([\"']?(?:https?:)?//|url\([\"']?https?://", re.I),
]


def remote_references(text: str) -> list[str]:
    """Remote scripts, styles, images, frames and fonts a page would load (links out are fine).

    >>> remote_references('<script>const THEBE_JS_URL = "https://unpkg.com/thebe"</script><a href="https://x.org">')
    ['<script>const THEBE_JS_URL = "https://unpkg.com/thebe"</script>']
    """
    return [m.group(0)[:120] for pattern in REMOTE for m in pattern.finditer(text)]


def test_no_page_or_stylesheet_references_remote_resources(site):
    """Also what a click could load (e.g. thebe's script URL), beyond the requests a visit makes."""
    html = site["html"]
    pages = [p for p in html.rglob("*.html") if "_static" not in p.relative_to(html).parts]
    files = [*pages, *html.rglob("_static/**/*.css")]
    found = {
        f.relative_to(html).as_posix(): refs
        for f in files
        if (refs := remote_references(f.read_text(encoding="utf-8", errors="replace")))
    }
    assert found == {}


def test_no_request_leaves_the_machine(crawl_wide):
    assert all(i["requests"] for i in crawl_wide.values())
    assert {p: i["outside"] for p, i in crawl_wide.items() if i["outside"]} == {}


def test_every_image_loads_has_a_meaningful_alt_and_opens_full_size(crawl_wide):
    images = [(p, img) for p, i in crawl_wide.items() for img in i["images"]]
    stems = {n.stem for n in NOTEBOOKS}
    figures = [(p, img) for p, img in images if p.split("/")[-1].removesuffix(".html") in stems]
    assert len(figures) >= 2 * 2 * len(NOTEBOOKS)  # every notebook has at least two figures, in each edition
    assert [(p, img["src"]) for p, img in images if img["width"] == 0] == []
    assert [
        (p, img["src"], img["alt"]) for p, img in images if not bs.is_meaningful_alt(img["alt"], img["src"] or "")
    ] == []
    # a tap or click opens the figure itself (no script), and no figure is wider than its column
    assert [(p, img["src"]) for p, img in figures if img["link"] != img["src"]] == []
    assert [(p, img["src"]) for p, img in figures if img["shown"] > (img["column"] or 0) + 1] == []


def test_headings_do_not_skip_levels(crawl_wide):
    problems = []
    for path, info in content(crawl_wide).items():
        main = [h["level"] for h in info["main_headings"]]
        if not main or main[0] != 1 or main.count(1) != 1:
            problems.append((path, "main must start with its only h1", main))
        for key in ("main_headings", "page_headings"):
            levels = [h["level"] for h in info[key]]
            for a, b in zip(levels, levels[1:]):
                if b > a + 1:
                    problems.append((path, key, levels))
                    break
    assert problems == []


def test_english_pages_are_english_with_vietnamese_marked(crawl_wide, browser, site, serve):
    from sitetools import visit

    assert {p: i["lang"] for p, i in crawl_wide.items() if p.startswith("en/") and i["lang"] != "en"} == {}
    for lang in ("en", "vi"):
        info = visit(browser, serve(site["html"]) + f"{lang}/data.html")
        try:
            counts = info["page"].evaluate("""() => ({
                rows: document.querySelectorAll('#indicators-table tbody tr').length,
                context: document.querySelectorAll('#context-table tbody tr').length,
                vi_evidence: document.querySelectorAll('#indicators-table td.evidence[lang=vi]').length})""")
        finally:
            info["context"].close()
        n = len(agstats.load_indicators(area="all"))
        assert counts == {"rows": n, "context": len(agstats.load_context(area="all")), "vi_evidence": n}, lang


def test_sources_page_lists_every_source_with_its_access_date(site):
    sources = agstats.load_sources()
    for lang in ("en", "vi"):
        page = (site["html"] / lang / "sources.html").read_text(encoding="utf-8")
        assert page.count('<tr id="source-') == len(sources), lang
    column = next((c for c in bs.ACCESS_COLUMNS if c in sources.columns), None)
    if column is None:
        pytest.xfail("data/sources.csv has no access-date column yet (the data branch adds it)")
    for lang, word in (("en", "Accessed "), ("vi", "Truy cập ngày ")):
        page = (site["html"] / lang / "sources.html").read_text(encoding="utf-8")
        assert page.count(f'<span class="agstats-accessed">{word}') == int(sources[column].astype(bool).sum())


def test_api_reference_documents_every_public_name_with_its_examples(site):
    """Every name of agstats.__all__ and agstats.plotting.__all__ has an entry; docstring Examples are shown."""
    import inspect

    from agstats import plotting

    page = "".join(
        p.read_text(encoding="utf-8") for p in [site["html"] / "en/api.html", *(site["html"] / "en/api").glob("*.html")]
    )
    entries = re.split(r'(?=<dt class="sig sig-object py" id=")', page)
    by_id = {m.group(1): e for e in entries if (m := re.match(r'<dt class="sig sig-object py" id="([^"]+)"', e))}
    public = {f"agstats.{n}": getattr(agstats, n) for n in agstats.__all__ if n != "plotting"}
    public |= {f"agstats.plotting.{n}": getattr(plotting, n) for n in plotting.__all__}
    assert sorted(set(public) - set(by_id)) == []
    without_examples = [
        name
        for name, obj in public.items()
        if (inspect.isfunction(obj) or inspect.isclass(obj))
        and "Examples\n" in (inspect.getdoc(obj) or "")
        and '<p class="rubric">Examples</p>' not in by_id[name]  # up to the next entry (or member)
    ]
    assert without_examples == []
    assert page.count('<div class="doctest highlight-default') >= len(public) // 2  # examples shown as code


def test_no_icon_font_script_no_source_maps_and_lean_stylesheets(site):
    html = site["html"]
    assert list(html.rglob("*.map")) == [] and list(html.rglob("_static/scripts/fontawesome.js")) == []
    assert [p for p in html.rglob("*.js") if "sourceMappingURL" in p.read_text(errors="replace")] == []
    for lang in ("en", "vi"):
        index = (html / lang / "index.html").read_text(encoding="utf-8")
        assert 'class="fa-solid fa-bars agstats-icon"' in index and '<i class="fa' not in index
        # the theme's stylesheet without the rules no page uses (310 kB whole)
        assert (html / lang / "_static/styles/pydata-sphinx-theme.css").stat().st_size < 150_000


FIRST_LOAD_LIMIT = 600 * 1024


def test_first_load_of_every_page_is_light_at_both_widths(crawl_wide, crawl_phone):
    """≤ 600 KB per first load (an empty cache) of every page of both editions, at 1366 and 390 px.

    A search page with a query then fetches the pages it finds, for their excerpts: that is the
    search at work, not the page's load; the search pages count without a query."""
    measured, heavy = {}, {}
    for width, crawl in ((1366, crawl_wide), (390, crawl_phone)):
        for path, info in crawl.items():
            if "?q=" in path:
                continue
            measured[f"{path} at {width} px"] = round(info["bytes"] / 1024)
            if not 0 < info["bytes"] <= FIRST_LOAD_LIMIT:
                heavy[f"{path} at {width} px"] = info["bytes"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "first-load.json").write_text(json.dumps(measured, indent=1) + "\n")  # KB per page
    assert heavy == {}


def test_every_page_states_the_data_version_and_its_last_change(crawl_wide):
    package = json.loads((agstats.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    updated = bs.data_last_changed(agstats.data_dir(), package)
    version = str(package.get("version") or f"of agstats {agstats.__version__}")
    expected = {
        "en": f"Data version {version}" + (f", last updated {updated}." if updated else "."),
        "vi": f"Phiên bản dữ liệu {version}" + (f", cập nhật lần cuối ngày {bs.vi_date(updated)}." if updated else "."),
    }
    expected["index.html"] = expected["vi"]  # the root page says it in both languages
    wrong = {
        p: i["footer"]
        for p, i in crawl_wide.items()
        if not (i["footer"] or "").startswith(expected.get(p, expected[p.split("/")[0]]))
    }
    assert wrong == {}
    assert updated, "the data's last change is known (git or datapackage.json)"


def test_every_docs_page_the_text_mentions_is_on_the_site(site, crawl_wide):
    mentioned = {m for i in crawl_wide.values() for m in re.findall(r"\bdocs/([\w-]+)\.md\b", i["text"])}
    assert mentioned, "the analyses cite docs/*.md"
    dead = sorted(m for m in mentioned if not (ROOT / "docs" / f"{m}.md").exists())
    notes = mentioned - set(dead)
    assert sorted(m for m in notes if not (site["html"] / "en" / "docs" / f"{m}.html").exists()) == []
    assert {f"en/docs/{m}.html" for m in notes} <= set(crawl_wide)  # and a link leads there
    # the Vietnamese edition links to them in the English edition, marked as English
    technical = crawl_wide["vi/technical.html"]
    assert {f"en/docs/{m}.html" for m in notes} <= set(technical["links"])
    if dead:  # a mention of a note that does not exist at all: the text (data, notebooks) must change
        pytest.xfail(f"the text mentions docs/*.md files that do not exist: {dead}")


def test_no_dead_pointer_to_a_repository(crawl_wide):
    """site/_config.yml's repository.url is empty by default: then no page sends readers to "the repository"."""
    if bs.site_repository():
        pytest.skip("a repository is set in site/_config.yml")
    pointer = re.compile(r"\b(?:the (?:project's )?repository|kho mã nguồn của dự án)\b")
    said = {  # the sentences (runs without a full stop) that say it; split first: one pass over the text
        p: m for p, i in crawl_wide.items() if (m := [s for s in i["text"].split(".") if pointer.search(s)])
    }
    assert said == {}


def test_no_internal_jargon(site, crawl_wide):
    """ "lead list" is the research team's word for its list of sources; readers never see it on our pages."""
    ours = {p: i["text"].count("lead list") for p, i in crawl_wide.items() if "lead list" in i["text"]}
    from_data = "lead list" in " ".join(
        (agstats.data_dir() / f).read_text(encoding="utf-8") for f in ("sources.csv", "indicators.csv")
    ) or any("lead list" in (ROOT / "docs" / f).read_text(encoding="utf-8") for f in ("followup.md",))
    if ours and from_data:
        pytest.xfail(f"data/*.csv and docs/followup.md still say 'lead list' (the data branch's text): {sorted(ours)}")
    assert ours == {}


def test_screenshots_of_every_page_at_both_widths(crawl_wide, crawl_phone):
    for width, crawl in ((1366, crawl_wide), (390, crawl_phone)):
        for path in crawl:
            shot = SCREENSHOTS / (re.sub(r"[?=&+%]", "_", path.removesuffix(".html")) + f"-{width}.png")
            assert shot.stat().st_size > 5_000, shot
