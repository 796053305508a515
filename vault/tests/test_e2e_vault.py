"""Browser tests of the Vault: note and tag an entry and find it by them; record an outcome and
watch the hit rate change."""

import re

import pytest
from playwright.sync_api import expect

from vault.tests.factories import question_reading

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_add_a_note_and_a_tag_and_find_the_entry_by_them(sign_in, page, user, password):
    noted = question_reading(user, "Should I call my sister?")
    other = question_reading(user, "Is the market open?")
    sign_in(user)
    page.goto("/vault")
    card = page.locator(f"#entry-{noted.pk}")
    card.get_by_text("Note and tags").click()
    card.get_by_label("Note", exact=True).fill("She sounded worried on Friday")
    card.get_by_label("Tags").fill("family")
    card.get_by_role("button", name="Save").click()
    expect(card.locator(".entry-note")).to_contain_text("She sounded worried on Friday")
    expect(card.get_by_role("link", name="family")).to_be_visible()

    page.get_by_label("Search").fill("worried fri")
    expect(page.locator("#entry-count")).to_have_text("1 entry matches")
    expect(page.locator(f"#entry-{noted.pk}")).to_be_visible()
    expect(page.locator(f"#entry-{other.pk}")).to_have_count(0)

    page.goto("/vault")
    page.get_by_role("link", name="family").click()
    expect(page).to_have_url(re.compile(r"tag=family"))
    expect(page.locator(f"#entry-{noted.pk}")).to_be_visible()
    expect(page.locator(f"#entry-{other.pk}")).to_have_count(0)


def test_record_an_outcome_and_see_the_hit_rate_change(sign_in, page, user, password):
    right = question_reading(user, "Will the parcel arrive?", answer="yes")
    wrong = question_reading(user, "Will it rain?", answer="yes")
    sign_in(user)
    page.goto("/vault")
    figure = page.locator("#hit-rate-figure")
    expect(figure).to_have_text("Not enough data yet.")

    def record(reading, choice):
        card = page.locator(f"#entry-{reading.pk}")
        card.get_by_text("Record the outcome").click()
        card.get_by_label(choice, exact=True).check()
        card.get_by_role("button", name="Save the outcome").click()
        expect(page.locator(f"#entry-{reading.pk} .entry-outcome")).to_contain_text(choice)

    record(right, "Yes")
    expect(figure).to_have_text("The oracle was right 100% of the time")
    record(wrong, "No")
    expect(figure).to_have_text("The oracle was right 50% of the time")
    expect(page.locator("#hit-rate")).to_contain_text("Not enough data yet")
