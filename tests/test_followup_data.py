"""The follow-up figures 2019–2025 (lead list of later public sources): counts, areas, definitions, key trend rows.

The lead list itself (``../shared/research/an_giang_followup_sources.md``) is never committed; the test that
needs it skips with the reason when it is absent. See docs/followup.md for the decisions these tests pin down.
"""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from conftest import ROOT

import agstats

LEAD_LIST = ROOT.parent / "shared" / "research" / "an_giang_followup_sources.md"

#: Context rows that predate the follow-up (2019 census population, land area).
BASELINE_CONTEXT = {("population", "2019-04-01"), ("land_area", "2019-12-31")}

#: Sources the lead list marks as "new (merged) An Giang" (S14, S15, S20, S21, S27).
MERGED_SOURCES = {"diendandn2025", "cafef2025", "vietnamvn2025", "tuoitrethudo2026", "tapchicongsan2025"}

#: Indicator ids allowed in both the merged and the pre-merger province, each documented in docs/followup.md.
#: None so far: the merged province's population and land area have their own ids.
SHARED_ACROSS_MERGER: set[str] = set()

AG, AG25, VN = "an_giang_pre2025", "an_giang_2025", "vietnam"


def _year(y: int) -> tuple[str, str]:
    return f"{y}-01-01", f"{y}-12-31"


def _at(d: str) -> tuple[str, str]:
    return d, d


