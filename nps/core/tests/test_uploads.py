"""Issue 21, finding 8: any form POST took a file part of any size (200 MB spooled to /tmp on an
anonymous login POST). Files are now refused where a view takes none, and capped where one does
(the admin's legacy import), before their bytes are stored (nps/core/uploads.py)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client

from imports.models import ImportJob
from nps.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
IMPORT_ADD = "/admin/imports/importjob/add/"


@pytest.fixture
def stored_files(monkeypatch) -> list[str]:
    """The names of the files that reached a temporary file on disk."""
    names: list[str] = []
    original = TemporaryFileUploadHandler.new_file

    def new_file(self, field_name, file_name, *args, **kwargs):
        names.append(file_name)
        return original(self, field_name, file_name, *args, **kwargs)

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", new_file)
    return names


def big_file(size: int, name: str = "big.bin") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\0" * size, content_type="application/octet-stream")


@pytest.mark.parametrize("path", ["/login", "/signup", "/password-reset", "/settings/password"])
def test_finding_8_a_file_sent_to_a_page_that_takes_none_is_a_400_and_never_stored(
    client, stored_files, path
):
    response = client.post(
        path, {"username": "someone", "password": "x", "attachment": big_file(3 * MB)}
    )
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()  # the site's error page
    assert stored_files == []


def test_finding_8_a_signed_in_page_refuses_files_as_well(client, user, stored_files):
    client.force_login(user)
    response = client.post("/profiles/new", {"name": "Ali", "photo": big_file(10)})
    assert response.status_code == 400
    assert stored_files == []


def test_finding_8_a_form_without_files_is_untouched(client, user, password):
    # A multipart form with plain fields only still logs in.
    response = client.post("/login", {"username": user.username, "password": password})
    assert response.status_code == 302


@pytest.fixture
def admin_client(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def test_finding_8_the_import_page_refuses_a_zip_over_its_cap_with_413(
    admin_client, settings, stored_files
):
    settings.NPS_IMPORT_MAX_UPLOAD_MB = 1
    owner = UserFactory()
    response = admin_client.post(
        IMPORT_ADD,
        {
            "source": "v3",
            "owner": owner.pk,
            "timezone": "UTC",
            "archive": big_file(3 * MB, "v3.zip"),
        },
    )
    assert response.status_code == 413
    body = response.content.decode()
    assert "larger than this page takes (at most 1 MB)" in body
    assert stored_files == []  # refused from its declared length, before a byte was stored
    assert not ImportJob.objects.exists()


def test_finding_8_the_import_page_stops_reading_a_file_at_its_cap(settings, admin_client):
    # The declared length may lie (chunked bodies): the bytes are counted as they arrive too.
    settings.NPS_IMPORT_MAX_UPLOAD_MB = 1
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * MB  # lets the declared length through
    response = admin_client.post(
        IMPORT_ADD, {"source": "v3", "timezone": "UTC", "archive": big_file(2 * MB, "v3.zip")}
    )
    assert response.status_code == 413


def test_finding_8_the_import_page_still_takes_a_zip_within_its_cap(admin_client):
    owner = UserFactory()
    response = admin_client.post(
        IMPORT_ADD,
        {"source": "v3", "owner": owner.pk, "timezone": "UTC", "archive": big_file(10, "v3.zip")},
    )
    # Reaches the form: the bytes are not a ZIP, so the field says so (no 400/413).
    assert response.status_code == 200
    assert "archive" in response.content.decode()
    assert response.context["adminform"].form.errors.get("archive")


def test_finding_8_the_api_answers_a_too_large_upload_in_json(rf):
    from nps.core import uploads
    from nps.core.views import bad_request

    response = bad_request(rf.post("/api/oracle/users"), uploads.UploadTooLarge(MB))
    assert response.status_code == 413
    assert json.loads(response.content) == {"detail": "The request body is too large."}
