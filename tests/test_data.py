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


# --------------------------------------------------------------------------- evidence against source texts
#
# Every evidence phrase must occur verbatim (after NFC normalisation and whitespace collapsing) in
# its source's text, for every source whose text is in source_texts/ (see source_texts/README.md;
# the 2019 report's text is found in ../shared/sources/ when source_texts/mic2019.txt is absent).
# The sources without a text are named in the skip reason of test_sources_without_text, which
# pytest prints in its short summary (-ra).

from agstats.validation import check_source_texts, default_source_texts_dir, source_text_path  # noqa: E402

EVIDENCE = check_source_texts(agstats.io.data_dir())


@pytest.mark.parametrize("source", sorted(EVIDENCE.checked))
def test_evidence_occurs_in_source_text(source):
    wrong = [str(p) for p in EVIDENCE.problems if f"source {source!r}" in p.message]
    assert not wrong, "\n".join(wrong)


def test_every_source_text_is_readable():
    unreadable = [str(p) for p in EVIDENCE.problems if p.column != "evidence"]
    assert not unreadable, "\n".join(unreadable)


def test_sources_without_text():
    """Not a check: a note in pytest's summary naming the sources whose evidence could not be checked."""
    if EVIDENCE.unchecked:
        pytest.skip(f"{EVIDENCE.summary()} (texts folder: {default_source_texts_dir()}; see source_texts/README.md)")


def _texts_for(folder, texts, phrases_of):
    texts.mkdir(exist_ok=True)
    for sid, text in phrases_of.items():
        (texts / f"{sid}.txt").write_text(text, encoding="utf-8")


def test_evidence_check_on_a_fixture(minipkg, tmp_path):
    import csv

    texts = tmp_path / "source_texts"
    phrases = []
    for name in ("indicators.csv", "context.csv", "events.csv", "exchange_rates.csv"):
        with open(minipkg / name, encoding="utf-8", newline="") as fh:
            phrases += [r["evidence"] for r in csv.DictReader(fh) if r["source"] == "src_a"]
    # Whitespace runs and decomposed accents in the text do not hide a phrase.
    text = "Báo cáo.\n" + "\n".join(unicodedata.normalize("NFD", p).replace(" ", "  \n ", 1) for p in phrases)
    _texts_for(minipkg, texts, {"src_a": text})
    report = check_source_texts(minipkg, texts)
    assert list(report.checked) == ["src_a"] and report.problems == []
    assert report.rows_checked >= len(phrases)
    assert "evidence checked for" in report.summary()

    edit_cell(minipkg, "indicators.csv", 3, "evidence", "ước 9 tháng đầu năm 2019 đạt 1.300 tỷ đồng")
    edit_cell(minipkg, "indicators.csv", 3, "value", "1300")
    report = check_source_texts(minipkg, texts)
    (p,) = report.problems
    assert (p.file, p.row, p.column) == ("indicators.csv", 3, "evidence")
    assert "does not occur in the text of source 'src_a' (src_a.txt)" in p.message


def test_evidence_check_names_sources_without_text(minipkg, tmp_path):
    report = check_source_texts(minipkg, tmp_path / "empty")
    assert report.checked == {} and report.rows_checked == 0
    assert "src_a" in report.unchecked
    assert "not checked (no text)" in report.summary() and "src_a" in report.summary()


def test_source_text_not_utf8_is_a_located_problem(minipkg, tmp_path):
    texts = tmp_path / "source_texts"
    texts.mkdir()
    (texts / "src_a.txt").write_bytes("dòng một\nhai \xff".encode().replace(b"\xc3\xbf", b"\xff"))
    report = check_source_texts(minipkg, texts)
    assert any(p.file == "src_a.txt" and p.row == 2 and "not UTF-8" in p.message for p in report.problems)


def test_mic2019_text_falls_back_to_the_shared_copy(tmp_path):
    repo = tmp_path / "repo"
    texts = repo / "source_texts"
    texts.mkdir(parents=True)
    shared = tmp_path / "shared" / "sources" / "mic-2019-an-giang-ict-report.vi.txt"
    shared.parent.mkdir(parents=True)
    shared.write_text("văn bản", encoding="utf-8")
    assert source_text_path("mic2019", texts) == texts.parent / ".." / "shared" / "sources" / shared.name
    (texts / "mic2019.txt").write_text("bản riêng", encoding="utf-8")
    assert source_text_path("mic2019", texts) == texts / "mic2019.txt"
    assert source_text_path("other", texts) is None
    assert source_text_path("../etc/passwd", texts) is None


def test_cli_validate_evidence(minipkg, tmp_path, capsys):
    from agstats.cli import main

    texts = tmp_path / "source_texts"
    texts.mkdir()
    assert main(["validate", str(minipkg), "--evidence", str(texts)]) == 0
    out = capsys.readouterr().out
    assert "valid (" in out and "not checked (no text)" in out and "src_a" in out
    (texts / "src_a.txt").write_text("nothing relevant", encoding="utf-8")
    assert main(["validate", str(minipkg), "--evidence", str(texts)]) == 1
    err = capsys.readouterr().err
    assert "indicators.csv, line 2, column 'evidence'" in err and "does not occur in the text of source 'src_a'" in err
