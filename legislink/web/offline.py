"""Comments collected offline (座谈会, 信件, 电话, 走访): quick entry and a printable receipt slip."""


from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, DateField, SelectChoice, SelectField, StringField, TelField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from .. import labels, permissions
from ..extensions import db
from ..models import Channel, Comment, Consultation, ConsultationKind, utcnow
from ..services import comments, reader, receipts, stations
from .boundary import refusal
from .fields import DateInRange, PhoneNumber, clean_text
from .filters import local_today
from .guards import require
from .public_forms import COUNTED, OPTIONAL_TEXT, PROPOSAL_TITLE_MAX, TEXT_VALIDATORS

bp = Blueprint("offline", __name__, url_prefix="/staff/consultations/<int:consultation_id>")

OFFLINE_CHANNELS = (Channel.SYMPOSIUM, Channel.LETTER, Channel.PHONE, Channel.VISIT)


class OfflineForm(FlaskForm):
    channel = SelectField(_l("Collected through"),
                          choices=[SelectChoice(c.value, labels.CHANNEL[c]) for c in OFFLINE_CHANNELS])
    collected_on = DateField(_l("Date collected"), validators=[DataRequired(message=_l("Give the date.")),
                                                               DateInRange()])
    collector = StringField(_l("Collected by"), filters=[clean_text], validators=[DataRequired(), Length(max=100)])
    station = SelectField(_l("Liaison station"), validators=[DataRequired()])
    article = StringField(_l("Article"), filters=[clean_text], validators=[Optional(), Length(max=40)],
                          render_kw={"list": "article-options"})
    text = TextAreaField(_l("Comment text"), filters=[clean_text], validators=TEXT_VALIDATORS, render_kw=COUNTED)
    suggestion = TextAreaField(_l("Suggested wording"), filters=[clean_text], validators=OPTIONAL_TEXT,
                               render_kw=COUNTED)
    reason = TextAreaField(_l("Reason"), filters=[clean_text], validators=OPTIONAL_TEXT, render_kw=COUNTED)
    # As the person said it (家长, 外来务工人员): kept, and counted under the nearest category.
    identity = StringField(_l("Identity"), filters=[clean_text], validators=[Optional(), Length(max=50)],
                           render_kw={"list": "identity-options"})
    # The commenter's details, not the staff member's own: the browser must not fill in its owner's.
    name = StringField(_l("Full name"), filters=[clean_text], validators=[Optional(), Length(max=50)],
                       render_kw={"autocomplete": "off"})
    phone = TelField(_l("Phone"), filters=[clean_text], validators=[Optional(), Length(max=32), PhoneNumber()],
                     render_kw={"autocomplete": "off"})
    consent = BooleanField(_l("Agrees to be contacted about the outcome"))

    def validate_collected_on(self, field):
        if field.data and field.data > local_today():
            raise ValidationError(_l("The date cannot be in the future."))


class OfflineProposalForm(OfflineForm):
    """A proposal collected offline (立项建议): the law asked for, why it is needed, what it should contain."""

    article = suggestion = reason = None
    title = StringField(_l("Name of the proposed law or regulation"), filters=[clean_text],
                        validators=[DataRequired(message=_l("Name the law or regulation proposed.")),
                                    Length(max=PROPOSAL_TITLE_MAX)])
    content = TextAreaField(_l("What it should contain"), filters=[clean_text], validators=OPTIONAL_TEXT,
                            render_kw=COUNTED)


def _form_for(consultation: Consultation) -> OfflineForm:
    if consultation.kind == ConsultationKind.PROPOSAL:
        form = OfflineProposalForm()
        form.text.label.text = _l("Why it is needed")
        return form
    form = OfflineForm()
    if consultation.kind == ConsultationKind.EVALUATION:
        form.text.label.text = _l("Problems in practice")
        form.suggestion.label.text = _l("Suggestions for improvement")
    return form


def _comment_input(form: OfflineForm) -> comments.CommentInput:
    identity, identity_words = comments.read_identity(form.identity.data or "")
    by_kind = ({"title": form.title.data, "content": form.content.data or ""} if isinstance(form, OfflineProposalForm)
               else {"article": form.article.data or None, "suggestion": form.suggestion.data or "",
                     "reason": form.reason.data or ""})
    return comments.CommentInput(
        text=form.text.data, identity=identity, identity_words=identity_words, station_code=form.station.data,
        channel=Channel(form.channel.data), name=form.name.data or "", phone=form.phone.data or "",
        consent=form.consent.data, collector=form.collector.data, collected_on=form.collected_on.data, **by_kind)


@bp.route("/offline", methods=["GET", "POST"])
@require(permissions.can_record_comments)
def entry(consultation_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    form = _form_for(consultation)
    scope = permissions.comment_scope(current_user)
    form.station.choices = [SelectChoice(s.code, s.name) for s in stations.listed(active_only=True)
                            if scope.may_record_for(s.id)]
    if not form.is_submitted() and current_user.station is not None:
        form.station.data = current_user.station.code
    if not form.is_submitted():
        # What the collector would type every time: today, and who they are.
        form.collected_on.data = local_today()
        form.collector.data = current_user.display_name or current_user.username
    if form.validate_on_submit():
        with refusal() as refused:
            saved = comments.submit(consultation, _comment_input(form), now=utcnow(), actor=current_user)
            flash(_("Recorded. Give the person their receipt code."), "success")
            return redirect(url_for("offline.slip", consultation_id=consultation.id, code=saved.receipt_code))
        on_station = refused.code in {"unknown_station", "other_station_record"}
        target = form.station if on_station else (form.article if "article" in form else form.title)
        target.errors.append(refused.message)
    return render_template("staff/offline/entry.html", consultation=consultation, form=form,
                           article_labels=reader.article_labels(consultation.version_id)
                           if consultation.has_text else [])


@bp.route("/offline/<code>")
@require(permissions.can_record_comments)
def slip(consultation_id: int, code: str):
    """A receipt slip to print and hand over: the same code as online comments."""
    comment = db.session.scalar(select(Comment).where(Comment.receipt_code == code,
                                                      Comment.consultation_id == consultation_id))
    if comment is None:
        return redirect(url_for("offline.entry", consultation_id=consultation_id))
    return render_template("staff/offline/slip.html", comment=comment, code=receipts.display_code(code),
                           consultation=comment.consultation)
