"""Validation: every error class, located to file, line and column, on small fixtures."""

from __future__ import annotations

import csv
import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, edit_cell
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# --------------------------------------------------------------------------- hostile and broken packages
#
# One fixture per class of bad input: a copy of the real data package in a tmp folder with
# exactly one thing changed (see ``broken``). Each is checked three ways: validate_package
# (the exact message: cause, file, line), ``agstats validate`` (exit 1, the same message,
# no traceback) and the loaders (DataValidationError with the same message).

OUTSIDE_MARKER = "root:x:0:0:SECRET-OUTSIDE-LINE"


def _package(tmp_path: Path) -> Path:
    out = tmp_path / "pkg"
    shutil.copytree(ROOT / "data", out)
    return out


def _json(fn):
    """A mutation of datapackage.json as a Python object."""

    def mutate(folder: Path) -> None:
        path = folder / "datapackage.json"
        pkg = json.loads(path.read_text(encoding="utf-8"))
        pkg = fn(pkg)
        path.write_text(json.dumps(pkg, ensure_ascii=False, indent=1), encoding="utf-8")

    return mutate


def _resource(pkg: dict, name: str) -> dict:
    return next(r for r in pkg["resources"] if r["name"] == name)


def _field(pkg: dict, resource: str, name: str) -> dict:
    return next(f for f in _resource(pkg, resource)["schema"]["fields"] if f["name"] == name)


def _set(fn):
    """Apply fn(pkg) for its side effect and return the package."""

    def apply(pkg):
        fn(pkg)
        return pkg

    return apply


def _bytes(file: str, fn):
    def mutate(folder: Path) -> None:
        path = folder / file
        path.write_bytes(fn(path.read_bytes()))

    return mutate


def _cell(file: str, line: int, column: str, value: str):
    def mutate(folder: Path) -> None:
        edit_cell(folder, file, line, column, value)

    return mutate


def _lines(file: str, fn):
    """A mutation of the file's lines (without line ends)."""

    def mutate(folder: Path) -> None:
        path = folder / file
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(fn(lines)), encoding="utf-8")

    return mutate


def _outside_file(folder: Path) -> Path:
    secret = folder.parent / "outside.csv"
    secret.write_text(OUTSIDE_MARKER + "\n", encoding="utf-8")
    return secret


def _path_outside(folder: Path) -> None:
    _outside_file(folder)
    _json(_set(lambda p: _resource(p, "units").update(path="../outside.csv")))(folder)


def _path_absolute(folder: Path) -> None:
    secret = _outside_file(folder)
    _json(_set(lambda p: _resource(p, "units").update(path=str(secret))))(folder)


def _symlink_outside(folder: Path) -> None:
    secret = _outside_file(folder)
    (folder / "units.csv").unlink()
    (folder / "units.csv").symlink_to(secret)


def _bad_byte(folder: Path) -> None:
    path = folder / "indicators.csv"
    lines = path.read_bytes().split(b"\n")
    first = lines[3].split(b",")[0]
    lines[3] = first + b",\xff" + lines[3][len(first) + 1 :]
    path.write_bytes(b"\n".join(lines))


def _quoted_newlines(folder: Path) -> None:
    """Two quoted newlines in line 2's note, then a bad value in the record that started on line 5."""
    path = folder / "indicators.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    rows[1][header.index("note")] = "first\nsecond\nthird"
    rows[4][header.index("value")] = "abc"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _cell_nfd(folder: Path) -> None:
    path = folder / "indicators.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    col = rows[0].index("label_vi")
    rows[2][col] = unicodedata.normalize("NFD", rows[2][col])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _drop_header_column(folder: Path) -> None:
    _lines("indicators.csv", lambda ls: [ls[0].replace(",note", "", 1), *ls[1:]])(folder)


def _extra_column(folder: Path) -> None:
    _lines("indicators.csv", lambda ls: [ls[0] + ",extra", *[line + ",x" if line else line for line in ls[1:]]])(folder)


