"""Citations built from the sources table: plot source lines and "Sources" sections."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = ["short_citation", "source_line", "sources_markdown"]


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


def sources_markdown(ids: Iterable[str] | None = None) -> str:
    """A Markdown list of full citations for a notebook's "Sources" section.

    Parameters
    ----------
    ids : iterable of str, optional
        Source ids to cite; all sources when omitted.

    Examples
    --------
    >>> print(sources_markdown(["mic2019"]))  # doctest: +ELLIPSIS
    - **[mic2019]** Bộ Thông tin và Truyền thông (Ministry of Information and Communications) (2019). *Đoàn công tác ...*. ... Primary source, in Vietnamese.
    """
    lines = []
    for r in _sources(ids).itertuples():
        lang = {"vi": "Vietnamese", "en": "English"}.get(r.language, r.language)
        date_note = f" ({r.published_note})" if r.published_note else ""
        lines.append(
            f"- **[{r.id}]** {r.publisher} ({r.published}). *{r.title}*. <{r.url}>{date_note}. "
            f"{r.tier.capitalize()} source, in {lang}."
        )
    return "\n".join(lines)
