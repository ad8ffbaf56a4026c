"""The language of labels, numbers and prose: English or Vietnamese.

One setting, changed only explicitly (:func:`set_language`, or
:func:`agstats.plotting.set_theme`), decides the default language of every
helper that writes text for people: plot labels, number formats, tables and
the glued numbers of the notebooks. Each edition of an analysis sets it once,
in its first code cell (``LANG = "en"`` or ``LANG = "vi"``).

Examples
--------
>>> from agstats.language import set_language, tr
>>> set_language("vi"); tr("postal revenue", "doanh thu bưu chính")
'doanh thu bưu chính'
>>> set_language("en"); tr("postal revenue", "doanh thu bưu chính")
'postal revenue'
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "check_language", "get_language", "set_language", "tr"]

#: The supported languages, in the order of the ``*_en``/``*_vi`` columns.
LANGUAGES: tuple[str, ...] = ("en", "vi")

_current = {"language": "en"}


def check_language(language: str | None) -> str:
    """Return *language* as a supported code (``None`` -> the current language).

    Raises
    ------
    ValueError
        If *language* is not ``"en"`` or ``"vi"``.

    Examples
    --------
    >>> check_language(" VI ")
    'vi'
    >>> check_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: unknown language 'fr'; expected one of 'en', 'vi'
    """
    if language is None:
        return _current["language"]
    if isinstance(language, str) and language.strip().lower() in LANGUAGES:
        return language.strip().lower()
    raise ValueError(f"unknown language {language!r}; expected one of {', '.join(map(repr, LANGUAGES))}")


def set_language(language: str) -> None:
    """Set the default language of all helpers.

    Parameters
    ----------
    language : {"en", "vi"}
        English or Vietnamese.

    Raises
    ------
    ValueError
        If *language* is not supported.

    Examples
    --------
    >>> set_language("vi"); get_language()
    'vi'
    >>> set_language("en")
    """
    _current["language"] = check_language(language)


def get_language() -> str:
    """Return the current default language (``"en"`` or ``"vi"``).

    Examples
    --------
    >>> get_language() in LANGUAGES
    True
    """
    return _current["language"]


def tr(en: str, vi: str, language: str | None = None) -> str:
    """Return the English or the Vietnamese text, for the current language.

    Both texts are written side by side in the code, so that one code cell
    serves both editions of a notebook: chart titles, axis labels, table
    headers and words of the prose that depend on a result.

    Parameters
    ----------
    en, vi : str
        The text in English and in Vietnamese.
    language : {"en", "vi"}, optional
        Defaults to the current language (:func:`get_language`).

    Raises
    ------
    TypeError
        If either text is not a string (a forgotten translation is an error,
        not an empty label).

    Examples
    --------
    >>> tr("faster", "nhanh hơn", "vi")
    'nhanh hơn'
    >>> tr("faster", "nhanh hơn", "en")
    'faster'
    """
    if not isinstance(en, str) or not isinstance(vi, str):
        raise TypeError(f"tr() needs two strings, got {type(en).__name__} and {type(vi).__name__}")
    return vi if check_language(language) == "vi" else en
