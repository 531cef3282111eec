"""Every route of the URL map is either public by design or guarded by a named permission, and each
guarded route refuses every identity its predicate refuses, for the objects of either station.

The identities are those of a contact point: anonymous, the staff of station A, the staff of station
B, the contact point's own staff (no station), a reviewer and an admin. Reading is decided by the
role predicates; acting on comments (moderation, opinion groups, offline entry, import) also by the
station boundary of permissions.comment_scope. A new route without a permission check fails here."""

from datetime import date, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from legislink import permissions
from legislink.extensions import db
from legislink.models import AnalysisRun, Comment, CommentStatus, OpinionGroup, User
from legislink.services import moderation, referrals

from ..builders import PASSWORD
from ..conftest import post_form
from ..reports.helpers import import_file, import_row
from ..two_stations import IDENTITIES, SIDES, build, may_act

# Open to anyone, on purpose: the resident's pages, open data, sign-in, health.
PUBLIC = {
    "static", "public.index", "public.draft", "public.comment", "public.receipt_lookup", "public.receipt",
    "public.results", "public.certificate", "public.consultation", "handouts.poster", "handouts.text_txt",
    "handouts.text_docx",
    "api.consultation_list", "api.draft_detail", "api.draft_stats", "health.healthz",
    "auth.login", "auth.logout", "resident_requests.new",
}
# Any signed-in account, checked by flask-login rather than a role predicate.
SIGNED_IN = {"auth.change_password"}
SIGNED_IN_IDENTITIES = IDENTITIES[1:]
# Reads narrowed beyond the route's predicate, by the station the URL names: contact details.
NARROWER_READS = {
    "reports.station_contacts": lambda user, values: permissions.can_view_personal_data(user, values["station_id"]),
}


@pytest.fixture
def contact(ctx):
    return build()


def _guarded_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC or rule.endpoint in SIGNED_IN:
            continue
        yield rule, app.view_functions[rule.endpoint]


def test_every_route_is_public_by_design_or_guarded(app):
    unguarded = sorted(rule.endpoint for rule, view in _guarded_rules(app)
                       if not callable(getattr(view, "permission", None)))
    assert unguarded == []
    assert {r.endpoint for r in app.url_map.iter_rules()} >= PUBLIC | SIGNED_IN


def _url(rule, values) -> str:
    missing = [arg for arg in rule.arguments if arg not in values]
    assert not missing, f"add a value for {missing} to tests/two_stations.py"
    return rule.build({arg: values[arg] for arg in rule.arguments}, append_unknown=False)[1]


def _sign_in(client, username):
    assert post_form(client, "/login", {"username": username, "password": PASSWORD}).status_code == 302


def _client(app, identity):
    client = app.test_client()
    if identity == "anonymous":
        return client
    if app.config["WTF_CSRF_ENABLED"]:
        _sign_in(client, identity)
    else:
        assert client.post("/login", data={"username": identity, "password": PASSWORD}).status_code == 302
    return client


@pytest.mark.parametrize("side", SIDES)
def test_anonymous_visitors_are_sent_to_sign_in_everywhere_guarded(app, contact, side):
    client = app.test_client()
    for rule, _view in _guarded_rules(app):
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(_url(rule, contact.url_values(side)), method=method)
        if method == "POST":
            # Without a session there is no CSRF token either: refused before the view runs.
            assert response.status_code in (302, 400), rule.endpoint
        elif rule.rule.startswith("/api/"):
            assert response.status_code == 401, rule.endpoint
            assert response.get_json()["status"] == 401, rule.endpoint
        else:
            assert response.status_code == 302, rule.endpoint
            assert response.headers["Location"].startswith("/login"), rule.endpoint


@pytest.mark.parametrize("identity", SIGNED_IN_IDENTITIES)
def test_each_identity_reads_what_its_role_allows_whichever_station_the_objects_are_of(app, contact, identity):
    client = _client(app, identity)
    user = db.session.get(User, contact.users[identity])
    for side in SIDES:
        for rule, view in _guarded_rules(app):
            if "GET" not in rule.methods:
                continue  # POST-only routes: see the acting tests below
            values = contact.url_values(side)
            response = client.get(_url(rule, values))
            if response.status_code == 404:
                # A station code that does not exist: online comments have none.
                assert (rule.endpoint, side) == ("reports.station_contacts", "online")
                continue
            narrower = NARROWER_READS.get(rule.endpoint, lambda *_: True)
            allowed = view.permission(user) and narrower(user, values)
            assert response.status_code < 500, (identity, side, rule.endpoint)
            assert (response.status_code == 403) is (not allowed), (identity, side, rule.endpoint)


def test_the_predicates_used_by_routes_are_the_named_ones(app):
    named = {getattr(permissions, n) for n in dir(permissions) if n.startswith("can_")}
    used = {view.permission for _, view in _guarded_rules(app)}
    assert used <= named


# -- acting on comments: every identity x the objects of each side -----------------------------------
# CSRF is tested on its own (tests/security/test_csrf.py); here it would only hide the guard.


@pytest.fixture
def acting_app(make_app):
    return make_app(WTF_CSRF_ENABLED=False)


@pytest.fixture
def acting(acting_app):
    with acting_app.app_context():
        yield acting_app, build()


def _status(comment_id):
    return db.session.get(Comment, comment_id).status


def _group_of(comment_id):
    return db.session.get(Comment, comment_id).group_id


def _base(contact) -> str:
    return f"/staff/consultations/{contact.consultation_id}"


