"""Identity as people say it: the words written (家长, 外来务工人员, 退休教师) are kept, and counted
under one of the contact point's categories through `data/identity_words.tsv`.

Categories are the values of `models.Identity` as plain strings: this module imports neither Flask
nor the database.
"""

from functools import cache
from importlib import resources

WORDS_FILE = "data/identity_words.tsv"
MAX_WORDS = 50
OTHER = "other"
RESIDENT = "resident"


@cache
def known_words() -> dict[str, str]:
    """word -> category, from the data file."""
    text = resources.files("legislink").joinpath(WORDS_FILE).read_text("utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {word.strip(): category.strip() for word, category in pairs}


def _normalise(words: str) -> str:
    return "".join(words.split())


def category_of(words: str, labels: dict[str, str] | None = None) -> str:
    """The category the words count under: a category's own name (`labels`: name -> category), a
    known word, else the longest known word inside them (退休小学教师 → teacher); 其他 when none.
    Nothing written counts as a resident, as the comment form's default does."""
    written = _normalise(words)
    if not written:
        return RESIDENT
    named = {_normalise(name): category for name, category in (labels or {}).items()}
    table = known_words() | named
    if written in table:
        return table[written]
    inside = [word for word in table if word and word in written]
    return table[max(inside, key=len)] if inside else OTHER


def source_name(words: str, category_name: str) -> str:
    """How the report's 意见来源 names a commenter: their own words, else the category's name."""
    return " ".join(words.split()) or category_name
