"""HTML for document text. Every character that comes from a document goes
through ``html.escape``; only the tags written here reach the page."""

from __future__ import annotations

import html
import json
import re
import string
from urllib.parse import urlencode

import pandas as pd

ROLE_LABELS = {
    "title": "title", "heading": "heading", "byline": "byline", "metadata": "metadata", "footnote": "footnote",
    "caption": "photo caption", "credit": "photo credit", "references": "reference list", "navigation": "wiki link",
}  # fmt: skip
MARK_LABELS = {
    "joined-across-page-break": "sentence joined across a page break",
    "bullet": "bullet removed",
    "wiki-edit-mark": "wiki 'Edit' mark removed",
    "see-also": "wiki cross-reference",
    "split-long-paragraph": "long paragraph split",
}

STYLE = """
<style>
.pl-doc {font-family: 'Source Sans Pro', Helvetica, Arial, sans-serif; line-height: 1.55; max-width: 60rem;}
.pl-p {margin: 0 0 0.9rem 0; padding: 0.35rem 0.6rem; border-left: 3px solid transparent;}
.pl-p.pl-body {color: inherit;}
.pl-p.pl-debris {color: #6b6b6b; font-size: 0.9rem; background: rgba(128,128,128,0.08); border-left-color: #bbb;}
.pl-p.pl-heading, .pl-p.pl-title {font-weight: 700; font-size: 1.15rem; margin-top: 1.2rem;}
.pl-p.pl-title {font-size: 1.35rem;}
.pl-p.pl-linked {border-left-color: #E69F00; background: rgba(230,159,0,0.12);}
.pl-badge {display: inline-block; font-size: 0.72rem; padding: 0 0.4rem; margin-right: 0.35rem; border-radius: 0.6rem;
  background: #e8e8e8; color: #333; font-weight: 600; letter-spacing: 0.02em; text-transform: uppercase;}
.pl-mark {display: inline-block; font-size: 0.72rem; color: #b0780a; margin-left: 0.3rem;}
.pl-theme {display: inline-block; font-size: 0.72rem; padding: 0 0.45rem; margin: 0.2rem 0.25rem 0 0;
  border-radius: 0.6rem;
  background: rgba(0,114,178,0.16); color: inherit;}
.pl-actor {background: rgba(0,158,115,0.18); border-radius: 0.2rem; padding: 0 0.1rem;}
.pl-hit {background: rgba(240,200,0,0.55); border-radius: 0.2rem; padding: 0 0.1rem; font-weight: 600;}
.pl-hit.pl-actor {box-shadow: inset 0 -2px 0 rgba(0,158,115,0.9);}
.pl-p.pl-linked.pl-arrived {animation: pl-arrive 1.6s ease-out 1;}
@keyframes pl-arrive {from {background: rgba(230,159,0,0.45);} to {background: rgba(230,159,0,0.12);}}
/* Marks take the page's ink, so the translucent highlights read on the light and the dark theme. */
.pl-doc mark {color: inherit;}
.pl-id {font-size: 0.7rem; color: #999; margin-left: 0.4rem;}
</style>
"""


def highlight(text: str, spans: list[tuple[int, int, str]], hits: list[tuple[int, int, str]] | None = None) -> str:
    """Escaped ``text`` with actor mentions wrapped in ``<mark class="pl-actor">`` and search hits in
    ``<mark class="pl-hit">`` (both classes where they overlap); spans index ``text``."""
    actors, pos = [], 0
    for start, end, actor in sorted(spans):
        if start >= pos:
            actors.append((start, end, actor))
            pos = end
    if not hits:
        out, pos = [], 0
        for start, end, actor in actors:
            out.append(html.escape(text[pos:start]))
            out.append(f'<mark class="pl-actor" title="{html.escape(actor)}">{html.escape(text[start:end])}</mark>')
            pos = end
        out.append(html.escape(text[pos:]))
        return "".join(out)
    # Mentions and hits may overlap ("actor:Iran" and "iran's"): cut the text at every edge and mark
    # each piece with what covers it.
    edges = sorted({0, len(text), *(i for a, b, _ in actors for i in (a, b)), *(i for a, b, _ in hits for i in (a, b))})
    out = []
    for a, b in zip(edges, edges[1:], strict=False):
        if a >= b:
            continue
        piece = html.escape(text[a:b])
        actor = next((name for s, e, name in actors if s <= a and b <= e), None)
        term = next((t for s, e, t in hits if s <= a and b <= e), None)
        if actor is None and term is None:
            out.append(piece)
            continue
        classes = " ".join(c for c, on in (("pl-actor", actor is not None), ("pl-hit", term is not None)) if on)
        title = " · ".join(x for x in (actor, term) if x is not None)
        out.append(f'<mark class="{classes}" title="{html.escape(title)}">{piece}</mark>')
    return "".join(out)


