"""The 民情转办 sheet's rows: residents' requests among a consultation's comments that staff sent to a
department (models.Referral), as plain rows for legislink/reports/requests.py. Every export of every
kind appends the sheet when there are any (services.reports.export, kind_reports.extra_sheets)."""

from datetime import date
from typing import IO

from sqlalchemy import select

from ..extensions import db
from ..models import Comment, Consultation, Department, Referral, Station
from ..reports.kinds import ExtraSheet
from ..reports.requests import RequestRow, write_requests_sheet, write_requests_workbook
from . import audit


def request_rows(consultation: Consultation | None, station: Station | None = None) -> list[RequestRow]:
    """The consultation's referred comments (every consultation's when None; of one station when
    named), in the order they were sent. A referred comment counts whatever its moderation status:
    it was sent, so it is reported."""
    query = (select(Comment.receipt_code, Comment.text, Referral.matter, Department.name, Referral.assigned_on,
                    Referral.due_on, Referral.status, Referral.reply, Referral.replied_on)
             .join(Referral, Referral.comment_id == Comment.id)
             .join(Department, Department.id == Referral.department_id)
             .order_by(Referral.assigned_on, Referral.id))
    if consultation is not None:
        query = query.where(Comment.consultation_id == consultation.id)
    if station is not None:
        query = query.where(Comment.station_id == station.id)
    return [RequestRow(receipt=r.receipt_code, matter=r.matter or r.text, department=r.name,
                       assigned_on=r.assigned_on, due_on=r.due_on, state=str(r.status), reply=r.reply or "",
                       replied_on=r.replied_on)
            for r in db.session.execute(query)]


def request_sheets(consultation: Consultation, station: Station | None, today: date) -> list[ExtraSheet]:
    """The 民情转办 sheet as an extra sheet of the workbook, or nothing when no request was referred.
    `today` is the export day in the contact point's time zone: what 逾期 is measured from."""
    rows = request_rows(consultation, station)
    if not rows:
        return []
    return [lambda workbook: write_requests_sheet(workbook, rows, today)]


def export_requests(out: str | IO[bytes], today: date, *, station: Station | None = None, actor=None) -> int:
    """Every request sent to a department, whichever consultation it came through (the 民情直通 form,
    a draft, a call), as a workbook of its own: the 民情转办 sheet, its header even when there is none
    yet. Audited; returns the number of requests written. No names or phone numbers are in it."""
    rows = request_rows(None, station)
    write_requests_workbook(out, rows, today)
    audit.record(actor, "requests.export", "station" if station else "", [station.id] if station else [],
                 {"requests": len(rows), "day": today.isoformat()})
    return len(rows)
