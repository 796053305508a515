"""Linking a chat and every bot command, through the webhook and the fake Bot API."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from delivery.models import DeliveryChoice, LinkCode, TelegramLink
from delivery.services import linking
from delivery.tests.conftest import post_update
from imports.models import PendingTelegramLink
from nps.accounts.models import Preferences
from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core.models import AuditLog
from oracle.models import Reading

pytestmark = pytest.mark.django_db

CHAT = 777001


def linked_account(client, *, chat_id=CHAT, language="en", role=Role.USER, zone="Asia/Tehran"):
    account = UserFactory(role=role)
    Preferences.objects.create(account=account, language=language, timezone=zone)
    code = linking.create_code(principal=principal_for_account(account, auth_type="session"))
    post_update(client, chat_id, f"/start {code.code}")
    return account


def test_link_code_api_answers_code_expiry_and_deep_link(delivery_settings, api_as):
    client = api_as(Role.USER)
    response = client.post("/api/settings/telegram/link")
    assert response.status_code == 200
    body = response.json()
    assert body["deep_link"] == f"https://t.me/nps_test_bot?start={body['code']}"
    expires = datetime.datetime.fromisoformat(body["expires_at"])
    assert (
        datetime.timedelta(minutes=14) < expires - timezone.now() <= datetime.timedelta(minutes=15)
    )
    assert LinkCode.objects.get().code_digest != body["code"]  # only a digest is stored


def test_link_code_api_is_422_without_a_bot(settings, api_as):
    settings.TELEGRAM_BOT_TOKEN = ""
    response = api_as(Role.USER).post("/api/settings/telegram/link")
    assert response.status_code == 422
    assert "telegram" in str(response.json())


def test_start_with_code_links_the_chat_in_the_accounts_language(
    delivery_settings, client, fake_bot
):
    account = linked_account(client, language="fa")
    link = TelegramLink.objects.get()
    assert link.account == account and link.chat_id == str(CHAT)
    assert str(CHAT) not in link.chat_digest
    reply = fake_bot.last_text(CHAT)
    assert account.username in reply and "متصل" in reply
    assert AuditLog.objects.filter(action="account.telegram_link", actor=account).exists()


def test_link_command_works_too_and_a_code_works_once(delivery_settings, client, fake_bot):
    account = UserFactory()
    code = linking.create_code(principal=principal_for_account(account, auth_type="session"))
    post_update(client, CHAT, f"/link {code.code}")
    assert TelegramLink.objects.filter(account=account).exists()
    post_update(client, CHAT + 1, f"/link {code.code}")
    assert "unknown, used or expired" in fake_bot.last_text(CHAT + 1)
    assert not TelegramLink.objects.filter(chat_digest=linking.chat_digest(CHAT + 1)).exists()


def test_an_expired_code_does_not_link(delivery_settings, client, fake_bot):
    account = UserFactory()
    code = linking.create_code(principal=principal_for_account(account, auth_type="session"))
    LinkCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    post_update(client, CHAT, f"/start {code.code}")
    assert not TelegramLink.objects.exists()
    assert "expired" in fake_bot.last_text(CHAT)


def test_a_v3_pending_link_is_confirmed_by_linking(delivery_settings, client):
    account = UserFactory()
    PendingTelegramLink.objects.create(account=account, chat_id=str(CHAT), was_enabled=True)
    code = linking.create_code(principal=principal_for_account(account, auth_type="session"))
    post_update(client, CHAT, f"/start {code.code}")
    assert not PendingTelegramLink.objects.filter(account=account).exists()
    assert TelegramLink.objects.get(account=account).chat_id == str(CHAT)
    entry = AuditLog.objects.get(action="account.telegram_link")
    assert entry.details == {"confirmed_v3_link": True}


@pytest.mark.parametrize("text", ["/daily", "/help", "hello", "/start"])
def test_an_unlinked_chat_is_told_how_to_link(delivery_settings, client, fake_bot, text):
    response = post_update(client, CHAT, text)
    assert response.status_code == 200
    reply = fake_bot.last_text(CHAT)
    assert "not linked" in reply and "/settings" in reply
    assert "password" in reply  # ... and warned never to send it
    assert not Reading.objects.exists()


def test_an_unlinked_persian_chat_is_told_in_persian(delivery_settings, client, fake_bot):
    post_update(client, CHAT, "/daily", language="fa")
    assert "متصل نیست" in fake_bot.last_text(CHAT)


@pytest.mark.parametrize(("secret", "status"), [(None, 403), ("wrong-secret", 403), ("", 403)])
def test_a_wrong_webhook_secret_is_403_and_nothing_is_done(
    delivery_settings, client, fake_bot, secret, status
):
    account = UserFactory()
    code = linking.create_code(principal=principal_for_account(account, auth_type="session"))
    response = post_update(client, CHAT, f"/start {code.code}", secret=secret)
    assert response.status_code == status
    assert not TelegramLink.objects.exists()
    assert fake_bot.calls == []


def test_the_webhook_is_403_without_a_bot_token(delivery_settings, client, fake_bot):
    delivery_settings.TELEGRAM_BOT_TOKEN = ""
    assert post_update(client, CHAT, "/help").status_code == 403
    assert fake_bot.calls == []


def test_an_update_sent_twice_is_handled_once(delivery_settings, client, fake_bot):
    linked_account(client)
    post_update(client, CHAT, "/name Sara", update_id=41)
    post_update(client, CHAT, "/name Sara", update_id=41)
    assert Reading.objects.count() == 1


# --- every command ---------------------------------------------------------------------------


def test_help_lists_every_command(delivery_settings, client, fake_bot):
    linked_account(client)
    post_update(client, CHAT, "/help")
    reply = fake_bot.last_text(CHAT)
    for command in (
        "/daily", "/time", "/name", "/question", "/history", "/status",
        "/daily_on", "/daily_off", "/daily_time", "/unlink",
    ):  # fmt: skip
        assert command in reply


def test_start_of_a_linked_chat_welcomes_back(delivery_settings, client, fake_bot):
    account = linked_account(client)
    post_update(client, CHAT, "/start")
    assert f"Welcome back, {account.username}" in fake_bot.last_text(CHAT)


def test_status_tells_the_link_and_the_delivery(delivery_settings, client, fake_bot):
    account = linked_account(client)
    post_update(client, CHAT, "/status")
    reply = fake_bot.last_text(CHAT)
    assert account.username in reply
    assert "off" in reply and "08:00" in reply and "Asia/Tehran" in reply
    assert "Readings left this hour: 10" in reply


def test_daily_sends_the_days_reading(delivery_settings, client, fake_bot):
    linked_account(client)
    post_update(client, CHAT, "/daily")
    reply = fake_bot.last_text(CHAT)
    assert "Day number:" in reply and "Quality:" in reply and "Best hours:" in reply


def test_daily_in_chat_is_stored_and_audited_once_a_day(delivery_settings, client, fake_bot):
    account = linked_account(client)
    post_update(client, CHAT, "/daily")
    post_update(client, CHAT, "/daily")  # asked again the same day: the stored one
    reading = Reading.objects.get()
    assert reading.owner == account and reading.sign_type == "daily"
    assert AuditLog.objects.filter(
        action="oracle_reading.create", actor=account, resource_id=reading.pk
    ).exists()
    assert "Day number:" in fake_bot.last_text(CHAT)
    post_update(client, CHAT, "/history")
    assert fake_bot.last_text(CHAT).count("• ") == 1


def test_daily_in_persian_has_persian_digits_and_words(delivery_settings, client, fake_bot):
    linked_account(client, language="fa")
    post_update(client, CHAT, "/daily")
    reply = fake_bot.last_text(CHAT)
    assert "عدد روز" in reply
    assert not any(digit in reply for digit in "0123456789")


@pytest.mark.parametrize(
    ("text", "sign_type", "expected"),
    [
        ("/time", "reading", "Reading of the moment"),
        ("/time 2024-03-20 14:30", "reading", "Reading of the moment"),
        ("/name Sara", "name", "Expression number"),
        ("/question Is today a good day?", "question", "Answer:"),
    ],
)
def test_readings_in_chat_are_stored_and_audited_under_the_account(
    delivery_settings, client, fake_bot, text, sign_type, expected
):
    account = linked_account(client)
    post_update(client, CHAT, text)
    assert expected in fake_bot.last_text(CHAT)
    reading = Reading.objects.get()
    assert reading.owner == account and reading.sign_type == sign_type
    assert AuditLog.objects.filter(
        action="oracle_reading.create", actor=account, resource_id=reading.pk
    ).exists()


def test_name_and_question_without_text_ask_for_it(delivery_settings, client, fake_bot):
    linked_account(client)
    post_update(client, CHAT, "/name")
    assert "Send a name" in fake_bot.last_text(CHAT)
    post_update(client, CHAT, "/question")
    assert "Send a question" in fake_bot.last_text(CHAT)
    assert not Reading.objects.exists()


def test_a_readonly_account_makes_no_reading_in_chat(delivery_settings, client, fake_bot):
    linked_account(client, role=Role.READONLY)
    post_update(client, CHAT, "/name Sara")
    assert "may read, not make readings" in fake_bot.last_text(CHAT)
    assert not Reading.objects.exists()


def test_history_lists_the_last_five(delivery_settings, client, fake_bot):
    linked_account(client)
    post_update(client, CHAT, "/history")
    assert "No readings yet" in fake_bot.last_text(CHAT)
    for number in range(6):
        post_update(client, CHAT, f"/name Sara{'a' * number}")
    post_update(client, CHAT, "/history")
    reply = fake_bot.last_text(CHAT)
    assert reply.count("• ") == 5 and "Name" in reply


def test_daily_on_off_and_time_change_the_delivery(delivery_settings, client, fake_bot):
    account = linked_account(client)
    post_update(client, CHAT, "/daily_on")
    assert "Daily reading on" in fake_bot.last_text(CHAT)
    assert DeliveryChoice.objects.get(account=account).telegram is True
    post_update(client, CHAT, "/daily_time 06:45")
    assert "06:45" in fake_bot.last_text(CHAT)
    assert DeliveryChoice.objects.get(account=account).time == datetime.time(6, 45)
    post_update(client, CHAT, "/daily_time 25:00")
    assert "HH:MM" in fake_bot.last_text(CHAT)
    post_update(client, CHAT, "/daily_time ۰۷:۱۵")  # typed with Persian digits
    assert DeliveryChoice.objects.get(account=account).time == datetime.time(7, 15)
    post_update(client, CHAT, "/daily_off")
    assert DeliveryChoice.objects.get(account=account).telegram is False


def test_unlink_from_the_chat(delivery_settings, client, fake_bot):
    account = linked_account(client)
    post_update(client, CHAT, "/daily_on")
    post_update(client, CHAT, "/unlink")
    assert "unlinked" in fake_bot.last_text(CHAT)
    assert not TelegramLink.objects.exists()
    assert DeliveryChoice.objects.get(account=account).telegram is False
    post_update(client, CHAT, "/daily")
    assert "not linked" in fake_bot.last_text(CHAT)


def test_ten_readings_an_hour_per_chat_then_a_clear_message(delivery_settings, client, fake_bot):
    linked_account(client)
    for _ in range(10):
        post_update(client, CHAT, "/daily")
        assert "Day number" in fake_bot.last_text(CHAT)
    post_update(client, CHAT, "/name Sara")
    reply = fake_bot.last_text(CHAT)
    assert "10 readings this hour" in reply and "Try again in" in reply
    assert not Reading.objects.filter(sign_type="name").exists()  # refused: nothing made
    post_update(client, CHAT, "/status")  # not a reading: still answered
    assert "Readings left this hour: 0" in fake_bot.last_text(CHAT)
