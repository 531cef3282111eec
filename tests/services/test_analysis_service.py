"""The analysis stored in the database: what it marks, what it leaves alone, what it re-runs."""

import os
import time

import pytest
from sqlalchemy import select

from legislink import worker
from legislink.extensions import db
from legislink.models import (
    AnalysisRun,
    Attribution,
    Comment,
    CommentEvent,
    CommentEventKind,
    CommentStatus,
    OpinionGroup,
    RunStatus,
    utcnow,
)
from legislink.services import analysis, drafts, jobs
from legislink.services.comments import CommentInput, submit

from ..builders import make_consultation
from ..conftest import rq_burst

# The 12 comments of `seed` are more than this: their run goes to the background.
THRESHOLD = 3

DRAFT = """示例市摊位租赁条例（草案）

第一章　总　　则

第一条　为了规范摊位租赁，保护经营者合法权益，制定本条例。

第二条　市场开办者调整摊位租金的，应当提前三个月书面告知经营者，调整幅度不得超过上一年度租金的百分之十。

第三条　市场经营者办理移动电话卡用于经营活动的，应当实名登记。电信业务经营者可以依法暂停异常电话卡的服务。

第四条　市场营业时间由市场开办者确定，延长或者缩短营业时间的，应当提前十五日公告。
"""

CAMPAIGN = ("我们是商贸城的经营户。草案第二条规定租金涨幅不超过百分之十，我们坚决支持。"
            "近几年租金涨得太快，小商户经营不下去。恳请保留这一规定。")


@pytest.fixture
def consultation(ctx):
    version = drafts.import_text(DRAFT, title="示例市摊位租赁条例（草案）")
    return make_consultation(version)


def comment(consultation, text, **kwargs) -> Comment:
    return db.session.get(Comment, submit(consultation, CommentInput(text=text, **kwargs), now=utcnow()).id)


def seed(consultation):
    made = {
        "rent_a": comment(consultation, "租金涨幅上限百分之十定得好，但开办者不提前三个月通知就涨价的，"
                                        "应当写明调整无效。"),
        "rent_b": comment(consultation, "摊位租金每年都在涨，开办者常常临时通知，建议明确不提前告知的涨价不发生效力。"),
        "phone": comment(consultation, "经营用的电话卡经常被电信运营商无故暂停服务，应当规定暂停前先通知经营者。"),
        "hours": comment(consultation, "营业时间调整提前十五天公告太短，外贸订单来不及安排，建议改成三十天。"),
        "ad": comment(consultation, "加微信 fapiao888 代开各类发票，量大从优"),
        "agree": comment(consultation, "同意"),
    }
    for n in range(6):
        greeting, signature = ["尊敬的领导：", "您好！", ""][n % 3], ["谢谢", "", "一名商户"][n % 3]
        made[f"campaign{n}"] = comment(consultation, greeting + CAMPAIGN + signature)
    db.session.commit()
    return made


def reload(c: Comment) -> Comment:
    db.session.expire_all()
    return db.session.get(Comment, c.id)


def label(c: Comment) -> str | None:
    c = reload(c)
    return c.provision.label if c.provision else None


def test_a_run_attributes_marks_groups_and_records_it_on_the_receipt(consultation):
    made = seed(consultation)
    summary = analysis.run(consultation, now=utcnow())
    db.session.commit()
    assert summary.analysed == len(made)
    assert label(made["phone"]) == "第三条"
    assert reload(made["phone"]).attribution == Attribution.CONTENT
    assert label(made["hours"]) == "第四条"
    assert reload(made["ad"]).status == CommentStatus.OFFTOPIC
    assert reload(made["ad"]).offtopic_reason == "ad"
    assert reload(made["agree"]).status == CommentStatus.OFFTOPIC
    copies = {reload(made[f"campaign{n}"]).duplicate_key for n in range(6)}
    assert len(copies) == 1
    assert None not in copies
    assert reload(made["rent_a"]).duplicate_key is None
    on_topic = [reload(c) for key, c in made.items() if key not in ("ad", "agree")]
    assert all(c.group_id is not None for c in on_topic)  # which group is the engine's call
    assert len({reload(made[f"campaign{n}"]).group_id for n in range(6)}) == 1
    group = db.session.get(OpinionGroup, reload(made["campaign0"]).group_id)
    assert group.size >= 6
    assert group.duplicate_count == 6
    events = db.session.scalars(select(CommentEvent).where(CommentEvent.comment_id == made["rent_a"].id)).all()
    assert [e.kind for e in events] == [CommentEventKind.RECEIVED, CommentEventKind.ORGANISED]


