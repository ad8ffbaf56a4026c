"""The two editions of the analyses stay one analysis (docs/editions.md).

Every English notebook ``notebooks/NN_name.ipynb`` has a Vietnamese twin
``notebooks/vi/NN_name.ipynb``: the same cells in the same order, every code
cell identical except the parameters cell (``LANG = "vi"``), Markdown cells
with the same headings, directives and glue names, the same number of charts
and tables, and the same computed numbers in every output (written with each
language's separators). The twin's prose is Vietnamese.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import sync_editions  # noqa: E402

ENGLISH = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
GLUE_MIME = "application/papermill.record/text/plain"
VI_LETTERS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def twin_of(path: Path) -> Path:
    return path.parent / "vi" / path.name


def test_every_english_notebook_has_a_twin_and_no_twin_is_orphaned():
    missing = [p.name for p in ENGLISH if not twin_of(p).exists()]
    assert missing == [], f"no Vietnamese twin for {missing}: python scripts/sync_editions.py NAME"
    orphans = sorted({p.name for p in (ROOT / "notebooks" / "vi").glob("*.ipynb")} - {p.name for p in ENGLISH})
    assert orphans == []


@pytest.fixture(params=ENGLISH, ids=lambda p: p.stem)
def pair(request) -> tuple[str, dict, dict]:
    path = request.param
    if not twin_of(path).exists():
        pytest.fail(f"{path.name}: no twin (see test_every_english_notebook_has_a_twin...)")
    return path.stem, load(path), load(twin_of(path))


def test_same_cells_and_the_same_code(pair):
    name, en, vi = pair
    assert sync_editions.mismatches(en, vi) == [], name


def numbers(text: str, lang: str) -> Counter:
    """The numbers a text states, as values: '4,600.5' (en) and '4.600,5' (vi) are both 4600.5.

    Integers up to 31 are left out: they are days and months, which the languages write
    differently ("Jan–Sep 2019" / "tháng 1–9/2019"), and small counts are checked by the code
    being the same.
    """
    if lang == "en":
        found = re.findall(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", text)
        values = [float(t.replace(",", "")) for t in found]
    else:
        found = re.findall(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?", text)
        values = [float(t.replace(".", "").replace(",", ".")) for t in found]
    return Counter(round(v, 6) for v in values if not (v.is_integer() and v <= 31))


SEGMENT = re.compile(r"\s{2,}|\n|[“”\"«»]")


def drop_shared(ta: str, tb: str) -> tuple[str, str]:
    """Leave out the segments both editions write identically (quoted Vietnamese evidence, ids).

    A segment written the same way in both editions cannot be out of step, and a Vietnamese
    phrase quoted in the English edition ("đạt 650.000 hồ sơ") must not be read with English
    separators.
    """
    sa, sb = SEGMENT.split(ta), SEGMENT.split(tb)
    shared = {x.strip() for x in sa if x.strip()} & {x.strip() for x in sb if x.strip()}
    return (
        " | ".join(x for x in sa if x.strip() not in shared),
        " | ".join(x for x in sb if x.strip() not in shared),
    )


def output_texts(cell: dict) -> list[tuple[str, str]]:
    """(kind, text) of each output: glued text, plain text, or a marker for a chart."""
    out = []
    for o in cell.get("outputs", []):
        data = o.get("data", {})
        if GLUE_MIME in data:
            glued = data[GLUE_MIME]
            out.append(("glue", "".join(glued) if isinstance(glued, list) else glued))
        elif "image/svg+xml" in data:
            out.append(("chart", ""))
        elif "text/html" in data:
            out.append(("table", "".join(data.get("text/plain", ""))))
        elif "text/plain" in data:
            out.append(("text", "".join(data["text/plain"])))
        elif o.get("output_type") == "stream":
            out.append(("stream", "".join(o.get("text", ""))))
    return out


def test_same_outputs_and_the_same_numbers(pair):
    name, en, vi = pair
    for i, (a, b) in enumerate(zip(en["cells"], vi["cells"], strict=True)):
        if a["cell_type"] != "code":
            continue
        oa, ob = output_texts(a), output_texts(b)
        assert [k for k, _ in oa] == [k for k, _ in ob], f"{name} cell {i}: outputs of other kinds"
        for (kind, ta), (_, tb) in zip(oa, ob, strict=True):
            if kind == "glue":
                import ast

                ta, tb = ast.literal_eval(ta), ast.literal_eval(tb)
            ta, tb = drop_shared(ta, tb)
            assert numbers(ta, "en") == numbers(tb, "vi"), f"{name} cell {i}: {ta[:80]!r} / {tb[:80]!r}"


def words(text: str) -> list[str]:
    text = re.sub(r"\{glue(?::[a-z]+)?\}`[^`]+`", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: keep the text
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"^(?:```|:::).*$|^:\w+:.*$", " ", text, flags=re.M)
    return re.findall(r"[^\W\d_]+", text)


def test_the_twin_is_written_in_vietnamese(pair):
    """Every Markdown cell of some length is not the English text and reads as Vietnamese."""
    name, en, vi = pair
    for i, (a, b) in enumerate(zip(en["cells"], vi["cells"], strict=True)):
        if b["cell_type"] != "markdown":
            continue
        w = words(sync_editions.source(b))
        if len(w) < 6:
            continue
        assert sync_editions.source(a) != sync_editions.source(b), f"{name} cell {i}: untranslated"
        share = sum(1 for x in w if VI_LETTERS.search(x)) / len(w)
        assert share >= 0.3, f"{name} cell {i}: only {share:.0%} of the words look Vietnamese"


def test_sync_script_agrees(tmp_path):
    assert sync_editions.main(["--check", "--all"]) == 0


def test_sync_copies_code_and_keeps_the_translation():
    en = {
        "cells": [
            {"cell_type": "markdown", "source": "# Title {glue:text}`x`", "metadata": {}},
            {"cell_type": "code", "source": 'LANG = "en"', "metadata": {"tags": ["parameters", "remove-cell"]}},
            {"cell_type": "code", "source": "glue('x', '1')", "metadata": {}, "outputs": [], "execution_count": 1},
        ],
        "metadata": {},
    }
    vi = sync_editions.new_twin(en)
    assert sync_editions.source(vi["cells"][1]) == 'LANG = "vi"'
    vi["cells"][0]["source"] = "# Tiêu đề {glue:text}`x`"
    en["cells"][2]["source"] = "glue('x', '2')"
    assert sync_editions.mismatches(en, vi) == [
        "cell 2: the code differs from the English notebook's (run scripts/sync_editions.py)"
    ]
    synced, changed = sync_editions.sync(en, vi)
    assert changed == 1 and synced["cells"][2]["source"] == "glue('x', '2')" and synced["cells"][2]["outputs"] == []
    assert synced["cells"][0]["source"] == "# Tiêu đề {glue:text}`x`"
    vi["cells"][0]["source"] = "## Tiêu đề"
    assert any("heading levels" in p for p in sync_editions.structural(en, vi))
    assert any("glue names" in p for p in sync_editions.structural(en, vi))


def test_numbers_read_both_languages():
    assert numbers("≥ 4,600.5 billion VND in Jan–Sep 2019, 18.5 times", "en") == numbers(
        "≥ 4.600,5 tỷ đồng trong tháng 1–9/2019, gấp 18,5 lần", "vi"
    )
    assert numbers("3,300", "en") != numbers("3.330", "vi")
    en, vi = drop_shared("Revenue  “đạt 650.000 hồ sơ”  1,200.5", "Doanh thu  “đạt 650.000 hồ sơ”  1.200,5")
    assert numbers(en, "en") == numbers(vi, "vi") == {1200.5: 1}