def passage_html(
    row: dict, spans: list[tuple[int, int, str]], linked: bool = False, hits: list[tuple[int, int, str]] | None = None
) -> str:
    """One passage as a block: role badge, debris marks, text (actors and search hits marked), theme tags."""
    role = row["role"]
    classes = ["pl-p", "pl-body" if role == "body" else ("pl-" + role if role in ("heading", "title") else "pl-debris")]
    if linked:
        classes.append("pl-linked")
    badge = f'<span class="pl-badge">{html.escape(ROLE_LABELS[role])}</span>' if role in ROLE_LABELS else ""
    marks = "".join(
        f'<span class="pl-mark">⟡ {html.escape(MARK_LABELS.get(m, m))}</span>' for m in row["marks"].split(";") if m
    )
    themes = "".join(f'<span class="pl-theme">{html.escape(t)}</span>' for t in row["themes"].split(";") if t)
    pid = html.escape(row["passage_id"])
    body = highlight(row["text"], spans, hits)
    return (
        f'<div class="{" ".join(classes)}" id="{pid}">{badge}{body}{marks}'
        f'<span class="pl-id">{pid}</span>{"<br>" + themes if themes else ""}</div>'
    )


def document_html(
    passages: pd.DataFrame,
    mentions: pd.DataFrame,
    linked: str = "",
    hits: dict[str, list[tuple[int, int, str]]] | None = None,
) -> str:
    """A whole document (or the filtered part of it) as one HTML fragment; ``hits`` (passage_id →
    spans) are the search's, marked in yellow."""
    by_passage: dict[str, list[tuple[int, int, str]]] = {}
    for pid, start, end, actor in mentions[["passage_id", "start", "end", "actor"]].itertuples(index=False):
        by_passage.setdefault(pid, []).append((int(start), int(end), actor))
    hits = hits or {}
    parts = [
        passage_html(
            row, by_passage.get(row["passage_id"], []), row["passage_id"] == linked, hits.get(row["passage_id"])
        )
        for row in passages.to_dict("records")
    ]
    return STYLE + '<div class="pl-doc">' + "".join(parts) + "</div>"


def scroll_script(element_id: str) -> str:
    """A script that brings the element with this id to the middle of the view once it is drawn (the
    Reader's deep links: the linked passage can be thousands of pixels down). The id is written as a
    JSON string with ``<`` escaped, so no document-derived id can close the script. The script holds
    no ``<`` at all: Streamlit's sanitiser (DOMPurify, SAFE_FOR_XML) drops a script whose text has a
    ``<`` before a letter or digit, as in ``n<100``."""
    target = json.dumps(element_id).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (
        "<script>(function(){var id=" + target + ",n=0;function go(){var el=document.getElementById(id);"
        "if(el){el.scrollIntoView({block:'center'});el.classList.add('pl-arrived');}"
        "else if(100>n++){setTimeout(go,100);}}go();})();</script>"
    )


def reader_link(doc_id: str, passage_id: str = "", extra: dict[str, list[str]] | None = None) -> str:
    """Relative URL of the Reader at a passage, carrying the current filters."""
    params: list[tuple[str, str]] = [("doc", doc_id)]
    if passage_id:
        params.append(("passage", passage_id))
    for key, values in (extra or {}).items():
        params.extend((key, v) for v in values)
    return "Reader?" + urlencode(params)


def reader_links(rows: pd.DataFrame, extra: dict[str, list[str]] | None = None) -> list[str]:
    """Reader links for a table with ``doc_id`` and ``passage_id`` columns."""
    return [reader_link(d, p, extra) for d, p in zip(rows["doc_id"], rows["passage_id"], strict=True)]


# Every ASCII punctuation character may be backslash-escaped in CommonMark, and escaped it is
# always literal: links, images, emphasis, code, HTML, tables, headings, lists, `$` math.
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in string.punctuation})
_WORD_JOINER = "\u2060"
# A colon can open a shortcode, a directive or an autolink ("http:") only when a non-space follows it:
# "sources: Op-ed" stays as written (copyable, no invisible character); ":smile:", ":red[x]" are broken.
_SHORTCODE_COLON = re.compile(r":(?=\S)")
_WWW = re.compile(r"(www)(?=\.)", re.IGNORECASE)


