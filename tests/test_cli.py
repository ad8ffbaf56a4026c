"""The `agstats` command: output formats and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pandas as pd
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
