"""Browser tests of a result's tools: the character counters, copy and print (issue 20)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def ask(page, question: str) -> None:
    page.evaluate("document.querySelectorAll('[data-result]').forEach(r => r.dataset.old = '1')")
    page.get_by_label("Your question").fill(question)
    page.locator("#consult-submit-button").click()
    # The new result and its feedback form (not the previous one's).
    expect(page.locator("[data-result]:not([data-old]) .feedback textarea")).to_be_visible()


def test_counters_read_correctly_and_two_results_raise_no_script_error(signed_in_page):
    page = signed_in_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/oracle?type=question")
    counter = page.locator("[data-counter-for=id_question]")
    page.get_by_label("Your question").fill("Will it rain?")
    expect(counter).to_have_text("13 / 2000")

    ask(page, "Will the journey go well?")
    ask(page, "Shall I call my sister?")
    feedback = page.locator(".feedback")
    feedback.locator("textarea").fill("Spot on")
    expect(feedback.locator(".char-counter")).to_have_text("7 of 1000 characters")
    page.get_by_label("Your question").fill("Yes?")
    expect(page.locator("[data-counter-for=id_question]")).to_have_text("4 / 2000")
    expect(feedback.locator(".char-counter")).to_have_text("7 of 1000 characters")
    assert errors == []
    assert not page.locator("text=/NaN/").count()


def stored_question(account, question: str) -> int:
    from nps.accounts.principal import principal_for_account
    from oracle.services import readings

    principal = principal_for_account(account, auth_type="session")
    return readings.create_question_reading(principal=principal, question=question, use_ai=False)[
        "reading_id"
    ]


def test_copy_puts_the_reading_on_the_clipboard_as_readable_lines(signed_in_page, user):
    page = signed_in_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    reading_id = stored_question(user, "Will the journey go well?")
    page.goto(f"/readings/{reading_id}")
    page.locator("[data-result] [data-copy-result]").click()
    expect(page.locator("[data-result] [data-copy-result]")).to_have_text("Copied")
    text = page.evaluate("navigator.clipboard.readText()")
    lines = text.splitlines()
    assert lines[0] == "Question reading — NPS"
    assert lines[1].startswith(f"Reading #{reading_id} · ")  # and its moment
    assert "Question: Will the journey go well?" in lines
    assert any(re.fullmatch(r"Answer: (Yes|No|Maybe)", line) for line in lines)
    assert any(line.startswith("FC60 stamp: ") for line in lines)
    assert len(text) > 300 and len(lines) < len(text.split()) / 2  # not one word per line


def test_copy_of_a_daily_insight_reads_label_and_value_on_one_line(signed_in_page):
    page = signed_in_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/oracle?type=daily")
    page.locator("#consult-submit-button").click()
    page.locator("[data-result] [data-copy-result]").click()
    expect(page.locator("[data-result] [data-copy-result]")).to_have_text("Copied")
    text = page.evaluate("navigator.clipboard.readText()")
    assert re.search(r"^Day number: \d+ — ", text, re.M), text
    assert re.search(r"^Best hours: \d\d:00\W+\d\d:00", text, re.M), text
    assert re.search(r"^Lucky numbers: \d", text, re.M), text
    assert "Rate this reading" not in text and "Copy" not in text.split()


def test_print_leaves_out_forms_buttons_and_navigation_with_dark_headings(signed_in_page, user):
    page = signed_in_page
    reading_id = stored_question(user, "Will the journey go well?")
    page.goto(f"/readings/{reading_id}")
    expect(page.locator(".feedback textarea")).to_be_visible()
    page.emulate_media(media="print")
    for selector in (
        ".feedback",
        ".sidebar",
        ".reading-toolbar",
        "#share-panel",
        ".result-actions",
    ):
        expect(page.locator(selector).first).to_be_hidden()
    assert page.locator("main a[href='/history']").first.is_hidden()  # "← Back to history"
    expect(page.locator("#panel-details")).to_be_visible()
    colours = page.eval_on_selector_all(
        "[data-result] h2, [data-result] h3, [data-result] h4, [data-result] h5",
        "els => els.filter(e => e.offsetParent).map(e => getComputedStyle(e).color)",
    )
    assert colours
    for colour in colours:
        red, green, blue = (int(v) for v in re.findall(r"\d+", colour)[:3])
        assert max(red, green, blue) <= 0x55, colour  # dark on white paper
