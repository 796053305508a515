"""The dashboard at `/`: first steps for a new account; counters, today and the latest readings."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from nps.accounts.models import Preferences
from nps.accounts.principal import principal_for_account
from nps.core.kept import PAGE_PARTS
from oracle.services import readings
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

HOME = reverse("home")


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return user


def ask(account, question: str) -> int:
    principal = principal_for_account(account, auth_type="session")
    return readings.create_question_reading(principal=principal, question=question, use_ai=False)[
        "reading_id"
    ]


def test_a_new_account_sees_first_steps_not_zeros(client, owner):
    page = client.get(HOME).content.decode()
    assert "Your first steps" in page
    assert 'id="stat-total"' not in page
    assert "Good " in page and owner.username in page
    assert 'class="pic pic-moon"' in page  # today's moon, in the daily card


def test_dashboard_counts_readings_and_lists_the_latest_five(client, owner):
    ids = [ask(owner, f"Question {n} about Zanzibar") for n in range(6)]
    page = client.get(HOME).content.decode()
    assert "Your first steps" not in page
    assert 'id="stat-total">6<' in page and 'id="stat-today">6<' in page
    assert reverse("oracle:reading", args=[ids[-1]]) in page
    assert reverse("oracle:reading", args=[ids[0]]) not in page  # only the five newest
    assert f'href="{reverse("oracle:history")}"' in page


def test_quick_actions_deep_link_to_each_reading_type(client, owner):
    page = client.get(HOME).content.decode()
    for kind in ("time", "name", "question", "daily", "multi"):
        assert f'{reverse("oracle:consult")}?type={kind}"' in page


def test_daily_reading_of_the_default_profile(client, owner):
    hamzeh = ProfileFactory(owner=owner, name="Hamzeh")
    Preferences.objects.create(account=owner, default_profile=hamzeh, timezone="Asia/Tehran")
    page = client.get(HOME).content.decode()
    assert "Today for Hamzeh" in page
    assert "Tehran — Iran (UTC+03:30)" in page and "Asia/Tehran" not in page


def test_without_a_default_profile_the_dashboard_prompts_to_choose_one(client, owner):
    ProfileFactory(owner=owner)
    page = client.get(HOME).content.decode()
    assert "Choose a default profile" in page


def test_the_dashboard_in_persian_shows_persian_digits(client, owner):
    ask(owner, "Zanzibar?")
    client.cookies["nps_language"] = "fa"
    page = client.get(HOME).content.decode()
    assert 'id="stat-total">۱<' in page


def test_the_default_profiles_daily_is_kept_once_a_day_in_the_history(client, owner):
    from oracle.models import Reading

    hamzeh = ProfileFactory(owner=owner, name="Hamzeh")
    Preferences.objects.create(account=owner, default_profile=hamzeh, timezone="Asia/Tehran")
    client.get(HOME)
    client.get(HOME)
    daily = Reading.objects.get()
    assert (daily.sign_type, daily.profile) == ("daily", hamzeh)
    page = client.get(HOME).content.decode()
    assert f'href="{reverse("oracle:reading", args=[daily.pk])}">The whole daily reading' in page
    listed = client.get(reverse("oracle:history"), {"type": "daily"}).content.decode()
    assert reverse("oracle:reading", args=[daily.pk]) in listed


def test_without_a_default_profile_the_dashboards_daily_is_not_stored(client, owner):
    from oracle.models import Reading

    client.get(HOME)
    assert not Reading.objects.exists()


def test_the_kept_dashboard_shows_a_new_reading_and_a_renamed_profile_at_once(client, owner):
    """The dashboard's HTML is kept (`{% kept %}`): never the one of a visit before a change."""
    hamzeh = ProfileFactory(owner=owner, name="Hamzeh")
    Preferences.objects.create(account=owner, default_profile=hamzeh)
    ask(owner, "Question about Zanzibar")
    first = client.get(HOME).content.decode()
    client.get(HOME)
    assert len(PAGE_PARTS) == 1  # the second visit used the first one's HTML
    # the question, and the day's daily reading stored by this first visit
    assert 'id="stat-total">2<' in first and "Today for Hamzeh" in first

    newest = ask(owner, "Question about Samarkand")
    hamzeh.name = "Hamzeh Rahimi"
    hamzeh.save()
    page = client.get(HOME).content.decode()

    assert 'id="stat-total">3<' in page
    assert reverse("oracle:reading", args=[newest]) in page
    assert "Today for Hamzeh Rahimi" in page


def test_two_accounts_never_get_each_others_dashboard(client, user, django_user_model):
    other = django_user_model.objects.create_user("someone-else", "pw-0123456789")
    for account in (user, other):
        client.force_login(account)
        page = client.get(HOME).content.decode()
        assert f", {account.username}<" in page


def test_the_day_alone_is_made_once_per_minute_zone_and_waking_hours(client, user, monkeypatch):
    from oracle.views import dashboard

    made = []
    real = readings.daily_reading
    monkeypatch.setattr(
        readings, "daily_reading", lambda **kwargs: made.append(kwargs) or real(**kwargs)
    )
    this_minute = dt.datetime(2026, 12, 8, 9, 30, 12, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: this_minute)
    client.force_login(user)
    client.get(HOME)
    client.get(HOME)
    assert len(made) == 1  # the second visit, in the same minute, used the first one's

    Preferences.objects.create(account=user, waking_from=9, waking_until=17)
    client.get(HOME)
    assert len(made) == 2  # other waking hours: another day alone…
    office_hours = dashboard.DAYS_ALONE.get(
        (this_minute.isoformat()[:16] + ":00+00:00", "UTC", (9, 17))
    )
    assert all(9 <= entry["hour"] < 17 for entry in office_hours["best_hours"])  # …its own

    this_minute += dt.timedelta(minutes=1)
    client.get(HOME)
    assert len(made) == 3  # and the next minute another
