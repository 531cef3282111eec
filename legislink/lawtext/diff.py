"""Comparing two versions of a law article by article, and two texts character by character.

`align` pairs the articles of an old and a new version even when articles are inserted,
deleted, moved or renumbered. Similarity is difflib's ratio (2·matching characters / total) on
the article text with whitespace removed, caption included.

How pairs are found:

1. identical texts pair up (in order where a text occurs more than once);
2. each remaining old article is compared with the new articles that share the most character
   trigrams with it (an inverted index keeps this far from quadratic), and pairs at least
   MATCH_SIMILARITY alike become candidates;
3. the heaviest chain of candidates that keeps both orders (a weighted longest common
   subsequence) is the backbone: these articles stayed in place, perhaps renumbered;
4. the leftover candidates cross the backbone (a candidate compatible with it would be in it):
   their article changed its order relative to its neighbours, which is what `moved` means.
   Renumbering alone (because something was inserted or deleted before it) is not a move;
5. between two backbone anchors, an old and a new article left over in the same slot pair up
   as `modified` when at least SLOT_SIMILARITY alike: a rewrite in place.

Changes: `same` (identical text, whatever the label), `modified` (in place, text changed),
`moved` (order changed, text possibly changed too), `added`, `deleted`. A `（删去）`
placeholder in the new version that keeps the number of an old article marks that article
`deleted`, with both labels given.
"""

from __future__ import annotations

import difflib
import heapq
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from legislink.lawtext.model import Article

Change = Literal["same", "modified", "added", "deleted", "moved"]

MATCH_SIMILARITY = 0.5
SLOT_SIMILARITY = 0.35
# How many of the most trigram-sharing new articles are compared with each old one.
_CANDIDATES_PER_ARTICLE = 4
# Below this trigram Dice coefficient two articles are unrelated (difflib ratio under about
# 0.35 on the laws measured) and the costly ratio is not computed.
_RELATED_TRIGRAMS = 0.15
# Gaps between anchors with more pairings than this are only searched near their diagonal.
_SLOT_PAIRS_IN_FULL = 400
_SLOT_BAND = 5
# Trigrams found in more articles than this share carry no evidence ("的规定", "应当依").
_COMMON_TRIGRAM_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class Alignment:
    old: Article | None
    new: Article | None
    change: Change
    similarity: float  # 0..1; 1.0 for `same`, 0.0 when one side is missing

    @property
    def from_label(self) -> str | None:
        return self.old.label if self.old else None

    @property
    def to_label(self) -> str | None:
        return self.new.label if self.new else None

    def to_json(self) -> dict[str, Any]:
        """The entry printed by `legislink drafts compare --json`."""
        return {
            "from": self.from_label,
            "to": self.to_label,
            "change": self.change,
            "similarity": round(self.similarity, 4),
        }


@dataclass(frozen=True, slots=True)
class DiffSpan:
    op: Literal["same", "added", "removed"]
    text: str


def char_diff(a: str, b: str) -> list[DiffSpan]:
    """What was kept, removed from `a` and added in `b`, character by character."""
    spans: list[DiffSpan] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            spans.append(DiffSpan("same", a[i1:i2]))
            continue
        if i2 > i1:
            spans.append(DiffSpan("removed", a[i1:i2]))
        if j2 > j1:
            spans.append(DiffSpan("added", b[j1:j2]))
    return spans


def similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _comparable(article: Article) -> str:
    return "".join(((article.caption or "") + article.text).split())


def _trigrams(text: str) -> set[str]:
    return {text[i:i + 3] for i in range(max(len(text) - 2, 1))}


