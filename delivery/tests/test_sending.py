"""Sending the day's reading: at each person's local hour, exactly once, retried after a
failure, by a real SMTP server and the fake Bot API; and the e-mail's way out."""

from __future__ import annotations

import datetime
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from delivery.models import Channel, Delivery, DeliveryChoice, Status, TelegramLink
from delivery.services import linking, mail, sending
from nps.accounts.models import Preferences
from nps.accounts.tests.factories import UserFactory

UTC = datetime.UTC
CHAT = 555001


def subscriber(
    *, zone, language="en", at=datetime.time(8, 0), email=True, telegram=False, chat=None
):
    account = UserFactory()
    Preferences.objects.create(account=account, timezone=zone, language=language)
    DeliveryChoice.objects.create(account=account, email=email, telegram=telegram, time=at)
    if telegram:
        chat = chat or CHAT
        TelegramLink.objects.create(
            account=account, chat_id=str(chat), chat_digest=linking.chat_digest(chat)
        )
    return account


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "before", "on_time", "local_day"),
    [
        # 08:00 in Tehran (+03:30) is 04:30 UTC; in Kolkata (+05:30) 02:30 UTC.
        ("Asia/Tehran", "2026-03-10T04:29:00+00:00", "2026-03-10T04:30:00+00:00", "2026-03-10"),
        ("Asia/Kolkata", "2026-03-10T02:29:00+00:00", "2026-03-10T02:30:00+00:00", "2026-03-10"),
        # Berlin the day before summer time (+01:00), and the day it begins (+02:00).
        ("Europe/Berlin", "2026-03-28T06:59:00+00:00", "2026-03-28T07:00:00+00:00", "2026-03-28"),
        ("Europe/Berlin", "2026-03-29T05:59:00+00:00", "2026-03-29T06:00:00+00:00", "2026-03-29"),
    ],
)
def test_the_reading_is_sent_at_the_local_hour(
    delivery_settings, smtp_server, zone, before, on_time, local_day
):
    account = subscriber(zone=zone)
    assert sending.deliver_due(now=at(before)).sent == 0
    assert smtp_server.messages == []
    assert sending.deliver_due(now=at(on_time)).sent == 1
    delivery = Delivery.objects.get()
    assert (delivery.account, delivery.channel, str(delivery.local_day)) == (
        account,
        Channel.EMAIL,
        local_day,
    )
    assert delivery.status == Status.SENT and delivery.attempts == 1
    assert [message["To"] for message in smtp_server.messages] == [account.email]


@pytest.mark.django_db
def test_nothing_is_sent_long_after_the_hour_or_twice_the_same_day(delivery_settings, smtp_server):
    subscriber(zone="Asia/Tehran")
    assert sending.deliver_due(now=at("2026-03-10T16:00:00+00:00")).sent == 0  # 19:30 local
    assert sending.deliver_due(now=at("2026-03-11T04:31:00+00:00")).sent == 1
    assert sending.deliver_due(now=at("2026-03-11T04:36:00+00:00")).sent == 0
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db
def test_the_email_has_both_parts_the_reading_and_the_unsubscribe_headers(
    delivery_settings, smtp_server
):
    account = subscriber(zone="Asia/Tehran")
    sending.deliver_due(now=at("2026-03-10T04:30:00+00:00"))
    message = smtp_server.messages[0]
    assert message["Subject"].startswith("Your day, 2026-03-10")
    link = mail.unsubscribe_url(account)
    assert message["List-Unsubscribe"].strip() == f"<{link}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (text, html):
        assert "Day number" in part and "Quality" in part and "Best hours" in part
        assert link in part
    assert "Advice" in html and 'dir="ltr"' in html


