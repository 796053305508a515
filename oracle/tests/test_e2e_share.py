"""Browser tests of the public share page and of what every htmx slot of the site gets back.

Both run with DEBUG on, as under `make run`: django-htmx then adds its debug script, which used
to replace the whole page with Django's 404 when a slot's request was refused.
"""

import re

import pytest
from playwright.sync_api import expect

from nps.accounts.principal import principal_for_account
from nps.accounts.tests.factories import UserFactory
from oracle.services import readings, sharing
from oracle.tests.test_e2e_history import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OWNER_ONLY = re.compile(r"/(learning|readings|oracle/readings|vault)/")


@pytest.fixture
def as_under_make_run(settings):
    settings.DEBUG = True
    settings.ANTHROPIC_API_KEY = "sk-test-provider-configured"  # interpretations would load lazily


def shared_question(account) -> tuple[int, str]:
    principal = principal_for_account(account, auth_type="session")
    reading_id = readings.create_question_reading(
        principal=principal, question="Will Zanzibar welcome me?", use_ai=False
    )["reading_id"]
    return reading_id, sharing.create_share_link(principal=principal, reading_id=reading_id).token


@pytest.mark.parametrize("viewer", ["nobody", "another account", "the owner"])
def test_the_share_page_shows_the_reading_and_nothing_that_needs_its_owner(
    as_under_make_run, browser, live_server, user, password, viewer
):
    reading_id, token = shared_question(user)
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        if viewer != "nobody":
            account = user if viewer == "the owner" else UserFactory()
            log_in(page, account.username, password)
        asked = []
        page.on("request", lambda request: asked.append(request.url))
        response = page.goto(f"/share/{token}")
        page.wait_for_load_state("networkidle")
        assert response.status == 200
        expect(page).to_have_url(re.compile(rf"/share/{token}$"))
        card = page.locator("[data-result]")
        expect(card).to_contain_text("Will Zanzibar welcome me?")
        expect(card.get_by_role("heading", name="Interpretation")).to_be_visible()
        expect(page.locator(".sidebar")).to_have_count(1)  # no second page inside the card
        expect(page.locator("h1")).to_have_text(["A Question reading shared from NPS"])
        expect(page.locator("input[type=password]")).to_have_count(0)
        expect(card.locator(".feedback-slot, form, [hx-get], [hx-post]")).to_have_count(0)
        expect(page.get_by_text(f"Saved as reading {reading_id}")).to_have_count(0)
        expect(page.get_by_text("Rate this reading")).to_have_count(0)
        assert not [url for url in asked if OWNER_ONLY.search(url)], asked
    finally:
        context.close()


def add_slot(page, slot_id: str, url: str) -> None:
    """A slot that loads ``url`` at once, as the site's lazy slots do."""
    page.evaluate(
        """([slotId, url]) => {
            const slot = document.createElement("div");
            slot.id = slotId;
            slot.textContent = "the slot's own content";
            slot.setAttribute("hx-get", url);
            slot.setAttribute("hx-trigger", "load");
            slot.setAttribute("hx-swap", "outerHTML");
            document.querySelector("main").append(slot);
            htmx.process(slot);
        }""",
        [slot_id, url],
    )


def test_no_slot_ever_gets_a_whole_page_and_a_refusal_leaves_the_page_as_it_is(
    as_under_make_run, page, user, password
):
    log_in(page, user.username, password)
    page.goto("/history")
    heading = page.locator("h1").first.inner_text()
    with page.expect_response(re.compile(r"/settings$")):
        add_slot(page, "page-slot", "/settings")  # a whole page answering 200
    expect(page.locator("#page-slot")).to_have_text("the slot's own content")
    expect(page.locator(".sidebar")).to_have_count(1)
    with page.expect_response(re.compile(r"/readings/999999$")) as refused:
        add_slot(page, "missing-slot", "/readings/999999")  # Django's debug 404 page
    assert refused.value.status == 404
    expect(page.locator("#missing-slot")).to_have_text("the slot's own content")
    expect(page.locator("h1").first).to_have_text(heading)  # not "Page not found (404)"
    expect(page.locator(".sidebar")).to_have_count(1)


def test_a_slot_that_needs_a_login_sends_the_page_to_the_login_form(as_under_make_run, page, user):
    reading_id, token = shared_question(user)
    page.goto(f"/share/{token}")
    add_slot(page, "owner-slot", f"/learning/readings/{reading_id}/feedback")
    expect(page).to_have_url(re.compile(rf"/login\?next=%2Fshare%2F{token}$"))
    expect(page.locator(".sidebar")).to_have_count(1)
    expect(page.get_by_label("Username")).to_be_visible()
