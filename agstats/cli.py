"""Command-line interface: a thin shell over the package's functions.

Examples
--------
.. code-block:: console

    $ agstats indicators --sector postal --format csv
    $ agstats sources
    $ agstats validate data/
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main"]

_FORMATS = ("table", "csv", "json")


def _write(df, fmt: str) -> None:  # noqa: ANN001 - a DataFrame
    import pandas as pd

    if fmt == "csv":
        df.to_csv(sys.stdout, index=False, date_format="%Y-%m-%d", lineterminator="\n")
    elif fmt == "json":
        sys.stdout.write(df.to_json(orient="records", date_format="iso", force_ascii=False, indent=1) + "\n")
    else:
        with pd.option_context(
            "display.max_rows", None, "display.max_columns", None, "display.width", 200, "display.max_colwidth", 40
        ):
            sys.stdout.write(df.to_string(index=False) + "\n")


def _cmd_indicators(args: argparse.Namespace) -> int:
    from .io import load_indicators

    df = load_indicators(args.sector, area=args.area)
    if args.format == "table":
        df = df[["indicator", "sector", "value", "unit", "period_start", "period_end", "qualifier", "source"]]
        df = df.assign(
            period_start=df.period_start.dt.strftime("%Y-%m-%d"), period_end=df.period_end.dt.strftime("%Y-%m-%d")
        )
    _write(df, args.format)
    return 0


def _cmd_sources(args: argparse.Namespace) -> int:
    from .io import load_sources

    df = load_sources()
    if args.format == "table":
        df = df[["id", "publisher", "published", "tier", "url"]]
    _write(df, args.format)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .io import data_dir
    from .validation import validate_package

    folder = Path(args.data_dir) if args.data_dir else data_dir()
    tables, problems = validate_package(folder)
    if problems:
        print(f"{folder}: {len(problems)} problem(s)", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {len(rows)}" for name, rows in sorted(tables.items()))
    print(f"{folder}: valid ({counts} rows)")
    return 0


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
    parser = argparse.ArgumentParser(
        prog="agstats",
        description="Sourced indicators of An Giang's ICT sector (2019 MIC report).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("indicators", help="print the indicator table")
    p.add_argument("--sector", action="append", help="keep only this sector (repeatable)")
    p.add_argument("--area", help="keep only this area (e.g. an_giang_pre2025)")
    p.add_argument("--format", choices=_FORMATS, default="table")
    p.set_defaults(func=_cmd_indicators)

    p = sub.add_parser("sources", help="print the cited documents")
    p.add_argument("--format", choices=_FORMATS, default="table")
    p.set_defaults(func=_cmd_sources)

    p = sub.add_parser("validate", help="validate a data package folder (exit 1 listing every problem)")
    p.add_argument("data_dir", nargs="?", help="folder with datapackage.json (default: the shipped data)")
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
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ValueError as exc:
        print(f"agstats: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `agstats indicators | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
