"""The whole analysis: opinion groups, staff edits surviving re-runs, stable ids, the JSON shape."""

import random

from legislink.analysis import AnalysisOptions, Comment, analyze, to_json
from legislink.analysis.text import normalize

from .conftest import DRAFT_TITLE

OPTIONS = AnalysisOptions(title=DRAFT_TITLE)
# Two opposite points on 第八条 (fines for selling SIM cards) and one on 第六条 (bank monitoring).
HARSHER = [
    "第八条对出售电话卡的罚款太轻了，建议提高罚款数额，卖卡的学生也要追究刑事责任。",
    "第八条罚得太轻，倒卖电话卡的人赚得比罚得多，应当大幅提高罚款，情节严重的判刑。",
    "建议第八条加重处罚，出租出借电话卡给诈骗团伙的，罚款提高到二十倍，并纳入征信黑名单。",
]
MILDER = [
    "第八条对出借电话卡的老人和学生一律罚款太重了，很多人是被骗着借卡的，建议首次违法的只教育警告。",
    "第八条不要一刀切，不知情借出电话卡的老年人应当从轻处罚，以批评教育为主，不要动辄罚款。",
    "对第八条：不知情的初次违法者建议免予罚款，以警告和教育为主，处罚要区分主观恶意。",
]
BANK = [
    "第六条银行发现可疑交易应当立即延迟支付，并打电话给老人核实，等钱转走就来不及了。",
    "第六条的延迟支付很有用，建议银行对老年人账户的大额转账一律延迟二十四小时到账。",
]


def _comments(texts: list[str], prefix: str = "c") -> list[Comment]:
    return [Comment(id=f"{prefix}{k}", text=t) for k, t in enumerate(texts)]


def _run(articles, segmenter, comments, options=OPTIONS):
    return analyze(articles, comments, options=options, segmenter=segmenter)


def _group_of(result) -> dict[str, str | None]:
    return {c.id: c.group for c in result.comments}


def test_opposite_opinions_on_one_article_end_in_different_groups(articles, segmenter):
    comments = _comments(HARSHER, "h") + _comments(MILDER, "m") + _comments(BANK, "b")
    groups = _group_of(_run(articles, segmenter, comments))
    assert len({groups[f"h{k}"] for k in range(3)}) == 1
    assert len({groups[f"m{k}"] for k in range(3)}) == 1
    assert groups["h0"] != groups["m0"]
    assert groups["b0"] not in (groups["h0"], groups["m0"])


def test_a_traditional_comment_is_attributed_and_grouped_like_its_simplified_twin(articles, segmenter):
    twin = "第八條罰得太輕，倒賣電話卡的人賺得比罰得多，應當大幅提高罰款，情節嚴重的判刑。"
    comments = _comments(HARSHER + MILDER) + [Comment(id="trad", text=twin)]
    result = _run(articles, segmenter, comments)
    by_id = {c.id: c for c in result.comments}
    assert by_id["trad"].attribution.article == by_id["c1"].attribution.article == "第八条"
    assert by_id["trad"].group == by_id["c1"].group


def test_group_ids_are_stable_across_reruns_and_input_order(articles, segmenter):
    comments = _comments(HARSHER + MILDER + BANK)
    first = {g.id: set(g.members) for g in _run(articles, segmenter, comments).groups}
    shuffled = list(comments)
    random.Random(5).shuffle(shuffled)
    second = {g.id: set(g.members) for g in _run(articles, segmenter, shuffled).groups}
    assert first == second


def test_a_locked_attribution_and_a_pinned_group_survive_a_rerun(articles, segmenter):
    comments = _comments(HARSHER + MILDER)
    # Staff moved c0 to 第四条 and put c3 (a milder voice) into the harsher group under their own id.
    comments[0] = Comment(id="c0", text=HARSHER[0], locked=True, article="第四条")
    options = AnalysisOptions(title=DRAFT_TITLE, pinned={"c1": "staff-harsh", "c3": "staff-harsh"})
    result = _run(articles, segmenter, comments, options)
    by_id = {c.id: c for c in result.comments}
    assert (by_id["c0"].attribution.kind, by_id["c0"].attribution.article) == ("locked", "第四条")
    assert by_id["c1"].group == by_id["c3"].group == "staff-harsh"
    new = Comment(id="new", text="第八条罚款太轻，建议提高罚款数额，倒卖电话卡情节严重的追究刑事责任。")
    rerun = {c.id: c for c in _run(articles, segmenter, [*comments, new], options).comments}
    assert rerun["c0"].attribution.article == "第四条"
    assert rerun["c1"].group == rerun["c3"].group == "staff-harsh"
    assert rerun["new"].group == "staff-harsh"


