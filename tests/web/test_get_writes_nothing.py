"""A GET or HEAD writes nothing: every route of the URL map, opened by every role and by an anonymous
visitor on a seeded database, sends no INSERT, UPDATE or DELETE (not even an audit row). No route is
excused from this."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event

from legislink.extensions import db
from legislink.models import Adoption, AnalysisRun, CommentStatus, OpinionGroup, Role, RunStatus, utcnow
from legislink.services import adoption
from legislink.services.drafts import add_version, import_text, parse_or_refuse

from ..builders import article, make_comment, make_consultation, make_station, make_user
from .test_closing_the_loop import CONSULTED, FINAL
from .test_route_permissions import _sign_in, _url

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE")


@pytest.fixture
def seeded(ctx):
    """One of everything a page can show: a consulted version and its final text, comments in each
    state, reported opinions with stored proposals, one marked adopted, and an analysis run whose
    process died long ago (a page that tidies it up would write)."""
    station = make_station(code="CC01", name="稠城街道联络站")
    version = import_text(CONSULTED, title="示例市场服务条例（草案）")
    consultation = make_consultation(version, days_ago=20, days_open=10)
    final = add_version(version.draft, parse_or_refuse(FINAL), label="最终文本")
    now = utcnow()
    group = OpinionGroup(consultation=consultation, key="g", provision_id=article(version, 2).id,
                         summary="营业时间调整应当提前三十日公告。", reported_at=now - timedelta(days=2))
    other = OpinionGroup(consultation=consultation, key="h", provision_id=article(version, 3).id,
                         reported_at=now - timedelta(days=2))
    db.session.add_all([group, other])
    db.session.flush()
    comment = make_comment(consultation, provision=article(version, 2), group_id=group.id, station=station,
                           name="王大锤", phone="+8613800138000", consent=True, suggestion="应当提前三十日公告。",
                           status=CommentStatus.ACCEPTED)
    make_comment(consultation, provision=article(version, 3), group_id=other.id, station=station,
                 status=CommentStatus.ACCEPTED)
    make_comment(consultation, station=station)  # pending moderation
    group.representative_id = comment.id
    users = {role: make_user(role, username=role.value, station=station if role == Role.STAFF else None)
             for role in Role}
    adoption.suggest(consultation, final.id, actor=users[Role.REVIEWER])
    adoption.mark(consultation, group.id, Adoption.ADOPTED, note="公告期延长了。", final_text="应当提前三十日公告。",
                  final_version_id=final.id, now=now, actor=users[Role.REVIEWER])
    db.session.add(AnalysisRun(consultation_id=consultation.id, status=RunStatus.RUNNING,
                               created_at=now - timedelta(days=1), started_at=now - timedelta(days=1)))
    db.session.commit()
    return {"consultation_id": consultation.id, "draft_id": version.draft_id, "version_id": final.id,
            "code": comment.receipt_code, "comment_id": comment.id, "user_id": users[Role.ADMIN].id,
            "group_id": group.id, "station_id": station.id, "station_code": "CC01", "filename": "css/site.css"}


@contextmanager
def counting_writes():
    written: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(WRITES):
            written.append(statement.split("\n")[0][:120])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield written
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: getattr(r, "value", "anonymous"))
def test_no_get_or_head_writes_to_the_database(app, seeded, role):
    client = app.test_client()
    if role is not None:
        _sign_in(client, role.value)
    opened, writes = 0, {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        url = _url(rule, seeded)
        for method in ("GET", "HEAD"):
            with counting_writes() as written:
                response = client.open(url, method=method)
            # The world holds a real object for every parameter: each page is drawn, or refused
            # (sent to sign in, 401 for the JSON API, 403 for a role without the permission).
            assert response.status_code in (200, 302, 401, 403), (method, url, response.status_code)
            opened += 1
            if written:
                writes[f"{method} {rule.endpoint}"] = written
    assert writes == {}
    assert opened >= 2 * 30  # the whole URL map was walked, not an empty world
