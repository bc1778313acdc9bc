"""Target-dependent stance of one sentence towards each actor it names.

Rules, in order, each leaving a trace (the cue, its polarity, its weight):

1. *Acts* ("invasion", "aggression", "attacks") land on their agent — an actor
   just before them ("Russia's invasion", "Russian aggression") or after
   "by"/"from" ("attacks from Russia and China"). An actor after of/on/in/to/
   against is the victim and gets nothing from the act.
2. *Countering* verbs ("deter", "counter", "strikes against") portray the actor
   they govern as an adversary; *support for* portrays it as a partner.
3. Remaining evaluative cues land on the nearest actor in the same clause
   (clauses end at ; : and dashes; an actor listed with others shares the cue).
4. A negator within three tokens before a cue flips it; a hedge in the clause
   halves it; a subordinate "although/while/despite" clause counts half, so in
   "although relations improved, a further deterioration…" the main clause wins;
   cues inside quotation marks count half (reported, not asserted).
5. VADER's compound score of the actor's clause adds a small general signal.

The score is tanh of the summed weights: in [-1, 1], 0 when nothing evaluative
is said of the actor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from benchmarks.baselines.rules_v1_lexicon import CueHit, StanceLexicon

PATIENT_PREPS = {"of", "on", "in", "to", "against", "into", "upon", "facing", "toward", "towards"}
AGENT_PREPS = {"by", "from"}
CLAUSE_BREAKS = {";", ":", "—", "–", "(", ")"}
LIST_JOINERS = {",", "and", "or", "&"}
QUOTES = {'"', "“", "”", "«", "»"}
AFTER_PENALTY = 2
# Words that may stand between an agent and its act: "Russia's full-scale invasion".
AGENT_GAP = {
    "'s",
    "'",
    "s",
    "full",
    "-",
    "scale",
    "full-scale",
    "ongoing",
    "military",
    "renewed",
    "continued",
    "brutal",
    "illegal",
    "unprovoked",
    "latest",
    "recent",
    "large",
    "large-scale",
    "sophisticated",
}
VADER_WEIGHT = 0.3
VADER_MIN = 0.5
THRESHOLD = 0.25


@dataclass
class Trace:
    """One cue's contribution to one actor's score; offsets are character offsets in the sentence."""

    phrase: str
    kind: str
    value: float
    start: int
    end: int


@dataclass
class TargetStance:
    actor: str
    score: float
    traces: list[Trace] = field(default_factory=list)

    @property
    def label(self) -> str:
        return label_of(self.score)


def label_of(score: float, threshold: float = THRESHOLD) -> str:
    return "positive" if score > threshold else "negative" if score < -threshold else "neutral"


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_compound(text: str) -> float:
    return float(_vader().polarity_scores(text)["compound"])


def score_sentence(
    doc: Doc, mentions: list[tuple[str, int, int]], lexicon: StanceLexicon, use_vader: bool = True
) -> list[TargetStance]:
    """Stance towards every actor in ``mentions`` (actor, start_char, end_char) of the sentence ``doc``."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for actor, start, end in mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            spans.setdefault(actor, []).append((span.start, span.end))
    if not spans:
        return []
    clause = _clauses(doc)
    weight_at = _position_weights(doc, lexicon)
    totals: dict[str, list[Trace]] = {a: [] for a in spans}
    hits = lexicon.find(doc)
    consumed: set[tuple[int, int]] = set()

    def credit(actors: list[str], hit: CueHit, sign: float) -> None:
        value = sign * hit.weight * _modifier(doc, hit, lexicon, clause) * weight_at[hit.start]
        span = doc[hit.start : hit.end]
        for actor in actors:
            totals[actor].append(Trace(hit.phrase, hit.kind, value, span.start_char, span.end_char))

    for hit in hits:
        if hit.kind == "acts":
            agents = _agents(doc, hit, spans)
            if agents:
                credit(agents, hit, -1.0)
            consumed.add((hit.start, hit.end))  # an act never lands by proximity
        elif hit.kind == "countering":
            targets = _following(hit, spans, clause, reach=5, doc=doc)
            if targets:
                credit(targets, hit, -1.0)
                consumed.add((hit.start, hit.end))
        elif hit.kind == "support_for":
            targets = _following(hit, spans, clause, reach=4, doc=doc)
            if targets:
                credit(targets, hit, +1.0)
                consumed.add((hit.start, hit.end))
    # Countering a threat portrays the one who counters well ("confronting the jihadi network").
    for hit in hits:
        if hit.kind != "countering" or (hit.start, hit.end) in consumed:
            continue
        objects = [h for h in hits if h.kind == "negative" and 0 <= h.start - hit.end <= 4]
        subjects = _nearest(hit, spans, clause, victims=set(), before_only=True, doc=doc)
        if objects and subjects:
            credit(subjects, hit, +1.0)
            consumed.update((h.start, h.end) for h in objects)
            consumed.add((hit.start, hit.end))
    victims = _victims(doc, hits, spans)
    for hit in hits:
        if hit.kind not in ("positive", "negative") or any(a <= hit.start < b for a, b in consumed):
            continue
        targets = _nearest(hit, spans, clause, victims=victims | _patients(doc, hit, spans), doc=doc)
        if targets:
            credit(targets, hit, +1.0 if hit.kind == "positive" else -1.0)
    out = []
    for actor, traces in totals.items():
        total = sum(t.value for t in traces)
        if use_vader:
            compound = _clause_vader(doc, spans[actor], clause)
            if abs(compound) >= VADER_MIN:
                traces.append(Trace("(general sentiment)", "vader", VADER_WEIGHT * compound, 0, 0))
                total += VADER_WEIGHT * compound
        out.append(TargetStance(actor, round(math.tanh(total), 4), traces))
    return out