@pytest.mark.django_db
def test_a_persian_email_is_right_to_left_with_a_jalali_date_and_persian_digits(
    delivery_settings, smtp_server
):
    subscriber(zone="Asia/Tehran", language="fa")
    sending.deliver_due(now=at("2026-03-10T04:30:00+00:00"))
    message = smtp_server.messages[0]
    assert "۱۹ اسفند ۱۴۰۴" in message["Subject"]  # 2026-03-10 in the Jalali calendar
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert '<html lang="fa" dir="rtl">' in html
    assert "عدد روز" in html and "بهترین ساعت‌ها" in html
    assert "2026" not in text.split("--")[0]  # no Gregorian year, no Latin digits in the reading
    assert "۱۹ اسفند ۱۴۰۴" in text


@pytest.mark.django_db
def test_telegram_delivery_goes_to_the_linked_chat(delivery_settings, fake_bot):
    subscriber(zone="Asia/Kolkata", email=False, telegram=True)
    sending.deliver_due(now=at("2026-03-10T02:30:00+00:00"))
    assert len(fake_bot.sent(str(CHAT))) == 1
    assert "Day number" in fake_bot.last_text(str(CHAT))


@pytest.mark.django_db
def test_a_failed_send_is_retried_with_backoff_and_sent_once(delivery_settings, fake_bot):
    subscriber(zone="Asia/Tehran", email=False, telegram=True)
    fake_bot.failures = 2
    first = sending.deliver_due(now=at("2026-03-10T04:30:00+00:00"))
    assert first.retry == 1
    delivery = Delivery.objects.get()
    assert delivery.status == Status.RETRY and delivery.attempts == 1
    assert "HTTP 500" in delivery.last_error and "TEST-token" not in delivery.last_error
    assert delivery.next_attempt_at == at("2026-03-10T04:31:00+00:00")
    assert sending.deliver_due(now=at("2026-03-10T04:30:30+00:00")).retry == 0  # not yet
    sending.deliver_due(now=at("2026-03-10T04:31:00+00:00"))
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.next_attempt_at == at("2026-03-10T04:33:00+00:00")
    assert sending.deliver_due(now=at("2026-03-10T04:33:00+00:00")).sent == 1
    sending.deliver_due(now=at("2026-03-10T04:40:00+00:00"))
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT and delivery.attempts == 3
    assert len(fake_bot.sent()) == 1


@pytest.mark.django_db
def test_a_refused_email_is_retried_then_given_up(delivery_settings, smtp_server):
    delivery_settings.NPS_DELIVERY_MAX_ATTEMPTS = 2
    subscriber(zone="Asia/Tehran")
    smtp_server.refuse = 5
    sending.deliver_due(now=at("2026-03-10T04:30:00+00:00"))
    assert sending.deliver_due(now=at("2026-03-10T04:31:00+00:00")).failed == 1
    delivery = Delivery.objects.get()
    assert delivery.status == Status.FAILED and delivery.attempts == 2
    assert "451" in delivery.last_error
    assert sending.deliver_due(now=at("2026-03-10T05:00:00+00:00")).as_dict()["sent"] == 0


@pytest.mark.django_db
def test_a_send_interrupted_by_a_crash_is_not_sent_again(delivery_settings, smtp_server):
    account = subscriber(zone="Asia/Tehran")
    Delivery.objects.create(
        account=account, channel=Channel.EMAIL, local_day=datetime.date(2026, 3, 10),
        status=Status.SENDING, attempts=1,
    )  # fmt: skip
    Delivery.objects.update(updated_at=at("2026-03-10T04:00:00+00:00"))
    sending.deliver_due(now=at("2026-03-10T04:45:00+00:00"))
    assert Delivery.objects.get().status == Status.UNKNOWN
    assert smtp_server.messages == []


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_delivery_exactly_once(
    delivery_settings, smtp_server, fake_bot
):
    for number in range(4):
        subscriber(zone="Asia/Tehran", telegram=True, chat=CHAT + number)
    now = at("2026-03-10T04:30:00+00:00")
    start = threading.Barrier(2)
    errors = []

    def run():
        try:
            start.wait()
            sending.deliver_due(now=now)
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(smtp_server.messages) == 4
    assert len(fake_bot.sent()) == 4
    assert Delivery.objects.count() == 8
    assert set(Delivery.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


@pytest.mark.django_db
def test_deliver_daily_command_sends_what_is_due_at_the_given_moment(
    delivery_settings, smtp_server
):
    subscriber(zone="Asia/Kolkata")
    out = StringIO()
    call_command("deliver_daily", "--at", "2026-03-10T02:30:00Z", stdout=out)
    assert "sent=1" in out.getvalue()
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db
def test_deliver_daily_command_refuses_a_moment_without_offset(delivery_settings):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="offset"):
        call_command("deliver_daily", "--at", "2026-03-10T02:30:00")


