#!/usr/bin/env python
"""Keep the Vietnamese edition of the notebooks in step with the English one.

The English notebooks (``notebooks/NN_name.ipynb``) hold the code; each has a
Vietnamese twin ``notebooks/vi/NN_name.ipynb`` with the same cells in the same
order. This script copies every code cell (source and tags) from the English
notebook into its twin, sets the twin's parameters cell to ``LANG = "vi"``, and
keeps the twin's Markdown cells (its Vietnamese text). A new twin starts with
the English Markdown, to be translated. It refuses to write when the two no
longer correspond (different number or kinds of cells, a heading of another
level, other glue names), naming the cell. Outputs of a code cell whose source
changed are cleared: execute the twin afterwards
(``python scripts/execute_notebooks.py --inplace notebooks/vi/NN_name.ipynb``).

Usage::

    python scripts/sync_editions.py [--check] (--all | NAME ...)

``--check`` writes nothing and exits 1 when a twin is missing or out of step.
The same rules are tests (``tests/test_editions.py``); see docs/editions.md.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TWINS = NOTEBOOKS / "vi"
PARAMETERS = {"en": 'LANG = "en"', "vi": 'LANG = "vi"'}
GLUE_ROLE = re.compile(r"\{glue(?::[a-z]+)?\}`([^`]+)`")
DIRECTIVE = re.compile(r"^(?:```+|:::+)\{([\w:-]+)\}", re.MULTILINE)


def source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def is_parameters(cell: dict) -> bool:
    return cell["cell_type"] == "code" and "parameters" in tags(cell)


def headings(text: str) -> list[int]:
    """Levels of the Markdown headings of a cell (outside code fences)."""
    levels, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (m := re.match(r"(#{1,6})\s", line)):
            levels.append(len(m.group(1)))
    return levels


def glue_names(text: str) -> list[str]:
    """Glue names a Markdown cell pastes, sorted (format specs dropped)."""
    return sorted(name.split(":")[0].split("::")[-1] for name in GLUE_ROLE.findall(text))


def directives(text: str) -> list[str]:
    return DIRECTIVE.findall(text)


def mismatches(en: dict, vi: dict) -> list[str]:
    """Why *vi* is not a twin of *en* (empty when it is), one message per problem."""
    problems = []
    ec, vc = en["cells"], vi["cells"]
    if len(ec) != len(vc):
        problems.append(f"{len(ec)} cells in English, {len(vc)} in Vietnamese")
    for i, (a, b) in enumerate(zip(ec, vc, strict=False)):
        where = f"cell {i}"
        if a["cell_type"] != b["cell_type"]:
            problems.append(f"{where}: {a['cell_type']} in English, {b['cell_type']} in Vietnamese")
            continue
        if a["cell_type"] == "markdown":
            sa, sb = source(a), source(b)
            if headings(sa) != headings(sb):
                problems.append(f"{where}: heading levels {headings(sa)} in English, {headings(sb)} in Vietnamese")
            if glue_names(sa) != glue_names(sb):
                problems.append(f"{where}: glue names {glue_names(sa)} in English, {glue_names(sb)} in Vietnamese")
            if directives(sa) != directives(sb):
                problems.append(f"{where}: directives {directives(sa)} in English, {directives(sb)} in Vietnamese")
        elif is_parameters(a):
            if source(a).strip() != PARAMETERS["en"]:
                problems.append(f"{where}: the English parameters cell must be exactly {PARAMETERS['en']}")
            if not is_parameters(b) or source(b).strip() != PARAMETERS["vi"]:
                problems.append(f"{where}: the Vietnamese parameters cell must be exactly {PARAMETERS['vi']}")
        elif source(a) != source(b) or tags(a) != tags(b):
            problems.append(f"{where}: the code differs from the English notebook's (run scripts/sync_editions.py)")
    return problems


def structural(en: dict, vi: dict) -> list[str]:
    """The mismatches a sync cannot repair (everything but code differences)."""
    return [p for p in mismatches(en, vi) if "code differs" not in p]


def new_twin(en: dict) -> dict:
    vi = copy.deepcopy(en)
    for cell in vi["cells"]:
        if is_parameters(cell):
            cell["source"] = PARAMETERS["vi"]
    vi.setdefault("metadata", {})["language"] = "vi"
    return vi


def sync(en: dict, vi: dict) -> tuple[dict, int]:
    """Copy code cells from *en* into *vi*; return the twin and how many cells changed."""
    out = copy.deepcopy(vi)
    changed = 0
    for a, b in zip(en["cells"], out["cells"], strict=True):
        if a["cell_type"] != "code" or is_parameters(a):
            continue
        if source(a) != source(b) or tags(a) != tags(b):
            b["source"] = a["source"]
            b.setdefault("metadata", {})["tags"] = tags(a)
            if not tags(a):
                b["metadata"].pop("tags")
            b["outputs"], b["execution_count"] = [], None
            changed += 1
    out.setdefault("metadata", {})["language"] = "vi"
    return out, changed


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write(path: Path, nb: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebook names, e.g. 02_postal (default with --all: every one)")
    parser.add_argument("--all", action="store_true", help="every English notebook")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when out of step")
    args = parser.parse_args(argv)
    if args.all == bool(args.names):
        parser.error("give notebook names or --all")
    names = [p.stem for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))] if args.all else args.names
    status = 0
    for name in names:
        name = Path(name).stem
        en_path, vi_path = NOTEBOOKS / f"{name}.ipynb", TWINS / f"{name}.ipynb"
        if not en_path.exists():
            print(f"{en_path}: no such English notebook", file=sys.stderr)
            status = 1
            continue
        en = read(en_path)
        if not vi_path.exists():
            if args.check:
                print(f"{vi_path}: missing (create it with scripts/sync_editions.py {name})", file=sys.stderr)
                status = 1
            else:
                write(vi_path, new_twin(en))
                print(f"{vi_path}: created from the English notebook; translate its Markdown, then execute it")
            continue
        vi = read(vi_path)
        problems = structural(en, vi)
        if problems:
            for p in problems:
                print(f"{vi_path}: {p}", file=sys.stderr)
            status = 1
            continue
        synced, changed = sync(en, vi)
        if args.check:
            if changed:
                print(f"{vi_path}: {changed} code cell(s) differ from the English notebook's", file=sys.stderr)
                status = 1
            continue
        if changed:
            write(vi_path, synced)
            print(f"{vi_path}: {changed} code cell(s) copied from English; execute it again")
        else:
            print(f"{vi_path}: in step")
    return status


if __name__ == "__main__":
    sys.exit(main())
