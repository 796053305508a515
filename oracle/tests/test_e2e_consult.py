"""Browser tests of the consultation page: what a person sees after asking the oracle."""

import re

import pytest
from playwright.sync_api import expect

from nps.accounts.tests.test_e2e import log_in
from oracle.models import Reading
from oracle.tests.factories import ProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def submit(page):
    page.locator("#consult-submit-button").click()
    expect(page.locator("#result-heading")).to_be_visible()


def test_time_reading_for_a_profile_shows_its_stamp_moon_and_personal_numbers(page, user, password):
    profile = ProfileFactory(owner=user, name="Alice Smith", timezone="Asia/Tehran")
    log_in(page, user.username, password)
    page.goto("/oracle?type=time")
    page.get_by_label("Profile").select_option(str(profile.pk))
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Tehran")
    page.get_by_label("Date", exact=True).fill("2026-03-20")
    page.get_by_label("Time", exact=True).fill("09:30")
    submit(page)
    expect(page.locator("#result-heading")).to_have_text("For Alice Smith")
    expect(page.locator(".pic-fc60 svg").first).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("moon", re.I)).first).to_be_visible()
    expect(page.get_by_text("Personal year").first).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Your reading is ready.")
    assert Reading.objects.get().profile == profile


def test_name_reading_in_persian_script_shows_abjad_and_its_value(page, user, password):
    log_in(page, user.username, password)
    page.goto("/oracle?type=name")
    page.get_by_label("Name", exact=True).fill("علی")
    submit(page)
    expect(page.locator(".name-system")).to_have_text("Read with Abjad")
    expect(page.locator(".name-value")).to_contain_text("110")
    expect(page.locator(".name-value")).to_contain_text("Abjad value")


def test_question_shows_yes_no_or_maybe(page, user, password):
    log_in(page, user.username, password)
    page.goto("/oracle?type=question")
    page.get_by_label("Your question").fill("Will the journey go well?")
    expect(page.locator(".counter")).to_have_text("25 / 2000")
    submit(page)
    expect(page.locator(".answer-word")).to_have_text(re.compile(r"^(Yes|No|Maybe)$"))


def test_empty_question_is_answered_with_a_message_beside_the_field(page, user, password):
    log_in(page, user.username, password)
    page.goto("/oracle?type=question")
    page.locator("#consult-submit-button").click()
    expect(page.locator("#id_question_error")).to_have_text(
        "Write your question first: it is empty."
    )
    expect(page.get_by_label("Your question")).to_have_attribute("aria-invalid", "true")
    assert Reading.objects.count() == 0


def test_group_of_three_shows_the_matrix_with_three_rows(page, user, password):
    for name in ("Ali", "Sara", "Hamzeh"):
        ProfileFactory(owner=user, name=name)
    log_in(page, user.username, password)
    page.goto("/oracle?type=multi")
    for name in ("Ali", "Sara", "Hamzeh"):
        page.get_by_label(name).check()
    expect(page.locator("[data-group-counter]")).to_have_text("3 of 10 people chosen")
    submit(page)
    heatmap = page.get_by_role("img", name="Compatibility of 3 people, out of 100")
    expect(heatmap).to_be_visible()
    expect(heatmap.locator("text.pic-label[text-anchor='end']")).to_have_count(3)  # the rows
    expect(heatmap.locator(".pic-cell")).to_have_count(9)
    page.get_by_role("tab", name="Details").click()
    expect(page.locator(".pair")).to_have_count(3)


def test_group_limit_of_ten_is_enforced_in_the_page(page, user, password):
    for index in range(11):
        ProfileFactory(owner=user, name=f"Person {index}")
    log_in(page, user.username, password)
    page.goto("/oracle?type=multi")
    for index in range(10):
        page.get_by_label(f"Person {index}", exact=True).check()
    expect(page.get_by_label("Person 10", exact=True)).to_be_disabled()
    expect(page.locator("[data-group-counter]")).to_contain_text("The group is full")


