"""Command line.

python -m analysis build --corpus DIR_OR_FILE (--out DIR | --cache DIR) [--source-column COLUMN …]
python -m analysis check --bundle DIR
python -m analysis brief --corpus DIR_OR_FILE --out brief.pdf|brief.html [--source S …] [--theme T …]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.bundle import TABLES, build_bundle, bundle_problems, cached_build, load_bundle
from analysis.charts import BRIEFING_VIEWS
from analysis.columns import ColumnError
from analysis.columns import add_arguments as add_column_arguments
from analysis.columns import from_arguments as columns_from_arguments
from analysis.store import BundleError, WriteError, disk_message, read_info


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
    add_column_arguments(build)
    build.add_argument(
        "--max-mb",
        type=float,
        default=50.0,
        help="skip (and report) files larger than this; in a table, rows (documents) with more text",
    )
    build.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="processes reading the documents (default: 2 on corpora over 1,000 documents, else 1)",
    )
    build.add_argument(
        "--format",
        choices=("parquet", "csv"),
        default="parquet",
        help="how the tables are stored: Parquet (default) or CSV; the same tables either way",
    )
    build.add_argument(
        "--part-rows",
        type=int,
        default=None,
        metavar="N",
        help="a Parquet table of more rows is written as a folder of part files of N rows at most "
        "(default 250,000; docs/data.md)",
    )
    build.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run the per-document stages on a Dask cluster: a scheduler's address (tcp://HOST:8786) or "
        "'local' for a two-worker LocalCluster on this machine (docs/scale.md)",
    )
    build.add_argument(
        "--full",
        action="store_true",
        help="analyse every document again, even those a bundle already in --out holds unchanged",
    )
    target = build.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help="write the bundle into this folder")
    target.add_argument("--cache", type=Path, help="write into CACHE/<content key>, skipping work already done")
    check = sub.add_parser("check", help="check that a bundle is whole (every table present and unaltered)")
    check.add_argument("--bundle", required=True, type=Path, help="a folder written by build --out")
    brief = sub.add_parser("brief", help="write a briefing (PDF or self-contained HTML) of a corpus")
    brief.add_argument("--corpus", required=True, type=Path, help="folder of documents, or one table file")
    brief.add_argument("--out", required=True, type=Path, help="brief.pdf or brief.html")
    brief.add_argument("--source", action="append", default=[], help="keep only this source (repeatable)")
    brief.add_argument("--theme", action="append", default=[], help="keep only passages with this theme (repeatable)")
    brief.add_argument("--actor", action="append", default=[], help="keep only passages naming this actor")
    brief.add_argument(
        "--views",
        default=",".join(BRIEFING_VIEWS),
        help=f"comma-separated, in order, from: {', '.join(BRIEFING_VIEWS)} (default: all)",
    )
    brief.add_argument("--quote", action="append", default=None, help="a quote id to include (default: a spread)")
    brief.add_argument("--title", default="", help="title of the briefing")
    brief.add_argument("--cache", type=Path, default=Path("build/cache"), help="where analyses are cached")
    brief.add_argument("--max-mb", type=float, default=50.0, help="skip (and report) files larger than this")
    add_column_arguments(brief)
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.bundle)
    try:
        args.column_map = columns_from_arguments(args)
    except ColumnError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return _run(args)
    except WriteError as exc:  # a full or read-only disk, or --out pointing at a folder of other files
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BundleError as exc:
        print(f"error: the bundle in {exc.folder} is damaged:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1


def _check(folder: Path) -> int:
    """Exit 0 when every table listed in build.json is present with its hash and rows; else name them."""
    if not folder.is_dir():
        print(f"error: {folder}: no such folder", file=sys.stderr)
        return 2
    problems = bundle_problems(folder)
    if problems:
        print(f"error: the bundle in {folder} is damaged; rebuild it with `python -m analysis build`:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"{folder}: whole ({len(TABLES)} tables match build.json)")
    return 0


def _damaged(folder: Path, problems: list[str]) -> None:
    print(f"warning: cached bundle {folder} is damaged ({'; '.join(problems)}); rebuilding it", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    if not args.corpus.exists():
        print(f"error: {args.corpus}: no such file or folder", file=sys.stderr)
        return 2

    def progress(stage: str, fraction: float) -> None:
        print(f"  [{fraction:4.0%}] {stage}", file=sys.stderr)

    if args.command == "brief":
        return _brief(args, progress)
    if args.cache:
        folder = cached_build(
            args.corpus,
            args.cache,
            progress=progress,
            topics_k=args.topics,
            max_bytes=int(args.max_mb * 1e6),
            on_damage=_damaged,
            columns=args.column_map,
            workers=args.workers,
            fmt=args.format,
        )
        print(folder)
        if read_info(folder).get("counts", {}).get("documents"):
            return 0
        return _nothing_kept(args.corpus, load_bundle(folder))  # an empty bundle reads in no time
    bundle = build_bundle(
        args.corpus,
        args.out,
        progress=progress,
        topics_k=args.topics,
        max_bytes=int(args.max_mb * 1e6),
        columns=args.column_map,
        workers=args.workers,
        fmt=args.format,
        incremental=not args.full,
        scheduler=args.scheduler,
        part_rows=args.part_rows,
    )
    counts = ", ".join(f"{v} {k}" for k, v in bundle.info["counts"].items())
    print(f"wrote {args.out}: {counts}")
    for problem in bundle.problems.itertuples(index=False):
        print(f"  {problem.level}: {problem.file}: {problem.message}", file=sys.stderr)
    return _nothing_kept(args.corpus, bundle)


def _nothing_kept(corpus: Path, bundle) -> int:
    """A bundle without a single document is no analysis: exit 1 and say why (the problems above)."""
    if len(bundle.documents):
        return 0
    errors = bundle.problems[bundle.problems["level"] == "error"]
    reasons = "; ".join(f"{p.file}: {p.message}" for p in errors.head(5).itertuples(index=False))
    print(
        f"error: no document of {corpus} could be analysed"
        + (f" ({reasons}{'; …' if len(errors) > 5 else ''})" if reasons else " (it holds no document)"),
        file=sys.stderr,
    )
    return 1


def _brief(args: argparse.Namespace, progress) -> int:
    from analysis.briefing.compose import compose_briefing
    from analysis.briefing.render import briefing_bytes, seed_analysis
    from analysis.bundle import Config, load_bundle
    from analysis.filters import Filters, apply_filters
    from analysis.plotting.export import renderer_problem
    from analysis.stance.propositions import PropositionSet

    kind = args.out.suffix.lower().lstrip(".")
    if kind not in ("pdf", "html"):
        print(f"error: {args.out}: the briefing is written as .pdf or .html", file=sys.stderr)
        return 2
    views = [v.strip() for v in args.views.split(",") if v.strip()]
    unknown = [v for v in views if v not in BRIEFING_VIEWS]
    if unknown:
        print(f"error: unknown view(s) {', '.join(unknown)}; choose from {', '.join(BRIEFING_VIEWS)}", file=sys.stderr)
        return 2
    problem = renderer_problem()
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    folder = cached_build(
        args.corpus,
        args.cache,
        progress=progress,
        max_bytes=int(args.max_mb * 1e6),
        on_damage=_damaged,
        columns=args.column_map,
    )
    full = load_bundle(folder)
    full = _with_topic_names(full)
    known = {
        "source": set(full.documents["source"]),
        "theme": set(full.passage_themes["theme"]),
        "actor": set(full.mentions["actor"]),
    }
    for name, values in (("source", args.source), ("theme", args.theme), ("actor", args.actor)):
        missing = [v for v in values if v not in known[name]]
        if missing:
            print(
                f"error: no {name} named {', '.join(map(repr, missing))} in {args.corpus}; "
                f"known: {', '.join(sorted(known[name]))}",
                file=sys.stderr,
            )
            return 2
    filters = Filters(sources=tuple(args.source), themes=tuple(args.theme), actors=tuple(args.actor))
    view = apply_filters(full, filters)
    propositions = PropositionSet.from_yaml(Config.for_corpus(args.corpus).propositions)
    briefing = compose_briefing(
        full, view, filters, propositions, views, args.quote, seed_analysis(args.cache, full), args.title
    )
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(briefing_bytes(briefing, kind))
    except OSError as exc:
        raise WriteError(disk_message(exc, args.out)) from exc
    print(
        f"wrote {args.out}: {len(briefing.findings)} findings, {len(briefing.charts)} charts, "
        f"{len(briefing.quotes)} quotes; filters: {briefing.filters}"
    )
    return 0


def _with_topic_names(full):
    """The names given to topics in the dashboard, for the same corpus and K, so a briefing made here
    calls the topics what the app calls them; an unreadable names file is said, not ignored."""
    from dataclasses import replace

    from analysis.topics.names import NAMES_ROOT, NamesError, apply_names, load_names, names_file

    if full.topics.empty:
        return full
    try:
        names = load_names(names_file(NAMES_ROOT, full.info["corpus_hash"]))
    except NamesError as exc:
        print(f"warning: {exc} The automatic topic labels are used.", file=sys.stderr)
        names = {}
    return replace(full, topics=apply_names(full.topics, names))


if __name__ == "__main__":
    raise SystemExit(main())
