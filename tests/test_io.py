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
    known = {2017: 22370.09, 2018: 22602.05, 2019: 23050.24, 2020: 23208.37, 2021: 23159.78}
    assert {y: fx[y] for y in known} == known
    ctx = agstats.load_context(area="an_giang_pre2025").set_index("indicator")
    assert ctx.loc["population", "value"] == 1908352
    assert ctx.loc["land_area", "value"] == pytest.approx(3536.7)


def test_data_found_from_any_working_directory(tmp_path):
    code = "import agstats; print(len(agstats.load_indicators()), agstats.data_dir())"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    n, folder = out.stdout.split(maxsplit=1)
    assert int(n) == len(agstats.load_indicators())
    assert str(tmp_path) not in folder


# ----------------------------------------------------------------- areas
def test_default_area_is_an_giang_before_the_merger_like_the_lookups():
    df = agstats.load_indicators()
    assert set(df.area) == {"an_giang_pre2025"}
    assert set(agstats.load_context().area) == {"an_giang_pre2025"}
    assert io.DEFAULT_AREA == agstats.lookup.DEFAULT_AREA == "an_giang_pre2025"
    # get_series and load_indicators agree on the rows of an indicator
    s = agstats.get_series("postal_revenue", mixed=True)
    assert len(s) == (agstats.load_indicators("postal").indicator == "postal_revenue").sum()


def test_area_all_a_list_or_one_code():
    everything = agstats.load_indicators(area="all")
    assert {"an_giang_pre2025", "vietnam", "an_giang_2025"} <= set(everything.area)
    two = agstats.load_indicators(area=["an_giang_pre2025", "vietnam"])
    assert set(two.area) == {"an_giang_pre2025", "vietnam"}
    assert len(two) == everything.area.isin(["an_giang_pre2025", "vietnam"]).sum()
    assert set(agstats.load_indicators(area="vietnam").area) == {"vietnam"}
    assert len(agstats.load_indicators(area=None)) == len(everything)
    assert "merged_province_population" in set(agstats.load_context(area="an_giang_2025").indicator)


def test_unknown_area_suggests_the_closest_code():
    with pytest.raises(ValueError, match=r"unknown area 'viet_nam' \(did you mean 'vietnam'\?\); choose from: "):
        agstats.load_indicators(area="viet_nam")
    with pytest.raises(ValueError, match=r"unknown area 'angiang_pre2025' \(did you mean 'an_giang_pre2025'"):
        agstats.load_context(area=["vietnam", "angiang_pre2025"])
    with pytest.raises(ValueError, match="'all' cannot be combined"):
        agstats.load_indicators(area=["all", "vietnam"])
    with pytest.raises(ValueError, match="selects nothing"):
        agstats.load_indicators(area=[])
    with pytest.raises(TypeError, match="area must be a string or a list of strings"):
        agstats.load_indicators(area=[1])


def test_unknown_sector_suggests_the_closest():
    with pytest.raises(ValueError, match=r"unknown sector 'postl' \(did you mean 'postal'\?\)"):
        agstats.load_indicators("postl")


def test_area_codes_are_the_enumeration_and_documented():
    codes = agstats.area_codes()
    assert codes[0] == "an_giang_pre2025"
    doc = (io._CHECKOUT_DATA.parent / "docs" / "areas.md").read_text(encoding="utf-8")
    for code in codes:
        assert f"`{code}`" in doc, code


def test_canonical_load_brings_each_indicator_to_one_unit():
    df = agstats.load_indicators(area="vietnam", canonical=True, sector="postal")
    rev = df[df.indicator.isin(["postal_sector_revenue", "postal_service_revenue"])]  # national ids by definition
    assert set(rev.unit) == {"vnd_bn"}
    assert sorted(rev.loc[rev.stated_unit == "vnd_tn", "value"].tolist()) == [13560.0, 34300.0]
    assert isinstance(df["unit"].dtype, pd.CategoricalDtype)
    assert list(df.columns[5:8]) == ["unit", "stated_value", "stated_unit"]
    with pytest.raises(ValueError, match="change of currency; pass currency=True"):
        agstats.load_indicators(area="all", canonical=True)


def test_data_version_is_distinct_from_the_package_version():
    v = agstats.data_version()
    assert v and v != agstats.__version__
    import json

    assert json.loads((agstats.data_dir() / "datapackage.json").read_text(encoding="utf-8"))["version"] == v
