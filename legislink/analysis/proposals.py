"""Proposals for laws to make (立项建议), grouped by the law they ask for.

Residents name the same law in their own words: 电动自行车管理条例, 电瓶车停放充电的规定, 关于规范
电动车充电的建议. A proposal is compared on two things, with `TITLE_WEIGHT` between them:

- the SUBJECT of its title (建议项目名称): the title without the words that name a legislative form
  or the ask (条例, 管理办法, 关于制定…的建议; data/law_title_words.txt), as its characters and
  character pairs weighted by how rare each is among this call's titles. Everyday words and terms
  share characters (电瓶车 and 电动自行车 share 电 and 车) where they share no word;
- its WHOLE TEXT (title, 立法必要性 and 主要内容): content words and the character pairs inside them,
  TF-IDF over the call's proposals. Two residents who call the same thing differently still
  describe the same trouble (充电, 楼道, 起火).

Copies of one form letter (the detection drafts use) are one voice, counted but not weighed.
Average-linkage agglomerative clustering on cosine distance, cut at `CUT_DISTANCE`; a proposal
left alone joins the group it resembles most (`ATTACH_SIMILARITY`). The three constants were chosen
by cross-validation over two labeled sets of different making
(tests/analysis/fixtures/proposals/README.md, benchmarks/tune_proposals.py). Groups staff edited
keep their members and id; a new proposal joins one when close enough to it.
"""

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import chain

import numpy as np
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as l2_normalize

from legislink.analysis.corpus import Doc, default_segmenter
from legislink.analysis.duplicates import find_duplicate_docs, group_id
from legislink.analysis.keywords import Idf, as_is, subwords, top_keywords
from legislink.analysis.model import DuplicateGroup
from legislink.analysis.segmentation import Segmenter, is_content_token, with_translations
from legislink.analysis.text import BRACKETS, common_title, normalize

# Share of the title's subject in the similarity of two proposals, against their whole text.
TITLE_WEIGHT = 0.5
# Voices further apart than this (cosine distance, average linkage) ask for different laws.
CUT_DISTANCE = 0.9
# A proposal the cut leaves alone joins the group it resembles most on average, when this close.
ATTACH_SIMILARITY = 0.05
# Past this many voices, they are first gathered into micro-clusters (as opinion grouping does).
EXACT_LIMIT = 3000
MICRO_CLUSTER_SIZE = 8
SVD_DIMENSIONS = 100

_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Proposal:
    """One resident's proposal: the law asked for (`title`), why (`text`), what it should say (`content`).
    `tokens` are the stored tokens of `text`, when there are any (the rest is segmented here)."""

    id: str
    title: str
    text: str = ""
    content: str = ""
    tokens: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ProposalGroup:
    """Proposals asking for the same law; `name` is their most common title, `copies` the members that
    are copies of a form letter."""

    id: str
    members: tuple[str, ...]
    name: str
    keywords: tuple[str, ...]
    representative: str
    pinned: bool = False
    copies: int = 0

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class ProposalResult:
    id: str
    group: str
    duplicate_group: str | None
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class ProposalAnalysis:
    proposals: tuple[ProposalResult, ...]
    groups: tuple[ProposalGroup, ...]
    duplicate_groups: tuple[DuplicateGroup, ...]


@dataclass(frozen=True)
class ProposalOptions:
    """`pinned` maps proposal id -> the id of the group staff edited that holds it."""

    pinned: Mapping[str, str] | None = None
    title_weight: float = TITLE_WEIGHT
    cut_distance: float = CUT_DISTANCE
    attach_similarity: float = ATTACH_SIMILARITY
    exact_limit: int = EXACT_LIMIT
    seed: int = 0


