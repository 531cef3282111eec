"""Values a form or a link can carry, on every route of the URL map: dates out of range, huge and
negative integers, junk strings and the ids of other objects (another draft's version, another
station's comment), in every query parameter, form field and path segment. The answer may be a page,
a message, a redirect, a refusal or a 404; never a server error.

Property-based and derandomized: the same examples run every time, against the same database
(tests/two_stations.py), so a failure reproduces. A handful of examples per identity keeps it fast;
each example walks the whole URL map."""

from datetime import date
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ..builders import PASSWORD
from ..two_stations import build
from .test_hostile_urls import FORM_KEYS, QUERY_KEYS

DATE_KEYS = ("since", "until", "from", "to", "collected_on", "opens_on", "closes_on")
EDGE_DATES = ("9999-12-31", "0001-01-01", "10000-01-01", "2024-02-30", "0000-00-00", "-2024-01-01")
EDGE_INTS = (2**63, 2**63 - 1, 2**64, 2**31, -(2**63) - 1, -1, 0, 10**30)
# A signed-in visitor must stay signed in for the rest of the walk.
SKIPPED = {"auth.logout", "static"}

ROUTE_VALUES = settings(max_examples=4, derandomize=True, deadline=None, database=None,
                        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

dates = st.one_of(st.sampled_from(EDGE_DATES),
                  st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat))
integers = st.one_of(st.sampled_from(EDGE_INTS), st.integers(min_value=-(2**70), max_value=2**70)).map(str)
junk = st.text(max_size=20)


@pytest.fixture
def lenient(make_app):
    """Server errors come back as 500 pages, as in production; CSRF off so every value reaches a view
    (CSRF has its own tests)."""
    return make_app(PROPAGATE_EXCEPTIONS=False, WTF_CSRF_ENABLED=False)


@pytest.fixture
def walk(lenient):
    with lenient.app_context():
        contact = build()
    own = contact.url_values("CC01")
    # The objects of others: station B's comment and group, another draft's version, a spare user.
    others = [contact.other_draft_version_id, contact.later_version_id, *contact.sides["CC02"].comments,
              *contact.sides["CC02"].groups, contact.users["reviewer"]]
    clients = {}
    for identity in ("staff_a", "reviewer", "admin"):
        client = lenient.test_client()
        assert client.post("/login", data={"username": identity, "password": PASSWORD}).status_code == 302
        clients[identity] = client
    return lenient, own, others, clients


def _value(key: str, others: list[int]):
    if key in DATE_KEYS:
        return st.one_of(dates, integers, junk)
    return st.one_of(integers, st.sampled_from(others).map(str), dates, junk)


def _values(own: dict, others: list[int]):
    """One example: a value for some of the query parameters and form fields, and for every path
    segment, used on every route (drawn once: the URL map is walked with the same values)."""
    keys = sorted(set(QUERY_KEYS) | set(FORM_KEYS))
    fields = st.fixed_dictionaries({}, optional={k: _value(k, others) for k in keys})
    ints = st.one_of(st.sampled_from(sorted(set(own.values()) - {own["code"], own["station_code"]})),
                     st.sampled_from(others), st.sampled_from(EDGE_INTS).filter(lambda n: n >= 0))
    path = st.fixed_dictionaries({
        "consultation_id": ints, "draft_id": ints, "version_id": ints, "comment_id": ints, "group_id": ints,
        "user_id": ints, "code": st.sampled_from([own["code"], "CC02"]) | junk.filter(bool),
        "station_code": st.sampled_from([own["station_code"], "CC02"]) | junk.filter(bool),
        "filename": st.just("css/site.css"),
    })
    return st.tuples(fields, path)


def _requests(app, fields: dict, path_values: dict):
    """One request per route and method, with the example's values."""
    query = {k: v for k, v in fields.items() if k in QUERY_KEYS}
    form = {k: v for k, v in fields.items() if k in FORM_KEYS}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if rule.endpoint in SKIPPED:
            continue
        values = {a: quote(v, safe="") if isinstance(v, str) else v
                  for a, v in path_values.items() if a in rule.arguments}
        path = rule.build(values, append_unknown=False)[1]
        if "GET" in rule.methods:
            yield f"GET {rule.endpoint}", "GET", path, {"query_string": query}
        if "POST" in rule.methods:
            yield f"POST {rule.endpoint}", "POST", path, {"data": form}


@pytest.mark.parametrize("identity", ["staff_a", "reviewer", "admin"])
def test_no_value_a_form_or_a_link_can_carry_causes_a_server_error(walk, identity):
    app, own, others, clients = walk
    client = clients[identity]

    edges = ({**dict.fromkeys(DATE_KEYS, "9999-12-31"), "since": "0001-01-01", "from": "0001-01-01",
              **dict.fromkeys(("page", "after", "object_id", "ids", "groups", "comments", "comment_id", "group"),
                              str(2**63))},
             {**{k: v for k, v in own.items() if k not in ("station_id",)}, "filename": "css/site.css"})

    @ROUTE_VALUES
    @example(edges)
    @given(example=_values(own, others))
    def walk_the_url_map(example):
        failed = {}
        for what, method, path, kwargs in _requests(app, *example):
            status = client.open(path, method=method, **kwargs).status_code
            if status >= 500:
                failed[what] = (path, kwargs, status)
        assert failed == {}

    walk_the_url_map()
