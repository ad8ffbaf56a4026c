"""Command-line interface: a thin shell over the package's functions.

Examples
--------
.. code-block:: console

    $ agstats indicators --sector postal --format csv
    $ agstats indicators --area vietnam --area an_giang_pre2025 --canonical
    $ agstats describe telecom_revenue
    $ agstats describe telecom_revenue --language vi
    $ agstats catalogue --format csv
    $ agstats sources
    $ agstats validate data/
    $ agstats --version

Exit status: 0 success; 1 invalid data or a request refused (for example a
data package that does not validate); 2 usage error (an unknown option,
indicator, area or sector).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["main", "build_parser", "EXIT_OK", "EXIT_INVALID", "EXIT_USAGE"]

_FORMATS = ("table", "csv", "json")

#: Exit status: success.
EXIT_OK = 0
#: Exit status: the data do not validate, or the request was refused.
EXIT_INVALID = 1
#: Exit status: a usage error (unknown option, indicator, area, sector ...).
EXIT_USAGE = 2

_EPILOG = """\
exit status:
  0  success
  1  invalid data or a refused request (e.g. the data package does not validate)
  2  usage error (unknown option, indicator, area or sector)

Dates in CSV and JSON output are ISO 8601 (YYYY-MM-DD). CSV text cells that a
spreadsheet would read as a formula are prefixed with an apostrophe.
"""


def _iso_dates(df: pd.DataFrame) -> pd.DataFrame:
    """Write every datetime column as ``YYYY-MM-DD`` text (missing dates stay missing)."""
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            text = out[col].dt.strftime("%Y-%m-%d")
            out[col] = text.astype(object).where(out[col].notna(), None)
    return out


def _spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Pass every text cell through :func:`agstats.escape.spreadsheet_cell`."""
    import pandas as pd

    from .escape import spreadsheet_cell

    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype) or not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].astype(object).map(spreadsheet_cell)
    return out