def _clauses(doc: Doc) -> list[int]:
    """Clause number of every token."""
    ids, current = [], 0
    for i, tok in enumerate(doc):
        if tok.text in CLAUSE_BREAKS or (tok.text in ("-", "–") and i and doc[i - 1].whitespace_):
            current += 1
        ids.append(current)
    return ids


def _position_weights(doc: Doc, lexicon: StanceLexicon) -> list[float]:
    """Half weight inside a leading subordinate clause and inside quotation marks."""
    weights = [1.0] * len(doc)
    if len(doc) and doc[0].lower_ in lexicon.contrast:
        for i, tok in enumerate(doc):
            if tok.text == ",":
                break
            weights[i] = 0.5
    inside = False
    for i, tok in enumerate(doc):
        if tok.text in QUOTES:
            inside = not inside
        elif inside:
            weights[i] *= 0.5
    return weights


def _modifier(doc: Doc, hit: CueHit, lexicon: StanceLexicon, clause: list[int]) -> float:
    value = 1.0
    window = doc[max(0, hit.start - 3) : hit.start]
    if any(t.lower_ in lexicon.negators for t in window if clause[t.i] == clause[hit.start]):
        value = -value
    same = [t for t in doc if clause[t.i] == clause[hit.start]]
    if any(t.lower_ in lexicon.hedges for t in same):
        value *= 0.5
    return value


def _agents(doc: Doc, hit: CueHit, spans: dict[str, list[tuple[int, int]]]) -> list[str]:
    """The actor doing the act: just before it (possessive/adjective) or after by/from."""
    before = [a for a, ss in spans.items() if any(0 <= hit.start - e <= 3 for _, e in ss)]
    if before:
        nearest = min(before, key=lambda a: min(hit.start - e for _, e in spans[a] if hit.start >= e))
        gap = doc[max(e for _, e in spans[nearest] if hit.start >= e) : hit.start]
        if all(t.lower_ in AGENT_GAP for t in gap):
            return _with_list(nearest, spans, doc)
    after = hit.end
    while after < len(doc) and doc[after].lower_ in {"full", "-", "scale", "full-scale"}:
        after += 1
    if after < len(doc) and doc[after].lower_ in AGENT_PREPS:
        first = [a for a, ss in spans.items() if any(after < s <= after + 2 for s, _ in ss)]
        if first:
            return _with_list(first[0], spans, doc)
    return []


