"""The briefing as a PDF, laid out with reportlab's platypus.

reportlab writes PDF without a browser or system libraries; the font is embedded
(Liberation Sans, as in the chart images, or reportlab's bundled Vera). Characters
the font lacks (Hebrew in a credit line, say) are replaced rather than drawn as
empty boxes. ``invariant`` mode leaves out the creation time and random file id,
so the same briefing gives the same bytes.
"""

from __future__ import annotations

import io
import unicodedata
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, unescape

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from analysis.briefing.compose import Briefing
from analysis.charts import BRIEFING_VIEWS
from analysis.numbers import count

FONT_DIR = Path(reportlab.__file__).parent / "fonts"
INK = colors.HexColor("#1f2a3a")
MUTED = colors.HexColor("#5a6270")
RULE = colors.HexColor("#d0d5dd")
ACCENT = colors.HexColor("#0072B2")
MARGIN = 18 * mm


# Liberation Sans is the face the chart images are drawn in (Arial's metrics; `make browser-deps`
# installs it), so text and charts match; reportlab's own Vera stands in where it is missing.
LIBERATION = Path("/usr/share/fonts/truetype/liberation")
FACES = {
    "liberation": (LIBERATION, "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"),
    "vera": (FONT_DIR, "Vera.ttf", "VeraBd.ttf", "VeraIt.ttf"),
}


@lru_cache(maxsize=1)
def _fonts() -> frozenset[int]:
    """Register the body face once as "Vera" (regular, bold, italic); return the code points it can draw."""
    folder, *files = next(
        (face for face in FACES.values() if all((face[0] / f).is_file() for f in face[1:])), FACES["vera"]
    )
    for name, file in zip(("Vera", "Vera-Bold", "Vera-Italic"), files, strict=True):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="Vera-Bold", italic="Vera-Italic", boldItalic="Vera-Bold")
    return frozenset(pdfmetrics.getFont("Vera").face.charToGlyph)


def _text(value: object) -> str:
    """Escaped for reportlab's paragraph markup, every character drawable."""
    drawable = _fonts()
    out = []
    for ch in str(value):
        if ord(ch) in drawable or ch in "\n\t":
            out.append(ch)
            continue
        plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        out.append(plain or {"\u2212": "-", "\u2011": "-"}.get(ch, "?" if unicodedata.category(ch)[0] != "Z" else " "))
    return escape("".join(out))


def _styles() -> dict[str, ParagraphStyle]:
    _fonts()
    base = ParagraphStyle("base", fontName="Vera", fontSize=9.5, leading=13.5, textColor=INK, alignment=TA_LEFT)
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontName="Vera-Bold", fontSize=24, leading=30, spaceAfter=6),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=15, textColor=MUTED, spaceAfter=14),
        "h1": ParagraphStyle("h1", base, fontName="Vera-Bold", fontSize=15, leading=20, spaceBefore=4, spaceAfter=8),
        "h2": ParagraphStyle("h2", base, fontName="Vera-Bold", fontSize=11, leading=15, spaceBefore=8, spaceAfter=4),
        "small": ParagraphStyle("small", base, fontSize=8, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10.5),
        "bullet": ParagraphStyle("bullet", base, leftIndent=12, bulletIndent=2, spaceAfter=5),
        "quote": ParagraphStyle(
            "quote", base, fontName="Vera-Italic", fontSize=10, leading=14.5, leftIndent=14, spaceBefore=6
        ),
        "cite": ParagraphStyle("cite", base, fontSize=8, leading=11, leftIndent=14, textColor=MUTED, spaceAfter=6),
    }