# The key trend rows the notebooks rely on, taken from the lead list:
# (table, indicator, area, value, unit, qualifier, period_start, period_end)
EXPECTED = [
    # revenue 2019, full year (year-end review of January 2020)
    ("indicators", "telecom_revenue", AG, 2886, "vnd_bn", "exact", *_year(2019)),
    ("indicators", "postal_revenue", AG, 250, "vnd_bn", "lower_bound", *_year(2019)),
    # postal network 2019 -> 2024
    ("indicators", "postal_service_points", AG, 156, "count", "exact", *_at("2019-09-30")),
    ("indicators", "postal_service_points", AG, 265, "count", "exact", *_at("2024-12-31")),
    ("indicators", "postal_enterprises", AG, 26, "count", "exact", *_at("2024-12-31")),
    # smart devices 2019 vs smartphones and Internet subscriptions 2020
    ("indicators", "smart_device_users_share", AG, 60, "percent", "lower_bound", *_at("2019-09-30")),
    ("indicators", "smartphone_users_share", AG, 67, "percent", "approximate", *_at("2020-12-31")),
    ("indicators", "internet_subscribers_share", AG, 65, "percent", "exact", *_at("2020-12-31")),
    # coverage milestones 2019 -> 2025
    ("indicators", "mobile_3g4g_coverage", AG, 100, "percent", "exact", *_at("2019-09-30")),
    ("indicators", "mobile_3g4g_commune_coverage", AG, 100, "percent", "exact", *_at("2020-12-31")),
    ("indicators", "mobile_3g4g_hamlet_coverage", AG, 100, "percent", "exact", *_at("2023-05-01")),
    ("indicators", "bts_stations", AG, 2160, "count", "exact", *_at("2023-05-01")),
    ("indicators", "telecom_cable_length", AG, 17189, "km", "exact", *_at("2023-05-01")),
    ("indicators", "fibre_household_coverage", AG, 100, "percent", "exact", *_at("2024-12-31")),
    ("indicators", "telecom_enterprises", AG, 12, "count", "exact", *_at("2024-12-31")),
    ("indicators", "high_speed_internet_commune_coverage", AG, 100, "percent", "exact", *_at("2025-05-21")),
    # online public services 2020 -> 2024 -> 2025 -> merged province
    ("indicators", "online_portal_services", AG, 1968, "count", "exact", *_at("2020-12-31")),
    ("indicators", "online_services_level3", AG, 573, "count", "exact", *_at("2020-12-31")),
    ("indicators", "online_services_level4", AG, 244, "count", "exact", *_at("2020-12-31")),
    ("indicators", "tthc_system_public_services", AG, 2206, "count", "exact", *_at("2024-11-13")),
    ("indicators", "online_services_partial", AG, 742, "count", "exact", *_at("2024-11-13")),
    ("indicators", "online_services_full", AG, 937, "count", "exact", *_at("2024-11-13")),
    ("indicators", "online_services_full", AG, 1200, "count", "lower_bound", *_at("2025-05-21")),
    (
        "indicators",
        "online_services_integrated_national_portal",
        AG25,
        1935,
        "count",
        "exact",
        "2025-07-01",
        "2025-12-31",
    ),
    # ICT-sector totals 2020
    ("indicators", "ict_sector_total_revenue", AG, 6000, "vnd_bn", "estimate_lower_bound", *_year(2020)),
    ("indicators", "ict_sector_provincial_budget_contribution", AG, 150, "vnd_bn", "lower_bound", *_year(2020)),
    # GRDP (context)
    ("context", "grdp", AG, 80272, "vnd_bn", "exact", *_year(2019)),
    ("context", "grdp", AG, 89362, "vnd_bn", "estimate", *_year(2020)),
    ("context", "grdp", AG, 102700, "vnd_bn", "estimate_lower_bound", *_year(2022)),
    ("context", "grdp", AG, 115732, "vnd_bn", "approximate", *_year(2023)),
    ("context", "grdp_per_capita", AG, 42.598, "vnd_mn", "exact", *_year(2019)),
    ("context", "grdp_per_capita", AG, 46.8, "vnd_mn", "estimate_lower_bound", *_year(2020)),
    ("context", "grdp_per_capita", AG, 53.907, "vnd_mn", "estimate", *_year(2022)),
    ("context", "grdp_per_capita", AG, 60.71, "vnd_mn", "exact", *_year(2023)),
    # national comparators (figures published before their year closed are estimates)
    ("indicators", "postal_service_revenue", VN, 34.3, "vnd_tn", "estimate", *_year(2019)),
    ("indicators", "postal_sector_revenue", VN, 20148, "vnd_bn", "estimate", *_year(2017)),
    ("indicators", "postal_sector_revenue", VN, 13.56, "vnd_tn", "exact", "2019-01-01", "2019-06-30"),
    ("indicators", "postal_sector_revenue", VN, 37000, "vnd_bn", "estimate", *_year(2021)),
    ("indicators", "postal_service_revenue", VN, 71000, "vnd_bn", "estimate_lower_bound", *_year(2024)),
    ("indicators", "telecom_sector_revenue", VN, 472.3, "vnd_tn", "estimate", *_year(2019)),
    ("indicators", "telecom_service_revenue", VN, 147000, "vnd_bn", "exact", *_year(2024)),
    ("indicators", "ict_sector_total_revenue", VN, 3462170, "vnd_bn", "estimate", *_year(2021)),
]


def _tables() -> dict[str, pd.DataFrame]:
    return {"indicators": agstats.load_indicators(area="all"), "context": agstats.load_context(area="all")}


