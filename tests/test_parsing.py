"""Tests of agstats.parsing: Vietnamese numbers -> value, unit, qualifier."""

from __future__ import annotations

import dataclasses
import doctest
import math
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agstats import parsing
from agstats.parsing import (
    MENTION_KINDS,
    NON_QUANTITY_KINDS,
    QUALIFIERS,
    UNIT_CODES,
    Mention,
    Quantity,
    find_quantities,
    format_vi,
    is_unit_code,
    normalize,
    parse_number,
    parse_quantity,
    scan,
    tokenize,
)

ROOT = Path(__file__).resolve().parent.parent
NO_DB = settings(database=None, deadline=None)  # write no .hypothesis folder into the tree


def triples(text: str) -> list[tuple[float, str, str]]:
    return [(q.value, q.unit, q.qualifier) for q in find_quantities(text)]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --------------------------------------------------------------------------- module


def test_doctests() -> None:
    result = doctest.testmod(parsing, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 20
    assert result.failed == 0


def test_public_api() -> None:
    assert QUALIFIERS == (
        "exact", "estimate", "lower_bound", "upper_bound", "approximate", "target", "estimate_lower_bound",
    )  # fmt: skip
    assert [f.name for f in dataclasses.fields(Quantity)][:6] == ["value", "unit", "qualifier", "start", "end", "text"]
    q = Quantity(1.0, "count", "exact", 0, 1, "1")
    assert q.denominator is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 2.0  # type: ignore[misc]


def test_unit_codes_are_codes_of_units_csv() -> None:
    codes = [line.split(",")[0] for line in (ROOT / "data" / "units.csv").read_text(encoding="utf-8").splitlines()[1:]]
    assert set(UNIT_CODES) <= set(codes)


def test_module_imports_only_the_standard_library() -> None:
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('p', {str(ROOT / 'agstats' / 'parsing.py')!r})\n"
        "m = sys.modules['p'] = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        "assert m.parse_quantity('150 tỷ đồng').unit == 'vnd_bn'\n"
        "bad = [n for n in ('pandas', 'numpy', 'agstats') if n in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------------------- normalize


def test_normalize_is_nfc_and_length_stable() -> None:
    text = "Năm 2017\u00a0\u2013\u00a02019:\t156\u2009điểm\r\nước\u202f150\u2014tỷ"
    out = normalize(nfd(text))
    assert out == "Năm 2017 - 2019: 156 điểm\n\nước 150-tỷ"
    assert len(out) == len(unicodedata.normalize("NFC", text))
    assert unicodedata.is_normalized("NFC", out)


def test_normalize_leaves_plain_text_alone() -> None:
    text = "doanh thu năm 2018 đạt 178 tỷ đồng."
    assert normalize(text) == text


# --------------------------------------------------------------------------- parse_number


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("3.300", 3300),
        ("1.908.352", 1908352),
        ("2,5", 2.5),
        ("02", 2),
        ("05", 5),
        ("0", 0),
        ("65.2", 65.2),  # one dot, not three digits after it: decimal
        ("0.500", 0.5),  # "0" cannot start a thousands group
        ("1234.567", 1234.567),
        ("41,5", 41.5),
        ("3.536,7", 3536.7),
        ("22,370.09", 22370.09),  # both separators: the last one is decimal
        ("98.982,30", 98982.3),
        ("1,234,567", 1234567),  # several commas in groups of three: thousands
        (" 150 ", 150),
        ("+5", 5),
        ("-1.234,5", -1234.5),
        ("\u2212" + "7", -7),  # minus sign normalised to "-"
    ],
)
def test_parse_number(token: str, value: float) -> None:
    assert parse_number(token) == pytest.approx(value, rel=1e-15, abs=0)


@pytest.mark.parametrize(
    "token", ["abc", "", "1.2.3", "1,2.3,4", "12 tỷ", "3G", "1..2", "1.23.456", "9" * 400, "9" * 1001]
)
def test_parse_number_rejects_non_numbers(token: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_number(token)
    assert repr(token) in str(info.value)


# --------------------------------------------------------------------------- format_vi


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1908352, None, "1.908.352"),
        (2.5, None, "2,5"),
        (150.0, None, "150"),
        (3536.7, None, "3.536,7"),
        (0, None, "0"),
        (0.07, None, "0,07"),
        (999, None, "999"),
        (1000, None, "1.000"),
        (-1234.5, None, "-1.234,5"),
        (22370.0912, 2, "22.370,09"),
        (2.5, 0, "2"),
        (1908352, 2, "1.908.352,00"),
        (1e16, None, "10.000.000.000.000.000"),
        (-0.0, None, "0"),
    ],
)
def test_format_vi(value: float, decimals: int | None, expected: str) -> None:
    assert format_vi(value, decimals) == expected


@pytest.mark.parametrize(("value", "decimals"), [(math.nan, None), (math.inf, None), (1.0, -1)])
def test_format_vi_errors(value: float, decimals: int | None) -> None:
    with pytest.raises(ValueError):
        format_vi(value, decimals)


