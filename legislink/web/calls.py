"""Staff page to open a call for legislative proposals (立项建议征集): a title, an introduction and
the window's days and stations. A call consults no text, so it has no import step."""

from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from .. import permissions
from ..models import ConsultationKind, utcnow
from ..services import consultations
from .boundary import refusal
from .drafts import ConsultationForm, station_choices
from .fields import clean_text
from .guards import require

bp = Blueprint("calls", __name__, url_prefix="/staff/calls")


class ProposalCallForm(ConsultationForm):
    kind = None  # a call for proposals is of one kind
    title = StringField(_l("Title"), filters=[clean_text],
                        validators=[DataRequired(), Length(max=consultations.TITLE_LIMIT)])
    intro = TextAreaField(_l("Introduction"), validators=[Optional(), Length(max=5000)])


ERROR_FIELDS = {"closes_before_opens": "closes_on", "unknown_station": "stations", "title_needed": "title",
                "title_too_long": "title"}


@bp.route("/new", methods=["GET", "POST"])
@require(permissions.can_manage_drafts)
def new_proposal_call():
    zone = current_app.config["BABEL_DEFAULT_TIMEZONE"]
    today = consultations.local_day(utcnow(), zone)
    form = ProposalCallForm(opens_on=today, closes_on=today + timedelta(days=30))
    form.stations.choices = station_choices()
    if form.validate_on_submit():
        with refusal() as refused:
            call = consultations.open_consultation(
                None, kind=ConsultationKind.PROPOSAL, title=form.title.data, intro=form.intro.data or "",
                opens_on=form.opens_on.data, closes_on=form.closes_on.data, premoderation=form.premoderation.data,
                station_codes=form.stations.data or [], contact_name=form.contact_name.data or "",
                contact_phone=form.contact_phone.data or "", after_close_contact=form.after_close_contact.data or "",
                timezone=zone, actor=current_user)
            flash(_("The call for proposals is set."), "success")
            return redirect(url_for("dashboard.show", consultation_id=call.id))
        form[ERROR_FIELDS.get(refused.code, "opens_on")].errors.append(refused.message)
    return render_template("staff/calls/new.html", form=form)
