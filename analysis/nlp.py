"""The one spaCy pipeline the package uses: a blank English tokenizer and a
rule-based sentencizer. No trained model, so nothing is downloaded, ever."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=1)
def blank_pipeline() -> Language:
    """Created once per process; spaCy pipelines are costly to build, cheap to reuse."""
    nlp = spacy.blank("en")
    # "U.S.-led", "U.N.-mediated": a hyphen after an abbreviation's full stop joins two words,
    # so the name before it is found as a token of its own.
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe("sentencizer")
    return nlp
