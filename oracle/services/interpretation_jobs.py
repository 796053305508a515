"""A stored reading's AI interpretation, written by a background job while the page waits.

An AI interpretation takes seconds (up to ``NPS_AI_TIMEOUT``), too long to hold a web worker.
The interpretation section of a reading asks :func:`page_interpretation`, which answers at once:

* the interpretation, when it is ready — the AI's, stored in the reading, or the deterministic one
  (no provider configured; the provider failed; the job took longer than
  ``NPS_AI_JOB_WAIT_SECONDS``, said in a notice);
* ``None`` while the job writes it: the page shows "writing…" and asks again.

The first request queues ``interpret_reading`` (the Celery task ``oracle.tasks.interpret_reading``,
declared here; one job per reading and language, through a lock in the shared cache) once the
caller's ``ai`` rate limit has room; the job calls
:func:`oracle.services.interpretation.interpret_stored`, which stores the AI's answer encrypted in
the reading, and leaves what became of it in the cache for the next request. The job's state
holds no text, only ``queued`` / ``failed`` / ``refused`` and times.

Without a worker (Celery's eager mode, the ``make run`` default) the job runs inside the first
request, which then answers with its result. When the broker or the cache cannot be reached the
request asks the AI itself, as if eager (logged as a warning): slower, but nothing is lost.

Daily insights are not stored: the hourly job (:func:`accounts_due_for_daily`,
:func:`prepare_daily`) writes each recent account's interpretation of its day ahead into the
interpretation cache, where the dashboard's request finds it without waiting for the AI.
"""

from __future__ import annotations

import datetime
import logging
import time
from typing import Any

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from nps.accounts import preferences
from nps.accounts.models import Preferences
from nps.accounts.principal import Principal, principal_for_account
from nps.core import ratelimit
from nps.core.errors import InvalidField, NotFound
from oracle.services import ai, interpretation
from oracle.services.interpretation import Interpretation

logger = logging.getLogger(__name__)

QUEUED = "queued"
FAILED = "failed"  # the AI gave no interpretation: the next request shows the deterministic one
REFUSED = "refused"  # the caller's `ai` limit was used up when the job ran


def state_key(reading_id: int, language: str) -> str:
    return f"interpretation-job:{reading_id}:{language}"


def _state(key: str) -> dict[str, Any] | None:
    value = cache.get(key)
    return value if isinstance(value, dict) else None


def wait_seconds() -> float:
    return settings.NPS_AI_JOB_WAIT_SECONDS


def page_interpretation(
    *,
    principal: Principal,
    reading_id: int,
    language: str,
    retry: bool = False,
    client_address: str | None = None,
) -> Interpretation | None:
    """The interpretation to show now, or ``None`` while the job is writing it.

    Raises ``NotFound`` for a reading that is not the caller's, and ``RateLimitExceeded`` when
    the AI would be asked but the caller's limit is used up (also when the job found it so).
    ``retry`` asks the AI again even after a failure.
    """
    options = {"principal": principal, "reading_id": reading_id, "language": language}
    reading = interpretation.owned_reading(principal, reading_id)  # NotFound before anything
    if not ai.is_available() or principal.account is None:
        return interpretation.interpret_stored(**options, client_address=client_address)
    key = state_key(reading.pk, language)
    try:
        if not retry:
            found = _settled(key, options)
            if found is not False:
                return found
            ready = interpretation.stored_ai_interpretation(reading, language)
            if ready is not None:
                return ready
        refusal = ratelimit.current("ai", principal.rate_key)
        if refusal.exceeded:
            raise ratelimit.RateLimitExceeded(refusal)
        if retry:
            cache.delete(key)
        if not cache.add(key, {"state": QUEUED, "at": time.time()}, int(wait_seconds()) + 60):
            return None  # another request queued it a moment ago
        try:
            _enqueue(principal, reading.pk, language, retry, client_address)
        except Exception:
            cache.delete(key)
            raise
    except ratelimit.RateLimitExceeded:
        raise
    except Exception as error:  # the cache or the broker: ask the AI in this request
        logger.warning("Interpretation job not queued (%s); asking now", type(error).__name__)
        return interpretation.interpret_stored(
            **options, retry=retry, client_address=client_address
        )
    # In eager mode the job has already run: its result is there to show.
    found = _settled(key, options)
    if found is not False:
        return found
    reading.refresh_from_db(fields=["ai_interpretation"])
    return interpretation.stored_ai_interpretation(reading, language)


