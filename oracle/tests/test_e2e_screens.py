"""Every page and state of the consultation and profiles, in English and Persian, at desktop and
phone width: saved as screenshots under the test output (``NPS_SCREENSHOTS_DIR``, default
``test-output/screens``) for people to look at, and checked for what a reader would notice first —
the direction of the page, content wider than the screen, Latin digits in Persian text.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from oracle.services import location
from oracle.tests.factories import ProfileFactory
from oracle.tests.test_views_sky import NAMES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OUT = Path(os.environ.get("NPS_SCREENSHOTS_DIR", "test-output/screens"))
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
LATIN_DIGIT = re.compile(r"[0-9]")


@pytest.fixture(scope="module", autouse=True)
def built_gazetteer():
    location.gazetteer()


@pytest.fixture
def people(user):
    return [
        ProfileFactory(
            owner=user, name="Ali Rezaei", name_persian="علی رضایی", timezone="Asia/Tehran"
        ),
        ProfileFactory(owner=user, name="Sara Lind", timezone="Europe/London"),
        ProfileFactory(owner=user, name="Hamzeh Karimi", timezone="Asia/Tehran"),
    ]


def check(page, language: str, name: str, size: str) -> None:
    """Save the screenshot, then check the page as a reader would see it."""
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"{language}_{size}_{name}.png"), full_page=True)
    state = page.evaluate(
        """() => ({
            dir: document.documentElement.dir,
            lang: document.documentElement.lang,
            overflow: document.documentElement.scrollWidth - window.innerWidth,
        })"""
    )
    assert state["lang"] == language and state["dir"] == ("rtl" if language == "fa" else "ltr")
    assert state["overflow"] <= 1, f"{name} is {state['overflow']} px wider than the screen"
    if language == "fa":
        # Numbers a Persian reader reads are in Persian digits; Latin text that is not Persian
        # (stamps, zone keys, typed names) is marked left-to-right and left as it is.
        text = page.evaluate(
            """() => {
                const main = document.querySelector("main").cloneNode(true);
                const skip = "[dir=ltr], input, textarea, select, script, noscript, style, svg";
                main.querySelectorAll(skip).forEach(node => node.remove());
                return main.innerText;
            }"""
        )
        for name_with_digits in NAMES:  # names as written (the stamp, V4, the ephemeris)
            text = text.replace(name_with_digits, "")
        found = [text[max(0, m.start() - 30) : m.end() + 30] for m in LATIN_DIGIT.finditer(text)]
        assert not found, f"{name}: Latin digits in Persian text: {found[:5]}"


def log_in(page, user, password):
    page.goto("/login")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(password)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/$"))


def consult(page, reading_type: str, fill=None):
    page.goto(f"/oracle?type={reading_type}")
    if fill:
        fill(page)
    page.locator("#consult-submit-button").click()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "fa"])
def test_every_page_and_state(browser, live_server, user, password, people, language, size):
    context = browser.new_context(base_url=live_server.url, viewport=SIZES[size])
    context.add_cookies([{"name": "nps_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    ali = people[0]
    try:
        log_in(page, user, password)

        page.goto("/oracle?type=time")
        check(page, language, "consult_time_form", size)

        def time_for_ali(page):
            page.locator("#id_profile").select_option(str(ali.pk))
            expect(page.locator("#id_timezone")).to_have_value("Asia/Tehran")
            page.locator("#id_date").fill("2026-03-20")
            page.locator("#id_time").fill("09:30")

        consult(page, "time", time_for_ali)
        expect(page.locator("#result-heading")).to_be_visible()
        check(page, language, "result_time_summary", size)
        page.locator("[role=tab]").nth(1).click()
        check(page, language, "result_time_details", size)

        consult(page, "name", lambda page: page.locator("#id_name").fill("علی"))
        expect(page.locator(".name-value")).to_contain_text("۱۱۰" if language == "fa" else "110")
        check(page, language, "result_name_persian", size)

        consult(
            page, "question", lambda page: page.locator("#id_question").fill("Will it go well?")
        )
        expect(page.locator(".answer-word")).to_be_visible()
        check(page, language, "result_question", size)

        consult(page, "question")
        expect(page.locator("#id_question_error")).to_be_visible()
        check(page, language, "consult_question_error", size)

        consult(page, "daily")
        expect(page.locator("#result-heading")).to_be_visible()
        check(page, language, "result_daily", size)

        def three_people(page):
            for person in people:
                page.locator(f"input[name=members][value='{person.pk}']").check()

        consult(page, "multi", three_people)
        expect(page.locator(".group-hours")).to_be_visible()
        check(page, language, "result_group_of_three", size)
        page.locator("[role=tab]").nth(1).click()
        check(page, language, "result_group_details", size)

        page.goto("/profiles")
        check(page, language, "profiles_list", size)
        page.locator("a[href$='/profiles/new']").first.click()
        dialog = page.locator("dialog[open]")
        expect(dialog).to_be_visible()
        dialog.locator("#id_name").fill("Kian")
        dialog.locator("button[type=submit]").click()
        expect(dialog.locator("#id_birthday_error")).to_be_visible()
        check(page, language, "profile_dialog_error", size)
        dialog.locator(".pk-toggle").first.click()
        check(page, language, "profile_dialog_persian_keyboard", size)
        assert not errors, errors
    finally:
        context.close()
