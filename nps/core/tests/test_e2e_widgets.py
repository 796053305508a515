"""Browser tests of the form widgets on a test-only demo page."""

from calendar import monthrange
from datetime import date, timedelta

import jdatetime
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


def test_keys_append_to_a_prefilled_field_not_yet_visited(page):
    page.goto("/widget-demo?name=%D8%B9%D9%84")  # "عل"
    page.get_by_role("button", name="Toggle Persian keyboard").first.click()
    page.get_by_role("button", name="ی", exact=True).click()
    expect(page.get_by_label("Name")).to_have_value("علی")


def test_shift_layer_gives_digits_and_marks_and_backspace_removes_one(page):
    keyboard = open_keyboard(page)
    shift = keyboard.get_by_role("button", name="Shift")
    shift.click()
    expect(shift).to_have_attribute("aria-pressed", "true")
    expect(keyboard.get_by_role("button", name="Hamza")).to_have_text("\u25cc\u0654")
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


JALALI_MONTHS = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
]
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def add_month(day: date) -> date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def calendar(page):
    return page.get_by_role("dialog", name="Calendar")


def test_pick_a_jalali_day_fills_the_iso_gregorian_date(page):
    page.goto("/widget-demo")
    day = page.get_by_label("Day", exact=True)
    day.fill("1991-04-10")
    page.get_by_role("button", name="Choose a date").last.click()
    picker = calendar(page)
    expect(picker.get_by_role("grid", name="April 1991")).to_be_visible()
    picker.get_by_role("button", name="Solar Hijri").click()
    expect(picker.get_by_role("button", name="Solar Hijri")).to_have_attribute(
        "aria-pressed", "true"
    )
    grid = picker.get_by_role("grid", name="فروردین 1370")
    expect(grid.get_by_role("gridcell", name="21 فروردین 1370")).to_have_attribute(
        "aria-selected", "true"
    )
    grid.get_by_role("gridcell", name="1 فروردین 1370", exact=True).click()
    expect(picker).to_be_hidden()
    expect(day).to_have_value("1991-03-21")
    expect(day).to_be_focused()
    expect(page.locator(".cal-alt").last).to_have_text("1370/01/01")


def test_month_and_year_buttons_move_the_view(page):
    page.goto("/widget-demo")
    page.get_by_label("Day", exact=True).fill("2024-01-31")
    page.get_by_role("button", name="Choose a date").last.click()
    picker = calendar(page)
    picker.get_by_role("button", name="Next month").click()
    expect(picker.get_by_role("grid", name="February 2024")).to_be_visible()
    picker.get_by_role("button", name="Previous year").click()
    expect(picker.get_by_role("grid", name="February 2023")).to_be_visible()
    picker.get_by_role("gridcell", name="28 February 2023").click()
    expect(page.get_by_label("Day", exact=True)).to_have_value("2023-02-28")


