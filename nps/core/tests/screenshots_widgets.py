"""Screenshots of the open widgets, EN and FA, desktop and phone, for a person to look at.

Not collected with the suite (no `test_` prefix):
`DEBUG=1 .venv/bin/python -m pytest -p no:randomly nps/core/tests/screenshots_widgets.py`;
the PNGs go to $SCREENSHOTS (default: widget-screenshots in the temporary directory).
"""

import os
import tempfile
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("nps.core.tests.widget_demo_urls"),
]

OUT = Path(os.environ.get("SCREENSHOTS") or Path(tempfile.gettempdir()) / "widget-screenshots")


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("widget", ["keyboard", "calendar"])
def test_screenshot(browser, live_server, language, width, widget):
    OUT.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    context.add_cookies([{"name": "nps_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto("/widget-demo")
    toggle = page.locator(".pk-toggle" if widget == "keyboard" else ".cal-toggle").first
    if not toggle.count():
        pytest.skip(f"no {widget} on the demo page")
    if widget == "calendar":
        page.locator("#id_birthday").fill("1991-03-21")
    toggle.click()
    if widget == "keyboard":
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # a key's focus ring
    else:
        page.keyboard.press("ArrowDown")
    page.screenshot(path=OUT / f"{widget}-{language}-{width}.png", full_page=True)
    if widget == "keyboard":
        page.locator(".pk-shift").first.click()
        page.screenshot(path=OUT / f"{widget}-shift-{language}-{width}.png", full_page=True)
    context.close()
