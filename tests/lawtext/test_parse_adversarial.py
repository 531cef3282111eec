"""The same law mangled the ways real pastes are mangled must parse to the same articles.

Runs on our own fixture always, and on the real laws in ../shared when they are there.
"""

import json
import re
from collections import Counter

import pytest

from legislink.lawtext import parse_text, to_json
from legislink.lawtext.source import read_source
from tests.lawtext.helpers import (
    LAWS,
    fixture_text,
    hard_wrap,
    shared_law,
    shared_law_names,
    without_label_separators,
    wrap_before_references,
)

OWN = ("volunteer_regulation_draft.txt", "volunteer_amendment.txt", "market_citation_words_regulation.txt",
       "market_amendment_insertion.txt")
# Articles that begin with a citation's word (`第三条　规定…`) are told from citations only by the
# separator after their label: copies that lose it are not the same law.
NEEDS_SEPARATORS = {"market_citation_words_regulation.txt"}


def structure(text: str) -> tuple[list, list]:
    """What must survive mangling: labels, captions, deletions, paths, text (layout aside)."""
    doc = parse_text(text)
    articles = [(a.label, a.caption, a.deleted, a.path, re.sub(r"\s", "", a.text)) for a in doc.articles]
    return articles, [(h.level, h.label, h.title) for h in doc.headings]


def paragraph_texts(text: str) -> list[list[str]]:
    return [[p.full_text for p in a.paragraphs] for a in parse_text(text).articles]


def law_texts() -> list:
    return [pytest.param(name, id=name[:-4]) for name in (*OWN, *shared_law_names())]


def load(name: str) -> str:
    return fixture_text(name) if name in OWN else shared_law(name)


MANGLERS = {
    "wrap30": lambda t: hard_wrap(t, 30),
    "wrap35-dash-markers": lambda t: hard_wrap(t, 35, marker="- {n} -"),
    "wrap40-page-markers": lambda t: hard_wrap(t, 40, marker="第 {n} 页"),
    "wrap34-indented": lambda t: hard_wrap(t, 34, indent="\u3000\u3000"),
    "wrap-random-30-40": lambda t: hard_wrap(t, (30, 40), seed=7),
    "wrap-before-every-reference": lambda t: wrap_before_references(t, 36),
    "no-separator": without_label_separators,
    "en-space-separator": lambda t: without_label_separators(t, "\u2002"),
    "no-separator-wrap33": lambda t: hard_wrap(without_label_separators(t), 33),
    "no-separator-wrap-before-references": lambda t: wrap_before_references(without_label_separators(t), 38),
    "crlf-and-blank-lines": lambda t: t.replace("\n", "\r\n\r\n"),
    "wrap35-double-spaced": lambda t: hard_wrap(t, 35).replace("\n", "\n\n"),
    "wrap-random-double-spaced": lambda t: hard_wrap(t, (30, 40), seed=3).replace("\n", "\n\n"),
}


def mangled_copies() -> list:
    return [pytest.param(law.values[0], mangle, id=f"{mangle}-{law.id}") for law in law_texts() for mangle in MANGLERS
            if not (law.values[0] in NEEDS_SEPARATORS and mangle.startswith("no-separator"))]


@pytest.mark.parametrize(("name", "mangle"), mangled_copies())
def test_mangled_copies_parse_to_the_same_articles(name, mangle):
    text = load(name)
    expected = structure(text)
    assert structure(MANGLERS[mangle](text)) == expected


@pytest.mark.parametrize("name", law_texts())
def test_hard_wrapping_keeps_almost_every_paragraph_boundary(name):
    """A paragraph that ends exactly at the wrap width cannot be told from a sentence that does;
    everything else must come back paragraph for paragraph."""
    text = load(name)
    original = parse_text(text).articles
    wrapped = parse_text(hard_wrap(text, 35)).articles
    differing = sum(len(a.paragraphs) != len(b.paragraphs) for a, b in zip(original, wrapped, strict=True))
    assert differing <= max(1, len(original) // 20)


@pytest.mark.parametrize("name", law_texts())
def test_indented_pdf_copies_keep_every_paragraph(name):
    text = load(name)
    indented = hard_wrap(text, 33, indent="\u3000\u3000")
    assert paragraph_texts(indented) == paragraph_texts(text)


def test_gbk_encoded_copy_parses_the_same():
    text = fixture_text(OWN[0])
    assert structure(read_source(text.encode("gbk"), "draft.txt")) == structure(text)


# -- the real laws against their verified structure (as ../shared/tools/check_laws.py does) ----


def expected_laws() -> list:
    path = LAWS / "expected.json"
    if not path.exists():
        return [pytest.param(None, None, marks=pytest.mark.skip(reason="../shared is not available"))]
    return [pytest.param(name, exp, id=name) for name, exp in json.loads(path.read_text(encoding="utf-8")).items()]


@pytest.mark.parametrize(("name", "exp"), expected_laws())
def test_real_laws_parse_to_their_verified_structure(name, exp):
    data = to_json(parse_text(shared_law(name)))
    articles = data["articles"]
    assert len(articles) == exp["articles"]
    assert sum(1 for a in articles if a["sub"]) == exp["zhi_articles"]
    assert (articles[0]["label"], articles[-1]["label"]) == (exp["first"], exp["last"])
    assert data["kind"] == exp["kind"]
    levels = Counter(h["level"] for h in data["headings"])
    assert [levels[level] for level in ("编", "分编", "章", "节")] == [
        exp["bian"], exp["fenbian"], exp["chapters"], exp["sections"],
    ]
    keys = [(a["number"], a["sub"]) for a in articles]
    assert keys == sorted(set(keys))
    by_label = {a["label"]: a for a in articles}
    for label, start in exp["samples"].items():
        assert "".join(by_label[label]["paragraphs"]).startswith(start)
    assert data["warnings"] == []
