"""Form letters: near-copies of one text, and templated campaigns whose copies share a skeleton.

Copies: character 3-gram shingles of the comment with quoted draft text, salutations and
signatures removed; candidates come from MinHash LSH (computed for all comments at once with
numpy) and from long sentences shared verbatim; a candidate is a copy when Jaccard or
containment of the shingle sets is high. Only group representatives are indexed, so a campaign of
thousands of copies costs one entry (a few more for heavily edited variants).

Templates (mail-merge letters where each sentence is picked from a few phrasings): sentences
seen in several comments are the campaign's building blocks; blocks that keep appearing together
form a skeleton, and a comment made mostly of one skeleton's blocks belongs to that campaign,
even when two copies share no sentence. Copies and templates are joined into campaigns as the
connected components of one graph (scipy).

datasketch's MinHash and MinHashLSH found the same groups on the labeled sets (one copy fewer on
the campaign set, its permutations being others), but took 6.5 s where this vectorised MinHash and
band index take 2.6 s on 30,000 generated comments: the index is queried and filled one comment at
a time, and datasketch does that in Python per band and per MinHash object. At 100,000 comments
that is 13 s of the 60 s budget, so datasketch is not used.
"""

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from legislink.analysis.corpus import Doc
from legislink.analysis.model import DuplicateGroup
from legislink.analysis.text import letters_and_digits, quoted, sentences

SHINGLE = 3
COPY_JACCARD = 0.4
COPY_CONTAINMENT = 0.7
# Shorter comments (in shingles) are never called copies: two residents may well both write
# "建议删除第五条" on their own.
MIN_SHINGLES = 20
BANDS, ROWS = 16, 4
# Comments hashed at once: bounds the memory of the vectorised MinHash.
MINHASH_CHUNK = 20_000
# Representatives verified per comment: the most similar by band collisions come first.
MAX_CANDIDATES = 12
# Variants further than this from the copy they matched become extra representatives of their
# group, up to MAX_REPRESENTATIVES, so that later copies edited the same way are still found.
VARIANT_JACCARD = 0.7
MAX_REPRESENTATIVES = 8
# Sentences shorter than this (letters and digits) are too common to tell anything.
MIN_SENTENCE = 10
# Sentences indexed for candidates are skipped once this many representatives share them.
MAX_SENTENCE_FANOUT = 10
# Template blocks: seen in at least this many comments; linked when this share of the larger
# block's comments also has the other.
MIN_BLOCK_SUPPORT = 2
MIN_BLOCK_LINK = 0.15
# A block whose comments point at different articles, none holding this share, is boilerplate.
MAX_BLOCK_SPREAD = 0.6
# A copy's sentence is its sender's own unless this share of its character pairs is in a sentence
# of another copy; compared with at most OWN_COMPARED of the campaign's commonest sentences.
OWN_OVERLAP = 0.5
OWN_COMPARED = 50
# A comment joins a skeleton with at least this many of its blocks covering this share of it.
MIN_BLOCKS_PER_COPY = 2
MIN_TEMPLATE_COVERAGE = 0.5

_SALUTATION = re.compile(
    r"^(?:尊敬的|敬爱的|各位|亲爱的)?[^，,。！!？?\n]{0,20}?(?:工作人员|领导|同志|代表|联系点|联络站|老师)?"
    r"[，,:：]?\s*(?:您好|你好|你们好|大家好)[!！,，。.]?"
    r"|^(?:尊敬的|敬爱的)[^，,。！!？?\n:：]{1,24}[:：，,]"
    r"|^(?:各位领导|领导|您好|你好)[:：，,!！]"
    r"|^[^，,。！!？?\n]{1,12}们好[!！,，。.]?|^致[^，,。！!？?\n:：]{1,24}[:：，,]|^敬启者[:：，,]?"
)
_CLOSING = re.compile(r"(?:此致敬礼|此致|敬礼|恳请采纳|望采纳|希望采纳|谢谢|感谢)[!！。.]*\s*$")
_SIGNATURE_LINE = re.compile(r"\n\s*[^\n]{1,16}\s*$|[—-]{1,2}[^\n—-]{1,16}\s*$")
_MERSENNE = (1 << 61) - 1


