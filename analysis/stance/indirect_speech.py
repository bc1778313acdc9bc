"""Reported speech that carries no speech verb of its own in the clause being read.

Meeting coverage (the UN's press releases above all) reports a delegate over
several sentences and clauses, and only the first has "said". Three shapes mark
the rest as the delegate's words, not the author's:

* **The delegate's own side** — "His country still suffered Israeli aggression",
  "Her delegation rejected …": "his/her" + country, delegation, government …
  speaks from the speaker's side, never the reporter's.
* **A clause joined to "said" in the pluperfect** — "X said Lebanon had
  cooperated, but its efforts had met Israeli intransigence": the back-shifted
  tense of the second clause is the first's reported speech continued.
* **What an appeal asks** — "He requested the Council to order Israel to cease
  its aggression": what is asked is the asker's wording, like "urged … to".
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

SPEAKER_SIDE_NOUNS = {"country", "delegation", "government", "nation", "people", "region", "state", "authorities"}
SPEAKER_POSSESSIVES = {"his", "her"}
# Verbs whose infinitive complement is the subject's words: "urged X to stop", "requested X to order".
ASKING_VERBS = {"vow", "pledge", "promise", "threaten", "urge", "request", "ask", "call", "demand", "appeal", "press"}


def speaker_side_subject(doc: Doc) -> Token | None:
    """The "his country" / "her delegation" subject of a sentence, if it has one."""
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.lower_ not in SPEAKER_SIDE_NOUNS:
            continue
        if tok.head.dep_ != "ROOT" or any(c.dep_ == "case" for c in tok.children):
            continue  # the main clause's subject, not a possessor misread as one ("his government's …")
        if any(c.dep_ == "poss" and c.lower_ in SPEAKER_POSSESSIVES for c in tok.children):
            return tok
    return None


def continues_report(clause: Token, speech: set[str]) -> bool:
    """A clause conjoined to a past speech verb and told in the pluperfect ("…, but its efforts
    had met …") continues what was said."""
    if clause.dep_ != "conj" or clause.head.lemma_.lower() not in speech or clause.head.tag_ != "VBD":
        return False
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in clause.children) and clause.tag_ == "VBN"


def asks(clause: Token) -> bool:
    """An infinitive complement of an asking verb: the asker's words."""
    return clause.dep_ == "xcomp" and clause.head.lemma_.lower() in ASKING_VERBS
