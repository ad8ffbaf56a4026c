"""agstats.glue writes the record MyST-NB's {glue:text} reads back."""

from __future__ import annotations

import ast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agstats.narrative import MIME_PREFIX, glue, glue_record


@given(st.text(min_size=1).filter(str.strip))
def test_text_round_trips_through_the_record(text):
    data, meta = glue_record("x", text)
    assert ast.literal_eval(data[MIME_PREFIX + "text/plain"]) == text
    assert meta["scrapbook"]["name"] == "x"


def test_myst_nb_reads_the_record_as_written():
    variables = pytest.importorskip("myst_nb.core.variables")
    data, _ = glue_record("ratio", 'It\'s "≥ 4.600 tỷ đồng"')
    assert variables.format_plain_text(data[MIME_PREFIX + "text/plain"], "") == 'It\'s "≥ 4.600 tỷ đồng"'


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        ("1x", "a", ValueError),
        ("a b", "a", ValueError),
        ("x", 3.5, TypeError),
        ("x", "  ", ValueError),
    ],
)
def test_bad_names_and_unformatted_values_are_refused(name, text, error):
    with pytest.raises(error):
        glue(name, text)


def test_glue_displays_the_record_in_ipython(monkeypatch):
    shown = []
    pytest.importorskip("IPython")
    import IPython
    import IPython.display

    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: shown.append((a, k)))
    assert glue("n", "3,300") == "3,300"
    ((args, kwargs),) = shown
    assert args[0] == {MIME_PREFIX + "text/plain": "'3,300'"} and kwargs["raw"] is True
