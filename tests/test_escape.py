"""agstats.escape: no data text becomes markup, a link or a formula (property tests with hypothesis)."""

from __future__ import annotations

import html

import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from agstats.escape import html_text, markdown_text, safe_url, spreadsheet_cell, spreadsheet_frame

mdit = pytest.importorskip("myst_parser.parsers.mdit")


def _parser():
    """The Markdown parser of the site: MyST with the extensions site/_config.yml enables."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig

    config = MdParserConfig(enable_extensions={"colon_fence", "dollarmath", "substitution"})
    return mdit.create_md_parser(config, RendererHTML)


MD = _parser()

#: Text biased towards the characters Markdown, MyST and HTML give a meaning to.
MARKUP = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\\`*_{}[]()#+-!|~$^%:=<>&\"'./;@ \n\t0123456789aăêxyz")),
        st.characters(codec="utf-8"),
    ),
    max_size=80,
)

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "{{ x }}",
    "$a$",
    "*em* **strong** _u_ __uu__",
    "<https://evil.example>",
    "`code` {role}`x` ```",
    "1. item",
    "- item",
    "# heading",
    "> quote",
    ":::{note}\nx\n:::",
    "&lt;script&gt;",
    "&#60;b&#62;",
    "a\\",
    "![i](x.png)",
    "[r]: https://x.example",
    "| a | b |",
]


def _tokens(text: str) -> list:
    out = []
    for tok in MD.parse(text):
        out.append(tok)
        out.extend(tok.children or [])
    return out


@given(MARKUP)
@example("<script>alert(1)</script>")
@example("[x](javascript:alert(1))")
@example("1. x")
@example("***")
@example("    indented")
def test_markdown_text_renders_only_text(value):
    escaped = markdown_text(value)
    tokens = _tokens(escaped)
    kinds = {t.type for t in tokens}
    assert kinds <= {"paragraph_open", "paragraph_close", "inline", "text"}, (escaped, kinds)
    rendered = MD.render(escaped)
    assert rendered.replace("<p>", "").replace("</p>", "").count("<") == 0, rendered
    # What the reader sees is the value itself, whitespace collapsed.
    shown = "".join(t.content for t in tokens if t.type == "text")
    assert shown == " ".join(value.replace("\x00", "\ufffd").split())


@pytest.mark.parametrize("value", HOSTILE)
def test_markdown_text_in_a_list_item_stays_text(value):
    tokens = _tokens(f"- **[id]** {markdown_text(value)}. *Title*.\n- next")
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_inline", "html_block", "link_open", "image", "math_inline", "substitution_inline"}
    assert [t.type for t in tokens].count("em_open") == 1  # only the template's own *Title*
    assert [t.type for t in tokens].count("list_item_open") == 2


@given(st.text(max_size=80))
@example('<a href="x">')
def test_html_text_has_no_markup_characters(value):
    out = html_text(value)
    assert not set(out) & set("<>\"'")
    assert html.unescape(out) == value


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT])
def test_missing_values_become_empty_text(missing):
    assert html_text(missing) == "" and markdown_text(missing) == ""


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://mic.gov.vn/a.htm?x=1&y=2", True),
        ("http://angiang.gov.vn/wps/portal/Home", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example/x", False),
        ("/relative/path", False),
        ("https://x.vn/a b", False),
        ('https://x.vn/"onmouseover="x', False),
        ("https://x.vn/<b>", False),
        ("https://x.vn/\u00e1", False),
        ("https://x.vn/\x00", False),
        ("https://[::1", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_url(url, safe):
    assert (safe_url(url) is not None) is safe


@given(st.text(max_size=60))
def test_safe_url_never_returns_a_breaking_character(value):
    out = safe_url(value)
    if out is not None:
        assert out.startswith(("http://", "https://"))
        assert not set(out) & set(" <>\"'`\\\n\r\t")


@pytest.mark.parametrize("value", ["=1+1", "+84", "-2", "@SUM(A1)", "\t=x", "\r=x", " =x", "\uff1d1"])
def test_spreadsheet_cell_neutralises_formulas(value):
    assert spreadsheet_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["An Giang", "3300", "", -3.5, 7, None])
def test_spreadsheet_cell_leaves_the_rest(value):
    assert spreadsheet_cell(value) == value


def test_spreadsheet_frame_changes_text_columns_only():
    df = pd.DataFrame(
        {
            "note": ['=HYPERLINK("x")', "ok", None],
            "value": [-3.5, 2.0, 1.0],
            "unit": pd.Categorical(["-x", "count", "count"]),
            "when": pd.to_datetime(["2019-01-01"] * 3),
        }
    )
    out = spreadsheet_frame(df)
    assert out["note"].tolist()[:2] == ['\'=HYPERLINK("x")', "ok"] and out["note"].isna().iloc[2]
    assert out["value"].tolist() == [-3.5, 2.0, 1.0] and out["value"].dtype == "float64"
    assert out["unit"].tolist() == ["'-x", "count", "count"]
    assert out["when"].dtype == df["when"].dtype
    assert df["note"].iloc[0].startswith("=")  # the input is not changed


def test_spreadsheet_frame_on_the_shipped_indicators():
    import agstats

    out = spreadsheet_frame(agstats.load_indicators())
    for name in out.columns:
        if out[name].dtype == object:
            assert not out[name].astype(str).str.match(r"\s*[=+\-@]").any(), name
