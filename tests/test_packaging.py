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


def _pyproject() -> dict:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_core_dependencies_are_only_what_the_library_needs():
    project = _pyproject()["project"]
    names = [re.split(r"[<>=!~\[ ]", d)[0].lower() for d in project["dependencies"]]
    assert names == ["pandas"]
    extras = project["optional-dependencies"]
    assert {"plot", "notebooks", "test", "report"} <= set(extras)
    plot = {re.split(r"[<>=!~\[ ]", d)[0].lower() for d in extras["plot"]}
    assert plot == {"matplotlib", "seaborn"}
    notebooks = " ".join(extras["notebooks"])
    for name in ("jupyterlab", "ipykernel", "nbval", "agstats[plot]"):
        assert name in notebooks
    assert "urls" not in project, "no project URL is known yet (README 'Install' says why)"


def test_make_venv_installs_every_extra():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '-e ".[plot,notebooks,test,report]"' in makefile and "-c constraints.txt" in makefile
    assert "-e .[plot,notebooks,test,report]" in (ROOT / "environment.yml").read_text(encoding="utf-8")


def test_version_is_dynamic_from_the_package():
    project = _pyproject()
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "agstats._version.__version__"}


def test_wheel_ships_the_catalogue(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "agstats/data/catalogue.csv" in names
    assert any(n.endswith(".dist-info/METADATA") for n in names)
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(meta).decode()
    assert "Version: 0.3.0" in text
    assert "Requires-Dist: pandas>=2.2\n" in text
    assert 'Requires-Dist: matplotlib>=3.8; extra == "plot"' in text


def test_citation_file_is_valid_cff():
    import yaml

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "version", "license"):
        assert cff.get(key), key
    assert cff["version"] == _pyproject_version()
    assert all("name" in a or "family-names" in a for a in cff["authors"])
    assert "url" not in cff and "repository-code" not in cff, "no public location is known yet"


def _pyproject_version() -> str:
    import agstats

    return agstats.__version__


def test_changelog_has_this_release():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    import agstats

    assert text.startswith("# Changelog")
    assert f"## [{agstats.__version__}]" in text and "## [0.1.0]" in text
    assert "keepachangelog.com" in text
