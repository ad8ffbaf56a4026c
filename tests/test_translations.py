"""Which texts still lack their Vietnamese version: the rules, the heuristics and the shipped data."""

from __future__ import annotations

import pytest
from conftest import edit_cell

import agstats
from agstats.translations import (
    looks_english,
    missing_translations,
    publisher_needs_translation,
    title_needs_translation,
)


def test_the_shipped_catalogue_is_translated():
    missing = missing_translations()
    cat = missing[missing.file == "catalogue.csv"]
    assert cat.empty, "rows without Vietnamese text (python scripts/check_translations.py):\n" + cat.to_string()


def test_a_row_without_vietnamese_text_is_listed_with_its_line(minipkg):
    edit_cell(minipkg, "catalogue.csv", 3, "definition_vi", "")
    edit_cell(minipkg, "catalogue.csv", 3, "notes_vi", "")
    edit_cell(minipkg, "catalogue.csv", 4, "definition_vi", "Number of gadget kinds, in the fixture.")
    got = missing_translations(data_dir=minipkg)
    rows = got[got.file == "catalogue.csv"][["line", "id", "column", "problem"]].values.tolist()
    assert rows == [
        [3, "gadget_share", "definition_vi", "missing"],
        [3, "gadget_share", "notes_vi", "missing"],
        [4, "gadget_kinds", "definition_vi", "looks English"],
    ]
    assert got.iloc[0]["english"] == "Share of people with a gadget (a fixture)."


def test_notes_vi_is_not_required_where_there_are_no_english_notes(minipkg):
    # widget_revenue has no notes: no notes_vi wanted
    got = missing_translations(data_dir=minipkg)
    assert not ((got.id == "widget_revenue") & (got.column == "notes_vi")).any()


@pytest.mark.parametrize(
    "text",
    [
        "Subscriptions, not people.",
        "Tertiary source.",
        "Census counts give 68.42 %, the source 68.41 %.",
        "Number of provincial e-government portals (Cổng thông tin điện tử tỉnh).",
        "Average annual GRDP growth over a multi-year period, in percent.",
    ],
)
def test_english_is_recognised(text):
    assert looks_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "Số thuê bao, không phải số người.",
        "Nguồn cấp ba.",
        "85 xã, 14 phường, 3 đặc khu.",
        "Số liệu năm 2025 được viết bằng tiếng Anh ('end-to-end') và được xem là cùng một thước đo.",
        "Là một phần của it_industry_revenue; cận dưới.",
    ],
)
def test_vietnamese_with_quotes_and_ids_is_not_english(text):
    assert not looks_english(text)


def test_every_english_catalogue_text_would_be_caught():
    """The heuristic is good enough for the shipped data: an English text copied into a _vi column fails."""
    cat = agstats.load_catalogue()
    texts = list(cat.definition) + [n for n in cat.notes if n]
    assert all(looks_english(t) for t in texts), [t for t in texts if not looks_english(t)]


@pytest.mark.parametrize(
    ("publisher", "expected"),
    [
        ("Bộ Thông tin và Truyền thông (Ministry of Information and Communications)", True),
        ("Cổng thông tin điện tử tỉnh An Giang (An Giang provincial portal)", True),
        ("Miền Tây có gì (mientaycogi.com, regional blog)", True),
        ("World Bank (World Development Indicators; from IMF International Financial Statistics)", True),
        ("Wikipedia (English)", True),
        ("Báo An Giang", False),
        ("Hanoi Times", False),
        ("VnExpress International", False),
        ("Đầu tư Tài chính (Sài Gòn Giải Phóng)", False),
        ("Sở Thông tin và Truyền thông / Sở Khoa học và Công nghệ tỉnh An Giang", False),
    ],
)
def test_publisher_rule(publisher, expected):
    assert publisher_needs_translation(publisher) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("[An Giang land area] (title not recorded when the page was transcribed)", True),
        ("Nhiều kết quả tích cực… [title cut in the copy transcribed]", True),
        ("Tiền Giang (difference between revisions 54700457)", True),
        ("Nghị quyết số 22-NQ/TU ngày 08/6/2022 (copy)", True),
        ("Đoàn công tác của Bộ Thông tin và Truyền thông làm việc với UBND tỉnh An Giang", False),
        ("Information and communication sector contributes to promoting socio-economic development", False),
        ("Official exchange rate (LCU per US$, period average), Vietnam, indicator PA.NUS.FCRF", False),
    ],
)
def test_title_rule(title, expected):
    assert title_needs_translation(title) is expected


def test_the_shipped_sources_are_translated():
    missing = missing_translations()
    assert missing.empty, "rows without Vietnamese text (python scripts/check_translations.py):\n" + missing.to_string()


def test_source_rows_without_vietnamese_text_are_listed(minipkg):
    edit_cell(minipkg, "sources.csv", 2, "title", "[A fixture page] (title not recorded when the page was transcribed)")
    edit_cell(minipkg, "sources.csv", 2, "publisher", "Sở Thử nghiệm (Fixture Department)")
    got = missing_translations(data_dir=minipkg)
    assert got[["file", "line", "id", "column", "problem"]].values.tolist() == [
        ["sources.csv", 2, "src_a", "title_vi", "missing"],
        ["sources.csv", 2, "src_a", "publisher_vi", "missing"],
    ]
    edit_cell(minipkg, "sources.csv", 2, "title_vi", "[A fixture page] (tiêu đề không được ghi lại)")
    edit_cell(minipkg, "sources.csv", 2, "publisher_vi", "Sở Thử nghiệm")
    agstats.clear_cache()  # the loaders cache each folder's tables
    got = missing_translations(data_dir=minipkg)
    assert got[["column", "problem"]].values.tolist() == [["title_vi", "looks English"]]


def _script():
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("check_translations", ROOT / "scripts" / "check_translations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_pads_rows_from_before_the_columns_and_lists_them(minipkg, capsys):
    path = minipkg / "catalogue.csv"
    path.write_text(path.read_text(encoding="utf-8") + "gizmo,postal,Gizmo,Thử,Gizmos (a fixture).,count,\n")
    assert agstats.validate_package(minipkg)[1], "a short row is invalid before --pad"
    script = _script()
    assert script.main([str(minipkg)]) == 1
    assert "line 6: has 7 cells, the header has 9" in capsys.readouterr().out
    assert script.main(["--pad", str(minipkg)]) == 1
    out = capsys.readouterr().out
    assert "catalogue.csv, line 6: padded with empty definition_vi, notes_vi" in out
    assert "catalogue.csv, line 6, gizmo: definition_vi missing — English: Gizmos (a fixture)." in out
    assert agstats.validate_package(minipkg)[1] == []
    edit_cell(minipkg, "catalogue.csv", 6, "definition_vi", "Số gizmo (dữ liệu thử).")
    agstats.clear_cache()
    assert script.main([str(minipkg)]) == 0


def test_a_translation_left_behind_by_a_changed_english_text_is_listed(minipkg):
    edit_cell(minipkg, "catalogue.csv", 3, "notes", "A lower bound in the fixture (over 60 %; see gadget_kinds).")
    got = missing_translations(data_dir=minipkg)
    assert got[["line", "id", "column", "problem"]].values.tolist() == [[3, "gadget_share", "notes_vi", "out of step"]]
