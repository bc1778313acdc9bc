"""Load: concurrent sessions switching pages and filters against one dashboard server, on demand.

    .venv/bin/python -m benchmarks.load [--sessions 10] [--steps 20] [--think 1.0] [--corpus seeds]
                                        [--baseline REF] [--out docs/benchmarks.md]

Starts the app on a free 127.0.0.1 port, opens ``--sessions`` sessions at once, and has each take
``--steps`` steps (a page switch or a filter change, drawn from a seeded random sequence, so every
run and every build replays the same clicks), waiting ``--think`` seconds (±50%) between steps as an
analyst would; then it stops the server and writes the figures to docs/benchmarks.md.

Each session is a websocket client speaking Streamlit's own protocol (the protobuf messages the
browser sends and receives), not a browser: a step's *settle time* runs from the rerun request to
the server's ``script_finished``, with every element of the page received. Drawing the page is the
browser's work, done on each analyst's own machine, and is not part of it; a browser on this
2-core machine would measure Chromium competing with the server. An exception element, a script
that does not finish within ``--timeout`` seconds, or a dropped connection is an error.

``--baseline REF`` first runs the same sessions on the app as of git revision REF (an archive of it
in a temporary folder, sharing this checkout's bundle cache), then on the working tree: before and
after in one run, on the same machine load.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import random
import statistics
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

from benchmarks.report import machine, write_section
from benchmarks.server import ROOT, Server, running

T = TypeVar("T")
PAGES = ("", "Reader", "Topics", "Stance", "Timeline", "Briefing")  # url paths; "" is the Overview
FILTERS = ("w_sources", "w_themes")  # the sidebar multiselects a step changes (their widget keys)


@dataclass
class Step:
    """One script run as a session saw it."""

    session: int
    step: int
    action: str  # "open", "page" or "filter"
    page: str
    seconds: float
    errors: list[str] = field(default_factory=list)
    received: int = 0  # bytes of the messages of this run
    title: str = ""  # the page's title as received: the step reached the page it asked for
    filters: str = ""  # what its caption says of the filters in force
    chosen: dict[str, list[str]] = field(default_factory=dict)  # the filter values the session had set


class Session:
    """One analyst's tab: a websocket to the server, the page it shows, the filters it set."""

    def __init__(self, url: str, index: int, seed: int, timeout: float) -> None:
        self.url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.index = index
        self.rng = random.Random(f"{seed}-{index}")
        self.timeout = timeout
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page = ""
        self.query = ""
        self.widget_ids: dict[str, str] = {}  # widget key -> widget id, from the elements received
        self.options: dict[str, list[str]] = {}
        self.values: dict[str, list[str]] = {key: [] for key in FILTERS}

    async def rerun(self, step: int, action: str) -> Step:
        """Ask for a run of the current page with the current filters; wait until it has finished."""
        widgets = [
            WidgetState(id=self.widget_ids[key], string_array_value={"data": self.values[key]})
            for key in FILTERS
            if key in self.widget_ids
        ]
        state = ClientState(
            query_string=self.query,
            page_script_hash=self.pages.get(self.page, ""),
            page_name=self.page,
            widget_states=WidgetStates(widgets=widgets),
        )
        result = Step(self.index, step, action, self.page or "Overview", 0.0, chosen=dict(self.values))
        start = time.perf_counter()
        await self.ws.send(BackMsg(rerun_script=state).SerializeToString())
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), self.timeout)
            result.received += len(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.new_session.app_pages}
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._element(msg.delta.new_element, result)
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    result.errors.append("compile error")
                if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    break
        result.seconds = time.perf_counter() - start
        return result

    def _element(self, element, result: Step) -> None:
        kind = element.WhichOneof("type")
        if kind == "heading" and element.heading.tag == "h1" and not result.title:
            result.title = element.heading.body
        elif kind == "markdown" and "Filters in force: " in element.markdown.body and not result.filters:
            result.filters = element.markdown.body.split("Filters in force: ", 1)[1]
        elif kind == "exception":
            result.errors.append(f"{element.exception.type}: {element.exception.message[:200]}")
        elif kind == "multiselect":
            widget = element.multiselect
            for key in FILTERS:
                if widget.id.endswith(f"-{key}"):
                    self.widget_ids[key] = widget.id
                    self.options[key] = list(widget.options)

    def next_action(self) -> str:
        """A page switch or a filter change (sources, themes, or both cleared), seeded."""
        if self.rng.random() < 0.5:
            self.page = self.rng.choice([p for p in PAGES if p != self.page])
            return "page"
        roll = self.rng.random()
        if roll < 0.2:
            self.values = {key: [] for key in FILTERS}
        else:
            key = FILTERS[0] if roll < 0.6 else FILTERS[1]
            options = self.options.get(key, [])
            count = self.rng.randint(1, min(2, len(options))) if options else 0
            self.values[key] = sorted(self.rng.sample(options, count))
        return "filter"

    async def play(self, steps: int, think: float) -> list[Step]:
        out: list[Step] = []
        await asyncio.sleep(self.rng.uniform(0, think))  # sessions do not click in lockstep
        try:
            async with websockets.connect(
                self.url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout, ping_interval=None
            ) as self.ws:
                out.append(await self.rerun(0, "open"))
                for step in range(1, steps + 1):
                    await asyncio.sleep(self.rng.uniform(0.5 * think, 1.5 * think))
                    action = self.next_action()
                    out.append(await self.rerun(step, action))
        except (TimeoutError, OSError, websockets.WebSocketException) as exc:
            lost = f"{type(exc).__name__}: {exc}"
            out.append(Step(self.index, len(out), "lost", self.page or "Overview", 0.0, [lost]))
        return out


