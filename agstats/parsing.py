"""Vietnamese numbers in report text: value, unit and qualifier.

The project's single number parser. :func:`find_quantities` scans a text once
with one compiled regular expression (numbers, clause breaks and clause-level
keywords such as *ước* or *phấn đấu*), then reads each number's unit from the
words right after it and its qualifier from the words right before it and from
its clause. :func:`scan` is the same pass reporting every number: each
quantity, each measurement whose unit has no code, and why each other number
is not a quantity (:data:`NON_QUANTITY_KINDS`); :mod:`agstats.extract` is built
on it.

Conventions
-----------
* **Normalisation.** Every function first applies :func:`normalize` (NFC,
  one kind of space, one kind of dash). It is length-stable with respect to NFC,
  so spans (``Quantity.start``/``end``) index into ``normalize(text)``, which
  equals ``unicodedata.normalize("NFC", text)`` except for the replaced space
  and dash characters. NFD input gives identical results.
* **Numbers.** ``.`` groups of exactly three digits are thousands separators
  (``3.300`` is 3300), ``,`` is the decimal comma (``2,5``); a single ``.``
  followed by anything but three digits is a decimal point (``65.2``); with
  both separators the last one is the decimal separator (``22,370.09``,
  ``98.982,30``). Leading zeros are allowed (``05`` is 5). Only where the
  words around a number are English (no Vietnamese letter within 80
  characters before / 40 after, and an English word such as *the*, *of*,
  *billion*) is a single separator before three digits read the English way
  (``more than 1,200 services`` is 1200).
* **Currency prefixes.** ``$5 billion``, ``US$ 3 million``, ``VND 16,800
  billion`` and ``VND34.3 trillion`` are money; the span starts at the prefix.
* **Spans.** A quantity's span starts at its first digit (or at a currency
  prefix) and ends after its unit words: the scale word, the currency, ``%``,
  ``người``, ``người/km²``, ``giờ/ngày``, ``km²``... For a plain ``count`` the span is the
  number alone (``"05"`` in ``"05 cơ quan"``): the counted noun is not a unit.
  Qualifier words (``trên``, ``khoảng``...) are never inside the span.
* **Units.** Scale words map to the scaled unit codes of ``data/units.csv`` and
  the stated number is kept (``10,8 triệu thuê bao`` is 10.8 ``count_mn``,
  ``1,9 triệu người`` is 1.9 ``count_mn``). Where no scaled code exists the
  value is multiplied: ``2,1 triệu tỷ đồng`` is 2100 ``vnd_tn``, ``500 nghìn
  đồng`` is 500000 ``vnd``. A bare ``tỷ`` (no currency) is taken as
  ``vnd_bn``, but ``7,7 tỷ người`` and ``2 billion`` are a ``count`` (7.7e9,
  2e9); a number followed by a noun, or by nothing, is a ``count``.
* **Not quantities.** Years used as time (``năm 2018``, ``2017 – 2019``),
  period lengths (``9 tháng``, also ``3`` in ``3 - 5 năm``), dates, times,
  document numbers (``2314/QĐ-UBND``, ``12-NQ/TU``), technology labels
  (``4G``), versions (``4.0``), ordinals and level names (``lần thứ 4``,
  ``mức độ 3``, and ``4`` in ``mức độ 3, 4``, but not ``217`` in ``mức độ 3 và
  217 dịch vụ``), phone numbers (leading ``0`` and three or more digits;
  ``1900 9090``), list markers (``1.`` at the start of a line, ``(2)``),
  denominators (``trên 100 dân``), ages (``18 tuổi``) and measurements whose
  unit has no code in ``data/units.csv`` (``ha``, ``MHz``, ``lần/tuần``...,
  both ends of ``1-3 lần/tuần``).
* **Rates** (units with codes): ``102,5 máy/100 dân`` and ``22,4 thuê bao/100
  dân`` are ``per_100_inhabitants``; ``98,4 Mbps``, ``45,7 Mb/s``, ``10 Gbps``
  are ``mbps``/``gbps``; ``4 lần/ngày`` is ``times_per_day``; ``1.250 hồ
  sơ/ngày``, ``35 tin, bài/ngày`` are ``count_per_day`` (``/tháng``:
  ``count_per_month``); ``2,4 km/điểm`` and ``6.980 người/điểm`` are
  ``km_per_point`` and ``persons_per_point``.
* **Ranks and index scores.** ``xếp thứ 7/63``, ``xếp hạng 7/63``, ``đứng thứ 7
  trên 63 tỉnh``, ``hạng 54``, ``ranked 7th out of 63``: value 7, unit
  ``rank_of_63`` (``rank_of_<n>`` for another stated total, ``rank`` for none;
  the total is not a figure). ``65,2/100 điểm`` is ``score_of_100``; a decimal
  number after an index name (*chỉ số DTI đạt 0,677*), beside a rank
  (*39/63 (0,677)*) or before one is ``index_score``. Dates (``7/2019``) and
  document numbers are never ranks; ``52/63 tỉnh`` without a ranking word is a
  ratio; ``lần thứ 4`` stays an ordinal.
* **Ratios.** ``102/102 điểm`` gives one quantity: value = numerator, the
  denominator in :attr:`Quantity.denominator` (``None`` for every other
  quantity).
* **Ranges.** In ``10 - 15%`` or ``5 đến 10 tỷ đồng`` the first number takes
  the unit of the second (its span stays the number alone); both are
  ``exact`` unless qualified otherwise.
* **Qualifiers.** Words right before the number: ``trên``, ``hơn``, ``tối
  thiểu``, ``ít nhất``, ``không dưới``, ``over``, ``more than`` (and ``X ...
  trở lên`` after it) make a ``lower_bound``; ``dưới``, ``không quá``, ``tối
  đa``, ``less than`` (and ``trở xuống``) an ``upper_bound``; ``khoảng``,
  ``gần``, ``xấp xỉ``, ``some``, ``about`` an ``approximate``. Keywords
  anywhere earlier in the same clause (a clause ends at ``.``, ``;``, ``:``,
  ``!``, ``?`` or a line break, not at commas or thousands dots; a keyword
  that has not yet qualified a number carries over a colon, as in *Ước tính
  năm 2019: 150 tỷ đồng*): ``ước`` (not *hiệp ước*, *ước mơ*...), ``dự
  kiến``, ``dự báo`` make an ``estimate``; ``phấn đấu``, ``kế hoạch``, ``chỉ tiêu``, ``mục tiêu`` a
  ``target`` (not *Sở Kế hoạch và Đầu tư*, *Kế hoạch số ...*, *so với kế
  hoạch*, *vượt kế hoạch*). The nearest keyword wins. Combined: estimate +
  lower bound is ``estimate_lower_bound``, estimate + approximate stays
  ``estimate``, estimate + upper bound is ``upper_bound``, a target stays
  ``target``. A plain recommendation (*mỗi năm dành 1%*) is ``exact``.
  ``trên`` before a zero-padded count (``trên 01 Cổng``) is the preposition
  *on*, not a bound; ``cao hơn 5%`` is a comparison (5% higher), not a bound.

Examples
--------
>>> from agstats.parsing import find_quantities, format_vi, parse_number, parse_quantity
>>> q = parse_quantity("ước 9 tháng đầu năm 2019 đạt 150 tỷ đồng")
>>> q.value, q.unit, q.qualifier, q.text
(150.0, 'vnd_bn', 'estimate', '150 tỷ đồng')
>>> [(q.value, q.unit, q.qualifier) for q in find_quantities(
...     "năm 2018 đạt trên 4.600 tỷ đồng; Trên 60% dân số; 05 cơ quan báo chí")]
[(4600.0, 'vnd_bn', 'lower_bound'), (60.0, 'percent', 'lower_bound'), (5.0, 'count', 'exact')]
>>> find_quantities("theo Quyết định số 2314/QĐ-UBND ngày 25 tháng 9 năm 2019")
[]
>>> parse_number("1.908.352"), format_vi(1908352), format_vi(2.5)
(1908352.0, '1.908.352', '2,5')
"""

from __future__ import annotations

import math
import operator
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, NamedTuple

__all__ = [
    "MENTION_KINDS",
    "NON_QUANTITY_KINDS",
    "QUALIFIERS",
    "UNIT_CODES",
    "Mention",
    "Quantity",
    "Token",
    "find_quantities",
    "format_vi",
    "is_unit_code",
    "normalize",
    "parse_number",
    "parse_quantity",
    "scan",
    "tokenize",
]

QUALIFIERS: Final[tuple[str, ...]] = (
    "exact",
    "estimate",
    "lower_bound",
    "upper_bound",
    "approximate",
    "target",
    "estimate_lower_bound",
)
"""Every qualifier a :class:`Quantity` can carry."""

UNIT_CODES: Final[tuple[str, ...]] = (
    "vnd", "vnd_mn", "vnd_bn", "vnd_tn", "usd", "usd_mn", "usd_bn", "percent", "count",
    "count_th", "count_mn", "persons", "hours_per_day", "km", "km2", "vnd_per_usd", "persons_per_km2",
    "rank_of_63", "rank", "score_of_100", "index_score", "per_100_inhabitants", "mbps", "gbps", "kbps",
    "times_per_day", "count_per_day", "count_per_month", "km_per_point", "persons_per_point",
)  # fmt: skip
"""The unit codes :func:`find_quantities` returns (codes of ``data/units.csv``), besides ``rank_of_<n>``.

A rank among another total than 63 (*xếp thứ 12/34*, after the 2025 mergers; *41/181 quốc gia*) gets the unit
``rank_of_<n>`` with that total (``rank_of_34``): it is never read as a rank of 63, and only ``rank_of_63`` has a
row in ``data/units.csv`` (see :func:`is_unit_code`)."""

_RANK_OF_RE: Final = re.compile(r"rank_of_[1-9][0-9]{0,3}")


