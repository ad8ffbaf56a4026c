#!/usr/bin/env python
"""Execute the analysis notebooks top to bottom, each in a fresh kernel.

Used by ``make notebooks`` (in place, for maintainers after a data change) and
``make report`` (into a build folder, leaving the committed notebooks alone).
Prints one progress line per notebook with its execution time.

Usage::

    python scripts/execute_notebooks.py [--inplace | --output-dir DIR] [NOTEBOOK ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def execute(path: Path, *, timeout: int = 600) -> nbformat.NotebookNode:
    """Execute one notebook in a fresh kernel, with its folder as working directory."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    )
    client.execute()
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--inplace", action="store_true", help="overwrite the notebooks with their executed versions")
    where.add_argument("--output-dir", type=Path, help="write executed copies here")
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: notebooks/NN_*.ipynb and their twins notebooks/vi/NN_*.ipynb"
    )
    args = parser.parse_args(argv)
    paths = args.notebooks or (
        sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")) + sorted((NOTEBOOKS / "vi").glob("[0-9][0-9]_*.ipynb"))
    )
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    total = time.perf_counter()
    for i, path in enumerate(paths, 1):
        start = time.perf_counter()
        print(f"[{i}/{len(paths)}] {path.name} ...", end=" ", flush=True)
        try:
            nb = execute(path)
        except Exception as exc:  # a cell failed: show which and stop with an error
            print("FAILED")
            print(f"{path}: {exc}", file=sys.stderr)
            return 1
        # an explicit list goes flat into --output-dir (build_site.py passes one edition at a time);
        # the default list of both editions keeps the twins apart in DIR/vi/
        twin = not args.notebooks and path.parent.name == "vi"
        out = path if args.inplace else args.output_dir / ("vi" if twin else "") / path.name
        out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out)
        print(f"{time.perf_counter() - start:.1f} s")
    print(f"executed {len(paths)} notebook(s) in {time.perf_counter() - total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
