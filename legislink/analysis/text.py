"""Text normalisation shared by every step: one form for Traditional, full-width and mixed case."""

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import cache

import opencc

_SENTENCE_END = re.compile(r"(?<=[。！？!?；;…\n])")
# A character of a sentence as the comment analysis reads asks and questions: anything but the marks that end
# a Chinese or an English sentence (。！？；, a line break, a full stop), a full stop inside a figure (3.5) kept.
IN_SENTENCE = r"(?:[^。！？!?；;\n.]|(?<=[0-9])\.(?=[0-9]))"
SENTENCE = re.compile(rf"{IN_SENTENCE}+")
_QUOTED = re.compile(r"[“\"「『‘']([^“”\"「」『』‘’']{2,200})[”\"」』’']")
# Quotation marks and brackets around a title: 《电动自行车管理条例》.
BRACKETS = re.compile(r"[《》〈〉“”\"'‘’「」()（）【】\[\]]")
# Everything that is not a letter or a digit: punctuation, spaces, emoji.
_NON_WORD = re.compile(r"[\W_]+")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def normalize(text: str) -> str:
    """Simplified characters, half-width letters and digits, lower case."""
    return _t2s().convert(unicodedata.normalize("NFKC", text)).lower()


def searchable(*parts: str) -> str:
    """What staff searches look in: the parts in normalised form, so that a search typed in Simplified
    or half-width finds Traditional or full-width text and the other way round. The same function
    normalises the search words (both sides must go through the same conversion)."""
    return normalize("\n".join(part or "" for part in parts))


def sentences(text: str) -> list[str]:
    """Split at sentence ends and line breaks; empty pieces dropped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def quoted(text: str) -> list[str]:
    """The passages a comment puts in quotation marks."""
    return _QUOTED.findall(text)


def letters_and_digits(text: str) -> str:
    """Only letters and digits: what is left to compare once punctuation and spacing are gone."""
    return _NON_WORD.sub("", text)


def _changed(before: str, after: str) -> int:
    return sum(a != b for a, b in zip(before, after, strict=False))


def foreign_language(text: str) -> bool:
    """Written mostly in letters other than Chinese characters (English, French, Russian, Arabic …):
    the report marks it 外文 and staff translate it."""
    han = sum(unicodedata.name(c, "").startswith("CJK UNIFIED") for c in text)
    other = sum(c.isalpha() for c in text) - han
    return other > han


def language_tag(text: str) -> str:
    """The BCP 47 tag of the script most of the text's letters are in: `en` for Latin letters,
    `zh-Hant` for Han characters that conversion to Simplified would change more than conversion
    to Traditional would, else `zh-Hans` (also for text with no letters at all)."""
    han = sum(unicodedata.name(c, "").startswith("CJK UNIFIED") for c in text)
    latin = sum(c.isascii() and c.isalpha() for c in text)
    if latin > han:
        return "en"
    if han and _changed(text, _t2s().convert(text)) > _changed(text, _s2t().convert(text)):
        return "zh-Hant"
    return "zh-Hans"


def common_title(titles: Sequence[str], prefer: str = "") -> str:
    """The most common of the titles residents gave (a group of proposals' name): titles that differ
    only by brackets and spacing count as one, and the commonest way of writing it is given, as
    written. Ties go to `prefer` (the group's representative's title) when it is among them, else
    to the first."""
    written = [" ".join(t.split()) for t in titles]
    keys = [_title_key(t) for t in written]
    counts = Counter(k for k in keys if k)
    if not counts:
        return ""
    best = max(counts.values())
    preferred = _title_key(" ".join(prefer.split()))
    key = preferred if counts.get(preferred) == best else next(k for k in keys if counts.get(k) == best)
    forms = Counter(t for t, k in zip(written, keys, strict=True) if k == key)
    return forms.most_common(1)[0][0]


def _title_key(title: str) -> str:
    return BRACKETS.sub("", title).replace(" ", "")
