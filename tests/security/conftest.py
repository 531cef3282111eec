"""A small world for the security tests: one open consultation, a station, staff and an admin."""

from dataclasses import dataclass

import pytest

from legislink.extensions import db
from legislink.models import Role

from ..builders import make_consultation, make_draft, make_station, make_user
from ..conftest import sign_in


@dataclass(frozen=True)
class World:
    consultation_id: int
    draft_id: int
    station_id: int

    @property
    def comment_url(self) -> str:
        return f"/drafts/{self.draft_id}/comment"


@pytest.fixture
def world(ctx) -> World:
    station = make_station(code="CC01", name="稠城街道联络站")
    consultation = make_consultation(make_draft(title="示例市场服务条例（草案）"))
    make_user(Role.STAFF, username="wang", display_name="王晓明", station=station)
    make_user(Role.ADMIN, username="root", display_name="管理员")
    db.session.commit()
    return World(consultation.id, consultation.version.draft_id, station.id)


@pytest.fixture
def staff(app, world):
    return sign_in(app.test_client(), "wang")


@pytest.fixture
def admin(app, world):
    return sign_in(app.test_client(), "root")
