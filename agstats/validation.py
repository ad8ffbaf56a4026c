"""Validation of the data package: one place, run on load and by ``agstats validate``.

Validation runs in three stages and never reports "valid" for a package it
could not read:

1. **Structure** of ``datapackage.json``: a JSON object whose ``resources`` list
   holds every required resource, each with a ``path`` inside the data folder
   and a well-formed schema (field names, known types, constraints of the right
   types, bounded ``pattern`` expressions). Nothing is read from a path outside
   the folder.
2. **Files**: UTF-8 without a byte-order mark, comma-separated, one header of
   distinct names, terminated quotes, fields under :data:`MAX_FIELD_CHARS`.
3. **Cells and rows**: the schema's types and constraints (plain decimal numbers
   only, NFC text, ASCII digits), keys, periods, and every evidence phrase
   stating its row's value, unit and qualifier.

Every problem names the file, the physical line of the file (the header is
line 1; a record spanning quoted newlines carries the line it starts on) and
the column, so a maintainer can go straight to the cell. The rules and
messages are listed in ``docs/validation.md``.
"""

from __future__ import annotations

import csv
import datetime as _dt
import importlib
import io
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Problem",
    "DataValidationError",
    "validate_package",
    "read_table",
    "check_source_texts",
    "EvidenceReport",
    "source_text_path",
    "MAX_FIELD_CHARS",
    "MAX_FILE_BYTES",
    "MAX_PATTERN_CHARS",
    "default_source_texts_dir",
]

#: Longest cell accepted, in characters (the longest shipped cell has about 550).
MAX_FIELD_CHARS = 10_000
#: Largest CSV or JSON file read, in bytes (the shipped tables are under 100 kB each).
MAX_FILE_BYTES = 50_000_000
#: Longest ``pattern`` constraint accepted, in characters.
MAX_PATTERN_CHARS = 200

#: Resources every package must list; ``catalogue`` is checked when listed.
REQUIRED_RESOURCES = ("indicators", "context", "sources", "units", "events", "exchange_rates")
OPTIONAL_RESOURCES = ("catalogue",)
#: Fields the loaders and checks rely on, per resource.
REQUIRED_FIELDS = {
    "indicators": ("indicator", "value", "unit", "period_start", "period_end", "qualifier", "area", "source"),
    "context": ("indicator", "value", "unit", "period_start", "period_end", "qualifier", "area", "source"),
    "sources": ("id", "title", "publisher", "url", "published", "language", "tier"),
    "units": ("code", "factor"),
    "events": ("event", "date_start", "date_end", "source"),
    "exchange_rates": ("year", "vnd_per_usd", "source"),
    "catalogue": ("indicator",),
}
#: Tables that must have at least one row.
NON_EMPTY = ("indicators", "sources", "units")
#: Field types agstats converts (a subset of Frictionless Table Schema types).
FIELD_TYPES = ("string", "number", "integer", "date")
#: Constraint name -> what its value must be.
_CONSTRAINT_KINDS = {
    "required": "bool",
    "unique": "bool",
    "enum": "list",
    "pattern": "str",
    "minimum": "num",
    "maximum": "num",
    "minLength": "int",
    "maxLength": "int",
}


@dataclass(frozen=True)
class Problem:
    """One validation problem, located to a cell.

    Attributes
    ----------
    file : str
        File name within the data folder (e.g. ``indicators.csv``).
    row : int | None
        Physical line of the file (header = line 1); ``None`` for file-level problems.
    column : str | None
        Column name; ``None`` for row- or file-level problems.
    message : str
        What is wrong, with the offending value.
    char : int | None
        Where in the text the problem is (1 = first character): the position in
        the physical line for a file-level problem (a bad byte, printed as
        ``column N``), the position in the cell for a cell (a decomposed letter,
        a non-ASCII digit, printed as ``character N``).

    Examples
    --------
    >>> print(Problem("indicators.csv", 4, "unit", "unknown unit 'vnd_bm'"))
    indicators.csv, line 4, column 'unit': unknown unit 'vnd_bm'
    >>> print(Problem("units.csv", 3, None, "not UTF-8", char=7))
    units.csv, line 3, column 7: not UTF-8
    """

    file: str
    row: int | None
    column: str | None
    message: str
    char: int | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"line {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        if self.char is not None:
            where.append(f"column {self.char}" if self.column is None else f"character {self.char}")
        return f"{', '.join(where)}: {self.message}"


class DataValidationError(ValueError):
    """Raised when the data package does not validate.

    The exception message lists every problem; ``problems`` holds them as
    :class:`Problem` objects.

    Examples
    --------
    >>> err = DataValidationError([Problem("units.csv", 2, "factor", "not a number: 'x'")])
    >>> err.problems[0].column
    'factor'
    """

    def __init__(self, problems: list[Problem], data_dir: Path | str | None = None) -> None:
        self.problems = list(problems)
        self.data_dir = data_dir
        head = f"{len(self.problems)} problem(s) in the data package"
        if data_dir is not None:
            head += f" at {data_dir}"
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in self.problems))


# --------------------------------------------------------------------------- text


def _decode(data: bytes, fname: str, problems: list[Problem]) -> str | None:
    """Decode UTF-8, reporting a BOM and the first undecodable byte with line and column."""
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(fname, 1, None, "starts with a UTF-8 byte-order mark (BOM); save the file as UTF-8 without BOM")
        )
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        col = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        bad = data[start : exc.end].hex(" ")
        more = data.decode("utf-8", errors="replace").count("\ufffd") - 1
        extra = f" ({more} more undecodable byte(s) after it)" if more > 0 else ""
        problems.append(
            Problem(
                fname,
                line,
                None,
                f"not UTF-8: byte(s) {bad} ({exc.reason}){extra}; save the file as UTF-8",
                char=col,
            )
        )
        return None


