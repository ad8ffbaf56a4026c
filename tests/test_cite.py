"""Citations from the sources table."""

from __future__ import annotations

import html

import pytest

import agstats


def test_source_line_and_short_citation():
    assert agstats.short_citation("mic2019") == "Bộ Thông tin và Truyền thông (2019)"
    assert agstats.source_line("mic2019").endswith("[mic2019]")


def test_sources_markdown_lists_each_once_with_url():
    md = agstats.sources_markdown(["mic2019", "mic2019", "wb_fx"])
    lines = md.splitlines()
    assert len(lines) == 2
    assert "https://mic.gov.vn/" in lines[0] and "Tertiary" in lines[1]


def test_all_sources_by_default():
    assert len(agstats.sources_markdown().splitlines()) == len(agstats.load_sources())


def test_unknown_source():
    with pytest.raises(ValueError, match="unknown source id 'nope'"):
        agstats.source_line(["nope"])


HOSTILE_TITLES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "{{ x }}",
    "$a$",
]


def _render(markdown: str):
    """Tokens and HTML of the site's Markdown parser (MyST with the extensions of site/_config.yml)."""
    mdit = pytest.importorskip("myst_parser.parsers.mdit")
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig

    md = mdit.create_md_parser(
        MdParserConfig(enable_extensions={"colon_fence", "dollarmath", "substitution"}), RendererHTML
    )
    tokens = []
    for tok in md.parse(markdown):
        tokens.append(tok)
        tokens.extend(tok.children or [])
    return tokens, md.render(markdown)


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_sources_markdown_escapes_hostile_text(minipkg, monkeypatch, title):
    from conftest import edit_cell

    edit_cell(minipkg, "sources.csv", 2, "title", title)
    edit_cell(minipkg, "sources.csv", 2, "publisher", "<b>pub</b> *x*")
    edit_cell(minipkg, "sources.csv", 2, "published_note", "<script>x</script> [n](javascript:n)")
    monkeypatch.setenv("AGSTATS_DATA_DIR", str(minipkg))
    sid = agstats.load_sources(data_dir=minipkg)["id"].iloc[0]
    md = agstats.sources_markdown([sid])
    tokens, rendered = _render(md)
    kinds = [t.type for t in tokens]
    assert not {"html_inline", "html_block", "math_inline", "substitution_inline"} & set(kinds), kinds
    assert (
        "<script" not in rendered
        and "<img" not in rendered
        and "javascript:" not in " ".join(str(t.attrs.get("href", "")) for t in tokens)
    )
    assert kinds.count("em_open") == 1 and kinds.count("strong_open") == 1  # the template's own
    assert title in html.unescape(rendered)  # shown as text, whole


def test_sources_markdown_links_only_safe_urls(minipkg, monkeypatch):
    from conftest import edit_cell

    edit_cell(minipkg, "sources.csv", 2, "url", "javascript:alert(1)")
    monkeypatch.setenv("AGSTATS_DATA_DIR", str(minipkg))
    src = agstats.load_sources(data_dir=minipkg)
    tokens, rendered = _render(agstats.sources_markdown(src["id"]))
    hrefs = [t.attrs.get("href") for t in tokens if t.type == "link_open"]
    assert len(hrefs) == len(src) - 1 and all(str(h).startswith("http") for h in hrefs)
    assert "javascript:alert(1)" in html.unescape(rendered)  # shown, as text


# --------------------------------------------------------------- the Vietnamese list (title_vi, publisher_vi)
def test_vietnamese_list_uses_the_vietnamese_titles_and_publishers():
    vi = agstats.sources_markdown(["mic2019", "agportal2019census", "hanoitimes2018"], language="vi").splitlines()
    en = agstats.sources_markdown(["mic2019", "agportal2019census", "hanoitimes2018"], language="en").splitlines()
    # the publisher's English gloss is gone; the published title stays as published in both lists
    assert vi[0].startswith("- **\\[mic2019\\]** Bộ Thông tin và Truyền thông (2019). *Đoàn công tác")
    assert "Ministry" not in vi[0] and "Ministry of Information and Communications" in en[0]
    # our description of an untitled page, in Vietnamese
    assert "*\\[Kết quả sơ bộ Tổng điều tra dân số và nhà ở năm 2019 tại An Giang\\] \\(tiêu đề không" in vi[1]
    assert "Cổng thông tin điện tử tỉnh An Giang (2019" in vi[1] and "provincial portal" not in vi[1]
    assert "Preliminary results" in en[1] and "title not recorded" in en[1]
    # an English-language publisher's name is its name in both editions
    assert "Hanoi Times" in vi[2] and "Doanh thu viễn thông Việt Nam 6 tháng vượt 7,8 tỷ USD" in vi[2]


def test_english_list_is_unchanged_by_the_vietnamese_columns():
    src = agstats.load_sources()
    for r in src.to_dict("records"):
        line = agstats.sources_markdown([r["id"]], language="en")
        assert agstats.escape.markdown_text(r["title"]) in line
        assert agstats.escape.markdown_text(r["publisher"]) in line


def test_every_vietnamese_title_keeps_the_published_part():
    """title_vi only translates our words: a title that begins as published begins the same way."""
    src = agstats.load_sources()
    filled = src[src["title_vi"].fillna("").str.strip() != ""]
    assert len(filled) >= 40
    for r in filled.itertuples(index=False):
        if not r.title.startswith("["):
            published = r.title.split(" [")[0].split(" (")[0]
            assert r.title_vi.startswith(published), r.id
        else:
            assert r.title_vi.startswith("["), r.id
    originals = src[~src["title"].str.contains(r"\[", regex=True)]
    assert not originals.empty


@pytest.mark.parametrize("column", ["title_vi", "publisher_vi"])
def test_vietnamese_texts_are_escaped(minipkg, monkeypatch, column):
    from conftest import edit_cell

    edit_cell(minipkg, "sources.csv", 2, column, "<script>alert(1)</script> [x](javascript:alert(2)) {{ x }}")
    monkeypatch.setenv("AGSTATS_DATA_DIR", str(minipkg))
    sid = agstats.load_sources(data_dir=minipkg)["id"].iloc[0]
    md = agstats.sources_markdown([sid], language="vi")
    tokens, rendered = _render(md)
    kinds = [t.type for t in tokens]
    assert not {"html_inline", "html_block", "substitution_inline"} & set(kinds), kinds
    assert kinds.count("link_open") == 1  # the source's own address, nothing from the text
    assert "javascript:" not in " ".join(str(t.attrs.get("href", "")) for t in tokens)
    assert "<script" not in rendered and "<script>alert(1)</script>" in html.unescape(rendered)
    assert "<script" not in agstats.sources_markdown([sid], language="en")  # English shows title/publisher


def test_a_source_without_vietnamese_texts_shows_its_own(minipkg, monkeypatch):
    monkeypatch.setenv("AGSTATS_DATA_DIR", str(minipkg))
    md = agstats.sources_markdown(["src_a"], language="vi")
    assert md.startswith("- **\\[src\\_a\\]** Fixture Office (2019). *A fixture report*.")