@pytest.mark.django_db
def test_no_email_is_sent_in_production_without_a_mail_server(delivery_settings, smtp_server):
    subscriber(zone="Asia/Tehran")
    delivery_settings.EMAIL_HOST = ""
    delivery_settings.DEBUG = False
    assert sending.deliver_due(now=at("2026-03-10T04:30:00+00:00")).sent == 0
    assert not Delivery.objects.exists()


# --- unsubscribe -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_unsubscribe_link_shows_a_button_and_its_post_turns_email_off(
    delivery_settings, client
):
    account = subscriber(zone="Asia/Tehran")
    path = mail.unsubscribe_url(account).removeprefix("https://nps.example.com")
    page = client.get(path)
    assert page.status_code == 200 and b"Stop daily e-mails" in page.content
    assert DeliveryChoice.objects.get(account=account).email is True  # a look changes nothing
    done = client.post(path, {"List-Unsubscribe": "One-Click"})  # no login, no CSRF token
    assert done.status_code == 200
    assert DeliveryChoice.objects.get(account=account).email is False


@pytest.mark.django_db
def test_a_forged_unsubscribe_link_is_404(delivery_settings, client):
    account = subscriber(zone="Asia/Tehran")
    token = mail.unsubscribe_token(account)
    assert client.post(f"/delivery/unsubscribe/{token}x").status_code == 404
    assert DeliveryChoice.objects.get(account=account).email is True


@pytest.mark.django_db
def test_a_mail_server_that_stops_answering_is_a_failed_send_retried_later(delivery_settings):
    """A server that accepts the connection and never greets: the send gives up after
    EMAIL_TIMEOUT and is recorded for a retry instead of holding the worker forever."""
    import signal
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    delivery_settings.EMAIL_PORT = silent.getsockname()[1]
    assert 0 < delivery_settings.EMAIL_TIMEOUT <= 60  # nps.settings sets one; Django's is none
    delivery_settings.EMAIL_TIMEOUT = 1  # the test's own, to be quick
    subscriber(zone="Asia/Tehran")

    def hung(*_args):
        raise AssertionError("the send still waits for the mail server")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        outcome = sending.deliver_due(now=at("2026-03-10T04:30:00+00:00"))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        silent.close()
    assert outcome.retry == 1
    delivery = Delivery.objects.get()
    assert delivery.status == Status.RETRY and "timed out" in delivery.last_error.lower()


@pytest.mark.django_db
def test_an_hour_that_daylight_saving_skips_or_repeats_is_sent_once(delivery_settings, smtp_server):
    subscriber(zone="Europe/Berlin", at=datetime.time(2, 30))
    # 2026-03-29: 02:00 → 03:00, so 02:30 does not exist; it is sent when the clock shows 03:30.
    assert sending.deliver_due(now=at("2026-03-29T01:29:00+00:00")).sent == 0
    assert sending.deliver_due(now=at("2026-03-29T01:30:00+00:00")).sent == 1
    # 2026-10-25: 03:00 → 02:00, so 02:30 comes twice; sent at the first, not at the second.
    assert sending.deliver_due(now=at("2026-10-25T00:29:00+00:00")).sent == 0
    assert sending.deliver_due(now=at("2026-10-25T00:30:00+00:00")).sent == 1
    assert sending.deliver_due(now=at("2026-10-25T01:30:00+00:00")).sent == 0
    assert len(smtp_server.messages) == 2