def _read_bytes(path: Path, fname: str, problems: list[Problem]) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(fname, None, None, f"file of {size} bytes is larger than {MAX_FILE_BYTES} bytes"))
            return None
        return path.read_bytes()
    except OSError as exc:
        problems.append(Problem(fname, None, None, f"cannot read the file: {exc.strerror or exc}"))
        return None


def _shown(raw: str, limit: int = 80) -> str:
    """A cell's value for a message: its repr, shortened when long.

    Examples
    --------
    >>> _shown("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' (100 characters)"
    """
    if len(raw) <= limit:
        return repr(raw)
    return repr(raw[: limit - 3] + "...") + f" ({len(raw)} characters)"


#: A Unicode decimal digit other than 0-9 (``\d`` matches category Nd in str patterns).
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
#: Control characters; a line break is allowed (inside a quoted field).
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def _text_problem(raw: str) -> tuple[str, int] | None:
    """Why a cell's text is refused (NFD, non-ASCII digit, control character), with the character position."""
    m = _NON_ASCII_DIGIT.search(raw)
    if m:
        ch = m.group()
        name = unicodedata.name(ch, f"U+{ord(ch):04X}")
        return f"non-ASCII digit {ch!r} ({name}) in {_shown(raw)}; write the digits 0-9", m.start() + 1
    m = _CONTROL.search(raw)
    if m:
        return f"control character U+{ord(m.group()):04X} in {_shown(raw)}", m.start() + 1
    if not unicodedata.is_normalized("NFC", raw):
        nfc = unicodedata.normalize("NFC", raw)
        i = next((k for k, (x, y) in enumerate(zip(raw, nfc), start=1) if x != y), min(len(raw), len(nfc)) + 1)
        return (
            f"text is not in Unicode NFC form (decomposed accents) in {_shown(raw)}; "
            "save it NFC-normalised (unicodedata.normalize('NFC', text))",
            i,
        )
    return None


# --------------------------------------------------------------------------- reading


@dataclass
class _Table:
    header: list[str]
    rows: list[dict[str, Any]]
    readable: bool  # False: the cells cannot be matched to columns; they are not checked
    failed: bool = False  # True: the file could not be read as a table at all (reported)


def _read_csv(path: Path, fname: str, problems: list[Problem], expected: list[str] | None = None) -> _Table:
    """Read a CSV file as text: header and rows (with their physical line), nothing converted or dropped."""
    data = _read_bytes(path, fname, problems)
    if data is None:
        return _Table([], [], False, failed=True)
    text = _decode(data, fname, problems)
    if text is None:
        return _Table([], [], False, failed=True)
    if not text.strip():
        problems.append(Problem(fname, None, None, "the file is empty (no header line)"))
        return _Table([], [], False, failed=True)
    first = text.splitlines()[0]
    if "," not in first and (expected is None or len(expected) > 1):
        for sep, word in (("\t", "tab"), (";", "semicolon"), ("|", "pipe")):
            if sep in first:
                problems.append(
                    Problem(
                        fname,
                        1,
                        None,
                        f"this file looks {word}-separated (its header has {first.count(sep)} {word}s and no comma); "
                        "agstats reads comma-separated UTF-8 CSV",
                    )
                )
                return _Table([], [], False, failed=True)
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(len(text) + 1, old_limit))  # restored below; cells are capped by MAX_FIELD_CHARS
    rows: list[dict[str, Any]] = []
    header: list[str] = []
    line = 0
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = next(reader)
        except StopIteration:  # pragma: no cover - text is not blank
            header = []
        line = reader.line_num
        for values in reader:
            start = line + 1
            line = reader.line_num
            if not values:
                continue  # a blank line holds no data
            row: dict[str, Any] = {"__line__": start, "__ncols__": len(values), "__values__": values}
            rows.append(row)
    except csv.Error as exc:
        start, msg = line + 1, str(exc)
        if "unexpected end of data" in msg or reader.line_num > start:
            problems.append(
                Problem(
                    fname,
                    start,
                    None,
                    f"unterminated quoted field: a '\"' opened on this line is not closed (the record runs to line "
                    f"{reader.line_num}); close the quote or double a '\"' inside quotes",
                )
            )
        else:
            problems.append(
                Problem(fname, start, None, f"malformed CSV ({msg}); quote a field holding '\"' and double the quote")
            )
        return _Table(header, rows, False, failed=True)
    finally:
        csv.field_size_limit(old_limit)
    readable = True
    if len(header) != len(set(header)):
        seen: dict[str, int] = {}
        for i, name in enumerate(header, start=1):
            if name in seen:
                problems.append(
                    Problem(
                        fname, 1, name, f"duplicate column name {name!r} in the header (columns {seen[name]} and {i})"
                    )
                )
            else:
                seen[name] = i
        readable = False
    for i, name in enumerate(header, start=1):
        if name != name.strip() or not name:
            problems.append(Problem(fname, 1, None, f"header column {i} {name!r} is empty or has spaces around it"))
    for row in rows:
        values = row.pop("__values__")
        for name, val in zip(header, values):
            row[name] = val
        for name in header[len(values) :]:
            row[name] = ""
        for i, val in enumerate(values):
            if len(val) > MAX_FIELD_CHARS:
                col = header[i] if i < len(header) else None
                problems.append(
                    Problem(
                        fname,
                        row["__line__"],
                        col,
                        f"field of {len(val)} characters is longer than the limit of {MAX_FIELD_CHARS} "
                        "(agstats.validation.MAX_FIELD_CHARS)",
                    )
                )
                row.setdefault("__skip__", set()).add(col)  # reported: its cell is not checked again
    return _Table(header, rows, readable)


