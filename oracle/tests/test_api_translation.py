"""`/api/translation/...`: translate, detect, cache statistics."""

import json
import re

import httpx2
import pytest
from django.core.cache import cache, caches
from rest_framework.test import APIClient

from nps.accounts.roles import Role
from oracle.engines import translation as engine
from oracle.services import ai
from oracle.services import translation as service

pytestmark = pytest.mark.django_db

TRANSLATE = "/api/translation/translate"
DETECT = "/api/translation/detect"
STATS = "/api/translation/cache/stats"

READING = "Your Wood Dragon energy"
PLACEHOLDER = re.compile(r"__TERM\d{3}__")


@pytest.fixture(autouse=True)
def forget_the_cache(isolated_cache):
    """The translation cache's counters and ring slots never expire: drop this test's keys."""
    yield
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")  # within this test's key prefix only
    else:
        cache.clear()


class FakeTranslator:
    """Stands in for the Anthropic API behind the real SDK: "translates" by keeping every
    placeholder of the protected text inside a Persian sentence."""

    def __init__(self) -> None:
        self.prompts: list[str] = []
        self.failing = False

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        prompt = json.loads(request.content)["messages"][0]["content"]
        self.prompts.append(prompt)
        if self.failing:
            return httpx2.Response(
                529, json={"type": "error", "error": {"type": "overloaded_error", "message": "x"}}
            )
        protected = prompt.rsplit("\n\n", 1)[-1]
        answer = "ترجمه: " + " ".join(PLACEHOLDER.findall(protected))
        return httpx2.Response(
            200,
            json={
                "id": "msg_test",
                "type": "message",
                "role": "assistant",
                "model": "claude-sonnet-4-20250514",
                "content": [{"type": "text", "text": answer}],
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": {"input_tokens": 10, "output_tokens": 5},
            },
        )


@pytest.fixture
def fake_ai(settings, monkeypatch) -> FakeTranslator:
    settings.ANTHROPIC_API_KEY = "sk-ant-test-0123456789abcdef"
    fake = FakeTranslator()

    def factory(**options):
        transport = httpx2.MockTransport(fake.handle)
        return ai.build_client(**options, http_client=httpx2.Client(transport=transport))

    monkeypatch.setattr(ai, "client_factory", factory)
    return fake


@pytest.fixture
def user_api(api_as):
    return api_as(Role.USER)


@pytest.fixture
def admin_api(api_as):
    return api_as(Role.ADMIN)


def translate(client, text=READING, **fields):
    return client.post(TRANSLATE, {"text": text, **fields}, format="json")


# --- translate: without AI -------------------------------------------------------------------


def test_translate_without_ai_returns_the_text_unchanged(user_api):
    response = translate(user_api)

    assert response.status_code == 200
    body = response.json()
    assert body["source_text"] == body["translated_text"] == READING
    assert (body["source_lang"], body["target_lang"]) == ("en", "fa")
    assert body["preserved_terms"] == ["Dragon", "Wood"]
    assert body["ai_generated"] is False
    assert body["cached"] is False
    assert isinstance(body["elapsed_ms"], float)
    assert set(body) == {
        "source_text",
        "translated_text",
        "source_lang",
        "target_lang",
        "preserved_terms",
        "ai_generated",
        "elapsed_ms",
        "cached",
    }


def test_translate_without_ai_does_not_cache_the_fallback(user_api, admin_api):
    translate(user_api)
    second = translate(user_api).json()

    assert second["cached"] is False
    stats = admin_api.get(STATS).json()
    assert (stats["total_entries"], stats["hit_count"], stats["miss_count"]) == (0, 0, 2)


def test_same_language_is_echoed_without_ai_or_cache(user_api, fake_ai):
    response = translate(user_api, source_lang="fa", target_lang="fa", text="سلام Wood")

    assert response.json() == {
        "source_text": "سلام Wood",
        "translated_text": "سلام Wood",
        "source_lang": "fa",
        "target_lang": "fa",
        "preserved_terms": [],
        "ai_generated": False,
        "elapsed_ms": 0.0,
        "cached": False,
    }
    assert fake_ai.prompts == []


def test_text_of_exactly_10000_characters_is_accepted(user_api):
    assert translate(user_api, text="a" * 10_000).status_code == 200


# --- translate: with AI (real SDK, fake transport) -------------------------------------------


def test_translate_with_ai_keeps_the_fc60_terms(user_api, fake_ai):
    body = translate(user_api).json()

    assert body["translated_text"] == "ترجمه: Wood Dragon"
    assert body["ai_generated"] is True
    assert body["cached"] is False
    assert body["preserved_terms"] == ["Dragon", "Wood"]
    [prompt] = fake_ai.prompts
    assert prompt.endswith("\n\nYour __TERM001__ __TERM000__ energy")
    assert prompt.startswith(engine.EN_TO_FA_TEMPLATE.split("{text}")[0])


