"""Whose voice a cue speaks in: the author's, or a reported speaker's, resolved to an actor.

Every cue the stance rules find belongs to a voice. Inside the clause of a speech verb,
inside quotation marks or after "according to", it is the speaker's (resolved to an actor
where the speaker is one, "Iran's ambassador" -> Iran); the author is the speaker when the
subject is "we"/"I", or the actor the document speaks for in a statement. Kept apart from
the attachment rules because the same question ("who says this?") is asked by all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from analysis.stance.indirect_speech import asks, continues_report
from analysis.stance.lexicon import Cue, StanceLexicon
from analysis.stance.own_side import bare_official
from analysis.stance.syntax import (
    FIRST_PERSON,
    PRONOUNS,
    Mentions,
    is_passive,
    lemma_of,
    own_modifiers,
    passive_agent,
    stands_for,
    subject,
)

if TYPE_CHECKING:
    from analysis.stance.scorer import SentenceContext

AUTHOR = "author"
UNNAMED = "(unnamed speaker)"
THIRD_PARTY_COUNTERING = 0.3  # "Israel seeks to deter Iran" in a neutral narrative
SELF_DESCRIBED_KINDS = {"statement", "speech", "press release", "communiqué", "declaration", "remarks"}
SELF_PRONOUNS = {"it", "its", "itself", "they", "their", "themselves", "we", "our", "us", "his", "he"}
SELF_NOUNS = {"paper", "article", "study", "report", "analysis", "author", "authors", "essay", "chapter", "brief"}


class Voices:
    """The voice rules of the one rules object in :mod:`analysis.stance.scorer` (a part of its ``_Rules``)."""

    doc: Doc
    ms: Mentions
    lex: StanceLexicon
    ctx: SentenceContext

    def voice_of(self, tok: Token) -> str:
        """The voice a token's clause speaks in: the author's, or a reported speaker's."""
        if tok.i in self._voice_cache:
            return self._voice_cache[tok.i]
        voice = AUTHOR
        cur = tok
        for _ in range(12):
            if cur.head is cur:
                break
            said = cur.dep_ in ("ccomp", "parataxis") and lemma_of(cur.head) in self.lex.speech
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
            if verb.pos_ not in ("VERB", "AUX") or lemma_of(verb) not in self.lex.speech:
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
            if not self.quoted[tok.i] and tok.pos_ in ("VERB", "AUX") and lemma_of(tok) in self.lex.speech:
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

    def _holder(self, verb: Token) -> str:
        """Whose view "regard / designate / describe X as Y" is: the author's, or a third party's."""
        clause = self.voice_of(verb)
        if clause != AUTHOR:
            return clause
        who = subject(verb) if not is_passive(verb) else passive_agent(verb)
        if who is None:
            return AUTHOR
        return self._speaker_name(who)  # "the government views Iran as a threat": not the author

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
