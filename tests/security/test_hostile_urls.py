"""Hostile query strings, path segments and form values on every route, for every kind of
visitor: the answer may be a page, a redirect, a refusal or a 404, never a server error."""

from urllib.parse import quote, urlencode

import pytest

from legislink.extensions import db
from legislink.models import Consultation, OpinionGroup, Role, utcnow

from ..builders import make_comment, make_user
from ..conftest import csrf_token
from .conftest import sign_in

HOSTILE = {
    "nul": "CC01\x00' OR '1'='1",
    "controls": "\x1b[31m\x7f\x85\r\n\t",
    "markup": '"><script>alert(1)</script>',
    "long": "很" * 100 + "a" * 200,  # past every length limit of a filter, a label or a title
    "unicode": "\u202e第一条\U0010ffff𠀀",
    "traversal": "../../instance/config.py",
}
QUERY_KEYS = ("lang", "next", "code", "article", "part", "page", "from", "to", "station", "show", "q", "status",
              "channel", "identity", "offtopic_reason", "duplicate", "text", "since", "until", "username", "action",
              "object_id", "full", "after", "with_contact", "label", "group", "adoption")
FORM_KEYS = QUERY_KEYS + ("summary", "note", "final_text", "outcome", "in_report", "comment_id", "ids", "groups",
                          "comments", "preview", "name", "phone", "reason", "suggestion", "collector",
                          "collected_on", "version_label", "title", "issuing_body", "kind", "opens_on", "closes_on",
                          "stations", "contact_name", "contact_phone", "after_close_contact", "premoderation",
                          "display_name", "role", "password", "current", "new", "confirm", "address", "target")


@pytest.fixture
def lenient(make_app):
    """Server errors come back as 500 pages, as in production, so that one run lists them all."""
    return make_app(PROPAGATE_EXCEPTIONS=False)


@pytest.fixture
def visitors(lenient, world):
    app = lenient
    consultation_id = world.consultation_id
    group = OpinionGroup(consultation_id=consultation_id, key="g", reported_at=utcnow())
    db.session.add(group)
    db.session.flush()
    comment = make_comment(db.session.get(Consultation, consultation_id), group_id=group.id, name="某人",
                           phone="+8613800138000")
    spare = make_user(Role.REVIEWER, username="spare")  # the account admin routes act on, not a visitor's
    db.session.commit()
    ids = {"consultation_id": consultation_id, "draft_id": world.draft_id, "version_id": 1, "group_id": group.id,
           "comment_id": comment.id, "user_id": spare.id}
    return ids, {"anonymous": app.test_client(), "staff": sign_in(app.test_client(), "wang"),
                 "admin": sign_in(app.test_client(), "root")}


def urls(app, ids, methods: str, value: str):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if methods not in rule.methods:
            continue
        values = {a: ids[a] if a in ids else value for a in rule.arguments}
        yield rule.endpoint, rule.build(values, append_unknown=False)[1]


def failures(responses) -> dict[str, int]:
    return {what: status for what, status in responses.items() if status >= 500}


def test_hostile_query_strings_and_path_segments_never_cause_a_server_error(lenient, visitors):
    app, (ids, clients) = lenient, visitors
    responses = {}
    for kind, value in HOSTILE.items():
        query = urlencode({key: value for key in QUERY_KEYS})
        for who, client in clients.items():
            for endpoint, path in urls(app, ids, "GET", quote(value, safe="")):
                responses[f"{kind}: {who} GET {endpoint}"] = client.get(f"{path}?{query}").status_code
    assert failures(responses) == {}


def test_hostile_form_values_on_every_post_route_never_cause_a_server_error(lenient, visitors):
    app, (ids, clients) = lenient, visitors
    responses = {}
    for kind, value in HOSTILE.items():
        for who in ("staff", "admin"):
            client = clients[who]
            token = csrf_token(client.get("/staff/").get_data(as_text=True))
            for endpoint, path in urls(app, ids, "POST", quote(value, safe="")):
                if endpoint == "auth.logout":
                    continue
                data = {key: value for key in FORM_KEYS} | {"csrf_token": token}
                responses[f"{kind}: {who} POST {endpoint}"] = client.post(path, data=data).status_code
    assert failures(responses) == {}