def test_keyboard_only_date_picking(page):
    page.goto("/widget-demo")
    page.get_by_label("Day", exact=True).focus()
    toggle = page.get_by_role("button", name="Choose a date").last
    for _ in range(4):  # through the date input's own month, day and year parts
        if toggle.evaluate("button => button === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    today = date.today()
    expect(calendar(page).locator('[aria-current="date"]')).to_be_focused()
    for key in ["ArrowRight", "ArrowDown", "PageDown", "Home", "Enter"]:
        page.keyboard.press(key)
    expected = add_month(today + timedelta(days=8))
    expected -= timedelta(days=(expected.weekday() + 1) % 7)  # Home: the week's Sunday
    expect(page.get_by_label("Day", exact=True)).to_have_value(expected.isoformat())
    expect(page.get_by_label("Day", exact=True)).to_be_focused()


def test_escape_closes_the_calendar_and_focus_returns_to_the_input(page):
    page.goto("/widget-demo")
    page.get_by_role("button", name="Choose a date").last.click()
    expect(calendar(page)).to_be_visible()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Escape")
    expect(calendar(page)).to_be_hidden()
    expect(page.get_by_label("Day", exact=True)).to_be_focused()
    expect(page.get_by_label("Day", exact=True)).to_have_value("")


def test_no_day_after_the_maximum_can_be_picked(page):
    page.goto("/widget-demo")
    page.get_by_role("button", name="Choose a date").first.click()
    picker = calendar(page)
    expect(picker.get_by_role("button", name="Next month")).to_be_disabled()
    page.keyboard.press("PageDown")  # clamped to the maximum, today
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Birthday")).to_have_value(date.today().isoformat())


def test_persian_page_shows_jalali_months_with_persian_digits(page, live_server):
    in_persian(page, live_server)
    page.goto("/widget-demo")
    page.get_by_role("button", name="انتخاب تاریخ").last.click()
    picker = page.get_by_role("dialog", name="تقویم")
    today = jdatetime.date.today()
    title = f"{JALALI_MONTHS[today.month - 1]} {str(today.year).translate(PERSIAN_DIGITS)}"
    expect(picker.locator(".cal-title")).to_have_text(title)
    expect(picker.get_by_role("button", name="شمسی")).to_have_attribute("aria-pressed", "true")
    expect(picker.get_by_role("grid")).to_have_attribute("dir", "rtl")
    page.keyboard.press("ArrowLeft")  # right to left: the next day
    page.keyboard.press("Enter")
    tomorrow = date.today() + timedelta(days=1)
    expect(page.get_by_label("Day", exact=True)).to_have_value(tomorrow.isoformat())
    jalali = jdatetime.date.fromgregorian(date=tomorrow)
    expect(page.locator(".cal-alt").last).to_have_text(
        jalali.strftime("%Y/%m/%d").translate(PERSIAN_DIGITS)
    )


def test_persian_page_names_gregorian_months_in_persian(page, live_server):
    in_persian(page, live_server)
    page.goto("/widget-demo")
    page.get_by_label("Day", exact=True).fill("1991-03-21")
    page.get_by_role("button", name="انتخاب تاریخ").last.click()
    picker = page.get_by_role("dialog", name="تقویم")
    picker.get_by_role("button", name="میلادی").click()
    expect(picker.locator(".cal-title")).to_have_text("مارس ۱۹۹۱")
    expect(picker.get_by_role("gridcell", name="۲۱ مارس ۱۹۹۱")).to_have_attribute(
        "aria-selected", "true"
    )


def test_vendored_jalali_conversion_matches_jdatetime(page):
    """500 days spread over 1300–1500 AP, both ways, in the browser that runs the calendar."""
    first = jdatetime.date(1300, 1, 1).togregorian()
    last = jdatetime.date(1500, 12, 29).togregorian()
    step = (last - first).days // 499
    days = [first + timedelta(days=step * index) for index in range(500)]
    days += [jdatetime.date(1399, 12, 30).togregorian(), jdatetime.date(1403, 12, 30).togregorian()]
    jalali = [jdatetime.date.fromgregorian(date=day) for day in days]
    expected = [
        [day.isoformat(), j.year, j.month, j.day] for day, j in zip(days, jalali, strict=True)
    ]
    page.goto("/widget-demo")
    mismatches = page.evaluate(
        """async (expected) => {
            const { toJalaali, toGregorian } = await import("/static/js/vendor/jalaali.js");
            return expected.filter(([iso, jy, jm, jd]) => {
                const [gy, gm, gd] = iso.split("-").map(Number);
                const j = toJalaali(gy, gm, gd);
                const g = toGregorian(jy, jm, jd);
                return j.jy !== jy || j.jm !== jm || j.jd !== jd
                    || g.gy !== gy || g.gm !== gm || g.gd !== gd;
            });
        }""",
        expected,
    )
    assert mismatches == []
    assert len(expected) == 502


def test_without_javascript_the_widgets_are_plain_inputs(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/widget-demo")
    name = page.get_by_label("Name")
    expect(name).to_have_attribute("dir", "rtl")
    expect(name).to_have_attribute("lang", "fa")
    expect(page.get_by_role("button", name="Toggle Persian keyboard")).to_have_count(0)
    expect(page.get_by_role("button", name="Choose a date")).to_have_count(0)
    page.get_by_label("Day", exact=True).fill("1991-03-21")
    page.get_by_role("button", name="Send").click()
    assert "day=1991-03-21" in page.url
    context.close()
