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

from analysis.stance.favour import author_ties, helped_clause_subjects, helper_credit, upheld_goods
from analysis.stance.indirect_speech import asks, continues_report, speaker_side_subject
from analysis.stance.lexicon import Cue, StanceLexicon
from analysis.stance.non_portrayals import coerced_victim, kind_of_conflict, verb_in, victim_noun
from analysis.stance.own_side import bare_official
from analysis.stance.syntax import (
    FIRST_PERSON,
    PRONOUNS,
    Mentions,
    in_quotes,
    is_passive,
    objects,
    own_modifiers,
    passive_agent,
    predicate_head,
    prep_objects,
    stands_for,
    subject,
)

AUTHOR = "author"
UNNAMED = "(unnamed speaker)"
THRESHOLD = 0.25
NEGATION_FACTOR = -0.5
HEDGE_FACTOR = 0.5
CONDITIONAL_FACTOR = 0.3
QUESTION_FACTOR = 0.5
THIRD_PARTY_COUNTERING = 0.3  # "Israel seeks to deter Iran" in a neutral narrative
COUNTERING_CREDIT = 0.6
HOSTAGE = 1.2
HARM = 1.0
WAR_ON = 0.8
PENALTY = 0.6
MUST_STOP = 0.6
RELATION_SHARE = 0.6  # a quality of a relationship ("deep ties") reflects on both parties, less strongly
SELF_DESCRIBED_KINDS = {"statement", "speech", "press release", "communiqué", "declaration", "remarks"}
AGENT_PREPS = {"by", "from"}
RELATIVE_WORDS = {"which", "that", "who"}
NOT_ONLY = {"only", "just", "merely", "simply", "solely"}
SELF_PRONOUNS = {"it", "its", "itself", "they", "their", "themselves", "we", "our", "us", "his", "he"}
SELF_NOUNS = {"paper", "article", "study", "report", "analysis", "author", "authors", "essay", "chapter", "brief"}
QUALITY_SOURCE_PREPS = {"from", "by", "like", "including", "such"}
OBJECT_PREPS = {"of", "against", "on", "for", "to", "with", "toward", "towards", "upon", "at"}


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


