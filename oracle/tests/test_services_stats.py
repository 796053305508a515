"""The reading counters behind the dashboard and `GET /api/oracle/stats`."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from oracle.models import Reading
from oracle.services import readings, stats

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)  # a Thursday


def made(account, when: dt.datetime, sign_type="question", **fields) -> Reading:
    reading = Reading.objects.create(owner=account, sign_type=sign_type, sign_value="yes", **fields)
    Reading.objects.filter(pk=reading.pk).update(created_at=when)
    return reading


def test_streak_counts_consecutive_days_ending_today_or_yesterday():
    today = dt.date(2026, 3, 12)
    days = {today - dt.timedelta(days=n) for n in (0, 1, 2, 4)}
    assert stats.streak(days, today) == 3
    assert stats.streak(days - {today}, today) == 2  # nothing yet today: yesterday's run counts
    assert stats.streak({today - dt.timedelta(days=2)}, today) == 0


def test_counters_by_period_and_type_of_own_readings_only():
    account = UserFactory()
    made(account, NOW)
    made(account, NOW - dt.timedelta(days=1), sign_type="name")
    made(account, NOW - dt.timedelta(days=3))  # Monday: this week
    made(account, NOW - dt.timedelta(days=11))  # 1 March: this month
    made(account, NOW - dt.timedelta(days=40), sign_type="reading")
    made(UserFactory(), NOW)  # another account's
    deleted = made(account, NOW)
    deleted.delete()
    principal = principal_for_account(account, auth_type="jwt")

    counted = stats.reading_stats(principal=principal, now=NOW)

    assert counted.total_readings == 5
    assert counted.readings_by_type == {"question": 3, "name": 1, "reading": 1}
    assert counted.most_used_type == "question"
    assert (counted.readings_today, counted.readings_this_week) == (1, 3)
    assert counted.readings_this_month == 4
    assert counted.streak_days == 2


def test_today_is_counted_in_the_zone_given():
    account = UserFactory()
    made(account, dt.datetime(2026, 3, 11, 22, 0, tzinfo=dt.UTC))  # 11 March UTC, 12th in Tehran
    principal = principal_for_account(account, auth_type="jwt")
    tehran = zoneinfo.ZoneInfo("Asia/Tehran")
    assert stats.reading_stats(principal=principal, now=NOW).readings_today == 0
    assert stats.reading_stats(principal=principal, zone=tehran, now=NOW).readings_today == 1


def test_average_confidence_of_question_readings():
    account = UserFactory()
    principal = principal_for_account(account, auth_type="jwt")
    for question in ("Will it rain in Zanzibar?", "Is now the time?"):
        readings.create_question_reading(principal=principal, question=question, use_ai=False)
    counted = stats.reading_stats(principal=principal)
    assert counted.average_confidence is not None and 0 < counted.average_confidence <= 1


def test_stats_api_returns_the_same_numbers_as_the_service(api_as):
    client = api_as(Role.USER)
    principal = principal_for_account(client.account, auth_type="jwt")
    readings.create_question_reading(principal=principal, question="Zanzibar?", use_ai=False)
    body = client.get(reverse("api-stats")).json()
    assert body == stats.reading_stats(principal=principal).as_dict()
    assert body["total_readings"] == 1 and body["readings_today"] == 1


def test_stats_api_needs_credentials(api_client):
    assert api_client.get(reverse("api-stats")).status_code == 401
