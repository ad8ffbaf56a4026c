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
