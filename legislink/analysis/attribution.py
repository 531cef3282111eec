"""Which article a comment is about: its explicit reference, else its content, else the whole draft.

Content matching combines five kinds of evidence, computed for many comments at once as
sparse products:
- BM25 of the comment's words against each article (caption included), weights from the draft;
- draft phrases: character 4-grams the comment shares with an article, weighted by how few
  articles contain them (residents copy or quote a few words of the text they mean);
- neighbours: similarity to the comments that named the article, or were filed under it by the
  resident or staff, in the same consultation, which brings residents' own words for its subject;
- shared characters: a resident's word the draft uses in no form (捐款 where the draft says 捐赠,
  抵税 for 税收) counts by its characters that few articles hold, BM25 over the articles' characters;
- figures: an amount, distance or deadline the draft states that the comment names (罚二百元太轻),
  by how few articles state it. The last two help choose an article, not put a comment on topic.

Neighbours alone pin a comment to an article only when they single that article out; a comment
that speaks of the draft as a whole must show it in the draft's own text. Content matching runs
twice: the comments the first pass is sure of join their article's neighbours for the second, which
brings residents' words for a subject where few comments name its article.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import chain

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from legislink.analysis.adoption import cited_figures, figure_value, figures
from legislink.analysis.corpus import Doc, Draft
from legislink.analysis.keywords import as_is
from legislink.analysis.model import Attribution, Comment
from legislink.analysis.text import letters_and_digits
from legislink.lawtext.numerals import cn_to_int
from legislink.lawtext.references import DEMONSTRATIVE, Reference, find_references, names_other_law

# A reference made only to point elsewhere: 与第三十条衔接, 参照第十二条.
_CROSS_BEFORE = re.compile(r"(?:与|同|参照|依照|按照|比照|对照|结合|援引|类似)\s*$")
_CROSS_AFTER = re.compile(r"^\s*(?:的\S{0,8})?(?:相?衔接|一致|相协调|配套|相同|类似)")
# A remark on the draft as a whole: 整部草案, 通篇, 总体上, 条例里好多…, 增加一章 / 一条 (a new one).
_WHOLE_DRAFT = re.compile(
    r"整部|通篇|全篇|纵观|总体(?:上|来说|来看|看|支持|赞成|同意)|整体(?:上|来说|来看|看)|总的来说|总的来看"
    r"|(?:草案|条例|法规|法律|本法)(?:里|中)?(?:好多|很多|大多|多处|反复|到处|处处|普遍)"
    r"|各条|好多条|很多条|不少条|有些条文|增加一章|加一章|单列一章|专章|增加一条|加一条|总则(?:里|中)"
    # A new part asked in other words (专门加一章, 专门写一部分, 单独立几条; fifth session of 2026-12-06, README
    # "Law-making remarks").
    r"|专门(?:写|加|增加|立|有|设)?一?(?:章|部分|节)|单独(?:立|列|写)?(?:一章|几条|成章)"
    # The whole text read, as 整部 and 通篇 say it (通读, 从头到尾, 全文, 整个条例, 整份), and in English.
    r"|通读|从头(?:看|读)?到尾|全文|整个(?:条例|草案|法|法律)|整份"
    r"|the whole (?:draft|law|regulation)|having read the (?:draft|law|regulation)"
)
# A remark on making the law rather than on what a provision says, in the words of the legislative
# process as the 立法法 names it: its hearings (第三十九条: 论证会, 听证会, here of legislation: 立法听证会),
# the time a draft is open for comment (第四十条: 征求意见的时间), the drafters' explanation (起草说明), the
# 配套的具体规定 a law asks of others (第六十二条) and the implementing rules (实施细则, 实施办法) that
# carry them (the names such rules are given, 《…法实施细则》; not words of the 立法法 itself, but entries of
# jieba's general dictionary, dict.txt; without them only `tuoyu` moves, one comment, and no held-out set),
# the evaluation after passing (立法后评估, 第六十三条), and asking the law to be passed soon
# (尽快 / 早日 with 出台, 通过 — not 公布, which residents ask of a list or of data, nor 施行, which a draft's own
# last article states); with their English counterparts. Such a remark is read like one on the whole draft
# (`general`): only the draft text singling out an article puts it there. Measured on the labeled sets
# (README, "Law-making remarks").
_LAW_MAKING = re.compile(
    r"立法(?:听证|论证)会?|征求意见(?:期|的?时间)|起草说明|配套(?:的具体)?(?:规定|细则|办法|制度)|实施细则|实施办法"
    r"|立法后评估|(?:尽快|早日|早点)出台"
    # 通过 is also to get through (行人也要尽快通过: a crossing): passing the law only with the law before it in
    # the clause, or nothing but the asker and a verb of asking (希望尽快通过, 我们支持早日通过).
    r"|(?:(?:法|法律|条例|草案|办法)[^，,。；;！!？?]{0,4}|(?:^|[，,。；;！!？?：:\s])(?:我|我们|大家)?都?"
    r"(?:希望|支持|建议|盼望|期待|期盼|呼吁|恳请|请|争取|力争|赞成)?)(?:尽快|早日|早点)通过"
    r"|implementing (?:rules|regulations|measures)|legislative hearing|consultation period"
)
# A remark on the text as a document: another edition of it for the public — illustrated, in plain words, in
# traditional script, in English or other languages (图解版, 通俗版, 大白话的版本, 繁体版本, 英文版, 多语种的解读) —
# asks nothing of any provision; read like `_LAW_MAKING`. Not 盲文 or 语音 editions, which drafts on
# accessibility provide for (无障碍 articles on ballots and examinations). Measured on the labeled sets
# (README, "Law-making remarks").
_EDITIONS = re.compile(
    r"(?:图解|通俗|大白话|白话|英文|繁体|多语种|多语言|外文)的?(?:版|版本|解读|说明|读本)"
    r"|english version|(?:version|summary|translation) in english|in plain (?:language|chinese)"
)
# The draft itself, named as a statute names itself (本法, 本条例): a demonstrative of Chinese grammar
# (`DEMONSTRATIVE`, the references module's: 本, 该, 此, 这, 整 with 个, 部 or 项) before the names statutes
# give the kinds of legislative text (法, 法律, 条例, 草案), or the English names of those kinds (draft, law,
# regulation, bill) after the definite article or this. A remark that speaks of it is read like one on
# the whole draft (`general`: only the draft text singling out an article puts it there; since the sixth
# session of 2026-12-06, README "Remarks many articles match"), and one the first pass left on the whole
# draft stays there.
_ITSELF = re.compile(rf"{DEMONSTRATIVE}(?:法|法律|条例|草案)|\b(?:this|the) (?:draft|law|regulations?|bill)\b")
_LABEL = re.compile(r"第([零〇一二两三四五六七八九十百千0-9]+)条(?:之([一二三四五六七八九十]+))?")

PHRASE_N = 4
BM25_K1 = 1.2
BM25_B = 0.75
# Weights of the three kinds of evidence and the score below which a comment is on the whole
# draft; the thresholds chosen by benchmarks/tune_analysis.py (leave one labeled set out).
W_BM25 = 0.25
W_PHRASE = 0.25
# Weight of the figures a comment names that the draft states (罚二百元太轻, 一米实在局促: residents
# quote the amount, distance or deadline of the article they mean), each by how few articles state
# it, read as values (二百元 is 200元). Like shared characters they help choose the article and do
# not put a comment on topic. Chosen leaving one set out over the revision sets, whose attribution the
# proposals judge (`tune_analysis.py --stage attribution-figures`: every fold of thirteen, then of
# fifteen, took 0.5 of 0, 0.25, 0.5, 1.0; held-out accuracy 0.752 -> 0.755 on the thirteen); the
# analysis sets moved only on zhaopai (content-only 0.642 -> 0.651), at 1.0 several fell.
W_FIGURES = 0.5
W_NEIGHBOURS = 10.0
# How much residents' words tell a consultation's articles apart differs from one consultation to the next:
# where many comments restate the same points (a campaign, a hot article), a comment's neighbours find its
# article better than the draft text does; where each resident raises a point of their own, the draft text
# does. So the article is chosen with the weight of NEIGHBOUR_WEIGHTS that finds best, on the comments that
# named their article (each left out of its article's neighbours), the article they named; W_NEIGHBOURS
# stays the weight of the floors and margins that decide whether a comment is on an article at all. From
# NEIGHBOUR_CALIBRATION comments that named an article (fewer tell nothing reliable), at most
# CALIBRATION_SAMPLE of them. Chosen on the content attribution of forty labeled sets, nineteen comment sets
# and twenty-one revision sets, whose comments carry the article they are about (README, "Content
# attribution that carries"): the revision sets 0.598 -> 0.621, the comment sets 0.784 -> 0.785. A wider
# range (1 to 20) found more on the revision sets (0.636) and lost on the comment sets (0.775, zaosheng
# 0.635 -> 0.591): the comments that name their article are nearer the draft's words than those that do
# not, and a low weight chosen on them is too low for the rest.
NEIGHBOUR_WEIGHTS = (5.0, 10.0)
NEIGHBOUR_CALIBRATION = 10
CALIBRATION_SAMPLE = 2000
# Weight of the characters a resident's word shares with the draft when the draft uses neither the
# word nor a form of it (捐款 → 捐赠, 抵税 → 税收): they help choose among articles, but a comment does
# not count as being on one for them (the score reported, which off-topic reads, leaves them out).
# Only characters in at most MAX_CHAR_SHARE of the articles (or one) count (捐 is in most of a charity law).
W_CHARS = 0.2
MAX_CHAR_SHARE = 0.1
# Whether a comment that finds no article in its own words is read again with its everyday words as the
# terms of data/everyday.tsv (README, "Analysis quality": read for every comment, the tuning sets lost).
EVERYDAY = True
MIN_CONTENT_SCORE = 0.4
# ... and be CONTENT_MARGIN times the runner-up's, unless the draft text points to the same article:
# a remark on the whole draft resembles the comments of several articles about as much.
CONTENT_MARGIN = 1.1
# For an article no comment named, only the draft's text speaks: its score must reach this and
# be TEXT_MARGIN times the next article's (the margin is what keeps one common word shared with
# an article from deciding). Every fold of `tune_analysis.py --stage attribution` over eleven sets took
# 0.6 (2026-12-05); not taken: BM25 scores shrink with a draft's size, and on a four-article draft a
# plain comment on its phone-card article (tests/services/test_analysis_service.py) lost its article.
MIN_TEXT_ONLY_SCORE = 0.2
TEXT_MARGIN = 2.0
# When the draft text alone singles out one article (MIN_TEXT_ONLY_SCORE, TEXT_MARGIN) and the full
# score prefers another, that other must score NEIGHBOURS_OVER_TEXT times as much.
NEIGHBOURS_OVER_TEXT = 1.25
# A comment that speaks of the draft as a whole or of making it (_WHOLE_DRAFT, _LAW_MAKING) needs this
# much from the text.
MIN_GENERAL_TEXT_SCORE = 3.0
# A remark on the draft as a whole resembles many articles about as much: when more than
# MAX_SPREAD articles score at least SPREAD_RATIO of the best, it stays on the whole draft. Chosen by
# `tune_analysis.py --stage whole-draft` over nineteen comment sets and twenty-one revision sets
# (2026-12-06, sixth session): 29 of 40 leave-one-set-out folds took 0.6 and 6, ten 0.5 and 6, one
# 0.6 and 8 (was 0.5 and 4, chosen on six sets, when a comment that many articles matched was more
# often a remark on the whole draft than a remark the revision sets label on its best article).
SPREAD_RATIO = 0.6
MAX_SPREAD = 6
# When the full score spreads that way but the draft text alone singles out one article (MIN_TEXT_ONLY_SCORE,
# TEXT_MARGIN) and does not spread, the neighbours tell nothing and the text decides: 遗洒, written in one article
# of a traffic law, among the everyday words (车, 罚, 车主) other residents use on many. Taken as a switch, on
# every labeled set at once (2026-12-07, seventeenth session): content-only up on five of the twenty-one tuning
# comment sets and three of the twenty-five tuning revision sets, down on none; held out, one comment down
# (`kongyan`), the revision sets' attribution three up and one down (README, "Analysis quality").
TEXT_WHEN_SPREAD = True
# Comments the first pass attributes by content with at least SURE_SCORE join their article's
# neighbours for a second pass over the others; one the first pass left on the whole draft takes the
# second pass's article only with at least SURE_NEW_SCORE.
SURE_SCORE = 1.0
SURE_NEW_SCORE = 1.0
SCORE_CHUNK = 5_000
# How many other articles a comment attributed by content carries as candidates (`_candidates`).
CANDIDATES = 3


def _is_cross_reference(text: str, ref: Reference) -> bool:
    start, end = ref.span
    return bool(_CROSS_BEFORE.search(text[max(0, start - 4):start]) or _CROSS_AFTER.match(text[end:end + 12]))


def _own_references(text: str, draft: Draft) -> list[Reference]:
    refs = []
    for ref in find_references(text):
        if names_other_law(ref, draft.title):
            continue
        if ref.article is not None and (ref.article, ref.sub or 0) not in draft.by_number:
            continue
        if ref.article is None and ref.chapter not in draft.chapters:
            continue
        refs.append(ref)
    return refs


def explicit_attribution(text: str, draft: Draft) -> Attribution | None:
    """The article (or chapter) a normalised comment names: the one it names most often among its
    direct references, the first of those on a tie."""
    refs = _own_references(text, draft)
    if not refs:
        return None
    direct = [r for r in refs if not _is_cross_reference(text, r)] or refs
    articles = [r for r in direct if r.article is not None]
    if articles:
        counts = Counter((r.article, r.sub or 0) for r in articles)
        ref = next(r for r in articles if counts[(r.article, r.sub or 0)] == max(counts.values()))
        index = draft.by_number[(ref.article, ref.sub or 0)]
        return Attribution(article=draft.articles[index].label, kind="explicit",
                           paragraph=ref.paragraph, chapter=draft.chapter_of(index), score=1.0)
    return Attribution(article=None, kind="explicit", chapter=draft.chapters[direct[0].chapter], score=1.0)


def label_index(label: str | None, draft: Draft) -> int | None:
    """The article a label such as 第十二条 or 第20条之一 names, None if the draft has none."""
    m = _LABEL.search(label or "")
    if not m:
        return None
    key = (cn_to_int(m.group(1)), cn_to_int(m.group(2)) if m.group(2) else 0)
    return draft.by_number.get(key)


def _vocabulary(draft: Draft, docs: Sequence[Doc]) -> dict[str, int]:
    words = dict.fromkeys(chain(chain.from_iterable(draft.tokens), chain.from_iterable(d.tokens for d in docs)))
    return {t: k for k, t in enumerate(words)}


def _binary_rows(rows: Sequence[Sequence[str]], vocab: Mapping[str, int]) -> sparse.csr_matrix:
    indptr, indices = [0], []
    for row in rows:
        cols = {vocab[t] for t in row if t in vocab}
        indices.extend(cols)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), len(vocab)))


def _bm25_weights(draft: Draft, vocab: Mapping[str, int]) -> sparse.csr_matrix:
    """Articles x words, BM25 term weights with IDF from the draft's own articles."""
    n = len(draft.tokens)
    counts = [Counter(t for t in tokens if t in vocab) for tokens in draft.tokens]
    df = Counter(t for c in counts for t in c)
    avg = max(1.0, sum(sum(c.values()) for c in counts) / max(n, 1))
    rows, cols, data = [], [], []
    for i, c in enumerate(counts):
        length = sum(c.values())
        for t, tf in c.items():
            idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
            norm = tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / avg))
            rows.append(i)
            cols.append(vocab[t])
            data.append(idf * norm)
    return sparse.csr_matrix((data, (rows, cols)), shape=(n, len(vocab)), dtype=np.float32)