def test_persian_to_english_uses_the_fa_to_en_prompt(user_api, fake_ai):
    body = translate(user_api, text="انرژی Fire شما", source_lang="fa", target_lang="en").json()

    assert body["translated_text"] == "ترجمه: Fire"
    assert fake_ai.prompts[0].startswith(engine.FA_TO_EN_TEMPLATE.split("{text}")[0])


def test_ai_translation_is_cached_and_the_second_call_sends_nothing(user_api, fake_ai):
    first = translate(user_api).json()
    second = translate(user_api).json()

    assert second["cached"] is True
    assert second["translated_text"] == first["translated_text"]
    assert second["ai_generated"] is True
    assert len(fake_ai.prompts) == 1


def test_cache_is_shared_between_callers(api_as, fake_ai):
    translate(api_as(Role.USER))

    assert translate(api_as(Role.USER)).json()["cached"] is True
    assert len(fake_ai.prompts) == 1


def test_cache_tells_language_pairs_apart(user_api, fake_ai):
    translate(user_api, text="Fire", source_lang="en", target_lang="fa")
    other_direction = translate(user_api, text="Fire", source_lang="fa", target_lang="en").json()

    assert other_direction["cached"] is False
    assert len(fake_ai.prompts) == 2


def test_failed_ai_call_falls_back_and_is_not_cached(user_api, fake_ai, settings):
    settings.NPS_AI_MAX_RETRIES = 0
    fake_ai.failing = True
    failed = translate(user_api).json()
    fake_ai.failing = False
    retried = translate(user_api).json()

    assert (failed["translated_text"], failed["ai_generated"]) == (READING, False)
    assert (retried["ai_generated"], retried["cached"]) == (True, False)
    assert len(fake_ai.prompts) == 2


def test_exhausted_ai_rate_limit_is_429_and_reaches_no_ai(user_api, fake_ai, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "1/hour"}
    assert translate(user_api, text="Fire burns").status_code == 200

    refused = translate(user_api, text="Water flows")

    assert refused.status_code == 429
    assert refused.json() == {"detail": "Rate limit exceeded"}
    assert int(refused["Retry-After"]) > 0
    assert len(fake_ai.prompts) == 1


def test_cached_translation_is_served_when_the_ai_limit_is_used_up(user_api, fake_ai, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "1/hour"}
    translate(user_api)

    again = translate(user_api)

    assert again.status_code == 200
    assert again.json()["cached"] is True


def test_cache_keeps_at_most_max_entries_evicting_the_oldest(
    user_api, admin_api, fake_ai, monkeypatch
):
    monkeypatch.setattr(service, "CACHE_MAX_ENTRIES", 2)
    for text in ("Wood", "Fire", "Water"):
        translate(user_api, text=text)

    assert admin_api.get(STATS).json()["total_entries"] == 2
    assert translate(user_api, text="Water").json()["cached"] is True
    assert translate(user_api, text="Fire").json()["cached"] is True
    assert translate(user_api, text="Wood").json()["cached"] is False


def test_translation_works_when_the_cache_is_unreachable(user_api, fake_ai, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    for operation in ("get", "set", "add", "incr", "touch", "get_many"):
        monkeypatch.setattr(caches["default"], operation, unreachable)

    body = translate(user_api).json()

    assert (body["translated_text"], body["cached"]) == ("ترجمه: Wood Dragon", False)


# --- translate: validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": ""}, "text must not be empty"),
        ({"text": "   \n\t"}, "text must not be empty"),
        ({"text": "a" * 10_001}, "text must not exceed 10000 characters"),
        ({"text": 123}, "Input should be a valid string."),
        ({"text": ["Wood"]}, "Input should be a valid string."),
        ({"text": None}, "This field may not be null."),
        ({}, "This field is required."),
    ],
)
def test_invalid_text_is_422_naming_text(user_api, body, message):
    response = user_api.post(TRANSLATE, body, format="json")

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "text"]
    assert error["msg"] == message


@pytest.mark.parametrize("field", ["source_lang", "target_lang"])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("de", "language must be 'en' or 'fa'"),
        ("EN", "language must be 'en' or 'fa'"),
        (" en", "language must be 'en' or 'fa'"),
        ("", "language must be 'en' or 'fa'"),
        (5, "Input should be a valid string."),
        (True, "Input should be a valid string."),
        (None, "This field may not be null."),
    ],
)
def test_language_other_than_en_or_fa_is_422_naming_the_field(user_api, field, value, message):
    response = translate(user_api, **{field: value})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["loc"], error["msg"]) == (["body", field], message)