def test_form_letter_copies_join_their_opinion_group_as_one_voice(articles, segmenter):
    letter = ("我是一名退休教师，对草案第八条提出建议：倒卖电话卡的违法所得动辄上万，"
              "罚款应当提高到违法所得二十倍，并追究刑事责任。")
    copies = [Comment(id=f"f{k}", text=f"{hello}{letter}{bye}")
              for k, (hello, bye) in enumerate([("您好！", "恳请采纳。"), ("各位领导：", "\n老李"), ("", "谢谢！")])]
    result = _run(articles, segmenter, copies + _comments(HARSHER + MILDER))
    by_id = {c.id: c for c in result.comments}
    assert len({by_id[f"f{k}"].duplicate_group for k in range(3)}) == 1
    assert by_id["f0"].duplicate_group is not None
    group = next(g for g in result.groups if g.id == by_id["f0"].group)
    assert {"f0", "f1", "f2"} <= set(group.members)
    assert group.copies == 3


def test_off_topic_comments_are_marked_not_grouped_and_staff_can_override(articles, segmenter):
    comments = _comments(HARSHER) + [
        Comment(id="ad", text="代办电话卡，不用本人到场，价格实惠，微信同号13912345678"),
        Comment(id="ok", text="同意！"),
        Comment(id="kept", text="同意", offtopic_override=False),
    ]
    by_id = {c.id: c for c in _run(articles, segmenter, comments).comments}
    assert (by_id["ad"].offtopic, by_id["ad"].group) == ("ad", None)
    assert by_id["ok"].offtopic == "empty"
    assert by_id["kept"].offtopic is None


def test_to_json_has_the_analyze_file_shape(articles, segmenter):
    result = _run(articles, segmenter, _comments(HARSHER + ["好"]))
    data = to_json(result)
    comment = data["comments"][0]
    assert {"id", "article", "group", "duplicate_group", "offtopic", "keywords"} <= set(comment)
    assert comment["article"] == "第八条"
    assert isinstance(comment["keywords"], list)
    assert data["comments"][-1]["offtopic"] is True
    group = data["groups"][0]
    assert {"id", "article", "size", "keywords", "representative"} <= set(group)
    assert group["representative"] in {c["id"] for c in data["comments"]}


def test_the_json_lists_what_a_sender_added_to_a_copied_letter(articles, segmenter):
    letter = ("第八条的罚款太轻了，非法买卖电话卡的人根本不怕，违法所得一倍的罚款等于没罚，"
              "建议提高到十倍以上并且没收工具。")
    own = "我表弟的身份证就被人拿去办了十几张卡，到现在还在接催收电话。"
    comments = [Comment(id=f"f{k}", text=f"{hello}{letter}{extra}")
                for k, (hello, extra) in enumerate([("您好！", ""), ("各位领导：", own), ("", "")])]
    data = {c["id"]: c for c in to_json(_run(articles, segmenter, comments))["comments"]}
    assert data["f1"]["own_sentences"] == [normalize(own)]
    assert data["f0"]["own_sentences"] == []


def test_large_articles_switch_to_two_stage_grouping_and_stay_deterministic(articles, segmenter):
    comments = _comments(HARSHER + MILDER + BANK)
    options = AnalysisOptions(title=DRAFT_TITLE, exact_grouping_limit=2)
    first = _run(articles, segmenter, comments, options)
    members = [m for g in first.groups for m in g.members]
    assert sorted(members) == sorted(c.id for c in comments)
    second = _run(articles, segmenter, comments, options)
    assert [g.id for g in first.groups] == [g.id for g in second.groups]


