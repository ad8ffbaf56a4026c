"""A wheel built from the checkout loads its data from outside the checkout; the pins stay in sync."""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (whl,) = out.glob("agstats-*.whl")
    return whl


def test_wheel_contains_the_data(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    for table in ("indicators", "sources", "events", "units", "exchange_rates", "context"):
        assert f"agstats/data/{table}.csv" in names
    assert "agstats/data/datapackage.json" in names


def test_installed_wheel_loads_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # The wheel goes into the new venv; its dependencies (pandas, ...) come from this environment's
    # site-packages as a plain path entry (its .pth files, such as the editable hook, are not run).
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
    )
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    code = (
        "import agstats; df = agstats.load_indicators(); "
        "print(agstats.__file__); print(agstats.data_dir()); print(len(df))"
    )
    out = subprocess.run([str(py), "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    module, folder, n = out.stdout.split("\n")[:3]
    assert module.startswith(str(site)), "imported the installed wheel, not the checkout"
    assert folder.startswith(str(site)) and not folder.startswith(str(ROOT))
    import agstats

    assert int(n) == len(agstats.load_indicators())


def _pins(text: str) -> dict[str, str]:
    return {m[0].lower(): m[1] for m in re.findall(r"^\s*-?\s*([A-Za-z0-9_.\-]+)==([^\s#]+)", text, re.M)}


def test_environment_yml_in_sync_with_constraints():
    constraints = _pins((ROOT / "constraints.txt").read_text())
    env = (ROOT / "environment.yml").read_text()
    env_pins = _pins(env)
    assert env_pins, "environment.yml pins its packages"
    for name, version in env_pins.items():
        if name == "python":
            continue
        assert constraints.get(name) == version, (
            f"{name}: environment.yml {version}, constraints.txt {constraints.get(name)}"
        )
    for key in ("pandas", "seaborn", "matplotlib", "nbval", "jupyterlab"):
        assert key in env_pins, f"{key} is pinned in environment.yml"
    assert "-e ." in env


def test_known_good_pins():
    c = _pins((ROOT / "constraints.txt").read_text())
    assert c["pandas"] == "3.1.1" and c["seaborn"] == "0.13.2" and c["nbval"] == "0.11.0"
    assert c["matplotlib"].startswith("3.10."), "3.11 emits a DeprecationWarning from seaborn's boxplot"
    assert c["jupyterlab"].startswith("4.")
