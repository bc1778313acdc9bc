"""Search and keywords in context (KWIC): the first thing an analyst does with a corpus.

What a query may say is :mod:`analysis.search_query`'s; this module finds its terms.
:class:`SearchIndex` is built once per bundle: every passage's text, folded and lower-cased,
in one string with a separator no pattern can cross, so a word is one regular-expression scan
over the corpus (a literal first, which the engine finds fast) and each hit is mapped back
to its passage and sentence with a binary search. The sidebar filters restrict the hits to
the filtered view's passages; the index itself never changes with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.bundle import Bundle
from analysis.search_query import Query, Term, fold, term_pattern

# The text every analysis reads; notes, captions, credits and references are searched on request.
SEARCHED_ROLES = ("body", "title", "heading")
SEPARATOR = "\x00"  # between passages: neither a word character nor a space, so no pattern crosses it
CONTEXT = 60  # characters of context on each side of a hit
SORTS = {
    "corpus": "corpus order",
    "right": "words after the hit",
    "left": "words before the hit",
    "source": "source, then date",
    "date": "date, then source",
}
_SPACES = re.compile(r"\s+")


def _word_chars(text: str) -> np.ndarray:
    r"""For every character of ``text``, whether it is a word character (``\w``): what a hit's left
    neighbour is checked against, once per index instead of once per hit."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    table = np.zeros(128, dtype=bool)
    for ch in "0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
        table[ord(ch)] = True
    out = np.zeros(len(codes), dtype=bool)
    ascii_ = codes < 128
    out[ascii_] = table[codes[ascii_]]
    wide = np.unique(codes[~ascii_])
    if len(wide):
        alnum = np.fromiter((chr(c).isalnum() for c in wide), dtype=bool, count=len(wide))
        out[~ascii_] = alnum[np.searchsorted(wide, codes[~ascii_])]
    return out


_EMPTY = np.empty(0, dtype=np.int64)


@dataclass
class Hits:
    """Where the terms of a query occur, in corpus order: for each hit the term (its place in
    ``query.terms``), the passage (its place in the index) and the offsets into the passage text."""

    query: Query
    term: np.ndarray
    passage: np.ndarray
    start: np.ndarray
    end: np.ndarray
    searched: np.ndarray = field(repr=False)  # which passages were searched (filters and roles)

    def __len__(self) -> int:
        return len(self.term)

    @property
    def labels(self) -> list[str]:
        return [t.label for t in self.query.terms]