def read_table(path: Path | str) -> tuple[list[str], list[dict[str, str]]]:
    """Read a CSV file of the package as text: header and rows, nothing converted or dropped.

    Parameters
    ----------
    path : Path or str
        The CSV file (UTF-8 without BOM, comma-separated, first line a header).

    Returns
    -------
    header, rows : list of str, list of dict
        Each row maps a column name to its raw text ('' when empty), plus
        ``__line__``: the physical line the record starts on.

    Raises
    ------
    DataValidationError
        When the file cannot be read as such a table (not UTF-8, a BOM, another
        delimiter, an unterminated quote, a duplicate header, an oversized field).
    """
    path = Path(path)
    problems: list[Problem] = []
    table = _read_csv(path, path.name, problems)
    if problems:
        raise DataValidationError(problems, path.parent)
    return table.header, [{k: str(v) for k, v in r.items() if k not in ("__ncols__", "__skip__")} for r in table.rows]


_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_INTEGER = re.compile(r"-?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _convert(value: str, ftype: str) -> Any:
    """Convert one raw cell to the field type; raise ValueError on failure."""
    if ftype == "string":
        return value
    if ftype == "number":
        if not _NUMBER.fullmatch(value):
            raise ValueError("not plain decimal notation")
        out = float(value)
        if math.isinf(out):
            raise ValueError("not a finite number")
        return out
    if ftype == "integer":
        if not _INTEGER.fullmatch(value):
            raise ValueError("not an integer")
        return int(value)
    if ftype == "date":
        if not _DATE.fullmatch(value):
            raise ValueError("not an ISO date (YYYY-MM-DD)")
        return _dt.date.fromisoformat(value)
    raise ValueError(f"unsupported field type {ftype!r}")  # pragma: no cover - refused by the structure check


_TYPE_WORDS = {"number": "a number", "integer": "an integer", "date": "an ISO date (YYYY-MM-DD)"}
_NUMBER_HINT = (
    " (plain decimal notation only, e.g. 3300 or 12.5: no spaces, thousands separators, '_', exponent or decimal comma)"
)

#: More rows than this with the same wrong number of cells are reported in one message.
_SAME_LENGTH_GROUP = 3


# --------------------------------------------------------------------------- checks


def _check_schema(fname: str, table: _Table, schema: dict, problems: list[Problem]) -> list[dict[str, Any]] | None:
    """Check one table against its Table Schema; return the typed rows (None when its cells cannot be read)."""
    if table.failed:
        return None
    header, rows = table.header, table.rows
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    missing = [n for n in names if n not in header]
    extra = [n for n in header if n not in names]
    for n in missing:
        problems.append(Problem(fname, 1, n, "column missing from the header"))
    for n in extra:
        problems.append(Problem(fname, 1, n, "column not described in datapackage.json"))
    # Rows whose cell count differs from the header: one message per row, or one per group when
    # many rows share the same count (a header column missing or extra, not many broken rows).
    # When the header itself differs from the schema, rows with as many cells as the schema has
    # fields are that one cause, already reported.
    by_count: dict[int, list[int]] = {}
    for row in rows:
        if row["__ncols__"] != len(header) and not ((missing or extra) and row["__ncols__"] == len(names)):
            by_count.setdefault(row["__ncols__"], []).append(row["__line__"])
    for n, lines in sorted(by_count.items()):
        if len(lines) > _SAME_LENGTH_GROUP:
            hint = "is a header column missing?" if n > len(header) else "is a column missing from these rows?"
            problems.append(
                Problem(
                    fname,
                    lines[0],
                    None,
                    f"{len(lines)} rows (lines {lines[0]}-{lines[-1]}) have {n} cells, the header has {len(header)}: {hint}",
                )
            )
        else:
            for line in lines:
                problems.append(Problem(fname, line, None, f"has {n} cells, the header has {len(header)}"))
    if missing or extra or by_count or not table.readable:
        # The cells cannot be matched to their columns: checking them would repeat one cause
        # hundreds of times.
        return None
    typed: list[dict[str, Any]] = []
    uniques: dict[str, dict[Any, int]] = {f["name"]: {} for f in fields if f.get("constraints", {}).get("unique")}
    for row in rows:
        line = row["__line__"]
        out: dict[str, Any] = {"__line__": line}
        for fdef in fields:
            name, ftype = fdef["name"], fdef.get("type", "string")
            cons = fdef.get("constraints", {})
            raw = row.get(name, "")
            out[name] = None
            if name in row.get("__skip__", ()):
                continue
            if raw != raw.strip():
                problems.append(Problem(fname, line, name, f"leading or trailing spaces in {_shown(raw)}"))
                continue
            bad_text = _text_problem(raw)
            if bad_text is not None:
                problems.append(Problem(fname, line, name, bad_text[0], char=bad_text[1]))
                continue
            if raw == "":
                if cons.get("required"):
                    problems.append(Problem(fname, line, name, "missing value (required)"))
                continue
            try:
                val = _convert(raw, ftype)
            except ValueError:
                hint = _NUMBER_HINT if ftype == "number" else ""
                problems.append(Problem(fname, line, name, f"not {_TYPE_WORDS.get(ftype, ftype)}: {_shown(raw)}{hint}"))
                continue
            if "enum" in cons and val not in cons["enum"]:
                allowed = ", ".join(map(str, cons["enum"]))
                problems.append(Problem(fname, line, name, f"unknown {name} {_shown(raw)} (allowed: {allowed})"))
            if "pattern" in cons and not _compiled(cons["pattern"]).fullmatch(raw):
                problems.append(
                    Problem(fname, line, name, f"{_shown(raw)} does not match the pattern {cons['pattern']}")
                )
            if "minimum" in cons and val < cons["minimum"]:
                problems.append(Problem(fname, line, name, f"{raw} is below the minimum {cons['minimum']}"))
            if "maximum" in cons and val > cons["maximum"]:
                problems.append(Problem(fname, line, name, f"{raw} is above the maximum {cons['maximum']}"))
            if "minLength" in cons and len(raw) < cons["minLength"]:
                problems.append(
                    Problem(fname, line, name, f"{_shown(raw)} is shorter than {cons['minLength']} characters")
                )
            if "maxLength" in cons and len(raw) > cons["maxLength"]:
                problems.append(
                    Problem(fname, line, name, f"{_shown(raw)} is longer than {cons['maxLength']} characters")
                )
            if name in uniques:
                if val in uniques[name]:
                    problems.append(
                        Problem(
                            fname, line, name, f"duplicate value {_shown(raw)} (first on line {uniques[name][val]})"
                        )
                    )
                else:
                    uniques[name][val] = line
            out[name] = val
        typed.append(out)
    pk = schema.get("primaryKey")
    if pk:
        pk = [pk] if isinstance(pk, str) else pk
        seen: dict[tuple, int] = {}
        for trow in typed:
            key = tuple(trow.get(k) for k in pk)
            if any(k is None for k in key):
                continue
            if key in seen:
                shown = ", ".join(f"{k}={v}" for k, v in zip(pk, key))
                problems.append(
                    Problem(fname, trow["__line__"], pk[0], f"duplicate ({shown}); first on line {seen[key]}")
                )
            else:
                seen[key] = trow["__line__"]
    return typed


def _check_foreign_keys(
    fname: str,
    typed: list[dict[str, Any]],
    schema: dict,
    tables: dict[str, list[dict[str, Any]]],
    problems: list[Problem],
) -> None:
    for fk in schema.get("foreignKeys", []):
        fld = fk["fields"]
        ref = fk["reference"]
        if ref["resource"] not in tables:
            continue  # the referenced table could not be read: reported there, not once per row here
        targets = {r.get(ref["fields"]) for r in tables[ref["resource"]]}
        for row in typed:
            val = row.get(fld)
            if val is not None and val not in targets:
                problems.append(
                    Problem(
                        fname,
                        row["__line__"],
                        fld,
                        f"unknown {fld} {val!r} (not in {ref['resource']}.csv {ref['fields']})",
                    )
                )


def _check_periods(fname: str, typed: list[dict[str, Any]], problems: list[Problem]) -> None:
    for row in typed:
        start, end = row.get("period_start"), row.get("period_end")
        if start is not None and end is not None and end < start:
            problems.append(
                Problem(fname, row["__line__"], "period_end", f"period_end {end} is before period_start {start}")
            )
        ds, de = row.get("date_start"), row.get("date_end")
        if ds is not None and de is not None and de < ds:
            problems.append(Problem(fname, row["__line__"], "date_end", f"date_end {de} is before date_start {ds}"))


_LIST_SPLIT = re.compile(r"\s*(?:,|;|\bvà\b|\bhoặc\b)\s*")


def list_items(phrase: str) -> list[str]:
    """Split a Vietnamese list phrase into its items.

    Items are separated by commas, semicolons, ``và`` (and) or ``hoặc`` (or).

    Examples
    --------
    >>> list_items("cáp, số vệ tinh, số mặt đất và IPTV")
    ['cáp', 'số vệ tinh', 'số mặt đất', 'IPTV']
    """
    return [p.strip() for p in _LIST_SPLIT.split(phrase) if p.strip()]


def count_list_items(phrase: str) -> int:
    """Count the items a Vietnamese list phrase enumerates (see :func:`list_items`).

    Examples
    --------
    >>> count_list_items("cáp, số vệ tinh, số mặt đất và IPTV")
    4
    """
    return len(list_items(phrase))


def _values_match(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def evidence_problem(row: dict[str, Any]) -> str | None:
    """Return why a row's evidence does not state its figure, or None when it does.

    Parameters
    ----------
    row : dict
        A typed indicator row with ``evidence``, ``value``, ``unit``,
        ``qualifier`` and ``method``.

    Examples
    --------
    >>> row = dict(evidence="Trên 60% dân số", value=60.0, unit="percent",
    ...            qualifier="lower_bound", method="stated")
    >>> evidence_problem(row) is None
    True
    >>> evidence_problem(dict(row, qualifier="exact"))
    "evidence 'Trên 60% dân số' states 60 percent lower_bound, not 60 percent exact"
    """
    from .parsing import find_quantities, parse_number  # the project's one number parser

    evidence, value = row.get("evidence"), row.get("value")
    if evidence is None or value is None:
        return None  # reported as missing elsewhere
    if row.get("method") == "count_of_list":
        n = count_list_items(evidence)
        return None if _values_match(n, value) else f"evidence {evidence!r} lists {n} items, not {value:g}"
    found = find_quantities(evidence)
    if not found:
        return f"evidence {evidence!r} states no quantity"
    unit, qualifier = row.get("unit"), row.get("qualifier")
    if row.get("method") == "table_row":
        # One row of a published ranking or score table ('54 An Giang', 'An Giang 08 (0,677)'): the
        # table's column headings, not the phrase, say what each number is (the row's note names the
        # column). The value must be one of the row's numbers; a table states exact figures.
        if qualifier != "exact":
            return f"method table_row needs qualifier exact, not {qualifier}"
        numbers = [q.value for q in found]
        for token in re.findall(r"\d+(?:[.,]\d+)*", evidence):  # cells the prose parser skips: '(0,623)'
            try:
                numbers.append(parse_number(token))
            except ValueError:
                continue
        if any(_values_match(n, value) for n in numbers):
            return None
        return f"evidence {evidence!r} (a table row) has no number {value:g}"
    if row.get("method") == "sum_of_areas":
        # A computed baseline: one phrase per area, joined by ' | '; each must state its part in the row's unit.
        parts = [find_quantities(p) for p in evidence.split(" | ")]
        if len(parts) < 2 or any(len([q for q in qs if q.unit == unit]) != 1 for qs in parts):
            return f"evidence {evidence!r} needs one phrase per area, each stating one figure in {unit}"
        total = sum(q.value for qs in parts for q in qs if q.unit == unit)
        return None if _values_match(total, value) else f"evidence {evidence!r} sums to {total:g} {unit}, not {value:g}"
    # A recommendation or plan is worded like a plain figure ('dành 1%'): the data marks it as a target.
    ok_qualifiers = {qualifier, "exact"} if qualifier == "target" else {qualifier}
    if row.get("method") == "estimate_by_date":
        # Published before its period closed: 'đạt' / 'reached' is an estimate, 'đạt hơn' an estimated bound.
        worded = {"estimate": "exact", "estimate_lower_bound": "lower_bound"}.get(str(qualifier))
        if worded is None:
            return f"method estimate_by_date needs qualifier estimate or estimate_lower_bound, not {qualifier}"
        ok_qualifiers.add(worded)
    for q in found:
        if _values_match(q.value, value) and q.unit == unit and q.qualifier in ok_qualifiers:
            return None
    stated = "; ".join(f"{q.value:g} {q.unit} {q.qualifier}" for q in found)
    return f"evidence {evidence!r} states {stated}, not {value:g} {unit} {qualifier}"


def _check_evidence(fname: str, typed: list[dict[str, Any]], problems: list[Problem]) -> None:
    # A row whose value, unit, qualifier or method is already reported is not checked again:
    # one mistake, one message.
    flagged = {p.row for p in problems if p.file == fname and p.column in ("value", "unit", "qualifier", "method")}
    for row in typed:
        if row["__line__"] in flagged:
            continue
        msg = evidence_problem(row)
        if msg:
            problems.append(Problem(fname, row["__line__"], "evidence", msg))


def _check_rate_evidence(fname: str, typed: list[dict[str, Any]], problems: list[Problem]) -> None:
    from .parsing import parse_number

    for row in typed:
        ev, val = row.get("evidence"), row.get("vnd_per_usd")
        if ev is None or val is None:
            continue
        try:
            stated = parse_number(ev.split()[-1])
        except ValueError:
            stated = None
        if stated is None or not _values_match(stated, val):
            problems.append(Problem(fname, row["__line__"], "evidence", f"evidence {ev!r} does not state {val:g}"))


# --------------------------------------------------------------------------- patterns

_sre: Any = importlib.import_module("re._parser")  # the parser of the re module (sre_parse before 3.11)
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)} - {None}


