"""Structure of the analysis notebooks: the rules nbval cannot check.

nbval (configured in pyproject.toml, strict mode) re-executes each notebook
and compares its outputs; these tests check what every notebook must show.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

import agstats

ENGLISH = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NOTEBOOKS = ENGLISH + sorted((ROOT / "notebooks" / "vi").glob("[0-9][0-9]_*.ipynb"))
EXPECTED = ["00_overview", "01_telecom", "02_postal", "03_ict_industry", "04_media", "05_infosec_egov", "07_context"]
SETUP_MARK = "# Setup: the same first cell in every notebook"
#: The setup cell every notebook of both editions starts with (after its parameters cell).
SETUP = """# Setup: the same first cell in every notebook (LANG is set by the cell above)
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown

import agstats
from agstats import glue, table, tr
from agstats import plotting as agp

agp.set_theme(LANG)"""
#: Section names per edition.
HEADINGS = {
    "en": {"findings": "Key findings", "caveats": "Caveats", "sources": "Sources"},
    "vi": {"findings": "Những điểm chính", "caveats": "Lưu ý", "sources": "Nguồn"},
}
MAX_CODE_LINES = 20


def edition(path: Path) -> str:
    return "vi" if path.parent.name == "vi" else "en"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    return "".join(cell.get("source", ""))


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code" and source(c).strip()]


def test_the_themed_notebooks_exist():
    names = [p.stem for p in ENGLISH]
    assert [n for n in EXPECTED if n not in names] == []


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: f"{edition(p)}-{p.stem}")
def nb(request) -> tuple[str, dict]:
    return f"{edition(request.param)}/{request.param.stem}", load(request.param)


def lang_of(name: str) -> str:
    return name.split("/")[0]


def test_title_and_question_first_then_key_findings(nb):
    name, book = nb
    first, second = book["cells"][0], book["cells"][1]
    assert first["cell_type"] == "markdown" and source(first).startswith("# "), name
    box = source(second)
    assert second["cell_type"] == "markdown" and box.startswith(
        "```{admonition} " + HEADINGS[lang_of(name)]["findings"]
    )
    assert ":class: key-findings" in box, name
    bullets = [line for line in box.splitlines() if line.startswith("- ")]
    assert 3 <= len(bullets) <= 6, f"{name}: {len(bullets)} key findings"


def test_parameters_then_the_shared_setup_cell(nb):
    name, book = nb
    params, setup = code_cells(book)[:2]
    assert source(params).strip() == f'LANG = "{lang_of(name)}"', name
    assert {"parameters", "remove-cell"} <= set(params.get("metadata", {}).get("tags", [])), name
    assert source(setup) == SETUP, f"{name}: the setup cell differs from tests/test_notebooks.py's SETUP"


def test_code_is_folded_short_and_writes_no_sentences(nb):
    """On the site every code cell is folded behind "show code"; prose lives in Markdown."""
    name, book = nb
    for c in code_cells(book)[1:]:
        text = source(c)
        assert "hide-input" in c.get("metadata", {}).get("tags", []), f"{name}: not folded: {text[:60]!r}"
        assert len(text.splitlines()) <= MAX_CODE_LINES, f"{name}: {len(text.splitlines())} lines: {text[:60]!r}"
        assert not re.search(r"Markdown\((?!agstats\.sources_markdown\()", text), f"{name}: a sentence built in code"
        assert "display(" not in text, f"{name}: display() in {text[:60]!r}"


def test_no_dollar_sign_in_markdown(nb):
    """JupyterLab reads $…$ as maths."""
    name, book = nb
    for c in book["cells"]:
        if c["cell_type"] == "markdown":
            assert "$" not in re.sub(r"`[^`]*`", "", source(c)), f"{name}: $ in {source(c)[:60]!r}"


def glued_names(book: dict) -> set[str]:
    out = set()
    for c in code_cells(book):
        for o in c.get("outputs", []):
            meta = o.get("metadata", {}).get("scrapbook", {})
            if meta.get("name"):
                out.add(meta["name"])
    return out


def test_every_glue_reference_has_its_value_and_names_are_unique(nb):
    name, book = nb
    names = [
        o["metadata"]["scrapbook"]["name"]
        for c in code_cells(book)
        for o in c.get("outputs", [])
        if o.get("metadata", {}).get("scrapbook")
    ]
    assert len(names) == len(set(names)), f"{name}: glued twice: {sorted(n for n in names if names.count(n) > 1)}"
    used = {
        m.split(":")[0]
        for c in book["cells"]
        if c["cell_type"] == "markdown"
        for m in re.findall(r"\{glue(?::[a-z]+)?\}`([^`]+)`", source(c))
    }
    assert used - set(names) == set(), f"{name}: pasted but never glued"


def test_executed_top_to_bottom_without_errors_or_warnings(nb):
    name, book = nb
    counts = [c.get("execution_count") for c in code_cells(book)]
    assert counts == list(range(1, len(counts) + 1)), f"{name}: execution counts {counts}"
    for c in code_cells(book):
        for out in c.get("outputs", []):
            assert out["output_type"] != "error", name
            assert not (out["output_type"] == "stream" and out.get("name") == "stderr"), f"{name}: stderr stored"


def test_at_least_two_figures(nb):
    name, book = nb
    figures = sum(1 for c in code_cells(book) for out in c.get("outputs", []) if "image/svg+xml" in out.get("data", {}))
    assert figures >= 2, f"{name}: {figures} figure(s)"


def narrative_words(book: dict) -> int:
    text = [
        re.sub(r"\{glue(?::[a-z]+)?\}`[^`]+`", " ", source(c)) for c in book["cells"] if c["cell_type"] == "markdown"
    ]
    return len(re.findall(r"[^\W\d_]+", " ".join(text)))


def test_at_least_250_words_of_narrative(nb):
    name, book = nb
    assert narrative_words(book) >= 250, name


def test_closing_caveats_and_sources(nb):
    name, book = nb
    headings = [
        line
        for c in book["cells"]
        if c["cell_type"] == "markdown"
        for line in source(c).splitlines()
        if line.startswith("#")
    ]
    words = HEADINGS[lang_of(name)]
    assert any(re.match(r"#+\s+" + words["caveats"], h) for h in headings), name
    assert re.match(r"#+\s+" + words["sources"] + r"\s*$", headings[-1]), (
        f"{name}: the last section is not {words['sources']}"
    )
    assert "sources_markdown" in "".join(source(c) for c in code_cells(book)[-2:]), name


def test_plot_cells_end_with_show(nb):
    name, book = nb
    for c in code_cells(book):
        produces_figure = any("image/svg+xml" in o.get("data", {}) for o in c.get("outputs", []))
        if produces_figure:
            assert source(c).rstrip().endswith("plt.show()"), f"{name}: {source(c)[:60]!r}"


def figure_literals() -> set[str]:
    """The figures a notebook must not type, written the ways a notebook could type them.

    Every figure of the 2019 report, the context table and the exchange rates of ten or more
    (100 excepted: it is also "per cent"), and every figure of three or more digits of the
    follow-up sources. Small numbers cannot be told apart from ordinary code (``wrap=20``).
    """
    ind = agstats.load_indicators(area="all")
    report = set(ind.loc[ind.source == "mic2019", "value"])
    values = {
        v
        for v in report | set(agstats.load_context(area="all").value) | set(agstats.load_exchange_rates().vnd_per_usd)
        if v >= 10 and v != 100
    }
    values |= {v for v in ind.value if v > 100}
    out = set()
    for v in values:
        en = f"{v:,.2f}".rstrip("0").rstrip(".")
        out |= {repr(v).removesuffix(".0"), en, en.replace(",", ""), agstats.format_vi(v)}
    return out


def test_no_figure_typed_by_hand(nb):
    name, book = nb
    literals = figure_literals()
    for c in book["cells"]:
        text = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", " ", source(c))  # ISO dates select periods: not figures
        text = re.sub(r"\b(?:\d{1,2}[/–-]){1,2}\d{4}\b", " ", text)  # Vietnamese dates: 11/2024, 1–9/2019
        if c["cell_type"] == "code" and source(c) == SETUP:
            continue
        for token in re.findall(r"(?<![\w.,])\d[\d.,_]*\d(?![\w])|(?<![\w.,])\d(?![\w.,])", text):
            token = token.rstrip(".,")
            assert token not in literals, f"{name}: figure {token!r} typed in a {c['cell_type']} cell"


def test_no_machine_paths_in_outputs(nb):
    name, book = nb
    machine = re.compile(r"/(?:root|tmp|work|home/\w+)/")
    for c in code_cells(book):
        for out in c.get("outputs", []):
            text = json.dumps(out.get("text", "")) + json.dumps(out.get("data", {}).get("text/plain", ""))
            assert not machine.search(text), name