# (id, mutation, file, line, exact words of the message). The file "PKG" is the package folder itself.
BAD_INPUTS = [
    # structure of datapackage.json
    (
        "empty-object",
        _json(lambda p: {}),
        "datapackage.json",
        None,
        "'resources' must be a list of resources (missing)",
    ),
    ("json-list", _json(lambda p: []), "datapackage.json", None, "must be a JSON object, not a list"),
    (
        "invalid-json",
        lambda f: (f / "datapackage.json").write_text('{\n  "resources": [\n    {"name": }\n]}', encoding="utf-8"),
        "datapackage.json",
        3,
        "invalid JSON: Expecting value",
    ),
    (
        "resources-not-list",
        _json(_set(lambda p: p.update(resources={"indicators": {}}))),
        "datapackage.json",
        None,
        "'resources' must be a list of resources (an object)",
    ),
    (
        "missing-indicators-resource",
        _json(_set(lambda p: p["resources"].remove(_resource(p, "indicators")))),
        "datapackage.json",
        None,
        "required resource 'indicators' is not listed in 'resources'",
    ),
    (
        "resource-without-path",
        _json(_set(lambda p: _resource(p, "events").pop("path"))),
        "datapackage.json",
        None,
        "resource 'events': 'path' must be a file name (a string)",
    ),
    (
        "path-outside-folder",
        _path_outside,
        "datapackage.json",
        None,
        "resource 'units': path '../outside.csv' leaves the data folder ('..')",
    ),
    ("path-absolute", _path_absolute, "datapackage.json", None, "is absolute; give a file of the data folder"),
    ("symlink-outside", _symlink_outside, "datapackage.json", None, "is a link that leads outside the data folder"),
    (
        "schema-fields-not-list",
        _json(_set(lambda p: _resource(p, "units")["schema"].update(fields="code"))),
        "datapackage.json",
        None,
        "resource 'units': schema 'fields' must be a non-empty list",
    ),
    (
        "schema-unknown-type",
        _json(_set(lambda p: _field(p, "indicators", "value").update(type="decimal"))),
        "datapackage.json",
        None,
        "resource 'indicators', field 'value': unknown type 'decimal'",
    ),
    (
        "constraint-wrong-type",
        _json(_set(lambda p: _field(p, "indicators", "value")["constraints"].update(minimum="0"))),
        "datapackage.json",
        None,
        "resource 'indicators', field 'value': constraint 'minimum' must be a finite number",
    ),
    (
        "pattern-nested-quantifier",
        _json(_set(lambda p: _field(p, "sources", "id")["constraints"].update(pattern="^([a-z0-9_]+)+$"))),
        "datapackage.json",
        None,
        "has nested quantifiers",
    ),
    (
        "pattern-too-long",
        _json(_set(lambda p: _field(p, "sources", "id")["constraints"].update(pattern="a" * 500))),
        "datapackage.json",
        None,
        "is 500 characters long, more than the limit of 200",
    ),
    (
        "pattern-invalid",
        _json(_set(lambda p: _field(p, "sources", "id")["constraints"].update(pattern="[a-z"))),
        "datapackage.json",
        None,
        "is not a valid regular expression",
    ),
    # files
    ("not-utf8", _bad_byte, "indicators.csv", 4, "not UTF-8: byte(s) ff (invalid start byte)"),
    ("bom", _bytes("sources.csv", lambda b: b"\xef\xbb\xbf" + b), "sources.csv", 1, "byte-order mark (BOM)"),
    (
        "tab-separated",
        _lines("indicators.csv", lambda ls: [line.replace(",", "\t") for line in ls]),
        "indicators.csv",
        1,
        "this file looks tab-separated",
    ),
    (
        "semicolon-separated",
        _lines("units.csv", lambda ls: [line.replace(",", ";") for line in ls]),
        "units.csv",
        1,
        "this file looks semicolon-separated",
    ),
    (
        "duplicate-header",
        _lines("indicators.csv", lambda ls: [ls[0] + ",value", *[line + ",1" if line else line for line in ls[1:]]]),
        "indicators.csv",
        1,
        "duplicate column name 'value' in the header (columns 5 and 15)",
    ),
    ("missing-header-column", _drop_header_column, "indicators.csv", 1, "column missing from the header"),
    ("extra-column", _extra_column, "indicators.csv", 1, "column not described in datapackage.json"),
    (
        "unterminated-quote",
        _lines("exchange_rates.csv", lambda ls: [*ls[:2], ls[2].rstrip('"'), *ls[3:]]),
        "exchange_rates.csv",
        3,
        "unterminated quoted field",
    ),
    (
        "oversized-field",
        _cell("sources.csv", 3, "title", "x" * 200_000),
        "sources.csv",
        3,
        "field of 200000 characters is longer than the limit of 10000",
    ),
    (
        "header-only-indicators",
        _lines("indicators.csv", lambda ls: [ls[0], ""]),
        "indicators.csv",
        None,
        "the indicators table has no rows (only a header): it must not be empty",
    ),
    ("quoted-newlines", _quoted_newlines, "indicators.csv", 7, "not a number: 'abc'"),
    # text and numbers
    ("nfd-text", _cell_nfd, "indicators.csv", 3, "text is not in Unicode NFC form"),
    (
        "fullwidth-digit",
        _cell("indicators.csv", 2, "value", "１７８"),
        "indicators.csv",
        2,
        "non-ASCII digit '１' (FULLWIDTH DIGIT ONE)",
    ),
    (
        "arabic-indic-digit",
        _cell("exchange_rates.csv", 2, "year", "٢٠١٧"),
        "exchange_rates.csv",
        2,
        "non-ASCII digit '٢' (ARABIC-INDIC DIGIT TWO)",
    ),
    ("underscore-number", _cell("indicators.csv", 5, "value", "3_300"), "indicators.csv", 5, "not a number: '3_300'"),
    ("exponent-number", _cell("indicators.csv", 5, "value", "3.3e3"), "indicators.csv", 5, "not a number: '3.3e3'"),
    ("decimal-comma", _cell("indicators.csv", 5, "value", "1,5"), "indicators.csv", 5, "not a number: '1,5'"),
    ("space-in-number", _cell("indicators.csv", 5, "value", " 12"), "indicators.csv", 5, "leading or trailing spaces"),
    ("nan-number", _cell("units.csv", 2, "factor", "nan"), "units.csv", 2, "not a number: 'nan'"),
]


