"""Validation: every error class, located to file, line and column, on small fixtures."""

from __future__ import annotations

import pytest
from conftest import edit_cell

from agstats import DataValidationError, load_indicators, validate_package
from agstats.validation import Problem, count_list_items, evidence_problem


def problems_of(folder):
    _, problems = validate_package(folder)
    return problems


def only_problem(folder) -> Problem:
    problems = problems_of(folder)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_fixture_package_is_valid(minipkg):
    tables, problems = validate_package(minipkg)
    assert problems == []
    assert len(tables["indicators"]) == 4


def test_shipped_package_is_valid():
    from agstats.io import data_dir

    assert problems_of(data_dir()) == []


@pytest.mark.parametrize(
    "file, line, column, value, words",
    [
        ("indicators.csv", 2, "unit", "vnd_bm", "unknown unit 'vnd_bm'"),
        ("indicators.csv", 3, "source", "nowhere", "unknown source 'nowhere'"),
        ("indicators.csv", 4, "sector", "space", "unknown sector 'space'"),
        ("indicators.csv", 2, "qualifier", "roughly", "unknown qualifier 'roughly'"),
        ("indicators.csv", 2, "value", "12,5", "not a number: '12,5'"),
        ("indicators.csv", 3, "value", "abc", "not a number: 'abc'"),
        ("indicators.csv", 2, "period_start", "2018-13-01", "not an ISO date"),
        ("indicators.csv", 2, "area", "phnom_penh", "unknown area 'phnom_penh'"),
        ("context.csv", 2, "unit", "people", "unknown unit 'people'"),
        ("events.csv", 2, "source", "nowhere", "unknown source 'nowhere'"),
        ("events.csv", 2, "kind", "party", "unknown kind 'party'"),
        ("exchange_rates.csv", 3, "vnd_per_usd", "n/a", "not a number"),
        ("sources.csv", 2, "tier", "quaternary", "unknown tier 'quaternary'"),
    ],
)
def test_bad_cell_is_located(minipkg, file, line, column, value, words):
    edit_cell(minipkg, file, line, column, value)
    problems = problems_of(minipkg)
    located = [p for p in problems if (p.file, p.row, p.column) == (file, line, column)]
    assert located, "\n".join(map(str, problems))
    assert words in located[0].message


def test_missing_evidence(minipkg):
    edit_cell(minipkg, "indicators.csv", 3, "evidence", "")
    p = only_problem(minipkg)
    assert (p.file, p.row, p.column) == ("indicators.csv", 3, "evidence")
    assert "missing value" in p.message


def test_period_end_before_start(minipkg):
    edit_cell(minipkg, "indicators.csv", 2, "period_end", "2017-12-31")
    p = only_problem(minipkg)
    assert (p.file, p.row, p.column) == ("indicators.csv", 2, "period_end")
    assert "before period_start" in p.message


def test_event_window_reversed(minipkg):
    edit_cell(minipkg, "events.csv", 2, "date_end", "2019-01-01")
    p = only_problem(minipkg)
    assert (p.file, p.row, p.column) == ("events.csv", 2, "date_end")


def test_duplicate_indicator_period_area(minipkg):
    edit_cell(minipkg, "indicators.csv", 3, "period_start", "2018-01-01")
    edit_cell(minipkg, "indicators.csv", 3, "period_end", "2018-12-31")
    problems = problems_of(minipkg)
    dup = [p for p in problems if "duplicate" in p.message]
    assert len(dup) == 1
    assert (dup[0].file, dup[0].row) == ("indicators.csv", 3)
    assert "first on line 2" in dup[0].message


def test_evidence_with_another_value(minipkg):
    edit_cell(minipkg, "indicators.csv", 2, "value", "13")
    p = only_problem(minipkg)
    assert (p.file, p.row, p.column) == ("indicators.csv", 2, "evidence")
    assert "not 13 vnd_bn exact" in p.message


def test_evidence_with_another_qualifier(minipkg):
    edit_cell(minipkg, "indicators.csv", 4, "qualifier", "exact")
    p = only_problem(minipkg)
    assert (p.row, p.column) == (4, "evidence")
    assert "lower_bound" in p.message