def letter_body(norm: str, draft_text: str) -> str:
    """The part of a normalised comment that a form letter shares: no salutation, signature,
    closing formula or quoted draft text."""
    body = _SIGNATURE_LINE.sub("", norm.strip())
    body = _SALUTATION.sub("", body.strip())
    body = _CLOSING.sub("", body.strip())
    for passage in quoted(body):
        bare = letters_and_digits(passage)
        if len(bare) >= 4 and bare in draft_text:
            body = body.replace(passage, "")
    return body


def _fingerprints(bodies: Sequence[str], seed: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """Docs x BANDS MinHash band hashes, and each doc's sorted distinct shingle hashes."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 1 << 31, BANDS * ROWS, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 1 << 31, BANDS * ROWS, dtype=np.uint64)
    bands, shingles = [np.zeros((0, BANDS), dtype=np.uint64)], []
    for k in range(0, len(bodies), MINHASH_CHUNK):
        chunk_bands, chunk_shingles = _fingerprint_chunk(bodies[k:k + MINHASH_CHUNK], a, b)
        bands.append(chunk_bands)
        shingles.extend(chunk_shingles)
    return np.concatenate(bands), shingles


def _fingerprint_chunk(bodies: Sequence[str], a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Vectorised over a chunk: 3-character shingles hashed from code points, then min-hashed."""
    codes = [np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) for s in bodies]
    lengths = np.array([max(len(c) - SHINGLE + 1, 0) for c in codes], dtype=np.int64)
    signatures = np.full((len(bodies), len(a)), np.iinfo(np.uint64).max, dtype=np.uint64)
    shingles = [np.zeros(0, dtype=np.uint64)] * len(bodies)
    has = lengths > 0
    if has.any():
        hashed = np.concatenate([(c[:-2] * np.uint64(1_000_003) + c[1:-1]) * np.uint64(1_000_033) + c[2:]
                                 for c, n in zip(codes, lengths, strict=True) if n > 0])
        hashed = hashed % np.uint64(_MERSENNE)
        starts = np.concatenate([[0], np.cumsum(lengths[has])[:-1]])
        for k in range(len(a)):
            signatures[has, k] = np.minimum.reduceat((hashed * a[k] + b[k]) >> np.uint64(16), starts)
        for i, part in zip(np.flatnonzero(has), np.split(hashed, starts[1:]), strict=True):
            shingles[i] = np.unique(part)
    rows = signatures.reshape(len(bodies), BANDS, ROWS)
    mixed = np.zeros((len(bodies), BANDS), dtype=np.uint64)
    for r in range(ROWS):
        mixed = mixed * np.uint64(0x9E3779B97F4A7C15) ^ rows[:, :, r]
    return mixed ^ np.arange(BANDS, dtype=np.uint64) << np.uint64(56), shingles


