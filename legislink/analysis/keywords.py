"""TF-IDF keywords with IDF from the consultation's own comments (stop words already removed)."""

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from sklearn.feature_extraction.text import TfidfVectorizer

KEYWORDS = 5


@lru_cache(maxsize=200_000)
def subwords(token: str) -> tuple[str, ...]:
    """The character pairs inside a Chinese word, a one-character word standing for itself: the
    segmenter keeps compounds whole, and 经营者代表 meets 代表, 电子商务平台 meets 平台, this way."""
    if token.isascii():
        return ()
    if len(token) == 1:
        return (token,)
    return tuple(token[k:k + 2] for k in range(len(token) - 1))


def as_is(tokens: Sequence[str]) -> Sequence[str]:
    """The analyzer of a vectorizer fed tokens the segmenter already made."""
    return tokens


def _pieces(tokens: Sequence[str]) -> list[str]:
    return [p for t in tokens for p in subwords(t)]


def _idf(documents: Sequence[Sequence[str]], analyzer: Callable[[Sequence[str]], Sequence[str]]) -> dict[str, float]:
    """Feature -> scikit-learn's smoothed idf, log((1 + n) / (1 + df)) + 1."""
    if not any(map(analyzer, documents)):
        return {}
    vectorizer = TfidfVectorizer(analyzer=analyzer).fit(documents)
    return dict(zip(vectorizer.get_feature_names_out().tolist(), vectorizer.idf_.tolist(), strict=True))


class Idf:
    """Inverse document frequency of the words of one set of comments, and of their `subwords`."""

    def __init__(self, documents: Iterable[Sequence[str]]) -> None:
        docs = list(documents)
        # Computed once: grouping and keywords look words up millions of times on a large draft.
        self._unseen = math.log(1 + len(docs)) + 1
        self._words = _idf(docs, as_is)
        self._pieces = _idf(docs, _pieces)

    def __getitem__(self, token: str) -> float:
        return self._words.get(token, self._unseen)

    def subword(self, piece: str) -> float:
        return self._pieces.get(piece, self._unseen)


def top_keywords(counts: Counter[str], idf: Idf, k: int = KEYWORDS) -> tuple[str, ...]:
    """The `k` words with the highest tf-idf; single characters only when nothing else is left."""
    scored = sorted(counts, key=lambda t: (-(counts[t] * idf[t]) * (1 if len(t) > 1 else 0.3), t))
    return tuple(scored[:k])


def comment_keywords(tokens: Sequence[str], idf: Idf, k: int = KEYWORDS) -> tuple[str, ...]:
    return top_keywords(Counter(tokens), idf, k)