def test_result_tabs_follow_the_arrow_keys_home_and_end(page, user, password):
    log_in(page, user.username, password)
    page.goto("/oracle?type=daily")
    submit(page)
    summary = page.get_by_role("tab", name="Summary")
    details = page.get_by_role("tab", name="Details")
    expect(summary).to_have_attribute("aria-selected", "true")
    expect(page.locator("#panel-details")).to_be_hidden()
    summary.focus()
    page.keyboard.press("ArrowRight")
    expect(details).to_be_focused()
    expect(details).to_have_attribute("aria-selected", "true")
    expect(details).to_have_attribute("tabindex", "0")
    expect(summary).to_have_attribute("tabindex", "-1")
    expect(page.locator("#panel-details")).to_be_visible()
    expect(page.locator("#panel-summary")).to_be_hidden()
    page.keyboard.press("Home")
    expect(summary).to_be_focused()
    page.keyboard.press("End")
    expect(details).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(summary).to_be_focused()


def test_consultation_done_with_the_keyboard_only(page, user, password):
    ProfileFactory(owner=user, name="Alice Smith")
    log_in(page, user.username, password)
    page.goto("/oracle?type=time")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Time")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Question")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"type=question"))
    expect(page.get_by_role("link", name="Question")).to_be_focused()
    question = page.get_by_label("Your question")
    for _ in range(4):  # the Daily and Group links, the profile picker, the question
        page.keyboard.press("Tab")
    expect(question).to_be_focused()
    page.keyboard.type("Is today a good day?")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Category")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#consult-submit-button")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".answer-word")).to_be_visible()
    expect(page.locator("#result-heading")).to_be_focused()
    assert Reading.objects.get().sign_type == "question"


def test_a_failed_request_offers_a_retry_that_makes_the_reading(page, user, password):
    log_in(page, user.username, password)
    page.goto("/oracle?type=question")
    page.get_by_label("Your question").fill("Will it work the second time?")
    failures = []

    def fail_once(route):
        if not failures:
            failures.append(route.request.url)
            route.fulfill(status=500, body="Server error")
        else:
            route.continue_()

    page.route(re.compile(r"/oracle\?type=question$"), fail_once)
    page.locator("#consult-submit-button").click()
    retry = page.get_by_role("button", name="Try again")
    expect(retry).to_be_visible()
    expect(page.locator("#consult-work")).not_to_have_attribute("aria-busy", "true")
    assert Reading.objects.count() == 0
    retry.click()
    expect(page.locator(".answer-word")).to_be_visible()
    expect(retry).to_be_hidden()
    assert Reading.objects.count() == 1


def test_without_javascript_a_time_reading_works_as_a_plain_post(
    browser, live_server, user, password
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        log_in(page, user.username, password)
        page.goto("/oracle?type=time")
        page.get_by_label("Use the current time").check()
        page.locator("#consult-submit-button").click()
        expect(page.locator("#result-heading")).to_have_text("Your reading")
        # Without JavaScript both panels are shown, one after the other.
        expect(page.get_by_role("heading", name="Summary")).to_be_visible()
        expect(page.get_by_role("heading", name="Details")).to_be_visible()
        expect(page.locator(".pic-fc60 svg").first).to_be_visible()
        assert Reading.objects.count() == 1

        # Without JavaScript, choosing a profile and asking for its details fills its zone.
        profile = ProfileFactory(owner=user, name="Tara Tokyo", timezone="Asia/Tokyo")
        page.goto("/oracle?type=time")
        page.get_by_label("Profile").select_option(str(profile.pk))
        page.get_by_role("button", name="Use this profile's zone and details").click()
        expect(page.get_by_label("Time zone")).to_have_value("Asia/Tokyo")
        expect(page.get_by_label("Profile")).to_have_value(str(profile.pk))
        assert Reading.objects.count() == 1
    finally:
        context.close()
