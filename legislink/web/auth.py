"""Sign in, sign out, change the password."""

from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from ..extensions import limiter
from ..models import utcnow
from ..services import accounts
from . import messages
from .boundary import refusal
from .guards import private
from .security import is_safe_next, start_session

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    username = StringField(_l("User name"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=256)])
    new = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=256)])
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new", message=_l("The two new passwords differ."))],
    )


def lockout(config) -> accounts.Lockout:
    return accounts.Lockout(config["LOGIN_MAX_FAILURES"], timedelta(minutes=config["LOGIN_LOCKOUT_MINUTES"]))


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _next_url() -> str:
    target = request.args.get("next")
    return target if is_safe_next(target) else url_for("staff.home")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(_next_url())
    form = LoginForm()
    if form.validate_on_submit():
        config = current_app.config
        attempt = accounts.authenticate(
            form.username.data, form.password.data, utcnow(), lockout=lockout(config),
            ip=request.remote_addr or "",
        )
        if attempt.refusal is not None:
            form.password.errors.append(messages.describe(attempt.refusal))
        else:
            start_session(attempt.user)
            if attempt.user.must_change_password:
                return redirect(url_for("auth.change_password", next=_next_url()))
            return redirect(_next_url())
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        accounts.sign_out(current_user._get_current_object())
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("public.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@private
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        with refusal() as refused:
            accounts.change_password(current_user, form.current.data, form.new.data,
                                     min_length=current_app.config["PASSWORD_MIN_LENGTH"])
            # The old session token is gone with the old password: sign in again under the new one.
            start_session(current_user._get_current_object())
            flash(_("Your password has been changed."), "success")
            return redirect(_next_url())
        (form.current if refused.code == "wrong_current_password" else form.new).errors.append(refused.message)
    return render_template("auth/password.html", form=form)