def _overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Jaccard and containment of two sorted sets of shingle hashes."""
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


def _similar(a: np.ndarray, b: np.ndarray) -> bool:
    jaccard, containment = _overlap(a, b)
    return jaccard >= COPY_JACCARD or containment >= COPY_CONTAINMENT


def _components(n: int, edges: Sequence[tuple[int, int]]) -> np.ndarray:
    """The connected component of each of `n` nodes, given the edges between them."""
    if not edges:
        return np.arange(n)
    rows, cols = zip(*edges, strict=True)
    graph = sparse.coo_matrix((np.ones(len(edges), dtype=np.int8), (rows, cols)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


class _CopyIndex:
    """Representatives of the copy groups found so far, indexed by band and by long sentence."""

    def __init__(self) -> None:
        self.bands: dict[int, list[int]] = defaultdict(list)
        self.sentences: dict[str, list[int]] = defaultdict(list)
        self.reps_of_group: Counter[int] = Counter()

    def band_candidates(self, bands: np.ndarray) -> list[int]:
        """Representatives sharing a band, those sharing most bands first, at most MAX_CANDIDATES."""
        hits = [reps for h in bands.tolist() if (reps := self.bands.get(h))]
        if len(hits) <= 1:  # none, or one band's representatives, each once, in the order they came
            return hits[0][:MAX_CANDIDATES] if hits else []
        found = Counter(chain.from_iterable(hits))
        if len(found) <= MAX_CANDIDATES:  # all of them: a stable sort is most_common's order, without its heap
            return sorted(found, key=found.__getitem__, reverse=True)
        return [r for r, _ in found.most_common(MAX_CANDIDATES)]

    def sentence_candidates(self, keys: Sequence[str], tried: Sequence[int]) -> list[int]:
        found: dict[int, None] = {}
        for key in keys:
            reps = self.sentences.get(key, ())
            if len(reps) < MAX_SENTENCE_FANOUT:
                found.update(dict.fromkeys(reps))
        return [r for r in found if r not in tried]

    def add(self, i: int, group: int, bands: np.ndarray, keys: Sequence[str]) -> None:
        if self.reps_of_group[group] >= MAX_REPRESENTATIVES:
            return
        self.reps_of_group[group] += 1
        for h in bands.tolist():
            self.bands[h].append(i)
        for key in keys:
            self.sentences[key].append(i)


def _sentence_keys(body: str) -> list[str]:
    return [k for k in (letters_and_digits(s) for s in sentences(body)) if len(k) >= MIN_SENTENCE]


def _copy_groups(bodies: Sequence[str], keys: Sequence[list[str]], seed: int) -> np.ndarray:
    """Each comment's copy group: the first comment of the group, or itself."""
    alnum = [letters_and_digits(b) for b in bodies]
    eligible = [i for i, s in enumerate(alnum) if len(s) - SHINGLE + 1 >= MIN_SHINGLES]
    bands, fingerprints = _fingerprints([alnum[i] for i in eligible], seed)
    shingles = dict(zip(eligible, fingerprints, strict=True))
    group = np.arange(len(bodies))
    index = _CopyIndex()
    exact: dict[str, int] = {}
    for row, i in enumerate(eligible):
        if alnum[i] in exact:
            group[i] = group[exact[alnum[i]]]
            continue
        exact[alnum[i]] = i
        tried = index.band_candidates(bands[row])
        match = next((r for r in tried if _similar(shingles[i], shingles[r])), None)
        if match is None:
            match = next((r for r in index.sentence_candidates(keys[i], tried)
                          if _similar(shingles[i], shingles[r])), None)
        if match is None:
            index.add(i, i, bands[row], keys[i])
            continue
        group[i] = group[match]
        if _overlap(shingles[i], shingles[match])[0] < VARIANT_JACCARD:
            index.add(i, group[i], bands[row], keys[i])
    return group


def _generic(keys: Sequence[list[str]], topics: Sequence[str]) -> set[str]:
    """Sentences found in comments on many different articles: boilerplate, not a campaign's."""
    spread: dict[str, Counter[str]] = defaultdict(Counter)
    for ks, topic in zip(keys, topics, strict=True):
        if topic:
            for k in set(ks):
                spread[k][topic] += 1
    return {k for k, c in spread.items()
            if c.total() >= MIN_BLOCK_SUPPORT * 2 and c.most_common(1)[0][1] / c.total() < MAX_BLOCK_SPREAD}


def _template_edges(keys: Sequence[list[str]], bodies: Sequence[str],
                    topics: Sequence[str] | None) -> list[tuple[int, int]]:
    """Pairs of comments made mostly of the blocks of one skeleton: each with the first such comment."""
    support = Counter(k for ks in keys for k in set(ks))
    generic = _generic(keys, topics) if topics is not None else set()
    blocks = {k for k, n in support.items() if n >= MIN_BLOCK_SUPPORT and k not in generic}
    if not blocks:
        return []
    block_ids = {k: j for j, k in enumerate(sorted(blocks))}
    pairs: Counter[tuple[int, int]] = Counter()
    doc_blocks = []
    for ks in keys:
        mine = sorted({block_ids[k] for k in ks if k in blocks})
        doc_blocks.append(mine)
        pairs.update((x, y) for n, x in enumerate(mine) for y in mine[n + 1:])
    by_block = {j: support[k] for k, j in block_ids.items()}
    skeleton = _components(len(block_ids), [(x, y) for (x, y), together in pairs.items()
                                            if together / max(by_block[x], by_block[y]) >= MIN_BLOCK_LINK])
    length = {j: len(k) for k, j in block_ids.items()}
    first_of: dict[int, int] = {}
    edges = []
    for i, mine in enumerate(doc_blocks):
        per_skeleton: dict[int, list[int]] = defaultdict(list)
        for j in mine:
            per_skeleton[skeleton[j]].append(j)
        total = max(1, len(letters_and_digits(bodies[i])))
        for root, js in per_skeleton.items():
            if len(js) >= MIN_BLOCKS_PER_COPY and sum(length[j] for j in js) / total >= MIN_TEMPLATE_COVERAGE:
                edges.append((first_of.setdefault(root, i), i))
    return edges


