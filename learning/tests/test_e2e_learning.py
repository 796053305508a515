"""Browser test of feedback: rate a reading, and the admin's learning dashboard changes."""

import re

import pytest
from playwright.sync_api import expect

from nps.accounts.roles import Role
from nps.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from vault.tests.factories import question_reading

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, username, password):
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))


def log_out(page):
    page.get_by_role("button", name="Log out").click()


def test_rate_a_reading_and_see_the_admin_dashboard_change(page, user, password):
    reading = question_reading(user, "Is this a good week to travel?")
    admin = UserFactory(username="boss", role=Role.ADMIN)

    log_in(page, admin.username, DEFAULT_PASSWORD)
    page.goto("/learning/dashboard")
    expect(page.locator("#total-feedback")).to_have_text("0")
    log_out(page)

    log_in(page, user.username, password)
    page.goto("/vault")
    page.locator(f"#entry-{reading.pk}").get_by_role("link", name=re.compile("^Rate")).click()
    feedback = page.locator(f"#feedback-{reading.pk}")
    submit = feedback.get_by_role("button", name="Submit feedback")
    feedback.locator("label", has_text="4 stars").click()
    expect(feedback.get_by_role("radio", name="4 stars")).to_be_checked()
    advice = feedback.get_by_role("group", name="Advice")
    advice.get_by_label("Helpful", exact=True).check()
    comment = feedback.get_by_label("Comment (optional)")
    comment.fill("Clear and kind")
    expect(feedback.locator(".char-counter")).to_have_text("14 of 1000 characters")
    submit.click()
    expect(feedback.get_by_role("status")).to_have_text("Thank you for your feedback!")
    expect(feedback.get_by_role("img", name="4 of 5 stars")).to_be_visible()
    log_out(page)

    log_in(page, admin.username, DEFAULT_PASSWORD)
    page.goto("/learning/dashboard")
    expect(page.locator("#total-feedback")).to_have_text("1")
    expect(page.locator("#average-rating")).to_have_text("4.0 / 5")
    expect(page.get_by_role("row", name=re.compile("Advice"))).to_contain_text("100%")
    page.get_by_role("button", name="Recalculate").click()
    expect(page.get_by_text("Recalculated from 1 feedback entries.")).to_be_visible()
