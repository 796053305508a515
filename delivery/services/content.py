"""The day's reading of an account as it is sent: computed through the same services as the
dashboard (`oracle.services.readings.daily_reading` for the account's default profile, falling
back to the day alone, and its sectioned interpretation), in the account's language and zone,
under the account's own principal."""

from __future__ import annotations

import contextlib
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation

from nps.accounts import preferences
from nps.accounts.principal import Principal, principal_for_account
from nps.core import dates
from nps.core.errors import InvalidField, NotFound
from nps.core.ratelimit import RateLimitExceeded
from oracle.engines import i18n
from oracle.engines.errors import EngineError
from oracle.services import interpretation, readings

# The interpretation's sections a message carries (the others repeat the numbers shown above).
SECTIONS = ("core_identity", "message", "advice", "caution")
_ISO_DATE = re.compile(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b(?!T)")
_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")


def language_of(account) -> str:
    chosen = preferences.preferences_of(account).language or settings.LANGUAGE_CODE
    return "fa" if chosen.startswith("fa") else "en"


@contextlib.contextmanager
def speaking_as(account, language: str | None = None) -> Iterator[str]:
    """Translations, calendar and digits of the account (its language unless one is given)."""
    language = language or language_of(account)
    with translation.override(language), dates.override(preferences.calendar_of(account)):
        yield language


def plain(text: Any) -> str:
    """An engine text for a plain-text message in the active language: no `**` marks, its
    `YYYY-MM-DD` dates in the reader's calendar, Persian digits in Persian."""
    text = _BOLD.sub(r"\1", "" if text is None else str(text))

    def local(match: re.Match[str]) -> str:
        try:
            return dates.format_date(datetime.date(*(int(part) for part in match.groups())))
        except ValueError:
            return match.group(0)

    text = _ISO_DATE.sub(local, text)
    return dates.to_persian_digits(text) if dates.is_persian() else text


def term(value: Any) -> str:
    return plain(i18n.term(value, translation.get_language()))


@dataclass(frozen=True)
class DailyContent:
    day: datetime.date
    language: str
    result: dict[str, Any]
    sections: dict[str, str]
    profile_name: str | None

    @property
    def best_hours(self) -> list[str]:
        return [f"{entry['hour']:02d}:00" for entry in self.result.get("best_hours", [])[:3]]


def daily_content(
    account,
    day: datetime.date,
    *,
    principal: Principal | None = None,
    use_ai: bool = True,
    store: bool = False,
) -> DailyContent:
    """The account's reading of `day` (its local day): for its default profile when that can be
    read, else the day alone; the AI's interpretation when it is available and the account's `ai`
    limit allows, else the deterministic one. `store=True` (a chat's `/daily`) keeps it like the
    API does: once per account, profile (or none) and local day, audited."""
    principal = principal or principal_for_account(account, auth_type="delivery")
    prefs = preferences.preferences_of(account)
    zone = preferences.zone_of(account)
    language = language_of(account)
    profile_id = prefs.default_profile_id
    result = None
    for candidate in (profile_id, None) if profile_id is not None else (None,):
        try:
            result = readings.daily_reading(
                principal=principal,
                date_text=day.isoformat(),
                timezone_name=zone.key,
                profile_id=candidate,
                use_ai=False,
                language=language,
                store=store,
            )
            break
        except (NotFound, InvalidField, EngineError):
            continue
    if result is None:  # the day alone cannot fail but for a broken engine: let it raise
        raise RuntimeError("The daily reading could not be made")
    try:
        found = interpretation.interpret(
            principal=principal, kind="daily", result=result, language=language, use_ai=use_ai
        )
    except RateLimitExceeded:
        found = interpretation.deterministic("daily", result, language)
    person = result.get("person")
    name = person.get("name") if isinstance(person, dict) else None
    return DailyContent(
        day=day,
        language=language,
        result=result,
        sections={key: found.sections.get(key, "") for key in SECTIONS},
        profile_name=name,
    )
