"""Time zones and countries as a reader chooses them, named in the reader's language.

The names come from the Unicode CLDR data that Babel ships (offline): each canonical IANA zone
with its exemplar city and country ("Tehran — Iran", "تهران — ایران"), and every country's name.
Stored values stay the IANA zone key and the country's ISO 3166-1 alpha-2 code; only labels are
translated.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from nps.core.templatetags.nps import to_persian_digits

# The Persian alphabet's order (Unicode puts پ چ ژ گ after the Arabic letters).
_PERSIAN_ORDER = {
    letter: index for index, letter in enumerate("ءآأاإئبپتثجچحخدذرزژسشصضطظعغفقکكگلمنوؤهةیيى")
}


def sort_key(text: str) -> tuple:
    """A key that sorts Persian names in alphabetical order, Latin ones as usual (case-blind)."""
    folded = text.casefold()
    return tuple((_PERSIAN_ORDER.get(char, 100 + ord(char))) for char in folded)


def _language() -> str:
    return (translation.get_language() or "en").split("-")[0]


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (ValueError, LookupError):
        return Locale.parse("en")


@functools.cache
def zone_countries() -> dict[str, str]:
    """Canonical IANA zone → ISO 3166 country code (CLDR's zone territories)."""
    known = zoneinfo.available_timezones()
    return {zone: code for zone, code in get_global("zone_territories").items() if zone in known}


def _offset(zone: str, moment: dt.datetime) -> str:
    delta = moment.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset() or dt.timedelta()
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@functools.cache
def _older_keys() -> dict[str, tuple[str, ...]]:
    """Current IANA key → the older keys CLDR files its city names under (Asia/Kolkata →
    Asia/Calcutta, Europe/Kyiv → Europe/Kiev, America/Argentina/Buenos_Aires →
    America/Buenos_Aires)."""
    older: dict[str, list[str]] = {}
    for alias, zone in get_global("zone_aliases").items():
        older.setdefault(zone, []).append(alias)
    return {zone: tuple(aliases) for zone, aliases in older.items()}


def zone_city(zone: str, locale: Locale) -> str:
    """A zone's exemplar city in `locale`: CLDR's name under the zone's key or one of its older
    keys, else the key's last part ("Argentina/Buenos_Aires" → "Buenos Aires") — never the raw
    id."""
    names = locale.time_zones
    for key in (zone, *_older_keys().get(zone, ())):
        city = names.get(key, {}).get("city")
        if city:
            return city
    city = get_timezone_location(zone, locale=locale, return_city=True)
    return city.rsplit("/", 1)[-1].replace("_", " ")


@functools.cache
def _zone_names(language: str) -> tuple[tuple[str, str, str], ...]:
    """`(zone, city, country)` of every canonical zone in `language`, sorted by city."""
    locale = _locale(language)
    names = [
        (
            zone,
            zone_city(zone, locale),
            locale.territories.get(code, code),
        )
        for zone, code in zone_countries().items()
    ]
    names.sort(key=lambda entry: sort_key(f"{entry[1]} {entry[2]}"))
    return tuple(names)


@functools.lru_cache(maxsize=8)
def _zone_choices(language: str, hour: dt.datetime) -> tuple[tuple[str, str], ...]:
    with translation.override(language):
        template = gettext("%(city)s — %(country)s (%(offset)s)")
        utc_label = gettext("UTC — Coordinated Universal Time")
    choices = [("UTC", utc_label)]
    fixed_zones = []
    for zone, city, country in _zone_names(language):
        offset = f"UTC{_offset(zone, hour)}"
        if _fixed_offset_label(zone) is not None:
            # Etc/GMT-1 and the like are offsets, not places ("GMT+1 — Unknown Region"):
            # listed after the places as "UTC+01:00", east to west; Etc/UTC is "UTC" above.
            if offset != "UTC+00:00":
                fixed_zones.append((zone, offset))
            continue
        if language == "fa":
            # Persian digits, kept left to right inside the right-to-left label (an isolate: an
            # <option> cannot hold a <bdi>).
            offset = f"\u2066{to_persian_digits(offset)}\u2069"
        choices.append((zone, template % {"city": city, "country": country, "offset": offset}))
    fixed_zones.sort(key=lambda entry: -_minutes(entry[1]))
    for zone, offset in fixed_zones:
        label = f"\u2066{to_persian_digits(offset)}\u2069" if language == "fa" else offset
        choices.append((zone, label))
    return tuple(choices)


def _minutes(offset: str) -> int:
    """``UTC+03:30`` → 210, ``UTC−05:00`` → -300."""
    hours, minutes = offset[4:].split(":")
    return (1 if offset[3] == "+" else -1) * (int(hours) * 60 + int(minutes))


@functools.lru_cache(maxsize=8)
def _zone_options_html(language: str, hour: dt.datetime) -> str:
    return "".join(
        f'<option value="{escape(zone)}">{escape(label)}</option>'
        for zone, label in _zone_choices(language, hour)
    )


def _this_hour() -> dt.datetime:
    return timezone.now().replace(minute=0, second=0, microsecond=0)


def zone_choices() -> tuple[tuple[str, str], ...]:
    """Every canonical zone as `(key, "City — Country (UTC±hh:mm)")` in the active language,
    sorted by city, UTC first. Offsets are those of the current hour (summer time changes them)."""
    return _zone_choices(_language(), _this_hour())


def zone_options_html(selected: str | None) -> SafeString:
    """`zone_choices()` as `<option>` elements (built once an hour per language), `selected`
    marked — a `<select>` of 450 zones rendered by Django's widget templates takes ~70 ms."""
    html = _zone_options_html(_language(), _this_hour())
    if selected:
        marker = f'<option value="{escape(selected)}">'
        html = html.replace(marker, marker[:-1] + " selected>", 1)
    return mark_safe(html)  # noqa: S308 — every key and label is escaped where the HTML is built


_ETC_ZONE = re.compile(r"^(?:Etc/)?(?:GMT|UTC|UCT|Universal|Zulu|Greenwich)(?:([+-])(\d{1,2}))?$")


def _fixed_offset_label(zone: str) -> str | None:
    """``Etc/GMT-1`` → ``UTC+01:00`` (POSIX signs are inverted), ``Etc/UTC`` → ``UTC``; None for
    any other zone."""
    match = _ETC_ZONE.match(zone)
    if match is None:
        return None
    sign, hours = match.groups()
    if not hours or int(hours) == 0:
        return "UTC"
    return f"UTC{'+' if sign == '-' else '−'}{int(hours):02d}:00"


def _digits(text: str) -> str:
    """A label's offset as the reader writes it: Persian digits, kept left to right."""
    if _language() == "fa":
        return f"\u2066{to_persian_digits(text)}\u2069"
    return text


def _canonical(zone: str) -> str:
    return get_global("zone_aliases").get(zone, zone)


def zone_label(zone: str) -> str:
    """One zone as the reader reads it: "Tehran — Iran (UTC+03:30)" in the active language (the
    offset of this hour); an old alias ("Asia/Calcutta") as its canonical zone; a fixed zone
    (``Etc/GMT-1``, ``UTC``) as its offset, "UTC+01:00" — never "unknown region"; anything else
    as it was given."""
    fixed = _fixed_offset_label(zone)
    if fixed is not None:
        return _digits(fixed) if fixed != "UTC" else dict(zone_choices())["UTC"]
    return dict(zone_choices()).get(_canonical(zone), zone)


def zone_place(zone: str) -> str:
    """A zone's place without its offset ("Tehran — Iran"; "UTC+01:00" for a fixed zone), for
    texts that give the offset of their own moment."""
    fixed = _fixed_offset_label(zone)
    if fixed is not None:
        return _digits(fixed)
    names = _zone_place_names(_language()).get(_canonical(zone))
    if names is None:
        return zone
    with translation.override(_language()):
        return gettext("%(city)s — %(country)s") % {"city": names[0], "country": names[1]}


@functools.cache
def _zone_place_names(language: str) -> dict[str, tuple[str, str]]:
    """`zone → (city, country)` in `language`: `zone_place` looks one up on every reading shown."""
    return {zone: (city, country) for zone, city, country in _zone_names(language)}


@functools.lru_cache(maxsize=4096)
def _country_name(code: str, language: str) -> str | None:
    return _locale(language).territories.get(code)


def country_name(code: str, english: str) -> str:
    """The country with ISO code `code` named in the active language — CLDR's current name
    ("Türkiye", "Côte d’Ivoire") in English too — (`english` if unknown)."""
    return _country_name(code.upper(), _language()) or english


@functools.cache
def cldr_country_names(language: str) -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → CLDR's name in `language`, for every two-letter territory."""
    return {
        code: name
        for code, name in _locale(language).territories.items()
        if len(code) == 2 and code.isalpha()
    }
