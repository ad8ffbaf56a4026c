"""Intervals written for people, in the notebook's language.

:class:`agstats.Interval` formats itself with Python format specs
(``f"{iv:,.1f}"`` gives ``[192.3, 214.3]``), which is English notation only.
The prose of both editions needs the same interval with the separators of its
language: in Vietnamese the decimal mark is a comma, so the two ends are
separated by a semicolon (``[192,3; 214,3]``), as Vietnamese statistical
publications write ranges of decimal numbers. An open end is ``∞`` with a
round bracket, as in :meth:`agstats.Interval.format`.

Examples
--------
>>> from agstats import Interval
>>> from agstats.intervals import format_interval
>>> format_interval(Interval(192.34, 214.28), "vnd_bn", "en", decimals=1)
'[192.3, 214.3] billion VND'
>>> format_interval(Interval(192.34, 214.28), "vnd_bn", "vi", decimals=1)
'[192,3; 214,3] tỷ đồng'
>>> format_interval(Interval(4600, float("inf")), "vnd_bn", "vi")
'[4.600; ∞) tỷ đồng'
"""

from __future__ import annotations

import math

from .language import check_language
from .series import Interval

__all__ = ["format_interval"]


def format_interval(
    interval: Interval | float,
    unit: str | None = None,
    language: str | None = None,
    *,
    decimals: int | None = None,
    scale: float = 1.0,
    unit_label: str | None = None,
) -> str:
    """Write an interval with the separators and unit words of a language.

    Parameters
    ----------
    interval : Interval or float
        The interval (a number is a point interval).
    unit : str, optional
        Unit code (see :func:`agstats.plotting.unit_text`); ``"percent"``
        writes ``%`` after each finite end. ``None`` writes no unit.
    language : {"en", "vi"}, optional
        Defaults to the current language (:mod:`agstats.language`).
    decimals : int, optional
        Fixed decimals for both ends (see
        :func:`agstats.plotting.format_number`).
    scale : float, default 1.0
        A positive factor applied to both ends first (``100`` turns a
        fraction into per cent).
    unit_label : str, optional
        Unit text to use instead of the one derived from *unit*.

    Returns
    -------
    str
        ``[lo, hi]`` (English) or ``[lo; hi]`` (Vietnamese), with ``(``/``)``
        at an infinite end and the unit after the bracket.

    Raises
    ------
    ValueError
        If *scale* is not a positive finite number, or for an unknown
        language.

    Examples
    --------
    >>> from agstats import Interval
    >>> format_interval(Interval(0.08, 0.204), "percent", "en", decimals=1, scale=100)
    '[8.0%, 20.4%]'
    >>> format_interval(Interval(0.08, 0.204), "percent", "vi", decimals=1, scale=100)
    '[8,0%; 20,4%]'
    >>> format_interval(Interval(-1, float("inf")), "percent", "en", scale=100)
    '[-100%, ∞)'
    >>> format_interval(3300, "vnd_bn", "en")
    '[3,300, 3,300] billion VND'
    """
    from .plotting import format_number, unit_text  # lazy: matplotlib is an extra

    lang = check_language(language)
    if not (isinstance(scale, (int, float)) and math.isfinite(scale) and scale > 0):
        raise ValueError(f"scale must be a positive finite number, got {scale!r}")
    iv = Interval.coerce(interval) * scale
    utext = unit_label if unit_label is not None else (unit_text(unit, lang) if unit else "")
    percent = utext == "%"

    def end(x: float) -> str:
        text = format_number(x, lang, decimals)
        return text + "%" if percent and math.isfinite(x) else text

    left = "(" if iv.lo == -math.inf else "["
    right = ")" if iv.hi == math.inf else "]"
    sep = "; " if lang == "vi" else ", "
    text = f"{left}{end(iv.lo)}{sep}{end(iv.hi)}{right}"
    return f"{text} {utext}" if utext and not percent else text
