"""Command line: ``python -m analysis build --corpus DIR_OR_FILE --out DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.bundle import build_bundle, cached_build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="analyse a corpus and write the bundle of tables")
    build.add_argument("--corpus", required=True, type=Path, help="folder of documents, or one table file")
    build.add_argument(
        "--topics",
        type=int,
        default=None,
        metavar="K",
        help="number of topics (default: chosen automatically by coherence and stability)",
    )
    build.add_argument("--max-mb", type=float, default=50.0, help="skip (and report) files larger than this")
    target = build.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help="write the bundle into this folder")
    target.add_argument("--cache", type=Path, help="write into CACHE/<content key>, skipping work already done")
    args = parser.parse_args(argv)

    if not args.corpus.exists():
        print(f"error: {args.corpus}: no such file or folder", file=sys.stderr)
        return 2

    def progress(stage: str, fraction: float) -> None:
        print(f"  [{fraction:4.0%}] {stage}", file=sys.stderr)

    if args.cache:
        folder = cached_build(
            args.corpus, args.cache, progress=progress, topics_k=args.topics, max_bytes=int(args.max_mb * 1e6)
        )
        print(folder)
        return 0
    bundle = build_bundle(
        args.corpus, args.out, progress=progress, topics_k=args.topics, max_bytes=int(args.max_mb * 1e6)
    )
    counts = ", ".join(f"{v} {k}" for k, v in bundle.info["counts"].items())
    print(f"wrote {args.out}: {counts}")
    for problem in bundle.problems.itertuples(index=False):
        print(f"  {problem.level}: {problem.file}: {problem.message}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
