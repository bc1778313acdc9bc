"""The briefing as one self-contained HTML file.

Charts are SVG inlined as data URIs (crisp at any zoom, no external file, and an
<img> cannot run script); every piece of document text goes through
``html.escape``. The stylesheet prints to A4 with a page break before each view.
"""

from __future__ import annotations

import base64
from html import escape

from analysis.briefing.compose import Briefing
from analysis.charts import BRIEFING_VIEWS
from analysis.numbers import count

STYLE = """
body { font-family: "Source Sans Pro", Helvetica, Arial, sans-serif; color: #1f2a3a; max-width: 60rem;
       margin: 2rem auto; padding: 0 1.5rem; line-height: 1.45; }
header.title { border-bottom: 3px solid #0072B2; padding-bottom: 1rem; margin-bottom: 2rem; }
h1 { font-size: 2rem; margin: 0 0 .3rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #d0d5dd; }
.muted { color: #5a6270; } figure { margin: 1.5rem 0; } figure img { width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #5a6270; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th { text-align: left; border-bottom: 2px solid #0072B2; } td, th { padding: .3rem .5rem; vertical-align: top; }
td { border-bottom: 1px solid #e3e6ea; }
blockquote { margin: 1rem 0 .2rem; padding-left: 1rem; border-left: 3px solid #0072B2; font-style: italic; }
cite { display: block; font-size: .85rem; color: #5a6270; font-style: normal; margin-left: 1.2rem; }
@media print { section.view { page-break-before: always; } body { margin: 0; } }
"""


def briefing_html(briefing: Briefing, images: dict[str, bytes]) -> str:
    """``images`` holds an SVG per chart key."""
    e = escape
    head, rows = briefing.document_table()
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(briefing.title)}</title>",
        '<meta name="generator" content="Foreign-Policy Lens">',
        f"<style>{STYLE}</style></head><body>",
        '<header class="title">',
        f"<h1>{e(briefing.title)}</h1>",
        f'<p class="muted">Foreign-Policy Lens · analysed {e(briefing.analysed_on)} · '
        f"{count(len(briefing.documents), 'document')}</p>",
        f"<p><strong>Filters in force:</strong> {e(briefing.filters)}</p>",
        "<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr></thead><tbody>",
        *("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows),
        "</tbody></table>",
        "<p><strong>Contents:</strong> "
        + " · ".join(e(BRIEFING_VIEWS[v]) for v in briefing.views)
        + " · Methods and measured accuracy</p>",
        "</header>",
    ]
    if briefing.findings:
        out += ['<section class="findings"><h2>Key findings</h2><ul>']
        for f in briefing.findings:
            refs = ", ".join(f'<a href="#q{n}">[{n}]</a>' for n in briefing.evidence_numbers(f))
            out.append(f"<li>{e(f.text)}" + (f' <span class="muted">Evidence: {refs}</span>' if refs else "") + "</li>")
        out += ["</ul></section>"]
    current = None
    figure = 0
    for view, chart in briefing.charts:
        if chart.key not in images:
            continue
        figure += 1
        if view != current:
            out.append(f'{"</section>" if current else ""}<section class="view"><h2>{e(BRIEFING_VIEWS[view])}</h2>')
            current = view
        meta = chart.figure.layout.meta or {}
        data = base64.b64encode(images[chart.key]).decode("ascii")
        caption = f"Figure {figure}. {meta.get('title', chart.title)}."
        out.append(
            f'<figure id="{e(chart.key)}"><img alt="{e(meta.get("title", chart.title))}" '
            f'src="data:image/svg+xml;base64,{data}"><figcaption>{e(caption)}</figcaption></figure>'
        )
    if current:
        out.append("</section>")
    if len(briefing.quotes):
        out.append('<section class="view"><h2>Evidence quotes</h2>')
        for number, q in enumerate(briefing.quotes.itertuples(), start=1):
            out.append(
                f'<blockquote id="q{number}">[{number}] “{e(q.sentence)}”</blockquote>'
                f"<cite>— {e(q.citation)} · {e(q.kind)}: {e(q.about)}</cite>"
            )
        out.append("</section>")
    out += [
        '<section class="view"><h2>Methods and measured accuracy</h2><table><thead><tr><th>View</th>'
        "<th>How it is computed</th><th>Measured accuracy</th></tr></thead><tbody>",
        *(f"<tr><td>{e(m.view)}</td><td>{e(m.how)}</td><td>{e(m.accuracy)}</td></tr>" for m in briefing.methods),
        "</tbody></table></section>",
        "</body></html>",
    ]
    return "\n".join(out)