# --------------------------------------------------------------------------- the 2019 report

REPORT_PHRASES = [
    ("doanh thu của các doanh nghiệp bưu chính năm 2018 đạt 178 tỷ đồng", 178, "vnd_bn", "exact"),
    ("ước 9 tháng đầu năm 2019 đạt 150 tỷ đồng", 150, "vnd_bn", "estimate"),
    ("Tổng số điểm phục vụ bưu chính: 156 điểm", 156, "count", "exact"),
    ("doanh thu viễn thông năm 2018 đạt 3.300 tỷ đồng", 3300, "vnd_bn", "exact"),
    ("ước 9 tháng đầu năm 2019 đạt 2.700 tỷ đồng", 2700, "vnd_bn", "estimate"),
    ("Tỷ lệ phủ sóng thông tin di động 3G, 4G đã đạt 100% trên toàn tỉnh", 100, "percent", "exact"),
    ("Internet cáp quang tốc độ cao đã đến 100% trung tâm xã phường thị trấn", 100, "percent", "exact"),
    ("Internet di động băng rộng phủ sóng 100%", 100, "percent", "exact"),
    ("Trên 60% dân số sử dụng thiết bị thông minh", 60, "percent", "lower_bound"),
    ("tổ chức 02 buổi Hội thảo và diễn tập An toàn thông tin", 2, "count", "exact"),
    ("Doanh thu ngành Công nghệ thông tin đạt trên 4.600 tỷ đồng", 4600, "vnd_bn", "lower_bound"),
    ("Đã nộp vào ngân sách nhà nước trên 28 tỷ đồng", 28, "vnd_bn", "lower_bound"),
    ("có 05 cơ quan báo chí in địa phương", 5, "count", "exact"),
    ("01 Văn phòng đại diện của Thông tấn xã Việt Nam", 1, "count", "exact"),
    ("60 phóng viên thường trú", 60, "count", "exact"),
    ("01 Đài Phát thanh và Truyền hình tỉnh An Giang", 1, "count", "exact"),
    ("thời lượng phát sóng 24 giờ/ngày", 24, "hours_per_day", "exact"),
    ("07 đơn vị cung cấp dịch vụ truyền hình trả tiền", 7, "count", "exact"),
    ("06 trang thông tin điện tử tổng hợp có giấy phép", 6, "count", "exact"),
    ("01 Cổng thông tin điện tử tỉnh", 1, "count", "exact"),
    ("33 cổng thông tin thành phần", 33, "count", "exact"),
    ("mỗi năm dành 1% ngân sách đầu tư cho hoạt động thông tin - truyền thông", 1, "percent", "exact"),
    # follow-up phrases
    ("Doanh thu bưu chính đạt trên 250 tỷ đồng", 250, "vnd_bn", "lower_bound"),
    ("tổng doanh thu toàn ngành ước đạt trên 6.000 tỷ đồng", 6000, "vnd_bn", "estimate_lower_bound"),
    ("Tỷ lệ sử dụng điện thoại thông minh trên địa bàn tỉnh đạt khoảng 67%", 67, "percent", "approximate"),
    ("dân số của tỉnh là 1.908.352 người", 1908352, "persons", "exact"),
    ("3.536,7 km²", 3536.7, "km2", "exact"),
]


@pytest.mark.parametrize(("phrase", "value", "unit", "qualifier"), REPORT_PHRASES)
def test_report_phrases(phrase: str, value: float, unit: str, qualifier: str) -> None:
    found = find_quantities(phrase)
    assert (value, unit, qualifier) in triples(phrase), found
    # each of these phrases states exactly one quantity: years, "9 tháng", 3G/4G are not quantities
    assert len(found) == 1, found
    assert find_quantities(nfd(phrase)) == found


@pytest.mark.parametrize(
    "phrase",
    [
        "theo Quyết định số 2314/QĐ-UBND ngày 25 tháng 9 năm 2019",
        "theo Quyết định 45/2016/QĐ-TTg",
        "năm 2018",
        "Năm 2017 – 2019, Đội ứng cứu phối hợp",
        "giai đoạn 2021 - 2025",
        "9 tháng đầu năm",
        "ngày 25/9/2019",
        "đến ngày 30-9-2019",
        "tháng 9/2019",
        "lúc 14:30",
        "Nghị định số 64/2007/NĐ-CP",
        "Kế hoạch số 12 của UBND",
        "mạng 2G, 3G, 4G và thử nghiệm 5G",
        "lần thứ 4",
        "Cách mạng công nghiệp lần thứ 4 và công nghiệp 4.0",
        "dịch vụ công trực tuyến mức độ 3",
        "dịch vụ công trực tuyến mức độ 3, 4",
        "Điều 5 Luật 86",
        "điện thoại 0296 3852 123",
        "đường dây nóng 0296.3852.123",
        "COVID-19 và H5N1",
        "1. Tổng quan\n2.1. Bưu chính\n(3) Viễn thông",
        "số thuê bao trên 100 dân",
        "tần số 900 MHz, diện tích 500 ha",
        "không có số",
        "",
    ],
)
def test_not_quantities(phrase: str) -> None:
    assert find_quantities(phrase) == []


