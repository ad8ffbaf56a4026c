"""Tests of agstats.add and ``agstats add``: reviewed draft rows into the data package, refusing on conflict."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from agstats.add import AddError, add_rows
from agstats.cli import main
from agstats.extract import DRAFT_COLUMNS, draft_rows, extract
from agstats.validation import validate_package

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["indicator", "sector", "label_en", "label_vi", "value", "unit", "period_start", "period_end", "qualifier",
          "area", "source", "evidence", "method", "note"]  # fmt: skip
BASE_ROWS = [
    ["postal_revenue", "postal", "Revenue of postal enterprises", "Doanh thu bưu chính", "178", "vnd_bn",
     "2018-01-01", "2018-12-31", "exact", "an_giang_pre2025", "mic2019", "doanh thu năm 2018 đạt 178 tỷ đồng",
     "stated", ""],
    ["bts_stations", "telecom", "BTS stations", "Trạm BTS", "1500", "count", "2019-09-30", "2019-09-30", "exact",
     "an_giang_pre2025", "mic2019", "toàn tỉnh có 1.500 trạm BTS", "stated", ""],
]  # fmt: skip


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    """A small data package: the shipped schema, units and sources, and a two-row indicators.csv of my own."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    _write(folder / "indicators.csv", HEADER, BASE_ROWS)
    # the shipped catalogue, with the fixture's two indicators described as the rows label them
    with (folder / "catalogue.csv").open(encoding="utf-8", newline="") as fh:
        catalogue = list(csv.reader(fh))
    fixture_ids = {r[0] for r in BASE_ROWS}
    kept = [r for r in catalogue[1:] if r[0] not in fixture_ids]
    added = [[r[0], r[1], r[2], r[3], "A test indicator.", r[5], ""] for r in BASE_ROWS]
    added = [row + [""] * (len(catalogue[0]) - len(row)) for row in added]  # the Vietnamese texts, left empty
    _write(folder / "catalogue.csv", catalogue[0], kept + added)
    assert validate_package(folder)[1] == []
    return folder


def draft_row(**kw: str) -> list[str]:
    row = dict(zip(HEADER, BASE_ROWS[0], strict=True)) | {"period_start": "2019-01-01", "period_end": "2019-12-31",
                                                            "value": "190", "review": "",
                                                            "evidence": "doanh thu năm 2019 đạt 190 tỷ đồng"}  # fmt: skip
    row |= kw
    return [row[c] for c in [*HEADER, "review"]]


def make_draft(tmp_path: Path, *rows: list[str], header: list[str] | None = None) -> Path:
    return _write(tmp_path / "draft.csv", header or [*HEADER, "review"], list(rows))


def test_adds_normalised_rows_and_validates(pkg: Path, tmp_path: Path) -> None:
    before = (pkg / "indicators.csv").read_bytes()
    draft = make_draft(tmp_path, draft_row(value="1.234,5", period_start="1/1/2019", period_end="31/12/2019",
                                           evidence="doanh thu năm 2019 đạt 1.234,5 tỷ đồng"),
                       draft_row(indicator="bts_stations", sector="telecom", unit="count", value="1650",
                                 label_en="BTS stations", label_vi="Trạm BTS",
                                 period_start="2020-12-31", period_end="2020-12-31",
                                 evidence="toàn tỉnh có 1.650 trạm BTS"))  # fmt: skip
    added = add_rows(draft, data_dir=pkg)
    assert added.value.tolist() == [1234.5, 1650.0]
    after = (pkg / "indicators.csv").read_bytes()
    assert after.startswith(before)  # appended, the existing rows untouched
    df = pd.read_csv(pkg / "indicators.csv", keep_default_na=False)
    assert len(df) == 4 and "review" not in df.columns
    assert df.iloc[2][["value", "period_start", "period_end"]].tolist() == [1234.5, "2019-01-01", "2019-12-31"]
    assert df.iloc[3]["value"] == 1650
    assert validate_package(pkg)[1] == []