def _pattern_problem(pattern: Any) -> str | None:
    """Why a ``pattern`` constraint is refused, or None.

    Patterns come from ``datapackage.json`` and are matched against every cell,
    so they are bounded: a string of at most :data:`MAX_PATTERN_CHARS`
    characters that compiles, without back-references, and without a repeated
    group that itself holds a repeat or an alternation (``(a+)+``, ``(a|ab)*``:
    the shapes whose backtracking is exponential). Cells are matched with
    ``fullmatch`` (Table Schema patterns are implicitly anchored) and are at most
    :data:`MAX_FIELD_CHARS` long.
    """
    if not isinstance(pattern, str):
        return f"must be a string, not {type(pattern).__name__}"
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"is {len(pattern)} characters long, more than the limit of {MAX_PATTERN_CHARS}"
    try:
        tree = _sre.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"is not a valid regular expression ({exc})"

    def walk(items: Any, inside_repeat: bool) -> str | None:
        for op, arg in items:
            if op in _REPEATS:
                lo, hi, body = arg
                if inside_repeat:
                    return (
                        "has nested quantifiers (a repeated group holding a repeat), which can backtrack exponentially"
                    )
                found = walk(body, inside_repeat=hi > 1)
                if found:
                    return found
            elif op is _sre.BRANCH:
                if inside_repeat:
                    return "repeats an alternation (e.g. (a|ab)*), which can backtrack exponentially"
                for alt in arg[1]:
                    found = walk(alt, inside_repeat)
                    if found:
                        return found
            elif op is _sre.SUBPATTERN:
                found = walk(arg[-1], inside_repeat)
                if found:
                    return found
            elif op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
                return "uses a back-reference, which Table Schema patterns do not have"
            elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
                found = walk(arg[1], inside_repeat)
                if found:
                    return found
        return None

    return walk(tree, inside_repeat=False)


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    """The compiled pattern (checked by :func:`_pattern_problem` first)."""
    if pattern not in _PATTERNS:
        _PATTERNS[pattern] = re.compile(pattern)
    return _PATTERNS[pattern]