def _char_weights(draft: Draft) -> tuple[dict[str, int], sparse.csr_matrix]:
    """The draft's Chinese characters, and characters x articles BM25 weights (IDF over the articles)."""
    n = len(draft.article_alnum_texts)
    counts = [Counter(ch for ch in text if not ch.isascii()) for text in draft.article_alnum_texts]
    df = Counter(ch for c in counts for ch in c)
    df = Counter({ch: k for ch, k in df.items() if k <= max(1.0, MAX_CHAR_SHARE * n)})
    chars = {ch: j for j, ch in enumerate(df)}
    avg = max(1.0, sum(sum(c.values()) for c in counts) / max(n, 1))
    rows, cols, data = [], [], []
    for i, c in enumerate(counts):
        length = sum(c.values())
        for ch, tf in c.items():
            if ch not in chars:
                continue
            idf = math.log(1 + (n - df[ch] + 0.5) / (df[ch] + 0.5))
            norm = tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / avg))
            rows.append(chars[ch])
            cols.append(i)
            data.append(idf * norm)
    return chars, sparse.csr_matrix((data, (rows, cols)), shape=(len(chars), n), dtype=np.float32)


def _by_rarity(where: Mapping, articles: int) -> tuple[dict, sparse.csr_matrix]:
    """Keys (a phrase, a figure's value) x articles, each weighted by how few articles hold it
    (`where`: key -> the articles that hold it), and the row of each key."""
    index = {key: j for j, key in enumerate(where)}
    rows, cols, data = [], [], []
    for key, held in where.items():
        for a in held:
            rows.append(index[key])
            cols.append(a)
            data.append(math.log(articles / len(held)))
    return index, sparse.csr_matrix((data, (rows, cols)), shape=(len(index), articles), dtype=np.float32)


