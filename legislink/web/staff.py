"""The staff workspace: drafts, consultations and the work waiting on them."""

from flask import Blueprint, render_template
from flask_login import current_user

from .. import permissions
from ..services import referrals, workspace
from .filters import local_today
from .guards import require

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.route("/")
@require(permissions.can_enter_workspace)
def home():
    overdue = referrals.overdue_count(local_today()) if permissions.can_handle_requests(current_user) else None
    return render_template("staff/home.html", drafts=workspace.draft_overview(), calls=workspace.proposal_calls(),
                           overdue=overdue)
