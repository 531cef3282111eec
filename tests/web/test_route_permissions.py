"""Every route of the URL map is either public by design or guarded by a named permission,
and each guarded route refuses every role its predicate refuses. A new route without a
permission check fails here."""

import pytest
from sqlalchemy import select

from legislink import permissions
from legislink.extensions import db
from legislink.models import Role, User

from ..builders import PASSWORD, make_comment, make_consultation, make_station, make_user
from ..conftest import post_form

# Open to anyone, on purpose: the resident's pages, open data, sign-in, health.
PUBLIC = {
    "static", "public.index", "public.draft", "public.comment", "public.receipt_lookup", "public.receipt",
    "public.results", "public.certificate", "handouts.poster", "handouts.text_txt", "handouts.text_docx",
    "api.consultation_list", "api.draft_detail", "api.draft_stats", "health.healthz",
    "auth.login", "auth.logout",
}
# Any signed-in account, checked by flask-login rather than a role predicate.
SIGNED_IN = {"auth.change_password"}


@pytest.fixture
def world(ctx):
    station = make_station(code="CC01")
    consultation = make_consultation()
    comment = make_comment(consultation, station=station)
    users = {role: make_user(role, username=role.value, station=station if role == Role.STAFF else None)
             for role in Role}
    db.session.commit()
    return {"consultation_id": consultation.id, "draft_id": consultation.version.draft_id,
            "version_id": consultation.version_id, "code": comment.receipt_code, "comment_id": comment.id,
            "user_id": users[Role.ADMIN].id, "group_id": 1, "station_id": station.id, "station_code": "CC01"}


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


def _url(rule, world) -> str:
    missing = [arg for arg in rule.arguments if arg not in world]
    assert not missing, f"add a value for {missing} to the world fixture"
    return rule.build({arg: world[arg] for arg in rule.arguments}, append_unknown=False)[1]


def _sign_in(client, username):
    assert post_form(client, "/login", {"username": username, "password": PASSWORD}).status_code == 302


def test_anonymous_visitors_are_sent_to_sign_in_everywhere_guarded(app, client, world):
    for rule, _view in _guarded_rules(app):
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(_url(rule, world), method=method)
        if method == "POST":
            # Without a session there is no CSRF token either: refused before the view runs.
            assert response.status_code in (302, 400), rule.endpoint
        elif rule.rule.startswith("/api/"):
            assert response.status_code == 401, rule.endpoint
            assert response.get_json()["status"] == 401, rule.endpoint
        else:
            assert response.status_code == 302, rule.endpoint
            assert response.headers["Location"].startswith("/login"), rule.endpoint


@pytest.mark.parametrize("role", list(Role))
def test_each_role_is_refused_what_its_predicate_refuses(app, world, role):
    client = app.test_client()
    _sign_in(client, role.value)
    user = db.session.scalar(select(User).where(User.username == role.value))
    for rule, view in _guarded_rules(app):
        allowed = view.permission(user)
        method = "GET" if "GET" in rule.methods else None
        if method is None:
            continue  # POST-only routes: their CSRF-protected forms are tested with their feature
        response = client.get(_url(rule, world))
        if allowed:
            assert response.status_code != 403, (role, rule.endpoint)
        else:
            assert response.status_code == 403, (role, rule.endpoint)


def test_the_predicates_used_by_routes_are_the_named_ones(app):
    named = {getattr(permissions, n) for n in dir(permissions) if n.startswith("can_")}
    used = {view.permission for _, view in _guarded_rules(app)}
    assert used <= named