def _hit_rows(found: Iterable[set[int]], width: int) -> sparse.csr_matrix:
    """One row per comment with a 1 in the column of each key it holds (`found`: the keys' rows)."""
    indptr, indices = [0], []
    for keys in found:
        indices.extend(keys)
        indptr.append(len(indices))
    return sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                             shape=(len(indptr) - 1, width))


def _phrase_index(draft: Draft) -> tuple[dict, sparse.csr_matrix]:
    """The draft's 4-character phrases, and phrases x articles weighted by how few articles hold each."""
    where: dict[str, set[int]] = {}
    for i, text in enumerate(draft.article_alnum_texts):
        for k in range(len(text) - PHRASE_N + 1):
            where.setdefault(text[k:k + PHRASE_N], set()).add(i)
    return _by_rarity(where, len(draft.article_alnum_texts))


def _phrase_hits(docs: Sequence[Doc], grams: Mapping[str, int]) -> sparse.csr_matrix:
    def found(d: Doc) -> set[int]:
        text = letters_and_digits(d.norm)
        # Each window of PHRASE_N characters, in order, cut and looked up by map and filter rather than in a
        # Python loop: that loop was a tenth of the attribution of 100,000 comments.
        windows = map(text.__getitem__, map(slice, range(len(text)), range(PHRASE_N, len(text) + 1)))
        return {grams[g] for g in filter(grams.__contains__, windows)}
    return _hit_rows((found(d) for d in docs), len(grams))


