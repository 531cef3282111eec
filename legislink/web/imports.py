"""Offline comments from the Excel template: download it, upload it filled in, all rows or none."""

from io import BytesIO

from flask import Blueprint, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from .. import permissions
from ..extensions import db
from ..models import Consultation, utcnow
from ..reports import problems_csv
from ..reports.template import receipts_bytes
from ..services import imports
from . import messages
from .boundary import refusal
from .guards import require

bp = Blueprint("imports", __name__, url_prefix="/staff/consultations/<int:consultation_id>/import")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A refused file can hold a problem in every cell: the page lists this many, the CSV all of them.
PROBLEMS_SHOWN = 200


class UploadForm(FlaskForm):
    file = FileField(_l("Filled-in template (.xlsx)"), validators=[FileRequired(_l("Choose the file to upload."))])


def _described(problems) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, messages.describe(p)) for p in problems]


def _limits() -> dict:
    return {"max_rows": current_app.config["IMPORT_MAX_ROWS"], "max_bytes": current_app.config["IMPORT_MAX_BYTES"]}


def _every_problem(consultation: Consultation, data: bytes):
    """The CSV of every problem of the file, or None (the refusal or the all-clear is flashed)."""
    with refusal() as refused:
        found = imports.check(consultation, data, actor=current_user, **_limits())
        if found:
            return send_file(BytesIO(problems_csv(_described(found))), mimetype="text/csv", as_attachment=True,
                             download_name="导入问题清单.csv")
        flash(_("This file has no problem: it can be imported."), "success")
    if refused:
        flash(refused.message, "error")
    return None


@bp.route("/", methods=["GET", "POST"])
@require(permissions.can_record_comments)
def upload(consultation_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    form = UploadForm()
    problems, total, refusal_message = [], 0, None
    if form.validate_on_submit():
        upload = form.file.data
        if request.form.get("want") == "problems":
            return _every_problem(consultation, upload.read()) or redirect(
                url_for("imports.upload", consultation_id=consultation.id))
        with refusal() as refused:
            imported = imports.import_comments(consultation, upload.read(), now=utcnow(), actor=current_user,
                                               source_name=upload.filename or "", **_limits())
            flash(_("%(num)s proposals imported. Hand each person their receipt code:", num=imported.count)
                  if imports.layout(consultation).proposals
                  else _("%(num)s comments imported. Hand each person their receipt code:", num=imported.count),
                  "success")
            return redirect(url_for("imports.receipts", consultation_id=consultation.id, event=imported.event_id))
        refusal_message = refused.message
        found = getattr(refused.error, "problems", ())
        total, problems = len(found), _described(found[:PROBLEMS_SHOWN])
    return render_template("staff/import.html", consultation=consultation, form=form, problems=problems,
                           total=total, refusal=refusal_message, proposals=imports.layout(consultation).proposals)


def _receipts_of(consultation_id: int) -> tuple[Consultation, list[imports.ImportedReceipt] | None]:
    consultation = db.get_or_404(Consultation, consultation_id)
    return consultation, imports.imported_receipts(consultation, request.args.get("event", type=int) or 0)


@bp.route("/receipts")
@require(permissions.can_record_comments)
def receipts(consultation_id: int):
    """The receipt codes of one import, on the page and to download, so staff can hand them back; an
    address naming no import of this consultation leads back to the import page."""
    consultation, found = _receipts_of(consultation_id)
    if found is None:
        return redirect(url_for("imports.upload", consultation_id=consultation.id))
    return render_template("staff/import_receipts.html", consultation=consultation, receipts=found,
                           event=request.args.get("event", type=int))


@bp.route("/receipts.xlsx")
@require(permissions.can_record_comments)
def receipts_download(consultation_id: int):
    consultation, found = _receipts_of(consultation_id)
    if found is None:
        return redirect(url_for("imports.upload", consultation_id=consultation.id))
    rows = [(r.code, r.article, r.identity, r.station, r.text) for r in found]
    proposals = imports.layout(consultation).proposals
    return send_file(BytesIO(receipts_bytes(rows, proposals=proposals)), mimetype=XLSX, as_attachment=True,
                     download_name=f"回执编号-{request.args.get('event', type=int)}.xlsx")


@bp.route("/template.xlsx")
@require(permissions.can_record_comments)
def template(consultation_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    proposals = imports.layout(consultation).proposals
    return send_file(BytesIO(imports.template(consultation, max_rows=current_app.config["IMPORT_MAX_ROWS"])),
                     mimetype=XLSX, as_attachment=True,
                     download_name="立项建议录入模板.xlsx" if proposals else "意见录入模板.xlsx")
