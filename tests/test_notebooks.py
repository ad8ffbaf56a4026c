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

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXPECTED = ["00_overview", "01_telecom", "02_postal", "03_ict_industry", "04_media", "05_infosec_egov"]
SETUP_MARK = "# Setup: the same first cell in every notebook"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    return "".join(cell.get("source", ""))


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code" and source(c).strip()]


def test_the_themed_notebooks_exist():
    names = [p.stem for p in NOTEBOOKS]
    assert [n for n in EXPECTED if n not in names] == []


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def nb(request) -> tuple[str, dict]:
    return request.param.stem, load(request.param)


def test_title_and_question_first(nb):
    name, book = nb
    first = book["cells"][0]
    assert first["cell_type"] == "markdown" and source(first).startswith("# "), name


def test_setup_cell_is_first_and_shared(nb):
    name, book = nb
    setup = source(code_cells(book)[0])
    assert setup.startswith(SETUP_MARK), name
    reference = source(code_cells(load(NOTEBOOKS[0]))[0])
    assert setup == reference, f"{name}: the setup cell differs from {NOTEBOOKS[0].name}'s"


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
    text = [source(c) for c in book["cells"] if c["cell_type"] == "markdown"]
    for c in code_cells(book):
        for out in c.get("outputs", []):
            md = out.get("data", {}).get("text/markdown")
            if md:
                text.append("".join(md))
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
    assert any(re.match(r"#+\s+Caveats", h) for h in headings), name
    assert re.match(r"#+\s+Sources", headings[-1]), f"{name}: the last section is not 'Sources'"
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
        if c["cell_type"] == "code" and source(c).startswith(SETUP_MARK):
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