# --------------------------------------------------------------------------- structure


def _resource_path(data_dir: Path, raw: Any, where: str, problems: list[Problem]) -> Path | None:
    """The file a resource names, if it is a relative path that stays inside the data folder."""
    if not isinstance(raw, str) or not raw.strip():
        problems.append(Problem("datapackage.json", None, None, f"{where}: 'path' must be a file name (a string)"))
        return None
    shown = raw if len(raw) <= 80 else raw[:77] + "..."
    parts = raw.replace("\\", "/").split("/")
    if raw.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", raw) or "://" in raw:
        problems.append(
            Problem(
                "datapackage.json", None, None, f"{where}: path {shown!r} is absolute; give a file of the data folder"
            )
        )
        return None
    if ".." in parts:
        problems.append(
            Problem("datapackage.json", None, None, f"{where}: path {shown!r} leaves the data folder ('..')")
        )
        return None
    if "\x00" in raw:
        problems.append(Problem("datapackage.json", None, None, f"{where}: path {shown!r} holds a NUL character"))
        return None
    path = data_dir / raw
    try:
        real, root = path.resolve(), data_dir.resolve()
    except (OSError, RuntimeError) as exc:
        problems.append(Problem("datapackage.json", None, None, f"{where}: cannot resolve path {shown!r}: {exc}"))
        return None
    if not real.is_relative_to(root):
        problems.append(
            Problem(
                "datapackage.json",
                None,
                None,
                f"{where}: path {shown!r} is a link that leads outside the data folder; it is not read",
            )
        )
        return None
    return path


