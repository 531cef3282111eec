"""The staff workspace: drafts, consultations and the work waiting on them."""

from flask import Blueprint, render_template

from .. import permissions
from ..services import workspace
from .guards import require

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.route("/")
@require(permissions.can_enter_workspace)
def home():
    return render_template("staff/home.html", drafts=workspace.draft_overview(), calls=workspace.proposal_calls())
