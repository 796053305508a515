"""Browser tests: Playwright driving Debian's Chromium against the live server."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, username, password):
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_log_in_through_the_form_and_see_the_home_page(page, user, password):
    log_in(page, user.username, password)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("#welcome-heading")).to_contain_text(user.username)
    expect(page.get_by_text(f"Signed in as {user.username}")).to_be_visible()


def test_wrong_password_shows_an_error(page, user):
    log_in(page, user.username, "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("Please enter a correct username")
    expect(page.get_by_label("Username")).to_have_attribute("aria-invalid", "true")


def test_switch_to_persian_turns_the_page_right_to_left(page, user, password):
    log_in(page, user.username, password)
    page.get_by_role("button", name="تغییر به فارسی").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "fa")
    expect(page.get_by_role("button", name="خروج")).to_be_visible()
    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_repeated_failures_lock_the_account(page, user, password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(page, user.username, "wrong-password")
    log_in(page, user.username, password)
    expect(page.get_by_role("heading", name="Too many attempts")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("locked")
