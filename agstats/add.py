"""Add reviewed draft rows to the data package: the maintainer's path from ``agstats extract`` to ``data/``.

:func:`add_rows` reads a draft CSV (the output of ``agstats extract``, checked and edited by a maintainer),
drops the review columns, normalises the values (Vietnamese number text to a float, NFC text, ISO dates),
refuses on any conflict, appends the rows to ``indicators.csv`` of the data folder, validates the result with
:func:`agstats.validation.validate_package` and only then replaces the file, atomically (a temporary file in the
same folder, renamed over it). On any refusal nothing changes. ``agstats add DRAFT.csv`` is its command line.

Refusals (each names the draft's file and line):

* a row still flagged for review (a non-empty ``review`` cell: clear it once the row is checked);
* a missing column, an empty indicator, value, unit, period, area, source or evidence;
* a value that is no number, or whose digit grouping is ambiguous (``1.234``: one thousand two hundred and
  thirty-four the Vietnamese way, 1.234 in a CSV written by pandas; write ``1234`` or ``1,234``);
* a date that is neither ISO (``2019-09-25``) nor day/month/year (``25/9/2019``);
* a source not in ``sources.csv``, a unit not in ``units.csv``;
* a row whose indicator, area, period and source are already in ``indicators.csv`` (or twice in the draft);
* any problem :func:`~agstats.validation.validate_package` finds in the package with the rows added.

Examples
--------
>>> import tempfile, shutil
>>> from pathlib import Path
>>> from agstats.io import data_dir
>>> tmp = Path(tempfile.mkdtemp())
>>> pkg = Path(shutil.copytree(data_dir(), tmp / "data"))
>>> draft = tmp / "draft.csv"
>>> _ = draft.write_text(
...     "indicator,sector,label_en,label_vi,value,unit,period_start,period_end,qualifier,area,source,evidence,"
...     "method,note,review\\n"
...     "postal_revenue,postal,Revenue of postal enterprises,Doanh thu của các doanh nghiệp bưu chính,"
...     '"1.234,5",vnd_bn,1/1/2030,31/12/2030,exact,an_giang_pre2025,mic2019,"doanh thu đạt 1.234,5 tỷ đồng",'
...     "stated,,\\n", encoding="utf-8")
>>> added = add_rows(draft, data_dir=pkg)
>>> added[["indicator", "value", "period_start", "period_end"]].values.tolist()
[['postal_revenue', 1234.5, '2030-01-01', '2030-12-31']]
>>> add_rows(draft, data_dir=pkg)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
agstats.add.AddError: ...draft.csv, line 2: postal_revenue, an_giang_pre2025, 2030-01-01 – 2030-12-31, source mic2019 is already in indicators.csv (line ...)
>>> shutil.rmtree(tmp)
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from .parsing import parse_number

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["REVIEW_COLUMNS", "AddError", "add_rows"]

REVIEW_COLUMNS: tuple[str, ...] = ("review",)
"""Columns of a draft that are for the maintainer only; dropped before the rows are added."""

_REQUIRED = ("indicator", "value", "unit", "period_start", "period_end", "area", "source", "evidence")
_KEY = ("indicator", "area", "period_start", "period_end", "source")
_PLAIN_FLOAT_RE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_AMBIGUOUS_RE = re.compile(r"-?[1-9][0-9]{0,2}\.[0-9]{3}")  # "1.234": 1234 (Vietnamese) or 1.234 (pandas)?
_ISO_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DMY_RE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


class AddError(ValueError):
    """Raised when draft rows cannot be added; nothing was changed. ``problems`` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def _value(text: str) -> float:
    """A value cell as a float: a plain number (``178``, ``2.5``, ``3300.0``) or Vietnamese text (``3.300``,
    ``2,5``, ``1.908.352``); ``1.234`` is ambiguous and refused."""
    s = unicodedata.normalize("NFC", text).strip()
    if _AMBIGUOUS_RE.fullmatch(s):
        raise ValueError(f"ambiguous number {text!r}: write {s.replace('.', '')} or {s.replace('.', ',')}")
    if _PLAIN_FLOAT_RE.fullmatch(s):
        return float(s)
    return parse_number(s)


def _date(text: str) -> str:
    """A date cell as ISO ``YYYY-MM-DD`` (from ISO or day/month/year)."""
    from datetime import date

    s = text.strip()
    m = _DMY_RE.fullmatch(s)
    if m:
        d = date(int(m[3]), int(m[2]), int(m[1]))
    elif _ISO_RE.fullmatch(s[:10]) and (len(s) == 10 or s[10:].strip(" T0:") == ""):
        d = date.fromisoformat(s[:10])  # "2019-09-25", "2019-09-25 00:00:00"
    else:
        raise ValueError(f"not a date: {text!r} (write 2019-09-25 or 25/9/2019)")
    return d.isoformat()