@cache
def title_words() -> tuple[str, ...]:
    """The words of data/law_title_words.txt, longest first (so 管理条例 goes before 条例)."""
    text = resources.files("legislink.analysis").joinpath("data/law_title_words.txt").read_text("utf-8")
    words = {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def subject(title: str, segmenter: Segmenter | None = None) -> str:
    """What a title asks a law about: its content words without those naming a form or the ask.
    关于制定《电动自行车管理条例》的建议 -> 电动自行车."""
    seg = segmenter or default_segmenter()
    words = set(title_words())
    kept = []
    for token in seg.tokens(BRACKETS.sub(" ", title)):
        if token in words:
            continue
        # jieba may keep a form word glued on (物业管理法): take it off the end.
        for word in title_words():
            if token.endswith(word) and len(token) > len(word) + 1:
                token = token[: -len(word)]
                break
        kept.append(token)
    return "".join(kept)


def _title_features(subject_text: str) -> list[str]:
    """The characters of the subject and its character pairs: where everyday words meet terms."""
    chars = [c for c in subject_text if _HAN.match(c) or c.isalnum()]
    return chars + [f"{a}{b}" for a, b in zip(chars, chars[1:], strict=False)]


def _tfidf(docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """Rows of unit length, (1 + log tf) * smoothed idf over these documents; an empty row stays zero."""
    if not any(docs):
        return sparse.csr_matrix((len(docs), 1))
    return TfidfVectorizer(analyzer=as_is, sublinear_tf=True).fit_transform(docs)


def _whole_text(p: Proposal) -> str:
    return "\n".join(part for part in (p.title, p.text, p.content) if part)


@dataclass(frozen=True)
class _Prepared:
    docs: list[Doc]  # whole text, for form letters and keywords
    subjects: list[str]
    vectors: sparse.csr_matrix


def _prepare(proposals: Sequence[Proposal], seg: Segmenter, title_weight: float) -> _Prepared:
    docs, subjects = [], []
    form_words = set(title_words())
    for p in proposals:
        body = list(p.tokens) if p.tokens is not None else seg.tokens(p.text)
        extra = seg.tokens(f"{p.title}\n{p.content}")
        # English proposals meet Chinese ones through the glossary drafts use as well.
        tokens = tuple(t for t in with_translations([*extra, *body]) if is_content_token(t) and t not in form_words)
        docs.append(Doc(id=str(p.id), norm=normalize(_whole_text(p)), tokens=tokens))
        subjects.append(subject(p.title, seg))
    titles = _tfidf([_title_features(s) for s in subjects])
    words = _tfidf([list(chain(d.tokens, chain.from_iterable(map(subwords, d.tokens)))) for d in docs])
    vectors = l2_normalize(sparse.hstack([titles * math.sqrt(title_weight),
                                          words * math.sqrt(1 - title_weight)]).tocsr())
    return _Prepared(docs, subjects, vectors)


def _voices(docs: Sequence[Doc], letters: Sequence[DuplicateGroup]) -> list[list[int]]:
    """Indices of each voice: a form letter's copies together, every other proposal alone."""
    index = {d.id: i for i, d in enumerate(docs)}
    voices, seen = [], set()
    for letter in letters:
        members = [index[m] for m in letter.members]
        voices.append(members)
        seen.update(members)
    voices.extend([i] for i in range(len(docs)) if i not in seen)
    return voices


def _agglomerate(vectors: sparse.csr_matrix | np.ndarray, cut: float) -> np.ndarray:
    n = vectors.shape[0]
    if n < 2:
        return np.zeros(n, dtype=int)
    similarity = vectors @ vectors.T
    similarity = similarity.toarray() if sparse.issparse(similarity) else similarity
    distance = np.clip(1 - similarity, 0, 2)
    np.fill_diagonal(distance, 0)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average", distance_threshold=cut)
    return model.fit_predict(distance)


def _attach_strays(labels: np.ndarray, vectors: sparse.csr_matrix, least: float) -> np.ndarray:
    """Voices alone in their cluster join the cluster of two or more they resemble most on average,
    if at least `least` (cosine)."""
    labels = np.unique(labels, return_inverse=True)[1]
    sizes = np.bincount(labels)
    groups, strays = np.flatnonzero(sizes > 1), np.flatnonzero(sizes[labels] == 1)
    if not len(groups) or not len(strays):
        return labels
    members = sparse.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))))[groups]
    means = sparse.diags(1 / sizes[groups]) @ members @ vectors
    similarity = (vectors[strays] @ means.T).toarray()
    best = similarity.argmax(axis=1)
    close = similarity[np.arange(len(strays)), best] >= least
    labels[strays[close]] = groups[best[close]]
    return labels


def _cluster(vectors: sparse.csr_matrix, options: ProposalOptions) -> np.ndarray:
    return _attach_strays(_cut(vectors, options), vectors, options.attach_similarity)


