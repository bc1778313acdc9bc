"""Page settle times on a large corpus: first and second visit of every page, a filter change, a restart.

    .venv/bin/python -m benchmarks.pages --corpus /tmp/fpl-scale/syn50000-s0.csv [--label 50k]

One dashboard server on 127.0.0.1 with ``--corpus``; one session (the websocket client of
:mod:`benchmarks.load`, speaking Streamlit's protocol) opens the Overview (the server builds the
bundle into its cache if it is not there: that wait is reported apart), visits every page once
(first visit), then again (second visit: what the per-filter caches are for), then on every page
sets the sources filter to two sources and clears it again (a filter change, each timed). The
server is then stopped and started afresh on the same corpus: the *cached restart* runs from the
start of the process until the Overview has settled. A step settles when the server has sent the
whole page and its ``script_finished``; drawing in the browser is not included (see
:mod:`benchmarks.load`). Written to the ``pages-<label>`` section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import websockets

from benchmarks.load import Session, Step, _run
from benchmarks.report import machine, write_section
from benchmarks.server import ROOT, running

PAGES = ("", "Reader", "Search", "Topics", "Stance", "Timeline", "Briefing")  # "" is the Overview
SOURCES = "w_sources"


def _visits(url: str, timeout: float) -> dict[str, list[Step]]:
    session = Session(url, 0, 0, timeout)
    out: dict[str, list[Step]] = {"open": [], "first": [], "second": [], "filter": [], "clear": []}

    async def play() -> None:
        async with websockets.connect(session.url, subprotocols=["streamlit"], max_size=None, ping_interval=None) as ws:
            session.ws = ws
            out["open"].append(await session.rerun(0, "open"))
            for visit in ("first", "second"):
                for page in PAGES:
                    if visit == "first" and page == "":
                        continue  # the open was the Overview's first visit
                    session.page = page
                    out[visit].append(await session.rerun(0, "page"))
            options = session.options.get(SOURCES, [])
            for page in PAGES:
                session.page = page
                await session.rerun(0, "page")
                session.values[SOURCES] = sorted(options[:2])
                out["filter"].append(await session.rerun(0, "filter"))
                session.values[SOURCES] = []
                out["clear"].append(await session.rerun(0, "filter"))

    _run(play)
    return out


def _restart(corpus: str, timeout: float) -> tuple[float, float]:
    """Seconds from starting a server to a settled Overview on a cached bundle, and the server's MB."""
    start = time.perf_counter()
    with running("--corpus", corpus, name="pages-restart", timeout=timeout) as server:
        session = Session(server.url, 0, 0, timeout)

        async def open_overview() -> Step:
            async with websockets.connect(
                session.url, subprotocols=["streamlit"], max_size=None, ping_interval=None
            ) as ws:
                session.ws = ws
                return await session.rerun(0, "open")

        step = _run(open_overview)
        assert not step.errors, step.errors
        return time.perf_counter() - start, server.rss_mb()


def report(label: str, corpus: str, documents: int, visits: dict[str, list[Step]], restart: tuple, load: float):
    by_page = {key: {s.page: s for s in steps} for key, steps in visits.items()}
    for steps in visits.values():  # a step that did not reach its page measured nothing
        for s in steps:
            if s.page != "Overview" and s.page not in s.title:
                s.errors.append(f"reached {s.title!r}, not the {s.page} page")
    errors = [f"{s.page}: {s.errors[0]}" for steps in visits.values() for s in steps if s.errors]
    lines = [
        f"## Pages on {documents:,} documents ({label})",
        "",
        f"`.venv/bin/python -m benchmarks.pages --corpus {Path(corpus).name} --label {label}` on {machine()}, "
        f"{time.strftime('%Y-%m-%d')}, load average {load:.1f} at the start and {os.getloadavg()[0]:.1f} at the "
        "end (shared machine). One session, one server on 127.0.0.1; a step settles when the server has sent the "
        "whole page (drawing in the browser not included). Filter: sources set to two of them, then cleared.",
        "",
        "| page | first visit s | second visit s | filter set s | filter cleared s |",
        "|---|---|---|---|---|",
    ]
    first = {**by_page["first"], **by_page["open"]}
    for page in PAGES:
        name = page or "Overview"
        cells = [first.get(name), by_page["second"].get(name), by_page["filter"].get(name), by_page["clear"].get(name)]
        lines.append(f"| {name} | " + " | ".join(f"{c.seconds:.2f}" if c else "–" for c in cells) + " |")
    opened = visits["open"][0]
    lines += [
        "",
        f"The Overview's first visit includes building the bundle into the dashboard's cache, or loading it if it "
        f"was there ({opened.seconds:.1f} s). Cached restart "
        f"(a new server process until the Overview has settled): {restart[0]:.1f} s; server memory then "
        f"{restart[1]:.0f} MB. Errors: {len(errors)}" + (f" ({'; '.join(errors[:3])})" if errors else "") + ".",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--label", default="")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds a step may take (a first build too)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"), help="'-' writes nothing")
    args = parser.parse_args()
    corpus = str(Path(args.corpus).resolve())
    load = os.getloadavg()[0]
    with running("--corpus", corpus, name="pages-server", timeout=120) as server:
        visits = _visits(server.url, args.timeout)
    restart = _restart(corpus, 600)
    from analysis.bundle import cached_build, load_bundle
    from dashboard.data import CACHE_ROOT, max_upload_bytes

    documents = len(load_bundle(cached_build(Path(corpus), CACHE_ROOT, max_bytes=max_upload_bytes())).documents)
    label = args.label or f"{documents}"
    lines = report(label, corpus, documents, visits, restart, load)
    print("\n".join(lines))
    if args.out != "-":
        write_section(Path(args.out), f"pages-{label}", lines)


if __name__ == "__main__":
    main()
