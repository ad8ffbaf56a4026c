"""Words for people in both languages: intervals, qualifiers, lists, kinds of event.

The notebooks glue short texts into their prose and tables (see
:mod:`agstats.narrative`); the same code cell serves the English and the
Vietnamese edition, so every word it prints comes from a helper that knows the
current language (:func:`agstats.language.tr`). This module holds the few that
more than one cell needs: the name of a qualifier, a list joined with "and"/"và",
and the kind of a dated event. (Intervals: :func:`agstats.format_interval`.)

Examples
--------
>>> join_words(["Postal services", "Telecommunications", "ICT industry"], "en")
'Postal services, Telecommunications and ICT industry'
"""

from __future__ import annotations

from collections.abc import Sequence

from .language import check_language

__all__ = ["QUALIFIER_NAMES", "EVENT_KINDS", "qualifier_name", "join_words", "event_kind_name"]

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
    "request": ("request", "yêu cầu"),
    "milestone": ("milestone", "mốc"),
}


def _pick(names: tuple[str, str], language: str | None) -> str:
    return names[0] if check_language(language) == "en" else names[1]


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
