"""Starting an analysis from the opinions page: the run is committed before it executes, inline or in
the background, and a run that fails is recorded as failed."""

import time

import pytest
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import AnalysisRun, Role, RunStatus, utcnow
from legislink.services import analysis as analysis_service

from ..builders import make_comment, make_consultation, make_user
from ..conftest import post_form, sign_in

TEXTS = ["第一条的租金上限应该保留。", "建议第二条写明提前通知的期限。", "第一条很好，租金不能乱涨。"]


def _world(app) -> str:
    with app.app_context():
        consultation = make_consultation()
        for text in TEXTS:
            make_comment(consultation, text=text)
        make_user(Role.STAFF, username="wang", station=None)  # the contact point's own staff run the analysis
        db.session.commit()
        return f"/staff/consultations/{consultation.id}/opinions/"


def _runs() -> list[AnalysisRun]:
    db.session.expire_all()
    return list(db.session.scalars(select(AnalysisRun)))


@pytest.fixture
def started(make_app):
    def start(**config):
        app = make_app(**config)
        page = _world(app)
        client = sign_in(app.test_client())
        response = post_form(client, page + "analyse", {"full": "0"}, form_url=page)
        return app, response, client.get(page).get_data(as_text=True)

    return start


def test_a_small_run_executes_inline_and_says_what_it_did(started):
    app, response, page = started(ANALYSIS_BACKGROUND_THRESHOLD=100)
    assert response.status_code == 302
    assert "分析了 3 条意见" in page
    with app.app_context():
        (run,) = _runs()
        assert run.status == RunStatus.DONE
        assert run.summary["analysed"] == 3


def test_a_big_run_goes_to_the_background_and_finishes_there(started):
    app, response, _ = started(ANALYSIS_BACKGROUND_THRESHOLD=1)
    assert response.status_code == 302
    deadline = time.monotonic() + 60
    with app.app_context():
        while _runs()[0].status != RunStatus.DONE:
            assert time.monotonic() < deadline, "the background run did not finish"
            time.sleep(0.1)


def test_a_run_that_fails_is_kept_and_marked_failed(started, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the analysis broke")

    monkeypatch.setattr(analysis_service, "run", broken)
    app, response, _ = started(ANALYSIS_BACKGROUND_THRESHOLD=100, PROPAGATE_EXCEPTIONS=False)
    assert response.status_code == 500
    with app.app_context():
        (run,) = _runs()
        assert run.status == RunStatus.FAILED
        assert "the analysis broke" in run.error


def test_a_running_analysis_says_its_stage_in_the_readers_language(make_app):
    app = make_app()
    page = _world(app)
    with app.app_context():
        consultation_id = int(page.split("/")[3])
        db.session.add(AnalysisRun(consultation_id=consultation_id, status=RunStatus.RUNNING, stage="group",
                                   done=2, total=5, started_at=utcnow()))
        db.session.commit()
    client = sign_in(app.test_client())
    assert "正在归并意见 2/5" in client.get(page).get_data(as_text=True)
    assert "grouping opinions 2/5" in client.get(page + "?lang=en").get_data(as_text=True)
