"""Browser tests of what a new person meets first (issue 20): the phone menu, the calendar's
arrows, the Persian keyboard's keys, history's date filters, the moon in the light theme, the
group heat map on a phone and the fonts of Gānzhī characters."""

import pytest
from playwright.sync_api import expect

from nps.accounts.models import Preferences
from nps.accounts.principal import principal_for_account

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def luminance(rgb: str) -> float:
    channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# ---- 1. The phone menu -------------------------------------------------------------------------


def test_phone_menu_button_opens_and_escape_closes_the_navigation(signed_in_page):
    page = signed_in_page
    page.set_viewport_size(PHONE)
    page.goto("/history")
    button = page.get_by_role("button", name="Menu")
    navigation = page.get_by_role("navigation", name="Main")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(navigation).to_be_hidden()
    header = page.locator(".sidebar").bounding_box()
    assert header["height"] < 120  # the folded header, not the ~280 px of navigation

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(navigation.get_by_role("link", name="Profiles")).to_be_visible()
    navigation.get_by_role("link", name="Profiles").focus()
    page.keyboard.press("Escape")
    expect(navigation).to_be_hidden()
    expect(button).to_be_focused()

    page.keyboard.press("Enter")  # the keyboard alone opens it again
    expect(navigation).to_be_visible()
    page.keyboard.press("Tab")  # from the button into the menu it opened
    assert page.evaluate("document.getElementById('site-menu').contains(document.activeElement)")


def test_desktop_shows_the_navigation_without_a_menu_button(signed_in_page):
    page = signed_in_page
    page.set_viewport_size(DESKTOP)
    page.goto("/history")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()


def test_without_javascript_a_phone_still_reaches_the_navigation(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE
    )
    page = context.new_page()
    page.goto("/")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    context.close()


# ---- 5. Calendar arrows ------------------------------------------------------------------------


@pytest.mark.urls("nps.core.tests.widget_demo_urls")
def test_jalali_calendar_on_an_english_page_keeps_previous_on_the_left(page):
    page.goto("/widget-demo")
    page.get_by_label("Day", exact=True).fill("2024-04-10")
    page.get_by_role("button", name="Choose a date").last.click()
    picker = page.get_by_role("dialog", name="Calendar")
    picker.get_by_role("button", name="Solar Hijri").click()
    previous = picker.get_by_role("button", name="Previous month")
    following = picker.get_by_role("button", name="Next month")
    assert previous.bounding_box()["x"] < following.bounding_box()["x"]
    expect(previous).to_have_text("‹")
    expect(following).to_have_text("›")
    expect(picker.get_by_role("button", name="Previous year")).to_have_text("«")


@pytest.mark.urls("nps.core.tests.widget_demo_urls")
def test_jalali_calendar_on_a_persian_page_keeps_previous_on_the_right(page, live_server):
    page.context.add_cookies([{"name": "nps_language", "value": "fa", "url": live_server.url}])
    page.goto("/widget-demo")
    page.get_by_role("button", name="انتخاب تاریخ").last.click()
    previous = page.get_by_role("button", name="ماه قبل")
    following = page.get_by_role("button", name="ماه بعد")
    assert previous.bounding_box()["x"] > following.bounding_box()["x"]
    expect(previous).to_have_text("›")


# ---- 8. Persian keyboard keys on a phone -------------------------------------------------------


@pytest.mark.urls("nps.core.tests.widget_demo_urls")
def test_persian_keyboard_keys_are_at_least_40_px_wide_on_a_phone(page):
    page.set_viewport_size(PHONE)
    page.goto("/widget-demo")
    page.get_by_role("button", name="Toggle Persian keyboard").first.click()
    keyboard = page.get_by_role("group", name="Persian keyboard")
    expect(keyboard).to_be_visible()
    widths = keyboard.locator(".pk-key").evaluate_all(
        "keys => keys.map(key => key.getBoundingClientRect().width)"
    )
    assert len(widths) > 40
    assert min(widths) >= 40
    panel = keyboard.bounding_box()
    assert panel["x"] + panel["width"] <= PHONE["width"]


