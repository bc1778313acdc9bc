"""Character-level normalisation that keeps offsets.

Matching must not care whether a text uses curly or straight quotes or which
dash it uses, yet every offset we record must point into the original text.
Each replacement here maps one character to one character, so offsets found in
the normalised text are valid in the original.
"""

from __future__ import annotations

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
