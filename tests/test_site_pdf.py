"""The PDFs (scripts/pdf.py): printed by Chromium from a build of the site, read back with poppler.

The whole analysis of every edition is printed once (the same function ``make report`` runs),
then read with ``pdfinfo``/``pdftotext`` (poppler-utils; without them the page count falls
back to counting page objects and the text checks skip, saying so): at least 20 pages, a
title page, contents with page numbers that point at the chapters, page numbers in the
footer, no code, every Vietnamese word of a chapter extractable with its diacritics, and
the fonts embedded.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from pubtools import chapters, downloads, editions, pdf
from sitetools import cached


@pytest.fixture(scope="module")
def printed(tmp_path_factory, browser, site) -> dict[str, dict]:
    """language -> {"whole": path, "chapter": path, "pages": {file: count}, "edition": folder}.

    The PDFs are a build artifact of the site: cached with it (sitetools.cached), keyed by the
    site's key and the browser's version, reused when both match (AGSTATS_TEST_REBUILD=1: printed
    again). Printed from a copy of each edition (the printer writes a scratch page into the folder
    it prints, which the other workers' tests of the shared build would see)."""
    html = site["html"]  # the session's build (conftest.py)
    key = hashlib.sha256(f"{site['cache']['key']}\0{browser.version}".encode()).hexdigest()

    def print_all(folder: Path) -> dict:
        found = {}
        for language, edition in editions(html).items():
            copy = tmp_path_factory.mktemp(f"print-{language}") / "edition"
            shutil.copytree(edition, copy)
            out = folder / f"pdf-{language}"
            names = chapters(copy)
            pages = pdf.build_pdfs(copy, names, language=language, pdf_dir=out, chapters=False, browser=browser)
            # one chapter on its own too (the others are printed the same way by make report)
            pages |= pdf.build_pdfs(
                copy, names[1:2], language=language, pdf_dir=out / "one", whole=False, browser=browser
            )
            found[language] = {
                "whole": str(out / pdf.pdf_name(None, language)),
                "chapter": str(out / "one" / pdf.pdf_name(names[1], language)),
                "pages": pages,
                "names": names,
            }
        return found

    value = cached("pdf", key, print_all)
    print(f"PDFs {'reused from' if value['cache']['reused'] else 'printed into'} {value['cache']['entry']}")
    return {
        language: dict(p, whole=Path(p["whole"]), chapter=Path(p["chapter"]), edition=editions(html)[language])
        for language, p in value.items()
        if language != "cache"
    }


def text(path: Path, first: int | None = None, last: int | None = None) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed (apt-get install poppler-utils): the PDF's text is not checked")
    cmd = ["pdftotext", "-enc", "UTF-8"] + (["-f", str(first), "-l", str(last)] if first else []) + [str(path), "-"]
    return subprocess.run(cmd, capture_output=True, check=True).stdout.decode("utf-8")


def test_the_whole_analysis_has_at_least_20_pages_and_each_chapter_its_own_pdf(printed):
    for language, p in printed.items():
        whole = pdf.pdf_pages(p["whole"])
        assert whole >= 20, (language, whole)
        assert p["pages"][p["whole"].name] == whole
        assert p["chapter"].is_file() and 2 < pdf.pdf_pages(p["chapter"]) < whole
        assert p["whole"].read_bytes()[:5] == b"%PDF-"


def test_title_page_contents_with_page_numbers_and_numbered_pages(printed):
    for language, p in printed.items():
        pages = text(p["whole"]).split("\f")
        title = pages[0]
        assert pdf.TEXT[language]["no_code"].split(":")[0] in " ".join(title.split())
        contents = " ".join(pages[1].split())
        assert pdf.TEXT[language]["contents"] in contents
        n = len(pages) - 1 if pages[-1].strip() == "" else len(pages)
        footer = f"{pdf.TEXT[language]['page']} 3 {pdf.TEXT[language]['of']} {n}"
        assert footer in " ".join(pages[2].split()), "page numbers in the footer"
        # each chapter's entry in the contents names the page its title is printed on
        for name in p["names"]:
            page_html = (p["edition"] / f"{name}.html").read_text(encoding="utf-8")
            h1 = re.search(r"<h1>(.*?)</h1>", page_html, re.S).group(1)
            h1 = " ".join(
                html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", h1))).split()
            )
            # a long title wraps: its page number may stand after its first line, inside the title's words
            start = contents.find(h1[:25])
            assert start >= 0, f"{name} not in the contents"
            title_words = Counter(h1.split())
            page_no = None
            for token in contents[start:].split():
                if title_words[token] > 0:
                    title_words[token] -= 1
                elif token.isdigit():
                    page_no = int(token)
                    break
            assert page_no is not None, f"{name}: no page number in its contents entry"
            key = h1[:30]
            assert key in " ".join(pages[page_no - 1].split()), f"{name}: the contents say page {page_no}"


def test_no_code_and_vietnamese_text_extractable(printed):
    for p in printed.values():
        printed_text = unicodedata.normalize("NFC", text(p["whole"]))
        assert "import agstats" not in printed_text and "agp." not in printed_text
        assert "Show code" not in printed_text
        words = set(re.findall(r"\w+", printed_text))
        # every Vietnamese word of a chapter's prose (outside code) is in the PDF with its diacritics
        page = (p["edition"] / f"{p['names'][0]}.html").read_text(encoding="utf-8")
        article = page[page.find("<article") : page.find("</article>")]
        article = re.sub(r'<div class="cell_input.*?</div>\s*</div>\s*</div>', "", article, flags=re.S)
        article = re.sub(r"<(svg|script|style|code)\b.*?</\1>", "", article, flags=re.S)
        prose = unicodedata.normalize("NFC", re.sub(r"<[^>]+>", " ", article))
        vietnamese = {w for w in re.findall(r"\w+", prose) if downloads.is_vietnamese_word(w)}
        assert len(vietnamese) >= 10, "no Vietnamese words to check"
        missing = vietnamese - words
        assert len(missing) <= 0.02 * len(vietnamese), sorted(missing)[:20]


def test_fonts_are_embedded(printed):
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts not installed (poppler-utils)")
    for p in printed.values():
        rows = subprocess.run(["pdffonts", str(p["whole"])], capture_output=True, text=True, check=True).stdout
        fonts = [line.split() for line in rows.splitlines()[2:] if line.strip()]
        assert fonts and all(f[-5] == "yes" for f in fonts), rows  # the "emb" column
        assert any("DejaVu" in f[0] or "Noto" in f[0] for f in fonts), rows


def test_every_page_links_to_a_pdf(printed):
    for language, p in printed.items():
        for page in p["edition"].glob("*.html"):
            if page.name == "search.html":  # the theme gives the search page no download menu
                continue
            body = page.read_text(encoding="utf-8")
            links = re.findall(r'<a href="([^"]+\.pdf)" class="btn btn-sm btn-download-pdf-button', body)
            expected = pdf.pdf_name(page.stem if page.stem in p["names"] else None, language)
            assert links and links[0].endswith("pdf/" + expected), page.name
            assert 'data-agstats-click="print"' not in body  # the browser's print (code included) is gone
