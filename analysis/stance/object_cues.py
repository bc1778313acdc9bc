"""Cues aimed at an actor: judgements, aid and countering ("condemn Iran", "support for Ukraine"),
and appeals ("calls on Israel to stop").

An object cue lands on what the verb or noun is aimed at. A judgement (condemn, praise, accuse)
by a third party is that party's voice, not the author's; aid and countering by a third party
say little about the author's view. An appeal counts against the actor addressed only when
what is asked is corrective.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from analysis.stance.favour import helped_clause_subjects, helper_credit
from analysis.stance.lexicon import Cue, StanceLexicon
from analysis.stance.non_portrayals import coerced_victim
from analysis.stance.syntax import (
    Mentions,
    is_passive,
    lemma_of,
    objects,
    passive_agent,
    predicate_head,
    prep_objects,
    stands_for,
    subject,
)

if TYPE_CHECKING:
    from analysis.stance.scorer import SentenceContext

COUNTERING_CREDIT = 0.6
OBJECT_PREPS = {"of", "against", "on", "for", "to", "with", "toward", "towards", "upon", "at"}


class ObjectCues:
    """The object-cue rules of the one rules object in :mod:`analysis.stance.scorer` (a part of its ``_Rules``)."""

    doc: Doc
    ms: Mentions
    lex: StanceLexicon
    ctx: SentenceContext

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
            if lemma_of(tok.head) not in self.lex.against_heads:
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
        corrective = any(lemma_of(c) in self.lex.corrective for c in asked) or any(
            lemma_of(t) in self.lex.corrective for c in asked for t in c.subtree if t.pos_ == "VERB"
        )
        coercive = lemma_of(tok) in self.lex.coercive_appeals
        if (not corrective and not coercive) or (coercive and coerced_victim(tok)):
            return []  # "were forced to live as refugees": done to them, nothing asked of them
        voice, _ = self._actor_voice(Cue("object", -1, 0.8, "appeal", tok.i, tok.i + 1, "attitude"), tok, subject(tok))
        actors = {x for a in addressees for x in stands_for(a, self.ms)}
        return [(a, voice, -0.8) for a in sorted(actors)]
