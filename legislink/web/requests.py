"""Requests beyond legislation (民情): the admin's list of departments (承办单位), the staff's referral
pages (send a comment to a department, mark it taken up, record the reply) and the workspace of
requests, overdue ones first."""

from io import BytesIO

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter import RateLimitExceeded
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from wtforms import DateField, HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from .. import permissions
from ..extensions import db, limiter
from ..models import Channel, Comment, Identity, ReferralStatus, utcnow
from ..services import comments, referrals, request_reports, standing, stations
from . import errors, public
from .boundary import refusal
from .fields import DateInRange, clean_text, row_id
from .filters import local_today
from .guards import private, require
from .public_forms import COUNTED, TEXT_VALIDATORS, CommentForm

departments_bp = Blueprint("departments", __name__, url_prefix="/admin/departments")
bp = Blueprint("requests", __name__, url_prefix="/staff/requests")

STATE_LABELS = {
    ReferralStatus.PENDING.value: _l("Waiting to be taken up"),
    ReferralStatus.IN_PROGRESS.value: _l("In progress"),
    ReferralStatus.DONE.value: _l("Done"),
    referrals.OVERDUE: _l("Overdue"),
}


# -- departments (admin) ----------------------------------------------------------------------------


class DepartmentForm(FlaskForm):
    name = StringField(_l("Name"), filters=[clean_text], validators=[DataRequired(), Length(max=referrals.NAME_LIMIT)])
    contact = StringField(_l("Contact (optional)"), filters=[clean_text],
                          validators=[Optional(), Length(max=referrals.CONTACT_LIMIT)])


class DepartmentChange(FlaskForm):
    department = HiddenField(validators=[DataRequired()])
    action = HiddenField(validators=[DataRequired()])
    name = StringField(_l("Name"), filters=[clean_text], validators=[Optional(), Length(max=referrals.NAME_LIMIT)])
    contact = StringField(_l("Contact"), filters=[clean_text],
                          validators=[Optional(), Length(max=referrals.CONTACT_LIMIT)])


@departments_bp.route("/", methods=["GET", "POST"], endpoint="index")
@require(permissions.can_manage_accounts)
def department_list():
    form = DepartmentForm()
    if form.validate_on_submit():
        with refusal() as refused:
            referrals.create_department(form.name.data, form.contact.data or "", actor=current_user)
            flash(_("Department %(name)s added.", name=form.name.data), "success")
            return redirect(url_for("departments.index"))
        form.name.errors.append(refused.message)
    return render_template("admin/departments.html", form=form, departments=referrals.departments())


@departments_bp.route("/change", methods=["POST"])
@require(permissions.can_manage_accounts)
def change():
    """Rename (and give the contact of), retire or bring back one department."""
    form = DepartmentChange()
    if not form.validate_on_submit():
        flash(_("The change could not be read; try again."), "error")
        return redirect(url_for("departments.index"))
    try:
        department_id = row_id(form.department.data)
    except ValueError:
        department_id = None
    with refusal() as refused:
        if form.action.data == "rename":
            department = referrals.rename_department(department_id, form.name.data or "", form.contact.data or "",
                                                     actor=current_user)
            flash(_("Department %(name)s saved.", name=department.name), "success")
        elif form.action.data in ("retire", "restore"):
            department = referrals.set_department_active(department_id, form.action.data == "restore",
                                                         actor=current_user)
            flash(_("%(name)s is retired: it keeps its past requests and takes no new ones.", name=department.name)
                  if not department.active else _("%(name)s takes requests again.", name=department.name),
                  "success")
        else:
            flash(_("The change could not be read; try again."), "error")
    if refused:
        flash(refused.message, "error")
    return redirect(url_for("departments.index"))


# -- referrals (staff) ------------------------------------------------------------------------------


class ReferForm(FlaskForm):
    department = SelectField(_l("Department"), validators=[DataRequired()])
    due_on = DateField(_l("Due on"), validators=[DataRequired(), DateInRange()])
    matter = TextAreaField(_l("Matter as sent to the department (optional: the comment's text)"),
                           filters=[clean_text], validators=[Optional(), Length(max=referrals.MATTER_LIMIT)])


class ReplyForm(FlaskForm):
    reply = TextAreaField(_l("The department's reply"), filters=[clean_text],
                          validators=[DataRequired(), Length(max=referrals.REPLY_LIMIT)])
    replied_on = DateField(_l("Replied on"), validators=[DataRequired(), DateInRange()])


