"""`sky` and `method` on every reading's response, and `GET /api/oracle/sky`."""

import datetime

import pytest

from nps.accounts.roles import Role
from oracle.engines.version import ENGINE_VERSION
from oracle.models import Reading
from oracle.services import method, sharing
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

SKY = "/api/oracle/sky"
V4_TIME_KEYS = ["fc60", "numerology", "zodiac", "chinese", "summary", "generated_at"]


@pytest.fixture(autouse=True)
def no_ai(settings):
    settings.ANTHROPIC_API_KEY = ""


@pytest.fixture
def writer(api_as):
    return api_as(Role.USER)


def test_sky_endpoint_answers_the_block_in_the_zone(writer):
    response = writer.get(SKY, {"datetime": "2024-04-08T18:21:00Z", "tz": "Asia/Tehran"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"sky", "method"}
    assert body["sky"]["moon"]["phase"] == "New Moon"
    assert body["sky"]["agrees_with_fc60"] is False
    assert body["sky"]["moment"] == "2024-04-08T21:51:00+03:30"
    assert body["sky"]["next_full_moon"].startswith("2024-04-24T03:1")
    assert body["method"]["timezone"] == "Asia/Tehran"
    assert body["method"]["utc_offset"] == "+03:30"
    assert body["method"]["engine_version"] == ENGINE_VERSION


def test_sky_endpoint_without_a_zone_keeps_the_moments_own_offset(writer):
    body = writer.get(SKY, {"datetime": "2024-04-08T12:00:00-05:00"}).json()
    assert body["sky"]["moment"] == "2024-04-08T12:00:00-05:00"
    assert body["method"]["timezone"] == "UTC-05:00"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"datetime": "2024-02-30"}, "datetime"),
        ({"datetime": "yesterday"}, "datetime"),
        ({"datetime": "1850-01-01"}, "datetime"),
        ({"datetime": "2024-01-01", "tz": "Mars/Olympus"}, "tz"),
    ],
)
def test_sky_endpoint_bad_input_is_422_naming_the_field(writer, query, field):
    response = writer.get(SKY, query)
    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["detail"]] == [field]


def test_sky_endpoint_needs_credentials(api_client):
    assert api_client.get(SKY, {"datetime": "2024-01-01"}).status_code == 401


def test_time_reading_keeps_v4_keys_first_and_adds_sky_and_method(writer):
    body = writer.post(
        "/api/oracle/reading",
        {"datetime": "2024-04-08T18:21:00", "timezone": "UTC"},
        format="json",
    ).json()
    assert list(body)[:6] == V4_TIME_KEYS
    assert list(body)[-1] == "reading_id"
    assert body["sky"]["moon"]["phase"] == "New Moon"
    assert body["sky"]["fc60_phase"] == body["fc60_encoding"]["moon_name"] == "Waning Crescent"
    assert body["method"]["moon_model"] == "fc60_mean_month"
    assert body["method"]["sky_model"] == body["sky"]["model"]
    assert body["method"]["numerology_reason"] == method.NO_NAME
    assert body["method"]["ganzhi_year_boundary"] == "january_1"
    assert body["method"]["master_numbers"] == [11, 22, 33]


def test_stored_reading_comes_back_with_its_sky_and_method(writer):
    body = writer.post("/api/oracle/reading", {"datetime": "2024-04-08"}, format="json").json()
    stored = writer.get(f"/api/oracle/readings/{body['reading_id']}").json()["reading_result"]
    assert stored["sky"] == body["sky"]
    assert stored["method"] == body["method"]


def test_birth_signs_are_sealed_and_the_moments_sky_is_clear(writer):
    profile = ProfileFactory(
        owner=writer.account, birthday=datetime.date(2024, 3, 20), timezone="UTC"
    )
    body = writer.post(
        "/api/oracle/reading",
        {"datetime": "2024-06-01T12:00:00", "user_id": profile.pk},
        format="json",
    ).json()
    assert body["sky"]["birth"]["sun_signs_that_day"] == ["Pisces", "Aries"]
    assert body["method"]["numerology_reason"] in (method.AUTO_BY_SCRIPT, method.PROFILE)
    reading = Reading.objects.get(pk=body["reading_id"])
    assert "birth" not in reading.reading_result["sky"]
    assert reading.reading_result["sky"]["moon"] == body["sky"]["moon"]
    assert reading.reading_result["method"] == body["method"]
    stored = writer.get(f"/api/oracle/readings/{reading.pk}").json()["reading_result"]
    assert stored["sky"]["birth"] == body["sky"]["birth"]