def test_malformed_json_is_422(user_api):
    response = user_api.post(TRANSLATE, '{"text": "Wood"', content_type="application/json")

    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"


def test_body_that_is_not_an_object_is_422(user_api):
    response = user_api.post(TRANSLATE, ["Wood"], format="json")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]


def test_get_on_translate_is_405(user_api):
    assert user_api.get(TRANSLATE).status_code == 405


# --- detect ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "confidence"),
    [
        ("سلام دنیا", "fa", 0.9),
        ("hello world", "en", 0.9),
        ("سلام hi", "fa", 0.9),
        ("123", "en", 0.9),
        ("   ", "en", 0.5),
    ],
)
def test_detect_tells_persian_from_english(api_as, text, language, confidence):
    response = api_as(Role.READONLY).get(DETECT, {"text": text})

    assert response.status_code == 200
    assert response.json() == {"text": text, "detected_lang": language, "confidence": confidence}


@pytest.mark.parametrize("query", [{}, {"text": ""}, {"text": "a" * 10_001}])
def test_detect_without_text_is_422_naming_the_query_parameter(user_api, query):
    response = user_api.get(DETECT, query)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "text"]


# --- cache statistics ------------------------------------------------------------------------


def test_cache_stats_count_entries_hits_and_misses(user_api, admin_api, fake_ai):
    translate(user_api, text="Wood")
    translate(user_api, text="Wood")
    translate(user_api, text="Fire")
    translate(user_api, text="Wood", source_lang="en", target_lang="en")  # echo: not counted

    response = admin_api.get(STATS)

    assert response.status_code == 200
    assert response.json() == {
        "total_entries": 2,
        "max_entries": 1000,
        "hit_count": 1,
        "miss_count": 2,
        "ttl_seconds": 86400,
    }


def test_cache_stats_of_an_empty_cache_are_zero(admin_api):
    assert admin_api.get(STATS).json() == {
        "total_entries": 0,
        "max_entries": 1000,
        "hit_count": 0,
        "miss_count": 0,
        "ttl_seconds": 86400,
    }


# --- authentication and scopes ---------------------------------------------------------------

ENDPOINTS = [
    ("post", TRANSLATE, {"text": "Wood"}),
    ("get", DETECT, {"text": "Wood"}),
    ("get", STATS, None),
]


def call(client, method, url, data):
    if method == "post":
        return client.post(url, data, format="json")
    return client.get(url, data)


@pytest.mark.parametrize(("method", "url", "data"), ENDPOINTS)
def test_no_credentials_is_401_with_bearer_challenge(api_client, method, url, data):
    response = call(api_client, method, url, data)

    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(("method", "url", "data"), ENDPOINTS)
def test_bad_token_is_403(method, url, data):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-token")

    response = call(client, method, url, data)

    assert response.status_code == 403
    assert response.json() == {"detail": "Invalid credentials"}


@pytest.mark.parametrize(
    ("role", "method", "url", "data", "status"),
    [
        (Role.READONLY, "post", TRANSLATE, {"text": "Wood"}, 403),
        (Role.READONLY, "get", DETECT, {"text": "Wood"}, 200),
        (Role.READONLY, "get", STATS, None, 403),
        (Role.USER, "post", TRANSLATE, {"text": "Wood"}, 200),
        (Role.USER, "get", DETECT, {"text": "Wood"}, 200),
        (Role.USER, "get", STATS, None, 403),
        (Role.MODERATOR, "get", STATS, None, 200),
        (Role.ADMIN, "post", TRANSLATE, {"text": "Wood"}, 200),
        (Role.ADMIN, "get", DETECT, {"text": "Wood"}, 200),
        (Role.ADMIN, "get", STATS, None, 200),
    ],
)
def test_roles_reach_what_their_scopes_allow(api_as, role, method, url, data, status):
    response = call(api_as(role), method, url, data)

    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "method", "url", "data", "scope"),
    [
        (Role.READONLY, "post", TRANSLATE, {"text": "Wood"}, "oracle:write"),
        (Role.USER, "get", STATS, None, "oracle:admin"),
    ],
)
def test_missing_scope_is_403_naming_it(api_as, role, method, url, data, scope):
    response = call(api_as(role), method, url, data)

    assert response.json() == {"detail": f"Insufficient scope: requires '{scope}'"}


@pytest.mark.parametrize(("method", "url", "data"), ENDPOINTS)
def test_legacy_secret_reaches_every_endpoint(legacy_api, method, url, data):
    assert call(legacy_api, method, url, data).status_code == 200
