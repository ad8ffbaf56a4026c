#!/usr/bin/env python
"""The site's downloads (Our World in Data style), written by ``make report`` into ``<html>/downloads/``.

- every table of the data package as CSV and XLSX (``indicators.csv``, ``indicators.xlsx``,
  …), text cells that a spreadsheet would run as a formula neutralised
  (:func:`agstats.escape.spreadsheet_frame`); the Vietnamese edition's copies
  (``indicators-vi.csv``…) have Vietnamese column headers, the Vietnamese label first;
- the whole data package as a zip (``agstats-data-<version>.zip``): ``datapackage.json``,
  the tables exactly as the package holds them (so the unzipped folder validates with
  ``agstats validate``), ``README.md`` (what it is, licence, how to cite, caveats; with a
  Vietnamese version ``README.vi.md``) and ``CITATION.cff``;
- "the data behind this chart": every figure a notebook displays with a ``text/csv`` output
  (``agstats.plotting`` adds one to each chart it draws) becomes
  ``charts/<notebook>-<n>.csv`` (``charts/<notebook>-<n>-vi.csv`` in the Vietnamese
  edition; n counts the notebook's figures from 1), linked under the figure;
- each notebook as ``.ipynb`` as executed for the site (``notebooks/<name>.ipynb``,
  ``notebooks/<name>-vi.ipynb``);
- the ``agstats`` wheel (built offline: ``pip wheel --no-deps --no-build-isolation``), with a
  one-line install instruction on the data and reproduce pages.

:func:`publish_edition` writes one edition's files and links them from its pages; the shared
files (data package zip, wheel, English tables) are written once (:func:`shared_downloads`).
``scripts/build_site.py`` calls :func:`publish` after rendering; run alone::

    python scripts/downloads.py --html _build/html --executed _build/site_src [--language en]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent

#: The package's tables, in the order the downloads list them.
TABLES = ("indicators", "context", "sources", "units", "events", "exchange_rates", "catalogue")

#: Vietnamese column headers of the ``-vi`` tables (a column not listed keeps its name).
VI_HEADERS = {
    "indicator": "Mã chỉ tiêu",
    "sector": "Lĩnh vực",
    "label_vi": "Tên chỉ tiêu",
    "label_en": "Tên chỉ tiêu (tiếng Anh)",
    "value": "Giá trị",
    "unit": "Mã đơn vị",
    "period_start": "Từ ngày",
    "period_end": "Đến ngày",
    "qualifier": "Tính chất số liệu",
    "area": "Địa bàn",
    "source": "Mã nguồn",
    "evidence": "Trích dẫn nguyên văn",
    "method": "Cách lấy số liệu",
    "note": "Ghi chú (tiếng Anh)",
    "notes": "Ghi chú (tiếng Anh)",
    "id": "Mã nguồn",
    "title": "Tiêu đề",
    "publisher": "Cơ quan phát hành",
    "url": "Địa chỉ",
    "published": "Ngày đăng",
    "published_note": "Ghi chú về ngày đăng",
    "language": "Ngôn ngữ",
    "tier": "Cấp nguồn",
    "code": "Mã đơn vị",
    "dimension": "Đại lượng",
    "factor": "Hệ số quy đổi",
    "symbol": "Ký hiệu",
    "event": "Mã sự kiện",
    "kind": "Loại sự kiện",
    "date_start": "Từ ngày",
    "date_end": "Đến ngày",
    "title_vi": "Tiêu đề",
    "title_en": "Tiêu đề (tiếng Anh)",
    "document": "Văn bản",
    "year": "Năm",
    "vnd_per_usd": "Đồng/USD",
    "definition": "Định nghĩa (tiếng Anh)",
    "definition_vi": "Định nghĩa",
    "notes_vi": "Ghi chú",
    "canonical_unit": "Đơn vị chuẩn",
}
#: Headers of the sources table that differ from VI_HEADERS (its "title" is the published title).
VI_SOURCE_HEADERS = {
    "title_vi": "Tiêu đề (bản tiếng Việt)",
    "publisher_vi": "Cơ quan phát hành (bản tiếng Việt)",
}
#: Vietnamese names of the tables (sheet titles, link texts).
TABLE_NAMES = {
    "en": {
        "indicators": "ICT-sector figures",
        "context": "Context figures",
        "sources": "Sources",
        "units": "Units",
        "events": "Events",
        "exchange_rates": "Exchange rates",
        "catalogue": "Indicator catalogue",
    },
    "vi": {
        "indicators": "Số liệu ngành thông tin và truyền thông",
        "context": "Số liệu bối cảnh",
        "sources": "Nguồn",
        "units": "Đơn vị tính",
        "events": "Sự kiện",
        "exchange_rates": "Tỷ giá",
        "catalogue": "Danh mục chỉ tiêu",
    },
}
TEXT = {
    "en": {
        "heading": "Downloads",
        "intro": "The figures on this site, to reuse (data CC BY 4.0: cite the original sources).",
        "tables": "Each table",
        "package": "The whole data package",
        "package_text": "datapackage.json, every table, a README with the licence, how to cite and the caveats",
        "wheel": "The agstats Python package",
        "install": "Install it (Python 3.11 or later), then <code>import agstats</code>:",
        "notebooks": "The notebooks",
        "chart": "Data behind this chart (CSV)",
        "page": "Download",
        "chapter_pdf": "this chapter as PDF",
        "analysis_pdf": "the whole analysis as PDF",
        "notebook": "the notebook (.ipynb)",
        "pdf_chapter_title": "This chapter as PDF (no code)",
        "pdf_whole_title": "The whole analysis as PDF (no code)",
    },
    "vi": {
        "heading": "Tải về",
        "intro": "Số liệu trên trang này để dùng lại (dữ liệu theo giấy phép CC BY 4.0: hãy trích dẫn nguồn gốc).",
        "tables": "Từng bảng",
        "package": "Toàn bộ gói dữ liệu",
        "package_text": "datapackage.json, mọi bảng, tệp README về giấy phép, cách trích dẫn và các lưu ý",
        "wheel": "Gói Python agstats",
        "install": "Cài đặt (Python 3.11 trở lên), rồi <code>import agstats</code>:",
        "notebooks": "Các sổ tay (notebook)",
        "chart": "Số liệu của biểu đồ này (CSV)",
        "page": "Tải về",
        "chapter_pdf": "chương này dạng PDF",
        "analysis_pdf": "toàn bộ phân tích dạng PDF",
        "notebook": "sổ tay (.ipynb)",
        "pdf_chapter_title": "Chương này dạng PDF (không có mã lệnh)",
        "pdf_whole_title": "Toàn bộ phân tích dạng PDF (không có mã lệnh)",
    },
}


def suffix(language: str) -> str:
    """The file-name suffix of an edition: ``""`` for English, ``"-vi"`` for Vietnamese."""
    return "" if language == "en" else f"-{language}"


def _schema(package: dict) -> dict[str, dict]:
    return {r["name"]: r for r in package["resources"]}


def read_table(data_dir: Path, resource: dict) -> pd.DataFrame:
    """A table of the package as text, exactly as written (no value coerced or dropped)."""
    return pd.read_csv(data_dir / resource["path"], dtype=str, keep_default_na=False, na_values=[], encoding="utf-8")


def typed(frame: pd.DataFrame, resource: dict) -> pd.DataFrame:
    """Numbers as numbers for the XLSX copy (the schema's number/integer fields; empty cells stay empty)."""
    out = frame.copy()
    for field in resource["schema"]["fields"]:
        if field["type"] in ("number", "integer") and field["name"] in out.columns:
            out[field["name"]] = pd.to_numeric(out[field["name"]].replace("", None), errors="raise")
    return out


def for_language(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """The table as an edition shows it: Vietnamese headers and the Vietnamese label first for "vi"."""
    if language == "en":
        return frame
    order = list(frame.columns)
    for vi, en in (("label_vi", "label_en"), ("title_vi", "title_en")):
        if vi in order and en in order:
            order.remove(vi)
            order.insert(order.index(en), vi)
    return frame[order].rename(columns=vi_headers(order))


def vi_headers(columns: list[str]) -> dict[str, str]:
    """Column name -> Vietnamese header, for the columns of one table (every header distinct).

    >>> vi_headers(["id", "title", "publisher", "title_vi"])
    {'id': 'Mã nguồn', 'title': 'Tiêu đề', 'publisher': 'Cơ quan phát hành', 'title_vi': 'Tiêu đề (bản tiếng Việt)'}
    >>> vi_headers(["event", "title_en", "title_vi"])["title_vi"]
    'Tiêu đề'
    """
    headers = VI_HEADERS | (VI_SOURCE_HEADERS if "publisher" in columns else {})
    return {c: headers.get(c, c) for c in columns}


def write_xlsx(frame: pd.DataFrame, path: Path, sheet: str) -> None:
    """One sheet, header frozen, columns sized to their text (at most 60 characters wide)."""
    from openpyxl.utils import get_column_letter

    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
        ws = writer.sheets[sheet[:31]]
        ws.freeze_panes = "A2"
        for i, name in enumerate(frame.columns, 1):
            longest = max([len(str(name)), *(len(str(v)) for v in frame[name].head(500))])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest + 2))
    _fix_zip_times(path)


