"""Key findings: a few sentences computed from the (filtered) bundle, each with its figure
and the page that holds its evidence. Nothing here is written for a particular corpus."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.bundle import Bundle
from analysis.numbers import count
from analysis.stance.propositions import PropositionSet, aggregate_propositions
from analysis.stance.stage import aggregate_stance, author_evidence
from analysis.topics.views import topic_by_source


@dataclass(frozen=True)
class Finding:
    text: str
    page: str  # the page that shows the evidence
    params: tuple[tuple[str, str], ...] = ()
    # Ids of the sentences behind the figure, as :func:`analysis.briefing.compose.candidate_quotes`
    # names them ("p:", "s:", "e:" + sentence or event id), strongest first.
    quotes: tuple[str, ...] = ()


def key_findings(view: Bundle, propositions: PropositionSet | None = None, min_evaluative: int = 3) -> list[Finding]:
    out: list[Finding] = []
    sources = sorted(view.documents["source"].unique())
    if propositions is not None and len(view.proposition_evidence):
        props = aggregate_propositions(view.proposition_evidence, view.documents, propositions, by="source")
        support = props[props["position"] == "supports"].groupby("proposition")["source"].agg(sorted)
        oppose = props[props["position"] == "opposes"].groupby("proposition")["source"].agg(sorted)
        for prop in support.sort_values(key=lambda s: s.str.len(), ascending=False).index[:2]:
            who = support[prop]
            text = f"{len(who)} of {len(sources)} sources argue for “{prop}” ({', '.join(who)})"
            if prop in oppose.index:
                text += f"; {', '.join(oppose[prop])} argue{'s' if len(oppose[prop]) == 1 else ''} against"
            backing = _position_quotes(view, prop, who, +1)
            if prop in oppose.index:
                backing += _position_quotes(view, prop, oppose[prop], -1)
            out.append(Finding(text + ".", "Stance", quotes=tuple(backing)))
        for prop in oppose.index.difference(support.index)[:1]:
            out.append(
                Finding(
                    f"{', '.join(oppose[prop])} argue{'s' if len(oppose[prop]) == 1 else ''} against "
                    f"“{prop}”; no source argues for it.",
                    "Stance",
                    quotes=tuple(_position_quotes(view, prop, oppose[prop], -1)),
                )
            )
    if len(view.stance_evidence):
        stance = aggregate_stance(view.stance_evidence, view.documents, by="source")
        solid = stance[(stance["n_positive"] + stance["n_negative"]) >= min_evaluative]
        # A portrayal is named by its real sign and rests on at least two sentences of that sign.
        hostile = solid[(solid["score"] < 0) & (solid["n_negative"] >= 2)]
        favourable = solid[(solid["score"] > 0) & (solid["n_positive"] >= 2)]
        if len(hostile):
            worst = hostile.sort_values(["score", "n_sentences", "target"], ascending=[True, False, True]).iloc[0]
            out.append(
                Finding(
                    f"The most negative portrayal: {worst['source']} on {worst['target']} ({worst['score']:+.2f}; "
                    f"{worst['n_negative']} hostile and {worst['n_positive']} favourable of "
                    f"{count(worst['n_sentences'], 'sentence')} naming it).",
                    "Stance",
                    (("focus", str(worst["target"])),),
                    quotes=_stance_quotes(view, worst["source"], worst["target"], -1),
                )
            )
        if len(favourable):
            best = favourable.sort_values(["score", "n_sentences", "target"], ascending=[False, False, True]).iloc[0]
            out.append(
                Finding(
                    f"The most favourable: {best['source']} on {best['target']} ({best['score']:+.2f}; "
                    f"{best['n_positive']} favourable and {best['n_negative']} hostile of "
                    f"{count(best['n_sentences'], 'sentence')} naming it).",
                    "Stance",
                    (("focus", str(best["target"])),),
                    quotes=_stance_quotes(view, best["source"], best["target"], +1),
                )
            )
    groups = view.event_groups  # apply_filters rebuilt them from the mentions in view
    disagree = groups[groups["discrepancy"].astype(bool)]
    if len(disagree):
        first = disagree.iloc[0]
        out.append(
            Finding(
                f"Sources disagree on the date of {count(len(disagree), 'event')}, e.g. "
                f"“{_short(first['label'])}” — {first['dates']}.",
                "Timeline",
                quotes=tuple(f"e:{e}" for e in first["event_ids"].split(";")),
            )
        )
    if len(view.topics) and len(sources) > 1:
        shares = topic_by_source(view)
        if len(shares):
            pivot = shares.pivot_table(index=["topic_id", "label"], columns="source", values="share", fill_value=0)
            pivot = pivot.reindex(columns=sources, fill_value=0)
            gaps = []
            for (topic_id, label), row in pivot.iterrows():
                for source in sources:
                    others = row.drop(source).mean()
                    gaps.append((row[source] - others, source, topic_id, label, row[source], others))
            gap, source, topic_id, label, share, others = max(gaps, key=lambda g: (g[0], -g[2]))
            out.append(
                Finding(
                    f"The topic that most sets {source} apart: “{label}” takes {share:.0%} of its passages against "
                    f"{others:.0%} on average elsewhere.",
                    "Topics",
                )
            )
    return out


def _short(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _position_quotes(view: Bundle, proposition: str, sources: list[str], sign: int, per_source: int = 1) -> list[str]:
    """The strongest sentence for (sign +1) or against (-1) a proposition from each of ``sources``."""
    ev = view.proposition_evidence
    ev = ev[(ev["proposition"] == proposition) & (ev["score"].astype(float) * sign > 0)]
    ev = ev.assign(source=ev["doc_id"].map(view.documents.set_index("doc_id")["source"]), _s=-ev["score"].abs())
    out = []
    for source in sources:
        top = ev[ev["source"] == source].sort_values(["_s", "sentence_id"], kind="stable").head(per_source)
        out += [f"p:{sid}:{proposition}" for sid in top["sentence_id"]]
    return out


def _stance_quotes(view: Bundle, source: str, target: str, sign: int, n: int = 2) -> tuple[str, ...]:
    """The ``n`` sentences of ``source`` that portray ``target`` most strongly in the direction ``sign``."""
    ev = author_evidence(view.stance_evidence)
    docs = set(view.documents.loc[view.documents["source"] == source, "doc_id"])
    ev = ev[ev["doc_id"].isin(docs) & (ev["target"] == target) & (ev["score"].astype(float) * sign > 0)]
    ev = ev.assign(_s=-ev["score"].astype(float) * sign).sort_values(["_s", "sentence_id"], kind="stable")
    return tuple(f"s:{sid}:{target}" for sid in ev["sentence_id"].head(n))
