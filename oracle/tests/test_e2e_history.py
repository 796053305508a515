"""Browser tests of the dashboard, history, reading, export, share and settings pages."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from nps.accounts.models import User
from nps.accounts.principal import principal_for_account
from oracle.models import ShareLink
from oracle.services import readings
from oracle.tests.factories import ProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, username, password):
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))


def ask(account, question: str, **fields) -> int:
    principal = principal_for_account(account, auth_type="session")
    return readings.create_question_reading(
        principal=principal, question=question, use_ai=False, **fields
    )["reading_id"]


def test_sign_up_lands_on_the_dashboard_whose_counters_follow_a_reading(page):
    page.goto("/signup")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("E-mail address").fill("new@example.com")
    page.get_by_label("Password", exact=True).fill("a long secret phrase")
    page.get_by_label("Password again").fill("a long secret phrase")
    page.get_by_role("button", name="Create the account").click()
    expect(page.locator("#welcome-heading")).to_contain_text("newcomer")
    expect(page.get_by_role("heading", name="Your first steps")).to_be_visible()

    ask(User.objects.get(username="newcomer"), "Will Zanzibar welcome me?")
    page.reload()
    expect(page.locator("#stat-total")).to_have_text("1")
    expect(page.locator("#stat-today")).to_have_text("1")
    expect(page.get_by_role("link", name="Will Zanzibar welcome me?")).to_be_visible()


def test_history_search_load_more_favourite_delete_and_undo(sign_in, page, user, password):
    for n in range(13):
        ask(user, f"Ordinary question number {n}")
    wanted = ask(user, "Will Zanzibar welcome me?")
    sign_in(user)
    page.goto("/history")
    rows = page.locator("#reading-rows > li")
    expect(rows).to_have_count(12)
    page.get_by_role("link", name="Load more").click()
    expect(rows).to_have_count(14)  # appended, not replaced
    expect(page.get_by_role("link", name="Load more")).to_have_count(0)

    page.get_by_label("Search").fill("zanzi")
    expect(rows).to_have_count(1)
    expect(page.locator("#history-totals")).to_contain_text("1 reading")
    expect(page).to_have_url(re.compile(r"q=zanzi"))

    favourite = page.get_by_role("button", name=re.compile("Favourite"))
    favourite.click()
    expect(page.get_by_role("button", name=re.compile("Favourite"))).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("button", name=re.compile("^Delete")).click()
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    undo.click()
    expect(page.get_by_role("link", name="Will Zanzibar welcome me?")).to_be_focused()
    page.get_by_role("link", name="Will Zanzibar welcome me?").click()
    expect(page).to_have_url(re.compile(rf"/readings/{wanted}$"))
    expect(page.locator("[data-result]")).to_be_visible()


def test_shared_link_opens_without_login_and_an_expired_one_is_gone(
    sign_in, browser, live_server, page, user, password
):
    hamzeh = ProfileFactory(owner=user, name="Hamzeh", mother_name="Fatemeh")
    reading_id = ask(user, "Will Zanzibar welcome me?", profile_id=hamzeh.pk)
    sign_in(user)
    page.goto(f"/readings/{reading_id}")
    page.get_by_role("button", name="Make a share link").click()
    url = page.get_by_label(re.compile("Your new link")).input_value()
    assert "/share/" in url

    stranger = browser.new_context(base_url=live_server.url, locale="en-US")
    try:
        public = stranger.new_page()
        public.goto(url)
        expect(public.locator("[data-result]")).to_contain_text("Will Zanzibar welcome me?")
        assert "Fatemeh" not in public.content()
        assert public.locator('meta[property="og:title"]').get_attribute("content")
        ShareLink.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        response = public.goto(url)
        assert response.status == 410
        expect(public.get_by_role("heading", name="This link no longer works")).to_be_visible()
    finally:
        stranger.close()
    page.reload()
    expect(page.locator(".share-views")).to_have_text("1")


def test_pdf_export_downloads_with_the_persian_name(sign_in, page, user, password):
    sara = ProfileFactory(owner=user, name="Sara", name_persian="سارا")
    reading_id = ask(user, "Is the road to Shiraz open?", profile_id=sara.pk)
    sign_in(user)
    page.goto(f"/readings/{reading_id}")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    content = download.value.path().read_bytes()
    assert download.value.suggested_filename == f"nps-reading-{reading_id}.pdf"
    assert "سارا" in PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_language_chosen_in_settings_is_kept_after_logging_out_and_in(
    browser, live_server, user, password
):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    try:
        page = context.new_page()
        log_in(page, user.username, password)
        page.goto("/settings")
        page.get_by_label("Language").select_option("fa")
        page.get_by_role("button", name="Save settings").click()
        expect(page.locator("html")).to_have_attribute("lang", "fa")
        context.clear_cookies()  # as on another device: no language cookie, no session
        page.goto("/login")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        expect(page.locator("html")).to_have_attribute("lang", "fa")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
    finally:
        context.close()


def test_an_api_key_made_in_settings_works_against_the_api(sign_in, page, user, password):
    sign_in(user)
    ask(user, "Will Zanzibar welcome me?")
    page.goto("/settings")
    page.get_by_label("Key name").fill("my script")
    page.get_by_role("button", name="Create key").click()
    raw = page.locator("#new-api-key").input_value()
    assert len(raw) == 43
    response = page.request.get("/api/oracle/stats", headers={"Authorization": f"Bearer {raw}"})
    assert response.status == 200 and response.json()["total_readings"] == 1
    expect(page.get_by_role("cell", name="my script", exact=True)).to_be_visible()