def _pairs(text: str) -> set[str]:
    return {text[k:k + 2] for k in range(len(text) - 1)}


def own_sentences(bodies: Sequence[str]) -> list[tuple[str, ...]]:
    """For the copies of one campaign: each copy's sentences that no other copy has, even edited —
    what its sender added (a personal line, a point of their own)."""
    split = [[(s, k) for s in sentences(b) if len(k := letters_and_digits(s)) >= MIN_SENTENCE] for b in bodies]
    support = Counter(k for pieces in split for k in {k for _, k in pieces})
    if len(support) == sum(map(len, split)) and len(bodies) > 2:
        return [()] * len(bodies)  # no sentence repeats exactly: nothing to tell own ones by
    common: list[tuple[str, set[str]]] | None = None
    own = []
    for pieces in split:
        mine = []
        for sentence, key in pieces:
            if support[key] > 1:
                continue
            if common is None:
                common = [(k, _pairs(k)) for k, _ in support.most_common(OWN_COMPARED)]
            pairs = _pairs(key)
            if not any(len(pairs & other) >= OWN_OVERLAP * len(pairs) for k, other in common if k != key):
                mine.append(sentence)
        own.append(tuple(mine))
    return own


def group_id(prefix: str, members: Sequence[str], scope: str = "") -> str:
    """A stable id: the same members (in the same scope, e.g. article) give the same id every run."""
    digest = hashlib.blake2b("\x1f".join([scope, *sorted(members)]).encode("utf-8"), digest_size=6).hexdigest()
    return f"{prefix}-{digest}"


@dataclass(frozen=True)
class Copies:
    """The first step of form-letter detection, which needs no attribution: each comment's letter body, its
    long sentences, and its copy group (the first comment of the group, or itself)."""

    bodies: list[str]
    keys: list[list[str]]
    group: np.ndarray


def find_copies(docs: Sequence[Doc], draft_text: str = "", seed: int = 0) -> Copies:
    bodies = [letter_body(d.norm, draft_text) for d in docs]
    keys = [_sentence_keys(b) for b in bodies]
    return Copies(bodies, keys, _copy_groups(bodies, keys, seed))


def find_duplicate_docs(docs: Sequence[Doc], draft_text: str = "", seed: int = 0,
                        topics: Sequence[str] | None = None, copies: Copies | None = None) -> list[DuplicateGroup]:
    """Form-letter groups among prepared comments; `draft_text` is the draft in letters and digits only.

    `topics` (the article each comment was attributed to, "" for none) lets sentences used on
    many articles be recognised as boilerplate rather than a campaign's building blocks. `copies`: the
    `find_copies` of the same docs, when already found.
    """
    found = copies or find_copies(docs, draft_text, seed)
    bodies, keys, copy_group = found.bodies, found.keys, found.group
    edges = [(int(g), i) for i, g in enumerate(copy_group) if g != i] + _template_edges(keys, bodies, topics)
    members: dict[int, list[int]] = defaultdict(list)
    for i, component in enumerate(_components(len(docs), edges)):
        members[int(component)].append(i)
    groups = []
    for idx in members.values():
        if len(idx) < 2:
            continue
        ids = [docs[i].id for i in idx]
        kind = "copy" if len({copy_group[i] for i in idx}) == 1 else "template"
        own = {docs[i].id: added for i, added in zip(idx, own_sentences([bodies[i] for i in idx]), strict=True)
               if added}
        groups.append(DuplicateGroup(id=group_id("d", ids), members=tuple(ids),
                                     representative=docs[idx[0]].id, kind=kind, own=own))
    return groups