async def _sessions(url: str, sessions: int, steps: int, think: float, seed: int, timeout: float) -> list[Step]:
    players = [Session(url, i, seed, timeout) for i in range(sessions)]
    results = await asyncio.gather(*(p.play(steps, think) for p in players))
    return [step for session in results for step in session]


@dataclass
class Load:
    """What one run of the sessions saw, and what it cost the server."""

    steps: list[Step]
    cpu: float  # server CPU seconds while the sessions played
    rss_before: float  # server resident MB after the warm-up
    rss_after: float  # and after the sessions


def run_load(server: Server, sessions: int, steps: int, think: float, seed: int = 0, timeout: float = 120) -> Load:
    """Warm the server (one session visits every page), then play the sessions."""
    warm = Session(server.url, -1, seed, timeout)

    async def warm_up() -> None:
        async with websockets.connect(warm.url, subprotocols=["streamlit"], max_size=None, ping_interval=None) as ws:
            warm.ws = ws
            for page in PAGES:
                warm.page = page
                await warm.rerun(0, "open")

    _run(warm_up)
    cpu, rss = server.cpu_seconds(), server.rss_mb()
    found = _run(lambda: _sessions(server.url, sessions, steps, think, seed, timeout))
    return Load(found, server.cpu_seconds() - cpu, rss, server.rss_mb())


def _run(coroutine: Callable[[], Coroutine[object, object, T]]) -> T:
    """Run a coroutine on an event loop of its own thread: the caller may already be inside one
    (Playwright's sync API keeps a loop running in the test process)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(coroutine())).result()


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


@dataclass
class Summary:
    label: str
    load: Load
    wall: float

    @property
    def steps(self) -> list[Step]:
        return self.load.steps

    @property
    def errors(self) -> list[Step]:
        return [s for s in self.steps if s.errors]

    def times(self, page: str | None = None, actions: tuple[str, ...] = ("page", "filter")) -> list[float]:
        return [s.seconds for s in self.steps if s.action in actions and (page is None or s.page == page)]

    def row(self) -> str:
        t = self.times()
        runs = len([s for s in self.steps if s.action != "lost"])
        return (
            f"| {self.label} | {len(t)} | {len(self.errors)} | {_quantile(t, 0.5):.2f} | {_quantile(t, 0.95):.2f} | "
            f"{max(t, default=float('nan')):.2f} | {_quantile(self.times(actions=('open',)), 0.5):.2f} | "
            f"{self.load.cpu / max(1, runs):.3f} | {60 * runs / self.wall:.0f} | "
            f"{self.load.rss_before:.0f} → {self.load.rss_after:.0f} |"
        )


@contextmanager
def _checkout(ref: str) -> Iterator[Path]:
    """The tree of git revision ``ref`` in a temporary folder, sharing this checkout's bundle cache."""
    with tempfile.TemporaryDirectory(prefix="fpl-baseline-") as tmp:
        data = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(tmp, filter="data")
        (Path(tmp) / "build").mkdir(exist_ok=True)
        (ROOT / "build" / "cache").mkdir(parents=True, exist_ok=True)
        (Path(tmp) / "build" / "cache").symlink_to(ROOT / "build" / "cache")
        yield Path(tmp)


