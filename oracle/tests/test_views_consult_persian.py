"""The consultation page in Persian: the engines write the reading in Persian, the page shows it
(terms through |term, Persian digits, FC60 stamps left to right) and the stored reading keeps it."""

import re
import uuid

import pytest
from django.urls import reverse

from oracle.models import Reading
from oracle.services import sealing
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

URL = reverse("oracle:consult")
HTMX = {"HTTP_HX_REQUEST": "true"}
PERSIAN_LETTER = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture
def client_fa(client, user):
    client.force_login(user)
    client.cookies["nps_language"] = "fa"
    return client


def _time_reading(client, profile):
    return client.post(
        URL,
        {
            "type": "time",
            "token": uuid.uuid4().hex,
            "profile": profile.pk,
            "date": "2026-03-20",
            "time": "14:41",
            "timezone": "",
        },
        **HTMX,
    )


def test_persian_time_reading_shows_and_stores_the_persian_interpretation(client_fa, user):
    profile = ProfileFactory(owner=user, name="Alice Smith", timezone="Asia/Tehran")
    response = _time_reading(client_fa, profile)
    assert response.status_code == 200
    html = response.content.decode()
    stored = sealing.reading_response(Reading.objects.get())
    text = stored["ai_interpretation"]["text"]
    assert text.startswith("امضای FC60 تو")
    assert stored["language"] == "fa"
    assert "خوانش پیشگو" in stored["summary"]
    # the page shows that text: Persian digits, "FC60" kept Latin and left to right
    shown = text.split("،")[0].replace("FC60", '<bdi dir="ltr">FC60</bdi>')
    assert shown in html
    assert "Your FC60 signature" not in html
    # terms the response keeps in English are Persian on the page
    assert stored["zodiac"]["sign"] == "Pisces"
    assert "حوت" in html
    assert stored["fc60_encoding"]["stamp"] in html  # the stamp stays Latin


def test_persian_group_reading_shows_persian_roles_and_bonds(client_fa, user):
    people = [ProfileFactory(owner=user, name=name) for name in ("Sam Roe", "Jo Park", "Ali Naz")]
    response = client_fa.post(
        URL, {"type": "multi", "token": uuid.uuid4().hex, "members": [p.pk for p in people]}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    stored = sealing.reading_response(Reading.objects.get())
    assert stored["language"] == "fa"
    role = next(iter(stored["group_dynamics"]["roles"].values()))
    assert role["role"] in ("Leader", "Supporter", "Challenger", "Harmonizer")  # a key
    assert PERSIAN_LETTER.search(role["description"]) and role["description"] in html
    assert stored["ai_interpretation"]["dynamics_narrative"].startswith("این گروه")
    for english in ("Leader", "Supporter", "Challenger", "Harmonizer", "Drives vision"):
        assert f">{english}<" not in html


def test_english_page_and_the_api_keep_the_english_reading(client, user):
    client.force_login(user)
    profile = ProfileFactory(owner=user, name="Alice Smith", timezone="Asia/Tehran")
    response = _time_reading(client, profile)
    assert "Your FC60 signature is" in response.content.decode()
    stored = sealing.reading_response(Reading.objects.get())
    assert "language" not in stored  # V4's shape: an English response has no language key


def test_prose_filter_isolates_latin_runs_and_writes_persian_digits():
    from django.utils import translation
    from django.utils.html import escape

    from oracle.templatetags.consult import prose

    text = "O'Brien و MA-TI-RAMT 🌙TI-MOFI-RAWU: 74% ، 0.656 و 1 + 8 = 9 <b> 2026-12-02 روز"
    with translation.override("fa"):
        shown = prose(text)
    assert '<bdi dir="ltr">O&#x27;Brien</bdi>' in shown
    assert '<bdi dir="ltr">MA-TI-RAMT 🌙TI-MOFI-RAWU</bdi>' in shown
    assert '<bdi dir="ltr">۷۴٪</bdi>' in shown and "۰٫۶۵۶" in shown
    assert '<bdi dir="ltr">۱ + ۸ = ۹</bdi>' in shown
    assert "۱۱ آذر ۱۴۰۵ روز" in shown  # the Gregorian date of the engine, read Jalali
    assert "&lt;" in shown and "<b>" not in shown  # escaped
    with translation.override("en"):
        assert prose(text) == escape(text)  # English: only escaped


def test_prose_filter_shows_emphasis_bold_and_nothing_else_unescaped():
    from django.utils import translation

    from oracle.templatetags.consult import prose

    text = "**Daily Practice**: <i>5</i> minutes, 2 * 3 and **<script>**"
    with translation.override("en"):
        shown = prose(text)
    assert shown.startswith("<strong>Daily Practice</strong>:")
    assert "<strong>&lt;script&gt;</strong>" in shown and "2 * 3" in shown
    with translation.override("fa"):
        shown = prose("**تمرین روزانه**: <i>۵</i> دقیقه، ۲ * ۳")
    assert shown.startswith("<strong>تمرین روزانه</strong>:") and "۲ * ۳" in shown
    assert "<i>" not in shown and "&lt;" in shown  # escaped


def test_a_reading_made_in_english_is_shown_in_persian_on_the_persian_page(client, user):
    from oracle.engines import i18n

    client.force_login(user)
    profile = ProfileFactory(owner=user, name="Alice Smith", timezone="Asia/Tehran")
    assert _time_reading(client, profile).status_code == 200
    stored = sealing.reading_response(Reading.objects.get())
    assert stored.get("language", "en") == "en", stored.get("language")
    client.cookies["nps_language"] = "fa"

    html = client.get(reverse("oracle:reading", args=[stored["reading_id"]])).content.decode()

    for english in (
        stored["fc60_encoding"]["weekday_domain"],
        stored["systems"]["moon"]["meaning"],
    ):
        assert english not in html
        assert i18n.term(english, "fa") in html
    # its deterministic interpretation is made again in Persian (nothing stored changes)
    assert 'امضای <bdi dir="ltr">FC60</bdi> تو' in html and "Your FC60 signature" not in html
    assert sealing.reading_response(Reading.objects.get())["ai_interpretation"]["text"].startswith(
        "Your FC60 signature"
    )
