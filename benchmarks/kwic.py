"""Search and keywords in context on BBC News: is it fast enough to type into? Run on demand.

    .venv/bin/python -m benchmarks.kwic [--csv PATH] [--out docs/benchmarks.md] [--repeat 7]

The analysis of BBC News (2,225 articles, read from ../shared and never copied) is built
or read from build/cache. Measured: the index, built once per bundle; then, for queries of
every kind (a rare and a common word, the commonest word, a phrase, a word beginning, an
actor, several terms, every term in one passage, a filtered view), what the Search page
computes for one query: parsing, finding, the per-term summary, the KWIC lines shown (up to
5,000, in corpus order and sorted by the right context) and the frequency by year and by
source. The target from issue #14 is 300 ms per query.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from analysis.bundle import ROOT, cached_build, load_bundle
from analysis.filters import Filters, apply_filters
from analysis.search import SearchIndex
from analysis.search_query import parse_query
from benchmarks.report import machine, write_section

CANDIDATES = [base / "shared" / "benchmarks" / "bbc-news" / "bbc-news.csv" for base in (ROOT.parent, ROOT.parents[1])]
BBC = next((p for p in CANDIDATES if p.exists()), CANDIDATES[0])
CACHE = ROOT / "build" / "cache"
SHOWN = 5_000  # the KWIC lines the Search page shows (pages/6_Search.py)
TARGET_MS = 300
QUERIES = [
    ("rare word", "yukos", "corpus", False),
    ("common word", "government", "corpus", False),
    ("commonest word", "the", "corpus", False),
    ("commonest word, sorted by right context", "the", "right", False),
    ("phrase", '"prime minister"', "corpus", False),
    ("word beginning", "econom*", "corpus", False),
    ("actor (mentions, aliases)", "actor:Iran", "corpus", False),
    ("three terms, sorted by left context", "blair brown howard", "left", False),
    ("every term in one passage", "mobile phone*", "corpus", True),
]


def one_query(index: SearchIndex, bundle, view, text: str, sort: str, every: bool) -> tuple[int, int]:
    """Everything the Search page computes for one query; returns (hits, KWIC lines)."""
    query = parse_query(text, bundle.mentions["actor"].unique(), bundle.passage_themes["theme"].unique())
    hits = index.find(query, view, every_term=every)
    index.summary(hits)
    lines = index.kwic(hits, sort=sort, limit=SHOWN)
    index.frequency(hits, "year")
    index.frequency(hits, "source")
    return len(hits), len(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=BBC)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    if not args.csv.exists():
        print(f"error: {args.csv} not found (the BBC corpus lives in ../shared/benchmarks/bbc-news/)", file=sys.stderr)
        return 2
    bundle = load_bundle(cached_build(args.csv, CACHE))
    t0 = time.perf_counter()
    index = SearchIndex(bundle)
    build_s = time.perf_counter() - t0
    full = apply_filters(bundle, Filters())
    themes = bundle.passage_themes["theme"].value_counts()
    theme = str(themes.index[0]) if len(themes) else ""
    filtered = apply_filters(bundle, Filters(themes=(theme,))) if theme else full
    cases = [(label, text, sort, every, full) for label, text, sort, every in QUERIES]
    cases.append((f"common word, theme filter ({theme or 'none'})", "government", "corpus", False, filtered))
    rows = []
    for label, text, sort, every, view in cases:
        one_query(index, bundle, view, text, sort, every)  # warm
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            n_hits, n_lines = one_query(index, bundle, view, text, sort, every)
            times.append((time.perf_counter() - t0) * 1000)
        rows.append((label, text, n_hits, n_lines, statistics.median(times), max(times)))
        print(f"{label:45} {n_hits:>7,} hits {statistics.median(times):7.1f} ms (max {max(times):.1f})")
    worst = max(r[4] for r in rows)
    lines = [
        "## Search and keywords in context on BBC News (issue #14)",
        "",
        f"One run on {machine()}, `python -m benchmarks.kwic`; {len(bundle.documents):,} documents, "
        f"{len(bundle.passages):,} passages, {len(index.folded):,} characters indexed.",
        "",
        f"Index, built once per bundle and cached by the app: **{build_s * 1000:,.0f} ms**. Per query: parse, find "
        f"every hit under the filters, the per-term summary, the KWIC lines shown (up to {SHOWN:,}), the frequency "
        f"by year and by source — everything the Search page computes — median and slowest of {args.repeat} runs "
        "after one warm-up. The page adds Streamlit's drawing of the table and charts on top.",
        "",
        "| query | typed | hits | KWIC lines | median ms | max ms |",
        "|---|---|---|---|---|---|",
        *(
            f"| {label} | `{text}` | {hits:,} | {n:,} | {med:.1f} | {top:.1f} |"
            for label, text, hits, n, med, top in rows
        ),
        "",
        f"Target: ≤ {TARGET_MS} ms per query. Slowest median: **{worst:.1f} ms** "
        f"({'met' if worst <= TARGET_MS else 'NOT met'}). A word is one regular-expression scan of the folded, "
        "lower-cased corpus that starts with a literal (which the engine skips to fast), its word boundary checked "
        "afterwards against a precomputed array; actors come from the mentions table; every hit is mapped to its "
        "passage and sentence by binary search, and tables are made only for the lines shown.",
    ]
    write_section(args.out, "kwic", lines)
    print(f"index {build_s * 1000:.0f} ms; slowest median {worst:.1f} ms; written to {args.out}")
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
