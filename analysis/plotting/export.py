"""Static images of the charts (PNG at 2×, SVG, and the PNGs inside the briefing).

One renderer for every chart: all charts are plotly, and plotly's own exporter,
kaleido, draws them in a headless Chromium with plotly.js from the installed
plotly package, so the image is the chart the page shows. Verified here against
Debian's ``/usr/bin/chromium`` (kaleido 1.5). The alternative, vl-convert, needs no
browser but only draws Vega-Lite; rewriting every chart in altair to use it would
have given two chart dialects or a long rewrite, for the same pictures.

Nothing leaves the machine: MathJax is off (kaleido would fetch it from a CDN) and
the browser's proxy points at a closed local port, so any request it might try
fails at once instead of reaching out.

Kaleido keeps one browser per process (a singleton of its own); :func:`render`
starts it on first use and serialises calls, because Streamlit runs download
callbacks on their own threads.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import plotly.graph_objects as go

from analysis.plotting.style import slide_fonts, with_credit

# A slide is 13.33 in wide; a chart pasted at half of it is 6.7 in. At 860 px
# logical width a 15 px label lands at about 11 pt there.
EXPORT_WIDTH = 860
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
_CLOSED_PORT = "127.0.0.1:9"
_lock = threading.Lock()


def browser_path() -> str | None:
    """The Chromium kaleido will drive, or None when there is none."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def renderer_problem() -> str | None:
    """Why images cannot be made here, in words for the page, or None when they can."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return "Chart images need the kaleido package (in requirements.txt); run `make install`."
    if browser_path() is None:
        return "Chart images need Chromium (Debian: `apt-get install chromium`, or `make browser-deps`)."
    return None


def export_figure(fig: go.Figure, sources: list[str], analysed_on: str) -> go.Figure:
    """The chart as it goes into a briefing: light, signed, with fonts sized for half a slide."""
    return slide_fonts(with_credit(fig, sources, analysed_on, mode="light"))


def render(fig: go.Figure, fmt: str = "png", scale: float = 2.0, width: int = EXPORT_WIDTH) -> bytes:
    """PNG or SVG bytes of a figure, drawn offline.

    The height is the figure's own (builders size it to their rows), so a heatmap of
    twenty actors is not squeezed into the height of one with four.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; use one of {sorted(FORMATS)}")
    problem = renderer_problem()
    if problem:
        raise RuntimeError(problem)
    import kaleido

    height = int(fig.layout.height or 450)
    opts = {"format": fmt, "width": width, "height": height, "scale": scale if fmt == "png" else 1}
    with _lock:
        kaleido.start_sync_server(mathjax=False, proxy_server=_CLOSED_PORT, silence_warnings=True)
        return kaleido.calc_fig_sync(fig.to_dict(), opts=opts)