class _Rules:
    """The attachment rules over one parsed sentence."""

    def __init__(self, doc: Doc, ms: Mentions, lexicon: StanceLexicon, context: SentenceContext) -> None:
        self.doc, self.ms, self.lex, self.ctx = doc, ms, lexicon, context
        self.quoted = in_quotes(doc)
        self.question = doc.text.rstrip().endswith("?")
        self._voice_cache: dict[int, str] = {}
        self._quote_speaker = self._speaker_outside_quotes()
        self._according = self._according_to()
        self._delegate_side = speaker_side_subject(doc) is not None  # "His country still suffered …"

    # ----------------------------------------------------------------- rules
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

    def _harms_protected(self, verb: Token) -> bool:
        """Whether an act's object or target ("at civilians", "on a hospital") is protected."""
        aimed = objects(verb) + prep_objects(verb, {"at", "on", "against", "into"})
        for target in aimed:
            words = {_lemma(t) for t in target.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ")}
            if words & self.lex.protected:
                return True
        return False

    def _patterns(self, tok: Token) -> list[tuple[str, float, str]]:
        """Two constructions no single cue word carries: holding or taking people hostage ("citizens
        held hostage by Hamas"), and a corrective verb under "must"/"should" ("their attacks must
        stop", "Iran should cease"): the one who must stop is cast as doing wrong."""
        out: list[tuple[str, float, str]] = []
        lemma = _lemma(tok)
        if lemma in ("hold", "take", "keep") and any(_lemma(c) == "hostage" for c in tok.children):
            doers = self._agents(tok)
            out += [(a, -HOSTAGE, "act") for a in doers]
        if lemma in self.lex.harm_verbs and tok.pos_ == "VERB" and self._harms_protected(tok):
            out += [(a, -HARM, "act") for a in self._agents(tok)]
        if lemma in ("war", "assault") and tok.pos_ == "NOUN":
            # "Putin's war against Ukraine", "Russia's assault on Ukraine": a war waged on a state.
            on = {a for p in prep_objects(tok, {"against", "on"}) for a in stands_for(p, self.ms)}
            doers = own_modifiers(tok, self.ms) - on
            if on and doers:
                out += [(a, -WAR_ON, "act") for a in doers]
        if lemma in ("pay", "face", "bear", "suffer", "incur") and tok.pos_ == "VERB":
            costs = {_lemma(o) for o in objects(tok)}
            if costs & {"price", "cost", "consequence", "responsibility", "blame"}:
                subj = subject(tok)  # "Moscow will pay a steep price", "Russia bears full responsibility"
                if subj is not None:
                    out += [(a, -PENALTY, "act") for a in stands_for(subj, self.ms)]
        if lemma in self.lex.corrective and tok.pos_ == "VERB":
            modals = {c.lower_ for c in tok.children if c.dep_ == "aux"}
            if modals & {"must", "should"}:
                subj = subject(tok)
                if subj is not None:
                    who = stands_for(subj, self.ms) or (self._agents(subj) if self._is_act(subj) else set())
                    out += [(a, -MUST_STOP, "appeal") for a in who]
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
            return head.head is not head and _lemma(head.head) == "role"
        return True

    def _attach(self, cue: Cue, head: Token) -> list[tuple[str, str, float, str]]:
        if cue.role == "quality":
            share = RELATION_SHARE if self._describes_relation(head) else 1.0
            value = cue.value * share
            if _lemma(head) in ("responsible", "responsibility") and prep_objects(head, {"for"}):
                value = -abs(value)  # "responsible for the attacks" blames; "a responsible power" praises
            return [(a, v, value, "quality") for a, v in self._said_of(head)]
        if cue.role == "agent":
            return [(a, self.voice_of(head), cue.value, "act") for a in self._agents(head)]
        if cue.role == "object":
            return self._object_cue(cue, head)
        if cue.role == "framing":
            return [(a, self.voice_of(head), cue.value, "framing") for a in self._framed(head)]
        return []

    def _referent(self, noun: Token) -> set[str]:
        """What a noun phrase refers to; a relational noun ("Lebanon's friends", "NATO partners") is
        not its possessor."""
        if _lemma(noun) in self.lex.relational_nouns or noun.lower_ in self.lex.relational_nouns:
            out = self.ms.at(noun)
            for child in noun.children:
                if child.dep_ in ("appos", "conj"):
                    out |= stands_for(child, self.ms)
            return out
        out = stands_for(noun, self.ms)
        if noun.dep_ == "conj" and any(c.lower_ == "other" for c in noun.children):
            out |= self.ms.at(noun.head)  # "Hezbollah and other terrorist organizations"
        for clause in noun.children:  # "the terrorist group known as the Islamic State"
            if clause.dep_ == "acl" and _lemma(clause) in {"know", "call", "name", "dub"}:
                out |= {a for p in prep_objects(clause, {"as"}) for a in stands_for(p, self.ms)}
                out |= {a for o in objects(clause) for a in stands_for(o, self.ms)}
        return out

    def _said_of(self, tok: Token) -> list[tuple[str, str]]:
        """Actors a quality word is said of, each with the voice that says it."""
        voice = self.voice_of(tok)
        found: list[tuple[str, str]] = []
        if kind_of_conflict(tok, self.lex.relational_nouns):  # "the Iran–Israel proxy conflict"
            return found

        def add(actors: set[str], who: str = voice) -> None:
            found.extend((a, who) for a in actors)

        cur = tok
        # A modifier describes its head: climb from an adjective or adverb to the noun or verb it
        # qualifies ("a reliable and valued partner", "illegally crossed").
        while cur.dep_ in ("amod", "compound", "advmod", "nmod", "npadvmod") or (
            cur.dep_ == "conj" and cur.pos_ == "ADJ" and cur.head.pos_ == "ADJ"
        ):
            if cur.head is cur:
                break
            cur = cur.head
        noun = cur
        if noun is not tok and _lemma(noun) in self.lex.relations:
            return [(a, voice) for a in sorted(self.parties(noun))]
        if noun is not tok and noun.pos_ in ("VERB", "AUX"):  # "Russia illegally crossed": its doer
            add(self._agents(noun))
            return sorted(set(found))
        if noun is not tok:
            add(self._referent(noun))
            # "unsavory partners such as Russia, Iran": the examples are what is described
            add({a for p in prep_objects(noun, _example_preps(noun)) for a in stands_for(p, self.ms)})
        relational = _lemma(tok) in self.lex.relational_nouns or tok.lower_ in self.lex.relational_nouns
        if tok.pos_ in ("NOUN", "PROPN") and not relational:
            add(own_modifiers(tok, self.ms))
        if noun is not tok and noun.pos_ in ("NOUN", "PROPN") and _lemma(noun) not in self.lex.relational_nouns:
            add(own_modifiers(noun, self.ms))
            if self._is_act(noun):  # "provocative attacks by Iran": the agent of the act
                add(self._agents(noun))
            elif not own_modifiers(noun, self.ms):  # "escalatory actions by the Houthis"
                add({a for p in prep_objects(noun, {"by", "from"}) for a in stands_for(p, self.ms)})
            if noun.dep_ == "dobj" and _lemma(noun.head) in self.lex.light_verbs:  # "conducted risky intercepts"
                subj = subject(noun.head)
                if subj is not None:
                    add(stands_for(subj, self.ms))
        if noun.dep_ in ("attr", "acomp", "oprd") or (noun.dep_ == "dobj" and _lemma(noun.head) in self.lex.copulas):
            subj = subject(noun.head)
            if subj is not None:
                add(stands_for(subj, self.ms))
        if noun.dep_ == "oprd" or (noun.dep_ == "dobj" and verb_in(_lemma(noun.head), self.lex.as_verbs)):
            holder = self._holder(noun.head)  # "designated Hezbollah a terrorist organization"
            for o in objects(noun.head):
                if o is not noun:
                    add(stands_for(o, self.ms), holder)
        if noun.dep_ == "appos":
            add(stands_for(noun.head, self.ms))
        for child in noun.children:
            if child.dep_ == "appos":
                add(stands_for(child, self.ms))
        if noun.dep_ == "pobj" and noun.head.lower_ == "as":
            verb = noun.head.head
            if verb_in(_lemma(verb), self.lex.as_verbs):  # "regard Iran as a threat": the regarder's view
                add({a for o in objects(verb) for a in stands_for(o, self.ms)}, self._holder(verb))
            elif verb.pos_ in ("NOUN", "PROPN"):  # "the designation of the Houthis as terrorists"
                add(
                    stands_for(verb, self.ms) or {a for p in prep_objects(verb, {"of"}) for a in stands_for(p, self.ms)}
                )
            elif verb.pos_ in ("VERB", "AUX"):  # "Hezbollah operates as a terrorist state"
                subj = subject(verb)
                if subj is not None:
                    add(stands_for(subj, self.ms))
        if tok.pos_ in ("NOUN", "PROPN") and not relational:
            if tok.dep_ == "dobj" and _lemma(tok.head) in self.lex.light_verbs:  # "demonstrate bravery"
                subj = subject(tok.head)
                if subj is not None:
                    add(stands_for(subj, self.ms))
            if tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.pos_ == "VERB":
                subj = subject(tok.head.head)  # "fight with courage"
                if subj is not None:
                    add(stands_for(subj, self.ms))
        if tok.pos_ in ("NOUN", "PROPN") and not own_modifiers(tok, self.ms):  # "the threat from Iran"
            preps = QUALITY_SOURCE_PREPS | ({"of"} if not relational else set())  # "the bravery of Ukrainians"
            add({a for p in prep_objects(tok, preps) for a in stands_for(p, self.ms)})
            for clause in tok.children:  # "the threat posed by Iran", "the threat that Russia presents"
                if clause.dep_ in ("acl", "relcl") and _lemma(clause) in self.lex.copulas | {"present", "pose"}:
                    who = passive_agent(clause) if clause.dep_ == "acl" else subject(clause)
                    if who is not None and who.lower_ not in RELATIVE_WORDS:
                        add(stands_for(who, self.ms))
        return sorted(set(found))

    def _holder(self, verb: Token) -> str:
        """Whose view "regard / designate / describe X as Y" is: the author's, or a third party's."""
        clause = self.voice_of(verb)
        if clause != AUTHOR:
            return clause
        who = subject(verb) if not is_passive(verb) else passive_agent(verb)
        if who is None:
            return AUTHOR
        return self._speaker_name(who)  # "the government views Iran as a threat": not the author

    def parties(self, rel: Token) -> set[str]:
        """The parties of a relationship noun: its possessors and demonyms ("US-Israel ties"), what
        follows with/between/among, and the subject of the verb that holds it ("Israel maintains
        deep ties with …")."""
        out = own_modifiers(rel, self.ms)
        out |= {a for p in prep_objects(rel, {"with", "between", "among", "to"}) for a in stands_for(p, self.ms)}
        if rel.dep_ in ("dobj", "attr", "nsubj"):
            subj = subject(rel.head) if rel.dep_ != "nsubj" else None
            if subj is not None:
                out |= stands_for(subj, self.ms)
            out |= {a for p in prep_objects(rel.head, {"with", "between"}) for a in stands_for(p, self.ms)}
        return out

    def _agents(self, tok: Token) -> set[str]:
        """Who does an act: the subject of an act verb (the "by" phrase when passive), the possessor
        or demonym of an act noun, or the subject of the light verb that carries it."""
        out: set[str] = set()
        if tok.pos_ in ("VERB", "AUX"):
            agent = passive_agent(tok)  # "personnel detained by the Houthis" has no auxiliary
            if is_passive(tok) or agent is not None:
                if agent is not None:
                    out |= stands_for(agent, self.ms)
            else:
                subj = subject(tok)
                if subj is not None:
                    out |= stands_for(subj, self.ms)
                    if not out and self._is_act(subj):  # "Russia's invasion … violated the Charter"
                        out |= self._agents(subj)
            return out
        if victim_noun(tok):  # "an American hostage" is held, not holding: only "Hamas's hostages"
            out |= {a for c in tok.children if c.dep_ == "poss" for a in stands_for(c, self.ms)}
        else:
            out |= own_modifiers(tok, self.ms)
        if not out:  # "attacks by the Houthis"; with a possessor, "from" is only where from
            for p in prep_objects(tok, AGENT_PREPS):
                out |= stands_for(p, self.ms)
        if not out:  # "a war imposed on them by Hezbollah", "remarks attributed to the president"
            for clause in tok.children:
                if clause.dep_ != "acl":
                    continue
                agent = passive_agent(clause)
                if agent is not None:
                    out |= stands_for(agent, self.ms)
                elif _lemma(clause) == "attribute":
                    out |= {a for p in prep_objects(clause, {"to"}) for a in stands_for(p, self.ms)}
        if not out and tok.dep_ == "pobj" and tok.head.lower_ == "in" and _lemma(tok.head.head) in self.lex.copulas:
            subj = subject(tok.head.head)  # "Turkey has been in breach of several resolutions"
            if subj is not None:
                out |= stands_for(subj, self.ms) or {
                    a for p in prep_objects(subj, AGENT_PREPS) for a in stands_for(p, self.ms)
                }
        if tok.dep_ in ("dobj", "attr") and not out:
            if _lemma(tok.head) in self.lex.light_verbs or _lemma(tok.head) in self.lex.copulas:
                subj = subject(tok.head)
                if subj is not None:
                    out |= stands_for(subj, self.ms)
        elif tok.dep_ == "pobj" and not out and _lemma(tok.head.head) in self.lex.light_verbs:
            subj = subject(tok.head.head)  # "engaged in aggression" — never "was under occupation"
            if subj is not None:
                out |= stands_for(subj, self.ms)
        return out

    def _describes_relation(self, tok: Token) -> bool:
        cur = tok
        while cur.dep_ in ("amod", "compound", "advmod", "conj") and cur.head is not cur:
            cur = cur.head
        return cur is not tok and _lemma(cur) in self.lex.relations

    def _is_act(self, tok: Token) -> bool:
        """An act with a doer: an act cue, or an act noun ("attack", "strikes") that is no cue itself."""
        if tok.pos_ in ("NOUN", "PROPN") and (_lemma(tok) in self.lex.act_nouns or tok.lower_ in self.lex.act_nouns):
            return True
        key = (_lemma(tok),)
        return any(role == "agent" for role, *_ in self.lex.entries.get(key, ()))

    def _object_cue(self, cue: Cue, tok: Token) -> list[tuple[str, str, float, str]]:
        targets: set[str] = set()
        if tok.pos_ in ("VERB", "AUX"):
            for o in objects(tok):
                if tok.lemma_ == "accuse" or o.dep_ != "oprd":
                    targets |= stands_for(o, self.ms)
                    if cue.group == "attitude" and cue.sign < 0 and not stands_for(o, self.ms):
                        targets |= self._agents(o)  # "condemn the attacks by Hezbollah / remarks attributed to"
            targets |= {a for p in prep_objects(tok, OBJECT_PREPS) for a in stands_for(p, self.ms)}
            if not targets and cue.group == "aid":  # "help Ukraine defend itself": parsed as the clause's subject
                targets |= helped_clause_subjects(tok, self)
            actor_tok = subject(tok) if not is_passive(tok) else passive_agent(tok)
        elif tok.pos_ == "ADP":  # a bare "against": the adversary of a fight, not an act's victim
            if _lemma(tok.head) not in self.lex.against_heads:
                return []
            targets |= {a for p in tok.children if p.dep_ == "pobj" for a in stands_for(p, self.ms)}
            actor_tok = subject(predicate_head(tok.head))
        else:
            targets |= {a for p in prep_objects(tok, OBJECT_PREPS) for a in stands_for(p, self.ms)}
            if not targets and tok.dep_ == "dobj":  # "provide support to Ukraine": the verb holds "to"
                targets |= {a for p in prep_objects(tok.head, {"to", "for", "with"}) for a in stands_for(p, self.ms)}
            # Whose judgement or act the noun is: its possessor ("our support", "Iran's condemnation"),
            # or the subject of the verb that has it ("we reaffirm our support"); else nobody named.
            actor_tok = next((c for c in tok.children if c.dep_ == "poss"), None)
            if actor_tok is None:  # "NATO assistance", "U.S. support"
                actor_tok = next((c for c in tok.children if c.dep_ in ("compound", "amod") and self.ms.at(c)), None)
            if actor_tok is None and tok.dep_ in ("dobj", "attr"):
                actor_tok = subject(tok.head)
        out: list[tuple[str, str, float, str]] = helper_credit(self, cue, tok, actor_tok)
        if cue.group == "countering" and cue.sign < 0 and actor_tok is not None and self._aimed_at_wrong(tok):
            # Countering a threat portrays the one who counters well ("Israel has been confronting the
            # jihadi network", "NATO deters aggression").
            for a in stands_for(actor_tok, self.ms):
                out.append((a, self.voice_of(tok), COUNTERING_CREDIT, "counters a threat"))
        if not targets:
            return out
        voice, weight = self._actor_voice(cue, tok, actor_tok)
        if weight == 0:
            return out
        kind = "judgement" if cue.group == "attitude" else cue.group
        return out + [(a, voice, cue.value * weight, kind) for a in targets]

    def _aimed_at_wrong(self, verb: Token) -> bool:
        """Whether what a countering verb is aimed at is itself cast as hostile (a threat, an attack)."""
        aimed = objects(verb) + prep_objects(verb, {"against"})
        hostile = {c.start for c in self._cues if c.sign < 0 and c.role in ("quality", "agent", "framing")}
        return any(t.i in hostile or (t in aimed and self._is_act(t)) for o in aimed for t in o.subtree)

    def _actor_voice(self, cue: Cue, tok: Token, actor_tok: Token | None) -> tuple[str, float]:
        """Whose evaluation an object cue is, and how much of it the author's view carries."""
        clause = self.voice_of(tok)
        if clause != AUTHOR:
            return clause, 1.0
        if actor_tok is None:
            # No one named: an imperative is the author's ("Support Ukraine"); an impersonal noun
            # ("sanctions against Iran", "condemnation of the attack") reports, it does not judge.
            if tok.pos_ == "VERB" and tok.dep_ == "ROOT" and tok.tag_ == "VB":
                return AUTHOR, 1.0
            return AUTHOR, 0.0
        who = self._speaker_name(actor_tok)
        if who == AUTHOR:
            return AUTHOR, 1.0
        if cue.group == "attitude":  # "He blamed Hezbollah", "Iran accused Israel": their judgement
            return who, 1.0
        if who == UNNAMED:
            return AUTHOR, 0.0
        if cue.group == "countering":
            return AUTHOR, THIRD_PARTY_COUNTERING
        return AUTHOR, 0.0  # third-party aid: an act, not the author's judgement

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

    def _appeal(self, tok: Token) -> list[tuple[str, str, float]]:
        """ "calls on X to stop …": X, if what is asked is corrective."""
        verb = tok
        addressees: list[Token] = list(objects(verb)) + prep_objects(verb, {"on", "upon", "to"})
        for child in verb.children:
            if child.dep_ == "prt":
                addressees += prep_objects(child, {"on", "upon"})
                addressees += [p for p in child.children if p.dep_ == "pobj"]
        asked = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "advcl")]
        for c in list(asked):
            if c.dep_ == "ccomp":  # "demand that Israel stop": the clause's subject is addressed
                subj = subject(c)
                if subj is not None:
                    addressees.append(subj)
        for a in addressees:
            for c in a.children:
                if c.dep_ in ("relcl", "acl", "xcomp"):
                    asked.append(c)
        corrective = any(_lemma(c) in self.lex.corrective for c in asked) or any(
            _lemma(t) in self.lex.corrective for c in asked for t in c.subtree if t.pos_ == "VERB"
        )
        coercive = _lemma(tok) in self.lex.coercive_appeals
        if (not corrective and not coercive) or (coercive and coerced_victim(tok)):
            return []  # "were forced to live as refugees": done to them, nothing asked of them
        voice, _ = self._actor_voice(Cue("object", -1, 0.8, "appeal", tok.i, tok.i + 1, "attitude"), tok, subject(tok))
        actors = {x for a in addressees for x in stands_for(a, self.ms)}
        return [(a, voice, -0.8) for a in sorted(actors)]

    # ------------------------------------------------------------ modifiers
    def _modifier(self, tok: Token) -> float:
        value = 1.0
        pred = predicate_head(tok)
        if self.negated(tok):
            value *= NEGATION_FACTOR
        if any(c.lower_ in self.lex.hedges for t in (tok, pred) for c in t.children if c.dep_ in ("aux", "advmod")):
            value *= HEDGE_FACTOR
        if self._conditional(pred):
            value *= CONDITIONAL_FACTOR
        if self.question:
            value *= QUESTION_FACTOR
        return value

    def negated(self, tok: Token) -> bool:
        """Whether a negation reverses the cue word ``tok`` (see :meth:`_negation_scope`)."""
        return any(self._negated(t) for t in self._negation_scope(tok))

    def _negation_scope(self, tok: Token) -> list[Token]:
        """Where a negation reverses a cue: on the cue itself, or on the copula it is predicated by
        ("is not a threat", "does not pose a threat", "not a reliable partner") — not on a verb whose
        object merely contains the cue ("would never accept the aggression")."""
        scope = [tok]
        cur = tok
        while cur.dep_ in ("amod", "compound", "advmod") and cur.head is not cur:
            cur = cur.head
            scope.append(cur)
        if cur.dep_ in ("attr", "acomp", "oprd") or (cur.dep_ == "dobj" and _lemma(cur.head) in self.lex.copulas):
            scope.append(cur.head)
        return scope

    def _negated(self, tok: Token) -> bool:
        for child in tok.children:
            if child.dep_ == "neg" or (child.dep_ in ("det", "advmod") and child.lower_ in self.lex.negators):
                following = self.doc[child.i + 1] if child.i + 1 < len(self.doc) else None
                if following is not None and following.lower_ in NOT_ONLY:
                    continue  # "not just a threat to Ukraine": an intensifier, not a negation
                return True
        return False

    def _conditional(self, pred: Token) -> bool:
        cur = pred
        for _ in range(6):
            if any(c.dep_ == "mark" and c.lower_ in self.lex.conditionals for c in cur.children):
                return True
            if cur.head is cur:
                return False
            cur = cur.head
        return False

    # ---------------------------------------------------------------- voice
    def voice_of(self, tok: Token) -> str:
        """The voice a token's clause speaks in: the author's, or a reported speaker's."""
        if tok.i in self._voice_cache:
            return self._voice_cache[tok.i]
        voice = AUTHOR
        cur = tok
        for _ in range(12):
            if cur.head is cur:
                break
            said = cur.dep_ in ("ccomp", "parataxis") and _lemma(cur.head) in self.lex.speech
            if said or asks(cur) or continues_report(cur, self.lex.speech):
                voice = self._speaker_name(self._speaker_token(cur.head))
                break
            cur = cur.head
        if voice == AUTHOR and self.quoted[tok.i]:
            voice = self._quote_speaker
        if voice == AUTHOR and self._according is not None and not self._inside(tok, self._according[1]):
            voice = self._according[0]
        if voice == AUTHOR and self._delegate_side:
            voice = UNNAMED
        self._voice_cache[tok.i] = voice
        return voice

    def self_reports(self) -> set[str]:
        """Actors that speak about themselves: the speaker of a reported clause that refers back to
        it ("Tehran says it has that right")."""
        out: set[str] = set()
        for verb in self.doc:
            if verb.pos_ not in ("VERB", "AUX") or _lemma(verb) not in self.lex.speech:
                continue
            speaker = self._speaker_name(self._speaker_token(verb))
            if speaker in (AUTHOR, UNNAMED):
                continue
            for clause in verb.children:
                if clause.dep_ in ("ccomp", "parataxis") and any(t.lower_ in SELF_PRONOUNS for t in clause.subtree):
                    out.add(speaker)
        return out

    def _speaker_token(self, verb: Token) -> Token | None:
        if is_passive(verb):
            return passive_agent(verb)
        return subject(verb)

    def is_author_side(self, tok: Token) -> bool:
        """Whether ``tok`` is the author or the actor the document speaks for ("we", "The United States
        supports" in a State Department statement)."""
        return self._speaker_name(tok) == AUTHOR

    def _speaker_name(self, tok: Token | None) -> str:
        """An actor's name where the speaker is or speaks for one; the author for "we"/"I" and for the
        document's own actor in a statement; else the name as written, or 'unnamed'."""
        if tok is None:
            return UNNAMED
        if tok.lower_ in FIRST_PERSON or self._self_reference(tok):
            return AUTHOR
        if any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON for c in tok.children):
            return AUTHOR  # "our task", "our Alliance"
        actors = stands_for(tok, self.ms) or own_modifiers(tok, self.ms)
        if actors:
            if actors & self.ms.own and self._speaks_for_document(tok):
                return AUTHOR
            return sorted(actors)[0]
        if tok.lower_ in PRONOUNS:
            return UNNAMED
        if self.ms.own and self.ctx.kind.lower() in SELF_DESCRIBED_KINDS and bare_official(tok):
            return AUTHOR  # "the Secretary will underscore support" in the department's own briefing
        if tok.pos_ == "PROPN":
            names = [t.text for t in tok.subtree if t.pos_ == "PROPN" and t.i <= tok.i]
            return " ".join(names) or tok.text
        return UNNAMED

    @staticmethod
    def _self_reference(tok: Token) -> bool:
        """ "This paper argues", "the article notes", "the authors contend": the author's own voice."""
        determiners = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
        return tok.lower_ in SELF_NOUNS and bool(determiners & {"this", "the", "our", "present"})

    def _speaks_for_document(self, tok: Token) -> bool:
        if self.ctx.kind.lower() in SELF_DESCRIBED_KINDS:
            return True
        verb = tok.head
        return verb.tag_ in ("VBZ", "VBP")

    def _speaker_outside_quotes(self) -> str:
        """The speaker of quoted words: the subject of a speech verb outside the quotation marks."""
        if not any(self.quoted):
            return AUTHOR
        for tok in self.doc:
            if not self.quoted[tok.i] and tok.pos_ in ("VERB", "AUX") and _lemma(tok) in self.lex.speech:
                return self._speaker_name(self._speaker_token(tok))
        return UNNAMED

    def _according_to(self) -> tuple[str, Token] | None:
        for tok in self.doc:
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                for p in self.doc[tok.i + 1].children:
                    if p.dep_ == "pobj":
                        return self._speaker_name(p), self.doc[tok.i + 1]
        return None

    @staticmethod
    def _inside(tok: Token, ancestor: Token) -> bool:
        return ancestor.i == tok.i or ancestor in tok.ancestors

    # ---------------------------------------------------------------- traces
    def _trace(self, cue: Cue, kind: str, value: float) -> Trace:
        return self._trace_span(cue.start, cue.end, kind, value, cue.phrase)

    def _trace_span(self, start: int, end: int, kind: str, value: float, phrase: str = "") -> Trace:
        span = self.doc[start:end]
        return Trace(phrase or span.text.lower(), kind, round(value, 4), span.start_char, span.end_char)


def _phrase_head(doc: Doc, cue: Cue) -> Token:
    """The syntactic head of a multi-word cue ("war crime" → crime, "stand with" → stand)."""
    span = doc[cue.start : cue.end]
    return span.root


def _example_preps(noun: Token) -> set[str]:
    """Prepositions that introduce examples of ``noun``: "like", "including", and "as" after "such"
    ("partners such as Russia", where the parser hangs "such" under "as")."""
    preps = {"like", "such", "including"}
    such_as = any(c.lower_ == "as" and any(g.lower_ == "such" for g in c.children) for c in noun.children)
    return preps | {"as"} if such_as else preps


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() or tok.lower_