class ListFilter(FlaskForm):
    class Meta:
        csrf = False  # a GET form: it changes nothing

    state = SelectField(_l("State"), validators=[Optional()],
                        choices=[SelectChoice("", _l("All"))] + [SelectChoice(k, v) for k, v in STATE_LABELS.items()])
    department = SelectField(_l("Department"), validators=[Optional()])


def _department_choices(active_only: bool) -> list[SelectChoice]:
    return [SelectChoice(str(d.id), d.name if d.active else _("%(name)s (retired)", name=d.name))
            for d in referrals.departments(active_only=active_only)]


def _refer_form() -> ReferForm:
    form = ReferForm()
    form.department.choices = [SelectChoice("", _("Choose a department"))] + _department_choices(True)
    return form


def _may_act(comment) -> bool:
    return permissions.comment_scope(current_user).allows(comment.station_id, comment.channel)


def _page_context(comment: Comment) -> dict:
    return {"comment": comment, "referral": referrals.of_comment(comment.id), "today": local_today(),
            "can_act": _may_act(comment), "state_labels": STATE_LABELS,
            "can_see": permissions.can_view_personal_data(current_user, comment.station_id)}


@bp.route("/")
@require(permissions.can_handle_requests)
def index():
    """民情转办: every referral, overdue first, then by due day; done ones last."""
    form = ListFilter(request.args)
    form.department.choices = [SelectChoice("", _("All"))] + _department_choices(False)
    values = form.data if form.validate() else {}
    today = local_today()
    try:
        department_id = row_id(values["department"]) if values.get("department") else None
    except ValueError:
        department_id = None
    rows = referrals.listed(today, state=values.get("state") or None, department_id=department_id)
    return render_template("staff/requests/index.html", form=form, rows=rows, today=today,
                           state_labels=STATE_LABELS, start_form=FlaskForm(), reply_form=_reply_form(),
                           overdue=referrals.overdue_count(today), can_act=_may_act, standing=standing.find())


@bp.route("/requests.xlsx", methods=["POST"])
@require(permissions.can_handle_requests)
def download():
    """Every request sent to a department, through whatever form it came, as the 民情转办 workbook;
    a POST, since each download is written to the audit log."""
    today = local_today()
    out = BytesIO()
    request_reports.export_requests(out, today, actor=current_user)
    out.seek(0)
    return send_file(out, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     as_attachment=True, download_name=f"民情转办-{today.isoformat()}.xlsx")


def _reply_form(**data) -> ReplyForm:
    form = ReplyForm(**data)
    if form.replied_on.data is None:
        form.replied_on.data = local_today()
    return form


@bp.route("/comments/<int:comment_id>")
@require(permissions.can_handle_requests)
def comment(comment_id: int):
    """One comment: send it to a department, or follow where it went."""
    found = db.get_or_404(Comment, comment_id)
    return render_template("staff/requests/comment.html", form=_refer_form(), reply_form=_reply_form(),
                           start_form=FlaskForm(), **_page_context(found))


@bp.route("/comments/<int:comment_id>/refer", methods=["POST"])
@require(permissions.can_handle_requests)
def refer(comment_id: int):
    found = db.get_or_404(Comment, comment_id)
    form = _refer_form()
    if form.validate_on_submit():
        try:
            department_id = row_id(form.department.data)
        except ValueError:
            department_id = None
        with refusal() as refused:
            referral = referrals.refer(found.id, department_id, form.due_on.data, today=local_today(),
                                       matter=form.matter.data or "", actor=current_user)
            flash(_("Sent to %(name)s, due on %(date)s.", name=referral.department.name,
                    date=referral.due_on.isoformat()), "success")
            return redirect(url_for("requests.comment", comment_id=found.id))
        if refused.code == "other_station":
            abort(403)
        target = {"due_after_today": form.due_on, "matter_too_long": form.matter}.get(refused.code, form.department)
        target.errors.append(refused.message)
    return render_template("staff/requests/comment.html", form=form, reply_form=_reply_form(),
                           start_form=FlaskForm(), **_page_context(found))


def _back(comment_id: int) -> str:
    """Back to the list the form was sent from, or to the comment's page."""
    if request.form.get("back") == "list":
        return url_for("requests.index")
    return url_for("requests.comment", comment_id=comment_id)