def is_unit_code(code: str) -> bool:
    """Whether :func:`find_quantities` may return ``code``: one of :data:`UNIT_CODES` or ``rank_of_<n>``.

    Examples
    --------
    >>> is_unit_code("vnd_bn"), is_unit_code("rank_of_34"), is_unit_code("rank_of_0"), is_unit_code("lần")
    (True, True, False, False)
    """
    return code in UNIT_CODES or _RANK_OF_RE.fullmatch(code) is not None


NON_QUANTITY_KINDS: Final[tuple[str, ...]] = (
    "date", "year", "period", "time", "docnum", "technology", "version", "ordinal", "level", "label", "code",
    "list_marker", "section", "phone", "denominator", "age",
)  # fmt: skip
"""Why a number is not a quantity (the kinds of :func:`scan` besides ``quantity`` and ``measure``).

``date`` (*ngày 25 tháng 9 năm 2019*, *25/9/2019*, *tháng 9/2019*), ``year``
(*năm 2018*, *giai đoạn 2021 - 2025*, *2018/2019*), ``period`` (a length or
part of a year: *9 tháng*, *9 tháng đầu năm 2019*, *quý 3*), ``time`` (of
day, *14:30*), ``docnum`` (*2314/QĐ-UBND*, *12-NQ/TU*, *Kế hoạch số 12*),
``technology`` (*3G*, *4G*, *5G*), ``version`` (*4.0*, *Web 2.0*),
``ordinal`` (*lần thứ 4*, *đợt 2*), ``level`` (*mức độ 3*), ``label``
(*Điều 5*, *Quốc lộ 91*, *phường 3*), ``code`` (*COVID-19*, *ISO 9001*),
``list_marker`` (*1.* at the start of a line, *(2)*), ``section`` (*1.2.3*),
``phone``, ``denominator`` (*trên 100 dân*), ``age`` (*15 tuổi*).
"""

MENTION_KINDS: Final[tuple[str, ...]] = ("quantity", "measure", *NON_QUANTITY_KINDS)
"""Every kind of :class:`Mention`: a ``quantity`` (what :func:`find_quantities` returns), a ``measure``
(a quantity whose unit has no code in ``data/units.csv``: *900 MHz*, *3 lần/tuần*) or a non-quantity."""

_EXACT, _ESTIMATE, _LOWER, _UPPER, _APPROX, _TARGET, _EST_LOWER = QUALIFIERS


@dataclass(frozen=True)
class Quantity:
    """One quantity stated in a text.

    Attributes
    ----------
    value : float
        The number in ``unit`` (150.0 for ``"150 tỷ đồng"``).
    unit : str
        A code of :data:`UNIT_CODES`.
    qualifier : str
        One of :data:`QUALIFIERS`.
    start, end : int
        Span in ``normalize(text)``: from the first digit (or a currency prefix)
        to the end of the unit words; a plain ``count`` covers the number only.
    text : str
        ``normalize(text)[start:end]``.
    denominator : float or None
        For a ratio such as ``102/102``, its denominator (``value`` is the
        numerator); ``None`` otherwise.

    Examples
    --------
    >>> Quantity(150.0, "vnd_bn", "estimate", 30, 41, "150 tỷ đồng").denominator is None
    True
    """

    value: float
    unit: str
    qualifier: str
    start: int
    end: int
    text: str
    denominator: float | None = None


@dataclass(frozen=True)
class Token:
    """One token of the scanner (see :func:`tokenize`).

    Attributes
    ----------
    kind : str
        ``"number"``, ``"ratio"``, ``"date"``, ``"time"``, ``"docnum"`` (a
        document number such as ``45/2016/QĐ-TTg``), ``"break"`` (a clause
        break) or ``"keyword"`` (a clause-level qualifier keyword).
    start, end : int
        Span in ``normalize(text)``.
    text : str
        The token's text.
    """

    kind: str
    start: int
    end: int
    text: str


class Mention(NamedTuple):
    """One number of a text as :func:`scan` classifies it (an immutable named tuple).

    Attributes
    ----------
    kind : str
        One of :data:`MENTION_KINDS`: ``"quantity"``, ``"measure"`` or a
        non-quantity kind of :data:`NON_QUANTITY_KINDS`.
    start, end : int
        Span in ``normalize(text)``. A quantity or measure has the span of its
        :class:`Quantity`; a non-quantity covers its label words and number
        (``"năm 2018"``, ``"lần thứ 4"``, ``"ngày 25 tháng 9 năm 2019"``).
    text : str
        ``normalize(text)[start:end]``.
    quantity : Quantity or None
        The quantity of a ``quantity`` or ``measure`` mention (for a measure,
        ``unit`` is ``""`` and the unit words are in ``unit_text``); ``None``
        for a non-quantity.
    unit_text : str
        The unit words as written (``"tỷ đồng"``, ``"%"``, ``"lần/ngày"``);
        ``""`` for a plain count and for the first number of a range, which
        takes the unit of the second.
    qualifier_source : str
        Where the qualifier comes from: ``"word"`` (right before or after the
        number: *trên*, *khoảng*, *trở lên*), ``"clause"`` (a keyword earlier
        in the clause: *ước*, *phấn đấu*), ``"word+clause"`` or ``""``.
    keyword_start : int
        Start of the clause keyword that qualified the number, or -1.
    range_next : bool
        The number and the next quantity or measure form a range (*10 - 15%*,
        *từ 5 đến 10 tỷ đồng*, *1-3 lần/ngày*).

    Examples
    --------
    >>> m = Mention("year", 0, 8, "năm 2018")
    >>> m.quantity is None, m.range_next
    (True, False)
    """

    kind: str
    start: int
    end: int
    text: str
    quantity: Quantity | None = None
    unit_text: str = ""
    qualifier_source: str = ""
    keyword_start: int = -1
    range_next: bool = False


# --------------------------------------------------------------------------- normalisation

_SPACES = (
    "\t\x0b\x0c\x1c\x1d\x1e\x1f\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u202f\u205f\u2060\u3000\ufeff"
)
_LINE_BREAKS = "\r\x85\u2028\u2029"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_TRANSLATION: Final = str.maketrans(
    {c: " " for c in _SPACES} | {c: "\n" for c in _LINE_BREAKS} | {c: "-" for c in _DASHES} | {"\uff05": "%"}
)


_TO_TRANSLATE_RE: Final = re.compile(f"[{re.escape(_SPACES + _LINE_BREAKS + _DASHES)}\uff05]")


