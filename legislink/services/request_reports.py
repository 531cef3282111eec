"""The 民情转办 sheet's rows: residents' requests among a consultation's comments that staff sent to a
department (models.Referral), as plain rows for legislink/reports/requests.py. Every export of every
kind appends the sheet when there are any (services.reports.export, kind_reports.extra_sheets)."""

from datetime import date

from sqlalchemy import select

from ..extensions import db
from ..models import Comment, Consultation, Department, Referral, Station
from ..reports.kinds import ExtraSheet
from ..reports.requests import RequestRow, write_requests_sheet


def request_rows(consultation: Consultation, station: Station | None = None) -> list[RequestRow]:
    """The consultation's referred comments (of one station when named), in the order they were sent.
    A referred comment counts whatever its moderation status: it was sent, so it is reported."""
    query = (select(Comment.receipt_code, Comment.text, Referral.matter, Department.name, Referral.assigned_on,
                    Referral.due_on, Referral.status, Referral.reply, Referral.replied_on)
             .join(Referral, Referral.comment_id == Comment.id)
             .join(Department, Department.id == Referral.department_id)
             .where(Comment.consultation_id == consultation.id)
             .order_by(Referral.assigned_on, Referral.id))
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
