"""What a briefing holds, decided once for the PDF, the HTML and the page.

A :class:`Briefing` is plain data: findings, charts, quotes with their citations
and the methods note. The writers (:mod:`analysis.briefing.pdf`,
:mod:`analysis.briefing.html`) only lay it out, so the two documents cannot say
different things.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import pandas as pd

from analysis.briefing.methods import MethodNote, methods_notes
from analysis.bundle import Bundle
from analysis.charts import BRIEFING_VIEWS, Chart, briefing_charts
from analysis.filters import Filters
from analysis.findings import Finding, key_findings
from analysis.stance.propositions import PropositionSet
from analysis.stance.stage import author_evidence

QUOTE_COLUMNS = ["quote_id", "kind", "about", "score", "sentence", "source", "citation", "doc_id", "passage_id"]


@dataclass
class Briefing:
    title: str
    corpus: str
    analysed_on: str
    filters: str
    documents: pd.DataFrame  # source, title, kind, published of the documents in view
    findings: list[Finding] = field(default_factory=list)
    charts: list[tuple[str, Chart]] = field(default_factory=list)  # (view, chart)
    quotes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=QUOTE_COLUMNS))
    methods: list[MethodNote] = field(default_factory=list)
    views: list[str] = field(default_factory=list)
    # quote_id → the quote it was merged into: one sentence picked for two things is quoted once
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def sources(self) -> list[str]:
        return sorted(self.documents["source"].unique())

    def document_table(self, limit: int = 12) -> tuple[list[str], list[list[str]]]:
        """The title page's list of documents, or, past ``limit`` documents, one row per source
        (a corpus of two thousand articles must not turn the title page into sixty)."""
        docs = self.documents
        if len(docs) <= limit:
            rows = [[r.source, r.title, r.kind, r.published or "undated"] for r in docs.itertuples()]
            return ["Source", "Title", "Kind", "Published"], rows
        rows = []
        for source, part in docs.groupby("source", sort=True):
            dated = sorted(d for d in part["published"] if d)
            span = f"{dated[0]} – {dated[-1]}" if dated else "undated"
            if dated and len(dated) < len(part):
                span += f" ({len(part) - len(dated)} undated)"
            kinds = ", ".join(sorted({k for k in part["kind"] if k})) or "–"
            rows.append([source, f"{len(part):,}", kinds, span])
        return ["Source", "Documents", "Kind", "Published"], rows

    def evidence_numbers(self, finding: Finding) -> list[int]:
        """The numbers, in the quotes section, of the sentences behind a finding."""
        number = {q: i for i, q in enumerate(self.quotes["quote_id"], start=1)}
        found = [number.get(self.aliases.get(q, q)) for q in finding.quotes]
        return list(dict.fromkeys(n for n in found if n is not None))


def citation(documents: pd.DataFrame, passages: pd.DataFrame, doc_id: str, passage_id: str) -> str:
    """Source, title, date and place in the text: enough to find the sentence again.

    The ¶ number is the passage's position in the document as the Reader numbers it.
    """
    return citations(documents, passages, [doc_id], [passage_id])[0]


def citations(documents: pd.DataFrame, passages: pd.DataFrame, doc_ids, passage_ids) -> list[str]:
    """:func:`citation` for many sentences at once (lookups by dict: corpora have thousands)."""
    docs = documents.set_index("doc_id")[["source", "title", "published"]].to_dict("index")
    sections = dict(zip(passages["passage_id"], passages["section"], strict=True))
    out = []
    for doc_id, passage_id in zip(doc_ids, passage_ids, strict=True):
        doc = docs[doc_id]
        parts = [str(doc["source"]), f"“{doc['title']}”" if doc["title"] else "", doc["published"] or "undated"]
        if sections.get(passage_id):
            parts.append(f"§ {sections[passage_id]}")
        parts.append(f"¶ {int(passage_id.rsplit('-p', 1)[-1]) + 1}")
        out.append(", ".join(p for p in parts if p))
    return out


def candidate_quotes(view: Bundle) -> pd.DataFrame:
    """Sentences an analyst may quote, each with what it is evidence of and its citation.

    Stance and proposition sentences that carry a cue, and every recommendation,
    strongest first within each kind; the id is stable across runs, so a choice can
    be passed on the command line or kept in a URL.
    """
    source = view.documents.set_index("doc_id")["source"]
    author = author_evidence(view.stance_evidence)  # quoted voices are not the source's own stance
    stance = author[author["label"] != "neutral"]
    props = view.proposition_evidence[view.proposition_evidence["score"].astype(float) != 0]
    recs = view.recommendations
    events = view.events[view.events["resolved"].astype(bool)]
    # (kind, rows, id, what it is evidence of, score); a builder runs only on rows that exist,
    # because an empty table read from CSV has text columns that refuse arithmetic.
    parts = [
        (
            "position",
            props,
            lambda f: "p:" + f["sentence_id"] + ":" + f["proposition"],
            lambda f: f["proposition"] + " (" + f["score"].astype(float).map(_for_against) + ")",
            lambda f: f["score"].astype(float),
        ),
        (
            "stance",
            stance,
            lambda f: "s:" + f["sentence_id"] + ":" + f["target"],
            lambda f: f["target"] + " (" + f["label"] + ")",
            lambda f: f["score"].astype(float),
        ),
        (
            "recommendation",
            recs,
            lambda f: "r:" + f["sentence_id"],
            lambda f: "who should act: " + f["actor"].replace("", "(unnamed)"),
            lambda f: 0.0,
        ),
        (
            "date",
            events,
            lambda f: "e:" + f["event_id"],
            lambda f: f["date_text"] + " (" + f["date_start"] + " to " + f["date_end"] + ")",
            lambda f: 0.0,
        ),
    ]
    frames = [
        pd.DataFrame(
            {
                "quote_id": make_id(rows),
                "kind": kind,
                "about": about(rows),
                "score": score(rows),
                "sentence": rows["sentence"],
                "doc_id": rows["doc_id"],
                "passage_id": rows["passage_id"],
            }
        )
        for kind, rows, make_id, about, score in parts
        if len(rows)
    ]
    if not frames:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out = out.drop_duplicates("quote_id")
    out["source"] = out["doc_id"].map(source)
    out["citation"] = citations(view.documents, view.passages, out["doc_id"], out["passage_id"])
    order = {"position": 0, "stance": 1, "recommendation": 2, "date": 3}
    out = out.assign(_k=out["kind"].map(order), _s=-out["score"].abs())
    out = out.sort_values(["_k", "_s", "quote_id"], kind="stable").drop(columns=["_k", "_s"])
    return out[QUOTE_COLUMNS].reset_index(drop=True)


def default_quotes(
    candidates: pd.DataFrame, findings: list[Finding] = (), n: int = 10, per_source: int = 3
) -> list[str]:
    """The sentences behind the key findings first (one per finding, then a second), then a spread
    of the strongest others: the top of each kind in turn, at most ``per_source`` from a source."""
    known = set(candidates["quote_id"])
    sentence_of = dict(zip(candidates["quote_id"], _sentence_keys(candidates), strict=True))
    chosen: list[str] = []
    said: set[tuple[str, str, str]] = set()  # a sentence is quoted once, whatever it is evidence of

    def fresh(q: str) -> bool:
        return q not in chosen and sentence_of[q] not in said

    for rank in (0, 1):
        for finding in findings:
            backing = [q for q in finding.quotes if q in known]
            if len(backing) > rank and fresh(backing[rank]) and len(chosen) < n:
                chosen.append(backing[rank])
                said.add(sentence_of[backing[rank]])
    source_of = dict(zip(candidates["quote_id"], candidates["source"], strict=True))
    taken: dict[str, int] = {}
    for q in chosen:
        taken[source_of[q]] = taken.get(source_of[q], 0) + 1
    by_kind = [part for kind, part in candidates.groupby("kind", sort=False) if kind != "date"]
    cursors = [0] * len(by_kind)
    while len(chosen) < n and any(c < len(p) for c, p in zip(cursors, by_kind, strict=True)):
        for i, part in enumerate(by_kind):
            while cursors[i] < len(part):
                row = part.iloc[cursors[i]]
                cursors[i] += 1
                if taken.get(row["source"], 0) < per_source and fresh(row["quote_id"]):
                    chosen.append(row["quote_id"])
                    said.add(sentence_of[row["quote_id"]])
                    taken[row["source"]] = taken.get(row["source"], 0) + 1
                    break
            if len(chosen) >= n:
                break
        if all(c >= len(p) for c, p in zip(cursors, by_kind, strict=True)):
            break
    return chosen


QUOTES_OFFERED = 250  # candidates per kind the quote picker lists (besides the ticked ones)


def offered_quotes(candidates: pd.DataFrame, ticked: Collection[str], per_kind: int = QUOTES_OFFERED) -> pd.DataFrame:
    """The candidates a quote picker lists: every ticked one, then the strongest ``per_kind`` of each kind,
    in the candidates' order. At 50,000 news documents there are about 300,000 candidates; listing them
    all sent them to the browser on every run of the page (a second a run) and no one reads past the top."""
    top = candidates.groupby("kind", sort=False).cumcount() < per_kind
    return candidates[top | candidates["quote_id"].isin(list(ticked))]


def compose_briefing(
    full: Bundle,
    view: Bundle,
    filters: Filters,
    propositions: PropositionSet,
    views: list[str] | None = None,
    quote_ids: list[str] | None = None,
    seed_bundle: Bundle | None = None,
    title: str = "",
) -> Briefing:
    """Everything the chosen views need, computed from the filtered bundle.

    ``seed_bundle`` is the analysis of the embedded seeds, the only hand-labelled
    data: the methods note reports accuracy measured on it.
    """
    views = [v for v in (views or list(BRIEFING_VIEWS)) if v in BRIEFING_VIEWS]
    corpus = corpus_name(full)
    briefing = Briefing(
        title=title or default_title(full, view),
        corpus=corpus,
        analysed_on=str(full.info.get("analysed_on", "")),
        filters=filters.describe(),
        documents=view.documents[["source", "title", "kind", "published"]].reset_index(drop=True),
        views=views,
    )
    findings = key_findings(view, propositions) if {"findings", "quotes"} & set(views) else []
    if "findings" in views:
        briefing.findings = findings
    briefing.charts = briefing_charts(full, view, filters, propositions, views)
    if "quotes" in views:
        candidates = candidate_quotes(view)
        ids = default_quotes(candidates, findings) if quote_ids is None else quote_ids
        picked = candidates.set_index("quote_id").reindex([q for q in ids if q in set(candidates["quote_id"])])
        briefing.quotes, briefing.aliases = merge_repeated(picked.reset_index()[QUOTE_COLUMNS])
    briefing.methods = methods_notes(full, views, seed_bundle)
    return briefing


def _sentence_keys(quotes: pd.DataFrame) -> list[tuple[str, str, str]]:
    return list(zip(quotes["doc_id"], quotes["passage_id"], quotes["sentence"], strict=True))


def merge_repeated(quotes: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """One quote per sentence: a sentence picked as evidence of two things (a stance on Iran and on
    the United States) is quoted once, its 'about' naming both; the other ids become aliases of
    the kept one, so the findings that cite them still point at its number."""
    if quotes.empty:
        return quotes, {}
    keys = _sentence_keys(quotes)
    first: dict[tuple[str, str, str], int] = {}
    aliases: dict[str, str] = {}
    abouts: dict[int, list[str]] = {}
    kinds: dict[int, list[str]] = {}
    for i, (key, row) in enumerate(zip(keys, quotes.itertuples(index=False), strict=True)):
        kept = first.setdefault(key, i)
        abouts.setdefault(kept, []).append(str(row.about))
        kinds.setdefault(kept, []).append(str(row.kind))
        if kept != i:
            aliases[str(row.quote_id)] = str(quotes.iloc[kept]["quote_id"])
    rows = quotes.iloc[sorted(first.values())].copy()
    rows["about"] = ["; ".join(dict.fromkeys(abouts[i])) for i in sorted(first.values())]
    rows["kind"] = [" / ".join(dict.fromkeys(kinds[i])) for i in sorted(first.values())]
    return rows.reset_index(drop=True), aliases


def corpus_name(full: Bundle) -> str:
    return str(full.info.get("corpus", "")).rstrip("/").rsplit("/", 1)[-1] or "corpus"


def default_title(full: Bundle, view: Bundle) -> str:
    """What the documents in view are about, by the two actors they name most; the corpus name otherwise."""
    counts = view.mentions["actor"].value_counts()
    counts = counts.reindex(sorted(counts.index, key=lambda a: (-counts[a], a)))
    if len(counts) >= 2:
        n = len(view.documents)
        return f"Briefing: {counts.index[0]} and {counts.index[1]} in {n} document{'s' if n != 1 else ''}"
    return f"Briefing: {corpus_name(full)}"


def _for_against(score: float) -> str:
    return "for" if score > 0 else "against"
