"""The history's counts line asks for itself again after a reading changes (issue 20)."""

import json

import pytest
from django.urls import reverse

from nps.accounts.principal import principal_for_account
from nps.core.models import AuditLog
from oracle.services import readings

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def ask(account, question: str) -> int:
    principal = principal_for_account(account, auth_type="session")
    return readings.create_question_reading(principal=principal, question=question, use_ai=False)[
        "reading_id"
    ]


def test_totals_fragment_counts_the_filtered_readings_without_auditing_a_listing(client, user):
    client.force_login(user)
    first = ask(user, "Will the garden bloom?")
    ask(user, "Is the river calm?")
    client.post(reverse("oracle:reading-favorite", args=[first]), **HTMX)
    listings = AuditLog.objects.filter(action="oracle_reading.list").count()

    response = client.get(reverse("oracle:history") + "?q=garden&part=totals", **HTMX)

    assert response.content.decode().strip() == "1 reading · 1 favourite"
    assert AuditLog.objects.filter(action="oracle_reading.list").count() == listings


def test_history_page_asks_for_its_totals_with_its_filters(client, user):
    client.force_login(user)
    ask(user, "Will the garden bloom?")
    page = client.get(reverse("oracle:history") + "?q=garden").content.decode()
    assert 'hx-get="/history?q=garden&amp;part=totals"' in page
    assert 'hx-trigger="nps:readings-changed from:body"' in page


@pytest.mark.parametrize("action", ["reading-favorite", "reading-delete"])
def test_a_change_under_htmx_tells_the_page_to_recount(client, user, action):
    client.force_login(user)
    reading_id = ask(user, "Will the garden bloom?")
    response = client.post(reverse(f"oracle:{action}", args=[reading_id]), **HTMX)
    assert response.status_code == 200
    assert "nps:readings-changed" in json.loads(response["HX-Trigger"])