def _schema_problems(schema: Any, where: str) -> list[str]:
    """What is wrong with one resource's Table Schema (empty when well-formed)."""
    if not isinstance(schema, dict):
        return [f"{where}: 'schema' must be an object"]
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return [f"{where}: schema 'fields' must be a non-empty list"]
    out: list[str] = []
    names: list[str] = []
    for i, fdef in enumerate(fields):
        at = f"{where}, field {i + 1}"
        if not isinstance(fdef, dict):
            out.append(f"{at}: must be an object")
            continue
        name = fdef.get("name")
        if not isinstance(name, str) or not name or name != name.strip():
            out.append(f"{at}: 'name' must be a non-empty string without surrounding spaces")
            continue
        at = f"{where}, field {name!r}"
        if name in names:
            out.append(f"{at}: described twice")
        names.append(name)
        ftype = fdef.get("type", "string")
        if ftype not in FIELD_TYPES:
            out.append(f"{at}: unknown type {ftype!r} (agstats reads {', '.join(FIELD_TYPES)})")
            continue
        cons = fdef.get("constraints", {})
        if not isinstance(cons, dict):
            out.append(f"{at}: 'constraints' must be an object")
            continue
        for key, value in cons.items():
            kind = _CONSTRAINT_KINDS.get(key)
            if kind is None:
                out.append(f"{at}: constraint {key!r} is not supported by agstats validation")
            elif kind == "bool" and not isinstance(value, bool):
                out.append(f"{at}: constraint {key!r} must be true or false")
            elif kind == "int" and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                out.append(f"{at}: constraint {key!r} must be a non-negative integer")
            elif kind == "num":
                if ftype not in ("number", "integer"):
                    out.append(f"{at}: constraint {key!r} applies to numbers, the field is {ftype}")
                elif isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                    out.append(f"{at}: constraint {key!r} must be a finite number")
            elif kind == "list":
                if not isinstance(value, list) or not value:
                    out.append(f"{at}: constraint 'enum' must be a non-empty list")
                elif ftype == "string" and not all(isinstance(v, str) for v in value):
                    out.append(f"{at}: every value of 'enum' must be a string")
                elif ftype in ("number", "integer") and not all(
                    isinstance(v, int | float) and not isinstance(v, bool) for v in value
                ):
                    out.append(f"{at}: every value of 'enum' must be a number")
                elif ftype == "date":
                    out.append(f"{at}: constraint 'enum' is not supported for dates")
            elif kind == "str":
                why = _pattern_problem(value)
                if why:
                    out.append(f"{at}: pattern {str(value)[:60]!r} {why}")
                elif ftype != "string":
                    out.append(f"{at}: constraint 'pattern' applies to strings, the field is {ftype}")
    pk = schema.get("primaryKey")
    if pk is not None:
        keys = [pk] if isinstance(pk, str) else pk
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            out.append(f"{where}: 'primaryKey' must be a field name or a list of field names")
        else:
            out += [f"{where}: primaryKey names {k!r}, which is not a field" for k in keys if k not in names]
    fks = schema.get("foreignKeys", [])
    if not isinstance(fks, list):
        out.append(f"{where}: 'foreignKeys' must be a list")
    else:
        for fk in fks:
            ref = fk.get("reference") if isinstance(fk, dict) else None
            if (
                not isinstance(fk, dict)
                or not isinstance(fk.get("fields"), str)
                or not isinstance(ref, dict)
                or not isinstance(ref.get("resource"), str)
                or not isinstance(ref.get("fields"), str)
            ):
                out.append(
                    f"{where}: each foreign key must be {{'fields': name, 'reference': {{'resource', 'fields'}}}}"
                )
            elif fk["fields"] not in names:
                out.append(f"{where}: foreign key names {fk['fields']!r}, which is not a field")
    return out


def _check_structure(data_dir: Path, problems: list[Problem]) -> dict[str, tuple[Path, dict]] | None:
    """Check ``datapackage.json``; return resource name -> (file, schema), or None when unusable."""
    pkg = "datapackage.json"
    if not data_dir.exists():
        problems.append(
            Problem(str(data_dir), None, None, "no such folder (expected a folder holding datapackage.json)")
        )
        return None
    if not data_dir.is_dir():
        problems.append(
            Problem(
                str(data_dir),
                None,
                None,
                "is a file, not a data package folder; give the folder that holds datapackage.json",
            )
        )
        return None
    pkg_path = data_dir / pkg
    if not pkg_path.is_file():
        problems.append(Problem(pkg, None, None, f"not found in {data_dir}"))
        return None
    data = _read_bytes(pkg_path, pkg, problems)
    if data is None:
        return None
    text = _decode(data, pkg, problems)
    if text is None:
        return None
    try:
        package = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(pkg, exc.lineno, None, f"invalid JSON: {exc.msg}", char=exc.colno))
        return None
    except RecursionError:
        problems.append(Problem(pkg, None, None, "invalid JSON: nested too deeply"))
        return None
    if not isinstance(package, dict):
        problems.append(Problem(pkg, None, None, f"must be a JSON object, not {_json_kind(package)}"))
        return None
    resources = package.get("resources")
    if not isinstance(resources, list):
        found = "missing" if resources is None else _json_kind(resources)
        problems.append(Problem(pkg, None, None, f"'resources' must be a list of resources ({found})"))
        return None
    out: dict[str, tuple[Path, dict]] = {}
    before = len(problems)
    for i, res in enumerate(resources):
        where = f"resource {i + 1}"
        if not isinstance(res, dict):
            problems.append(Problem(pkg, None, None, f"{where}: must be an object, not {_json_kind(res)}"))
            continue
        name = res.get("name")
        if not isinstance(name, str) or not name:
            problems.append(Problem(pkg, None, None, f"{where}: 'name' must be a non-empty string"))
            continue
        where = f"resource {name!r}"
        if name in out:
            problems.append(Problem(pkg, None, None, f"{where}: listed twice"))
            continue
        path = _resource_path(data_dir, res.get("path"), where, problems)
        schema = res.get("schema")
        bad = _schema_problems(schema, where)
        problems.extend(Problem(pkg, None, None, msg) for msg in bad)
        if bad or path is None:
            continue
        assert isinstance(schema, dict)
        names = {f["name"] for f in schema["fields"]}
        lacking = [f for f in REQUIRED_FIELDS.get(name, ()) if f not in names]
        if lacking:
            problems.append(
                Problem(pkg, None, None, f"{where}: schema lacks the field(s) {', '.join(lacking)} that agstats needs")
            )
            continue
        out[name] = (path, schema)
    listed = {r.get("name") for r in resources if isinstance(r, dict) and isinstance(r.get("name"), str)}
    for name in REQUIRED_RESOURCES:
        if name not in listed:
            problems.append(Problem(pkg, None, None, f"required resource {name!r} is not listed in 'resources'"))
    for name, (_, schema) in out.items():
        for fk in schema.get("foreignKeys", []):
            if fk["reference"]["resource"] not in listed:
                problems.append(
                    Problem(
                        pkg,
                        None,
                        None,
                        f"resource {name!r}: foreign key to unknown resource {fk['reference']['resource']!r}",
                    )
                )
    if len(problems) > before:
        return None
    return out


