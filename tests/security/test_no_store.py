"""Pages and downloads that hold names or phone numbers are never kept by a browser or a proxy cache:
they answer `Cache-Control: no-store`. Public pages without personal data stay cacheable."""

import pytest

from legislink.extensions import db
from legislink.models import Comment, Consultation

from ..builders import make_comment
from ..conftest import post_form


@pytest.fixture
def commenter(world):
    consultation = db.session.get(Consultation, world.consultation_id)
    comment = make_comment(consultation, name="王大锤", phone="+8613800138000", consent=True,
                           station_id=world.station_id)
    db.session.commit()
    return comment.receipt_code


def no_store(response) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")


def test_workspace_pages_with_names_or_phone_numbers_are_not_stored(admin, world, commenter):
    base = f"/staff/consultations/{world.consultation_id}"
    for url in [f"{base}/comments", f"{base}/review", f"{base}/offline", f"{base}/offline/{commenter}",
                f"{base}/report/", "/admin/audit", "/admin/users",
                "/admin/personal-data", "/staff/"]:
        response = admin.get(url)
        assert response.status_code == 200, url
        assert no_store(response), url


def test_exports_are_not_stored(admin, world, commenter):
    url = f"/staff/consultations/{world.consultation_id}/report/download"
    response = post_form(admin, url, {}, form_url=f"/staff/consultations/{world.consultation_id}/report/")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert no_store(response)


def test_the_contact_list_download_is_not_stored(admin, world, commenter):
    # A POST since downloading it is audited (a GET writes nothing).
    url = f"/staff/consultations/{world.consultation_id}/report/contacts.xlsx"
    response = post_form(admin, url, {}, form_url=f"/staff/consultations/{world.consultation_id}/report/")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert no_store(response)


def test_a_personal_data_export_is_not_stored(admin, commenter):
    response = post_form(admin, "/admin/personal-data", {"code": commenter, "action": "export"})
    assert response.mimetype == "application/json"
    assert no_store(response)


def test_a_residents_receipt_and_form_are_not_stored(client, world, commenter):
    assert db.session.query(Comment).count() == 1
    assert no_store(client.get(f"/receipts/{commenter}"))
    refused = post_form(client, world.comment_url, {"name": "王大锤", "phone": "+8613800138000", "text": ""})
    assert "+8613800138000" in refused.get_data(as_text=True), "the form comes back filled in"
    assert no_store(refused)


def test_public_pages_without_personal_data_stay_cacheable(client, world):
    for url in ["/", f"/drafts/{world.draft_id}", "/api/v1/consultations"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not no_store(response), url
