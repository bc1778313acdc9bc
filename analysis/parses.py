"""One parse per distinct sentence, shared by every stage that needs syntax.

The dependency parse is the costly part of the build, and two stages want it: stance
(who does what to whom) and the timeline (the tense a date hangs on, when no tense word
decides it). Each stage first says which sentences it needs and what it will do with
each parse (:meth:`ParsePlan.add`); :meth:`ParsePlan.run` then parses every distinct
text once, in batches through ``nlp.pipe`` (several times quicker than one call per
sentence), hands each parse to the jobs that asked for it, and drops it, so no parse
is kept in memory. The texts are parsed in the order they were first asked for, so
the same corpus gives the same batches and the same results.

Every text is parsed as :func:`parse_text` gives it (typographic apostrophes as ASCII
ones, the same length, so character offsets hold): the stages ask for one sentence
and share its one parse, whichever spelling of the apostrophe it was written with.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

PARSE_BATCH = 256

Job = Callable[[Doc], None]

# The model learned "'s" and "n't" from ASCII text: a typographic apostrophe ("Russia’s full-scale
# invasion") is read as a stray particle and the possessor is lost. One character for one, so every
# character offset into the sentence stays what it was.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def parse_text(text: str) -> str:
    """The sentence as the parser should read it: typographic apostrophes as ASCII ones, same length."""
    return text.translate(_APOSTROPHES)


class ParsePlan:
    """Sentences to parse and, for each, what the stages will do with its parse."""

    def __init__(self) -> None:
        self._jobs: dict[str, list[Job]] = {}

    def add(self, text: str, job: Job) -> None:
        """Ask for ``text``'s parse (read as :func:`parse_text` gives it) and what to do with it."""
        self._jobs.setdefault(parse_text(text), []).append(job)

    def __len__(self) -> int:
        return len(self._jobs)

    def run(self, nlp, batch_size: int = PARSE_BATCH) -> int:
        """Parse each text once and run its jobs; returns how many texts were parsed."""
        texts = list(self._jobs)
        for text, doc in zip(texts, nlp.pipe(texts, batch_size=batch_size), strict=True):
            for job in self._jobs[text]:
                job(doc)
        self._jobs.clear()
        return len(texts)
