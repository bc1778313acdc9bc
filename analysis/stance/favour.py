"""Favourable portrayals no single cue word carries: the author's side helping, its warm ties, upheld goods.

The attachment rules in ``scorer.py`` land an aid cue ("support", "defend", "stand
with") on the one helped. Official statements and speeches are mostly about their
own side's acts, and a careful reader takes "The United States stands with
Ukraine" or "NATO will continue to protect our nations" as the author presenting
itself favourably, not as a neutral report. Three general shapes:

* **The author's side helps** — the doer of an aid act is the author ("we", "our
  Alliance") or the actor the document speaks for ("The United States supports
  …", "with direct assistance from the United States"): the doer is credited.
  "Iran supports Hezbollah" is aid by a third party and credits nobody: a report
  of an alliance, not praise.
* **Warm ties of the author's side** — a relationship warm by name ("friendship",
  "alliance") that the document's own actor is a party of credits every party
  ("U.S.-Polish friendship goes back to …" from the Pentagon); the same between
  others is a plain report.
* **An actor's good upheld** — "Lebanese sovereignty must be respected", "help
  preserve its independence", "deserve respect for their human rights": the text
  takes the owner's claim as right. A violation of the good is read elsewhere
  (acts, victims) and credits nobody.

Negated help ("not to stand with arms crossed") is neither help nor hostility.
Tried and left out: crediting anyone who defends a common good ("defend the
rules-based order") found one right and one wrong reading on the development texts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from analysis.stance.syntax import own_modifiers, prep_objects, stands_for

if TYPE_CHECKING:  # the rules object of scorer.py, which imports this module
    from analysis.stance.lexicon import Cue
    from analysis.stance.scorer import _Rules

SELF_CREDIT = 0.6  # the author's side presented as helping
TIE_CREDIT = 0.6  # a party to a warm relationship with the author's side
GOODS_CREDIT = 0.6  # the owner of a good the sentence upholds ("Lebanon's sovereignty must be respected")
GOODS_PREPS = {"for", "of", "to"}  # "respect for their rights", "committed to the freedom of …"
HELPING_VERBS = {"help", "assist"}  # verbs of "help X do Y"
HELPER_PREPS = {"from", "by"}  # "assistance from the United States", "support by Allies"


def helper_credit(rules: _Rules, cue: Cue, tok: Token, actor_tok: Token | None) -> list[tuple[str, str, float, str]]:
    """Credit for the doer of an aid act, when it is the author's side or the good helped is common."""
    if cue.role != "object" or cue.group != "aid" or cue.sign < 0:
        return []
    doer = actor_tok if actor_tok is not None else _noun_doer(tok)
    if doer is None:
        return []
    actors = stands_for(doer, rules.ms) or own_modifiers(doer, rules.ms)
    if not actors:
        return []
    if rules.negated(tok):  # "was duty-bound not to stand with its arms crossed": no help, no hostility
        return []
    voice = rules.voice_of(tok)
    if rules.is_author_side(doer):
        return [(a, voice, SELF_CREDIT, "helps (own side)") for a in sorted(actors)]
    return []


def helped_clause_subjects(tok: Token, rules: _Rules) -> set[str]:
    """The one helped when the parser makes it the subject of what it is helped to do: "helping
    Ukraine to be in the strongest position", "help Ukraine protect against threats"."""
    out: set[str] = set()
    if tok.lemma_.lower() not in HELPING_VERBS:  # "stand with its arms crossed" is no help to "its"
        return out
    for clause in tok.children:
        if clause.dep_ in ("ccomp", "xcomp") and clause.pos_ in ("VERB", "AUX"):
            for subj in clause.children:
                if subj.dep_ == "nsubj":
                    out |= stands_for(subj, rules.ms)
    return out


def _noun_doer(tok: Token) -> Token | None:
    """The helper of an aid noun given after it: "assistance from the United States"."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    found = prep_objects(tok, HELPER_PREPS)
    return found[0] if found else None


def author_ties(rules: _Rules, tok: Token) -> list[tuple[str, str, float, str]]:
    """Every party of a relationship warm by name ("friendship", "alliance") that the document's own
    actor is a party of: "U.S.-Polish friendship goes back to the Revolutionary War" from the
    Pentagon credits both. Ties between others ("the Iran-Syria alliance") are a plain report."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or (lemma not in rules.lex.warm_relations and tok.lower_ not in rules.lex.warm_relations):
        return []
    parties = rules.parties(tok)
    if not parties & rules.ms.own or rules.negated(tok):
        return []
    voice = rules.voice_of(tok)
    return [(a, voice, TIE_CREDIT, "warm ties (own side)") for a in sorted(parties)]


def upheld_goods(rules: _Rules, tok: Token) -> list[tuple[str, str, float, str]]:
    """The owner of a good that is upheld ("must respect Lebanese sovereignty", "help preserve its
    independence", "deserve respect for their human rights", "will enhance Ukraine's self-defence"):
    the text takes the owner's claim to it as right. Threats to a good are not read here."""
    goods = rules.lex.actor_goods
    if tok.pos_ != "NOUN" or (tok.lemma_.lower() not in goods and tok.lower_ not in goods):
        return []
    chain = [tok]
    while chain[-1].dep_ == "conj" and chain[-1].head is not chain[-1]:
        chain.append(chain[-1].head)  # "its independence, sovereignty and unity": the first holds "its"
    first = chain[-1]
    owners: set[str] = set()
    for t in chain:
        owners |= own_modifiers(t, rules.ms) | {a for p in prep_objects(t, {"of"}) for a in stands_for(p, rules.ms)}
    if not owners:
        return []
    holder = first.head
    if first.dep_ == "pobj" and first.head.lower_ in GOODS_PREPS:
        holder = first.head.head
    elif first.dep_ not in ("dobj", "nsubjpass", "nsubj"):
        return []
    if holder.lemma_.lower() not in rules.lex.upholding and holder.lower_ not in rules.lex.upholding:
        return []
    if first.dep_ == "nsubj" and holder.pos_ != "ADJ":  # "Lebanon's sovereignty respects …" is no shape
        return []
    if rules.negated(holder):
        return []
    voice = rules.voice_of(tok)
    return [(a, voice, GOODS_CREDIT, "upholds its good") for a in sorted(owners)]