def _format_value(v: float) -> str:
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise AddError([f"cannot read {path}: {exc.strerror or exc}"]) from exc
    except UnicodeDecodeError as exc:
        raise AddError([f"{path}: not UTF-8 text (byte {exc.start})"]) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def add_rows(draft: Path | str, *, data_dir: Path | str | None = None, dry_run: bool = False) -> pd.DataFrame:
    """Append the reviewed rows of a draft CSV to ``indicators.csv`` of a data folder.

    Parameters
    ----------
    draft : Path or str
        A CSV with the columns of ``indicators.csv`` (any order) and optionally the review columns
        (:data:`REVIEW_COLUMNS`), as ``agstats extract`` writes it.
    data_dir : Path or str, optional
        The data package folder; by default :func:`agstats.io.data_dir`.
    dry_run : bool
        Check everything, validate the result, but do not write.

    Returns
    -------
    pandas.DataFrame
        The rows added, as written (values as floats, dates as ISO strings).

    Raises
    ------
    AddError
        On any conflict or problem (see the module documentation); ``indicators.csv`` is then unchanged.
    """
    import shutil

    import pandas as pd

    from .io import data_dir as default_data_dir
    from .validation import validate_package

    draft = Path(draft)
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    target = folder / "indicators.csv"
    header, existing = _read_csv(target)
    dheader, drows = _read_csv(draft)
    _, sources = _read_csv(folder / "sources.csv")
    _, units = _read_csv(folder / "units.csv")
    source_ids = {r["id"] for r in sources}
    unit_codes = {r["code"] for r in units}
    problems: list[str] = []
    missing = [c for c in header if c not in dheader]
    if missing:
        raise AddError([f"{draft}: missing column(s) {', '.join(missing)} (the columns of {target.name})"])
    extra = [c for c in dheader if c not in header and c not in REVIEW_COLUMNS]
    if extra:
        raise AddError([f"{draft}: unknown column(s) {', '.join(extra)}"])
    if not drows:
        raise AddError([f"{draft}: no rows to add"])
    seen = {tuple(unicodedata.normalize("NFC", r.get(k) or "") for k in _KEY): i for i, r in enumerate(existing, 2)}
    out: list[dict[str, str]] = []
    for line, raw in enumerate(drows, start=2):  # physical lines may differ after a quoted newline
        where = f"{draft}, line {line}"
        review = " ".join(" ".join((raw.get(c) or "").split()) for c in REVIEW_COLUMNS if c in raw).strip()
        if review:
            problems.append(f"{where}: still flagged for review ({review}); check the row and clear its review cell")
            continue
        row = {c: unicodedata.normalize("NFC", (raw.get(c) or "").strip()) for c in header}
        empty = [c for c in _REQUIRED if not row[c]]
        if empty:
            problems.append(
                f"{where}: empty {', '.join(empty)}" + (" (evidence missing)" if "evidence" in empty else "")
            )
            continue
        try:
            row["value"] = _format_value(_value(row["value"]))
            row["period_start"], row["period_end"] = _date(row["period_start"]), _date(row["period_end"])
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            continue
        if row["source"] not in source_ids:
            problems.append(f"{where}: unknown source {row['source']!r} (add it to sources.csv first)")
        if row["unit"] not in unit_codes:
            problems.append(f"{where}: unknown unit {row['unit']!r} (not in units.csv)")
        key = tuple(row[k] for k in _KEY)
        if key in seen:
            first = seen[key]
            what = f"{row['indicator']}, {row['area']}, {row['period_start']} – {row['period_end']}, source {row['source']}"
            if first < 0:
                problems.append(f"{where}: {what} is twice in the draft (line {-first})")
            else:
                problems.append(f"{where}: {what} is already in {target.name} (line {first})")
            continue
        seen[key] = -line
        out.append(row)
    if problems:
        raise AddError(problems)

    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writerows(out)
    old = target.read_bytes()
    new = old + (b"" if old.endswith(b"\n") or not old else b"\n") + buf.getvalue().encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:  # validate a copy of the package with the rows added
        copy = Path(shutil.copytree(folder, Path(tmp) / "data"))
        (copy / "indicators.csv").write_bytes(new)
        _, vproblems = validate_package(copy)
    if vproblems:
        raise AddError([f"the package would not validate with the rows added ({len(vproblems)} problem(s)):"]
                       + [f"  {p}" for p in vproblems])  # fmt: skip
    if not dry_run:
        fd, tmp_name = tempfile.mkstemp(prefix=".indicators.", suffix=".csv.tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(new)
                fh.flush()
                os.fsync(fh.fileno())
            if target.exists():
                os.chmod(tmp_name, target.stat().st_mode & 0o777)
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
    frame = pd.DataFrame(out, columns=header)
    frame["value"] = frame["value"].astype("float64")
    return frame
