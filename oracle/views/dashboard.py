"""The dashboard (`/` for a signed-in account): greeting, today in both calendars with the moon,
today's daily reading for the default profile, quick actions, counters, the latest readings.

An account with no profile and no reading sees a first-steps panel instead of zeros. The counters
come from `oracle.services.stats`, the same service as `GET /api/oracle/stats`.
"""

from __future__ import annotations

import json
import zoneinfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nps.accounts import preferences
from nps.core import places
from nps.core.errors import InvalidField, NotFound
from nps.core.http import client_ip
from nps.core.kept import Memory
from oracle.engines.errors import EngineError
from oracle.models import Profile, ReadingKind
from oracle.services import readings, stats
from oracle.views.consult import day_of
from oracle.views.reading_page import annotate

RECENT = 5


def greeting(hour: int) -> str:
    if 5 <= hour < 12:
        return _("Good morning")
    if 12 <= hour < 18:
        return _("Good afternoon")
    return _("Good evening")


def daily_for(request: HttpRequest, profile_id: int | None, zone_name: str) -> dict | None:
    """Today's daily insight (no AI: the dashboard loads on every visit), for the profile if it
    can be read; a profile gone or unusable falls back to the day alone. The default profile's is
    stored (once a day: the history keeps every day's); the day alone is only shown.

    The moment is this minute (its sky is shown to the minute): within a minute the block is the
    same, and its HTML is kept (`{% kept %}`)."""
    this_minute = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(zone_name))
    this_minute = this_minute.replace(second=0, microsecond=0).isoformat()
    for candidate in (profile_id, None) if profile_id is not None else (None,):
        try:
            if candidate is None:
                return _the_day_alone(request, this_minute, zone_name)
            return readings.daily_reading(
                principal=request.principal,
                date_text=this_minute,
                profile_id=candidate,
                timezone_name=zone_name,
                use_ai=False,
                # composed in English as the hourly job prepares its interpretation (the summary
                # shows terms and numbers, each in the page's language; the reading page re-makes
                # the texts in the page's language)
                store=True,
                client_address=client_ip(request),
            )
        except (NotFound, InvalidField, EngineError):
            continue
    return None


# The day alone (no person, nothing stored) is the same for every account with the same minute,
# zone and waking hours: made once and kept (read only: it is shared), the newest 256.
DAYS_ALONE = Memory(capacity=256)


def _the_day_alone(request: HttpRequest, this_minute: str, zone_name: str) -> dict:
    key = (this_minute, zone_name, preferences.waking_hours_of(request.user))
    found = DAYS_ALONE.get(key)
    if found is None:
        found = readings.daily_reading(
            principal=request.principal,
            date_text=this_minute,
            timezone_name=zone_name,
            use_ai=False,
            client_address=client_ip(request),
        )
        DAYS_ALONE.put(key, found)
    return found


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """`/`: the dashboard for a signed-in account, else the welcome page."""
    if request.user.is_authenticated:
        return dashboard(request)
    return render(request, "core/home.html", {"signup_open": settings.NPS_ALLOW_SIGNUP})


def dashboard(request: HttpRequest) -> HttpResponse:
    prefs = preferences.preferences_of(request.user)
    zone = preferences.zone_of(request.user)
    now = timezone.localtime(timezone.now(), zone)
    default_profile = prefs.default_profile if prefs.default_profile_id else None
    if default_profile is not None and default_profile.deleted_at is not None:
        default_profile = None
    # first: the day's first visit stores the default profile's daily reading, which is counted
    daily = daily_for(request, default_profile.pk if default_profile else None, zone.key)
    counters = stats.reading_stats(principal=request.principal, zone=zone)
    has_profiles = Profile.objects.visible_to(request.principal).exists()
    recent = annotate(
        list(stats.own_readings(request.principal).order_by("-created_at")[:RECENT]),
        request.principal,
    )
    context = {
        "greeting": greeting(now.hour),
        "today": now.date(),
        "zone_name": places.zone_label(zone.key),
        "stats": counters,
        "by_type": [
            (kind.label, count) for kind, count in ReadingKind.totals(counters.readings_by_type)
        ],
        "most_used": (
            ReadingKind.of(counters.most_used_type).label if counters.most_used_type else None
        ),
        "quick_actions": ReadingKind.choices,
        "daily": daily,
        "result_date": day_of(daily),
        "default_profile": default_profile if daily and daily.get("person") else None,
        "has_profiles": has_profiles,
        "first_steps": counters.total_readings == 0 and not has_profiles,
        "recent": recent,
    }
    # What the dashboard shows, to keep its HTML under (`{% kept %}`, nps.core.kept).
    context["kept_parts"] = (
        request.user.username,
        context["greeting"],
        json.dumps(daily, sort_keys=True, default=str),
        repr(counters),
        has_profiles,
        (default_profile.pk, default_profile.name) if context["default_profile"] else None,
        [(reading.pk, reading.kind, reading.title, reading.created_at) for reading in recent],
    )
    return render(request, "core/home.html", context)
