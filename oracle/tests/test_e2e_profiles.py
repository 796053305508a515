"""Browser tests of the profiles page: the dialog, its errors, delete and undo, Persian."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from oracle.models import Profile
from oracle.services import location
from oracle.tests.factories import ProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module", autouse=True)
def built_gazetteer():
    """The offline place index takes seconds to build at its first use (once per process): build
    it before the browser waits for the first form."""
    location.gazetteer()


@pytest.fixture
def profiles_page(sign_in, page, user, password):
    sign_in(user)
    page.goto("/profiles")
    return page


def open_new_profile_dialog(page):
    page.get_by_role("link", name="New profile").click()
    dialog = page.get_by_role("dialog", name="New profile")
    expect(dialog).to_be_visible()
    return dialog


def test_create_a_profile_through_the_dialog_and_find_it_in_the_list(profiles_page):
    page = profiles_page
    dialog = open_new_profile_dialog(page)
    expect(dialog.get_by_label("Name", exact=True)).to_be_focused()

    dialog.get_by_label("Name", exact=True).fill("Sara Ahmadi")
    expect(dialog.get_by_text("this name is counted in Pythagorean")).to_be_visible()
    dialog.get_by_label("Birthday").fill("1991-06-15")
    dialog.get_by_label("Mother's name", exact=True).fill("Maryam")
    dialog.get_by_label("Country").select_option("Iran")
    dialog.get_by_label("City").fill("Shir")
    dialog.get_by_role("button", name=re.compile("^Shiraz")).click()
    expect(dialog.get_by_label("Time zone")).to_have_value("Asia/Tehran")
    expect(dialog.get_by_label("Latitude")).to_have_value(re.compile(r"^29\.6"))
    dialog.get_by_role("button", name="Create profile").click()

    expect(page.get_by_role("heading", name="Sara Ahmadi")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("Profile “Sara Ahmadi” created.")
    profile = Profile.objects.get(name="Sara Ahmadi")
    assert profile.city == "Shiraz" and profile.timezone == "Asia/Tehran"


def test_escape_closes_the_dialog_and_focus_returns_to_its_button(profiles_page):
    page = profiles_page
    dialog = open_new_profile_dialog(page)

    page.keyboard.press("Escape")

    expect(dialog).to_be_hidden()
    expect(page.get_by_role("link", name="New profile")).to_be_focused()


def test_a_form_error_is_announced_and_linked_to_its_field(profiles_page):
    page = profiles_page
    dialog = open_new_profile_dialog(page)
    dialog.get_by_label("Name", exact=True).fill("Kian")
    dialog.get_by_label("Birthday").fill("1990-01-01")
    dialog.get_by_label("Mother's name", exact=True).fill("Nasrin")
    dialog.get_by_label("Latitude").fill("95")
    dialog.get_by_label("Longitude").fill("10")
    dialog.get_by_role("button", name="Create profile").click()

    latitude = dialog.get_by_label("Latitude")
    expect(latitude).to_have_attribute("aria-invalid", "true")
    expect(latitude).to_be_focused()
    error_id = latitude.get_attribute("aria-describedby")
    error = page.locator(f"#{error_id}")
    expect(error).to_have_attribute("role", "alert")
    expect(error).to_contain_text("less than or equal to 90")
    expect(dialog.get_by_label("Name", exact=True)).to_have_value("Kian")
    assert not Profile.objects.exists()


def test_delete_then_undo_brings_the_profile_back(profiles_page, user):
    ProfileFactory(owner=user, name="Roya Karimi")
    page = profiles_page
    page.reload()

    page.get_by_role("button", name="Delete Roya Karimi").click()
    expect(page.get_by_text("Profile “Roya Karimi” deleted.")).to_be_visible()
    expect(page.get_by_role("heading", name="Roya Karimi")).to_have_count(0)
    expect(page.get_by_role("button", name="Undo")).to_be_focused()
    with page.expect_response(lambda response: "/restore" in response.url) as restore:
        page.keyboard.press("Enter")
    # Enter pressed as soon as Undo has focus goes through htmx, not a full-page form submission.
    assert restore.value.request.headers.get("hx-request") == "true"

    expect(page.get_by_role("heading", name="Roya Karimi")).to_be_visible()
    expect(page.get_by_role("link", name="Edit Roya Karimi")).to_be_focused()
    assert Profile.objects.filter(name="Roya Karimi").exists()


def test_the_page_in_persian_is_right_to_left_with_persian_digits(profiles_page, user):
    ProfileFactory(owner=user, name="Dariush", birthday=datetime.date(1990, 3, 21))
    page = profiles_page
    page.get_by_role("button", name="تغییر به فارسی").click()
    page.goto("/profiles")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="پروفایل‌ها", exact=True)).to_be_visible()
    expect(page.locator(".profile-facts")).to_contain_text("۱ فروردین ۱۳۶۹")
    expect(page.locator("#profile-count")).to_contain_text("۱")


def test_a_persian_name_typed_on_the_keyboard_and_a_jalali_birthday_are_stored(profiles_page):
    """The issue's scenario: Persian name on the on-screen keyboard, birthday chosen in the Jalali
    calendar, and the list shows the right Gregorian date."""
    page = profiles_page
    dialog = open_new_profile_dialog(page)
    dialog.get_by_label("Name", exact=True).fill("Ali Rezaei")
    dialog.get_by_role("button", name="Toggle Persian keyboard").first.click()
    keyboard = page.get_by_role("group", name="Persian keyboard")
    for letter in "علی":
        keyboard.get_by_role("button", name=letter, exact=True).click()
    expect(dialog.get_by_label("Name in Persian", exact=True)).to_have_value("علی")
    page.keyboard.press("Escape")  # closes the keyboard, not the dialog
    expect(dialog).to_be_visible()

    birthday = dialog.get_by_label("Birthday")
    birthday.fill("1991-04-10")
    dialog.get_by_role("button", name="Choose a date").click()
    picker = page.get_by_role("dialog", name="Calendar")
    picker.get_by_role("button", name="Solar Hijri").click()
    picker.get_by_role("grid", name="فروردین 1370").get_by_role(
        "gridcell", name="1 فروردین 1370", exact=True
    ).click()
    expect(birthday).to_have_value("1991-03-21")

    dialog.get_by_label("Mother's name", exact=True).fill("Maryam")
    dialog.get_by_role("button", name="Create profile").click()

    expect(page.get_by_role("heading", name="Ali Rezaei")).to_be_visible()
    profile = Profile.objects.get(name="Ali Rezaei")
    assert (profile.name_persian, profile.birthday) == ("علی", datetime.date(1991, 3, 21))
    expect(page.get_by_text("1991-03-21")).to_be_visible()