def test_source_text(source_text: str) -> None:
    """The whole 2019 report: exactly its 22 stated figures, in order."""
    assert triples(source_text) == [
        (178, "vnd_bn", "exact"), (150, "vnd_bn", "estimate"), (156, "count", "exact"),
        (3300, "vnd_bn", "exact"), (2700, "vnd_bn", "estimate"),
        (100, "percent", "exact"), (100, "percent", "exact"), (100, "percent", "exact"),
        (60, "percent", "lower_bound"), (2, "count", "exact"),
        (4600, "vnd_bn", "lower_bound"), (28, "vnd_bn", "lower_bound"),
        (5, "count", "exact"), (1, "count", "exact"), (60, "count", "exact"), (1, "count", "exact"),
        (24, "hours_per_day", "exact"), (7, "count", "exact"), (6, "count", "exact"), (1, "count", "exact"),
        (33, "count", "exact"), (1, "percent", "exact"),
    ]  # fmt: skip
    assert triples(nfd(source_text)) == triples(source_text)


# --------------------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("phrase", "value", "unit"),
    [
        ("41,5%", 41.5, "percent"),
        ("75,8 %", 75.8, "percent"),
        ("100 phần trăm", 100, "percent"),
        ("150 tỷ đồng", 150, "vnd_bn"),
        ("150 tỉ đồng", 150, "vnd_bn"),
        ("150 Tỷ VNĐ", 150, "vnd_bn"),
        ("150 tỷ đ", 150, "vnd_bn"),
        ("150 tỷ", 150, "vnd_bn"),  # a bare "tỷ" is money
        ("500 triệu đồng", 500, "vnd_mn"),
        ("500 nghìn đồng", 500_000, "vnd"),
        ("500.000 đ", 500_000, "vnd"),
        ("500.000đ", 500_000, "vnd"),
        ("2.000 đồng", 2000, "vnd"),
        ("138 nghìn tỷ đồng", 138, "vnd_tn"),
        ("138 ngàn tỷ đồng", 138, "vnd_tn"),
        ("2,1 triệu tỷ đồng", 2100, "vnd_tn"),
        ("112 tỷ USD", 112, "usd_bn"),
        ("5 triệu USD", 5, "usd_mn"),
        ("300 USD", 300, "usd"),
        ("5 triệu đô la Mỹ", 5, "usd_mn"),
        ("$5 billion", 5, "usd_bn"),
        ("US$ 3 million", 3, "usd_mn"),
        ("22.370 đồng/USD", 22370, "vnd_per_usd"),
        ("22.370 VNĐ/USD", 22370, "vnd_per_usd"),
        ("10,8 triệu thuê bao", 10.8, "count_mn"),
        ("1,9 triệu người", 1.9, "count_mn"),
        ("7,7 tỷ người", 7.7e9, "count"),
        ("2 billion devices", 2e9, "count"),
        ("250 nghìn thuê bao", 250, "count_th"),
        ("1.908.352 người", 1908352, "persons"),
        ("100 dân", 100, "persons"),
        ("54 dân tộc", 54, "count"),
        ("20 đồng chí", 20, "count"),  # comrades, not money
        ("24 giờ/ngày", 24, "hours_per_day"),
        ("18 giờ mỗi ngày", 18, "hours_per_day"),
        ("24h/ngày", 24, "hours_per_day"),
        ("3.536,7 km2", 3536.7, "km2"),
        ("3.536,7 km²", 3536.7, "km2"),
        ("120 km", 120, "km"),
        ("540 người/km²", 540, "persons_per_km2"),
        ("540 người/km2", 540, "persons_per_km2"),
        ("120km", 120, "km"),
        ("156 điểm", 156, "count"),
        ("05 cơ quan báo chí", 5, "count"),
        ("60 phóng viên", 60, "count"),
        ("33 cổng thông tin", 33, "count"),
        ("có 2000 điểm", 2000, "count"),  # a year-like number introduced as an amount
    ],
)
def test_units(phrase: str, value: float, unit: str) -> None:
    q = parse_quantity(phrase)
    assert (q.value, q.unit) == (pytest.approx(value), unit)
    assert q.qualifier == "exact"


