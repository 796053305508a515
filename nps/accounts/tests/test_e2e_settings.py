"""Browser tests of the settings page: the defaults it saves are the ones the oracle opens with."""

import pytest
from playwright.sync_api import expect

from nps.accounts.models import Preferences
from nps.accounts.tests.test_calendar_preference import _reading_of
from nps.accounts.tests.test_e2e import log_in
from oracle.tests.factories import ProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_defaults_saved_on_the_settings_page_open_the_oracle(page, user, password):
    ProfileFactory(owner=user, name="Ali Rezaei")
    hamzeh = ProfileFactory(owner=user, name="Hamzeh Karimi")
    log_in(page, user.username, password)
    page.goto("/settings")
    page.get_by_label("Default reading type").select_option(label="Name")
    page.get_by_label("Default profile").select_option(label="Hamzeh Karimi")
    page.get_by_label("Default numerology system").select_option("chaldean")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status").first).to_contain_text("Settings saved.")

    page.goto("/oracle")
    expect(page.locator("#reading-type-name")).to_have_attribute("aria-current", "page")
    expect(page.get_by_label("Profile", exact=True)).to_have_value(str(hamzeh.pk))
    expect(page.get_by_label("Numerology system")).to_have_value("chaldean")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Hamzeh Karimi")

    # The address still wins: a link to the time reading without a profile opens just that.
    page.goto("/oracle?type=time&profile=")
    expect(page.locator("#reading-type-time")).to_have_attribute("aria-current", "page")
    expect(page.get_by_label("Profile", exact=True)).to_have_value("")


def test_the_settings_time_zone_is_found_by_typing_a_city(page, user, password):
    log_in(page, user.username, password)
    page.goto("/settings")
    picker = page.get_by_label("Default time zone")
    picker.focus()
    page.keyboard.type("Tokyo")
    expect(picker).to_have_value("Asia/Tokyo")
    page.get_by_role("button", name="Save settings").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("Settings saved.")
    expect(page.get_by_label("Default time zone")).to_have_value("Asia/Tokyo")
    assert Preferences.objects.get(account=user).timezone == "Asia/Tokyo"
    page.goto("/oracle?type=time")  # no profile: the reading starts in the account's zone
    expect(page.get_by_label("Time zone", exact=True)).to_have_value("Asia/Tokyo")


def test_the_calendar_chosen_in_settings_dates_the_history_whatever_the_language(
    page, user, password
):
    _reading_of(user)  # made at 2024-03-20 08:05 UTC, 1 Farvardin 1403
    log_in(page, user.username, password)
    page.goto("/history")
    expect(page.locator("main")).to_contain_text("2024-03-20 08:05")
    page.goto("/settings")
    page.get_by_label("Calendar").select_option(label="Solar Hijri (Jalali)")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status").first).to_contain_text("Settings saved.")
    expect(page.get_by_label("Calendar")).to_have_value("jalali")
    page.goto("/history")
    expect(page.locator("main")).to_contain_text("1 Farvardin 1403, 08:05")
    expect(page.locator("main")).not_to_contain_text("2024-03-20 08:05")
