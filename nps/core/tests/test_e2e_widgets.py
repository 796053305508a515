"""Browser tests of the form widgets on a test-only demo page."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("nps.core.tests.widget_demo_urls"),
]


def in_persian(page, live_server):
    page.context.add_cookies([{"name": "nps_language", "value": "fa", "url": live_server.url}])


def open_keyboard(page):
    page.goto("/widget-demo")
    page.get_by_role("button", name="Toggle Persian keyboard").first.click()
    keyboard = page.get_by_role("group", name="Persian keyboard")
    expect(keyboard).to_be_visible()
    return keyboard


def test_keyboard_types_by_clicking_keys(page):
    keyboard = open_keyboard(page)
    for letter in "علی":
        keyboard.get_by_role("button", name=letter, exact=True).click()
    expect(page.get_by_label("Name")).to_have_value("علی")


def test_keyboard_types_with_enter_and_space_on_focused_keys(page):
    keyboard = open_keyboard(page)
    keyboard.get_by_role("button", name="ع", exact=True).focus()
    page.keyboard.press("Enter")
    keyboard.get_by_role("button", name="ل", exact=True).focus()
    page.keyboard.press("Space")
    keyboard.get_by_role("button", name="ی", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Name")).to_have_value("علی")


def test_tab_moves_from_the_toggle_through_the_keys(page):
    open_keyboard(page)
    page.keyboard.press("Tab")  # from the toggle to the close button
    expect(page.get_by_role("button", name="Close keyboard")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="ض", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="ص", exact=True)).to_be_focused()


def test_keys_insert_at_the_caret(page):
    keyboard = open_keyboard(page)
    name = page.get_by_label("Name")
    name.fill("عی")
    name.evaluate("field => field.setSelectionRange(1, 1)")
    keyboard.get_by_role("button", name="ل", exact=True).click()
    expect(name).to_have_value("علی")


def test_shift_layer_gives_digits_and_marks_and_backspace_removes_one(page):
    keyboard = open_keyboard(page)
    shift = keyboard.get_by_role("button", name="Shift")
    shift.click()
    expect(shift).to_have_attribute("aria-pressed", "true")
    keyboard.get_by_role("button", name="۱", exact=True).click()
    keyboard.get_by_role("button", name="۲", exact=True).click()
    keyboard.get_by_role("button", name="Shadda").click()
    keyboard.get_by_role("button", name="؟", exact=True).click()
    expect(page.get_by_label("Name")).to_have_value("۱۲\u0651؟")
    keyboard.get_by_role("button", name="Backspace").click()
    expect(page.get_by_label("Name")).to_have_value("۱۲\u0651")
    shift.click()
    expect(keyboard.get_by_role("button", name="ض", exact=True)).to_be_visible()
    keyboard.get_by_role("button", name="Space", exact=True).click()
    keyboard.get_by_role("button", name="Half-space").click()
    expect(page.get_by_label("Name")).to_have_value("۱۲\u0651 \u200c")


def test_escape_closes_the_keyboard_and_focus_returns_to_the_input(page):
    keyboard = open_keyboard(page)
    keyboard.get_by_role("button", name="ب", exact=True).click()
    page.keyboard.press("Escape")
    expect(keyboard).to_be_hidden()
    expect(page.get_by_label("Name")).to_be_focused()
    expect(page.get_by_role("button", name="Toggle Persian keyboard").first).to_have_attribute(
        "aria-expanded", "false"
    )


def test_close_button_closes_the_keyboard(page):
    keyboard = open_keyboard(page)
    keyboard.get_by_role("button", name="Close keyboard").click()
    expect(keyboard).to_be_hidden()
    expect(page.get_by_label("Name")).to_be_focused()


def test_keyboard_in_the_textarea_and_the_persian_page(page, live_server):
    in_persian(page, live_server)
    page.goto("/widget-demo")
    page.get_by_role("button", name="نمایش صفحه‌کلید فارسی").last.click()
    keyboard = page.get_by_role("group", name="صفحه‌کلید فارسی")
    keyboard.get_by_role("button", name="س", exact=True).click()
    keyboard.get_by_role("button", name="فاصله", exact=True).click()
    expect(page.get_by_label("Question")).to_have_value("س ")
