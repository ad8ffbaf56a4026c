#!/usr/bin/env python
"""Benchmarks: how fast the package, the notebooks, the tests and the site are.

Every figure is the median of ``--runs`` runs (at least 5) with min and max;
each ratio compares two things measured side by side in the same run
(interleaved, so machine noise hits both alike). Prints a table and writes
``benchmarks/results.json``. Targets are printed next to the figures; nothing
here fails on a missed target (the test suite has no timed assertions).

Usage::

    python benchmarks/run.py [--runs N] [--only NAME ...] [--json PATH]

Names: import, load, notebooks, nbval, site, extract, make_test.

``make_test`` is separate from the rest: a whole ``make test`` (about a minute) is too slow
for a median of five, so it is timed once by default (``--test-runs 3`` gives min/median/max
of three). It is the *warm* time: ``make venv`` runs first, untimed, so no install is
counted, then the tests that fill the test cache (the real site's build and its PDFs,
content-addressed: README, "How the tests stay fast"), untimed; the test run reuses the
venv, the compiled bytecode, matplotlib's font cache and those two build artifacts (every
test and check still runs). (The cold time, right after ``make venv`` on a fresh clone, is stated in the README's
performance notes, not measured here.)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
#: Makes ``import rfc3987_syntax`` fail fast, as if the optional package were absent.
NO_RFC = "import sys; sys.modules['rfc3987_syntax'] = None\n"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def stats(samples: list[float]) -> dict[str, float]:
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "n": len(samples)}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run_quiet(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def interleave(runs: int, **fns: Callable[[], object]) -> dict[str, dict[str, float]]:
    """Time several callables alternately, ``runs`` times each."""
    samples: dict[str, list[float]] = {k: [] for k in fns}
    for i in range(runs):
        for name, fn in fns.items():
            samples[name].append(timed(fn))
        log(f"    run {i + 1}/{runs}: " + ", ".join(f"{k} {v[-1]:.3f}s" for k, v in samples.items()))
    return {k: stats(v) for k, v in samples.items()}


# --------------------------------------------------------------------------- benchmarks


def bench_import(runs: int) -> dict:
    log("cold import agstats vs pandas (fresh subprocesses)")
    res = interleave(
        runs,
        pandas=lambda: run_quiet([PY, "-c", "import pandas"], cwd=tempfile.gettempdir()),
        agstats=lambda: run_quiet([PY, "-c", "import agstats"], cwd=tempfile.gettempdir()),
        python=lambda: run_quiet([PY, "-c", "pass"], cwd=tempfile.gettempdir()),
    )
    res["ratio_agstats_to_pandas"] = res["agstats"]["median"] / res["pandas"]["median"]
    res["target_ratio"] = 1.15
    leaked = subprocess.run(
        [PY, "-c", "import sys, agstats; print(sorted(m for m in ('matplotlib', 'seaborn') if m in sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),
    ).stdout.strip()
    res["plotting_libs_loaded_by_import"] = leaked
    return res


LOAD_CODE = """
import time, json, timeit
import agstats
t0 = time.perf_counter(); agstats.load_indicators(); first = time.perf_counter() - t0
n = 200
cached = timeit.timeit(agstats.load_indicators, number=n) / n
print(json.dumps({"first": first, "cached": cached}))
"""


def bench_load(runs: int) -> dict:
    log("load_indicators(): first call (read + validate) and cached call")
    firsts, cached = [], []
    for i in range(runs):
        out = subprocess.run(
            [PY, "-c", LOAD_CODE], capture_output=True, text=True, check=True, cwd=tempfile.gettempdir()
        )
        d = json.loads(out.stdout)
        firsts.append(d["first"])
        cached.append(d["cached"])
        log(f"    run {i + 1}/{runs}: first {d['first'] * 1e3:.1f} ms, cached {d['cached'] * 1e3:.3f} ms")
    return {"first": stats(firsts), "cached": stats(cached), "target_first_s": 0.050, "target_cached_s": 0.001}


def _execute(path: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}, record_timing=False
    ).execute()


def _empty_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("pass")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "empty.ipynb"
    nbformat.write(nb, path)
    return path


def bench_notebooks(runs: int) -> dict:
    log("per-notebook execution (nbclient, in-process) vs an empty notebook (the floor)")
    out: dict = {"target_above_floor_s": 2.0}
    with tempfile.TemporaryDirectory() as tmp:
        floor_nb = _empty_notebook(Path(tmp))
        fns = {"floor": lambda: _execute(floor_nb)}
        for path in NOTEBOOKS:
            fns[path.stem] = lambda p=path: _execute(p)
        res = interleave(runs, **fns)
    floor = res.pop("floor")
    out["floor"] = floor
    out["notebooks"] = {name: {**s, "above_floor": s["median"] - floor["median"]} for name, s in res.items()}
    return out


def _nbval(extra_env: dict[str, str] | None = None, preamble: str = "") -> None:
    code = preamble + (
        "import sys, pytest\n"
        "sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', '-o', 'addopts=', '--nbval', "
        "'--nbval-current-env', '--nbval-sanitize-with', 'tests/nbval_sanitize.cfg', *sys.argv[1:]]))\n"
    )
    env = {**os.environ, **(extra_env or {})}
    run_quiet([PY, "-c", code, *map(str, NOTEBOOKS)], cwd=ROOT, env=env)


def _nbclient_all() -> None:
    code = (
        "import sys; sys.path.insert(0, 'benchmarks'); from run import _execute, NOTEBOOKS\n"
        "for p in NOTEBOOKS: _execute(p)\n"
    )
    run_quiet([PY, "-c", code], cwd=ROOT)


def bench_nbval(runs: int) -> dict:
    log("strict nbval on every notebook vs bare nbclient execution (both in fresh processes)")
    res = interleave(
        runs,
        nbclient=_nbclient_all,
        nbval=_nbval,
        nbval_without_rfc3987=lambda: _nbval(preamble=NO_RFC),
    )
    res["ratio_nbval_to_nbclient"] = res["nbval"]["median"] / res["nbclient"]["median"]
    res["ratio_nbval_without_rfc3987_to_nbclient"] = res["nbval_without_rfc3987"]["median"] / res["nbclient"]["median"]
    res["target_ratio"] = 1.25
    imp = interleave(
        runs,
        nbformat=lambda: run_quiet([PY, "-c", "import nbformat"]),
        nbformat_without_rfc3987=lambda: run_quiet([PY, "-c", NO_RFC + "import nbformat"]),
    )
    res["import_nbformat"] = imp
    return res


def bench_site(runs: int) -> dict:
    log("site build from executed notebooks (Jupyter Book 1)")
    script = ROOT / "scripts" / "build_site.py"
    with tempfile.TemporaryDirectory() as tmp:
        build = Path(tmp) / "_build"
        log("    executing the notebooks once into a scratch build folder")
        run_quiet([PY, str(script), "--build-dir", str(build)], cwd=ROOT)
        cmd = [PY, str(script), "--build-dir", str(build), "--reuse-executed"]
        res = interleave(runs, site=lambda: run_quiet(cmd, cwd=ROOT))
        res["pages"] = len([p for p in (build / "html").rglob("*.html") if "_static" not in p.parts])  # both editions
    res["target_s"] = 20.0
    return res


def bench_extract(runs: int) -> dict:
    log("extractor throughput on a large synthetic Vietnamese text")
    script = ROOT / "benchmarks" / "bench_extract.py"
    if not script.exists():
        return {"skipped": "the extractor benchmark does not exist yet"}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "extract.json"
        run_quiet([PY, str(script), "--runs", str(runs), "--json", str(path)], cwd=ROOT)
        res = json.loads(path.read_text())
    res["target_mb_per_s"] = 1.0
    # --- extract linearity (issue 11; owned by parse): 16/64/256 kB without sentence breaks
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "linearity.json"
        run_quiet([PY, str(script), "--linearity", "--json", str(path)], cwd=ROOT)
        res["linearity"] = json.loads(path.read_text())
    return res


#: Untimed before the timed runs: fills the test cache (tests/sitetools.py: the real site's build
#: and its PDFs, content-addressed), or finds it filled for the checkout as it is.
WARM_UP = ["tests/test_site.py::test_build_makes_both_editions_and_the_root_page", "tests/test_site_pdf.py"]


def bench_make_test(runs: int, test_runs: int = 1) -> dict:
    log(f"warm `make test` (after `make venv` and a warm-up of the test cache), {test_runs} run(s)")
    run_quiet(["make", "-s", "venv"], cwd=ROOT)
    run_quiet([PY, "-m", "pytest", "-q", *WARM_UP], cwd=ROOT)
    load = os.getloadavg()[0]  # other work on the machine slows the run: shown with the figure
    samples = []
    for i in range(test_runs):
        samples.append(timed(lambda: run_quiet(["make", "-s", "test"], cwd=ROOT)))
        log(f"    run {i + 1}/{test_runs}: {samples[-1]:.1f} s")
    return {"make_test": stats(samples), "target_s": 60.0, "load_average": load}


BENCHES = {
    "import": bench_import,
    "load": bench_load,
    "notebooks": bench_notebooks,
    "nbval": bench_nbval,
    "site": bench_site,
    "extract": bench_extract,
    "make_test": bench_make_test,
}


# --------------------------------------------------------------------------- report


def ms(x: float) -> str:
    return f"{x * 1e3:.1f} ms" if x < 1 else f"{x:.2f} s"


def rng(s: dict) -> str:
    return f"{ms(s['median'])} (min {ms(s['min'])}, max {ms(s['max'])}, n={s['n']})"


def table(results: dict) -> str:
    rows: list[tuple[str, str, str]] = []
    if "import" in results:
        r = results["import"]
        rows += [
            ("cold `import pandas`", rng(r["pandas"]), ""),
            ("cold `import agstats`", rng(r["agstats"]), ""),
            (
                "  ratio agstats / pandas",
                f"{r['ratio_agstats_to_pandas']:.3f}",
                f"≤ {r['target_ratio']} {'met' if r['ratio_agstats_to_pandas'] <= r['target_ratio'] else 'MISSED'}",
            ),
        ]
    if "load" in results:
        r = results["load"]
        rows += [
            (
                "first `load_indicators()`",
                rng(r["first"]),
                f"≤ 50 ms {'met' if r['first']['median'] <= r['target_first_s'] else 'MISSED'}",
            ),
            (
                "cached `load_indicators()`",
                rng(r["cached"]),
                f"≤ 1 ms {'met' if r['cached']['median'] <= r['target_cached_s'] else 'MISSED'}",
            ),
        ]
    if "notebooks" in results:
        r = results["notebooks"]
        rows.append(("empty notebook (floor)", rng(r["floor"]), ""))
        for name, s in r["notebooks"].items():
            rows.append(
                (
                    f"  {name}",
                    rng(s),
                    f"+{s['above_floor']:.2f} s above floor "
                    f"{'met' if s['above_floor'] <= r['target_above_floor_s'] else 'MISSED'}",
                )
            )
    if "nbval" in results:
        r = results["nbval"]
        rows += [
            ("nbclient, all notebooks", rng(r["nbclient"]), ""),
            (
                "strict nbval, all notebooks",
                rng(r["nbval"]),
                f"ratio {r['ratio_nbval_to_nbclient']:.3f} (≤ {r['target_ratio']} "
                f"{'met' if r['ratio_nbval_to_nbclient'] <= r['target_ratio'] else 'MISSED'})",
            ),
            (
                "  same, rfc3987-syntax blocked",
                rng(r["nbval_without_rfc3987"]),
                f"ratio {r['ratio_nbval_without_rfc3987_to_nbclient']:.3f}",
            ),
            ("`import nbformat`", rng(r["import_nbformat"]["nbformat"]), ""),
            ("  same, rfc3987-syntax blocked", rng(r["import_nbformat"]["nbformat_without_rfc3987"]), ""),
        ]
    if "site" in results:
        r = results["site"]
        if "skipped" in r:
            rows.append(("site build", "skipped", r["skipped"]))
        else:
            rows.append(
                (
                    f"site build ({r['pages']} HTML pages, executed notebooks)",
                    rng(r["site"]),
                    f"≤ 20 s {'met' if r['site']['median'] <= r['target_s'] else 'MISSED'}",
                )
            )
    if "extract" in results:
        r = results["extract"]
        if "skipped" in r:
            rows.append(("extractor throughput", "skipped", r["skipped"]))
        else:
            med = r["mb_per_s_median"]
            rows.append(
                (
                    f"extractor throughput ({r['text_mb']:.1f} MB, {r['figures']} figures)",
                    f"{med:.2f} MB/s (min {r['mb_per_s_min']:.2f}, max {r['mb_per_s_max']:.2f}, n={r['runs']})",
                    f"≥ 1 MB/s {'met' if med >= r['target_mb_per_s'] else 'MISSED'}",
                )
            )
            lin = r.get("linearity", {})  # --- extract linearity (parse)
            for shape, v in lin.get("shapes", {}).items():
                secs = ", ".join(f"{kb} kB {v['seconds'][str(kb)]:.3f} s" for kb in lin["sizes_kb"])
                ok = "met" if v["ratio_64_16"] <= lin["target_ratio_64_16"] else "MISSED"
                rows.append((f"extract linearity, {shape}", f"{secs}; 64/16 = {v['ratio_64_16']:.2f}", f"≤ 6x {ok}"))
    if "make_test" in results:
        r = results["make_test"]
        s = r["make_test"]
        shown = f"{s['median']:.1f} s" if s["n"] == 1 else f"{rng(s)}"
        rows.append(
            (
                f"warm `make test` (load average {r['load_average']:.1f} before)",
                shown,
                f"≤ 60 s {'met' if s['median'] <= r['target_s'] else 'MISSED'}",
            )
        )
    w1 = max(len(r[0]) for r in rows)
    w2 = max(len(r[1]) for r in rows)
    return "\n".join(f"{a:<{w1}}  {b:<{w2}}  {c}" for a, b, c in rows)


def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="agstats benchmarks")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (at least 5 for reported figures)")
    parser.add_argument("--only", nargs="*", choices=list(BENCHES), help="run only these benchmarks")
    parser.add_argument("--test-runs", type=int, default=1, help="timed runs of the whole `make test` (default 1)")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--show", action="store_true", help="print the table of the results in --json and exit")
    args = parser.parse_args(argv)
    if args.show:
        report = json.loads(args.json.read_text())
        print(
            f"agstats benchmarks — {report['date']} — {report['machine'].get('cpu', '?')}, "
            f"{report['machine']['cpus']} CPUs, Python {report['machine']['python']}, {report['runs']} runs each"
        )
        print(table(report["results"]))
        return 0
    if args.runs < 5:
        parser.error("--runs must be at least 5: every reported figure is a median of at least 5 runs")
    names = args.only or list(BENCHES)
    started = time.strftime("%Y-%m-%dT%H:%M:%S")
    results: dict = {}
    for name in names:
        bench = BENCHES[name]
        results[name] = bench(args.runs, args.test_runs) if name == "make_test" else bench(args.runs)
    report = {"date": started, "machine": machine(), "runs": args.runs, "results": results}
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(
        f"agstats benchmarks — {started} — {report['machine'].get('cpu', '?')}, {report['machine']['cpus']} CPUs, "
        f"Python {report['machine']['python']}"
    )
    print(table(results))
    print(f"\nwritten to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
