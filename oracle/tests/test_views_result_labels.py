"""A result says whose each number is (issue 20): a time reading for a profile shows the moment's
zodiac and the person's life path and zodiac, each labelled as such."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from nps.accounts.principal import principal_for_account
from oracle.services import readings
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def time_reading(account, **fields) -> int:
    principal = principal_for_account(account, auth_type="session")
    return readings.create_time_reading(
        principal=principal, datetime_text="2024-01-15T13:45:00+03:30", use_ai=False, **fields
    )["reading_id"]


def quick_stats(client, reading_id: int) -> dict[str, str]:
    page = client.get(reverse("oracle:reading", args=[reading_id])).content.decode()
    block = page.split('class="quick-stats"', 1)[1].split("</dl>", 1)[0]
    pairs = re.findall(r"<dt>(.*?)</dt><dd><bdi>(.*?)</bdi></dd>", block)
    return {label: re.sub(r"\s+", " ", value).strip() for label, value in pairs}


def test_time_reading_for_a_profile_labels_the_persons_numbers_and_the_moments(client, user):
    client.force_login(user)
    alice = ProfileFactory(owner=user, name="Alice Smith", birthday=dt.date(1990, 3, 21))
    stats = quick_stats(client, time_reading(user, profile_id=alice.pk))
    assert stats["Life path of Alice Smith"] == "7"  # 1990-03-21
    assert stats["Zodiac of Alice Smith"] == "Aries"  # the sign the interpretation names
    assert stats["Zodiac of the moment"] == "Capricorn"  # 15 January
    assert stats["Year animal of the moment"] == "Dragon"  # 2024, not Alice's 1990 Horse
    assert stats["Element of the moment"] == "Wood Yang"  # 2024's stem
    unlabelled = {"Life path", "Zodiac", "Element", "Year animal"}
    assert unlabelled.isdisjoint(stats)  # nothing left without its owner


def test_time_reading_without_a_profile_labels_the_dates_numbers(client, user):
    client.force_login(user)
    stats = quick_stats(client, time_reading(user))
    assert stats["Life path of the date"] == "6"  # 2024-01-15: 2+0+2+4+0+1+1+5 = 15 → 6
    assert stats["Zodiac of the moment"] == "Capricorn"
    assert not any("Alice" in label for label in stats)
