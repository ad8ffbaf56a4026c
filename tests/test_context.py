"""agstats.context: comparisons of like definitions and periods, rank tables per index."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import agstats  # noqa: E402
from agstats import context  # noqa: E402

AG, CT, CM, KG = "an_giang_pre2025", "can_tho", "ca_mau", "kien_giang"


def rows(*specs: tuple) -> pd.DataFrame:
    """Data rows from (indicator, area, value, unit, start, end[, qualifier[, source]])."""
    out = []
    for spec in specs:
        ind, area, value, unit, start, end, *rest = spec
        out.append(
            {
                "indicator": ind,
                "label_en": ind.replace("_", " ").capitalize(),
                "label_vi": "Chỉ tiêu " + ind,
                "area": area,
                "value": float(value),
                "unit": unit,
                "period_start": pd.Timestamp(start),
                "period_end": pd.Timestamp(end),
                "qualifier": rest[0] if rest else "exact",
                "source": rest[1] if len(rest) > 1 else f"src_{area}",
            }
        )
    return pd.DataFrame(out)


YEAR19 = ("2019-01-01", "2019-12-31")


# ratio_qualifier / national_share -------------------------------------------------------


@pytest.mark.parametrize(
    ("num", "den", "expected"),
    [
        ("exact", "exact", "exact"),
        ("exact", "estimate", "estimate"),
        ("approximate", "exact", "estimate"),
        ("lower_bound", "exact", "lower_bound"),
        ("lower_bound", "estimate", "estimate_lower_bound"),
        ("estimate_lower_bound", "exact", "estimate_lower_bound"),
        ("exact", "lower_bound", "upper_bound"),
        ("lower_bound", "upper_bound", "lower_bound"),
        ("upper_bound", "exact", "upper_bound"),
    ],
)
def test_the_ratio_carries_the_bounds_and_the_uncertainty_of_its_figures(num, den, expected):
    assert context.ratio_qualifier(num, den) == expected


@pytest.mark.parametrize(
    ("num", "den"),
    [("lower_bound", "lower_bound"), ("upper_bound", "upper_bound"), ("target", "exact"), ("exact", "target")],
)
def test_a_ratio_without_a_bound_or_of_a_target_is_refused(num, den):
    with pytest.raises(ValueError):
        context.ratio_qualifier(num, den)


def test_an_estimated_upper_bound_is_refused_rather_than_mislabelled():
    with pytest.raises(ValueError, match="estimated upper bound"):
        context.ratio_qualifier("estimate", "lower_bound")


def test_national_share_converts_units_and_names_both_sources():
    r = rows(("rev", AG, 2886, "vnd_bn", *YEAR19), ("rev_nat", "vietnam", 472.3, "vnd_tn", *YEAR19, "estimate"))
    s = context.national_share(r.iloc[0], r.iloc[1])
    assert s.value == pytest.approx(100 * 2886 / 472_300)
    assert s.qualifier == "estimate"
    assert s.sources == ("src_an_giang_pre2025", "src_vietnam")


def test_national_share_refuses_a_part_year_against_a_full_year():
    r = rows(("rev", AG, 2700, "vnd_bn", "2019-01-01", "2019-09-30"), ("rev", "vietnam", 472.3, "vnd_tn", *YEAR19))
    with pytest.raises(ValueError, match="periods differ"):
        context.national_share(r.iloc[0], r.iloc[1])


def test_national_share_refuses_units_of_different_dimensions():
    r = rows(("a", AG, 5, "percent", *YEAR19), ("b", "vietnam", 472.3, "vnd_tn", *YEAR19))
    with pytest.raises(ValueError, match="dimensions"):
        context.national_share(r.iloc[0], r.iloc[1])


def test_share_frame_keeps_labels_qualifiers_and_sources():
    r = rows(
        ("post", AG, 250, "vnd_bn", *YEAR19, "lower_bound"),
        ("post_nat", "vietnam", 34.3, "vnd_tn", *YEAR19, "estimate"),
    )
    f = context.share_frame({"Postal": (r.iloc[0], r.iloc[1])})
    assert f[["name", "unit", "qualifier"]].values.tolist() == [["Postal", "percent", "estimate_lower_bound"]]
    assert f.sources.iloc[0] == ["src_an_giang_pre2025", "src_vietnam"]


# like_sets / coverage / inventory --------------------------------------------------------


def region() -> pd.DataFrame:
    return rows(
        ("telecom_revenue", AG, 2886, "vnd_bn", *YEAR19),
        ("telecom_revenue", KG, 2500, "vnd_bn", *YEAR19),
        ("telecom_revenue", CT, 1800, "vnd_bn", "2019-01-01", "2019-09-30"),  # nine months: another period
        ("telecom_revenue", CM, 1285, "vnd_bn", "2024-01-01", "2024-06-30"),
        ("telecom_revenue", "vietnam", 472.3, "vnd_tn", *YEAR19),  # not in the region
        ("subscribers", CT, 805_400, "count", "2020-11-18", "2020-11-18", "lower_bound"),
        ("subscribers", CM, 600_000, "count", "2020-11-18", "2020-11-18"),
        ("dti_rank", AG, 54, "rank_of_63", "2022-01-01", "2022-12-31"),
        ("dti_rank", CT, 5, "rank_of_63", "2022-01-01", "2022-12-31"),
    )


def test_like_sets_hold_one_indicator_and_one_period_each():
    s = context.like_sets(region(), language="en")
    assert s.set.unique().tolist() == ["telecom_revenue 2019-01-01 2019-12-31"]
    assert s.name.tolist() == ["Kien Giang", "An Giang"]  # by value
    assert (s.n_areas == 2).all()
    assert s.who.astype(str).tolist() == ["neighbour", "An Giang"]


def test_like_sets_without_focus_include_neighbour_only_sets_and_never_ranks_by_default():
    s = context.like_sets(region(), focus=None)
    assert sorted(s.set.unique()) == ["subscribers 2020-11-18 2020-11-18", "telecom_revenue 2019-01-01 2019-12-31"]
    assert not s.unit.isin(context.RANK_UNITS).any()
    with_ranks = context.like_sets(region(), ranks=True)
    assert "dti_rank 2022-01-01 2022-12-31" in set(with_ranks.set)


def test_like_sets_keep_every_row_of_an_area_reported_twice_and_say_which_source():
    r = pd.concat([region(), rows(("telecom_revenue", KG, 2510, "vnd_bn", *YEAR19, "exact", "other"))])
    s = context.like_sets(r, language="vi")
    assert len(s) == 3
    assert sorted(s.name) == ["An Giang", "Kiên Giang [other]", "Kiên Giang [src_kien_giang]"]
    assert (s.n_areas == 2).all()


def test_like_sets_of_nothing_is_an_empty_frame_with_the_columns():
    s = context.like_sets(region().iloc[:1])
    assert s.empty and {"set", "n_areas", "name", "who"} <= set(s.columns)


def test_coverage_counts_areas_once_in_the_given_order():
    r = pd.concat([region(), rows(("telecom_revenue", KG, 1, "vnd_bn", "2019-01-01", "2019-06-30"))])
    assert context.coverage(r, "telecom_revenue", year=2019) == [CT, KG]
    assert context.coverage(r, "telecom_revenue", period_end="2019-12-31") == [KG]
    assert context.coverage(r, "telecom_revenue", [AG, *context.NEIGHBOURS], year=2024) == [CM]
    assert context.coverage(r, "no_such_id") == []


def test_inventory_lists_every_indicator_and_period_of_the_neighbours():
    inv = context.inventory(region(), language="en")
    assert inv.n_areas.sum() == 6  # the six neighbour rows, An Giang's and the nation's left out
    row = inv[inv.indicator == "subscribers"].iloc[0]
    assert (row.n_areas, row.names) == (2, "Can Tho and Ca Mau")


# per_inhabitant -------------------------------------------------------------------------


def population() -> pd.DataFrame:
    return rows(
        ("population", AG, 1_908_352, "persons", "2019-04-01", "2019-04-01"),
        ("population", KG, 1_723_067, "persons", "2019-04-01", "2019-04-01"),
    )


def test_per_inhabitant_only_in_the_census_year_and_only_with_a_count():
    r = region()
    out = context.per_inhabitant(r, population())
    assert out.area.tolist() == [AG, KG]  # Cần Thơ and Cà Mau have no census count here; 2024 is not 2019
    assert out.unit.unique().tolist() == ["vnd"]
    assert out.value.iloc[0] == round(2886e9 / 1_908_352)
    assert out.population_source.iloc[0] == "src_an_giang_pre2025"
    loose = context.per_inhabitant(
        rows(("subscribers", KG, 800_000, "count", "2020-11-18", "2020-11-18")), population(), same_year=False
    )
    assert loose.unit.tolist() == ["per_100_inhabitants"]
    assert loose.value.iloc[0] == pytest.approx(800_000 / 1_723_067 * 100)


def test_per_inhabitant_keeps_bounds_and_leaves_shares_alone():
    r = rows(
        ("post", AG, 250, "vnd_bn", *YEAR19, "lower_bound"),
        ("share", AG, 60, "percent", *YEAR19),
    )
    out = context.per_inhabitant(r, population())
    assert out[["indicator", "qualifier"]].values.tolist() == [["post", "lower_bound"]]


def test_per_inhabitant_refuses_two_counts_for_one_area():
    with pytest.raises(ValueError, match="more than one population row"):
        context.per_inhabitant(region(), pd.concat([population(), population()]))


def test_per_inhabitant_of_no_usable_row_is_empty():
    assert context.per_inhabitant(region().iloc[3:4], population()).empty


# ranks ----------------------------------------------------------------------------------


def ranks() -> pd.DataFrame:
    d = ("2022-01-01", "2022-12-31")
    return rows(
        ("dti_rank", AG, 54, "rank_of_63", *d),
        ("dti_rank", CT, 5, "rank_of_63", *d),
        ("dti_rank", KG, 32, "rank_of_63", *d),
        ("dti_rank", CM, 32, "rank_of_63", *d),
        ("dti_score", CT, 0.6, "index_score", *d),
        ("dti_score", AG, 0.4, "index_score", *d),
        ("par_index_rank", AG, 11, "rank_of_63", *YEAR19),
        ("par_index_rank", AG, 36, "rank_of_63", "2016-01-01", "2016-12-31"),
        ("service_index_rank", AG, 10, "rank_of_63", "2023-03-27", "2023-03-27"),
        ("service_index_rank", AG, 13, "rank_of_63", "2023-05-01", "2023-05-31"),
    )


def test_regional_ranks_best_first_with_shared_places_for_ties():
    t = context.regional_ranks(ranks(), "dti_rank", year=2022, language="vi")
    assert t.name.tolist() == ["Cần Thơ", "Kiên Giang", "Cà Mau", "An Giang"]
    assert t.place.tolist() == [1, 2, 2, 4]
    assert t.who.astype(str).tolist() == ["tỉnh lân cận"] * 3 + ["An Giang"]


def test_scores_are_ordered_highest_first():
    t = context.regional_ranks(ranks(), "dti_score", year=2022)
    assert t.area.tolist() == [CT, AG] and t.place.tolist() == [1, 2]


def test_regional_ranks_refuse_two_periods_a_non_rank_and_no_rows():
    with pytest.raises(ValueError, match="more than one period"):
        context.regional_ranks(ranks(), "service_index_rank", year=2023)
    assert context.regional_ranks(ranks(), "service_index_rank", period_end="2023-05-31").value.tolist() == [13.0]
    with pytest.raises(ValueError, match="not a rank or a score"):
        context.regional_ranks(region(), "telecom_revenue", year=2019)
    with pytest.raises(ValueError, match="no dti_rank rows"):
        context.regional_ranks(ranks(), "dti_rank", year=2030)


def test_regional_ranks_refuse_an_area_twice():
    r = pd.concat([ranks(), rows(("dti_rank", CT, 6, "rank_of_63", "2022-01-01", "2022-12-31"))])
    with pytest.raises(ValueError, match="appears twice"):
        context.regional_ranks(r, "dti_rank", year=2022)


def test_rank_sets_one_row_per_index_and_period_with_the_focus_and_others():
    s = context.rank_sets(ranks(), language="en")
    assert s.indicator.tolist() == ["dti_rank"]  # An Giang alone elsewhere: no regional set
    one = s.iloc[0]
    assert (one.n_areas, one["rank"], one.place, one.best, one["last"]) == (4, 54.0, 4, "Can Tho", "An Giang")
    assert one.missing.startswith("Long An, Tien Giang") and one.missing.endswith("and Bac Lieu")
    assert context.rank_sets(ranks(), min_areas=5).empty


def test_a_regional_place_is_given_among_all_thirteen_only_when_all_have_a_row():
    # 4 of the 13 in the data: An Giang is last of the four, which says nothing of the region
    assert context.rank_sets(ranks(), language="en").place_text.tolist() == ["4th of the 4 in the data"]
    assert context.rank_sets(ranks(), language="vi").place_text.tolist() == ["thứ 4 trong 4 tỉnh, thành phố có số liệu"]
    d = ("2022-01-01", "2022-12-31")
    full = rows(*[("dti_rank", a, 1 + i, "rank_of_63", *d) for i, a in enumerate(reversed(context.MEKONG_DELTA))])
    one = context.rank_sets(full, language="en").iloc[0]
    assert (one.n_areas, one.place, one.place_text) == (13, 13, "13th of 13")
    assert context.rank_sets(full, language="vi").place_text.iloc[0] == "thứ 13/13"
    # a region of the four areas present: all of it has a row
    four = context.rank_sets(ranks(), areas=[AG, CT, KG, CM], language="en")
    assert four.place_text.tolist() == ["4th of 4"]


def test_a_dti_score_title_names_its_scale_in_both_languages():
    assert context.index_name("dti_score", "en") == "Digital transformation index (DTI), 0–1 scale"
    assert context.index_name("dti_score", "vi") == "Chỉ số chuyển đổi số (DTI), thang 0–1"


@pytest.mark.parametrize(("place", "n", "total"), [(0, 3, 13), (4, 3, 13), (1, 14, 13)])
def test_an_impossible_regional_place_is_refused(place, n, total):
    with pytest.raises(ValueError, match="impossible"):
        context.regional_place(place, n, total)


def test_rank_rows_are_one_area_ranks_only_in_period_order():
    r = context.rank_rows(ranks())
    assert r.unit.eq("rank_of_63").all() and r.area.eq(AG).all()
    assert r.period_end.is_monotonic_increasing and len(r) == 5


def test_rank_panels_one_panel_per_index_never_joined():
    r = context.rank_rows(ranks())
    fig = context.rank_panels(r, title="T", source="S", marked={"par_index_rank"}, language="vi")
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 3
    titles = [ax.get_title(loc="left").replace("\n", " ") for ax in visible]
    assert titles == ["Chỉ số PAR Index †", "Chỉ số chuyển đổi số (DTI)", "Bộ chỉ số phục vụ (Quyết định 766)"]
    assert all(len(ax.lines) == len(r[r.indicator == i]) for ax, i in zip(visible, dict.fromkeys(r.indicator)))
    assert "Nguồn: S" in agstats.plotting.alt_text(fig) or fig.get_supxlabel().startswith("Nguồn")
    plt.close(fig)
    with pytest.raises(ValueError, match="one area"):
        context.rank_panels(ranks(), title="T", source="S")


# words ----------------------------------------------------------------------------------


def test_ordinals_and_names_in_both_languages():
    assert [context.ordinal(n, "en") for n in (1, 2, 3, 4, 11, 12, 13, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "22nd", "101st", "111th",
    ]  # fmt: skip
    assert context.ordinal(3, "vi") == "thứ 3" and context.ordinal(1, "vi") == "thứ nhất"
    with pytest.raises(ValueError):
        context.ordinal(2.5)
    assert context.join_names(["A", "B"], "en") == "A and B"
    assert context.join_names([], "vi") == "không có"


def test_the_region_is_an_giang_and_its_twelve_neighbours_with_names():
    assert len(context.NEIGHBOURS) == 12 and context.MEKONG_DELTA[0] == context.FOCUS
    assert set(context.MEKONG_DELTA) <= set(agstats.area_codes())
    for a in context.MEKONG_DELTA:
        agstats.area_name(a, "vi")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b"]),
            st.sampled_from(list(context.MEKONG_DELTA[:5]) + ["vietnam"]),
            st.sampled_from([("2019-01-01", "2019-12-31"), ("2019-01-01", "2019-06-30"), ("2020-01-01", "2020-12-31")]),
            st.floats(1, 1e6),
        ),
        max_size=25,
    )
)
def test_every_like_set_is_one_definition_one_period_several_areas_and_no_row_is_lost(specs):
    r = rows(*[(i, a, v, "count", *p) for i, a, p, v in specs]) if specs else rows()
    if r.empty:
        return
    s = context.like_sets(r, focus=None)
    for _, g in s.groupby("set"):
        assert g.indicator.nunique() == 1
        assert g[["period_start", "period_end"]].drop_duplicates().shape[0] == 1
        assert g.area.nunique() >= 2 and g.area.isin(context.MEKONG_DELTA).all()
    # every regional row whose indicator and period are shared by another area is in a set
    regional = r[r.area.isin(context.MEKONG_DELTA)]
    n = regional.groupby(["indicator", "period_start", "period_end"]).area.transform("nunique")
    assert len(s) == int((n >= 2).sum())


def test_a_score_in_per_cent_counts_as_a_ranking_and_its_sets_are_score_sets():
    d = ("2012-01-01", "2012-12-31")
    r = pd.concat(
        [ranks(), rows(("par_index_score", AG, 83.25, "percent", *d), ("par_index_score", CT, 83.44, "percent", *d))]
    )
    assert context.like_sets(r).empty  # outside the rankings: nothing
    scores = context.rank_sets(r, kind="score", language="en")
    assert scores.indicator.tolist() == ["par_index_score", "dti_score"]
    assert scores.iloc[0][["rank", "place", "best"]].tolist() == [83.25, 2, "Can Tho"]
    assert context.index_name("dti_rank", "en") == "Digital transformation index (DTI)"
