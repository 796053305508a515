"""The calendar preference (settings page and `GET/PUT /api/settings`): Jalali or Gregorian
whatever the language, automatic by default, and every date on the pages follows it."""

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from nps.accounts.models import Preferences
from nps.accounts.roles import Role
from oracle.models import Reading
from oracle.tests.factories import ProfileFactory
from vault.services import month_key
from vault.views import month_label

pytestmark = pytest.mark.django_db

SETTINGS = reverse("settings")
NOWRUZ_1403 = dt.datetime(2024, 3, 20, 8, 5, tzinfo=dt.UTC)


def _prefs_post(**changes) -> dict:
    return {
        "language": "",
        "theme": "dark",
        "numerology_system": "auto",
        "timezone": "",
        "default_reading_type": "time",
        "default_profile_id": "",
        **changes,
    }


def _client_in(client, user, language: str, calendar: str | None = None):
    if calendar is not None:
        Preferences.objects.update_or_create(account=user, defaults={"calendar": calendar})
    client.force_login(user)
    client.cookies["nps_language"] = language
    return client


def test_settings_page_offers_the_calendar_with_automatic_chosen(client, user):
    html = _client_in(client, user, "en").get(SETTINGS).content.decode()
    assert 'name="calendar"' in html
    assert '<option value="auto" selected>' in html
    assert "Gregorian" in html and "Solar Hijri (Jalali)" in html


def test_settings_page_saves_the_calendar(client, user):
    client = _client_in(client, user, "fa")
    response = client.post(reverse("settings-preferences"), _prefs_post(calendar="gregorian"))
    assert response.status_code == 302
    assert Preferences.objects.get(account=user).calendar == "gregorian"
    assert '<option value="gregorian" selected>' in client.get(SETTINGS).content.decode()


def test_a_post_without_the_calendar_keeps_it(client, user):
    client = _client_in(client, user, "en", calendar="jalali")
    response = client.post(reverse("settings-preferences"), _prefs_post(theme="light"))
    assert response.status_code == 302
    saved = Preferences.objects.get(account=user)
    assert (saved.calendar, saved.theme) == ("jalali", "light")


def test_an_unknown_calendar_is_an_error_beside_the_field(client, user):
    client = _client_in(client, user, "fa")
    response = client.post(reverse("settings-preferences"), _prefs_post(calendar="julian"))
    assert response.status_code == 422
    assert 'id="id_calendar_error"' in response.content.decode()
    assert not Preferences.objects.filter(account=user).exists()


def test_api_settings_reads_and_changes_the_calendar(api_as):
    client = api_as(Role.USER)
    assert client.get(reverse("api-settings")).json()["calendar"] == "auto"
    changed = client.put(reverse("api-settings"), {"calendar": "gregorian"}, format="json")
    assert changed.status_code == 200 and changed.json()["calendar"] == "gregorian"
    assert client.get(reverse("api-settings")).json()["calendar"] == "gregorian"


def test_api_settings_unknown_calendar_is_a_422_naming_it(api_as):
    bad = api_as(Role.USER).put(reverse("api-settings"), {"calendar": "julian"}, format="json")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "calendar"]


def _reading_of(user) -> Reading:
    return Reading.objects.create(
        owner=user, sign_type="name", sign_value="7", question="Hamzeh", created_at=NOWRUZ_1403
    )


@pytest.mark.parametrize(
    ("language", "calendar", "shown", "not_shown"),
    [
        ("fa", "auto", "۱ فروردین ۱۴۰۳، ۰۸:۰۵", "۲۰ مارس ۲۰۲۴"),
        ("fa", "gregorian", "۲۰ مارس ۲۰۲۴، ۰۸:۰۵", "۱ فروردین ۱۴۰۳"),
        ("en", "auto", "2024-03-20 08:05", "Farvardin"),
        ("en", "jalali", "1 Farvardin 1403, 08:05", "2024-03-20 08:05"),
    ],
)
def test_history_dates_follow_the_calendar_preference(
    client, user, language, calendar, shown, not_shown
):
    _reading_of(user)
    client = _client_in(client, user, language, calendar)
    html = client.get(reverse("oracle:history")).content.decode()
    assert shown in html
    assert not_shown not in html


def test_gregorian_preference_shows_a_birthday_gregorian_in_persian(client, user):
    ProfileFactory(owner=user, birthday=dt.date(1990, 3, 21))
    client = _client_in(client, user, "fa", "gregorian")
    html = client.get(reverse("oracle:profiles")).content.decode()
    assert "۲۱ مارس ۱۹۹۰" in html and "۱ فروردین ۱۳۶۹" not in html


def test_vault_months_follow_the_calendar_preference(client, user):
    _reading_of(user)
    this_month = timezone.now().strftime("%Y-%m")
    with translation.override("fa"):
        gregorian = month_label(this_month, jalali=False)
        jalali = month_label(month_key(timezone.now(), jalali=True), jalali=True)
    client = _client_in(client, user, "fa", "gregorian")
    html = client.get(reverse("vault:index")).content.decode()
    assert gregorian in html and "۲" in gregorian  # e.g. "دسامبر ۲۰۲۶", Persian digits
    assert jalali not in html


def test_another_accounts_preference_does_not_leak_into_the_next_request(client, user):
    _reading_of(user)
    _client_in(client, user, "fa", "gregorian").get(reverse("oracle:history"))
    client.logout()
    other = ProfileFactory().owner
    _reading_of(other)
    html = _client_in(client, other, "fa").get(reverse("oracle:history")).content.decode()
    assert "۱ فروردین ۱۴۰۳" in html


@pytest.mark.parametrize(("language", "calendar"), [("fa", "gregorian"), ("en", "jalali")])
def test_the_date_picker_opens_in_the_preferred_calendar(client, user, language, calendar):
    client = _client_in(client, user, language, calendar)
    html = client.get(reverse("oracle:consult"), {"type": "time"}).content.decode()
    assert f'"calendar": "{calendar}"' in unescape(html)  # in the picker's data- attribute
