"""Requests beyond legislation (民情): what the analysis proposes to staff, and how well on the labeled set."""

import json
from importlib import resources
from pathlib import Path

import pytest

from legislink.analysis.requests import cues, is_request, read_cues

SET = Path(__file__).resolve().parent / "fixtures" / "requests" / "comments.jsonl"


@pytest.mark.parametrize("text", [
    "幸福路12号的路灯坏了一个月，请尽快修好。",
    "請派人來修一下我家門口的井蓋",  # Traditional
    "请城管来处罚门口占道的摊贩",  # one word of rules, with an ask, a matter and a place
    "小区垃圾好几天没人清运，麻烦来处理一下",
])
def test_a_local_ask_is_proposed(text):
    assert is_request(text)


@pytest.mark.parametrize("text", [
    "第十二条关于摊位的规定太笼统，建议明确。",
    "我们小区门口夜市噪音扰民，希望条例规定夜间经营时间。",  # a story ending in the law
    "建议在《噪声污染防治条例》里写清楚广场舞的音量，请考虑。",
    "请在草案中增加一款：路灯维护由街道负责。",
    "希望政府重视养老问题。",  # a wish, no local matter or place
    "路灯的维护责任应当明确，规定由谁负责，并细化考核。",  # no ask; words of rules
])
def test_an_opinion_on_the_law_or_a_general_wish_is_not(text):
    assert not is_request(text)


def test_the_cues_say_why():
    found = read_cues("幸福路12号的路灯坏了，请尽快修好。")
    assert "请" in found.ask
    assert "路灯" in found.matter
    assert "幸福路12号" in found.place
    assert found.law == ()
    assert found.rule == ()
    assert "第三条" in read_cues("第三条的路灯条款").law


def test_the_cue_file_says_where_its_entries_come_from():
    text = resources.files("legislink.analysis").joinpath("data/request_cues.txt").read_text("utf-8")
    assert "written by hand from general chinese usage, not from any labeled comment set" in text.lower()
    assert all(cues()[section] for section in ("ask", "matter", "place", "law", "rule"))


def _labeled() -> list[dict]:
    return [json.loads(line) for line in SET.read_text("utf-8").splitlines() if line.strip()]


def test_the_labeled_set_is_varied_enough_to_measure_on():
    rows = _labeled()
    assert len(rows) >= 80
    voices = {r["voice"] for r in rows}
    assert {"hard_place", "hard_story", "implicit", "staff_note", "english", "traditional"} <= voices
    assert 0.3 < sum(r["request"] for r in rows) / len(rows) < 0.7


def test_precision_and_recall_on_the_labeled_set():
    """The README's figures: precision 1.000, recall 0.738; no hard negative proposed."""
    rows = _labeled()
    proposed = {r["id"] for r in rows if is_request(r["text"])}
    requests = {r["id"] for r in rows if r["request"]}
    hard = {r["id"] for r in rows if r["voice"].startswith("hard_")}
    precision = len(proposed & requests) / len(proposed)
    recall = len(proposed & requests) / len(requests)
    assert (len(proposed & requests), len(proposed - requests), len(requests - proposed)) == (31, 0, 11)
    assert precision >= 0.95
    assert recall >= 0.7
    assert not proposed & hard
