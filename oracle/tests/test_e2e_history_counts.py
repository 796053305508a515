"""Browser tests of the history list's counts and "Load more" (issue 20)."""

import pytest
from playwright.sync_api import expect

from nps.accounts.principal import principal_for_account
from oracle.services import readings

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def ask(account, question: str) -> int:
    principal = principal_for_account(account, auth_type="session")
    return readings.create_question_reading(principal=principal, question=question, use_ai=False)[
        "reading_id"
    ]


def test_totals_follow_favourite_delete_and_undo_within_the_filter(signed_in_page, user):
    page = signed_in_page
    first = ask(user, "Will the garden bloom?")
    ask(user, "Will the garden grow?")
    ask(user, "Is the river calm?")
    page.goto("/history?q=garden")
    totals = page.locator("#history-totals")
    expect(totals).to_have_text("2 readings · 0 favourites")

    page.get_by_role("button", name=f"Favourite reading {first}").click()
    expect(totals).to_have_text("2 readings · 1 favourite")
    page.get_by_role("button", name=f"Delete reading {first}").click()
    expect(totals).to_have_text("1 reading · 0 favourites")  # the filter kept: not 2 readings
    page.get_by_role("button", name="Undo").click()
    expect(totals).to_have_text("2 readings · 1 favourite")


def test_load_more_moves_focus_to_the_first_new_reading(signed_in_page, user):
    page = signed_in_page
    for n in range(14):
        ask(user, f"Question number {n}?")
    page.goto("/history")
    expect(page.locator(".reading-row")).to_have_count(12)
    page.get_by_role("link", name="Load more").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".reading-row")).to_have_count(14)
    thirteenth = page.locator(".reading-row").nth(12).locator("a.reading-title")
    expect(thirteenth).to_be_focused()
    expect(thirteenth).to_have_text("Question number 1?")
