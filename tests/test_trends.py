"""agstats.trends: rows by period with their citations, intervals as prose, the trends charts."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import agstats  # noqa: E402
from agstats import Interval  # noqa: E402
from agstats.trends import (  # noqa: E402
    Citations,
    FigurePicker,
    coverage_timeline,
    growth_frame,
    interval_text,
    known_window,
    nine_month_chart,
    percent_text,
    reconciliation_table,
    remainder_share_chart,
    sector_size,
    signed_percent_text,
)

PRE = "an_giang_pre2025"
Y2018, JAN_SEP, Y2019 = ("2018-01-01", "2018-12-31"), ("2019-01-01", "2019-09-30"), ("2019-01-01", "2019-12-31")


@pytest.fixture
def picker() -> FigurePicker:
    return FigurePicker.load([PRE, "vietnam"], Citations())


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --- Citations -----------------------------------------------------------------------------------


def test_citations_keep_first_use_order_and_no_duplicates():
    cited = Citations()
    cited.add("b", "a", "b")
    cited.extend(["c", "a"])
    assert cited.ids == ["b", "a", "c"]
    assert list(cited) == cited.ids and len(cited) == 3


def test_citations_are_per_object_not_global():
    one, two = Citations(), Citations()
    one.add("mic2019")
    assert two.ids == []


@pytest.mark.parametrize("bad", [None, "", 3])
def test_citations_refuse_what_is_not_an_id(bad):
    with pytest.raises(TypeError):
        Citations().add(bad)


def test_extend_refuses_one_string():
    with pytest.raises(TypeError, match="use add"):
        Citations().extend("mic2019")


def test_markdown_is_the_sources_list_of_the_ids():
    cited = Citations(["mic2019"])
    assert cited.markdown("vi") == agstats.sources_markdown(["mic2019"], "vi")


# --- FigurePicker --------------------------------------------------------------------------------


def test_pick_returns_the_row_of_that_period_and_cites_it(picker):
    row = picker.pick("telecom_revenue", JAN_SEP)
    assert (row.period_start, row.period_end) == (pd.Timestamp(JAN_SEP[0]), pd.Timestamp(JAN_SEP[1]))
    assert row.area == PRE and row.qualifier == "estimate"
    assert picker.citations.ids == [row.source]


def test_pick_another_area(picker):
    row = picker.pick("telecom_sector_revenue", Y2019, "vietnam")
    assert row.area == "vietnam"


def test_pick_fails_loudly_when_nothing_fits(picker):
    with pytest.raises(LookupError):
        picker.pick("telecom_revenue", ("2019-01-01", "2019-03-31"))
    assert picker.citations.ids == []  # nothing cited for a failed pick


def test_picker_needs_a_citations_collector():
    with pytest.raises(TypeError, match="Citations"):
        FigurePicker(agstats.load_indicators(area=PRE), [])  # type: ignore[arg-type]


def test_frame_keeps_the_order_of_the_picks(picker):
    rows = picker.frame([("postal_revenue", p) for p in (Y2019, Y2018)])
    assert rows["period_start"].dt.year.tolist() == [2019, 2018]
    assert list(rows.index) == [0, 1]


# --- intervals as prose --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iv", "lang", "expected"),
    [
        (Interval(5, 5), "en", "5 billion VND"),
        (Interval(4600, math.inf), "en", "≥ 4,600 billion VND"),
        (Interval(4600, math.inf), "vi", "≥ 4.600 tỷ đồng"),
        (Interval(0, 40), "en", "≤ 40 billion VND"),
        (Interval(1200, 1500), "vi", "1.200–1.500 tỷ đồng"),
    ],
)
def test_interval_text(iv, lang, expected):
    assert interval_text(iv, "vnd_bn", language=lang) == expected


def test_interval_text_follows_the_current_language():
    agstats.set_language("vi")
    try:
        assert percent_text(0.125) == "12,5%"
    finally:
        agstats.set_language("en")
    assert percent_text(0.125) == "12.5%"


@given(st.floats(min_value=-0.99, max_value=10, allow_nan=False).filter(lambda x: abs(x) > 1e-3))
def test_signed_percent_text_carries_the_sign(x):
    text = signed_percent_text(x, language="en")
    assert text.startswith("+") if x > 0 else text.startswith("−")
    assert "-" not in text


def test_signed_percent_text_of_a_lower_bound():
    assert signed_percent_text(Interval(0.404, math.inf), language="vi") == "≥ +40,4%"


# --- computations --------------------------------------------------------------------------------


def test_reconciliation_table_states_the_implied_remainder(picker):
    rec = agstats.reconcile(picker.pick("telecom_revenue", JAN_SEP), picker.pick("telecom_revenue", Y2019))
    t = reconciliation_table([rec], language="en")
    line = t.frame.iloc[0].to_dict()
    assert line["Remainder, % of the full period"] == percent_text(rec.remainder_share, language="en") + " (est.)"
    assert line["Same, with no seasonality"] == "25.0%"
    assert line["Implied remainder"].startswith("Oct–Dec 2019: ")
    vi = reconciliation_table([rec], language="vi").frame
    assert vi.columns[0] == "Chỉ tiêu" and vi.iloc[0, -1] == "25,0%"


def test_what_is_derived_from_an_estimate_is_marked_an_estimate(picker):
    from agstats.trends import derived_qualifier

    tel = agstats.reconcile(picker.pick("telecom_revenue", JAN_SEP), picker.pick("telecom_revenue", Y2019))
    post = agstats.reconcile(picker.pick("postal_revenue", JAN_SEP), picker.pick("postal_revenue", Y2019))
    assert (tel.partial_qualifier, tel.full_qualifier) == ("estimate", "exact")
    assert derived_qualifier(tel) == "estimate" and derived_qualifier(post) == "estimate_lower_bound"
    line = reconciliation_table([tel, post], language="en")
    assert line.frame.iloc[0]["Part period"].endswith("(est.)")
    assert line.frame.iloc[0]["Remainder, % of the full period"].endswith("(est.)")
    assert not line.frame.iloc[0]["Full period"].endswith("(est.)")
    assert line.note is not None and "est." in line.note and "≥" in line.note
    assert reconciliation_table([tel], language="vi").frame.iloc[0, 2].endswith("(ước)")


def test_growth_frame_matches_the_series_functions(picker):
    g = growth_frame(picker, ["postal_revenue"], Y2018, JAN_SEP, Y2019).iloc[0]
    y18, y19 = picker.pick("postal_revenue", Y2018), picker.pick("postal_revenue", Y2019)
    assert g["full"] == agstats.growth(agstats.row_interval(y18), agstats.row_interval(y19))
    assert math.isinf(g["full"].hi)  # the 2019 postal figure is a lower bound: so is the growth
    assert g["run_rate"].is_point


def test_known_window():
    session = ("2019-09-25", "2019-12-31")
    report = pd.Series(
        {"source": "mic2019", "period_start": pd.Timestamp("2019-09-30"), "period_end": pd.Timestamp("2019-09-30")}
    )
    day = pd.Series(
        {"source": "x", "period_start": pd.Timestamp("2024-11-13"), "period_end": pd.Timestamp("2024-11-13")}
    )
    assert known_window(report, session) == (pd.Timestamp(session[0]), pd.Timestamp(session[1]))
    assert known_window(day, session) == (pd.Timestamp("2024-11-13"), pd.Timestamp("2024-11-13"))


def test_coverage_timeline_cites_statements_and_events():
    cited = Citations()
    events = agstats.load_events()
    telecom = events[events["sector"] == "telecom"]
    t = coverage_timeline(
        agstats.load_indicators(area=PRE),
        {"mobile": ["mobile_3g4g_coverage", "mobile_3g4g_hamlet_coverage"]},
        telecom,
        ("2019-09-25", "2019-12-31"),
        cited,
        events_group="events",
    )
    assert set(t["group"]) == {"mobile", "events"}
    assert set(t["source"]) == set(cited.ids)
    assert t["title_vi"].str.len().gt(0).all()


def test_sector_size_carries_bounds(picker):
    cited = picker.citations
    rev, grdp = (
        picker.pick("ict_sector_total_revenue", ("2020-01-01", "2020-12-31")),
        picker.pick("grdp", ("2020-01-01", "2020-12-31")),
    )
    pop = picker.stock("population", "2019-04-01")
    s = sector_size([(rev, grdp)], pop, cited).iloc[0]
    assert rev.qualifier == "estimate_lower_bound" and math.isinf(s["to_grdp"].hi)
    expected = agstats.convert(rev.value, rev.unit, grdp.unit) / grdp.value * 100
    assert s["to_grdp"].lo == pytest.approx(expected)
    assert s["vnd_per_usd"] == agstats.exchange_rate(2020)
    assert any(i not in (rev.source, grdp.source, pop.source) for i in cited.ids)  # the exchange-rate source


# --- charts --------------------------------------------------------------------------------------


def test_nine_month_chart_in_vietnamese(picker):
    fig, bands = nine_month_chart(picker, ["telecom_revenue"], [Y2018, JAN_SEP, Y2019], (0.22, 0.30), language="vi")
    texts = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    assert "báo cáo 2019" in texts and "tổng kết năm" in texts and "quý IV" in texts
    assert "report" not in texts
    assert bands["telecom_revenue"].lo < bands["telecom_revenue"].hi


def test_remainder_share_band_only_on_quarters(picker):
    tel = agstats.reconcile(picker.pick("telecom_revenue", JAN_SEP), picker.pick("telecom_revenue", Y2019))
    half = agstats.reconcile(
        picker.pick("telecom_sector_revenue", ("2019-01-01", "2019-06-30"), "vietnam"),
        picker.pick("telecom_sector_revenue", Y2019, "vietnam"),
    )
    ax = remainder_share_chart([half], (0.22, 0.30), language="en")
    assert not ax.collections or all(c.get_label() != "band" for c in ax.collections)
    ax2 = remainder_share_chart([tel, half], (0.22, 0.30), language="en")
    assert len(ax2.collections) > len(ax.collections)  # the band is drawn for the fourth quarter


def test_qualifier_text_in_both_languages():
    from agstats.trends import qualifier_text

    assert qualifier_text("lower_bound", "en") == "lower bound"
    assert qualifier_text("approximate", "vi") == "xấp xỉ"
    with pytest.raises(KeyError):
        qualifier_text("guess", "en")


def test_sector_size_table_marks_estimates_and_bounds(picker):
    from agstats.trends import sector_size_table

    y20 = ("2020-01-01", "2020-12-31")
    rev, grdp = picker.pick("ict_sector_total_revenue", y20), picker.pick("grdp", y20)
    s = sector_size([(rev, grdp)], picker.stock("population", "2019-04-01"), picker.citations)
    vi = sector_size_table(s, ["Toàn ngành, 2020"], language="vi")
    assert vi.frame.columns.tolist()[:2] == ["Doanh thu", "tỷ đồng"]
    assert vi.frame.iloc[0, 1].startswith("≥ ") and vi.frame.iloc[0, 1].endswith(" (ước)")
    assert vi.note == "≥ ít nhất; ước: số ước tính."
