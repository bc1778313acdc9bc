"""Which actors a quality word ("threat", "reliable", "brutal") is said of.

A quality lands on what it is predicated of: the subject of a copula ("Iran is a threat",
"Iran poses a threat"), the noun it modifies or stands in apposition to ("the brutal regime",
"Hezbollah, a terrorist group"), the object of "regard X as", or the source of a quality noun
("the threat from Iran"); a quality of a relationship ("deep ties") reflects on its parties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from analysis.stance.lexicon import StanceLexicon
from analysis.stance.non_portrayals import kind_of_conflict, verb_in
from analysis.stance.syntax import (
    Mentions,
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

RELATION_SHARE = 0.6  # a quality of a relationship ("deep ties") reflects on both parties, less strongly
RELATIVE_WORDS = {"which", "that", "who"}
QUALITY_SOURCE_PREPS = {"from", "by", "like", "including", "such"}


class Qualities:
    """The quality rules of the one rules object in :mod:`analysis.stance.scorer` (a part of its ``_Rules``)."""

    doc: Doc
    ms: Mentions
    lex: StanceLexicon
    ctx: SentenceContext

    def _referent(self, noun: Token) -> set[str]:
        """What a noun phrase refers to; a relational noun ("Lebanon's friends", "NATO partners") is
        not its possessor."""
        if lemma_of(noun) in self.lex.relational_nouns or noun.lower_ in self.lex.relational_nouns:
            out = self.ms.at(noun)
            for child in noun.children:
                if child.dep_ in ("appos", "conj"):
                    out |= stands_for(child, self.ms)
            return out
        out = stands_for(noun, self.ms)
        if noun.dep_ == "conj" and any(c.lower_ == "other" for c in noun.children):
            out |= self.ms.at(noun.head)  # "Hezbollah and other terrorist organizations"
        for clause in noun.children:  # "the terrorist group known as the Islamic State"
            if clause.dep_ == "acl" and lemma_of(clause) in {"know", "call", "name", "dub"}:
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
        if noun is not tok and lemma_of(noun) in self.lex.relations:
            return [(a, voice) for a in sorted(self.parties(noun))]
        if noun is not tok and noun.pos_ in ("VERB", "AUX"):  # "Russia illegally crossed": its doer
            add(self._agents(noun))
            return sorted(set(found))
        if noun is not tok:
            add(self._referent(noun))
            # "unsavory partners such as Russia, Iran": the examples are what is described
            add({a for p in prep_objects(noun, _example_preps(noun)) for a in stands_for(p, self.ms)})
        relational = lemma_of(tok) in self.lex.relational_nouns or tok.lower_ in self.lex.relational_nouns
        if tok.pos_ in ("NOUN", "PROPN") and not relational:
            add(own_modifiers(tok, self.ms))
        if noun is not tok and noun.pos_ in ("NOUN", "PROPN") and lemma_of(noun) not in self.lex.relational_nouns:
            add(own_modifiers(noun, self.ms))
            if self._is_act(noun):  # "provocative attacks by Iran": the agent of the act
                add(self._agents(noun))
            elif not own_modifiers(noun, self.ms):  # "escalatory actions by the Houthis"
                add({a for p in prep_objects(noun, {"by", "from"}) for a in stands_for(p, self.ms)})
            if noun.dep_ == "dobj" and lemma_of(noun.head) in self.lex.light_verbs:  # "conducted risky intercepts"
                subj = subject(noun.head)
                if subj is not None:
                    add(stands_for(subj, self.ms))
        if noun.dep_ in ("attr", "acomp", "oprd") or (noun.dep_ == "dobj" and lemma_of(noun.head) in self.lex.copulas):
            subj = subject(noun.head)
            if subj is not None:
                add(stands_for(subj, self.ms))
        if noun.dep_ == "oprd" or (noun.dep_ == "dobj" and verb_in(lemma_of(noun.head), self.lex.as_verbs)):
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
            if verb_in(lemma_of(verb), self.lex.as_verbs):  # "regard Iran as a threat": the regarder's view
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
            if tok.dep_ == "dobj" and lemma_of(tok.head) in self.lex.light_verbs:  # "demonstrate bravery"
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
                if clause.dep_ in ("acl", "relcl") and lemma_of(clause) in self.lex.copulas | {"present", "pose"}:
                    who = passive_agent(clause) if clause.dep_ == "acl" else subject(clause)
                    if who is not None and who.lower_ not in RELATIVE_WORDS:
                        add(stands_for(who, self.ms))
        return sorted(set(found))

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

    def _describes_relation(self, tok: Token) -> bool:
        cur = tok
        while cur.dep_ in ("amod", "compound", "advmod", "conj") and cur.head is not cur:
            cur = cur.head
        return cur is not tok and lemma_of(cur) in self.lex.relations


def _example_preps(noun: Token) -> set[str]:
    """Prepositions that introduce examples of ``noun``: "like", "including", and "as" after "such"
    ("partners such as Russia", where the parser hangs "such" under "as")."""
    preps = {"like", "such", "including"}
    such_as = any(c.lower_ == "as" and any(g.lower_ == "such" for g in c.children) for c in noun.children)
    return preps | {"as"} if such_as else preps