def test_nfd_text_becomes_nfc(pkg: Path, tmp_path: Path) -> None:
    import unicodedata

    ev = unicodedata.normalize("NFD", "doanh thu năm 2019 đạt 190 tỷ đồng")
    add_rows(make_draft(tmp_path, draft_row(evidence=ev)), data_dir=pkg)
    text = (pkg / "indicators.csv").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text) and "đạt 190 tỷ đồng" in text


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (draft_row(review="period not stated"), "still flagged for review (period not stated)"),
        (draft_row(period_start="2018-01-01", period_end="2018-12-31", value="178",
                   evidence="doanh thu năm 2018 đạt 178 tỷ đồng"), "is already in indicators.csv (line 2)"),
        (draft_row(source="nosuch2030"), "unknown source 'nosuch2030'"),
        (draft_row(unit="vnd_bm"), "unknown unit 'vnd_bm'"),
        (draft_row(evidence=""), "empty evidence (evidence missing)"),
        (draft_row(value="một trăm"), "not a Vietnamese number"),
        (draft_row(value="1.234"), "ambiguous number '1.234'"),
        (draft_row(period_end="31.12.2019"), "not a date: '31.12.2019'"),
        (draft_row(value="999"), "would not validate"),  # the evidence states 190, not 999
    ],
)  # fmt: skip
def test_refusals_change_nothing(pkg: Path, tmp_path: Path, row: list[str], message: str) -> None:
    before = (pkg / "indicators.csv").read_bytes()
    listing = sorted(p.name for p in pkg.iterdir())
    with pytest.raises(AddError, match="draft.csv, line 2|would not validate") as err:
        add_rows(make_draft(tmp_path, row), data_dir=pkg)
    assert any(message in p for p in err.value.problems), err.value.problems
    assert (pkg / "indicators.csv").read_bytes() == before
    assert sorted(p.name for p in pkg.iterdir()) == listing  # no temporary file left


def test_one_bad_row_refuses_all(pkg: Path, tmp_path: Path) -> None:
    before = (pkg / "indicators.csv").read_bytes()
    draft = make_draft(tmp_path, draft_row(), draft_row(period_start="2021-01-01", period_end="2021-12-31",
                                                        review="change, not a level"))  # fmt: skip
    with pytest.raises(AddError, match="line 3: still flagged"):
        add_rows(draft, data_dir=pkg)
    assert (pkg / "indicators.csv").read_bytes() == before


def test_duplicate_within_the_draft(pkg: Path, tmp_path: Path) -> None:
    with pytest.raises(AddError, match=r"line 3: .* is twice in the draft \(line 2\)"):
        add_rows(make_draft(tmp_path, draft_row(), draft_row()), data_dir=pkg)


def test_missing_and_unknown_columns(pkg: Path, tmp_path: Path) -> None:
    with pytest.raises(AddError, match="missing column"):
        add_rows(make_draft(tmp_path, draft_row()[1:], header=[*HEADER, "review"][1:]), data_dir=pkg)
    with pytest.raises(AddError, match="unknown column"):
        add_rows(make_draft(tmp_path, [*draft_row(), "x"], header=[*HEADER, "review", "extra"]), data_dir=pkg)


def test_dry_run_writes_nothing(pkg: Path, tmp_path: Path) -> None:
    before = (pkg / "indicators.csv").read_bytes()
    assert len(add_rows(make_draft(tmp_path, draft_row()), data_dir=pkg, dry_run=True)) == 1
    assert (pkg / "indicators.csv").read_bytes() == before


def test_extract_draft_round_trip(pkg: Path, tmp_path: Path) -> None:
    """The maintainer's loop: extract, review (clear the review cells), add."""
    rows = draft_rows(extract("Năm 2020, doanh thu bưu chính đạt 205 tỷ đồng."), source="mic2019",
                      indicators=pd.read_csv(pkg / "indicators.csv", keep_default_na=False))  # fmt: skip
    assert list(rows.columns) == list(DRAFT_COLUMNS) and rows.review[0]
    rows["review"] = ""
    draft = tmp_path / "draft.csv"
    rows.to_csv(draft, index=False, lineterminator="\n")
    added = add_rows(draft, data_dir=pkg)
    assert added[["indicator", "value", "period_start"]].values.tolist() == [["postal_revenue", 205.0, "2020-01-01"]]


def test_cli_add(pkg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = make_draft(tmp_path, draft_row())
    assert main(["add", str(draft), "--data-dir", str(pkg), "--dry-run"]) == 0
    assert "would add 1 row(s)" in capsys.readouterr().out
    assert main(["add", str(draft), "--data-dir", str(pkg)]) == 0
    assert "added 1 row(s); the package validates" in capsys.readouterr().out
    assert main(["add", str(draft), "--data-dir", str(pkg)]) == 1  # now a duplicate
    err = capsys.readouterr().err
    assert "nothing added" in err and "already in indicators.csv (line 4)" in err


def test_cli_extract_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Năm 2020, doanh thu bưu chính đạt 205 tỷ đồng.", encoding="utf-8")
    out = tmp_path / "draft.csv"
    out.write_text("keep me", encoding="utf-8")
    assert main(["extract", str(report), "-o", str(out)]) == 1
    assert "exists; refusing to overwrite it (pass --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["extract", str(report), "-o", str(report), "--force"]) == 1  # never the input
    assert "over its input" in capsys.readouterr().err
    assert report.read_text(encoding="utf-8").startswith("Năm 2020")
    assert main(["extract", str(report), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("indicator,")
    new = tmp_path / "new.csv"
    assert main(["extract", str(report), "-o", str(new)]) == 0 and new.exists()
