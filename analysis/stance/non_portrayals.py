"""Uses of a cue word that portray none of the actors the word touches.

The attachment rules in ``scorer.py`` find *whom* a cue is about; these say when
the grammar shows the actor is not the one portrayed at all, so the cue must not
land on it. Each was seen several times in the development texts and each is a
general shape of English, not a phrase:

* **Victim nouns** — "an American hostage", "Lebanese hostages": the demonym
  names whose people are held, not who holds them. Only a possessive ("Hamas's
  hostages") or a "by" phrase names the hostage-taker.
* **Kinds of conflict** — "the Iran–Israel proxy conflict", "a proxy war": a
  relational word modifying a conflict noun says what kind of conflict it is,
  not what either party is.
* **Coerced victims** — "70,000 Israelis have been forced to live as refugees":
  a passive "forced"/"compelled" describes what was done to its subject; it is
  no appeal to the subject to mend its ways.
* **Prefixed verbs of designation** — "redesignating them as a terrorist group"
  is "designate", whoever the subject of the sentence is.
"""

from __future__ import annotations

from spacy.tokens import Token

# Nouns naming the people an act is done to: their adjectives and compounds are the victims' side.
VICTIM_NOUNS = {"hostage", "hostages", "captive", "captives", "detainee", "detainees", "prisoner", "prisoners"}
# Nouns of a conflict as a whole: a relational modifier says what kind of conflict it is.
CONFLICT_NOUNS = {"conflict", "war", "warfare", "confrontation", "struggle", "rivalry", "battle", "fight", "fighting"}
# Verb prefixes that keep the verb's meaning: "redesignate", "re-designate".
KEEPING_PREFIXES = ("re-", "re")


def victim_noun(tok: Token) -> bool:
    """Whether ``tok`` names the people an act is done to ("hostage"), whose modifiers are victims."""
    return tok.lower_ in VICTIM_NOUNS or tok.lemma_.lower() in VICTIM_NOUNS


def kind_of_conflict(tok: Token, relational_nouns: set[str]) -> bool:
    """Whether a relational cue word ("proxy") only modifies a conflict noun ("proxy war")."""
    word = tok.lemma_.lower()
    if word not in relational_nouns and tok.lower_ not in relational_nouns:
        return False
    if tok.dep_ not in ("amod", "compound", "nmod"):
        return False
    return tok.head.lemma_.lower() in CONFLICT_NOUNS or tok.head.lower_ in CONFLICT_NOUNS


def coerced_victim(verb: Token) -> bool:
    """A passive coercion ("were forced to flee"): its subject suffered it, nobody was appealed to."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def verb_in(lemma: str, verbs: set[str]) -> bool:
    """``lemma`` is one of ``verbs`` or one of them with a prefix that keeps its sense ("redesignate")."""
    if lemma in verbs:
        return True
    return any(lemma.startswith(p) and lemma[len(p) :] in verbs for p in KEEPING_PREFIXES)
