"""Which texts of the data package still lack their Vietnamese version.

The Vietnamese edition shows the Vietnamese columns of the data package:
``definition_vi`` and ``notes_vi`` of ``catalogue.csv``, ``title_vi`` and
``publisher_vi`` of ``sources.csv`` (see docs/editions.md). A row added
without them still works — the edition shows its English text, marked as
English — but it should be translated. :func:`missing_translations` lists
such rows; ``python scripts/check_translations.py`` prints the list (exit 1
when it is not empty), and ``tests/test_translations.py`` keeps the shipped
data complete.

When is a Vietnamese text required?

- ``definition_vi``: always; ``notes_vi``: when ``notes`` is not empty.
- ``title_vi``: when the title holds words we wrote rather than the published
  title — a bracketed description or note (``[…]``), or a trailing note of
  ours in parentheses such as "(copy)" or "(revision of …)". A title as
  published stays as published in both editions, and ``title_vi`` is empty.
- ``publisher_vi``: when the publisher's name carries an English gloss or note
  of ours ("Bộ Thông tin và Truyền thông (Ministry of Information and
  Communications)", "Wikipedia (English)"). A name as the publisher writes it
  — Vietnamese, or the English name of an English-language publisher such as
  "Hanoi Times" — needs none.

The two source rules and the test for English left in a Vietnamese text are
heuristics (lists of English words, below): they catch the cases of the
shipped data, and a maintainer reads the list they give.

Examples
--------
>>> missing_translations().empty
True
>>> looks_english("Số thuê bao, không phải số người.")
False
>>> looks_english("Subscriptions, not people; one person may hold several.")
True
>>> looks_english("Tertiary source.")
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

__all__ = [
    "looks_english",
    "missing_translations",
    "numbers_and_ids",
    "publisher_needs_translation",
    "title_needs_translation",
]

#: English words that do not occur as Vietnamese words (no "in", "do", "to", "an": Vietnamese has them).
ENGLISH_WORDS = frozenset(
    """the of and or not is are was were be been from with by for on at as its their this that which
    only per when where whose has have does it these those into over under between about after
    before than also any each other same whether there here they we our his her one two three""".split()
)
#: Words of the glosses and notes we add to publishers' names and titles.
_NOTE_WORDS = frozenset(
    """english edition provincial portal newspaper site reposting research commercial ministry department
    agency board committee radio television article mirror values read administration magazine aggregator
    news copy revision revisions difference title transcribed recorded shown stored credited cites government
    party propaganda home affairs office people regional business""".split()
)
_VIETNAMESE_LETTERS = frozenset("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’")
_CODE = re.compile(r"\S*[_=/@]\S*|\S+\.\w{2,4}\b")


def _words(text: str) -> list[str]:
    """Lower-case words of *text* outside quotations, ids, file names and addresses."""
    text = _CODE.sub(" ", _QUOTED.sub(" ", text))
    return re.findall(r"[^\W\d_]+", text.lower())


def looks_english(text: str) -> bool:
    """True when a text meant to be Vietnamese still reads as English (a heuristic).

    Quoted phrases ('postal field'), ids (``postal_revenue``), file names and
    addresses are ignored; the text "looks English" when at least two of its
    words are English function words (:data:`ENGLISH_WORDS`), or when fewer
    than half of its words carry a Vietnamese letter (ă, â, đ, ê, ô, ơ, ư or a
    tone mark). On the shipped catalogue the Vietnamese texts have at least 55 %
    such words and every English text is caught.

    Examples
    --------
    >>> looks_english("Tỷ lệ trên số thuê bao ('a share of subscriptions'), xem smartphone_users_share.")
    False
    >>> looks_english("Share of households reached by fibre broadband, in percent.")
    True
    """
    words = _words(text)
    if sum(w in ENGLISH_WORDS for w in words) >= 2:
        return True
    return bool(words) and sum(bool(_VIETNAMESE_LETTERS & set(w)) for w in words) < 0.5 * len(words)


def numbers_and_ids(text: str) -> set[str]:
    """The numbers (without separators or leading zeros) and the ids a text names.

    A translation keeps them all: ``numbers_and_ids(english) <= numbers_and_ids(vietnamese)``
    (month names and quarters are written as numbers in Vietnamese, so the Vietnamese may have more).

    Examples
    --------
    >>> sorted(numbers_and_ids("2,886 is below 3,300 (see telecom_sector_revenue; currency=True)"))
    ['2886', '3300', 'currency=True', 'telecom_sector_revenue']
    >>> numbers_and_ids("2.886 thấp hơn 3.300") <= numbers_and_ids("Số 2.886 và 3.300; 68,42%")
    True
    """
    numbers = {re.sub(r"[.,]", "", n).lstrip("0") or "0" for n in re.findall(r"\d[\d.,]*\d|\d", text)}
    ids = set(re.findall(r"[a-z0-9]+(?:_[a-z0-9]+)+|\w+=\w+|docs/\S+\.md", text))
    return numbers | ids


def _parts(text: str) -> list[str]:
    """The parenthesised parts of a text and what follows a ';' or ', ' after its name."""
    inner = re.findall(r"\(([^()]*)\)", text)
    rest = re.sub(r"\([^()]*\)", " ", text)
    return inner + re.split(r";|, ", rest)[1:]


def publisher_needs_translation(publisher: str) -> bool:
    """True when a publisher's name carries an English gloss or note of ours (see the module's rules).

    Examples
    --------
    >>> publisher_needs_translation("Bộ Thông tin và Truyền thông (Ministry of Information and Communications)")
    True
    >>> publisher_needs_translation("Wikipedia (English)"), publisher_needs_translation("Hanoi Times")
    (True, False)
    >>> publisher_needs_translation("Tạp chí Cộng sản (Communist Review)")
    True
    >>> publisher_needs_translation("Đầu tư Tài chính (Sài Gòn Giải Phóng)"), publisher_needs_translation("CAND (CAND)")
    (False, False)
    """
    if any(w in ENGLISH_WORDS for w in _words(publisher)):
        return True
    if any(w in ENGLISH_WORDS | _NOTE_WORDS for part in _parts(publisher) for w in _words(part)):
        return True
    # a gloss: a Vietnamese name followed by a parenthesis without a Vietnamese letter ("(Communist Review)"),
    # not an address ("(dti.gov.vn)") nor an acronym ("(CAND)")
    name = publisher.split("(")[0]
    if not _VIETNAMESE_LETTERS & set(name.lower()):
        return False
    for part in re.findall(r"\(([^()]*)\)", publisher):
        words = _CODE.sub(" ", part).split()
        if words and not _VIETNAMESE_LETTERS & set(part.lower()) and not all(w.isupper() for w in words):
            return True
    return False


def title_needs_translation(title: str) -> bool:
    """True when a title holds words of ours: a bracketed part, or a trailing note in parentheses.

    Examples
    --------
    >>> title_needs_translation("[An Giang develops its telecom infrastructure] (title not recorded)")
    True
    >>> title_needs_translation("An Giang (revision of 6 September 2020)")
    True
    >>> title_needs_translation("Official exchange rate (LCU per US$, period average), Vietnam")
    False
    """
    if "[" in title:
        return True
    m = re.search(r"\(([^()]*)\)\s*$", title)
    return m is not None and any(w in _NOTE_WORDS for w in _words(m.group(1)))


def _title_looks_english(title: str) -> bool:
    """True when a bracketed part or the trailing parenthesis of a title reads as English."""
    parts = re.findall(r"\[([^\]]*)\]", title) + re.findall(r"\(([^()]*)\)\s*$", title)
    return any(looks_english(p) for p in parts)


def _cell(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def missing_translations(*, data_dir: Path | str | None = None) -> pd.DataFrame:
    """List the rows of the data package whose Vietnamese text is missing or still English.

    Parameters
    ----------
    data_dir : path, optional
        Another data package folder.

    Returns
    -------
    pandas.DataFrame
        Columns ``file``, ``line`` (the physical line, header = 1), ``id``,
        ``column`` (the Vietnamese column to fill), ``problem``
        (``"missing"``; ``"out of step"`` when the English names a number or
        an id the Vietnamese does not — the English changed after the
        translation; or ``"looks English"``: for a catalogue text
        :func:`looks_english`, for a title its bracketed part or closing note,
        for a publisher :func:`publisher_needs_translation` of the Vietnamese
        text) and ``english`` (the text to translate), one row per cell; empty
        when every text is translated.

    Examples
    --------
    >>> list(missing_translations().columns)
    ['file', 'line', 'id', 'column', 'problem', 'english']
    """
    from .io import load_catalogue, load_sources

    out: list[dict[str, object]] = []

    def check(
        file: str,
        line: int,
        key: str,
        column: str,
        english: str,
        vietnamese: str,
        required: bool,
        reads_english: Callable[[str], bool] = looks_english,
    ) -> None:
        if vietnamese and reads_english(vietnamese):
            out.append(dict(file=file, line=line, id=key, column=column, problem="looks English", english=english))
        elif required and not vietnamese:
            out.append(dict(file=file, line=line, id=key, column=column, problem="missing", english=english))

    cat = load_catalogue(data_dir=data_dir)
    for line, r in enumerate(cat.to_dict("records"), start=2):
        key = _cell(r["indicator"])
        for column in ("definition", "notes"):
            english, vietnamese = _cell(r.get(column)), _cell(r.get(column + "_vi"))
            if vietnamese and not numbers_and_ids(english) <= numbers_and_ids(vietnamese):
                row = dict(file="catalogue.csv", line=line, id=key, column=column + "_vi", english=english)
                out.append(dict(row, problem="out of step"))
                continue
            check("catalogue.csv", line, key, column + "_vi", english, vietnamese, bool(english))
    src = load_sources(data_dir=data_dir)
    for line, r in enumerate(src.to_dict("records"), start=2):
        key, title, publisher = _cell(r["id"]), _cell(r["title"]), _cell(r["publisher"])
        title_vi, publisher_vi = _cell(r.get("title_vi")), _cell(r.get("publisher_vi"))
        needed = title_needs_translation(title)
        check("sources.csv", line, key, "title_vi", title, title_vi, needed, _title_looks_english)
        needed = publisher_needs_translation(publisher)
        check("sources.csv", line, key, "publisher_vi", publisher, publisher_vi, needed, publisher_needs_translation)
    return pd.DataFrame(out, columns=["file", "line", "id", "column", "problem", "english"])