def _spam_one(contact, side):
    return (f"{_base(contact)}/comments/bulk",
            {"action": "spam", "reason": "广告", "scope": "selected", "ids": [side.comments[0]]},
            lambda: _status(side.comments[0]) == CommentStatus.SPAM)


def _review_one(contact, side):
    return (f"{_base(contact)}/review", {"action": "spam", "comment_id": side.comments[0]},
            lambda: _status(side.comments[0]) == CommentStatus.SPAM)


def _undo_one(contact, side):
    admin = db.session.get(User, contact.users["admin"])
    consultation = db.session.get(Comment, side.comments[0]).consultation
    event = moderation.apply(consultation, "spam", "广告", admin, ids=[side.comments[0]],
                             zone=ZoneInfo("Asia/Shanghai")).event_id
    db.session.commit()
    return (f"{_base(contact)}/review/undo", {"event": event},
            lambda: _status(side.comments[0]) == CommentStatus.ACCEPTED)


def _summary(contact, side):
    return (f"{_base(contact)}/opinions/groups/{side.groups[0]}", {"summary": "新的概述", "in_report": "1"},
            lambda: db.session.get(OpinionGroup, side.groups[0]).summary == "新的概述")


def _merge(contact, side):
    return (f"{_base(contact)}/opinions/merge", {"groups": side.groups},
            lambda: _group_of(side.comments[0]) == _group_of(side.comments[2]))


def _split(contact, side):
    return (f"{_base(contact)}/opinions/split", {"comments": [side.comments[1]]},
            lambda: _group_of(side.comments[1]) not in side.groups)


def _move(contact, side):
    return (f"{_base(contact)}/opinions/comments/{side.comments[2]}/move", {"group": side.groups[0]},
            lambda: _group_of(side.comments[2]) == side.groups[0])


def _reattribute(contact, side):
    return (f"{_base(contact)}/opinions/comments/{side.comments[0]}/article", {"label": "第三条"},
            lambda: db.session.get(Comment, side.comments[0]).provision.label == "第三条")


def _refer(contact, side):
    department = referrals.departments(active_only=True) or [referrals.create_department("市住建局")]
    db.session.commit()
    due = (date.today() + timedelta(days=30)).isoformat()
    comment_id = side.comments[0]
    return (f"/staff/requests/comments/{comment_id}/refer", {"department": department[0].id, "due_on": due},
            lambda: referrals.of_comment(comment_id) is not None)


ON_COMMENTS = {"refer": _refer, "bulk": _spam_one, "review": _review_one, "undo": _undo_one, "summary": _summary,
               "merge": _merge, "split": _split, "move": _move, "reattribute": _reattribute}


@pytest.mark.parametrize("identity", IDENTITIES)
@pytest.mark.parametrize("action", list(ON_COMMENTS))
def test_staff_act_only_on_their_stations_comments_and_on_online_ones(acting, identity, action):
    app, contact = acting
    client = _client(app, identity)
    for side in SIDES:
        url, data, changed = ON_COMMENTS[action](contact, contact.sides[side])
        response = client.post(url, data=data)
        assert response.status_code in (302, 403) if identity != "anonymous" else response.status_code == 302
        db.session.expire_all()
        assert changed() is may_act(identity, side), (identity, action, side)


@pytest.mark.parametrize("identity", IDENTITIES)
def test_an_action_on_a_whole_filter_is_narrowed_to_what_the_account_may_act_on(acting, identity):
    app, contact = acting
    client = _client(app, identity)
    client.post(f"{_base(contact)}/comments/bulk", data={"action": "spam", "reason": "广告", "scope": "filter"})
    db.session.expire_all()
    for side in SIDES:
        spam = [_status(cid) == CommentStatus.SPAM for cid in contact.sides[side].comments]
        assert spam == [may_act(identity, side)] * 3, (identity, side)


def _count(**where) -> int:
    return db.session.scalar(select(func.count(Comment.id)).filter_by(**where))


@pytest.mark.parametrize("identity", IDENTITIES)
def test_offline_comments_are_recorded_for_ones_own_station_only(acting, identity):
    app, contact = acting
    client = _client(app, identity)
    for code in ("CC01", "CC02"):
        text = f"座谈会上的意见，记在{code}名下。"
        client.post(f"{_base(contact)}/offline", data={
            "channel": "symposium", "collected_on": "2024-05-01", "collector": "李", "station": code,
            "text": text, "identity": "resident"})
        assert (_count(text=text) == 1) is may_act(identity, code), (identity, code)


@pytest.mark.parametrize("identity", IDENTITIES)
def test_imported_rows_are_for_ones_own_station_only(acting, identity):
    app, contact = acting
    client = _client(app, identity)
    for code in ("CC01", "CC02"):
        text = f"导入的意见，记在{code}名下。"
        data = import_file([import_row(意见内容=text, 联络站=code, 收集方式="座谈会")])
        client.post(f"{_base(contact)}/import/", data={"file": (BytesIO(data), "a.xlsx")},
                    content_type="multipart/form-data")
        assert (_count(text=text) == 1) is may_act(identity, code), (identity, code)


@pytest.mark.parametrize("identity", IDENTITIES)
def test_only_those_who_act_for_every_station_run_the_analysis(acting, identity):
    app, contact = acting
    client = _client(app, identity)
    client.post(f"{_base(contact)}/opinions/analyse", data={})
    runs = db.session.scalar(select(func.count(AnalysisRun.id)))
    assert (runs == 1) is (identity in ("staff_hq", "admin"))