def test_numbers_beyond_the_float_range_are_skipped() -> None:
    assert triples("9" * 400 + " tỷ đồng và 5%") == [(5, "percent", "exact")]
    assert triples("1/" + "9" * 400 + " điểm") == []


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("more than 1,200 end-to-end online public services are available", [(1200, "count", "lower_bound")]),
        ("press agencies published 1,427 news and articles", [(1427, "count", "exact")]),
        ("VND 16,800 billion (US$ 745.6 million) in post", [(16800, "vnd_bn", "exact"), (745.6, "usd_mn", "exact")]),
        ("went up 23 percent year-on-year to VND34.3 trillion ($1.48 billion)",
         [(23, "percent", "exact"), (34.3, "vnd_tn", "exact"), (1.48, "usd_bn", "exact")]),
        ("revenue of over VND180 trillion", [(180, "vnd_tn", "lower_bound")]),
        ("recorded VND3.1 quadrillion in revenue", [(3100, "vnd_tn", "exact")]),
        ("postal service revenue is estimated at VND 52,300 billion", [(52300, "vnd_bn", "estimate")]),
        ("fixed broadband subscribers were estimated at 12.56 million", [(12.56, "count_mn", "estimate")]),
        ("3,453 tỉ USD", [(3.453, "usd_bn", "exact")]),  # Vietnamese words: the comma is decimal
        ("42,598 triệu đồng", [(42.598, "vnd_mn", "exact")]),
        ("1,200", [(1.2, "count", "exact")]),  # no language signal: Vietnamese
    ],
)  # fmt: skip
def test_english_phrases_read_numbers_the_english_way(phrase: str, expected: list[tuple[float, str, str]]) -> None:
    assert triples(phrase) == [(pytest.approx(v), u, q) for v, u, q in expected]


def test_parse_number_lang() -> None:
    assert parse_number("1,200", lang="en") == 1200
    assert parse_number("1.200", lang="en") == 1.2
    assert parse_number("22,370.09", lang="en") == parse_number("22,370.09") == 22370.09
    with pytest.raises(ValueError, match="lang"):
        parse_number("1", lang="fr")


def test_units_without_a_code_are_skipped() -> None:
    assert find_quantities("tần số 900 MHz, 3 lần/tuần") == []
    assert triples("trẻ em 15 tuổi, 40% hộ") == [(40, "percent", "exact")]


def test_range_gives_the_first_number_the_second_ones_unit() -> None:
    assert triples("từ 10 - 15%") == [(10, "percent", "exact"), (15, "percent", "exact")]
    assert triples("từ 5 đến 10 tỷ đồng") == [(5, "vnd_bn", "exact"), (10, "vnd_bn", "exact")]


def test_ratio() -> None:
    q = parse_quantity("102/102 điểm")
    assert (q.value, q.denominator, q.unit, q.text) == (102, 102, "count", "102/102")
    q = parse_quantity("52/63 tỉnh, thành phố đã ban hành")
    assert (q.value, q.denominator, q.unit) == (52, 63, "count")
    q = parse_quantity("đứng 7/63 tỉnh, thành")  # a rank: see test_ranks
    assert (q.value, q.denominator, q.unit) == (7, None, "rank_of_63")
    assert find_quantities("năm học 2018/2019") == []


# --------------------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    ("phrase", "value", "unit", "qualifier"),
    [
        ("trên 60%", 60, "percent", "lower_bound"),
        ("Trên 60% dân số", 60, "percent", "lower_bound"),
        ("đạt trên 4.600 tỷ đồng", 4600, "vnd_bn", "lower_bound"),
        ("hơn 112 tỷ USD", 112, "usd_bn", "lower_bound"),
        ("tối thiểu 20 điểm", 20, "count", "lower_bound"),
        ("ít nhất 20 điểm", 20, "count", "lower_bound"),
        ("không dưới 20%", 20, "percent", "lower_bound"),
        ("từ 50 người trở lên", 50, "persons", "lower_bound"),
        ("từ 5 doanh nghiệp trở lên", 5, "count", "lower_bound"),
        ("over 200 people", 200, "persons", "lower_bound"),
        ("more than 10%", 10, "percent", "lower_bound"),
        ("dưới 5%", 5, "percent", "upper_bound"),
        ("không quá 5%", 5, "percent", "upper_bound"),
        ("từ 10 người trở xuống", 10, "persons", "upper_bound"),
        ("khoảng 67%", 67, "percent", "approximate"),
        ("gần 2.000 tỷ đồng", 2000, "vnd_bn", "approximate"),
        ("xấp xỉ 30%", 30, "percent", "approximate"),
        ("some 5 million USD", 5, "usd_mn", "approximate"),
        ("ước 150 tỷ đồng", 150, "vnd_bn", "estimate"),
        ("ước tính 150 tỷ đồng", 150, "vnd_bn", "estimate"),
        ("Ước đạt 150 tỷ đồng", 150, "vnd_bn", "estimate"),
        ("ước 9 tháng đầu năm 2019 đạt 150 tỷ đồng", 150, "vnd_bn", "estimate"),
        ("ước đạt trên 6.000 tỷ đồng", 6000, "vnd_bn", "estimate_lower_bound"),
        ("ước đạt hơn 6.000 tỷ đồng", 6000, "vnd_bn", "estimate_lower_bound"),
        ("ước đạt khoảng 6.000 tỷ đồng", 6000, "vnd_bn", "estimate"),
        ("Ước tính năm 2019: 150 tỷ đồng", 150, "vnd_bn", "estimate"),  # a keyword label carries over its colon
        ("phấn đấu đạt 80%", 80, "percent", "target"),
        ("phấn đấu đến năm 2025 có 80% dân số dùng điện thoại thông minh", 80, "percent", "target"),
        ("kế hoạch năm 2020 đạt 200 tỷ đồng", 200, "vnd_bn", "target"),
        ("chỉ tiêu 90% hộ gia đình", 90, "percent", "target"),
        ("mỗi năm dành 1% ngân sách đầu tư", 1, "percent", "exact"),
        ("Sở Kế hoạch và Đầu tư cho biết tỷ lệ đạt 50%", 50, "percent", "exact"),
        ("so với kế hoạch đạt 95%", 95, "percent", "exact"),
        ("vượt kế hoạch 5%", 5, "percent", "exact"),
        ("hiệp ước với 5 nước", 5, "count", "exact"),
        ("đạt 100% trên toàn tỉnh", 100, "percent", "exact"),  # "trên" after the number
        ("trên địa bàn tỉnh có 05 cơ quan", 5, "count", "exact"),
        ("trên 01 Cổng thông tin điện tử", 1, "count", "exact"),  # "trên" = on
        ("cao hơn 5% so với năm trước", 5, "percent", "exact"),  # a comparison, not a bound
    ],
)
def test_qualifiers(phrase: str, value: float, unit: str, qualifier: str) -> None:
    assert triples(phrase) == [(value, unit, qualifier)]
    assert triples(nfd(phrase)) == [(value, unit, qualifier)]


