"""One way to write a count on screen, in charts and in exports: thousands separated, plural right.

"2125" beside "804,890" and "1 sentences" make a slide look careless; every count the
pages write goes through :func:`count` (or :func:`number` when the noun comes first).
"""

from __future__ import annotations

_IRREGULAR = {"was": "were", "is": "are", "has": "have", "this": "these", "does": "do", "names": "name"}


def number(n: int | float) -> str:
    """A whole number with thousands separators (2,125); other numbers to three significant digits."""
    if isinstance(n, float) and not n.is_integer():
        return f"{n:,.3g}" if abs(n) < 1000 else f"{n:,.0f}"
    return f"{int(n):,}"


def plural(n: int | float, singular: str, many: str | None = None) -> str:
    """The word for ``n`` of it: ``singular`` for exactly one, else ``many`` (default: an s added,
    'y' → 'ies' after a consonant, '-s', '-x', '-ch', '-sh' → '-es', a few verbs as they go)."""
    if n == 1:
        return singular
    if many is not None:
        return many
    if singular in _IRREGULAR:
        return _IRREGULAR[singular]
    if singular.endswith("y") and singular[-2:-1] not in "aeiou":
        return singular[:-1] + "ies"
    if singular.endswith(("s", "x", "ch", "sh")):
        return singular + "es"
    return singular + "s"


def count(n: int | float, singular: str, many: str | None = None) -> str:
    """'1 passage', '2,125 passages', '0 hits'."""
    return f"{number(n)} {plural(n, singular, many)}"
