"""Open data, JSON, read-only: consultations, draft structure and counts. Never personal data."""

from flask import Blueprint, jsonify

from ..extensions import csrf
from ..models import ProvisionLevel, utcnow
from ..services import consultations, reader
from ..services.stats import public_stats
from .lookups import published_draft

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


def _consultation_json(summary) -> dict:
    """One consultation of any kind: a draft id, issuing body and version only when a text is consulted."""
    c = summary.consultation
    entry = {
        "id": c.id,
        "kind": c.kind.value,
        "title": summary.title,
        "opens_at": c.opens_at.isoformat(),
        "closes_at": c.closes_at.isoformat(),
        "open": summary.is_open,
        "comments": summary.comments,
        "participants": summary.participants,
        "url": f"/drafts/{summary.draft.id}" if summary.draft is not None else f"/consultations/{c.id}",
    }
    if summary.draft is not None:
        entry |= {"draft_id": summary.draft.id, "issuing_body": summary.draft.issuing_body,
                  "version": summary.version.label}
    else:
        entry["intro"] = c.intro
    return entry


@bp.route("/consultations")
def consultation_list():
    return jsonify([_consultation_json(s) for s in consultations.list_public(utcnow())])


def _node_json(node, counts) -> dict:
    p = node.provision
    if p.is_heading:
        return {"type": "heading", "level": p.level.value, "label": p.label, "title": p.title,
                "children": [_node_json(c, counts) for c in node.children]}
    return {
        "type": "article", "label": p.label, "number": p.number, "sub": p.sub, "caption": p.caption or None,
        "deleted": p.deleted, "anchor": node.anchor, "comments": counts.get(p.id, 0),
        "paragraphs": [
            {"text": para.provision.text,
             "items": [item.provision.label + item.provision.text for item in para.children]}
            for para in node.children if para.provision.level == ProvisionLevel.PARAGRAPH
        ],
    }


@bp.route("/drafts/<int:draft_id>")
def draft_detail(draft_id: int):
    draft, consultation = published_draft(draft_id, utcnow())
    counts = reader.comment_counts(consultation.id)
    return jsonify({
        "id": draft.id,
        "title": draft.title,
        "issuing_body": draft.issuing_body,
        "kind": draft.kind.value,
        "version": {"id": consultation.version.id, "label": consultation.version.label,
                    "articles": consultation.version.article_count},
        "consultation": {"opens_at": consultation.opens_at.isoformat(), "closes_at": consultation.closes_at.isoformat(),
                         "open": consultation.is_open(utcnow())},
        "whole_draft_comments": counts.get(None, 0),
        "structure": [_node_json(n, counts) for n in reader.version_tree(consultation.version_id)],
    })


@bp.route("/drafts/<int:draft_id>/stats")
def draft_stats(draft_id: int):
    _, consultation = published_draft(draft_id, utcnow())
    return jsonify(public_stats(consultation))