def measure(label: str, root: Path, args: argparse.Namespace) -> Summary:
    corpus = str(Path(args.corpus).resolve())
    with running("--corpus", corpus, name=f"load-{label}", root=root, timeout=300) as server:
        start = time.perf_counter()
        load = run_load(server, args.sessions, args.steps, args.think, args.seed, args.timeout)
        wall = time.perf_counter() - start
    summary = Summary(label, load, wall)
    print(summary.row(), flush=True)
    for step in summary.errors[:5]:
        print(f"  error: session {step.session} step {step.step} {step.page}: {step.errors[0]}", flush=True)
    return summary


def report(summaries: list[Summary], args: argparse.Namespace) -> list[str]:
    pages = [p or "Overview" for p in PAGES]
    lines = [
        f"## Load: {args.sessions} concurrent sessions on the {Path(args.corpus).name}",
        "",
        f"`.venv/bin/python -m benchmarks.load --sessions {args.sessions} --steps {args.steps} --think {args.think:g}"
        + "".join(f" --baseline {ref}" for ref in args.baseline)
        + f"` on {machine()}, {time.strftime('%Y-%m-%d')}. One server on 127.0.0.1; {args.sessions} sessions open at "
        f"once and each takes {args.steps} steps (a page switch or a filter change on sources or themes, "
        f"from a seeded sequence: every build replays the same clicks), {args.think:g} s ± 50% apart. A session is a "
        "websocket client speaking Streamlit's protocol: a step settles when the server has sent the whole page and "
        "its `script_finished` (drawing in the browser is the analyst's machine's work and is not included). "
        "Before the clock starts, one session visits every page once (the bundle is loaded, nothing else is "
        "prepared). Errors: exception elements, runs that do not finish within "
        f"{args.timeout:g} s, dropped connections. The machine is shared: its load average was "
        f"{args.load_before:.1f} when the run began and {os.getloadavg()[0]:.1f} when it ended.",
        "",
        "| build | steps | errors | p50 settle (s) | p95 (s) | max (s) | first page p50 (s) | server CPU s per run | "
        "runs per minute | server memory (MB) |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *(s.row() for s in summaries),
        "",
        "Settle time per page, p50 / p95 (s):",
        "",
        "| build | " + " | ".join(pages) + " |",
        "|---|" + "---|" * len(pages),
    ]
    for s in summaries:
        cells = []
        for page in pages:
            t = s.times(page)
            cells.append(f"{_quantile(t, 0.5):.2f} / {_quantile(t, 0.95):.2f}" if t else "–")
        lines.append(f"| {s.label} | " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--think", type=float, default=1.0, help="seconds between a session's steps (±50%%)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=120, help="seconds a run may take before it is an error")
    parser.add_argument("--corpus", default=str(ROOT / "seeds"))
    parser.add_argument(
        "--baseline", action="append", default=[], help="git revision to measure first (repeat for several)"
    )
    parser.add_argument("--label", default="this tree")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"), help="'-' writes nothing")
    args = parser.parse_args()
    args.load_before = os.getloadavg()[0]
    summaries = []
    for ref in args.baseline:
        short = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT, check=True,
                               capture_output=True, text=True).stdout.strip()  # fmt: skip
        with _checkout(ref) as tree:
            summaries.append(measure(short, tree, args))
    summaries.append(measure(args.label, ROOT, args))
    if args.out != "-":
        write_section(Path(args.out), "load", report(summaries, args))
        print(f"written to {args.out}")


if __name__ == "__main__":
    main()
