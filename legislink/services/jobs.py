"""Runs of background work on a consultation — the comment analysis, and the adoption proposals
against a later version: started here, executed by `legislink.worker` — inline when small, in the
background past a threshold. One run of each kind at a time per consultation.

Progress is written on a connection of its own, so staff see it while the run's own
transaction is still open.
"""

from datetime import datetime, timedelta

from sqlalchemy import select, update

from ..extensions import db
from ..models import AnalysisRun, Consultation, RunKind, RunStatus, User, utcnow
from . import ServiceError, audit
from . import adoption as adoption_service
from . import analysis as analysis_service

# A run that has not reported for this long died with its process.
STALE_AFTER = timedelta(minutes=30)


def _write_progress(run_id: int, **values) -> None:
    with db.engine.begin() as connection:
        connection.execute(update(AnalysisRun).where(AnalysisRun.id == run_id).values(**values))


def _stale(run: AnalysisRun, now: datetime) -> bool:
    return now - (run.started_at or run.created_at) > STALE_AFTER


def _unfinished(consultation: Consultation, kind: RunKind) -> list[AnalysisRun]:
    return list(db.session.scalars(select(AnalysisRun).where(
        AnalysisRun.consultation_id == consultation.id, AnalysisRun.kind == kind,
        AnalysisRun.status.in_((RunStatus.QUEUED, RunStatus.RUNNING))).order_by(AnalysisRun.id.desc())))


def active_run(consultation: Consultation, now: datetime, kind: RunKind = RunKind.ANALYSIS) -> AnalysisRun | None:
    """The run of `kind` under way, if any. Read only: a run whose process stopped reporting long ago
    is not under way, and the next start records it as failed."""
    run = next(iter(_unfinished(consultation, kind)), None)
    return None if run is None or _stale(run, now) else run


def latest_run(consultation: Consultation, kind: RunKind = RunKind.ANALYSIS) -> AnalysisRun | None:
    return db.session.scalar(select(AnalysisRun).where(AnalysisRun.consultation_id == consultation.id,
                                                       AnalysisRun.kind == kind)
                             .order_by(AnalysisRun.id.desc()).limit(1))


def _clear_stopped(consultation: Consultation, kind: RunKind, now: datetime, busy: str) -> None:
    """Refuse while a run of `kind` is under way; record the ones whose process stopped as failed."""
    if active_run(consultation, now, kind) is not None:
        raise ServiceError(busy)
    for stopped in _unfinished(consultation, kind):
        stopped.status, stopped.error, stopped.finished_at = RunStatus.FAILED, "the process running it stopped", now


def start(consultation: Consultation, *, full: bool, now: datetime, background_threshold: int,
          actor=None) -> tuple[AnalysisRun, bool]:
    """Create a run; returns it and whether it must go to the background (more comments to analyse
    than `background_threshold`). The caller commits, then has `legislink.worker` execute it."""
    _clear_stopped(consultation, RunKind.ANALYSIS, now, "analysis_running")
    pending = analysis_service.pending_count(consultation)
    run = AnalysisRun(consultation_id=consultation.id, status=RunStatus.QUEUED, total=pending,
                      summary={"full": full}, created_by_id=getattr(actor, "id", None))
    db.session.add(run)
    db.session.flush()
    audit.record(actor, "analysis.start", "consultation", [consultation.id], {"run": run.id, "full": full})
    size = analysis_service.total_count(consultation) if full else pending
    return run, size > background_threshold


def start_adoption(consultation: Consultation, final_version_id: int, *, now: datetime, background_threshold: int,
                   actor=None) -> tuple[AnalysisRun, bool]:
    """Create a run proposing adoption marks for the reported opinions against a later version;
    returns it and whether it must go to the background (more reported comments to judge than
    `background_threshold`). Refused at once, writing nothing, when the version is not a later one
    of the draft, nothing is reported yet, or such a run is under way. The caller commits, then has
    `legislink.worker` execute it; the proposals are audited when they are stored."""
    final = adoption_service.final_version(consultation, final_version_id)
    size = adoption_service.comments_to_judge(consultation)
    _clear_stopped(consultation, RunKind.ADOPTION, now, "adoption_running")
    run = AnalysisRun(consultation_id=consultation.id, kind=RunKind.ADOPTION, status=RunStatus.QUEUED, total=size,
                      summary={"final_version": final.id}, created_by_id=getattr(actor, "id", None))
    db.session.add(run)
    db.session.flush()
    return run, size > background_threshold


def _analyse(run: AnalysisRun, consultation: Consultation, progress) -> dict:
    return analysis_service.run(consultation, full=bool(run.summary.get("full")), now=utcnow(),
                                progress=progress).as_dict()


def _propose(run: AnalysisRun, consultation: Consultation, progress) -> dict:
    actor = db.session.get(User, run.created_by_id) if run.created_by_id else None
    found = adoption_service.suggest(consultation, run.summary["final_version"], actor=actor, progress=progress)
    # The opinions a split took out of another (suggest splits those whose comments went different ways).
    return {"proposed": len(found), "split": sum("split_from" in s.evidence for s in found)}


def execute(run_id: int) -> AnalysisRun:
    """Execute one committed run and flush its result; the caller commits. Progress goes out at
    once on a connection of its own."""
    run = db.session.get(AnalysisRun, run_id)
    consultation = db.session.get(Consultation, run.consultation_id)
    _write_progress(run_id, status=RunStatus.RUNNING, started_at=utcnow(), stage="prepare")

    def progress(stage: str, done: int, total: int) -> None:
        _write_progress(run_id, stage=stage, done=done, total=total, started_at=utcnow())

    summary = (_propose if run.kind == RunKind.ADOPTION else _analyse)(run, consultation, progress)
    db.session.refresh(run)
    run.status = RunStatus.DONE
    run.stage = "done"
    run.summary = {**run.summary, **summary}
    run.finished_at = utcnow()
    db.session.flush()
    return run


def record_failure(run_id: int, error: BaseException) -> None:
    """Mark a run failed, on a connection of its own: its own transaction was rolled back."""
    _write_progress(run_id, status=RunStatus.FAILED, error=repr(error)[:2000], finished_at=utcnow())
