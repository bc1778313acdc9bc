"""Who is who in a parsed sentence: the actors a token stands for, subjects, objects, voices.

These are the small questions the stance rules ask of spaCy's dependency parse
(ClearNLP labels: nsubj, dobj, poss, amod, appos, ccomp, …). Kept apart from the
rules so each answer can be tested on its own sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

MODIFIER_DEPS = {"poss", "amod", "compound", "nmod", "npadvmod"}
SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
RELATIVE = {"which", "who", "that", "whom", "whose"}
FIRST_PERSON = {"i", "we", "us", "our", "my"}
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "this", "these", "those"}
QUOTES = {'"', "“", "”", "«", "»"}
# Nouns that stand for the actor that modifies them: "the Iranian regime", "Israel's government".
STAND_IN = {
    "government",
    "regime",
    "forces",
    "force",
    "officials",
    "official",
    "leadership",
    "leader",
    "leaders",
    "army",
    "military",
    "president",
    "minister",
    "ministry",
    "ambassador",
    "envoy",
    "representative",
    "delegation",
    "delegate",
    "troops",
    "soldiers",
    "militia",
    "militias",
    "authorities",
    "administration",
    "state",
    "country",
    "nation",
    "group",
    "organization",
    "organisation",
    "movement",
    "fighters",
    "militants",
    "navy",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "foreign",
    "cabinet",
    "parliament",
    "people",
    "embassy",
    "mission",
    "axis",
    "network",
    "bloc",
    "coalition",
    "camp",
}


ANAPHORS = {"its", "their", "his", "her", "it", "they", "them", "he", "she", "itself", "themselves"}
# "anti-Israel terrorists" are not Israel; "pro-Iranian militias" are not Iran.
NEGATING_PREFIXES = {"anti", "pro", "non", "post", "pre", "ex"}
# "an Iranian-backed militia" is not Iran; "Hamas-led fighters" are Hamas, so "led" is not listed.
NON_REFERENTIAL_PARTICIPLES = {
    "backed",
    "sponsored",
    "funded",
    "designated",
    "supported",
    "armed",
    "trained",
    "allied",
    "aligned",
    "affiliated",
    "inspired",
    "linked",
    "brokered",
    "mediated",
    "hosted",
    "occupied",
    "annexed",
}


@dataclass
class Mentions:
    """Actor mentions of one sentence as token spans; ``own`` are the actors the document speaks for."""

    by_token: dict[int, set[str]]
    roots: dict[int, set[str]]
    own: frozenset[str] = frozenset()
    prefixed: frozenset[int] = frozenset()

    @classmethod
    def build(cls, doc: Doc, mentions: list[tuple[str, int, int]], own: frozenset[str] = frozenset()) -> Mentions:
        by_token: dict[int, set[str]] = {}
        roots: dict[int, set[str]] = {}
        prefixed: set[int] = set()
        for actor, start, end in mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            if _prefixed(doc.text, start, end):
                # "anti-Israel terrorists" are not Israel; a "U.S.-designated" or "Iranian-backed" group
                # is not the United States or Iran: the name modifies a participle, not the noun.
                prefixed.update(t.i for t in span)
                roots.setdefault(span.root.i, set()).add(actor)  # still named: it gets its row
                continue
            for tok in span:
                by_token.setdefault(tok.i, set()).add(actor)
            roots.setdefault(span.root.i, set()).add(actor)
        return cls(by_token, roots, own, frozenset(prefixed))

    def at(self, tok: Token) -> set[str]:
        if tok.i in self.by_token:
            return set(self.by_token[tok.i])
        if tok.lower_ in ANAPHORS:
            return self.antecedent(tok)
        return set()

    def antecedent(self, tok: Token) -> set[str]:
        """A possessive or personal pronoun's actor: the nearest actor named before it in the
        sentence ("the Houthis … their illegal attacks"). A heuristic, right far more often than
        not in this prose; a pronoun with no actor before it refers to nobody here."""
        before = [i for i in self.roots if i < tok.i and i not in self.prefixed]
        if not before:
            return set()
        return set(self.roots[max(before)])


def stands_for(tok: Token, mentions: Mentions, _seen: set[int] | None = None) -> set[str]:
    """The actors a noun phrase headed by ``tok`` refers to: the mention itself, its conjuncts
    and appositions, a stand-in noun's modifiers ("Iranian officials", "the government of
    Israel") and the antecedent of a relative pronoun."""
    seen = _seen if _seen is not None else set()
    if tok.i in seen:
        return set()
    seen.add(tok.i)
    out = mentions.at(tok)
    for child in tok.children:
        if child.dep_ in ("appos", "conj"):
            out |= stands_for(child, mentions, seen)
        elif child.dep_ in MODIFIER_DEPS and (tok.lower_ in STAND_IN or not out):
            out |= _modifier_actors(child, mentions)
        elif child.dep_ == "prep" and child.lower_ == "of" and (tok.lower_ in STAND_IN or tok.pos_ == "PROPN"):
            out |= {a for p in child.children if p.dep_ == "pobj" for a in stands_for(p, mentions, seen)}
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        out |= stands_for(tok.head.head, mentions, seen)
    return out