class _Matcher:
    """Working state of one alignment: the texts and the pairs found so far."""

    def __init__(self, old: Sequence[Article], new: Sequence[Article]) -> None:
        self.old, self.new = old, new
        self.old_text = [_comparable(a) for a in old]
        self.new_text = [_comparable(a) for a in new]
        self.old_grams = [_trigrams(t) for t in self.old_text]
        self.new_grams = [_trigrams(t) for t in self.new_text]
        self.pair_of_old: dict[int, int] = {}
        self.pair_of_new: dict[int, int] = {}
        self.scores: dict[tuple[int, int], float] = {}

    def free_old(self) -> list[int]:
        return [i for i, a in enumerate(self.old) if i not in self.pair_of_old and not a.deleted]

    def free_new(self) -> list[int]:
        return [j for j, a in enumerate(self.new) if j not in self.pair_of_new and not a.deleted]

    def score(self, i: int, j: int) -> float:
        """difflib's ratio, or 0.0 when the trigrams alone show the texts unrelated."""
        if (i, j) not in self.scores:
            a, b = self.old_grams[i], self.new_grams[j]
            related = 2 * len(a & b) >= _RELATED_TRIGRAMS * (len(a) + len(b))
            self.scores[i, j] = similarity(self.old_text[i], self.new_text[j]) if related else 0.0
        return self.scores[i, j]

    def identical_pairs(self) -> list[tuple[int, int, float]]:
        by_text: dict[str, list[int]] = defaultdict(list)
        for j in self.free_new():
            by_text[self.new_text[j]].append(j)
        seen: Counter[str] = Counter()
        pairs = []
        for i in self.free_old():
            text = self.old_text[i]
            slots = by_text.get(text, [])
            if seen[text] < len(slots):
                pairs.append((i, slots[seen[text]], 1.0))
                seen[text] += 1
        return pairs

    def similar_pairs(self, taken_old: set[int], taken_new: set[int]) -> list[tuple[int, int, float]]:
        new_ids = [j for j in self.free_new() if j not in taken_new]
        index: dict[str, list[int]] = defaultdict(list)
        for j in new_ids:
            for gram in self.new_grams[j]:
                index[gram].append(j)
        common = max(20, int(_COMMON_TRIGRAM_SHARE * max(len(self.new), 1)))
        pairs = []
        for i in self.free_old():
            if i in taken_old:
                continue
            shared: Counter[int] = Counter()
            for gram in self.old_grams[i]:
                postings = index.get(gram, ())
                if len(postings) <= common:
                    shared.update(postings)
            for j, _ in shared.most_common(_CANDIDATES_PER_ARTICLE):
                score = self.score(i, j)
                if score >= MATCH_SIMILARITY:
                    pairs.append((i, j, score))
        return pairs

    def take(self, i: int, j: int) -> None:
        self.pair_of_old[i] = j
        self.pair_of_new[j] = i


