"""Route guards: every workspace route names the permission predicate it needs."""

from collections.abc import Callable
from functools import wraps

from flask import abort, jsonify, redirect, request, url_for
from flask_login import current_user

from .errors import wants_json


def require(predicate: Callable[..., bool]):
    """Refuse (403) unless predicate(current_user) holds; anonymous visitors go to sign-in, or get a
    401 from the JSON API, whose clients cannot follow a redirect to an HTML form (nor to the password
    change an account must make first: a 403 that says so)."""

    def decorate(view):
        view.permission = predicate

        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                if wants_json():
                    abort(401)
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if current_user.must_change_password:
                if wants_json():
                    # Said as the other refusals are, with what to do: a script cannot fill in the form.
                    return jsonify(error="password_change_required", status=403,
                                   message="This account must change its password (at /account/password) "
                                           "before it can use the API."), 403
                return redirect(url_for("auth.change_password", next=request.full_path.rstrip("?")))
            if not predicate(current_user):
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorate


def private(view):
    """A public page that still holds one person's data (their receipt, their form filled back in):
    like every guarded route it answers Cache-Control: no-store (security.init_headers)."""
    view.private = True
    return view


def holds_personal_data(view) -> bool:
    return callable(getattr(view, "permission", None)) or getattr(view, "private", False)
