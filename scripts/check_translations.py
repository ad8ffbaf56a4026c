#!/usr/bin/env python
"""List the rows of the data package whose Vietnamese text is missing or still English.

The Vietnamese edition shows ``definition_vi`` / ``notes_vi`` (data/catalogue.csv)
and ``title_vi`` / ``publisher_vi`` (data/sources.csv); a row without them shows
its English text, marked as English. This script prints every such cell — file,
line, id, the column to fill and the English text to translate — and exits 1 when
there is one (``tests/test_translations.py`` fails on the same list). The rules
for when a Vietnamese text is required are in ``agstats/translations.py`` and
docs/editions.md.

Usage::

    python scripts/check_translations.py [--pad] [DATA_DIR]

``--pad`` first appends empty Vietnamese cells to rows that lack exactly the
trailing Vietnamese columns (rows written before the columns existed, e.g. after
merging a branch that added rows), so that the package validates and the rows are
listed; it changes nothing else and names every line it padded.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The trailing Vietnamese columns of each file.
VI_COLUMNS = {"catalogue.csv": ["definition_vi", "notes_vi"], "sources.csv": ["title_vi", "publisher_vi"]}


def pad(folder: Path) -> list[str]:
    """Append empty Vietnamese cells to rows lacking exactly the trailing Vietnamese columns."""
    done = []
    for name, columns in VI_COLUMNS.items():
        path = folder / name
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        header = rows[0]
        if header[-len(columns) :] != columns:
            continue
        changed = False
        for line, row in enumerate(rows[1:], start=2):
            if len(header) - len(columns) <= len(row) < len(header):
                row += [""] * (len(header) - len(row))
                done.append(f"{name}, line {line}: padded with empty {', '.join(header[-len(columns) :])}")
                changed = True
        if changed:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                csv.writer(fh, lineterminator="\n").writerows(rows)
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", default=str(ROOT / "data"), help="data package folder (default data/)")
    parser.add_argument("--pad", action="store_true", help="first add empty Vietnamese cells to short rows")
    args = parser.parse_args(argv)
    folder = Path(args.data_dir)
    if args.pad:
        for line in pad(folder):
            print(line)
    sys.path.insert(0, str(ROOT))
    from agstats.translations import missing_translations
    from agstats.validation import DataValidationError

    try:
        missing = missing_translations(data_dir=folder)
    except DataValidationError as exc:
        print(exc)
        print("the package does not validate; rows written before the Vietnamese columns: run with --pad")
        return 1
    if missing.empty:
        print(f"{folder}: every text has its Vietnamese version")
        return 0
    for r in missing.itertuples(index=False):
        print(f"{r.file}, line {r.line}, {r.id}: {r.column} {r.problem} — English: {r.english}")
    print(f"{len(missing)} cell(s) to translate (see docs/editions.md, 'Data texts in Vietnamese')")
    return 1


if __name__ == "__main__":
    sys.exit(main())