def test_estimate_scope_is_the_clause() -> None:
    text = (
        "năm 2018 đạt 178 tỷ đồng, ước 9 tháng đầu năm 2019 đạt 150 tỷ đồng, tăng 10%. "
        "Tổng số điểm phục vụ bưu chính: 156 điểm; doanh thu 3.300 tỷ đồng\n20 điểm"
    )
    assert triples(text) == [
        (178, "vnd_bn", "exact"),  # before "ước"
        (150, "vnd_bn", "estimate"),
        (10, "percent", "estimate"),  # commas do not end the clause
        (156, "count", "exact"),  # "." ends it
        (3300, "vnd_bn", "exact"),  # ";" ends it
        (20, "count", "exact"),
    ]


def test_thousands_dots_do_not_end_a_clause() -> None:
    assert triples("ước đạt 1.200 tỷ đồng và 3.300 tỷ đồng") == [
        (1200, "vnd_bn", "estimate"),
        (3300, "vnd_bn", "estimate"),
    ]


# --------------------------------------------------------------------------- spans and parse_quantity


@pytest.mark.parametrize(
    ("phrase", "span_text"),
    [
        ("đạt trên 4.600 tỷ đồng.", "4.600 tỷ đồng"),
        ("Trên 60% dân số", "60%"),
        ("có 05 cơ quan báo chí", "05"),
        ("10,8 triệu thuê bao", "10,8 triệu"),
        ("phát sóng 24 giờ/ngày;", "24 giờ/ngày"),
        ("22.370 đồng/USD", "22.370 đồng/USD"),
        ("hơn US$ 5 billion", "US$ 5 billion"),
        ("revenue of VND34.3 trillion", "VND34.3 trillion"),
        ("VND 16,800 billion", "VND 16,800 billion"),
    ],
)
def test_spans(phrase: str, span_text: str) -> None:
    q = parse_quantity(phrase)
    assert q.text == span_text
    assert normalize(phrase)[q.start : q.end] == span_text
    d = parse_quantity(nfd(phrase))
    assert (d.start, d.end, d.text) == (q.start, q.end, q.text)


def test_parse_quantity_returns_the_first_quantity() -> None:
    q = parse_quantity("ước 9 tháng đầu năm 2019 đạt 150 tỷ đồng, tăng 10%")
    assert (q.value, q.unit, q.qualifier, q.text) == (150, "vnd_bn", "estimate", "150 tỷ đồng")


def test_parse_quantity_error_quotes_the_text() -> None:
    with pytest.raises(ValueError, match="'không có số'"):
        parse_quantity("không có số")
    with pytest.raises(ValueError, match="45/2016/QĐ-TTg"):
        parse_quantity("theo Quyết định 45/2016/QĐ-TTg")


def test_tokenize() -> None:
    toks = tokenize("ước đạt 3.300 tỷ, 3G; theo 45/2016/QĐ-TTg ngày 25/9/2019 lúc 8:30, 102/102")
    assert [(t.kind, t.text) for t in toks] == [
        ("keyword", "ước"), ("number", "3.300"), ("break", ";"), ("docnum", "45/2016/QĐ-TTg"),
        ("date", "25/9/2019"), ("time", "8:30"), ("ratio", "102/102"),
    ]  # fmt: skip
    text = normalize("ước đạt 3.300 tỷ")
    assert all(text[t.start : t.end] == t.text for t in toks[:2])


