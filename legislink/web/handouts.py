"""What a contact point hands out about an open consultation: a printable A4 poster with a QR code
to the draft page (markets, community boards), and the consulted text as .docx and .txt."""

import segno
from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from markupsafe import Markup

from ..lawtext.handout import as_docx, as_text
from ..models import utcnow
from ..services import consultations, reader, stations
from .lookups import published_draft

bp = Blueprint("handouts", __name__)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def qr_svg(url: str) -> Markup:
    """The QR code as inline SVG, drawn by segno; it scales with the page and prints sharp. The page
    names it (role="img" with a label), so the SVG holds nothing but segno's path."""
    code = segno.make(url, error="m", micro=False)
    return Markup(code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr"))  # noqa: S704 - segno's own markup


@bp.route("/drafts/<int:draft_id>/poster")
def poster(draft_id: int):
    """`?station=CODE`: the code leads to the draft with that station already chosen on the form."""
    now = utcnow()
    draft, consultation = published_draft(draft_id, now)
    if not consultation.is_open(now):
        return redirect(url_for("public.draft", draft_id=draft.id))  # nothing to call people to
    code = request.args.get("station", "")
    station = dict(stations.offered(consultation)).get(code)
    target = url_for("public.draft", draft_id=draft.id, station=code if station else None, _external=True)
    return render_template(
        "public/poster.html", draft=draft, consultation=consultation, station=station, target=target,
        qr=qr_svg(target), contact_point=current_app.config["CONTACT_POINT_NAME"],
        days_left=consultations.days_left(consultation, now, current_app.config["BABEL_DEFAULT_TIMEZONE"]),
    )


def _text(draft_id: int):
    draft, consultation = published_draft(draft_id, utcnow())
    version = consultation.version
    return draft, version, reader.consulted_text(version.id, version.parsed_title or draft.title)


def _download(body: bytes, mimetype: str, name: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers.set("Content-Disposition", "attachment", filename=name)
    return response


@bp.route("/drafts/<int:draft_id>/text.txt")
def text_txt(draft_id: int):
    draft, version, lines = _text(draft_id)
    return _download(as_text(lines).encode("utf-8-sig"), "text/plain; charset=utf-8",
                     f"{draft.title}（{version.label}）.txt")


@bp.route("/drafts/<int:draft_id>/text.docx")
def text_docx(draft_id: int):
    draft, version, lines = _text(draft_id)
    return _download(as_docx(lines), DOCX, f"{draft.title}（{version.label}）.docx")