# ---- 6. History's date filters, the moon, the heat map -----------------------------------------


def test_history_date_filters_keep_the_calendar_button_beside_the_date(signed_in_page):
    page = signed_in_page
    page.set_viewport_size(DESKTOP)
    page.goto("/history")
    for label in ("From", "To"):
        date = page.get_by_label(label, exact=True).bounding_box()
        button = page.locator(".cal-field", has=page.get_by_label(label, exact=True))
        toggle = button.get_by_role("button", name="Choose a date").bounding_box()
        assert abs(toggle["y"] - date["y"]) < 8, label  # same line, not wrapped below
    type_box = page.get_by_label("Type").bounding_box()
    from_box = page.get_by_label("From", exact=True).bounding_box()
    assert abs(type_box["y"] + type_box["height"] - (from_box["y"] + from_box["height"])) < 8


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_moon_stands_out_from_its_card(sign_in, user, theme):
    Preferences.objects.create(account=user, theme=theme)
    page = sign_in(user)
    page.goto("/")
    moon = page.locator(".pic-moon").first
    expect(moon).to_be_visible()
    card = moon.evaluate(
        "m => { let e = m; while (e && getComputedStyle(e).backgroundColor === 'rgba(0, 0, 0, 0)')"
        " e = e.parentElement; return getComputedStyle(e || document.body).backgroundColor; }"
    )
    rim = moon.locator(".pic-moon-rim").evaluate("c => getComputedStyle(c).stroke")
    lit = moon.locator(".pic-moon-dark").evaluate("c => getComputedStyle(c).fill")
    assert contrast(rim, card) >= 3, (rim, card)
    if theme == "light":
        assert contrast(lit, card) >= 3, (lit, card)


def test_group_heat_map_labels_are_not_clipped_on_a_phone(sign_in, user):
    from oracle.services import readings
    from oracle.services.readings import MultiUserMember

    names = ["Maximilianus Long", "Bartholomew Great", "Wilhelmina Strong", "Ali"]
    members = [MultiUserMember(name, 1980 + n, n + 1, n + 2) for n, name in enumerate(names)]
    reading_id = readings.create_multi_user_reading(
        principal=principal_for_account(user, auth_type="session"), users=members, use_ai=False
    )["reading_id"]
    page = sign_in(user)
    page.set_viewport_size(PHONE)
    page.goto(f"/readings/{reading_id}")
    scroller = page.locator(".pic-heatmap-scroll").first
    expect(scroller).to_be_visible()
    # Every name and cell is in sight, without scrolling sideways or upwards.
    hidden = scroller.evaluate(
        """box => {
          const frame = box.getBoundingClientRect();
          return [...box.querySelectorAll('text.pic-label, .pic-cell rect')]
            .map(item => item.getBoundingClientRect())
            .filter(r => r.left < frame.left - 0.5 || r.right > frame.right + 0.5
                      || r.top < frame.top - 0.5 || r.bottom > frame.bottom + 0.5).length;
        }"""
    )
    assert hidden == 0


# ---- 7. Fonts for Gānzhī characters and the moon's signs ---------------------------------------


def test_ganzhi_characters_and_moon_signs_have_a_vendored_font(page):
    """Debian's Chromium here has no CJK or emoji font: without the vendored subsets 丙午 and 🌙
    would be drawn as empty boxes."""
    page.goto("/")
    used = page.evaluate(
        """async () => {
          const probe = document.createElement('span');
          probe.textContent = '丙午 ☀ 🌙 🌓';
          document.querySelector('main').append(probe);
          await document.fonts.load('16px "NPS Ganzhi"', '丙午');
          await document.fonts.load('16px "NPS Page Symbols"', '🌙');
          await document.fonts.ready;
          return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family);
        }"""
    )
    assert '"NPS Ganzhi"' in used or "NPS Ganzhi" in used
    assert '"NPS Page Symbols"' in used or "NPS Page Symbols" in used
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "NPS Ganzhi" in family and "NPS Page Symbols" in family