@pytest.mark.parametrize(
    "text",
    ["1." * 20000, "1," * 20000, "ước " * 20000, "trên " * 20000 + "5", "1/" * 20000, "0" * 50000,
     "9" * 50000 + "%", ("a" * 39 + " ") * 5000 + "5 trở", "5" + " x" * 50000, "kế hoạch: " * 10000],
)  # fmt: skip
def test_no_catastrophic_backtracking(text: str) -> None:
    t0 = time.perf_counter()
    find_quantities(text)
    assert time.perf_counter() - t0 < 2.0


# --------------------------------------------------------------------------- properties

amounts = st.one_of(
    st.integers(min_value=0, max_value=10**15),
    st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False).map(float),
)


@NO_DB
@given(amounts)
def test_format_then_parse_round_trips(x: float) -> None:
    assert parse_number(format_vi(x)) == pytest.approx(x, rel=1e-12, abs=1e-12)
    q = parse_quantity(format_vi(x) + " tỷ đồng")
    assert q.value == pytest.approx(x, rel=1e-12, abs=1e-12)
    assert (q.unit, q.qualifier) == ("vnd_bn", "exact")


@NO_DB
@given(amounts, st.integers(min_value=0, max_value=3))
def test_format_with_decimals_round_trips(x: float, decimals: int) -> None:
    assert parse_number(format_vi(x, decimals)) == pytest.approx(round(x, decimals), rel=1e-12, abs=10**-decimals)


@NO_DB
@given(st.text())
def test_find_quantities_never_raises_and_ignores_normalisation_form(text: str) -> None:
    found = find_quantities(text)
    assert find_quantities(nfd(text)) == found
    assert find_quantities(unicodedata.normalize("NFC", text)) == found
    norm = normalize(text)
    for q in found:
        assert is_unit_code(q.unit) and q.qualifier in QUALIFIERS
        assert norm[q.start : q.end] == q.text
        assert q.value >= 0 and math.isfinite(q.value)


@NO_DB
@given(
    st.lists(
        st.sampled_from(
            [
                "ước",
                "đạt",
                "trên",
                "khoảng",
                " ",
                ", ",
                ". ",
                ":",
                "3.300",
                "2,5",
                "05",
                "tỷ",
                "đồng",
                "%",
                "năm",
                "2019",
                "/",
                "-",
                "người",
                "giờ/ngày",
                "QĐ",
                "\n",
                "trở lên",
            ]
        )
    )
)
def test_find_quantities_on_report_like_noise(parts: list[str]) -> None:
    text = " ".join(parts)
    for q in find_quantities(text):
        assert q.qualifier in QUALIFIERS and is_unit_code(q.unit)
        assert normalize(text)[q.start : q.end] == q.text


# --------------------------------------------------------------------------- scan: every number, classified


def kinds(text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in scan(text)]