ZIP_TIME = (2020, 1, 1, 0, 0, 0)  # fixed member times: the same data give the same bytes


def _fix_zip_times(path: Path) -> None:
    """Rewrite a zip (an XLSX is one) with fixed member times and a fixed member order."""
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)


def table_downloads(out: Path, data_dir: Path, package: dict, language: str) -> list[Path]:
    """Each table as CSV and XLSX in *out* (``-vi`` files for Vietnamese)."""
    from agstats.escape import spreadsheet_frame

    written = []
    resources = _schema(package)
    for name in TABLES:
        if name not in resources:
            continue
        raw = read_table(data_dir, resources[name])
        shown = for_language(spreadsheet_frame(raw), language)
        csv_path = out / f"{name}{suffix(language)}.csv"
        csv_path.write_text(shown.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
        xlsx_path = out / f"{name}{suffix(language)}.xlsx"
        write_xlsx(for_language(spreadsheet_frame(typed(raw, resources[name])), language), xlsx_path, name)
        written += [csv_path, xlsx_path]
    return written


def readme(package: dict, version: str, citation: str) -> dict[str, str]:
    """README.md and README.vi.md of the data package zip."""
    tables = "\n".join(
        f"- `{r['path']}`: {r.get('title') or r['name']} ({len(r['schema']['fields'])} columns)"
        for r in package["resources"]
    )
    tables_vi = "\n".join(
        f"- `{r['path']}`: {TABLE_NAMES['vi'].get(r['name'], r['name'])}" for r in package["resources"]
    )
    licence = ", ".join(str(x.get("title") or x.get("name")) for x in package.get("licenses", [])) or "see LICENSE"
    en = f"""# {package.get("title", "agstats data package")} — data package, version {package.get("version", version)}

{package.get("description", "").strip()}

This zip is the data package of agstats {version}, as the site was built from it: a
[Frictionless Data Package](https://specs.frictionlessdata.io/data-package/). `datapackage.json`
states every column's type, unit and meaning; each row of a figure carries its source id and the
verbatim evidence phrase (in Vietnamese) of the source that states it.

## Files

{tables}
- `datapackage.json`: the schema of every table, the licence, the sources
- `CITATION.cff`: how to cite the package

## Use

In Python, with the agstats package (the wheel on the site's data page): `agstats validate DIR`
checks an unzipped copy; `agstats.load_indicators(area="all", data_dir=DIR)` loads it as typed
pandas tables. Any tool that reads CSV (UTF-8, comma-separated, ISO dates) reads the tables.

## Licence

Data: {licence}. Code of agstats: MIT. The source articles are not redistributed: only their
figures, citations and short evidence phrases.

## How to cite

{citation}

Cite also the **original source** of every figure you reuse: `sources.csv` gives the full
citation of each (the `source` column of a figure's row is its `id`).

## Caveats

- The figures are what the sources state, with the source's own rounding and definitions. A
  figure's `qualifier` says what it is: an exact reported figure, an estimate, an approximate
  value, a lower or upper bound, or a target. A bound is not a measurement and a target is not a
  result: never read them as such.
- Periods differ (a full year, the first nine months of a year, a stock at a date): compare only
  figures of the same indicator, area and period length.
- Areas: `an_giang_pre2025` is the province before the 2025 merger with Kiên Giang; other codes
  are listed in `datapackage.json`.
- The sources are Vietnamese public documents and news articles; where a source is ambiguous the
  row's `note` says so.
"""
    vi = f"""# Gói dữ liệu agstats, phiên bản {package.get("version", version)}

Tệp nén này là gói dữ liệu của agstats {version}, đúng như khi trang web được tạo: một
Frictionless Data Package. Tệp `datapackage.json` mô tả kiểu, đơn vị và ý nghĩa của từng cột;
mỗi dòng số liệu ghi mã nguồn và câu trích nguyên văn của nguồn nêu số liệu đó.

## Các tệp

{tables_vi}
- `datapackage.json`: lược đồ của mọi bảng, giấy phép, nguồn
- `CITATION.cff`: cách trích dẫn gói

## Giấy phép

Dữ liệu: {licence}. Mã nguồn agstats: MIT. Các bài viết gốc không được phân phối lại: chỉ số
liệu, thông tin trích dẫn và những câu trích ngắn.

## Cách trích dẫn

{citation}

Khi dùng lại số liệu nào, hãy trích dẫn cả **nguồn gốc** của số liệu đó: bảng `sources.csv`
ghi đầy đủ thông tin của từng nguồn (cột `source` của mỗi dòng là mã `id` của nguồn).

## Lưu ý

- Số liệu được ghi đúng như nguồn công bố, với cách làm tròn và định nghĩa của nguồn. Cột
  `qualifier` cho biết tính chất: số báo cáo, ước tính, xấp xỉ, cận dưới/cận trên hay chỉ tiêu
  kế hoạch. Cận dưới không phải số đo; chỉ tiêu kế hoạch không phải kết quả.
- Kỳ số liệu khác nhau (cả năm, 9 tháng, thời điểm): chỉ so sánh số liệu cùng chỉ tiêu, cùng địa
  bàn và cùng độ dài kỳ.
- `an_giang_pre2025` là tỉnh An Giang trước khi hợp nhất với Kiên Giang năm 2025.
"""
    return {"README.md": en, "README.vi.md": vi}


def citation_text(version: str) -> str:
    """The recommended citation of the package (from CITATION.cff's title and authors)."""
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8") if (ROOT / "CITATION.cff").exists() else ""
    title = re.search(r'^title:\s*"?(.*?)"?\s*$', cff, re.M)
    year = re.search(r'^date-released:\s*"?(\d{4})', cff, re.M)
    return (
        f"agstats developers ({year.group(1) if year else 'n.d.'}). "
        f"*{title.group(1) if title else 'agstats'}* (version {version}) [data package and software]."
    )


def package_zip(out: Path, data_dir: Path, package: dict, version: str) -> Path:
    """The data package as a zip: datapackage.json, the tables as they are, README(s), CITATION.cff."""
    path = out / f"agstats-data-{version}.zip"
    members: list[tuple[str, bytes]] = [("datapackage.json", (data_dir / "datapackage.json").read_bytes())]
    members += [(r["path"], (data_dir / r["path"]).read_bytes()) for r in package["resources"]]
    members += [(name, text.encode("utf-8")) for name, text in readme(package, version, citation_text(version)).items()]
    if (ROOT / "CITATION.cff").exists():
        members.append(("CITATION.cff", (ROOT / "CITATION.cff").read_bytes()))
    folder = f"agstats-data-{version}"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(f"{folder}/{name}", ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return path


def build_wheel(out: Path) -> Path | None:
    """The agstats wheel, built offline from the checkout (no network, no build isolation)."""
    with tempfile.TemporaryDirectory(prefix="agstats-wheel-") as tmp:
        # a copy of the package's files only: pip wheel would otherwise copy _build/ and .venv/
        src = Path(tmp) / "src"
        src.mkdir()
        for name in ("pyproject.toml", "README.md", "LICENSE", "CITATION.cff"):
            if (ROOT / name).exists():
                shutil.copy2(ROOT / name, src / name)
        shutil.copytree(ROOT / "agstats", src / "agstats", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "data", src / "data", ignore=shutil.ignore_patterns("__pycache__", "staging"))
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q"]
        result = subprocess.run(
            [*cmd, "-w", str(Path(tmp) / "dist"), str(src)], capture_output=True, text=True, check=False
        )
        wheels = sorted((Path(tmp) / "dist").glob("agstats-*.whl"))
        if result.returncode or not wheels:
            print(f"downloads: the wheel could not be built:\n{result.stderr[-2000:]}", file=sys.stderr)
            return None
        target = out / wheels[0].name
        shutil.copyfile(wheels[0], target)
    return target


# --------------------------------------------------------------------------
# Per edition: notebooks, chart data, links
# --------------------------------------------------------------------------


def image_sha(mime: str, content: object) -> str:
    """The sha256 myst-nb names an image output's file by (as build_site.image_bytes)."""
    import base64

    text = "".join(content) if isinstance(content, list) else str(content)
    data = os.linesep.join(text.splitlines()).encode("utf-8") if mime == "image/svg+xml" else base64.b64decode(text)
    return hashlib.sha256(data).hexdigest()


IMAGE_MIMES = ("image/svg+xml", "image/png", "image/jpeg", "image/gif")


def chart_outputs(notebook: Path) -> list[tuple[int, list[str], str | None]]:
    """Every figure of an executed notebook, in order: (n from 1, its image sha256s, its CSV or None)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    found = []
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = output.get("data", {})
            mimes = [m for m in IMAGE_MIMES if m in data]
            if not mimes:
                continue
            csv = data.get("text/csv")
            csv_text = ("".join(csv) if isinstance(csv, list) else str(csv)) if csv is not None else None
            found.append((len(found) + 1, [image_sha(m, data[m]) for m in mimes], csv_text))
    return found


def chart_downloads(charts: Path, executed: Path, names: list[str], language: str) -> dict[str, dict[str, Path]]:
    """Write charts/<name>-<n>[-vi].csv for each figure with data; page -> {image sha: csv path}."""
    charts.mkdir(parents=True, exist_ok=True)
    links: dict[str, dict[str, Path]] = {}
    for name in names:
        notebook = executed / f"{name}.ipynb"
        if not notebook.exists():
            continue
        for n, shas, csv_text in chart_outputs(notebook):
            if csv_text is None:
                continue
            path = charts / f"{name}-{n}{suffix(language)}.csv"
            path.write_text(csv_text, encoding="utf-8")
            links.setdefault(name, {}).update(dict.fromkeys(shas, path))
    return links


def notebook_downloads(out: Path, executed: Path, names: list[str], language: str) -> dict[str, Path]:
    """Each executed notebook as notebooks/<name>[-vi].ipynb."""
    out.mkdir(parents=True, exist_ok=True)
    found = {}
    for name in names:
        if (executed / f"{name}.ipynb").exists():
            found[name] = out / f"{name}{suffix(language)}.ipynb"
            shutil.copyfile(executed / f"{name}.ipynb", found[name])
    return found


def _rel(target: Path, page: Path) -> str:
    return Path(os.path.relpath(target, page.parent)).as_posix()


def _size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{max(1, round(n / 1e3))} kB"


def downloads_block(page: Path, downloads: Path, language: str, *, wheel: Path | None, zip_path: Path) -> str:
    """The HTML "Downloads" section of the data and reproduce pages (every link relative to *page*)."""
    t, names = TEXT[language], TABLE_NAMES[language]
    rows = []
    for name in TABLES:
        csv, xlsx = downloads / f"{name}{suffix(language)}.csv", downloads / f"{name}{suffix(language)}.xlsx"
        if csv.exists():
            rows.append(
                f"<li>{html.escape(names[name])}: "
                f'<a href="{_rel(csv, page)}" download>CSV</a> ({_size(csv)}) · '
                f'<a href="{_rel(xlsx, page)}" download>XLSX</a> ({_size(xlsx)})</li>'
            )
    parts = [
        f'<section class="agstats-downloads" id="downloads" aria-labelledby="downloads-heading">'
        f'<h2 id="downloads-heading">{t["heading"]}</h2>',
        f"<p>{t['intro']}</p>",
        f'<p><strong>{t["package"]}</strong>: <a href="{_rel(zip_path, page)}" download>{zip_path.name}</a> '
        f"({_size(zip_path)}): {t['package_text']}.</p>",
        f"<p><strong>{t['tables']}</strong>:</p><ul>{''.join(rows)}</ul>",
    ]
    if wheel is not None:
        parts.append(
            f'<p><strong>{t["wheel"]}</strong>: <a href="{_rel(wheel, page)}" download>{wheel.name}</a> '
            f"({_size(wheel)}). {t['install']}</p>"
            f'<pre class="agstats-install"><code>pip install "{wheel.name}[plot]"</code></pre>'
        )
    notebooks = sorted((downloads / "notebooks").glob(f"*{suffix(language)}.ipynb"))
    if language == "en":
        notebooks = [p for p in notebooks if not re.search(r"-[a-z]{2}\.ipynb$", p.name)]
    if notebooks:
        links = " · ".join(f'<a href="{_rel(p, page)}" download>{html.escape(p.name)}</a>' for p in notebooks)
        parts.append(f"<p><strong>{t['notebooks']}</strong>: {links}</p>")
    parts.append("</section>")
    return "\n".join(parts)


H1_END = re.compile(r"</h1>")


def after_title(page_html: str, block: str) -> str:
    """*block* right after the page's title: the first ``</h1>`` of the article (the theme prints
    another copy of the title, hidden on screen, before it).

    >>> after_title('<h1>x</h1><article class="bd-article"><h1>T</h1><p>', "<p>B</p>")
    '<h1>x</h1><article class="bd-article"><h1>T</h1><p>B</p><p>'
    """
    start = page_html.find("<article")
    m = H1_END.search(page_html, max(start, 0))
    return page_html if m is None else page_html[: m.end()] + block + page_html[m.end() :]


PRINT_BUTTON = re.compile(
    r'<button (?:onclick="window\.print\(\)"|data-agstats-click="print")\s+'
    r'class="btn btn-sm btn-download-pdf-button dropdown-item"\s+title="[^"]*"(.*?)</button>',
    re.S,
)


def pdf_name(name: str | None, language: str) -> str:
    """pdf/<chapter>[-vi].pdf, or pdf/agstats-analysis[-vi].pdf for the whole analysis."""
    return f"{name or 'agstats-analysis'}{suffix(language)}.pdf"


def link_pages(
    html_dir: Path,
    downloads: Path,
    pdf_dir: Path,
    *,
    language: str,
    names: list[str],
    charts: dict[str, dict[str, Path]],
    notebooks: dict[str, Path],
    wheel: Path | None,
    zip_path: Path,
) -> list[str]:
    """Link the downloads from the edition's pages; return what could not be linked.

    - under each figure with data: "Data behind this chart (CSV)";
    - on each notebook page, under its title: its PDF, the whole analysis' PDF, its .ipynb;
    - the data and reproduce pages: the downloads section, the sources page its CSV/XLSX
      (Jupyter Book loads ``_static/agstats-table.js``, the tables' filter and sort, on every page);
    - on every page the theme's "Print to PDF" button becomes a link to the PDF.
    """
    t = TEXT[language]
    problems = []
    pages = [p for p in html_dir.rglob("*.html") if not any(x.startswith("_") for x in p.relative_to(html_dir).parts)]
    for page in sorted(pages):  # the API reference and the notes live in sub-folders (api/, docs/)
        text = page.read_text(encoding="utf-8")
        new = text
        top = page.parent == html_dir
        name = page.stem if top and page.stem in names else None
        whole = pdf_dir / pdf_name(None, language)
        target = pdf_dir / pdf_name(name, language) if name else whole
        new = PRINT_BUTTON.sub(
            lambda m, target=target, page=page, name=name: (
                f'<a href="{_rel(target, page)}" class="btn btn-sm btn-download-pdf-button dropdown-item" '
                f'title="{html.escape(t["pdf_chapter_title" if name else "pdf_whole_title"])}"{m.group(1)}</a>'
            ),
            new,
        )
        for sha, csv_path in charts.get(page.stem, {}).items():
            img = re.compile(r'<img\b[^>]*\ssrc="[^"]*' + sha + r'\.[a-z]+"[^>]*>')
            new, count = img.subn(
                lambda m, csv_path=csv_path, page=page: (
                    f'{m.group(0)}<p class="agstats-chart-data"><a href="{_rel(csv_path, page)}" download>'
                    f"{t['chart']}</a></p>"
                ),
                new,
            )
        if name:
            links = [f'<a href="{_rel(target, page)}">{t["chapter_pdf"]}</a>']
            links.append(f'<a href="{_rel(whole, page)}">{t["analysis_pdf"]}</a>')
            if name in notebooks:
                links.append(f'<a href="{_rel(notebooks[name], page)}" download>{t["notebook"]}</a>')
            block = f'<p class="agstats-page-downloads">{t["page"]}: ' + " · ".join(links) + "</p>"
            new = after_title(new, block)
        if top and page.stem == "sources":
            csv, xlsx = downloads / f"sources{suffix(language)}.csv", downloads / f"sources{suffix(language)}.xlsx"
            block = (
                f'<p class="agstats-page-downloads">{t["page"]}: <a href="{_rel(csv, page)}" download>CSV</a> · '
                f'<a href="{_rel(xlsx, page)}" download>XLSX</a></p>'
            )
            new = after_title(new, block)
        if top and page.stem in ("data", "reproduce"):
            block = downloads_block(page, downloads, language, wheel=wheel, zip_path=zip_path)
            if page.stem == "data":
                new = after_title(new, block)
            else:  # the reproduce page: before its "Cite" section, else at the end of the article
                at = new.find('<section id="cite">')
                at = at if at >= 0 else new.find("</article>")
                new = new[:at] + block + new[at:] if at >= 0 else new
        new = accessible(new, language)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return problems


SEARCH_BUTTON = re.compile(
    r'(<button class="btn search-button-field search-button__button[^"]*"[^>]*?)\s+aria-label="[^"]*"'
)
SIDEBAR = re.compile(r'(<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar")(?![^>]*\srole=)')
SIDEBAR_LABEL = {"en": "Site navigation", "vi": "Điều hướng trang web"}


def accessible(page_html: str, language: str) -> str:
    """Fixes of the theme's markup that axe-core reports as serious or as content outside landmarks.

    - the sidebar's search button is named by ``aria-label="Search"`` while its visible text is
      "Search this site… Ctrl+K" (``label-content-name-mismatch``): its visible text names it;
    - the primary sidebar (the site's title and navigation) becomes a navigation landmark;
    - the empty corner cell of a pandas table's header is a data cell, not an empty header;
    - folded code's ``<summary>`` is named by its visible words ("Show code"), the sidebar's
      icon-only toggles get a name, and a table that scrolls in its own box is focusable.

    >>> accessible('<button class="btn search-button-field search-button__button pst-js-only" title="Search" '
    ...            'aria-label="Search"><th></th>', "en")
    '<button class="btn search-button-field search-button__button pst-js-only" title="Search"><td></td>'
    """
    out = SEARCH_BUTTON.sub(r"\1", page_html)
    out = SIDEBAR.sub(lambda m: f'{m.group(1)} role="navigation" aria-label="{SIDEBAR_LABEL[language]}"', out)
    out = out.replace("<th></th>", "<td></td>")
    # myst-nb's folded code: the summary's visible words ("Show code") name it, not a hidden label
    out = out.replace('<summary aria-label="Toggle hidden content">', "<summary>")
    # the sidebar's toggles of sub-pages show only an icon: name them
    out = out.replace(
        '<summary><span class="toctree-toggle"',
        f'<summary aria-label="{SUBPAGES_LABEL[language]}"><span class="toctree-toggle"',
    )
    # a table that scrolls in its own box on a phone can be scrolled with the keyboard
    out = SCROLLING_TABLE.sub(r'\1 tabindex="0">', out)
    return mark_vietnamese(out) if language != "vi" else out


#: A table of the page (data tables, Markdown tables) that may scroll in its own box on a phone.
SCROLLING_TABLE = re.compile(r'(<table class="(?:table|agstats-table)\b[^"<>]*")>')

#: The accessible name of the sidebar's sub-page toggles, per language.
SUBPAGES_LABEL = {"en": "Show or hide the pages under this one", "vi": "Hiện hoặc ẩn các trang con"}


#: Letters that mark a word as Vietnamese (as scripts/build_site.py's looks_vietnamese).
VIETNAMESE_LETTERS = frozenset("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_KEEP = {"script", "style", "svg", "code", "pre", "textarea", "kbd", "math", "title"}
_WORD = re.compile(r"[^\W\d_]+")


def is_vietnamese_word(word: str) -> bool:
    """True for a word with a letter of Vietnamese (a diacritic English does not use).

    >>> is_vietnamese_word("Thông"), is_vietnamese_word("Giang"), is_vietnamese_word("đồng")
    (True, False, True)
    """
    return bool(VIETNAMESE_LETTERS & set(word.lower()))


def _runs(text: str) -> list[tuple[int, int]]:
    """Spans of Vietnamese phrases in a text: from a Vietnamese word to the last one that follows
    with only spaces and words between (a proper name's last word, e.g. "Giang", included)."""
    words = list(_WORD.finditer(text))
    runs: list[list[int]] = []
    last_end = None  # end of the previous word, when it belongs to (or could extend) a run
    for i, w in enumerate(words):
        gap = text[last_end : w.start()] if last_end is not None else ""
        gap_ok = re.fullmatch(r"(?:[ \u00a0]|&nbsp;)+(?:[\d.,%–-]+(?:[ \u00a0]|&nbsp;)+)?", gap) is not None
        if is_vietnamese_word(w.group()):
            if runs and gap_ok and runs[-1][2] == i - 1 - runs[-1][3]:
                runs[-1][1], runs[-1][2], runs[-1][3] = w.end(), i, 0
            else:
                runs.append([w.start(), w.end(), i, 0])
        elif runs and gap_ok and runs[-1][2] + runs[-1][3] == i - 1 and len(w.group()) <= 7:
            runs[-1][3] += 1  # a plain word inside a Vietnamese phrase ("Thông tin và Truyền thông")
            if w.group()[:1].isupper() and words[i - 1].group()[:1].isupper() and runs[-1][3] == 1:
                runs[-1][1], runs[-1][2], runs[-1][3] = w.end(), i, 0  # "Kiên Giang"
        last_end = w.end()
    return [(r[0], r[1]) for r in runs]


def _mostly_vietnamese(text: str) -> bool:
    """At least three words, 60 % or more of them Vietnamese."""
    words = _WORD.findall(text)
    return len(words) >= 3 and sum(map(is_vietnamese_word, words)) >= 0.6 * len(words)


def mark_vietnamese(page_html: str) -> str:
    """In an English page's ``<main>``, wrap Vietnamese phrases in ``<span lang="vi">`` (screen readers
    then speak them in Vietnamese); text inside an element with a ``lang`` already, code, SVG and
    scripts is left alone.

    >>> mark_vietnamese('<main><p>The Ministry (Bộ Thông tin và Truyền thông) in An Giang and '
    ...                 'Kiên Giang; <span lang="vi">đã có</span> <code>đ</code></p></main>')
    '<main><p>The Ministry (<span lang="vi">Bộ Thông tin và Truyền thông</span>) in An Giang and <span lang="vi">Kiên Giang</span>; <span lang="vi">đã có</span> <code>đ</code></p></main>'
    """
    start, end = page_html.find("<main"), page_html.rfind("</main>")
    if start < 0 or end < 0:
        return page_html
    out: list[str] = []
    keep: list[list] = []  # [tag name, depth] of the elements whose text is left alone
    for part in _TOKEN.split(page_html[start:end]):
        if part.startswith("<"):
            m = _TAG.match(part)
            if m:
                closing, name = m.group(1) == "/", m.group(2).lower()
                single = part.endswith("/>") or name in _VOID
                if not single:
                    for entry in keep:
                        if entry[0] == name:
                            entry[1] += -1 if closing else 1
                    keep = [e for e in keep if e[1] > 0]
                    if not closing and (name in _KEEP or re.search(r"\slang=", part)):
                        keep.append([name, 1])
            out.append(part)
        elif keep or not part.strip():
            out.append(part)
        elif _mostly_vietnamese(part):  # a Vietnamese sentence or table cell: all of it
            lead, body, trail = re.match(r"(\s*)(.*?)(\s*)$", part, re.S).groups()
            out.append(f'{lead}<span lang="vi">{body}</span>{trail}')
        else:
            pieces, at = [], 0
            for a, b in _runs(part):
                pieces += [part[at:a], f'<span lang="vi">{part[a:b]}</span>']
                at = b
            out.append("".join(pieces) + part[at:])
    return page_html[:start] + "".join(out) + page_html[end:]


def shared_downloads(downloads: Path, data_dir: Path, *, wheel: bool = True) -> dict[str, Path | None]:
    """The files both editions share: the data package zip and the wheel."""
    import agstats

    downloads.mkdir(parents=True, exist_ok=True)
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    zip_path = downloads / f"agstats-data-{agstats.__version__}.zip"
    if not zip_path.exists():
        package_zip(downloads, data_dir, package, agstats.__version__)
    existing = sorted(downloads.glob("agstats-*.whl"))
    built = existing[0] if existing else (build_wheel(downloads) if wheel else None)
    return {"zip": zip_path, "wheel": built}


def publish_edition(
    html_dir: Path,
    executed: Path,
    names: list[str],
    *,
    language: str = "en",
    downloads: Path | None = None,
    pdf_dir: Path | None = None,
    data_dir: Path | None = None,
    wheel: bool = True,
) -> list[str]:
    """Write one edition's downloads and link them from its pages (html_dir: the edition's folder).

    *downloads* and *pdf_dir* default to ``html_dir/downloads`` and ``html_dir/pdf`` (with two
    editions, pass the shared ``_build/html/downloads`` and ``_build/html/pdf``).
    """
    import agstats

    data_dir = Path(data_dir) if data_dir else agstats.data_dir()
    downloads = downloads or html_dir / "downloads"
    pdf_dir = pdf_dir or html_dir / "pdf"
    shared = shared_downloads(downloads, data_dir, wheel=wheel)
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    table_downloads(downloads, data_dir, package, language)
    charts = chart_downloads(downloads / "charts", executed, names, language)
    notebooks = notebook_downloads(downloads / "notebooks", executed, names, language)
    zip_path = shared["zip"]
    assert zip_path is not None
    return link_pages(
        html_dir,
        downloads,
        pdf_dir,
        language=language,
        names=names,
        charts=charts,
        notebooks=notebooks,
        wheel=shared["wheel"],
        zip_path=zip_path,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, required=True, help="the edition's HTML folder")
    parser.add_argument("--executed", type=Path, required=True, help="the edition's executed notebooks")
    parser.add_argument("--language", default="en", choices=("en", "vi"))
    parser.add_argument("--downloads", type=Path, help="default: HTML/downloads")
    parser.add_argument("--pdf-dir", type=Path, help="default: HTML/pdf")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--no-wheel", action="store_true")
    args = parser.parse_args(argv)
    names = sorted(p.stem for p in args.executed.glob("[0-9][0-9]_*.ipynb"))
    problems = publish_edition(
        args.html,
        args.executed,
        names,
        language=args.language,
        downloads=args.downloads,
        pdf_dir=args.pdf_dir,
        data_dir=args.data_dir,
        wheel=not args.no_wheel,
    )
    for p in problems:
        print(f"downloads: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
