"""No clear copies of private texts: the cached AI answers, interpretations and translations in the
shared cache, and the names typed into a group reading in `oracle_readings` (tracker issue 21,
item 11). The raw cache values and the raw columns are read, not what the app decrypts."""

import hashlib
import importlib
import json
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from oracle.models import Reading, SignType
from oracle.services import ai, interpretation, readings, sealing, search_index
from oracle.tests.fake_provider import Reply

pytestmark = pytest.mark.django_db

NAME = "Zorabella Quintessa"
QUESTION = f"Will {NAME} move to Shiraz this spring?"
MULTI = "/api/oracle/reading/multi-user"
GROUP = [
    {"name": "Zorabella Quintessa", "birth_year": 1990, "birth_month": 3, "birth_day": 21},
    {"name": "Marwick Ostrander", "birth_year": 1985, "birth_month": 7, "birth_day": 9},
    {"name": "گلنار مهرآیین", "birth_year": 1993, "birth_month": 11, "birth_day": 2},
]
MEMBERS = ("Zorabella", "Quintessa", "Marwick", "Ostrander", "گلنار", "مهرآیین")


def raw_cache() -> dict[str, bytes]:
    """Every key this test wrote to the shared cache with its value as stored (Redis, or the
    local-memory cache without REDIS_URL): the pickled bytes, never decrypted."""
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        from django_redis import get_redis_connection

        client = get_redis_connection("default")
        return {key.decode(): client.get(key) for key in client.keys(f"{prefix}:*")}
    return {key: value for key, value in cache._cache.items() if key.startswith(prefix)}


def assert_nothing_private(entries: dict[str, bytes], *texts: str) -> None:
    assert entries, "nothing was cached: the test would prove nothing"
    for key, value in entries.items():
        for text in texts:
            assert text not in key, f"{text!r} in the cache key {key}"
            assert text.encode() not in value, f"{text!r} in clear in the cached value of {key}"


@pytest.fixture
def principal(user):
    return principal_for_account(user, auth_type="session")


def echoing(body):
    """An AI answer that repeats the prompt, as answers quote the question and the names."""
    return Reply(f"Dear {NAME}: " + body["messages"][0]["content"][:400])


def test_cached_ai_answer_and_its_key_hold_no_private_text(fake_provider, principal):
    fake_provider.default = echoing
    first = ai.generate(QUESTION, system_prompt="You are the oracle.", principal=principal)
    again = ai.generate(QUESTION, system_prompt="You are the oracle.", principal=principal)

    assert NAME in first and again == first
    assert fake_provider.calls == 1  # the second came from the cache
    entries = raw_cache()
    assert_nothing_private(entries, NAME, "Shiraz")
    material = f"{settings.NPS_AI_MODEL}|||{settings.NPS_AI_MAX_TOKENS}|||You are the oracle."
    unkeyed = hashlib.sha256(f"{material}|||{QUESTION}".encode()).hexdigest()
    assert not any(unkeyed in key for key in entries)  # a guess cannot be checked against it


def test_cached_interpretation_holds_no_private_text(fake_provider, principal):
    sections = {"core_identity": f"{NAME} walks the Shiraz road", "message": "Go in spring"}
    fake_provider.default = Reply("```json\n" + json.dumps(sections) + "\n```")
    result = readings.create_question_reading(principal=principal, question=QUESTION, use_ai=False)

    first = interpretation.interpret(principal=principal, kind="question", result=result)
    again = interpretation.interpret(principal=principal, kind="question", result=result)

    assert first.ai_generated and first.sections["core_identity"] == sections["core_identity"]
    assert again.data.get("cached") is True and again.sections == first.sections
    entries = raw_cache()
    assert any(":interpretation:" in key for key in entries)
    assert_nothing_private(entries, NAME, "Shiraz")


def test_cached_translation_holds_no_private_text(fake_provider, api_as):
    fake_provider.default = lambda body: Reply("ترجمه: " + body["messages"][0]["content"][-300:])
    api = api_as(Role.USER)
    text = f"{NAME} asks about the road to Shiraz"

    first = api.post("/api/translation/translate", {"text": text}, format="json").json()
    again = api.post("/api/translation/translate", {"text": text}, format="json").json()

    assert first["ai_generated"] is True and NAME in first["translated_text"]
    assert again["cached"] is True and again["translated_text"] == first["translated_text"]
    assert again["source_text"] == text
    entries = raw_cache()
    assert any(":translation:entry:" in key for key in entries)
    assert_nothing_private(entries, NAME, "Shiraz")


# --- group readings ---------------------------------------------------------------------------