@pytest.fixture(params=BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def bad_input(request, tmp_path):
    name, mutate, file, line, words = request.param
    folder = _package(tmp_path)
    mutate(folder)
    return folder, file, line, words


def test_bad_input_is_named_with_file_and_line(bad_input):
    folder, file, line, words = bad_input
    tables, problems = validate_package(folder)
    assert problems, "reported valid"
    assert len(problems) == 1, "one cause, one message:\n" + "\n".join(map(str, problems))
    p = problems[0]
    assert (p.file, p.row) == (file, line), str(p)
    assert words in p.message, str(p)
    assert OUTSIDE_MARKER not in str(p)


def test_bad_input_from_the_cli(bad_input, capsys):
    from agstats.cli import main

    folder, file, line, words = bad_input
    assert main(["validate", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "valid (" not in out and "Traceback" not in err
    assert words in err and file in err
    if line is not None:
        assert f"line {line}" in err
    assert OUTSIDE_MARKER not in out + err


def test_bad_input_from_the_loaders(bad_input):
    folder, file, line, words = bad_input
    with pytest.raises(DataValidationError) as info:
        load_indicators(data_dir=folder)
    assert [(p.file, p.row) for p in info.value.problems] == [(file, line)]
    assert words in str(info.value)


def test_bad_byte_line_and_column(tmp_path):
    folder = _package(tmp_path)
    _bad_byte(folder)
    (p,) = problems_of(folder)
    first = (folder / "indicators.csv").read_bytes().split(b"\n")[3].split(b",")[0]
    assert (p.row, p.char) == (4, len(first) + 2)
    assert str(p).startswith(f"indicators.csv, line 4, column {len(first) + 2}: not UTF-8")


def test_nfd_character_position(tmp_path):
    folder = _package(tmp_path)
    _cell_nfd(folder)
    (p,) = problems_of(folder)
    assert p.column == "label_vi" and p.char is not None and p.char > 1


def test_loader_on_a_file_or_a_missing_folder(tmp_path):
    with pytest.raises(DataValidationError, match="is a file, not a data package folder"):
        load_indicators(data_dir=ROOT / "README.md")
    with pytest.raises(DataValidationError, match="no such folder"):
        load_indicators(data_dir=tmp_path / "nowhere")


@pytest.mark.parametrize("target", ["README.md", "missing-folder"])
def test_cli_on_a_file_or_a_missing_folder(target, capsys, tmp_path):
    from agstats.cli import main

    path = ROOT / "README.md" if target == "README.md" else tmp_path / "missing"
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert ("is a file, not a data package folder" if target == "README.md" else "no such folder") in err


def test_outside_file_is_never_read(tmp_path, monkeypatch):
    """The validator does not open a path that leaves the folder (not only: does not echo it)."""
    folder = _package(tmp_path)
    _path_outside(folder)
    secret = (folder.parent / "outside.csv").resolve()
    opened = []
    real_read_bytes = Path.read_bytes

    def spy(self):
        opened.append(self.resolve())
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    problems_of(folder)
    assert secret not in opened


@pytest.mark.parametrize(
    "pattern, ok",
    [
        ("^[a-z][a-z0-9_]*$", True),
        ("^\\d{4}(-\\d{2}(-\\d{2})?)?$", True),
        ("(a+)+", False),
        ("(a*)*b", False),
        ("(a|ab)*c", False),
        ("(?:x\\d+)*", False),
        ("(a)\\1", False),
    ],
)
def test_pattern_bounds(pattern, ok):
    from agstats.validation import _pattern_problem

    assert (_pattern_problem(pattern) is None) is ok


def test_pattern_is_anchored(minipkg):
    """A Table Schema pattern matches the whole cell (fullmatch), not a prefix."""
    edit_cell(minipkg, "sources.csv", 2, "id", "src_a-extra")
    problems = problems_of(minipkg)
    assert any(p.column == "id" and "does not match the pattern" in p.message for p in problems)


def test_many_short_rows_give_one_message(tmp_path):
    folder = _package(tmp_path)
    path = folder / "indicators.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([rows[0], *[r[:-1] for r in rows[1:]]])
    (p,) = problems_of(folder)
    assert p.row == 2 and "have 13 cells, the header has 14" in p.message


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(resource=st.dictionaries(st.sampled_from(["name", "path", "schema", "x"]), JSON, max_size=4), top=JSON)
def test_any_datapackage_json_gives_problems_not_a_traceback(tmp_path, resource, top):
    """Whatever datapackage.json holds, validation returns problems (never raises, never 'valid')."""
    import uuid

    folder = tmp_path / uuid.uuid4().hex
    folder.mkdir()
    (folder / "indicators.csv").write_text("indicator\nx\n", encoding="utf-8")
    for pkg in (top, {"resources": [resource]}):
        (folder / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
        tables, problems = validate_package(folder)
        assert problems and tables == {}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    content=st.one_of(
        st.binary(max_size=300),
        st.text(alphabet=st.sampled_from(list(',;\t"\n\r\\ax1.٣\u0301\ufeff')), max_size=300).map(str.encode),
    ),
    file=st.sampled_from(["indicators.csv", "units.csv", "sources.csv"]),
)
def test_any_table_bytes_give_problems_not_a_traceback(tmp_path, content, file):
    folder = tmp_path / "pkg"
    if not folder.exists():
        shutil.copytree(ROOT / "data", folder)
    original = (ROOT / "data" / file).read_bytes()
    header = original.split(b"\n", 1)[0] + b"\n"
    for data in (content, header + content):
        (folder / file).write_bytes(data)
        tables, problems = validate_package(folder)
        assert problems, data
        assert all(isinstance(p.row, int | None) for p in problems)


def test_cli_reading_commands_exit_1_on_bad_data(tmp_path, monkeypatch, capsys):
    """`agstats indicators` on a broken package: the loader's problems, status 1, no traceback."""
    from agstats.cli import main

    folder = _package(tmp_path)
    _bytes("units.csv", lambda b: b"\xef\xbb\xbf" + b)(folder)
    monkeypatch.setenv("AGSTATS_DATA_DIR", str(folder))
    assert main(["indicators"]) == 1
    err = capsys.readouterr().err
    assert "units.csv, line 1: starts with a UTF-8 byte-order mark" in err and "Traceback" not in err


def test_read_table(tmp_path):
    from agstats.validation import read_table

    good = tmp_path / "good.csv"
    good.write_text('a,b\n1,"x\ny"\n2,z\n', encoding="utf-8")
    header, rows = read_table(good)
    assert header == ["a", "b"] and [r["__line__"] for r in rows] == ["2", "4"] and rows[0]["b"] == "x\ny"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xef\xbb\xbfa,b\n1,2\n")
    with pytest.raises(DataValidationError, match="bad.csv, line 1: starts with a UTF-8 byte-order mark"):
        read_table(bad)
