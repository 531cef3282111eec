from datetime import UTC, date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import AuditEvent, Channel, Comment, CommentStatus, Identity, Role, utcnow
from legislink.services import ServiceError, moderation
from legislink.services.moderation import CommentFilter, undo, undoable

from ..builders import article, make_comment, make_consultation, make_station, make_user

# The contact point's zone, as the web face passes it.
SHANGHAI = ZoneInfo("Asia/Shanghai")
queue = partial(moderation.queue, zone=SHANGHAI)
apply = partial(moderation.apply, zone=SHANGHAI)
next_comment = partial(moderation.next_comment, zone=SHANGHAI)


@pytest.fixture
def consultation(ctx):
    return make_consultation()


def statuses():
    db.session.expire_all()
    return {c.text: c.status for c in db.session.scalars(select(Comment))}


def test_filters_combine(consultation):
    station = make_station(code="CC01")
    a1 = article(consultation.version, 1)
    make_comment(consultation, text="甲 第一条 网上", provision=a1, station=station)
    make_comment(consultation, text="乙 第一条 信件", provision=a1, channel=Channel.LETTER)
    make_comment(consultation, text="丙 整部 网上", identity=Identity.LAWYER)
    make_comment(consultation, text="丁 垃圾", status=CommentStatus.SPAM)
    texts = lambda f: sorted(c.text for c in queue(consultation, f).comments)  # noqa: E731
    assert texts(CommentFilter(article="第一条")) == ["乙 第一条 信件", "甲 第一条 网上"]
    assert texts(CommentFilter(article="第一条", channel=Channel.ONLINE)) == ["甲 第一条 网上"]
    assert texts(CommentFilter(article="-")) == ["丁 垃圾", "丙 整部 网上"]
    assert texts(CommentFilter(identity=Identity.LAWYER)) == ["丙 整部 网上"]
    assert texts(CommentFilter(station="CC01")) == ["甲 第一条 网上"]
    assert texts(CommentFilter(status=CommentStatus.SPAM)) == ["丁 垃圾"]
    assert texts(CommentFilter(text="垃")) == ["丁 垃圾"]
    assert texts(CommentFilter(text="%")) == []  # LIKE wildcards are matched literally


def test_date_filters_use_local_days(consultation):
    today = date.today()
    make_comment(consultation, text="今天的意见", submitted_at=utcnow())
    make_comment(consultation, text="十天前的意见", submitted_at=utcnow() - timedelta(days=10))
    recent = queue(consultation, CommentFilter(since=today - timedelta(days=2))).comments
    assert [c.text for c in recent] == ["今天的意见"]


def test_the_contact_points_zone_sets_where_a_day_begins(consultation):
    # 2024-05-01 20:00 UTC is 2 May 04:00 in Shanghai and still 1 May in New York.
    make_comment(consultation, text="夜里的意见", submitted_at=datetime(2024, 5, 1, 20, 0, tzinfo=UTC))
    day = CommentFilter(since=date(2024, 5, 2), until=date(2024, 5, 2))
    in_shanghai = moderation.queue(consultation, day, zone=SHANGHAI).comments
    in_new_york = moderation.queue(consultation, day, zone=ZoneInfo("America/New_York")).comments
    assert [c.text for c in in_shanghai] == ["夜里的意见"]
    assert in_new_york == []


def test_bulk_action_on_a_selection_changes_only_the_selection_and_is_audited(consultation):
    staff = make_user(Role.STAFF)
    chosen = [make_comment(consultation, text=f"意见{i}") for i in range(3)]
    make_comment(consultation, text="不动的意见")
    changed = apply(consultation, "spam", "广告", staff, ids=[c.id for c in chosen[:2]])
    db.session.commit()
    assert changed.count == 2
    result = statuses()
    assert [result[f"意见{i}"] for i in range(3)] == [CommentStatus.SPAM, CommentStatus.SPAM, CommentStatus.ACCEPTED]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "moderation.spam"))
    assert sorted(event.object_ids) == sorted(c.id for c in chosen[:2])
    assert event.detail["reason"] == "广告"
    assert event.username == staff.username


def test_bulk_action_on_a_whole_filter(consultation):
    staff = make_user(Role.STAFF, station=None)  # letters without a station: the contact point's own staff
    for i in range(1200):  # more than one update slice
        make_comment(consultation, text=f"重复的广告{i}", channel=Channel.LETTER)
    make_comment(consultation, text="正常意见")
    changed = apply(consultation, "offtopic", "与草案无关", staff, f=CommentFilter(channel=Channel.LETTER))
    db.session.commit()
    assert changed.count == 1200
    result = statuses()
    assert result["正常意见"] == CommentStatus.ACCEPTED
    assert sum(s == CommentStatus.OFFTOPIC for s in result.values()) == 1200
    locked = db.session.scalar(select(Comment).where(Comment.text == "重复的广告7"))
    assert locked.offtopic_locked is True


def test_restore_brings_back_only_what_was_set_aside(consultation):
    staff = make_user(Role.STAFF)
    make_comment(consultation, text="误判", status=CommentStatus.SPAM)
    make_comment(consultation, text="待审", status=CommentStatus.PENDING)
    apply(consultation, "restore", "误判", staff, f=CommentFilter())
    result = statuses()
    assert result == {"误判": CommentStatus.ACCEPTED, "待审": CommentStatus.PENDING}


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [({"action": "delete", "reason": "x", "ids": [1]}, "unknown_action"),
     ({"action": "spam", "reason": " ", "ids": [1]}, "reason_required"),
     ({"action": "spam", "reason": "x"}, "nothing_selected"),
     ({"action": "accept", "reason": "x", "ids": [999]}, "nothing_to_change")],
)
def test_refusals_change_nothing(consultation, kwargs, code):
    make_comment(consultation, text="一条意见")
    with pytest.raises(ServiceError) as raised:
        apply(consultation, actor=None, **kwargs)
    assert raised.value.code == code
    assert statuses() == {"一条意见": CommentStatus.ACCEPTED}
    assert db.session.scalar(select(AuditEvent)) is None


