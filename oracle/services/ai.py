"""The AI client: Anthropic's Messages API through the official SDK.

The engines never call out themselves: they take a text generator and fall back to their
deterministic texts when it answers nothing. This module is that generator for the web layer.

* Unavailable (no `ANTHROPIC_API_KEY`) → `None` at once, so every caller falls back.
* Answers are cached for an hour in the Django cache (shared by all workers), so a repeated prompt
  costs neither money nor rate limit.
* The `ai` rate-limit class is charged per principal only when a call is really about to be made;
  over the limit, `RateLimitExceeded` propagates (the API answers 429).
* Any failure of the call itself → `None`. Only the exception's type is logged: prompts and
  answers hold people's names, birthdays and questions, and SDK error texts may quote them.
* One attempt per call (no SDK retries), bounded by `NPS_AI_TIMEOUT`: the web request is waiting.
* SDK 2.x speaks API version 2026-10-21, which refuses sampling parameters (`temperature` is a
  400 even at its default), so `temperature` is accepted for the engines' generator protocol and
  not sent.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache

from nps.accounts.principal import Principal
from nps.core import metrics, ratelimit

if TYPE_CHECKING:
    # The SDK is imported only when a call is made: it costs every worker about 50 MB, which an
    # installation without an AI key should not pay.
    import anthropic
    import httpx2

logger = logging.getLogger(__name__)

CACHE_TTL_SECONDS = 3600

ClientFactory = Callable[..., "anthropic.Anthropic"]


def build_client(
    *, api_key: str, timeout: float, http_client: httpx2.Client | None = None
) -> anthropic.Anthropic:
    """The SDK client as NPS uses it. `http_client` lets tests give it a fake transport."""
    import anthropic

    return anthropic.Anthropic(
        api_key=api_key,
        timeout=timeout,
        max_retries=0,
        http_client=http_client,
        # No tracing spans: they could carry request content to an exporter.
        open_telemetry=False,
    )


# Tests replace this with a factory whose client talks to an `httpx2.MockTransport`.
client_factory: ClientFactory = build_client
_clients: dict[tuple, anthropic.Anthropic] = {}


def _client() -> anthropic.Anthropic:
    """One client (and connection pool) per process, rebuilt when the key or factory changes."""
    key = (client_factory, settings.ANTHROPIC_API_KEY, settings.NPS_AI_TIMEOUT)
    client = _clients.get(key)
    if client is None:
        _clients.clear()
        client = _clients[key] = client_factory(
            api_key=settings.ANTHROPIC_API_KEY, timeout=settings.NPS_AI_TIMEOUT
        )
    return client


def is_available() -> bool:
    return bool(settings.ANTHROPIC_API_KEY)


def cache_key(*, model: str, max_tokens: int, system_prompt: str, prompt: str) -> str:
    """The model and token budget are part of the key: either changes the answer."""
    material = f"{model}|||{max_tokens}|||{system_prompt}|||{prompt}"
    return "ai:" + hashlib.sha256(material.encode()).hexdigest()


def _cached(key: str) -> str | None:
    try:
        text = cache.get(key)
    except Exception as exc:
        logger.warning("AI answer cache unreachable (%s)", type(exc).__name__)
        return None
    return text if isinstance(text, str) and text else None


def _remember(key: str, text: str) -> None:
    try:
        cache.set(key, text, timeout=CACHE_TTL_SECONDS)
    except Exception as exc:
        logger.warning("AI answer cache unreachable (%s)", type(exc).__name__)


def _answer_text(message: anthropic.types.Message) -> str:
    return "".join(block.text for block in message.content if block.type == "text").strip()


def generate(
    prompt: str,
    *,
    system_prompt: str,
    principal: Principal,
    max_tokens: int | None = None,
    temperature: float = 0.7,
) -> str | None:
    """The AI's answer to `prompt`, or `None` when there is none (unavailable or failed).

    Raises `RateLimitExceeded` when `principal` has used up its `ai` limit. `temperature` is not
    sent (see the module docstring).
    """
    if not is_available():
        return None
    model = settings.NPS_AI_MODEL
    max_tokens = max_tokens or settings.NPS_AI_MAX_TOKENS
    key = cache_key(model=model, max_tokens=max_tokens, system_prompt=system_prompt, prompt=prompt)
    cached = _cached(key)
    if cached is not None:
        return cached
    ratelimit.charge("ai", principal.rate_key)
    request: dict = {
        "model": model,
        "max_tokens": max_tokens,
        "messages": [{"role": "user", "content": prompt}],
    }
    if system_prompt:
        request["system"] = system_prompt
    try:
        with metrics.timed_ai_call() as outcome:
            text = _answer_text(_client().messages.create(**request))
            if not text:
                outcome["value"] = "empty"
    except Exception as exc:
        logger.warning("AI call failed (%s)", type(exc).__name__)
        return None
    if not text:
        return None
    _remember(key, text)
    return text


class Generator:
    """`generate` bound to one principal, in the shape the engines take (`TextGenerator`).

    The engines treat any exception from a generator as an AI failure and fall back to their
    deterministic text. A refused rate limit must reach the caller as a 429 instead, so it is
    kept here and raised again by `raise_if_refused()` once the engine has returned.
    """

    def __init__(self, principal: Principal) -> None:
        self.principal = principal
        self.refusal: ratelimit.RateLimitExceeded | None = None

    def __call__(self, prompt: str, *, system_prompt: str, temperature: float = 0.7) -> str | None:
        try:
            return generate(
                prompt,
                system_prompt=system_prompt,
                principal=self.principal,
                temperature=temperature,
            )
        except ratelimit.RateLimitExceeded as refusal:
            self.refusal = refusal
            raise

    def raise_if_refused(self) -> None:
        if self.refusal is not None:
            raise self.refusal
