"""The AI client through the real Anthropic SDK, talking to a fake transport."""

import json
import logging
from types import SimpleNamespace

import httpx2
import pytest
from django.core.cache import caches

from nps.accounts.principal import Principal
from nps.core.ratelimit import RateLimitExceeded
from oracle.services import ai

API_KEY = "sk-ant-test-0123456789abcdef"
PRINCIPAL = Principal(account=None, scopes=frozenset({"oracle:write"}), auth_type="legacy")


def message_response(*texts: str) -> httpx2.Response:
    """A Messages API answer with one text block per text."""
    return httpx2.Response(
        200,
        json={
            "id": "msg_test",
            "type": "message",
            "role": "assistant",
            "model": "claude-sonnet-4-20250514",
            "content": [{"type": "text", "text": text} for text in texts],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 10, "output_tokens": 5},
        },
    )


def error_response(status: int, message: str) -> httpx2.Response:
    return httpx2.Response(
        status, json={"type": "error", "error": {"type": "api_error", "message": message}}
    )


class FakeAnthropic:
    """Records what the SDK sends and answers with `reply(request)`."""

    def __init__(self) -> None:
        self.requests: list[httpx2.Request] = []
        self.clients_built: list[dict] = []
        self.reply = lambda request: message_response("The stars align.")

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return self.reply(request)

    @property
    def bodies(self) -> list[dict]:
        return [json.loads(request.content) for request in self.requests]


@pytest.fixture
def fake_anthropic(settings, monkeypatch) -> FakeAnthropic:
    settings.ANTHROPIC_API_KEY = API_KEY
    fake = FakeAnthropic()

    def factory(**options) -> object:
        fake.clients_built.append(options)
        transport = httpx2.MockTransport(fake.handle)
        return ai.build_client(**options, http_client=httpx2.Client(transport=transport))

    monkeypatch.setattr(ai, "client_factory", factory)
    monkeypatch.setattr(ai, "BACKOFF_BASE_SECONDS", 0.01)
    return fake


def test_generate_sends_the_configured_request_through_the_sdk(fake_anthropic):
    answer = ai.generate("Read my sign", system_prompt="You are the oracle.", principal=PRINCIPAL)

    assert answer == "The stars align."
    [request] = fake_anthropic.requests
    assert request.method == "POST"
    assert request.url.path == "/v1/messages"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert fake_anthropic.bodies[0] == {
        "model": "claude-sonnet-4-20250514",
        "max_tokens": 1024,
        "system": "You are the oracle.",
        "messages": [{"role": "user", "content": "Read my sign"}],
    }


def test_generate_uses_the_model_and_token_settings(fake_anthropic, settings):
    settings.NPS_AI_MODEL = "claude-test-model"
    settings.NPS_AI_MAX_TOKENS = 300

    ai.generate("first", system_prompt="s", principal=PRINCIPAL)
    ai.generate("second", system_prompt="s", principal=PRINCIPAL, max_tokens=50)

    assert [(body["model"], body["max_tokens"]) for body in fake_anthropic.bodies] == [
        ("claude-test-model", 300),
        ("claude-test-model", 50),
    ]


def test_temperature_is_not_sent_because_the_api_version_refuses_it(fake_anthropic):
    ai.generate("Translate", system_prompt="s", principal=PRINCIPAL, temperature=0.3)

    assert "temperature" not in fake_anthropic.bodies[0]


def test_empty_system_prompt_is_left_out_of_the_request(fake_anthropic):
    ai.generate("Hello", system_prompt="", principal=PRINCIPAL)

    assert "system" not in fake_anthropic.bodies[0]


def test_answer_joins_every_text_block_and_trims_it(fake_anthropic):
    fake_anthropic.reply = lambda request: message_response("  The moon ", "is full.\n")

    assert ai.generate("p", system_prompt="s", principal=PRINCIPAL) == "The moon is full."


def test_sdk_client_is_built_once_with_the_key_timeout_and_no_sdk_retries(fake_anthropic, settings):
    settings.NPS_AI_TIMEOUT = 12
    settings.ANTHROPIC_BASE_URL = ""

    ai.generate("one", system_prompt="s", principal=PRINCIPAL)
    ai.generate("two", system_prompt="s", principal=PRINCIPAL)

    assert fake_anthropic.clients_built == [{"api_key": API_KEY, "base_url": None, "timeout": 12}]
    assert len(fake_anthropic.requests) == 2
    client = ai._client()
    assert client.max_retries == 0
    assert client.timeout == 12


def test_without_an_api_key_the_ai_is_unavailable_and_nothing_is_sent(fake_anthropic, settings):
    settings.ANTHROPIC_API_KEY = ""

    assert ai.is_available() is False
    assert ai.generate("p", system_prompt="s", principal=PRINCIPAL) is None
    assert fake_anthropic.requests == []


def test_refused_request_returns_none_after_one_attempt(fake_anthropic):
    fake_anthropic.reply = lambda request: error_response(400, "Bad request")

    assert ai.generate("p", system_prompt="s", principal=PRINCIPAL) is None
    assert len(fake_anthropic.requests) == 1


