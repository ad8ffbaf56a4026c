"""The `agstats` command: output formats and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from conftest import edit_cell

import agstats
from agstats.cli import main


def test_indicators_table(capsys):
    assert main(["indicators"]) == 0
    out = capsys.readouterr().out
    assert "telecom_revenue" in out and "3300.0" in out and "2019-09-30" in out


def test_indicators_csv_round_trip(capsys):
    assert main(["indicators", "--sector", "postal", "--format", "csv"]) == 0
    df = pd.read_csv(StringIO(capsys.readouterr().out))
    assert set(df.sector) == {"postal"}
    assert len(df) == len(agstats.load_indicators("postal"))
    assert "evidence" in df.columns


def test_indicators_json(capsys):
    assert main(["indicators", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == len(agstats.load_indicators())
    assert any(r["evidence"] == "Trên 60% dân số sử dụng thiết bị thông minh" for r in rows)


def test_sources(capsys):
    assert main(["sources"]) == 0
    assert "mic2019" in capsys.readouterr().out


def test_validate_ok(capsys):
    assert main(["validate"]) == 0
    assert "valid" in capsys.readouterr().out


def test_validate_lists_every_problem(minipkg, capsys):
    edit_cell(minipkg, "indicators.csv", 2, "unit", "vnd_bm")
    edit_cell(minipkg, "indicators.csv", 3, "period_end", "2018-01-01")
    assert main(["validate", str(minipkg)]) == 1
    err = capsys.readouterr().err
    assert "2 problem(s)" in err
    assert "indicators.csv, line 2, column 'unit'" in err
    assert "indicators.csv, line 3, column 'period_end'" in err


def test_unknown_sector_exit_code(capsys):
    assert main(["indicators", "--sector", "space"]) == 2
    assert "unknown sector 'space'" in capsys.readouterr().err


def test_console_script_installed():
    script = Path(sys.executable).with_name("agstats")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "agstats.cli"]
    out = subprocess.run([*cmd, "validate"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    bad = subprocess.run([*cmd, "validate", "/nonexistent-folder"], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "datapackage.json" in bad.stderr


# ----------------------------------------------------------------- version, catalogue, areas, formats
def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.strip() == f"agstats {agstats.__version__} (data {agstats.data_version()})"


def test_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "exit status:" in out
    for code, words in (("0", "success"), ("1", "invalid data"), ("2", "usage error")):
        assert f"  {code}  {words}" in out


def test_describe(capsys):
    assert main(["describe", "telecom_revenue"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("telecom_revenue — Telecommunications revenue\n")
    assert "canonical unit: vnd_bn (billion đồng)" in out
    assert all(len(line) <= 100 for line in out.splitlines())
    assert main(["describe", "telecom_revenue", "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["sources"] == ["mic2019", "agportal2019yearend", "baolongan2024ict"] and record["n_rows"] == 4


def test_describe_in_vietnamese(capsys):
    assert main(["describe", "telecom_revenue", "--language", "vi"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("telecom_revenue — Doanh thu viễn thông\nTelecommunications revenue\n")
    assert "định nghĩa: Doanh thu viễn thông đạt được" in out and "đơn vị chuẩn: vnd_bn (tỷ đồng)" in out
    assert "ghi chú: Chỉ gồm số liệu cấp tỉnh." in out and "definition:" not in out
    assert all(len(line) <= 100 for line in out.splitlines())
    with pytest.raises(SystemExit) as exc:
        main(["describe", "telecom_revenue", "--language", "fr"])
    assert exc.value.code == 2 and "invalid choice: 'fr'" in capsys.readouterr().err


def test_describe_unknown_id_is_a_usage_error(capsys):
    assert main(["describe", "telecom_revenu"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'telecom_revenue'" in err and len(err) < 400


def test_catalogue_formats(capsys):
    assert main(["catalogue"]) == 0
    assert "telecom_revenue" in capsys.readouterr().out
    assert main(["catalogue", "--format", "csv"]) == 0
    df = pd.read_csv(StringIO(capsys.readouterr().out))
    assert len(df) == len(agstats.catalogue()) and "definition" in df.columns
    assert main(["catalogue", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["indicator"] for r in rows} == set(df.indicator)


def test_indicators_areas_and_canonical(capsys):
    assert main(["indicators", "--area", "vietnam", "--area", "an_giang_pre2025", "--format", "csv"]) == 0
    df = pd.read_csv(StringIO(capsys.readouterr().out))
    assert set(df.area) == {"vietnam", "an_giang_pre2025"}
    assert main(["indicators", "--area", "all", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(agstats.load_indicators(area="all"))
    assert main(["indicators", "--area", "vietnam", "--sector", "postal", "--canonical", "--format", "csv"]) == 0
    df = pd.read_csv(StringIO(capsys.readouterr().out))
    national = df[df.indicator.isin(["postal_sector_revenue", "postal_service_revenue"])]
    assert "stated_unit" in df.columns and set(national.unit) == {"vnd_bn"} and len(national) >= 5
    assert main(["indicators", "--area", "viet_nam"]) == 2
    assert "did you mean 'vietnam'" in capsys.readouterr().err


def test_dates_are_iso_in_csv_and_json(capsys):
    for cmd in (["indicators"], ["sources"], ["catalogue"]):
        assert main([*cmd, "--format", "json"]) == 0
        text = capsys.readouterr().out
        assert "T00:00:00" not in text, cmd
        assert main([*cmd, "--format", "csv"]) == 0
        assert "T00:00:00" not in capsys.readouterr().out, cmd
    assert main(["indicators", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["period_start"] == "2018-01-01" and rows[0]["period_end"] == "2018-12-31"


def test_csv_text_cells_are_spreadsheet_safe(minipkg, capsys, monkeypatch):
    edit_cell(minipkg, "indicators.csv", 2, "note", "=HYPERLINK(1)")
    monkeypatch.setenv("AGSTATS_DATA_DIR", str(minipkg))
    assert main(["indicators", "--format", "csv"]) == 0
    df = pd.read_csv(StringIO(capsys.readouterr().out))
    assert "'=HYPERLINK(1)" in set(df.note)
    assert df.value.dtype.kind == "f", "numbers stay numbers"


def test_sources_table_fits_in_100_columns(capsys):
    assert main(["sources", "--width", "100"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id ")
    assert all(len(line) <= 100 for line in lines if "://" not in line)
    # every source appears at the start of a line, its title aligned with the header's title column
    col = lines[0].index("title")
    ids = set(agstats.load_sources().id)
    starts = [line.split()[0] for line in lines[1:] if line[:1] != " "]
    assert set(starts) == ids
    assert all(line[col - 1] == " " for line in lines[1:])


def test_invalid_data_exits_1(minipkg, capsys, monkeypatch):
    edit_cell(minipkg, "indicators.csv", 2, "unit", "vnd_bm")
    monkeypatch.setenv("AGSTATS_DATA_DIR", str(minipkg))
    assert main(["indicators"]) == 1
    assert "unknown unit 'vnd_bm'" in capsys.readouterr().err
