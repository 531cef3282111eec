"""Every permission predicate, for every role, as one matrix."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from legislink import permissions as p
from legislink.models import Channel, Consultation, Role, utcnow

ANON = SimpleNamespace(is_authenticated=False, is_active=False)


def user(role: Role, station_id: int | None = 1, active=True):
    return SimpleNamespace(is_authenticated=True, is_active=active, role=role, station_id=station_id)


ADMIN, STAFF, REVIEWER = user(Role.ADMIN, None), user(Role.STAFF, 1), user(Role.REVIEWER, None)
HQ_STAFF = user(Role.STAFF, None)  # the contact point's own staff

# action: (anonymous, admin, staff, reviewer)
MATRIX = {
    p.can_enter_workspace: (False, True, True, True),
    p.can_manage_accounts: (False, True, False, False),
    p.can_view_audit_log: (False, True, False, False),
    p.can_manage_drafts: (False, True, True, False),
    p.can_add_version: (False, True, True, True),
    p.can_record_comments: (False, True, True, False),
    p.can_moderate: (False, True, True, False),
    p.can_review_opinions: (False, True, True, False),
    p.can_handle_requests: (False, True, True, False),
    p.can_export_report: (False, True, True, True),
    p.can_record_report_sent: (False, True, True, False),
    p.can_mark_adoption: (False, True, False, True),
    p.can_run_analysis: (False, True, False, False),
}


@pytest.mark.parametrize(("predicate", "expected"), list(MATRIX.items()), ids=lambda x: getattr(x, "__name__", ""))
def test_role_by_action_matrix(predicate, expected):
    assert tuple(predicate(u) for u in (ANON, ADMIN, STAFF, REVIEWER)) == expected


def test_every_predicate_is_in_the_matrix():
    named = {getattr(p, n) for n in dir(p) if n.startswith("can_")}
    assert named - set(MATRIX) == {p.can_view_personal_data, p.can_comment}


@pytest.mark.parametrize("predicate", list(MATRIX))
def test_a_disabled_account_can_do_nothing(predicate):
    for role in Role:
        assert predicate(user(role, active=False)) is False


@pytest.mark.parametrize(
    ("who", "station_id", "expected"),
    [(ANON, 1, False), (ADMIN, 1, True), (ADMIN, None, True), (STAFF, 1, True), (STAFF, 2, False),
     (STAFF, None, False), (REVIEWER, 1, False)],
)
def test_personal_data_is_visible_to_admins_and_the_commenters_own_station(who, station_id, expected):
    assert p.can_view_personal_data(who, station_id) is expected


@pytest.mark.parametrize(
    ("opens", "closes", "expected"),
    [(-2, 5, True), (1, 5, False), (-10, -1, False), (-1, 0, False)],
)
def test_anyone_may_comment_only_while_the_window_is_open(opens, closes, expected):
    now = utcnow()
    consultation = Consultation(opens_at=now + timedelta(days=opens), closes_at=now + timedelta(days=closes))
    for who in (ANON, ADMIN, STAFF, REVIEWER):
        assert p.can_comment(who, consultation, now) is expected


def test_the_contact_points_own_staff_run_the_analysis_as_admins_do():
    assert p.can_run_analysis(HQ_STAFF) is True


# Whose comments each account may change: (station 1 offline, station 2 offline, online without a
# station, offline without a station).
TARGETS = ((1, Channel.SYMPOSIUM), (2, Channel.LETTER), (None, Channel.ONLINE), (None, Channel.PHONE))


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANON, (False, False, False, False)), (ADMIN, (True, True, True, True)), (HQ_STAFF, (True, True, True, True)),
     (STAFF, (True, False, True, False)), (REVIEWER, (False, False, False, False)),
     (user(Role.STAFF, 1, active=False), (False, False, False, False)), (None, (True, True, True, True))],
    ids=["anonymous", "admin", "contact-point staff", "station staff", "reviewer", "disabled", "command line"],
)
def test_station_staff_act_on_their_stations_comments_and_online_ones(who, expected):
    scope = p.comment_scope(who)
    assert tuple(scope.allows(station, channel) for station, channel in TARGETS) == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ADMIN, (True, True, True)), (HQ_STAFF, (True, True, True)), (STAFF, (True, False, False)),
     (REVIEWER, (False, False, False)), (ANON, (False, False, False))],
)
def test_offline_comments_are_recorded_only_for_ones_own_station(who, expected):
    scope = p.comment_scope(who)
    assert tuple(scope.may_record_for(station) for station in (1, 2, None)) == expected
