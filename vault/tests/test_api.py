"""`/api/vault/...`: entries with search and filters, one entry's note/tags/pin/outcome, summary,
export; ownership and validation."""

import json

import pytest

from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from vault.models import JournalEntry
from vault.tests.factories import name_reading, question_reading

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(api_as):
    return api_as(Role.USER)


def test_entries_carry_their_reading_id_and_page(api):
    first, second = question_reading(api.account), name_reading(api.account)
    response = api.get("/api/vault/entries", {"limit": 1})
    body = response.json()
    assert response.status_code == 200
    assert body["total"] == 2 and body["limit"] == 1 and len(body["entries"]) == 1
    assert body["entries"][0]["reading_id"] in (first.pk, second.pk)


def test_put_changes_note_tags_pin_and_outcome_and_search_finds_it(api):
    reading = question_reading(api.account, answer="yes")
    url = f"/api/vault/entries/{reading.pk}"
    response = api.put(
        url,
        {
            "note": "Asked before the interview",
            "tags": ["Work"],
            "pinned": True,
            "outcome": {"result": "yes", "note": "got it"},
        },
        format="json",
    )
    body = response.json()
    assert response.status_code == 200
    assert (body["note"], body["tags"], body["pinned"]) == (
        "Asked before the interview",
        ["work"],
        True,
    )
    assert body["outcome"]["result"] == "yes" and body["outcome"]["oracle_answer"] == "yes"
    found = api.get("/api/vault/entries", {"search": "interview", "tag": "work"}).json()
    assert [entry["reading_id"] for entry in found["entries"]] == [reading.pk]
    # Left out: unchanged.
    assert (
        api.put(url, {"pinned": False}, format="json").json()["note"]
        == "Asked before the interview"
    )


def test_outcome_null_clears_it(api):
    reading = question_reading(api.account)
    url = f"/api/vault/entries/{reading.pk}"
    api.put(url, {"outcome": {"result": "no"}}, format="json")
    assert api.put(url, {"outcome": None}, format="json").json()["outcome"] is None


def test_bad_input_is_422_naming_the_field(api):
    reading = question_reading(api.account)
    url = f"/api/vault/entries/{reading.pk}"
    response = api.put(url, {"outcome": {"result": "certainly"}}, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "outcome", "result"]
    response = api.put(url, {"tags": ["x" * 41]}, format="json")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][:2] == [
        "body",
        "tags",
    ]
    name = name_reading(api.account)
    response = api.put(
        f"/api/vault/entries/{name.pk}", {"outcome": {"result": "yes"}}, format="json"
    )
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == [
        "body",
        "outcome",
    ]
    response = api.get("/api/vault/entries", {"month": "2026-13"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "month"]
    assert api.get("/api/vault/entries/abc").status_code == 422


def test_another_accounts_entry_is_404(api, api_as):
    stranger = question_reading(UserFactory())
    assert api.get(f"/api/vault/entries/{stranger.pk}").status_code == 404
    assert (
        api.put(f"/api/vault/entries/{stranger.pk}", {"note": "x"}, format="json").status_code
        == 404
    )
    admin = api_as(Role.ADMIN)
    assert (
        admin.put(f"/api/vault/entries/{stranger.pk}", {"note": "x"}, format="json").status_code
        == 404
    )
    assert not JournalEntry.objects.exists()


def test_readonly_may_read_but_not_write(api_as):
    readonly = api_as(Role.READONLY)
    assert readonly.get("/api/vault/entries").status_code == 200
    assert readonly.put("/api/vault/entries/1", {"note": "x"}, format="json").status_code == 403


def test_no_credentials_is_401(api_client):
    assert api_client.get("/api/vault/entries").status_code == 401
    assert api_client.get("/api/vault/summary").status_code == 401


def test_summary_reports_totals_and_hit_rate(api):
    reading = question_reading(api.account, answer="no")
    api.put(f"/api/vault/entries/{reading.pk}", {"outcome": {"result": "no"}}, format="json")
    body = api.get("/api/vault/summary").json()
    assert body["total"] == 1 and body["by_type"] == {"question": 1}
    assert body["hit_rate"]["scored"] == 1 and body["hit_rate"]["hit_rate"] == 1.0
    assert body["hit_rate"]["enough_data"] is False and body["hit_rate"]["coin_rate"] == 0.5
    assert len(body["by_month"]) == 12


def test_export_json_and_csv(api):
    reading = question_reading(api.account, "Will it rain?")
    api.put(f"/api/vault/entries/{reading.pk}", {"note": "umbrella"}, format="json")
    response = api.get("/api/vault/export", {"format": "json"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert json.loads(response.content)["entries"][0]["note"] == "umbrella"
    response = api.get("/api/vault/export", {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("reading_id,") and "umbrella" in text
    assert api.get("/api/vault/export", {"format": "xml"}).status_code == 422
