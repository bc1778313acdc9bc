"""How the build scales: time and memory by corpus size, incremental additions, a cached restart.

usage: python -m benchmarks.scale [--sizes 2000,10000] [--add 10,1000] [--workdir /tmp/fpl-scale] [--no-restart]

Corpora are news-like texts made from BBC sentences by ``../shared/benchmarks/make_scaled_corpus.py``
(20 sources, dates 2000-2025). Each build runs in its own process, as a user runs it
(``python -m analysis build --full``), so the figures include start-up and imports. Wall time, CPU
time (user + system of the build and its workers) and the peak memory of the whole process tree
(the main process plus worker processes, sampled every 0.2 s from /proc) are recorded with the
machine's load average: these machines are shared, so compare CPU seconds and ratios more than
wall seconds. Results go to the ``scale`` section of docs/benchmarks.md; never a timed test.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks.report import machine, write_section

ROOT = Path(__file__).resolve().parent.parent
# ../shared/benchmarks/ beside the main checkout (a worktree sits one level deeper).
MAKER = next(
    (
        path
        for base in (ROOT.parent, ROOT.parent.parent)
        if (path := base / "shared" / "benchmarks" / "make_scaled_corpus.py").exists()
    ),
    ROOT.parent / "shared" / "benchmarks" / "make_scaled_corpus.py",
)
STAGES = ("load", "structure", "annotate", "parse", "stance", "timeline", "topics", "write")


def corpus(workdir: Path, n: int, seed: int = 0, prefix: str = "syn") -> Path:
    """A scaled corpus of ``n`` documents (made once per work folder)."""
    path = workdir / f"{prefix}{n}-s{seed}.csv"
    if not path.exists():
        args = [sys.executable, str(MAKER), str(n), str(path), "--prefix", prefix]
        if seed:
            args += ["--seed", str(seed)]
        subprocess.run(args, check=True, capture_output=True)
    return path


def grown(workdir: Path, base: Path, extra: int) -> Path:
    """``base`` plus ``extra`` new documents (another seed and prefix, texts not already in it)."""
    import csv

    csv.field_size_limit(sys.maxsize)
    path = workdir / f"{base.stem}+{extra}.csv"
    if path.exists():
        return path
    with open(base, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = {r["text"] for r in rows}
    with open(corpus(workdir, extra + 20, seed=97, prefix="add"), encoding="utf-8", newline="") as handle:
        new = [r for r in csv.DictReader(handle) if r["text"] not in texts][:extra]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows + new)
    return path


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and all its descendants."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(parents.get(p, []))
        try:
            with open(f"/proc/{p}/status", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def run(args: list[str], cwd: Path = ROOT) -> dict:
    """Run a command; its wall and CPU seconds, the peak memory of its process tree, the load average."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{err[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_mb": peak[0] / 2**20, "load": load, "stdout": out}


def build(corpus_path: Path, out: Path, full: bool = True) -> dict:
    args = [sys.executable, "-m", "analysis", "build", "--corpus", str(corpus_path), "--out", str(out)]
    args += ["--max-mb", "500"] + (["--full"] if full else [])
    result = run(args)
    info = json.loads((out / "build.json").read_text(encoding="utf-8"))
    result.update(
        seconds=info["seconds"],
        counts=info["counts"],
        incremental=info.get("incremental"),
        topics_update=info.get("topics", {}).get("update"),
        bundle_mb=sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20,  # part folders too
    )
    result.pop("stdout")
    return result


def restart(corpus_path: Path) -> dict:
    """The dashboard started afresh on a corpus whose bundle is in the cache: time until the Overview
    has run once (AppTest, in a new process, imports included), and the bundle's own load time."""
    script = (
        "import time; t0 = time.perf_counter()\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({str(ROOT / 'app.py')!r}, default_timeout=600)\n"
        f"at.session_state['corpus_path'] = {str(corpus_path)!r}\n"
        "at.run(); assert not at.exception, [e.value for e in at.exception]\n"
        "print(round(time.perf_counter() - t0, 3))\n"
    )
    warm = run([sys.executable, "-c", script])  # builds into build/cache when absent
    again = run([sys.executable, "-c", script])
    load = run(
        [
            sys.executable,
            "-c",
            "import time; from analysis.bundle import cached_build, load_bundle; "
            "from dashboard.data import CACHE_ROOT, max_upload_bytes; "
            f"f = cached_build({str(corpus_path)!r}, CACHE_ROOT, max_bytes=max_upload_bytes()); "
            "t = time.perf_counter(); load_bundle(f); print(round(time.perf_counter() - t, 3))",
        ]
    )
    return {
        "first_start_wall": warm["wall"],
        "restart_wall": again["wall"],
        "restart_overview_s": float(again["stdout"].split()[-1]),
        "restart_peak_mb": again["peak_mb"],
        "load_bundle_s": float(load["stdout"].split()[-1]),
        "load": again["load"],
    }


def exponent(sizes: list[int], values: list[float]) -> float | None:
    """Growth exponent b of value ~ size^b between the smallest and largest size."""
    pairs = [(n, v) for n, v in zip(sizes, values, strict=True) if v and v > 0]
    if len(pairs) < 2 or pairs[0][0] == pairs[-1][0]:
        return None
    (n0, v0), (n1, v1) = pairs[0], pairs[-1]
    return math.log(v1 / v0) / math.log(n1 / n0)


