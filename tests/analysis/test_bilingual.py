"""English read as Chinese through CC-CEDICT read backwards (analysis/bilingual.py)."""

import os

import pytest

from legislink.analysis import bilingual
from legislink.analysis.segmentation import glossary, own_and_translated, own_glossary, translation_groups


def test_an_english_word_is_read_as_the_chinese_words_that_define_it():
    words = glossary()
    assert "没收" in words["confiscate"]
    assert "直播" in words["livestream"]
    assert "人行道" in words["sidewalk"]
    # Inflected as comments write it; a two-word definition is a phrase of its own.
    assert "吸烟" in words["smoking"]
    assert "红灯" in words["red light"]


def test_the_projects_own_entries_come_before_the_dictionary():
    assert glossary()["deposit"] == own_glossary()["deposit"]


def test_a_words_first_senses_and_common_words_come_first():
    counts = {"罚款": 1000}
    found = bilingual.dictionary_glossary(lambda word: counts.get(word, 0), per_word=1)
    assert found["fine"] == ("罚款",)
    assert len(bilingual.dictionary_glossary(lambda word: 0, per_word=2)["fine"]) == 2


def test_a_definition_gives_its_word_and_forms_and_cross_references_give_nothing():
    assert bilingual._senses("to fine (sb)") == {"fine", "fining", "fined"}
    assert bilingual._senses("red light") == {"red light"}
    assert bilingual._senses("variant of 帳|帐[zhang4]") == set()
    assert bilingual._senses("surname Wang") == set()
    assert bilingual._senses("a person who lends money at very high rates") == set()


def test_translations_are_grouped_by_the_english_word_they_read():
    tokens = ["landlord", "confiscate", "押金"]
    groups = translation_groups(tokens)
    assert len(groups) == 2
    assert "没收" in groups[1]
    translated = tokens + [w for g in groups for w in g]
    assert own_and_translated(translated) == (tokens, groups)
    # Tokens stored before translation are all the comment's own.
    assert own_and_translated(tokens) == (tokens, [])


def test_the_dictionary_glossary_is_built_once_and_read_back_by_the_next_process(tmp_path, monkeypatch):
    from legislink.analysis import segmentation

    monkeypatch.setattr(segmentation.tempfile, "tempdir", str(tmp_path))
    built = segmentation._dictionary_part()
    assert segmentation.glossary_cache().parent == tmp_path
    assert segmentation.glossary_cache().exists()

    def never(*_args, **_kwargs):
        raise AssertionError("built again")

    monkeypatch.setattr(segmentation.bilingual, "dictionary_glossary", never)
    assert segmentation._dictionary_part() == built
    # Each user has a file of their own, and one of that name that another user left is not read.
    cache = segmentation.glossary_cache()
    assert f"-{os.getuid()}-" in cache.name
    monkeypatch.setattr(segmentation, "glossary_cache", lambda: cache)
    monkeypatch.setattr(segmentation.os, "getuid", lambda: cache.stat().st_uid + 1)
    with pytest.raises(AssertionError, match="built again"):
        segmentation._dictionary_part()
    # A file that cannot be read is built again, not trusted.
    segmentation.glossary_cache().write_text("{not json", encoding="utf-8")
    monkeypatch.undo()
    monkeypatch.setattr(segmentation.tempfile, "tempdir", str(tmp_path))
    assert segmentation._dictionary_part() == built


def test_a_british_spelling_is_read_as_the_american_one_the_dictionary_defines():
    # CC-CEDICT defines in American spelling: neighbour and labour would find nothing, and centre only a
    # rare sense (基点) where center has 中心.
    (neighbours, labour, centre) = translation_groups(["neighbours", "labour", "centre"])
    assert "邻居" in neighbours
    assert translation_groups(["labor"]) == [labour]
    assert "中心" in centre
    # Words too short to carry a British ending keep their own reading (hour is not "hor").
    (hour,) = translation_groups(["hour"])
    assert "小时" in hour
