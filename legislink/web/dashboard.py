"""The consultation dashboard: figures and charts for one consultation."""

from flask import Blueprint, render_template
from flask_babel import gettext as _

from .. import labels, permissions
from ..extensions import db
from ..models import Consultation
from ..services import dashboard
from . import charts
from .guards import require
from .i18n import contact_zone

bp = Blueprint("dashboard", __name__, url_prefix="/staff/consultations/<int:consultation_id>")


@bp.route("/")
@require(permissions.can_enter_workspace)
def show(consultation_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    figures = dashboard.figures(consultation, zone=contact_zone())
    counted = _("Comments")
    days = [(day.strftime("%m-%d"), n) for day, n in figures.by_day]
    return render_template(
        "staff/dashboard.html", consultation=consultation, figures=figures,
        day_chart=charts.column_chart(days, _("Comments per day"), (_("Day"), counted)),
        station_chart=charts.bar_chart(figures.by_station, _("Comments by liaison station"),
                                       (_("Liaison station"), counted)),
        identity_chart=charts.bar_chart([(str(labels.IDENTITY[k]), n) for k, n in figures.by_identity],
                                        _("Comments by identity"), (_("Identity"), counted)),
        channel_chart=charts.bar_chart([(str(labels.CHANNEL[k]), n) for k, n in figures.by_channel],
                                       _("Comments by channel"), (_("Channel"), counted)),
        article_chart=charts.bar_chart(figures.top_articles, _("Most commented articles"), (_("Article"), counted)),
    )
