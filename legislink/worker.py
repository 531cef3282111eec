"""The background face: a run (an analysis, or adoption proposals; `services.jobs`) executed as a
unit of work of its own — inline once the request or command that started it has committed, in a
thread of the app process, or on an RQ worker (`legislink worker`) when Redis is configured."""

import threading

from flask import Flask

from .extensions import db
from .models import AnalysisRun
from .services import jobs
from .unit_of_work import unit_of_work

QUEUE_NAME = "legislink-analysis"
# Set by `legislink worker` (and tests) so RQ jobs run inside that application.
worker_app: Flask | None = None


def run(run_id: int) -> AnalysisRun:
    """Execute one committed run and commit its result; a failure is rolled back, marked on the run
    and raised again."""
    try:
        with unit_of_work():
            done = jobs.execute(run_id)
    except Exception as error:
        jobs.record_failure(run_id, error)
        raise
    return done


def _in_app(app: Flask, run_id: int) -> None:
    with app.app_context():
        try:
            run(run_id)
        except Exception:
            app.logger.exception("run %s failed", run_id)
        finally:
            db.session.remove()


def run_job(run_id: int) -> None:
    """The RQ entry point: runs inside the worker's application."""
    from . import create_app

    _in_app(worker_app or create_app(), run_id)


def launch(app: Flask, run_id: int, *, redis_url: str | None) -> str:
    """Send a committed run to the background: RQ when there is Redis, else a thread of `app`.
    Returns where it went."""
    if redis_url:
        from redis import Redis
        from rq import Queue

        Queue(QUEUE_NAME, connection=Redis.from_url(redis_url)).enqueue(
            run_job, run_id, job_timeout=6 * 3600, job_id=f"legislink-run-{run_id}")
        return "rq"
    threading.Thread(target=_in_app, args=(app, run_id), name=f"analysis-{run_id}", daemon=True).start()
    return "thread"
