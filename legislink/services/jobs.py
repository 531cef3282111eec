"""Analysis runs: started here, executed by `legislink.worker` — inline for small consultations,
in the background past a threshold.

Progress is written on a connection of its own, so staff see it while the run's own
transaction is still open.
"""

from datetime import datetime, timedelta

from sqlalchemy import select, update

from ..extensions import db
from ..models import AnalysisRun, Consultation, RunStatus, utcnow
from . import ServiceError, audit
from . import analysis as analysis_service

# A run that has not reported for this long died with its process.
STALE_AFTER = timedelta(minutes=30)


def _write_progress(run_id: int, **values) -> None:
    with db.engine.begin() as connection:
        connection.execute(update(AnalysisRun).where(AnalysisRun.id == run_id).values(**values))


def _stale(run: AnalysisRun, now: datetime) -> bool:
    return now - (run.started_at or run.created_at) > STALE_AFTER


def _unfinished(consultation: Consultation) -> list[AnalysisRun]:
    return list(db.session.scalars(select(AnalysisRun).where(
        AnalysisRun.consultation_id == consultation.id,
        AnalysisRun.status.in_((RunStatus.QUEUED, RunStatus.RUNNING))).order_by(AnalysisRun.id.desc())))


def active_run(consultation: Consultation, now: datetime) -> AnalysisRun | None:
    """The run under way, if any. Read only: a run whose process stopped reporting long ago is not
    under way, and the next `start` records it as failed."""
    run = next(iter(_unfinished(consultation)), None)
    return None if run is None or _stale(run, now) else run


def latest_run(consultation: Consultation) -> AnalysisRun | None:
    return db.session.scalar(select(AnalysisRun).where(AnalysisRun.consultation_id == consultation.id)
                             .order_by(AnalysisRun.id.desc()).limit(1))


def start(consultation: Consultation, *, full: bool, now: datetime, background_threshold: int,
          actor=None) -> tuple[AnalysisRun, bool]:
    """Create a run; returns it and whether it must go to the background (more comments to analyse
    than `background_threshold`). The caller commits, then has `legislink.worker` execute it."""
    if active_run(consultation, now) is not None:
        raise ServiceError("analysis_running")
    for stopped in _unfinished(consultation):
        stopped.status, stopped.error, stopped.finished_at = RunStatus.FAILED, "the process running it stopped", now
    pending = analysis_service.pending_count(consultation)
    run = AnalysisRun(consultation_id=consultation.id, status=RunStatus.QUEUED, total=pending,
                      summary={"full": full}, created_by_id=getattr(actor, "id", None))
    db.session.add(run)
    db.session.flush()
    audit.record(actor, "analysis.start", "consultation", [consultation.id], {"run": run.id, "full": full})
    size = analysis_service.total_count(consultation) if full else pending
    return run, size > background_threshold


def execute(run_id: int) -> AnalysisRun:
    """Run the analysis of one committed AnalysisRun and flush its result; the caller commits.
    Progress goes out at once on a connection of its own."""
    run = db.session.get(AnalysisRun, run_id)
    consultation = db.session.get(Consultation, run.consultation_id)
    _write_progress(run_id, status=RunStatus.RUNNING, started_at=utcnow(), stage="prepare")

    def progress(stage: str, done: int, total: int) -> None:
        _write_progress(run_id, stage=stage, done=done, total=total, started_at=utcnow())

    summary = analysis_service.run(consultation, full=bool(run.summary.get("full")), now=utcnow(),
                                   progress=progress)
    db.session.refresh(run)
    run.status = RunStatus.DONE
    run.stage = "done"
    run.summary = {**run.summary, **summary.as_dict()}
    run.finished_at = utcnow()
    db.session.flush()
    return run


def record_failure(run_id: int, error: BaseException) -> None:
    """Mark a run failed, on a connection of its own: its own transaction was rolled back."""
    _write_progress(run_id, status=RunStatus.FAILED, error=repr(error)[:2000], finished_at=utcnow())
