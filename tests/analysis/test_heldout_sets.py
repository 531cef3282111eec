"""The held-out labeled comment sets under fixtures/heldout hold together: the draft parses into
consecutive articles, every label is well formed and names an article of the draft, explicit
labels name their article in the text, every campaign has at least three copies of one point and
one shape, the points file matches the comments, and the builder rebuilds the committed files.

These sets were written for blind measurement and each measured once blind. `zulin`, `dianche`,
`yangquan`, `laji`, `wenming`, `yanglao`, `yanhua`, `tuoyu`, `tingche`, `zhaopai` and (since the seventh
session of 2026-12-05) `zaosheng` (noise) and `zhaijidi` (rural homesteads) are listed in
fixtures/sets.json (their misses read) and tuned on like the other labeled sets; `kongyan` (smoking
control), `jiazheng` (domestic services), `tushuguan` (public libraries, written blind in the
seventh session) and `hedao` (river management, written blind in the eighth) are held out: they are not
in fixtures/sets.json and these checks only read their labels' form, never the analysis. `wangyueche`
(ride-hailing, written blind in the eighth session, measured once, then read) is listed and tuned on.
`wuye` (property management) and `gongjiao` (city buses), written blind in the session of 2026-12-06,
are held out likewise; `peixun` (after-school tutoring), held out from its eighth session, is listed and tuned
on since its off-topic misses were read on 2026-12-07. `geren` (the 个人信息保护法 as enacted, standing for a draft),
written blind in the twelfth session, is held out, and so is `xiaobao` (the 消费者权益保护法); `daolu` (the
道路交通安全法), written blind the same session and measured once, is listed and tuned on (its misses read)."""

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from legislink.lawtext import parse_text, to_json
from legislink.lawtext.numerals import int_to_cn

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"
SETS = ["zulin", "dianche", "yangquan", "laji", "wenming", "yanglao", "yanhua", "kongyan", "tuoyu", "tingche",
        "zhaopai", "jiazheng", "zaosheng", "zhaijidi", "tushuguan", "hedao", "wangyueche", "wuye", "gongjiao", "kuaidi",
        "peixun", "geren", "xiaobao", "daolu"]
FIELDS = {"id", "text", "article", "point", "explicit", "campaign", "identity", "script", "lang", "shape"}




def _names(text: str, n: int) -> bool:
    forms = (f"{int_to_cn(n)}条", f"{int_to_cn(n)}條", f"{n}条", f"Article {n}")
    return any(re.search(rf"(?<![一二三四五六七八九十百\d]){re.escape(f)}(?!\d)", text) for f in forms)


def _load(name):
    lines = (HELDOUT / f"{name}_comments.jsonl").read_text(encoding="utf-8").splitlines()
    comments = [json.loads(line) for line in lines if line.strip()]
    points = json.loads((HELDOUT / f"{name}_points.json").read_text(encoding="utf-8"))
    parsed = to_json(parse_text((HELDOUT / f"{name}_draft.txt").read_text(encoding="utf-8")))
    return comments, points, parsed


@pytest.mark.parametrize("name", SETS)
def test_draft_parses_into_consecutive_articles(name):
    _, _, parsed = _load(name)
    assert parsed["warnings"] == []
    numbers = [a["number"] for a in parsed["articles"]]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 45


@pytest.mark.parametrize("name", SETS)
def test_labels_are_well_formed_and_name_real_articles(name):
    comments, _, parsed = _load(name)
    articles = {a["number"] for a in parsed["articles"]}
    ids = [c["id"] for c in comments]
    assert len(ids) == len(set(ids))
    for c in comments:
        assert FIELDS <= set(c), c["id"]
        assert c["text"].strip(), c["id"]
        art = c["article"]
        assert art is None or art == "offtopic" or art in articles, c["id"]
        if art == "offtopic":
            assert c["point"].startswith("off-"), c["id"]
            assert not c["explicit"], c["id"]
            assert c["campaign"] is None, c["id"]
        elif art is None:
            assert c["point"].startswith("d-"), c["id"]
            assert not c["explicit"], c["id"]
        else:
            assert c["point"].startswith(f"a{art}-"), c["id"]
            # explicit exactly when the text names the labeled article in some written form
            assert c["explicit"] == _names(c["text"], art), c["id"]


@pytest.mark.parametrize("name", SETS)
def test_campaigns_have_three_copies_of_one_point_and_shape(name):
    comments, _, _ = _load(name)
    by_campaign = {}
    for c in comments:
        if c["campaign"] is not None:
            by_campaign.setdefault(c["campaign"], []).append(c)
    assert len(by_campaign) >= 3
    for copies in by_campaign.values():
        assert len(copies) >= 3
        assert len({c["point"] for c in copies}) == 1
        assert len({c["shape"] for c in copies}) == 1
        assert len({c["text"] for c in copies}) == len(copies)
    assert all(c["shape"] is None for c in comments if c["campaign"] is None)


@pytest.mark.parametrize("name", SETS)
def test_points_file_matches_comments(name):
    comments, points, _ = _load(name)
    counts = Counter(c["point"] for c in comments)
    assert {p["point"]: p["count"] for p in points} == dict(counts)
    article_of = {c["point"]: c["article"] for c in comments}
    for p in points:
        assert p["article"] == article_of[p["point"]], p["point"]
        assert p["summary"], p["point"]
    assert all(len({c["article"] for c in comments if c["point"] == p}) == 1 for p in counts)


@pytest.mark.parametrize("name", SETS)
def test_builder_rebuilds_the_committed_files(name, tmp_path):
    subprocess.run([sys.executable, str(HELDOUT / f"build_{name}.py"), str(tmp_path)], check=True, capture_output=True)
    for suffix in ("_comments.jsonl", "_points.json"):
        assert (tmp_path / f"{name}{suffix}").read_bytes() == (HELDOUT / f"{name}{suffix}").read_bytes()
