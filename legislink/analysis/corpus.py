"""The prepared forms every step works on: normalised comments and an index of the draft."""

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from legislink.analysis.model import Article, Comment
from legislink.analysis.segmentation import Segmenter, with_translations
from legislink.analysis.text import letters_and_digits, normalize
from legislink.analysis.vocabulary import DraftVocabulary, everyday_terms
from legislink.lawtext.numerals import cn_to_int

_CHAPTER_HEADING = re.compile(r"^第([零〇一二两三四五六七八九十百千]+)章")


@cache
def default_segmenter() -> Segmenter:
    """The segmenter used for text that arrives without stored tokens."""
    return Segmenter(None)


@dataclass(frozen=True)
class Doc:
    """A comment as the steps see it: normalised text and content tokens (English translated)."""

    id: str
    norm: str
    tokens: tuple[str, ...]


def prepare(comments: Sequence[Comment], segmenter: Segmenter | None = None, *,
            with_tokens: bool = True) -> list[Doc]:
    """Normalise every comment once; segment only those that arrive without stored tokens."""
    docs = []
    for c in comments:
        if not with_tokens:
            docs.append(Doc(id=str(c.id), norm=normalize(c.text), tokens=()))
            continue
        raw = c.tokens if c.tokens is not None else (segmenter or default_segmenter()).tokens(c.text)
        # Interned: a vocabulary of thousands of words repeated over many comments is stored once.
        tokens = tuple(sys.intern(t) for t in with_translations(list(raw)))
        docs.append(Doc(id=str(c.id), norm=normalize(c.text), tokens=tokens))
    return docs


@dataclass(frozen=True)
class Draft:
    """The consulted version's articles with what matching needs, computed once per analysis."""

    articles: tuple[Article, ...]
    title: str
    tokens: tuple[tuple[str, ...], ...]
    # Each article's letters and digits only, caption included: where quoted draft words are looked up.
    article_alnum_texts: tuple[str, ...]
    by_number: dict[tuple[int, int], int]
    chapters: dict[int, str]
    # The whole draft in letters and digits only.
    alnum_text: str
    vocabulary: DraftVocabulary

    def chapter_of(self, index: int) -> str | None:
        return next((h for h in self.articles[index].path if _CHAPTER_HEADING.match(h)), None)



def build_draft(articles: Sequence[Article], title: str = "", segmenter: Segmenter | None = None) -> Draft:
    seg = segmenter or default_segmenter()
    chapters: dict[int, str] = {}
    for a in articles:
        for heading in a.path:
            m = _CHAPTER_HEADING.match(heading)
            if m:
                chapters.setdefault(cn_to_int(m.group(1)), heading)
    tokens = tuple(tuple(seg.tokens(f"{a.caption}\n{a.text}")) for a in articles)
    alnum_texts = tuple(letters_and_digits(normalize(f"{a.caption}{a.text}")) for a in articles)
    return Draft(
        articles=tuple(articles),
        title=title,
        tokens=tokens,
        article_alnum_texts=alnum_texts,
        by_number={(a.number, a.sub or 0): i for i, a in enumerate(articles)},
        chapters=chapters,
        alnum_text="".join(alnum_texts),
        vocabulary=DraftVocabulary(tokens, seg.general_share, everyday_terms()),
    )
