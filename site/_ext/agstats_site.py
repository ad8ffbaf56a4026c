"""Sphinx extension of the agstats site (loaded by site/_config.yml, ``sphinx.local_extensions``).

Two things the themes and Sphinx do not do for the Vietnamese edition:

1. **Search without diacritics.** A search language ``vi`` whose "stemmer" folds
   Vietnamese diacritics (``viễn thông`` -> ``vien thong``, ``đ`` -> ``d``) both when
   the index is written (Python, :func:`fold`) and when a query is read (the same
   folding in JavaScript, written into ``_static/language_data.js``, a file: the pages'
   Content-Security-Policy allows no inline script). "vien thong" then finds what
   "viễn thông" finds.
2. **The theme's own words.** sphinx-book-theme's Vietnamese catalogue (``booktheme``)
   translates "Launch" as "Phóng" and its own name as "Chủ đề sách nhân sư"; the
   edition's catalogues in ``_locales/vi/LC_MESSAGES/`` (compiled from site/locales by
   scripts/build_site.py) take precedence over the theme's. Sphinx's own domain
   (``sphinx``, also used by pydata-sphinx-theme) reads them through ``locale_dirs``;
   the book theme's domain is put first here.
"""

from __future__ import annotations

import gettext
import unicodedata
from pathlib import Path

from sphinx.search import SearchLanguage, languages

__all__ = ["fold", "setup"]


def fold(word: str) -> str:
    """Lower case without diacritics: the search index's and the query's common form.

    >>> fold("Viễn Thông"), fold("Đồng"), fold("telecom")
    ('vien thong', 'dong', 'telecom')
    """
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d").replace("Đ", "d"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# The same folding in the browser (searchtools.js calls new Stemmer().stemWord(lowercased term)).
JS_FOLD = r"""
/* agstats: Vietnamese search folds diacritics (site/_ext/agstats_site.py, fold()). */
var Stemmer = function() {
  this.stemWord = function(w) {
    return w.toLowerCase().replace(/đ/g, "d").normalize("NFD")
            .replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  };
};
"""


class SearchVietnamese(SearchLanguage):
    """Vietnamese: words split like Sphinx's default, stems are the diacritic-free forms."""

    lang = "vi"
    language_name = "Vietnamese"
    js_stemmer_rawcode = None
    js_stemmer_code = JS_FOLD
    stopwords: set[str] = set()

    def stem(self, word: str) -> str:
        return fold(word)

    def word_filter(self, word: str) -> bool:
        return len(word) > 0


def _book_theme_words_first(app) -> None:
    """Put the edition's ``booktheme`` catalogue before the theme's own."""
    from sphinx.locale import translators

    language = app.config.language or "en"
    folder = Path(app.srcdir) / "_locales"
    if not (folder / language / "LC_MESSAGES" / "booktheme.mo").exists():
        return
    ours = gettext.translation("booktheme", localedir=str(folder), languages=[language])
    theirs = translators.get(("general", "booktheme"))
    if theirs is not None:
        ours.add_fallback(theirs)
    translators[("general", "booktheme")] = ours


def setup(app):
    languages["vi"] = SearchVietnamese
    app.connect("builder-inited", _book_theme_words_first)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
