"""What a new person meets first: the logged-out navigation, logging out, the password-reset
pages, the API-key help, and times named after the account's zone (issue 20)."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from nps.accounts.models import Preferences
from nps.core import dates

pytestmark = pytest.mark.django_db

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
# 10:35 UTC is 14:05 in Tehran (UTC+03:30, no summer time since 2022).
MOMENT = dt.datetime(2024, 3, 20, 10, 35, tzinfo=dt.UTC)


def nav_links(content: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', content, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"', nav)


def test_logged_out_navigation_lists_only_pages_one_can_use(client, settings):
    settings.NPS_ALLOW_SIGNUP = True
    assert nav_links(client.get("/login").content.decode()) == ["/", "/login", "/signup"]


def test_logged_out_navigation_leaves_out_sign_up_when_it_is_off(client, settings):
    settings.NPS_ALLOW_SIGNUP = False
    assert nav_links(client.get("/").content.decode()) == ["/", "/login"]


def test_signed_in_navigation_still_lists_every_section(client, user):
    client.force_login(user)
    links = nav_links(client.get("/").content.decode())
    assert links[:4] == ["/", "/oracle", "/profiles", "/history"]
    assert "/login" not in links


def test_logging_out_says_so_on_the_page_it_lands_on(client, user):
    client.force_login(user)
    response = client.post("/logout", follow=True)
    assert response.redirect_chain[-1][0] == "/login"
    assert "You are logged out." in response.content.decode()


def test_logging_out_says_so_in_persian(client, user):
    client.force_login(user)
    client.cookies["nps_language"] = "fa"
    response = client.post("/logout", follow=True)
    assert "از حساب خود خارج شدید." in response.content.decode()


def test_password_reset_asks_for_the_e_mail_address_as_sign_up_does(client, settings):
    settings.NPS_PASSWORD_RESET_ENABLED = True
    content = client.get("/password-reset").content.decode()
    assert re.search(r"<label for=\"id_email\">E-mail address</label>", content)
    assert ">Email<" not in content
    assert client.get("/signup").content.decode().count(">E-mail address</label>") == 1


def test_new_password_page_has_one_line_of_help_not_a_bulleted_list(client, user, settings):
    settings.NPS_PASSWORD_RESET_ENABLED = True
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    response = client.get(f"/password-reset/{uid}/{token}", follow=True)
    content = response.content.decode()
    assert ">New password</label>" in content
    assert ">New password again</label>" in content
    help_text = re.search(r'<p class="help"[^>]*>(.*?)</p>', content, re.S).group(1)
    assert "<ul>" not in help_text
    assert help_text.startswith("At least 10 characters")


def test_api_key_help_shows_the_key_placeholder(client, user):
    client.force_login(user)
    content = client.get("/settings").content.decode()
    assert "Authorization: Bearer &lt;key&gt;" in content
    assert "Bearer <key>" not in content


def test_a_moment_is_shown_on_the_zone_clock_and_named_after_its_city():
    token = dates.activate_zone(TEHRAN)
    try:
        with translation.override("en"), dates.override(dates.GREGORIAN):
            assert dates.format_date(MOMENT, with_time=True) == "2024-03-20 14:05 Tehran time"
            assert dates.format_date(MOMENT) == "2024-03-20"
        with translation.override("fa"), dates.override(dates.GREGORIAN):
            assert dates.format_date(MOMENT, with_time=True) == "۲۰ مارس ۲۰۲۴، ۱۴:۰۵ به وقت تهران"
    finally:
        dates.deactivate_zone(token)


def test_without_a_zone_a_moment_is_labelled_utc():
    with translation.override("en"), dates.override(dates.GREGORIAN):
        assert dates.format_date(MOMENT, with_time=True) == "2024-03-20 10:35 UTC"


def test_a_wall_clock_without_a_zone_gets_no_label():
    with translation.override("en"), dates.override(dates.GREGORIAN):
        naive = MOMENT.replace(tzinfo=None)
        assert dates.format_date(naive, with_time=True) == "2024-03-20 10:35"


def test_history_shows_times_in_the_account_zone(client, user):
    from nps.accounts.principal import principal_for_account
    from oracle.services import readings

    Preferences.objects.create(account=user, timezone="Asia/Tehran")
    principal = principal_for_account(user, auth_type="session")
    reading_id = readings.create_question_reading(
        principal=principal, question="Will it rain?", use_ai=False
    )["reading_id"]
    client.force_login(user)
    history = client.get("/history").content.decode()
    assert re.search(r"\d{2}:\d{2} Tehran time</time>", history)
    detail = client.get(f"/readings/{reading_id}").content.decode()
    assert re.search(r"\d{2}:\d{2} Tehran time", detail)