def test_one_by_one_review_walks_the_queue_in_order(consultation):
    now = utcnow()
    first = make_comment(consultation, text="一", status=CommentStatus.PENDING, submitted_at=now - timedelta(hours=3))
    second = make_comment(consultation, text="二", status=CommentStatus.PENDING, submitted_at=now - timedelta(hours=2))
    make_comment(consultation, text="三", status=CommentStatus.PENDING, submitted_at=now - timedelta(hours=1))
    pending = CommentFilter(status=CommentStatus.PENDING)
    comment, remaining = next_comment(consultation, pending)
    assert (comment.text, remaining) == ("一", 3)
    comment, remaining = next_comment(consultation, pending, after=first.id)
    assert (comment.text, remaining) == ("二", 2)
    assert next_comment(consultation, pending, after=second.id)[0].text == "三"


def test_a_printed_receipt_code_finds_its_comment(consultation):
    comment = make_comment(consultation, text="座谈会上的意见", receipt_code="3KXM7QPARD4W")
    make_comment(consultation, text="别的意见")
    found = queue(consultation, CommentFilter(text="3kxm-7qpa-rd4w")).comments
    assert [c.id for c in found] == [comment.id]


def _state(comment_id: int) -> tuple:
    db.session.expire_all()
    c = db.session.get(Comment, comment_id)
    return c.status, c.status_reason, c.offtopic_reason, c.offtopic_locked


def test_a_mark_on_chosen_comments_is_undone_exactly(consultation):
    staff = make_user(Role.STAFF)
    pending = make_comment(consultation, text="待审", status=CommentStatus.PENDING)
    flagged = make_comment(consultation, text="分析认为无关", status=CommentStatus.OFFTOPIC, offtopic_reason="ad")
    before = {c.id: _state(c.id) for c in (pending, flagged)}
    applied = apply(consultation, "spam", "误按", staff, ids=[pending.id, flagged.id])
    assert _state(pending.id)[0] == _state(flagged.id)[0] == CommentStatus.SPAM

    assert undoable(consultation, applied.event_id).action == "spam"
    assert sorted(undo(consultation, applied.event_id, staff)) == sorted(before)
    assert {comment_id: _state(comment_id) for comment_id in before} == before
    logged = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "moderation.undo"))
    assert logged.detail == {"event": applied.event_id, "action": "spam"}
    assert undoable(consultation, applied.event_id) is None  # undone once, not twice


def test_a_mark_changed_since_is_not_undone(consultation):
    staff = make_user(Role.STAFF)
    comment = make_comment(consultation, text="待审", status=CommentStatus.PENDING)
    first = apply(consultation, "offtopic", "无关", staff, ids=[comment.id])
    apply(consultation, "spam", "广告", staff, ids=[comment.id])
    with pytest.raises(ServiceError) as raised:
        undo(consultation, first.event_id, staff)
    assert raised.value.code == "nothing_to_undo"
    assert _state(comment.id)[0] == CommentStatus.SPAM


def test_an_action_on_a_whole_filter_or_another_consultation_cannot_be_undone_here(consultation):
    staff = make_user(Role.STAFF, station=None)
    comment = make_comment(consultation, text="广告", channel=Channel.LETTER)
    on_filter = apply(consultation, "spam", "广告", staff, f=CommentFilter(channel=Channel.LETTER))
    assert undoable(consultation, on_filter.event_id) is None
    apply(consultation, "restore", "误判", staff, ids=[comment.id])
    elsewhere = make_consultation()
    other = make_comment(elsewhere, text="别处的意见")
    marked = apply(elsewhere, "spam", "广告", staff, ids=[other.id])
    assert undoable(consultation, marked.event_id) is None


def test_a_stations_staff_change_their_comments_and_online_ones_and_are_refused_the_rest(consultation):
    mine, theirs = make_station(code="CC01"), make_station(code="CC02")
    staff = make_user(Role.STAFF, station=mine)
    own = make_comment(consultation, text="本站", station=mine, channel=Channel.SYMPOSIUM)
    online = make_comment(consultation, text="网上")
    other = make_comment(consultation, text="别站", station=theirs, channel=Channel.SYMPOSIUM)
    letter = make_comment(consultation, text="无站来信", channel=Channel.LETTER)
    for chosen in ([other.id], [own.id, other.id], [letter.id]):
        with pytest.raises(ServiceError) as refused:
            apply(consultation, "spam", "广告", staff, ids=chosen)
        assert refused.value.code == "other_station"
    assert apply(consultation, "spam", "广告", staff, ids=[own.id, online.id]).count == 2
    assert apply(consultation, "restore", "误判", staff, f=CommentFilter()).count == 2
    assert apply(consultation, "offtopic", "无关", staff, f=CommentFilter()).count == 2
    assert statuses() == {"本站": CommentStatus.OFFTOPIC, "网上": CommentStatus.OFFTOPIC,
                          "别站": CommentStatus.ACCEPTED, "无站来信": CommentStatus.ACCEPTED}
