"""Throughput of ``agstats.extract.extract`` on a large synthetic Vietnamese report.

The text is built from the sentences of the fixture reports (``tests/fixtures/extract/*.vi.txt``), shuffled with a
fixed seed and repeated until it reaches ``--size`` megabytes (UTF-8), in paragraphs of a few sentences under
occasional headings, so that every run sees the same text. Each run extracts the whole text once on one core; the
script prints the median, minimum and maximum throughput in MB/s of wall-clock time, and the median in MB per CPU
second (the same on an idle machine; higher when other processes share the core). It writes nothing unless
``--json PATH`` is given.

Examples
--------
.. code-block:: console

    $ .venv/bin/python benchmarks/bench_extract.py
    $ .venv/bin/python benchmarks/bench_extract.py --size 10 --runs 7 --json /tmp/bench.json
    $ .venv/bin/python benchmarks/bench_extract.py --text ../shared/sources/mic-2019-an-giang-ict-report.vi.txt
    $ .venv/bin/python benchmarks/bench_extract.py --linearity

``--linearity`` times ``extract`` on texts of 16, 64 and 256 kB in two shapes that have no sentence to split:
one long sentence (the fixture sentences joined by commas, every ``.``, ``;``, ``!``, ``?``, ``:`` and line break
replaced by a comma) and a text with no sentence breaks at all (every punctuation mark but the separators inside
numbers replaced by a space, as text pasted from a table). The extractor must be linear in the text's length: the
time at 64 kB at most 6 times the time at 16 kB (issue 11). It prints a table and the 64/16 ratio of each shape.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "extract"
_SENTENCE_RE = re.compile(r"[^.;\n]+(?:[.;](?![0-9])|\n|$)")


def fixture_sentences() -> tuple[list[str], list[str]]:
    """The sentences and the heading lines of the fixture reports."""
    sentences: list[str] = []
    headings: list[str] = []
    for path in sorted(FIXTURES.glob("*.vi.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line:
                continue
            if len(line) < 100 and not line.endswith((".", ";", ":")):
                headings.append(line)
                continue
            sentences += [s.strip() for s in _SENTENCE_RE.findall(line) if len(s.strip()) > 3]
    return sentences, headings


def build_text(size_mb: float, seed: int = 2019) -> str:
    """A synthetic report of at least ``size_mb`` MB: shuffled fixture sentences in paragraphs under headings."""
    sentences, headings = fixture_sentences()
    rng = random.Random(seed)
    target = int(size_mb * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < target:
        if rng.random() < 0.15:
            parts.append(rng.choice(headings) + "\n")
        paragraph = " ".join(rng.sample(sentences, k=rng.randint(2, 6))) + "\n"
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8"))
    return "".join(parts)


def repeat_text(path: Path, size_mb: float) -> str:
    """A text file repeated (paragraphs in their order) until it reaches ``size_mb`` MB."""
    text = path.read_text(encoding="utf-8").strip() + "\n"
    n = max(1, -(-int(size_mb * 1_000_000) // len(text.encode("utf-8"))))
    return text * n


_BREAKS_RE = re.compile(r"[;:!?\n]|\.(?![0-9])|(?<![0-9])\.")
_PUNCT_RE = re.compile(r"[;:!?\n()\-]|[.,](?![0-9])|(?<![0-9])[.,]")
LINEARITY_SIZES_KB = (16, 64, 256)
LINEARITY_TARGET = 6.0  # the 64 kB time at most this many times the 16 kB time


def long_sentence(size_kb: int, seed: int = 2019) -> str:
    """One sentence of ``size_kb`` kB: fixture sentences joined by commas, without any sentence break."""
    text = build_text(size_kb / 1000 + 0.05, seed)
    return _BREAKS_RE.sub(",", text).encode("utf-8")[: size_kb * 1000].decode("utf-8", "ignore")


def no_breaks(size_kb: int, seed: int = 2019) -> str:
    """``size_kb`` kB of fixture words and numbers without any punctuation (no sentence or clause breaks)."""
    text = " ".join(_PUNCT_RE.sub(" ", build_text(size_kb / 1000 + 0.05, seed)).split())
    return text.encode("utf-8")[: size_kb * 1000].decode("utf-8", "ignore")


def linearity(runs: int = 3) -> dict:
    """Median extract time (CPU seconds) at 16/64/256 kB for the two shapes, and the 64/16 ratio of each."""
    from agstats.extract import extract

    out: dict = {"sizes_kb": list(LINEARITY_SIZES_KB), "target_ratio_64_16": LINEARITY_TARGET, "shapes": {}}
    for name, make in (("one long sentence", long_sentence), ("no sentence breaks", no_breaks)):
        times = {}
        for kb in LINEARITY_SIZES_KB:
            text = make(kb)
            extract(text[:2000])
            ts = []
            for _ in range(runs):
                c0 = time.process_time()
                extract(text)
                ts.append(time.process_time() - c0)
            times[kb] = statistics.median(ts)
        out["shapes"][name] = {
            "seconds": {str(kb): round(t, 4) for kb, t in times.items()},
            "ratio_64_16": round(times[64] / times[16], 2),
            "ratio_256_64": round(times[256] / times[64], 2),
        }
    return out


def print_linearity(res: dict) -> None:
    print(f"extract linearity (median CPU seconds; target: 64 kB at most {res['target_ratio_64_16']:g}x 16 kB)")
    print(f"{'shape':<20}" + "".join(f"{kb:>9} kB" for kb in res["sizes_kb"]) + "   64/16  256/64  target")
    for name, r in res["shapes"].items():
        ok = "met" if r["ratio_64_16"] <= res["target_ratio_64_16"] else "MISSED"
        print(
            f"{name:<20}"
            + "".join(f"{r['seconds'][str(kb)]:>10.3f}s" for kb in res["sizes_kb"])
            + f"  {r['ratio_64_16']:>6.2f}  {r['ratio_256_64']:>6.2f}  {ok}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, default=5.0, help="text size in MB (default 5)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5, at least 5)")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    parser.add_argument(
        "--text", metavar="PATH", type=Path,
        help="time this text (repeated to --size) instead of the fixture sentences, e.g. a real report",
    )  # fmt: skip
    parser.add_argument(
        "--linearity", action="store_true",
        help="time 16/64/256 kB texts without sentence breaks instead (issue 11: 64 kB at most 6x 16 kB)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.linearity:
        res = linearity()
        print_linearity(res)
        if args.json:
            Path(args.json).write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
        return 0
    if args.runs < 5:
        parser.error("--runs must be at least 5")

    from agstats.extract import extract  # imported here: the import time is not part of the runs

    text = repeat_text(args.text, args.size) if args.text else build_text(args.size)
    mb = len(text.encode("utf-8")) / 1_000_000
    extract(text[:20_000])  # warm up the regular expression caches
    times = []
    cpu_times = []
    figures = 0
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        x = extract(text)
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
        figures = len(x.figures)
    rates = sorted(mb / t for t in times)
    cpu_rate = mb / statistics.median(cpu_times)
    result = {
        "benchmark": "agstats.extract.extract",
        "text": str(args.text) if args.text else "fixture sentences (tests/fixtures/extract), shuffled",
        "text_mb": round(mb, 3),
        "figures": figures,
        "runs": args.runs,
        "seconds": [round(t, 4) for t in times],
        "mb_per_s_median": round(statistics.median(rates), 3),
        "mb_per_s_min": round(rates[0], 3),
        "mb_per_s_max": round(rates[-1], 3),
        "mb_per_cpu_s_median": round(cpu_rate, 3),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(
        f"extract: {mb:.2f} MB ({result['text']}), {figures} figures, {args.runs} runs: median {result['mb_per_s_median']:.2f} MB/s "
        f"(min {result['mb_per_s_min']:.2f}, max {result['mb_per_s_max']:.2f}); "
        f"median {statistics.median(times):.2f} s per run; {cpu_rate:.2f} MB per CPU second"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