def test_estimate_recorded_as_exact_is_caught(minipkg):
    edit_cell(minipkg, "indicators.csv", 3, "qualifier", "exact")
    p = only_problem(minipkg)
    assert (p.row, p.column) == (3, "evidence")


def test_evidence_with_another_unit(minipkg):
    edit_cell(minipkg, "indicators.csv", 4, "unit", "count")
    p = only_problem(minipkg)
    assert (p.row, p.column) == (4, "evidence")


def test_count_of_list_mismatch(minipkg):
    edit_cell(minipkg, "indicators.csv", 5, "value", "4")
    p = only_problem(minipkg)
    assert (p.row, p.column) == (5, "evidence")
    assert "lists 3 items" in p.message


def test_estimate_by_date_reads_reached_as_an_estimate():
    # a year's figure published before the year closed: "đạt" is an estimate, "đạt hơn" an estimated bound
    row = dict(evidence="doanh thu dịch vụ Viễn thông đạt 138 nghìn tỷ đồng", value=138.0, unit="vnd_tn")
    assert evidence_problem(dict(row, qualifier="estimate", method="estimate_by_date")) is None
    assert "not 138 vnd_tn estimate" in evidence_problem(dict(row, qualifier="estimate", method="stated"))
    assert "needs qualifier" in evidence_problem(dict(row, qualifier="exact", method="estimate_by_date"))
    bound = dict(evidence="doanh thu toàn ngành đạt hơn 2,1 triệu tỷ đồng", value=2100.0, unit="vnd_tn")
    assert evidence_problem(dict(bound, qualifier="estimate_lower_bound", method="estimate_by_date")) is None
    assert evidence_problem(dict(bound, qualifier="estimate", method="estimate_by_date"))  # the bound stays a bound


def test_sum_of_areas_adds_one_phrase_per_area():
    row = dict(
        evidence="là 1.908.352 người | là 1.723.067 người",
        value=3631419.0,
        unit="persons",
        qualifier="exact",
        method="sum_of_areas",
    )
    assert evidence_problem(row) is None
    assert "sums to 3.63142e+06 persons, not 3.6e+06" in evidence_problem(dict(row, value=3600000.0))
    assert "one phrase per area" in evidence_problem(dict(row, evidence="là 1.908.352 người"))


def test_exchange_rate_evidence_mismatch(minipkg):
    edit_cell(minipkg, "exchange_rates.csv", 2, "vnd_per_usd", "20001")
    p = only_problem(minipkg)
    assert (p.file, p.row, p.column) == ("exchange_rates.csv", 2, "evidence")


def test_header_problems(minipkg):
    path = minipkg / "indicators.csv"
    text = path.read_text(encoding="utf-8").replace(",note\n", ",remark\n", 1)
    path.write_text(text, encoding="utf-8")
    problems = problems_of(minipkg)
    assert {(p.row, p.column) for p in problems} >= {(1, "note"), (1, "remark")}


def test_missing_file(minipkg):
    (minipkg / "events.csv").unlink()
    p = only_problem(minipkg)
    assert p.file == "events.csv" and "missing" in p.message


def test_loader_raises_with_every_problem(minipkg):
    edit_cell(minipkg, "indicators.csv", 2, "unit", "vnd_bm")
    edit_cell(minipkg, "indicators.csv", 3, "sector", "space")
    with pytest.raises(DataValidationError) as info:
        load_indicators(data_dir=minipkg)
    msg = str(info.value)
    assert "indicators.csv, line 2, column 'unit': unknown unit 'vnd_bm'" in msg
    assert "indicators.csv, line 3, column 'sector'" in msg
    assert len(info.value.problems) == 2


def test_nothing_is_silently_dropped(minipkg):
    """A short row is reported, not padded silently."""
    path = minipkg / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0]  # drop the last (empty) note cell
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = only_problem(minipkg)
    assert p.row == 2 and "cells" in p.message


def test_count_list_items():
    assert count_list_items("cáp, số vệ tinh, số mặt đất và IPTV") == 4
    assert count_list_items("A và B") == 2
    assert count_list_items("A") == 1


def test_target_accepts_plainly_worded_figure():
    row = dict(evidence="mỗi năm dành 1% ngân sách", value=1.0, unit="percent", qualifier="target", method="stated")
    assert evidence_problem(row) is None
    assert evidence_problem(dict(row, qualifier="lower_bound")) is not None
