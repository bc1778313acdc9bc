"""The dashboard served on a free 127.0.0.1 port, for the browser tests and the load benchmark.

One place that knows how to start ``streamlit run app.py`` headless, wait for its health check and
stop it by its PID, so the tests and the benchmark measure the same server.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class ServerError(RuntimeError):
    """The server did not come up."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running dashboard: its URL and its process (whose CPU time the load benchmark reads)."""

    url: str
    proc: subprocess.Popen

    def cpu_seconds(self) -> float:
        """User + system CPU seconds the server process has used so far (Linux /proc)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        """Resident memory of the server process now, in MB (Linux /proc)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")


@contextmanager
def running(
    *app_args: str,
    name: str = "browser-server",
    timeout: float = 90,
    root: Path = ROOT,
    env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """``streamlit run app.py`` from ``root`` on a free 127.0.0.1 port (``app_args`` after ``--``), once
    it answers /_stcore/health; stopped by its PID on exit. The log goes to build/<name>.log. ``env``:
    variables added to this process's environment for the server's."""
    port = free_port()
    (ROOT / "build").mkdir(exist_ok=True)
    log = (ROOT / "build" / f"{name}.log").open("w")  # noqa: SIM115 - lives as long as the server
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    proc = subprocess.Popen(
        [*command, *(["--", *app_args] if app_args else [])],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise ServerError(
                        f"the dashboard did not answer on /_stcore/health within {timeout:g} s (log: build/{name}.log)"
                    ) from None
                time.sleep(0.3)
        yield Server(url, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@contextmanager
def serve(
    *app_args: str, name: str = "browser-server", timeout: float = 90, env: dict[str, str] | None = None
) -> Iterator[str]:
    """The URL of :func:`running`."""
    with running(*app_args, name=name, timeout=timeout, env=env) as server:
        yield server.url