def test_staff_corrections_and_edited_groups_survive_a_full_rerun(consultation):
    made = seed(consultation)
    analysis.run(consultation, now=utcnow())
    db.session.commit()
    # Staff correct an attribution, keep an ad as on-topic, and write a group's summary.
    db.session.expire_all()
    hours = db.session.get(Comment, made["hours"].id)
    hours.provision_id = db.session.get(Comment, made["phone"].id).provision_id
    hours.attribution = Attribution.STAFF
    ad = db.session.get(Comment, made["ad"].id)
    ad.status, ad.offtopic_locked = CommentStatus.ACCEPTED, True
    group = db.session.get(OpinionGroup, db.session.get(Comment, made["rent_a"].id).group_id)
    group.summary, group.edited = "租金涨幅上限应保留，未提前告知的涨价无效。", True
    members = {c.id for c in db.session.scalars(select(Comment).where(Comment.group_id == group.id))}
    db.session.commit()

    analysis.run(consultation, full=True, now=utcnow())
    db.session.commit()
    assert label(made["hours"]) == "第三条"
    assert reload(made["hours"]).attribution == Attribution.STAFF
    assert reload(made["ad"]).status == CommentStatus.ACCEPTED
    kept = db.session.scalar(select(OpinionGroup).where(OpinionGroup.summary != ""))
    assert kept.id == group.id
    assert {c.id for c in db.session.scalars(select(Comment).where(Comment.group_id == kept.id))} == members


def test_an_incremental_run_regroups_only_the_articles_new_comments_touch(consultation):
    made = seed(consultation)
    analysis.run(consultation, now=utcnow())
    db.session.commit()
    before = {g.key: g.id for g in db.session.scalars(select(OpinionGroup))}
    phone_group = reload(made["phone"]).group_id
    stamp = reload(made["phone"]).analysed_at
    new = comment(consultation, "营业时间的调整应当征求经营者代表意见，提前一个月公告更合理。")
    db.session.commit()

    summary = analysis.run(consultation, now=utcnow())
    db.session.commit()
    assert summary.analysed == 1
    assert summary.regrouped == ["第四条"]
    assert label(new) == "第四条"
    assert reload(made["phone"]).group_id == phone_group
    assert reload(made["phone"]).analysed_at == stamp
    after = {g.key: g.id for g in db.session.scalars(select(OpinionGroup))}
    untouched = {k: v for k, v in before.items()
                 if db.session.get(OpinionGroup, v) and db.session.get(OpinionGroup, v).provision
                 and db.session.get(OpinionGroup, v).provision.label != "第四条"}
    assert all(after.get(k) == v for k, v in untouched.items())


def test_nothing_to_do_is_a_quick_no_op(consultation):
    seed(consultation)
    analysis.run(consultation, now=utcnow())
    db.session.commit()
    assert analysis.run(consultation, now=utcnow()).analysed == 0


def _wait_for(run_id: int, seconds: float = 60) -> AnalysisRun:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.expire_all()
        run = db.session.get(AnalysisRun, run_id)
        if run.status in (RunStatus.DONE, RunStatus.FAILED):
            return run
        time.sleep(0.1)
    raise AssertionError("the background run did not finish")


def test_big_runs_go_to_a_background_thread_with_progress(make_app):
    app = make_app()
    with app.app_context():
        version = drafts.import_text(DRAFT, title="示例市摊位租赁条例（草案）")
        consultation = make_consultation(version)
        seed(consultation)
        run, background = jobs.start(consultation, full=False, now=utcnow(), background_threshold=THRESHOLD)
        db.session.commit()
        assert background is True
        assert worker.launch(app, run.id, redis_url=None) == "thread"
        finished = _wait_for(run.id)
        assert finished.status == RunStatus.DONE
        assert finished.summary["analysed"] == 12
        assert finished.started_at is not None
        assert db.session.scalar(select(Comment.analysed_at).where(Comment.analysed_at.is_(None))) is None


def test_a_second_run_is_refused_while_one_is_running(consultation):
    from legislink.services import ServiceError

    seed(consultation)
    jobs.start(consultation, full=False, now=utcnow(), background_threshold=THRESHOLD)
    db.session.commit()
    with pytest.raises(ServiceError) as raised:
        jobs.start(consultation, full=False, now=utcnow(), background_threshold=THRESHOLD)
    assert raised.value.code == "analysis_running"


@pytest.mark.skipif(not os.environ.get("LEGISLINK_TEST_REDIS_URL"), reason="needs LEGISLINK_TEST_REDIS_URL")
def test_with_redis_big_runs_go_to_an_rq_worker(make_app):
    from redis import Redis
    from rq import Queue

    url = os.environ["LEGISLINK_TEST_REDIS_URL"]
    app = make_app(REDIS_URL=url)
    connection = Redis.from_url(url)
    Queue(worker.QUEUE_NAME, connection=connection).empty()
    with app.app_context():
        version = drafts.import_text(DRAFT, title="示例市摊位租赁条例（草案）")
        consultation = make_consultation(version)
        seed(consultation)
        run, _ = jobs.start(consultation, full=False, now=utcnow(), background_threshold=THRESHOLD)
        db.session.commit()
        assert worker.launch(app, run.id, redis_url=url) == "rq"
        rq_burst(app, connection)
        assert _wait_for(run.id).status == RunStatus.DONE