def _json_kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


# --------------------------------------------------------------------------- package


def validate_package(data_dir: Path | str) -> tuple[dict[str, list[dict[str, Any]]], list[Problem]]:
    """Validate every table of a data package folder.

    Parameters
    ----------
    data_dir : Path or str
        Folder holding ``datapackage.json`` and the CSV files it lists.

    Returns
    -------
    tables, problems : dict, list of Problem
        The typed rows of each resource (by resource name) and every problem
        found; the data are valid when ``problems`` is empty. When
        ``datapackage.json`` itself is unusable, ``tables`` is empty and the
        problems say why: the tables are not read.

    Examples
    --------
    >>> from agstats.io import data_dir
    >>> tables, problems = validate_package(data_dir())
    >>> problems
    []
    >>> {"indicators", "sources", "units"} <= set(tables)
    True
    """
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    try:
        return _validate(data_dir, problems)
    except (OSError, ValueError) as exc:  # e.g. a path too long for the file system, or holding a NUL
        problems.append(Problem(str(data_dir), None, None, f"cannot be read: {exc}"))
        return {}, problems


def _validate(data_dir: Path, problems: list[Problem]) -> tuple[dict[str, list[dict[str, Any]]], list[Problem]]:
    resources = _check_structure(data_dir, problems)
    if resources is None:
        return {}, problems
    tables: dict[str, list[dict[str, Any]]] = {}
    schemas: dict[str, tuple[str, dict]] = {}
    for name, (path, schema) in resources.items():
        fname = path.relative_to(data_dir).as_posix()
        if not path.is_file():
            what = "is missing" if not path.exists() else "is not a file"
            problems.append(Problem(fname, None, None, f"file listed in datapackage.json {what}"))
            continue
        table = _read_csv(path, fname, problems, expected=[f["name"] for f in schema["fields"]])
        typed = _check_schema(fname, table, schema, problems)
        if typed is None:
            continue
        if not typed and name in NON_EMPTY and not any(p.file == fname for p in problems):
            problems.append(
                Problem(fname, None, None, f"the {name} table has no rows (only a header): it must not be empty")
            )
        tables[name] = typed
        schemas[name] = (fname, schema)
    for name, (fname, schema) in schemas.items():
        typed = tables[name]
        _check_foreign_keys(fname, typed, schema, tables, problems)
        _check_periods(fname, typed, problems)
        if name in ("indicators", "context"):
            _check_evidence(fname, typed, problems)
        if name == "exchange_rates":
            _check_rate_evidence(fname, typed, problems)
    _check_catalogue(tables, problems)
    return tables, problems


# --------------------------------------------------------------------------- source texts

#: Where a source's text is found when ``<texts dir>/<id>.txt`` is absent, relative to the
#: folder holding the texts folder (the repository root): the 2019 report ships with the
#: project's shared folder, never in the repository.
FALLBACK_TEXTS = {"mic2019": Path("..") / "shared" / "sources" / "mic-2019-an-giang-ict-report.vi.txt"}


def default_source_texts_dir() -> Path:
    """The local folder of source texts: ``source_texts/`` at the repository root.

    Examples
    --------
    >>> default_source_texts_dir().name
    'source_texts'
    """
    return Path(__file__).resolve().parent.parent / "source_texts"


