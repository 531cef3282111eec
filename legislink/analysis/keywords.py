"""TF-IDF keywords with IDF from the consultation's own comments (stop words already removed)."""

import math
from collections import Counter
from collections.abc import Iterable, Sequence

KEYWORDS = 5


class Idf:
    """Inverse document frequency of the words of one set of comments."""

    def __init__(self, documents: Iterable[Sequence[str]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for tokens in documents:
            df.update(set(tokens))
            n += 1
        self._n = n
        self._df = df

    def __getitem__(self, token: str) -> float:
        return math.log((1 + self._n) / (1 + self._df.get(token, 0))) + 1


def top_keywords(counts: Counter[str], idf: Idf, k: int = KEYWORDS) -> tuple[str, ...]:
    """The `k` words with the highest tf-idf; single characters only when nothing else is left."""
    scored = sorted(counts, key=lambda t: (-(counts[t] * idf[t]) * (1 if len(t) > 1 else 0.3), t))
    return tuple(scored[:k])


def comment_keywords(tokens: Sequence[str], idf: Idf, k: int = KEYWORDS) -> tuple[str, ...]:
    return top_keywords(Counter(tokens), idf, k)
