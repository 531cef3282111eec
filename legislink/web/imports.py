"""Offline comments from the Excel template: download it, upload it filled in, all rows or none."""

from io import BytesIO

from flask import Blueprint, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from .. import permissions
from ..extensions import db
from ..models import Consultation, utcnow
from ..services import imports
from . import messages
from .boundary import refusal
from .guards import require

bp = Blueprint("imports", __name__, url_prefix="/staff/consultations/<int:consultation_id>/import")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(FlaskForm):
    file = FileField(_l("Filled-in template (.xlsx)"), validators=[FileRequired(_l("Choose the file to upload."))])


@bp.route("/", methods=["GET", "POST"])
@require(permissions.can_record_comments)
def upload(consultation_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    form = UploadForm()
    problems, refusal_message = [], None
    if form.validate_on_submit():
        upload = form.file.data
        with refusal() as refused:
            count = imports.import_comments(
                consultation, upload.read(), now=utcnow(), max_rows=current_app.config["IMPORT_MAX_ROWS"],
                max_bytes=current_app.config["IMPORT_MAX_BYTES"], actor=current_user, source_name=upload.filename or "")
            flash(_("%(num)s comments imported. Each has its receipt code; see them in Moderation.", num=count),
                  "success")
            return redirect(url_for("imports.upload", consultation_id=consultation.id))
        refusal_message = refused.message
        problems = [(p.row, p.column, messages.describe(p)) for p in getattr(refused.error, "problems", ())]
    return render_template("staff/import.html", consultation=consultation, form=form, problems=problems,
                           refusal=refusal_message)


@bp.route("/template.xlsx")
@require(permissions.can_record_comments)
def template(consultation_id: int):
    db.get_or_404(Consultation, consultation_id)
    return send_file(BytesIO(imports.template(max_rows=current_app.config["IMPORT_MAX_ROWS"])), mimetype=XLSX,
                     as_attachment=True, download_name="意见录入模板.xlsx")
