"""V4's eight Playwright scenarios (features.md §A.4), one test each, every one asserting the
outcome its name promises (three of V4's asserted nothing). The numbers are V4's."""

import re

import pytest
from playwright.sync_api import expect

from oracle.models import Profile, Reading
from oracle.services import location
from oracle.tests.factories import ProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module", autouse=True)
def built_gazetteer():
    location.gazetteer()


@pytest.fixture
def signed_in(page, user, password):
    page.goto("/login")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))
    return page


@pytest.fixture
def seeded(user):
    return ProfileFactory(owner=user, name="E2E Seeded", timezone="Asia/Tehran")


def read_time_for(page, profile):
    page.goto("/oracle?type=time")
    page.get_by_label("Profile").select_option(str(profile.pk))
    page.locator("#consult-submit-button").click()
    expect(page.locator("#result-heading")).to_have_text(f"For {profile.name}")


def test_v4_1_oracle_page_loads_with_all_sections_visible(signed_in, seeded):
    page = signed_in
    page.goto("/oracle")
    expect(page.get_by_role("heading", name="Oracle", level=1)).to_be_visible()
    types = page.get_by_role("navigation", name="Reading type").get_by_role("link")
    names = ["Time", "Name", "Question", "Daily", "Group"]
    expect(types).to_have_text([re.compile(f"{name}$") for name in names])  # after an icon
    for name in names:
        expect(types.filter(has_text=name)).to_have_accessible_name(name)
    expect(page.get_by_label("Profile").locator("option", has_text="E2E Seeded")).to_have_count(1)
    expect(page.locator("#consult-submit-button")).to_be_enabled()


def test_v4_2_create_a_profile_through_the_form(signed_in):
    page = signed_in
    page.goto("/profiles")
    page.get_by_role("link", name="New profile").click()
    dialog = page.get_by_role("dialog", name="New profile")
    dialog.get_by_label("Name", exact=True).fill("E2E CreateUser")
    dialog.get_by_label("Birthday").fill("1990-06-15")
    dialog.get_by_label("Mother's name", exact=True).fill("E2E Mother")
    dialog.get_by_role("button", name="Create profile").click()
    expect(page.get_by_role("heading", name="E2E CreateUser")).to_be_visible()
    profile = Profile.objects.get(name="E2E CreateUser")
    assert profile.birthday.isoformat() == "1990-06-15"
    assert profile.mother_name == "E2E Mother"  # stored encrypted, read back decrypted
    page.goto("/oracle")
    expect(page.get_by_label("Profile").locator("option", has_text="E2E CreateUser")).to_have_count(
        1
    )


def test_v4_3_submit_an_oracle_reading(signed_in, seeded):
    page = signed_in
    read_time_for(page, seeded)
    expect(page.get_by_role("status")).to_have_text("Your reading is ready.")
    reading = Reading.objects.get()
    assert (
        reading.profile == seeded and reading.sign_type == "reading"
    )  # V4's type of a time reading
    expect(page.locator(".result-meta")).to_have_text(f"Saved as reading {reading.pk}")


def test_v4_4_switch_between_result_tabs(signed_in, seeded):
    page = signed_in
    read_time_for(page, seeded)
    summary = page.get_by_role("tab", name="Summary")
    details = page.get_by_role("tab", name="Details")
    expect(summary).to_have_attribute("aria-selected", "true")
    details.click()
    expect(details).to_have_attribute("aria-selected", "true")
    expect(summary).to_have_attribute("aria-selected", "false")
    expect(page.locator("#panel-details")).to_be_visible()
    expect(page.locator("#panel-summary")).to_be_hidden()
    page.keyboard.press("ArrowLeft")  # arrow keys move along the tablist
    expect(summary).to_be_focused()
    expect(page.locator("#panel-summary")).to_be_visible()


def test_v4_5_language_toggle_switches_to_persian(signed_in):
    page = signed_in
    page.goto("/oracle")
    page.get_by_role("button", name="تغییر به فارسی").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "fa")
    expect(page.get_by_role("heading", level=1)).to_have_text("پیشگو")
    page.goto("/profiles")  # the choice is kept for the next page
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_v4_6_persian_keyboard_types_characters(signed_in):
    page = signed_in
    page.goto("/profiles")
    page.get_by_role("link", name="New profile").click()
    dialog = page.get_by_role("dialog", name="New profile")
    field = dialog.get_by_label("Name in Persian", exact=True)
    field.focus()
    dialog.locator(".pk-toggle").first.click()
    keyboard = dialog.locator(".pk-panel").first
    keyboard.get_by_role("button", name="ب", exact=True).click()
    keyboard.get_by_role("button", name="ا", exact=True).click()
    expect(field).to_have_value("با")
    keyboard.locator(".pk-backspace").click()
    expect(field).to_have_value("ب")


def test_v4_7_form_validation_shows_errors_beside_the_fields(signed_in):
    page = signed_in
    page.goto("/profiles")
    page.get_by_role("link", name="New profile").click()
    dialog = page.get_by_role("dialog", name="New profile")
    dialog.get_by_label("Name", exact=True).fill("")
    # Past the browser's own required-field check: the server's messages are what is tested.
    dialog.locator("form").evaluate("form => form.setAttribute('novalidate', '')")
    dialog.get_by_role("button", name="Create profile").click()
    name = dialog.get_by_label("Name", exact=True)
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(dialog.locator("#id_name_error")).to_be_visible()
    expect(dialog.locator("#id_birthday_error")).to_be_visible()
    assert Profile.objects.count() == 0


def test_v4_8_reading_appears_in_history_after_creation(signed_in, seeded):
    page = signed_in
    read_time_for(page, seeded)
    reading = Reading.objects.get()
    answer = page.request.get("/api/oracle/readings", headers={"Accept": "application/json"})
    assert answer.ok
    assert [item["id"] for item in answer.json()["readings"]] == [reading.pk]
