"""The AI client against a real HTTP server speaking the Messages API (tests/fake_provider.py):
retries, timeouts, the circuit breaker, the log line — every failure ends in `None` (the caller's
fallback), never an exception."""

import logging
import time

import pytest
from django.core.cache import cache, caches

from nps.accounts.principal import Principal
from oracle.services import ai
from oracle.tests.fake_provider import Malformed, Reply, Slow, Status, closed_port_url

PRINCIPAL = Principal(account=None, scopes=frozenset({"oracle:write"}), auth_type="legacy")
SECRET_PROMPT = "Maryam born 1990-03-21 asks about her marriage"


def ask(prompt: str = SECRET_PROMPT) -> str | None:
    return ai.generate(prompt, system_prompt="You are the oracle.", principal=PRINCIPAL)


def test_success_answers_through_the_base_url_and_logs_usage_without_user_text(
    fake_provider, caplog
):
    with caplog.at_level(logging.INFO, logger="oracle.services.ai"):
        assert ask() == "The stars align."

    [body] = fake_provider.bodies
    assert body["messages"][0]["content"] == SECRET_PROMPT
    headers = {name.lower(): value for name, value in fake_provider.headers[0].items()}
    assert headers["authorization"] == "Bearer sk-ant-fake-0123456789abcdef"
    assert "outcome=ok attempts=1" in caplog.text
    assert "input_tokens=42 output_tokens=17" in caplog.text
    assert "Maryam" not in caplog.text and "stars align" not in caplog.text


def test_metrics_hook_gets_every_call(fake_provider, monkeypatch):
    calls = []
    monkeypatch.setattr(ai, "record_ai_call", lambda *args: calls.append(args))
    ask()
    ask()  # cached

    assert [(outcome, tokens) for outcome, _, tokens in calls] == [("ok", 59), ("cached", 0)]


def test_cache_hit_makes_no_second_call(fake_provider):
    assert ask() == ask() == "The stars align."
    assert fake_provider.calls == 1


def test_429_then_success_is_retried_after_the_asked_pause(fake_provider, caplog):
    fake_provider.script.extend([Status(429, retry_after="0"), Reply("Second time lucky")])

    with caplog.at_level(logging.INFO, logger="oracle.services.ai"):
        assert ask() == "Second time lucky"

    assert fake_provider.calls == 2
    assert "outcome=ok attempts=2" in caplog.text


def test_500_is_retried_a_bounded_number_of_times_then_falls_back(fake_provider, caplog):
    fake_provider.default = Status(500)

    with caplog.at_level(logging.INFO, logger="oracle.services.ai"):
        assert ask() is None

    assert fake_provider.calls == 3  # one attempt and NPS_AI_MAX_RETRIES=2 retries
    assert "outcome=upstream_error attempts=3" in caplog.text


def test_retry_after_beyond_the_budget_is_not_waited_for(fake_provider):
    fake_provider.script.append(Status(529, retry_after="600"))

    assert ask() is None
    assert fake_provider.calls == 1


def test_timeout_ends_within_the_budget(fake_provider, settings, caplog):
    settings.NPS_AI_TIMEOUT = 0.6
    fake_provider.default = Slow(5)
    started = time.monotonic()

    with caplog.at_level(logging.INFO, logger="oracle.services.ai"):
        assert ask() is None

    assert time.monotonic() - started < 0.6 + 1.0  # the budget, plus slack for a loaded machine
    assert "outcome=timeout" in caplog.text


def test_malformed_answer_falls_back_without_retrying(fake_provider, caplog):
    fake_provider.default = Malformed()

    with caplog.at_level(logging.INFO, logger="oracle.services.ai"):
        assert ask() is None

    assert fake_provider.calls == 1
    assert "outcome=malformed" in caplog.text


def test_refused_connection_falls_back(fake_provider, settings, caplog):
    settings.ANTHROPIC_BASE_URL = closed_port_url()

    with caplog.at_level(logging.INFO, logger="oracle.services.ai"):
        assert ask() is None

    assert "outcome=connection_error attempts=3" in caplog.text


def test_refused_request_is_not_retried(fake_provider, caplog):
    fake_provider.default = Status(401)

    with caplog.at_level(logging.INFO, logger="oracle.services.ai"):
        assert ask() is None

    assert fake_provider.calls == 1
    assert "outcome=refused_401" in caplog.text


def test_circuit_opens_after_failures_in_a_row_and_stops_calling(fake_provider, settings, caplog):
    settings.NPS_AI_MAX_RETRIES = 0
    fake_provider.default = Status(503)
    for attempt in range(3):  # NPS_AI_CIRCUIT_FAILURES
        assert ask(f"prompt {attempt}") is None
    fake_provider.default = Reply("Back again")

    with caplog.at_level(logging.INFO, logger="oracle.services.ai"):
        assert ask("while open") is None

    assert fake_provider.calls == 3
    assert "outcome=circuit_open" in caplog.text
    assert cache.get("ai:circuit:open")  # shared by every worker
    ai.reset_circuit()
    assert ask("after the pause") == "Back again"


def test_a_success_closes_the_failure_count(fake_provider, settings):
    settings.NPS_AI_MAX_RETRIES = 0
    fake_provider.script.extend([Status(500), Status(500), Reply("ok"), Status(500)])
    for attempt in range(4):
        ask(f"prompt {attempt}")

    assert ai.circuit_is_open() is False


def test_circuit_still_works_per_process_when_the_cache_is_down(
    fake_provider, settings, monkeypatch
):
    settings.NPS_AI_MAX_RETRIES = 0
    fake_provider.default = Status(500)

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    for method in ("get", "set", "add", "incr", "delete", "delete_many"):
        monkeypatch.setattr(caches["default"], method, unreachable)
    for attempt in range(3):
        assert ask(f"prompt {attempt}") is None

    assert ask("while open") is None
    assert fake_provider.calls == 3


def test_calls_of_one_generator_share_one_budget(fake_provider, settings):
    settings.NPS_AI_TIMEOUT = 30
    fake_provider.script.append(Reply("Quick answer"))
    fake_provider.default = Slow(30)  # outlasts whatever budget is left
    generate = ai.Generator(PRINCIPAL, budget=1.5)

    answers = [generate(f"part {n}", system_prompt="s") for n in range(4)]

    assert answers[0] == "Quick answer"
    assert answers[1] is None  # cut off when the shared budget ran out, not at 30 s
    assert answers[2:] == [None, None]  # the budget is spent: no more calls
    assert fake_provider.calls == 2


def test_unavailable_without_a_key_sends_nothing(fake_provider, settings):
    settings.ANTHROPIC_API_KEY = ""

    assert ask() is None
    assert fake_provider.calls == 0


@pytest.mark.parametrize(
    ("value", "seconds"), [("2", 2.0), ("0.25", 0.25), ("soon", None), ("", None)]
)
def test_retry_after_header_is_read_as_seconds(value, seconds):
    assert ai._retry_after({"retry-after": value}) == seconds
