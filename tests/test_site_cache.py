"""The content-addressed cache of the real site's build (tests/sitetools.py: build_key, cached).

A later test session reuses the build (and the PDFs printed from it) only when the hash of
every input is the same: each file of the checkout the build may read, the installed
distributions, Python, the environment variables it reads, the data's last git change.
These tests change one input at a time and check that the key changes; that files which are
no input leave it alone; and that ``cached`` reuses only a complete entry of the same key and
never with ``AGSTATS_TEST_REBUILD=1``.
"""

from __future__ import annotations

import json

import pytest
import sitetools
from sitetools import build_environment, build_inputs, build_key, cached

INPUTS = [
    "notebooks/01_telecom.ipynb",
    "notebooks/vi/01_telecom.ipynb",
    "site/_config.yml",
    "site/locales/vi/LC_MESSAGES/sphinx.po",
    "scripts/build_site.py",
    "scripts/pdf.py",
    "agstats/__init__.py",
    "agstats/data/indicators.csv",
    "data/indicators.csv",
    "data/datapackage.json",
    "docs/extract.md",
    "pyproject.toml",
    "constraints.txt",
    "README.md",
    "tests/conftest.py",
    "tests/sitetools.py",
]
NOT_INPUTS = [
    "_build/html/index.html",
    "_build/test-cache/site-x/result.json",
    ".venv/lib/x.py",
    ".git/HEAD",
    "tests/test_other.py",
    "benchmarks/results.json",
    "agstats/__pycache__/x.cpython-311.pyc",
    "notebooks/.ipynb_checkpoints/01_telecom-checkpoint.ipynb",
    "agstats.egg-info/PKG-INFO",
]
ENVIRONMENT = {
    "python": "3.11.2",
    "executable": "/x/.venv/bin/python",
    "platform": "Linux",
    "distributions": ["jupyter-book==1.0.4", "myst-nb==1.2.0", "sphinx==7.4.7"],
    "environment": {"AGSTATS_DATA_DIR": None},
    "data_last_changed": "2026-12-01",
    "root": "/x",
    "day": "2026-12-02",
}


@pytest.fixture
def checkout(tmp_path):
    root = tmp_path / "repo"
    for name in INPUTS + NOT_INPUTS:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"content of {name}\n", encoding="utf-8")
    return root


def test_every_input_is_hashed_and_nothing_else(checkout):
    found = {p.relative_to(checkout).as_posix() for p in build_inputs(checkout)}
    assert found == set(INPUTS)


@pytest.mark.parametrize("name", INPUTS)
def test_changing_an_input_changes_the_key(checkout, name):
    before = build_key(checkout, ENVIRONMENT)
    assert build_key(checkout, ENVIRONMENT) == before  # the same inputs, the same key
    path = checkout / name
    path.write_text(path.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert build_key(checkout, ENVIRONMENT) != before


def test_a_new_a_removed_or_a_renamed_file_changes_the_key(checkout):
    keys = {build_key(checkout, ENVIRONMENT)}
    (checkout / "notebooks" / "08_new.ipynb").write_text("{}", encoding="utf-8")  # not yet in git: counts
    keys.add(build_key(checkout, ENVIRONMENT))
    (checkout / "notebooks" / "08_new.ipynb").rename(checkout / "notebooks" / "09_new.ipynb")
    keys.add(build_key(checkout, ENVIRONMENT))
    (checkout / "notebooks" / "09_new.ipynb").unlink()
    (checkout / "docs" / "extract.md").unlink()
    keys.add(build_key(checkout, ENVIRONMENT))
    assert len(keys) == 4


@pytest.mark.parametrize("name", NOT_INPUTS)
def test_files_that_are_no_input_leave_the_key_alone(checkout, name):
    before = build_key(checkout, ENVIRONMENT)
    (checkout / name).write_text("changed", encoding="utf-8")
    assert build_key(checkout, ENVIRONMENT) == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("python", "3.12.1"),
        ("executable", "/y/.venv/bin/python"),
        ("distributions", ["jupyter-book==1.0.3", "myst-nb==1.2.0", "sphinx==7.4.7"]),
        ("distributions", ["jupyter-book==1.0.4", "myst-nb==1.1.0", "sphinx==7.4.7"]),
        ("distributions", ["jupyter-book==1.0.4", "myst-nb==1.2.0", "sphinx==8.0.0"]),
        ("distributions", ["jupyter-book==1.0.4", "myst-nb==1.2.0", "pandas==2.2.3", "sphinx==7.4.7"]),
        ("environment", {"AGSTATS_DATA_DIR": "/elsewhere"}),
        ("data_last_changed", "2026-12-02"),
        ("root", "/y"),
        ("day", "2026-12-03"),
    ],
)
def test_changing_the_environment_changes_the_key(checkout, field, value):
    assert build_key(checkout, dict(ENVIRONMENT, **{field: value})) != build_key(checkout, ENVIRONMENT)


def test_the_environment_names_the_renderers_versions_and_python():
    env = build_environment()
    names = {d.split("==")[0].lower().replace("_", "-") for d in env["distributions"]}
    assert {"jupyter-book", "sphinx", "myst-nb", "pydata-sphinx-theme", "agstats"} <= names
    assert env["python"] and env["data_last_changed"] and "AGSTATS_DATA_DIR" in env["environment"]
    json.dumps(env)  # part of the key: serialisable


def test_the_key_of_this_checkout_is_stable():
    assert build_key() == build_key()


def test_cached_reuses_a_complete_entry_of_the_same_key_only(tmp_path, monkeypatch):
    monkeypatch.delenv(sitetools.REBUILD, raising=False)
    calls = []

    def make(folder):
        calls.append(folder)
        (folder / "artifact").write_text("built", encoding="utf-8")
        return {"n": len(calls)}

    first = cached("thing", "a" * 64, make, cache=tmp_path)
    assert first["n"] == 1 and first["cache"]["reused"] is False and (tmp_path / f"thing-{'a' * 24}").is_dir()
    again = cached("thing", "a" * 64, make, cache=tmp_path)
    assert again["n"] == 1 and again["cache"]["reused"] is True and len(calls) == 1
    other = cached("thing", "b" * 64, make, cache=tmp_path)  # another key: built
    assert other["n"] == 2 and other["cache"]["reused"] is False
    monkeypatch.setenv(sitetools.REBUILD, "1")  # forced: built again, whatever the cache holds
    forced = cached("thing", "a" * 64, make, cache=tmp_path)
    assert forced["n"] == 3 and forced["cache"]["reused"] is False


def test_a_failed_build_leaves_no_entry(tmp_path, monkeypatch):
    monkeypatch.delenv(sitetools.REBUILD, raising=False)

    def fail(folder):
        (folder / "half").write_text("half", encoding="utf-8")
        raise AssertionError("the build failed")

    with pytest.raises(AssertionError):
        cached("thing", "c" * 64, fail, cache=tmp_path)
    value = cached("thing", "c" * 64, lambda folder: {"ok": True}, cache=tmp_path)
    assert value["ok"] and value["cache"]["reused"] is False


def test_old_entries_are_removed_beyond_the_two_most_recent(tmp_path, monkeypatch):
    monkeypatch.delenv(sitetools.REBUILD, raising=False)
    for key in "defg":
        cached("thing", key * 64, lambda folder: {}, cache=tmp_path)
    assert len(list(tmp_path.glob("thing-*"))) == 3  # the new one and the two before it
