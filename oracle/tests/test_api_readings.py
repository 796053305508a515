"""The reading endpoints: compute, store encrypted, audit, refuse bad input."""

import datetime
import json

import pytest
from django.db import connection
from django.utils import timezone

from nps.accounts.roles import Role
from nps.core.models import AuditLog
from oracle.models import Reading, ReadingParticipant
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_ai(settings):
    """No test here may reach the real AI provider, whatever the environment says."""
    settings.ANTHROPIC_API_KEY = ""


READING = "/api/oracle/reading"
QUESTION = "/api/oracle/question"
NAME = "/api/oracle/name"
MULTI = "/api/oracle/reading/multi-user"
DAILY = "/api/oracle/daily"

GROUP = [
    {"name": "Hamzeh", "birth_year": 1990, "birth_month": 3, "birth_day": 21},
    {"name": "Sara", "birth_year": 1995, "birth_month": 7, "birth_day": 14},
    {"name": "Ali", "birth_year": 1988, "birth_month": 11, "birth_day": 2},
]

# (method, path, a valid body or query) of every reading endpoint.
ENDPOINTS = [
    ("post", READING, {"datetime": "2024-02-29T13:45:30"}),
    ("post", QUESTION, {"question": "Will Zanzibar welcome me?"}),
    ("post", NAME, {"name": "Sara"}),
    ("post", MULTI, {"users": GROUP[:2]}),
    ("get", DAILY, {"date": "2024-02-29"}),
]
WRITE_ENDPOINTS = [endpoint for endpoint in ENDPOINTS if endpoint[0] == "post"]


def call(client, method: str, path: str, data):
    if method == "get":
        return client.get(path, data)
    return client.post(path, data, format="json")


