"""The upward report: a preview of what will be sent, the download, and the confirmation that it went."""

import tempfile
from io import BytesIO

from flask import (
    Blueprint,
    abort,
    after_this_request,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from .. import permissions
from ..extensions import db
from ..models import Consultation, ConsultationKind, Station, utcnow
from ..reports import build_summary_rows, ordered_entries, ordered_proposals, write_contacts
from ..reports.rows import sources_text
from ..services import adoption, kind_reports, reports, stations
from .boundary import refusal
from .guards import require
from .lookups import published_draft

bp = Blueprint("reports", __name__, url_prefix="/staff/consultations/<int:consultation_id>/report")
api = Blueprint("report_api", __name__, url_prefix="/api/v1")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The summary sheet's name, in the downloaded file's name.
WORKBOOK_NAMES = {ConsultationKind.DRAFT: "征求意见汇总表", ConsultationKind.PROPOSAL: "立项建议汇总表",
                  ConsultationKind.EVALUATION: "立法后评估意见汇总表", ConsultationKind.STANDING: "征求意见汇总表"}


def _settings() -> reports.ReportSettings:
    return reports.ReportSettings.from_config(current_app.config)


def _may_include_contacts(station: Station | None) -> bool:
    return permissions.can_view_personal_data(current_user, station.id if station else None)


@bp.route("/")
@require(permissions.can_export_report)
def index(consultation_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    if consultation.kind == ConsultationKind.STANDING:
        return redirect(url_for("requests.index"))  # no report upward: its requests go to departments
    station_code = request.args.get("station") or None
    with refusal() as refused:
        if consultation.kind == ConsultationKind.PROPOSAL:
            data = kind_reports.build_proposals(consultation, settings=_settings(), station_code=station_code)
            entries = ordered_proposals(data.entries)
        else:
            data = reports.build(consultation, settings=_settings(), station_code=station_code)
            entries = ordered_entries(data.entries)
        return render_template("staff/report.html", consultation=consultation, data=data, sources=_sources,
                               entries=entries, stations=stations.listed(), station_code=station_code,
                               may_include_contacts=_may_include_contacts(data.station),
                               adopted=any(getattr(e, "adoption", None) for e in data.entries),
                               to_mark=reports.receipts_to_change(consultation), kind=consultation.kind.value,
                               workbook=WORKBOOK_NAMES[consultation.kind])
    flash(refused.message, "error")
    return redirect(url_for("reports.index", consultation_id=consultation.id))


def _sources(entry) -> str:
    """意见来源 as the workbook writes it (家长3人；稠城街道联络站2人); in English, "家长: 3; …"."""
    if get_locale().language == "zh":
        return sources_text(entry.identity_counts, entry.station_counts)
    counts = [*entry.identity_counts.items(), *entry.station_counts.items()]
    return "; ".join(f"{name}: {num}" for name, num in counts)


@bp.route("/download", methods=["POST"])
@require(permissions.can_export_report)
def download(consultation_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    station_code = request.form.get("station") or None
    with_contact = request.form.get("with_contact") == "1"
    adoption = request.form.get("adoption") == "1"
    station = stations.by_code(station_code) if station_code else None
    if with_contact and not _may_include_contacts(station):
        abort(403)
    # A big report is tens of megabytes: written to a temporary file, not held in memory.
    target = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - closed after the response
    with refusal() as refused:
        reports.export(consultation, target, settings=_settings(), station_code=station_code,
                       with_contact=with_contact, adoption=adoption, actor=current_user)
    if refused:
        target.close()
        flash(refused.message, "error")
        return redirect(url_for("reports.index", consultation_id=consultation.id, station=station_code))
    target.seek(0)

    @after_this_request
    def _close(response):
        response.call_on_close(target.close)
        return response

    name = (f"{reports.report_title(consultation)}-{WORKBOOK_NAMES[consultation.kind]}"
            f"{'-' + station_code if station_code else ''}.xlsx")
    return send_file(target, mimetype=XLSX, as_attachment=True, download_name=name)


@bp.route("/reported", methods=["POST"])
@require(permissions.can_record_report_sent)
def mark_reported(consultation_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    if request.form.get("confirm") != "1":
        flash(_("Tick the box to confirm that the report has been sent to the legislature."), "error")
        return redirect(url_for("reports.index", consultation_id=consultation.id))
    with refusal() as refused:
        count = reports.mark_reported(consultation, utcnow(), actor=current_user,
                                      confirmed=request.form.get("count", type=int))
        flash(_("Recorded as reported upward: %(num)s comments now show 已上报 on their receipts.", num=count),
              "success")
    if refused:
        flash(refused.message, "error")
    return redirect(url_for("reports.index", consultation_id=consultation.id))


@bp.route("/translations/<int:comment_id>", methods=["POST"])
@require(permissions.can_export_report)
def translate(consultation_id: int, comment_id: int):
    """Staff's Chinese for an opinion written in another language (外文): 汇总表 shows it."""
    consultation = db.get_or_404(Consultation, consultation_id)
    with refusal() as refused:
        reports.save_translation(consultation, comment_id, request.form.get("translation", ""), actor=current_user)
        flash(_("Translation saved: the summary sheet uses it, 意见明细 keeps the original."), "success")
    if refused:
        flash(refused.message, "error")
    back = url_for("reports.index", consultation_id=consultation.id, station=request.form.get("station") or None)
    return redirect(back + f"#t{comment_id}")


def _contacts_file(consultation: Consultation, station: Station | None):
    """Personal data out: a POST, since each download is written to the audit log."""
    rows = adoption.contacts_to_tell(consultation, station.id if station else None, actor=current_user)
    out = BytesIO()
    write_contacts(out, rows)
    out.seek(0)
    return send_file(out, mimetype=XLSX, as_attachment=True,
                     download_name=f"告知名单-{station.code if station else 'all'}.xlsx")


@bp.route("/contacts.xlsx", methods=["POST"])
@require(permissions.can_manage_accounts)
def contacts(consultation_id: int):
    """Everyone to tell about the outcome of their comment, every station: administrators only."""
    return _contacts_file(db.get_or_404(Consultation, consultation_id), None)


@bp.route("/contacts/<station_code>.xlsx", methods=["POST"])
@require(permissions.can_record_comments)
def station_contacts(consultation_id: int, station_code: str):
    """One station's commenters to tell about the outcome: that station's staff, or an admin."""
    consultation = db.get_or_404(Consultation, consultation_id)
    station = stations.by_code(station_code)
    if station is None:
        abort(404)
    if not _may_include_contacts(station):
        abort(403)
    return _contacts_file(consultation, station)


@api.route("/drafts/<int:draft_id>/report")
@require(permissions.can_export_report)
def report_json(draft_id: int):
    """The rows of the 汇总表, as JSON, from the same function as the workbook."""
    draft, consultation = published_draft(draft_id, utcnow())
    with refusal():
        data = reports.build(consultation, settings=_settings(), station_code=request.args.get("station") or None)
        rows = build_summary_rows(data.header, data.entries)
        return jsonify({"draft_id": draft.id, "consultation_id": consultation.id, "ungrouped": data.ungrouped,
                        "rows": [{"kind": row.kind.value, "values": list(row.values)} for row in rows]})
    abort(404)  # no such station