def report(results: dict) -> list[str]:
    sizes = sorted(int(n) for n in results["builds"])
    rows = [results["builds"][str(n)] for n in sizes]
    lines = [
        "## Scale: build time and memory by corpus size",
        "",
        f"One run on {machine()}, shared with other sessions (the load average at the start of each run is",
        "given: wall seconds stretch with it, CPU seconds much less). `python -m benchmarks.scale`; corpora from",
        "`../shared/benchmarks/make_scaled_corpus.py` (BBC sentences, 20 sources, 2000-2025). Full builds",
        "(`--full`, Parquet bundle, two worker processes past 1,000 documents); peak memory is the whole",
        "process tree (main process and workers).",
        "",
        "| documents | wall s | CPU s | load avg | peak MB | bundle MB | sentences | "
        + " | ".join(f"{s} s" for s in STAGES)
        + " |",
        "|---" * (7 + len(STAGES)) + "|",
    ]
    for n, r in zip(sizes, rows, strict=True):
        stage = [f"{r['seconds'].get(s, 0):.1f}" for s in STAGES]
        lines.append(
            f"| {n:,} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['load']:.1f} | {r['peak_mb']:.0f} | "
            f"{r['bundle_mb']:.1f} | {r['counts']['sentences']:,} | " + " | ".join(stage) + " |"
        )
    if len(sizes) > 1:
        growth = {"wall": exponent(sizes, [r["wall"] for r in rows]), "CPU": exponent(sizes, [r["cpu"] for r in rows])}
        growth.update({s: exponent(sizes, [r["seconds"].get(s, 0) for r in rows]) for s in STAGES if s != "load"})
        shown = ", ".join(f"{k} {v:.2f}" for k, v in growth.items() if v is not None)
        lines += [
            "",
            f"Growth exponents b (time ~ documents^b, {sizes[0]:,} to {sizes[-1]:,}): {shown}. The per-document",
            "stage times are summed over the two worker processes (they overlap in wall time).",
        ]
    if results.get("incremental"):
        lines += [
            "",
            "### Adding documents to a built corpus",
            "",
            "`build --out DIR` over the bundle of the base corpus: unchanged documents are read back, the new",
            "ones analysed, the corpus-level stages (topics weighed against the kept model, stance aggregates,",
            "event groups) run on the whole.",
            "",
            "| base | added | wall s | CPU s | load avg | peak MB | analysed | reused | topics |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for key, r in results["incremental"].items():
            base, added = key.split("+")
            inc = r.get("incremental") or {}
            mode = (r.get("topics_update") or {}).get("mode", "fitted again")
            lines.append(
                f"| {int(base):,} | {int(added):,} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['load']:.1f} | "
                f"{r['peak_mb']:.0f} | {inc.get('analysed', '')} | {inc.get('reused', '')} | {mode} |"
            )
    if results.get("restart"):
        r = results["restart"]
        lines += [
            "",
            "### Dashboard restart on a cached bundle",
            "",
            f"Corpus of {results['restart_documents']:,} documents. A new process running the app (AppTest,",
            "imports included) until the Overview has run once: first start (the bundle built into",
            f"`build/cache`) {r['first_start_wall']:.1f} s; restart on the cached bundle "
            f"{r['restart_overview_s']:.1f} s ({r['restart_wall']:.1f} s with interpreter start-up, peak "
            f"{r['restart_peak_mb']:.0f} MB, load",
            f"{r['load']:.1f}); reading and checking the bundle alone: {r['load_bundle_s']:.2f} s.",
        ]
    lines += ["", "Raw figures:", "", "```json", json.dumps(results, indent=1, sort_keys=True), "```"]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__)
    parser.add_argument("--sizes", default="2000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--add", default="10,1000", help="documents added to the 10,000 (or largest) corpus")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/fpl-scale"))
    parser.add_argument("--no-restart", action="store_true", help="skip the dashboard restart measurement")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    results: dict = {"builds": {}, "incremental": {}}
    for n in sizes:
        path = corpus(args.workdir, n)
        out = args.workdir / f"bundle{n}"
        print(f"building {n:,} documents …", file=sys.stderr)
        results["builds"][str(n)] = build(path, out)
        print(f"  {results['builds'][str(n)]['wall']:.1f} s", file=sys.stderr)
    base_n = 10_000 if 10_000 in sizes else max(sizes)
    for extra in [int(s) for s in args.add.split(",") if s]:
        base = corpus(args.workdir, base_n)
        out = args.workdir / f"inc{base_n}+{extra}"
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(args.workdir / f"bundle{base_n}", out)
        print(f"adding {extra:,} documents to {base_n:,} …", file=sys.stderr)
        results["incremental"][f"{base_n}+{extra}"] = build(grown(args.workdir, base, extra), out, full=False)
    if not args.no_restart:
        print(f"dashboard restart on {base_n:,} documents …", file=sys.stderr)
        results["restart"] = restart(corpus(args.workdir, base_n))
        results["restart_documents"] = base_n
    write_section(args.out, "scale", report(results))
    print(f"wrote the scale section of {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
