"""The indicator catalogue: one honest record per indicator id, checked against the rows."""

from __future__ import annotations

import csv
import json
import unicodedata

import pandas as pd
import pytest
from conftest import ROOT, edit_cell

import agstats
from agstats import validate_package
from agstats.catalogue import IndicatorMetadata, describe, text_in, to_json
from agstats.language import set_language
from agstats.translations import looks_english, numbers_and_ids

COLUMNS = [
    "indicator",
    "sector",
    "label_en",
    "label_vi",
    "definition",
    "canonical_unit",
    "notes",
    "definition_vi",
    "notes_vi",
]


def _catalogue_rows() -> list[dict[str, str]]:
    with open(ROOT / "data" / "catalogue.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_catalogue_file_has_the_agreed_columns_and_one_row_per_id():
    with open(ROOT / "data" / "catalogue.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == COLUMNS
    rows = _catalogue_rows()
    ids = [r["indicator"] for r in rows]
    assert len(ids) == len(set(ids))
    data_ids = set(agstats.load_indicators(area="all").indicator) | set(agstats.load_context(area="all").indicator)
    assert set(ids) == data_ids


def test_every_definition_is_written_not_copied_from_the_label():
    for r in _catalogue_rows():
        assert len(r["definition"]) >= 30, r["indicator"]
        assert r["definition"] != r["label_en"], r["indicator"]
        assert r["definition"].endswith("."), r["indicator"]


def test_canonical_unit_shares_the_dimension_of_every_row_except_a_currency_change():
    units = agstats.load_units().set_index("code")["dimension"]
    canon = agstats.load_catalogue().set_index("indicator")["canonical_unit"]
    rows = pd.concat([agstats.load_indicators(area="all"), agstats.load_context(area="all")])
    for ind, unit in zip(rows.indicator, rows.unit.astype(str)):
        dims = {units[unit], units[canon[ind]]}
        assert len(dims) == 1 or dims == {"money_vnd", "money_usd"}, (ind, unit, canon[ind])


def test_mixed_money_units_get_billion_dong():
    canon = agstats.load_catalogue().set_index("indicator")["canonical_unit"]
    assert canon["postal_revenue"] == "vnd_bn"  # rows in vnd_bn and vnd_tn
    assert canon["it_industry_revenue"] == "usd_bn"  # three of four rows in US dollars


def test_describe_record():
    info = describe("telecom_revenue")
    assert isinstance(info, IndicatorMetadata)
    assert info.canonical_unit == "vnd_bn" and info.canonical_unit_label == "billion đồng"
    # An Giang's three rows and Long An's half-year figure (a neighbour, the same definition)
    assert info.n_rows == 4 and info.table == "indicators"
    assert info.sources == ("mic2019", "agportal2019yearend", "baolongan2024ict")
    assert info.qualifiers == ("exact", "estimate")
    assert (info.first_date, info.last_date) == ("2018-01-01", "2024-06-30")
    assert "scopes" in info.notes
    text = str(info)
    for key in ("definition:", "canonical unit:", "areas:", "periods covered:", "sources:", "rows:", "notes:"):
        assert key in text
    assert json.loads(to_json(info))["n_rows"] == 4


def test_describe_covers_every_area_and_the_context_table():
    # national postal revenue has its own ids by definition (postal_sector_revenue, postal_service_revenue)
    assert describe("postal_revenue").areas == ("an_giang_pre2025", "long_an")
    assert describe("postal_service_revenue").areas == ("vietnam",)
    pop = describe("population")
    assert pop.table == "context" and pop.units == ("persons",)


def test_describe_unknown_id_suggests_the_closest():
    with pytest.raises(ValueError, match=r"unknown indicator 'postal_revnue' \(did you mean 'postal_revenue'"):
        describe("postal_revnue")
    with pytest.raises(ValueError, match="agstats catalogue"):
        describe("zzzz")


def test_html_repr_escapes_data_text(tmp_path):
    import shutil

    folder = tmp_path / "pkg"
    shutil.copytree(ROOT / "data", folder)
    path = folder / "catalogue.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0]["notes"] = "<script>alert(1)</script> & more"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    html = describe(rows[0]["indicator"], data_dir=folder)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert html.startswith('<div class="agstats-indicator">')


def test_the_name_catalogue_is_the_function_and_the_module_is_importable():
    import importlib

    assert callable(agstats.catalogue)
    assert importlib.import_module("agstats.catalogue").describe is agstats.describe


def test_catalogue_table_with_coverage():
    cat = agstats.catalogue()
    assert list(cat.columns) == COLUMNS + ["table", "n_rows", "areas", "first_date", "last_date", "sources", "units"]
    assert len(cat) == len(_catalogue_rows())
    rows = pd.concat([agstats.load_indicators(area="all"), agstats.load_context(area="all")])
    assert cat["n_rows"].sum() == len(rows)
    tel = cat.set_index("indicator").loc["telecom_revenue"]
    assert tel["sources"] == "mic2019, agportal2019yearend, baolongan2024ict" and tel["n_rows"] == 4
    assert cat["first_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


# --------------------------------------------------------------- validation (agstats.validation._check_catalogue)
def _problems(folder):
    return [str(p) for p in validate_package(folder)[1]]


def test_fixture_catalogue_is_valid(minipkg):
    assert _problems(minipkg) == []


def test_indicator_without_catalogue_row(minipkg):
    edit_cell(minipkg, "indicators.csv", 4, "indicator", "gizmo_share")
    problems = _problems(minipkg)
    assert "indicators.csv, line 4, column 'indicator': 'gizmo_share' has no row in catalogue.csv" in problems
    # the catalogue row left without data rows is no problem: a smaller package keeps the whole catalogue
    assert not any(p.startswith("catalogue.csv") for p in problems), problems


def test_label_must_agree_with_the_catalogue(minipkg):
    edit_cell(minipkg, "indicators.csv", 3, "label_en", "Widget takings")
    assert _problems(minipkg) == [
        "indicators.csv, line 3, column 'label_en': 'Widget takings' differs from catalogue.csv ('Widget revenue')"
    ]


def test_canonical_unit_must_be_a_known_unit(minipkg):
    edit_cell(minipkg, "catalogue.csv", 2, "canonical_unit", "vnd_bm")
    problems = _problems(minipkg)
    assert len(problems) == 1 and "catalogue.csv, line 2, column 'canonical_unit'" in problems[0]
    assert "unknown canonical_unit 'vnd_bm'" in problems[0]


def test_package_without_catalogue_resource_is_not_checked(minipkg):
    pkg = json.loads((minipkg / "datapackage.json").read_text(encoding="utf-8"))
    pkg["resources"] = [r for r in pkg["resources"] if r["name"] != "catalogue"]
    (minipkg / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    (minipkg / "catalogue.csv").unlink()
    assert _problems(minipkg) == []


def test_catalogue_resource_is_described_in_the_datapackage():
    pkg = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    (res,) = [r for r in pkg["resources"] if r["name"] == "catalogue"]
    fields = res["schema"]["fields"]
    assert [f["name"] for f in fields] == COLUMNS
    assert all(f.get("type") and f.get("description") for f in fields)


def test_a_package_without_catalogue_gets_a_clear_error(minipkg):
    pkg = json.loads((minipkg / "datapackage.json").read_text(encoding="utf-8"))
    pkg["resources"] = [r for r in pkg["resources"] if r["name"] != "catalogue"]
    (minipkg / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    with pytest.raises(ValueError, match="has no 'catalogue' resource"):
        describe("widget_revenue", data_dir=minipkg)
    assert len(agstats.load_indicators(data_dir=minipkg)) == 4, "the other tables still load"


def test_describe_and_catalogue_on_another_package(minipkg):
    info = describe("gadget_share", data_dir=minipkg)
    assert info.qualifiers == ("lower_bound",) and info.notes == "A lower bound in the fixture."
    cat = agstats.catalogue(data_dir=minipkg)
    assert cat.set_index("indicator")["n_rows"].to_dict() == {
        "widget_revenue": 2,
        "gadget_share": 1,
        "gadget_kinds": 1,
        "population": 1,
    }


# --------------------------------------------------------------- the Vietnamese texts (definition_vi, notes_vi)
def test_every_row_has_its_vietnamese_definition_and_notes():
    for r in _catalogue_rows():
        ind = r["indicator"]
        assert r["definition_vi"].strip(), f"{ind}: no definition_vi (python scripts/check_translations.py)"
        assert bool(r["notes_vi"].strip()) == bool(r["notes"].strip()), f"{ind}: notes_vi and notes disagree"
        for col in ("definition_vi", "notes_vi"):
            assert unicodedata.is_normalized("NFC", r[col]), (ind, col)
            assert not looks_english(r[col]), f"{ind}: {col} reads as English: {r[col]!r}"
            assert r[col] != r[col.removesuffix("_vi")] or not r[col], (ind, col)


def test_vietnamese_texts_keep_every_number_and_id_of_the_english():
    for r in _catalogue_rows():
        for col in ("definition", "notes"):
            en, vi = numbers_and_ids(r[col]), numbers_and_ids(r[col + "_vi"])
            assert en <= vi, (r["indicator"], col, en - vi)


def test_vietnamese_texts_keep_the_hedges():
    """A bound, an estimate, a target or a 'not comparable' of the English is said in the Vietnamese too."""
    hedges = {
        "lower bound": "cận dưới",
        "estimate": "ước tính",
        "not comparable": "không so sánh được",
        "target": "mục tiêu",
        "not stated": "không nêu",
    }
    for r in _catalogue_rows():
        for col in ("definition", "notes"):
            en, vi = r[col].lower(), r[col + "_vi"].lower()
            for h_en, h_vi in hedges.items():
                if h_en in en:
                    assert h_vi in vi, (r["indicator"], col, h_en)


def test_describe_speaks_the_language_asked_for_or_the_current_one():
    info = describe("postal_service_points", language="vi")
    text = str(info)
    assert text.startswith("postal_service_points — Tổng số điểm phục vụ bưu chính\nPostal service points\n")
    assert f"định nghĩa: {info.definition_vi}" in text and f"ghi chú: {info.notes_vi}" in text
    assert "đơn vị chuẩn: count (" in text and "definition:" not in text and "tiếng Anh" not in text
    assert info.definition_vi.startswith("Số điểm phục vụ bưu chính")
    set_language("vi")
    try:
        assert str(describe("postal_service_points")) == text
    finally:
        set_language("en")
    english = str(describe("postal_service_points"))
    assert english.startswith("postal_service_points — Postal service points\n") and "definition:" in english
    assert info.to_dict()["definition"] == describe("postal_service_points").definition
    with pytest.raises(ValueError, match="unknown language"):
        describe("postal_service_points", language="fr")


def test_describe_shows_the_english_text_marked_where_the_vietnamese_is_missing(minipkg):
    edit_cell(minipkg, "catalogue.csv", 3, "notes_vi", "")  # gadget_share: English notes only
    edit_cell(minipkg, "catalogue.csv", 3, "definition_vi", "<b>Tỷ lệ</b> thử & xem")
    info = describe("gadget_share", language="vi", data_dir=minipkg)
    assert "ghi chú: A lower bound in the fixture. (tiếng Anh)" in str(info)
    html = info._repr_html_()
    assert '<td style="text-align:left" lang="en">A lower bound in the fixture.</td>' in html
    assert "&lt;b&gt;Tỷ lệ&lt;/b&gt; thử &amp; xem" in html and "<b>" not in html
    assert html.startswith('<div class="agstats-indicator" lang="vi">')


def test_validation_of_the_vietnamese_texts(minipkg):
    edit_cell(minipkg, "catalogue.csv", 2, "notes_vi", "Ghi chú không có bản tiếng Anh.")  # widget_revenue: no notes
    edit_cell(minipkg, "catalogue.csv", 3, "notes_vi", "A lower bound in the fixture.")
    assert _problems(minipkg) == [
        "catalogue.csv, line 2, column 'notes_vi': has text but notes is empty",
        "catalogue.csv, line 3, column 'notes_vi': is a copy of notes, not a translation",
    ]
    edit_cell(minipkg, "catalogue.csv", 2, "notes_vi", "")
    edit_cell(minipkg, "catalogue.csv", 3, "notes_vi", "")
    edit_cell(minipkg, "catalogue.csv", 4, "definition_vi", "")
    assert _problems(minipkg) == [], "a row not yet translated is valid (its English is shown)"


def test_text_in_falls_back_to_english():
    row = pd.Series({"definition": "Def.", "definition_vi": "  ", "notes": float("nan")})
    assert text_in(row, "definition", "vi") == ("Def.", "en")
    assert text_in(row, "notes", "vi") == ("", "en")
    assert text_in({"definition": "Def.", "definition_vi": "Đn."}, "definition", "en") == ("Def.", "en")
