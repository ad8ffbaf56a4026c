"""Numbers in the notebooks' prose: MyST-NB "glue" records.

A notebook never types a figure into its prose. A code cell computes the
number, formats it in the notebook's language and glues it under a name; the
Markdown cell that tells the story refers to it with MyST-NB's role
``{glue:text}`name```. Jupyter Book pastes the text into the sentence (as
text: data text cannot become markup), and nbval compares the glued text on
every run, so a changed number fails the tests like any other output.

The record is the one ``myst_nb.glue`` writes (a display output whose MIME
type starts with ``application/papermill.record/``), written here so that
running a notebook needs neither MyST-NB nor Sphinx. See docs/notebooks.md.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["glue", "glue_record"]

MIME_PREFIX = "application/papermill.record/"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def glue_record(name: str, text: str) -> tuple[dict[str, str], dict[str, Any]]:
    """The data and metadata of the display output that glues *text* as *name*.

    Parameters
    ----------
    name : str
        A Python identifier, unique in the notebook.
    text : str
        The text to paste, already formatted for the reader (a number with
        its unit, a word, a short phrase). Not Markdown, not HTML.

    Raises
    ------
    ValueError
        If *name* is not an identifier or *text* is empty.
    TypeError
        If *text* is not a string (format numbers first, in the notebook's
        language, e.g. with :func:`agstats.plotting.format_value`).

    Examples
    --------
    >>> data, meta = glue_record("ratio", "18.5")
    >>> data
    {'application/papermill.record/text/plain': "'18.5'"}
    >>> meta
    {'scrapbook': {'name': 'ratio', 'mime_prefix': 'application/papermill.record/'}}
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(f"glue name {name!r} is not a Python identifier")
    if not isinstance(text, str):
        raise TypeError(
            f"glue({name!r}, ...) needs text formatted for the reader, got {type(text).__name__}; "
            "format it first (agstats.plotting.format_number / format_value)"
        )
    if not text.strip():
        raise ValueError(f"glue({name!r}, ...) got empty text")
    # text/plain holds the repr, as myst_nb.glue writes it; MyST-NB's {glue:text} reads it back
    # with ast.literal_eval, so quotes and backslashes in the text survive.
    return {MIME_PREFIX + "text/plain": repr(text)}, {"scrapbook": {"name": name, "mime_prefix": MIME_PREFIX}}


def glue(name: str, text: str) -> str:
    """Glue *text* under *name* for the notebook's prose, and return it.

    In a notebook this displays nothing visible; Jupyter Book pastes the text
    where a Markdown cell says ``{glue:text}`name```. Outside IPython it only
    checks its arguments.

    Parameters
    ----------
    name : str
        A Python identifier, unique in the notebook.
    text : str
        Text formatted for the reader.

    Returns
    -------
    str
        *text*, so that a cell can glue and reuse it.

    Examples
    --------
    >>> from agstats.plotting import format_value
    >>> glue("postal_2018", format_value(178, "exact", "vnd_bn", "en"))
    '178 billion VND'
    """
    data, metadata = glue_record(name, text)
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is installed with the notebooks extra
        return text
    if get_ipython() is not None:
        display(data, raw=True, metadata=metadata)
    return text