@bp.route("/comments/<int:comment_id>/start", methods=["POST"])
@require(permissions.can_handle_requests)
def start(comment_id: int):
    found = db.get_or_404(Comment, comment_id)
    if not FlaskForm().validate_on_submit():
        flash(_("The change could not be read; try again."), "error")
        return redirect(_back(found.id))
    with refusal() as refused:
        referrals.start(found.id, actor=current_user)
        flash(_("Marked in progress."), "success")
    if refused:
        flash(refused.message, "error")
    return redirect(_back(found.id))


@bp.route("/comments/<int:comment_id>/reply", methods=["POST"])
@require(permissions.can_handle_requests)
def reply(comment_id: int):
    found = db.get_or_404(Comment, comment_id)
    form = ReplyForm()
    if form.validate_on_submit():
        with refusal() as refused:
            referrals.record_reply(found.id, form.reply.data, form.replied_on.data, today=local_today(),
                                   actor=current_user)
            flash(_("The reply is recorded; the resident sees it on the receipt."), "success")
            return redirect(_back(found.id))
        if refused.code == "other_station":
            abort(403)
        (form.replied_on if refused.code == "reply_day" else form.reply).errors.append(refused.message)
    return render_template("staff/requests/comment.html", form=_refer_form(), reply_form=form,
                           start_form=FlaskForm(), **_page_context(found))



# -- the standing 民情直通 form (public) --------------------------------------------------------------

public_bp = Blueprint("resident_requests", __name__)


class RequestForm(CommentForm):
    """The comment form without an article, a wording or a reason: a request says what needs doing.
    Its fields keep the comment form's names, validation and limits (DESIGN.md: kiosks post them)."""

    article = None
    suggestion = None
    reason = None
    text = TextAreaField(_l("What should be done, and where?"), filters=[clean_text], validators=TEXT_VALIDATORS,
                         render_kw=COUNTED)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent.label.text = _l("The liaison station may contact me about this request and tell me the "
                                     "department's reply.")


def _request_form() -> RequestForm:
    form = RequestForm(station=request.args.get("station", ""))
    form.station.choices = [SelectChoice("", _("Not sure / none"))] + [
        SelectChoice(s.code, s.name) for s in stations.listed(active_only=True)]
    return form


@public_bp.route("/requests/new", methods=["GET", "POST"])
# The comment form's limit, counted the same way: only a request that was received counts.
@limiter.limit(public._comment_limit, methods=["POST"], deduct_when=public._never)
@private
def new():
    """民情直通: open all year, for what residents need done locally; the receipt follows it."""
    form = _request_form()
    if form.validate_on_submit():
        if form.website.data:
            current_app.logger.info("request refused: honeypot filled")
            abort(400)
        now = utcnow()
        with refusal() as refused:
            # The standing consultation is made by the first request that arrives, never by a GET.
            consultation = standing.get_or_create(now)
            saved = comments.submit(consultation, comments.CommentInput(
                text=form.text.data, identity=Identity(form.identity.data), station_code=form.station.data or None,
                channel=Channel.ONLINE, name=form.name.data or "", phone=form.phone.data or "",
                consent=form.consent.data), now=now)
            public._count_accepted_comment()
            return redirect(url_for("public.receipt", code=saved.receipt_code, sent=1))
        form.station.errors.append(refused.message)
    return render_template("public/request_form.html", form=form)


@public_bp.errorhandler(CSRFError)
def expired(error: CSRFError):
    """As on the comment form: a request whose form token has gone comes back whole."""
    return _request_again(error, _("This form had expired, so your request was not sent yet. Everything you "
                                   "wrote is still here: check it and send it once more."))


@public_bp.errorhandler(RateLimitExceeded)
def limited(error: RateLimitExceeded):
    return _request_again(error, _("Many messages were sent from your connection in the last minutes, so this "
                                   "request was not received yet. Everything you wrote is still here: wait a "
                                   "minute and send it again."))


def _request_again(error, message: str):
    """The request form once more, holding what was typed, with a fresh token and why it was not sent.
    Nothing was saved: the limit rolls back the request (and the standing consultation it made)."""
    if request.endpoint != "resident_requests.new" or request.method != "POST" or not public.sent_from_this_site():
        return errors.page_for(error)
    form = _request_form()
    form.form_errors.append(message)
    return render_template("public/request_form.html", form=form), error.code
