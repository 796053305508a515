"""`daily_delivery` on the settings page and in `GET/PUT /api/settings`, and linking Telegram
from the page."""

from __future__ import annotations

import datetime

import pytest

from delivery.models import DeliveryChoice, TelegramLink
from delivery.services import linking
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_api_settings_show_the_default_daily_delivery(api_as):
    response = api_as(Role.USER).get("/api/settings")
    assert response.status_code == 200
    assert response.json()["daily_delivery"] == {"email": False, "telegram": False, "time": "08:00"}


def test_api_settings_change_the_daily_delivery(delivery_settings, api_as):
    client = api_as(Role.USER)
    body = {"daily_delivery": {"email": True, "time": "06:30"}}
    response = client.put("/api/settings", body, format="json")
    assert response.status_code == 200
    assert response.json()["daily_delivery"] == {"email": True, "telegram": False, "time": "06:30"}
    choice = DeliveryChoice.objects.get(account=client.account)
    assert choice.email and choice.time == datetime.time(6, 30)


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ({"time": "25:00"}, "time"),
        ({"time": "8"}, "time"),
        ({"email": "yes"}, "email"),
        ({"sms": True}, "sms"),
        ({"telegram": True}, "telegram"),  # no chat linked
        ("on", "daily_delivery"),
    ],
)
def test_api_settings_bad_daily_delivery_is_422_naming_the_field(
    delivery_settings, api_as, value, field
):
    client = api_as(Role.USER)
    response = client.put("/api/settings", {"daily_delivery": value}, format="json")
    assert response.status_code == 422
    assert field in str(response.json()["detail"])
    assert not DeliveryChoice.objects.filter(account=client.account).exists()


def test_email_delivery_is_unavailable_in_production_without_a_mail_server(settings, api_as):
    settings.DEBUG = False
    settings.EMAIL_HOST = ""
    response = api_as(Role.USER).put(
        "/api/settings", {"daily_delivery": {"email": True}}, format="json"
    )
    assert response.status_code == 422
    assert "not available" in str(response.json()["detail"])


def test_the_settings_page_says_telegram_is_off_without_a_bot(settings, client):
    settings.TELEGRAM_BOT_TOKEN = ""
    client.force_login(UserFactory())
    page = client.get("/settings").content.decode()
    assert 'id="daily-delivery"' in page
    assert "Telegram is not configured on this server" in page
    assert "Link Telegram" not in page


def test_the_settings_page_has_each_id_once_and_by_email_labels_the_checkbox(
    delivery_settings, client
):
    import collections
    import re

    client.force_login(UserFactory())
    page = client.get("/settings").content.decode()
    ids = collections.Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1] == []
    label = re.search(r'<label for="([^"]+)">By e-mail</label>', page).group(1)
    assert re.search(rf'<input type="checkbox" name="email"[^>]*id="{label}"', page)


def test_the_settings_page_saves_the_daily_delivery(delivery_settings, client):
    account = UserFactory()
    client.force_login(account)
    response = client.post("/settings/delivery", {"email": "on", "time": "07:15"})
    assert response.status_code == 302
    choice = DeliveryChoice.objects.get(account=account)
    assert choice.email and not choice.telegram and choice.time == datetime.time(7, 15)


def test_a_bad_time_on_the_page_is_shown_beside_the_field(delivery_settings, client):
    account = UserFactory()
    client.force_login(account)
    response = client.post("/settings/delivery", {"email": "on", "time": "7 o'clock"})
    assert response.status_code == 422
    assert "Enter a valid time" in response.content.decode()
    assert not DeliveryChoice.objects.filter(account=account).exists()


def test_telegram_on_the_page_needs_a_linked_chat(delivery_settings, client):
    client.force_login(UserFactory())
    response = client.post("/settings/delivery", {"telegram": "on", "time": "08:00"})
    assert response.status_code == 422
    assert "Link a Telegram chat first." in response.content.decode()


def test_link_telegram_on_the_page_shows_a_code_and_the_deep_link(delivery_settings, client):
    client.force_login(UserFactory())
    page = client.post("/settings/telegram/link").content.decode()
    assert "https://t.me/nps_test_bot?start=" in page and "/link " in page


def test_unlink_telegram_from_the_page(delivery_settings, client):
    account = UserFactory()
    TelegramLink.objects.create(account=account, chat_id="42", chat_digest=linking.chat_digest(42))
    DeliveryChoice.objects.create(account=account, telegram=True)
    client.force_login(account)
    assert "Unlink Telegram" in client.get("/settings").content.decode()
    assert client.post("/settings/telegram/unlink").status_code == 302
    assert not TelegramLink.objects.exists()
    assert DeliveryChoice.objects.get(account=account).telegram is False


def test_unlink_through_the_api(delivery_settings, api_as):
    client = api_as(Role.USER)
    TelegramLink.objects.create(
        account=client.account, chat_id="42", chat_digest=linking.chat_digest(42)
    )
    response = client.delete("/api/settings/telegram/link")
    assert response.status_code == 200 and response.json()["detail"] == "Telegram unlinked"
    assert not TelegramLink.objects.exists()


def test_removing_the_email_address_turns_the_daily_email_off(delivery_settings, api_as):
    client = api_as(Role.USER)
    on = client.put("/api/settings", {"daily_delivery": {"email": True}}, format="json")
    assert on.status_code == 200
    response = client.put("/api/settings", {"email": ""}, format="json")
    assert response.status_code == 200
    assert response.json()["email"] == ""
    assert response.json()["daily_delivery"]["email"] is False
    assert not DeliveryChoice.objects.get(account=client.account).email


def test_the_daily_email_cannot_be_turned_on_while_removing_the_address(delivery_settings, api_as):
    client = api_as(Role.USER)
    body = {"email": "", "daily_delivery": {"email": True}}
    response = client.put("/api/settings", body, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "email"
    client.account.refresh_from_db()
    assert client.account.email  # nothing of the refused change is kept