def test_a_reading_outside_the_ephemeris_has_no_sky_but_a_method(writer):
    body = writer.post("/api/oracle/reading", {"datetime": "1500-06-01"}, format="json").json()
    assert body["sky"] is None
    assert body["method"]["sky_model"] is None
    assert body["method"]["moon_model"] == "fc60_mean_month"


def test_question_and_daily_carry_sky_and_method(writer):
    question = writer.post("/api/oracle/question", {"question": "Now?"}, format="json").json()
    assert question["sky"]["moon"]["phase"]
    assert question["method"]["utc_offset"] == "+00:00"
    daily = writer.get("/api/oracle/daily", {"date": "2024-04-08", "timezone": "-05:00"}).json()
    assert list(daily)[:4] == ["date", "insight", "lucky_numbers", "optimal_activity"]
    assert daily["sky"]["moment"] == "2024-04-08T12:00:00-05:00"  # the day's local noon
    assert daily["method"]["timezone"] == "UTC-05:00"


@pytest.mark.parametrize(
    ("body", "reason", "system"),
    [
        ({"name": "Sara", "numerology_system": "chaldean"}, method.OVERRIDE, "chaldean"),
        ({"name": "Sara"}, method.AUTO_BY_SCRIPT, "pythagorean"),
        ({"name": "سارا"}, method.AUTO_BY_SCRIPT, "abjad"),
    ],
)
def test_name_reading_says_which_system_and_why(writer, body, reason, system):
    result = writer.post("/api/oracle/name", body, format="json").json()
    assert "sky" not in result
    assert result["method"]["numerology_system"] == system
    assert result["method"]["numerology_reason"] == reason
    assert (result["method"]["abjad"] is not None) == (system == "abjad")


def test_name_reading_for_a_profile_says_the_profiles_system(writer):
    profile = ProfileFactory(owner=writer.account, name="Sara", numerology_system="chaldean")
    result = writer.post(
        "/api/oracle/name", {"name": "Sara", "user_id": profile.pk}, format="json"
    ).json()
    assert result["method"]["numerology_system"] == "chaldean"
    assert result["method"]["numerology_reason"] == method.PROFILE


def test_group_reading_has_a_method(writer):
    users = [
        {"name": "Hamzeh", "birth_year": 1990, "birth_month": 3, "birth_day": 21},
        {"name": "Sara", "birth_year": 1995, "birth_month": 7, "birth_day": 14},
    ]
    result = writer.post("/api/oracle/reading/multi-user", {"users": users}, format="json").json()
    assert result["method"]["numerology_reason"] == method.AUTO_BY_SCRIPT
    assert result["method"]["timezone"] is None


def test_interpretation_names_the_moon_it_uses(writer):
    body = writer.post(
        "/api/oracle/reading", {"datetime": "2024-04-08T18:21:00"}, format="json"
    ).json()
    address = body["ai_interpretation"]["sections"]["universal_address"]
    assert "FC60 moon: Waning Crescent" in address


def test_a_shared_reading_shows_the_sky_but_not_the_birth_signs(writer):
    profile = ProfileFactory(owner=writer.account, birthday=datetime.date(1990, 5, 17))
    body = writer.post(
        "/api/oracle/reading",
        {"datetime": "2024-06-01T12:00:00", "user_id": profile.pk},
        format="json",
    ).json()
    assert body["sky"]["birth"]["sun_sign"] == "Taurus"
    shared = sharing.public_response(Reading.objects.get(pk=body["reading_id"]))
    assert shared["sky"]["moon"] == body["sky"]["moon"]
    assert "birth" not in shared["sky"]
    assert shared["method"] == body["method"]


def test_name_reading_with_the_accounts_default_system_says_so(writer):
    from nps.accounts import preferences

    prefs = preferences.preferences_of(writer.account)
    prefs.numerology_system = "chaldean"
    prefs.save()
    result = writer.post("/api/oracle/name", {"name": "Sara"}, format="json").json()
    assert result["method"]["numerology_system"] == "chaldean"
    assert result["method"]["numerology_reason"] == method.ACCOUNT_DEFAULT


def test_json_export_carries_the_sky_and_the_method(writer):
    body = writer.post(
        "/api/oracle/reading", {"datetime": "2024-04-08T18:21:00"}, format="json"
    ).json()
    exported = writer.get(f"/api/oracle/readings/{body['reading_id']}/export", {"format": "json"})
    assert exported.status_code == 200
    text = b"".join(exported.streaming_content if exported.streaming else [exported.content])
    assert '"sky"' in text.decode() and '"method"' in text.decode()
