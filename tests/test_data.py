"""The shipped data: every figure of the 2019 report, verbatim evidence, a valid Frictionless package."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from conftest import ROOT, edit_cell

import agstats
from agstats.validation import evidence_problem

# The report's figures as listed in the foundation issue: (indicator, value, unit, qualifier, period_start, period_end).
Y18 = ("2018-01-01", "2018-12-31")
M9 = ("2019-01-01", "2019-09-30")
ASOF = ("2019-09-30", "2019-09-30")
EXPECTED = [
    ("postal_revenue", 178, "vnd_bn", "exact", *Y18),
    ("postal_revenue", 150, "vnd_bn", "estimate", *M9),
    ("postal_service_points", 156, "count", "exact", *ASOF),
    ("telecom_revenue", 3300, "vnd_bn", "exact", *Y18),
    ("telecom_revenue", 2700, "vnd_bn", "estimate", *M9),
    ("mobile_3g4g_coverage", 100, "percent", "exact", *ASOF),
    ("fibre_commune_centre_coverage", 100, "percent", "exact", *ASOF),
    ("mobile_broadband_coverage", 100, "percent", "exact", *ASOF),
    ("smart_device_users_share", 60, "percent", "lower_bound", *ASOF),
    ("infosec_workshops_drills", 2, "count", "exact", "2017-01-01", "2019-09-30"),
    ("ict_industry_revenue", 4600, "vnd_bn", "lower_bound", *Y18),
    ("ict_industry_budget_contribution", 28, "vnd_bn", "lower_bound", *Y18),
    ("ict_training_institutions", 2, "count", "lower_bound", *ASOF),
    ("print_press_agencies", 5, "count", "exact", *ASOF),
    ("vna_representative_offices", 1, "count", "exact", *ASOF),
    ("resident_reporters", 60, "count", "exact", *ASOF),
    ("radio_tv_stations", 1, "count", "exact", *ASOF),
    ("radio_tv_broadcast_hours", 24, "hours_per_day", "exact", *ASOF),
    ("paytv_providers", 7, "count", "exact", *ASOF),
    ("paytv_transmission_technologies", 4, "count", "exact", *ASOF),
    ("licensed_news_websites", 6, "count", "exact", *ASOF),
    ("provincial_portals", 1, "count", "exact", *ASOF),
    ("component_portals", 33, "count", "exact", *ASOF),
    ("ict_budget_share_recommended", 1, "percent", "target", *ASOF),
]


def report_rows() -> pd.DataFrame:
    df = agstats.load_indicators()
    return df[df.source == "mic2019"]


def test_every_report_figure_present_and_right():
    df = report_rows()
    got = {
        (r.indicator, r.value, r.unit, r.qualifier, str(r.period_start.date()), str(r.period_end.date()))
        for r in df.itertuples()
    }
    want = {(i, float(v), u, q, s, e) for i, v, u, q, s, e in EXPECTED}
    assert want - got == set(), "missing or wrong"
    assert got - want == set(), "unexpected rows"


@pytest.mark.parametrize("row", report_rows().to_dict("records"), ids=lambda r: f"{r['indicator']}")
def test_evidence_is_verbatim_in_source(row, source_text):
    assert unicodedata.is_normalized("NFC", row["evidence"])
    assert row["evidence"] in source_text


@pytest.mark.parametrize("row", report_rows().to_dict("records"), ids=lambda r: f"{r['indicator']}")
def test_evidence_parses_to_row(row):
    assert evidence_problem(row) is None


def test_events_evidence_verbatim(source_text):
    ev = agstats.load_events()
    for r in ev[ev.source == "mic2019"].itertuples():
        assert r.evidence in source_text, r.event
    assert {
        "decision_2314_2019_qd_ubnd",
        "decision_45_2016_qd_ttg",
        "mic_working_session_2019",
        "recommendation_1pct_investment_budget",
    } <= set(ev.event)


def test_source_text_is_not_committed(source_text):
    """Only short evidence phrases of the article are committed, never its sentences."""
    import re
    import subprocess

    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0 or not out.stdout.strip():
        pytest.skip("not a git checkout, or nothing committed yet")
    files = out.stdout.splitlines()
    assert not [f for f in files if "mic-2019" in f or f.startswith("shared/")]
    long_sentences = [s.strip() for s in re.split(r"(?<=[.;])\s", source_text) if len(s.strip()) > 120]
    assert long_sentences, "the source has long sentences to look for"
    for f in files:
        path = ROOT / f
        if path.suffix in {".csv", ".json", ".md", ".py", ".ipynb", ".txt", ".html"} and path.exists():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [s for s in long_sentences if s in text], f"{f} carries a whole sentence of the article"


def test_frictionless_validates_the_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.Package(str(ROOT / "data" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_catches_a_broken_foreign_key(minipkg):
    frictionless = pytest.importorskip("frictionless")
    edit_cell(minipkg, "indicators.csv", 2, "unit", "vnd_bm")
    report = frictionless.Package(str(minipkg / "datapackage.json")).validate()
    assert not report.valid
    assert "foreign-key" in {e[0] for e in report.flatten(["type"])}


def test_every_column_documented():
    import json

    pkg = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["licenses"], "the data license is stated"
    for res in pkg["resources"]:
        for field in res["schema"]["fields"]:
            assert field.get("description"), f"{res['name']}.{field['name']} has no description"