def _figure_index(draft: Draft) -> tuple[dict, sparse.csr_matrix]:
    """The figures the articles state (二百元, 一米, 十五日), read as values, x articles weighted by how
    few articles state each."""
    where: dict = {}
    for i, a in enumerate(draft.articles):
        for f in figures(f"{a.caption}{a.text}", periods=False):
            if (v := figure_value(f)) is not None:
                where.setdefault(v, set()).add(i)
    return _by_rarity(where, len(draft.articles))


def _figure_hits(docs: Sequence[Doc], index: Mapping) -> sparse.csr_matrix:
    return _hit_rows(({index[v] for f in cited_figures(d.norm) if (v := figure_value(f)) in index}
                      for d in docs), len(index))


def _unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return (sparse.diags(1 / norms) @ matrix).tocsr()


class ContentModel:
    """What content matching needs, computed once: the draft's word and phrase weights, and the
    centroids of the comments known to be on each article (`known`: doc index -> article index)."""

    def __init__(self, draft: Draft, docs: Sequence[Doc], known: Mapping[int, int],
                 weight: float | None = None) -> None:
        self.vocabulary = draft.vocabulary
        self.draft_words = draft.vocabulary.with_draft_words
        self.vocab = _vocabulary(draft, docs)
        self.bm25 = _bm25_weights(draft, self.vocab).T.tocsr()
        self.grams, self.phrases = _phrase_index(draft)
        self.chars, self.char_weights = _char_weights(draft)
        self.figures = _figure_index(draft)
        # Which words each comment uses, weighted by how few comments use them, in unit rows: counted once
        # for the model's docs (`scores` takes their rows from here, by position), not again per chunk.
        self.neighbour_words = TfidfVectorizer(analyzer=as_is, binary=True, vocabulary=self.vocab, dtype=np.float32)
        self.words = self.neighbour_words.fit_transform([d.tokens for d in docs])
        self.centroids: sparse.csr_matrix | None = None
        # The weight of the neighbours in choosing the article: this consultation's (`_calibrated`) or `weight`.
        self.weight = W_NEIGHBOURS if weight is None else weight
        if known:
            members = list(known)
            assign = sparse.csr_matrix((np.ones(len(members), dtype=np.float32), (list(known.values()), members)),
                                       shape=(len(draft.articles), len(docs)))
            sums = (assign @ self.words).tocsr()
            self.centroids = _unit_rows(sums).T.tocsr()
            if weight is None and NEIGHBOUR_CALIBRATION and len(known) >= NEIGHBOUR_CALIBRATION:
                self.weight = self._calibrated(docs, known, self.words, sums)

    def _calibrated(self, docs: Sequence[Doc], known: Mapping[int, int], words: sparse.csr_matrix,
                    sums: sparse.csr_matrix) -> float:
        """The weight of the neighbours that, on the comments known to be on an article, finds their
        article best, each left out of its own article's neighbours: how much this consultation's
        residents' words tell its articles apart, against what the draft text tells."""
        members = list(known)[:CALIBRATION_SAMPLE]
        own = np.array([known[i] for i in members])
        rows = words[members]
        dots = (rows @ sums.T).toarray()
        norms2 = np.asarray(sums.multiply(sums).sum(axis=1)).ravel()
        with np.errstate(divide="ignore", invalid="ignore"):
            neighbours = np.where(norms2 > 0, dots / np.sqrt(norms2), 0.0)
            at = np.arange(len(members))
            self_dot = np.asarray(rows.multiply(rows).sum(axis=1)).ravel()
            rest = norms2[own] - 2 * dots[at, own] + self_dot
            neighbours[at, own] = np.where(rest > 1e-9, (dots[at, own] - self_dot) / np.sqrt(np.maximum(rest, 1e-9)),
                                           0.0)
        text, _ = self.text_scores([docs[i] for i in members])
        found = {w: float(np.mean(np.argmax(text + w * neighbours, axis=1) == own)) for w in NEIGHBOUR_WEIGHTS}
        best = max(found.values())
        return min((w for w, f in found.items() if f == best), key=lambda w: abs(math.log(w / W_NEIGHBOURS)))

    def scores(self, docs: Sequence[Doc], rows: Sequence[int], everyday: bool = False
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Docs x articles content evidence: all of it, the draft text's part alone, the part of the latter
        that comes from the characters of words the draft does not use (`_unknown_chars`) and from the
        draft's figures the comment names, and the evidence that chooses among articles (all of it, the
        neighbours at the consultation's own weight, `_calibrated`). `rows`: the docs' positions among the
        docs the model was built on."""
        text, chars = self.text_scores(docs, everyday)
        if self.centroids is None:
            return text, text, chars, text
        neighbours = (self.words[list(rows)] @ self.centroids).toarray()
        full = text + W_NEIGHBOURS * neighbours
        return full, text, chars, text + self.weight * neighbours

    def text_scores(self, docs: Sequence[Doc], everyday: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """The draft text's part of the evidence, and the part of it that shared characters and figures give."""
        # A resident's word the draft does not use counts as the draft's terms it shortens.
        # `everyday`: a resident's everyday word counts as the terms data/everyday.tsv gives for it too.
        binary = _binary_rows([self.draft_words(d.tokens, everyday) for d in docs], self.vocab)
        # English words stand in the comment next to their Chinese translations: only the latter count.
        lengths = np.sqrt(np.array([max(1, sum(not t.isascii() for t in set(d.tokens))) for d in docs],
                                   dtype=np.float32))[:, None]
        chars = W_CHARS * (_binary_rows([self._unknown_chars(d.tokens) for d in docs], self.chars)
                           @ self.char_weights).toarray() / lengths
        text = (W_BM25 * (binary @ self.bm25).toarray()
                + W_PHRASE * (_phrase_hits(docs, self.grams) @ self.phrases).toarray()) / lengths + chars
        if W_FIGURES and self.figures[0]:
            named = W_FIGURES * (_figure_hits(docs, self.figures[0]) @ self.figures[1]).toarray() / lengths
            text, chars = text + named, chars + named
        return text, chars

    def _unknown_chars(self, tokens: Sequence[str]) -> set[str]:
        """The characters of the Chinese words the draft neither uses nor has a longer form of: 捐款
        shares 捐 with 捐赠, 抵税 税 with 税收, 户口 户 with 户籍 — everyday words for the draft's terms."""
        return {ch for t in tokens if not t.isascii() and not self.vocabulary.draft_words(t) for ch in t}


def _locked(comment: Comment, draft: Draft) -> Attribution:
    index = label_index(comment.article, draft)
    chapter = draft.chapter_of(index) if index is not None else None
    return Attribution(article=comment.article, kind="locked", chapter=chapter, score=1.0)


def _runner_up(scores: np.ndarray) -> float:
    return float(np.partition(scores, -2)[-2]) if len(scores) > 1 else 0.0


def _from_scores(row: np.ndarray, text: np.ndarray, draft: Draft, *, general: bool = False,
                 chars: np.ndarray | None = None) -> Attribution:
    """The best-scoring article if the evidence is enough, else the whole draft.

    Either the full score is high and singles the article out (or the draft text agrees), or the
    match on the draft text alone stands out from every other article's: that is all an article
    nobody named can show, having no neighbours to add (the scale of text scores depends on the
    draft's size, their ratio does not). A comment that speaks of the draft as a whole (`general`)
    gets only the latter: resembling other residents' comments on an article is not enough. A
    comment that many articles match about equally well is on the whole draft.

    `chars`, the part of both that shared characters give (`ContentModel.scores`), helps choose the
    article and weighs in the margin between two; the floors, the count of articles that match about
    as well, and the score reported leave it out: it spreads a little evidence over many articles,
    and it is not enough to put a comment on an article, nor on topic.
    """
    own = row if chars is None else row - chars
    mine = text if chars is None else text - chars
    best = int(np.argmax(row))
    if general or not _stands_out(row, mine, best, own):
        best = int(np.argmax(text))
        floor = MIN_GENERAL_TEXT_SCORE if general else MIN_TEXT_ONLY_SCORE
        if not _singles_out(mine, best, floor):
            return Attribution(article=None, kind="unattributed", score=float(own.max()))
    if _spread_wide(own, row):
        # Many articles match about as well: the neighbours tell nothing. The draft text may still single one
        # out (遗洒, a word of one article, among everyday words other residents use on many).
        text_best = int(np.argmax(mine))
        if (TEXT_WHEN_SPREAD and not general and _singles_out(mine, text_best, MIN_TEXT_ONLY_SCORE)
                and not _spread_wide(mine, mine)):
            return Attribution(article=draft.articles[text_best].label, kind="content",
                               chapter=draft.chapter_of(text_best), score=float(own[text_best]))
        return Attribution(article=None, kind="unattributed", score=float(own.max()))
    return Attribution(article=draft.articles[best].label, kind="content",
                       chapter=draft.chapter_of(best), score=float(own[best]))


def _spread_wide(own: np.ndarray, row: np.ndarray) -> bool:
    """Whether more than MAX_SPREAD articles score at least SPREAD_RATIO of the best (`own`, the score without
    shared characters, or `row` when that is nothing)."""
    return bool(_spread_rows(own[None, :], row[None, :])[0])


def _spread_rows(own: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """_spread_wide of each row of two docs x articles matrices."""
    best = own.max(axis=1, keepdims=True)
    spread = np.where(best > 0, own, rows)
    top = spread.max(axis=1, keepdims=True)
    return np.count_nonzero(spread >= SPREAD_RATIO * top, axis=1) > MAX_SPREAD


def _singles_out(text: np.ndarray, index: int, floor: float) -> bool:
    """Whether the draft text alone points to article `index`: enough, and well ahead of the next."""
    return bool(text[index] >= floor and text[index] >= TEXT_MARGIN * _runner_up(text))


def _stands_out(row: np.ndarray, text: np.ndarray, best: int, own: np.ndarray) -> bool:
    """Whether the full score's best article is enough: `text` and `own` are the draft text's and the
    full score without the shared characters."""
    if own[best] < MIN_CONTENT_SCORE:
        return False
    named = int(np.argmax(text))
    if named == best:
        return text[best] >= MIN_TEXT_ONLY_SCORE or row[best] >= CONTENT_MARGIN * _runner_up(row)
    # The draft text singles out another article: other residents' words must outweigh it by more.
    if _singles_out(text, named, MIN_TEXT_ONLY_SCORE):
        return row[best] >= NEIGHBOURS_OVER_TEXT * row[named]
    return row[best] >= CONTENT_MARGIN * _runner_up(row)


def _speaks_of_the_whole(norm: str) -> bool:
    """Whether a normalised comment speaks of the draft as a whole, of making it or of another edition of
    its text (`_WHOLE_DRAFT`, `_LAW_MAKING`, `_EDITIONS`), or names the draft itself (`_ITSELF`; a comment
    about one of its provisions speaks of the provision)."""
    return bool(_WHOLE_DRAFT.search(norm) or _LAW_MAKING.search(norm) or _EDITIONS.search(norm)
                or _ITSELF.search(norm))


def _explicit(comment: Comment, doc: Doc, draft: Draft) -> Attribution | None:
    target = label_index(comment.target, draft)
    if target is not None:
        return Attribution(article=draft.articles[target].label, kind="explicit",
                           chapter=draft.chapter_of(target), score=1.0)
    return explicit_attribution(doc.norm, draft)


def _by_content(draft: Draft, docs: Sequence[Doc], pending: Sequence[int], known: Mapping[int, int],
                result: dict[int, Attribution], others: Sequence[int] | None = None,
                weight: float | None = None) -> float:
    """Attribution by content of the docs `pending`, with the docs `known` (index -> article) as
    neighbours; word weights are fitted on `others` (default `pending`) and the known. The neighbours
    choose the article at `weight`, or at this consultation's own (`ContentModel._calibrated`), returned."""
    members = [*(pending if others is None else others), *known]
    model = ContentModel(draft, [docs[i] for i in members],
                         {len(members) - len(known) + k: v for k, v in enumerate(known.values())}, weight)
    row_of = {i: k for k, i in enumerate(members)}
    # In chunks: docs x articles is dense, and a code has over a thousand articles.
    for start in range(0, len(pending), SCORE_CHUNK):
        chunk = pending[start:start + SCORE_CHUNK]
        full, text, chars, choice = model.scores([docs[i] for i in chunk], [row_of[i] for i in chunk])
        general = [_speaks_of_the_whole(docs[i].norm) for i in chunk]
        placed = [_from_scores(full[k], text[k], draft, general=general[k], chars=chars[k]) for k in range(len(chunk))]
        # A comment its own words put on no article is read again with its everyday words as the terms
        # data/everyday.tsv gives for them (电瓶车 for 电动自行车), the draft's own words first.
        unplaced = [k for k, i in enumerate(chunk) if EVERYDAY and placed[k].article is None
                    and draft.vocabulary.speaks_everyday(docs[i].tokens)]
        if unplaced:
            again = model.scores([docs[chunk[k]] for k in unplaced], [row_of[chunk[k]] for k in unplaced],
                                 everyday=True)
            for matrix, redone in zip((full, text, chars, choice), again, strict=True):
                matrix[unplaced] = redone
            for k in unplaced:
                placed[k] = _from_scores(full[k], text[k], draft, general=general[k], chars=chars[k])
        # The comments whose full score matches many articles alike: the text chose their article, not the neighbours.
        wide = _spread_rows(full - chars, full)
        for k, i in enumerate(chunk):
            found = placed[k]
            if found.kind == "content" and model.weight != W_NEIGHBOURS and not (TEXT_WHEN_SPREAD and wide[k]):
                # On an article: which one, the neighbours at this consultation's weight (the score, which
                # off-topic reads, stays the evidence that put the comment on an article).
                best = int(np.argmax(choice[k]))
                found = replace(found, article=draft.articles[best].label, chapter=draft.chapter_of(best))
            # A remark that speaks of the draft as a whole and stays there offers no other article.
            offered = () if general[k] and found.article is None else _candidates(choice[k], draft, found.article)
            result[i] = replace(found, candidates=offered)
    return model.weight


def _candidates(choice: np.ndarray, draft: Draft, chosen: str | None) -> tuple[str, ...]:
    """The articles that `choice` (the evidence that chooses among articles) ranks highest, other than the
    one chosen, at most CANDIDATES, each with some evidence."""
    order = np.argsort(-choice, kind="stable")[:CANDIDATES + 1]
    return tuple(label for label in (draft.articles[j].label for j in order if choice[j] > 0)
                 if label != chosen)[:CANDIDATES]


def attribute_docs(draft: Draft, comments: Sequence[Comment], docs: Sequence[Doc]) -> list[Attribution]:
    """Attribution of each comment; `docs` are the prepared forms of `comments`, in order."""
    result: dict[int, Attribution] = {}
    known: dict[int, int] = {}
    for i, (c, d) in enumerate(zip(comments, docs, strict=True)):
        found = _locked(c, draft) if c.locked else _explicit(c, d, draft)
        if found is None:
            continue
        result[i] = found
        index = label_index(found.article, draft)
        if found.kind in ("explicit", "locked") and index is not None:
            known[i] = index
    pending = [i for i in range(len(docs)) if i not in result]
    if not (pending and draft.articles):
        return [result.get(i) or Attribution(article=None, kind="unattributed") for i in range(len(docs))]
    weight = _by_content(draft, docs, pending, known, result)
    # Second pass: what the first was sure of teaches the rest residents' words for each subject.
    sure = {i: label_index(result[i].article, draft) for i in pending
            if result[i].kind == "content" and result[i].score >= SURE_SCORE}
    rest = [i for i in pending if i not in sure]
    if sure and rest:
        first = {i: result[i] for i in rest}
        _by_content(draft, docs, rest, {**known, **sure}, result, others=[i for i in pending if i not in sure],
                    weight=weight)
        for i in rest:
            # A remark the first pass left on the whole draft needs more than a passing match, and
            # stays there if it speaks of the draft itself.
            if first[i].kind == "unattributed" and result[i].kind == "content" and (
                    result[i].score < SURE_NEW_SCORE or _ITSELF.search(docs[i].norm)):
                result[i] = first[i]
    return [result.get(i) or Attribution(article=None, kind="unattributed") for i in range(len(docs))]
