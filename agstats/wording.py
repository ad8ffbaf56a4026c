"""Words for people in both languages: intervals, qualifiers, lists, kinds of event.

The notebooks glue short texts into their prose and tables (see
:mod:`agstats.narrative`); the same code cell serves the English and the
Vietnamese edition, so every word it prints comes from a helper that knows the
current language (:func:`agstats.language.tr`). This module holds the few that
more than one cell needs: an interval written with the language's separators,
the name of a qualifier, a list joined with "and"/"và", and the kind of a dated
event.

Examples
--------
>>> from agstats.series import Interval
>>> interval_text(Interval(4600, float("inf")), "vi")
'[4.600; ∞)'
>>> join_words(["Postal services", "Telecommunications", "ICT industry"], "en")
'Postal services, Telecommunications and ICT industry'
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .language import check_language
from .series import Interval

__all__ = ["QUALIFIER_NAMES", "EVENT_KINDS", "interval_text", "qualifier_name", "join_words", "event_kind_name"]

#: qualifier code -> (English, Vietnamese) name, as the conventions section of 00 explains them.
QUALIFIER_NAMES: dict[str, tuple[str, str]] = {
    "exact": ("stated", "số báo cáo"),
    "estimate": ("estimate", "ước tính"),
    "approximate": ("approximate", "xấp xỉ"),
    "lower_bound": ("lower bound", "cận dưới"),
    "estimate_lower_bound": ("estimated lower bound", "cận dưới ước tính"),
    "upper_bound": ("upper bound", "cận trên"),
    "target": ("target", "mục tiêu"),
}

#: event kind code (events table) -> (English, Vietnamese) name. A recommendation comes from the Ministry
#: to the province, so "khuyến nghị": "kiến nghị" is a proposal made to a higher authority (the article
#: itself uses it for the province's own "đề xuất, kiến nghị" to the Ministry).
EVENT_KINDS: dict[str, tuple[str, str]] = {
    "decision": ("decision", "quyết định"),
    "activity": ("activity", "hoạt động"),
    "meeting": ("meeting", "buổi làm việc"),
    "recommendation": ("recommendation", "khuyến nghị"),
    "milestone": ("milestone", "mốc"),
}


def _pick(names: tuple[str, str], language: str | None) -> str:
    return names[0] if check_language(language) == "en" else names[1]


def interval_text(
    interval: Interval, language: str | None = None, decimals: int | None = 0, unit: str | None = None
) -> str:
    """An interval as ``[lo, hi]`` with the language's separators, ``)`` at an open end.

    Vietnamese writes an interval with a semicolon between its ends (``[4,9; 16,9]``), since the comma
    is its decimal mark.

    Parameters
    ----------
    interval : Interval
        The interval (:class:`agstats.Interval`).
    language : {"en", "vi"}, optional
        Defaults to the current language.
    decimals : int or None, default 0
        Decimals of each finite end (``None``: integers without decimals,
        other numbers with up to two, as :func:`agstats.plotting.format_number`).
    unit : str, optional
        A unit code (see :func:`agstats.plotting.unit_text`): "%" follows each finite end, any other
        unit follows the interval.

    Returns
    -------
    str

    Notes
    -----
    Each finite end is rounded to the nearest (``3461.5`` gives ``3,462``), not outward: where the
    text must stay a valid bound after rounding (a floor written "more than …"), round the end down
    before calling.

    Examples
    --------
    >>> interval_text(Interval(8078, math.inf), "en"), interval_text(Interval(8078, math.inf), "vi")
    ('[8,078, ∞)', '[8.078; ∞)')
    >>> interval_text(Interval(0, math.inf))
    '[0, ∞)'
    >>> interval_text(Interval(4.9, 16.94), "vi", decimals=1, unit="percent")
    '[4,9%; 16,9%]'
    >>> interval_text(Interval(3461.5, 3857.1), "en", unit="vnd_bn")
    '[3,462, 3,857] billion VND'
    >>> interval_text(Interval(-math.inf, 3), "en")
    '(-∞, 3]'
    """
    from .plotting import format_number, unit_text  # lazy: matplotlib is an extra

    lang = check_language(language)
    utext = unit_text(unit, lang) if unit else ""
    left = "(" if interval.lo == -math.inf else "["
    right = ")" if interval.hi == math.inf else "]"

    def end(x: float) -> str:
        if math.isinf(x):
            return format_number(x, lang)
        return format_number(x, lang, decimals) + ("%" if utext == "%" else "")

    sep = ", " if lang == "en" else "; "
    after = f" {utext}" if utext and utext != "%" else ""
    return f"{left}{end(interval.lo)}{sep}{end(interval.hi)}{right}{after}"


def qualifier_name(qualifier: str, language: str | None = None) -> str:
    """The name of a qualifier in words ("lower bound", "cận dưới").

    Raises
    ------
    ValueError
        For an unknown qualifier.

    Examples
    --------
    >>> qualifier_name("lower_bound", "en"), qualifier_name("target", "vi")
    ('lower bound', 'mục tiêu')
    """
    try:
        names = QUALIFIER_NAMES[str(qualifier)]
    except KeyError:
        raise ValueError(f"unknown qualifier {qualifier!r}; expected one of {', '.join(QUALIFIER_NAMES)}") from None
    return _pick(names, language)


def join_words(items: Sequence[str], language: str | None = None) -> str:
    """Join words as a sentence does: "A, B and C" / "A, B và C".

    Examples
    --------
    >>> join_words(["Information security", "Policy"], "vi")
    'Information security và Policy'
    >>> join_words(["one"], "en"), join_words([], "en")
    ('one', '')
    """
    words = [str(w) for w in items]
    if len(words) <= 1:
        return "".join(words)
    conj = " and " if check_language(language) == "en" else " và "
    return ", ".join(words[:-1]) + conj + words[-1]


def event_kind_name(kind: str, language: str | None = None) -> str:
    """The name of an event kind of the events table ("decision", "quyết định").

    An unknown kind is returned as written.

    Examples
    --------
    >>> event_kind_name("meeting", "vi"), event_kind_name("decision", "en")
    ('buổi làm việc', 'decision')
    """
    names = EVENT_KINDS.get(str(kind))
    return _pick(names, language) if names else str(kind)
