"""Alignment across heavy revisions: every article whose text did not change is paired with its new
number (issue 14, point 8)."""

import random

import pytest

from legislink.lawtext import parse_text
from tests.lawtext.helpers import renumbered, shared_law, unchanged_pairs_missed


def grown(old: list, extra: list[str], seed: int, edits: int, moves: int) -> list:
    """`old` grown by the `extra` texts inserted at random places, some articles edited and some
    moved far away, renumbered."""
    rng = random.Random(seed)
    texts = [a.text for a in old]
    for i in rng.sample(range(len(texts)), edits):
        texts[i] = texts[i][: len(texts[i]) // 2] + "，并依照国家有关规定执行" + texts[i][len(texts[i]) // 2:]
    for _ in range(moves):
        texts.insert(rng.randrange(len(texts)), texts.pop(rng.randrange(len(texts))))
    for text in extra:
        texts.insert(rng.randrange(len(texts) + 1), text)
    return renumbered([], texts)


def test_the_charity_law_revision_pairs_every_unchanged_article():
    old = parse_text(shared_law("cishanfa_2016.txt")).articles
    new = parse_text(shared_law("cishanfa_2023.txt")).articles
    assert unchanged_pairs_missed(old, new) == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_law_grown_by_half_pairs_every_unchanged_article(seed):
    base = parse_text(shared_law("cishanfa_2016.txt")).articles
    old = renumbered([], [a.text for a in base])
    others = [a.text for a in parse_text(shared_law("minban_jiaoyu_cujin_fa_2018.txt")).articles]
    extra = random.Random(seed).sample(others, len(old) // 2)
    new = grown(old, extra, seed, edits=15, moves=6)
    assert len(new) >= 1.5 * len(old) - 1
    assert unchanged_pairs_missed(old, new) == []
