"""The Vault page: full page and htmx fragments, the entry forms, the outcome ledger, export."""

import json

import pytest
from django.urls import reverse

from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from vault import services
from vault.models import JournalEntry
from vault.tests.factories import principal, question_reading, time_reading

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
INDEX = reverse("vault:index")


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return user


def test_vault_page_lists_the_readings_with_totals_and_charts(client, owner):
    question_reading(owner, "Will the garden bloom?")
    response = client.get(INDEX)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Will the garden bloom?" in page
    assert 'role="img"' in page and "Readings by month" in page
    assert "Not enough data yet." in page
    assert 'id="entry-list"' in page and "<h1>Vault</h1>" in page


def test_vault_htmx_request_returns_only_the_entry_list(client, owner):
    question_reading(owner, "Will the garden bloom?")
    question_reading(owner, "Is the river high?")
    response = client.get(INDEX, {"q": "river"}, **HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section id="entry-list"')
    assert "Is the river high?" in page and "garden" not in page and "<h1>" not in page


def test_vault_page_needs_a_login(client):
    response = client.get(INDEX)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_saving_a_note_and_tags_answers_the_updated_card(client, owner):
    reading = question_reading(owner)
    url = reverse("vault:entry-update", args=[reading.pk])
    prefix = f"entry-{reading.pk}"
    response = client.post(
        url, {f"{prefix}-note": "Dream about water", f"{prefix}-tags": "dreams"}, **HTMX
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<li class="entry-card" id="entry-{reading.pk}"')
    assert "Dream about water" in page and "dreams" in page
    assert JournalEntry.objects.get(reading=reading).note == "Dream about water"


def test_saving_without_htmx_redirects_to_the_entry(client, owner):
    reading = question_reading(owner)
    prefix = f"entry-{reading.pk}"
    response = client.post(
        reverse("vault:entry-update", args=[reading.pk]),
        {f"{prefix}-note": "n", f"{prefix}-tags": ""},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#entry-{reading.pk}")


def test_an_invalid_tag_is_rerendered_beside_the_field_with_422(client, owner):
    reading = question_reading(owner)
    prefix = f"entry-{reading.pk}"
    response = client.post(
        reverse("vault:entry-update", args=[reading.pk]),
        {f"{prefix}-note": "keep me", f"{prefix}-tags": "x" * 41},
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert f'id="id_{prefix}-tags_error"' in page and "at most 40 characters" in page.lower()
    assert '<details class="entry-edit" open>' in page
    assert not JournalEntry.objects.filter(reading=reading).exists()


def test_recording_an_outcome_sends_the_new_hit_rate_out_of_band(client, owner):
    reading = question_reading(owner, answer="yes")
    prefix = f"entry-{reading.pk}-outcome"
    response = client.post(
        reverse("vault:entry-outcome", args=[reading.pk]), {f"{prefix}-outcome": "yes"}, **HTMX
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="hit-rate"' in page and 'hx-swap-oob="true"' in page
    assert "right 100% of the time" in page and "Not enough data yet" in page
    assert services.get_entry(principal=principal(owner), reading_id=reading.pk).outcome == "yes"


def test_an_outcome_without_a_choice_is_422(client, owner):
    reading = question_reading(owner)
    response = client.post(reverse("vault:entry-outcome", args=[reading.pk]), {}, **HTMX)
    assert response.status_code == 422
    assert f'id="id_entry-{reading.pk}-outcome-outcome_error"' in response.content.decode()


def test_clearing_the_outcome_of_a_time_reading_is_422_beside_the_outcome(client, owner):
    reading = time_reading(owner)
    response = client.post(
        reverse("vault:entry-outcome", args=[reading.pk]), {"clear": "1"}, **HTMX
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert f'id="id_entry-{reading.pk}-outcome-outcome_error"' in page
    assert "Only a question reading has an outcome." in page


def test_pinning_toggles(client, owner):
    reading = question_reading(owner)
    url = reverse("vault:entry-pin", args=[reading.pk])
    assert 'aria-pressed="true"' in client.post(url, **HTMX).content.decode()
    assert 'aria-pressed="false"' in client.post(url, **HTMX).content.decode()


def test_another_accounts_entry_is_a_404_page(client, owner):
    stranger = question_reading(UserFactory())
    for name in ("vault:entry-update", "vault:entry-pin", "vault:entry-outcome"):
        assert client.post(reverse(name, args=[stranger.pk]), **HTMX).status_code == 404
    assert not JournalEntry.objects.exists()


def test_a_readonly_account_sees_the_journal_but_cannot_change_it(client):
    account = UserFactory(role=Role.READONLY)
    client.force_login(account)
    reading = question_reading(UserFactory())  # readonly cannot make readings; any id will do
    assert client.get(INDEX).status_code == 200
    assert client.post(reverse("vault:entry-pin", args=[reading.pk])).status_code == 403


def test_export_downloads_json_and_csv_with_the_notes(client, owner):
    reading = question_reading(owner, "Will it snow?")
    services.update_entry(principal=principal(owner), reading_id=reading.pk, note="cold")
    response = client.get(reverse("vault:export"), {"format": "json"})
    assert response["Content-Disposition"] == 'attachment; filename="nps-journal.json"'
    assert json.loads(response.content)["entries"][0]["note"] == "cold"
    response = client.get(reverse("vault:export"), {"format": "csv"})
    assert (
        response["Content-Type"].startswith("text/csv")
        and "Will it snow?" in response.content.decode()
    )


def test_persian_page_has_persian_digits_and_jalali_months(client, owner):
    question_reading(owner)
    client.cookies["nps_language"] = "fa"
    page = client.get(INDEX).content.decode()
    assert 'dir="rtl"' in page and "۱" in page
    assert any(month in page for month in ("آذر", "دی", "آبان"))


def test_the_page_makes_as_many_queries_for_many_entries_as_for_few(client, owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX).status_code == 200
        return len(queries)

    reading = question_reading(owner)
    services.update_entry(principal=principal(owner), reading_id=reading.pk, note="a", tags=["t"])
    few = count()
    for n in range(5):
        other = question_reading(owner)
        services.update_entry(principal=principal(owner), reading_id=other.pk, tags=[f"t{n}"])
    assert count() == few


def test_an_entry_is_titled_as_in_history(client, owner):
    time_reading(owner, "2024-01-15T10:00:00")
    client.cookies["nps_language"] = "fa"

    page = client.get(INDEX).content.decode()

    assert "۲۵ دی ۱۴۰۲، ۱۰:۰۰" in page and "2024-01-15T10:00" not in page
    assert '<span class="entry-type">زمان</span>' in page  # the kind, named as in history


def test_pages_of_twenty_and_a_page_past_the_end_is_the_last(client, owner):
    for n in range(21):
        question_reading(owner, f"Question {n:02d}?")
    first = client.get(INDEX).content.decode()
    second = client.get(INDEX, {"page": 2}, **HTMX).content.decode()
    past = client.get(INDEX, {"page": 99}).content.decode()
    assert "Page 1 of 2" in first and first.count('class="entry-card') == 20
    assert "Page 2 of 2" in second and "Question 00?" in second and "<html" not in second
    assert "Page 2 of 2" in past and "Question 00?" in past


def test_the_profile_filter_lists_profiles_alphabetically_whatever_their_case(client, owner):
    """As the oracle's pickers (issue 20): "ali" comes before "Maryam" and "Zahra"."""
    from oracle.tests.factories import ProfileFactory

    for name in ("Zahra", "ali", "Maryam"):
        ProfileFactory(owner=owner, name=name)
    html = client.get(reverse("vault:index")).content.decode()
    block = html[html.index('name="profile"') :]
    block = block[: block.index("</select>")]
    positions = [block.index(f">{name}</option>") for name in ("ali", "Maryam", "Zahra")]
    assert positions == sorted(positions)
