"""The settings page and its API twin: preferences, password, API keys, log out everywhere,
delete the account."""

import re

import pytest
from django.urls import reverse

from nps.accounts.models import ApiKey, Preferences, TokenSession, User
from nps.accounts.roles import Role
from nps.accounts.services import start_session
from nps.accounts.tests.factories import UserFactory
from nps.core.models import AuditLog
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

SETTINGS = reverse("settings")


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return user


def prefs_post(**changes):
    data = {
        "language": "",
        "theme": "system",
        "numerology_system": "auto",
        "timezone": "",
        "default_reading_type": "time",
        "default_profile_id": "",
        "waking_from": "7",
        "waking_until": "22",
    }
    data.update(changes)
    return data


def test_settings_page_shows_every_section(client, owner):
    page = client.get(SETTINGS).content.decode()
    for heading in (
        "Preferences",
        "Change password",
        "API keys",
        "Download my data",
        "Log out everywhere",
    ):
        assert heading in page


def test_saving_preferences_keeps_them_and_sets_the_language_cookie(client, owner):
    hamzeh = ProfileFactory(owner=owner, name="Hamzeh")
    response = client.post(
        reverse("settings-preferences"),
        prefs_post(
            language="fa", theme="dark", timezone="Asia/Tehran", default_profile_id=str(hamzeh.pk)
        ),
    )
    assert response.status_code == 302
    assert response.cookies["nps_language"].value == "fa"
    saved = Preferences.objects.get(account=owner)
    assert (saved.language, saved.theme, saved.timezone) == ("fa", "dark", "Asia/Tehran")
    assert saved.default_profile == hamzeh


def test_an_unknown_time_zone_is_an_error_beside_the_field(client, owner):
    response = client.post(reverse("settings-preferences"), prefs_post(timezone="Mars/Olympus"))
    assert response.status_code == 422
    assert 'id="id_timezone_error"' in response.content.decode()


def test_another_accounts_profile_cannot_be_the_default(client, owner):
    foreign = ProfileFactory(name="Stranger")
    response = client.post(
        reverse("settings-preferences"), prefs_post(default_profile_id=str(foreign.pk))
    )
    assert response.status_code == 422
    assert not Preferences.objects.filter(account=owner).exists()


def test_change_password_checks_the_current_one_and_keeps_this_session(client, owner, password):
    wrong = client.post(
        reverse("settings-password"),
        {
            "current_password": "nope",
            "new_password": "a brand new phrase",
            "new_password_again": "a brand new phrase",
        },
    )
    assert wrong.status_code == 422 and "not correct" in wrong.content.decode()
    start_session(owner)
    done = client.post(
        reverse("settings-password"),
        {
            "current_password": password,
            "new_password": "a brand new phrase",
            "new_password_again": "a brand new phrase",
        },
    )
    assert done.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("a brand new phrase")
    assert not TokenSession.objects.live().filter(account=owner).exists()
    assert client.get(SETTINGS).status_code == 200  # still logged in here


def test_api_key_is_shown_once_then_listed_and_revoked_after_confirmation(client, owner):
    created = client.post(
        reverse("settings-key-create"), {"name": "script", "expires_in_days": "30"}
    )
    assert created.status_code == 201
    key = ApiKey.objects.get(user=owner)
    body = created.content.decode()
    assert 'id="new-api-key" value="' in body
    raw = body.split('id="new-api-key" value="')[1].split('"')[0]
    assert len(raw) == 43
    assert raw not in client.get(SETTINGS).content.decode()
    confirm = client.get(reverse("settings-key-revoke", args=[key.pk]))
    assert "Revoke the key" in confirm.content.decode()
    client.post(reverse("settings-key-revoke", args=[key.pk]))
    key.refresh_from_db()
    assert not key.is_active


def test_the_key_made_in_settings_works_against_the_api(client, owner, api_client):
    body = client.post(reverse("settings-key-create"), {"name": "script"}).content.decode()
    raw = body.split('id="new-api-key" value="')[1].split('"')[0]
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api_client.get(reverse("api-stats")).status_code == 200


def test_another_accounts_key_cannot_be_revoked(client, owner):
    stranger_key = ApiKey.objects.create(
        user=User.objects.create_user("stranger", "x" * 12), key_hash="0" * 64, name="theirs"
    )
    assert client.get(reverse("settings-key-revoke", args=[stranger_key.pk])).status_code == 404
    assert client.post(reverse("settings-key-revoke", args=[stranger_key.pk])).status_code == 404


def test_log_out_everywhere_ends_tokens_and_the_sessions_of_every_browser(client, owner):
    from django.test import Client

    start_session(owner)
    laptop = Client()
    laptop.force_login(owner)
    assert laptop.get(SETTINGS).status_code == 200
    response = client.post(reverse("settings-logout-everywhere"))
    assert response.status_code == 302
    assert not TokenSession.objects.live().filter(account=owner).exists()
    assert client.get(SETTINGS).status_code == 302  # to the login page
    assert laptop.get(SETTINGS).status_code == 302  # the other browser too
    fresh = Client()
    fresh.force_login(User.objects.get(pk=owner.pk))  # a new login works as before
    assert fresh.get(SETTINGS).status_code == 200


def test_api_log_out_all_ends_browser_sessions_too(api_as, user):
    from django.test import Client

    browser = Client()
    browser.force_login(user)
    assert browser.get(SETTINGS).status_code == 200
    assert api_as(account=user).post(reverse("api-logout-all")).status_code == 200
    assert browser.get(SETTINGS).status_code == 302