def _settled(key: str, options: dict[str, Any]) -> Interpretation | bool | None:
    """What the job's state says now: ``None`` while it runs, an interpretation once it ended
    without an AI answer, ``False`` when there is no job (look at the reading)."""
    state = _state(key)
    if state is None:
        return False
    if state["state"] == QUEUED:
        if time.time() - state["at"] < wait_seconds():
            return None
        cache.delete(key)
        found = interpretation.interpret_stored(**options, use_ai=False)
        notice = _(
            "The AI is taking too long to answer; here is the deterministic interpretation. "
            "You can ask the AI again."
        )
        return Interpretation(found.data, ai_available=found.ai_available, notice=notice)
    cache.delete(key)  # a failure or a refusal is told once; the next visit asks again
    if state["state"] == REFUSED:
        reset = max(1, int(state["until"] - time.time()))
        limit = ratelimit.rate_for("ai").limit
        raise ratelimit.RateLimitExceeded(ratelimit.RateState(limit, -1, reset))
    return interpretation.interpret_stored(**options, use_ai=False)


def _enqueue(
    principal: Principal, reading_id: int, language: str, retry: bool, client_address: str | None
) -> None:
    interpret_reading.apply_async(
        args=(principal.account.pk, reading_id, language, retry, client_address),
        retry=False,  # an unreachable broker is answered in the request, not waited for
    )


def run(
    *, account_id: int, reading_id: int, language: str, retry: bool, client_address: str | None
) -> str:
    """The job: ask the AI for the reading's interpretation and leave the outcome for the page.
    Safe to run twice (acks late): a second run finds the stored interpretation."""
    key = state_key(reading_id, language)
    account = get_user_model().objects.filter(pk=account_id, is_active=True).first()
    if account is None:
        cache.delete(key)
        return "gone"
    principal = principal_for_account(account, auth_type="session")
    try:
        found = interpretation.interpret_stored(
            principal=principal,
            reading_id=reading_id,
            language=language,
            retry=retry,
            client_address=client_address,
        )
    except ratelimit.RateLimitExceeded as refusal:
        state = {"state": REFUSED, "until": time.time() + refusal.state.reset}
        cache.set(key, state, refusal.state.reset + 60)
        return REFUSED
    except NotFound:
        cache.delete(key)
        return "gone"
    if found.ai_generated:
        cache.delete(key)
        return "stored"
    cache.set(key, {"state": FAILED, "at": time.time()}, int(wait_seconds()) + 60)
    return FAILED


# Queued by `_enqueue`; named as when it lived in oracle/tasks.py, so queued jobs still run.
@shared_task(name="oracle.tasks.interpret_reading")
def interpret_reading(
    account_id: int, reading_id: int, language: str, retry: bool, client_address: str | None
) -> dict:
    """A stored reading's AI interpretation, asked for by its page (`run`)."""
    outcome = run(
        account_id=account_id,
        reading_id=reading_id,
        language=language,
        retry=retry,
        client_address=client_address,
    )
    return {"reading": reading_id, "outcome": outcome}


def accounts_due_for_daily(*, now: datetime.datetime | None = None) -> list[tuple[int, str]]:
    """``(account id, local date)`` of the accounts whose daily interpretation is worth writing
    ahead (the hourly job): active, signed in within ``NPS_DAILY_PREPARE_ACTIVE_DAYS``, with a
    default profile, whose local day began and was not prepared yet. Empty without a provider."""
    if not ai.is_available():
        return []
    now = now or timezone.now()
    recent = now - datetime.timedelta(days=settings.NPS_DAILY_PREPARE_ACTIVE_DAYS)
    rows = Preferences.objects.filter(
        account__is_active=True,
        account__last_login__gte=recent,
        default_profile__isnull=False,
        default_profile__deleted_at__isnull=True,
    ).select_related("account")
    due = []
    for prefs in rows:
        day = timezone.localtime(now, preferences.zone_of(prefs.account)).date().isoformat()
        if cache.add(f"daily-prepared:{prefs.account_id}:{day}", True, 2 * 86_400):
            due.append((prefs.account_id, day))
    return due


def prepare_daily(*, account_id: int, date_text: str) -> str:
    """Write the account's daily interpretation for ``date_text`` into the interpretation cache,
    where its dashboard finds it (one AI call, charged to the account's `ai` limit)."""
    account = get_user_model().objects.filter(pk=account_id, is_active=True).first()
    prefs = preferences.preferences_of(account) if account is not None else None
    if prefs is None or prefs.default_profile_id is None:
        return "gone"
    language = "fa" if (prefs.language or settings.LANGUAGE_CODE).startswith("fa") else "en"
    principal = principal_for_account(account, auth_type="session")
    try:
        found = interpretation.interpret_daily(
            principal=principal,
            date_text=date_text,
            profile_id=prefs.default_profile_id,
            language=language,
        )
    except ratelimit.RateLimitExceeded:
        return REFUSED
    except (NotFound, InvalidField):
        return "gone"
    return "prepared" if found.ai_generated else FAILED
