"""The request loop (民情转办): departments, referral, taking up, reply, overdue, audit and receipt events."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import AuditEvent, Channel, CommentEvent, ReferralStatus, Role
from legislink.services import ServiceError, referrals

from ..builders import make_comment, make_consultation, make_station, make_user

TODAY = date(2026, 3, 10)


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def events(comment_id: int) -> list[tuple[str, str]]:
    return [(e.kind.value, e.note) for e in db.session.scalars(
        select(CommentEvent).where(CommentEvent.comment_id == comment_id).order_by(CommentEvent.id))]


@pytest.fixture
def world(ctx):
    station, other = make_station(code="CC01"), make_station(code="CC02")
    consultation = make_consultation()
    return {
        "admin": make_user(Role.ADMIN, station=None),
        "staff": make_user(Role.STAFF, station=station),
        "light": make_comment(consultation, text="小区门口的路灯坏了两个月，晚上很黑。", station=station,
                              channel=Channel.SYMPOSIUM),
        "noise": make_comment(consultation, text="夜市噪音太大，希望有人管一管。", station=other,
                              channel=Channel.SYMPOSIUM),
        "works": referrals.create_department("市住建局", "0579-1234"),
        "city": referrals.create_department("城管局"),
    }


def test_departments_are_added_renamed_and_retired_with_an_audit_trail(world):
    admin = world["admin"]
    roads = referrals.create_department("  交通 运输局 ", actor=admin)
    assert roads.name == "交通 运输局"
    with pytest.raises(ServiceError) as clash:
        referrals.create_department("城管局", actor=admin)
    assert clash.value.code == "department_exists"
    with pytest.raises(ServiceError) as clash:
        referrals.rename_department(roads.id, "城管局", actor=admin)
    assert clash.value.code == "department_exists"
    referrals.rename_department(roads.id, "市交通运输局", "热线 12345", actor=admin)
    referrals.set_department_active(roads.id, False, actor=admin)
    assert (roads.name, roads.contact, roads.active) == ("市交通运输局", "热线 12345", False)
    assert [d.name for d in referrals.departments(active_only=True)] == ["城管局", "市住建局"]
    assert referrals.departments()[-1] == roads  # retired ones last
    assert actions()[-3:] == ["department.create", "department.rename", "department.retire"]


def test_a_referral_goes_to_an_active_department_once_with_a_due_day_after_today(world):
    staff, light = world["staff"], world["light"]
    with pytest.raises(ServiceError) as refused:
        referrals.refer(light.id, world["works"].id, TODAY, today=TODAY, actor=staff)
    assert refused.value.code == "due_after_today"
    referrals.set_department_active(world["city"].id, False)
    with pytest.raises(ServiceError) as refused:
        referrals.refer(light.id, world["city"].id, TODAY + timedelta(days=5), today=TODAY, actor=staff)
    assert refused.value.code == "department_retired"
    referral = referrals.refer(light.id, world["works"].id, TODAY + timedelta(days=15), today=TODAY, actor=staff)
    assert (referral.matter, referral.assigned_on, referral.status) == (light.text, TODAY, ReferralStatus.PENDING)
    assert referral.assigned_by_id == staff.id
    with pytest.raises(ServiceError) as refused:
        referrals.refer(light.id, world["works"].id, TODAY + timedelta(days=5), today=TODAY, actor=staff)
    assert refused.value.code == "already_referred"
    assert events(light.id) == [("referred", "市住建局\n2026-03-25")]
    assert actions()[-1] == "referral.create"


def test_staff_refer_only_their_own_stations_comments(world):
    with pytest.raises(ServiceError) as refused:
        referrals.refer(world["noise"].id, world["city"].id, TODAY + timedelta(days=5), today=TODAY,
                        actor=world["staff"])
    assert refused.value.code == "other_station"
    assert referrals.of_comment(world["noise"].id) is None
    referrals.refer(world["noise"].id, world["city"].id, TODAY + timedelta(days=5), today=TODAY,
                    matter="请城管局处理夜市噪音。", actor=world["admin"])
    assert referrals.of_comment(world["noise"].id).matter == "请城管局处理夜市噪音。"
    with pytest.raises(ServiceError):
        referrals.start(world["noise"].id, actor=world["staff"])


def test_taking_up_and_replying_close_the_loop_and_show_on_the_receipt(world):
    staff, light = world["staff"], world["light"]
    referrals.refer(light.id, world["works"].id, TODAY + timedelta(days=10), today=TODAY, actor=staff)
    referrals.start(light.id, actor=staff)
    with pytest.raises(ServiceError) as refused:
        referrals.start(light.id, actor=staff)
    assert refused.value.code == "referral_not_pending"
    for text, day, code in (("", TODAY, "reply_required"), ("已修复。", TODAY - timedelta(days=1), "reply_day"),
                            ("已修复。", TODAY + timedelta(days=1), "reply_day")):
        with pytest.raises(ServiceError) as refused:
            referrals.record_reply(light.id, text, day, today=TODAY, actor=staff)
        assert refused.value.code == code
    referral = referrals.record_reply(light.id, "路灯已于3月12日修复。", TODAY + timedelta(days=2),
                                      today=TODAY + timedelta(days=3), actor=staff)
    assert (referral.status, referral.replied_on) == (ReferralStatus.DONE, TODAY + timedelta(days=2))
    assert events(light.id)[-1] == ("replied", "路灯已于3月12日修复。")
    assert actions()[-2:] == ["referral.start", "referral.reply"]
    shown = referrals.for_receipt(light.id, TODAY + timedelta(days=30))
    assert (shown.department, shown.reply) == ("市住建局", "路灯已于3月12日修复。")
    assert not shown.overdue  # done, so never overdue however late it is read
    assert shown.due_on == TODAY + timedelta(days=10)
    assert not hasattr(shown, "assigned_by")
    with pytest.raises(ServiceError) as refused:
        referrals.record_reply(light.id, "again", TODAY, today=TODAY + timedelta(days=3), actor=staff)
    assert refused.value.code == "referral_done"


def test_overdue_requests_come_first_and_are_filtered_by_state_and_department(world):
    consultation = world["light"].consultation
    admin = world["admin"]
    late = make_comment(consultation, text="菜市场摊位纠纷。")
    done = make_comment(consultation, text="垃圾桶不够。")
    soon = referrals.refer(world["light"].id, world["works"].id, TODAY + timedelta(days=3), today=TODAY, actor=admin)
    later = referrals.refer(world["noise"].id, world["city"].id, TODAY + timedelta(days=20), today=TODAY, actor=admin)
    overdue = referrals.refer(late.id, world["city"].id, TODAY + timedelta(days=5), today=TODAY, actor=admin)
    finished = referrals.refer(done.id, world["city"].id, TODAY + timedelta(days=1), today=TODAY, actor=admin)
    referrals.start(late.id, actor=admin)
    referrals.record_reply(done.id, "已增设。", TODAY + timedelta(days=4), today=TODAY + timedelta(days=4), actor=admin)
    day = TODAY + timedelta(days=6)  # past the due day of `overdue` and `soon`
    assert referrals.listed(day) == [soon, overdue, later, finished]
    assert referrals.listed(day, state="overdue") == [soon, overdue]
    assert overdue.is_overdue(day)
    assert not finished.is_overdue(day)  # done late is not overdue
    assert referrals.overdue_count(day) == 2
    assert referrals.overdue_count(TODAY) == 0
    assert referrals.listed(day, state="in_progress") == [overdue]
    assert referrals.listed(day, state="done") == [finished]
    assert referrals.listed(day, department_id=world["works"].id) == [soon]
    # The resident's receipt says 逾期 on the day the staff list does, and not before.
    assert referrals.for_receipt(late.id, day).overdue
    assert not referrals.for_receipt(late.id, TODAY + timedelta(days=5)).overdue
    assert not referrals.for_receipt(done.id, day).overdue


def test_today_is_the_contact_points_day_not_the_servers():
    # 20:00 UTC on 9 March is already 10 March in Shanghai.
    now = datetime(2026, 3, 9, 20, 0, tzinfo=UTC)
    assert referrals.local_today("Asia/Shanghai", now) == date(2026, 3, 10)
    assert referrals.local_today("UTC", now) == date(2026, 3, 9)
