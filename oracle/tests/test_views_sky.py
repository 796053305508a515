"""The two moons and the "How this was computed" disclosure on the pages (EN/FA)."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from nps.accounts.principal import principal_for_account
from oracle.models import Reading
from oracle.services import method, readings

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
CONSULT = reverse("oracle:consult")
LATIN_DIGIT = re.compile(r"[0-9]")
# Names written as they are in Persian too (not digits of a number): "V۴" would read as ۷۴.
NAMES = ("FC60", "DE421", "Skyfield 1.55", "V4")


def without_names(text: str) -> str:
    for name in NAMES:
        text = text.replace(name, "")
    return text


@pytest.fixture
def client_in(client, user):
    client.force_login(user)
    return client


def _time_reading(user, when: str = "2024-04-08T18:21:00") -> int:
    principal = principal_for_account(user, auth_type="session")
    return readings.create_time_reading(
        principal=principal, datetime_text=when, timezone_name="UTC", use_ai=False
    )["reading_id"]


def test_consult_result_shows_both_moons_and_says_they_disagree(client_in):
    response = client_in.post(
        CONSULT,
        {
            "type": "time",
            "token": uuid.uuid4().hex,
            "date": "2024-04-08",
            "time": "18:21",
            "timezone": "UTC",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert "FC60 moon" in html and "Moon in the sky" in html
    assert "data-moons-disagree" in html
    assert "FC60's symbolic cycle says Waning Crescent, the sky shows New Moon" in html
    assert "How this was computed" in html


def test_reading_page_shows_the_method_stamp(client_in, user):
    reading_id = _time_reading(user)
    html = client_in.get(reverse("oracle:reading", args=[reading_id])).content.decode()
    assert '<details class="method-stamp"' in html
    assert "FC60 moon" in html and "Moon in the sky" in html
    assert "turns on 1 January" in html
    assert "UTC (UTC+00:00 at that moment)" in html
    assert "Computed with engine version" not in html  # today's engines made it


def test_reading_made_by_earlier_engines_says_which_version(client_in, user):
    reading_id = _time_reading(user)
    reading = Reading.objects.get(pk=reading_id)
    reading.reading_result["method"]["engine_version"] = "0.9"
    reading.save(update_fields=["reading_result"])
    html = client_in.get(reverse("oracle:reading", args=[reading_id])).content.decode()
    assert "Computed with engine version 0.9; the engines are now at version 1.0" in html


def test_reading_stored_before_method_stamps_says_so(client_in, user):
    reading_id = _time_reading(user)
    reading = Reading.objects.get(pk=reading_id)
    del reading.reading_result["method"]
    del reading.reading_result["sky"]
    reading.save(update_fields=["reading_result"])
    html = client_in.get(reverse("oracle:reading", args=[reading_id])).content.decode()
    assert "Computed before readings recorded their method" in html
    assert "Not computed: the ephemeris covers the years 1900–2050 only." in html


def test_persian_reading_page_labels_both_moons_with_persian_digits(client_in, user):
    reading_id = _time_reading(user)
    client_in.cookies["nps_language"] = "fa"
    html = client_in.get(reverse("oracle:reading", args=[reading_id])).content.decode()
    start = html.index("data-moons")
    section = html[start : html.index("</details>", html.index("data-method"))]
    assert "ماه FC60" in section and "ماه در آسمان" in section
    assert "دو ماه با هم یکی نیستند" in section
    assert "این خوانش چگونه محاسبه شد" in section
    visible = re.sub(r"<[^>]+>", "", section)
    assert not LATIN_DIGIT.search(without_names(visible)), visible


def test_persian_method_stamp_keeps_names_latin_and_writes_numbers_in_persian(client_in, user):
    reading_id = _time_reading(user)
    client_in.cookies["nps_language"] = "fa"
    html = client_in.get(reverse("oracle:reading", args=[reading_id])).content.decode()
    start = html.index('<details class="method-stamp"')
    stamp = html[start : html.index("</details>", start)]
    assert "مانند V4" in stamp and "V۴" not in stamp  # "V۴" reads as ۷۴
    assert "JPL DE421 (Skyfield 1.55)" in stamp and "DE۴" not in stamp
    assert "۲۹٫۵۳۰۵۸۸۸۵۳" in stamp
    # The zone's line starts with the Latin "UTC": an auto-direction isolate would lay the whole
    # Persian sentence out left to right; it takes the page's direction.
    assert "<dd>\u2066UTC\u2069 (UTC+۰۰:۰۰ در آن لحظه)</dd>" in stamp


def test_persian_text_export_writes_the_offset_in_persian_digits(client_in, user):
    reading_id = _time_reading(user)
    client_in.cookies["nps_language"] = "fa"
    response = client_in.get(reverse("oracle:reading-export", args=[reading_id, "txt"]))
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    text = text.decode()
    assert "UTC\u2069 (UTC+۰۰:۰۰ در آن لحظه)" in text  # not "UTC+00:۰۰"
    assert "مانند V4" in text


def test_dashboard_shows_todays_two_moons(client_in):
    html = client_in.get(reverse("home")).content.decode()
    assert "Moon in the sky" in html
    assert "FC60 moon" in html


def test_dashboard_shows_how_todays_day_was_computed_in_english_and_persian(client_in):
    html = client_in.get(reverse("home")).content.decode()
    stamp = html[html.index('<details class="method-stamp"') : html.index("</details>")]
    assert "How this was computed" in stamp
    assert "Engine version" in stamp and "Moon in the sky" in stamp
    client_in.cookies["nps_language"] = "fa"
    html = client_in.get(reverse("home")).content.decode()
    stamp = html[html.index('<details class="method-stamp"') : html.index("</details>")]
    assert "این خوانش چگونه محاسبه شد" in stamp
    visible = re.sub(r"<[^>]+>", "", stamp)
    assert not LATIN_DIGIT.search(without_names(visible)), visible


def test_export_text_names_both_moons_and_the_method(client_in, user):
    reading_id = _time_reading(user)
    response = client_in.get(reverse("oracle:reading-export", args=[reading_id, "txt"]))
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    text = text.decode()
    assert "The two moons" in text
    assert "How this was computed" in text
    assert "Engine version" in text
    assert "The two moons disagree" in text


@pytest.mark.parametrize(
    ("system", "reason", "expected"),
    [
        ("abjad", method.AUTO_BY_SCRIPT, "ابجد — به‌طور خودکار از روی خط نام انتخاب شد"),
        ("auto", method.AUTO_BY_SCRIPT, "خودکار"),
        ("chaldean", method.OVERRIDE, "کلدانی — برای همین خوانش انتخاب شد"),
    ],
)
def test_method_lines_in_persian_name_the_system_and_why(system, reason, expected):
    stamp = method.stamp(numerology_system=system, numerology_reason=reason)
    with translation.override("fa"):
        lines = dict(method.method_lines(stamp))
    assert expected in lines["نظام عددشناسی"]
    assert not re.search(r"[A-Za-z]", lines["نظام عددشناسی"])


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["The two moons", "FC60 moon", "Moon in the sky", "How this was computed"]),
        ("fa", ["ماه FC60", "ماه در آسمان", "دو ماه با هم یکی نیستند"]),
    ],
)
def test_export_pdf_names_both_moons_and_the_method(client_in, user, language, expected):
    from oracle.tests.test_export import pdf_words

    reading_id = _time_reading(user)
    client_in.cookies["nps_language"] = language
    response = client_in.get(reverse("oracle:reading-export", args=[reading_id, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    # poppler keeps the document's bidi isolation marks; the words are what a reader sees.
    words = " ".join(
        re.sub("[\u202a-\u202e\u2066-\u2069]", "", pdf_words(response.content)).split()
    )
    for text in expected:
        assert text in words, text


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_next_moons_read_alike_on_the_page_and_in_the_text_export_with_their_zone(
    client_in, user, language
):
    """Issue 20 (one moment, one stamp; times labelled): the page rounded 00:51:40 to 00:52 and
    gave no zone, the TXT/PDF cut it to 00:51 and wrote "UTC". Both: to the nearest minute, with
    the reading's zone."""
    reading = Reading.objects.get(pk=_time_reading(user))
    reading.reading_result["sky"]["next_new_moon"] = "2026-12-09T00:51:40+03:30"
    reading.reading_result["sky"]["next_full_moon"] = "2026-12-24T01:28:10+03:30"
    reading.save(update_fields=["reading_result"])
    client_in.cookies["nps_language"] = language
    html = client_in.get(reverse("oracle:reading", args=[reading.pk])).content.decode()
    text = client_in.get(reverse("oracle:reading-export", args=[reading.pk, "txt"]))
    text = text.content.decode("utf-8-sig")
    with translation.override(language):
        labels = [str(translation.gettext(label)) for label in ("Next new moon", "Next full moon")]
    for label in labels:
        shown = re.search(rf"{label}</dt><dd><bdi>([^<]+)</bdi>", html).group(1)
        written = re.search(rf"{label}: (.+)", text).group(1).strip()
        assert shown == written, label
        assert "UTC+03:30" in shown or "UTC+۰۳:۳۰" in shown
    assert ("00:52" in html and "01:28" in html) or ("۰۰:۵۲" in html and "۰۱:۲۸" in html)
