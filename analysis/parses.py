"""One parse per distinct sentence, shared by every stage that needs syntax.

The dependency parse is the costly part of the build, and two stages want it: stance
(who does what to whom) and the timeline (the tense a date hangs on, when no tense word
decides it). Each stage first says which sentences it needs and what it will do with
each parse (:meth:`ParsePlan.add`); :meth:`ParsePlan.run` then parses every distinct
text once, in batches through ``nlp.pipe`` (several times quicker than one call per
sentence), hands each parse to the jobs that asked for it, and drops it, so no parse
is kept in memory. The texts are parsed in the order they were first asked for, so
the same corpus gives the same batches and the same results.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

PARSE_BATCH = 256

Job = Callable[[Doc], None]


class ParsePlan:
    """Sentences to parse and, for each, what the stages will do with its parse."""

    def __init__(self) -> None:
        self._jobs: dict[str, list[Job]] = {}

    def add(self, text: str, job: Job) -> None:
        self._jobs.setdefault(text, []).append(job)

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
