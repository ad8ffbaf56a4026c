#!/usr/bin/env python
"""PDFs of the analyses, printed by Chromium (through Playwright) from the rendered site.

``make report`` writes, per edition, the whole analysis (``pdf/agstats-analysis.pdf``,
``pdf/agstats-analysis-vi.pdf``) and each chapter (``pdf/02_postal.pdf``,
``pdf/02_postal-vi.pdf``…) into ``_build/html/pdf/``. Each PDF is one print document
assembled from the chapters' rendered pages: a title page, a table of contents with page
numbers, then the chapters, each from a new page, without code (every notebook cell's input
is left out; toggles, navigation, buttons and "download" lines go too), its figures as
vector SVG, page numbers and the title in the page header and footer (Playwright's
``page.pdf`` templates). Text is set in DejaVu Sans / Noto Sans, which Chromium embeds
(every Vietnamese diacritic; ``pdftotext`` extracts the text back).

The table of contents gets its page numbers in a second pass: the first print is read with
``pdftotext`` (poppler-utils) to find the page each heading starts on; without pdftotext the
contents list the headings without numbers.

Chromium: ``/usr/bin/chromium`` (Debian's package; ``make report`` installs it when run as
root, see the Makefile) or ``chromium`` on PATH. Run alone::

    python scripts/pdf.py --html _build/html [--language en] [--pdf-dir DIR] [NAME ...]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

TEXT = {
    "en": {
        "contents": "Contents",
        "analysis": "The analyses",
        "chapter": "Chapter",
        "page": "Page",
        "of": "of",
        "built": "agstats {version}, data version {data_version}. Code MIT, data CC BY 4.0: cite the original "
        "sources listed in each chapter and on the site's Sources page.",
        "no_code": "This print edition leaves out the code: every notebook, with its code, is on the site.",
    },
    "vi": {
        "contents": "Mục lục",
        "analysis": "Các phân tích",
        "chapter": "Chương",
        "page": "Trang",
        "of": "/",
        "built": "agstats {version}, phiên bản dữ liệu {data_version}. Mã nguồn MIT, dữ liệu CC BY 4.0: hãy trích "
        "dẫn các nguồn gốc ghi ở từng chương và ở trang Nguồn của trang web.",
        "no_code": "Bản in này lược bỏ mã lệnh: mọi sổ tay, kèm mã lệnh, có trên trang web.",
    },
}

#: Print styles on top of the site's own: the reader's edition of a page on A4.
PRINT_CSS = """
@page { size: A4; margin: 20mm 16mm 18mm 16mm; }
html, body { background: white !important; color: #111 !important; }
body { font-family: "DejaVu Sans", "Noto Sans", sans-serif; font-size: 10pt; line-height: 1.45; margin: 0; }
.agstats-print h1, .agstats-print h2, .agstats-print h3, .agstats-print h4 {
  font-family: "DejaVu Sans", "Noto Sans", sans-serif; color: #111; break-after: avoid; }
.agstats-print h1 { font-size: 17pt; margin: 0 0 10pt; }
.agstats-print h2 { font-size: 13pt; margin: 14pt 0 6pt; }
.agstats-print h3 { font-size: 11pt; }
.title-page { height: 240mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
.title-page h1 { font-size: 26pt; line-height: 1.2; }
.title-page .subtitle { font-size: 14pt; margin-top: 8pt; }
.title-page .built { margin-top: 40pt; font-size: 9pt; color: #333; }
nav.toc { break-after: page; }
nav.toc ol { list-style: none; padding: 0; }
nav.toc li { display: flex; gap: 6pt; margin: 3pt 0; }
nav.toc li.level-2 { padding-left: 14pt; font-size: 9pt; }
nav.toc li a { color: #111; text-decoration: none; flex: 1 1 auto; }
nav.toc li .dots { flex: 1 1 auto; border-bottom: 1px dotted #888; margin-bottom: 4pt; }
nav.toc li .pageno { flex: 0 0 auto; min-width: 18pt; text-align: right; }
section.chapter { break-before: page; }
img { max-width: 100% !important; height: auto !important; break-inside: avoid; }
figure, .cell_output { break-inside: avoid; }
table { font-size: 8pt; border-collapse: collapse; max-width: 100%; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; vertical-align: top; }
pre { white-space: pre-wrap; word-break: break-word; font-size: 8pt; }
a { color: #0b4f8a; }
.admonition { break-inside: avoid; }
.cell_input, details.above-input, details.below-input, .toggle-details__summary, button, .headerlink,
.copybtn, .agstats-page-downloads, .agstats-chart-data, .agstats-downloads, .bd-sidebar-primary,
.bd-sidebar-secondary, .bd-header-article, .prev-next-area, footer, nav.bd-links { display: none !important; }
"""

#: Run in a chapter's page: its article without code, buttons and links to other formats; its headings.
EXTRACT = """() => {
  const art = document.querySelector('article.bd-article') || document.querySelector('main') || document.body;
  const clone = art.cloneNode(true);
  clone.querySelectorAll(`.cell_input, details.above-input, details.below-input, .toggle-details__summary,
      button, .headerlink, .copybtn, .agstats-page-downloads, .agstats-chart-data, .agstats-downloads,
      script, style[data-agstats-skip], .tag_remove-cell, .tag_remove-input > .cell_input`).forEach(e => e.remove());
  clone.querySelectorAll('img').forEach(i => { i.removeAttribute('loading'); i.setAttribute('src', i.src); });
  clone.querySelectorAll('a[href]').forEach(a => a.setAttribute('href', a.href));
  clone.querySelectorAll('[id]').forEach(e => e.id = PREFIX + e.id);
  clone.querySelectorAll('a[href*="#"]').forEach(a => {
    const u = new URL(a.href);
    if (u.pathname === location.pathname) a.setAttribute('href', '#' + PREFIX + u.hash.slice(1));
  });
  const headings = [...clone.querySelectorAll('h1, h2')].map(h => ({
    level: +h.tagName[1], text: h.textContent.replace(/\\s+/g, ' ').trim(), id: h.closest('[id]')?.id || h.id}));
  const styles = [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href);
  return {html: clone.innerHTML, headings, styles, lang: document.documentElement.lang || ''};
}"""


def chromium() -> str | None:
    """Chromium's executable, or None."""
    for candidate in (shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D102 - silence
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A 127.0.0.1 server over *folder* (the site's pages use root-relative-free links): its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _page_texts(pdf: Path) -> list[str] | None:
    """The text of each page (pdftotext), whitespace-normalised, or None without pdftotext."""
    exe = shutil.which("pdftotext")
    if not exe:
        return None
    out = subprocess.run([exe, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=False)
    if out.returncode:
        return None
    return [" ".join(p.split()) for p in out.stdout.decode("utf-8", "replace").split("\f")]


def page_numbers(pdf: Path, entries: list[dict], first: int) -> list[int | None] | None:
    """The page (from 1) where each heading of *entries* starts, searched in order from page *first*."""
    pages = _page_texts(pdf)
    if pages is None:
        return None
    found: list[int | None] = []
    at = first - 1
    for entry in entries:
        key = " ".join(entry["text"].split())[:40]
        hit = next((i for i in range(at, len(pages)) if key and key in pages[i]), None)
        found.append(None if hit is None else hit + 1)
        if hit is not None:
            at = hit
    return found


def document(
    chapters: list[dict], *, title: str, subtitle: str, language: str, built: str, numbers: list | None
) -> str:
    """The print document: title page, contents, chapters (each a section starting a page)."""
    t = TEXT[language]
    styles = list(dict.fromkeys(s for c in chapters for s in c["styles"]))
    entries = [(c, h) for c in chapters for h in c["headings"] if h["level"] <= (2 if len(chapters) == 1 else 1)]
    toc = []
    for k, (_chapter, h) in enumerate(entries):
        number = numbers[k] if numbers and k < len(numbers) and numbers[k] else ""
        toc.append(
            f'<li class="level-{h["level"]}"><a href="#{html.escape(h["id"])}">{html.escape(h["text"])}</a>'
            f'<span class="pageno">{number}</span></li>'
        )
    body = [
        '<section class="title-page">',
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="subtitle">{html.escape(subtitle)}</p>',
        f'<p class="built">{html.escape(built)}</p>',
        f'<p class="built">{html.escape(t["no_code"])}</p>',
        "</section>",
        f'<nav class="toc" aria-label="{html.escape(t["contents"])}"><h2>{html.escape(t["contents"])}</h2>'
        f"<ol>{''.join(toc)}</ol></nav>",
    ]
    body += [f'<section class="chapter bd-article">{c["html"]}</section>' for c in chapters]
    links = "".join(f'<link rel="stylesheet" href="{html.escape(s)}">' for s in styles)
    return (
        f'<!DOCTYPE html><html lang="{language}" data-theme="light" data-mode="light"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>{links}<style>{PRINT_CSS}</style></head>"
        f'<body class="agstats-print">{"".join(body)}</body></html>'
    )


def _templates(title: str, language: str) -> tuple[str, str]:
    t = TEXT[language]
    style = 'style="font-family: DejaVu Sans, Noto Sans, sans-serif; font-size: 8px; color: #444; width: 100%; '
    header = f'<div {style}padding: 0 16mm; text-align: right;">{html.escape(title)}</div>'
    footer = (
        f'<div {style}text-align: center;">{t["page"]} <span class="pageNumber"></span> {t["of"]} '
        '<span class="totalPages"></span></div>'
    )
    return header, footer


def print_pdf(
    page,
    base: str,
    chapters: list[dict],
    out: Path,
    *,
    title: str,
    subtitle: str,
    language: str,
    built: str,
    scratch: Path,
) -> int:
    """Print one PDF in *page* (two passes when pdftotext is there: the contents get page numbers); its page count."""
    header, footer = _templates(title, language)
    entries = [h for c in chapters for h in c["headings"] if h["level"] <= (2 if len(chapters) == 1 else 1)]
    numbers: list | None = None
    for attempt in range(2):
        doc = document(chapters, title=title, subtitle=subtitle, language=language, built=built, numbers=numbers)
        scratch.write_text(doc, encoding="utf-8")
        page.goto(f"{base}{scratch.name}?{out.stem}-{attempt}", wait_until="load")  # never a cached copy
        page.evaluate("""() => Promise.all([...document.images].map(i => i.complete ? null :
                         new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })))""")
        page.emulate_media(media="print")
        page.pdf(
            path=str(out),
            format="A4",
            print_background=True,
            display_header_footer=True,
            header_template=header,
            footer_template=footer,
            margin={"top": "20mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
            outline=True,
            tagged=True,
        )
        # the chapters start after the title page and the contents (one or more pages)
        found = page_numbers(out, entries, first=3)
        if found is None or found == numbers:
            break
        numbers = found
    return pdf_pages(out)


def pdf_pages(path: Path) -> int:
    """Number of pages of a PDF: pdfinfo's count, else the number of ``/Type /Page`` objects."""
    exe = shutil.which("pdfinfo")
    if exe:
        out = subprocess.run([exe, str(path)], capture_output=True, text=True, check=False)
        m = re.search(r"^Pages:\s+(\d+)", out.stdout, re.M)
        if m:
            return int(m.group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", path.read_bytes()))


def pdf_name(name: str | None, language: str) -> str:
    """``<chapter>[-vi].pdf``, or ``agstats-analysis[-vi].pdf`` for the whole analysis."""
    return f"{name or 'agstats-analysis'}{'' if language == 'en' else '-' + language}.pdf"


def build_pdfs(
    edition: Path,
    names: list[str],
    *,
    language: str = "en",
    pdf_dir: Path | None = None,
    chapters: bool = True,
    whole: bool = True,
    executable: str | None = None,
    browser=None,
) -> dict[str, int]:
    """Print the whole analysis (and each chapter) of one edition; return file name -> page count.

    *edition* is the edition's HTML folder (``_build/html`` today, ``_build/html/en`` or
    ``_build/html/vi`` with two editions); *names* the chapters' page names in reading order.
    *browser*: a Playwright Chromium browser already running (e.g. a test session's); by
    default one is launched (*executable*, else :func:`chromium`).
    """
    import agstats

    exe = executable or chromium()
    if exe is None and browser is None:
        raise SystemExit(
            "pdf: Chromium not found (/usr/bin/chromium or chromium on PATH): install Debian's package "
            "`apt-get install chromium` (make report does it when run as root)"
        )
    from playwright.sync_api import sync_playwright

    pdf_dir = pdf_dir or edition / "pdf"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    index = edition / "index.html"
    site_title = ""
    if index.exists():
        m = re.search(r"<h1>(.*?)<", index.read_text(encoding="utf-8"), re.S)
        site_title = html.unescape(m.group(1)).strip() if m else ""
    t = TEXT[language]
    package = (agstats.data_dir() / "datapackage.json").read_text(encoding="utf-8")
    data_version = (re.search(r'"version":\s*"([^"]+)"', package) or [None, "?"])[1]
    built = t["built"].format(version=agstats.__version__, data_version=data_version)
    counts: dict[str, int] = {}
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(served(edition))
        tmp = stack.enter_context(tempfile.TemporaryDirectory(dir=edition))
        if browser is None:
            pw = stack.enter_context(sync_playwright())
            browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
            stack.callback(browser.close)
        prefix = ""
        extracted = []
        context = browser.new_context()
        stack.callback(context.close)
        page = context.new_page()  # one page for everything: a new one costs up to a second
        for n, name in enumerate(names):
            page.goto(f"{base}{prefix}{name}.html", wait_until="domcontentloaded")
            extracted.append(page.evaluate(EXTRACT.replace("PREFIX", repr(f"c{n}-"))))
        scratch = Path(tmp) / "print.html"
        tmp_base = f"{base}{prefix}{Path(tmp).name}/"
        if whole:
            out = pdf_dir / pdf_name(None, language)
            counts[out.name] = print_pdf(
                page,
                tmp_base,
                extracted,
                out,
                title=site_title or t["analysis"],
                subtitle=t["analysis"],
                language=language,
                built=built,
                scratch=scratch,
            )
        if chapters:
            for name, chapter in zip(names, extracted):
                out = pdf_dir / pdf_name(name, language)
                heading = chapter["headings"][0]["text"] if chapter["headings"] else name
                counts[out.name] = print_pdf(
                    page,
                    tmp_base,
                    [chapter],
                    out,
                    title=heading,
                    subtitle=site_title,
                    language=language,
                    built=built,
                    scratch=scratch,
                )
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="chapter page names (default: the NN_*.html pages)")
    parser.add_argument("--html", type=Path, required=True, help="the edition's HTML folder")
    parser.add_argument("--language", default="en", choices=("en", "vi"))
    parser.add_argument("--pdf-dir", type=Path, help="default: HTML/pdf")
    parser.add_argument("--no-chapters", action="store_true", help="only the whole analysis")
    args = parser.parse_args(argv)
    names = args.names or sorted(p.stem for p in args.html.glob("[0-9][0-9]_*.html"))
    counts = build_pdfs(
        args.html.resolve(),
        names,
        language=args.language,
        pdf_dir=args.pdf_dir.resolve() if args.pdf_dir else None,
        chapters=not args.no_chapters,
    )
    for name, pages in counts.items():
        print(f"pdf: {name}: {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
