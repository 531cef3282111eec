"""The request boundary: each request is one unit of work, committed once its view has returned and
rolled back when it raised, and a service's refusal becomes the sentence the user reads.

Views translate only. They call services inside `refusal()` and show `refused.message` where it
belongs (on a form field, in a flash); work that must wait for the commit (a job that reads the row
just written) goes to `after_commit`.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import flask
from flask import g

from .. import worker
from ..extensions import db
from ..models import AnalysisRun
from ..reports import ReportsError
from ..services import ServiceError
from ..unit_of_work import unit_of_work
from . import messages

REFUSALS = (ServiceError, ReportsError)


class Application(flask.Flask):
    """Flask, with every view inside one unit of work."""

    def dispatch_request(self):
        with unit_of_work():
            response = super().dispatch_request()
        for work in g.pop("after_commit", ()):
            work()
        return response


def after_commit(work: Callable[[], object]) -> None:
    """Run `work` once this request's unit of work is committed (never when it is rolled back)."""
    g.setdefault("after_commit", []).append(work)


def execute_after_commit(run_id: int, background: bool, *, queued: str, done: Callable[[AnalysisRun], str]) -> None:
    """Once this request has committed the run (`services.jobs`), execute it: in the background (RQ or a
    thread, `legislink.worker`) saying `queued`, or here and now saying `done(run)`."""

    def execute() -> None:
        if background:
            worker.launch(flask.current_app._get_current_object(), run_id,
                          redis_url=flask.current_app.config["REDIS_URL"])
            flask.flash(queued, "info")
        else:
            flask.flash(done(worker.run(run_id)), "success")

    after_commit(execute)


@dataclass
class Refusal:
    """What a service refused, if it did; false while nothing was refused."""

    error: ServiceError | ReportsError | None = None

    def __bool__(self) -> bool:
        return self.error is not None

    @property
    def code(self) -> str | None:
        return self.error.code if self.error is not None else None

    @property
    def message(self) -> str:
        return messages.describe(self.error) if self.error is not None else ""


@contextmanager
def refusal() -> Iterator[Refusal]:
    """Catch a service's refusal: the request's changes are rolled back at once, so the page that
    shows the refusal is drawn from a clean session, and the block's remaining lines are skipped."""
    refused = Refusal()
    try:
        yield refused
    except REFUSALS as error:
        db.session.rollback()
        g.pop("after_commit", None)
        refused.error = error
