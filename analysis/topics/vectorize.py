"""Terms for topic modelling: TF-IDF on words and bigrams, stop words fit for
policy prose, and one tokenizer shared with the coherence measure so that NPMI
is computed on exactly the tokens the model saw."""

from __future__ import annotations

import re
from array import array
from sys import intern

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer, TfidfVectorizer

from analysis.textnorm import normalise_for_matching

# Words that carry no topic in analytical and news prose: hedges, connectives,
# reporting verbs, generic quantities. Kept short and visible on purpose.
POLICY_STOP_WORDS = frozenset(
    [
        "also",
        "however",
        "would",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "said",
        "says",
        "say",
        "saying",
        "told",
        "according",
        "one",
        "two",
        "three",
        "four",
        "five",
        "first",
        "second",
        "third",
        "new",
        "well",
        "even",
        "many",
        "much",
        "way",
        "ways",
        "within",
        "without",
        "including",
        "include",
        "includes",
        "included",
        "et",
        "al",
        "eg",
        "ie",
        "thus",
        "therefore",
        "although",
        "though",
        "yet",
        "since",
        "whether",
        "among",
        "upon",
        "per",
        "via",
        "mr",
        "mrs",
        "ms",
        "dr",
        "just",
        "like",
        "make",
        "makes",
        "made",
        "making",
        "take",
        "takes",
        "taken",
        "took",
        "use",
        "used",
        "uses",
        "using",
        "get",
        "got",
        "number",
        "part",
        "parts",
        "year",
        "years",
        "time",
        "times",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "level",
        "levels",
        "order",
        "terms",
        "term",
        "case",
        "cases",
        "fact",
        "point",
        "points",
        "lot",
        "need",
        "needs",
        "needed",
        "going",
        "regard",
        "regarding",
        "respect",
        "various",
        "different",
        "certain",
        "several",
        "particular",
        "particularly",
        "especially",
        "significant",
        "significantly",
        "important",
        "importance",
        "possible",
        "possibly",
        "current",
        "currently",
        "recent",
        "recently",
        "main",
        "key",
        "major",
        "great",
        "greater",
        "large",
        "larger",
        "long",
        "longer",
        "high",
        "higher",
        "low",
        "lower",
        "good",
        "better",
        "best",
        "able",
        "unable",
        "another",
        "others",
        "whose",
        "whom",
        "thereby",
        "hence",
        "furthermore",
        "moreover",
        "nevertheless",
    ]
)
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | POLICY_STOP_WORDS)
TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W\d_]+\b"
_TOKEN = re.compile(TOKEN_PATTERN)
_STOP = frozenset(STOP_WORDS)


def preprocess(text: str) -> str:
    return normalise_for_matching(text).lower()


def tokenize(text: str) -> list[str]:
    """The vectoriser's unigram tokens in order, stop words removed (as sklearn does).

    Each token is interned: the topic stage holds every passage's tokens at once, and one string
    object per distinct word instead of one per occurrence took 690 MB down to 83 MB at 50,000
    news documents (9.5 million tokens), for 5 % more time."""
    return [intern(t) for t in _TOKEN.findall(preprocess(text)) if t not in _STOP]


def make_vectorizer(n_passages: int, min_df: int | None = None, max_df: float = 0.5) -> TfidfVectorizer:
    """min_df grows slowly with corpus size so rare names do not become topics."""
    if min_df is None:
        min_df = default_min_df(n_passages)
    return TfidfVectorizer(
        preprocessor=preprocess,
        token_pattern=TOKEN_PATTERN,
        stop_words=STOP_WORDS,
        ngram_range=(1, 2),
        min_df=min_df,
        max_df=max_df,
        sublinear_tf=True,
        dtype=np.float64,
    )


def default_min_df(n_units: int) -> int:
    return 2 if n_units < 5000 else 3