def _victims(doc: Doc, hits: list[CueHit], spans: dict[str, list[tuple[int, int]]]) -> set[str]:
    """Actors right after an act and a patient preposition ("invasion of Ukraine")."""
    out = set()
    for hit in hits:
        if hit.kind != "acts":
            continue
        j = hit.end
        if j < len(doc) and doc[j].lower_ in PATIENT_PREPS:
            out |= {a for a, ss in spans.items() if any(j < s <= j + 2 for s, _ in ss)}
    return out


def _patients(doc: Doc, hit: CueHit, spans: dict[str, list[tuple[int, int]]]) -> set[str]:
    """Actors a cue is aimed at, not said of: "threats facing NATO", "hostile to the alliance",
    "an outstanding partner for NATO" (the partner is the subject, not NATO)."""
    j = hit.end
    preps = PATIENT_PREPS - {"of", "in"} if hit.kind == "negative" else {"for", "to"}
    if j >= len(doc) or doc[j].lower_ not in preps:
        return set()
    return {a for a, ss in spans.items() if any(j < s <= j + 3 for s, _ in ss)}


def _following(
    hit: CueHit, spans: dict[str, list[tuple[int, int]]], clause: list[int], reach: int, doc: Doc | None = None
) -> list[str]:
    cands = [
        (min(s - hit.end for s, _ in ss if s >= hit.end), a)
        for a, ss in spans.items()
        if any(0 <= s - hit.end <= reach and clause[s] == clause[hit.start] for s, _ in ss)
    ]
    if not cands:
        return []
    return _with_list(min(cands)[1], spans, doc)


def _nearest(
    hit: CueHit,
    spans: dict[str, list[tuple[int, int]]],
    clause: list[int],
    victims: set[str],
    before_only: bool = False,
    doc: Doc | None = None,
) -> list[str]:
    best: tuple[int, str] | None = None
    for actor, ss in spans.items():
        if actor in victims:
            continue
        for s, e in ss:
            if clause[s] != clause[hit.start] or (before_only and e > hit.start):
                continue
            # An evaluation usually follows its subject ("Turkey vetoed Israel's …", "Russia is a
            # threat"), so an actor after the cue counts as two tokens further away.
            distance = hit.start - e if e <= hit.start else s - hit.end + AFTER_PENALTY if s >= hit.end else 0
            if best is None or (distance, actor) < best:
                best = (distance, actor)
    if best is None:
        return []
    return [a for a in _with_list(best[1], spans, doc) if a == best[1] or a not in victims]


def _listed_together(a: str, b: str, spans: dict[str, list[tuple[int, int]]], doc: Doc | None = None) -> bool:
    """Two actors in one enumeration ("Iran, Hezbollah, Hamas and Houthis", "Russia-China")."""
    for sa, ea in spans[a]:
        for sb, eb in spans[b]:
            lo_end, hi_start = (ea, sb) if ea <= sb else (eb, sa)
            if not 0 <= hi_start - lo_end <= 2:
                continue
            gap = doc[lo_end:hi_start] if doc is not None else []
            if all(t.text in LIST_JOINERS | {"-", "–"} for t in gap):
                return True
    return False


def _with_list(actor: str, spans: dict[str, list[tuple[int, int]]], doc: Doc) -> list[str]:
    group = {actor}
    changed = True
    while changed:
        changed = False
        for other in spans:
            if other not in group and any(_listed_together(g, other, spans, doc) for g in group):
                group.add(other)
                changed = True
    return sorted(group)


def _clause_vader(doc: Doc, actor_spans: list[tuple[int, int]], clause: list[int]) -> float:
    ids = {clause[s] for s, _ in actor_spans}
    text = " ".join(t.text for t in doc if clause[t.i] in ids)
    return vader_compound(text)
