"""Opinion review per article: groups with keywords and counts, form letters collapsed, and the
edits that turn them into the report's wording. Also where staff start an analysis run."""


from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from .. import permissions
from ..extensions import db
from ..models import Consultation, ConsultationKind, Provision, utcnow
from ..services import analysis as analysis_service
from ..services import jobs, opinions, reader
from .boundary import execute_after_commit, refusal
from .fields import page_number, row_id
from .guards import require

bp = Blueprint("opinions", __name__, url_prefix="/staff/consultations/<int:consultation_id>/opinions")

# The stages an analysis run reports (`services.analysis`), as staff read them.
STAGES = {"prepare": _l("preparing"), "analyse": _l("analysing the comments"), "store": _l("storing the result"),
          "group": _l("grouping opinions"), "done": _l("done")}


def _consultation(consultation_id: int) -> Consultation:
    return db.get_or_404(Consultation, consultation_id)


def _provision_id(consultation: Consultation, label: str | None) -> int | None:
    if not label or label == "-":
        return None
    return db.session.scalar(select(Provision.id).where(Provision.version_id == consultation.version_id,
                                                        Provision.label == label))


@bp.route("/")
@require(permissions.can_review_opinions)
def index(consultation_id: int):
    consultation = _consultation(consultation_id)
    articles = opinions.article_index(consultation)
    label = request.args.get("article")
    if label is None and articles:
        label = articles[0].label or "-"
    shown = opinions.groups_of(consultation, _provision_id(consultation, label),
                               request.args.get("page", 1, type=page_number))
    now = utcnow()
    proposals = consultation.kind == ConsultationKind.PROPOSAL
    return render_template(
        "staff/opinions.html", consultation=consultation, articles=articles, label=label or "-", shown=shown,
        groups=shown.groups, ungrouped=shown.ungrouped, pending=analysis_service.pending_count(consultation),
        run=jobs.active_run(consultation, now), last_run=jobs.latest_run(consultation),
        article_labels=reader.article_labels(consultation.version_id) if consultation.has_text else [],
        proposals=proposals, names=opinions.proposal_names(consultation) if proposals else {}, stages=STAGES,
        guessed=opinions.guess_count(consultation),
    )


@bp.route("/guesses")
@require(permissions.can_review_opinions)
def guesses(consultation_id: int):
    """The comments the analysis placed by their content, one list across articles, to confirm or move."""
    consultation = _consultation(consultation_id)
    if not consultation.has_text:
        abort(404)
    shown = opinions.guesses(consultation, request.args.get("page", 1, type=page_number))
    return render_template("staff/guesses.html", consultation=consultation, shown=shown,
                           article_labels=reader.article_labels(consultation.version_id))


def _back(consultation: Consultation):
    """Back to the article, or to the list of guesses (`back`), on the page the form was sent from (a page past
    the last shows the last)."""
    page = request.form.get("page", 1, type=page_number)
    page = page if page > 1 else None
    if request.form.get("back") == "guesses":
        return redirect(url_for("opinions.guesses", consultation_id=consultation.id, page=page))
    return redirect(url_for("opinions.index", consultation_id=consultation.id,
                            article=request.form.get("article") or None, page=page))


def _apply(consultation: Consultation, action, success):
    """Run `action`; say `success` (or what `success` makes of the action's result) or why it was refused."""
    with refusal() as refused:
        done = action()
        flash(success(done) if callable(success) else success, "success")
    if refused:
        flash(refused.message, "error")
    return _back(consultation)


@bp.route("/analyse", methods=["POST"])
@require(permissions.can_run_analysis)
def analyse(consultation_id: int):
    consultation = _consultation(consultation_id)
    full = request.form.get("full") == "1"
    with refusal() as refused:
        run, background = jobs.start(consultation, full=full, now=utcnow(), actor=current_user,
                                     background_threshold=current_app.config["ANALYSIS_BACKGROUND_THRESHOLD"])
        execute_after_commit(
            run.id, background, queued=_("The analysis runs in the background; this page shows its progress."),
            done=lambda done: _("Analysis done: %(num)s comments analysed, %(groups)s opinion groups.",
                                num=done.summary.get("analysed", 0), groups=done.summary.get("groups", 0)))
    if refused:
        flash(refused.message, "error")
    return _back(consultation)


@bp.route("/groups/<int:group_id>", methods=["POST"])
@require(permissions.can_review_opinions)
def save_group(consultation_id: int, group_id: int):
    consultation = _consultation(consultation_id)
    summary = request.form.get("summary", "")[:5000]
    in_report = request.form.get("in_report") == "1"
    return _apply(consultation, lambda: opinions.write_summary(consultation, group_id, summary, in_report,
                                                               current_user), _("Saved."))


@bp.route("/merge", methods=["POST"])
@require(permissions.can_review_opinions)
def merge(consultation_id: int):
    consultation = _consultation(consultation_id)
    ids = request.form.getlist("groups", type=row_id)
    return _apply(consultation, lambda: opinions.merge(consultation, ids, current_user), _("Groups merged."))


@bp.route("/split", methods=["POST"])
@require(permissions.can_review_opinions)
def split(consultation_id: int):
    consultation = _consultation(consultation_id)
    ids = request.form.getlist("comments", type=row_id)
    if not ids:
        flash(_("Tick the comments to take out of their group."), "error")
        return _back(consultation)
    return _apply(consultation, lambda: opinions.split(consultation, ids, current_user),
                  _("A new group was made of the ticked comments."))


@bp.route("/comments/<int:comment_id>/move", methods=["POST"])
@require(permissions.can_review_opinions)
def move(consultation_id: int, comment_id: int):
    consultation = _consultation(consultation_id)
    target = request.form.get("group", type=row_id)
    if target is None:
        flash(_("Choose the group to move the comment to."), "error")
        return _back(consultation)
    return _apply(consultation, lambda: opinions.move(consultation, comment_id, target, current_user),
                  _("Comment moved."))


@bp.route("/comments/<int:comment_id>/article", methods=["POST"])
@require(permissions.can_review_opinions)
def reattribute(consultation_id: int, comment_id: int):
    consultation = _consultation(consultation_id)
    label = (request.form.get("label") or "").strip()[:40]
    where = label or _("the whole draft")

    def said(done) -> str:
        _comment, moved = done
        if moved:
            return _("The comment now counts on %(label)s; the next analysis run groups it there.", label=where)
        return _("The comment stays on %(label)s, as staff's choice.", label=where)
    return _apply(consultation, lambda: opinions.reattribute(consultation, comment_id, label, current_user), said)
