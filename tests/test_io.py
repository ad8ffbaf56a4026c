"""Loader: types, filters, cache, and data found from the package, not the working directory."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import agstats
from agstats import io


def test_indicator_columns_and_types():
    df = agstats.load_indicators()
    assert list(df.columns) == [
        "indicator",
        "sector",
        "label_en",
        "label_vi",
        "value",
        "unit",
        "period_start",
        "period_end",
        "qualifier",
        "area",
        "source",
        "evidence",
        "method",
        "note",
    ]
    for col in ("sector", "unit", "qualifier", "area", "method"):
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
    assert pd.api.types.is_datetime64_any_dtype(df["period_start"])
    assert pd.api.types.is_datetime64_any_dtype(df["period_end"])
    assert df["value"].dtype == "float64"
    assert df["unit"].cat.categories.tolist() == agstats.load_units()["code"].tolist()
    assert (df["period_end"] >= df["period_start"]).all()


def test_sector_filter():
    postal = agstats.load_indicators("postal")
    assert set(postal.sector) == {"postal"}
    assert len(postal) == (agstats.load_indicators().sector == "postal").sum()
    two = agstats.load_indicators(["postal", "media"])
    assert set(two.sector) == {"postal", "media"}
    assert two.index.tolist() == list(range(len(two)))


def test_unknown_sector_and_area():
    with pytest.raises(ValueError, match="unknown sector 'space'"):
        agstats.load_indicators("space")
    with pytest.raises(ValueError, match="unknown area"):
        agstats.load_indicators(area="atlantis")


def test_area_filter():
    df = agstats.load_indicators(area="an_giang_pre2025")
    assert len(df) and set(df.area) == {"an_giang_pre2025"}


def test_cache_returns_copies():
    io.clear_cache()
    first = agstats.load_indicators()
    first.loc[0, "value"] = -1.0
    second = agstats.load_indicators()
    assert second.loc[0, "value"] != -1.0
    assert io._CACHE, "the cache is filled after a load"
    io.clear_cache()
    assert not io._CACHE


def test_other_tables():
    src = agstats.load_sources()
    assert {"id", "title", "publisher", "url", "published", "language", "tier"} <= set(src.columns)
    ev = agstats.load_events()
    assert pd.api.types.is_datetime64_any_dtype(ev["date_start"])
    fx = agstats.load_exchange_rates().set_index("year")["vnd_per_usd"]
    assert fx.to_dict() == {2017: 22370.09, 2018: 22602.05, 2019: 23050.24, 2020: 23208.37, 2021: 23159.78}
    ctx = agstats.load_context(area="an_giang_pre2025").set_index("indicator")
    assert ctx.loc["population", "value"] == 1908352
    assert ctx.loc["land_area", "value"] == pytest.approx(3536.7)


def test_data_found_from_any_working_directory(tmp_path):
    code = "import agstats; print(len(agstats.load_indicators()), agstats.data_dir())"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    n, folder = out.stdout.split(maxsplit=1)
    assert int(n) == len(agstats.load_indicators())
    assert str(tmp_path) not in folder