def _heaviest_chain(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The subset of pairs increasing in both indexes with the largest total weight."""
    if not pairs:
        return []
    ordered = sorted(pairs, key=lambda p: (p[0], -p[1]))
    size = max(p[1] for p in ordered) + 2
    tree_best = [0.0] * size
    tree_at = [-1] * size
    back = [-1] * len(ordered)
    best_total = [0.0] * len(ordered)
    for k, (_, j, weight) in enumerate(ordered):
        # Best chain ending at a new index < j (Fenwick prefix maximum).
        prefix, prefix_at, pos = 0.0, -1, j
        while pos > 0:
            if tree_best[pos] > prefix:
                prefix, prefix_at = tree_best[pos], tree_at[pos]
            pos -= pos & -pos
        best_total[k], back[k] = prefix + weight, prefix_at
        pos = j + 1
        while pos < size:
            if best_total[k] > tree_best[pos]:
                tree_best[pos], tree_at[pos] = best_total[k], k
            pos += pos & -pos
    k = max(range(len(ordered)), key=best_total.__getitem__)
    chain = []
    while k != -1:
        chain.append(ordered[k])
        k = back[k]
    return chain[::-1]


def _fill_slots(m: _Matcher, backbone: list[tuple[int, int, float]]) -> None:
    """Pair what is left between consecutive backbone anchors, in order, when alike enough."""
    bounds = [(-1, -1), *((i, j) for i, j, _ in backbone), (len(m.old), len(m.new))]
    free_old, free_new = set(m.free_old()), set(m.free_new())
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        olds = [i for i in range(i0 + 1, i1) if i in free_old]
        news = [j for j in range(j0 + 1, j1) if j in free_new]
        pairs = [(i, j, s) for i, j in _slot_candidates(olds, news) if (s := m.score(i, j)) >= SLOT_SIMILARITY]
        for i, j, _ in _heaviest_chain(pairs):
            m.take(i, j)


def _slot_candidates(olds: list[int], news: list[int]) -> list[tuple[int, int]]:
    """Every pairing in a small gap; in a large one (two unrelated texts) only those near the
    gap's diagonal, so the work stays linear."""
    if len(olds) * len(news) <= _SLOT_PAIRS_IN_FULL:
        return [(i, j) for i in olds for j in news]
    scale = len(news) / len(olds)
    pairs = []
    for position, i in enumerate(olds):
        middle = round(position * scale)
        pairs.extend((i, news[k]) for k in range(max(0, middle - _SLOT_BAND), min(len(news), middle + _SLOT_BAND + 1)))
    return pairs


def _pair_moved(m: _Matcher, candidates: list[tuple[int, int, float]]) -> set[int]:
    """Best-first among candidates whose both sides are still free: these cross the backbone."""
    moved = set()
    heap = [(-s, i, j) for i, j, s in candidates]
    heapq.heapify(heap)
    while heap:
        _, i, j = heapq.heappop(heap)
        if i not in m.pair_of_old and j not in m.pair_of_new:
            m.take(i, j)
            moved.add(i)
    return moved


def _placeholder_pairs(m: _Matcher) -> None:
    """A `（删去）` placeholder in the new version stands for the old article of its number."""
    old_by_label = {a.label: i for i, a in enumerate(m.old) if i not in m.pair_of_old}
    for j, article in enumerate(m.new):
        if article.deleted and article.label in old_by_label and j not in m.pair_of_new:
            m.take(old_by_label.pop(article.label), j)


def _classify(m: _Matcher, i: int, j: int, moved: set[int]) -> Alignment:
    old, new = m.old[i], m.new[j]
    if new.deleted:
        change: Change = "same" if old.deleted else "deleted"
        return Alignment(old, new, change, 1.0 if old.deleted else 0.0)
    score = 1.0 if m.old_text[i] == m.new_text[j] else m.score(i, j)
    if i in moved:
        return Alignment(old, new, "moved", score)
    return Alignment(old, new, "same" if score == 1.0 else "modified", score)


def align(old_articles: Sequence[Article], new_articles: Sequence[Article]) -> list[Alignment]:
    """Align two versions article by article; see the module docstring for the method.

    The result follows the new version; an article deleted from the old one comes right after
    the alignment of the old article before it.
    """
    m = _Matcher(old_articles, new_articles)
    identical = m.identical_pairs()
    taken_old = {i for i, _, _ in identical}
    taken_new = {j for _, j, _ in identical}
    candidates = identical + m.similar_pairs(taken_old, taken_new)
    backbone = _heaviest_chain(candidates)
    for i, j, _ in backbone:
        m.take(i, j)
    moved = _pair_moved(m, candidates)
    _fill_slots(m, backbone)
    _placeholder_pairs(m)
    return _ordered(m, moved)


def _ordered(m: _Matcher, moved: set[int]) -> list[Alignment]:
    keyed: list[tuple[tuple[int, int, int], Alignment]] = []
    for j, article in enumerate(m.new):
        i = m.pair_of_new.get(j)
        alignment = _classify(m, i, j, moved) if i is not None else _added(article)
        keyed.append(((j, 0, 0), alignment))
    anchor = -1
    for i, article in enumerate(m.old):
        if i in m.pair_of_old:
            anchor = m.pair_of_old[i]
        else:
            keyed.append(((anchor, 1, i), Alignment(article, None, "deleted", 0.0)))
    keyed.sort(key=lambda entry: entry[0])
    return [alignment for _, alignment in keyed]


def _added(article: Article) -> Alignment:
    # A placeholder with no old article to stand for records an earlier deletion.
    return Alignment(None, article, "deleted" if article.deleted else "added", 0.0)
