"""Target-dependent stance of one sentence towards each actor it names, by voice.

Every evaluative cue is attached to the actor it is *about* through the
dependency parse, never to whichever actor stands nearest:

* **Qualities** ("threat", "reliable", "brutal") land on what they are said of:
  the subject of a copula ("Iran is a threat", "Iran poses a threat"), the noun
  they modify or stand in apposition to ("the brutal regime", "Hezbollah, a
  terrorist group"), the object of "regard X as", or the source of a quality
  noun ("the threat from Iran").
* **Acts** land on their agent ("Russia invaded", "Russia's invasion", "Russian
  aggression", "attacks by the Houthis", "Hamas carried out a massacre"); the one
  acted on is a victim, which alone is no portrayal.
* **Object cues** land on what the verb or noun is aimed at ("condemn Iran",
  "sanctions against Russia", "support for Ukraine"). A judgement (condemn,
  praise, accuse) by a third party is that party's voice, not the author's; aid
  and countering by a third party say little about the author's view.
* **Appeals** ("calls on Israel to respect the law", "urged Iran to stop") count
  against the actor addressed only when what is asked is corrective.
* **Framing** terms ("the Zionist regime", "the Iranian regime", "Hamas
  terrorists", "the so-called …") mark the actor they name or modify.

Then: a negation on the cue or its predicate flips it at half strength ("not a
threat"); a hedge or modal halves it; a conditional clause or a question weakens
it. Each cue belongs to a **voice**: the author's, or — inside the clause of a
speech verb, inside quotation marks, after "according to" — the speaker's
(resolved to an actor where the speaker is one, "Iran's ambassador" → Iran). The
author is the speaker when the subject is "we"/"I", or the actor the document
speaks for in a statement. Per (actor, voice) the score is tanh of the summed
cue values: in [-1, 1], 0 when nothing evaluative is said.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from analysis.stance.acts import Acts
from analysis.stance.favour import author_ties, upheld_goods
from analysis.stance.indirect_speech import speaker_side_subject
from analysis.stance.lexicon import Cue, StanceLexicon
from analysis.stance.modifiers import Modifiers
from analysis.stance.object_cues import ObjectCues
from analysis.stance.qualities import RELATION_SHARE, Qualities
from analysis.stance.syntax import Mentions, in_quotes, lemma_of, own_modifiers, prep_objects, stands_for
from analysis.stance.voices import AUTHOR, Voices

THRESHOLD = 0.25


@dataclass
class Trace:
    """One cue's contribution to one actor in one voice; offsets are character offsets in the sentence."""

    phrase: str
    kind: str
    value: float
    start: int
    end: int


@dataclass
class TargetStance:
    actor: str
    score: float
    voice: str = AUTHOR
    traces: list[Trace] = field(default_factory=list)

    @property
    def label(self) -> str:
        return label_of(self.score)


def label_of(score: float, threshold: float = THRESHOLD) -> str:
    return "positive" if score > threshold else "negative" if score < -threshold else "neutral"


@dataclass(frozen=True)
class SentenceContext:
    """What the rules know beyond the sentence: the document's own actors and its kind."""

    own: frozenset[str] = frozenset()
    kind: str = ""


