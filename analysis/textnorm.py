"""Character-level normalisation that keeps offsets.

Matching must not care whether a text uses curly or straight quotes or which
dash it uses, yet every offset we record must point into the original text.
Each replacement here maps one character to one character, so offsets found in
the normalised text are valid in the original.
"""

from __future__ import annotations

import re

_ONE_FOR_ONE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


def normalise_for_matching(text: str) -> str:
    """Return ``text`` with quotes, dashes and odd spaces folded, same length."""
    return text.translate(_ONE_FOR_ONE)


# The only characters that case-insensitive matching folds onto an ASCII letter while str.lower()
# does not map them to that letter alone (checked over all of Unicode): dotted and dotless I, long s.
_FOLDS_APART = ("İ", "ı", "ſ")


class CaselessPattern:
    """A case-insensitive search for lower-case ASCII words, run on the lower-cased text.

    ``re.IGNORECASE`` cannot use the fast literal scans of the regex engine, which made these
    cheap pre-checks a large share of the build; lower-casing first is several times quicker
    and answers the same, except on the few characters above, where the case-insensitive
    pattern itself is asked. Only for yes/no questions: positions are into the lower-cased text.
    """

    def __init__(self, pattern: str) -> None:
        if pattern != pattern.lower():
            raise ValueError(f"CaselessPattern takes a lower-case pattern, not {pattern!r}")
        self.pattern = pattern
        self._lower = re.compile(pattern)
        self._caseless = re.compile(pattern, re.IGNORECASE)
        self._ascii = pattern.isascii()  # other scripts fold in ways lower() does not (σ, ς, Σ)

    def search(self, text: str) -> re.Match | None:
        if not self._ascii or any(ch in text for ch in _FOLDS_APART):
            return self._caseless.search(text)
        return self._lower.search(text.lower())
