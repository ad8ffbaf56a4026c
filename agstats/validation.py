"""Validation of the data package: one place, run on load.

The rules come from ``datapackage.json`` (field types, required fields,
enumerations, patterns, minimums, primary and foreign keys) plus the checks a
schema cannot express: a period must not end before it starts, and every
evidence phrase must state the row's value, unit and qualifier.

Every problem names the file, the line of the file (the header is line 1) and
the column, so a maintainer can go straight to the cell.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Problem", "DataValidationError", "validate_package", "read_table"]


@dataclass(frozen=True)
class Problem:
    """One validation problem, located to a cell.

    Attributes
    ----------
    file : str
        File name within the data folder (e.g. ``indicators.csv``).
    row : int | None
        Line of the file (header = line 1); ``None`` for file-level problems.
    column : str | None
        Column name; ``None`` for row- or file-level problems.
    message : str
        What is wrong, with the offending value.

    Examples
    --------
    >>> print(Problem("indicators.csv", 4, "unit", "unknown unit 'vnd_bm'"))
    indicators.csv, line 4, column 'unit': unknown unit 'vnd_bm'
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"line {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
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


# --------------------------------------------------------------------------- reading


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Read a CSV file as text: header and rows, nothing converted or dropped.

    Parameters
    ----------
    path : Path
        The CSV file (UTF-8, comma-separated, first line a header).

    Returns
    -------
    header, rows : list of str, list of dict
        Each row maps a column name to its raw text ('' when empty).
    """
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            return [], []
        rows = []
        for line_no, values in enumerate(reader, start=2):
            if not values:
                continue
            row = {"__line__": str(line_no), "__ncols__": str(len(values))}
            for name, val in zip(header, values):
                row[name] = val
            for name in header[len(values) :]:
                row[name] = ""
            rows.append(row)
    return header, rows


def _convert(value: str, ftype: str) -> Any:
    """Convert one raw cell to the field type; raise ValueError on failure."""
    if ftype == "string":
        return value
    if ftype == "number":
        out = float(value)
        if math.isnan(out) or math.isinf(out):
            raise ValueError("not a finite number")
        return out
    if ftype == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise ValueError("not an integer")
        return int(value)
    if ftype == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError("not an ISO date (YYYY-MM-DD)")
        return _dt.date.fromisoformat(value)
    raise ValueError(f"unsupported field type {ftype!r}")  # pragma: no cover


_TYPE_WORDS = {"number": "a number", "integer": "an integer", "date": "an ISO date (YYYY-MM-DD)"}


# --------------------------------------------------------------------------- checks


def _check_schema(
    fname: str, header: list[str], rows: list[dict[str, str]], schema: dict, problems: list[Problem]
) -> list[dict[str, Any]]:
    """Check one table against its Table Schema; return the typed rows."""
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    missing = [n for n in names if n not in header]
    extra = [n for n in header if n not in names]
    for n in missing:
        problems.append(Problem(fname, 1, n, "column missing from the header"))
    for n in extra:
        problems.append(Problem(fname, 1, n, "column not described in datapackage.json"))
    typed: list[dict[str, Any]] = []
    uniques: dict[str, dict[Any, int]] = {f["name"]: {} for f in fields if f.get("constraints", {}).get("unique")}
    for row in rows:
        line = int(row["__line__"])
        if int(row["__ncols__"]) != len(header):
            problems.append(Problem(fname, line, None, f"has {row['__ncols__']} cells, the header has {len(header)}"))
        out: dict[str, Any] = {"__line__": line}
        for field in fields:
            name, ftype = field["name"], field.get("type", "string")
            cons = field.get("constraints", {})
            raw = row.get(name, "")
            if raw != raw.strip():
                problems.append(Problem(fname, line, name, f"leading or trailing spaces in {raw!r}"))
            if raw == "":
                if cons.get("required"):
                    problems.append(Problem(fname, line, name, "missing value (required)"))
                out[name] = None
                continue
            try:
                val = _convert(raw, ftype)
            except ValueError:
                problems.append(Problem(fname, line, name, f"not {_TYPE_WORDS.get(ftype, ftype)}: {raw!r}"))
                out[name] = None
                continue
            if "enum" in cons and val not in cons["enum"]:
                allowed = ", ".join(map(str, cons["enum"]))
                problems.append(Problem(fname, line, name, f"unknown {name} {raw!r} (allowed: {allowed})"))
            if "pattern" in cons and not re.fullmatch(cons["pattern"], raw):
                problems.append(Problem(fname, line, name, f"{raw!r} does not match the pattern {cons['pattern']}"))
            if "minimum" in cons and val < cons["minimum"]:
                problems.append(Problem(fname, line, name, f"{raw} is below the minimum {cons['minimum']}"))
            if "maximum" in cons and val > cons["maximum"]:
                problems.append(Problem(fname, line, name, f"{raw} is above the maximum {cons['maximum']}"))
            if name in uniques:
                if val in uniques[name]:
                    problems.append(
                        Problem(fname, line, name, f"duplicate value {raw!r} (first on line {uniques[name][val]})")
                    )
                else:
                    uniques[name][val] = line
            out[name] = val
        typed.append(out)
    pk = schema.get("primaryKey")
    if pk:
        pk = [pk] if isinstance(pk, str) else pk
        seen: dict[tuple, int] = {}
        for row in typed:
            key = tuple(row.get(k) for k in pk)
            if any(k is None for k in key):
                continue
            if key in seen:
                shown = ", ".join(f"{k}={v}" for k, v in zip(pk, key))
                problems.append(
                    Problem(fname, row["__line__"], pk[0], f"duplicate ({shown}); first on line {seen[key]}")
                )
            else:
                seen[key] = row["__line__"]
    return typed


def _check_foreign_keys(
    fname: str,
    typed: list[dict[str, Any]],
    schema: dict,
    tables: dict[str, list[dict[str, Any]]],
    problems: list[Problem],
) -> None:
    for fk in schema.get("foreignKeys", []):
        field = fk["fields"]
        ref = fk["reference"]
        targets = {r.get(ref["fields"]) for r in tables.get(ref["resource"], [])}
        word = {"unit": "unit", "source": "source"}.get(field, field)
        for row in typed:
            val = row.get(field)
            if val is not None and val not in targets:
                problems.append(
                    Problem(
                        fname,
                        row["__line__"],
                        field,
                        f"unknown {word} {val!r} (not in {ref['resource']}.csv {ref['fields']})",
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
    from .parsing import find_quantities  # the project's one number parser

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
        found; the data are valid when ``problems`` is empty.

    Examples
    --------
    >>> from agstats.io import data_dir
    >>> tables, problems = validate_package(data_dir())
    >>> problems
    []
    >>> sorted(tables)[:3]
    ['context', 'events', 'exchange_rates']
    """
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    pkg_path = data_dir / "datapackage.json"
    try:
        package = json.loads(pkg_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, [Problem("datapackage.json", None, None, f"not found in {data_dir}")]
    except json.JSONDecodeError as exc:
        return {}, [Problem("datapackage.json", exc.lineno, None, f"invalid JSON: {exc.msg}")]
    tables: dict[str, list[dict[str, Any]]] = {}
    schemas: dict[str, tuple[str, dict]] = {}
    for res in package.get("resources", []):
        fname = res["path"]
        path = data_dir / fname
        if not path.exists():
            problems.append(Problem(fname, None, None, "file listed in datapackage.json is missing"))
            continue
        header, rows = read_table(path)
        tables[res["name"]] = _check_schema(fname, header, rows, res["schema"], problems)
        schemas[res["name"]] = (fname, res["schema"])
    for name, (fname, schema) in schemas.items():
        typed = tables[name]
        _check_foreign_keys(fname, typed, schema, tables, problems)
        _check_periods(fname, typed, problems)
        if name in ("indicators", "context"):
            _check_evidence(fname, typed, problems)
        if name == "exchange_rates":
            _check_rate_evidence(fname, typed, problems)
    return tables, problems