def _prefixed(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is bound by a hyphen to a prefix ("anti-Israel") or a
    participle ("U.S.-designated", "Iranian-backed"), read on the characters so that one token
    ("U.S.-designated") and three ("Iranian - backed") are alike."""
    before = re.search(r"([A-Za-z]+)-\Z", text[max(0, start - 12) : start])
    after = re.match(r"-([A-Za-z]+)", text[end : end + 16])
    return bool(before and before.group(1).lower() in NEGATING_PREFIXES) or bool(
        after and after.group(1).lower() in NON_REFERENTIAL_PARTICIPLES
    )


def _modifier_actors(child: Token, mentions: Mentions) -> set[str]:
    """A possessor is a whole noun phrase ("the Iranian regime's"); an adjective or compound is
    the mention itself ("Russian", "Houthi")."""
    if child.dep_ == "poss":
        return stands_for(child, mentions)
    out = mentions.at(child)
    if child.lemma_.lower() == "lead" and child.dep_ == "amod":  # "the Hamas-led attacks": the leader's
        out |= {a for c in child.children if c.dep_ in ("npadvmod", "compound", "nmod") for a in mentions.at(c)}
    for conj in child.conjuncts:
        out |= mentions.at(conj)
    return out


def own_modifiers(tok: Token, mentions: Mentions) -> set[str]:
    """Actors that modify a noun as its possessor or adjective: "Russia's", "Russian", "Houthi"."""
    out: set[str] = set()
    for child in tok.children:
        if child.dep_ in MODIFIER_DEPS:
            out |= _modifier_actors(child, mentions)
    return out


def subject(verb: Token) -> Token | None:
    """The subject of a verb, inherited through coordination and control ("Russia invaded and
    annexed", "Iran continues to arm", "Allies are determined to provide"); once inherited, a
    passive subject counts too ("Iraq was attacked after failing to comply")."""
    cur = verb
    for _ in range(6):
        for child in cur.children:
            if child.dep_ in SUBJECT_DEPS or (cur is not verb and child.dep_ == "nsubjpass"):
                return child
        if cur.dep_ in ("conj", "xcomp", "advcl", "relcl", "acomp") and cur.head is not cur:
            if cur.dep_ == "relcl":
                return cur.head  # "Iran, which threatens …": the antecedent
            cur = cur.head
            continue
        if cur.dep_ == "acl" and cur.head.pos_ == "NOUN":  # "their determination to support Ukraine"
            owner = next((c for c in cur.head.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner
        prep = cur.head
        if cur.dep_ == "pcomp" and prep.dep_ == "prep" and prep.lower_ != "for" and prep.head is not prep:
            cur = prep.head  # "started the war by killing …": the one who started it
            continue
        return None
    return None


def passive_agent(verb: Token) -> Token | None:
    """The actor after "by" in a passive clause (also a participle's "by" the parser left as a plain
    preposition: "civilians held hostage by Hamas")."""
    for child in verb.children:
        participle = verb.tag_ == "VBN" or verb.dep_ == "acl"
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by" and participle):
            for p in child.children:
                if p.dep_ == "pobj":
                    return p
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def objects(verb: Token) -> list[Token]:
    """Direct objects (and passive subjects) of a verb, with their conjuncts."""
    out = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "dative", "oprd"):
            out.append(child)
            out.extend(child.conjuncts)
    return out


def prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    """Objects of the prepositions under ``tok`` ("support *for* Ukraine")."""
    out = []
    for child in tok.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            for p in child.children:
                if p.dep_ == "pobj":
                    out.append(p)
                    out.extend(p.conjuncts)
    return out


def predicate_head(tok: Token) -> Token:
    """The verb a word hangs from: itself for a verb, else the nearest verbal ancestor."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def in_quotes(doc: Doc) -> list[bool]:
    """Whether each token lies between quotation marks. A sentence with one unpaired mark is the
    end ('… a destabilizing influence."') or the start of a quotation spanning sentences."""
    marks = [t.i for t in doc if t.text in QUOTES]
    if len(marks) == 1:
        only = marks[0]
        rest = [t for t in doc[only + 1 :] if not t.is_punct]
        if not rest or doc[only].text == "”":  # a closing mark: what precedes it was quoted
            return [t.i < only for t in doc]
        return [t.i > only for t in doc]
    inside, flags = False, []
    for tok in doc:
        if tok.text in QUOTES:
            if tok.text == "“":
                inside = True
            elif tok.text == "”":
                inside = False
            else:
                inside = not inside
            flags.append(False)
        else:
            flags.append(inside)
    return flags


def lemma_of(tok: Token) -> str:
    """The lower-cased lemma, or the lower-cased word where the parser gave none."""
    return tok.lemma_.lower() or tok.lower_
