"""Problems met while loading a corpus.

Bad input must never stop the rest of a corpus from loading, so loaders do not
raise on a bad file: they record a :class:`Problem` that names the file and says
what is wrong, and carry on.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One file (or table row) that was skipped or loaded with a caveat.

    ``level`` is ``"error"`` when nothing of the item was loaded,
    ``"warning"`` when it was loaded but altered (e.g. scripts removed), and
    ``"note"`` when it was left out on purpose (a README or licence lying in a corpus folder).
    """

    file: str
    message: str
    level: str = "error"

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


class LoadError(Exception):
    """Raised by a single-file reader; the corpus loader turns it into a Problem."""
