"""Citations built from the sources table: plot source lines and "Sources" sections."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from .escape import markdown_text, safe_url

__all__ = ["short_citation", "source_line", "sources_markdown", "vi_publisher", "vi_title"]


def _sources(ids: Iterable[str] | None) -> pd.DataFrame:
    from .io import load_sources

    src = load_sources()
    if ids is None:
        return src
    ids = list(dict.fromkeys(ids))  # unique, order kept
    unknown = [i for i in ids if i not in set(src["id"])]
    if unknown:
        raise ValueError(f"unknown source id {unknown[0]!r}; known: {', '.join(src['id'])}")
    return src.set_index("id").loc[ids].reset_index()


def short_citation(source_id: str) -> str:
    """Publisher and year of a source, e.g. for a plot's source line.

    Examples
    --------
    >>> short_citation("mic2019")
    'Bộ Thông tin và Truyền thông (2019)'
    """
    row = _sources([source_id]).iloc[0]
    publisher = str(row["publisher"]).split(" (")[0].split(";")[0]
    return f"{publisher} ({str(row['published'])[:4]})"


def source_line(ids: Iterable[str] | str) -> str:
    """One line naming the sources of a figure, without the "Source:" prefix.

    Parameters
    ----------
    ids : str or iterable of str
        Source ids, in the order to cite them (duplicates are dropped).

    Examples
    --------
    >>> source_line(["mic2019", "mic2019"])
    'Bộ Thông tin và Truyền thông (2019) [mic2019]'
    """
    ids = [ids] if isinstance(ids, str) else list(dict.fromkeys(ids))
    return "; ".join(f"{short_citation(i)} [{i}]" for i in ids)


_TIERS = {
    "primary": ("Primary source", "Nguồn sơ cấp"),
    "secondary": ("Secondary source", "Nguồn thứ cấp"),
    "tertiary": ("Tertiary source", "Nguồn cấp ba"),
}
_LANGUAGE_NAMES = {"vi": ("Vietnamese", "tiếng Việt"), "en": ("English", "tiếng Anh")}


def sources_markdown(ids: Iterable[str] | None = None, language: str | None = None) -> str:
    """A Markdown list of full citations for a notebook's "Sources" section.

    Every value from the sources table is escaped with
    :func:`agstats.escape.markdown_text`, so a title or note cannot carry HTML,
    a link, emphasis, a role or maths into a page; a URL becomes a link only
    when :func:`agstats.escape.safe_url` accepts it (absolute http or https),
    otherwise it is shown as text.

    Parameters
    ----------
    ids : iterable of str, optional
        Source ids to cite; all sources when omitted.
    language : {"en", "vi"}, optional
        The language of the words around the citations (default: the current
        language, :mod:`agstats.language`). The Vietnamese list leaves out
        the English notes on undated pages and shows the Vietnamese texts of
        the sources table (:func:`vi_title`, :func:`vi_publisher`): our
        descriptions of untitled pages and our notes in Vietnamese, publishers
        without their English glosses. Published titles stay as published in
        both lists.

    Examples
    --------
    >>> print(sources_markdown(["mic2019"]))  # doctest: +ELLIPSIS
    - **\\[mic2019\\]** Bộ Thông tin và Truyền thông \\(Ministry of Information and Communications\\) (2019). *Đoàn công tác ...*. <https://mic.gov.vn/...>... Primary source, in Vietnamese. Accessed 2026\\-11\\-25.
    >>> print(sources_markdown(["mic2019"], language="vi"))  # doctest: +ELLIPSIS
    - **\\[mic2019\\]** Bộ Thông tin và Truyền thông (2019). *Đoàn công tác ...*. ... Nguồn sơ cấp, bằng tiếng Việt. Truy cập ngày 25/11/2026.
    >>> print(sources_markdown(["danso2024"], language="vi"))  # doctest: +ELLIPSIS
    - **\\[danso2024\\]** danso.info (...). *\\[Diện tích tỉnh An Giang\\] \\(tiêu đề không được ghi lại khi chép trang\\)*. ...
    """
    from .language import check_language

    vi = check_language(language) == "vi"
    lines = []
    for r in _sources(ids).to_dict("records"):
        lang_code = _plain(r["language"])
        names = _LANGUAGE_NAMES.get(lang_code, (lang_code, lang_code))
        note = "" if vi else _plain(r["published_note"])
        date_note = f" ({markdown_text(note)})" if note else ""
        url = safe_url(r["url"])
        where = f"<{url}>" if url else markdown_text(r["url"])
        tier = _plain(r["tier"])
        tier_text = _TIERS.get(tier, (f"{tier.capitalize()} source", tier))[vi]
        accessed = _date(r.get("accessed"))
        if accessed:
            accessed = f" Truy cập ngày {_vi_date(accessed)}." if vi else f" Accessed {markdown_text(accessed)}."
        in_lang = f"bằng {names[1]}" if vi else f"in {names[0]}"
        title, publisher = (vi_title(r), vi_publisher(r)) if vi else (r["title"], r["publisher"])
        lines.append(
            f"- **\\[{markdown_text(r['id'])}\\]** {markdown_text(publisher)} ({markdown_text(r['published'])}). "
            f"*{markdown_text(title)}*. {where}{date_note}. "
            f"{markdown_text(tier_text)}, {markdown_text(in_lang)}.{accessed}"
        )
    return "\n".join(lines)


def vi_title(row: Mapping[Any, Any]) -> str:
    """The title of a source as the Vietnamese edition shows it: ``title_vi``, else ``title``.

    ``title_vi`` is filled only where the title holds words we wrote (a bracketed
    description of an untitled page, a note of ours); a published title stays as
    published (see docs/editions.md).

    Examples
    --------
    >>> vi_title({"title": "[Land area] (title not recorded)", "title_vi": "[Diện tích] (không ghi tiêu đề)"})
    '[Diện tích] (không ghi tiêu đề)'
    >>> vi_title({"title": "Dân số", "title_vi": float("nan")})
    'Dân số'
    """
    return _plain(row.get("title_vi")).strip() or _plain(row.get("title"))


def vi_publisher(row: Mapping[Any, Any]) -> str:
    """The publisher of a source as the Vietnamese edition shows it: ``publisher_vi``, else ``publisher``.

    Examples
    --------
    >>> vi_publisher({"publisher": "Báo An Giang (An Giang provincial newspaper)", "publisher_vi": "Báo An Giang"})
    'Báo An Giang'
    >>> vi_publisher({"publisher": "Hanoi Times", "publisher_vi": ""})
    'Hanoi Times'
    """
    return _plain(row.get("publisher_vi")).strip() or _plain(row.get("publisher"))


def _date(value: object) -> str:
    """A date cell as ISO text ('' when missing)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    strftime = getattr(value, "strftime", None)
    return strftime("%Y-%m-%d") if callable(strftime) else str(value)


def _vi_date(iso: str) -> str:
    """2026-12-01 -> 01/12/2026 (text that is not an ISO date is escaped as it is)."""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    return markdown_text(iso)


def _plain(value: object) -> str:
    """A cell as text ('' when missing)."""
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)
