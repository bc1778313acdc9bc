"""Which column of a table holds the text, the source, the date, the title and the id.

Exports name their columns every which way (``body``, ``headline``, ``pubdate``), and the
column an analyst wants as the source is often not called "source" at all: BBC News comes
with a ``category`` column that is the natural way to compare its five desks. So the roles
are guessed from common names and can be set by hand, from three places that agree:
``--source-column category`` on the command line (or ``--columns source=category``), a
``corpus.yaml`` beside the table, and the column pickers of the app's upload, which write
that same ``corpus.yaml`` into the uploaded corpus. The command line wins over the file,
and the file over the guess, role by role.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, fields

# The roles a column can play, each with the names it is guessed from, best first.
GUESSES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "full_text", "fulltext", "article", "article_text", "story", "document"),
    "source": ("source", "outlet", "publisher", "publication", "site", "site_name", "newspaper", "media",
               "source_name", "medium"),
    "published": ("published", "date", "pubdate", "pub_date", "published_at", "publication_date", "date_published",
                  "publish_date", "published_on", "datetime", "timestamp"),
    "title": ("title", "headline", "heading", "subject"),
    "id": ("doc_id", "id", "article_id", "document_id", "guid", "uuid"),
    "author": ("author", "authors", "byline", "writer"),
    "url": ("url", "link", "address", "permalink", "source_url"),
    "kind": ("kind", "type", "genre", "document_type", "doc_type"),
}  # fmt: skip
ROLES = tuple(GUESSES)
# What each role means, for help texts and messages.
ROLE_HELP = {
    "text": "the document's text",
    "source": "the source each document is filtered and compared by",
    "published": "the publication date",
    "title": "the title",
    "id": "a unique id per row (else '<table>-<row>')",
    "author": "the author",
    "url": "the address",
    "kind": "the kind of document (op-ed, analysis, …)",
}
NONE = "none"  # a role mapped to "none" is not used, not even by a guess
# Spellings accepted for a role's name on the command line and in corpus.yaml.
ROLE_ALIASES = {"date": "published", "doc_id": "id", "type": "kind"}


class ColumnError(ValueError):
    """A mapping that cannot be used: an unknown role, or a column the table does not have."""


@dataclass(frozen=True)
class ColumnMap:
    """Column names (lower case) by role; '' means "guess", ``none`` means "not used"."""

    text: str = ""
    source: str = ""
    published: str = ""
    title: str = ""
    id: str = ""
    author: str = ""
    url: str = ""
    kind: str = ""

    @classmethod
    def from_dict(cls, mapping: dict[str, str]) -> ColumnMap:
        values: dict[str, str] = {}
        for role, column in mapping.items():
            key = ROLE_ALIASES.get(role.strip().lower(), role.strip().lower())
            if key not in ROLES:
                raise ColumnError(f"unknown column role {role!r}; known: {', '.join(ROLES)} (or date, doc_id, type)")
            values[key] = str(column if column is not None else NONE).strip().lower()
        return cls(**values)

    @classmethod
    def parse(cls, spec: str) -> ColumnMap:
        """``source=category,title=headline`` (commas or spaces between pairs)."""
        pairs = {}
        for item in spec.replace(",", " ").split():
            role, sep, column = item.partition("=")
            if not sep or not role:
                raise ColumnError(f"{item!r} is not ROLE=COLUMN (for example source=category)")
            pairs[role] = column
        return cls.from_dict(pairs)

    def over(self, other: ColumnMap) -> ColumnMap:
        """This mapping, with ``other``'s choices where this one leaves a role to the guess."""
        return ColumnMap(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def chosen(self) -> dict[str, str]:
        """The roles set by hand, in role order."""
        return {role: getattr(self, role) for role in ROLES if getattr(self, role)}

    def spec(self) -> str:
        """The mapping as ``role=column`` pairs: the form ``--columns`` takes, and part of the cache key."""
        return ",".join(f"{role}={column}" for role, column in self.chosen().items())

    def __bool__(self) -> bool:
        return bool(self.chosen())

    def resolve(self, columns: list[str]) -> dict[str, str]:
        """The column of each role for a table with ``columns`` (only roles that have one).

        :class:`ColumnError` when the text column cannot be found or a column named by hand is missing.
        """
        present = set(columns)
        resolved: dict[str, str] = {}
        for role in ROLES:
            wanted = getattr(self, role)
            if wanted == NONE:
                continue
            if wanted:
                if wanted not in present:
                    raise ColumnError(
                        f"has no column {wanted!r} for {ROLE_HELP[role]} (set by hand); "
                        f"columns found: {', '.join(columns[:12]) or 'none'}"
                    )
                resolved[role] = wanted
                continue
            guess = _guess(role, present, set(resolved.values()) | set(self.chosen().values()))
            if guess:
                resolved[role] = guess
        if "text" not in resolved:
            raise ColumnError(
                f"has no 'text' column (columns found: {', '.join(columns[:12]) or 'none'}); "
                "name the column that holds the text with --text-column or in corpus.yaml"
            )
        return resolved


def guess_columns(columns: list[str]) -> dict[str, str]:
    """The guessed column of each role (``''`` when none fits), for the app's pickers."""
    present, out = set(columns), {}
    for role in ROLES:
        out[role] = _guess(role, present, set(out.values()))
    return out


def _guess(role: str, present: set[str], taken: set[str]) -> str:
    return next((c for c in GUESSES[role] if c in present and c not in taken), "")


# --- the command line ---------------------------------------------------------------------------

FLAGS = {"text": "text", "source": "source", "published": "date", "title": "title", "id": "id"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--text-column`` … ``--id-column`` and ``--columns ROLE=COLUMN,…`` for tables."""
    for role, flag in FLAGS.items():
        parser.add_argument(
            f"--{flag}-column",
            dest=f"{role}_column",
            default="",
            metavar="COLUMN",
            help=f"for tables: the column holding {ROLE_HELP[role]} (default: guessed from common names)",
        )
    parser.add_argument(
        "--columns",
        default="",
        metavar="ROLE=COLUMN,…",
        help=f"for tables: several roles at once, e.g. source=category,title=headline (roles: {', '.join(ROLES)})",
    )


def from_arguments(args: argparse.Namespace) -> ColumnMap:
    """The mapping the command line asked for (the single-role flags win over ``--columns``)."""
    flags = ColumnMap(**{role: getattr(args, f"{role}_column", "").strip().lower() for role in FLAGS})
    return flags.over(ColumnMap.parse(getattr(args, "columns", "") or ""))
