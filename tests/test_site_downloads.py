"""The site's downloads (scripts/downloads.py): tables, data package, chart data, notebooks, wheel.

On one --no-execute build of the site (tests/pubtools.py); every file is opened the way a
reader would: CSV with pandas (rows = the package's rows), XLSX with pandas/openpyxl, the
zip unpacked and validated, the notebooks as JSON, the wheel installed into a folder and
imported. The chart-data display hook is checked in a real IPython shell.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from pubtools import chapters, downloads, editions, executed_notebooks

import agstats
from agstats.validation import validate_package

DATA = agstats.data_dir()
PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def html(site) -> Path:
    return site["html"]  # the session's build (conftest.py)


def package_rows(resource: dict) -> int:
    return len(pd.read_csv(DATA / resource["path"], dtype=str, keep_default_na=False))


@pytest.mark.parametrize("language", ["en", "vi"])
def test_each_table_as_csv_and_xlsx_with_every_row(html, language):
    out = html / "downloads"
    if language == "vi" and "vi" not in editions(html):
        pytest.skip("no Vietnamese edition in this build yet")
    sfx = downloads.suffix(language)
    for resource in PACKAGE["resources"]:
        name = resource["name"]
        csv = pd.read_csv(out / f"{name}{sfx}.csv", dtype=str, keep_default_na=False)
        xlsx = pd.read_excel(out / f"{name}{sfx}.xlsx", sheet_name=None)
        assert list(xlsx) == [name[:31]]
        sheet = xlsx[name[:31]]
        assert len(csv) == len(sheet) == package_rows(resource), name
        fields = [f["name"] for f in resource["schema"]["fields"]]
        if language == "en":
            assert list(csv.columns) == list(sheet.columns) == fields
        else:  # Vietnamese headers, the Vietnamese label first
            assert list(csv.columns) == list(sheet.columns) and len(set(csv.columns)) == len(fields), name
            assert set(csv.columns) == set(downloads.vi_headers(fields).values())
            if "label_vi" in fields:
                assert list(csv.columns).index("Tên chỉ tiêu") < list(csv.columns).index("Tên chỉ tiêu (tiếng Anh)")
        numbers = [f["name"] for f in resource["schema"]["fields"] if f["type"] in ("number", "integer")]
        for field in numbers:  # numbers stay numbers in the spreadsheet
            column = downloads.vi_headers(fields)[field] if language == "vi" else field
            assert pd.api.types.is_numeric_dtype(sheet[column]), (name, field)


def test_text_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    data = tmp_path / "pkg"
    data.mkdir()
    resource = next(r for r in PACKAGE["resources"] if r["name"] == "units")
    frame = pd.read_csv(DATA / resource["path"], dtype=str, keep_default_na=False)
    frame.loc[0, "label_en"] = '=HYPERLINK("http://x")'
    frame.to_csv(data / resource["path"], index=False)
    downloads.table_downloads(tmp_path, data, {"resources": [resource]}, "en")
    assert pd.read_csv(tmp_path / "units.csv").loc[0, "label_en"] == '\'=HYPERLINK("http://x")'
    assert pd.read_excel(tmp_path / "units.xlsx").loc[0, "label_en"] == '\'=HYPERLINK("http://x")'


def test_the_data_package_zip_validates_and_says_how_to_cite(html, tmp_path):
    (path,) = (html / "downloads").glob("agstats-data-*.zip")
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        z.extractall(tmp_path)
    folder = tmp_path / path.stem
    assert {f"{path.stem}/{n}" for n in ("datapackage.json", "README.md", "README.vi.md", "CITATION.cff")} <= set(names)
    assert {f"{path.stem}/{r['path']}" for r in PACKAGE["resources"]} <= set(names)
    tables, problems = validate_package(folder)
    assert problems == []
    assert len(tables["indicators"]) == package_rows(next(r for r in PACKAGE["resources"] if r["name"] == "indicators"))
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for heading in ("## Licence", "## How to cite", "## Caveats"):
        assert heading in readme
    assert "CC BY 4.0" in readme or "Creative Commons" in readme
    assert "Cách trích dẫn" in (folder / "README.vi.md").read_text(encoding="utf-8")


def test_every_chart_has_its_data_as_csv_linked_under_it(html):
    for language, edition in editions(html).items():
        executed = executed_notebooks(html, language)
        for name in chapters(edition):
            charts = downloads.chart_outputs(executed / f"{name}.ipynb")
            assert charts, f"{name}: no figures"
            assert all(csv is not None for _, _, csv in charts), f"{name}: a figure without its text/csv data"
            page = (edition / f"{name}.html").read_text(encoding="utf-8")
            links = re.findall(r'<p class="agstats-chart-data"><a href="([^"]+)"', page)
            assert len(links) == len(charts), name
            for n, _shas, csv_text in charts:
                path = html / "downloads" / "charts" / f"{name}-{n}{downloads.suffix(language)}.csv"
                assert path.read_text(encoding="utf-8") == csv_text
                frame = pd.read_csv(path)
                assert len(frame) >= 1 and "label" in frame.columns
                assert (edition / links[n - 1]).resolve() == path.resolve()


def test_notebooks_download_as_valid_ipynb(html):
    for language, edition in editions(html).items():
        for name in chapters(edition):
            path = html / "downloads" / "notebooks" / f"{name}{downloads.suffix(language)}.ipynb"
            nbformat.validate(nbformat.read(path, as_version=4))
            page = (edition / f"{name}.html").read_text(encoding="utf-8")
            assert re.search(r'<p class="agstats-page-downloads">.*?' + re.escape(path.name), page), name


def test_every_download_link_resolves(html):
    broken = []
    for edition in editions(html).values():
        for page in edition.glob("*.html"):
            for href in re.findall(r'href="([^"#?]*downloads/[^"#?]+)"', page.read_text(encoding="utf-8")):
                if not (page.parent / href).is_file():
                    broken.append(f"{page.name}: {href}")
    assert broken == []
    data = (editions(html)["en"] / "data.html").read_text(encoding="utf-8")
    assert 'id="downloads"' in data and "pip install" in data and ".whl" in data


def test_the_wheel_installs_and_loads_the_data(html, tmp_path):
    (wheel,) = (html / "downloads").glob("agstats-*.whl")
    with zipfile.ZipFile(wheel) as z:
        assert {"agstats/__init__.py", "agstats/data/indicators.csv", "agstats/data/datapackage.json"} <= set(
            z.namelist()
        )
    target = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", "--target", str(target)]
    subprocess.run([*pip, str(wheel)], check=True, capture_output=True)
    code = "import agstats; print(agstats.__file__); print(len(agstats.load_indicators(area='all')))"
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=tmp_path
    ).stdout.split()
    assert out[0].startswith(str(target)) and int(out[1]) == len(agstats.load_indicators(area="all"))


def test_the_display_hook_shows_each_chart_with_its_data_as_csv():
    IPython = pytest.importorskip("IPython")
    from IPython.core.interactiveshell import InteractiveShell

    import agstats.plotting as agp

    shell = InteractiveShell.instance()
    try:
        agp.set_theme("vi")
        rows = agstats.load_indicators(area="an_giang_pre2025")
        rows = rows[rows["indicator"] == "postal_revenue"].head(2)
        ax = agp.bar(rows, language="vi")
        data, _ = shell.display_formatter.format(ax.figure)
        assert {"image/svg+xml", "text/csv"} <= set(data)
        frame = pd.read_csv(pd.io.common.StringIO(data["text/csv"]))
        assert frame["value"].tolist() == rows["value"].tolist()
        assert frame["indicator"].tolist() == rows["indicator"].tolist()
        assert data["text/csv"] == agp.chart_csv(ax.figure)  # the same text every time
        assert shell.display_formatter.format(ax.figure)[0]["text/csv"] == data["text/csv"]
    finally:
        import matplotlib.pyplot as plt

        plt.close("all")
        agp.set_theme("en")
        InteractiveShell.clear_instance()
    assert IPython is not None
