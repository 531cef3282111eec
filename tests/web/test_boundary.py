"""The request boundary: a request's changes are committed once its view returns, rolled back when it
raises or a service refuses, and work that needs the commit runs only after it."""

import pytest
from flask import abort, g
from sqlalchemy import func, select

from legislink.extensions import db
from legislink.models import Station
from legislink.services import ServiceError
from legislink.web.boundary import after_commit, refusal

from ..builders import make_station


def _stations() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Station.id)))


def _committed_stations() -> int:
    """Counted on a connection of its own, which sees only what was committed."""
    with db.engine.connect() as connection:
        return connection.scalar(select(func.count(Station.id)))


@pytest.fixture
def boundary_app(make_app):
    """An app with routes that flush a station and then end in each of the ways a view can end."""
    app = make_app(PROPAGATE_EXCEPTIONS=False, WTF_CSRF_ENABLED=False)

    @app.post("/_test/returns")
    def returns():
        make_station()
        return "ok"

    @app.post("/_test/raises")
    def raises():
        make_station()
        raise RuntimeError("a bug after the flush")

    @app.post("/_test/aborts")
    def aborts():
        make_station()
        abort(404)

    @app.post("/_test/refused")
    def refused():
        with refusal() as found:
            make_station()
            after_commit(lambda: g.setdefault("ran", []).append("launched"))
            raise ServiceError("unknown_station", code="X9")
        return found.message, 409

    @app.post("/_test/after-commit")
    def with_work():
        make_station()
        after_commit(lambda: g.setdefault("seen", []).append(_committed_stations()))
        return "ok"

    @app.after_request
    def _report(response):
        response.headers["X-Seen"] = ",".join(str(n) for n in g.get("seen", []))
        response.headers["X-Ran"] = ",".join(g.get("ran", []))
        return response

    return app


def _post(app, path):
    return app.test_client().post(path)


def test_what_a_view_flushed_is_committed_once_it_returns(boundary_app):
    assert _post(boundary_app, "/_test/returns").status_code == 200
    with boundary_app.app_context():
        assert _stations() == 1


@pytest.mark.parametrize(("path", "status"), [("/_test/raises", 500), ("/_test/aborts", 404)])
def test_a_view_that_raises_leaves_nothing_behind(boundary_app, path, status):
    assert _post(boundary_app, path).status_code == status
    with boundary_app.app_context():
        assert _stations() == 0


def test_a_refusal_rolls_back_and_gives_its_sentence_and_cancels_waiting_work(boundary_app):
    response = _post(boundary_app, "/_test/refused")
    assert response.status_code == 409
    assert "X9" in response.get_data(as_text=True)
    assert response.headers["X-Ran"] == ""
    with boundary_app.app_context():
        assert _stations() == 0


def test_work_after_commit_sees_the_committed_rows(boundary_app):
    response = _post(boundary_app, "/_test/after-commit")
    assert response.headers["X-Seen"] == "1"