def score_sentence(
    doc: Doc,
    mentions: list[tuple[str, int, int]],
    lexicon: StanceLexicon,
    context: SentenceContext | None = None,
) -> list[TargetStance]:
    """Stance towards every actor in ``mentions`` ((actor, start_char, end_char) in ``doc``'s text).

    Always one author-voice row per actor named; one more per other voice whose clause names
    the actor or says something of it.
    """
    context = context or SentenceContext()
    ms = Mentions.build(doc, mentions, context.own)
    named = sorted({a for actors in ms.roots.values() for a in actors})
    if not named:
        return []
    rules = _Rules(doc, ms, lexicon, context)
    contributions = rules.run()
    # The voices each actor's mentions sit in: a mention inside reported speech is quoted.
    voiced: dict[tuple[str, str], list[Trace]] = {(a, AUTHOR): [] for a in named}
    for root, actors in ms.roots.items():
        voice = rules.voice_of(doc[root])
        for actor in actors:
            if voice != AUTHOR:
                voiced.setdefault((actor, voice), [])
    for actor in rules.self_reports():  # "Iran says it is enriching uranium for peaceful purposes"
        if actor in named:
            voiced.setdefault((actor, actor), [])
    best: dict[tuple[str, str, int], Trace] = {}
    for actor, voice, trace, token_key in contributions:
        if actor not in named:
            continue
        key = (actor, voice, token_key)
        if key not in best or abs(trace.value) > abs(best[key].value):
            best[key] = trace
    for (actor, voice, _), trace in sorted(best.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
        voiced.setdefault((actor, voice), []).append(trace)
    out = []
    for (actor, voice), traces in sorted(voiced.items()):
        total = sum(t.value for t in traces)
        out.append(TargetStance(actor, round(math.tanh(total), 4), voice, traces))
    return out


class _Rules(Acts, Qualities, ObjectCues, Modifiers, Voices):
    """The attachment rules over one parsed sentence: where each cue lands, by role (the parts in
    :mod:`~analysis.stance.acts`, :mod:`~analysis.stance.qualities`, :mod:`~analysis.stance.object_cues`),
    how much it counts (:mod:`~analysis.stance.modifiers`) and in whose voice (:mod:`~analysis.stance.voices`)."""

    def __init__(self, doc: Doc, ms: Mentions, lexicon: StanceLexicon, context: SentenceContext) -> None:
        self.doc, self.ms, self.lex, self.ctx = doc, ms, lexicon, context
        self.quoted = in_quotes(doc)
        self.question = doc.text.rstrip().endswith("?")
        self._voice_cache: dict[int, str] = {}
        self._quote_speaker = self._speaker_outside_quotes()
        self._according = self._according_to()
        self._delegate_side = speaker_side_subject(doc) is not None  # "His country still suffered …"

    def run(self) -> list[tuple[str, str, Trace, int]]:
        out: list[tuple[str, str, Trace, int]] = []
        self._cues = [c for c in self.lex.find(self.doc) if self._usable(c)]
        for cue in self._cues:
            head = _phrase_head(self.doc, cue)
            for actor, voice, value, kind in self._attach(cue, head):
                value *= self._modifier(head)
                if value:
                    out.append((actor, voice, self._trace(cue, kind, value), cue.start))
        for i, tok in enumerate(self.doc):
            n = self.lex.is_appeal(self.doc, i)
            if n:
                for actor, voice, value in self._appeal(tok):
                    out.append((actor, voice, self._trace_span(i, i + n, "appeal", value), i))
            for actor, value, kind in self._patterns(tok):
                out.append((actor, self.voice_of(tok), self._trace_span(i, i + 1, kind, value), i))
            for actor, voice, value, kind in author_ties(self, tok) + upheld_goods(self, tok):
                out.append((actor, voice, self._trace_span(i, i + 1, kind, value), i))
        return out

    def _usable(self, cue: Cue) -> bool:
        """A cue word inside a name is no cue ("Great Britain", "International Criminal Court"),
        unless it is a loaded name ("the Zionist regime"); an act or object word must be used as
        a noun, verb or adjective ("towed back" is not "back"), a bare "against" excepted."""
        head = _phrase_head(self.doc, cue)
        if cue.role != "framing" and (head.i in self.ms.by_token or head.pos_ == "PROPN"):
            return False
        if cue.role in ("agent", "object") and head.pos_ in ("ADV", "PART", "DET", "ADP"):
            return cue.role == "object" and head.lower_ == "against"
        if cue.phrase in self.lex.verb_only and head.pos_ != "VERB":
            return False
        if cue.group == "relation":  # "deep ties" yes, "their deepest sympathy" no
            return self._describes_relation(head)
        if cue.group == "role":  # "played a leading role" yes, "a leading cause" no
            return head.head is not head and lemma_of(head.head) == "role"
        return True

    def _attach(self, cue: Cue, head: Token) -> list[tuple[str, str, float, str]]:
        if cue.role == "quality":
            share = RELATION_SHARE if self._describes_relation(head) else 1.0
            value = cue.value * share
            if lemma_of(head) in ("responsible", "responsibility") and prep_objects(head, {"for"}):
                value = -abs(value)  # "responsible for the attacks" blames; "a responsible power" praises
            return [(a, v, value, "quality") for a, v in self._said_of(head)]
        if cue.role == "agent":
            return [(a, self.voice_of(head), cue.value, "act") for a in self._agents(head)]
        if cue.role == "object":
            return self._object_cue(cue, head)
        if cue.role == "framing":
            return [(a, self.voice_of(head), cue.value, "framing") for a in self._framed(head)]
        return []

    def _framed(self, tok: Token) -> set[str]:
        """Actors a loaded term names or modifies: inside the mention, its head, or its modifiers."""
        out = self.ms.at(tok)
        cur = tok
        while cur.dep_ in ("amod", "compound") and cur.head is not cur:
            cur = cur.head
            out |= self.ms.at(cur)
        if cur is not tok:  # the framed noun's own actor, never the others in its list
            out |= own_modifiers(cur, self.ms)
            out |= {a for c in cur.children if c.dep_ == "appos" for a in stands_for(c, self.ms)}
        if tok.lower_ in ("regime", "junta") or tok.pos_ in ("NOUN", "PROPN"):
            out |= own_modifiers(tok, self.ms)
            if tok.lower_ in ("regime", "junta") and not out:  # "the Asad regime in Syria", not what follows it
                places = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "of") for p in c.children]
                out |= {a for p in places if p.dep_ == "pobj" for a in self.ms.at(p)}
            for child in tok.children:
                if child.dep_ == "appos":
                    out |= stands_for(child, self.ms)
        return out

    def _trace(self, cue: Cue, kind: str, value: float) -> Trace:
        return self._trace_span(cue.start, cue.end, kind, value, cue.phrase)

    def _trace_span(self, start: int, end: int, kind: str, value: float, phrase: str = "") -> Trace:
        span = self.doc[start:end]
        return Trace(phrase or span.text.lower(), kind, round(value, 4), span.start_char, span.end_char)


def _phrase_head(doc: Doc, cue: Cue) -> Token:
    """The syntactic head of a multi-word cue ("war crime" → crime, "stand with" → stand)."""
    span = doc[cue.start : cue.end]
    return span.root
