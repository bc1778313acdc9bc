"""Favourable portrayals no single cue word carries: who helps, and who stands beside the author.

The attachment rules in ``scorer.py`` land an aid cue ("support", "defend", "stand
with") on the one helped. Official statements and speeches are mostly about their
own side's acts, and a careful reader takes "The United States stands with
Ukraine" or "NATO will continue to protect our nations" as the author presenting
itself favourably, not as a neutral report. Two general shapes credit the helper:

* **The author's side helps** — the doer of an aid act is the author ("we", "our
  Alliance") or the actor the document speaks for ("The United States supports
  …", "with direct assistance from the United States"): the doer is credited.
* **Anyone defends a common good** — "Estonia has been a leader in the effort to
  defend the rules-based order", "vessels defending the safety of shipping": what
  is helped is no actor but a good everybody claims (freedom, security, lives,
  the law), so the helper is credited whoever it is. "Iran supports Hezbollah" is
  aid to an actor by a third party and credits nobody: that is a report of an
  alliance, not praise.

Kept apart from the attachment rules so each shape has its own tests.
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