def _with_bigrams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def _count(token_lists: list[list[str]]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Term counts (words and bigrams) per passage: scikit-learn's CountVectorizer, twice as fast
    because it skips sorting a vocabulary that the document-frequency cut mostly discards."""
    vocab: dict[str, int] = {}
    setdefault = vocab.setdefault
    # Term ids in a typed array (4 bytes each), read by numpy without a copy: a list of them and its
    # numpy copy held 640 MB at once on 50,000 documents (40 million words and bigrams).
    indices = array("i")
    indptr = array("q", [0])
    for tokens in token_lists:
        indices.extend([setdefault(f, len(vocab)) for f in _with_bigrams(tokens)])
        indptr.append(len(indices))
    counts = sparse.csr_matrix(
        (np.ones(len(indices)), np.frombuffer(indices, dtype=np.int32), np.frombuffer(indptr, dtype=np.int64)),
        shape=(len(token_lists), len(vocab)),
    )
    counts.sum_duplicates()
    return counts, np.array(list(vocab), dtype=object)


def term_matrices(
    token_lists: list[list[str]],
    groups: np.ndarray | None = None,
    min_df: int | None = None,
    max_df: float = 0.5,
    idf_out: list | None = None,
    shared_by: np.ndarray | None = None,
    min_shared: int = 1,
) -> tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray]:
    """TF-IDF of the fitting units and of the passages, from one tokenisation.

    ``token_lists`` are the passages' tokens from :func:`tokenize`; bigrams are
    formed after stop-word removal, as scikit-learn does. With ``groups`` (one
    group id per passage, e.g. its document), the units are the groups: their
    counts are the sums of their passages' counts, document frequencies and IDF
    are taken over groups, and passages are weighted with the same IDF. Without,
    the passages are the units. With ``shared_by`` (one label per passage, e.g. its source), a term
    is kept only if passages of at least ``min_shared`` labels use it: on a few documents, words only
    one source writes make topics that reproduce that source (:mod:`analysis.topics.scopes`).
    Returns (X_units, X_passages, terms); the IDF of the terms is appended to ``idf_out`` when given
    (a fitted model weighs new passages with it: :func:`weigh`).
    """
    C_pass, all_terms = _count(token_lists)
    if groups is None:
        C_units = C_pass
    else:
        codes, index = np.unique(groups, return_inverse=True)
        member = sparse.csr_matrix(
            (np.ones(len(index)), (index, np.arange(len(index)))), shape=(len(codes), len(index))
        )
        C_units = (member @ C_pass).tocsr()
    n_units = C_units.shape[0]
    df = np.bincount(C_units.indices, minlength=C_units.shape[1])
    wanted = (df >= (min_df or default_min_df(n_units))) & (df <= max_df * n_units)
    if shared_by is not None and min_shared > 1:
        wanted &= _labels_using(C_pass, np.asarray(shared_by)) >= min_shared
    keep = np.flatnonzero(wanted)
    if keep.size == 0:
        raise ValueError("no term occurs in enough units")
    keep = keep[np.argsort(all_terms[keep], kind="stable")]  # alphabetical: independent of passage order
    terms = all_terms[keep]
    del all_terms
    # Each matrix is sliced to the kept terms once and weighed in place, each full one let go as soon as
    # it is sliced: at 50,000 documents every copy of the passage counts is about 300 MB, and holding
    # both full matrices and both slices at once made the build's peak.
    units = C_units[:, keep]
    del C_units
    passages = None if groups is None else C_pass[:, keep]
    del C_pass
    tfidf = TfidfTransformer(sublinear_tf=True).fit(units)
    if idf_out is not None:
        idf_out.append(tfidf.idf_)
    X_units = tfidf.transform(units, copy=False).tocsr()
    X_pass = X_units if passages is None else tfidf.transform(passages, copy=False).tocsr()
    return X_units, X_pass, terms


def _labels_using(counts: sparse.csr_matrix, labels: np.ndarray) -> np.ndarray:
    """How many distinct labels have a passage using each term (one label per row of ``counts``)."""
    codes, index = np.unique(labels, return_inverse=True)
    member = sparse.csr_matrix((np.ones(len(index)), (index, np.arange(len(index)))), shape=(len(codes), len(index)))
    used = (member @ (counts > 0).astype(np.float64)).tocsr()
    return np.bincount(used.indices, minlength=counts.shape[1])


def weigh(token_lists: list[list[str]], terms: np.ndarray, idf: np.ndarray) -> sparse.csr_matrix:
    """TF-IDF of passages over a fitted vocabulary ``terms`` with its ``idf``, as the fit weighed its own
    passages (words and bigrams, sublinear tf, l2 norm); words the fit did not keep are ignored."""
    index = {str(t): i for i, t in enumerate(terms)}
    rows, cols = [], []
    for r, tokens in enumerate(token_lists):
        for feature in _with_bigrams(tokens):
            j = index.get(feature)
            if j is not None:
                rows.append(r)
                cols.append(j)
    counts = sparse.csr_matrix(
        (np.ones(len(rows)), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))),
        shape=(len(token_lists), len(terms)),
    )
    counts.sum_duplicates()
    tfidf = TfidfTransformer(sublinear_tf=True)
    tfidf.idf_ = np.asarray(idf, dtype=np.float64)
    return tfidf.transform(counts).tocsr()
