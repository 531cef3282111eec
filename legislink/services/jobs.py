"""Analysis runs as jobs: inline for small consultations, in the background past a threshold —
on RQ when Redis is configured (run `legislink worker`), in a thread of the app process otherwise.

Progress is written on a connection of its own, so staff see it while the run's own
transaction is still open.
"""

import threading
from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import select, update

from ..extensions import db
from ..models import AnalysisRun, Consultation, RunStatus, utcnow
from . import ServiceError, audit
from . import analysis as analysis_service

QUEUE_NAME = "legislink-analysis"
# A run that has not reported for this long died with its process.
STALE_AFTER = timedelta(minutes=30)
# Set by `legislink worker` (and tests) so RQ jobs run inside that application.
worker_app: Flask | None = None


def _write_progress(run_id: int, **values) -> None:
    with db.engine.begin() as connection:
        connection.execute(update(AnalysisRun).where(AnalysisRun.id == run_id).values(**values))


def active_run(consultation: Consultation, now: datetime) -> AnalysisRun | None:
    run = db.session.scalar(select(AnalysisRun).where(
        AnalysisRun.consultation_id == consultation.id,
        AnalysisRun.status.in_((RunStatus.QUEUED, RunStatus.RUNNING))).order_by(AnalysisRun.id.desc()))
    if run is None:
        return None
    last_sign = run.started_at or run.created_at
    if now - last_sign > STALE_AFTER:
        run.status = RunStatus.FAILED
        run.error = "the process running it stopped"
        run.finished_at = now
        return None
    return run


def latest_run(consultation: Consultation) -> AnalysisRun | None:
    return db.session.scalar(select(AnalysisRun).where(AnalysisRun.consultation_id == consultation.id)
                             .order_by(AnalysisRun.id.desc()).limit(1))


def start(consultation: Consultation, *, full: bool, now: datetime, actor=None) -> tuple[AnalysisRun, bool]:
    """Create a run; returns it and whether it must go to the background (the caller commits,
    then calls `launch` for a background run or `execute` inline)."""
    if active_run(consultation, now) is not None:
        raise ServiceError("analysis_running")
    pending = analysis_service.pending_count(consultation)
    run = AnalysisRun(consultation_id=consultation.id, status=RunStatus.QUEUED, total=pending,
                      summary={"full": full}, created_by_id=getattr(actor, "id", None))
    db.session.add(run)
    db.session.flush()
    audit.record(actor, "analysis.start", "consultation", [consultation.id], {"run": run.id, "full": full})
    size = analysis_service.total_count(consultation) if full else pending
    return run, size > current_app.config["ANALYSIS_BACKGROUND_THRESHOLD"]


def execute(run_id: int) -> AnalysisRun:
    """Run the analysis of one AnalysisRun in the current application context and commit it."""
    run = db.session.get(AnalysisRun, run_id)
    consultation = db.session.get(Consultation, run.consultation_id)
    _write_progress(run_id, status=RunStatus.RUNNING, started_at=utcnow(), stage="prepare")

    def progress(stage: str, done: int, total: int) -> None:
        _write_progress(run_id, stage=stage, done=done, total=total, started_at=utcnow())

    try:
        summary = analysis_service.run(consultation, full=bool(run.summary.get("full")), now=utcnow(),
                                       progress=progress)
    except Exception as error:
        db.session.rollback()
        _write_progress(run_id, status=RunStatus.FAILED, error=repr(error)[:2000], finished_at=utcnow())
        raise
    run = db.session.get(AnalysisRun, run_id)
    db.session.refresh(run)
    run.status = RunStatus.DONE
    run.stage = "done"
    run.summary = {**run.summary, **summary.as_dict()}
    run.finished_at = utcnow()
    db.session.commit()
    return run


def _in_app(app: Flask, run_id: int) -> None:
    with app.app_context():
        try:
            execute(run_id)
        except Exception:
            app.logger.exception("analysis run %s failed", run_id)
        finally:
            db.session.remove()


def run_job(run_id: int) -> None:
    """The RQ entry point: runs inside the worker's application."""
    from .. import create_app

    _in_app(worker_app or create_app(), run_id)


def launch(run: AnalysisRun) -> str:
    """Send a committed run to the background; returns where it went."""
    redis_url = current_app.config["REDIS_URL"]
    if redis_url:
        from redis import Redis
        from rq import Queue

        Queue(QUEUE_NAME, connection=Redis.from_url(redis_url)).enqueue(
            run_job, run.id, job_timeout=6 * 3600, job_id=f"legislink-analysis-{run.id}")
        return "rq"
    app = current_app._get_current_object()
    threading.Thread(target=_in_app, args=(app, run.id), name=f"analysis-{run.id}", daemon=True).start()
    return "thread"
