"""Friendly error pages, in the visitor's language; JSON for the API."""

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def wants_json() -> bool:
    return request.path.startswith("/api/")


def _page(error: HTTPException):
    if wants_json():
        return jsonify(error=error.name, status=error.code), error.code
    return render_template("errors/error.html", error=error), error.code


def _csrf(error: CSRFError):
    if wants_json():
        return jsonify(error="csrf", status=400), 400
    return render_template(
        "errors/error.html",
        error=error,
        message=_("This form has expired or was not sent from this site. Go back, reload the page and send it again."),
    ), 400


def page_for(error: HTTPException):
    """The page an error gets when nothing more particular answers it (see public.expired)."""
    return _csrf(error) if isinstance(error, CSRFError) else _page(error)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf)
    app.register_error_handler(HTTPException, _page)