def test_delete_account_needs_the_username_and_is_soft(client, owner):
    refused = client.post(reverse("settings-delete"), {"confirm": "someone"})
    assert refused.status_code == 422
    client.post(reverse("settings-delete"), {"confirm": owner.username})
    owner.refresh_from_db()
    assert not owner.is_active  # kept, restorable by an admin
    assert AuditLog.objects.filter(action="account.delete", actor=owner).exists()


def test_api_settings_get_and_put(api_as):
    client = api_as(Role.USER)
    assert client.get(reverse("api-settings")).json()["theme"] == "dark"
    changed = client.put(
        reverse("api-settings"), {"theme": "light", "timezone": "Europe/Berlin"}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["theme"] == "light"
    assert client.get(reverse("api-settings")).json()["timezone"] == "Europe/Berlin"


def test_api_settings_bad_value_or_unknown_key_is_a_422_naming_it(api_as):
    client = api_as(Role.USER)
    bad = client.put(reverse("api-settings"), {"theme": "purple"}, format="json")
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "theme"]
    unknown = client.put(reverse("api-settings"), {"volume": 11}, format="json")
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "volume"]


def test_api_change_password(api_as, password):
    client = api_as(Role.USER)
    client.account.set_password(password)
    client.account.save()
    client = api_as(account=client.account)
    url = reverse("api-change-password")
    wrong = client.post(
        url, {"current_password": "nope", "new_password": "a brand new phrase"}, format="json"
    )
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["loc"] == [
        "body",
        "current_password",
    ]
    weak = client.post(url, {"current_password": password, "new_password": "123"}, format="json")
    assert weak.status_code == 422 and weak.json()["detail"][0]["loc"] == ["body", "new_password"]
    done = client.post(
        url, {"current_password": password, "new_password": "a brand new phrase"}, format="json"
    )
    assert done.status_code == 200


def test_default_time_zone_is_chosen_from_the_city_list(client, owner):
    Preferences.objects.create(account=owner, timezone="Asia/Tehran")
    html = client.get(SETTINGS).content.decode()
    assert re.search(r'<select [^>]*name="timezone"', html)
    assert '<option value="Asia/Tehran" selected>Tehran — Iran (UTC+03:30)</option>' in html
    assert 'list="timezone-options"' not in html


def test_waking_hours_are_saved_and_a_range_of_no_hours_is_refused(client, owner):
    saved = client.post(
        reverse("settings-preferences"), prefs_post(waking_from="22", waking_until="6")
    )
    assert saved.status_code == 302
    prefs = Preferences.objects.get(account=owner)
    assert (prefs.waking_from, prefs.waking_until) == (22, 6)
    refused = client.post(
        reverse("settings-preferences"), prefs_post(waking_from="9", waking_until="9")
    )
    assert refused.status_code == 422
    assert 'id="id_waking_until_error"' in refused.content.decode()
    prefs.refresh_from_db()
    assert (prefs.waking_from, prefs.waking_until) == (22, 6)


def test_api_waking_hours_out_of_range_are_422_naming_the_field(api_as):
    client = api_as(Role.USER)
    response = client.put("/api/settings", {"waking_until": 25}, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "waking_until"
    assert client.put("/api/settings", {"waking_from": 22}, format="json").status_code == 422


def test_the_email_address_is_shown_and_changed_on_the_settings_page(client, owner):
    page = client.get(SETTINGS).content.decode()
    assert "E-mail address" in page and f'value="{owner.email}"' in page
    saved = client.post(reverse("settings-preferences"), prefs_post(email="new@example.org"))
    assert saved.status_code == 302
    owner.refresh_from_db()
    assert owner.email == "new@example.org"
    audited = AuditLog.objects.get(action="account.email", actor=owner)
    assert audited.details == {"had_address": True, "has_address": True}
    assert "new@example.org" not in str(audited.details)


def test_an_email_address_of_another_account_is_refused_beside_the_field(client, owner):
    UserFactory(email="Taken@Example.org")
    before = owner.email
    for address in ("taken@example.org", "not an address"):
        response = client.post(reverse("settings-preferences"), prefs_post(email=address))
        assert response.status_code == 422
        assert 'id="id_email_error"' in response.content.decode()
    owner.refresh_from_db()
    assert owner.email == before
    assert not AuditLog.objects.filter(action="account.email").exists()


def test_the_email_address_can_be_removed_and_is_kept_when_not_posted(client, owner):
    kept = client.post(reverse("settings-preferences"), prefs_post(theme="dark"))
    assert kept.status_code == 302
    owner.refresh_from_db()
    assert owner.email  # an older page without the field leaves it alone
    removed = client.post(reverse("settings-preferences"), prefs_post(email=""))
    assert removed.status_code == 302
    owner.refresh_from_db()
    assert owner.email == ""


def test_api_settings_change_the_email_address(api_as):
    client = api_as(Role.USER)
    assert client.get(reverse("api-settings")).json()["email"] == client.account.email
    changed = client.put(reverse("api-settings"), {"email": " Me@Example.ORG "}, format="json")
    assert changed.status_code == 200 and changed.json()["email"] == "Me@example.org"
    client.account.refresh_from_db()
    assert client.account.email == "Me@example.org"


@pytest.mark.parametrize("address", ["me@example.org", "ME@EXAMPLE.ORG", "nope", "a@b@c", 7])
def test_api_settings_bad_or_taken_email_is_a_422_naming_it(api_as, address):
    UserFactory(email="me@example.org")
    client = api_as(Role.USER)
    before = client.account.email
    response = client.put(reverse("api-settings"), {"email": address}, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "email"]
    client.account.refresh_from_db()
    assert client.account.email == before