def raw_group_columns(reading_id: int) -> str:
    """The clear columns of a stored reading as PostgreSQL holds them, and the encrypted one."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reading_result::text, individual_results::text, compatibility_matrix::text, "
            "combined_energy::text, sign_value, ai_interpretation FROM oracle_readings "
            "WHERE id = %s",
            [reading_id],
        )
        *clear, encrypted = cursor.fetchone()
    return " ".join(str(value) for value in clear) + bytes(encrypted or b"").decode("latin-1")


@pytest.mark.parametrize("include_interpretation", [True, False])
def test_group_members_names_are_not_stored_in_clear_and_the_answer_is_unchanged(
    api_as, include_interpretation
):
    api = api_as(Role.USER)
    body = api.post(
        MULTI, {"users": GROUP, "include_interpretation": include_interpretation}, format="json"
    ).json()
    assert [person["name"] for person in body["profiles"]] == [user["name"] for user in GROUP]

    stored = raw_group_columns(body["reading_id"])
    for word in MEMBERS:
        assert word not in stored, f"{word!r} in clear in oracle_readings"
    assert '"life_path"' in stored  # the numbers stay in clear
    detail = api.get(f"/api/oracle/readings/{body['reading_id']}").json()
    assert detail["reading_result"] == body
    reading = Reading.objects.get(pk=body["reading_id"])
    assert sealing.member_names(reading) == [user["name"] for user in GROUP]


def test_group_reading_is_found_by_a_members_name(api_as):
    api = api_as(Role.USER)
    three = api.post(MULTI, {"users": GROUP, "include_interpretation": False}, format="json")
    two = api.post(MULTI, {"users": GROUP[1:], "include_interpretation": False}, format="json")
    three_id, two_id = three.json()["reading_id"], two.json()["reading_id"]

    def found(search: str) -> list[int]:
        answer = api.get("/api/oracle/readings", {"search": search}).json()
        return sorted(item["id"] for item in answer["readings"])

    assert found("quintessa") == [three_id]
    assert found("گلنار") == sorted([three_id, two_id])
    assert found("Nobody Here") == []


def test_group_history_item_keeps_v4s_interpretation_text(api_as):
    api = api_as(Role.USER)
    body = api.post(MULTI, {"users": GROUP[:2]}, format="json").json()
    item = api.get("/api/oracle/readings").json()["readings"][0]

    assert json.loads(item["ai_interpretation"]) == body["ai_interpretation"]


def store_as_before_the_fix(body: dict) -> Reading:
    """Rewrite a group reading as it was stored before the names were sealed: the whole response
    in clear, the interpretation dict alone encrypted, the names in V4's columns."""
    reading = Reading.objects.get(pk=body["reading_id"])
    clear = {key: value for key, value in body.items() if key not in ("reading_id",)}
    interpretation_dict = clear.pop("ai_interpretation")
    reading.reading_result = clear
    reading.ai_interpretation = (
        json.dumps(interpretation_dict, ensure_ascii=False) if interpretation_dict else None
    )
    reading.individual_results = clear["profiles"]
    reading.compatibility_matrix = clear["pairwise_compatibility"]
    reading.save()  # re-indexed as it was then: no member's name among the search terms
    return reading


@pytest.mark.parametrize("include_interpretation", [True, False])
def test_migration_seals_the_names_of_group_readings_already_stored(api_as, include_interpretation):
    api = api_as(Role.USER)
    body = api.post(
        MULTI, {"users": GROUP, "include_interpretation": include_interpretation}, format="json"
    ).json()
    question = api.post("/api/oracle/question", {"question": QUESTION}, format="json").json()
    reading = store_as_before_the_fix(body)
    assert "Ostrander" in raw_group_columns(reading.pk)
    untouched = raw_group_columns(question["reading_id"])

    migration = importlib.import_module("oracle.migrations.0010_group_names_sealed")
    migration.seal_group_names(django_apps, SimpleNamespace(connection=connection))
    migration.seal_group_names(django_apps, SimpleNamespace(connection=connection))  # re-run
    search_index.rebuild()  # as migration 0014 does after it

    stored = raw_group_columns(reading.pk)
    for word in MEMBERS:
        assert word not in stored, f"{word!r} still in clear"
    assert api.get(f"/api/oracle/readings/{reading.pk}").json()["reading_result"] == body
    found = api.get("/api/oracle/readings", {"search": "Ostrander"}).json()["readings"]
    assert [item["id"] for item in found] == [reading.pk]
    assert raw_group_columns(question["reading_id"]) == untouched
    assert Reading.objects.get(pk=question["reading_id"]).sign_type == SignType.QUESTION
