"""What weakens or reverses a cue: negation, hedges and modals, conditional clauses, questions.

A negation on the cue or its predicate flips it at half strength ("not a threat"); a hedge
or modal halves it; a conditional clause or a question weakens it. Kept apart from the
attachment rules: these scale a cue's value whatever actor it lands on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from analysis.stance.lexicon import StanceLexicon
from analysis.stance.syntax import (
    Mentions,
    lemma_of,
    predicate_head,
)

if TYPE_CHECKING:
    from analysis.stance.scorer import SentenceContext

NEGATION_FACTOR = -0.5
HEDGE_FACTOR = 0.5
CONDITIONAL_FACTOR = 0.3
QUESTION_FACTOR = 0.5
NOT_ONLY = {"only", "just", "merely", "simply", "solely"}


class Modifiers:
    """The modifier rules of the one rules object in :mod:`analysis.stance.scorer` (a part of its ``_Rules``)."""

    doc: Doc
    ms: Mentions
    lex: StanceLexicon
    ctx: SentenceContext

    def _modifier(self, tok: Token) -> float:
        value = 1.0
        pred = predicate_head(tok)
        if self.negated(tok):
            value *= NEGATION_FACTOR
        if any(c.lower_ in self.lex.hedges for t in (tok, pred) for c in t.children if c.dep_ in ("aux", "advmod")):
            value *= HEDGE_FACTOR
        if self._conditional(pred):
            value *= CONDITIONAL_FACTOR
        if self.question:
            value *= QUESTION_FACTOR
        return value

    def negated(self, tok: Token) -> bool:
        """Whether a negation reverses the cue word ``tok`` (see :meth:`_negation_scope`)."""
        return any(self._negated(t) for t in self._negation_scope(tok))

    def _negation_scope(self, tok: Token) -> list[Token]:
        """Where a negation reverses a cue: on the cue itself, or on the copula it is predicated by
        ("is not a threat", "does not pose a threat", "not a reliable partner") — not on a verb whose
        object merely contains the cue ("would never accept the aggression")."""
        scope = [tok]
        cur = tok
        while cur.dep_ in ("amod", "compound", "advmod") and cur.head is not cur:
            cur = cur.head
            scope.append(cur)
        if cur.dep_ in ("attr", "acomp", "oprd") or (cur.dep_ == "dobj" and lemma_of(cur.head) in self.lex.copulas):
            scope.append(cur.head)
        return scope

    def _negated(self, tok: Token) -> bool:
        for child in tok.children:
            if child.dep_ == "neg" or (child.dep_ in ("det", "advmod") and child.lower_ in self.lex.negators):
                following = self.doc[child.i + 1] if child.i + 1 < len(self.doc) else None
                if following is not None and following.lower_ in NOT_ONLY:
                    continue  # "not just a threat to Ukraine": an intensifier, not a negation
                return True
        return False

    def _conditional(self, pred: Token) -> bool:
        cur = pred
        for _ in range(6):
            if any(c.dep_ == "mark" and c.lower_ in self.lex.conditionals for c in cur.children):
                return True
            if cur.head is cur:
                return False
            cur = cur.head
        return False
