"""Who does an act, and the constructions that cast a doer as doing wrong without a cue word.

An act lands on its agent ("Russia invaded", "Russia's invasion", "Russian aggression",
"attacks by the Houthis"); the one acted on is a victim, which alone is no portrayal. Some
constructions carry blame no single cue word does: holding people hostage, harming what is
protected, waging war on a state, paying a price, and "must stop".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from analysis.stance.lexicon import StanceLexicon
from analysis.stance.non_portrayals import victim_noun
from analysis.stance.syntax import (
    Mentions,
    is_passive,
    lemma_of,
    objects,
    own_modifiers,
    passive_agent,
    prep_objects,
    stands_for,
    subject,
)

if TYPE_CHECKING:
    from analysis.stance.scorer import SentenceContext

HOSTAGE = 1.2
HARM = 1.0
WAR_ON = 0.8
PENALTY = 0.6
MUST_STOP = 0.6
AGENT_PREPS = {"by", "from"}


class Acts:
    """The act rules of the one rules object in :mod:`analysis.stance.scorer` (a part of its ``_Rules``)."""

    doc: Doc
    ms: Mentions
    lex: StanceLexicon
    ctx: SentenceContext

    def _harms_protected(self, verb: Token) -> bool:
        """Whether an act's object or target ("at civilians", "on a hospital") is protected."""
        aimed = objects(verb) + prep_objects(verb, {"at", "on", "against", "into"})
        for target in aimed:
            words = {lemma_of(t) for t in target.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ")}
            if words & self.lex.protected:
                return True
        return False

    def _patterns(self, tok: Token) -> list[tuple[str, float, str]]:
        """Two constructions no single cue word carries: holding or taking people hostage ("citizens
        held hostage by Hamas"), and a corrective verb under "must"/"should" ("their attacks must
        stop", "Iran should cease"): the one who must stop is cast as doing wrong."""
        out: list[tuple[str, float, str]] = []
        lemma = lemma_of(tok)
        if lemma in ("hold", "take", "keep") and any(lemma_of(c) == "hostage" for c in tok.children):
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
            costs = {lemma_of(o) for o in objects(tok)}
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
                elif lemma_of(clause) == "attribute":
                    out |= {a for p in prep_objects(clause, {"to"}) for a in stands_for(p, self.ms)}
        if not out and tok.dep_ == "pobj" and tok.head.lower_ == "in" and lemma_of(tok.head.head) in self.lex.copulas:
            subj = subject(tok.head.head)  # "Turkey has been in breach of several resolutions"
            if subj is not None:
                out |= stands_for(subj, self.ms) or {
                    a for p in prep_objects(subj, AGENT_PREPS) for a in stands_for(p, self.ms)
                }
        if tok.dep_ in ("dobj", "attr") and not out:
            if lemma_of(tok.head) in self.lex.light_verbs or lemma_of(tok.head) in self.lex.copulas:
                subj = subject(tok.head)
                if subj is not None:
                    out |= stands_for(subj, self.ms)
        elif tok.dep_ == "pobj" and not out and lemma_of(tok.head.head) in self.lex.light_verbs:
            subj = subject(tok.head.head)  # "engaged in aggression" — never "was under occupation"
            if subj is not None:
                out |= stands_for(subj, self.ms)
        return out

    def _is_act(self, tok: Token) -> bool:
        """An act with a doer: an act cue, or an act noun ("attack", "strikes") that is no cue itself."""
        if tok.pos_ in ("NOUN", "PROPN") and (lemma_of(tok) in self.lex.act_nouns or tok.lower_ in self.lex.act_nouns):
            return True
        key = (lemma_of(tok),)
        return any(role == "agent" for role, *_ in self.lex.entries.get(key, ()))