def source_text_path(source_id: str, texts_dir: Path | str | None = None) -> Path | None:
    """The file holding a source's text, or None when there is none.

    ``<texts_dir>/<source id>.txt`` (UTF-8); for a source listed in
    :data:`FALLBACK_TEXTS` (the 2019 report), the shared copy beside the
    repository when that file is absent.

    Examples
    --------
    >>> source_text_path("no_such_source") is None
    True
    """
    folder = Path(texts_dir) if texts_dir is not None else default_source_texts_dir()
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", source_id) or source_id.startswith("."):
        return None  # never a path built from an unsafe id
    path = folder / f"{source_id}.txt"
    if path.is_file():
        return path
    fallback = FALLBACK_TEXTS.get(source_id)
    if fallback is not None and (folder.parent / fallback).is_file():
        return folder.parent / fallback
    return None


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class EvidenceReport:
    """What the evidence check found.

    Attributes
    ----------
    checked : dict
        Source id -> the text file its rows' evidence was checked against.
    unchecked : list of str
        Source ids cited by rows with evidence but without a text to check them.
    problems : list of Problem
        Evidence phrases that do not occur in their source's text (and texts
        that cannot be read).
    rows_checked : int
        Number of evidence phrases looked up.
    """

    checked: dict[str, Path]
    unchecked: list[str]
    problems: list[Problem]
    rows_checked: int = 0

    def summary(self) -> str:
        """One line: which sources were checked and which could not be.

        Examples
        --------
        >>> EvidenceReport({}, ["a", "b"], []).summary()
        'evidence checked for 0 row(s) of 0 source(s); not checked (no text): 2 source(s): a, b'
        """
        line = f"evidence checked for {self.rows_checked} row(s) of {len(self.checked)} source(s)"
        if self.checked:
            line += f" ({', '.join(self.checked)})"
        if self.unchecked:
            line += f"; not checked (no text): {len(self.unchecked)} source(s): {', '.join(self.unchecked)}"
        return line


def check_source_texts(
    data_dir: Path | str, texts_dir: Path | str | None = None, tables: dict[str, list[dict[str, Any]]] | None = None
) -> EvidenceReport:
    """Check that every evidence phrase occurs verbatim in its source's text, where the text is present.

    Phrase and text are compared after NFC normalisation and collapsing
    whitespace runs to one space. Every table with ``source`` and ``evidence``
    columns is checked (indicators, context, events, exchange rates).

    Parameters
    ----------
    data_dir : Path or str
        The data package folder.
    texts_dir : Path or str, optional
        Folder of ``<source id>.txt`` files; by default ``source_texts/`` at the
        repository root (see :func:`source_text_path`).
    tables : dict, optional
        Typed rows from :func:`validate_package` (validated again when omitted).

    Returns
    -------
    EvidenceReport
        The sources checked, those without a text, and each phrase not found.

    Raises
    ------
    DataValidationError
        When the data package does not validate.
    """
    data_dir = Path(data_dir)
    if tables is None:
        tables, problems = validate_package(data_dir)
        if problems:
            raise DataValidationError(problems, data_dir)
    fnames = _resource_files(data_dir)
    texts: dict[str, str | None] = {}
    report = EvidenceReport({}, [], [])
    unchecked: dict[str, None] = {}
    for name, rows in tables.items():
        for row in rows:
            sid, evidence = row.get("source"), row.get("evidence")
            if not isinstance(sid, str) or not isinstance(evidence, str) or not evidence:
                continue
            if sid not in texts:
                texts[sid] = None
                path = source_text_path(sid, texts_dir)
                if path is not None:
                    shown = path.name
                    data = _read_bytes(path, shown, report.problems)
                    text = _decode(data, shown, report.problems) if data is not None else None
                    if text is not None:
                        texts[sid] = _normalise(text)
                        report.checked[sid] = path
            text = texts[sid]
            if text is None:
                if sid not in report.checked:
                    unchecked[sid] = None
                continue
            report.rows_checked += 1
            if _normalise(evidence) not in text:
                report.problems.append(
                    Problem(
                        fnames.get(name, f"{name}.csv"),
                        row["__line__"],
                        "evidence",
                        f"evidence {evidence!r} does not occur in the text of source {sid!r} "
                        f"({report.checked[sid].name})",
                    )
                )
    report.unchecked = sorted(unchecked)
    return report


def _resource_files(data_dir: Path) -> dict[str, str]:
    try:
        package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
        return {r["name"]: r["path"] for r in package["resources"]}
    except (OSError, ValueError, KeyError, TypeError):  # pragma: no cover - validated before
        return {}


def _check_catalogue(tables: dict[str, list[dict[str, Any]]], problems: list[Problem]) -> None:
    """Cross-table rules of ``catalogue.csv`` (when the package has one; owned by agstats.catalogue).

    Every indicator id of indicators.csv and context.csv has a catalogue row, and each row's labels
    agree with its catalogue row; a Vietnamese definition or note (``definition_vi``, ``notes_vi``) has
    its English text and is not a copy of it. A catalogue row without data rows is allowed: a smaller package (a
    maintainer's draft, a test fixture) keeps the shipped catalogue. (That canonical_unit is
    a unit code is the catalogue's foreign key; sectors are checked by their enumerations.)
    """
    if "catalogue" not in tables:
        return
    catalogue = {r["indicator"]: r for r in tables["catalogue"] if r.get("indicator")}
    used: set[str] = set()
    for name, fname in (("indicators", "indicators.csv"), ("context", "context.csv")):
        for row in tables.get(name, []):
            ind = row.get("indicator")
            if ind is None:
                continue
            entry = catalogue.get(ind)
            if entry is None:
                if ind not in used:
                    problems.append(
                        Problem(fname, row["__line__"], "indicator", f"{ind!r} has no row in catalogue.csv")
                    )
                used.add(ind)
                continue
            used.add(ind)
            for col in ("label_en", "label_vi"):
                if row.get(col) is not None and entry.get(col) is not None and row[col] != entry[col]:
                    problems.append(
                        Problem(
                            fname, row["__line__"], col, f"{row[col]!r} differs from catalogue.csv ({entry[col]!r})"
                        )
                    )
    # The Vietnamese texts (optional columns: a row not yet translated shows the English) translate
    # the English ones: none without its English text, none a copy of it.
    for entry in tables["catalogue"]:
        for en, vi in (("definition", "definition_vi"), ("notes", "notes_vi")):
            if not entry.get(vi):
                continue
            if not entry.get(en):
                problems.append(Problem("catalogue.csv", entry["__line__"], vi, f"has text but {en} is empty"))
            elif entry[vi] == entry[en]:
                problems.append(
                    Problem("catalogue.csv", entry["__line__"], vi, f"is a copy of {en}, not a translation")
                )
