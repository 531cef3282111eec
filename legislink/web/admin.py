"""Administration: accounts and liaison stations."""


from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, current_app, flash, json, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import DateField, IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from .. import permissions
from ..extensions import db
from ..models import Role, User, utcnow
from ..services import accounts, audit, personal_data, stations
from . import audit_text
from .auth import lockout
from .boundary import refusal
from .fields import MAX_ROW_ID, DateInRange, PhoneNumber, clean_text, page_number
from .guards import require

bp = Blueprint("admin", __name__, url_prefix="/admin")

ROLE_LABELS = audit_text.ROLE_LABELS


class UserForm(FlaskForm):
    username = StringField(_l("User name"), validators=[DataRequired(), Length(max=64)])
    display_name = StringField(_l("Full name"), validators=[Optional(), Length(max=100)])
    role = SelectField(_l("Role"), choices=[SelectChoice(r.value, ROLE_LABELS[r]) for r in Role])
    station = SelectField(_l("Liaison station"), validators=[Optional()])


class StationForm(FlaskForm):
    code = StringField(_l("Code"), validators=[
        DataRequired(), Length(max=32),
        Regexp(r"^[A-Za-z0-9_-]+$", message=_l("Letters, digits, - and _ only.")),
    ])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=200)])


def _station_choices():
    rows = stations.listed()
    return [SelectChoice("", _("None"))] + [SelectChoice(s.code, f"{s.name} ({s.code})") for s in rows]


@bp.route("/users", methods=["GET", "POST"])
@require(permissions.can_manage_accounts)
def users():
    form = UserForm()
    form.station.choices = _station_choices()
    issued = None
    if form.validate_on_submit():
        # A one-time password: shown once here, changed by its owner at first sign-in.
        issued = accounts.generate_password()
        with refusal() as refused:
            user = accounts.create_user(
                form.username.data, Role(form.role.data), issued, station_code=form.station.data or None,
                display_name=form.display_name.data or "", must_change_password=True,
                min_length=current_app.config["PASSWORD_MIN_LENGTH"], actor=current_user,
            )
            flash(_("Account %(name)s created.", name=user.username), "success")
            form = UserForm(formdata=None)
            form.station.choices = _station_choices()
            issued = (user.username, issued)
        if refused:
            issued = None
            target = form.station if refused.code == "unknown_station" else form.username
            target.errors.append(refused.message)
    all_users = db.session.scalars(select(User).order_by(User.role, User.username)).all()
    locked = accounts.locked_usernames(utcnow(), lockout(current_app.config))
    return render_template("admin/users.html", form=form, users=all_users, issued=issued, role_labels=ROLE_LABELS,
                           locked=locked)


@bp.route("/users/<int:user_id>/toggle", methods=["POST"])
@require(permissions.can_manage_accounts)
def toggle_user(user_id: int):
    """Enable at once; disabling asks first (the person is signed out and cannot sign in)."""
    user = db.get_or_404(User, user_id)
    enable = request.form.get("enable", "1" if not user.is_enabled else "0") == "1"
    if user.id == current_user.id:
        flash(_("You cannot disable your own account."), "error")
    elif not enable and user.is_enabled and request.form.get("confirmed") != "1":
        return render_template("admin/confirm_disable.html", user=user)
    elif enable != user.is_enabled:
        accounts.set_enabled(user, enable, actor=current_user)
        flash(_("The account %(name)s is enabled.", name=user.username) if enable
              else _("The account %(name)s is disabled.", name=user.username), "success")
    return redirect(url_for("admin.users"))


@bp.route("/users/<int:user_id>/unlock", methods=["POST"])
@require(permissions.can_manage_accounts)
def unlock_user(user_id: int):
    user = db.get_or_404(User, user_id)
    accounts.unlock(user, actor=current_user)
    flash(_("Account %(name)s unlocked.", name=user.username), "success")
    return redirect(url_for("admin.users"))


@bp.route("/stations", methods=["GET", "POST"])
@require(permissions.can_manage_accounts)
def stations_page():
    form = StationForm()
    if form.validate_on_submit():
        with refusal() as refused:
            stations.create_station(form.code.data, form.name.data, form.address.data or "", actor=current_user)
            flash(_("Station %(name)s added.", name=form.name.data), "success")
            return redirect(url_for("admin.stations_page"))
        form.code.errors.append(refused.message)
    return render_template("admin/stations.html", form=form, stations=stations.listed())


class PersonForm(FlaskForm):
    code = StringField(_l("Receipt code"), filters=[clean_text], validators=[Optional(), Length(max=40)])
    phone = StringField(_l("Phone number"), filters=[clean_text],
                        validators=[Optional(), Length(max=32), PhoneNumber()])


@bp.route("/personal-data", methods=["GET", "POST"])
@require(permissions.can_manage_accounts)
def personal_data_page():
    """Find one person's comments by receipt code or phone; export them or erase their contact details."""
    form = PersonForm()
    person = None
    if form.validate_on_submit():
        with refusal() as refused:
            person = personal_data.find_person(form.code.data or "", form.phone.data or "")
            action = request.form.get("action")
            if action == "export":
                data = personal_data.export(person, current_user)
                return Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json",
                                headers={"Content-Disposition": "attachment; filename=personal-data.json"})
            if action == "erase":
                count = personal_data.erase(person, current_user)
                flash(_("Contact details removed from %(num)s comments.", num=count), "success")
                return redirect(url_for("admin.personal_data_page"))
        if refused:
            form.code.errors.append(refused.message)
            person = None
    return render_template("admin/personal_data.html", form=form, person=person)


class AuditFilter(FlaskForm):
    class Meta:
        csrf = False  # a GET form: it changes nothing

    username = StringField(_l("User"), validators=[Optional(), Length(max=64)])
    action = StringField(_l("Action"), validators=[Optional(), Length(max=64)])
    object_id = IntegerField(_l("Row id"), validators=[Optional(), NumberRange(min=0, max=MAX_ROW_ID)])
    since = DateField(_l("From"), validators=[Optional(), DateInRange()])
    until = DateField(_l("To"), validators=[Optional(), DateInRange()])


@bp.route("/audit")
@require(permissions.can_view_audit_log)
def audit_log():
    """Read-only: there is no route that edits or deletes an audit event."""
    form = AuditFilter(request.args)
    values = form.data if form.validate() else {}
    until = values.get("until")
    found = audit.search(
        username=values.get("username") or "", action=values.get("action") or "", object_id=values.get("object_id"),
        since=_local_start(values.get("since")), until=_local_start(until + timedelta(days=1) if until else None),
        page=request.args.get("page", 1, type=page_number),
    )
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("admin/audit.html", form=form, found=found, args=args, sentence=audit_text.sentence)


def _local_start(day):
    """Midnight of a day in the contact point's time zone."""
    if day is None:
        return None
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
