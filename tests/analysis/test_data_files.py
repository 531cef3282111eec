"""The word lists under legislink/analysis/data hold what their headers say, and nothing fitted to a
labeled comment set. Statutes are read from ../shared/laws; those checks skip when it is absent."""

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from legislink.analysis.segmentation import own_glossary

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _data(name: str) -> str:
    return resources.files("legislink.analysis").joinpath(f"data/{name}").read_text("utf-8")


def _statutes() -> str:
    laws = sorted((SHARED / "laws").glob("*.txt"))
    if not laws:
        pytest.skip("../shared/laws is not beside the project")
    return "".join(p.read_text("utf-8") for p in laws)


def _stop_word_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in _data("stopwords.txt").splitlines():
        heading = re.match(r"# (\d)\. ", line)
        if heading:
            current = heading.group(1)
        elif line.strip() and not line.startswith("#") and current:
            sections.setdefault(current, []).append(line.strip())
    return sections


def _jieba_words(segmenter) -> dict[str, int]:
    segmenter.tokens("预热")
    return segmenter._tokenizer.FREQ


def test_the_statutes_scaffolding_occurs_in_the_statutes():
    statutes = _statutes()
    assert [w for w in _stop_word_sections()["2"] if w not in statutes] == []


def test_the_stop_words_written_for_the_project_are_general_chinese(segmenter):
    words = _jieba_words(segmenter)
    assert [w for w in _stop_word_sections()["3"] if not w.isascii() and w not in words] == []


def test_the_glossarys_chinese_is_general_or_statutory(segmenter):
    statutes, words = _statutes(), _jieba_words(segmenter)
    chinese = {w for translations in own_glossary().values() for w in translations}
    assert sorted(w for w in chinese if w not in words and w not in statutes) == []


def test_no_data_file_holds_a_word_found_only_in_the_labeled_comments(segmenter):
    from legislink.analysis.vocabulary import everyday_terms

    statutes, words = _statutes(), _jieba_words(segmenter)
    labeled = [*SHARED.joinpath("samples").glob("*_comments.jsonl"), *FIXTURES.glob("*_comments.jsonl")]
    comments = "".join(json.loads(line)["text"] for path in labeled
                       for line in path.read_text("utf-8").splitlines() if line.strip())
    # The everyday side of everyday.tsv; its terms are statutes' words, checked against LawRefBook/Laws when built.
    everyday = " ".join(everyday_terms())
    entries = set(re.findall(r"[\u4e00-\u9fff]{2,}", _data("stopwords.txt") + _data("glossary.tsv") + everyday))
    assert sorted(w for w in entries if w in comments and w not in statutes and w not in words) == []


def test_the_law_title_words_are_statutory_or_general_chinese(segmenter):
    from legislink.analysis.proposals import title_words

    statutes, words = _statutes(), _jieba_words(segmenter)
    assert sorted(w for w in title_words() if w not in words and w not in statutes) == []


def test_the_everyday_words_are_general_chinese(segmenter):
    # benchmarks/build_everyday.py keeps an everyday word only when jieba's general dictionary lists it; the terms
    # were checked against the LawRefBook/Laws collection when it was built.
    from legislink.analysis.vocabulary import everyday_terms

    words = _jieba_words(segmenter)
    entries = everyday_terms()
    assert len(entries) > 1000
    assert sorted(w for w in entries if not words.get(w)) == []
    assert sorted(w for w, terms in entries.items() if w in terms or not all(terms)) == []
    assert "Nothing comes from a labeled set" in _data("everyday.tsv")
