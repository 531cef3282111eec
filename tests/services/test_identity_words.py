"""Issue 17 point 9: 身份 as people say it is imported, kept, counted under a category, and names the
commenters in the report's 意见来源."""

import pytest
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import Comment, Identity, OpinionGroup, Role, utcnow
from legislink.services import imports, reports

from ..builders import article, make_consultation, make_station, make_user
from ..reports.helpers import import_file, import_row
from .test_reports_service import SETTINGS

LIMITS = {"max_rows": 1000, "max_bytes": 10 * 1024 * 1024}


@pytest.fixture
def consultation(ctx):
    make_station(code="CC01", name="稠城街道联络站")
    consultation = make_consultation()
    db.session.commit()
    return consultation


def test_a_symposium_sheet_with_parents_and_migrant_workers_is_imported(consultation):
    rows = [import_row(条款="第二条", 意见内容=f"家长意见{n}", 身份="家长") for n in range(3)]
    rows += [import_row(条款="第二条", 意见内容="务工人员的意见", 身份="外来务工人员"),
             import_row(条款="第二条", 意见内容="老教师的意见", 身份="退休教师"),
             import_row(条款="第二条", 意见内容="律师的意见", 身份="律师")]
    staff = make_user(Role.STAFF)
    assert imports.import_comments(consultation, import_file(rows), now=utcnow(), actor=staff, **LIMITS).count == 6
    stored = {c.text: c for c in db.session.scalars(select(Comment))}
    assert (stored["家长意见0"].identity, stored["家长意见0"].identity_words) == (Identity.RESIDENT, "家长")
    assert stored["务工人员的意见"].identity == Identity.RESIDENT
    assert (stored["老教师的意见"].identity, stored["老教师的意见"].identity_words) == (Identity.TEACHER, "退休教师")
    assert stored["律师的意见"].identity == Identity.LAWYER

    group = OpinionGroup(consultation=consultation, key="g", provision_id=article(consultation.version, 2).id)
    db.session.add(group)
    db.session.flush()
    for comment in stored.values():
        comment.group_id = group.id
    db.session.commit()
    (entry,) = reports.build(consultation, settings=SETTINGS).entries
    assert entry.identity_counts == {"家长": 3, "外来务工人员": 1, "退休教师": 1, "律师": 1}
    details = {row.text: row.identity for row in reports.detail_rows(consultation, None, with_contact=False)}
    assert details["家长意见0"] == "家长（居民）"
    assert details["律师的意见"] == "律师"
    # Counting stays by category.
    assert reports.build(consultation, settings=SETTINGS).stats.by_identity == {"居民": 4, "教师": 1, "律师": 1}