def _followup(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Rows added by the follow-up: not from the 2019 report, not the two baseline context rows."""
    keep = df.source != "mic2019"
    if table == "context":
        keys = list(zip(df.indicator, df.period_start.dt.strftime("%Y-%m-%d")))
        keep &= pd.Series([k not in BASELINE_CONTEXT for k in keys], index=df.index)
    return df[keep]


def _all_followup() -> pd.DataFrame:
    return pd.concat([_followup(df, name) for name, df in _tables().items()], ignore_index=True)


def test_at_least_60_followup_figures():
    rows = _all_followup()
    assert len(rows) >= 60, f"only {len(rows)} follow-up figures"
    # they cover An Giang before the merger, the merged province and the country
    assert {AG, AG25, VN} <= set(rows.area)


def test_every_source_has_a_tier_and_is_cited():
    src = agstats.load_sources()
    assert src.tier.notna().all() and src.tier.isin(["primary", "secondary", "tertiary"]).all()
    assert src.published.str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?").all()
    cited = set(_all_followup().source) | set(agstats.load_events().source)
    cited |= set(agstats.load_indicators(area="all").source) | set(agstats.load_context(area="all").source)
    cited |= set(agstats.load_exchange_rates().source)
    orphans = set(src.id) - cited
    assert not orphans, f"sources cited by no row: {sorted(orphans)}"
    tiers = src.set_index("id").tier
    # spot checks of the tier rule: provincial pages primary, news secondary, aggregators tertiary
    assert tiers["agportal2019yearend"] == "primary"
    assert tiers["vietnamnet2025"] == "secondary"
    assert tiers["danso2024"] == "tertiary"


def test_undated_pages_explain_their_date():
    src = agstats.load_sources().set_index("id")
    followup = set(_all_followup().source)
    for sid in followup:
        if len(src.loc[sid, "published"]) < 10:  # year or month only
            assert src.loc[sid, "published_note"].strip(), f"{sid}: no published_note for a partial date"


def test_merged_province_never_in_the_pre_merger_series():
    for load in (agstats.load_indicators, agstats.load_context):
        pre = load(area=AG)
        assert not set(pre.source) & MERGED_SOURCES, "a merged-province source in an_giang_pre2025"
        assert (pre.period_end < pd.Timestamp("2025-07-01")).all(), "a pre-merger row dated after the merger"
        everything = load(area="all")
        merged_rows = everything[everything.source.isin(MERGED_SOURCES)]
        assert len(merged_rows) and set(merged_rows.area) == {AG25}
    rows = pd.concat(_tables().values(), ignore_index=True)
    shared = set(rows[rows.area == AG25].indicator) & set(rows[rows.area == AG].indicator)
    assert shared <= SHARED_ACROSS_MERGER, f"ids shared across the merger without a documented choice: {shared}"
    assert (rows[rows.area == AG25].period_start >= pd.Timestamp("2025-07-01")).all()


def test_national_telecom_revenue_definitions_kept_apart():
    ind = agstats.load_indicators(area=VN)
    assert "telecom_revenue" not in set(ind.indicator), "national telecom revenue needs a definition-specific id"
    factor = agstats.load_units().set_index("code").factor
    tn = ind.value * ind.unit.astype(str).map(factor) / 1e12  # trillion đồng
    full_year = (ind.period_end - ind.period_start).dt.days > 300
    sector = tn[(ind.indicator == "telecom_sector_revenue") & full_year]
    service = tn[(ind.indicator == "telecom_service_revenue") & full_year]
    assert len(sector) >= 2 and len(service) >= 3
    # whole sector ≈ 350–470 trillion a year; services only ≈ 130–147 trillion
    assert sector.min() > 300 and service.max() < 200
    for r in ind[ind.indicator.isin(["telecom_sector_revenue", "telecom_service_revenue"])].itertuples():
        assert "NOT comparable" in r.note, r
    # the 2019 smart-device share and the 2020 smartphone share are different measures
    ag = agstats.load_indicators(area=AG)
    assert set(ag[ag.indicator == "smart_device_users_share"].source) == {"mic2019"}
    assert "điện thoại thông minh" in ag[ag.indicator == "smartphone_users_share"].evidence.iloc[0]


def test_national_postal_revenue_definitions_kept_apart():
    ind = agstats.load_indicators(area=VN)
    assert "postal_revenue" not in set(ind.indicator), "national postal revenue needs a definition-specific id"
    sector = ind[ind.indicator == "postal_sector_revenue"]
    service = ind[ind.indicator == "postal_service_revenue"]
    assert len(sector) >= 3 and len(service) >= 2
    for r in pd.concat([sector, service]).itertuples():
        assert "NOT comparable" in r.note, r
    # each id follows its phrase: "dịch vụ" / "postal services" is service revenue, "lĩnh vực" / "ngành" the sector
    assert not sector.evidence.str.contains("dịch vụ|postal service", case=False).any()
    assert service.evidence.str.contains("dịch vụ|postal service", case=False).all()
    # An Giang's postal-enterprise revenue keeps its own id
    assert "postal_revenue" in set(agstats.load_indicators(area=AG).indicator)


def test_full_year_figures_published_within_the_year_are_estimates():
    src = agstats.load_sources().set_index("id").published
    for name, df in _tables().items():
        year = (df.period_start.dt.strftime("%m-%d") == "01-01") & (df.period_end.dt.strftime("%m-%d") == "12-31")
        year &= df.period_start.dt.year == df.period_end.dt.year
        for r in df[year].itertuples():
            if src[r.source][:4] == str(r.period_end.year):  # published before the year closed
                assert r.qualifier in ("estimate", "estimate_lower_bound", "target"), (name, r.indicator, r.source)
        # a row read as an estimate because of its date says so in its note
        for r in df[df.method == "estimate_by_date"].itertuples():
            assert "estimate_by_date" in r.note and "before the period closed" in r.note, (name, r.indicator)


def test_2019_report_bounds_and_dates():
    ind = agstats.load_indicators(area=AG).set_index("indicator")
    assert ind.loc["ict_training_institutions", "qualifier"] == "lower_bound"  # a named list, not a total
    rec = ind.loc["ict_budget_share_recommended"]
    assert rec.period_start == rec.period_end == pd.Timestamp("2019-09-30")
    assert "2019-09-30" in rec.note and "two ways" in rec.note and "Dated at the working session" not in rec.note
    notes = pd.concat([df.note.dropna() for df in _tables().values()])
    assert not notes.str.contains("docs/periods.md").any(), "docs/periods.md does not exist"


@pytest.mark.parametrize(
    "table,indicator,area,value,unit,qualifier,start,end", EXPECTED, ids=[f"{e[1]}-{e[2]}-{e[6][:7]}" for e in EXPECTED]
)
def test_key_trend_rows(table, indicator, area, value, unit, qualifier, start, end):
    df = _tables()[table]
    hit = df[
        (df.indicator == indicator)
        & (df.area == area)
        & (df.period_start == pd.Timestamp(start))
        & (df.period_end == pd.Timestamp(end))
    ]
    assert len(hit) == 1, f"{indicator} {area} {start}..{end}: {len(hit)} rows"
    row = hit.iloc[0]
    assert row.value == pytest.approx(value, rel=1e-12)
    assert (row.unit, row.qualifier) == (unit, qualifier)


def test_context_populations_by_area():
    ctx = agstats.load_context(area=None)
    pop = ctx[ctx.indicator == "population"].set_index("area")
    assert pop.loc["vietnam", "value"] == 96208984
    neighbours = {"can_tho", "ca_mau", "kien_giang", "tien_giang"}
    assert neighbours <= set(pop.index)
    assert (pop.period_start == pd.Timestamp("2019-04-01")).all(), "one census date for every area"
    # the pre-merger baseline is the sum of its two parts, marked as computed
    both = pop.loc["an_giang_kien_giang_pre2025"]
    assert both.method == "sum_of_areas" and "Computed" in both.note
    assert both.value == pop.loc[AG, "value"] + pop.loc["kien_giang", "value"]


def test_context_second_pass_rows():
    """The second research pass: neighbour figures keep their own periods and definitions."""
    ind = agstats.load_indicators(area=None)
    # feature-phone-only shares: four neighbours, one date, never stored as a smartphone share
    feat = ind[ind.indicator == "featurephone_only_population_share"]
    assert set(feat.area) == {"long_an", "tien_giang", "ben_tre", "ca_mau"}
    assert (feat.unit == "percent").all() and (feat.period_end == pd.Timestamp("2022-03-31")).all()
    assert not (ind.indicator.str.startswith("smartphone") & ind.area.isin(set(feat.area))).any()
    # Long An's revenues are half-year figures: never mistaken for a full year
    la = ind[(ind.area == "long_an") & ind.indicator.isin({"telecom_revenue", "postal_revenue"})]
    assert len(la) == 2
    assert (la.period_start == pd.Timestamp("2024-01-01")).all() and (la.period_end == pd.Timestamp("2024-06-30")).all()
    # a lower bound stays a lower bound
    phone = ind[(ind.indicator == "telephone_subscribers") & (ind.area == "vinh_long")].iloc[0]
    assert (phone.value, phone.qualifier) == (805400, "lower_bound")
    # the combined pre-merger baseline exists only where both provinces have one figure of one definition
    keys = ["indicator", "period_start", "period_end"]
    parts = {area: set(map(tuple, ind.loc[ind.area == area, keys].astype(str).values)) for area in (AG, "kien_giang")}
    for row in ind.loc[ind.area == "an_giang_kien_giang_pre2025", keys].astype(str).values:
        assert tuple(row) in parts[AG] and tuple(row) in parts["kien_giang"], f"baseline without both parts: {row}"
    # PAR Index scores (percent) and ranks (staged) are different ids; every new id has a catalogue row
    par = ind[ind.indicator == "par_index_score"].set_index(["area", "period_end"])
    assert par.loc[(AG, pd.Timestamp("2019-12-31")), "value"] == 83.32
    assert {"par_index_rank", "sipas_rank"} <= set(ind.indicator)
    catalogue = pd.read_csv(ROOT / "data" / "catalogue.csv", dtype=str)
    new_ids = {
        "par_index_score",
        "sipas_satisfaction_share",
        "telephone_subscribers",
        "internet_subscribers",
        "featurephone_only_population_share",
    }
    assert new_ids <= set(catalogue.indicator)


def test_followup_events():
    ev = agstats.load_events().set_index("event")
    assert ev.loc["telecom_2g_switch_off_2024", "date_start"] == pd.Timestamp("2024-01-01")
    assert ev.loc["telecom_2g_switch_off_2024", "date_end"] == pd.Timestamp("2024-12-31")
    assert ev.loc["telecom_5g_all_district_centres_2025", "date_end"] == pd.Timestamp("2025-05-21")
    assert ev.loc["radio_first_programme_1977", "date_start"] == pd.Timestamp("1977-09-02")
    assert ev.loc["tv_broadcast_start_1998", "date_start"] == pd.Timestamp("1998-08-19")
    assert {"telecom_5g_pilot_registration_2021", "decision_42_2012_qd_ubnd"} <= set(ev.index)


@pytest.fixture
def lead_list() -> str:
    if not LEAD_LIST.exists():
        pytest.skip(f"lead list not found at {LEAD_LIST} (it is never committed; see docs/followup.md)")
    return unicodedata.normalize("NFC", LEAD_LIST.read_text(encoding="utf-8"))


def test_followup_evidence_verbatim_in_lead_list(lead_list):
    rows = pd.concat([_all_followup(), agstats.load_events()], ignore_index=True)
    rows = rows[rows.source != "mic2019"]
    # only the sources the lead list cites; the context sources of docs/context-data.md were found later
    urls = agstats.load_sources().set_index("id").url
    rows = rows[[urls[s] in lead_list for s in rows.source]]
    rows = rows[rows.method != "sum_of_areas"]  # computed rows join two phrases
    # the lead list covers An Giang and the country; rows of neighbours were read from the pages themselves
    rows = rows[rows.area.astype(str).isin(["an_giang_pre2025", "an_giang_2025", "vietnam"]) | rows.area.isna()]
    missing = [
        (r.source, r.evidence)
        for r in rows.itertuples()
        if not unicodedata.is_normalized("NFC", r.evidence) or r.evidence not in lead_list
    ]
    assert not missing, missing


def test_followup_doc_lists_decisions():
    doc = (ROOT / "docs" / "followup.md").read_text(encoding="utf-8")
    for word in ("Contradictions", "Left out", "telecom_sector_revenue", "telecom_service_revenue", "an_giang_2025"):
        assert word in doc, word


STAGING = ROOT / "data" / "staging"
RANK_UNITS = {"rank_of_63", "rank", "score_of_100", "index_score"}


def _staged(name: str) -> pd.DataFrame:
    return pd.read_csv(STAGING / name, dtype=str, keep_default_na=False)


def test_ranks_and_scores_are_complete_rows():
    rows = agstats.load_indicators(area="all")
    rows = rows[rows.unit.astype(str).isin(RANK_UNITS)]
    assert len(rows) >= 40
    ranks = rows[rows.unit == "rank_of_63"].value
    assert ranks.between(1, 63).all() and (ranks == ranks.round()).all()
    assert rows[rows.unit == "index_score"].value.between(0, 1).all()
    # table rows are exact figures read from a published table; their note names the column
    table = rows[rows.method == "table_row"]
    assert len(table) >= 30 and (table.qualifier == "exact").all() and (table.note.str.len() > 0).all()
    # one id per index: the DTI and the e-government ranking never share a series
    dti, egov = rows[rows.indicator == "dti_rank"], rows[rows.indicator == "egov_it_application_rank"]
    assert set(dti.source).isdisjoint(egov.source)
    assert {"an_giang_pre2025", "kien_giang", "can_tho"} <= set(dti.area.astype(str))
    assert len(set(dti.area.astype(str)) - {"an_giang_pre2025"}) == 12, "DTI 2022 for all 12 neighbours"


def test_staged_rows_are_complete_and_wait_for_a_reason():
    from agstats.validation import evidence_problem

    rows, src = _staged("indicators.csv"), _staged("sources.csv")
    assert list(rows.columns) == list(pd.read_csv(ROOT / "data" / "indicators.csv", nrows=0).columns)
    assert set(rows.unit) <= set(agstats.load_units().code)
    assert set(rows.source) <= set(src.id) | set(agstats.load_sources().id)
    assert not set(src.id) & set(agstats.load_sources().id), "a staged source id is already in sources.csv"
    catalogue = set(_staged("catalogue.csv").indicator) | set(agstats.load_catalogue().indicator)
    assert set(rows.indicator) <= catalogue
    # a row stays staged only while its evidence does not validate (data/staging/README.md says why)
    for r in rows.to_dict("records"):
        assert evidence_problem(dict(r, value=float(r["value"]))), f"{r['indicator']} validates: move it to data/"


def test_exchange_rates_run_without_gaps_and_each_year_names_its_source():
    """2017–2021 from the IndexMundi mirror (2 decimals), 2022–2023 from the DataBank export, 2024 from the API (as stated)."""
    fx = agstats.load_exchange_rates().set_index("year")
    years = list(fx.index)
    assert years == list(range(2017, max(years) + 1)) and max(years) >= 2024, "one rate per year, no gap"
    assert set(fx.loc[2017:2021, "source"]) == {"wb_fx"}
    assert set(fx.loc[2022:2023, "source"]) == {"wbwdi2024fx"}
    assert fx.loc[2022, "vnd_per_usd"] == 23271.2125 and fx.loc[2023, "vnd_per_usd"] == 23787.3191666667
    # the export's rows are their own evidence: the cell as the source prints it, which states the value
    for year in (2022, 2023):
        assert float(fx.loc[year, "evidence"]) == fx.loc[year, "vnd_per_usd"]
    src = agstats.load_sources().set_index("id").loc["wbwdi2024fx"]
    assert src.tier == "tertiary" and "mirror" in src.note and str(src.published) == "2024-09-19"
    # 2024: the API's answer, read in third-party copies; the evidence names the year and states the value
    assert fx.loc[2024, "source"] == "wbapi2024fx" and fx.loc[2024, "vnd_per_usd"] == 24164.8858333333
    assert '"date": "2024"' in fx.loc[2024, "evidence"]
    assert agstats.load_sources().set_index("id").loc["wbapi2024fx", "tier"] == "tertiary"


def test_fourth_pass_rows_keep_their_mirror_and_their_bound():
    """DTI 2023/2024 from a mirror of the official tables (tertiary); Cần Thơ's subscriptions are a lower bound."""
    rows = agstats.load_indicators(area="all")
    src = agstats.load_sources().set_index("id")
    dti23 = rows[(rows.indicator == "dti_rank") & (rows.period_start == "2023-01-01")].set_index("area")["value"]
    assert dti23.rename(index=str).to_dict() == {"an_giang_pre2025": 59, "can_tho": 5, "bac_lieu": 63}
    region = {"an_giang_pre2025", "long_an", "tien_giang", "ben_tre", "tra_vinh", "vinh_long", "dong_thap", "can_tho"}
    region |= {"hau_giang", "soc_trang", "kien_giang", "bac_lieu", "ca_mau"}
    for year in (2023, 2024):
        scores = rows[(rows.indicator == "dti_score") & (rows.period_start == f"{year}-01-01")]
        assert set(scores.area.astype(str)) == region and scores.value.between(0, 1).all()
        assert (scores.method == "table_row").all() and (scores.qualifier == "exact").all()
    for sid in ("opendx2025dti", "opendx2025dti2023map", "opendx2025dti2024map"):
        assert src.loc[sid, "tier"] == "tertiary" and "mirror" in src.loc[sid, "note"].lower()
    ct = rows[(rows.indicator == "internet_subscribers") & (rows.area == "can_tho")].iloc[0]
    assert (ct.value, ct.unit, ct.qualifier) == (1.175, "count_mn", "lower_bound")


def test_eight_neighbours_have_population_a_dti_rank_and_an_ict_figure():
    """Issue 12 §2's bar: the same core figures for at least 8 of the 12 neighbours (docs/context-data.md, fourth pass)."""
    rows, ctx = agstats.load_indicators(area="all"), agstats.load_context(area="all")
    ict = {"telecom_revenue", "postal_revenue", "provincial_post_office_revenue", "telephone_subscribers"}
    ict |= {"internet_subscribers", "adult_smartphone_share", "smartphone_population_share"}
    ict |= {"featurephone_only_population_share", "fibre_household_connection_share"}
    census = set(ctx[(ctx.indicator == "population") & (ctx.period_start == "2019-04-01")].area.astype(str))
    ranked = set(rows[rows.indicator == "dti_rank"].area.astype(str))
    with_ict = set(rows[rows.indicator.isin(ict)].area.astype(str))
    from agstats import context

    met = sorted(census & ranked & with_ict & set(context.NEIGHBOURS))
    assert len(met) >= 8, met
    # Đồng Tháp's only ICT figure is one enterprise's revenue (provincial_post_office_revenue, never compared with the
    # sector): without it the count is 7 (docs/review-2026-12-d-data.md), and the docs give both counts
    sector = set(rows[rows.indicator.isin(ict - {"provincial_post_office_revenue"})].area.astype(str))
    met_sector = sorted(census & ranked & sector & set(context.NEIGHBOURS))
    assert set(met) - set(met_sector) == {"dong_thap"} and len(met_sector) == len(met) - 1, met_sector
    share = rows[rows.indicator == "smartphone_population_share"].set_index("area")
    assert share.rename(index=str).loc["tra_vinh", "qualifier"] == "lower_bound"
    assert share.rename(index=str).loc["soc_trang", "value"] == 53.8