def briefing_pdf(briefing: Briefing, images: dict[str, bytes]) -> bytes:
    """The PDF bytes. ``images`` holds a PNG per chart key (see :func:`analysis.briefing.render.chart_images`)."""
    st = _styles()
    width = A4[0] - 2 * MARGIN
    story: list = []

    # Title page: what this is, what it covers, what is in it.
    head, rows = briefing.document_table()
    story += [
        Spacer(1, 40 * mm),
        Paragraph(_text(briefing.title), st["title"]),
        Paragraph(
            _text(
                f"Foreign-Policy Lens · analysed {briefing.analysed_on} · {count(len(briefing.documents), 'document')}"
            ),
            st["subtitle"],
        ),
        Paragraph(f"<b>Filters in force:</b> {_text(briefing.filters)}", st["base"]),
        Spacer(1, 8 * mm),
        Paragraph("Documents", st["h2"]),
        _table([head, *rows], [0.22, 0.5, 0.14, 0.14] if head[1] == "Title" else [0.3, 0.14, 0.26, 0.3], width, st),
        Spacer(1, 8 * mm),
        Paragraph("Contents", st["h2"]),
    ]
    story += [Paragraph(_text(BRIEFING_VIEWS[v]), st["bullet"], bulletText="•") for v in briefing.views] + [
        Paragraph(_text("Methods and measured accuracy"), st["bullet"], bulletText="•"),
        Spacer(1, 6 * mm),
        Paragraph(
            "Every figure traces to sentences: the quotes cite source, title, date, section and ¶; the dashboard "
            "lists the sentences behind each chart cell.",
            st["small"],
        ),
        PageBreak(),
    ]

    if briefing.findings:
        story.append(Paragraph("Key findings", st["h1"]))
        for f in briefing.findings:
            refs = briefing.evidence_numbers(f)
            note = f' <font color="#5a6270">Evidence: {", ".join(f"[{n}]" for n in refs)}</font>' if refs else ""
            story.append(Paragraph(_text(f.text) + note, st["bullet"], bulletText="•"))
        story.append(Spacer(1, 4 * mm))

    figure = 0
    current = None
    for view, chart in briefing.charts:
        if chart.key not in images:
            continue
        figure += 1
        meta = chart.figure.layout.meta or {}
        heading = [Paragraph(_text(BRIEFING_VIEWS[view]), st["h1"])] if view != current else []
        current = view
        picture = Image(io.BytesIO(images[chart.key]))
        scale = min(width / picture.imageWidth, (A4[1] - 2 * MARGIN - 40 * mm) / picture.imageHeight)
        picture.drawWidth, picture.drawHeight = picture.imageWidth * scale, picture.imageHeight * scale
        caption = f"Figure {figure}. {meta.get('title', chart.title)}."
        story.append(KeepTogether([*heading, picture, Paragraph(_text(caption), st["small"]), Spacer(1, 6 * mm)]))

    if len(briefing.quotes):
        story.append(Paragraph("Evidence quotes", st["h1"]))
        for number, q in enumerate(briefing.quotes.itertuples(), start=1):
            story.append(
                KeepTogether(
                    [
                        Paragraph(f"[{number}] “{_text(q.sentence)}”", st["quote"]),
                        Paragraph(f"— {_text(q.citation)} · {_text(q.kind)}: {_text(q.about)}", st["cite"]),
                    ]
                )
            )

    story += [PageBreak(), Paragraph("Methods and measured accuracy", st["h1"])]
    story.append(
        _table(
            [["View", "How it is computed", "Measured accuracy"]]
            + [[m.view, m.how, m.accuracy] for m in briefing.methods],
            [0.18, 0.46, 0.36],
            width,
            st,
        )
    )

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Vera", 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(
            MARGIN, 10 * mm, _plain(f"Foreign-Policy Lens · {briefing.title} · filters: {briefing.filters}")
        )
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"page {doc.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=_plain(briefing.title),
        author="Foreign-Policy Lens",
        subject=_plain(f"Filters: {briefing.filters}"),
        invariant=1,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _plain(text: str) -> str:
    """Drawable text for canvas strings, which take no markup."""
    return unescape(_text(text))[:160]


def _table(rows: list[list[object]], fractions: list[float], width: float, st: dict) -> Table:
    head, *body = rows
    data = [[Paragraph(f"<b>{_text(c)}</b>", st["cell"]) for c in head]]
    data += [[Paragraph(_text(c), st["cell"]) for c in row] for row in body]
    table = Table(data, colWidths=[f * width for f in fractions], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table