def test_scan_public_api() -> None:
    assert MENTION_KINDS == ("quantity", "measure", *NON_QUANTITY_KINDS)
    assert {"date", "year", "period", "docnum", "technology", "ordinal", "level", "list_marker", "phone"} <= set(
        NON_QUANTITY_KINDS
    )
    assert Mention._fields[:5] == ("kind", "start", "end", "text", "quantity")
    m = Mention("year", 0, 8, "năm 2018")
    with pytest.raises(AttributeError):
        m.kind = "date"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("theo Quyết định số 2314/QĐ-UBND ngày 25 tháng 9 năm 2019",
         [("docnum", "2314/QĐ-UBND"), ("date", "ngày 25 tháng 9 năm 2019")]),
        ("Kế hoạch 8124/KH-UBND ngày 03/6/2020", [("docnum", "8124/KH-UBND"), ("date", "ngày 03/6/2020")]),
        ("Nghị quyết 12-NQ/TU và 45/2016/QĐ-TTg", [("docnum", "12-NQ/TU"), ("docnum", "45/2016/QĐ-TTg")]),
        ("Kế hoạch số 12 của UBND", [("docnum", "Kế hoạch số 12")]),
        ("đến 25/9/2019", [("date", "25/9/2019")]),
        ("tháng 9/2019 và tháng 6 năm 2020", [("date", "tháng 9/2019"), ("date", "tháng 6 năm 2020")]),
        ("năm 2018", [("year", "năm 2018")]),
        ("Năm 2017 – 2019, đội", [("year", "Năm 2017 - 2019")]),
        ("giai đoạn 2021 - 2025", [("year", "giai đoạn 2021 - 2025")]),
        ("từ năm 2018 đến năm 2020", [("year", "năm 2018 đến năm 2020")]),
        ("năm học 2018/2019", [("year", "2018/2019")]),
        ("ước 9 tháng đầu năm 2019", [("period", "9 tháng đầu năm 2019")]),
        ("quý 3 năm 2020, quý 3/2020", [("period", "quý 3 năm 2020"), ("period", "quý 3/2020")]),
        ("trong 3 - 5 năm", [("period", "3 - 5 năm")]),
        ("lúc 14:30", [("time", "14:30")]),
        ("mạng 3G, 4G, 5G; 3G/4G", [("technology", "3G"), ("technology", "4G"), ("technology", "5G"),
                                    ("technology", "3G"), ("technology", "4G")]),
        ("công nghiệp 4.0", [("version", "4.0")]),
        ("Cách mạng công nghiệp lần thứ 4", [("ordinal", "lần thứ 4")]),
        ("dịch vụ công mức độ 3, 4", [("level", "mức độ 3, 4")]),
        ("hệ thống cấp độ 3", [("level", "cấp độ 3")]),
        ("Điều 5, Quốc lộ 91", [("label", "Điều 5"), ("label", "Quốc lộ 91")]),
        ("phòng chống COVID-19", [("code", "COVID-19")]),
        ("1. Tổng quan\n2.1. Bưu chính\n(3) Viễn thông",
         [("list_marker", "1"), ("list_marker", "2.1"), ("list_marker", "3")]),
        ("mục 1.2.3", [("section", "1.2.3")]),
        ("điện thoại 0296 3852 123", [("phone", "điện thoại 0296 3852 123")]),
        ("đường dây nóng 0296.3852.123", [("phone", "0296.3852.123")]),
        ("Hotline hỗ trợ: 1900 9090", [("phone", "1900 9090")]),
        ("số thuê bao trên 100 dân", [("denominator", "100")]),
        ("từ 15 - 60 tuổi", [("age", "15 - 60 tuổi")]),
        ("900 MHz", [("measure", "900 MHz")]),
        ("100 Mbps", [("quantity", "100 Mbps")]),
        ("156 điểm, 41,5%", [("quantity", "156"), ("quantity", "41,5%")]),
    ],
)  # fmt: skip
def test_scan_kinds(phrase: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(phrase) == expected
    assert kinds(nfd(phrase)) == expected


def test_scan_spans_and_fields() -> None:
    text = "ước 9 tháng đầu năm 2019 đạt trên 150 tỷ đồng; từ 10 - 15%; 1-3 lần/tuần"
    ms = scan(text)
    norm = normalize(text)
    assert all(norm[m.start : m.end] == m.text for m in ms)
    q = ms[1]
    assert (q.kind, q.quantity.qualifier, q.qualifier_source, q.keyword_start, q.unit_text) == (
        "quantity", "estimate_lower_bound", "word+clause", 0, "tỷ đồng")  # fmt: skip
    assert [(m.text, m.range_next) for m in ms[2:]] == [("10", True), ("15%", False), ("1", True),
                                                        ("3 lần/tuần", False)]  # fmt: skip
    assert ms[4].quantity.unit == "" and ms[5].unit_text == "lần/tuần"
    assert [m.range_next for m in scan("đạt 5 tỷ đồng và 10 tỷ đồng")] == [False, False]


def test_scan_quantities_are_find_quantities(source_text: str) -> None:
    assert [m.quantity for m in scan(source_text) if m.kind == "quantity"] == find_quantities(source_text)


@NO_DB
@given(st.text())
def test_scan_agrees_with_find_quantities(text: str) -> None:
    ms = scan(text)
    assert [m.quantity for m in ms if m.kind == "quantity"] == find_quantities(text)
    assert scan(nfd(text)) == ms
    norm = normalize(text)
    for m in ms:
        assert m.kind in MENTION_KINDS and norm[m.start : m.end] == m.text
        assert (m.quantity is None) == (m.kind not in ("quantity", "measure"))


@NO_DB
@given(
    st.lists(
        st.sampled_from(
            [
                "ước",
                "đạt",
                "trên",
                "năm",
                "2019",
                "tháng",
                "9",
                "ngày",
                "25",
                "-",
                "đến",
                "3G",
                "mức độ",
                "3",
                ",",
                "và",
                "217",
                "lần/ngày",
                "1-3",
                "0296",
                "3852",
                "1900",
                "/",
                "QĐ-UBND",
                "12-NQ/TU",
                "%",
                "tỷ đồng",
                "tuổi",
                "\n",
                "1.",
                "(2)",
                " ",
            ]
        )
    )
)
def test_scan_on_report_like_noise(parts: list[str]) -> None:
    text = " ".join(parts)
    assert [m.quantity for m in scan(text) if m.kind == "quantity"] == find_quantities(text)


def test_tokenize_has_no_technology_tokens() -> None:
    assert tokenize("mạng 3G, 4G") == []


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("có 385 dịch vụ mức độ 3 và 217 dịch vụ mức độ 4", [(385, "count", "exact"), (217, "count", "exact")]),
        ("chạy 1-3 lần/tuần", []),  # a unit without a code, both ends of the range
        ("chạy 1-3 lần/ngày", [(1, "times_per_day", "exact"), (3, "times_per_day", "exact")]),
        ("trong 3 - 5 năm", []),  # a length of time, both ends
        ("Nghị quyết 12-NQ/TU", []),
        ("Hotline: 1900 9090", []),
        ("10.000 lượt truy cập/ngày", [(10000, "count_per_day", "exact")]),
        ("làm việc 22 ngày/tháng", []),  # a length of time per month, not a count per month
    ],
)
def test_find_quantities_new_cases(phrase: str, expected: list[tuple[float, str, str]]) -> None:
    assert triples(phrase) == expected


