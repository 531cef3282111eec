"""The contact point's yearly figures, for its annual work report: a page with charts, and Excel."""

from datetime import date
from io import BytesIO

from flask import Blueprint, abort, current_app, flash, render_template, request, send_file
from flask_babel import gettext as _
from flask_login import current_user

from .. import permissions
from ..reports import write_yearly
from ..services import audit, figures
from . import charts
from .fields import date_in_range
from .guards import require
from .i18n import contact_zone

bp = Blueprint("figures", __name__, url_prefix="/staff/figures")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _day(name: str) -> date | None:
    try:
        return date.fromisoformat(request.values.get(name, ""))
    except ValueError:
        return None


def _period() -> tuple[date, date, bool]:
    """The period asked for (this year by default) and whether a date was out of range (then this
    year too)."""
    starts, ends = _day("from"), _day("to")
    out_of_range = not (date_in_range(starts) and date_in_range(ends))
    if out_of_range or starts is None:
        starts = date(date.today().year, 1, 1)
    if out_of_range or ends is None:
        ends = date(starts.year, 12, 31)
    return (*sorted((starts, ends)), out_of_range)


@bp.route("/")
@require(permissions.can_export_report)
def index():
    starts, ends, out_of_range = _period()
    if out_of_range:
        flash(_("Give dates between 1900 and 2999; the figures below are for this year."), "error")
    report = figures.yearly(starts, ends, contact_point=current_app.config["CONTACT_POINT_NAME"],
                            zone=contact_zone())
    stations = [(name, f) for name, f in report.stations]
    return render_template(
        "staff/figures.html", report=report, starts=starts, ends=ends,
        comments_chart=charts.bar_chart([(n, f.comments) for n, f in stations], _("Comments received by station"),
                                        (_("Liaison station"), _("Comments"))),
        adopted_chart=charts.bar_chart([(n, f.adopted + f.partly_adopted) for n, f in stations],
                                       _("Opinions adopted or partly adopted, by station"),
                                       (_("Liaison station"), _("Opinions"))),
    )


@bp.route("/figures.xlsx", methods=["POST"])
@require(permissions.can_export_report)
def download():
    """The figures as a workbook: a POST, since each download is written to the audit log."""
    starts, ends, out_of_range = _period()
    if out_of_range:
        abort(400)
    out = BytesIO()
    write_yearly(out, figures.yearly(starts, ends, contact_point=current_app.config["CONTACT_POINT_NAME"],
                                     zone=contact_zone()))
    audit.record(current_user, "figures.export", detail={"from": starts.isoformat(), "to": ends.isoformat()})
    out.seek(0)
    return send_file(out, mimetype=XLSX, as_attachment=True, download_name=f"年度统计-{starts}-{ends}.xlsx")