class SearchIndex:
    """The corpus as one searchable string, with what maps a hit back to its passage and sentence.

    Built from the full bundle once (about a second for BBC News' 12,000 passages); a search
    takes a filtered view of the same bundle and keeps only its passages' hits. Everything a
    hit needs (its document, source, date, section) is a per-passage array here, so a query
    costs one scan per term and array lookups, and tables are made only for the rows shown.
    """

    def __init__(self, bundle: Bundle) -> None:
        passages = bundle.passages.reset_index(drop=True)
        texts = passages["text"].fillna("").astype(str).tolist()
        self.lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        self.starts = np.concatenate([[0], np.cumsum(self.lengths + 1)[:-1]]).astype(np.int64)
        self.text = SEPARATOR.join(texts)
        self.folded = fold(self.text)
        self.word_char = _word_chars(self.folded)
        column = lambda frame, name: frame[name].fillna("").astype(str).to_numpy(dtype=object)  # noqa: E731
        self.passage_ids = column(passages, "passage_id")
        self.passage_index = pd.Index(self.passage_ids)
        self.roles = column(passages, "role")
        self.sections = column(passages, "section")
        self.n_words = passages["n_words"].to_numpy(dtype=np.int64)
        docs = bundle.documents.drop_duplicates("doc_id")
        doc_at = pd.Index(column(docs, "doc_id")).get_indexer(column(passages, "doc_id"))
        self.doc = doc_at  # a passage's document, as a row of the arrays below (-1: none)
        self.doc_ids = column(docs, "doc_id")
        self.sources = column(docs, "source")
        self.titles = column(docs, "title")
        self.published = column(docs, "published")
        self.years = np.array([p[:4] for p in self.published], dtype=object)
        sentences = bundle.sentences
        where = self.passage_index.get_indexer(column(sentences, "passage_id"))
        ok = where >= 0
        begin = self.starts[where[ok]] + sentences["start"].to_numpy(dtype=np.int64)[ok]
        order = np.argsort(begin, kind="stable")
        self.sentence_starts = begin[order]
        self.sentence_ends = (self.starts[where[ok]] + sentences["end"].to_numpy(dtype=np.int64)[ok])[order]
        self.sentence_ids = column(sentences, "sentence_id")[ok][order]
        mentions = bundle.mentions
        self.mention_actor = column(mentions, "actor")
        self.mention_passage = self.passage_index.get_indexer(column(mentions, "passage_id"))
        self.mention_start = mentions["start"].to_numpy(dtype=np.int64)
        self.mention_end = mentions["end"].to_numpy(dtype=np.int64)
        themes = bundle.passage_themes
        self.theme_name = column(themes, "theme")
        self.theme_passage = self.passage_index.get_indexer(column(themes, "passage_id"))
        self.theme_cues = column(themes, "cues")

    # -- finding ------------------------------------------------------------------------------

    def searched(self, view: Bundle | None = None, roles: Iterable[str] = SEARCHED_ROLES) -> np.ndarray:
        """Which passages a search covers: those of the filtered ``view`` with one of ``roles``."""
        mask = np.isin(self.roles, list(roles))
        if view is None:
            return mask
        rows = view.passages
        labels = rows.index.to_numpy()
        # A filtered view keeps the full bundle's row labels: when they point at the same passages
        # here, they are the positions; otherwise (a bundle rebuilt apart) the ids are looked up.
        if (
            rows.index.dtype.kind == "i"
            and (len(labels) == 0 or (labels.min() >= 0 and labels.max() < len(self.passage_ids)))
            and np.array_equal(self.passage_ids[labels], rows["passage_id"].to_numpy(dtype=object))
        ):
            kept = np.zeros(len(mask), dtype=bool)
            kept[labels] = True
        else:
            kept = self.passage_index.isin(rows["passage_id"].to_numpy(dtype=object))
        return mask & kept

    def _scan(self, pattern: re.Pattern[str]) -> tuple[np.ndarray, np.ndarray]:
        """Global (start, end) of every match that begins a word."""
        spans = np.fromiter((i for m in pattern.finditer(self.folded) for i in m.span()), dtype=np.int64).reshape(-1, 2)
        if not len(spans):
            return _EMPTY, _EMPTY
        starts, ends = spans[:, 0], spans[:, 1]
        begins_word = (starts == 0) | ~self.word_char[np.maximum(starts - 1, 0)]
        return starts[begins_word], ends[begins_word]

    def _locate(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        passage = np.searchsorted(self.starts, starts, side="right") - 1
        offset = self.starts[passage]
        return passage, starts - offset, ends - offset

    def _term_hits(self, term: Term) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if term.kind == "actor":
            rows = (self.mention_actor == term.value) & (self.mention_passage >= 0)
            return self.mention_passage[rows], self.mention_start[rows], self.mention_end[rows]
        if term.kind == "theme":
            rows = (self.theme_name == term.value) & (self.theme_passage >= 0)
            tagged = np.zeros(len(self.passage_ids), dtype=bool)
            tagged[self.theme_passage[rows]] = True
            cues = sorted({c for cs in self.theme_cues[rows] for c in str(cs).split(";") if c})
            found = [self._locate(*self._scan(term_pattern(Term("phrase", fold(c))))) for c in cues]
            if not found:
                return _EMPTY, _EMPTY, _EMPTY
            passage, start, end = (np.concatenate(parts) for parts in zip(*found, strict=True))
            keep = tagged[passage]
            return passage[keep], start[keep], end[keep]
        return self._locate(*self._scan(term_pattern(term)))

    def find(
        self,
        query: Query,
        view: Bundle | None = None,
        roles: Iterable[str] = SEARCHED_ROLES,
        every_term: bool = False,
    ) -> Hits:
        """Every hit of every term in the searched passages, in corpus order. With ``every_term``,
        only passages where each term occurs (an AND over the passage)."""
        searched = self.searched(view, roles)
        parts = []
        for i, term in enumerate(query.terms):
            passage, start, end = self._term_hits(term)
            keep = searched[passage]
            parts.append((np.full(int(keep.sum()), i, dtype=np.int64), passage[keep], start[keep], end[keep]))
        if not parts:
            return Hits(query, _EMPTY, _EMPTY, _EMPTY, _EMPTY, searched)
        term, passage, start, end = (np.concatenate(p) for p in zip(*parts, strict=True))
        if every_term and len(query.terms) > 1 and len(term):
            seen = np.zeros((len(self.passage_ids), len(query.terms)), dtype=bool)
            seen[passage, term] = True
            keep = seen.all(axis=1)[passage]
            term, passage, start, end = term[keep], passage[keep], start[keep], end[keep]
        # Corpus order; two terms on the same words both count (each term its own hits).
        order = np.lexsort((term, end, start, passage))
        return Hits(query, term[order], passage[order], start[order], end[order], searched)

    # -- reading ------------------------------------------------------------------------------

    def sentence_of(self, passage: np.ndarray, start: np.ndarray) -> np.ndarray:
        """The sentence id holding each hit's first character ('' in passages without sentences)."""
        if not len(passage) or not len(self.sentence_starts):
            return np.full(len(passage), "", dtype=object)
        pos = self.starts[passage] + start
        i = np.maximum(np.searchsorted(self.sentence_starts, pos, side="right") - 1, 0)
        inside = (self.sentence_starts[i] <= pos) & (pos < self.sentence_ends[i])
        return np.where(inside, self.sentence_ids[i], "")

    def _context(self, passage: int, start: int, end: int, width: int) -> tuple[str, str, str]:
        """Left context, hit and right context as written, spaces squeezed, cut at whole words."""
        base, length = int(self.starts[passage]), int(self.lengths[passage])
        lo, hi = max(0, start - width), min(length, end + width)
        left = _SPACES.sub(" ", self.text[base + lo : base + start])
        right = _SPACES.sub(" ", self.text[base + end : base + hi])
        if lo > 0 and " " in left.strip():
            left = "…" + left.lstrip().split(" ", 1)[1]
        if hi < length and " " in right.strip():
            right = right.rstrip().rsplit(" ", 1)[0] + "…"
        return left.strip(), self.text[base + start : base + end], right.strip()

    def order(self, hits: Hits, sort: str = "corpus") -> np.ndarray:
        """Positions of the hits in the ``sort`` order (one of :data:`SORTS`); ties keep corpus order."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORTS)}")
        n = len(hits)
        if sort == "corpus" or not n:
            return np.arange(n)
        if sort in ("source", "date"):
            doc = self.doc[hits.passage]
            source = _ranks(self.sources)[doc]
            dated = _ranks(np.where(self.published == "", "\uffff", self.published))[doc]  # undated last
            keys = (np.arange(n), source, dated) if sort == "date" else (np.arange(n), dated, source)
            return np.lexsort(keys)
        base = self.starts[hits.passage]
        text = self.folded
        if sort == "right":
            key = [text[e : e + 40].partition(SEPARATOR)[0].lstrip() for e in base + hits.end]
        else:  # the nearest word first, then the one before: the classic left sort of a concordance
            key = [
                " ".join(text[max(b - 40, 0) : b].rpartition(SEPARATOR)[2].split()[:-5:-1]) for b in base + hits.start
            ]
        return np.argsort(np.array(key, dtype=object), kind="stable")

    def kwic(self, hits: Hits, sort: str = "corpus", limit: int | None = None, width: int = CONTEXT) -> pd.DataFrame:
        """Keywords in context: one row per hit, ``limit`` rows at most, in the ``sort`` order; every
        row keeps the ids that locate it (document, passage, sentence, offset in the passage)."""
        picked = self.order(hits, sort)[:limit]
        passage, start, end = hits.passage[picked], hits.start[picked], hits.end[picked]
        contexts = [self._context(p, s, e, width) for p, s, e in zip(passage, start, end, strict=True)]
        doc = self.doc[passage]
        labels = np.array(hits.labels or [""], dtype=object)
        return pd.DataFrame(
            {
                "term": labels[hits.term[picked]] if len(picked) else labels[:0],
                "left": [c[0] for c in contexts],
                "hit": [c[1] for c in contexts],
                "right": [c[2] for c in contexts],
                "source": self.sources[doc],
                "published": self.published[doc],
                "title": self.titles[doc],
                "section": self.sections[passage],
                "role": self.roles[passage],
                "doc_id": self.doc_ids[doc],
                "passage_id": self.passage_ids[passage],
                "sentence_id": self.sentence_of(passage, start),
                "start": start,
            }
        )

    def spans_by_passage(self, hits: Hits) -> dict[str, list[tuple[int, int, str]]]:
        """passage_id → (start, end, term) of its hits: what the Reader highlights."""
        out: dict[str, list[tuple[int, int, str]]] = {}
        labels = hits.labels
        for t, p, s, e in zip(hits.term, hits.passage, hits.start, hits.end, strict=True):
            out.setdefault(self.passage_ids[p], []).append((int(s), int(e), labels[t]))
        return out

    # -- counting -----------------------------------------------------------------------------

    def summary(self, hits: Hits) -> pd.DataFrame:
        """Per term: hits, passages and documents holding them, and hits per 10,000 searched words."""
        words = int(self.n_words[hits.searched].sum())
        rows = []
        for i, term in enumerate(hits.query.terms):
            mine = hits.passage[hits.term == i]
            rows.append(
                {
                    "term": term.label,
                    "hits": len(mine),
                    "passages": len(np.unique(mine)),
                    "documents": len(np.unique(self.doc[mine])),
                    "per_10k_words": _rate(len(mine), words),
                }
            )
        return pd.DataFrame(rows, columns=["term", "hits", "passages", "documents", "per_10k_words"])

    def frequency(self, hits: Hits, by: str) -> pd.DataFrame:
        """Hits of each term per ``"year"`` (of publication; undated documents left out) or per
        ``"source"``, with the words searched there and the rate per 10,000 of them. Every
        (term, group) with searched words has a row, zero hits included, so a line drops to 0
        rather than skipping a year."""
        if by not in ("year", "source"):
            raise ValueError(f"frequency by 'year' or 'source', not {by!r}")
        per_doc = self.years if by == "year" else self.sources
        names, codes = np.unique(per_doc, return_inverse=True)
        group = codes[self.doc]  # per passage
        words = np.bincount(group[hits.searched], weights=self.n_words[hits.searched], minlength=len(names))
        shown = [g for g in range(len(names)) if words[g] > 0 and names[g] != ""]
        n_terms = len(hits.query.terms)
        counts = np.bincount(hits.term * len(names) + group[hits.passage], minlength=n_terms * len(names))
        rows = [
            {
                "term": term.label,
                by: names[g],
                "hits": int(counts[i * len(names) + g]),
                "words": int(words[g]),
                "per_10k_words": _rate(int(counts[i * len(names) + g]), int(words[g])),
            }
            for i, term in enumerate(hits.query.terms)
            for g in shown
        ]
        return pd.DataFrame(rows, columns=["term", by, "hits", "words", "per_10k_words"])


def _ranks(values: np.ndarray) -> np.ndarray:
    """Each value's rank in sorted order (equal values, equal ranks)."""
    return np.unique(values, return_inverse=True)[1]


def _rate(hits: int, words: int) -> float:
    return round(hits / words * 10_000, 2) if words else 0.0