def _cut(vectors: sparse.csr_matrix, options: ProposalOptions) -> np.ndarray:
    n = vectors.shape[0]
    if n <= options.exact_limit:
        return _agglomerate(vectors, options.cut_distance)
    dims = min(SVD_DIMENSIONS, vectors.shape[1] - 1, n - 1)
    reduced = l2_normalize(TruncatedSVD(n_components=dims, random_state=options.seed).fit_transform(vectors))
    micro = MiniBatchKMeans(n_clusters=max(2, n // MICRO_CLUSTER_SIZE), random_state=options.seed,
                            batch_size=4096, n_init=1).fit_predict(reduced)
    centroids = np.zeros((micro.max() + 1, reduced.shape[1]))
    np.add.at(centroids, micro, reduced)
    return _agglomerate(l2_normalize(centroids), options.cut_distance)[micro]


def _pinned(voices: Sequence[list[int]], vectors: sparse.csr_matrix, docs: Sequence[Doc],
            options: ProposalOptions) -> dict[int, str]:
    """Voice index -> the staff-edited group it stays in, or joins when close enough to it on average."""
    pinned = options.pinned or {}
    fixed = {}
    for v, members in enumerate(voices):
        ids = [pinned[docs[i].id] for i in members if docs[i].id in pinned]
        if ids:
            fixed[v] = Counter(ids).most_common(1)[0][0]
    if not fixed:
        return fixed
    names = sorted(set(fixed.values()))
    means = sparse.vstack([sparse.csr_matrix(vectors[[voices[v][0] for v, g in fixed.items() if g == name]]
                                             .mean(axis=0)) for name in names])
    free = [v for v in range(len(voices)) if v not in fixed]
    if free:
        similarity = (vectors[[voices[v][0] for v in free]] @ means.T).toarray()
        for row, v in zip(similarity, free, strict=True):
            if row.max() >= 1 - options.cut_distance:
                fixed[v] = names[int(row.argmax())]
    return fixed


def _group(indices: Sequence[int], voices: Sequence[list[int]], prepared: _Prepared, proposals: Sequence[Proposal],
           idf: Idf, pinned_id: str | None) -> ProposalGroup:
    rows = [i for v in indices for i in voices[v]]
    members = tuple(prepared.docs[i].id for i in rows)
    block = prepared.vectors[[voices[v][0] for v in indices]]
    centroid = np.asarray(block.mean(axis=0)).ravel()
    first = voices[indices[int(np.argmax(block @ centroid))]][0]
    representative = prepared.docs[first].id
    counts: Counter[str] = Counter(chain.from_iterable(prepared.docs[voices[v][0]].tokens for v in indices))
    return ProposalGroup(
        id=pinned_id or group_id("p", members),
        members=members,
        name=common_title([proposals[i].title for i in rows], prefer=proposals[first].title),
        keywords=top_keywords(counts, idf),
        representative=representative,
        pinned=pinned_id is not None,
        copies=sum(len(voices[v]) for v in indices if len(voices[v]) > 1),
    )


def group_proposals(proposals: Sequence[Proposal], *, options: ProposalOptions | None = None,
                    segmenter: Segmenter | None = None) -> ProposalAnalysis:
    """Group the proposals of one call by the law they ask for; every proposal is in one group."""
    options = options or ProposalOptions()
    if not proposals:
        return ProposalAnalysis((), (), ())
    prepared = _prepare(proposals, segmenter or default_segmenter(), options.title_weight)
    letters = find_duplicate_docs(prepared.docs, seed=options.seed)
    voices = _voices(prepared.docs, letters)
    idf = Idf(d.tokens for d in prepared.docs)
    fixed = _pinned(voices, prepared.vectors, prepared.docs, options)
    groups = [_group([v for v, g in fixed.items() if g == name], voices, prepared, proposals, idf, name)
              for name in sorted(set(fixed.values()))]
    free = [v for v in range(len(voices)) if v not in fixed]
    if free:
        labels = _cluster(prepared.vectors[[voices[v][0] for v in free]], options)
        for label in np.unique(labels):
            groups.append(_group([free[j] for j in np.flatnonzero(labels == label)], voices, prepared, proposals,
                                 idf, None))
    groups.sort(key=lambda g: (-g.size, g.id))
    group_of = {m: g.id for g in groups for m in g.members}
    letter_of = {m: d.id for d in letters for m in d.members}
    results = tuple(ProposalResult(id=d.id, group=group_of[d.id], duplicate_group=letter_of.get(d.id),
                                   keywords=top_keywords(Counter(d.tokens), idf)) for d in prepared.docs)
    return ProposalAnalysis(results, tuple(groups), tuple(letters))