def normalize(text: str) -> str:
    """Normalise a text for parsing: NFC, one space, one line break, one dash.

    The result has the length of ``unicodedata.normalize("NFC", text)``: each
    space-like character (NBSP, thin and zero-width spaces, tab...) becomes
    ``" "``, each line separator (``\\r``, U+2028...) ``"\\n"``, each dash
    (en/em dash, minus sign...) ``"-"``, and ``％`` becomes ``%``; nothing
    is removed or collapsed. All spans of this module refer to this string.

    Parameters
    ----------
    text : str
        Any text, NFC or NFD.

    Returns
    -------
    str
        The normalised text.

    Examples
    --------
    >>> normalize("Năm 2017 \\u2013 2019:\\xa0156 điểm")
    'Năm 2017 - 2019: 156 điểm'
    >>> import unicodedata
    >>> normalize(unicodedata.normalize("NFD", "tỷ đồng")) == "tỷ đồng"
    True
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    found = set(_TO_TRANSLATE_RE.findall(text))
    if len(found) > 8:
        return text.translate(_TRANSLATION)
    for c in found:  # str.replace is much faster than str.translate on a long text with few such characters
        text = text.replace(c, str(_TRANSLATION[ord(c)]))
    return text


# --------------------------------------------------------------------------- numbers

_NUMBER_TOKEN_RE: Final = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)*")


_MAX_DIGITS: Final = 1000  # any float formatted by format_vi fits


def _thousands_ok(groups: list[str]) -> bool:
    first = groups[0]
    return 1 <= len(first) <= 3 and first[0] != "0" and all(len(g) == 3 for g in groups[1:])


def _split_number(s: str, english: bool = False) -> tuple[int, int] | None:
    """Return ``(mantissa, decimals)`` of an unsigned numeric token, or None if malformed.

    ``english`` swaps the reading of a token with one separator: ``1,200`` is
    1200 and ``1.200`` is 1.2.
    """
    if len(s) > _MAX_DIGITS:
        return None  # not a number a report states (and int() refuses > 4300 digits)
    has_dot, has_comma = "." in s, "," in s
    if has_dot and has_comma:
        dec_sep, th_sep = (".", ",") if s.rfind(".") > s.rfind(",") else (",", ".")
        int_part, _, frac = s.rpartition(dec_sep)
        if dec_sep in int_part:
            return None
        groups = int_part.split(th_sep)
        if not _thousands_ok(groups):
            return None
        return int("".join(groups) + frac), len(frac)
    if has_dot or has_comma:
        groups = s.split("." if has_dot else ",")
        decimal_sep = has_dot if english else has_comma
        if len(groups) == 2 and (decimal_sep or not _thousands_ok(groups)):
            return int(groups[0] + groups[1]), len(groups[1])  # one separator: decimal
        if not _thousands_ok(groups):
            return None
        return int("".join(groups)), 0
    return int(s), 0


def _scaled(parts: tuple[int, int], mult: int = 1) -> float:
    """``mantissa * mult / 10**decimals`` as a float; ``inf`` beyond the float range."""
    mantissa, decimals = parts
    try:
        # int / int is correctly rounded, so "2,1" x 1000 gives exactly 2100.0
        return mantissa * mult / 10**decimals if decimals else float(mantissa * mult)
    except OverflowError:
        return math.inf


def parse_number(token: str, *, lang: str = "vi") -> float:
    """Parse one numeric token written the Vietnamese way.

    Parameters
    ----------
    token : str
        Digits with optional ``.``/``,`` separators and an optional sign, e.g.
        ``"3.300"``, ``"2,5"``, ``"05"``, ``"22,370.09"``. Surrounding spaces
        are ignored; units are not accepted (see :func:`parse_quantity`).
    lang : {"vi", "en"}
        ``"en"`` reads a token with a single separator the English way
        (``1,200`` is 1200, ``1.200`` is 1.2); other tokens read the same.

    Returns
    -------
    float
        The number.

    Raises
    ------
    ValueError
        If the token is not a number, its separators are inconsistent
        (``"1.2.3"``) or it is beyond the range of a float; the message names
        the token.

    Examples
    --------
    >>> [parse_number(t) for t in ["3.300", "1.908.352", "2,5", "02", "65.2"]]
    [3300.0, 1908352.0, 2.5, 2.0, 65.2]
    >>> parse_number("22,370.09"), parse_number("98.982,30")
    (22370.09, 98982.3)
    >>> parse_number("1,200"), parse_number("1,200", lang="en")
    (1.2, 1200.0)
    >>> parse_number("abc")
    Traceback (most recent call last):
    ...
    ValueError: not a Vietnamese number: 'abc'
    """
    if lang not in ("vi", "en"):
        raise ValueError(f"lang must be 'vi' or 'en', got {lang!r}")
    s = normalize(token).strip()
    if not _NUMBER_TOKEN_RE.fullmatch(s):
        raise ValueError(f"not a Vietnamese number: {token!r}")
    sign = -1.0 if s[0] == "-" else 1.0
    parts = _split_number(s.lstrip("+-"), english=lang == "en")
    value = _scaled(parts) if parts is not None else math.nan
    if not math.isfinite(value):
        raise ValueError(f"inconsistent digit grouping or out-of-range number: {token!r}")
    return sign * value


def format_vi(value: float, decimals: int | None = None) -> str:
    """Format a number the Vietnamese way: ``.`` for thousands, ``,`` for decimals.

    Parameters
    ----------
    value : float
        The number (an ``int`` is formatted exactly).
    decimals : int, optional
        Number of decimals to show (rounded, trailing zeros kept). By default
        the shortest representation that reads back to the same float.

    Returns
    -------
    str
        The formatted number; :func:`parse_number` reads it back.

    Raises
    ------
    ValueError
        For NaN, infinities or negative ``decimals``.

    Examples
    --------
    >>> format_vi(1908352), format_vi(2.5), format_vi(3536.7), format_vi(150.0)
    ('1.908.352', '2,5', '3.536,7', '150')
    >>> format_vi(22370.0912, 2), format_vi(-1234, 1)
    ('22.370,09', '-1.234,0')
    """
    if decimals is not None and decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    if isinstance(value, int):
        int_s, frac = str(abs(value)), "0" * (decimals or 0)
        negative = value < 0
    else:
        x = float(value)
        if not math.isfinite(x):
            raise ValueError(f"cannot format {x!r}")
        if decimals is None:
            r = repr(abs(x))
            if "e" in r:
                from decimal import Decimal  # only for huge or tiny floats

                r = format(Decimal(r), "f")
            int_s, _, frac = r.partition(".")
            frac = frac.rstrip("0")
        else:
            int_s, _, frac = f"{abs(x):.{decimals}f}".partition(".")
        negative = x < 0 and bool(int_s.strip("0") or frac.strip("0"))
    grouped = f"{int(int_s):,}".replace(",", ".")
    return ("-" if negative else "") + grouped + ("," + frac if frac else "")


# --------------------------------------------------------------------------- scanner

_NUM = r"[0-9]+(?:[.,][0-9]+)*"
_SCAN_RE: Final = re.compile(
    rf"""
    (?=[0-9;:!?\n.ưpcmkdet])  # the first characters of the alternatives: lets the engine skip the others fast
    (?:
      (?P<brk>[;:!?\n]|\.(?![0-9])|(?<![0-9])\.)
    | (?<!\w)(?P<kw>ước|phấn[ ]+đấu|chỉ[ ]+tiêu|mục[ ]+tiêu|kế[ ]+hoạch|dự[ ]+kiến|dự[ ]+tính|dự[ ]+báo
                   |estimated?|targets?)(?!\w)
    | (?<![\w.,])(?P<tech>[1-9][GKD])(?!\w)
    | (?:(?<![\w/])|(?<=vnd)|(?<=vnđ)|(?<=usd))(?<![0-9][.,])
      (?:
        (?P<doc>[0-9]+(?:/[0-9]+)*/[^\W\d_]\w*(?:-\w+)*|[0-9]+-[^\W\d_]+/[^\W\d_]\w*(?:-\w+)*)
      | (?P<date>(?:[0-9]{{1,2}}/[0-9]{{1,2}}/(?:[0-9]{{4}}|[0-9]{{2}})
                 |[0-9]{{1,2}}/(?:19|20)[0-9]{{2}}
                 |[0-9]{{1,2}}-[0-9]{{1,2}}-(?:19|20)[0-9]{{2}}
                 |(?:19|20)[0-9]{{2}}-[0-9]{{1,2}}-[0-9]{{1,2}})(?![\w/]))
      | (?P<time>[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?(?![\w:]))
      | (?P<ratio>(?>{_NUM})/(?>{_NUM})(?![\w/]))
      | (?P<num>(?>{_NUM}))(?!/)(?:(?![^\W_])|(?=(?:km2|km²|km|đ|vnđ|vnd|usd)(?!\w)|h[ ]*/[ ]*ngày(?!\w)|(?:st|nd|rd|th)(?!\w)))
      )
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TOKEN_KINDS: Final = {"brk": "break", "kw": "keyword", "doc": "docnum", "date": "date", "time": "time",
                       "ratio": "ratio", "num": "number", "tech": "technology"}  # fmt: skip


def tokenize(text: str) -> list[Token]:
    """Return the scanner's tokens: numbers, ratios, dates, document numbers, breaks, keywords.

    This is the single pass :func:`find_quantities` is built on; digits glued
    to letters (``4G``, ``H5N1``) or following ``/`` are not number tokens.

    Parameters
    ----------
    text : str
        Any text; spans refer to ``normalize(text)``.

    Returns
    -------
    list of Token
        In text order.

    Examples
    --------
    >>> [(t.kind, t.text) for t in tokenize("ước đạt 3.300 tỷ, 3G; QĐ 45/2016/QĐ-TTg 25/9/2019")]
    [('keyword', 'ước'), ('number', '3.300'), ('break', ';'), ('docnum', '45/2016/QĐ-TTg'), ('date', '25/9/2019')]
    """
    t = normalize(text)
    return [
        Token(_TOKEN_KINDS[m.lastgroup or ""], m.start(), m.end(), m.group())
        for m in _SCAN_RE.finditer(t)
        if m.lastgroup != "tech"  # technology labels are not tokens of a figure; see scan()
    ]


# --------------------------------------------------------------------------- unit words (right context)

_I = re.IGNORECASE
_PCT_RE: Final = re.compile(r"[ ]*(?:%|phần[ ]+trăm(?!\w)|per[ ]?cent(?!\w))", _I)
_SCALE_RE: Final = re.compile(
    r"[ ]*(?P<s>(?:nghìn|ngàn|triệu)[ ]+t[ỷỉ]|nghìn|ngàn|triệu|t[ỷỉ]"
    r"|quadrillion|trillion|billion|million|thousand|bn|mn|mln)(?!\w)"
    r"(?![ ]+(?:lệ|trọng|giá|số|suất|chứng|tập|phú)(?!\w))",
    _I,
)
_CUR_RE: Final = re.compile(
    r"""[ ]*(?:
        (?P<vnd>đồng(?![ ]+(?:chí|bào|nghiệp|hương|hồ|bằng|bộ|thời|loạt|đều|tình|ý)(?!\w))|vnđ|vnd|đ|₫)
      | (?P<usd>usd|us[ ]?\$|\$|đô[ -]?la(?:[ ]+mỹ)?|đô|dollars?)
    )(?!\w)
    (?P<per>[ ]*/[ ]*(?:usd|\$|đô[ -]?la(?:[ ]+mỹ)?)(?!\w))?""",
    re.VERBOSE | _I,
)
_HPD_RE: Final = re.compile(r"[ ]*(?:giờ|h)[ ]*(?:/|mỗi|một|trên|trong)[ ]*ngày(?!\w)", _I)
_KM2_RE: Final = re.compile(
    r"[ ]*(?:km2|km²|km[ ]?vuông|ki-?lô-?mét[ ]+vuông|kilômét[ ]+vuông|kilomet[ ]+vuông"
    r"|square[ ]+kilomet(?:er|re)s?)(?!\w)",
    _I,
)
_KM_RE: Final = re.compile(r"[ ]*(?:km|ki-?lô-?mét|kilômét|kilomet(?:er|re)?s?|cây[ ]+số)(?!\w)(?![ ]*/)", _I)
_PER100_RE: Final = re.compile(  # "máy/100 dân", "thuê bao Internet băng rộng cố định/100 dân"
    r"(?=[^/\n.;:]{0,80}/[ ]*100)"  # a cheap test first: a "/100" close by
    r"[ ]*(?:[^\W\d_]+[ ]+){0,6}?[^\W\d_]+[ ]*/[ ]*100[ ]+(?:dân|người(?:[ ]+dân)?|inhabitants|people|persons)(?!\w)",
    _I,
)
_MBPS_RE: Final = re.compile(r"[ ]*(?:mbps|mb/s|mbit/s)(?!\w)", _I)
_GBPS_RE: Final = re.compile(r"[ ]*(?:gbps|gb/s|gbit/s)(?!\w)", _I)
_KBPS_RE: Final = re.compile(r"[ ]*(?:kbps|kb/s|kbit/s)(?!\w)", _I)
_TIMES_PER_DAY_RE: Final = re.compile(r"[ ]*lần[ ]*(?:/|mỗi|một|trên|trong)[ ]*ngày(?![ ]+đêm)(?!\w)", _I)
_PER_POINT = r"[ ]*/[ ]*(?:01[ ]+|1[ ]+)?điểm(?:[ ]+phục[ ]+vụ)?(?!\w)"  # "2,4 km/điểm", "4.907 người/1 điểm"
_KM_PER_POINT_RE: Final = re.compile(rf"[ ]*(?:km|ki-?lô-?mét){_PER_POINT}", _I)
_PERSONS_PER_POINT_RE: Final = re.compile(rf"[ ]*(?:người|dân){_PER_POINT}", _I)
_PER_DAY_RE: Final = re.compile(  # a count per day or per month: "1.250 hồ sơ/ngày", "35 tin, bài/ngày"
    r"(?=[^/\n.;:]{0,40}/)"  # a cheap test first: a "/" close by
    r"[ ]*(?!(?:năm|tháng|ngày|tuần|quý|quí|giờ|phút|giây)(?!\w))"  # "30 ngày/tháng": a length of time
    r"(?:[^\W\d_]+(?:[ ]+|,[ ]*)){0,2}?[^\W\d_]+[ ]*/[ ]*(?:ngày|tháng)(?![ ]+đêm)(?!\w)",
    _I,
)
_MEASURE_RE: Final = re.compile(
    r"[ ]*(?:km[ ]*/[ ]*(?:h|giờ|[^\W\d_]+)|ha|héc-?ta|hecta|m2|m²|m3|m³|m|cm|mm|kg|tấn|tạ|lít|mw|kw|kwh|gw|mhz|ghz|hz"
    r"|gb|mb|tb|kb|tuổi|°c|độ)(?!\w)",
    _I,
)
_TIME_RE: Final = re.compile(
    r"[ ]*(?:năm|tháng|ngày|tuần|quý|quí|giờ|phút|giây|thập[ ]+(?:kỷ|kỉ|niên)|thế[ ]+(?:kỷ|kỉ)"
    r"|years?|months?|days?|weeks?|hours?|minutes?|seconds?|decades?)(?!\w)",
    _I,
)
_DENSITY_RE: Final = re.compile(
    r"[ ]*(?:người|dân)[ ]*/[ ]*(?:km2|km²|km[ ]?vuông|ki-?lô-?mét[ ]+vuông|kilômét[ ]+vuông)(?!\w)", _I
)
_PERSONS_RE: Final = re.compile(r"[ ]*(?:người|nhân[ ]+khẩu|dân(?![ ]+tộc)|persons?|people|inhabitants)(?!\w)", _I)
_HOUSEHOLD_RE: Final = re.compile(r"[ ]*hộ(?!\w)", _I)
_RATE_RE: Final = re.compile(  # a count per unit of time, a unit without a code: "3 lần/tuần", "2 số/quý"
    r"[ ]*(?:[^\W\d_]+[ ]+){0,2}?[^\W\d_]+[ ]*/[ ]*(?:ngày[ ]+đêm|ngày|tuần|tháng|quý|quí|năm|giờ|phút|giây)(?!\w)", _I
)
_RANGE_RE: Final = re.compile(r"[ ]*(?:-|đến|tới|và|hoặc|to)[ ]*(?=[0-9])", _I)
_WORD_NEXT_RE: Final = re.compile(r"[ ]*[^\W\d_]")
_BOUND_AFTER_RE: Final = re.compile(  # "từ 5 doanh nghiệp trở lên", "50 or more"
    r"[^0-9.;:!?\n]{0,40}?(?<!\w)trở[ ]+(?:(?P<up>lên)|xuống)(?!\w)"
    r"|[ ]*(?:or|and)[ ]+(?:(?P<up2>more|above|over)|less|below|fewer)(?!\w)",
    _I,
)
_CHAIN_RE: Final = re.compile(r"[ ]*(?:,|và|hoặc|-|/|&)[ ]*", _I)
_PHONE_CHAIN_RE: Final = re.compile(r"[ .]*")
_TOLL_TAIL_RE: Final = re.compile(r"[ .]?[0-9]{3,4}(?![0-9])")  # the rest of a 1800/1900 number
_CHAIN_STEP: Final = 10  # a label list goes on with nearby numbers: "mức độ 3, 4", "Điều 5, 6 và 7"
_YEAR_RE: Final = re.compile(r"(?:19|20)[0-9]{2}")

_SCALE_KEY: Final = {"nghìn": "th", "ngàn": "th", "thousand": "th", "triệu": "mn", "million": "mn", "mn": "mn",
                     "mln": "mn", "tỷ": "bn", "tỉ": "bn", "billion": "bn", "bn": "bn", "trillion": "tn",
                     "quadrillion": "qd"}  # fmt: skip
# (currency, scale) -> (unit, multiplier)
_MONEY_UNITS: Final[dict[tuple[str, str | None], tuple[str, int]]] = {
    ("vnd", None): ("vnd", 1), ("vnd", "th"): ("vnd", 1000), ("vnd", "mn"): ("vnd_mn", 1),
    ("vnd", "bn"): ("vnd_bn", 1), ("vnd", "tn"): ("vnd_tn", 1), ("vnd", "qd"): ("vnd_tn", 1000),
    ("usd", None): ("usd", 1), ("usd", "th"): ("usd", 1000), ("usd", "mn"): ("usd_mn", 1),
    ("usd", "bn"): ("usd_bn", 1), ("usd", "tn"): ("usd_bn", 1000), ("usd", "qd"): ("usd_bn", 1_000_000),
}  # fmt: skip
_BARE_SCALE_UNITS: Final[dict[str, tuple[str, int]]] = {
    "th": ("count_th", 1), "mn": ("count_mn", 1), "bn": ("vnd_bn", 1), "tn": ("vnd_tn", 1), "qd": ("vnd_tn", 1000),
}  # fmt: skip


_COUNT_MULT: Final = {"bn": 10**9, "tn": 10**12, "qd": 10**15}
_EN_BIG_SCALES: Final = frozenset({"billion", "bn", "trillion", "quadrillion"})


def _scale_key(word: str) -> str:
    parts = word.lower().split()
    if len(parts) == 2:  # nghìn tỷ, ngàn tỷ, triệu tỷ
        return "qd" if parts[0] == "triệu" else "tn"
    return _SCALE_KEY[parts[0]]


@dataclass(frozen=True, slots=True)
class _Unit:
    kind: str  # strong: percent money scaled persons hpd km | weak: noun bare range | skip: time measure
    code: str
    mult: int
    end: int


def _read_unit(t: str, pos: int, currency: str | None) -> _Unit:
    """Read the unit words right after a number ending at ``pos`` (``currency``: of a prefix like "US$")."""
    if currency is not None:
        sm = _SCALE_RE.match(t, pos)
        code, mult = _MONEY_UNITS[currency, _scale_key(sm["s"]) if sm else None]
        return _Unit("money", code, mult, sm.end() if sm else pos)
    # one regular expression tries, in this order: percent, scale word, currency, the other units, a range, a
    # word (its alternatives are tried in order, as separate matches would be)
    m = _UNIT_DISPATCH_RE.match(t, pos)
    group = m.lastgroup if m else None
    if group == "pct":
        return _Unit("percent", "percent", 1, m.end())  # type: ignore[union-attr]
    if group == "scale":
        after = m.end()  # type: ignore[union-attr]
        word = m["s"]  # type: ignore[index]
        scale = _scale_key(word)
        c = _CUR_RE.match(t, after)
        if c:
            code, mult = _MONEY_UNITS["vnd" if c["vnd"] is not None else "usd", scale]
            return _Unit("money", code, mult, c.end("vnd") if c["vnd"] is not None else c.end("usd"))
        if scale in ("bn", "tn", "qd") and (word.lower() in _EN_BIG_SCALES or _PERSONS_RE.match(t, after)):
            # "2 billion", "7,7 tỷ người": a count; only a bare Vietnamese "tỷ" is money
            return _Unit("scaled", "count", _COUNT_MULT[scale], after)
        code, mult = _BARE_SCALE_UNITS[scale]
        return _Unit("scaled", code, mult, after)
    if group == "cur":
        if m["vnd"] is not None and m["per"]:  # type: ignore[index]
            return _Unit("money", "vnd_per_usd", 1, m.end())  # type: ignore[union-attr]
        vnd = m["vnd"] is not None  # type: ignore[index]
        code, mult = _MONEY_UNITS["vnd" if vnd else "usd", None]
        return _Unit("money", code, mult, m.end("vnd") if vnd else m.end("usd"))  # type: ignore[union-attr]
    if group == "range":
        return _Unit("range", "count", 1, pos)
    if group == "word":
        return _Unit("noun", "count", 1, pos)
    if group is not None:  # u0, u1...: _OTHER_UNITS
        kind, code = _OTHER_UNITS[int(group[1:])][1:]
        if code == "count_per_day" and m.group().rstrip().lower().endswith("tháng"):  # type: ignore[union-attr]
            code = "count_per_month"
        return _Unit(kind, code, 1, m.end())  # type: ignore[union-attr]
    return _Unit("bare", "count", 1, pos)


# the other units, in the order they are tried (one regular expression: its alternatives are tried in order)
_OTHER_UNITS: Final = (
    (_HPD_RE, "hpd", "hours_per_day"),
    (_PER100_RE, "rate", "per_100_inhabitants"),
    (_MBPS_RE, "rate", "mbps"),
    (_GBPS_RE, "rate", "gbps"),
    (_KBPS_RE, "rate", "kbps"),
    (_KM_PER_POINT_RE, "rate", "km_per_point"),
    (_PERSONS_PER_POINT_RE, "rate", "persons_per_point"),
    (_TIMES_PER_DAY_RE, "rate", "times_per_day"),
    (_PER_DAY_RE, "rate", "count_per_day"),  # "count_per_month" when per month: see _read_unit
    (_KM2_RE, "km", "km2"),
    (_KM_RE, "km", "km"),
    (_MEASURE_RE, "measure", ""),
    (_TIME_RE, "time", ""),
    (_DENSITY_RE, "density", "persons_per_km2"),
    (_RATE_RE, "measure", ""),
    (_PERSONS_RE, "persons", "persons"),
)
_OTHER_UNITS_RE: Final = re.compile(
    "|".join(f"(?P<u{i}>{rx.pattern})" for i, (rx, _, _) in enumerate(_OTHER_UNITS)), _I
)
_UNIT_DISPATCH_RE: Final = re.compile(
    f"(?P<pct>{_PCT_RE.pattern})|(?P<scale>{_SCALE_RE.pattern})|(?x:(?P<cur>{_CUR_RE.pattern}))|"
    + "".join(f"(?P<u{i}>{rx.pattern})|" for i, (rx, _, _) in enumerate(_OTHER_UNITS))
    + f"(?P<range>{_RANGE_RE.pattern})|(?P<word>{_WORD_NEXT_RE.pattern})",
    _I,
)
_STRONG_UNITS: Final = frozenset(
    {"percent", "money", "scaled", "persons", "density", "hpd", "km", "rate", "rank", "score"}
)
_NUM_AT_RE: Final = re.compile(rf"(?>{_NUM})(?![\w/])")


def _range_partner_unit(t: str, end: int, unit: _Unit) -> _Unit:
    """The unit of the first number of "3 - 5 năm" or "1-3 lần/tuần": a time or an uncoded unit is shared."""
    r = _RANGE_RE.match(t, end)
    m = _NUM_AT_RE.match(t, r.end()) if r else None
    if m:
        partner = _read_unit(t, m.end(), None)
        if partner.kind == "time" or partner.kind == "measure":
            return _Unit(partner.kind, "", 1, end)
    return unit


# --------------------------------------------------------------------------- words before a number (left context)

_LEFT_RE: Final = re.compile(r"[^\W\d_]+|[0-9]+(?:[.,][0-9]+)*|\n|[^\w\s]")
_LEFT_BREAKS: Final = frozenset({".", ";", "!", "?", "\n", ":"})
_LEFT_WINDOW: Final = 64
_SHORT_LEFT_WINDOW: Final = 24


def _left_words(t: str, start: int) -> list[str]:
    """The lower-cased tokens of the clause right before ``start`` (a final ':' is dropped).

    Callers look at the last three tokens at most (the longest phrase of the tables), so a short window is
    read first; the full window only when the short one holds fewer than three tokens of the clause.
    """
    lo = start - _SHORT_LEFT_WINDOW
    if lo > 0:
        toks = _LEFT_RE.findall(t[lo:start].lower())
        if toks:
            del toks[0]  # may be cut
        if toks and toks[-1] == ":":
            toks.pop()
        for i in range(len(toks) - 1, -1, -1):
            if toks[i] in _LEFT_BREAKS:
                return toks[i + 1 :]
        if len(toks) >= 3:
            return toks
    lo = start - _LEFT_WINDOW
    toks = _LEFT_RE.findall(t[lo if lo > 0 else 0 : start].lower())
    if lo > 0 and toks:
        del toks[0]  # may be cut
    if toks and toks[-1] == ":":
        toks.pop()  # "Tổng số điểm: 156", "ước đạt: 150"
    for i in range(len(toks) - 1, -1, -1):
        if toks[i] in _LEFT_BREAKS:
            return toks[i + 1 :]
    return toks


def _suffix_table(entries: dict[str, str]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Index phrases by their last word, longest phrases first."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, value in entries.items():
        words = tuple(phrase.split())
        table.setdefault(words[-1], []).append((words, value))
    for rows in table.values():
        rows.sort(key=lambda r: -len(r[0]))
    return table


def _lookup(table: dict[str, list[tuple[tuple[str, ...], str]]], words: list[str]) -> str | None:
    if not words:
        return None
    for phrase, value in table.get(words[-1], ()):
        n = len(phrase)
        if len(words) >= n and tuple(words[-n:]) == phrase:
            return value
    return None


_IMMEDIATE: Final = _suffix_table({
    "trên": _LOWER, "hơn": _LOWER, "tối thiểu": _LOWER, "ít nhất": _LOWER, "không dưới": _LOWER,
    "không ít hơn": _LOWER, "over": _LOWER, "above": _LOWER, "more than": _LOWER, "at least": _LOWER,
    "upwards of": _LOWER, ">": _LOWER, "≥": _LOWER,
    "dưới": _UPPER, "không quá": _UPPER, "không vượt quá": _UPPER, "tối đa": _UPPER, "ít hơn": _UPPER,
    "không hơn": _UPPER, "không nhiều hơn": _UPPER, "chưa đến": _UPPER, "chưa tới": _UPPER,
    "nhiều nhất": _UPPER, "under": _UPPER, "below": _UPPER, "less than": _UPPER, "fewer than": _UPPER,
    "up to": _UPPER, "at most": _UPPER, "<": _UPPER, "≤": _UPPER,
    "khoảng": _APPROX, "gần": _APPROX, "xấp xỉ": _APPROX, "chừng": _APPROX, "khoảng chừng": _APPROX,
    "ngót": _APPROX, "ngót nghét": _APPROX, "some": _APPROX, "about": _APPROX, "around": _APPROX,
    "approximately": _APPROX, "nearly": _APPROX, "almost": _APPROX, "roughly": _APPROX, "~": _APPROX,
    "≈": _APPROX,
})  # fmt: skip
# "cao hơn 5%" = 5 % higher: a comparison, not a bound
_COMPARATIVES: Final = frozenset({"cao", "thấp", "lớn", "nhỏ", "nhanh", "chậm", "kém", "rẻ", "đắt", "dài", "ngắn"})

# document types: "Quyết định 45", "Kế hoạch số 12", "Thông tư số 3"
_DOC_WORDS = ("quyết định", "nghị định", "thông tư", "chỉ thị", "nghị quyết", "công văn", "luật", "kế hoạch",
              "tờ trình", "đề án", "qđ", "nđ", "tt", "kh", "cv")  # fmt: skip
_DOC_NUMBER_WORDS = _DOC_WORDS + ("báo cáo", "văn bản", "thông báo", "hướng dẫn", "quy chuẩn", "tiêu chuẩn",
                                  "giấy phép", "chương trình")  # fmt: skip
# strong labels: the number names something ("mức độ 3"), unless a unit follows it; the value is the
# non-quantity kind scan() reports
_LABEL_KINDS: Final = {
    "ordinal": ("thứ", "lần", "đợt", "kỳ", "kì", "khóa", "khoá", "top", "lần thứ", "đợt thứ", "kỳ thứ", "kì thứ",
                "khóa thứ", "khoá thứ"),
    "level": ("mức độ", "cấp độ", "level", "phase"),
    "version": ("phiên bản", "version", "ver", "web", "ipv"),
    "code": ("covid", "iso", "tcvn", "mã", "mã số", "số hiệu"),
    "phone": ("số điện thoại", "điện thoại", "đt", "tel", "fax", "hotline", "tổng đài"),
    "label": ("loại", "hạng", "nhóm", "điều", "khoản", "chương", "mục", "phụ lục", "bảng", "biểu", "hình", "trang",
              "tập", "quyển", "quốc lộ", "tỉnh lộ", "hương lộ", "phường", "khóm", "ấp"),
}  # fmt: skip
_LABELS: Final = _suffix_table(
    {w: "docnum" for w in _DOC_WORDS}
    | {f"{w} số": "docnum" for w in _DOC_NUMBER_WORDS}
    | {w: kind for kind, words in _LABEL_KINDS.items() for w in words}
)
# weak labels: time words before a number (overridden by a unit: "mỗi năm 15%")
_TIME_LABELS: Final = _suffix_table(
    {w: "year" for w in ("năm", "giai đoạn", "niên độ", "niên khóa", "niên khoá", "thời kỳ", "year", "fy")}
    | {w: "date" for w in ("ngày", "tháng")}
    | {w: "period" for w in ("quý", "quí", "tuần")}
)
# words that introduce an amount, so that "có 2000 điểm" is a count and not a year
_AMOUNT_VERBS: Final = frozenset({"có", "gồm", "đạt", "là", "với", "tổng", "cộng", "được", "thêm", "mới", "tăng",
                                  "giảm", "hỗ", "trợ", "cấp", "chi", "thu", "nộp", "bằng"})  # fmt: skip
_DENOMINATORS: Final = frozenset({100.0, 1000.0, 10000.0, 100000.0, 1000000.0})

# --------------------------------------------------------------------------- clause keywords

_AROUND_WORD_RE: Final = re.compile(r"[^\W\d_]+")
_NEXT_TOKEN_RE: Final = re.compile(r"[ ]*(\w+)")
_UOC_PREV: Final = frozenset({"hiệp", "công", "quy", "điều", "mong", "khế", "giao", "cam", "thề", "nguyện", "ao"})
_UOC_NEXT: Final = frozenset({"mơ", "muốn", "nguyện", "ao", "vọng", "hẹn", "gì", "chi", "mong", "số", "chung"})
_PLAN_PREV: Final = frozenset({"sở", "vượt", "bằng", "đạt"})


def _keyword_kind(t: str, start: int, end: int) -> str | None:
    """The qualifier a clause keyword sets, or None when it is used otherwise (hiệp ước, Sở Kế hoạch...)."""
    word = " ".join(t[start:end].lower().split())
    prev = [w.lower() for w in _AROUND_WORD_RE.findall(t, max(0, start - 24), start)[-2:]]
    nm = _NEXT_TOKEN_RE.match(t, end)
    nxt = nm[1].lower() if nm else ""
    if word == "ước":
        return None if (prev[-1:] and prev[-1] in _UOC_PREV) or nxt in _UOC_NEXT else _ESTIMATE
    if word in ("dự kiến", "dự tính", "dự báo", "estimate", "estimated"):
        return _ESTIMATE
    if word in ("phấn đấu", "target", "targets"):
        return _TARGET
    # kế hoạch, chỉ tiêu, mục tiêu
    if prev[-2:] in (["so", "với"], ["hoàn", "thành"]) or (prev[-1:] and prev[-1] in _PLAN_PREV):
        return None  # the number measures achievement against the plan
    if word == "kế hoạch" and (nxt in ("và", "số") or nxt[:1].isdigit()):
        return None  # Sở Kế hoạch và Đầu tư, Kế hoạch số 12/KH-UBND
    return _TARGET


# --------------------------------------------------------------------------- quantities


def _combine(immediate: str | None, clause: str | None) -> str:
    if clause == _TARGET:
        return _TARGET
    if clause == _ESTIMATE:
        if immediate == _LOWER:
            return _EST_LOWER
        return _UPPER if immediate == _UPPER else _ESTIMATE
    return immediate or _EXACT


@dataclass(slots=True)
class _Candidate:
    parts: tuple[int, int]  # (mantissa, decimals) of the stated number
    unit: _Unit
    qualifier: str
    start: int
    end: int
    denominator: float | None
    inherit_at: int  # start of the next number whose unit a bare "10 - 15%" takes, or -1
    kind: str = "quantity"  # or "measure" (a unit without a code; scan() only)
    num_start: int = 0  # the digits (start may be a currency prefix, end the end of the unit words)
    num_end: int = 0
    source: str = ""  # where the qualifier comes from: "word", "clause", "word+clause" or ""
    kw_start: int = -1  # start of the clause keyword that qualified it
    range_at: int = -1  # start of the number a range "-", "đến", "tới" continues with, or -1
    range_next: bool = False  # this number and the next one form a range


# a non-quantity of the scan: (kind, start, end, include the label words before it)
_NonQuantity = tuple[str, int, int, bool]


_PREFIX_CURRENCIES: Final = {"VND": "vnd", "VNĐ": "vnd", "USD": "usd"}


def _currency_prefix(t: str, start: int) -> tuple[int, str | None]:
    """The start and currency of a "$", "US$", "USD" or "VND" prefix of the number at ``start``."""
    j = start
    if j > 0 and t[j - 1] == " ":
        j -= 1
    if j < 3 or t[j - 1] not in "$DdĐđ":
        return (j - 1, "usd") if j > 0 and t[j - 1] == "$" else (start, None)  # fast: no USD, VND, VNĐ there
    if t[j - 1] == "$":
        return (j - 3 if t[max(0, j - 3) : j - 1].upper() == "US" else j - 1), "usd"
    code = t[j - 3 : j].upper()
    if j >= 3 and code in _PREFIX_CURRENCIES and not (j > 3 and (t[j - 4].isalnum() or t[j - 4] == "_")):
        return j - 3, _PREFIX_CURRENCIES[code]
    return start, None


_VI_LETTERS_RE: Final = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)
_EN_WORDS_RE: Final = re.compile(
    r"\b(?:the|of|in|at|to|and|by|from|for|with|was|were|is|are|than|more|over|about|some|around|up|reached"
    r"|estimated|revenue|million|billion|trillion|quadrillion|thousand|percent|people|subscribers|services?)\b",
    re.IGNORECASE,
)


def _english_context(t: str, start: int, end: int) -> bool:
    """Whether the words around a number are English (no Vietnamese letter, some English word)."""
    lo, hi = max(0, start - 80), end + 40
    return _VI_LETTERS_RE.search(t, lo, hi) is None and _EN_WORDS_RE.search(t, lo, hi) is not None


def _one_ambiguous_separator(num_s: str) -> bool:
    """``1,200`` or ``1.200``: one separator followed by three digits (read by language)."""
    n = len(num_s)
    return n >= 5 and num_s[-4] in ".," and num_s[:-4].isdigit() and num_s[-3:].isdigit()


_GROUP_OF_RE: Final = re.compile(  # "nằm trong nhóm 20 tỉnh dẫn đầu", "top 10 doanh nghiệp": a count of members
    r"[ ]*(?:tỉnh|thành[ ]+phố|địa[ ]+phương|quốc[ ]+gia|nước|doanh[ ]+nghiệp|đơn[ ]+vị|trường|bộ|ngành"
    r"|provinces|countries|companies|firms)(?!\w)",
    re.IGNORECASE,
)


def _not_a_quantity(
    t: str, start: int, end: int, num_s: str, den_s: str, words: list[str], line_start: int
) -> tuple[str, bool]:
    """Why a number without a unit is not a quantity, and whether it starts a label chain ("mức độ 3, 4").

    The kind is one of :data:`NON_QUANTITY_KINDS`, or ``""`` when the number is a quantity.
    """
    kind = _lookup(_LABELS, words)
    if kind and not (words[-1] in ("nhóm", "top") and _GROUP_OF_RE.match(t, end)):  # "nhóm 20 tỉnh": a count
        return kind, True  # mức độ 3, lần thứ 4, Kế hoạch số 12, điện thoại ...
    kind = _lookup(_TIME_LABELS, words)
    if kind:
        return kind, False  # năm 2019, tháng 9, ngày 25, giai đoạn 2021, quý 3
    if len(num_s) >= 3 and num_s[0] == "0" and num_s[1] not in ".,":
        return "phone", True  # 0296 3852 123
    if num_s in ("1800", "1900") and _TOLL_TAIL_RE.match(t, end):
        return "phone", True  # 1900 9090, 1800.1234
    if num_s.endswith(".0"):
        return "version", False  # Công nghiệp 4.0, Web 2.0
    if start > 1 and t[start - 1] == "-" and t[start - 2].isalpha():
        return "code", False  # COVID-19, ISO-9001
    after = t[end : end + 2]
    if after[:1] == ")" and t[start - 1 : start] == "(":
        return "list_marker", False  # "(3)"
    if after[:1] in (".", ")") and after[1:2] in (" ", "\n", "") and not t[line_start:start].strip(" -+*•·("):
        return "list_marker", False  # "1. ", "2.1) " at the start of a line
    if _YEAR_RE.fullmatch(num_s):
        if den_s:
            return ("year", False) if _YEAR_RE.fullmatch(den_s) else ("", False)  # 2018/2019
        if not (_lookup(_IMMEDIATE, words) or (words and words[-1] in _AMOUNT_VERBS)):
            return "year", False  # a year: "2017 - 2019", "Năm 2017 – 2019" ("có 2000 điểm" stays a count)
    return "", False


def _immediate_qualifier(t: str, num_s: str, parts: tuple[int, int], unit: _Unit, words: list[str]) -> str | None:
    """The bound or approximation stated right around a number; "skip" for a denominator ("trên 100 dân")."""
    immediate = _lookup(_IMMEDIATE, words)
    if immediate == _LOWER and words[-1] == "trên":
        if num_s[0] == "0" and len(num_s) > 1 and num_s[1] not in ".,":
            immediate = None  # "trên 01 Cổng thông tin": the preposition "on"
        elif _scaled(parts) in _DENOMINATORS and (
            (unit.kind == "persons" and t[unit.end - 3 : unit.end].lower() == "dân")
            or (unit.kind == "noun" and _HOUSEHOLD_RE.match(t, unit.end))
        ):
            return "skip"  # "thuê bao trên 100 dân": a denominator
    elif immediate == _LOWER and words[-1] == "hơn" and len(words) >= 2 and words[-2] in _COMPARATIVES:
        immediate = None  # "cao hơn 5%": 5 % higher
    if immediate is None:
        b = _BOUND_AFTER_RE.match(t, unit.end)
        if b:
            immediate = _LOWER if (b["up"] or b["up2"]) else _UPPER
    return immediate


# --------------------------------------------------------------------------- ranks and index scores

_RANK_WORDS: Final = frozenset({"xếp", "hạng", "đứng", "trí", "ranked", "ranks", "rank", "ranking", "placed"})
_ORDINAL_SUFFIX_RE: Final = re.compile(r"(?:st|nd|rd|th)(?!\w)", _I)
_RANK_TOTAL_RE: Final = re.compile(  # "thứ 8 trên 63 tỉnh", "7th out of 63", "hạng 12 trong số 34 tỉnh"
    r"[ ]*(?:/|trên|trong(?:[ ]+số)?|out[ ]+of|among|of)[ ]*(?P<n>[1-9][0-9]{0,3})(?![0-9.,/]|[^\W\d_])", _I
)
_NATIONWIDE_RE: Final = re.compile(r"[ ,]*(?:cả[ ]+nước|toàn[ ]+quốc|nationwide|in[ ]+the[ ]+country)(?!\w)", _I)
_PROVINCES_AFTER_RE: Final = re.compile(r"[ ]*(?:tỉnh|địa[ ]+phương|provinces)(?!\w)", _I)
_POINTS_RE: Final = re.compile(r"[ ]*(?:điểm|points?)(?!\w)", _I)
_PER_100_PEOPLE_RE: Final = re.compile(r"[ ]*(?:dân|người)(?!\w)", _I)
_INDEX_CONTEXT_RE: Final = re.compile(
    r"(?<!\w)(?:chỉ[ ]+số|index|dti|pci|papi|par[ ]+index|sipas|icti?|pdti|giá[ ]+trị|điểm[ ]+số|xếp[ ]+hạng)(?!\w)",
    _I,
)
_OPEN_PAREN_RE: Final = re.compile(r"[ ]*\([ ]*")
_RANK_AFTER_RE: Final = re.compile(r"[ ]*(?:điểm|points?)?[ ]*[,(]?[ ]*(?:và[ ]+)?(?:xếp|đứng|hạng|ranked)(?!\w)", _I)
_INDEX_WINDOW: Final = 80  # characters of the clause before a score where the index is named
_CLAUSE_BREAK_RE: Final = re.compile(r".*[.;!?\n:]", re.DOTALL)


def _index_context(t: str, start: int) -> bool:
    """Whether the clause right before ``start`` names an index or a ranking ("chỉ số DTI đạt 0,677")."""
    lo = max(0, start - _INDEX_WINDOW)
    cut = _CLAUSE_BREAK_RE.match(t, lo, start)
    return _INDEX_CONTEXT_RE.search(t, cut.end() if cut else lo, start) is not None


def _rank_or_score(
    t: str,
    start: int,
    end: int,
    num_s: str,
    den_s: str,
    parts: tuple[int, int],
    words: list[str],
    unit: _Unit,
    last_rank_end: int,
) -> _Unit | None:
    """A rank (``rank_of_<n>``, ``rank``), an index score (``score_of_100``, ``index_score``), a rate per 100
    inhabitants stated as a ratio (``100/100 dân``), or ``ordinal`` for an English ordinal that is no rank
    ("7th"); None for any other number. The unit's ``end`` is the end of the figure's span."""
    integer = parts[1] == 0
    last = words[-1] if words else ""
    ranked = last in _RANK_WORDS or (last == "thứ" and len(words) >= 2 and words[-2] in _RANK_WORDS)
    if den_s:
        den = _split_number(den_s)
        if den is None or den[1] != 0:
            return None
        n = den[0]
        is_rank = integer and 1 <= parts[0] <= n and (ranked or last == "thứ")
        if is_rank and not _POINTS_RE.match(t, end):
            return _Unit("rank", f"rank_of_{n}", 1, end)  # "xếp thứ 7/63", "thứ 1/100"
        if n == 100:
            pts = _POINTS_RE.match(t, end)
            if pts or _index_context(t, start):
                return _Unit("score", "score_of_100", 1, pts.end() if pts else end)  # "65,2/100 điểm"
            per = _PER_100_PEOPLE_RE.match(t, end)
            if per:
                return _Unit("rate", "per_100_inhabitants", 1, per.end())  # "100/100 dân"
        if not integer or not 1 <= parts[0] <= n:
            return None
        if ranked or last == "thứ" or (_PROVINCES_AFTER_RE.match(t, end) and _index_context(t, start)):
            return _Unit("rank", f"rank_of_{n}", 1, end)  # "xếp thứ 7/63", "DTI ... 7/63 tỉnh"
        return None
    suffix = _ORDINAL_SUFFIX_RE.match(t, end) if integer else None
    if suffix:  # "ranked 7th out of 63"
        tot = _RANK_TOTAL_RE.match(t, suffix.end())
        if ranked or tot:
            return _Unit("rank", f"rank_of_{tot['n']}" if tot else "rank", 1, tot.end() if tot else suffix.end())
        return _Unit("ordinal", "", 1, suffix.end())
    if (
        integer
        and unit.kind in ("bare", "noun", "range")
        and (
            last in ("hạng", "trí") or (last == "thứ" and (ranked or len(words) < 2 or words[-2] not in _NOT_RANK_THU))
        )
    ):
        tot = _RANK_TOTAL_RE.match(t, end)
        if tot and int(tot["n"]) >= parts[0]:
            return _Unit("rank", f"rank_of_{tot['n']}", 1, tot.end())  # "đứng thứ 8 trên 63 tỉnh"
        if last != "thứ" or ranked or _NATIONWIDE_RE.match(t, end):
            return _Unit("rank", "rank", 1, end)  # "xếp thứ 36", "hạng 54", "thứ 3 cả nước"
        return None
    if (
        not integer
        and unit.kind in ("bare", "noun")
        and (
            (last_rank_end >= 0 and _OPEN_PAREN_RE.fullmatch(t, last_rank_end, start))  # "39/63 (0,677)"
            or _index_context(t, start)
            or _RANK_AFTER_RE.match(t, end)  # "đạt 0,4712 điểm, xếp thứ 36": a score beside its rank
        )
    ):
        if unit.kind == "noun":
            pts = _POINTS_RE.match(t, end)
            return _Unit("score", "index_score", 1, pts.end()) if pts else None
        return _Unit("score", "index_score", 1, end)  # "chỉ số DTI đạt 0,5214", "(0,5327)"
    return None


# "lần thứ 4", "năm thứ 3 liên tiếp": an ordinal, never a rank
_NOT_RANK_THU: Final = frozenset({"lần", "đợt", "kỳ", "kì", "khóa", "khoá", "năm", "ngày", "tháng", "quý", "vòng",
                                  "phiên", "lượt", "hội", "đại"})  # fmt: skip


_TOKEN_NON_QUANTITIES: Final = {"doc": "docnum", "date": "date", "time": "time", "tech": "technology"}
_AGE_RE: Final = re.compile(r"[ ]*tuổi(?!\w)", _I)


def _is_age(t: str, end: int, unit_end: int) -> bool:
    """Whether the uncoded unit after a number (or after its range partner, "15 - 60 tuổi") is an age."""
    if unit_end > end:
        return _AGE_RE.fullmatch(t, end, unit_end) is not None
    r = _RANGE_RE.match(t, end)
    m = _NUM_AT_RE.match(t, r.end()) if r else None
    return m is not None and _AGE_RE.match(t, m.end()) is not None


def _iter_candidates(t: str, full: bool = False) -> Iterator[_Candidate | _NonQuantity]:
    """The single pass of :func:`find_quantities` over a normalised text.

    With ``full`` (for :func:`scan`) it also yields every non-quantity as a
    ``(kind, start, end, include_label)`` tuple and the measurements with a unit
    that has no code as candidates of kind ``"measure"``; the quantities are the
    same either way. Candidates come one number late (a range's first number
    waits for the second's unit), so the output is not in text order.
    """
    clause_kw: str | None = None  # the last clause keyword's qualifier (estimate, target)
    clause_kw_at = -1
    kw_used = False  # has clause_kw qualified a quantity yet?
    line_start = 0
    chain_end, chain_phone, chain_kind = -1, False, ""  # the last label number, to skip "mức độ 3, 4" and phones
    chain_value = 0.0
    pending: _Candidate | None = None  # yielded one number late, to let "10 - 15%" give 10 its unit
    skip_before = last_rank_end = -1  # the end of the last rank: the total it states is not a figure
    for m in _SCAN_RE.finditer(t):
        kind = m.lastgroup
        if m.start() < skip_before:
            continue
        if kind == "brk":
            brk = m.group()
            if brk != ":" or kw_used:
                clause_kw = None  # a label clause "Ước tính năm 2019: 150 tỷ" carries over its colon
            if brk == "\n":
                line_start = m.end()
            continue
        if kind == "kw":
            k = _keyword_kind(t, m.start(), m.end())
            if k is not None:
                clause_kw, clause_kw_at, kw_used = k, m.start(), False
            continue
        if kind != "num" and kind != "ratio":
            if full:
                yield (_TOKEN_NON_QUANTITIES[kind or ""], m.start(), m.end(), kind == "date")
            continue  # document number, date, time of day, technology label
        start, end = m.span()
        num_s, _, den_s = m.group().partition("/")
        english = (
            (len(num_s) >= 5 or len(den_s) >= 5)
            and (_one_ambiguous_separator(num_s) or _one_ambiguous_separator(den_s))
            and _english_context(t, start, end)
        )
        parts = _split_number(num_s, english)
        den_parts = _split_number(den_s, english) if den_s else None
        if parts is None or (den_s and den_parts is None):
            if full:  # "1.2.3": a section number; "0296.3852.123": a phone number
                yield ("phone" if num_s[0] == "0" and len(num_s) >= 10 and not den_s else "section", start, end, False)
            continue
        qstart, currency = _currency_prefix(t, start)
        unit = _read_unit(t, end, currency)
        if unit.kind == "range":
            unit = _range_partner_unit(t, end, unit)  # "3 - 5 năm", "1-3 lần/ngày"
        measure = unit.kind == "measure"
        if unit.kind == "time" or measure:
            if not full:
                continue  # a period length ("9 tháng") or a unit without a code ("900 MHz")
            words = _left_words(t, qstart)
            if unit.kind == "time":
                label = _lookup(_TIME_LABELS, words)  # "tháng 9 năm 2019": a month, not "9 năm"
                yield (label, start, end, True) if label else ("period", start, unit.end, False)
                continue
            if _is_age(t, end, unit.end):
                yield ("age", start, unit.end, False)
                continue
        else:
            words = _left_words(t, qstart)
        ranked = _rank_or_score(t, start, end, num_s, den_s, parts, words, unit, last_rank_end)
        if ranked is not None:
            if ranked.kind == "ordinal":  # "7th" without a ranking: an ordinal label
                if full:
                    yield ("ordinal", start, ranked.end, False)
                continue
            unit, den_parts = ranked, None
            if ranked.kind == "rank":
                last_rank_end = skip_before = ranked.end  # "thứ 8 trên 63": 63 is the total, not a figure
        strong = unit.kind in _STRONG_UNITS
        if not strong and not measure:
            chain_re = _PHONE_CHAIN_RE if chain_phone else _CHAIN_RE
            gap = chain_re.fullmatch(t, chain_end, start) if chain_end >= 0 else None
            if gap and not chain_phone and abs(_scaled(parts) - chain_value) > _CHAIN_STEP:
                gap = None  # "mức độ 3 và 217 dịch vụ": 217 is not the next level
            if gap:
                reason, chains = chain_kind, True
            else:
                reason, chains = _not_a_quantity(t, start, end, num_s, den_s, words, line_start)
            if reason:
                if chains:
                    chain_end, chain_phone, chain_kind, chain_value = end, reason == "phone", reason, _scaled(parts)
                if full:
                    yield (reason, start, end, not gap)
                continue
        immediate = _immediate_qualifier(t, num_s, parts, unit, words)
        if immediate == "skip":
            if full:
                yield ("denominator", start, end, False)
            continue
        cand = _Candidate(
            parts=parts,
            unit=unit,
            qualifier=_combine(immediate, clause_kw),
            start=qstart,
            end=unit.end if strong or measure else end,
            denominator=_scaled(den_parts) if den_parts else None,
            inherit_at=-1,
        )
        if measure:
            cand.kind = "measure"  # does not use up the clause keyword: find_quantities() never sees it
        else:
            kw_used = clause_kw is not None
        if full:
            cand.num_start, cand.num_end = start, end
            if clause_kw is not None:
                cand.source, cand.kw_start = ("word+clause" if immediate else "clause"), clause_kw_at
            elif immediate:
                cand.source = "word"
            r = _RANGE_RE.match(t, cand.end)
            if r and r.group().strip().lower() not in ("và", "hoặc"):
                cand.range_at = r.end()
        if unit.kind == "range":
            r = _RANGE_RE.match(t, end)
            cand.inherit_at = r.end() if r else -1
        if pending is not None:
            if pending.inherit_at == start and strong:
                pending.unit = _Unit(unit.kind, unit.code, unit.mult, pending.end)  # "10 - 15%": 10 percent
            if pending.range_at == start and pending.unit.code == unit.code and pending.kind == cand.kind:
                pending.range_next = True
            yield pending
        pending = cand
    if pending is not None:
        yield pending


def find_quantities(text: str) -> list[Quantity]:
    """Find every quantity stated in a text, in order.

    Parameters
    ----------
    text : str
        Any text (NFC or NFD); see the module documentation for the rules.

    Returns
    -------
    list of Quantity
        Spans refer to ``normalize(text)``. Years, dates, periods, document
        numbers and labels are not quantities.

    Examples
    --------
    >>> for q in find_quantities("ngành ước đạt trên 6.000 tỷ đồng, 2,1 triệu tỷ đồng, khoảng 67%"):
    ...     print(q.value, q.unit, q.qualifier, repr(q.text), q.start, q.end)
    6000.0 vnd_bn estimate_lower_bound '6.000 tỷ đồng' 19 32
    2100.0 vnd_tn estimate '2,1 triệu tỷ đồng' 34 51
    67.0 percent estimate '67%' 60 63
    >>> [(q.value, q.unit) for q in find_quantities("dân số 1.908.352 người, phát sóng 24 giờ/ngày, 156 điểm")]
    [(1908352.0, 'persons'), (24.0, 'hours_per_day'), (156.0, 'count')]
    >>> find_quantities("Năm 2017 – 2019, mạng 3G, 4G, lần thứ 4, dịch vụ mức độ 3")
    []
    >>> q = find_quantities("đạt 102/102 điểm")[0]
    >>> q.value, q.denominator, q.unit
    (102.0, 102.0, 'count')
    """
    t = normalize(text)
    out = []
    for c in _iter_candidates(t):
        assert not isinstance(c, tuple)  # non-quantities only with full=True
        value = _scaled(c.parts, c.unit.mult)
        if value == math.inf or c.denominator == math.inf:
            continue  # beyond the float range: not a figure of any report
        out.append(Quantity(value, c.unit.code, c.qualifier, c.start, c.end, t[c.start : c.end], c.denominator))
    return out


_CODE_BEFORE_RE: Final = re.compile(r"(?<!\w)\w*-?\Z")
_SPAN_GAP_RE: Final = re.compile(r"[ ]*(?:-|đến|tới)[ ]*", _I)
_MERGE_GAPS: Final = {  # (kind before, kind after) -> (gap, kind of the merged mention)
    ("date", "date"): (re.compile(r"[ ]*"), "date"),  # ngày 25 | tháng 9
    ("date", "year"): (re.compile(r"[ ]*"), "date"),  # tháng 9 | năm 2019
    ("year", "year"): (_SPAN_GAP_RE, "year"),  # 2017 | - 2019
    ("period", "year"): (re.compile(r"[ ]*(?:(?:đầu|cuối|giữa)[ ]+)?", _I), "period"),  # 9 tháng | đầu năm 2019
    ("period", "period"): (_SPAN_GAP_RE, "period"),  # 3 | - 5 năm
    ("age", "age"): (_SPAN_GAP_RE, "age"),  # 15 | - 60 tuổi
    ("phone", "phone"): (_PHONE_CHAIN_RE, "phone"),  # 0296 | 3852 | 123
    **{(k, k): (_CHAIN_RE, k) for k in ("level", "ordinal", "label")},  # mức độ 3 | , 4
}


def _lookup_length(table: dict[str, list[tuple[tuple[str, ...], str]]], words: list[str]) -> tuple[int, str]:
    """Like _lookup, with the number of words of the phrase found (0 if none)."""
    if words:
        for phrase, value in table.get(words[-1], ()):
            n = len(phrase)
            if len(words) >= n and tuple(words[-n:]) == phrase:
                return n, value
    return 0, ""


def _with_label(t: str, start: int, kind: str) -> tuple[int, str]:
    """Extend a non-quantity's start over the label words right before it ("năm 2018", "mức độ 3")."""
    words = _left_words(t, start)
    n, _ = _lookup_length(_LABELS, words)
    if not n:
        n, label = _lookup_length(_TIME_LABELS, words)
        if label == "period" and kind == "date":
            kind = "period"  # quý 3/2020
    pos = start
    for _ in range(n):  # walk back over the label's words, separated by spaces only
        j = pos
        while j > 0 and t[j - 1] == " ":
            j -= 1
        k = j
        while k > 0 and t[k - 1].isalpha():
            k -= 1
        if k == j:
            return start, kind  # the label words are not right before the number ("Năm: 2019")
        pos = k
    return pos, kind


_START: Final = operator.itemgetter(1)  # Mention.start


def _merge(t: str, mentions: list[Mention]) -> list[Mention]:
    """Merge "ngày 25" "tháng 9" "năm 2019" into one date, "2017" "- 2019" into one year range..."""
    out: list[Mention] = []
    for m in mentions:
        if out:
            prev = out[-1]
            rule = _MERGE_GAPS.get((prev.kind, m.kind))
            if (
                rule is not None
                and rule[0].fullmatch(t, prev.end, m.start)
                and (rule[0] is not _CHAIN_RE or m.text[:1].isdigit())  # not "Điều 5, Quốc lộ 91"
            ):
                out[-1] = Mention(rule[1], prev.start, m.end, t[prev.start : m.end])
                continue
        out.append(m)
    return out


def scan(text: str) -> list[Mention]:
    """Classify every number of a text: quantity, measure or why it is not a quantity.

    The same single pass as :func:`find_quantities` (whose quantities are
    exactly the ``quantity`` mentions, with the same spans), which also reports
    what it leaves out: dates, years used as time, periods, document numbers,
    technology and ordinal labels, level names, list markers, phone numbers...
    (:data:`NON_QUANTITY_KINDS`), and measurements whose unit has no code
    (``measure``). Adjacent parts of one date or period are merged:
    ``ngày 25 tháng 9 năm 2019`` is one ``date``, ``2017 – 2019`` one ``year``,
    ``9 tháng đầu năm 2019`` one ``period``.

    Parameters
    ----------
    text : str
        Any text (NFC or NFD).

    Returns
    -------
    list of Mention
        In text order; spans refer to ``normalize(text)``.

    Examples
    --------
    >>> for m in scan("Quyết định số 2314/QĐ-UBND ngày 25 tháng 9 năm 2019; mạng 4G phủ 100% xã"):
    ...     print(m.kind, repr(m.text))
    docnum '2314/QĐ-UBND'
    date 'ngày 25 tháng 9 năm 2019'
    technology '4G'
    quantity '100%'
    >>> [(m.kind, m.text) for m in scan("ước 9 tháng đầu năm 2019 đạt 150 tỷ đồng, dịch vụ mức độ 3")]
    [('period', '9 tháng đầu năm 2019'), ('quantity', '150 tỷ đồng'), ('level', 'mức độ 3')]
    >>> m = scan("ước 9 tháng đầu năm 2019 đạt 150 tỷ đồng")[1]
    >>> m.quantity.qualifier, m.qualifier_source, m.keyword_start, m.unit_text
    ('estimate', 'clause', 0, 'tỷ đồng')
    >>> [(m.kind, m.text, m.range_next) for m in scan("1-3 lần/tuần")]
    [('measure', '1', True), ('measure', '3 lần/tuần', False)]
    """
    return _scan_normalized(normalize(text))


def _scan_normalized(t: str) -> list[Mention]:
    """:func:`scan` of a text already normalised."""
    out: list[Mention] = []
    for c in _iter_candidates(t, full=True):
        if isinstance(c, tuple):
            kind, start, end, with_label = c
            if kind == "code" and t[start - 1 : start] == "-":
                code_at = _CODE_BEFORE_RE.search(t, max(0, start - 24), start)  # COVID-19
                start = code_at.start() if code_at else start
            elif with_label:
                start, kind = _with_label(t, start, kind)
            out.append(Mention(kind, start, end, t[start:end]))
            continue
        value = _scaled(c.parts, c.unit.mult)
        if value == math.inf or c.denominator == math.inf:
            continue  # beyond the float range, as in find_quantities()
        q = Quantity(value, c.unit.code, c.qualifier, c.start, c.end, t[c.start : c.end], c.denominator)
        if c.start == c.num_start:
            unit_text = " ".join(t[c.num_end : c.end].split()) if c.end > c.num_end else ""
        else:  # a currency prefix: "VND 16,800 billion"
            unit_text = " ".join(f"{t[c.start : c.num_start]} {t[c.num_end : c.end]}".split())
        out.append(Mention(c.kind, c.start, c.end, q.text, q, unit_text, c.source, c.kw_start, c.range_next))
    out.sort(key=_START)
    return _merge(t, out)


def parse_quantity(text: str) -> Quantity:
    """Return the main quantity of a short phrase: the first one :func:`find_quantities` finds.

    Parameters
    ----------
    text : str
        A short phrase such as an evidence quote.

    Returns
    -------
    Quantity

    Raises
    ------
    ValueError
        If the phrase states no quantity; the message quotes it.

    Examples
    --------
    >>> parse_quantity("hơn 112 tỷ USD")
    Quantity(value=112.0, unit='usd_bn', qualifier='lower_bound', start=4, end=14, text='112 tỷ USD', denominator=None)
    >>> parse_quantity("không có số")
    Traceback (most recent call last):
    ...
    ValueError: no quantity found in 'không có số'
    """
    found = find_quantities(text)
    if not found:
        raise ValueError(f"no quantity found in {text!r}")
    return found[0]
