"""English ⇄ Persian translation for the API.

The engine (`oracle.engines.translation`) protects the FC60 terms, builds the prompt and restores
the terms; this module adds the AI client, the result cache and its statistics.

The cache lives in the Django cache (Redis in production), so all workers share it: entries for
24 hours, at most `CACHE_MAX_ENTRIES`. Each stored entry takes the next number of a shared counter
(the cache's atomic increment) and a slot `number % CACHE_MAX_ENTRIES` in a ring; the entry that
held that slot before is the oldest one stored, and is evicted. No lock is needed, and a hit never
rewrites shared state other than its own expiry (refreshed) and the hit counter.

Entries hold people's texts (the text and its translation, the names kept through it): an
entry's key is a keyed hash of the request (`nps.core.sealed_values.keyed_digest`) and its result
is encrypted with the app's encryption key, so the cache holds no private text in clear.

Only real AI translations are cached. The no-AI fallback (the text unchanged) is not: V4 cached it
for 24 hours, so a translation asked for while the AI was down stayed untranslated after it was
back.
"""

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core.cache import cache

from nps.accounts.principal import Principal
from nps.core import sealed_values
from oracle.engines import translation as engine
from oracle.services import ai

logger = logging.getLogger(__name__)

LANGUAGES = ("en", "fa")
MAX_TEXT_LENGTH = 10_000
CACHE_TTL_SECONDS = 86_400
CACHE_MAX_ENTRIES = 1000

_PREFIX = "translation"
_SEQUENCE_KEY = f"{_PREFIX}:sequence"
_HITS_KEY = f"{_PREFIX}:hits"
_MISSES_KEY = f"{_PREFIX}:misses"

T = TypeVar("T")


def detect(text: str) -> dict[str, Any]:
    """`{text, detected_lang, confidence}`: 0.9, or 0.5 when there is nothing but whitespace."""
    return {
        "text": text,
        "detected_lang": engine.detect_language(text),
        "confidence": 0.9 if text.strip() else 0.5,
    }


def translate(
    *,
    principal: Principal,
    text: str,
    source_lang: str = "en",
    target_lang: str = "fa",
    generator: ai.Generator | None = None,
    names: Sequence[str] = (),
) -> dict[str, Any]:
    """V4's translation response: `source_text, translated_text, source_lang, target_lang,
    preserved_terms, ai_generated, elapsed_ms, cached`.

    `generator` lets several translations of one request share one AI time budget (a new one,
    with the whole `NPS_AI_TIMEOUT`, otherwise). Raises `RateLimitExceeded` when the call would
    reach the AI and the principal's `ai` limit is used up.
    """
    if source_lang == target_lang:
        return {
            "source_text": text,
            "translated_text": text,
            "source_lang": source_lang,
            "target_lang": target_lang,
            "preserved_terms": [],
            "ai_generated": False,
            "elapsed_ms": 0.0,
            "cached": False,
        }
    started = time.perf_counter()
    key = cache_key(source_lang, target_lang, text, names)
    stored = _lookup(key)
    if stored is not None:
        _count(_HITS_KEY)
        return {**stored, "elapsed_ms": _elapsed_ms(started), "cached": True}
    _count(_MISSES_KEY)
    result = _run_engine(text, source_lang, target_lang, principal, generator, names)
    if result["ai_generated"]:
        _store(key, result)
    return {**result, "elapsed_ms": _elapsed_ms(started), "cached": False}


def cache_stats() -> dict[str, int]:
    """`{total_entries, max_entries, hit_count, miss_count, ttl_seconds}`, across all workers."""
    slots = _safely(
        lambda: cache.get_many([_slot_key(slot) for slot in range(CACHE_MAX_ENTRIES)]), {}
    )
    entries = _safely(lambda: cache.get_many({_entry_key(key) for key in slots.values()}), {})
    return {
        "total_entries": len(entries),
        "max_entries": CACHE_MAX_ENTRIES,
        "hit_count": _safely(lambda: cache.get(_HITS_KEY, 0), 0),
        "miss_count": _safely(lambda: cache.get(_MISSES_KEY, 0), 0),
        "ttl_seconds": CACHE_TTL_SECONDS,
    }


def cache_key(source_lang: str, target_lang: str, text: str, names: Sequence[str] = ()) -> str:
    """A keyed hash of the languages, the text and the names kept through the translation (V4
    hashed the text with plain SHA-256, which lets anyone test a guessed text against it)."""
    return sealed_values.keyed_digest(
        "translation-cache", source_lang, target_lang, text, *sorted(names)
    )


def _run_engine(
    text: str,
    source_lang: str,
    target_lang: str,
    principal: Principal,
    generator: ai.Generator | None = None,
    names: Sequence[str] = (),
) -> dict[str, Any]:
    if not ai.is_available():
        return engine.translate(text, source_lang, target_lang)
    generator = generator or ai.Generator(principal)
    result = engine.translate(text, source_lang, target_lang, generate=generator, names=names)
    generator.raise_if_refused()
    return result


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _entry_key(key: str) -> str:
    return f"{_PREFIX}:entry:{key}"


def _slot_key(slot: int) -> str:
    return f"{_PREFIX}:slot:{slot}"


def _safely(operation: Callable[[], T], default: T) -> T:
    """The cache only saves work: when it is unreachable, translate without it."""
    try:
        return operation()
    except Exception as exc:
        logger.warning("Translation cache unreachable (%s)", type(exc).__name__)
        return default


def _lookup(key: str) -> dict[str, Any] | None:
    def read() -> dict[str, Any] | None:
        entry = cache.get(_entry_key(key))
        if entry is None:
            return None
        result = sealed_values.unseal(entry.get("result"))
        if not isinstance(result, dict):
            return None  # written under a key no longer configured: translate again
        cache.touch(_entry_key(key), CACHE_TTL_SECONDS)
        return result

    return _safely(read, None)


def _count(counter_key: str) -> None:
    def increment() -> None:
        cache.add(counter_key, 0, timeout=None)
        cache.incr(counter_key)

    _safely(increment, None)


def _store(key: str, result: dict[str, Any]) -> None:
    def write() -> None:
        cache.add(_SEQUENCE_KEY, 0, timeout=None)
        number = cache.incr(_SEQUENCE_KEY)
        slot = _slot_key(number % CACHE_MAX_ENTRIES)
        _evict(cache.get(slot), number - CACHE_MAX_ENTRIES)
        cache.set(slot, key, timeout=None)
        kept = {name: value for name, value in result.items() if name != "elapsed_ms"}
        entry = {"number": number, "result": sealed_values.seal(kept)}
        cache.set(_entry_key(key), entry, CACHE_TTL_SECONDS)

    _safely(write, None)


def _evict(key: str | None, number: int) -> None:
    """Drop the entry stored as `number`, unless it has been stored again since (a newer copy)."""
    if key is None:
        return
    entry = cache.get(_entry_key(key))
    if entry is not None and entry["number"] == number:
        cache.delete(_entry_key(key))
