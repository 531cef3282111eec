"""Opinion groups within one article: comments that make the same point.

Each form letter is one voice (its copies counted, not weighed). Voices are TF-IDF vectors of
their words; average-linkage agglomerative clustering on cosine distance groups them, cut at a
fixed distance. Past `exact_limit` voices (agglomerative clustering grows with the square), voices
are first gathered into micro-clusters by MiniBatchKMeans over SVD features, and the
micro-clusters are then clustered the same way. Staff-pinned groups keep their members and id;
new voices join a pinned group when close enough to it.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize as l2_normalize

from legislink.analysis.duplicates import group_id
from legislink.analysis.keywords import Idf, top_keywords
from legislink.analysis.model import OpinionGroup

# Voices further apart than this (cosine distance, average linkage) make different points.
CUT_DISTANCE = 0.9
# Words that say which way a comment wants the text to move, whatever the law: stricter or laxer.
# Opposite asks on the same article share most of their words; this keeps them apart.
STRICTER = ("太轻", "太松", "太软", "加重", "从严", "从重", "严惩", "重罚", "严厉", "提高罚款", "加大", "追究",
            "判刑", "刑事责任", "强制", "必须", "不得", "禁止", "收紧", "扩大")
LAXER = ("太重", "太严", "太宽", "过重", "过严", "减轻", "从轻", "免予", "免除", "宽松", "放宽", "一刀切",
         "教育为主", "警告", "降低", "删除", "取消", "缩小", "鼓励性", "灵活")
# Weight of the stance direction against the word features (which have unit length).
STANCE_WEIGHT = 0.3
MICRO_CLUSTER_SIZE = 8
SVD_DIMENSIONS = 100


@dataclass(frozen=True)
class Voice:
    """One independent opinion: a comment, or all copies of one form letter."""

    members: tuple[str, ...]
    representative: str
    tokens: tuple[str, ...]


def stance(tokens: Sequence[str]) -> int:
    """+1 when a comment asks for a stricter text, -1 for a laxer one, 0 when it does not say."""
    text = "".join(tokens)
    balance = sum(w in text for w in STRICTER) - sum(w in text for w in LAXER)
    return int(np.sign(balance))


def _vectors(voices: Sequence[Voice], idf: Idf) -> sparse.csr_matrix:
    vocab: dict[str, int] = {}
    rows, cols, data = [], [], []
    for i, v in enumerate(voices):
        for t, tf in Counter(v.tokens).items():
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
            data.append((1 + np.log(tf)) * idf[t])
    words = l2_normalize(sparse.csr_matrix((data, (rows, cols)), shape=(len(voices), max(1, len(vocab)))))
    direction = np.array([[stance(v.tokens) > 0, stance(v.tokens) < 0] for v in voices], dtype=np.float64)
    return l2_normalize(sparse.hstack([words, sparse.csr_matrix(direction * STANCE_WEIGHT)]).tocsr())


def _agglomerate(vectors: sparse.csr_matrix | np.ndarray) -> np.ndarray:
    n = vectors.shape[0]
    if n < 2:
        return np.zeros(n, dtype=int)
    similarity = vectors @ vectors.T
    similarity = similarity.toarray() if sparse.issparse(similarity) else similarity
    # A voice of stop words only has no direction: it is far from everything, itself included.
    distance = np.clip(1 - similarity, 0, 2)
    np.fill_diagonal(distance, 0)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=CUT_DISTANCE)
    return model.fit_predict(distance)


def _two_stage(vectors: sparse.csr_matrix, seed: int) -> np.ndarray:
    n = vectors.shape[0]
    dims = min(SVD_DIMENSIONS, vectors.shape[1] - 1, n - 1)
    reduced = l2_normalize(TruncatedSVD(n_components=dims, random_state=seed).fit_transform(vectors))
    micro = MiniBatchKMeans(n_clusters=max(2, n // MICRO_CLUSTER_SIZE), random_state=seed,
                            batch_size=4096, n_init=1).fit_predict(reduced)
    centroids = np.zeros((micro.max() + 1, reduced.shape[1]))
    np.add.at(centroids, micro, reduced)
    return _agglomerate(l2_normalize(centroids))[micro]


def cluster_labels(vectors: sparse.csr_matrix, exact_limit: int, seed: int) -> np.ndarray:
    """A cluster label per row: exact agglomerative clustering, or two-stage past `exact_limit`."""
    if vectors.shape[0] > exact_limit:
        return _two_stage(vectors, seed)
    return _agglomerate(vectors)


def _representative(indices: Sequence[int], vectors: sparse.csr_matrix, voices: Sequence[Voice]) -> str:
    block = vectors[list(indices)]
    centroid = np.asarray(block.mean(axis=0)).ravel()
    best = int(np.argmax(block @ centroid)) if block.nnz else 0
    return voices[indices[best]].representative


def _make_group(article: str | None, chapter: str | None, indices: Sequence[int], voices: Sequence[Voice],
                vectors: sparse.csr_matrix, idf: Idf, pinned_id: str | None = None) -> OpinionGroup:
    members = tuple(m for i in indices for m in voices[i].members)
    counts: Counter[str] = Counter()
    for i in indices:
        counts.update(voices[i].tokens)
    return OpinionGroup(
        id=pinned_id or group_id("g", members, scope=article or chapter or ""),
        article=article,
        chapter=chapter,
        members=members,
        keywords=top_keywords(counts, idf),
        representative=_representative(indices, vectors, voices),
        pinned=pinned_id is not None,
        copies=sum(len(voices[i].members) for i in indices if len(voices[i].members) > 1),
    )


def _pinned_assignment(voices: Sequence[Voice], vectors: sparse.csr_matrix,
                       pinned: Mapping[str, str]) -> dict[int, str]:
    """Voice index -> pinned group id: pinned voices, then unpinned voices close to a pinned group."""
    fixed = {}
    for i, v in enumerate(voices):
        ids = [pinned[m] for m in v.members if m in pinned]
        if ids:
            fixed[i] = Counter(ids).most_common(1)[0][0]
    if not fixed:
        return fixed
    names = sorted(set(fixed.values()))
    rows = [[i for i, g in fixed.items() if g == name] for name in names]
    # Mean of the members, not normalised: a voice's product with it is its average similarity to
    # them, the same criterion that average-linkage clustering cuts at.
    means = sparse.vstack([sparse.csr_matrix(vectors[r].mean(axis=0)) for r in rows])
    free = [i for i in range(len(voices)) if i not in fixed]
    if free:
        sims = (vectors[free] @ means.T).toarray()
        for row, i in zip(sims, free, strict=True):
            if row.max() >= 1 - CUT_DISTANCE:
                fixed[i] = names[int(row.argmax())]
    return fixed


def group_voices(voices: Sequence[Voice], idf: Idf, *, article: str | None, chapter: str | None = None,
                 pinned: Mapping[str, str] | None = None, exact_limit: int = 2500,
                 seed: int = 0) -> list[OpinionGroup]:
    """Opinion groups of the voices on one article (or on a chapter, or on the whole draft)."""
    if not voices:
        return []
    vectors = _vectors(voices, idf)
    fixed = _pinned_assignment(voices, vectors, pinned or {})
    groups = [_make_group(article, chapter, [i for i, g in fixed.items() if g == name], voices, vectors, idf, name)
              for name in sorted(set(fixed.values()))]
    free = [i for i in range(len(voices)) if i not in fixed]
    if free:
        labels = cluster_labels(vectors[free], exact_limit, seed)
        for label in np.unique(labels):
            indices = [free[j] for j in np.flatnonzero(labels == label)]
            groups.append(_make_group(article, chapter, indices, voices, vectors, idf))
    return groups
