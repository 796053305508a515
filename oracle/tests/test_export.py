"""Exports: a reading as text, JSON and PDF (Persian shaped, in the text layer); the account's
data as a ZIP; the same files from the pages and the API."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core.models import AuditLog
from oracle.models import Reading
from oracle.services import readings, sealing
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

PERSIAN_QUESTION = "آیا سفر به شیراز خوشبختی می‌آورد؟"


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return user


def persian_reading(account) -> int:
    hamzeh = ProfileFactory(
        owner=account, name="Hamzeh", name_persian="حمزه", mother_name="Fatemeh"
    )
    principal = principal_for_account(account, auth_type="session")
    result = readings.create_question_reading(
        principal=principal, question=PERSIAN_QUESTION, profile_id=hamzeh.pk, use_ai=False
    )
    return result["reading_id"]


def page_export(client, reading_id: int, export_format: str):
    return client.get(reverse("oracle:reading-export", args=[reading_id, export_format]))


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdf_holds_the_persian_name_and_question_in_its_text_layer(client, owner):
    reading_id = persian_reading(owner)
    response = page_export(client, reading_id, "pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="nps-reading-{reading_id}.pdf"'
    text = pdf_text(response.content)
    assert "حمزه" in text
    assert "شیراز" in text and "خوشبختی" in text
    assert "Fatemeh" not in text  # never the mother's name


def test_text_export_is_a_summary_with_the_question_and_answer(client, owner):
    reading_id = persian_reading(owner)
    text = page_export(client, reading_id, "txt").content.decode()
    assert PERSIAN_QUESTION in text
    assert "Answer:" in text and "Hamzeh — حمزه" in text
    assert "Fatemeh" not in text


def test_json_export_is_exactly_the_stored_response(client, owner):
    reading_id = persian_reading(owner)
    body = json.loads(page_export(client, reading_id, "json").content)
    assert body == json.loads(
        json.dumps(sealing.reading_response(Reading.objects.get(pk=reading_id)))
    )
    assert body["question"] == PERSIAN_QUESTION


def test_export_is_audited_and_another_accounts_reading_is_a_404(client, owner):
    reading_id = persian_reading(owner)
    page_export(client, reading_id, "txt")
    assert AuditLog.objects.filter(action="oracle_reading.export", resource_id=reading_id).exists()
    foreign = persian_reading(UserFactory())
    assert page_export(client, foreign, "pdf").status_code == 404
    assert page_export(client, reading_id, "docx").status_code == 404


def test_api_exports_a_pdf_with_a_bearer_token(api_as):
    client = api_as(Role.USER)
    reading_id = persian_reading(client.account)
    url = reverse("api-reading-export", args=[reading_id])
    response = client.get(url, {"format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "حمزه" in pdf_text(response.content)


def test_api_unknown_format_is_a_422_naming_it_and_foreign_reading_a_404(api_as):
    client = api_as(Role.USER)
    reading_id = persian_reading(client.account)
    url = reverse("api-reading-export", args=[reading_id])
    refused = client.get(url, {"format": "docx"})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["query", "format"]
    other = api_as(Role.USER)
    assert other.get(url, {"format": "txt"}).status_code == 404


def test_download_my_data_is_a_zip_of_json_and_csv_decrypted(client, owner):
    reading_id = persian_reading(owner)
    persian_reading(UserFactory())  # another account's data stays out
    response = client.get(reverse("oracle:my-data"))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "profiles.csv",
        "profiles.json",
        "readings.csv",
        "readings.json",
    ]
    people = list(csv.DictReader(io.StringIO(archive.read("profiles.csv").decode("utf-8-sig"))))
    assert [(p["name"], p["mother_name"]) for p in people] == [("Hamzeh", "Fatemeh")]
    rows = json.loads(archive.read("readings.json"))
    assert [row["id"] for row in rows] == [reading_id]
    assert rows[0]["question"] == PERSIAN_QUESTION and rows[0]["response"]["answer"]
    table = list(csv.DictReader(io.StringIO(archive.read("readings.csv").decode("utf-8-sig"))))
    assert table[0]["question"] == PERSIAN_QUESTION


def test_api_download_my_data(api_as):
    client = api_as(Role.USER)
    persian_reading(client.account)
    response = client.get(reverse("api-account-export"))
    assert response.status_code == 200
    assert "readings.csv" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