def _zulin():
    import json
    from pathlib import Path

    from legislink.analysis.__main__ import load_articles

    folder = Path(__file__).parent / "fixtures" / "heldout"
    title, articles = load_articles((folder / "zulin_draft.txt").read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in (folder / "zulin_comments.jsonl").read_text(encoding="utf-8").splitlines()]
    return title, articles, [Comment(id=str(r["id"]), text=r["text"]) for r in rows]


def test_the_steps_run_in_a_second_process_give_the_same_result(segmenter, monkeypatch):
    from legislink.analysis import engine

    title, articles, comments = _zulin()
    options = AnalysisOptions(title=title)
    alone = to_json(analyze(articles, comments, options=options, segmenter=segmenter))

    forked = []
    start = engine._Beside.__init__

    def spied(self, fn, *args, parallel):
        start(self, fn, *args, parallel=parallel)
        forked.append(self.process is not None)

    monkeypatch.setattr(engine._Beside, "__init__", spied)
    monkeypatch.setattr(engine, "_can_fork", lambda n: True)
    beside = to_json(analyze(articles, comments, options=options, segmenter=segmenter))
    assert forked == [True, True, True]  # form-letter copies, half the off-topic reading, half the articles' groups
    assert beside == alone


def test_a_step_whose_second_process_fails_is_done_in_the_first():
    import os

    from legislink.analysis import engine

    parent = os.getpid()

    def only_here(x):
        if os.getpid() != parent:
            raise RuntimeError("in the child")
        return x + 1

    step = engine._Beside(only_here, 41, parallel=True)
    child = step.process
    assert child is not None
    assert step.get() == 42
    assert child.exitcode == 0  # it failed, said so and ended


def test_a_step_its_caller_leaves_unfinished_stops_its_second_process():
    import signal
    import time

    import pytest

    from legislink.analysis import engine

    # The child inherits a SIGTERM handler of this process, as an RQ worker's warm shutdown would be inherited.
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    started = []

    def fails_while_its_step_runs():
        with engine._Beside(time.sleep, 60, parallel=True) as step:
            started.append(step.process)
            raise RuntimeError("the caller failed before asking for the result")

    start = time.monotonic()
    with pytest.raises(RuntimeError):
        fails_while_its_step_runs()
    signal.signal(signal.SIGTERM, previous)
    assert not started[0].is_alive()
    assert time.monotonic() - start < 30  # stopped, not waited for


def test_a_later_run_with_nothing_analysed_before_is_the_whole_analysis(segmenter):
    from legislink.analysis import reanalyze

    title, articles, comments = _zulin()
    options = AnalysisOptions(title=title)
    whole = analyze(articles, comments, options=options, segmenter=segmenter)
    later, touched, moved = reanalyze(articles, comments, {}, options=options, segmenter=segmenter)
    assert to_json(later) == to_json(whole)
    assert touched == {c.attribution.key for c in whole.comments}
    assert moved == set()


def test_a_later_run_keeps_what_was_analysed_and_places_new_copies_with_their_letter(segmenter):
    from legislink.analysis import reanalyze

    title, articles, comments = _zulin()
    options = AnalysisOptions(title=title)
    cut = len(comments) * 2 // 3
    first = {c.id: c for c in analyze(articles, comments[:cut], options=options, segmenter=segmenter).comments}
    known = {i: (c.attribution, c.offtopic) for i, c in first.items()}
    later, touched, moved = reanalyze(articles, comments, known, options=options, segmenter=segmenter)
    found = {c.id: c for c in later.comments}
    fresh = {c.id for c in comments[cut:]}
    for i, (attribution, offtopic) in known.items():
        assert found[i].offtopic == offtopic
        assert (found[i].attribution == attribution) == (i not in moved)
    joined = [g for g in later.duplicate_groups if fresh.intersection(g.members)]
    assert joined, "the set's later comments include copies of its letters"
    for g in joined:
        placed = {found[m].attribution.key for m in g.members if found[m].attribution.kind == "content"}
        assert len(placed) <= 1
    assert moved <= {m for g in joined for m in g.members}
    assert touched >= {found[i].attribution.key for i in fresh | moved}
    assert {g.article or g.chapter or "" for g in later.groups} <= touched
    grouped = {m for g in later.groups for m in g.members}
    assert grouped == {i for i, c in found.items() if c.offtopic is None and c.attribution.key in touched}
