"""The moderation queue: filters, bulk actions on a selection or a whole filter, one-by-one review."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from .. import labels, permissions
from ..extensions import db
from ..models import Channel, CommentStatus, Consultation, Identity
from ..services import moderation, stations
from ..services.moderation import Action, CommentFilter
from .boundary import refusal
from .fields import DateInRange, page_number, row_id
from .guards import require
from .i18n import contact_zone

bp = Blueprint("moderation", __name__, url_prefix="/staff/consultations/<int:consultation_id>")

ACTION_LABELS = {
    Action.ACCEPT: _l("Accept"),
    Action.OFFTOPIC: _l("Mark off-topic"),
    Action.SPAM: _l("Mark as spam"),
    Action.RESTORE: _l("Restore"),
}
# What the review page says once an action is done, beside the button that undoes it.
DONE_LABELS = {
    Action.ACCEPT: _l("The comment was accepted."),
    Action.OFFTOPIC: _l("The comment was marked off-topic."),
    Action.SPAM: _l("The comment was marked as spam."),
    Action.RESTORE: _l("The comment was restored."),
}
OFFTOPIC_REASONS = {"ad": _l("Advertising"), "abuse": _l("Abuse"), "unrelated": _l("Unrelated"),
                    "other_law": _l("About another law"), "empty": _l("Empty agreement"),
                    "staff": _l("Set by staff")}


def _choices(mapping) -> list[SelectChoice]:
    return [SelectChoice("", _l("All"))] + [SelectChoice(k.value if hasattr(k, "value") else k, v)
                                           for k, v in mapping.items()]


class FilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: it changes nothing

    status = SelectField(_l("Status"), choices=_choices(labels.STATUS), validators=[Optional()])
    channel = SelectField(_l("Channel"), choices=_choices(labels.CHANNEL), validators=[Optional()])
    identity = SelectField(_l("Identity"), choices=_choices(labels.IDENTITY), validators=[Optional()])
    station = SelectField(_l("Liaison station"), validators=[Optional()])
    article = StringField(_l("Article"), validators=[Optional(), Length(max=40)])
    offtopic_reason = SelectField(_l("Off-topic reason"), choices=_choices(OFFTOPIC_REASONS), validators=[Optional()])
    duplicate = StringField(_l("Form-letter group"), validators=[Optional(), Length(max=64)])
    text = StringField(_l("Text contains"), validators=[Optional(), Length(max=100)])
    since = DateField(_l("From"), validators=[Optional(), DateInRange()])
    until = DateField(_l("To"), validators=[Optional(), DateInRange()])

    def to_filter(self) -> CommentFilter:
        return CommentFilter(
            status=CommentStatus(self.status.data) if self.status.data else None,
            channel=Channel(self.channel.data) if self.channel.data else None,
            identity=Identity(self.identity.data) if self.identity.data else None,
            station=self.station.data or None, article=(self.article.data or "").strip() or None,
            duplicate=(self.duplicate.data or "").strip() or None, offtopic_reason=self.offtopic_reason.data or None,
            text=(self.text.data or "").strip() or None, since=self.since.data, until=self.until.data,
        )


class BulkForm(FlaskForm):
    action = SelectField(_l("Action"), choices=[SelectChoice(k, v) for k, v in ACTION_LABELS.items()])
    reason = StringField(_l("Reason (recorded in the audit log)"), validators=[DataRequired(), Length(max=200)])
    scope = HiddenField(default="selected")


class ReviewForm(FlaskForm):
    action = HiddenField(validators=[DataRequired()])
    reason = StringField(_l("Reason"), validators=[Optional(), Length(max=200)])


def _consultation(consultation_id: int) -> Consultation:
    return db.get_or_404(Consultation, consultation_id)


def _filter_form() -> FilterForm:
    form = FilterForm(request.args)
    form.station.choices = [SelectChoice("", _l("All"))] + [SelectChoice(s.code, s.name) for s in stations.listed()]
    return form


def _current_filter(form: FilterForm) -> CommentFilter:
    """The filter the form describes; an empty one when a value cannot be used (the form then holds
    the error, shown beside its field)."""
    return form.to_filter() if form.validate() else CommentFilter()


@bp.route("/comments")
@require(permissions.can_moderate)
def queue(consultation_id: int):
    consultation = _consultation(consultation_id)
    form = _filter_form()
    current = _current_filter(form)
    page = moderation.queue(consultation, current, request.args.get("page", 1, type=page_number), zone=contact_zone())
    return render_template("staff/moderation/queue.html", consultation=consultation, form=form, page=page,
                           bulk=BulkForm(), filter_args=current.as_dict(), action_labels=ACTION_LABELS,
                           offtopic_reasons=OFFTOPIC_REASONS, can_see=_personal_data_visible, can_act=_may_act,
                           offtopic_measured=moderation.offtopic_reliability(c.offtopic_reason for c in page.comments))


def _may_act(comment) -> bool:
    return permissions.comment_scope(current_user).allows(comment.station_id, comment.channel)


def _personal_data_visible(comment) -> bool:
    return permissions.can_view_personal_data(current_user, comment.station_id)


@bp.route("/comments/bulk", methods=["POST"])
@require(permissions.can_moderate)
def bulk(consultation_id: int):
    consultation = _consultation(consultation_id)
    form = BulkForm()
    filters = _filter_form()
    back = url_for("moderation.queue", consultation_id=consultation.id, **_current_filter(filters).as_dict())
    if form.scope.data == "filter" and filters.errors:
        # Never widen a filter by dropping what it could not read: the action would reach more.
        flash(_("The filter holds a value that cannot be used; correct it first."), "error")
        return redirect(back)
    if not form.validate_on_submit():
        flash(_("Choose an action and give a reason."), "error")
        return redirect(back)
    ids = None
    if form.scope.data != "filter":
        ids = request.form.getlist("ids", type=row_id)
        if not ids:
            flash(_("Select at least one comment, or apply the action to the whole filter."), "error")
            return redirect(back)
    with refusal() as refused:
        applied = moderation.apply(consultation, form.action.data, form.reason.data, current_user, ids=ids,
                                   f=_current_filter(filters), zone=contact_zone())
        flash(_("%(num)s comments changed.", num=applied.count), "success")
    if refused:
        flash(refused.message, "error")
    return redirect(back)


@bp.route("/review", methods=["GET", "POST"])
@require(permissions.can_moderate)
def review(consultation_id: int):
    """One comment at a time, oldest first, with opt-in keyboard shortcuts (static/js/moderation.js);
    each action can be undone from the message that reports it."""
    consultation = _consultation(consultation_id)
    filters = _filter_form()
    current = _current_filter(filters)
    if filters.errors and request.method == "GET":
        flash(_("The filter holds a value that cannot be used; it was left out."), "error")
    if current.is_empty():
        current.status = CommentStatus.PENDING
    form = ReviewForm()
    if form.validate_on_submit():
        comment_id = request.form.get("comment_id", type=row_id)
        if comment_id is None:
            abort(400)
        reason = form.reason.data or str(ACTION_LABELS.get(form.action.data, form.action.data))
        back = {"consultation_id": consultation.id, "after": comment_id, **current.as_dict()}
        with refusal() as refused:
            applied = moderation.apply(consultation, form.action.data, reason, current_user, ids=[comment_id],
                                       zone=contact_zone())
            return redirect(url_for("moderation.review", done=applied.event_id, **back))
        flash(refused.message, "error")
        return redirect(url_for("moderation.review", **back))
    done = request.args.get("done", type=row_id)
    last = moderation.undoable(consultation, done) if done is not None else None
    at = request.args.get("at", type=row_id)
    comment, remaining = moderation.next_comment(consultation, current, request.args.get("after", type=row_id) or at,
                                                 including=at is not None, zone=contact_zone())
    return render_template("staff/moderation/review.html", consultation=consultation, comment=comment,
                           remaining=remaining, form=form, filter_args=current.as_dict(), last=last,
                           done_event=done, done_labels=DONE_LABELS,
                           action_labels=ACTION_LABELS, can_see=_personal_data_visible, can_act=_may_act)


@bp.route("/review/undo", methods=["POST"])
@require(permissions.can_moderate)
def undo(consultation_id: int):
    """Undo an action taken on the review page; that comment is shown again."""
    consultation = _consultation(consultation_id)
    current = _current_filter(_filter_form())
    event_id = request.form.get("event", type=row_id)
    if event_id is None:
        abort(400)
    with refusal() as refused:
        shown = moderation.undo(consultation, event_id, current_user)[0]
        flash(_("Undone: the comment is as it was before."), "success")
        return redirect(url_for("moderation.review", consultation_id=consultation.id, at=shown, **current.as_dict()))
    flash(refused.message, "error")
    return redirect(url_for("moderation.review", consultation_id=consultation.id, **current.as_dict()))