def test_a_run_stores_the_candidate_articles_of_what_it_placed_by_content(consultation):
    made = seed(consultation)
    analysis.run(consultation, now=utcnow())
    db.session.commit()
    hours = reload(made["hours"])
    assert (label(hours), hours.attribution) == ("第四条", Attribution.CONTENT)
    assert hours.candidates
    assert "第四条" not in hours.candidates
    assert set(hours.candidates) <= {"第一条", "第二条", "第三条"}
    copy = reload(made["campaign0"])  # names 第二条
    assert (label(copy), copy.attribution, copy.candidates) == ("第二条", Attribution.EXPLICIT, [])



def test_a_first_run_is_the_whole_analysis_in_one_pass_and_places_copies_where_the_letter_points(consultation,
                                                                                                  monkeypatch):
    # One copy of a letter names 第四条; the others name no article. A first run (nothing analysed yet) is the whole
    # analysis, as `analyze-file` runs it, once over all the comments; the copies go where the letter points.
    letter = "摊位租金涨得太快了，开办者调整租金应当提前告知经营者，我们小商户实在经营不下去了，恳请各位领导重视。"
    named = comment(consultation, "关于草案第四条：" + letter)
    copies = [comment(consultation, greeting + letter) for greeting in ("", "您好！", "尊敬的领导：")]
    db.session.commit()
    engine, whole = analysis.analysis, []
    real = engine.analyze

    def counted(articles, comments, **kwargs):
        whole.append(len(comments))
        return real(articles, comments, **kwargs)

    monkeypatch.setattr(engine, "analyze", counted)
    summary = analysis.run(consultation, now=utcnow())
    db.session.commit()
    assert whole == [4]
    assert summary.regrouped == ["*"]
    assert label(named) == "第四条"
    assert reload(named).attribution == Attribution.EXPLICIT
    assert [label(c) for c in copies] == ["第四条"] * 3
    assert len({reload(c).duplicate_key for c in [named, *copies]}) == 1


def test_a_later_run_places_a_new_copy_with_its_letter_and_counts_it_in_one_voice(consultation):
    # After a first run, one copy names 第四条 and two more arrive that name nothing. A later (incremental) run
    # places them where the letter points, as a whole run would, and the letter stays one voice with its count.
    letter = "摊位租金涨得太快了，开办者调整租金应当提前告知经营者，我们小商户实在经营不下去了，恳请各位领导重视。"
    named = comment(consultation, "关于草案第四条：" + letter)
    other = comment(consultation, "营业时间调整提前十五天公告太短，外贸订单来不及安排，建议改成三十天。")
    # Two opinions that name 第二条 in the letter's words: by its content alone, a copy belongs there.
    comment(consultation, "第二条：开办者调整租金应当提前告知经营者，租金涨得太快小商户经营不下去。")
    comment(consultation, "对第二条的意见：租金涨得太快了，调整租金要提前告知，不然我们小商户经营不下去。")
    db.session.commit()
    analysis.run(consultation, now=utcnow())
    db.session.commit()
    stamp = reload(other).analysed_at
    copies = [comment(consultation, greeting + letter) for greeting in ("您好！", "尊敬的领导：")]
    db.session.commit()

    summary = analysis.run(consultation, now=utcnow())
    db.session.commit()
    assert summary.analysed == 2
    assert [label(c) for c in copies] == ["第四条", "第四条"]
    assert [reload(c).attribution for c in copies] == [Attribution.CONTENT] * 2
    assert len({reload(c).duplicate_key for c in [named, *copies]}) == 1
    assert len({reload(c).group_id for c in [named, *copies]}) == 1
    group = db.session.get(OpinionGroup, reload(named).group_id)
    assert group.duplicate_count == 3
    assert reload(other).analysed_at == stamp


def test_a_new_copy_that_names_the_article_takes_the_letter_copies_placed_by_content_there(consultation):
    # The first copies name no article and are placed by their content; a later copy names 第四条. Where a letter
    # points is where its copy that names an article points: a later run moves the copies placed by content there
    # and regroups both articles, as a whole run would place them.
    letter = "摊位租金涨得太快了，开办者调整租金应当提前告知经营者，我们小商户实在经营不下去了，恳请各位领导重视。"
    copies = [comment(consultation, greeting + letter) for greeting in ("", "您好！", "尊敬的领导：")]
    db.session.commit()
    analysis.run(consultation, now=utcnow())
    db.session.commit()
    first = label(copies[0])
    assert first != "第四条"
    named = comment(consultation, "关于草案第四条：" + letter)
    db.session.commit()

    summary = analysis.run(consultation, now=utcnow())
    db.session.commit()
    assert label(named) == "第四条"
    assert [label(c) for c in copies] == ["第四条"] * 3
    assert sorted(summary.regrouped) == sorted({first, "第四条"})
    assert len({reload(c).group_id for c in [named, *copies]}) == 1
    assert db.session.get(OpinionGroup, reload(named).group_id).duplicate_count == 4

    whole = analysis.run(consultation, full=True, now=utcnow())
    db.session.commit()
    assert whole.regrouped == ["*"]
    assert [label(c) for c in copies] == ["第四条"] * 3