# --------------------------------------------------------------------------- ranks and index scores


@pytest.mark.parametrize(
    ("phrase", "value", "unit", "text"),
    [
        ("thứ 7/63", 7, "rank_of_63", "7/63"),
        ("xếp thứ 7/63", 7, "rank_of_63", "7/63"),
        ("xếp hạng 7/63", 7, "rank_of_63", "7/63"),
        ("xếp hạng thứ 10/63 tỉnh, thành phố", 10, "rank_of_63", "10/63"),
        ("đứng thứ 7 trên 63 tỉnh, thành phố", 7, "rank_of_63", "7 trên 63"),
        ("chỉ số DTI xếp 7/63 tỉnh", 7, "rank_of_63", "7/63"),
        ("hạng 54", 54, "rank", "54"),
        ("xếp thứ 36.", 36, "rank", "36"),
        ("ranked 7th out of 63", 7, "rank_of_63", "7th out of 63"),
        ("ranked 7th", 7, "rank", "7th"),
        ("xếp thứ 12/34 tỉnh, thành phố", 12, "rank_of_34", "12/34"),
        ("65,2/100 điểm", 65.2, "score_of_100", "65,2/100 điểm"),
        ("đạt 69,63/100 điểm", 69.63, "score_of_100", "69,63/100 điểm"),
        ("chỉ số DTI đạt 0,677", 0.677, "index_score", "0,677"),
        ("chỉ số PAPI đạt 0,6521 điểm", 0.6521, "index_score", "0,6521 điểm"),
        ("đạt 0,4712 điểm, xếp thứ 36", 0.4712, "index_score", "0,4712 điểm"),
        ("thuê bao đạt tỷ lệ 100/100 dân", 100, "per_100_inhabitants", "100/100 dân"),
    ],
)  # fmt: skip
def test_ranks_and_scores(phrase: str, value: float, unit: str, text: str) -> None:
    q = parse_quantity(phrase)
    assert (q.value, q.unit, q.text, q.denominator) == (value, unit, text, None)
    assert is_unit_code(q.unit)


def test_a_score_beside_a_rank() -> None:
    assert triples("xếp thứ 39/63 (0,677)") == [(39, "rank_of_63", "exact"), (0.677, "index_score", "exact")]


@pytest.mark.parametrize(
    "phrase",
    ["lần thứ 4", "năm thứ 3 liên tiếp", "vào thứ 7", "the 7th meeting", "tháng 7/2019", "ngày 25/9/2019",
     "Quyết định số 2314/QĐ-UBND", "xếp thứ 7/2019", "hạng 7/2019"],
)  # fmt: skip
def test_not_ranks(phrase: str) -> None:
    assert [q for q in find_quantities(phrase) if q.unit.startswith("rank")] == []


def test_a_share_of_provinces_is_no_rank() -> None:
    assert triples("52/63 tỉnh, thành phố đã ban hành kế hoạch") == [(52, "count", "exact")]


_RANK_WORDS = st.sampled_from(["thứ", "xếp thứ", "xếp hạng", "xếp hạng thứ", "đứng thứ", "vị trí thứ"])


@NO_DB
@given(word=_RANK_WORDS, rank=st.integers(1, 99), extra=st.integers(0, 900),
       form=st.sampled_from(["{r}/{n}", "{r} trên {n} tỉnh, thành phố", "{r}/{n} tỉnh"]),
       prefix=st.sampled_from(["", "Năm 2023, chỉ số DTI của tỉnh ", "Tỉnh An Giang "]))  # fmt: skip
def test_rank_grammar(word: str, rank: int, extra: int, form: str, prefix: str) -> None:
    """Any stated rank r of n reads as one quantity r with unit rank_of_<n>, and n is no figure."""
    n = rank + extra
    text = f"{prefix}{word} {form.format(r=rank, n=n)}"
    qs = find_quantities(text)
    assert [(q.value, q.unit) for q in qs] == [(rank, f"rank_of_{n}")], text
    assert qs[0].text.startswith(str(rank))


@NO_DB
@given(day=st.integers(1, 28), month=st.integers(1, 12), year=st.integers(1990, 2030),
       num=st.integers(1, 9999), word=_RANK_WORDS)  # fmt: skip
def test_dates_and_document_numbers_are_never_ranks(day: int, month: int, year: int, num: int, word: str) -> None:
    for text in (f"{word} {month}/{year}", f"{word} {day}/{month}/{year}", f"ngày {day}/{month}/{year}",
                 f"tháng {month}/{year}", f"Quyết định số {num}/QĐ-UBND ngày {day}/{month}/{year}"):  # fmt: skip
        assert [q for q in find_quantities(text) if q.unit.startswith("rank")] == [], text
