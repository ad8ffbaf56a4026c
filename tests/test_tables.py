"""agstats.table: tables for people from data rows and from any frame."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import agstats
from agstats.tables import table, value_text

pytest.importorskip("matplotlib")


def rows(**changes) -> pd.DataFrame:
    base = {
        "indicator": ["x", "x"],
        "label_en": ["Postal revenue", "Postal revenue"],
        "label_vi": ["Doanh thu bưu chính", "Doanh thu bưu chính"],
        "value": [4600.0, 150.0],
        "unit": ["vnd_bn", "vnd_bn"],
        "qualifier": ["lower_bound", "estimate"],
        "period_start": pd.to_datetime(["2018-01-01", "2019-01-01"]),
        "period_end": pd.to_datetime(["2018-12-31", "2019-09-30"]),
        "area": ["an_giang_pre2025", "an_giang_pre2025"],
        "source": ["s1", "s2"],
    }
    base.update(changes)
    return pd.DataFrame(base)


def test_data_rows_get_labels_units_in_the_header_and_marks():
    t = table(rows(), language="vi")
    assert list(t.frame.columns) == ["Chỉ tiêu", "Thời kỳ", "Giá trị (tỷ đồng)", "Nguồn"]
    assert t.frame["Giá trị (tỷ đồng)"].tolist() == ["≥ 4.600", "150 (ước)"]
    assert t.frame["Thời kỳ"].tolist() == ["2018", "tháng 1–9/2019"]
    assert "≥ ít nhất" in t.note and "ước" in t.note


def test_mixed_units_go_into_the_cells_and_areas_appear_when_several():
    t = table(rows(unit=["vnd_bn", "percent"], area=["an_giang_pre2025", "can_tho"]), language="en")
    assert "Area" in t.frame.columns and t.frame["Area"].tolist() == ["An Giang", "Can Tho"]
    assert t.frame["Value"].tolist() == ["≥ 4,600 billion VND", "150% (est.)"]


def test_html_has_no_index_and_escapes_every_text():
    hostile = "<script>alert(1)</script>"
    html = table(rows(label_en=[hostile, "b"], source=['"><img src=x onerror=alert(1)>', "s"]), language="en").to_html()
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert html.count("<th ") == 4 and 'class="agstats-table"' in html


def test_any_frame_with_headers_and_verbatim_columns():
    df = pd.DataFrame({"year": [2019, 2020], "n": [1729000, None], "who": ["VNPT", "Viettel"]})
    t = table(
        df, {"year": agstats.tr("Year", "Năm", "vi"), "n": "Số", "who": "Đơn vị"}, language="vi", verbatim=["year"]
    )
    assert t.frame.to_dict("list") == {"Năm": ["2019", "2020"], "Số": ["1.729.000", "–"], "Đơn vị": ["VNPT", "Viettel"]}


def test_missing_columns_are_named():
    with pytest.raises(KeyError, match="label_en"):
        table(rows().drop(columns="label_en"), language="en")
    with pytest.raises(KeyError, match="'nope'"):
        table(rows(), {"nope": "N"})


def test_unknown_qualifier_is_refused():
    with pytest.raises(ValueError, match="guess"):
        table(rows(qualifier=["guess", "exact"]))


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.sampled_from(["en", "vi"]))
def test_value_text_reads_back_as_the_number(value, lang):
    text = value_text(value, "exact", None, lang)
    digits = text.replace(",", "") if lang == "en" else text.replace(".", "").replace(",", ".")
    assert float(digits) == pytest.approx(round(value, 2), abs=0.006)
