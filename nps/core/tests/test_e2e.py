"""Browser tests of the browsable API: a person logged in to the site browses `/api/...`."""

import json

import pytest
from playwright.sync_api import expect

from oracle.models import Profile

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_logged_in_person_browses_and_posts_through_the_api(sign_in, page, user, password):
    sign_in(user)
    page.goto("/api/oracle/users")
    expect(page.get_by_role("heading", name="Profiles")).to_be_visible()
    expect(page.get_by_text(f"Signed in as {user.username}")).to_be_visible()
    expect(page.locator(".response-info")).to_contain_text("HTTP 200 OK")

    profile = {"name": "Hamzeh", "birthday": "1990-03-21", "mother_name": "Fatemeh"}
    page.get_by_label("Content:").fill(json.dumps(profile))
    page.get_by_role("button", name="POST").click()
    expect(page.locator(".response-info")).to_contain_text("HTTP 201 Created")
    assert Profile.objects.get().owner == user
