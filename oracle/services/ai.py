"""The AI client: Anthropic's Messages API through the official SDK.

The engines never call out themselves: they take a text generator and fall back to their
deterministic texts when it answers nothing. This module is that generator for the web layer.

* Unavailable (no `ANTHROPIC_API_KEY`) → `None` at once, so every caller falls back.
* Answers are cached for an hour in the Django cache (shared by all workers), so a repeated prompt
  costs neither money nor rate limit. Prompts quote questions and names, and answers repeat them:
  the cache key is a keyed hash of the request and the answer is encrypted with the app's
  encryption key (`nps.core.sealed_values`), so Redis holds no private text.
* The `ai` rate-limit class is charged per principal only when a call is really about to be made
  (not for a cache hit, nor while the circuit is open); over the limit, `RateLimitExceeded`
  propagates (the API answers 429).
* **Bounded time.** A call has a total budget of `NPS_AI_TIMEOUT` seconds (or less: a `deadline`
  shared by the calls of one request). Each attempt gets the remaining budget as its read timeout
  and `NPS_AI_CONNECT_TIMEOUT` to connect. The SDK's own retries are off; this module retries a
  429, a 5xx or a lost connection up to `NPS_AI_MAX_RETRIES` times, pausing as the provider's
  `retry-after` asks or with exponential backoff and jitter — only when the pause and another
  attempt still fit in the budget. So a web worker is never held longer than the budget.
* **Circuit breaker.** After `NPS_AI_CIRCUIT_FAILURES` failed calls in a row, the circuit opens
  for `NPS_AI_CIRCUIT_SECONDS`: no worker calls the provider, every caller falls back at once.
  The state lives in the shared cache (all workers see it); when the cache is down it is kept per
  process (`ratelimit.on_shared_cache`). After the pause the next call tries again; one more
  failure reopens the circuit, a success closes it.
* **Logging and metrics.** One log line per call: outcome, attempts, seconds, token usage, model —
  never the prompt, the answer or an SDK error text (they may quote people's names, birthdays
  and questions). `record_ai_call(outcome, seconds, tokens)` is the metrics hook.
* SDK 2.x speaks API version 2026-10-21, which refuses sampling parameters (`temperature` is a
  400 even at its default), so `temperature` is accepted for the engines' generator protocol and
  not sent.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache

from nps.accounts.principal import Principal
from nps.core import metrics, ratelimit, sealed_values

if TYPE_CHECKING:
    # The SDK is imported only when a call is made: it costs every worker about 50 MB, which an
    # installation without an AI key should not pay.
    import anthropic
    import httpx2

logger = logging.getLogger(__name__)

CACHE_TTL_SECONDS = 3600
# Exponential backoff between attempts: BASE · 2^attempt, at most MAX, times a jitter in [0.5, 1).
BACKOFF_BASE_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 8.0
# An attempt is not started with less budget than this left.
MIN_ATTEMPT_SECONDS = 0.2

_CIRCUIT_OPEN_KEY = "ai:circuit:open"
_CIRCUIT_FAILURES_KEY = "ai:circuit:failures"

# Outcomes of a call (log lines and metrics).
OK, CACHED, UNAVAILABLE, CIRCUIT_OPEN = "ok", "cached", "unavailable", "circuit_open"
TIMEOUT, RATE_LIMITED, UPSTREAM_ERROR = "timeout", "rate_limited", "upstream_error"
CONNECTION_ERROR, MALFORMED, REFUSED = "connection_error", "malformed", "refused"
EMPTY, BUDGET_SPENT = "empty", "budget_spent"

ClientFactory = Callable[..., "anthropic.Anthropic"]


def record_ai_call(outcome: str, seconds: float, tokens: int) -> None:
    """Metrics hook, one call per AI request (cache hits included, as `cached`).

    Counted in Prometheus (`nps.core.metrics`): calls by outcome, their duration and tokens.
    """
    metrics.record_ai_call(outcome, seconds, tokens)


def build_client(
    *,
    api_key: str,
    base_url: str | None = None,
    timeout: float,
    http_client: httpx2.Client | None = None,
) -> anthropic.Anthropic:
    """The SDK client as NPS uses it. `http_client` lets tests give it a fake transport."""
    import anthropic

    return anthropic.Anthropic(
        api_key=api_key,
        base_url=base_url or None,
        timeout=timeout,
        max_retries=0,  # retried here, within the request's budget
        http_client=http_client,
        # No tracing spans: they could carry request content to an exporter.
        open_telemetry=False,
    )


# Tests may replace this with a factory whose client talks to an `httpx2.MockTransport`.
client_factory: ClientFactory = build_client
_clients: dict[tuple, anthropic.Anthropic] = {}


def _client() -> anthropic.Anthropic:
    """One client (and connection pool) per process, rebuilt when its settings change."""
    key = (
        client_factory,
        settings.ANTHROPIC_API_KEY,
        settings.ANTHROPIC_BASE_URL,
        settings.NPS_AI_TIMEOUT,
    )
    client = _clients.get(key)
    if client is None:
        _clients.clear()
        client = _clients[key] = client_factory(
            api_key=settings.ANTHROPIC_API_KEY,
            base_url=settings.ANTHROPIC_BASE_URL or None,
            timeout=settings.NPS_AI_TIMEOUT,
        )
    return client


def is_available() -> bool:
    return bool(settings.ANTHROPIC_API_KEY)


def cache_key(*, model: str, max_tokens: int, system_prompt: str, prompt: str) -> str:
    """The model and token budget are part of the key: either changes the answer. A keyed hash:
    without the encryption key nobody can test a guessed question against it."""
    digest = sealed_values.keyed_digest(
        "ai-answer-cache", model, str(max_tokens), system_prompt, prompt
    )
    return "ai:" + digest


def _cached(key: str) -> str | None:
    try:
        stored = cache.get(key)
    except Exception as exc:
        logger.warning("AI answer cache unreachable (%s)", type(exc).__name__)
        return None
    text = sealed_values.unseal(stored)
    return text if isinstance(text, str) and text else None


def _remember(key: str, text: str) -> None:
    try:
        cache.set(key, sealed_values.seal(text), timeout=CACHE_TTL_SECONDS)
    except Exception as exc:
        logger.warning("AI answer cache unreachable (%s)", type(exc).__name__)


# --------------------------------------------------------------------------------------------
# Circuit breaker


def circuit_is_open() -> bool:
    return bool(ratelimit.on_shared_cache(lambda store: store.get(_CIRCUIT_OPEN_KEY)))


def _circuit_failed() -> None:
    threshold = settings.NPS_AI_CIRCUIT_FAILURES
    pause = settings.NPS_AI_CIRCUIT_SECONDS

    def count(store) -> int:
        store.add(_CIRCUIT_FAILURES_KEY, 0, timeout=pause * 10)
        try:
            return store.incr(_CIRCUIT_FAILURES_KEY)
        except ValueError:  # expired between add and incr
            store.set(_CIRCUIT_FAILURES_KEY, 1, timeout=pause * 10)
            return 1

    failures = ratelimit.on_shared_cache(count)
    if failures >= threshold:
        opened = ratelimit.on_shared_cache(
            lambda store: store.add(_CIRCUIT_OPEN_KEY, 1, timeout=pause)
        )
        if opened:
            logger.warning(
                "AI circuit open: %d failed calls in a row; no calls for %d s", failures, pause
            )


def _circuit_succeeded() -> None:
    def close(store) -> None:
        if store.get(_CIRCUIT_FAILURES_KEY):
            store.delete(_CIRCUIT_FAILURES_KEY)

    ratelimit.on_shared_cache(close)


def reset_circuit() -> None:
    ratelimit.on_shared_cache(
        lambda store: store.delete_many([_CIRCUIT_OPEN_KEY, _CIRCUIT_FAILURES_KEY])
    )


# --------------------------------------------------------------------------------------------
# One call, with retries inside its budget


@dataclass
class CallResult:
    text: str | None
    outcome: str
    attempts: int = 0
    input_tokens: int = 0
    output_tokens: int = 0


def _retry_after(headers) -> float | None:
    """Seconds the provider asks us to wait (`retry-after-ms`, `retry-after` seconds or date)."""
    if headers is None:
        return None
    try:
        if headers.get("retry-after-ms"):
            return max(0.0, float(headers["retry-after-ms"]) / 1000)
        value = headers.get("retry-after")
        if not value:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            when = email.utils.parsedate_tz(value)
            return max(0.0, email.utils.mktime_tz(when) - time.time()) if when else None
    except (TypeError, ValueError, OverflowError):
        return None


def _backoff(attempt: int) -> float:
    delay = min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2**attempt)
    return delay * (0.5 + random.random() / 2)  # noqa: S311 - jitter, not cryptography


def _answer_text(message) -> str:
    return "".join(block.text for block in message.content if block.type == "text").strip()


def _call(request: dict, end: float) -> CallResult:
    """Attempt the request until it succeeds, fails for good, or the budget up to `end` is spent."""
    import anthropic
    import httpx2

    client = _client()
    result = CallResult(text=None, outcome=BUDGET_SPENT)
    for attempt in range(settings.NPS_AI_MAX_RETRIES + 1):
        remaining = end - time.monotonic()
        if remaining < MIN_ATTEMPT_SECONDS:
            return result
        result.attempts = attempt + 1
        timeout = httpx2.Timeout(remaining, connect=min(settings.NPS_AI_CONNECT_TIMEOUT, remaining))
        wait: float | None = None
        try:
            message = client.messages.create(**request, timeout=timeout)
        except anthropic.APITimeoutError:
            result.outcome = TIMEOUT
            wait = _backoff(attempt)
        except anthropic.APIConnectionError:
            result.outcome = CONNECTION_ERROR
            wait = _backoff(attempt)
        except anthropic.APIStatusError as error:
            status = error.status_code
            if status == 429 or status >= 500:
                result.outcome = RATE_LIMITED if status == 429 else UPSTREAM_ERROR
                asked = _retry_after(getattr(error.response, "headers", None))
                wait = asked if asked is not None else _backoff(attempt)
            else:  # 4xx: our request or key is wrong; retrying cannot help
                result.outcome = f"{REFUSED}_{status}"
                return result
        except Exception:  # an answer the SDK could not read
            result.outcome = MALFORMED
            return result
        else:
            try:
                text = _answer_text(message)
                usage = message.usage
                result.input_tokens = int(getattr(usage, "input_tokens", 0) or 0)
                result.output_tokens = int(getattr(usage, "output_tokens", 0) or 0)
            except Exception:
                result.outcome = MALFORMED
                return result
            result.text = text or None
            result.outcome = OK if text else EMPTY
            return result
        if attempt == settings.NPS_AI_MAX_RETRIES:
            return result
        # Pause only if another attempt still fits in the budget after it.
        if wait is None or time.monotonic() + wait + MIN_ATTEMPT_SECONDS > end:
            return result
        time.sleep(wait)
    return result


def _log(result: CallResult, seconds: float, model: str) -> None:
    tokens = result.input_tokens + result.output_tokens
    level = logging.INFO if result.outcome in (OK, CACHED) else logging.WARNING
    logger.log(
        level,
        "AI call outcome=%s attempts=%d seconds=%.3f input_tokens=%d output_tokens=%d model=%s",
        result.outcome,
        result.attempts,
        seconds,
        result.input_tokens,
        result.output_tokens,
        model,
    )
    record_ai_call(result.outcome, seconds, tokens)


def generate(
    prompt: str,
    *,
    system_prompt: str,
    principal: Principal,
    max_tokens: int | None = None,
    temperature: float = 0.7,
    deadline: float | None = None,
) -> str | None:
    """The AI's answer to `prompt`, or `None` when there is none (unavailable or failed).

    `deadline` (a `time.monotonic()` value) caps the call's budget further, so several calls of
    one request share `NPS_AI_TIMEOUT`. Raises `RateLimitExceeded` when `principal` has used up
    its `ai` limit. `temperature` is not sent (see the module docstring).
    """
    if not is_available():
        return None
    started = time.monotonic()
    model = settings.NPS_AI_MODEL
    max_tokens = max_tokens or settings.NPS_AI_MAX_TOKENS
    key = cache_key(model=model, max_tokens=max_tokens, system_prompt=system_prompt, prompt=prompt)
    cached = _cached(key)
    if cached is not None:
        _log(CallResult(cached, CACHED), time.monotonic() - started, model)
        return cached
    if circuit_is_open():
        _log(CallResult(None, CIRCUIT_OPEN), time.monotonic() - started, model)
        return None
    _client()  # the SDK's first import (seconds, once per process) is not the provider's time
    end = time.monotonic() + settings.NPS_AI_TIMEOUT
    if deadline is not None:
        end = min(end, deadline)
    if end - time.monotonic() < MIN_ATTEMPT_SECONDS:
        _log(CallResult(None, BUDGET_SPENT), time.monotonic() - started, model)
        return None
    ratelimit.charge("ai", principal.rate_key)
    request: dict = {
        "model": model,
        "max_tokens": max_tokens,
        "messages": [{"role": "user", "content": prompt}],
    }
    if system_prompt:
        request["system"] = system_prompt
    result = _call(request, end)
    _log(result, time.monotonic() - started, model)
    if result.outcome in (OK, EMPTY):
        _circuit_succeeded()
    else:
        _circuit_failed()
    if result.text:
        _remember(key, result.text)
    return result.text


class Generator:
    """`generate` bound to one principal, in the shape the engines take (`TextGenerator`).

    All calls made through one generator share one budget of `budget` seconds (default
    `NPS_AI_TIMEOUT`), counted from its first call: a reading that asks several
    questions (a group) still holds its worker no longer than that.

    The engines treat any exception from a generator as an AI failure and fall back to their
    deterministic text. A refused rate limit must reach the caller as a 429 instead, so it is
    kept here and raised again by `raise_if_refused()` once the engine has returned.
    """

    def __init__(self, principal: Principal, *, budget: float | None = None) -> None:
        self.principal = principal
        self.refusal: ratelimit.RateLimitExceeded | None = None
        self.budget = budget if budget is not None else settings.NPS_AI_TIMEOUT
        self.deadline: float | None = None  # set at the first call
        self.answered = 0  # calls that got a text

    def __call__(self, prompt: str, *, system_prompt: str, temperature: float = 0.7) -> str | None:
        if self.deadline is None:
            if is_available():
                _client()  # the SDK's first import is not the provider's time
            self.deadline = time.monotonic() + self.budget
        try:
            text = generate(
                prompt,
                system_prompt=system_prompt,
                principal=self.principal,
                temperature=temperature,
                deadline=self.deadline,
            )
        except ratelimit.RateLimitExceeded as refusal:
            self.refusal = refusal
            raise
        if text:
            self.answered += 1
        return text

    def raise_if_refused(self) -> None:
        if self.refusal is not None:
            raise self.refusal
