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
    nlp.add_pipe("sentencizer")
    return nlp