def md_escape(text: object) -> str:
    """Document-derived text as literal Markdown, for every st.markdown, st.caption, st.warning,
    title or label that shows it: the one escaping rule of the app.

    - Line breaks and runs of spaces become one space: a value is one line, so it cannot
      start a list, a heading, a quote or an indented code block.
    - Every ASCII punctuation character is backslash-escaped (links, images, emphasis,
      HTML, tables, ``$`` math, directives such as ``:red[…]``).
    - An invisible word joiner follows each colon a non-space follows and each ``@``, and
      splits ``www.``: Streamlit turns ``:smile:`` and ``:material/home:`` into icons, and
      GitHub-flavoured Markdown turns ``http://…``, ``www.…`` and ``name@host`` into links, all
      *after* the escapes are resolved, so a backslash alone would not stop them (a material
      icon fetches a web font; a link leads off the machine).
    """
    flat = _WWW.sub(r"\1" + _WORD_JOINER, re.sub(r"\s+", " ", str(text)))
    escaped = flat.translate(_MD_SPECIAL)
    return _SHORTCODE_COLON.sub(":" + _WORD_JOINER, escaped).replace("@", "@" + _WORD_JOINER)


def section_list_html(sections: list[str]) -> str:
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sections)
    return f'<ol class="pl-doc" style="margin:0">{items}</ol>'


def cue_html(sentence: str, cue_spans: str) -> str:
    """A sentence, escaped, with its stance cues marked green (favourable) or red (hostile)."""
    spans = []
    for item in filter(None, cue_spans.split(";")):
        start, end, value = item.split(":")
        spans.append((int(start), int(end), float(value)))
    out, pos = [], 0
    for start, end, value in sorted(spans):
        if start < pos:
            continue
        color = "rgba(26,152,80,0.25)" if value > 0 else "rgba(215,48,39,0.25)"
        out.append(html.escape(sentence[pos:start]))
        out.append(
            f'<mark style="background:{color};border-radius:0.2rem" title="{value:+.2f}">'
            f"{html.escape(sentence[start:end])}</mark>"
        )
        pos = end
    out.append(html.escape(sentence[pos:]))
    return "".join(out)


def _voice_note(row: dict) -> str:
    voice = row.get("voice", "author")
    return "" if not voice or voice == "author" else f" · quoting {html.escape(str(voice))}"


def evidence_html(rows: pd.DataFrame, extra: dict[str, list[str]] | None = None) -> str:
    """Evidence sentences as a list: score, highlighted cues, source and a Reader link."""
    items = []
    for r in rows.to_dict("records"):
        link = html.escape(reader_link(r["doc_id"], r["passage_id"], extra))
        color = "#1a9850" if r["score"] > 0.25 else "#d73027" if r["score"] < -0.25 else "#777"
        items.append(
            f'<li style="margin-bottom:0.6rem"><b style="color:{color}">{r["score"]:+.2f}</b> '
            f"{cue_html(r['sentence'], r['cue_spans'])} "
            f'<span class="pl-id">{html.escape(r["source"])}{_voice_note(r)} · {html.escape(r["cues"])} · '
            f'<a href="{link}" target="_self">open in Reader</a></span></li>'
        )
    return STYLE + '<ul class="pl-doc" style="list-style:none;padding-left:0">' + "".join(items) + "</ul>"


def dated_sentence_html(rows: pd.DataFrame, extra: dict[str, list[str]] | None = None) -> str:
    """Event mentions: the sentence with its date marked, the source and a Reader link."""
    items = []
    for r in rows.to_dict("records"):
        s, a, b = r["sentence"], int(r["char_start"]), int(r["char_end"])
        text = (
            html.escape(s[:a])
            + f'<mark style="background:rgba(0,114,178,0.18)">{html.escape(s[a:b])}</mark>'
            + html.escape(s[b:])
        )
        link = html.escape(reader_link(r["doc_id"], r["passage_id"], extra))
        # A date resolved from the publication date or the narrative says so, with the day it became.
        how = ""
        if r.get("anchor") in ("publication", "narrative"):
            span = r["date_start"] if r["date_start"] == r["date_end"] else f"{r['date_start']} to {r['date_end']}"
            how = f" · <i>{html.escape(span)}: {html.escape(str(r.get('note', '')))}</i>"
        items.append(
            f'<li style="margin-bottom:0.5rem">{text} <span class="pl-id">{html.escape(r["source"])} · '
            f'{html.escape(r["precision"])}{how} · <a href="{link}" target="_self">open in Reader</a></span></li>'
        )
    return STYLE + '<ul class="pl-doc" style="padding-left:1rem">' + "".join(items) + "</ul>"