def test_upstream_error_is_retried_up_to_the_configured_count(fake_anthropic, settings):
    settings.NPS_AI_MAX_RETRIES = 2
    fake_anthropic.reply = lambda request: error_response(500, "Overloaded")

    assert ai.generate("p", system_prompt="s", principal=PRINCIPAL) is None
    assert len(fake_anthropic.requests) == 3


def test_connection_failure_returns_none(fake_anthropic):
    def refuse(request):
        raise httpx2.ConnectError("connection refused", request=request)

    fake_anthropic.reply = refuse

    assert ai.generate("p", system_prompt="s", principal=PRINCIPAL) is None


def test_failure_log_names_only_the_error_type(fake_anthropic, caplog):
    fake_anthropic.reply = lambda request: error_response(401, f"invalid x-api-key {API_KEY}")

    with caplog.at_level(logging.DEBUG):
        ai.generate("Maryam born 1990-03-21 asks", system_prompt="s", principal=PRINCIPAL)

    assert "outcome=refused_401" in caplog.text
    for secret in (API_KEY, "Maryam", "invalid x-api-key"):
        assert secret not in caplog.text


def test_empty_answer_returns_none_and_is_not_cached(fake_anthropic):
    fake_anthropic.reply = lambda request: message_response("   ")

    assert ai.generate("p", system_prompt="s", principal=PRINCIPAL) is None
    assert ai.generate("p", system_prompt="s", principal=PRINCIPAL) is None
    assert len(fake_anthropic.requests) == 2


def test_cached_answer_makes_no_second_request(fake_anthropic):
    first = ai.generate("Same prompt", system_prompt="s", principal=PRINCIPAL)
    fake_anthropic.reply = lambda request: message_response("A different answer")
    second = ai.generate("Same prompt", system_prompt="s", principal=PRINCIPAL)

    assert first == second == "The stars align."
    assert len(fake_anthropic.requests) == 1


def test_cache_tells_system_prompts_apart(fake_anthropic):
    ai.generate("Same prompt", system_prompt="Persona A", principal=PRINCIPAL)
    ai.generate("Same prompt", system_prompt="Persona B", principal=PRINCIPAL)

    assert [body["system"] for body in fake_anthropic.bodies] == ["Persona A", "Persona B"]


def test_failed_answer_is_not_cached(fake_anthropic):
    fake_anthropic.reply = lambda request: error_response(500, "boom")
    assert ai.generate("p", system_prompt="s", principal=PRINCIPAL) is None
    fake_anthropic.reply = lambda request: message_response("Recovered")

    assert ai.generate("p", system_prompt="s", principal=PRINCIPAL) == "Recovered"


def test_exhausted_ai_rate_limit_raises_before_any_request(fake_anthropic, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "1/hour"}
    ai.generate("first", system_prompt="s", principal=PRINCIPAL)

    with pytest.raises(RateLimitExceeded) as refused:
        ai.generate("second", system_prompt="s", principal=PRINCIPAL)

    assert len(fake_anthropic.requests) == 1
    assert refused.value.state.headers()["Retry-After"].isdigit()


def test_cache_hits_are_not_charged_against_the_rate_limit(fake_anthropic, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "1/hour"}

    answers = [ai.generate("again", system_prompt="s", principal=PRINCIPAL) for _ in range(3)]

    assert answers == ["The stars align."] * 3
    assert len(fake_anthropic.requests) == 1


def test_unavailable_ai_is_not_charged_against_the_rate_limit(settings):
    settings.ANTHROPIC_API_KEY = ""
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "0/hour"}

    assert ai.generate("p", system_prompt="s", principal=PRINCIPAL) is None


def test_rate_limits_are_counted_per_principal(fake_anthropic, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "1/hour"}
    other = Principal(account=SimpleNamespace(pk=7), scopes=frozenset(), auth_type="jwt")
    ai.generate("mine", system_prompt="s", principal=PRINCIPAL)

    with pytest.raises(RateLimitExceeded):
        ai.generate("mine again", system_prompt="s", principal=PRINCIPAL)
    assert ai.generate("theirs", system_prompt="s", principal=other) == "The stars align."


def test_unreachable_cache_still_answers(fake_anthropic, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(caches["default"], "get", unreachable)
    monkeypatch.setattr(caches["default"], "set", unreachable)

    assert ai.generate("p", system_prompt="s", principal=PRINCIPAL) == "The stars align."


def test_generator_answers_in_the_engines_shape(fake_anthropic):
    generate = ai.Generator(PRINCIPAL)

    assert generate("p", system_prompt="s", temperature=0.3) == "The stars align."
    generate.raise_if_refused()  # nothing was refused


def test_generator_keeps_a_rate_limit_refusal_for_the_caller(fake_anthropic, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "0/hour"}
    generate = ai.Generator(PRINCIPAL)

    with pytest.raises(RateLimitExceeded):
        generate("p", system_prompt="s", temperature=0.7)
    with pytest.raises(RateLimitExceeded):
        generate.raise_if_refused()
    assert fake_anthropic.requests == []


def test_the_sdk_is_not_loaded_until_a_call_is_made():
    """The SDK costs each worker ~50 MB; without an AI key nothing should pay for it."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import django, sys; django.setup(); import nps.urls, oracle.api.readings; "
        "from django.urls import resolve; resolve('/api/oracle/reading'); "
        "print('anthropic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "nps.settings", "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
