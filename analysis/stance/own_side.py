"""Who speaks for the document besides "we" and its own named actor: its bare officials.

A State Department briefing says "the Secretary will join NATO Allies in underscoring
support for Ukraine"; a Defense Department statement, "the Secretary reaffirmed …".
The labelling rules take such a readout of the department's own principal as the
author's voice, and a careful reader does the same: in a statement or speech of an
actor, a title with no one else's name on it ("the Secretary", "the President", "the
Secretary-General") is that actor's official. A title that names whose it is ("the
President of the Council", "Iran's foreign minister", "President Putin") is not bare.
"""

from __future__ import annotations

from spacy.tokens import Token

OFFICIAL_TITLES = {
    "secretary",
    "secretary-general",
    "president",
    "minister",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "administration",
    "deputy",
    "undersecretary",
}


def bare_official(tok: Token) -> bool:
    """ "the Secretary", "the President": a title with "the" and no name, possessor or "of" phrase."""
    if tok.lower_ not in OFFICIAL_TITLES:
        return False
    dets = [c for c in tok.children if c.dep_ == "det"]
    if not dets or dets[0].lower_ != "the":
        return False
    named = ("poss", "compound", "amod", "nmod", "appos")
    if any(c.dep_ in named for c in tok.children):
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