def row_text(reading_id: int) -> str:
    """The whole stored row as PostgreSQL prints it (encrypted columns come out as hex)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT row_to_json(r)::text FROM oracle_readings r WHERE r.id = %s", [reading_id]
        )
        return cursor.fetchone()[0]


def raw_bytes(reading_id: int, column: str) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM oracle_readings WHERE id = %s", [reading_id])  # noqa: S608
        return bytes(cursor.fetchone()[0])


@pytest.fixture
def writer(api_as):
    return api_as(Role.USER)


@pytest.fixture
def hamzeh(writer):
    return ProfileFactory(
        owner=writer.account,
        name="Hamzeh",
        name_persian="حمزه",
        birthday=datetime.date(1990, 3, 21),
        mother_name="Fatemeh",
        mother_name_persian="فاطمه",
        timezone="Asia/Tehran",
    )


# --------------------------------------------------------------------------------------------
# Auth and ownership, every endpoint


@pytest.mark.parametrize(("method", "path", "data"), ENDPOINTS)
def test_no_credentials_is_401(api_client, method, path, data):
    response = call(api_client, method, path, data)
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(("method", "path", "data"), ENDPOINTS)
def test_bad_token_is_403(api_client, method, path, data):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-token")
    response = call(api_client, method, path, data)
    assert response.status_code == 403
    assert response.json() == {"detail": "Invalid credentials"}


@pytest.mark.parametrize(("method", "path", "data"), WRITE_ENDPOINTS)
def test_readonly_cannot_make_a_stored_reading(api_as, method, path, data):
    response = call(api_as(Role.READONLY), method, path, data)
    assert response.status_code == 403
    assert response.json() == {"detail": "Insufficient scope: requires 'oracle:write'"}
    assert Reading.objects.count() == 0


def test_readonly_may_read_the_daily_insight(api_as):
    response = api_as(Role.READONLY).get(DAILY, {"date": "2024-02-29"})
    assert response.status_code == 200
    assert response.json()["date"] == "2024-02-29"


@pytest.mark.parametrize("role", [Role.USER, Role.MODERATOR, Role.ADMIN])
@pytest.mark.parametrize(("method", "path", "data"), ENDPOINTS)
def test_every_writing_role_gets_a_reading_owned_by_its_account(api_as, role, method, path, data):
    client = api_as(role)
    response = call(client, method, path, data)
    assert response.status_code == 200
    if method == "post":
        reading = Reading.objects.get(pk=response.json()["reading_id"])
        assert reading.owner == client.account


@pytest.mark.parametrize(("method", "path", "data"), ENDPOINTS)
def test_legacy_secret_makes_readings_without_an_owner(legacy_api, method, path, data):
    response = call(legacy_api, method, path, data)
    assert response.status_code == 200
    if method == "post":
        assert Reading.objects.get(pk=response.json()["reading_id"]).owner is None


@pytest.mark.parametrize(("method", "path", "data"), WRITE_ENDPOINTS[:3])
def test_another_accounts_profile_is_422_and_nothing_is_stored(api_as, method, path, data):
    theirs = ProfileFactory()
    response = call(api_as(Role.USER), method, path, {**data, "user_id": theirs.pk})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"type": "invalid", "loc": ["body", "user_id"], "msg": "User not found"}
    ]
    assert Reading.objects.count() == 0
    assert not AuditLog.objects.filter(action="oracle_reading.create").exists()


def test_another_accounts_profile_in_daily_is_404(api_as):
    theirs = ProfileFactory()
    response = api_as(Role.USER).get(DAILY, {"user_id": theirs.pk})
    assert response.status_code == 404
    assert response.json() == {"detail": "User not found"}


def test_deleted_profile_cannot_be_used(writer, hamzeh):
    hamzeh.delete()
    response = writer.post(READING, {"user_id": hamzeh.pk}, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "user_id"]


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN])
def test_moderators_and_admins_may_read_for_any_accounts_profile(api_as, role):
    theirs = ProfileFactory(birthday=datetime.date(1990, 3, 21))
    client = api_as(role)
    response = client.post(READING, {"user_id": theirs.pk}, format="json")
    assert response.status_code == 200
    reading = Reading.objects.get(pk=response.json()["reading_id"])
    assert (reading.owner, reading.profile) == (client.account, theirs)


# --------------------------------------------------------------------------------------------
# POST /api/oracle/reading


def test_time_reading_returns_v4_keys_first_and_a_reading_id(writer):
    response = writer.post(READING, {"datetime": "2024-02-29T13:45:30"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert list(body)[:6] == ["fc60", "numerology", "zodiac", "chinese", "summary", "generated_at"]
    assert list(body)[-1] == "reading_id"
    assert body["generated_at"] == "2024-02-29T13:45:30"
    assert body["zodiac"]["sign"] == "Pisces"
    assert body["fc60"]["branch"] == "Dragon"


def test_time_reading_is_stored_with_v4_columns(writer):
    body = writer.post(READING, {"datetime": "2024-02-29", "extended": True}, format="json").json()
    reading = Reading.objects.get(pk=body["reading_id"])
    assert reading.sign_type == "reading"
    assert reading.sign_value == body["generated_at"] == "2024-02-29T00:00:00+00:00"
    assert reading.question == "2024-02-29"
    assert reading.profile is None
    assert reading.is_multi_user is False


def test_empty_or_null_datetime_means_now(writer):
    before = timezone.now().replace(microsecond=0)
    first = writer.post(READING, {}, format="json").json()
    second = writer.post(READING, {"datetime": None, "timezone": None}, format="json").json()
    after = timezone.now()
    for body in (first, second):
        moment = datetime.datetime.fromisoformat(body["generated_at"])
        assert before <= moment <= after
        assert moment.utcoffset() == datetime.timedelta(0)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"timezone": "-05:00"}, "2024-02-29T08:45:30-05:00"),
        ({"timezone": "Asia/Tokyo"}, "2024-02-29T22:45:30+09:00"),
        ({}, "2024-02-29T17:15:30+03:30"),
    ],
)
def test_the_requests_zone_wins_over_the_profiles(writer, hamzeh, body, expected):
    response = writer.post(
        READING,
        {"datetime": "2024-02-29T13:45:30Z", "user_id": hamzeh.pk, **body},
        format="json",
    )
    assert response.json()["generated_at"] == expected


# The engines read years 1–9999 (test_engines_*); people may enter 1000–2999 (test_far_dates).
@pytest.mark.parametrize(
    "moment", ["1000-01-01", "1000-01-01T00:00:00+14:00", "2999-12-31T23:59:59-12:00"]
)
def test_the_first_and_last_moments_people_may_enter_are_read(writer, moment):
    response = writer.post(READING, {"datetime": moment}, format="json")
    assert response.status_code == 200
    assert response.json()["generated_at"][:4] in ("1000", "2999")


def test_without_profile_or_zone_an_aware_moment_stays_utc(writer):
    body = writer.post(READING, {"datetime": "2024-02-29T13:45:30Z"}, format="json").json()
    assert body["generated_at"] == "2024-02-29T13:45:30+00:00"


def test_negative_offset_keeps_its_sign(writer):
    body = writer.post(READING, {"datetime": "2024-02-29T13:45:30-05:00"}, format="json").json()
    assert body["generated_at"] == "2024-02-29T13:45:30-05:00"
    assert body["fc60_encoding"]["tz60"].startswith("-")


def test_profile_birth_date_sets_the_personal_numbers(writer, hamzeh):
    moment = {"datetime": "2024-02-29T13:45:30", "timezone": "UTC"}
    alone = writer.post(READING, moment, format="json").json()["numerology"]
    personal = writer.post(READING, {**moment, "user_id": hamzeh.pk}, format="json").json()
    numbers = personal["numerology"]
    # Hamzeh, born 1990-03-21: life path 7; personal year 3 + 3 + 8 = 14 → 5, month 5 + 2 = 7.
    assert (numbers["life_path"], numbers["personal_year"], numbers["personal_month"]) == (7, 5, 7)
    # The date alone (V4): 2024-02-29 → life path 21 → 3, and V4's personal year = life path.
    assert (alone["life_path"], alone["personal_year"]) == (3, 3)
    assert personal["person"]["birth_date"] == "1990-03-21"
    assert Reading.objects.get(pk=personal["reading_id"]).profile == hamzeh


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"datetime": "garbage"}, "datetime"),
        ({"datetime": "2024-02-30"}, "datetime"),
        ({"datetime": "2024-02-30T10:00:00"}, "datetime"),
        ({"datetime": "2024-01-01T25:00:00"}, "datetime"),
        ({"datetime": "2024-01-01T10:00:00+15:00"}, "datetime"),
        ({"datetime": 20240101}, "datetime"),
        ({"datetime": "x" * 65}, "datetime"),
        ({"datetime": "2024-01-01\x00"}, "datetime"),
        ({"datetime": "١٤٠٢-٠١-٠١"}, "datetime"),
        ({"extended": "yes"}, "extended"),
        ({"extended": None}, "extended"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"timezone": "+15:00"}, "timezone"),
        ({"timezone": 3}, "timezone"),
        ({"user_id": "1"}, "user_id"),
        ({"user_id": 0}, "user_id"),
        ({"user_id": True}, "user_id"),
        ({"user_id": 2**40}, "user_id"),
    ],
)
def test_bad_time_reading_input_is_422_naming_the_field(writer, body, field):
    response = writer.post(READING, body, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]
    assert Reading.objects.count() == 0


@pytest.mark.parametrize(
    ("path", "body", "loc"),
    [
        (QUESTION, '{"question": "a\\ud800b"}', ["body", "question"]),
        (NAME, '{"name": "Sa\\ud800ra"}', ["body", "name"]),
        (READING, '{"datetime": "2024-01-01\\ud800"}', ["body", "datetime"]),
        (
            MULTI,
            '{"users": [{"name": "\\ud800", "birth_year": 1990, "birth_month": 1, '
            '"birth_day": 1}, {"name": "B", "birth_year": 1990, "birth_month": 1, '
            '"birth_day": 1}]}',
            ["body", "users", 0, "name"],
        ),
    ],
)
def test_lone_surrogates_are_422_not_a_500(writer, path, body, loc):
    response = writer.post(path, body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc


@pytest.mark.parametrize("path", [READING, QUESTION, NAME, MULTI])
def test_malformed_json_is_422(writer, path):
    response = writer.post(path, "{not json", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]


@pytest.mark.parametrize("path", [READING, QUESTION, NAME, MULTI])
def test_a_body_that_is_not_an_object_is_422(writer, path):
    response = writer.post(path, ["2024-01-01"], format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]


def test_time_reading_stores_no_clear_copy_of_its_texts(writer, hamzeh):
    body = writer.post(
        READING, {"datetime": "2024-02-29T13:45:30+01:00", "user_id": hamzeh.pk}, format="json"
    ).json()
    assert "=== ORACLE READING ===" in body["summary"]
    assert body["person"]["mother_expression"] == 4
    text = row_text(body["reading_id"])
    assert body["generated_at"] in text  # the clear part is there
    for clear in (
        "ORACLE READING",
        body["ai_interpretation"]["text"],
        body["numerology"]["interpretation"],
        "2024-02-29T13:45:30+01:00",  # the raw input: only in the encrypted question
        "Fatemeh",
        "فاطمه",
        "mother_expression",
    ):
        assert clear not in text
    assert b"2024-02-29" not in raw_bytes(body["reading_id"], "question")


# --------------------------------------------------------------------------------------------
# POST /api/oracle/question


def test_question_returns_v4_keys_and_is_stored_with_the_answer_as_sign_value(writer):
    response = writer.post(QUESTION, {"question": "Will Zanzibar welcome me?"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert list(body)[:5] == ["question", "answer", "sign_number", "interpretation", "confidence"]
    assert body["question"] == "Will Zanzibar welcome me?"
    assert body["answer"] in ("yes", "no", "maybe")
    reading = Reading.objects.get(pk=body["reading_id"])
    assert (reading.sign_type, reading.sign_value) == ("question", body["answer"])
    assert reading.question == "Will Zanzibar welcome me?"


def test_question_may_be_empty_as_in_v4(writer):
    body = writer.post(QUESTION, {"question": ""}, format="json").json()
    assert (body["question"], body["sign_number"], body["answer"]) == ("", 7, "yes")


def test_master_number_question_answers_maybe(writer):
    assert writer.post(QUESTION, {"question": "22"}, format="json").json()["answer"] == "maybe"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "question"),
        ({"question": None}, "question"),
        ({"question": 42}, "question"),
        ({"question": ["a"]}, "question"),
        ({"question": "x" * 2001}, "question"),
        ({"question": "a\x00b"}, "question"),
        ({"question": "ok", "timezone": "Nowhere/City"}, "timezone"),
        ({"question": "ok", "user_id": "7"}, "user_id"),
    ],
)
def test_bad_question_input_is_422_naming_the_field(writer, body, field):
    response = writer.post(QUESTION, body, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]


def test_question_of_2000_characters_is_accepted(writer):
    assert writer.post(QUESTION, {"question": "a" * 2000}, format="json").status_code == 200


def test_question_is_asked_in_the_profiles_zone(writer, hamzeh):
    body = writer.post(QUESTION, {"question": "ok?", "user_id": hamzeh.pk}, format="json").json()
    assert body["moment"].endswith("+03:30")
    assert body["person"]["name"] == "Hamzeh"


def test_question_stores_no_clear_copy_of_its_texts(writer, hamzeh):
    body = writer.post(
        QUESTION, {"question": "Will Zanzibar welcome me?", "user_id": hamzeh.pk}, format="json"
    ).json()
    text = row_text(body["reading_id"])
    assert '"sign_meaning"' in text
    for clear in (
        "Zanzibar",
        body["interpretation"],
        body["ai_interpretation"]["text"],
        body["advice"],
        "Fatemeh",
    ):
        assert clear not in text
    question = raw_bytes(body["reading_id"], "question")
    assert question
    assert b"Zanzibar" not in question
    assert b"FC60" not in raw_bytes(body["reading_id"], "ai_interpretation")


# --------------------------------------------------------------------------------------------
# POST /api/oracle/name


def test_name_returns_v4_keys_and_is_stored_without_the_name_in_sign_value(writer):
    response = writer.post(NAME, {"name": "Sara"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert list(body)[:6] == [
        "name",
        "destiny_number",
        "soul_urge",
        "personality",
        "letters",
        "interpretation",
    ]
    assert [letter["letter"] for letter in body["letters"]] == ["S", "A", "R", "A"]
    assert body["destiny_number"] == 3
    reading = Reading.objects.get(pk=body["reading_id"])
    assert (reading.sign_type, reading.sign_value) == ("name", "expression 3")
    assert reading.question == "Sara"
    assert reading.numerology_system == "pythagorean"


def test_persian_name_is_counted_in_abjad(writer):
    body = writer.post(NAME, {"name": "حمزه"}, format="json").json()
    assert body["numerology_system"] == "abjad"
    assert all(letter["value"] > 0 for letter in body["letters"])


def test_name_system_can_be_chosen(writer):
    body = writer.post(NAME, {"name": "Sara", "numerology_system": "chaldean"}, format="json")
    assert body.json()["numerology_system"] == "chaldean"
    assert Reading.objects.get().numerology_system == "chaldean"


def test_profiles_numerology_system_applies_when_none_is_asked(writer):
    profile = ProfileFactory(owner=writer.account, name="Sara", numerology_system="chaldean")
    body = writer.post(NAME, {"name": "Sara", "user_id": profile.pk}, format="json").json()
    assert body["numerology_system"] == "chaldean"


def test_name_reading_without_a_system_uses_the_accounts_default(writer):
    saved = writer.put("/api/settings", {"numerology_system": "chaldean"}, format="json")
    assert saved.status_code == 200
    body = writer.post(NAME, {"name": "Sara"}, format="json").json()
    assert body["numerology_system"] == "chaldean"
    assert Reading.objects.get().numerology_system == "chaldean"


def test_automatic_asked_for_beats_the_accounts_default(writer):
    writer.put("/api/settings", {"numerology_system": "chaldean"}, format="json")
    body = writer.post(NAME, {"name": "Sara", "numerology_system": "auto"}, format="json")
    assert body.json()["numerology_system"] == "pythagorean"


def test_a_profiles_own_system_beats_the_accounts_default(writer):
    writer.put("/api/settings", {"numerology_system": "chaldean"}, format="json")
    own = ProfileFactory(owner=writer.account, name="Sara", numerology_system="pythagorean")
    body = writer.post(NAME, {"name": "Sara", "user_id": own.pk}, format="json").json()
    assert body["numerology_system"] == "pythagorean"


def test_an_accounts_default_that_cannot_count_the_name_reads_it_automatically(writer):
    writer.put("/api/settings", {"numerology_system": "pythagorean"}, format="json")
    body = writer.post(NAME, {"name": "حمزه"}, format="json")
    assert body.status_code == 200
    assert body.json()["numerology_system"] == "abjad"


def test_best_hours_of_a_day_and_a_moment_are_waking_hours_in_the_advisors_order(writer):
    from oracle.engines.timing import get_best_hours

    advisor = get_best_hours(datetime.date(2026, 2, 6))
    waking = [entry for entry in advisor if 7 <= entry["hour"] <= 21]
    assert advisor[0]["hour"] == 0  # the advisor's best hour is at night
    daily = writer.get(DAILY, {"date": "2026-02-06"}).json()
    assert daily["best_hours"] == waking
    moment = writer.post(READING, {"datetime": "2026-02-06T09:30:00"}, format="json").json()
    assert moment["best_hours"] == waking
    stored = writer.get(f"/api/oracle/readings/{moment['reading_id']}").json()
    assert stored["reading_result"]["best_hours"] == waking


def test_best_hours_follow_the_accounts_waking_hours(writer):
    saved = writer.put("/api/settings", {"waking_from": 0, "waking_until": 6}, format="json")
    assert saved.status_code == 200
    daily = writer.get(DAILY, {"date": "2026-02-06"}).json()
    assert [entry["hour"] for entry in daily["best_hours"]][:2] == [0, 1]
    assert {entry["hour"] for entry in daily["best_hours"]} == set(range(6))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": None}, "name"),
        ({"name": 7}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "12345"}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "Sara", "numerology_system": "kabbalah"}, "numerology_system"),
        ({"name": "Sara", "numerology_system": "abjad"}, "name"),
    ],
)
def test_bad_name_input_is_422_naming_the_field(writer, body, field):
    response = writer.post(NAME, body, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]
    assert Reading.objects.count() == 0


def test_name_of_100_characters_is_accepted(writer):
    assert writer.post(NAME, {"name": "a" * 100}, format="json").status_code == 200


def test_name_reading_stores_no_clear_copy_of_the_name_or_mothers_name(writer, hamzeh):
    body = writer.post(NAME, {"name": "Hamzeh", "user_id": hamzeh.pk}, format="json").json()
    # The profile's own name: the mother's number is shown, never her name.
    assert "-- Mother's Influence --" in body["interpretation"]
    assert "Fatemeh" not in body["interpretation"]
    text = row_text(body["reading_id"])
    assert "expression 7" in text
    for clear in ("Hamzeh", "HAMZEH", "Fatemeh", "Mother's Influence", '"letter"'):
        assert clear not in text
    assert b"Hamzeh" not in raw_bytes(body["reading_id"], "question")


def test_profile_with_an_uncountable_name_is_422_naming_user_id(writer):
    profile = ProfileFactory(owner=writer.account, name="Hamzeh", numerology_system="abjad")
    response = writer.post(READING, {"user_id": profile.pk}, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "user_id"]
    assert "numerology system" in response.json()["detail"][0]["msg"]


def test_profile_with_an_uncountable_mother_name_still_gets_readings(writer):
    profile = ProfileFactory(owner=writer.account, name="Hamzeh", mother_name="123")
    body = writer.post(READING, {"user_id": profile.pk}, format="json").json()
    assert "mother_expression" not in body["person"]


# --------------------------------------------------------------------------------------------
# POST /api/oracle/reading/multi-user


def test_anonymous_group_reading_is_stored_with_v4_columns(writer):
    response = writer.post(MULTI, {"users": GROUP}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert list(body) == [
        "user_count",
        "pair_count",
        "computation_ms",
        "profiles",
        "pairwise_compatibility",
        "group_energy",
        "group_dynamics",
        "ai_interpretation",
        "best_hours",  # the timing advisor for the whole group (an addition to V4)
        "method",  # the conventions it was computed with (an addition to V4)
        "reading_id",
    ]
    assert (body["user_count"], body["pair_count"]) == (3, 3)
    reading = Reading.objects.get(pk=body["reading_id"])
    assert reading.is_multi_user is True
    assert (reading.sign_type, reading.sign_value) == ("multi_user", "3-user analysis")
    assert (reading.profile, reading.primary_profile, reading.question) == (None, None, "")
    # V4's group columns hold the numbers; the names typed in are sealed with the interpretation.
    unnamed = [{k: v for k, v in p.items() if k != "name"} for p in body["profiles"]]
    assert reading.individual_results == unnamed
    assert reading.compatibility_matrix == [
        {k: v for k, v in pair.items() if k not in ("user1", "user2")}
        for pair in body["pairwise_compatibility"]
    ]
    assert reading.combined_energy == body["group_energy"]
    assert json.loads(reading.ai_interpretation)["ai_interpretation"] == body["ai_interpretation"]
    assert not ReadingParticipant.objects.exists()


def test_group_reading_links_profiles_and_flags_the_primary(writer, hamzeh):
    ali = ProfileFactory(owner=writer.account, name="Ali")
    users = [{**GROUP[0], "user_id": hamzeh.pk}, GROUP[1], {**GROUP[2], "user_id": ali.pk}]
    body = writer.post(MULTI, {"users": users, "primary_user_index": 2}, format="json").json()
    reading = Reading.objects.get(pk=body["reading_id"])
    assert (reading.profile, reading.primary_profile) == (ali, ali)
    links = dict(
        ReadingParticipant.objects.filter(reading=reading).values_list("profile_id", "is_primary")
    )
    assert links == {hamzeh.pk: False, ali.pk: True}


def test_group_reading_whose_primary_is_not_linked_has_no_primary_profile(writer, hamzeh):
    users = [{**GROUP[0], "user_id": hamzeh.pk}, GROUP[1]]
    body = writer.post(MULTI, {"users": users, "primary_user_index": 1}, format="json").json()
    reading = Reading.objects.get(pk=body["reading_id"])
    assert (reading.profile, reading.primary_profile) == (None, None)
    assert list(ReadingParticipant.objects.values_list("profile_id", "is_primary")) == [
        (hamzeh.pk, False)
    ]


def test_group_reading_without_interpretation_stores_none(writer):
    body = writer.post(
        MULTI, {"users": GROUP[:2], "include_interpretation": False}, format="json"
    ).json()
    assert body["ai_interpretation"] is None
    sealed = json.loads(Reading.objects.get(pk=body["reading_id"]).ai_interpretation)
    assert sealed["ai_interpretation"] is None


def test_group_narratives_are_encrypted(writer):
    body = writer.post(MULTI, {"users": GROUP}, format="json").json()
    text = row_text(body["reading_id"])
    assert body["group_energy"]["archetype"] in text
    assert body["ai_interpretation"]["energy_narrative"] not in text
    assert "compatibility_narrative" not in text
    assert b"narrative" not in raw_bytes(body["reading_id"], "ai_interpretation")


def _user(index: int = 0, **change):
    return {**GROUP[index], **change}


@pytest.mark.parametrize(
    ("body", "loc", "msg"),
    [
        ({"users": [_user()]}, ["body", "users"], "At least 2 users are required"),
        ({"users": []}, ["body", "users"], "At least 2 users are required"),
        ({"users": [_user()] * 11}, ["body", "users"], "Maximum 10 users allowed"),
        (
            {"users": [_user(name="  "), _user(1)]},
            ["body", "users", 0, "name"],
            "name must not be empty",
        ),
        (
            {"users": [_user(), _user(1, birth_year=1899)]},
            ["body", "users", 1, "birth_year"],
            "birth_year must be between 1900 and 2030",
        ),
        (
            {"users": [_user(), _user(1, birth_year=2031)]},
            ["body", "users", 1, "birth_year"],
            "birth_year must be between 1900 and 2030",
        ),
        (
            {"users": [_user(), _user(1, birth_month=13)]},
            ["body", "users", 1, "birth_month"],
            "birth_month must be between 1 and 12",
        ),
        (
            {"users": [_user(), _user(1, birth_day=0)]},
            ["body", "users", 1, "birth_day"],
            "birth_day must be between 1 and 31",
        ),
        (
            {"users": [_user(), _user(1, birth_month=2, birth_day=30)]},
            ["body", "users", 1, "birth_day"],
            "1995-02-30 is not a real date",
        ),
        (
            {"users": [_user(), _user(1)], "primary_user_index": 2},
            ["body", "primary_user_index"],
            "primary_user_index must be between 0 and 1",
        ),
        (
            {"users": [_user(), _user(1)], "primary_user_index": -1},
            ["body", "primary_user_index"],
            "primary_user_index must be between 0 and 1",
        ),
    ],
)
def test_group_validation_uses_v4s_messages(writer, body, loc, msg):
    response = writer.post(MULTI, body, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc
    assert response.json()["detail"][0]["msg"] == msg
    assert Reading.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({}, ["body", "users"]),
        ({"users": None}, ["body", "users"]),
        ({"users": "Hamzeh"}, ["body", "users"]),
        ({"users": [5, _user(1)]}, ["body", "users", 0]),
        ({"users": [_user(birth_year="1990"), _user(1)]}, ["body", "users", 0, "birth_year"]),
        ({"users": [_user(birth_day=None), _user(1)]}, ["body", "users", 0, "birth_day"]),
        ({"users": [_user(name=None), _user(1)]}, ["body", "users", 0, "name"]),
        ({"users": [_user(user_id="3"), _user(1)]}, ["body", "users", 0, "user_id"]),
        ({"users": [_user(), _user(1)], "primary_user_index": "0"}, ["body", "primary_user_index"]),
        (
            {"users": [_user(), _user(1)], "include_interpretation": "no"},
            ["body", "include_interpretation"],
        ),
    ],
)
def test_group_wrong_types_are_422(writer, body, loc):
    response = writer.post(MULTI, body, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc


def test_group_with_another_accounts_profile_is_422_and_nothing_is_stored(writer, hamzeh):
    theirs = ProfileFactory()
    users = [_user(user_id=hamzeh.pk), _user(1, user_id=theirs.pk)]
    response = writer.post(MULTI, {"users": users}, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "users", 1, "user_id"]
    assert (Reading.objects.count(), ReadingParticipant.objects.count()) == (0, 0)
    assert not AuditLog.objects.filter(action="oracle_reading.create").exists()


def test_group_listing_one_profile_twice_is_422(writer, hamzeh):
    users = [_user(user_id=hamzeh.pk), _user(1), _user(2, user_id=hamzeh.pk)]
    response = writer.post(MULTI, {"users": users}, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "users", 2, "user_id"]
    assert Reading.objects.count() == 0


def test_group_may_have_two_people_of_the_same_name_kept_apart(writer):
    body = writer.post(MULTI, {"users": [_user(), _user(1, name="Hamzeh")]}, format="json")
    assert body.status_code == 200
    assert len(body.json()["ai_interpretation"]["individual_insights"]) == 2


# --------------------------------------------------------------------------------------------
# GET /api/oracle/daily


def test_daily_returns_v4_keys_and_is_stored_once_per_account_profile_and_day(writer, hamzeh):
    response = writer.get(DAILY, {"date": "2024-02-29"})
    assert response.status_code == 200
    body = response.json()
    assert list(body)[:4] == ["date", "insight", "lucky_numbers", "optimal_activity"]
    assert body["date"] == "2024-02-29"
    assert all(isinstance(number, str) for number in body["lucky_numbers"])
    reading = Reading.objects.get()
    assert (reading.sign_type, reading.sign_value, reading.profile) == ("daily", "2024-02-29", None)
    assert body["reading_id"] == reading.pk
    assert AuditLog.objects.filter(action="oracle_reading.create").count() == 1
    # the same day again (a moment of it in another zone too): the stored reading, not another
    again = writer.get(DAILY, {"date": "2024-02-29T23:00:00", "timezone": "Asia/Tehran"}).json()
    assert again == body
    assert Reading.objects.count() == 1
    # the same day for a profile, and the next day: one more each
    for_hamzeh = writer.get(DAILY, {"date": "2024-02-29", "user_id": hamzeh.pk}).json()
    next_day = writer.get(DAILY, {"date": "2024-03-01"}).json()
    assert len({body["reading_id"], for_hamzeh["reading_id"], next_day["reading_id"]}) == 3
    assert writer.get(f"/api/oracle/readings/{for_hamzeh['reading_id']}").status_code == 200
    listed = writer.get("/api/oracle/readings", {"sign_type": "daily"}).json()
    assert listed["total"] == 3


def test_readonly_gets_the_daily_insight_computed_not_stored(api_as):
    body = api_as(Role.READONLY).get(DAILY, {"date": "2024-02-29"}).json()
    assert body["date"] == "2024-02-29" and "reading_id" not in body
    assert Reading.objects.count() == 0


def test_daily_date_is_that_calendar_day_in_any_zone(writer):
    body = writer.get(DAILY, {"date": "2024-01-01", "timezone": "-05:00"}).json()
    assert body["date"] == "2024-01-01"


def test_daily_date_time_is_read_in_the_zone(writer):
    body = writer.get(DAILY, {"date": "2024-01-01T02:00:00Z", "timezone": "-05:00"}).json()
    assert body["date"] == "2023-12-31"


def test_daily_without_date_is_today_in_the_profiles_zone(writer, hamzeh):
    body = writer.get(DAILY, {"user_id": hamzeh.pk}).json()
    tehran = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
    assert body["date"] == timezone.now().astimezone(tehran).date().isoformat()
    assert "personal" in body


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"date": "garbage"}, "date"),
        ({"date": "2024-02-30"}, "date"),
        ({"date": "2024-01-01T24:30:00"}, "date"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"user_id": "abc"}, "user_id"),
        ({"user_id": "0"}, "user_id"),
    ],
)
def test_bad_daily_query_is_422_naming_the_parameter(writer, query, field):
    response = writer.get(DAILY, query)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]


# --------------------------------------------------------------------------------------------
# Audit of stored readings


@pytest.mark.parametrize(
    ("path", "body", "sign_type"),
    [
        (READING, {}, "reading"),
        (QUESTION, {"question": "Will Zanzibar welcome me?"}, "question"),
        (NAME, {"name": "Hamzeh"}, "name"),
    ],
)
def test_every_stored_reading_is_audited_with_its_profile(writer, hamzeh, path, body, sign_type):
    reading_id = writer.post(path, {**body, "user_id": hamzeh.pk}, format="json").json()[
        "reading_id"
    ]
    entry = AuditLog.objects.get(action="oracle_reading.create")
    assert entry.resource_type == "oracle_reading"
    assert entry.resource_id == reading_id
    assert entry.details == {"sign_type": sign_type}
    assert entry.profile_id == hamzeh.pk
    assert entry.actor == writer.account
    assert entry.ip_address == "127.0.0.1"
    assert entry.api_key_hash is None
    assert "Zanzibar" not in json.dumps(entry.details)


def test_group_reading_is_audited_with_the_primary_profile(writer, hamzeh):
    users = [_user(1), _user(user_id=hamzeh.pk)]
    writer.post(MULTI, {"users": users, "primary_user_index": 1}, format="json")
    entry = AuditLog.objects.get(action="oracle_reading.create")
    assert entry.details == {"sign_type": "multi_user"}
    assert entry.profile_id == hamzeh.pk


def test_anonymous_reading_audit_has_no_profile(writer):
    writer.post(READING, {}, format="json")
    assert AuditLog.objects.get(action="oracle_reading.create").profile_id is None


# --------------------------------------------------------------------------------------------
# AI


@pytest.fixture
def fake_ai(monkeypatch):
    """The AI is configured and answers every prompt with a recognisable text."""
    from oracle.services import ai

    prompts: list[str] = []

    def generate(prompt, *, system_prompt, principal, **options):
        prompts.append(prompt)
        if "as nine sections" in prompt:  # the sectioned interpretation asks for JSON
            return json.dumps({"message": "The stars whisper ZEPHYRINE."})
        return "The stars whisper ZEPHYRINE."

    monkeypatch.setattr(ai, "is_available", lambda: True)
    monkeypatch.setattr(ai, "generate", generate)
    return prompts


def test_ai_text_is_used_and_stored_encrypted(writer, fake_ai):
    body = writer.post(QUESTION, {"question": "Will Zanzibar welcome me?"}, format="json").json()
    assert body["ai_interpretation"]["text"] == "The stars whisper ZEPHYRINE."
    assert body["ai_interpretation"]["ai_generated"] is True
    assert any("Zanzibar" in prompt for prompt in fake_ai)
    assert "ZEPHYRINE" not in row_text(body["reading_id"])
    assert "ZEPHYRINE" in Reading.objects.get(pk=body["reading_id"]).ai_interpretation


def test_ai_writes_the_group_narratives(writer, fake_ai):
    body = writer.post(MULTI, {"users": GROUP[:2]}, format="json").json()
    assert body["ai_interpretation"]["ai_available"] is True
    assert body["ai_interpretation"]["energy_narrative"] == "The stars whisper ZEPHYRINE."
    assert "ZEPHYRINE" not in row_text(body["reading_id"])


def test_without_ai_the_deterministic_text_is_used(writer):
    body = writer.post(QUESTION, {"question": "Will Zanzibar welcome me?"}, format="json").json()
    assert body["ai_interpretation"]["ai_generated"] is False
    assert body["ai_interpretation"]["text"].startswith("The oracle answers")


def test_ai_rate_limit_is_429_and_nothing_is_stored(writer, settings):
    settings.ANTHROPIC_API_KEY = "sk-test-not-used"
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "0/hour"}
    response = writer.post(QUESTION, {"question": "Will Zanzibar welcome me?"}, format="json")
    assert response.status_code == 429
    assert response.json() == {"detail": "Rate limit exceeded"}
    assert int(response["Retry-After"]) >= 1
    assert Reading.objects.count() == 0
