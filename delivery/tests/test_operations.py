"""What the operator meets: `manage.py telegram_webhook` against the fake Bot API, the deliveries in
the admin console, and the default profile that makes the daily reading personal."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from delivery.models import Channel, Delivery, DeliveryChoice, Status
from delivery.services import sending
from delivery.tests.conftest import WEBHOOK_SECRET
from nps.accounts.models import Preferences
from nps.accounts.tests.factories import UserFactory
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

URL = "https://nps.example.com/telegram/webhook"


def test_telegram_webhook_set_registers_the_url_with_the_secret(delivery_settings, fake_bot):
    out = StringIO()
    call_command("telegram_webhook", "--set", URL, stdout=out)
    assert f"Webhook set: {URL}" in out.getvalue()
    [(method, body)] = fake_bot.calls
    assert method == "setWebhook"
    assert body["url"] == URL and body["secret_token"] == WEBHOOK_SECRET
    call_command("telegram_webhook", "--delete", stdout=out)
    assert fake_bot.calls[-1][0] == "deleteWebhook" and "Webhook removed." in out.getvalue()


@pytest.mark.parametrize(
    ("change", "args", "message"),
    [
        ({}, ["--set", "http://nps.example.com/telegram/webhook"], "https://"),
        ({"TELEGRAM_WEBHOOK_SECRET": ""}, ["--set", URL], "TELEGRAM_WEBHOOK_SECRET"),
        ({"TELEGRAM_BOT_TOKEN": ""}, ["--set", URL], "TELEGRAM_BOT_TOKEN"),
        (
            {"TELEGRAM_BOT_TOKEN": "999:wrong"},
            ["--set", URL],
            "Telegram refused: setWebhook: HTTP 401",
        ),
    ],
)
def test_telegram_webhook_refuses_what_cannot_work(
    delivery_settings, fake_bot, change, args, message
):
    for name, value in change.items():
        setattr(delivery_settings, name, value)
    with pytest.raises(CommandError, match=message) as raised:
        call_command("telegram_webhook", *args)
    assert "999:wrong" not in str(raised.value)  # the token never appears in an error
    assert fake_bot.calls == []


def test_the_admin_lists_each_delivery_with_status_attempts_and_error(client, admin_user):
    account = UserFactory(username="reader1")
    Delivery.objects.create(
        account=account, channel=Channel.EMAIL, local_day=datetime.date(2026, 3, 10),
        status=Status.RETRY, attempts=2, last_error="SMTPDataError: 451 Try again later",
    )  # fmt: skip
    client.force_login(admin_user)
    listing = client.get("/admin/delivery/delivery/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "reader1" in text and "failed, will retry" in text
    row = Delivery.objects.get()
    detail = client.get(f"/admin/delivery/delivery/{row.pk}/change/").content.decode()
    assert "451 Try again later" in detail


def test_the_default_profile_makes_the_daily_email_personal(delivery_settings, smtp_server):
    account = UserFactory()
    profile = ProfileFactory(owner=account, name="Sara Ahmadi")
    Preferences.objects.create(account=account, timezone="Asia/Tehran", default_profile=profile)
    DeliveryChoice.objects.create(account=account, email=True)
    assert (
        sending.deliver_due(now=datetime.datetime(2026, 3, 10, 4, 30, tzinfo=datetime.UTC)).sent
        == 1
    )
    message = smtp_server.messages[0]
    assert "for Sara Ahmadi" in message.get_body(("plain",)).get_content()
    assert "for Sara Ahmadi" in message.get_body(("html",)).get_content()


def test_beat_runs_the_delivery_task_every_five_minutes(eager_celery):
    from datetime import timedelta

    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["deliver-daily"]
    eager_celery.loader.import_default_modules()
    assert entry["task"] == "delivery.tasks.deliver_daily" and entry["task"] in eager_celery.tasks
    assert entry["schedule"] == timedelta(minutes=5)


def test_the_task_sends_what_is_due_now(delivery_settings, smtp_server, eager_celery):
    from django.utils import timezone

    from delivery import tasks

    account = UserFactory()
    Preferences.objects.create(account=account, timezone="UTC")
    now = timezone.now()
    DeliveryChoice.objects.create(
        account=account, email=True, time=now.time().replace(second=0, microsecond=0)
    )
    assert tasks.deliver_daily.delay().get()["sent"] == 1
    assert Delivery.objects.get().status == Status.SENT and len(smtp_server.messages) == 1


@pytest.mark.parametrize(
    ("telegram", "message"),
    [
        ({"TELEGRAM_WEBHOOK_SECRET": "short"}, "TELEGRAM_WEBHOOK_SECRET must be set"),
        ({"TELEGRAM_BOT_USERNAME": ""}, "TELEGRAM_BOT_USERNAME must be set"),
        ({}, None),
    ],
)
def test_production_with_a_bot_needs_its_secret_and_user_name(telegram, message):
    from nps.core.tests.test_settings import REAL_SECRETS, start_django

    env = {
        "TELEGRAM_BOT_TOKEN": "123456:real-token",
        "TELEGRAM_BOT_USERNAME": "nps_bot",
        "TELEGRAM_WEBHOOK_SECRET": "a-webhook-secret-0123456789",
        **telegram,
    }
    result = start_django(DEBUG="0", **REAL_SECRETS, **env)
    if message is None:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode != 0 and message in result.stderr