def _write(df: pd.DataFrame, fmt: str) -> None:
    import pandas as pd

    if fmt == "csv":
        _spreadsheet_safe(_iso_dates(df)).to_csv(sys.stdout, index=False, lineterminator="\n")
    elif fmt == "json":
        sys.stdout.write(_iso_dates(df).to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        df = _iso_dates(df)
        with pd.option_context(
            "display.max_rows", None, "display.max_columns", None, "display.width", 200, "display.max_colwidth", 40
        ):
            sys.stdout.write(df.to_string(index=False) + "\n")


def _areas(values: list[str] | None) -> str | list[str]:
    from .io import DEFAULT_AREA

    if not values:
        return DEFAULT_AREA
    return values[0] if len(values) == 1 else values


def _cmd_indicators(args: argparse.Namespace) -> int:
    from .io import load_indicators

    df = load_indicators(args.sector, area=_areas(args.area), canonical=args.canonical)
    if args.format == "table":
        df = df[["indicator", "sector", "value", "unit", "period_start", "period_end", "qualifier", "area", "source"]]
    _write(df, args.format)
    return EXIT_OK


def _width(requested: int | None) -> int:
    if requested:
        return max(requested, 60)
    return max(60, min(100, shutil.get_terminal_size((100, 24)).columns))


def sources_table(df: pd.DataFrame, width: int = 100) -> str:
    """Lay out the sources for a terminal: id, date and tier aligned, title and publisher wrapped.

    Every line fits in ``width`` columns, except a URL longer than the line
    (URLs are never broken, so they can be copied).

    Examples
    --------
    >>> from agstats.io import load_sources
    >>> text = sources_table(load_sources(), width=100)
    >>> lines = text.splitlines()
    >>> lines[0].split()
    ['id', 'published', 'tier', 'title', '/', 'publisher', '/', 'url']
    >>> all(len(line) <= 100 for line in lines if "://" not in line)
    True
    """
    ids = df["id"].astype(str)
    pub = df["published"].astype(str)
    tier = df["tier"].astype(str)
    w_id = max(2, ids.str.len().max())
    w_pub = max(len("published"), pub.str.len().max())
    w_tier = max(4, tier.str.len().max())
    indent = w_id + w_pub + w_tier + 6
    text_width = max(20, width - indent)
    pad = " " * indent
    lines = [f"{'id':<{w_id}}  {'published':<{w_pub}}  {'tier':<{w_tier}}  title / publisher / url"]
    for i, p, t, title, publisher, url in zip(ids, pub, tier, df["title"], df["publisher"], df["url"]):
        wrapped = textwrap.wrap(str(title), text_width) or [""]
        wrapped += textwrap.wrap(str(publisher), text_width, initial_indent="— ", subsequent_indent="  ")
        lines.append(f"{i:<{w_id}}  {p:<{w_pub}}  {t:<{w_tier}}  {wrapped[0]}")
        lines += [pad + more for more in wrapped[1:]]
        if str(url):
            lines.append(pad + str(url))
    return "\n".join(lines)


def _cmd_sources(args: argparse.Namespace) -> int:
    from .io import load_sources

    df = load_sources()
    if args.format == "table":
        sys.stdout.write(sources_table(df, _width(args.width)) + "\n")
    else:
        _write(df, args.format)
    return EXIT_OK


def _cmd_describe(args: argparse.Namespace) -> int:
    from .catalogue import describe, to_json

    info = describe(args.indicator, language=args.language)
    if args.format == "json":
        sys.stdout.write(to_json(info) + "\n")
    else:
        width = _width(None)
        for line in str(info).splitlines():
            key, sep, rest = line.partition(": ")
            if sep and len(line) > width:
                sys.stdout.write(textwrap.fill(line, width, subsequent_indent="    ") + "\n")
            else:
                sys.stdout.write(line + "\n")
    return EXIT_OK


def _cmd_catalogue(args: argparse.Namespace) -> int:
    from .catalogue import catalogue

    df = catalogue()
    if args.format == "table":
        df = df[["indicator", "sector", "canonical_unit", "n_rows", "first_date", "last_date", "areas"]]
    _write(df, args.format)
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from .io import data_dir
    from .validation import Problem, check_source_texts, default_source_texts_dir, validate_package

    folder = Path(args.data_dir) if args.data_dir else data_dir()
    try:
        tables, problems = validate_package(folder)
    except (OSError, RecursionError, MemoryError) as exc:  # validate_package reports file errors itself
        problems, tables = [Problem(str(folder), None, None, f"cannot be validated: {exc}")], {}
    report = None
    if not problems and args.evidence is not None:
        texts = Path(args.evidence) if args.evidence else default_source_texts_dir()
        report = check_source_texts(folder, texts, tables=tables)
        problems = report.problems
    if problems:
        print(f"{folder}: {len(problems)} problem(s)", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        if report is not None:
            print(f"{folder}: {report.summary()}", file=sys.stderr)
        return EXIT_INVALID
    counts = ", ".join(f"{name} {len(rows)}" for name, rows in sorted(tables.items()))
    print(f"{folder}: valid ({counts} rows)")
    if report is not None:
        print(f"{folder}: {report.summary()}")
    return EXIT_OK


def _cmd_extract(args: argparse.Namespace) -> int:
    from . import io
    from .extract import draft_rows, extract

    if args.output and args.output != "-":
        out = Path(args.output).resolve()
        for folder in {io.data_dir().resolve(), io._PACKAGE_DATA.resolve(), io._CHECKOUT_DATA.resolve()}:
            if out.is_relative_to(folder):
                raise ValueError(
                    f"refusing to write {args.output} inside the package data folder {folder}: "
                    "draft rows need review; write them elsewhere, check them and add them with 'agstats add DRAFT.csv'"
                )
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read {args.file}: {exc.strerror or exc}") from exc
    if args.output and args.output != "-":
        out = Path(args.output)
        if args.file != "-" and out.exists() and Path(args.file).exists() and out.samefile(args.file):
            print(f"agstats: error: refusing to write the draft over its input {args.file}", file=sys.stderr)
            return 1
        if out.exists() and not args.force:
            print(
                f"agstats: error: {args.output} exists; refusing to overwrite it (pass --force to replace it)",
                file=sys.stderr,
            )
            return 1
    rows = draft_rows(extract(text, year=args.year), source=args.source, area=args.area)
    if args.output and args.output != "-":
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as fh:
                if args.format == "csv":
                    rows.to_csv(fh, index=False, lineterminator="\n")
                else:
                    fh.write(rows.to_json(orient="records", force_ascii=False, indent=1) + "\n")
        except OSError as exc:
            raise ValueError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
        print(f"{args.output}: {len(rows)} draft row(s) to review", file=sys.stderr)
    else:
        _write(rows, args.format)
    return 0


def _data_version() -> str:
    from .io import data_version

    try:
        return data_version()
    except (OSError, ValueError):  # a broken data folder must not break --version
        return "unknown"


def _cmd_add(args: argparse.Namespace) -> int:
    from .add import AddError, add_rows
    from .io import data_dir

    folder = Path(args.data_dir) if args.data_dir else data_dir()
    try:
        rows = add_rows(args.draft, data_dir=folder, dry_run=args.dry_run)
    except AddError as exc:
        print(f"agstats: error: nothing added to {folder / 'indicators.csv'}:", file=sys.stderr)
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    verb = "would add" if args.dry_run else "added"
    print(f"{folder / 'indicators.csv'}: {verb} {len(rows)} row(s); the package validates")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``agstats`` command."""
    from ._version import __version__

    parser = argparse.ArgumentParser(
        prog="agstats",
        description="Sourced indicators of An Giang's ICT sector (2019 MIC report).",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"agstats {__version__} (data {_data_version()})",
        help="print the versions",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("indicators", help="print the indicator table")
    p.add_argument("--sector", action="append", help="keep only this sector (repeatable)")
    p.add_argument(
        "--area",
        action="append",
        help="keep this area (repeatable; 'all' for every area; default an_giang_pre2025, see docs/areas.md)",
    )
    p.add_argument("--canonical", action="store_true", help="bring every row to its indicator's canonical unit")
    p.add_argument("--format", choices=_FORMATS, default="table")
    p.set_defaults(func=_cmd_indicators)

    p = sub.add_parser("sources", help="print the cited documents")
    p.add_argument("--format", choices=_FORMATS, default="table")
    p.add_argument("--width", type=int, help="line width of the table (default: the terminal's, at most 100)")
    p.set_defaults(func=_cmd_sources)

    p = sub.add_parser("describe", help="print the metadata of one indicator (definition, unit, coverage, sources)")
    p.add_argument("indicator", metavar="ID", help="indicator id, e.g. telecom_revenue")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--language",
        choices=("en", "vi"),
        default="en",
        help="language of the text (vi: Vietnamese definition and notes; default en)",
    )
    p.set_defaults(func=_cmd_describe)

    p = sub.add_parser("catalogue", help="print the indicator catalogue with coverage")
    p.add_argument("--format", choices=_FORMATS, default="table")
    p.set_defaults(func=_cmd_catalogue)

    p = sub.add_parser("validate", help="validate a data package folder (exit 1 listing every problem)")
    p.add_argument("data_dir", nargs="?", help="folder with datapackage.json (default: the shipped data)")
    p.add_argument(
        "--evidence",
        nargs="?",
        const="",
        metavar="DIR",
        help="also check every evidence phrase against its source's text in DIR/<source id>.txt "
        "(default DIR: source_texts/ at the repository root; see docs/validation.md)",
    )
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser(
        "extract",
        help="draft indicator rows from a report text (never writes into data/)",
        description="Print draft rows in the shape of data/indicators.csv, plus a 'review' column saying what to "
        "check, for every figure a Vietnamese report text states (see docs/extract.md).",
    )
    p.add_argument("file", metavar="FILE", help="the report as UTF-8 text ('-' for standard input)")
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("--source", default="TODO", help="source id of the report in sources.csv (default: TODO)")
    p.add_argument("--area", default="an_giang_pre2025", help="area of the rows (default: an_giang_pre2025)")
    p.add_argument("--year", type=int, help="year of time phrases that state none ('9 tháng đầu năm', 'quý I')")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output (a new file)")
    p.add_argument("--force", action="store_true", help="let -o replace an existing file (never the input)")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser(
        "add",
        help="append reviewed draft rows to indicators.csv (validates; refuses on any conflict)",
        description="Append the rows of a reviewed draft (agstats extract -o DRAFT.csv, checked, review cells "
        "cleared) to indicators.csv: drops the review column, normalises values, dates and text, refuses on "
        "a duplicate, an unknown source or unit, a row still flagged for review or without evidence, and writes "
        "only if the package still validates (see docs/extract.md). Exit status 1 on refusal, nothing changed.",
    )
    p.add_argument("draft", metavar="DRAFT.csv", help="the reviewed draft rows")
    p.add_argument("--data-dir", help="data package folder (default: the package's data folder)")
    p.add_argument("--dry-run", action="store_true", help="check and validate, but write nothing")
    p.set_defaults(func=_cmd_add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Examples
    --------
    >>> main(["validate"])  # doctest: +ELLIPSIS
    /...: valid (...)
    0
    """
    from .validation import DataValidationError

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except DataValidationError as exc:  # bad data: status 1, as `agstats validate`
        print(f"agstats: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except ValueError as exc:
        print(f"agstats: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `agstats indicators | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
